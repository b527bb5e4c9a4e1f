/* lede-sentences.c — groups the tokens of each block into sentences.
 *
 * A sentence never crosses a block. Inside a block, a boundary comes after a
 * run of terminal punctuation (". ? ! ... …", with the closing quotes and
 * brackets glued to it) when the next word starts a sentence, at a line break
 * after a line that reads as a heading or list item, and before the items of
 * a list ("1. ... 2. ...", "a) ... b) ...", bullets). Abbreviations keep their
 * period as part of their token (lede-tokens.c); their model flags say
 * whether they may end a sentence: a title never does ("Mr. Smith"), a
 * numeric one not before a number ("No. 5"), any other one only before a
 * word that commonly opens a sentence ("in the U.S. The" but "U.S. Army"). */
#include "lede-private.h"

#include <stdlib.h>
#include <string.h>

/* What lies before each token, and what the list pass decided. */
enum {
  GAP_BEFORE   = 1 << 0,  /* some space between it and the token before */
  WIDE_GAP     = 1 << 1,  /* more than one byte of it */
  NL_BEFORE    = 1 << 2,  /* a line break */
  BLANK_BEFORE = 1 << 3,  /* an empty line */
  BREAK_BEFORE = 1 << 4,  /* a sentence starts here: a list item or bullet */
  IN_MARKER    = 1 << 5,  /* part of a list marker ("1." "a)"), which ends nothing */
  CLOSES_QUOTE = 1 << 6,  /* a straight double quote that closes a quotation */
};

typedef struct {
  const LedeModel *model;
  const char      *text;
  const LedeToken *tok;
  guint8          *flags;
  guint32          first, last;   /* the tokens of the current block */
  GArray          *sentences;
} Splitter;

typedef enum {
  CASE_LOWER,
  CASE_UPPER,    /* capitalized, or a letter of a script without case */
  CASE_DIGIT,
  CASE_NONE,     /* punctuation and symbols */
} Case;

/* Words that commonly open a sentence: after an abbreviation or initial they
 * say that the period also ended the sentence. Sorted, for bsearch. */
static const char *const sentence_starts[] = {
  "a", "about", "above", "according", "across", "additionally", "after", "again",
  "against", "all", "also", "although", "always", "among", "an", "and", "another", "any",
  "anyone", "anything", "are", "as", "at", "because", "before", "being", "besides", "both",
  "but", "by", "can", "consequently", "could", "despite", "did", "do", "does", "during",
  "each", "either", "even", "every", "everyone", "everything", "few", "finally", "for",
  "from", "furthermore", "had", "has", "have", "he", "hence", "her", "here", "hers", "him",
  "his", "how", "however", "i", "if", "in", "indeed", "instead", "is", "it", "its", "just",
  "last", "later", "let", "likewise", "many", "meanwhile", "more", "moreover", "most",
  "much", "my", "neither", "never", "nevertheless", "next", "no", "none", "nonetheless",
  "nor", "not", "now", "of", "often", "on", "once", "one", "only", "or", "other", "others",
  "otherwise", "our", "over", "perhaps", "please", "rather", "several", "she", "should",
  "similarly", "since", "so", "some", "someone", "something", "soon", "still", "such",
  "than", "that", "the", "their", "them", "then", "there", "thereafter", "therefore",
  "these", "they", "this", "those", "though", "thus", "to", "today", "tomorrow", "too",
  "under", "unless", "unlike", "until", "was", "we", "were", "what", "whatever", "when",
  "whenever", "where", "whether", "which", "while", "who", "whom", "whose", "why", "with",
  "within", "without", "would", "yes", "yesterday", "yet", "you", "your",
};

/* Words that do not end a line that is a heading: the line was wrapped. */
static const char *const line_joiners[] = {
  "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "has",
  "have", "her", "his", "in", "into", "is", "its", "my", "nor", "of", "on", "onto", "or",
  "our", "per", "than", "that", "the", "their", "this", "to", "via", "was", "were",
  "which", "who", "with", "your",
};

/* Verbs of a dialogue tag after a quoted question or exclamation:
 * "“Why now?” Mom asked." is one sentence. */
