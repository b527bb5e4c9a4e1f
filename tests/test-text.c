/* test-text.c — the text layer: UTF-8 validation and repair, the byte →
 * code point → UTF-16 offset index, and NUL characters.
 *
 * Links the internal library so it can call lede_doc_new() and
 * lede_doc_convert_offset() directly. Every input is handed over in a buffer
 * of exactly its length (no trailing NUL), as the flat ABI allows, so the
 * sanitizer runs catch any read past the end. */
#include "lede-private.h"

#include <string.h>

static const LedeOptions strict_options = { .offsets = LEDE_OFFSET_CODEPOINT };
static const LedeOptions repair_options = { .offsets = LEDE_OFFSET_CODEPOINT, .repair = TRUE };

/* A doc over an exact-size heap copy of text (freed with the returned buffer). */
static LedeDoc *
doc_new_exact (const LedeOptions *options, const char *text, gsize len, gboolean copy_text,
               char **buffer, GError **error)
{
  *buffer = len > 0 ? g_memdup2 (text, len) : NULL;
  return lede_doc_new (options, *buffer, len, copy_text, error);
}

/* Position the error message names ("... at byte N ..."). */
static gint64
message_position (const GError *error)
{
  const char *at = strstr (error->message, "at byte ");

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("at byte "), NULL, 10);
}

typedef struct {
  const char *name;
  const char *bytes;
  gsize       len;
  gint64      position;   /* first invalid byte */
  const char *repaired;   /* what Python's bytes.decode("utf-8", "replace") gives */
  guint       n_repairs;
} InvalidCase;

#define CASE(name, bytes, pos, repaired, n) { name, bytes, sizeof bytes - 1, pos, repaired, n }

static const InvalidCase invalid_cases[] = {
  CASE ("lone continuation byte", "ab\x80" "cd", 2, "ab\xEF\xBF\xBD" "cd", 1),
  CASE ("continuation byte first", "\xBF" "abc", 0, "\xEF\xBF\xBD" "abc", 1),
  CASE ("truncated 3-byte sequence at the end", "abc\xE2\x82", 3, "abc\xEF\xBF\xBD", 1),
  CASE ("truncated 4-byte sequence at the end", "\xF0\x9F\x98", 0, "\xEF\xBF\xBD", 1),
  CASE ("lone lead byte at the end", "x\xC2", 1, "x\xEF\xBF\xBD", 1),
  CASE ("overlong 0xC0 0xAF", "x\xC0\xAF" "y", 1, "x\xEF\xBF\xBD\xEF\xBF\xBD" "y", 2),
  CASE ("overlong 4-byte NUL", "\xF0\x80\x80\x80", 0,
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4),
  CASE ("UTF-16 surrogate 0xED 0xA0 0x80", "a\xED\xA0\x80" "b", 1,
        "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b", 3),
  CASE ("above U+10FFFF 0xF4 0x90 0x80 0x80", "\xF4\x90\x80\x80" "z", 0,
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "z", 4),
  CASE ("sequence cut by ASCII", "\xE2(\xA1", 0, "\xEF\xBF\xBD(\xEF\xBF\xBD", 2),
  CASE ("0xFF 0xFE", "ok \xFF\xFE", 3, "ok \xEF\xBF\xBD\xEF\xBF\xBD", 2),
  CASE ("truncated sequence before a valid one", "\xE1\x80\xE2\x82\xAC", 0,
        "\xEF\xBF\xBD\xE2\x82\xAC", 1),
  CASE ("invalid byte after 64 bytes of valid text",
        "0123456789012345678901234567890123456789012345678901234567890123\xE9t\xC3\xA9",
        64, "0123456789012345678901234567890123456789012345678901234567890123\xEF\xBF\xBDt\xC3\xA9", 1),
};

static void
test_invalid_utf8_position (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      g_test_message ("case: %s", c->name);
      doc = doc_new_exact (&strict_options, c->bytes, c->len, FALSE, &buffer, &error);
      g_assert_null (doc);
      g_assert_error (error, LEDE_ERROR, LEDE_ERROR_INVALID_UTF8);
      g_assert_cmpint (message_position (error), ==, c->position);
    }
}

