/* lede-test-helpers.h — checks shared by the tests that go through the flat ABI
 * (test-abi, test-bad-input, test-threads): they parse Lede's JSON with
 * json-glib and hold it to the contract of docs/schema.md, not to what any
 * layer happens to find. Header-only: each test is one executable. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include <lede/lede.h>

#if defined(__SANITIZE_ADDRESS__)
# define LEDE_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define LEDE_TEST_UNDER_ASAN 1
# endif
#endif
#ifndef LEDE_TEST_UNDER_ASAN
# define LEDE_TEST_UNDER_ASAN 0
#endif

/* Smaller sizes and fewer rounds: LEDE_TEST_QUICK=1 (the valgrind and asan
 * test setups set it), and always in a build with AddressSanitizer. */
static inline gboolean
lede_test_quick (void)
{
  const char *q = g_getenv ("LEDE_TEST_QUICK");

  return LEDE_TEST_UNDER_ASAN || (q != NULL && *q != '\0' && !g_str_equal (q, "0"));
}

/* A heap copy of exactly len bytes, with no NUL after it: hosts may pass text
 * that is not NUL-terminated, and the sanitizer runs should catch any reader
 * that assumes otherwise. */
static inline char *
lede_test_exact_copy (const char *text, gsize len)
{
  return len > 0 ? g_memdup2 (text, len) : NULL;
}

/* Code points in valid UTF-8, NUL characters included (g_utf8_strlen stops at NUL). */
static inline gint64
lede_test_count_codepoints (const char *text, gsize len)
{
  gint64 n = 0;

  for (gsize i = 0; i < len; i++)
    n += ((guchar) text[i] & 0xC0) != 0x80;
  return n;
}

/* Annotates and fails the test on an error, printing it. */
static inline char *
lede_test_annotate (const lede_annotator *annotator, const char *text, gsize len,
                    const char *meta_json)
{
  lede_error *error = NULL;
  g_autofree char *copy = lede_test_exact_copy (text, len);
  char *json = lede_annotate (annotator, copy, len, meta_json, &error);

  if (json == NULL)
    g_error ("lede_annotate failed: code %d at %" G_GINT64_FORMAT ": %s",
             error ? error->code : -1, error ? error->position : -1,
             error ? error->message : "(no error set)");
  g_assert_null (error);
  return json;
}

/* Parses JSON that must be an object; the caller unrefs the parser. */
static inline JsonParser *
lede_test_parse (const char *json)
{
  JsonParser *parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return parser;
}

/* A cheap structural check for outputs too big to parse into a tree: balanced
 * brackets outside strings, well-formed escapes, no raw control characters in
 * strings, nothing after the top-level object but white space. */