static const char *const speech_verbs[] = {
  "added", "adds", "answered", "answers", "ask", "asked", "asks", "began", "begins",
  "called", "calls", "continued", "continues", "cried", "cries", "declared", "declares",
  "exclaimed", "exclaims", "explained", "explains", "howled", "howls", "insisted",
  "insists", "muttered", "mutters", "recalled", "recalls", "replied", "replies",
  "responded", "responds", "said", "say", "says", "screamed", "screams", "shouted",
  "shouts", "tells", "told", "whispered", "whispers", "writes", "wrote", "yelled", "yells",
};

/* Words that can follow a clock time inside a sentence. */
static const char *const time_names[] = {
  "atlantic", "central", "eastern", "friday", "monday", "mountain", "pacific", "saturday",
  "sunday", "thursday", "tuesday", "wednesday",
};

/* Prepositions that open a time or place phrase: "At 5 a.m. Mr. Smith left." */
static const char *const fronting_prepositions[] = {
  "about", "after", "around", "at", "before", "between", "by", "during", "from", "in",
  "on", "since", "through", "till", "until",
};

static inline guint32
tok_len (const Splitter *sp, guint32 i)
{
  return sp->tok[i].end - sp->tok[i].start;
}

static inline const char *
tok_str (const Splitter *sp, guint32 i)
{
  return sp->text + sp->tok[i].start;
}

static inline gboolean
tok_is (const Splitter *sp, guint32 i, const char *s)
{
  gsize n = strlen (s);

  return tok_len (sp, i) == n && memcmp (tok_str (sp, i), s, n) == 0;
}

static int
compare_words (const void *key, const void *member)
{
  return strcmp (key, *(const char *const *) member);
}

/* Is the token, lower-cased, in the sorted list? */
static gboolean
tok_in_list (const Splitter *sp, guint32 i, const char *const *list, gsize n)
{
  char key[16];
  guint32 len = tok_len (sp, i);

  if (len >= sizeof key)
    return FALSE;
  for (guint32 k = 0; k < len; k++)
    key[k] = g_ascii_tolower (tok_str (sp, i)[k]);
  key[len] = '\0';
  return bsearch (key, list, n, sizeof list[0], compare_words) != NULL;
}

static Case
tok_case (const Splitter *sp, guint32 i)
{
  const char *s = tok_str (sp, i), *end = s + tok_len (sp, i);
  gunichar c;

  switch (sp->tok[i].kind)
    {
    case LEDE_TOKEN_PUNCT:
    case LEDE_TOKEN_SYMBOL:
      return CASE_NONE;
    case LEDE_TOKEN_NUMBER:
    case LEDE_TOKEN_MONEY:
    case LEDE_TOKEN_PERCENT:
      return CASE_DIGIT;
    default:
      break;
    }
  c = g_utf8_get_char (s);
  if (g_unichar_isdigit (c))
    return CASE_DIGIT;
  if (g_unichar_islower (c))
    {
      /* "iPhone", "eBay" open sentences as if capitalized */
      for (const char *p = g_utf8_next_char (s); p < end && p < s + 4; p = g_utf8_next_char (p))
        if (g_unichar_isupper (g_utf8_get_char (p)))
          return CASE_UPPER;
      return CASE_LOWER;
    }
  return CASE_UPPER;
}

/* A run of '.', '?', '!' or '…'. */
static gboolean
is_terminal_punct (const Splitter *sp, guint32 i)
{
  const char *s = tok_str (sp, i), *end = s + tok_len (sp, i);

  if (sp->tok[i].kind != LEDE_TOKEN_PUNCT)
    return FALSE;
  while (s < end)
    {
      if (*s == '.' || *s == '?' || *s == '!')
        s++;
      else if (end - s >= 3 && memcmp (s, "\xE2\x80\xA6", 3) == 0)
        s += 3;
      else
        return FALSE;
    }
  return TRUE;
}

static inline gboolean
is_terminal (const Splitter *sp, guint32 i)
{
  char c;

  if (sp->tok[i].kind == LEDE_TOKEN_ABBREVIATION)
    return tok_str (sp, i)[tok_len (sp, i) - 1] == '.' && !(sp->flags[i] & IN_MARKER);
  if (sp->tok[i].kind != LEDE_TOKEN_PUNCT)
    return FALSE;
  c = tok_str (sp, i)[0];
  return (c == '.' || c == '?' || c == '!' || c == '\xE2') && !(sp->flags[i] & IN_MARKER) &&
         is_terminal_punct (sp, i);
}

