/* lede-tokens.c — splits the text blocks into Penn-Treebank-like tokens,
 * keeping their byte offsets.
 *
 * One left-to-right pass over the bytes of each headline, caption and
 * paragraph: ASCII is classified inline, only non-ASCII characters are decoded.
 * Every scan moves forward, and the few look-aheads are either bounded or
 * remembered (Scanner.next_at, Scanner.no_email_before), so a long line
 * without spaces stays linear. Punctuation is split off, clitics are split ("do" "n't"), and URLs,
 * e-mail addresses, numbers, amounts, percentages, hyphenated words and
 * abbreviations ("U.S.", "Mr.", "E.") are kept whole. Whether a final period
 * belongs to its word is decided here, from the model's abbreviation list. */
#include "lede-private.h"

#include <string.h>

typedef struct {
  const LedeModel *model;
  const char      *text;
  guint32          end;              /* end of the current block */
  GArray          *tokens;           /* sized ahead: n_tokens of its elements are set */
  guint32          n_tokens;
  guint32          next_at;          /* offset of the next '@' in the block, or its end */
  guint32          no_email_before;  /* no e-mail address starts before this offset */
} Scanner;

#define APOSTROPHE_CURLY 0x2019

/* ASCII letters, digits and '_': the bytes that make up most of a word. */
static const guint8 word_byte[256] = {
  ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1,
};

static inline gunichar
char_at (const Scanner *s, guint32 pos, guint32 *len)
{
  guchar c = (guchar) s->text[pos];

  if (c < 0x80)
    {
      *len = 1;
      return c;
    }
  *len = (guint32) (g_utf8_next_char (s->text + pos) - (s->text + pos));
  if (pos + *len > s->end)
    {
      /* a character cut by the block end: treat its bytes as one symbol */
      *len = s->end - pos;
      return 0xFFFD;
    }
  return g_utf8_get_char (s->text + pos);
}

/* Whitespace, control characters and NUL all separate tokens. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c <= 0x20 || c == 0x7F;
  return c <= 0x9F || g_unichar_isspace (c) ||
         c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x180E;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == 0x00AD;
}

static inline gboolean
is_ascii_letter_at (const Scanner *s, guint32 pos)
{
  return pos < s->end && g_ascii_isalpha (s->text[pos]);
}

static inline gboolean
is_ascii_digit_at (const Scanner *s, guint32 pos)
{
  return pos < s->end && g_ascii_isdigit (s->text[pos]);
}

static inline gboolean
is_word_char_at (const Scanner *s, guint32 pos)
{
  guint32 len;

  return pos < s->end && is_word_char (char_at (s, pos, &len));
}

/* An apostrophe, straight or curly, at pos; *len is its length in bytes. */
static inline gboolean
is_apostrophe_at (const Scanner *s, guint32 pos, guint32 *len)
{
  if (pos >= s->end)
    return FALSE;
  if (s->text[pos] == '\'')
    {
      *len = 1;
      return TRUE;
    }
  if (pos + 3 <= s->end && memcmp (s->text + pos, "\xE2\x80\x99", 3) == 0)
    {
      *len = 3;
      return TRUE;
    }
  return FALSE;
}

/* Tokens are written in place and the array grows by doubling: a call per
 * token to g_array_append_val() shows in the profile. */
static inline void
emit (Scanner *s, guint32 start, guint32 end, LedeTokenKind kind)
{
  LedeToken *token;

  if (s->n_tokens == s->tokens->len)
    g_array_set_size (s->tokens, s->tokens->len * 2 + 1024);
  token = &g_array_index (s->tokens, LedeToken, s->n_tokens++);
  token->start = start;
  token->end = end;
  token->kind = kind;
}

static inline const LedeToken *
last_token (const Scanner *s)
{
  return s->n_tokens > 0 ? &g_array_index (s->tokens, LedeToken, s->n_tokens - 1) : NULL;
}

