/* test-bad-input.c — what Lede answers to input no one should send it, through
 * the flat ABI: invalid UTF-8 (an error with the byte position, or a repair),
 * empty text, NUL characters, and inputs built to find quadratic paths or
 * unbounded memory (a 50 MB article, 1 MB lines, 100,000 blank lines,
 * unbalanced quotes and brackets, 1 MB of punctuation or digits).
 *
 * Each big case runs in a subprocess (g_test_trap_subprocess) so its peak
 * memory can be measured on its own: the child reports the growth of
 * ru_maxrss across lede_annotate() and the seconds it took, and the parent
 * asserts the growth stays under 10x the input, plus twice the JSON the caller
 * gets back (the string itself and its buffer's growth: a token list alone is
 * ~12 bytes of JSON per byte of text, and that is the caller's request, not
 * waste), plus a fixed 64 MB. Times are only reported (g_test_message), never
 * asserted.
 *
 * LEDE_TEST_QUICK=1 (set by the valgrind and asan test setups) shrinks every
 * big case to at most 512 KB and runs it in-process, without the memory
 * measurement, so valgrind sees it and the suite stays within minutes. A build
 * with AddressSanitizer is always quick, however it is run: its shadow memory
 * and quarantine make RSS meaningless, and the full sizes add nothing the
 * plain build does not check. */
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "lede-test-helpers.h"

/* The memory bound of a big case: peak growth < FACTOR x input
 * + OUTPUT_FACTOR x output + OVERHEAD. */
#define MEMORY_FACTOR 10
#define MEMORY_OUTPUT_FACTOR 2
#define MEMORY_OVERHEAD_KB (64 * 1024)

/* A big case that takes longer than this has a superlinear path somewhere:
 * at the 1 MB/s the pipeline manages on news text, 50 MB takes under a minute. */
#define CASE_TIMEOUT_SECONDS 300

/* The JSON of a big case may be at most this many times the text (+ 1 MB). */
#define OUTPUT_FACTOR 100

/* Outputs larger than this get the structural check instead of a full parse. */
#define PARSE_LIMIT (24 * 1024 * 1024)

static gboolean quick;
static lede_annotator *annotator;

/* ---- invalid UTF-8 -------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *bytes;
  gsize       len;
  gint64      position;
  const char *repaired;   /* bytes.decode ("utf-8", errors="replace") */
} InvalidCase;

#define CASE(name, bytes, pos, repaired) { name, bytes, sizeof bytes - 1, pos, repaired }
#define FFFD "\xEF\xBF\xBD"

static const InvalidCase invalid_cases[] = {
  CASE ("lone continuation byte", "The \x80 mayor said.", 4, "The " FFFD " mayor said."),
  CASE ("truncated sequence at the end", "The mayor said \xE2\x80", 15, "The mayor said " FFFD),
  CASE ("truncated 4-byte sequence at the end", "Smile \xF0\x9F\x98", 6, "Smile " FFFD),
  CASE ("overlong 0xC0 0xAF", "a/b \xC0\xAF c", 4, "a/b " FFFD FFFD " c"),
  CASE ("surrogate 0xED 0xA0 0x80", "x \xED\xA0\x80 y", 2, "x " FFFD FFFD FFFD " y"),
  CASE ("above U+10FFFF 0xF4 0x90 0x80 0x80", "big \xF4\x90\x80\x80!", 4,
        "big " FFFD FFFD FFFD FFFD "!"),
  CASE ("Latin-1 text", "Caf\xE9 society na\xEFve.", 3, "Caf" FFFD " society na" FFFD "ve."),
  CASE ("0xFF at the start", "\xFF\xFEHello.", 0, FFFD FFFD "Hello."),
  CASE ("after valid multibyte text", "\xE2\x80\x9CYes,\xE2\x80\x9D \xC3\xA9t\xC3 \xC3\xA9.", 14,
        "\xE2\x80\x9CYes,\xE2\x80\x9D \xC3\xA9t" FFFD " \xC3\xA9."),
};

