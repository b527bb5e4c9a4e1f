/* lede-text.c — the text every layer reads: UTF-8 validation (or repair) and
 * the byte → code point / UTF-16 offset index. */
#include "lede-private.h"

#include <string.h>

#define INDEX_SHIFT 6   /* one checkpoint per 64 bytes */

/* Length of the well-formed UTF-8 sequence at p, or 0 when there is none; then
 * *subpart is the length of the maximal ill-formed subpart, the unit that
 * Unicode (and Python's errors="replace") turns into one U+FFFD. */
static guint
utf8_sequence_length (const guchar *p, const guchar *end, guint *subpart)
{
  guchar c = p[0], lo = 0x80, hi = 0xBF;
  guint need;

  if (c < 0x80)
    return 1;
  else if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c == 0xE0)
    need = 2, lo = 0xA0;
  else if (c == 0xED)
    need = 2, hi = 0x9F;   /* no UTF-16 surrogates */
  else if (c >= 0xE1 && c <= 0xEF)
    need = 2;
  else if (c == 0xF0)
    need = 3, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3)
    need = 3;
  else if (c == 0xF4)
    need = 3, hi = 0x8F;   /* nothing above U+10FFFF */
  else
    {
      *subpart = 1;
      return 0;
    }

  for (guint i = 1; i <= need; i++)
    {
      if (p + i >= end || p[i] < lo || p[i] > hi)
        {
          *subpart = i;
          return 0;
        }
      lo = 0x80, hi = 0xBF;
    }
  return need + 1;
}