/* The clitic after an apostrophe whose letters start at pos: "s", "re", "ve",
 * "ll", "d", "m" (or "t" of "n't"), not followed by more of a word. Returns the
 * end of the clitic, or 0. */
static guint32
clitic_end (const Scanner *s, guint32 pos, gboolean want_t)
{
  static const char *const clitics[] = { "s", "re", "ve", "ll", "d", "m" };
  guint32 n = 0;
  char buf[3];

  while (n < 3 && is_ascii_letter_at (s, pos + n))
    {
      buf[n] = g_ascii_tolower (s->text[pos + n]);
      n++;
    }
  if (n == 0 || n == 3 || is_word_char_at (s, pos + n))
    return 0;
  if (want_t)
    return n == 1 && buf[0] == 't' ? pos + 1 : 0;
  for (guint i = 0; i < G_N_ELEMENTS (clitics); i++)
    if (strlen (clitics[i]) == n && memcmp (clitics[i], buf, n) == 0)
      return pos + n;
  return 0;
}

static gboolean
has_prefix_ci (const Scanner *s, guint32 pos, const char *prefix)
{
  gsize n = strlen (prefix);

  return pos + n <= s->end && g_ascii_strncasecmp (s->text + pos, prefix, n) == 0;
}

/* A URL from pos to the next space or quote, less trailing punctuation
 * (a closing parenthesis stays when the URL opened one: Wikipedia links). */
static guint32
scan_url (Scanner *s, guint32 pos)
{
  guint32 p = pos, clen;
  int parens = 0;

  while (p < s->end)
    {
      gunichar c = char_at (s, p, &clen);

      if (is_space (c) || c == '"' || c == '<' || c == '>' || c == 0x201C || c == 0x201D ||
          c == 0x00AB || c == 0x00BB)
        break;
      parens += c == '(' ? 1 : c == ')' ? -1 : 0;
      p += clen;
    }
  while (p > pos + 1)
    {
      char c = s->text[p - 1];

      if (c == ')' && parens >= 0)
        break;
      if (!strchr (".,;:!?')]}", c) || c == '\0')
        break;
      parens += c == ')' ? 1 : 0;
      p--;
    }
  emit (s, pos, p, LEDE_TOKEN_URL);
  return p;
}

static inline gboolean
is_email_local_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* An e-mail address starting at pos, or 0. A failed attempt remembers where
 * the local part stopped, so that the words inside it do not rescan it. */
static guint32
scan_email (Scanner *s, guint32 pos)
{
  guint32 at = pos, p, dot;

  /* most words are nowhere near an '@': find the next one once, not per word */
  if (s->next_at <= pos)
    {
      const char *next = memchr (s->text + pos, '@', s->end - pos);

      s->next_at = next != NULL ? (guint32) (next - s->text) : s->end;
    }
  if (s->next_at >= s->end || s->next_at - pos > 64 || pos < s->no_email_before)
    return 0;
  while (at < s->end && is_email_local_char (s->text[at]))
    at++;
  if (at >= s->end || s->text[at] != '@' || at == pos || !g_ascii_isalnum (s->text[at - 1]) ||
      !g_ascii_isalnum (at + 1 < s->end ? s->text[at + 1] : 0))
    {
      s->no_email_before = at + 1;
      return 0;
    }
  for (p = at + 1; p < s->end && (g_ascii_isalnum (s->text[p]) || s->text[p] == '.' ||
                                  s->text[p] == '-'); p++)
    ;
  while (p > at && !g_ascii_isalnum (s->text[p - 1]))
    p--;
  for (dot = p; dot > at && s->text[dot - 1] != '.'; dot--)
    ;
  if (dot <= at + 1)
    {
      s->no_email_before = at + 1;
      return 0;
    }
  emit (s, pos, p, LEDE_TOKEN_EMAIL);
  return p;
}

/* The first non-space character after pos is a digit ("No. 5", "p. 55"). */
static gboolean
digit_follows (const Scanner *s, guint32 pos)
{
  guint32 clen;

  while (pos < s->end && is_space (char_at (s, pos, &clen)))
    pos += clen;
  return is_ascii_digit_at (s, pos);
}