static void
test_invalid_utf8_position (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autofree char *copy = lede_test_exact_copy (c->bytes, c->len);
      lede_error *error = NULL;

      g_test_message ("case: %s", c->name);
      g_assert_null (lede_annotate (annotator, copy, c->len, NULL, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (error->code, ==, LEDE_ERR_INVALID_UTF8);
      g_assert_cmpint (error->position, ==, c->position);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      lede_free (error);
      /* "repair": false is the default, and may be said out loud */
      g_assert_null (lede_annotate (annotator, copy, c->len, "{\"repair\": false}", NULL));
    }
}

static void
check_repaired (const char *json, const char *repaired)
{
  g_autoptr(JsonParser) parser = lede_test_parse (json);
  JsonObject *document;
  JsonArray *warnings;

  lede_test_check_output (json_parser_get_root (parser), repaired, strlen (repaired), "codepoint");
  document = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "document");
  g_assert_true (json_object_get_boolean_member (document, "repaired"));
  warnings = json_object_get_array_member (document, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), >=, 1);
  g_assert_nonnull (strstr (json_array_get_string_element (warnings, 0), "U+FFFD"));
}

static void
test_invalid_utf8_repair (void)
{
  lede_annotator *repairing = lede_annotator_new ("{\"repair\": true, \"tokens\": true}", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autofree char *per_call = NULL, *by_option = NULL;

      g_test_message ("case: %s", c->name);
      per_call = lede_test_annotate (annotator, c->bytes, c->len, "{\"repair\": true}");
      check_repaired (per_call, c->repaired);
      by_option = lede_test_annotate (repairing, c->bytes, c->len, NULL);
      check_repaired (by_option, c->repaired);
    }
  lede_annotator_free (repairing);
}

/* Valid text is never marked repaired. */
static void
test_valid_not_repaired (void)
{
  static const char text[] = "Z\xC3\xBCrich, \xE2\x80\x9C" "fine\xE2\x80\x9D \xF0\x9F\x98\x80.";
  g_autofree char *json = lede_test_annotate (annotator, text, sizeof text - 1, "{\"repair\": true}");
  g_autoptr(JsonParser) parser = lede_test_parse (json);
  JsonObject *document = json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "document");

  g_assert_false (json_object_get_boolean_member (document, "repaired"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "warnings")), ==, 0);
}

/* ---- empty, blank, NUL ------------------------------------------------------ */

static void
check_empty_layers (JsonObject *root, gboolean expect_no_blocks)
{
  JsonObject *document = json_object_get_object_member (root, "document");

  if (expect_no_blocks)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "structure")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sentences")), ==, 0);
  if (json_object_has_member (root, "tokens"))
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tokens")), ==, 0);
  if (json_object_has_member (root, "timexes"))
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "timexes")), ==, 0);
}

static void
test_empty (void)
{
  static const char *const metas[] = {
    NULL, "{\"tokens\": true}", "{\"offsets\": \"utf16\", \"repair\": true, \"date\": \"2022-12-22\"}",
    "{\"offsets\": \"byte\", \"pretty\": true}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (metas); i++)
    for (guint null_text = 0; null_text <= 1; null_text++)
      {
        lede_error *error = NULL;
        g_autofree char *json = lede_annotate (annotator, null_text ? NULL : "", 0, metas[i], &error);
        g_autoptr(JsonParser) parser = NULL;
        JsonObject *root, *document;

        g_assert_null (error);
        g_assert_nonnull (json);
        parser = lede_test_parse (json);
        root = json_node_get_object (json_parser_get_root (parser));
        document = json_object_get_object_member (root, "document");
        g_assert_cmpint (json_object_get_int_member (document, "length"), ==, 0);
        g_assert_false (json_object_get_boolean_member (document, "repaired"));
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "warnings")), ==, 0);
        check_empty_layers (root, TRUE);
      }
}

static void
test_blank (void)
{
  static const char *const blanks[] = {
    " ", "\n", "\r\n\r\n", "   \t  \n\n \n", "\xC2\xA0\xE2\x80\x83\n\xE3\x80\x80",  /* NBSP, em space, ideographic space */
  };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autofree char *json = lede_test_annotate (annotator, blanks[i], strlen (blanks[i]),
                                                  "{\"tokens\": true}");
      g_autoptr(JsonParser) parser = lede_test_parse (json);

      lede_test_check_output (json_parser_get_root (parser), blanks[i], strlen (blanks[i]), "codepoint");
      check_empty_layers (json_node_get_object (json_parser_get_root (parser)), FALSE);
    }
}