static void
test_invalid_utf8_repair (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      g_test_message ("case: %s", c->name);
      doc = doc_new_exact (&repair_options, c->bytes, c->len, FALSE, &buffer, &error);
      g_assert_no_error (error);
      g_assert_nonnull (doc);
      g_assert_true (doc->repaired);
      g_assert_cmpuint (doc->n_repairs, ==, c->n_repairs);
      g_assert_cmpmem (doc->text, doc->len, c->repaired, strlen (c->repaired));
      g_assert_true (g_utf8_validate (doc->text, doc->len, NULL));
      /* the repaired text is the doc's own, not the caller's */
      g_assert_true (doc->text == doc->owned);
      g_assert_cmpuint (doc->warnings->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (doc->warnings, 0), "U+FFFD"));
      /* offsets refer to the repaired text */
      g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) doc->len, LEDE_OFFSET_CODEPOINT),
                        ==, g_utf8_strlen (doc->text, (gssize) doc->len));
    }
}

/* Boundary code points that are valid, so neither strict nor repair may touch them. */
static void
test_valid_edges (void)
{
  static const char valid[] =
    "\x7F"              /* DEL */
    "\xC2\x80"          /* U+0080 */
    "\xDF\xBF"          /* U+07FF */
    "\xE0\xA0\x80"      /* U+0800 */
    "\xED\x9F\xBF"      /* U+D7FF, just below the surrogates */
    "\xEE\x80\x80"      /* U+E000, just above them */
    "\xEF\xBF\xBD"      /* U+FFFD */
    "\xEF\xBF\xBF"      /* U+FFFF */
    "\xF0\x90\x80\x80"  /* U+10000 */
    "\xF4\x8F\xBF\xBF"; /* U+10FFFF */
  const gsize len = sizeof valid - 1;

  for (guint repair = 0; repair <= 1; repair++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = doc_new_exact (repair ? &repair_options : &strict_options,
                                              valid, len, FALSE, &buffer, &error);

      g_assert_no_error (error);
      g_assert_false (doc->repaired);
      g_assert_cmpuint (doc->warnings->len, ==, 0);
      g_assert_cmpmem (doc->text, doc->len, valid, len);
      /* the flat ABI's path borrows the caller's text */
      g_assert_true (doc->text == buffer);
      g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) len, LEDE_OFFSET_CODEPOINT), ==, 10);
      /* U+10000 and U+10FFFF are surrogate pairs in UTF-16 */
      g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) len, LEDE_OFFSET_UTF16), ==, 12);
    }
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeDoc) doc = lede_doc_new (&strict_options, NULL, 0, FALSE, &error);
  g_autoptr(LedeDoc) copied = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (doc->len, ==, 0);
  g_assert_nonnull (doc->text);
  g_assert_cmpuint (doc->warnings->len, ==, 0);
  g_assert_cmpuint (lede_doc_convert_offset (doc, 0, LEDE_OFFSET_CODEPOINT), ==, 0);
  g_assert_cmpuint (lede_doc_convert_offset (doc, 0, LEDE_OFFSET_UTF16), ==, 0);

  copied = lede_doc_new (&repair_options, "", 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copied->len, ==, 0);
  g_assert_false (copied->repaired);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  char byte = 'x';
  /* the length is checked before a single byte is read */
  LedeDoc *doc = lede_doc_new (&strict_options, &byte, (gsize) LEDE_MAX_TEXT_BYTES + 1, FALSE, &error);

  g_assert_null (doc);
  g_assert_error (error, LEDE_ERROR, LEDE_ERROR_TOO_LARGE);
}

static void
test_copy_text (void)
{
  static const char text[] = "Caf\xC3\xA9 society.";
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = doc_new_exact (&strict_options, text, sizeof text - 1, TRUE,
                                          &buffer, &error);

  g_assert_no_error (error);
  g_assert_true (doc->text == doc->owned);
  g_assert_true (doc->text != buffer);
  /* a copy kept beyond the call is NUL-terminated for GObject users */
  g_assert_cmpstr (doc->text, ==, text);
}

