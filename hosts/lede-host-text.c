/* lede-host-text.c — maps the code-point offsets of Lede's JSON back onto the
 * bytes a host annotated, and reads the JSON's members defensively: a host
 * trusts the library's output no more than any other input. */
#include "lede-host-text.h"

#include <string.h>

G_DEFINE_QUARK (lede-host-text-error, lede_host_text_error)

gboolean
lede_host_text_init (LedeHostText *text, const char *bytes, gsize len, GError **error)
{
  const char *end;
  guint32 n = 0;

  *text = (LedeHostText) { .bytes = bytes, .len = len };
  /* Lede refuses more than 2^31 - 1 bytes, so guint32 offsets suffice */
  if (len > G_MAXINT32)
    {
      g_set_error (error, lede_host_text_error_quark (), 0, "the text is over 2^31 - 1 bytes");
      return FALSE;
    }
  /* NUL is a character to Lede (U+0000), though g_utf8_validate stops at it */
  for (const char *p = bytes; !g_utf8_validate_len (p, len - (gsize) (p - bytes), &end);
       p = end + 1)
    if (*end != '\0')
      {
        g_set_error (error, lede_host_text_error_quark (), 0,
                     "the text is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                     (gsize) (end - bytes));
        return FALSE;
      }
  text->byte_at = g_new (guint32, len + 1);
  for (const char *p = bytes; p < bytes + len; p = g_utf8_next_char (p))
    text->byte_at[n++] = (guint32) (p - bytes);
  text->byte_at[n] = (guint32) len;
  text->byte_at = g_renew (guint32, text->byte_at, n + 1);
  text->n_chars = n;
  return TRUE;
}

void
lede_host_text_clear (LedeHostText *text)
{
  g_clear_pointer (&text->byte_at, g_free);
}

const char *
lede_host_text_slice (const LedeHostText *text, gint64 start, gint64 end, gsize *len)
{
  if (start < 0 || start > end || end > text->n_chars)
    return NULL;
  *len = text->byte_at[end] - text->byte_at[start];
  return text->bytes + text->byte_at[start];
}

JsonObject *
lede_host_parse_document (JsonParser *parser, const char *json, GError **error)
{
  g_autoptr(GError) parse_error = NULL;
  gsize len = strlen (json);
  JsonNode *root;

  if (len > LEDE_HOST_MAX_DOCUMENT_BYTES)
    {
      g_set_error (error, lede_host_text_error_quark (), 0,
                   "the article has too many annotations to read back: Lede's JSON for it "
                   "is %" G_GSIZE_FORMAT " MB, over the %d MB a host reads",
                   len >> 20, LEDE_HOST_MAX_DOCUMENT_BYTES >> 20);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, (gssize) len, &parse_error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, lede_host_text_error_quark (), 0,
                   "the library returned a document that is not a JSON object%s%s",
                   parse_error ? ": " : "", parse_error ? parse_error->message : "");
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
int_member (JsonObject *object, const char *name, gint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
lede_host_text_span (const LedeHostText *text, JsonObject *span, gint64 *start, gint64 *end)
{
  return span != NULL && int_member (span, "start", start) && int_member (span, "end", end)
         && *start >= 0 && *start <= *end && *end <= text->n_chars;
}

JsonObject *
lede_host_object_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
lede_host_string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
lede_host_array_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
lede_host_array_object (JsonArray *array, guint i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