static void
test_nul (void)
{
  static const struct {
    const char *text;
    gsize       len;
  } cases[] = {
#define NUL_CASE(s) { s, sizeof s - 1 }
    NUL_CASE ("\0"),
    NUL_CASE ("The mayor\0 said on Tuesday.\0 It was\0\0 final.\0"),
    NUL_CASE ("\0\0\0\n\n\0Headline\n\nBody text, \xE2\x80\x9Cquoted\0\xE2\x80\x9D here.\n"),
#undef NUL_CASE
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = lede_test_annotate (annotator, cases[i].text, cases[i].len,
                                                  "{\"tokens\": true}");
      g_autoptr(JsonParser) parser = lede_test_parse (json);
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonObject *document = json_object_get_object_member (root, "document");
      JsonArray *warnings = json_object_get_array_member (document, "warnings");
      JsonArray *tokens = json_object_get_array_member (root, "tokens");
      gboolean warned = FALSE;

      /* answered, every character kept and counted */
      lede_test_check_output (json_parser_get_root (parser), cases[i].text, cases[i].len, "codepoint");
      for (guint w = 0; w < json_array_get_length (warnings); w++)
        warned |= strstr (json_array_get_string_element (warnings, w), "NUL") != NULL;
      g_assert_true (warned);
      /* (had a NUL been written raw, the parse above would have failed: the
       * JSON would end early for a C reader) */
      /* NUL is treated as a space: no token holds one */
      {
        LedeTestOffsets offsets;

        lede_test_offsets_init (&offsets, cases[i].text, cases[i].len, "codepoint");
        for (guint t = 0; t < json_array_get_length (tokens); t++)
          {
            JsonObject *token = json_array_get_object_element (tokens, t);
            guint32 start = lede_test_offsets_byte (&offsets, json_object_get_int_member (token, "start"));
            guint32 end = lede_test_offsets_byte (&offsets, json_object_get_int_member (token, "end"));

            g_assert_null (memchr (cases[i].text + start, '\0', end - start));
          }
        lede_test_offsets_clear (&offsets);
      }
    }
}

/* ---- big and pathological inputs ------------------------------------------ */

static const char *const paragraphs[] = {
  "WASHINGTON, Dec 21 (Reuters) - The Senate voted 68-29 on Tuesday to pass a $1.7 trillion "
  "spending bill, sending it to the House of Representatives, Senate Majority Leader Chuck "
  "Schumer said.",
  "\xE2\x80\x9CWe have done our job,\xE2\x80\x9D Schumer told reporters after the vote. "
  "\xE2\x80\x9CNow it is up to the House.\xE2\x80\x9D",
  "[Compiled Chen Chengliang/Comprehensive Report] Former Russian President Dmitry Medvedev "
  "met Chinese President Xi Jinping at the Diaoyutai State Guesthouse in Beijing on the 21st.",
  "Please read on...",
  "The mayor of Z\xC3\xBCrich, Corine Mauch, said last week that the city would cut "
  "emissions by 40% before 2030, according to a statement.",
  "S\xC3\xA3o Paulo's governor-elect, Tarc\xC3\xADsio de Freitas, takes office on Jan. 1. "
  "He said the state's budget (R$ 317 billion) would be reviewed.",
  "Prices rose 7.1% in November from a year earlier, the Labor Department said on Dec. 13, "
  "down from 7.7% in October. Economists polled by Reuters had expected 7.3%.",
  "Mr. Smith, 54, of Springfield, Ill., said the U.S. Army Corps of Engineers had told him "
  "about the plan in early 2021 -- two years ago.",
  "\xE5\x8C\x97\xE4\xBA\xAC (Beijing) and \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
  "(Moscow) signed the accord; \xF0\x9F\x8E\x89 reactions online were mixed \xE2\x80\x94 "
  "some called it \xE2\x80\x98historic\xE2\x80\x99.",
  "By Jane Doe and John Roe",
  "The company's shares fell 3.5 percent to $42.10 in New York, the lowest since March 2020. "
  "It did not respond to requests for comment (see https://example.com/story?id=42).",
  "\"I don't know,\" she said. 'Maybe next year,' he replied. \xE2\x80\x9CNot now.\xE2\x80\x9D",
};

