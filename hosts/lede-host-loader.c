/* lede-host-loader.c — finds liblede at run time and checks it before any use.
 *
 * The hosts (the `lede` command, the SQLite extension) never link liblede:
 * they open it with GModule, as any third-party host would, so a library
 * built apart from them (or a wrong one) is met with a message rather than a
 * crash. This file is a static library linked into each host.
 */
#define _GNU_SOURCE /* dladdr */
#include "lede-host-loader.h"

#include <dlfcn.h>
#include <stddef.h>

G_DEFINE_QUARK (lede-host-loader-error, lede_host_loader_error)
#define LOADER_ERROR (lede_host_loader_error_quark ())

typedef uint32_t (*AbiVersionFunc) (void);
typedef const lede_plugin_descriptor *(*PluginInfoFunc) (void);

void
lede_library_free (LedeLibrary *lib)
{
  if (lib == NULL)
    return;
  /* liblede makes itself resident, so closing only drops our reference */
  if (lib->module != NULL)
    g_module_close (lib->module);
  g_free (lib->path);
  g_free (lib);
}

static gboolean
lookup (LedeLibrary *lib, const char *name, gpointer *symbol, GError **error)
{
  if (g_module_symbol (lib->module, name, symbol) && *symbol != NULL)
    return TRUE;
  g_set_error (error, LOADER_ERROR, 0,
               "%s is not a usable Lede library: missing symbol %s", lib->path, name);
  return FALSE;
}

/* The version check comes before every other lookup: a library of another
 * major ABI may name or shape its functions differently, and "wrong ABI" is
 * the message that tells the user what is going on. */
static gboolean
check_abi (LedeLibrary *lib, GError **error)
{
  /* a variable, not the macro: while the minor is 0 the comparison below is
   * always false, which is right but which -Wtype-limits would flag */
  const uint32_t built_minor = LEDE_ABI_MINOR;
  AbiVersionFunc abi_version;
  PluginInfoFunc plugin_info;
  uint32_t version;

  if (!lookup (lib, "lede_abi_version", (gpointer *) &abi_version, error)
      || !lookup (lib, "lede_plugin_info", (gpointer *) &plugin_info, error))
    return FALSE;

  version = abi_version ();
  lib->abi_major = version >> 16;
  lib->abi_minor = version & 0xffff;
  if (lib->abi_major != LEDE_ABI_MAJOR || lib->abi_minor < built_minor)
    {
      g_set_error (error, LOADER_ERROR, 0,
                   "%s has Lede ABI %u.%u, but this host was built against ABI %d.%d "
                   "and needs ABI %d.%d or a later %d.x",
                   lib->path, lib->abi_major, lib->abi_minor, LEDE_ABI_MAJOR, LEDE_ABI_MINOR,
                   LEDE_ABI_MAJOR, LEDE_ABI_MINOR, LEDE_ABI_MAJOR);
      return FALSE;
    }

  /* struct_size first: a host reads every field it was built with, which a
   * library of the same major and a minor at least ours must have */
  lib->info = plugin_info ();
  if (lib->info == NULL || lib->info->struct_size < sizeof (lede_plugin_descriptor))
    {
      g_set_error (error, LOADER_ERROR, 0,
                   "%s is not a usable Lede library: its plugin descriptor has %u bytes, "
                   "ABI %d.%d needs at least %zu",
                   lib->path, lib->info ? lib->info->struct_size : 0,
                   LEDE_ABI_MAJOR, LEDE_ABI_MINOR, sizeof (lede_plugin_descriptor));
      return FALSE;
    }
  return TRUE;
}

static LedeLibrary *
open_library (const char *path, const char *origin, GError **error)
{
  g_autoptr(LedeLibrary) lib = g_new0 (LedeLibrary, 1);

  lib->path = g_strdup (path);
  lib->module = g_module_open (path, G_MODULE_BIND_LOCAL | G_MODULE_BIND_LAZY);
  if (lib->module == NULL)
    {
      g_set_error (error, LOADER_ERROR, 0, "cannot load the Lede library %s (from %s): %s",
                   path, origin, g_module_error ());
      return NULL;
    }
  if (!check_abi (lib, error)
      || !lookup (lib, "lede_annotator_new", (gpointer *) &lib->annotator_new, error)
      || !lookup (lib, "lede_annotator_free", (gpointer *) &lib->annotator_free, error)
      || !lookup (lib, "lede_annotate", (gpointer *) &lib->annotate, error)
      || !lookup (lib, "lede_free", (gpointer *) &lib->free, error))
    return NULL;
  return g_steal_pointer (&lib);
}

/* The build-tree library only serves build-tree hosts: an installed host
 * must not pick up whatever a developer's build directory holds today. The
 * host is the file holding this code (the `lede` program, or a module such
 * as the SQLite extension loaded into someone else's program). */
static gboolean
in_build_hosts_dir (const char *file)
{
  g_autofree char *path = g_canonicalize_filename (file, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  return g_strcmp0 (dir, LEDE_BUILD_HOSTS_DIR) == 0;
}

static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  Dl_info info;

  if (exe != NULL && in_build_hosts_dir (exe))
    return TRUE;
  return dladdr ((void *) running_from_build_tree, &info) != 0 && info.dli_fname != NULL
         && info.dli_fname[0] != '\0' && in_build_hosts_dir (info.dli_fname);
}

/* Search order: the host's explicit path (explicit_origin names where it
 * came from, e.g. "--library"), $LEDE_LIBRARY, the build tree, the install libdir,
 * then the dynamic loader's own search path. A path the user named is used
 * or refused, never silently replaced by another. */
LedeLibrary *
lede_library_load (const char *explicit_path, const char *explicit_origin, GError **error)
{
  const char *env = g_getenv ("LEDE_LIBRARY");
  g_autoptr(GError) last_error = NULL;
  LedeLibrary *lib;

  if (explicit_path != NULL)
    return open_library (explicit_path, explicit_origin, error);
  if (env != NULL && *env != '\0')
    return open_library (env, "LEDE_LIBRARY", error);
  if (running_from_build_tree () && g_file_test (LEDE_BUILD_LIBRARY, G_FILE_TEST_EXISTS))
    return open_library (LEDE_BUILD_LIBRARY, "the build tree", error);
  if (g_file_test (LEDE_INSTALLED_LIBRARY, G_FILE_TEST_EXISTS))
    return open_library (LEDE_INSTALLED_LIBRARY, "the install directory", error);

  lib = open_library ("liblede-1.so.0", "the dynamic loader's search path", &last_error);
  if (lib == NULL)
    g_set_error (error, LOADER_ERROR, 0,
                 "the Lede library was not found: %s does not exist, and %s; "
                 "set LEDE_LIBRARY to its path%s%s",
                 LEDE_INSTALLED_LIBRARY, last_error->message,
                 explicit_origin ? " or name it with " : "", lede_library_string (explicit_origin));
  return lib;
}

/* A lede_error is read as the ABI says: struct_size first, then only the
 * fields it covers. */
int32_t
lede_library_error_code (const lede_error *error)
{
  if (error == NULL || error->struct_size < offsetof (lede_error, code) + sizeof (int32_t))
    return LEDE_ERR_INTERNAL;
  return error->code;
}

const char *
lede_library_error_message (const lede_error *error)
{
  if (error == NULL || error->struct_size < offsetof (lede_error, message) + sizeof (char *)
      || error->message == NULL)
    return "the library reported a failure without a message";
  return error->message;
}

const char *
lede_library_string (const char *s)
{
  return s != NULL ? s : "";
}
