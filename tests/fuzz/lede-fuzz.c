/* lede-fuzz.c — a libFuzzer target for lede_annotate().
 *
 * The first byte of the input chooses the per-call options (repair, offset
 * unit, tokens, pretty, a publication date); the rest is the article. Beyond
 * "no crash, no leak, no sanitizer report", it checks the contract:
 *  - a call either returns JSON or sets an error, never both or neither;
 *  - with "repair", no input is refused;
 *  - without it, only invalid UTF-8 is refused, at a position inside the text;
 *  - the output is one balanced JSON object that json-glib parses, with
 *    "schema": 1 and the unit that was asked for.
 *
 * Built only with -Dfuzzing=true and clang; see tests/fuzz/run-fuzz.sh. */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lede/lede.h>

static lede_annotator *annotator;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  lede_error *error = NULL;

  annotator = lede_annotator_new (NULL, &error);
  if (annotator == NULL)
    {
      fprintf (stderr, "lede_annotator_new: %s\n", error->message);
      abort ();
    }
  return 0;
}

/* Lede's own strictness, restated independently: well-formed UTF-8 (NUL included). */
static gboolean
is_utf8 (const char *text, size_t len)
{
  g_autofree char *copy = NULL;

  if (len == 0)
    return TRUE;
  copy = g_malloc (len);
  memcpy (copy, text, len);
  for (size_t i = 0; i < len; i++)
    if (copy[i] == '\0')
      copy[i] = ' ';
  return g_utf8_validate_len (copy, len, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const units[] = { "codepoint", "utf16", "byte", "codepoint" };
  uint8_t choice = size > 0 ? data[0] : 0;
  gboolean repair = (choice & 1) != 0, tokens = (choice & 8) != 0;
  gboolean pretty = (choice & 16) != 0, dated = (choice & 32) != 0;
  const char *unit = units[(choice >> 1) & 3];
  const char *text;
  size_t len;
  g_autofree char *meta = NULL;
  g_autofree char *copy = NULL;
  lede_error *error = NULL;
  char *json;

  if (size > 0)
    data++, size--;
  /* an exact-size copy, so ASan sees any read past the end */
  copy = size > 0 ? g_memdup2 (data, size) : NULL;
  text = copy;
  len = size;

  meta = g_strdup_printf ("{\"repair\": %s, \"offsets\": \"%s\", \"tokens\": %s, \"pretty\": %s%s}",
                          repair ? "true" : "false", unit, tokens ? "true" : "false",
                          pretty ? "true" : "false", dated ? ", \"date\": \"2022-12-22\"" : "");
  json = lede_annotate (annotator, text, len, meta, &error);

  if (json == NULL)
    {
      if (error == NULL)
        abort ();                       /* NULL without an error */
      if (repair || error->code != LEDE_ERR_INVALID_UTF8)
        {
          fprintf (stderr, "unexpected error %d: %s\n", error->code, error->message);
          abort ();
        }
      if (error->position < 0 || (size_t) error->position >= len || is_utf8 (text, len))
        {
          fprintf (stderr, "bad invalid-UTF-8 error at %lld: %s\n", (long long) error->position,
                   error->message);
          abort ();
        }
      lede_free (error);
      return 0;
    }
  if (error != NULL)
    abort ();                           /* JSON and an error */
  if (!repair && !is_utf8 (text, len))
    abort ();                           /* invalid text accepted */

  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autoptr(GError) parse_error = NULL;
    JsonObject *root;

    if (!json_parser_load_from_data (parser, json, -1, &parse_error))
      {
        fprintf (stderr, "output is not JSON: %s\n", parse_error->message);
        abort ();
      }
    root = json_node_get_object (json_parser_get_root (parser));
    if (root == NULL || json_object_get_int_member_with_default (root, "schema", 0) != 1
        || g_strcmp0 (json_object_get_string_member_with_default (root, "offsets", ""), unit) != 0
        || json_object_has_member (root, "tokens") != tokens)
      {
        fprintf (stderr, "output breaks the schema (wanted offsets %s, tokens %d): %.500s\n",
                 unit, tokens, json);
        abort ();
      }
  }
  lede_free (json);
  return 0;
}