static void
gen_article (GString *out, gsize size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20221222);
  guint n = 0;

  g_string_append (out, "Xi Jinping meets Dmitry Medvedev in Beijing\n\n");
  while (out->len < size)
    {
      const char *p = paragraphs[g_rand_int_range (rand, 0, G_N_ELEMENTS (paragraphs))];

      g_string_append (out, p);
      /* a few sentences per paragraph, so they are not all one line long */
      if (g_rand_boolean (rand))
        g_string_append_printf (out, " It was item %u of the day.", n++);
      g_string_append (out, g_rand_int_range (rand, 0, 8) == 0 ? "\n" : "\n\n");
    }
}

static void
gen_line_no_spaces (GString *out, gsize size)
{
  while (out->len < size)
    g_string_append (out, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                          "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80-_/");
}

static void
gen_line_spaces_no_periods (GString *out, gsize size)
{
  static const char *const words[] = {
    "the", "Senate", "voted", "on", "Tuesday", "and", "Mr", "Schumer", "said", "that",
    "Z\xC3\xBCrich", "1,200", "people", "were", "there", "\xE2\x80\x94", "with", "no", "end",
  };
  guint i = 0;

  while (out->len < size)
    {
      g_string_append (out, words[i++ % G_N_ELEMENTS (words)]);
      g_string_append_c (out, i % 17 == 0 ? ',' : ' ');
    }
}

static void
gen_blank_lines (GString *out, gsize size)
{
  /* size is the number of lines here: "\n", " \n", "\r\n" and a word now and then */
  g_string_append (out, "Headline\n");
  for (gsize i = 0; i < size; i++)
    g_string_append (out, i % 3 == 0 ? "\n" : i % 3 == 1 ? " \t \n" : "\r\n");
  g_string_append (out, "The end.\n");
}

static void
gen_open_quotes (GString *out, gsize size)
{
  guint i = 0;

  while (out->len < size)
    {
      switch (i++ % 4)
        {
        case 0: g_string_append (out, "\xE2\x80\x9CHe said "); break;   /* “ never closed */
        case 1: g_string_append (out, "\"and then "); break;
        case 2: g_string_append (out, "\xE2\x80\x98" "again "); break;
        default: g_string_append (out, "\xE2\x80\x9C\xE2\x80\x9C\xE2\x80\x9C. "); break;
        }
    }
}

static void
gen_close_quotes (GString *out, gsize size)
{
  while (out->len < size)
    g_string_append (out, "the mayor said.\xE2\x80\x9D \xE2\x80\x9D\" ");
}

static void
gen_nested_brackets (GString *out, gsize size)
{
  gsize depth = size / 4;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (out, "([{<"[i % 4]);
  g_string_append (out, " The council (which met on Tuesday) said so. ");
  for (gsize i = depth; i > 0; i--)
    g_string_append_c (out, ")]}>"[(i - 1) % 4]);
  /* and as many that never close */
  for (gsize i = 0; i < depth; i++)
    g_string_append (out, i % 2 ? "(" : "[");
}

static void
gen_repeat (GString *out, gsize size, const char *unit)
{
  while (out->len < size)
    g_string_append (out, unit);
}

static void gen_periods (GString *out, gsize size) { gen_repeat (out, size, "."); }
static void gen_bangs (GString *out, gsize size) { gen_repeat (out, size, "!"); }
static void gen_ellipses (GString *out, gsize size) { gen_repeat (out, size, "..."); }
static void gen_unicode_ellipses (GString *out, gsize size) { gen_repeat (out, size, "\xE2\x80\xA6?!"); }
static void gen_digits (GString *out, gsize size) { gen_repeat (out, size, "0123456789"); }
static void gen_dashes (GString *out, gsize size) { gen_repeat (out, size, "-"); }
static void gen_emoji (GString *out, gsize size) { gen_repeat (out, size, "\xF0\x9F\x98\x80"); }
static void gen_dates (GString *out, gsize size) { gen_repeat (out, size, "on Dec. 21, 2022, last week, on the 21st, "); }
static void gen_abbreviations (GString *out, gsize size) { gen_repeat (out, size, "U.S. Mr. Dr. e.g. a.m. No. 5 Inc. "); }
static void gen_short_lines (GString *out, gsize size) { gen_repeat (out, size, "A\n"); }
static void gen_nuls (GString *out, gsize size) { while (out->len < size) g_string_append_c (out, '\0'); }