static inline void
lede_test_json_well_formed (const char *json, gsize len)
{
  GString *stack = g_string_new (NULL);
  gboolean in_string = FALSE;
  gsize i;

  g_assert_cmpuint (len, >, 1);
  g_assert_cmpint (json[0], ==, '{');
  for (i = 0; i < len; i++)
    {
      guchar c = (guchar) json[i];

      if (in_string)
        {
          g_assert_cmpuint (c, >=, 0x20);
          if (c == '\\')
            {
              i++;
              g_assert_cmpuint (i, <, len);
              g_assert_nonnull (strchr ("\"\\/bfnrtu", json[i]));
              if (json[i] == 'u')
                {
                  g_assert_cmpuint (i + 4, <, len);
                  for (guint k = 1; k <= 4; k++)
                    g_assert_true (g_ascii_isxdigit (json[i + k]));
                  i += 4;
                }
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        g_string_append_c (stack, (char) c);
      else if (c == '}' || c == ']')
        {
          g_assert_cmpuint (stack->len, >, 0);
          g_assert_cmpint (stack->str[stack->len - 1], ==, c == '}' ? '{' : '[');
          g_string_truncate (stack, stack->len - 1);
          if (stack->len == 0)
            break;
        }
    }
  g_assert_false (in_string);
  g_assert_cmpuint (stack->len, ==, 0);
  for (i++; i < len; i++)
    g_assert_true (g_ascii_isspace (json[i]));
  g_string_free (stack, TRUE);
}

/* Maps offsets in one unit of a valid UTF-8 text to byte offsets. */
typedef struct {
  const char *text;
  gsize       len;
  char        unit;      /* 'c'odepoint, 'u'tf16, 'b'yte */
  GArray     *to_byte;   /* guint32 per unit offset; G_MAXUINT32 inside a character */
} LedeTestOffsets;

static inline void
lede_test_offsets_init (LedeTestOffsets *o, const char *text, gsize len, const char *unit)
{
  const guint32 inside = G_MAXUINT32;

  o->text = text;
  o->len = len;
  o->unit = unit[0];
  g_assert_true (g_str_equal (unit, "codepoint") || g_str_equal (unit, "utf16")
                 || g_str_equal (unit, "byte"));
  o->to_byte = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (gsize b = 0; b < len; )
    {
      guchar c = (guchar) text[b];
      guint n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      guint32 b32 = (guint32) b;

      g_array_append_val (o->to_byte, b32);
      if (o->unit == 'b')
        for (guint k = 1; k < n; k++)
          g_array_append_val (o->to_byte, inside);
      else if (o->unit == 'u' && n == 4)
        g_array_append_val (o->to_byte, inside);
      b += n;
    }
  {
    guint32 end = (guint32) len;
    g_array_append_val (o->to_byte, end);
  }
}

static inline void
lede_test_offsets_clear (LedeTestOffsets *o)
{
  g_array_unref (o->to_byte);
}

static inline guint32
lede_test_offsets_byte (const LedeTestOffsets *o, gint64 offset)
{
  guint32 b;

  g_assert_cmpint (offset, >=, 0);
  g_assert_cmpint (offset, <, o->to_byte->len);
  b = g_array_index (o->to_byte, guint32, offset);
  if (b == G_MAXUINT32)
    g_error ("offset %" G_GINT64_FORMAT " (%c) falls inside a character", offset, o->unit);
  return b;
}

/* Checks every object that has "start" and "end": in range, on character
 * boundaries, and "text" (when present) equal to that slice of the text.
 * Arrays of spans named in ordered[] must be in order and not overlap. */
static inline void
lede_test_check_spans (const LedeTestOffsets *o, JsonNode *node, const char *member)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean ordered = g_strcmp0 (member, "sentences") == 0 || g_strcmp0 (member, "tokens") == 0
                         || g_strcmp0 (member, "structure") == 0;
      gint64 last_end = 0;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          lede_test_check_spans (o, element, NULL);
          if (ordered)
            {
              JsonObject *span = json_node_get_object (element);
              gint64 start = json_object_get_int_member (span, "start");

              g_assert_cmpint (start, >=, last_end);
              last_end = json_object_get_int_member (span, "end");
            }
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (json_object_has_member (object, "start") && json_object_has_member (object, "end"))
        {
          gint64 start = json_object_get_int_member (object, "start");
          gint64 end = json_object_get_int_member (object, "end");
          guint32 bs, be;

          g_assert_cmpint (start, <=, end);
          bs = lede_test_offsets_byte (o, start);
          be = lede_test_offsets_byte (o, end);
          if (json_object_has_member (object, "text") && memchr (o->text + bs, '\0', be - bs) == NULL)
            {
              const char *text = json_object_get_string_member (object, "text");

              g_assert_nonnull (text);
              g_assert_cmpmem (text, strlen (text), o->text + bs, be - bs);
            }
        }
      for (GList *l = members; l != NULL; l = l->next)
        lede_test_check_spans (o, json_object_get_member (object, l->data), l->data);
    }
}

/* The core of docs/schema.md, and every span against the text it refers to
 * (the input, or its repaired form). */
static inline void
lede_test_check_output (JsonNode *root, const char *text, gsize len, const char *unit)
{
  JsonObject *object = json_node_get_object (root);
  JsonObject *document;
  LedeTestOffsets offsets;

  g_assert_cmpint (json_object_get_int_member (object, "schema"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "offsets"), ==, unit);
  g_assert_true (json_object_has_member (object, "document"));
  document = json_object_get_object_member (object, "document");
  g_assert_nonnull (document);
  g_assert_cmpstr (json_object_get_string_member (document, "language"), ==, "en");
  g_assert_true (json_object_has_member (document, "date"));
  g_assert_true (json_object_has_member (document, "warnings"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (document, "warnings")));
  g_assert_true (json_object_has_member (document, "repaired"));

  lede_test_offsets_init (&offsets, text, len, unit);
  g_assert_cmpint (json_object_get_int_member (document, "length"), ==, offsets.to_byte->len - 1);
  lede_test_check_spans (&offsets, root, NULL);
  lede_test_offsets_clear (&offsets);
}