static gboolean
is_straight_quote (const Splitter *sp, guint32 i)
{
  return tok_is (sp, i, "\"") || tok_is (sp, i, "'") || tok_is (sp, i, "''");
}

static gboolean
is_closer (const Splitter *sp, guint32 i)
{
  if (sp->tok[i].kind != LEDE_TOKEN_PUNCT)
    return FALSE;
  if (tok_is (sp, i, "\""))
    return sp->flags[i] & CLOSES_QUOTE;
  if (is_straight_quote (sp, i))
    return !(sp->flags[i] & GAP_BEFORE);
  if (sp->flags[i] & (WIDE_GAP | NL_BEFORE))
    return FALSE;
  return tok_is (sp, i, ")") || tok_is (sp, i, "]") || tok_is (sp, i, "}") ||
         tok_is (sp, i, "\xE2\x80\x9D") /* ” */ || tok_is (sp, i, "\xE2\x80\x99") /* ’ */ ||
         tok_is (sp, i, "\xC2\xBB") /* » */ || tok_is (sp, i, "\xE2\x80\xBA") /* › */;
}

static gboolean
is_opener (const Splitter *sp, guint32 i)
{
  if (sp->tok[i].kind != LEDE_TOKEN_PUNCT)
    return FALSE;
  if (tok_is (sp, i, "\""))
    return !(sp->flags[i] & CLOSES_QUOTE);
  if (is_straight_quote (sp, i))
    return i == sp->first || (sp->flags[i] & GAP_BEFORE);
  return tok_is (sp, i, "(") || tok_is (sp, i, "[") || tok_is (sp, i, "{") ||
         tok_is (sp, i, "``") || tok_is (sp, i, "\xE2\x80\x9C") /* “ */ ||
         tok_is (sp, i, "\xE2\x80\x98") /* ‘ */ || tok_is (sp, i, "\xC2\xAB") /* « */ ||
         tok_is (sp, i, "\xE2\x80\xB9") /* ‹ */ || tok_is (sp, i, "\xE2\x80\x9E") /* „ */;
}

static inline gboolean
is_bullet (const Splitter *sp, guint32 i)
{
  static const gunichar bullets[] = {
    0x2022, 0x2023, 0x2043, 0x2219, 0x25AA, 0x25A0, 0x25B8, 0x25BA, 0x25C6, 0x25CF,
    0x25E6, 0x2713, 0x2714, 0x27A2, 0x27A4,
  };
  const char *s = tok_str (sp, i);
  gunichar c;

  if ((sp->tok[i].kind != LEDE_TOKEN_PUNCT && sp->tok[i].kind != LEDE_TOKEN_SYMBOL) ||
      (guchar) s[0] < 0x80 || g_utf8_next_char (s) != s + tok_len (sp, i))
    return FALSE;
  c = g_utf8_get_char (s);
  for (guint k = 0; k < G_N_ELEMENTS (bullets); k++)
    if (bullets[k] == c)
      return TRUE;
  return FALSE;
}

static gboolean
is_dash (const Splitter *sp, guint32 i)
{
  return tok_is (sp, i, "-") || tok_is (sp, i, "--") || tok_is (sp, i, "*") ||
         tok_is (sp, i, "+") || tok_is (sp, i, "\xE2\x80\x93") /* – */ ||
         tok_is (sp, i, "\xE2\x80\x94") /* — */;
}

/* A reference mark after a sentence ("... in 1805. [17]"), which belongs to
 * it: returns its last token, or 0. */
static guint32
citation_end (const Splitter *sp, guint32 k)
{
  if (k + 2 >= sp->last || !tok_is (sp, k, "[") || (sp->flags[k] & NL_BEFORE) ||
      (sp->flags[k + 1] & GAP_BEFORE) || (sp->flags[k + 2] & GAP_BEFORE) ||
      !tok_is (sp, k + 2, "]") || tok_len (sp, k + 1) > 4 ||
      !(sp->tok[k + 1].kind == LEDE_TOKEN_NUMBER ||
        (tok_len (sp, k + 1) == 1 && g_ascii_islower (tok_str (sp, k + 1)[0]))))
    return 0;
  return k + 2;
}