static void
test_nul (void)
{
  static const char text[] = "one\0two\0\0three \xC3\xA9\0";
  const gsize len = sizeof text - 1;

  for (guint copy = 0; copy <= 1; copy++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = doc_new_exact (&strict_options, text, len, copy, &buffer, &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc);
      /* the NULs are kept: nothing is cut at the first one */
      g_assert_cmpmem (doc->text, doc->len, text, len);
      g_assert_false (doc->repaired);
      g_assert_cmpuint (doc->warnings->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (doc->warnings, 0), "4 NUL"));
      /* NUL is one code point and one UTF-16 unit */
      g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) len, LEDE_OFFSET_CODEPOINT), ==, len - 1);
      g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) len, LEDE_OFFSET_UTF16), ==, len - 1);
    }
}

static void
test_nul_and_repair (void)
{
  static const char text[] = "\0\x80\0";
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = doc_new_exact (&repair_options, text, sizeof text - 1, FALSE,
                                          &buffer, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (doc->text, doc->len, "\0\xEF\xBF\xBD\0", 5);
  g_assert_cmpuint (doc->warnings->len, ==, 2);
}

/* One character of each UTF-8 length, and their UTF-16 lengths. */
static const struct {
  const char *utf8;
  guint       utf16;
} alphabet[] = {
  { "a", 1 }, { " ", 1 }, { ".", 1 }, { "\n", 1 },
  { "\xC3\xA9", 1 },              /* é */
  { "\xD0\x96", 1 },              /* Ж */
  { "\xE2\x82\xAC", 1 },          /* € */
  { "\xE4\xB8\xAD", 1 },          /* 中 */
  { "\xE2\x80\x9C", 1 },          /* “ */
  { "\xF0\x9F\x98\x80", 2 },      /* 😀 */
  { "\xF0\x9D\x90\x80", 2 },      /* 𝐀 */
};

typedef struct {
  GString *text;
  GArray  *starts;   /* byte offset of every character, then the end */
  GArray  *cps;
  GArray  *u16s;
} MixedText;

static void
mixed_text_add (MixedText *m, guint which, guint32 *cp, guint32 *u16)
{
  g_array_append_val (m->starts, m->text->len);
  g_array_append_val (m->cps, *cp);
  g_array_append_val (m->u16s, *u16);
  g_string_append (m->text, alphabet[which].utf8);
  (*cp)++;
  *u16 += alphabet[which].utf16;
}

/* Text whose 64-byte checkpoints fall at every position inside 2-, 3- and
 * 4-byte characters, with the expected offsets worked out independently. */
static void
mixed_text_build (MixedText *m, guint32 seed, gsize min_len, gboolean pad_to_boundary)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint32 cp = 0, u16 = 0;

  m->text = g_string_new (NULL);
  m->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  m->cps = g_array_new (FALSE, FALSE, sizeof (guint32));
  m->u16s = g_array_new (FALSE, FALSE, sizeof (guint32));
  while (m->text->len < min_len)
    mixed_text_add (m, g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet)), &cp, &u16);
  while (pad_to_boundary && m->text->len % 64 != 0)
    mixed_text_add (m, 0, &cp, &u16);
  g_array_append_val (m->starts, m->text->len);
  g_array_append_val (m->cps, cp);
  g_array_append_val (m->u16s, u16);
}

static void
mixed_text_clear (MixedText *m)
{
  g_string_free (m->text, TRUE);
  g_array_unref (m->starts);
  g_array_unref (m->cps);
  g_array_unref (m->u16s);
}

static void
check_offsets (const MixedText *m)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = doc_new_exact (&strict_options, m->text->str, m->text->len, FALSE,
                                          &buffer, &error);
  glong py_len;

  g_assert_no_error (error);
  for (guint i = 0; i < m->starts->len; i++)
    {
      gsize b = g_array_index (m->starts, gsize, i);
      guint32 cp = g_array_index (m->cps, guint32, i);
      guint32 u16 = g_array_index (m->u16s, guint32, i);

      if (lede_doc_convert_offset (doc, (guint32) b, LEDE_OFFSET_CODEPOINT) != cp
          || lede_doc_convert_offset (doc, (guint32) b, LEDE_OFFSET_UTF16) != u16
          || lede_doc_convert_offset (doc, (guint32) b, LEDE_OFFSET_BYTE) != b)
        g_error ("byte %" G_GSIZE_FORMAT " (block %" G_GSIZE_FORMAT ", +%" G_GSIZE_FORMAT
                 ") of %" G_GSIZE_FORMAT ": code point %u/%u, UTF-16 %u/%u (got/expected)",
                 b, b / 64, b % 64, m->text->len,
                 lede_doc_convert_offset (doc, (guint32) b, LEDE_OFFSET_CODEPOINT), cp,
                 lede_doc_convert_offset (doc, (guint32) b, LEDE_OFFSET_UTF16), u16);
    }

  /* and against GLib's own count, as a cross-check of the expectations */
  py_len = g_utf8_strlen (m->text->str, (gssize) m->text->len);
  g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) m->text->len, LEDE_OFFSET_CODEPOINT),
                    ==, py_len);
  {
    g_autofree gunichar2 *utf16 = NULL;
    glong n16 = 0;

    utf16 = g_utf8_to_utf16 (m->text->str, (glong) m->text->len, NULL, &n16, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) m->text->len, LEDE_OFFSET_UTF16),
                      ==, n16);
  }
}

