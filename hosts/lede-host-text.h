/* lede-host-text.h — an article's text, sliced by the spans of Lede's JSON. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* A host asks Lede for code-point offsets and cuts the text itself from the
 * bytes it passed in: exact, and safe for NUL characters, which a JSON
 * string read by json-glib cannot carry. */
typedef struct {
  const char *bytes;    /* borrowed: valid UTF-8, as Lede accepted it */
  gsize len;
  guint32 *byte_at;     /* byte offset of each code point, plus the end */
  guint32 n_chars;
} LedeHostText;

gboolean lede_host_text_init (LedeHostText *text, const char *bytes, gsize len, GError **error);
void lede_host_text_clear (LedeHostText *text);

/* The bytes of code points [start, end), or NULL when the range is not
 * inside the text. */
const char *lede_host_text_slice (const LedeHostText *text, gint64 start, gint64 end,
                                  gsize *len);

/* Reads a span object {"start", "end", ...} of a document in code points:
 * FALSE when it is not one, or lies outside the text. */
gboolean lede_host_text_span (const LedeHostText *text, JsonObject *span,
                              gint64 *start, gint64 *end);

/* The largest JSON document a host parses into a tree. json-glib's tree
 * takes some 15 times the JSON's size in memory (and Lede's JSON is some
 * 12 to 25 times the article's), so this bounds a host's memory near 250 MB:
 * articles up to about 1 MB, or 650 kB with the token table. */
#define LEDE_HOST_MAX_DOCUMENT_BYTES (16 * 1024 * 1024)

/* Parses the JSON document Lede returned into parser: its root object, or
 * NULL with error set when it is too large or (a library bug) not an object. */
JsonObject *lede_host_parse_document (JsonParser *parser, const char *json, GError **error);

/* A document member that is a span object, or NULL (absent, null, not an object). */
JsonObject *lede_host_object_member (JsonObject *object, const char *name);
/* A string member, or NULL. */
const char *lede_host_string_member (JsonObject *object, const char *name);
/* An array member, or NULL. */
JsonArray *lede_host_array_member (JsonObject *object, const char *name);
/* Element i of an array when it is an object, or NULL. */
JsonObject *lede_host_array_object (JsonArray *array, guint i);