static gboolean
previous_is_lowercase_word (const Scanner *s, guint32 pos)
{
  const LedeToken *prev = last_token (s);

  return prev != NULL && prev->end < pos && prev->kind == LEDE_TOKEN_WORD &&
         g_ascii_islower (s->text[prev->start]);
}

typedef struct {
  guint32  n_chars;          /* characters in the word */
  guint32  n_periods;        /* internal periods: "U.S", "example.com" */
  guint32  longest_segment;  /* characters in the longest run between periods */
  gboolean first_digit;
  gboolean hyphen_letter;    /* a hyphen followed by a letter: "5-year-old" */
  gboolean percent;
} WordShape;

/* Where Penn Treebank splits a fused word ("can|not", "gon|na"), or 0. */
static guint32
fused_split (const Scanner *s, guint32 start, guint32 end)
{
  static const char *const fused[] = { "cannot", "gimme", "gonna", "gotta", "lemme", "wanna" };
  char a = s->text[start] | 0x20, b = s->text[start + 1] | 0x20;

  if (!((a == 'c' && b == 'a') || (a == 'g' && (b == 'i' || b == 'o')) ||
        (a == 'l' && b == 'e') || (a == 'w' && b == 'a')))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (fused); i++)
    if (strlen (fused[i]) == end - start &&
        g_ascii_strncasecmp (s->text + start, fused[i], end - start) == 0)
      return 3;   /* all of them split after three letters */
  return 0;
}

/* Does the period right after the word [start, end) belong to it? */
static gboolean
period_attaches (const Scanner *s, guint32 start, guint32 end, const WordShape *shape)
{
  char key[16];
  guint flags;

  if (shape->first_digit || shape->percent)
    return FALSE;
  if (shape->n_periods > 0 && shape->longest_segment <= 2)
    return TRUE;   /* "U.S", "a.m", "Ph.D" */
  if (shape->n_chars == 1 && shape->n_periods == 0)
    {
      /* an initial, unless it is the pronoun ending a sentence: "you and I." */
      return !(s->text[start] == 'I' && previous_is_lowercase_word (s, start));
    }
  if (end - start >= sizeof key)
    return FALSE;
  for (guint32 i = 0; i < end - start; i++)
    key[i] = g_ascii_tolower (s->text[start + i]);
  key[end - start] = '\0';
  flags = GPOINTER_TO_UINT (g_hash_table_lookup (s->model->abbreviations, key));
  if (flags & (LEDE_ABBREV_TITLE | LEDE_ABBREV_ANY))
    return TRUE;
  /* "no", "fig", "art" are words too: abbreviations only before a number */
  return (flags & LEDE_ABBREV_NUMERIC) && digit_follows (s, end + 1);
}

/* A word starting at pos (a word character): letters and digits with the
 * joiners that keep it whole. Emits it (and a "n't" clitic) and returns the
 * position after it. */
