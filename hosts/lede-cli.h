/* lede-cli.h — shared between the `lede` command and its library loader. */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <lede/lede.h>

/* Exit codes of `lede`, also listed in `lede --help`. When several inputs fail
 * in different ways, the highest of 1, 3 and 5 wins: an invalid-UTF-8 article
 * is the most specific news (rerun with --repair). 2 and 4 end the run at once. */
typedef enum {
  LEDE_CLI_EXIT_OK = 0,
  LEDE_CLI_EXIT_FAILED = 1,       /* an article or a JSON Lines line failed */
  LEDE_CLI_EXIT_USAGE = 2,        /* bad command line, incl. a --date the library rejects */
  LEDE_CLI_EXIT_IO = 3,           /* an input unreadable, or the output unwritable */
  LEDE_CLI_EXIT_LIBRARY = 4,      /* library not found, not loadable, wrong ABI, missing symbol */
  LEDE_CLI_EXIT_INVALID_UTF8 = 5, /* an article is not UTF-8 (and --repair was not given) */
} LedeCliExit;

/* The loaded library: every entry point the CLI calls, looked up by name. */
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

LedeLibrary *lede_library_load (const char *explicit_path, GError **error);
void lede_library_free (LedeLibrary *lib);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LedeLibrary, lede_library_free)

int32_t lede_library_error_code (const lede_error *error);
const char *lede_library_error_message (const lede_error *error);
const char *lede_library_string (const char *s);