/* The model's flags for an abbreviation token; *initial says whether it is a
 * single letter ("E."). Unknown words with inner periods ("U.N.") may end a sentence. */
static guint
abbreviation_flags (const Splitter *sp, guint32 i, gboolean *initial)
{
  const char *s = tok_str (sp, i);
  guint32 len = tok_len (sp, i) - (s[tok_len (sp, i) - 1] == '.');
  char key[16];
  guint flags;

  *initial = len > 0 && g_utf8_next_char (s) == s + len;
  if (len == 0 || len >= sizeof key)
    return 0;
  for (guint32 k = 0; k < len; k++)
    key[k] = g_ascii_tolower (s[k]);
  key[len] = '\0';
  flags = GPOINTER_TO_UINT (g_hash_table_lookup (sp->model->abbreviations, key));
  if (flags == 0 && !*initial && memchr (key, '.', len) != NULL)
    flags = LEDE_ABBREV_ANY;
  return flags;
}

/* "a.m." or "p.m.", in either case. */
static gboolean
is_clock_time (const Splitter *sp, guint32 i)
{
  return tok_len (sp, i) == 4 && (g_ascii_strncasecmp (tok_str (sp, i), "a.m.", 4) == 0 ||
                                  g_ascii_strncasecmp (tok_str (sp, i), "p.m.", 4) == 0);
}

/* After a clock time, a word that belongs to it: "10 a.m. Eastern time",
 * "9 p.m. EST", "8 a.m. Monday". */
static gboolean
names_a_time (const Splitter *sp, guint32 w)
{
  const char *s = tok_str (sp, w);
  guint32 len = tok_len (sp, w), caps = 0;

  while (caps < len && g_ascii_isupper (s[caps]))
    caps++;
  if (caps == len && len >= 2 && len <= 4)
    return TRUE;   /* a zone: "GMT", "ET" */
  if (w + 1 < sp->last && tok_is (sp, w + 1, "time"))
    return TRUE;
  return tok_in_list (sp, w, time_names, G_N_ELEMENTS (time_names));
}

static gboolean
is_title (const Splitter *sp, guint32 i)
{
  gboolean initial;

  return sp->tok[i].kind == LEDE_TOKEN_ABBREVIATION &&
         (abbreviation_flags (sp, i, &initial) & LEDE_ABBREV_TITLE);
}

static void
emit (Splitter *sp, guint32 from, guint32 to)
{
  LedeSentence sentence = { sp->tok[from].start, sp->tok[to].end, from, to - from + 1 };

  g_array_append_val (sp->sentences, sentence);
}

/* Records the space between consecutive tokens of the block. */
static void
scan_gaps (Splitter *sp)
{
  for (guint32 i = sp->first + 1; i < sp->last; i++)
    {
      guint32 from = sp->tok[i - 1].end, to = sp->tok[i].start, newlines = 0;
      guint8 f = 0;

      if (to == from)
        {
          sp->flags[i] = 0;
          continue;
        }
      f |= GAP_BEFORE;
      if (to > from + 1)
        f |= WIDE_GAP;
      if (to == from + 1)
        newlines = sp->text[from] == '\n';
      else
        for (const char *p = memchr (sp->text + from, '\n', to - from); p != NULL && newlines < 2;
             p = memchr (p + 1, '\n', sp->text + to - (p + 1)))
          newlines++;
      if (newlines > 0)
        f |= NL_BEFORE;
      if (newlines > 1)
        f |= BLANK_BEFORE;
      sp->flags[i] = f;
    }
}

typedef struct {
  int     value;   /* 1 for "1." and "a."; 0 when it is no number or letter ("ii.") */
  int     roman;   /* 2 for "ii." and "II.", 1 for "i."; else 0 */
  char    type;    /* '1', 'a' or 'A' (and so the case of a roman numeral), 'n' for "2.1." */
  char    style;   /* '.', ')' or ']' for ".)" */
  gboolean anchored; /* its list began at a line start or a bullet */
  guint32 index;   /* its first token */
  guint32 end;     /* its last token */
} Marker;