static guint32
scan_word (Scanner *s, guint32 pos, guint32 token_start, LedeTokenKind forced_kind)
{
  WordShape shape = { 0 };
  guint32 p = pos, segment = 0, clen, alen;
  gunichar prev = 0;
  LedeTokenKind kind;

  shape.first_digit = g_ascii_isdigit (s->text[pos]);
  while (p < s->end)
    {
      gunichar c;
      char next;

      if (word_byte[(guchar) s->text[p]])
        {
          /* the common case: a run of ASCII letters and digits */
          guint32 q = p + 1;

          while (q < s->end && word_byte[(guchar) s->text[q]])
            q++;
          shape.n_chars += q - p;
          segment += q - p;
          shape.longest_segment = MAX (shape.longest_segment, segment);
          prev = (guchar) s->text[q - 1];
          p = q;
          continue;
        }
      if ((guchar) s->text[p] <= ' ')
        break;   /* most words end at a space */
      c = char_at (s, p, &clen);
      next = p + clen < s->end ? s->text[p + clen] : '\0';
      if (is_word_char (c) || (c == 0x00B0 && prev != 0))
        {
          /* "N°", "25°C" */
          shape.n_chars++;
          segment++;
          shape.longest_segment = MAX (shape.longest_segment, segment);
          prev = c;
          p += clen;
          continue;
        }
      if (prev == 0)
        break;
      if (c == '.' && g_ascii_isdigit (next) && g_ascii_isdigit (prev))
        ;   /* "3.5", "1026.253.553" */
      else if (c == '.' && g_ascii_isalpha (next) && !g_ascii_isdigit (prev))
        {
          /* "U.S", "Ph.D", "example.com"; but "end.The" is two words */
          if (g_ascii_isupper (next) && segment >= 3 && g_unichar_islower (prev))
            break;
          shape.n_periods++;
          segment = 0;
        }
      else if ((c == ',' || c == ':') && g_ascii_isdigit (prev) && g_ascii_isdigit (next))
        {
          /* "1,200" (groups of three), "3:30" */
          if (c == ',' && !(is_ascii_digit_at (s, p + 2) && is_ascii_digit_at (s, p + 3) &&
                            !is_ascii_digit_at (s, p + 4)))
            break;
        }
      else if (c == '-' && is_word_char_at (s, p + 1))
        {
          if (g_ascii_isalpha (next))
            shape.hyphen_letter = TRUE;
        }
      else if (c == '-' && (guchar) next <= ' ' && g_unichar_isalpha (prev))
        {
          /* a suspended hyphen keeps to its word: "pre- and post-war" */
          p++;
          break;
        }
      else if (c == '/' && g_unichar_isalnum (prev) && g_ascii_isalnum (next))
        ;   /* "and/or", "24/7" */
      else if (c == '&' && g_ascii_isupper (prev) && g_ascii_isupper (next))
        ;   /* "AT&T", "S&P" */
      else if (c == '%' && shape.first_digit && g_ascii_isdigit (prev))
        {
          shape.percent = TRUE;
          p++;
          break;
        }
      else if (is_apostrophe_at (s, p, &alen) && g_unichar_isalnum (prev))
        {
          guint32 after = p + alen;

          if (prev == 'n' || prev == 'N')
            {
              guint32 t_end = clitic_end (s, after, TRUE);

              if (t_end > 0)
                {
                  /* "don't" → "do" "n't"; "can't" → "ca" "n't" */
                  if (p - 1 > token_start)
                    emit (s, token_start, p - 1, LEDE_TOKEN_WORD);
                  emit (s, p - 1, t_end, LEDE_TOKEN_WORD);
                  return t_end;
                }
            }
          /* "Russia's", "they'll": the clitic is the next token; "O'Brien" stays whole */
          if (clitic_end (s, after, FALSE) > 0 || !is_word_char_at (s, after))
            break;
          p = after;
          prev = '\'';
          segment++;
          continue;
        }
      else
        break;
      /* the joiner is inside the word */
      p += clen;
      prev = c;
    }

  /* a single trailing period: part of an abbreviation, or a token of its own */
  if (p < s->end && s->text[p] == '.' && !(p + 1 < s->end && s->text[p + 1] == '.') &&
      forced_kind == LEDE_TOKEN_WORD && period_attaches (s, pos, p, &shape))
    {
      emit (s, token_start, p + 1, LEDE_TOKEN_ABBREVIATION);
      return p + 1;
    }

  if (forced_kind != LEDE_TOKEN_WORD)
    kind = forced_kind;
  else if (shape.percent)
    kind = LEDE_TOKEN_PERCENT;
  else if (shape.first_digit && !shape.hyphen_letter)
    kind = LEDE_TOKEN_NUMBER;
  else if (shape.n_periods > 0 && shape.longest_segment <= 2)
    kind = LEDE_TOKEN_ABBREVIATION;
  else if (shape.n_periods > 0 && g_ascii_islower (s->text[p - 1]))
    kind = LEDE_TOKEN_URL;   /* a bare domain: "example.com" */
  else
    kind = LEDE_TOKEN_WORD;
  if (kind == LEDE_TOKEN_WORD && (p - token_start == 5 || p - token_start == 6))
    {
      guint32 split = fused_split (s, token_start, p);

      if (split > 0)
        {
          emit (s, token_start, token_start + split, kind);
          token_start += split;
        }
    }
  emit (s, token_start, p, kind);
  return p;
}