static void
test_offset_index_mixed (void)
{
  /* lengths around one, two and many checkpoints; several seeds so characters
   * straddle the boundaries at every position */
  static const gsize lengths[] = { 1, 63, 64, 65, 127, 128, 129, 200, 1000, 5000 };

  for (guint32 seed = 1; seed <= 16; seed++)
    for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
      for (guint pad = 0; pad <= 1; pad++)
        {
          MixedText m;

          mixed_text_build (&m, seed, lengths[i], pad);
          check_offsets (&m);
          mixed_text_clear (&m);
        }
}

/* Every alignment of a 4-byte character against a checkpoint. */
static void
test_offset_index_straddle (void)
{
  for (guint lead = 56; lead <= 72; lead++)
    for (guint a = 4; a < G_N_ELEMENTS (alphabet); a++)
      {
        MixedText m = { 0 };
        guint32 cp = 0, u16 = 0;

        m.text = g_string_new (NULL);
        m.starts = g_array_new (FALSE, FALSE, sizeof (gsize));
        m.cps = g_array_new (FALSE, FALSE, sizeof (guint32));
        m.u16s = g_array_new (FALSE, FALSE, sizeof (guint32));
        for (guint i = 0; i < lead; i++)
          mixed_text_add (&m, 0, &cp, &u16);
        for (guint i = 0; i < 40; i++)
          mixed_text_add (&m, a, &cp, &u16);
        mixed_text_add (&m, 0, &cp, &u16);
        g_array_append_val (m.starts, m.text->len);
        g_array_append_val (m.cps, cp);
        g_array_append_val (m.u16s, u16);
        check_offsets (&m);
        mixed_text_clear (&m);
      }
}

/* The index is built over the repaired text, not the input. */
static void
test_offset_index_after_repair (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = NULL;
  glong n16 = 0;
  g_autofree gunichar2 *utf16 = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (input, i % 7 == 0 ? "\xF0\x9F" : i % 3 == 0 ? "\xF0\x9F\x98\x80" : "ab\xC3");
  doc = doc_new_exact (&repair_options, input->str, input->len, FALSE, &buffer, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (doc->text, doc->len, NULL));
  utf16 = g_utf8_to_utf16 (doc->text, (glong) doc->len, NULL, &n16, NULL);
  g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) doc->len, LEDE_OFFSET_CODEPOINT), ==,
                    g_utf8_strlen (doc->text, (gssize) doc->len));
  g_assert_cmpuint (lede_doc_convert_offset (doc, (guint32) doc->len, LEDE_OFFSET_UTF16), ==, n16);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/utf8/invalid-position", test_invalid_utf8_position);
  g_test_add_func ("/text/utf8/repair", test_invalid_utf8_repair);
  g_test_add_func ("/text/utf8/valid-edges", test_valid_edges);
  g_test_add_func ("/text/empty", test_empty);
  g_test_add_func ("/text/too-large", test_too_large);
  g_test_add_func ("/text/copy", test_copy_text);
  g_test_add_func ("/text/nul", test_nul);
  g_test_add_func ("/text/nul-and-repair", test_nul_and_repair);
  g_test_add_func ("/text/offsets/mixed", test_offset_index_mixed);
  g_test_add_func ("/text/offsets/straddle", test_offset_index_straddle);
  g_test_add_func ("/text/offsets/after-repair", test_offset_index_after_repair);

  return g_test_run ();
}