typedef struct {
  const char *name;
  void      (*generate) (GString *out, gsize size);
  gsize       size;        /* bytes (lines for gen_blank_lines) */
  gsize       quick_size;
  const char *meta;
} BigCase;

#define MB (1024 * 1024)
#define KB 1024

static const BigCase big_cases[] = {
  { "article-50mb", gen_article, 50 * MB, 512 * KB, "{\"date\": \"2022-12-22\"}" },
  { "article-5mb-tokens", gen_article, 5 * MB, 128 * KB, "{\"date\": \"2022-12-22\", \"tokens\": true}" },
  { "line-1mb-no-spaces", gen_line_no_spaces, 1 * MB, 64 * KB, NULL },
  { "line-1mb-spaces-no-periods", gen_line_spaces_no_periods, 1 * MB, 64 * KB, NULL },
  { "blank-lines-100000", gen_blank_lines, 100000, 5000, NULL },
  { "short-lines-1mb", gen_short_lines, 1 * MB, 64 * KB, NULL },
  { "open-quotes", gen_open_quotes, 1 * MB, 64 * KB, NULL },
  { "close-quotes", gen_close_quotes, 1 * MB, 64 * KB, NULL },
  { "nested-brackets", gen_nested_brackets, 1 * MB, 64 * KB, NULL },
  { "periods-1mb", gen_periods, 1 * MB, 64 * KB, NULL },
  { "bangs-1mb", gen_bangs, 1 * MB, 64 * KB, NULL },
  { "ellipses-1mb", gen_ellipses, 1 * MB, 64 * KB, NULL },
  { "unicode-ellipses-1mb", gen_unicode_ellipses, 1 * MB, 64 * KB, "{\"offsets\": \"utf16\"}" },
  { "digits-1mb", gen_digits, 1 * MB, 64 * KB, NULL },
  { "dashes-1mb", gen_dashes, 1 * MB, 64 * KB, NULL },
  { "emoji-1mb", gen_emoji, 1 * MB, 64 * KB, "{\"offsets\": \"utf16\"}" },
  { "dates-1mb", gen_dates, 1 * MB, 64 * KB, "{\"date\": \"2022-12-22\"}" },
  { "abbreviations-1mb", gen_abbreviations, 1 * MB, 64 * KB, NULL },
  { "nuls-1mb", gen_nuls, 1 * MB, 64 * KB, NULL },
};

static glong
maxrss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;   /* kilobytes on Linux */
}

/* The "length" member of "document", found without parsing the whole output. */
static gint64
document_length (const char *json)
{
  const char *at = strstr (json, "\"length\"");

  g_assert_nonnull (at);
  at = strchr (at, ':');
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + 1, NULL, 10);
}

/* Annotates the case's text; returns the seconds taken and the peak RSS growth. */
static void
run_big_case (const BigCase *c, gsize *input_len, gsize *output_len, double *seconds,
              glong *rss_growth_kb)
{
  GString *text = g_string_new (NULL);
  gsize size = quick ? c->quick_size : c->size;
  gsize len;
  char *buffer;
  lede_error *error = NULL;
  g_autofree char *json = NULL;
  gint64 start;
  glong rss_before;
  gsize json_len;

  c->generate (text, size);
  len = text->len;
  /* exactly len bytes, no NUL after them */
  buffer = g_realloc (g_string_free (text, FALSE), MAX (len, 1));

  rss_before = maxrss_kb ();
  start = g_get_monotonic_time ();
  json = lede_annotate (annotator, buffer, len, c->meta, &error);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *rss_growth_kb = maxrss_kb () - rss_before;
  *input_len = len;

  if (json == NULL)
    g_error ("%s: lede_annotate failed: %s", c->name, error->message);
  g_assert_null (error);
  json_len = strlen (json);
  *output_len = json_len;
  /* Output linear in the input: even one block, sentence and listed token per
   * two bytes ("A\n" lines) stays near 50 bytes of JSON per byte; a layer
   * whose spans each run to the end of the text makes it quadratic. */
  if (json_len > OUTPUT_FACTOR * len + MB)
    g_error ("%s: %" G_GSIZE_FORMAT " bytes of JSON for %" G_GSIZE_FORMAT " bytes of text "
             "(more than %d x): some layer's output grows faster than the text",
             c->name, json_len, len, OUTPUT_FACTOR);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes in, %" G_GSIZE_FORMAT " bytes of JSON out",
                  c->name, len, json_len);

  if (json_len <= PARSE_LIMIT)
    {
      g_autoptr(JsonParser) parser = lede_test_parse (json);

      /* NUL-only text cannot be compared through json-glib strings; the
       * offsets and lengths still are */
      lede_test_check_output (json_parser_get_root (parser), buffer, len,
                              c->meta && strstr (c->meta, "utf16") ? "utf16" : "codepoint");
    }
  else
    {
      lede_test_json_well_formed (json, json_len);
      g_assert_cmpint (document_length (json), ==, lede_test_count_codepoints (buffer, len));
    }
  g_free (buffer);
}