/* Token at pos starting with a letter or digit. */
static guint32
scan_alnum (Scanner *s, guint32 pos)
{
  char c = s->text[pos] | 0x20, c2 = pos + 1 < s->end ? (s->text[pos + 1] | 0x20) : 0;
  guint32 p;

  /* look for "http://" and the like only after "ht", "ft" or "ww" */
  if ((((c == 'h' || c == 'f') && c2 == 't') || (c == 'w' && c2 == 'w')) &&
      (has_prefix_ci (s, pos, "http://") || has_prefix_ci (s, pos, "https://") ||
       has_prefix_ci (s, pos, "ftp://") ||
       (has_prefix_ci (s, pos, "www.") && is_word_char_at (s, pos + 4))))
    return scan_url (s, pos);
  if ((p = scan_email (s, pos)) > 0)
    return p;
  return scan_word (s, pos, pos, LEDE_TOKEN_WORD);
}

/* The common case first: a run of ASCII letters and digits that ends at a
 * space or at punctuation that never joins a word ("said," "it)"): no URL,
 * e-mail, clitic, abbreviation or number rule can apply to it. Anything else
 * goes to the full scanners. */
static guint32
scan_plain_word (Scanner *s, guint32 pos)
{
  guint32 q = pos + 1;
  guchar stop;

  while (q < s->end && word_byte[(guchar) s->text[q]])
    q++;
  stop = q < s->end ? (guchar) s->text[q] : ' ';
  if ((stop <= ' ' || stop == ';' || stop == ')' || stop == ']' || stop == '"' ||
       stop == '?' || stop == '!' || (stop == ',' && !g_ascii_isdigit (s->text[pos]))) &&
      !((q - pos == 5 || q - pos == 6) && fused_split (s, pos, q) > 0))
    {
      emit (s, pos, q, g_ascii_isdigit (s->text[pos]) ? LEDE_TOKEN_NUMBER : LEDE_TOKEN_WORD);
      return q;
    }
  if (g_ascii_isalnum (s->text[pos]))
    return scan_alnum (s, pos);
  return scan_word (s, pos, pos, LEDE_TOKEN_WORD);
}

static guint32
run_of (const Scanner *s, guint32 pos, char c)
{
  guint32 p = pos;

  while (p < s->end && s->text[p] == c)
    p++;
  return p;
}

/* An apostrophe or single quote at pos (alen bytes). */
static guint32
scan_apostrophe (Scanner *s, guint32 pos, guint32 alen)
{
  const LedeToken *prev = last_token (s);
  guint32 p;

  /* a clitic after a word that kept its period, or a number: "Jr.'s", "1990's" */
  if (prev != NULL && prev->end == pos && prev->kind != LEDE_TOKEN_PUNCT &&
      prev->kind != LEDE_TOKEN_SYMBOL && (p = clitic_end (s, pos + alen, FALSE)) > 0)
    {
      emit (s, pos, p, LEDE_TOKEN_WORD);
      return p;
    }
  /* a decade: "'90s" */
  if (is_ascii_digit_at (s, pos + alen) && is_ascii_digit_at (s, pos + alen + 1) &&
      !is_ascii_digit_at (s, pos + alen + 2) && (prev == NULL || prev->end < pos))
    {
      p = pos + alen + 2;
      if (p < s->end && s->text[p] == 's' && !is_word_char_at (s, p + 1))
        p++;
      if (!is_word_char_at (s, p))
        {
          emit (s, pos, p, LEDE_TOKEN_NUMBER);
          return p;
        }
    }
  /* PTB's closing quote: '' */
  if (alen == 1 && pos + 1 < s->end && s->text[pos + 1] == '\'')
    {
      emit (s, pos, pos + 2, LEDE_TOKEN_PUNCT);
      return pos + 2;
    }
  emit (s, pos, pos + alen, LEDE_TOKEN_PUNCT);
  return pos + alen;
}

