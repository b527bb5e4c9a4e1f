/* lede-host-loader.h — how a host finds, checks and calls liblede at run time
 * (lede-host-loader.c), shared by the `lede` command and the SQLite extension. */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <lede/lede.h>

/* The loaded library: every entry point a host calls, looked up by name. */
typedef struct {
  GModule *module;
  char *path;
  uint32_t abi_major;
  uint32_t abi_minor;
  const lede_plugin_descriptor *info;
  lede_annotator *(*annotator_new) (const char *options_json, lede_error **error);
  void (*annotator_free) (lede_annotator *annotator);
  char *(*annotate) (const lede_annotator *annotator, const char *text, size_t len,
                     const char *meta_json, lede_error **error);
  void (*free) (void *ptr);
} LedeLibrary;

/* explicit_path (may be NULL) is a path the host's user named, explicit_origin
 * how messages call it ("--library"); see lede-host-loader.c for the order. */
LedeLibrary *lede_library_load (const char *explicit_path, const char *explicit_origin,
                                GError **error);
void lede_library_free (LedeLibrary *lib);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LedeLibrary, lede_library_free)

int32_t lede_library_error_code (const lede_error *error);
const char *lede_library_error_message (const lede_error *error);
const char *lede_library_string (const char *s);