static void
test_big (gconstpointer data)
{
  const BigCase *c = data;
  const char *report_path;
  g_autofree char *report = NULL;
  g_autofree char *path = NULL;
  gsize input_len = 0, output_len = 0;
  double seconds = 0;
  glong growth_kb = 0, limit_kb;
  int fd;

  if (quick)
    {
      /* in-process, so valgrind sees it; no memory measurement */
      run_big_case (c, &input_len, &output_len, &seconds, &growth_kb);
      g_test_message ("%s (quick): %" G_GSIZE_FORMAT " bytes in %.3f s", c->name, input_len, seconds);
      return;
    }

  if (g_test_subprocess ())
    {
      run_big_case (c, &input_len, &output_len, &seconds, &growth_kb);
      report_path = g_getenv ("LEDE_TEST_REPORT");
      g_assert_nonnull (report_path);
      report = g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %.6f %ld\n",
                                input_len, output_len, seconds, growth_kb);
      g_assert_true (g_file_set_contents (report_path, report, -1, NULL));
      return;
    }

  /* one case failing does not hide how the others fare */
  g_test_set_nonfatal_assertions ();
  fd = g_file_open_tmp ("lede-bad-input-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_setenv ("LEDE_TEST_REPORT", path, TRUE);
  /* a hang fails this case (with "child timed out"), not the whole program */
  g_test_trap_subprocess (NULL, CASE_TIMEOUT_SECONDS * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LEDE_TEST_REPORT");
  g_test_trap_assert_passed ();
  if (!g_test_trap_has_passed () || !g_file_get_contents (path, &report, NULL, NULL))
    {
      g_unlink (path);
      return;
    }
  g_unlink (path);
  g_assert_cmpint (sscanf (report, "%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %lf %ld",
                           &input_len, &output_len, &seconds, &growth_kb), ==, 4);
  limit_kb = (glong) (MEMORY_FACTOR * (input_len / 1024) + MEMORY_OUTPUT_FACTOR * (output_len / 1024))
             + MEMORY_OVERHEAD_KB;
  g_test_message ("%s: %.2f MB in, %.2f MB of JSON out, %.3f s (%.2f MB/s), "
                  "peak memory +%.1f MB (limit %.1f MB)",
                  c->name, input_len / (double) MB, output_len / (double) MB, seconds,
                  seconds > 0 ? input_len / (double) MB / seconds : 0.0,
                  growth_kb / 1024.0, limit_kb / 1024.0);
  g_assert_cmpint (growth_kb, <, limit_kb);
}

int
main (int argc, char **argv)
{
  lede_error *error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  quick = lede_test_quick ();

  annotator = lede_annotator_new (NULL, &error);
  if (annotator == NULL)
    g_error ("lede_annotator_new: %s", error->message);

  g_test_add_func ("/bad-input/utf8/position", test_invalid_utf8_position);
  g_test_add_func ("/bad-input/utf8/repair", test_invalid_utf8_repair);
  g_test_add_func ("/bad-input/utf8/valid-not-repaired", test_valid_not_repaired);
  g_test_add_func ("/bad-input/empty", test_empty);
  g_test_add_func ("/bad-input/blank", test_blank);
  g_test_add_func ("/bad-input/nul", test_nul);
  for (guint i = 0; i < G_N_ELEMENTS (big_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bad-input/big/%s", big_cases[i].name);

      g_test_add_data_func (path, &big_cases[i], test_big);
    }

  status = g_test_run ();
  lede_annotator_free (annotator);
  return status;
}