static gboolean
is_currency (gunichar c)
{
  return c == '$' || (c >= 0x80 && g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL);
}

/* A character that is neither space nor word character, at pos. */
static guint32
scan_other (Scanner *s, guint32 pos)
{
  guint32 clen, p;
  gunichar c = char_at (s, pos, &clen);
  LedeTokenKind kind;

  switch (c)
    {
    case '.':
      /* a decimal without its zero: "batting .324" */
      if (is_ascii_digit_at (s, pos + 1) && (s->n_tokens == 0 || last_token (s)->end < pos))
        return scan_word (s, pos + 1, pos, LEDE_TOKEN_NUMBER);
      /* "..." and "...." are one token; one period is one */
      emit (s, pos, run_of (s, pos, '.'), LEDE_TOKEN_PUNCT);
      return run_of (s, pos, '.');
    case '!':
    case '?':
      for (p = pos; p < s->end && (s->text[p] == '!' || s->text[p] == '?'); p++)
        ;
      emit (s, pos, p, LEDE_TOKEN_PUNCT);
      return p;
    case '-':
      /* "--" is a dash; one hyphen is one token */
      emit (s, pos, run_of (s, pos, '-'), LEDE_TOKEN_PUNCT);
      return run_of (s, pos, '-');
    case '`':
      p = MIN (run_of (s, pos, '`'), pos + 2);
      emit (s, pos, p, LEDE_TOKEN_PUNCT);
      return p;
    case '\'':
      return scan_apostrophe (s, pos, 1);
    case APOSTROPHE_CURLY:
      return scan_apostrophe (s, pos, clen);
    case 0x2026: /* "…", with the periods and "…" glued to it */
      for (p = pos + clen; p < s->end; p += s->text[p] == '.' ? 1 : 3)
        if (s->text[p] != '.' && !(p + 3 <= s->end && memcmp (s->text + p, "\xE2\x80\xA6", 3) == 0))
          break;
      emit (s, pos, p, LEDE_TOKEN_PUNCT);
      return p;
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2015: /* ― */
      /* a run of the same dash is one token */
      for (p = pos + clen; p + clen <= s->end && memcmp (s->text + p, s->text + pos, clen) == 0;
           p += clen)
        ;
      emit (s, pos, p, LEDE_TOKEN_PUNCT);
      return p;
    case '#':
    case '@':
      /* "#hashtag", "@handle" at the start of a word */
      if (is_ascii_letter_at (s, pos + 1) && (s->n_tokens == 0 || last_token (s)->end < pos))
        return scan_word (s, pos + 1, pos, LEDE_TOKEN_WORD);
      break;
    default:
      break;
    }

  if (is_currency (c) && is_ascii_digit_at (s, pos + clen))
    return scan_word (s, pos + clen, pos, LEDE_TOKEN_MONEY);

  if (c < 0x80)
    kind = strchr ("$%&#@*+=<>^|~\\/", (char) c) ? LEDE_TOKEN_SYMBOL : LEDE_TOKEN_PUNCT;
  else
    {
      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONNECT_PUNCTUATION:
        case G_UNICODE_DASH_PUNCTUATION:
        case G_UNICODE_OPEN_PUNCTUATION:
        case G_UNICODE_CLOSE_PUNCTUATION:
        case G_UNICODE_INITIAL_PUNCTUATION:
        case G_UNICODE_FINAL_PUNCTUATION:
        case G_UNICODE_OTHER_PUNCTUATION:
          kind = LEDE_TOKEN_PUNCT;
          break;
        default:
          kind = LEDE_TOKEN_SYMBOL;
          break;
        }
    }
  /* keep variation selectors and other marks with their symbol (emoji) */
  p = pos + clen;
  while (p < s->end)
    {
      guint32 mlen;
      gunichar m = char_at (s, p, &mlen);

      if (m < 0x80 || !(g_unichar_ismark (m) || m == 0x200D))
        break;
      p += mlen;
    }
  emit (s, pos, p, kind);
  return p;
}