static gboolean
glued_is (const Splitter *sp, guint32 i, const char *s)
{
  return i < sp->last && !(sp->flags[i] & GAP_BEFORE) && tok_is (sp, i, s);
}

/* The value of len ASCII digits, or -1. (Token text is not NUL-terminated.) */
static int
digits_value (const char *s, guint32 len)
{
  int value = 0;

  for (guint32 k = 0; k < len; k++)
    {
      if (!g_ascii_isdigit (s[k]))
        return -1;
      value = value * 10 + (s[k] - '0');
    }
  return value;
}

/* The value of a roman numeral from i to x in one case, or 0. */
static int
roman_value (const char *s, guint32 len)
{
  static const char *const numerals[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x" };
  char lower[5];

  if (len == 0 || len > 4)
    return 0;
  for (guint32 k = 0; k < len; k++)
    {
      if (!strchr ("ivxIVX", s[k]) || g_ascii_isupper (s[k]) != g_ascii_isupper (s[0]))
        return 0;
      lower[k] = g_ascii_tolower (s[k]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (numerals); k++)
    if (strlen (numerals[k]) == len && memcmp (numerals[k], lower, len) == 0)
      return k + 1;
  return 0;
}

/* "2.1", "4.1.2" */
static gboolean
is_section_number (const char *s, guint32 len)
{
  for (guint32 k = 0; k < len; k++)
    if (!g_ascii_isdigit (s[k]) && s[k] != '.')
      return FALSE;
  return TRUE;
}

/* A list marker at token m: "1." "12)" "3.)" "a." "b)", followed by a space. */
static gboolean
marker_at (const Splitter *sp, guint32 m, Marker *marker)
{
  const char *s = tok_str (sp, m);
  guint32 len = tok_len (sp, m), next = m + 1;
  LedeTokenKind kind = sp->tok[m].kind;
  gboolean initial;

  marker->index = m;
  if (kind == LEDE_TOKEN_NUMBER && len <= 3 && digits_value (s, len) >= 0)
    {
      marker->value = digits_value (s, len);
      marker->type = '1';
    }
  else if (kind == LEDE_TOKEN_NUMBER && len <= 8 && is_section_number (s, len))
    {
      /* a section number, "2.1."; a marker only where a line starts */
      marker->value = 0;
      marker->type = 'n';
    }
  else if (len <= 2 && g_ascii_isalpha (s[0]) &&
           ((kind == LEDE_TOKEN_ABBREVIATION && len == 2) || (kind == LEDE_TOKEN_WORD && len == 1)))
    {
      /* a letter, and maybe a roman numeral: "c." "i." "v)" */
      marker->value = g_ascii_tolower (s[0]) - 'a' + 1;
      marker->roman = roman_value (s, 1);
      marker->type = g_ascii_islower (s[0]) ? 'a' : 'A';
      if (len == 2)
        {
          marker->style = '.';
          next = m;
        }
    }
  else if (kind == LEDE_TOKEN_WORD && len <= 4 &&
           ((s[0] | 0x20) == 'i' || (s[0] | 0x20) == 'v' || (s[0] | 0x20) == 'x') &&
           (marker->roman = roman_value (s, len)) > 0)
    marker->type = g_ascii_islower (s[0]) ? 'a' : 'A';   /* "ii." "IV)" */
  else
    return FALSE;

  if (next == m + 1)
    {
      if (glued_is (sp, next, "."))
        marker->style = '.';
      else if (glued_is (sp, next, ")"))
        marker->style = ')';
      else
        return FALSE;
    }
  if (marker->style == '.' && glued_is (sp, next + 1, ")"))
    {
      marker->style = ']';
      next++;
    }
  marker->end = next;

  /* a space before (or a bullet) and after, and not "No. 1." */
  if (next + 1 >= sp->last || !(sp->flags[next + 1] & GAP_BEFORE))
    return FALSE;
  if (m == sp->first)
    return TRUE;
  if (is_bullet (sp, m - 1))
    return TRUE;
  return (sp->flags[m] & GAP_BEFORE) &&
         !(sp->tok[m - 1].kind == LEDE_TOKEN_ABBREVIATION &&
           (abbreviation_flags (sp, m - 1, &initial) & LEDE_ABBREV_NUMERIC));
}

/* Does the marker continue the list of the one before: "b." after "a.",
 * "iii)" after "ii)"? */
static gboolean
continues (const Marker *last, const Marker *marker)
{
  if (last->style != marker->style || last->type != marker->type)
    return FALSE;
  return (last->value > 0 && marker->value == last->value + 1) ||
         (last->roman > 0 && marker->roman == last->roman + 1);
}

static void
confirm_marker (Splitter *sp, const Marker *marker)
{
  for (guint32 k = marker->index; k <= marker->end; k++)
    sp->flags[k] |= IN_MARKER;
  if (marker->index > sp->first && !is_bullet (sp, marker->index - 1))
    sp->flags[marker->index] |= BREAK_BEFORE;
}

/* Which straight double quotes close a quotation: one glued to the word before
 * it and not to the one after ("said."), one that ends a line, or, spaced on
 * both sides (tokenized text: `said . " Then`), one while a quotation is open. */
static void
mark_quotes (Splitter *sp)
{
  gboolean open = FALSE;

  for (guint32 i = sp->first; i < sp->last; i++)
    {
      gboolean glued_before, glued_after, closes;

      if (sp->tok[i].kind != LEDE_TOKEN_PUNCT || !tok_is (sp, i, "\""))
        continue;
      glued_before = i > sp->first && !(sp->flags[i] & GAP_BEFORE);
      glued_after = i + 1 < sp->last && !(sp->flags[i + 1] & GAP_BEFORE);
      if (i + 1 == sp->last || (sp->flags[i + 1] & NL_BEFORE))
        closes = i > sp->first;
      else if (glued_before != glued_after)
        closes = glued_before;
      else
        closes = open;
      if (closes)
        sp->flags[i] |= CLOSES_QUOTE;
      open = !closes;
    }
}

/* Finds list items and bullets. A marker at the start of the block or of a
 * line, or after a bullet, is an item; inside a line it is one only when it
 * continues the numbering of the marker before it ("1. Eggs 2. Milk"). */
static void
mark_lists (Splitter *sp)
{
  Marker last = { 0 }, marker = { 0 };
  gboolean have_last = FALSE;

  for (guint32 m = sp->first; m < sp->last; m++)
    {
      gboolean line_start = m == sp->first || (sp->flags[m] & NL_BEFORE), strong, follows;

      if (m > sp->first && (is_bullet (sp, m) ||
                            (line_start && is_dash (sp, m) && m + 1 < sp->last &&
                             (sp->flags[m + 1] & GAP_BEFORE))))
        sp->flags[m] |= BREAK_BEFORE;

      /* only short numbers and letters, with "." or ")" glued on, can be markers */
      if (tok_len (sp, m) > 8 || !g_ascii_isalnum (tok_str (sp, m)[0]) ||
          (sp->tok[m].kind != LEDE_TOKEN_ABBREVIATION &&
           (m + 1 >= sp->last || (sp->flags[m + 1] & GAP_BEFORE) ||
            (tok_str (sp, m + 1)[0] != '.' && tok_str (sp, m + 1)[0] != ')'))))
        continue;
      memset (&marker, 0, sizeof marker);
      if (!marker_at (sp, m, &marker))
        continue;
      strong = line_start || is_bullet (sp, m - 1);
      follows = have_last && continues (&last, &marker);
      marker.anchored = strong || (follows && last.anchored);
      /* inside a line, an item opens with a capital ("1. The", not "figure 1) shows")
       * unless it continues a list that began on a line of its own */
      if (!marker.anchored && tok_case (sp, marker.end + 1) == CASE_LOWER)
        continue;
      if (strong)
        confirm_marker (sp, &marker);
      else if (follows)
        {
          confirm_marker (sp, &last);
          confirm_marker (sp, &marker);
        }
      else if (marker.value != 1 && marker.roman != 1)
        continue;
      if (strong && marker.type != '1' && marker.value != 1 && marker.roman != 1 && !follows)
        {
          /* "R. Smith" opening a line is no list item "r." that "S." continues */
          m = marker.end;
          continue;
        }
      last = marker;
      have_last = TRUE;
      m = marker.end;
    }
}

/* The token right after the run [i, j] of terminal punctuation and closers
 * is k = j + 1: does a new sentence start there? */
static gboolean
ends_sentence (const Splitter *sp, guint32 i, guint32 j, guint32 sentence_start)
{
  guint32 k = j + 1, w = k, n_dots = 0;
  gboolean question = FALSE, quoted = FALSE, bracketed, ellipsis, starts;
  gboolean abbreviation = sp->tok[i].kind == LEDE_TOKEN_ABBREVIATION, initial;
  guint8 f = sp->flags[k];
  Case next_case;
  guint flags;

  if (f & (BREAK_BEFORE | BLANK_BEFORE))
    return TRUE;
  if (i == sentence_start && sp->tok[i].kind == LEDE_TOKEN_PUNCT)
    return FALSE;   /* "... The view is" opens a sentence, it does not end one */
  for (guint32 r = i; r <= j; r++)
    {
      if (r > i && is_terminal_punct (sp, r))
        abbreviation = FALSE;   /* "U.S.?" ends like "?" */
      if (is_terminal_punct (sp, r))
        for (const char *p = tok_str (sp, r); p < tok_str (sp, r) + tok_len (sp, r); p++)
          {
            n_dots += *p == '.' ? 1 : (guchar) *p == 0xA6 ? 3 : 0;   /* … ends in 0xA6 */
            question |= *p == '?' || *p == '!';
          }
      else if (r > i && (is_straight_quote (sp, r) || tok_is (sp, r, "\xE2\x80\x9D") ||
                         tok_is (sp, r, "\xE2\x80\x99") || tok_is (sp, r, "\xC2\xBB") ||
                         tok_is (sp, r, "\xE2\x80\xBA")))
        quoted = TRUE;   /* a closing quote, not a bracket or reference mark */
    }
  ellipsis = n_dots >= 2 && !question;
  /* "[...]" marks left-out words, not an end */
  bracketed = ellipsis && i > sp->first && !(sp->flags[i] & GAP_BEFORE) &&
              (tok_is (sp, i - 1, "[") || tok_is (sp, i - 1, "("));
  if (bracketed)
    return FALSE;

  if (!(f & GAP_BEFORE))
    {
      /* glued on: "Jr.'s", "U.S.-led", "mean...see"; but "ended.The" */
      return !abbreviation && n_dots <= 1 && sp->tok[k].kind == LEDE_TOKEN_WORD &&
             tok_len (sp, k) >= 2 && tok_case (sp, k) == CASE_UPPER;
    }

  while (w < sp->last && is_opener (sp, w))
    w++;
  if (w == sp->last)
    return TRUE;
  next_case = tok_case (sp, w);
  flags = abbreviation ? abbreviation_flags (sp, i, &initial) : 0;

  if (f & NL_BEFORE)
    {
      /* the end of a line: only a wrapped line or a title runs on */
      return next_case != CASE_LOWER && !(flags & LEDE_ABBREV_TITLE);
    }
  if (next_case == CASE_NONE && w == k)
    return !abbreviation && (is_bullet (sp, w) || is_dash (sp, w));
  if (next_case == CASE_LOWER)
    return FALSE;
  if (next_case == CASE_DIGIT)
    {
      if (abbreviation)
        return FALSE;   /* "No. 5", "Jan. 6", "p. 55" */
      return !ellipsis || n_dots >= 4;
    }

  /* a capitalized word */
  if (abbreviation)
    {
      gboolean lower = g_ascii_islower (tok_str (sp, i)[0]);
      /* "At 5 a.m. Mr. Smith left" is one sentence, "He left at 6 p.m. Mr. Smith stayed" two */
      gboolean fronted = i - sentence_start <= 4 &&
                         tok_in_list (sp, sentence_start, fronting_prepositions,
                                      G_N_ELEMENTS (fronting_prepositions));

      if (quoted)
        return TRUE;   /* "... in the U.S." Then */
      /* a title flagged "any" too is a street or a measure in lower case: "on 5th st. The" */
      if ((flags & LEDE_ABBREV_TITLE) && !(lower && (flags & LEDE_ABBREV_ANY)))
        return FALSE;
      if (w > k)
        return TRUE;   /* an opening quote or bracket */
      if (is_clock_time (sp, i))
        return !fronted && !names_a_time (sp, w);
      /* a lower-case abbreviation or letter is no part of a name: "plums
       * etc. Prices", "the point x. Then" (but "p. Smith" is a page) */
      if (lower && ((!initial && memchr (tok_str (sp, i), '.', tok_len (sp, i) - 1) == NULL) ||
                    (initial && flags == 0)))
        return TRUE;
      starts = tok_in_list (sp, w, sentence_starts, G_N_ELEMENTS (sentence_starts)) ||
               is_title (sp, w);
      return starts && !(fronted && is_title (sp, w));
    }
  if (ellipsis && n_dots < 4)
    return !tok_is (sp, w, "I");   /* "the thing is . . . I didn't mean it" */
  if (question && quoted && w == k && w + 1 < sp->last && !(sp->flags[w + 1] & NL_BEFORE) &&
      tok_in_list (sp, w + 1, speech_verbs, G_N_ELEMENTS (speech_verbs)))
    return FALSE;
  return TRUE;
}

/* Token i ends a line that has no terminal punctuation: is it a heading or
 * list item (a boundary), or a line wrapped inside a sentence? */
static gboolean
line_ends_sentence (const Splitter *sp, guint32 i)
{
  guint32 k = i + 1;

  if (sp->flags[k] & (BREAK_BEFORE | BLANK_BEFORE))
    return TRUE;
  if (is_opener (sp, i) || tok_is (sp, i, ",") || tok_is (sp, i, ";") || is_dash (sp, i) ||
      tok_is (sp, i, "/") || tok_is (sp, i, "&") || is_title (sp, i) ||
      tok_in_list (sp, i, line_joiners, G_N_ELEMENTS (line_joiners)))
    return FALSE;
  return is_opener (sp, k) || tok_case (sp, k) != CASE_LOWER;
}

static void
split_block (Splitter *sp)
{
  guint32 start = sp->first, i = sp->first;

  scan_gaps (sp);
  mark_quotes (sp);
  mark_lists (sp);
  while (i < sp->last)
    {
      guint32 j = i;
      gboolean boundary = FALSE;

      if (i > start && (sp->flags[i] & BREAK_BEFORE))
        {
          emit (sp, start, i - 1);
          start = i;
        }
      if (is_terminal (sp, i))
        {
          /* the run: more terminal punctuation (". . ." spaced too), closing quotes and brackets */
          while (j + 1 < sp->last)
            {
              guint32 k = j + 1;
              guint8 f = sp->flags[k];

              if (is_terminal (sp, k) && sp->tok[k].kind == LEDE_TOKEN_PUNCT &&
                  (!(f & GAP_BEFORE) ||
                   (!(f & (WIDE_GAP | NL_BEFORE)) && tok_str (sp, k)[0] == '.' &&
                    tok_str (sp, j)[tok_len (sp, j) - 1] == '.')))
                j = k;
              else if (is_closer (sp, k))
                j = k;
              else if (citation_end (sp, k) > 0)
                j = citation_end (sp, k);
              else
                break;
            }
          boundary = j + 1 < sp->last && ends_sentence (sp, i, j, start);
        }
      else if (i + 1 < sp->last && (sp->flags[i + 1] & NL_BEFORE))
        boundary = line_ends_sentence (sp, i);

      if (boundary)
        {
          emit (sp, start, j);
          start = j + 1;
        }
      i = j + 1;
    }
  if (start < sp->last)
    emit (sp, start, sp->last - 1);
}

void
lede_sentences_annotate (const LedeModel *model, LedeDoc *doc)
{
  g_autofree guint8 *flags = g_malloc0 (MAX (doc->tokens->len, 1));
  Splitter sp = { model, doc->text, (const LedeToken *) doc->tokens->data, flags, 0, 0,
                  doc->sentences };
  guint32 t = 0, n = doc->tokens->len;

  g_array_set_size (doc->sentences, 0);
  for (guint b = 0; b < doc->blocks->len && t < n; b++)
    {
      const LedeBlock *block = &g_array_index (doc->blocks, LedeBlock, b);

      while (t < n && sp.tok[t].start < block->span.start)
        t++;   /* tokens outside every block: none are made, but never loop on them */
      sp.first = t;
      while (t < n && sp.tok[t].end <= block->span.end)
        t++;
      sp.last = t;
      if (sp.last > sp.first)
        split_block (&sp);
    }
}