/* Returns the byte position of the first invalid sequence, or -1. */
static gssize
find_invalid_utf8 (const char *text, gsize len)
{
  const guchar *p = (const guchar *) text, *end = p + len;

  while (p < end)
    {
      guint n, subpart;

      if (*p < 0x80)
        {
          guint64 word;

          /* most news text is ASCII: step over eight such bytes at a time */
          while (end - p >= 8 && (memcpy (&word, p, 8), (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0))
            p += 8;
          while (p < end && *p < 0x80)
            p++;
          continue;
        }
      n = utf8_sequence_length (p, end, &subpart);
      if (n == 0)
        return (const char *) p - text;
      p += n;
    }
  return -1;
}

/* A copy with every maximal ill-formed subpart replaced by U+FFFD. */
static char *
repair_utf8 (const char *text, gsize len, gsize *out_len, guint32 *n_repairs)
{
  const guchar *p = (const guchar *) text, *end = p + len;
  GString *out = g_string_sized_new (len + 16);

  *n_repairs = 0;
  while (p < end)
    {
      guint subpart = 0, n = utf8_sequence_length (p, end, &subpart);

      if (n > 0)
        {
          g_string_append_len (out, (const char *) p, n);
          p += n;
        }
      else
        {
          g_string_append (out, "\xEF\xBF\xBD");
          p += subpart;
          (*n_repairs)++;
        }
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
is_ascii_block (const guchar *p)
{
  guint64 any = 0;

  for (guint i = 0; i < (1 << INDEX_SHIFT); i += 8)
    {
      guint64 word;

      memcpy (&word, p + i, 8);
      any |= word;
    }
  return (any & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static void
offset_index_build (LedeOffsetIndex *index, const char *text, gsize len)
{
  const guchar *p = (const guchar *) text;
  guint32 cp = 0, u16 = 0;

  index->n_blocks = (len >> INDEX_SHIFT) + 1;
  index->codepoints = g_new (guint32, index->n_blocks);
  index->utf16 = g_new (guint32, index->n_blocks);
  for (gsize k = 0; k < index->n_blocks; k++)
    {
      gsize from = k << INDEX_SHIFT, to = MIN (from + (1 << INDEX_SHIFT), len);

      index->codepoints[k] = cp;
      index->utf16[k] = u16;
      if (to - from == (1 << INDEX_SHIFT) && is_ascii_block (p + from))
        {
          cp += 1 << INDEX_SHIFT;
          u16 += 1 << INDEX_SHIFT;
          continue;
        }
      for (gsize i = from; i < to; i++)
        {
          if ((p[i] & 0xC0) != 0x80)
            {
              cp++;
              u16 += p[i] >= 0xF0 ? 2 : 1;   /* astral code points are surrogate pairs */
            }
        }
    }
}

guint32
lede_doc_convert_offset (const LedeDoc *doc, guint32 byte_offset, LedeOffsetUnit unit)
{
  const guchar *p = (const guchar *) doc->text;
  gsize k = byte_offset >> INDEX_SHIFT;
  guint32 cp, u16;

  if (unit == LEDE_OFFSET_BYTE)
    return byte_offset;

  g_assert (byte_offset <= doc->len);
  cp = doc->index.codepoints[k];
  u16 = doc->index.utf16[k];
  /* 64 code points starting in 64 bytes: every character before any offset
   * inside the block is ASCII, so there is nothing to count */
  if (k + 1 < doc->index.n_blocks && doc->index.codepoints[k + 1] - cp == (1 << INDEX_SHIFT))
    return (unit == LEDE_OFFSET_UTF16 ? u16 : cp) + (byte_offset - (guint32) (k << INDEX_SHIFT));
  for (gsize i = k << INDEX_SHIFT; i < byte_offset; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        {
          cp++;
          u16 += p[i] >= 0xF0 ? 2 : 1;
        }
    }
  return unit == LEDE_OFFSET_UTF16 ? u16 : cp;
}

/* The inverse of lede_doc_convert_offset: the byte where an offset in unit
 * falls, found from the checkpoints rather than by walking the whole text.
 * FALSE when it lies past the end or inside a character (a UTF-16 offset
 * between the halves of a surrogate pair). */
gboolean
lede_doc_byte_offset (const LedeDoc *doc, guint32 offset, LedeOffsetUnit unit, guint32 *byte)
{
  const guchar *p = (const guchar *) doc->text;
  const guint32 *counts = unit == LEDE_OFFSET_UTF16 ? doc->index.utf16 : doc->index.codepoints;
  gsize lo = 0, hi = doc->index.n_blocks, i;
  guint32 position;

  if (unit == LEDE_OFFSET_BYTE)
    {
      *byte = offset;
      return offset <= doc->len;
    }
  /* the last checkpoint at or before the offset */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (counts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  position = counts[lo];
  i = lo << INDEX_SHIFT;
  /* continuation bytes here belong to a character the checkpoint counted */
  while (i < doc->len && (p[i] & 0xC0) == 0x80)
    i++;
  while (position < offset && i < doc->len)
    {
      position += (unit == LEDE_OFFSET_UTF16 && p[i] >= 0xF0) ? 2 : 1;
      i++;
      while (i < doc->len && (p[i] & 0xC0) == 0x80)
        i++;
    }
  if (position != offset)
    return FALSE;
  *byte = (guint32) i;
  return TRUE;
}

LedeDoc *
lede_doc_new (const LedeOptions *options, const char *text, gsize len, gboolean copy_text,
              GError **error)
{
  g_autoptr(LedeDoc) doc = g_new0 (LedeDoc, 1);
  gssize bad;
  gsize n_nul = 0;

  if ((guint64) len > LEDE_MAX_TEXT_BYTES)
    {
      g_set_error (error, LEDE_ERROR, LEDE_ERROR_TOO_LARGE,
                   "text of %" G_GSIZE_FORMAT " bytes is longer than the %" G_GUINT64_FORMAT
                   " bytes Lede can address", len, (guint64) LEDE_MAX_TEXT_BYTES);
      return NULL;
    }

  doc->options = *options;
  doc->warnings = g_ptr_array_new_with_free_func (g_free);
  doc->blocks = g_array_new (FALSE, FALSE, sizeof (LedeBlock));
  doc->tokens = g_array_new (FALSE, FALSE, sizeof (LedeToken));
  doc->sentences = g_array_new (FALSE, FALSE, sizeof (LedeSentence));
  doc->timexes = g_array_new (FALSE, FALSE, sizeof (LedeTimex));
  g_date_clear (&doc->date, 1);
  doc->text = len > 0 ? text : "";
  doc->len = len;

  bad = find_invalid_utf8 (doc->text, len);
  if (bad >= 0 && !options->repair)
    {
      g_set_error (error, LEDE_ERROR, LEDE_ERROR_INVALID_UTF8,
                   "invalid UTF-8 at byte %" G_GSSIZE_FORMAT " (byte value 0x%02x); "
                   "pass \"repair\": true to replace invalid bytes with U+FFFD",
                   bad, (guchar) doc->text[bad]);
      return NULL;
    }
  if (bad >= 0)
    {
      doc->owned = repair_utf8 (doc->text, len, &doc->len, &doc->n_repairs);
      doc->text = doc->owned;
      doc->repaired = TRUE;
      if (doc->len > LEDE_MAX_TEXT_BYTES)
        {
          g_set_error (error, LEDE_ERROR, LEDE_ERROR_TOO_LARGE,
                       "repaired text is longer than Lede can address");
          return NULL;
        }
      lede_doc_warn (doc, "replaced %u invalid UTF-8 sequence(s) with U+FFFD, the first at byte %"
                     G_GSSIZE_FORMAT " of the input; offsets refer to the repaired text",
                     doc->n_repairs, bad);
    }
  else if (copy_text && len > 0)
    {
      doc->owned = g_malloc (len + 1);
      memcpy (doc->owned, doc->text, len);
      doc->owned[len] = '\0';
      doc->text = doc->owned;
    }

  for (const char *p = memchr (doc->text, '\0', doc->len); p != NULL;
       p = memchr (p + 1, '\0', doc->len - (gsize) (p + 1 - doc->text)))
    n_nul++;
  if (n_nul > 0)
    lede_doc_warn (doc, "the text holds %" G_GSIZE_FORMAT " NUL character(s); they are kept "
                   "in offsets and treated as spaces", n_nul);

  offset_index_build (&doc->index, doc->text, doc->len);
  return g_steal_pointer (&doc);
}

void
lede_doc_free (LedeDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; doc->timexes && i < doc->timexes->len; i++)
    g_free (g_array_index (doc->timexes, LedeTimex, i).value);
  g_clear_pointer (&doc->timexes, g_array_unref);
  g_clear_pointer (&doc->mentions, g_array_unref);
  g_clear_pointer (&doc->entities, g_array_unref);
  g_clear_pointer (&doc->titles, g_array_unref);
  g_clear_pointer (&doc->references, g_array_unref);
  g_clear_pointer (&doc->relations, g_array_unref);
  g_clear_pointer (&doc->quotes, g_array_unref);
  g_clear_pointer (&doc->quote_parts, g_array_unref);
  g_clear_pointer (&doc->quoted_phrases, g_array_unref);
  g_clear_pointer (&doc->events, g_array_unref);
  g_clear_pointer (&doc->event_mentions, g_array_unref);
  g_clear_pointer (&doc->event_args, g_array_unref);
  g_clear_pointer (&doc->blocks, g_array_unref);
  g_clear_pointer (&doc->tokens, g_array_unref);
  g_clear_pointer (&doc->sentences, g_array_unref);
  g_clear_pointer (&doc->warnings, g_ptr_array_unref);
  g_free (doc->index.codepoints);
  g_free (doc->index.utf16);
  g_free (doc->owned);
  g_free (doc->id);
  g_free (doc);
}

void
lede_doc_warn (LedeDoc *doc, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (doc->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

const char *
lede_structure_kind_to_string (LedeStructureKind kind)
{
  static const char *const names[] = {
    [LEDE_STRUCTURE_HEADLINE] = "headline",
    [LEDE_STRUCTURE_CAPTION] = "caption",
    [LEDE_STRUCTURE_CREDIT] = "credit",
    [LEDE_STRUCTURE_DATELINE] = "dateline",
    [LEDE_STRUCTURE_BOILERPLATE] = "boilerplate",
    [LEDE_STRUCTURE_PARAGRAPH] = "paragraph",
  };
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), "unknown");
  return names[kind];
}

const char *
lede_token_kind_to_string (LedeTokenKind kind)
{
  static const char *const names[] = {
    [LEDE_TOKEN_WORD] = "word",
    [LEDE_TOKEN_NUMBER] = "number",
    [LEDE_TOKEN_PUNCT] = "punct",
    [LEDE_TOKEN_SYMBOL] = "symbol",
    [LEDE_TOKEN_URL] = "url",
    [LEDE_TOKEN_EMAIL] = "email",
    [LEDE_TOKEN_MONEY] = "money",
    [LEDE_TOKEN_PERCENT] = "percent",
    [LEDE_TOKEN_ABBREVIATION] = "abbreviation",
  };
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), "unknown");
  return names[kind];
}

const char *
lede_timex_type_to_string (LedeTimexType type)
{
  static const char *const names[] = {
    [LEDE_TIMEX_DATE] = "DATE",
    [LEDE_TIMEX_TIME] = "TIME",
    [LEDE_TIMEX_DURATION] = "DURATION",
    [LEDE_TIMEX_SET] = "SET",
  };
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (names), "UNKNOWN");
  return names[type];
}