static void
tokenize_span (Scanner *s, guint32 start, guint32 end)
{
  guint32 pos = start;

  s->end = end;
  s->next_at = start;
  s->no_email_before = start;
  while (pos < end)
    {
      guchar b = (guchar) s->text[pos];
      guint32 clen;
      gunichar c;

      if (b < 0x80)
        {
          if (b <= 0x20 || b == 0x7F)
            pos++;
          else if (word_byte[b])
            pos = scan_plain_word (s, pos);
          else
            pos = scan_other (s, pos);
          continue;
        }
      c = char_at (s, pos, &clen);
      if (is_space (c))
        pos += clen;
      else if (is_word_char (c))
        pos = scan_word (s, pos, pos, LEDE_TOKEN_WORD);
      else
        pos = scan_other (s, pos);
    }
}

void
lede_tokens_annotate (const LedeModel *model, LedeDoc *doc)
{
  Scanner s = { model, doc->text, 0, doc->tokens, 0, 0, 0 };

  g_array_set_size (doc->tokens, 0);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const LedeBlock *block = &g_array_index (doc->blocks, LedeBlock, i);

      if (block->kind == LEDE_STRUCTURE_HEADLINE || block->kind == LEDE_STRUCTURE_CAPTION ||
          block->kind == LEDE_STRUCTURE_PARAGRAPH)
        tokenize_span (&s, block->span.start, MIN (block->span.end, (guint32) doc->len));
    }
  g_array_set_size (doc->tokens, s.n_tokens);
}

/* Lower-cases token i into buf, with the curly apostrophe of "n’t" as "'";
 * FALSE when it does not fit, which no lexicon word fails to. */
gboolean
lede_token_lower (const LedeDoc *doc, guint i, char *buf, gsize size)
{
  const LedeToken *t = &g_array_index (doc->tokens, LedeToken, i);
  const char *s = doc->text + t->start;
  gsize len = t->end - t->start, o = 0;

  if (len == 0 || len >= size)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    {
      char ch = s[k];

      if ((guchar) ch == 0xE2 && k + 2 < len && (guchar) s[k + 1] == 0x80
          && (guchar) s[k + 2] == 0x99)
        {
          buf[o++] = '\'';
          k += 2;
          continue;
        }
      /* by hand: a call per character shows in profiles of the per-token loops */
      buf[o++] = ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
    }
  buf[o] = '\0';
  return TRUE;
}

gboolean
lede_token_word_is (const LedeDoc *doc, guint i, const char *word)
{
  const LedeToken *t = &g_array_index (doc->tokens, LedeToken, i);
  gsize len = strlen (word);

  return t->end - t->start == len && g_ascii_strncasecmp (doc->text + t->start, word, len) == 0;
}

gboolean
lede_token_is_capitalized (const LedeDoc *doc, guint i)
{
  return g_unichar_isupper (g_utf8_get_char (doc->text + g_array_index (doc->tokens, LedeToken, i).start));
}

/* "quickly", "reportedly": a lower-case word of four letters or more in -ly */
gboolean
lede_token_is_ly_adverb (const LedeDoc *doc, guint i)
{
  const LedeToken *t = &g_array_index (doc->tokens, LedeToken, i);

  return t->kind == LEDE_TOKEN_WORD && t->end - t->start > 3 && !lede_token_is_capitalized (doc, i)
         && memcmp (doc->text + t->end - 2, "ly", 2) == 0;
}
