/* lede-abi.c — the flat C ABI of lede.h, a thin shim over the GObject API. */
#include "lede-private.h"

#include <gmodule.h>
#include <string.h>

struct lede_annotator
{
  LedeAnnotator *annotator;
};

static const lede_plugin_descriptor plugin_info = {
  .struct_size = sizeof (lede_plugin_descriptor),
  .abi_major = LEDE_ABI_MAJOR,
  .abi_minor = LEDE_ABI_MINOR,
  .capabilities = LEDE_ALL_LAYERS | LEDE_CAP_UTF8_REPAIR,
  .schema_version = 1,
  .name = "lede",
  .version = "0.1.0",
  .description = "Annotates English news articles: structure, tokens, sentences, dates",
  .license = "LGPL-2.1-or-later",
};

/* Lede registers GTypes, which cannot be unregistered: a GModule host must
 * never unload it. */
G_MODULE_EXPORT const gchar *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

uint32_t
lede_abi_version (void)
{
  return LEDE_ABI_VERSION;
}

const lede_plugin_descriptor *
lede_plugin_info (void)
{
  return &plugin_info;
}

/* One allocation holding the struct and its message, so lede_free() releases both. */
static void
set_error (lede_error **error, int32_t code, int64_t position, const char *message)
{
  gsize size = strlen (message) + 1;
  lede_error *e;

  if (error == NULL)
    return;
  e = g_malloc (sizeof (lede_error) + size);
  e->struct_size = sizeof (lede_error);
  e->code = code;
  e->position = position;
  e->message = memcpy ((char *) (e + 1), message, size);
  *error = e;
}

/* The byte position an invalid-UTF-8 message names, so callers need not parse it. */
static int64_t
error_position (const GError *gerror)
{
  const char *at;

  if (!g_error_matches (gerror, LEDE_ERROR, LEDE_ERROR_INVALID_UTF8))
    return -1;
  at = strstr (gerror->message, "at byte ");
  return at ? (int64_t) g_ascii_strtoll (at + 8, NULL, 10) : -1;
}

static void
set_error_from_gerror (lede_error **error, const GError *gerror)
{
  int32_t code = gerror->domain == LEDE_ERROR ? gerror->code : LEDE_ERR_INTERNAL;

  set_error (error, code, error_position (gerror), gerror->message);
}

lede_annotator *
lede_annotator_new (const char *options_json, lede_error **error)
{
  g_autoptr(GError) gerror = NULL;
  lede_annotator *handle;
  LedeAnnotator *annotator;

  if (error != NULL)
    *error = NULL;
  annotator = lede_annotator_new_from_json (options_json, &gerror);
  if (annotator == NULL)
    {
      set_error_from_gerror (error, gerror);
      return NULL;
    }
  handle = g_new0 (lede_annotator, 1);
  handle->annotator = annotator;
  return handle;
}

void
lede_annotator_free (lede_annotator *annotator)
{
  if (annotator == NULL)
    return;
  g_object_unref (annotator->annotator);
  g_free (annotator);
}

char *
lede_annotate (const lede_annotator *annotator, const char *text, size_t len,
               const char *meta_json, lede_error **error)
{
  g_autoptr(GError) gerror = NULL;
  g_autoptr(LedeDoc) doc = NULL;

  if (error != NULL)
    *error = NULL;
  if (annotator == NULL)
    {
      set_error (error, LEDE_ERR_INVALID_ARGUMENT, -1, "the annotator is NULL");
      return NULL;
    }
  if (text == NULL && len > 0)
    {
      set_error (error, LEDE_ERR_INVALID_ARGUMENT, -1, "the text is NULL but its length is not 0");
      return NULL;
    }
  if ((uint64_t) len > LEDE_MAX_TEXT_BYTES)
    {
      set_error (error, LEDE_ERR_TOO_LARGE, -1, "the text is longer than Lede can address");
      return NULL;
    }
  /* the JSON is written before returning, so the doc may borrow the caller's text */
  doc = lede_annotator_run (annotator->annotator, text, len, meta_json, &gerror);
  if (doc == NULL)
    {
      set_error_from_gerror (error, gerror);
      return NULL;
    }
  return lede_json_write (doc, doc->options.pretty);
}

void
lede_free (void *ptr)
{
  g_free (ptr);
}
