/* lede-time.c — the time layer: temporal expressions with their TIMEX3 type
 * (DATE, TIME, DURATION, SET) and normalized value.
 *
 * A hand-written recognizer over the tokens of each sentence. Tokens are cut
 * into "atoms" first (a word, a number or one punctuation mark), so the rules
 * see "mid-December", "third-quarter", "2022-12-21" and "p.m." the same way
 * whatever the tokenizer did with hyphens and periods. At each atom the rules
 * are tried and the longest match wins; matching resumes after it.
 *
 * Relative expressions are resolved against an anchor: the publication date
 * the caller gave, else a date in the article's dateline or header, else an
 * earlier absolute date in the text; without one the value keeps its unknown
 * parts as X ("XXXX-XX-21") rather than guessing. News prefers the past: a
 * bare weekday or "the 21st" is the most recent one unless nearby words
 * ("will", "next", "expected") point forward. Values and extents follow the
 * TimeML 1.2.1 TIMEX3 guidelines as TimeBank applies them.
 */
#include "lede-private.h"
#include "lede-time-lexicon.h"

#include <string.h>

typedef enum { ATOM_WORD, ATOM_NUM, ATOM_PUNCT } AtomKind;

typedef struct {
  guint32 start;
  guint32 end;
  guint8  kind;
  guint8  cap;      /* word: starts with an upper-case letter */
  guint8  ord;      /* number: with an ordinal suffix, "21st" */
  guint8  plural;   /* number: "1990s", "'80s" */
  guint8  apos;     /* number: after an apostrophe, "'80s" */
  guint8  digits;   /* number: how many digits, when it is digits only; else 0 */
  char    ch;       /* punctuation: the ASCII character, or 0 */
  gint32  num;      /* number: its value, -1 when too large */
  const LedeTimeLex *lex;
} Atom;

typedef enum {
  GR_CENTURY = 1, GR_DECADE, GR_YEAR, GR_HALF, GR_QUARTER, GR_SEASON, GR_MONTH, GR_WEEK,
  GR_WEEKEND, GR_DAY,
} Gran;

/* A calendar point at some granularity; unknown parts are -1 and print as X. */
typedef struct {
  Gran        gran;
  gint        year;
  gint        month;
  gint        day;
  gint        week;    /* ISO 8601 week, with year its week-numbering year */
  gint        sub;     /* quarter 1-4, half 1-2, or a LedeTimeSeason */
  gint        wday;    /* a weekday known without its date: "XXXX-WXX-3" */
  gint        hour;
  gint        minute;
  const char *pod;     /* part of day: "MO", "AF", "EV", "NI" */
  gboolean    fiscal;
  gboolean    utc;     /* a clock time in UTC ("GMT", "UTC"): ISO 8601's "Z" */
} Point;

typedef struct {
  guint         end;       /* the atom after the match */
  LedeTimexType type;
  gboolean      is_point;
  Point         pt;
  char          value[32]; /* when not a point: "P3Y", "PAST_REF", "XXXX-WXX-1" */
  const char   *mod;
  const char   *anchor;
  gint          anchor_timex;
  gboolean      comparison; /* "a year ago": a point compared with, not the story's time */
} Match;

typedef struct {
  LedeDoc     *doc;
  const Atom  *a;
  guint        n;
  guint        sentence;
  gboolean     has_anchor;
  GDate        anchor;
  const char  *anchor_kind;
  /* The narrative's reference time: the last timex with a known year. */
  gint         ref;
  Point        ref_pt;
  guint        ref_sentence;
  /* The last quarter mentioned: "a year ago" beside it means that quarter a year before. */
  gint         ref_quarter;
  Point        ref_quarter_pt;
  guint        ref_quarter_sentence;
  /* The last absolute day: the anchor of an article that has no date. */
  gint         ref_full;
  Point        ref_full_pt;
  /* The last stretch named ("the nine months"): a year-earlier beside it
   * compares years, not the quarter or day named before it. */
  gint         ref_span;
  guint        ref_span_sentence;
} Ctx;

static const char *const pod_codes[] = { "MO", "AF", "EV", "NI" };
static const char *const season_codes[] = { "SP", "SU", "FA", "WI" };

/* ------------------------------------------------------------------ atoms */

static gboolean
is_apostrophe (const char *text, guint32 p, guint32 end, guint *len)
{
  if (text[p] == '\'')
    {
      *len = 1;
      return TRUE;
    }
  /* U+2019 RIGHT SINGLE QUOTATION MARK */
  if (p + 2 < end && (guchar) text[p] == 0xE2 && (guchar) text[p + 1] == 0x80
      && (guchar) text[p + 2] == 0x99)
    {
      *len = 3;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalpha (c) || (guchar) c >= 0x80;
}

/* A number and what is glued to it: "1,200", "21st", "1990s", "1990's". */
static guint32
atomize_number (const char *text, guint32 p, guint32 end, Atom *atom)
{
  guint32 q = p;
  gint32 value = 0;
  guint digits = 0;
  gboolean plain = TRUE;

  while (q < end)
    {
      if (g_ascii_isdigit (text[q]))
        {
          /* too large for any rule: -1 from here on */
          if (value >= 0 && value < G_MAXINT32 / 10)
            value = value * 10 + (text[q] - '0');
          else
            value = -1;
          digits++;
          q++;
        }
      else if (text[q] == ',' && q + 3 < end && g_ascii_isdigit (text[q + 1])
               && g_ascii_isdigit (text[q + 2]) && g_ascii_isdigit (text[q + 3])
               && (q + 4 >= end || !g_ascii_isdigit (text[q + 4])))
        {
          plain = FALSE;
          q++;
        }
      else if (text[q] == '.' && q + 1 < end && g_ascii_isdigit (text[q + 1]))
        {
          plain = FALSE;
          q++;
          while (q < end && g_ascii_isdigit (text[q]))
            q++;
          break;
        }
      else
        break;
    }
  atom->kind = ATOM_NUM;
  atom->num = value;
  atom->digits = plain ? MIN (digits, 255) : 0;

  if (q < end && g_ascii_isalpha (text[q]))
    {
      guint32 r = q;

      while (r < end && g_ascii_isalpha (text[r]))
        r++;
      if (r - q == 2 && plain
          && (g_ascii_strncasecmp (text + q, "st", 2) == 0 || g_ascii_strncasecmp (text + q, "nd", 2) == 0
              || g_ascii_strncasecmp (text + q, "rd", 2) == 0 || g_ascii_strncasecmp (text + q, "th", 2) == 0))
        {
          atom->ord = TRUE;
          q = r;
        }
      else if (r - q == 1 && plain && (text[q] == 's' || text[q] == 'S'))
        {
          atom->plural = TRUE;
          q = r;
        }
    }
  else
    {
      guint alen;

      if (q < end && plain && is_apostrophe (text, q, end, &alen) && q + alen < end
          && (text[q + alen] == 's' || text[q + alen] == 'S')
          && (q + alen + 1 >= end || !is_word_byte (text[q + alen + 1])))
        {
          atom->plural = TRUE;
          q += alen + 1;
        }
    }
  return q;
}

/* A word: letters, "p.m." style dotted letters, and inner apostrophes other
 * than a final "'s" ("o'clock" is one word, "Friday's" is two). The key is the
 * lower-case ASCII form without periods and apostrophes. */
static guint32
atomize_word (const char *text, guint32 p, guint32 end, Atom *atom)
{
  char key[LEDE_TIME_KEY_MAX];
  guint klen = 0;
  guint32 hash = LEDE_TIME_HASH_SEED;
  gboolean ascii = TRUE;
  guint32 q = p;
  guint32 seg = p;

  for (;;)
    {
      guint alen;

      while (q < end && is_word_byte (text[q]))
        {
          if ((guchar) text[q] >= 0x80)
            {
              /* a U+2019 apostrophe inside a word */
              if ((guchar) text[q] == 0xE2 && is_apostrophe (text, q, end, &alen))
                break;
              ascii = FALSE;
            }
          else if (klen < sizeof key - 1)
            {
              key[klen++] = text[q] | 0x20;  /* lower case of an ASCII letter */
              hash = (hash ^ (guchar) key[klen - 1]) * 16777619u;
            }
          else
            ascii = FALSE;
          q++;
        }
      if (q + 1 < end && text[q] == '.' && q - seg == 1 && g_ascii_isalpha (text[q + 1]))
        {
          q++;
          seg = q;
          continue;
        }
      if (q < end && is_apostrophe (text, q, end, &alen) && q + alen < end
          && g_ascii_isalpha (text[q + alen]))
        {
          guint32 r = q + alen;

          while (r < end && g_ascii_isalpha (text[r]))
            r++;
          if (!(r - (q + alen) == 1 && (text[q + alen] == 's' || text[q + alen] == 'S')))
            {
              q += alen;
              seg = q;
              continue;
            }
        }
      break;
    }
  key[klen] = '\0';
  atom->kind = ATOM_WORD;
  atom->cap = g_ascii_isupper (text[p]);
  atom->lex = ascii && klen > 0 ? lede_time_lex_lookup (key, klen, hash) : NULL;
  return q;
}

static void
atomize (const char *text, guint32 start, guint32 end, GArray *out)
{
  guint32 p = start;

  while (p < end)
    {
      Atom atom = { 0 };
      guint alen;
      char c = text[p];

      if (c == '\0' || g_ascii_isspace (c))
        {
          p++;
          continue;
        }
      atom.start = p;
      if (g_ascii_isdigit (c))
        p = atomize_number (text, p, end, &atom);
      else if (is_apostrophe (text, p, end, &alen) && p + alen + 1 < end
               && g_ascii_isdigit (text[p + alen]) && g_ascii_isdigit (text[p + alen + 1])
               && (p + alen + 2 >= end || !g_ascii_isdigit (text[p + alen + 2])))
        {
          /* '80s, '98 */
          p = atomize_number (text, p + alen, end, &atom);
          atom.apos = TRUE;
        }
      else if (is_word_byte (c) && !(is_apostrophe (text, p, end, &alen)))
        p = atomize_word (text, p, end, &atom);
      else
        {
          atom.kind = ATOM_PUNCT;
          atom.ch = (guchar) c < 0x80 ? c : 0;
          p += is_apostrophe (text, p, end, &alen) ? alen : 1;
          /* the rest of a multi-byte character */
          while (p < end && ((guchar) text[p] & 0xC0) == 0x80)
            p++;
        }
      atom.end = p;
      g_array_append_val (out, atom);
    }
}

/* ----------------------------------------------------------- atom helpers */

static inline const LedeTimeLex *
lex_at (const Ctx *c, guint i, LedeTimeLexClass cls)
{
  if (i >= c->n || c->a[i].lex == NULL || c->a[i].lex->cls != cls)
    return NULL;
  return c->a[i].lex;
}

static inline gint
word_at (const Ctx *c, guint i)
{
  const LedeTimeLex *lex = lex_at (c, i, LX_WORD);

  return lex != NULL ? lex->val : 0;
}

static inline gboolean
is_word (const Ctx *c, guint i, LedeTimeWord w)
{
  return word_at (c, i) == (gint) w;
}

static inline gboolean
is_punct (const Ctx *c, guint i, char ch)
{
  return i < c->n && c->a[i].kind == ATOM_PUNCT && c->a[i].ch == ch;
}

/* The atom touches the one before it: "mid-" + "December". */
static inline gboolean
glued (const Ctx *c, guint i)
{
  return i > 0 && i < c->n && c->a[i].start == c->a[i - 1].end;
}

/* After an abbreviation, its period if there is one. */
static inline guint
skip_period (const Ctx *c, guint i)
{
  return is_punct (c, i, '.') && glued (c, i) ? i + 1 : i;
}

static inline gboolean
is_plain_number (const Ctx *c, guint i)
{
  return i < c->n && c->a[i].kind == ATOM_NUM && c->a[i].digits > 0 && !c->a[i].ord
         && !c->a[i].plural && !c->a[i].apos;
}

static gboolean
text_is (const Ctx *c, guint i, const char *word)
{
  gsize len = strlen (word);

  return i < c->n && c->a[i].end - c->a[i].start == len
         && g_ascii_strncasecmp (c->doc->text + c->a[i].start, word, len) == 0;
}

/* Atom i is one of the n words (lower case). */
static gboolean
text_is_any (const Ctx *c, guint i, const char *const *words, gsize n)
{
  for (gsize k = 0; k < n; k++)
    if (text_is (c, i, words[k]))
      return TRUE;
  return FALSE;
}

/* The possessive "'s" (either apostrophe) at atom i: "this year's". */
static gboolean
possessive_at (const Ctx *c, guint i)
{
  return i + 1 < c->n && c->a[i].kind == ATOM_PUNCT
         && (c->a[i].ch == '\'' || (c->a[i].ch == 0 && c->a[i].end - c->a[i].start == 3
                                    && (guchar) c->doc->text[c->a[i].start] == 0xE2))
         && glued (c, i + 1) && text_is (c, i + 1, "s");
}

/* A word in capitals, two letters or more: "USA", "VOA". */
static gboolean
is_acronym (const Ctx *c, guint i)
{
  const char *s = c->doc->text + c->a[i].start;
  guint len = c->a[i].end - c->a[i].start;

  if (c->a[i].kind != ATOM_WORD || len < 2)
    return FALSE;
  for (guint k = 0; k < len; k++)
    if (!g_ascii_isupper (s[k]))
      return FALSE;
  return TRUE;
}

/* A lower-case word that is no time word: most likely the noun an ordinal or
 * a number modifies ("the 20th anniversary", "2000 people"). */
static gboolean
is_plain_lower_word (const Ctx *c, guint i)
{
  return i < c->n && c->a[i].kind == ATOM_WORD && !c->a[i].cap && c->a[i].lex == NULL;
}

/* The TIMEX3 code of a part of the day ("morning", "night"), or NULL. */
static const char *
pod_at (const Ctx *c, guint i, gboolean plural)
{
  const LedeTimeLex *lex = i < c->n ? c->a[i].lex : NULL;

  if (lex == NULL || ((lex->flags & LXF_PLURAL) != 0) != plural)
    return NULL;
  if (lex->cls == LX_PART_OF_DAY)
    return pod_codes[lex->val];
  if (lex->cls == LX_UNIT && lex->val == UNIT_NIGHT)
    return "NI";
  return NULL;
}

static gboolean
is_unit (const Ctx *c, guint i, gint *unit, gboolean *plural)
{
  const LedeTimeLex *lex = lex_at (c, i, LX_UNIT);

  if (lex == NULL)
    return FALSE;
  *unit = lex->val;
  *plural = (lex->flags & LXF_PLURAL) != 0;
  return TRUE;
}

/* A full month name, or an abbreviation with its period or a number after it;
 * "May" and "March" need a number or a cue word beside them. */
static gboolean
month_at (const Ctx *c, guint i, gboolean cued, gint *month, guint *next)
{
  const LedeTimeLex *lex = lex_at (c, i, LX_MONTH);
  guint j;

  if (lex == NULL || !c->a[i].cap)
    return FALSE;
  j = i + 1;
  if (lex->flags & LXF_ABBREV)
    {
      j = skip_period (c, j);
      if (j == i + 1 && !(j < c->n && c->a[j].kind == ATOM_NUM))
        return FALSE;
    }
  if ((lex->flags & LXF_CUE) && !cued && !(j < c->n && c->a[j].kind == ATOM_NUM && !c->a[j].apos))
    return FALSE;
  *month = lex->val;
  *next = j;
  return TRUE;
}

static gboolean
weekday_at (const Ctx *c, guint i, gint *wday, guint *next)
{
  const LedeTimeLex *lex = lex_at (c, i, LX_WEEKDAY);

  if (lex == NULL || !c->a[i].cap || (lex->flags & (LXF_PLURAL | LXF_ABBREV)))
    return FALSE;
  *wday = lex->val;
  *next = i + 1;
  return TRUE;
}

/* A four-digit year, 1000-2999. */
static gboolean
year_number_at (const Ctx *c, guint i, gint *year)
{
  if (!is_plain_number (c, i) || c->a[i].digits != 4 || c->a[i].num < 1000 || c->a[i].num > 2999)
    return FALSE;
  *year = c->a[i].num;
  return TRUE;
}

/* The year that may follow a day and a month: "[,] 2022"; *j moves past it. */
static void
trailing_year (const Ctx *c, guint *j, gint *year)
{
  gint y;

  if (is_punct (c, *j, ',') && year_number_at (c, *j + 1, &y))
    {
      *year = y;
      *j += 2;
    }
  else if (year_number_at (c, *j, &y))
    {
      *year = y;
      (*j)++;
    }
}

/* A day of the month: "21", "21st", "twenty-first", "eighth". */
static gboolean
day_at (const Ctx *c, guint i, gint *day, guint *next)
{
  const LedeTimeLex *lex;

  if (i >= c->n)
    return FALSE;
  if (c->a[i].kind == ATOM_NUM && !c->a[i].plural && !c->a[i].apos && c->a[i].digits > 0
      && c->a[i].digits <= 2 && c->a[i].num >= 1 && c->a[i].num <= 31)
    {
      *day = c->a[i].num;
      *next = i + 1;
      return TRUE;
    }
  if ((lex = lex_at (c, i, LX_ORDINAL)) != NULL)
    {
      *day = lex->val;
      *next = i + 1;
      return TRUE;
    }
  /* twenty-first, thirty first */
  if ((lex = lex_at (c, i, LX_NUMBER)) != NULL && (lex->val == 20 || lex->val == 30))
    {
      guint j = is_punct (c, i + 1, '-') ? i + 2 : i + 1;
      const LedeTimeLex *unit = lex_at (c, j, LX_ORDINAL);

      if (unit != NULL && unit->val < 10 && lex->val + unit->val <= 31)
        {
          *day = lex->val + unit->val;
          *next = j + 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* A count in digits or words: "3", "twenty-four", "a", "a few", "several",
 * "a couple of", "5 1/2". count is -1 for an unknown number. */
typedef struct {
  gint     count;
  gboolean half;
  gboolean article;
  gboolean vague;
} Count;

static gboolean
count_at (const Ctx *c, guint i, Count *out, guint *next)
{
  const LedeTimeLex *lex;
  guint j = i;
  gint w = word_at (c, i);

  memset (out, 0, sizeof *out);
  if (is_plain_number (c, i))
    {
      out->count = c->a[i].num;
      j = i + 1;
      /* 5 1/2 */
      if (is_plain_number (c, j) && c->a[j].num == 1 && is_punct (c, j + 1, '/')
          && is_plain_number (c, j + 2) && c->a[j + 2].num == 2)
        {
          out->half = TRUE;
          j += 3;
        }
    }
  else if ((lex = lex_at (c, i, LX_NUMBER)) != NULL)
    {
      const LedeTimeLex *unit;

      out->count = lex->val;
      j = i + 1;
      if (lex->val >= 20 && lex->val < 100)
        {
          guint k = is_punct (c, j, '-') && glued (c, j) ? j + 1 : j;

          if ((unit = lex_at (c, k, LX_NUMBER)) != NULL && unit->val > 0 && unit->val < 10)
            {
              out->count += unit->val;
              j = k + 1;
            }
        }
      if ((unit = lex_at (c, j, LX_NUMBER)) != NULL && unit->val == 100 && out->count < 10)
        {
          out->count *= 100;
          j++;
        }
    }
  else if (w == W_A || w == W_AN)
    {
      j = i + 1;
      if (is_word (c, j, W_FEW))
        {
          out->count = -1;
          out->vague = TRUE;
          j++;
        }
      else if (is_word (c, j, W_COUPLE))
        {
          out->count = 2;
          out->vague = TRUE;
          j = is_word (c, j + 1, W_OF) ? j + 2 : j + 1;
        }
      else if (is_word (c, j, W_DOZEN))
        {
          out->count = 12;
          j++;
        }
      else if ((lex = lex_at (c, j, LX_NUMBER)) != NULL && lex->val == 100)
        {
          out->count = 100;
          j++;
        }
      else
        {
          out->count = 1;
          out->article = TRUE;
        }
    }
  else if (w == W_FEW || w == W_SEVERAL || w == W_MANY)
    {
      out->count = -1;
      out->vague = TRUE;
      j = i + 1;
    }
  else if (w == W_COUPLE && is_word (c, i + 1, W_OF))
    {
      out->count = 2;
      out->vague = TRUE;
      j = i + 2;
    }
  else if (w == W_DOZEN)
    {
      out->count = 12;
      j = i + 1;
    }
  else
    return FALSE;
  *next = j;
  return TRUE;
}

/* -------------------------------------------------------- dates and points */

/* A year said in words, as broadcast transcripts write it: "nineteen ninety-six". */
static gboolean
spelled_year_at (const Ctx *c, guint i, gint *year, guint *next)
{
  const LedeTimeLex *lex = lex_at (c, i, LX_NUMBER);
  const LedeTimeLex *tens = lex_at (c, i + 1, LX_NUMBER);
  Count tail;

  if (lex == NULL || lex->val < 11 || lex->val > 20 || tens == NULL || tens->val < 10 || tens->val >= 100
      || !count_at (c, i + 1, &tail, next) || tail.count < 10 || tail.count >= 100)
    return FALSE;
  *year = lex->val * 100 + tail.count;
  return TRUE;
}

/* A year in digits or in words; *next is the atom after it. */
static gboolean
year_at (const Ctx *c, guint i, gint *year, guint *next)
{
  if (year_number_at (c, i, year))
    {
      *next = i + 1;
      return TRUE;
    }
  return spelled_year_at (c, i, year, next);
}

static void
point_clear (Point *p, Gran gran)
{
  *p = (Point) { .gran = gran, .year = -1, .month = -1, .day = -1, .week = -1, .sub = -1,
                 .hour = -1, .minute = -1 };
}

static gint
season_of (gint month)
{
  if (month >= 3 && month <= 5)
    return SEASON_SPRING;
  if (month >= 6 && month <= 8)
    return SEASON_SUMMER;
  if (month >= 9 && month <= 11)
    return SEASON_FALL;
  return SEASON_WINTER;
}

/* The point of a date at a granularity. Winter belongs to the year of its December. */
static void
point_from_date (Point *p, const GDate *d, Gran gran)
{
  GDate thursday = *d;
  gint month = g_date_get_month (d);

  point_clear (p, gran);
  p->year = g_date_get_year (d);
  switch (gran)
    {
    case GR_CENTURY:
    case GR_DECADE:
    case GR_YEAR:
      break;
    case GR_HALF:
      p->sub = month <= 6 ? 1 : 2;
      break;
    case GR_QUARTER:
      p->sub = (month - 1) / 3 + 1;
      break;
    case GR_SEASON:
      p->sub = season_of (month);
      if (month <= 2)
        p->year--;
      break;
    case GR_MONTH:
      p->month = month;
      break;
    case GR_WEEK:
    case GR_WEEKEND:
      /* the ISO week belongs to the year of its Thursday */
      if (g_date_get_weekday (d) <= G_DATE_THURSDAY)
        g_date_add_days (&thursday, G_DATE_THURSDAY - g_date_get_weekday (d));
      else
        g_date_subtract_days (&thursday, g_date_get_weekday (d) - G_DATE_THURSDAY);
      p->year = g_date_get_year (&thursday);
      p->week = g_date_get_iso8601_week_of_year (d);
      break;
    case GR_DAY:
      p->month = month;
      p->day = g_date_get_day (d);
      break;
    }
}

/* The first day of a point with a known year. */
static gboolean
point_to_date (const Point *p, GDate *d)
{
  gint month = 1, day = 1;

  if (p->year < 1 || p->year > 9999)
    return FALSE;
  switch (p->gran)
    {
    case GR_HALF:
      month = p->sub == 2 ? 7 : 1;
      break;
    case GR_QUARTER:
      month = p->sub > 0 ? (p->sub - 1) * 3 + 1 : 1;
      break;
    case GR_SEASON:
      month = p->sub >= 0 ? 3 + 3 * p->sub : 1;
      break;
    case GR_MONTH:
    case GR_DAY:
      month = p->month > 0 ? p->month : 1;
      day = p->day > 0 ? p->day : 1;
      break;
    case GR_WEEK:
    case GR_WEEKEND:
      if (p->week > 0)
        {
          /* Monday of ISO week 1 is the Monday on or before January 4 */
          g_date_clear (d, 1);
          g_date_set_dmy (d, 4, 1, p->year);
          g_date_subtract_days (d, g_date_get_weekday (d) - 1);
          g_date_add_days (d, 7 * (p->week - 1));
          return TRUE;
        }
      break;
    default:
      break;
    }
  g_date_clear (d, 1);
  g_date_set_dmy (d, day, month, p->year);
  return g_date_valid (d);
}

/* Moves a date by k units, within years 1-9999. */
static gboolean
shift_date (GDate *d, gint unit, gint k)
{
  gint64 days = 0, months = 0;
  gint year = g_date_get_year (d);

  switch (unit)
    {
    case UNIT_DAY:
    case UNIT_NIGHT:
      days = k;
      break;
    case UNIT_WEEK:
    case UNIT_WEEKEND:
      days = 7 * (gint64) k;
      break;
    case UNIT_FORTNIGHT:
      days = 14 * (gint64) k;
      break;
    case UNIT_MONTH:
      months = k;
      break;
    case UNIT_QUARTER:
      months = 3 * (gint64) k;
      break;
    case UNIT_YEAR:
      months = 12 * (gint64) k;
      break;
    case UNIT_DECADE:
      months = 120 * (gint64) k;
      break;
    case UNIT_CENTURY:
      months = 1200 * (gint64) k;
      break;
    case UNIT_MILLENNIUM:
      months = 12000 * (gint64) k;
      break;
    default:
      return FALSE;
    }
  if (year + (days / 366) + (months / 12) < 2 || year + (days / 365) + (months / 12) > 9998)
    return FALSE;
  if (days > 0)
    g_date_add_days (d, (guint) days);
  else if (days < 0)
    g_date_subtract_days (d, (guint) -days);
  if (months > 0)
    g_date_add_months (d, (guint) months);
  else if (months < 0)
    g_date_subtract_months (d, (guint) -months);
  return TRUE;
}

static Gran
unit_gran (gint unit)
{
  switch (unit)
    {
    case UNIT_SECOND:
    case UNIT_MINUTE:
    case UNIT_HOUR:
    case UNIT_DAY:
    case UNIT_NIGHT:
      return GR_DAY;
    case UNIT_WEEK:
    case UNIT_FORTNIGHT:
      return GR_WEEK;
    case UNIT_WEEKEND:
      return GR_WEEKEND;
    case UNIT_MONTH:
      return GR_MONTH;
    case UNIT_QUARTER:
      return GR_QUARTER;
    case UNIT_DECADE:
      return GR_DECADE;
    case UNIT_CENTURY:
    case UNIT_MILLENNIUM:
      return GR_CENTURY;
    default:
      return GR_YEAR;
    }
}

static void
point_format (const Point *p, char *buf, gsize size)
{
  char year[8];
  gsize len;

  if (p->year >= 0)
    g_snprintf (year, sizeof year, "%04d", p->year);
  else
    strcpy (year, "XXXX");

  switch (p->gran)
    {
    case GR_CENTURY:
      if (p->year >= 0)
        g_snprintf (buf, size, "%02d", p->year / 100);
      else
        g_strlcpy (buf, "XX", size);
      return;
    case GR_DECADE:
      if (p->year >= 0)
        g_snprintf (buf, size, "%03d", p->year / 10);
      else
        g_strlcpy (buf, "XXX", size);
      return;
    case GR_YEAR:
      /* a fiscal year is valued as its year: the TIMEX3 value grammar of
       * TimeML 1.2.1 has no "FY" (TIMEX2 had), and TimeBank writes "fiscal
       * 1989" as "1989"; p->fiscal keeps the distinction for later use */
      g_strlcpy (buf, year, size);
      return;
    case GR_HALF:
      g_snprintf (buf, size, "%s-H%d", year, p->sub);
      return;
    case GR_QUARTER:
      if (p->sub > 0)
        g_snprintf (buf, size, "%s-Q%d", year, p->sub);
      else
        g_snprintf (buf, size, "%s-QX", year);
      return;
    case GR_SEASON:
      g_snprintf (buf, size, "%s-%s", year, season_codes[p->sub]);
      return;
    case GR_MONTH:
      if (p->month > 0)
        g_snprintf (buf, size, "%s-%02d", year, p->month);
      else
        g_snprintf (buf, size, "%s-XX", year);
      return;
    case GR_WEEK:
    case GR_WEEKEND:
      if (p->week > 0)
        g_snprintf (buf, size, "%s-W%02d", year, p->week);
      else
        g_snprintf (buf, size, "%s-WXX", year);
      if (p->gran == GR_WEEKEND)
        g_strlcat (buf, "-WE", size);
      return;
    case GR_DAY:
      if (p->day < 0 && p->month < 0 && p->wday > 0)
        g_snprintf (buf, size, "%s-WXX-%d", year, p->wday);
      else
        {
          char month[4] = "XX", day[4] = "XX";

          if (p->month > 0)
            g_snprintf (month, sizeof month, "%02d", p->month);
          if (p->day > 0)
            g_snprintf (day, sizeof day, "%02d", p->day);
          g_snprintf (buf, size, "%s-%s-%s", year, month, day);
        }
      len = strlen (buf);
      if (p->hour >= 0)
        g_snprintf (buf + len, size - len, "T%02d:%02d%s", p->hour, MAX (p->minute, 0),
                    p->utc ? "Z" : "");
      else if (p->pod != NULL)
        g_snprintf (buf + len, size - len, "T%s", p->pod);
      return;
    }
}

/* ISO 8601 duration: "P5Y", "PT3H", "P2Y6M" (with half), "PXY" (count unknown). */
static void
format_duration (char *buf, gsize size, gint count, gint unit, gboolean half)
{
  const char *time = "";
  char letter = 'Y';
  gint mult = 1;

  switch (unit)
    {
    case UNIT_SECOND: time = "T"; letter = 'S'; break;
    case UNIT_MINUTE: time = "T"; letter = 'M'; break;
    case UNIT_HOUR: time = "T"; letter = 'H'; break;
    case UNIT_DAY: case UNIT_NIGHT: letter = 'D'; break;
    case UNIT_WEEK: letter = 'W'; break;
    case UNIT_WEEKEND: letter = 'D'; mult = 2; break;
    case UNIT_FORTNIGHT: letter = 'W'; mult = 2; break;
    case UNIT_MONTH: letter = 'M'; break;
    case UNIT_QUARTER: letter = 'Q'; break;
    case UNIT_DECADE: mult = 10; break;
    case UNIT_CENTURY: mult = 100; break;
    case UNIT_MILLENNIUM: mult = 1000; break;
    default: break;
    }
  if (count < 0)
    {
      g_snprintf (buf, size, "P%sX%c", time, letter);
      return;
    }
  if (!half)
    {
      g_snprintf (buf, size, "P%s%d%c", time, count * mult, letter);
      return;
    }
  /* half a unit, in the next smaller one */
  switch (unit)
    {
    case UNIT_YEAR:
      g_snprintf (buf, size, count ? "P%dY6M" : "P6M", count);
      break;
    case UNIT_DECADE:
    case UNIT_CENTURY:
    case UNIT_MILLENNIUM:
      g_snprintf (buf, size, "P%dY", count * mult + mult / 2);
      break;
    case UNIT_QUARTER:
      g_snprintf (buf, size, "P%dM15D", count * 3 + 1);
      break;
    case UNIT_MONTH:
      g_snprintf (buf, size, count ? "P%dM15D" : "P15D", count);
      break;
    case UNIT_WEEK:
    case UNIT_FORTNIGHT:
      g_snprintf (buf, size, "P%dDT12H", count * 7 * mult + 3 * mult);
      break;
    case UNIT_DAY:
    case UNIT_NIGHT:
    case UNIT_WEEKEND:
      g_snprintf (buf, size, count ? "P%dDT12H" : "PT12H", count * mult);
      break;
    case UNIT_HOUR:
      g_snprintf (buf, size, count ? "PT%dH30M" : "PT30M", count);
      break;
    case UNIT_MINUTE:
      g_snprintf (buf, size, count ? "PT%dM30S" : "PT30S", count);
      break;
    default:
      g_snprintf (buf, size, "PT%dS", count);
      break;
    }
}

/* ---------------------------------------------------------------- anchors */

static void
match_init (Match *m, guint end)
{
  memset (m, 0, sizeof *m);
  m->end = end;
  m->type = LEDE_TIMEX_DATE;
  m->anchor = "none";
  m->anchor_timex = -1;
  point_clear (&m->pt, GR_DAY);
}

static void
match_value (Match *m, LedeTimexType type, const char *value)
{
  m->type = type;
  m->is_point = FALSE;
  g_strlcpy (m->value, value, sizeof m->value);
}

/* The date "today" rests on: the publication date or dateline, else the last
 * absolute date of the text. */
static gboolean
base_date (const Ctx *c, Match *m, GDate *d)
{
  if (c->has_anchor)
    {
      *d = c->anchor;
      m->anchor = c->anchor_kind;
      m->anchor_timex = -1;
      return TRUE;
    }
  if (c->ref_full >= 0 && point_to_date (&c->ref_full_pt, d))
    {
      m->anchor = "timex";
      m->anchor_timex = c->ref_full;
      return TRUE;
    }
  m->anchor = "none";
  return FALSE;
}

/* The point an anaphoric expression ("a year earlier", "the next day") rests
 * on: the last timex with a known year, else the base date. */
static gboolean
ref_point (const Ctx *c, Match *m, Point *p)
{
  GDate d;

  if (c->ref >= 0)
    {
      *p = c->ref_pt;
      m->anchor = "timex";
      m->anchor_timex = c->ref;
      return TRUE;
    }
  if (!base_date (c, m, &d))
    return FALSE;
  point_from_date (p, &d, GR_DAY);
  return TRUE;
}

/* Which way nearby verbs point: -1 past, +1 future, 0 unknown. The nearest
 * marker wins, looking left first; a participle after "be" ("will be held")
 * defers to the auxiliary before it. */
static gboolean
after_be (const Ctx *c, guint i)
{
  return i > 0 && (text_is (c, i - 1, "be") || text_is (c, i - 1, "been") || text_is (c, i - 1, "being"));
}

static gint
atom_tense (const Ctx *c, guint i, gboolean near)
{
  const LedeTimeLex *lex = c->a[i].lex;
  const char *s = c->doc->text + c->a[i].start;
  guint len = c->a[i].end - c->a[i].start;

  /* "is to resume", "are to meet": an arrangement, pointing forward */
  if ((text_is (c, i, "is") || text_is (c, i, "are")) && is_word (c, i + 1, W_TO)
      && is_plain_lower_word (c, i + 2))
    return 1;
  if (lex != NULL)
    {
      /* two years ago; since March */
      if (lex->cls == LX_WORD && (lex->val == W_AGO || lex->val == W_SINCE))
        return -1;
      /* a deadline days away: "postponed until Tuesday", "given them until 9
       * a.m. Friday"; not "up until", "not until", nor "Until Friday, they
       * had ..."; months away it is as often a past span ("served until March") */
      if (lex->cls == LX_WORD && (lex->val == W_UNTIL || lex->val == W_TILL))
        return near && i > 0 && c->a[i - 1].kind == ATOM_WORD && !c->a[i].cap
               && !text_is (c, i - 1, "up") && !text_is (c, i - 1, "not") ? 1 : 0;
      /* as early as Tuesday */
      if (lex->cls == LX_WORD && lex->val == W_EARLY && i > 0 && text_is (c, i - 1, "as"))
        return 1;
      if (lex->cls != LX_TENSE)
        return 0;
      /* "plans to", "set to", "going to" point forward; "due to" and a plan do not */
      if (lex->flags & LXF_CUE)
        return is_word (c, i + 1, W_TO) ? lex->val : 0;
      if (text_is (c, i, "due") && is_word (c, i + 1, W_TO))
        return 0;
      /* a plan that was: "had been scheduled to expire", "as previously planned" */
      if (lex->val > 0 && i > 0
          && (text_is (c, i - 1, "previously") || text_is (c, i - 1, "originally") || text_is (c, i - 1, "had")
              || (text_is (c, i - 1, "been") && i > 1 && text_is (c, i - 2, "had"))))
        return -1;
      return lex->val < 0 && after_be (c, i) ? 0 : lex->val;
    }
  /* a past participle after "be" says nothing of the time ("will be held", "can be exercised") */
  if (c->a[i].kind == ATOM_WORD && !c->a[i].cap && len >= 5 && s[len - 2] == 'e' && s[len - 1] == 'd'
      && s[len - 3] != 'e' && !after_be (c, i))
    return -1;
  return 0;
}

/* near: the expression lies within days of the base date (a weekday, "the
 * 21st", the weekend), where "until" marks a deadline ahead. */
static gint
tense_at (const Ctx *c, guint start, guint end, gboolean near)
{
  /* eight words back; the numbers, marks and time words of a longer
   * expression ("4 a.m. EDT Thursday") do not use the window up, though
   * 24 atoms bound it on any text */
  for (guint d = 1, words = 0; words < 8 && d <= 24 && d <= start; d++)
    {
      const Atom *a = &c->a[start - d];
      gint t = atom_tense (c, start - d, near);

      if (t != 0)
        return t;
      if (is_punct (c, start - d, ';'))
        break;
      if (a->kind == ATOM_WORD && (a->lex == NULL || a->lex->cls == LX_WORD || a->lex->cls == LX_TENSE))
        words++;
    }
  for (guint i = end; i < c->n && i < end + 4; i++)
    {
      gint t = atom_tense (c, i, near);

      if (t != 0)
        return t;
      if (is_punct (c, i, ';'))
        break;
    }
  return 0;
}

/* The year of a month (and day) written without one: the past if the verbs
 * say so, the future if they say so, else the base date's year. */
static gint
infer_year (const Ctx *c, Match *m, guint start, guint end, gint month, gint day)
{
  GDate base;
  gint by, bm, bd, diff;
  gint tense;

  if (!base_date (c, m, &base))
    return -1;
  by = g_date_get_year (&base);
  bm = g_date_get_month (&base);
  bd = g_date_get_day (&base);
  diff = (month - bm) * 31 + ((day > 0 ? day : (month == bm ? bd : 1)) - bd);
  tense = tense_at (c, start, end, FALSE);
  /* within two months either way the tense is no reason to change the year:
   * "rights that expire Nov. 21", "said it was postponed until Nov. 21" */
  if (tense < 0 && diff > 2 * 31)
    return by - 1;
  if (tense > 0 && diff < -2 * 31)
    return by + 1;
  /* otherwise this year's, unless that is more than half a year ahead (news
   * looks back) or, with no verb to say, more than eight months gone: in late
   * October "in January" is more often the coming one, three months off */
  if (tense == 0 && diff < -8 * 31)
    return by + 1;
  return diff > 6 * 31 ? by - 1 : by;
}

/* ------------------------------------------------------------------ rules */

static gboolean match_point_core (Ctx *c, guint i, Match *m, gboolean cued);
static gboolean match_year (Ctx *c, guint i, Match *m);

/* Sets: "every Monday", "each year", "daily", "twice a week", "per day",
 * "Mondays", "Tuesday nights". */
static gboolean
match_set (Ctx *c, guint i, Match *m)
{
  const LedeTimeLex *lex;
  gint unit;
  gboolean plural;
  guint j;

  match_init (m, i);
  if ((lex = lex_at (c, i, LX_SET_ADVERB)) != NULL)
    {
      char value[16];

      /* a paper's name: "China Daily", "the Daily Mail", "Business Weekly" */
      if (c->a[i].cap && ((i > 0 && c->a[i - 1].kind == ATOM_WORD && c->a[i - 1].cap)
                          || (i + 1 < c->n && c->a[i + 1].kind == ATOM_WORD && c->a[i + 1].cap)))
        return FALSE;
      if (lex->val == UNIT_NIGHT)
        g_strlcpy (value, "XXXX-XX-XXTNI", sizeof value);
      else
        format_duration (value, sizeof value, 1, lex->val, FALSE);
      match_value (m, LEDE_TIMEX_SET, value);
      m->end = i + 1;
      return TRUE;
    }

  if (is_word (c, i, W_EVERY) || is_word (c, i, W_EACH) || is_word (c, i, W_PER))
    {
      Count count = { .count = 1 };
      gint wday, month;

      j = i + 1;
      if (is_word (c, j, W_OTHER))
        {
          count.count = 2;
          j++;
        }
      else if (!is_word (c, i, W_PER))
        {
          Count n;
          guint k;

          if (count_at (c, j, &n, &k) && !n.article && n.count > 0)
            {
              count = n;
              j = k;
            }
        }
      if (is_unit (c, j, &unit, &plural) && (plural == (count.count > 1) || count.count == 1))
        {
          char value[16];

          if (unit == UNIT_WEEKEND)
            g_strlcpy (value, "XXXX-WXX-WE", sizeof value);
          else if (unit == UNIT_NIGHT)
            g_strlcpy (value, "XXXX-XX-XXTNI", sizeof value);
          else
            format_duration (value, sizeof value, count.count, unit, FALSE);
          match_value (m, LEDE_TIMEX_SET, value);
          m->end = j + 1;
          return TRUE;
        }
      if (count.count == 1 && weekday_at (c, j, &wday, &j))
        {
          const char *pod = pod_at (c, j, FALSE);
          char value[24];

          g_snprintf (value, sizeof value, "XXXX-WXX-%d%s%s", wday, pod ? "T" : "", pod ? pod : "");
          match_value (m, LEDE_TIMEX_SET, value);
          m->end = pod != NULL ? j + 1 : j;
          return TRUE;
        }
      if (count.count == 1 && month_at (c, j, TRUE, &month, &j))
        {
          char value[16];

          g_snprintf (value, sizeof value, "XXXX-%02d", month);
          match_value (m, LEDE_TIMEX_SET, value);
          m->end = j;
          return TRUE;
        }
      if (count.count == 1 && pod_at (c, j, FALSE) != NULL)
        {
          char value[24];

          g_snprintf (value, sizeof value, "XXXX-XX-XXT%s", pod_at (c, j, FALSE));
          match_value (m, LEDE_TIMEX_SET, value);
          m->end = j + 1;
          return TRUE;
        }
      if (count.count == 1 && (lex = lex_at (c, j, LX_SEASON)) != NULL)
        {
          char value[16];

          g_snprintf (value, sizeof value, "XXXX-%s", season_codes[lex->val]);
          match_value (m, LEDE_TIMEX_SET, value);
          m->end = j + 1;
          return TRUE;
        }
      return FALSE;
    }

  /* once a week, twice a year, three times a day */
  j = i;
  if (is_word (c, i, W_ONCE) || is_word (c, i, W_TWICE))
    j = i + 1;
  else
    {
      Count n;
      guint k;

      if (count_at (c, i, &n, &k) && !n.article && n.count > 0 && is_word (c, k, W_TIMES))
        j = k + 1;
    }
  if (j > i && (is_word (c, j, W_A) || is_word (c, j, W_AN) || is_word (c, j, W_PER)
                || is_word (c, j, W_EACH) || is_word (c, j, W_EVERY))
      && is_unit (c, j + 1, &unit, &plural) && !plural)
    {
      char value[16];

      format_duration (value, sizeof value, 1, unit, FALSE);
      match_value (m, LEDE_TIMEX_SET, value);
      m->end = j + 2;
      return TRUE;
    }

  /* Mondays, Tuesday nights, weekends */
  if ((lex = lex_at (c, i, LX_WEEKDAY)) != NULL && c->a[i].cap && !(lex->flags & LXF_ABBREV))
    {
      const char *pod = pod_at (c, i + 1, TRUE);
      char value[24];

      if (!(lex->flags & LXF_PLURAL) && pod == NULL)
        return FALSE;
      g_snprintf (value, sizeof value, "XXXX-WXX-%d%s%s", lex->val, pod ? "T" : "", pod ? pod : "");
      match_value (m, LEDE_TIMEX_SET, value);
      m->end = pod != NULL ? i + 2 : i + 1;
      return TRUE;
    }
  if (is_unit (c, i, &unit, &plural) && unit == UNIT_WEEKEND && plural
      && (is_word (c, i - 1, W_ON) || is_word (c, i - 1, W_AT) || is_word (c, i - 1, W_DURING)))
    {
      match_value (m, LEDE_TIMEX_SET, "XXXX-WXX-WE");
      m->end = i + 1;
      return TRUE;
    }
  return FALSE;
}

/* The modifiers TIMEX3 records for approximate quantities. */
static guint
approx_at (const Ctx *c, guint i, const char **mod)
{
  switch (word_at (c, i))
    {
    case W_ABOUT: case W_AROUND: case W_APPROXIMATELY: case W_ROUGHLY: case W_SOME:
      *mod = "APPROX";
      return i + 1;
    case W_NEARLY: case W_ALMOST: case W_UNDER:
      *mod = "LESS_THAN";
      return i + 1;
    case W_OVER:
      *mod = "MORE_THAN";
      return i + 1;
    case W_WITHIN:
      *mod = "EQUAL_OR_LESS";
      return i + 1;
    case W_MORE:
      if (is_word (c, i + 1, W_THAN))
        {
          *mod = "MORE_THAN";
          return i + 2;
        }
      break;
    case W_LESS: case W_FEWER:
      if (is_word (c, i + 1, W_THAN))
        {
          *mod = "LESS_THAN";
          return i + 2;
        }
      break;
    case W_AT:
      if (is_word (c, i + 1, W_LEAST))
        {
          *mod = "EQUAL_OR_MORE";
          return i + 2;
        }
      if (is_word (c, i + 1, W_MOST))
        {
          *mod = "EQUAL_OR_LESS";
          return i + 2;
        }
      break;
    case W_UP:
      if (is_word (c, i + 1, W_TO))
        {
          *mod = "EQUAL_OR_LESS";
          return i + 2;
        }
      break;
    case W_NO:
      if (is_word (c, i + 1, W_MORE) && is_word (c, i + 2, W_THAN))
        {
          *mod = "EQUAL_OR_LESS";
          return i + 3;
        }
      break;
    default:
      break;
    }
  return i;
}

/* A point shifted by count units from a base, at the base's granularity
 * when that is finer than the unit ("a year earlier" than the third quarter
 * is the third quarter a year before). */
static gboolean
shifted_point (const Point *base, gint unit, gint count, Point *out)
{
  GDate d;
  Gran gran = unit_gran (unit);

  if (!point_to_date (base, &d) || !shift_date (&d, unit, count))
    return FALSE;
  if (base->gran > gran)
    gran = base->gran;
  point_from_date (out, &d, gran);
  out->fiscal = FALSE;
  return TRUE;
}

/* The quarter that "a year ago" or "year-earlier" compares with, when one was
 * named in this sentence or the one before. */
static gboolean
quarter_context (const Ctx *c)
{
  return c->ref_quarter >= 0 && c->ref_quarter_sentence + 1 >= c->sentence;
}

/* A stretch of the report ("for the nine months") named in this sentence
 * after the last point: a year-earlier compares with that stretch's year. */
static gboolean
span_context (const Ctx *c)
{
  return c->ref_span >= 0 && c->ref_span_sentence == c->sentence && c->ref_span > c->ref
         && c->ref_span > c->ref_quarter;
}

/* A modal verb: "will", "could", "must" ... */
static gboolean
is_modal (const Ctx *c, guint i)
{
  static const char *const modals[] = {
    "will", "would", "could", "may", "might", "can", "should", "must",
  };

  return text_is_any (c, i, modals, G_N_ELEMENTS (modals));
}

/* A verb whose object is a length of time: "took a month", "could take a
 * week", "waited a year". */
static gboolean
is_length_verb (const Ctx *c, guint i)
{
  static const char *const verbs[] = {
    "take", "takes", "taking", "took", "taken", "last", "lasts", "lasting", "lasted",
    "spend", "spends", "spending", "spent", "wait", "waits", "waiting", "waited",
  };

  return text_is_any (c, i, verbs, G_N_ELEMENTS (verbs));
}

/* Durations and what is counted from them: "five years", "the past three
 * years", "two-year", "two years ago", "a year earlier", "recent weeks". */
static gboolean
match_duration (Ctx *c, guint i, Match *m)
{
  const char *mod = NULL;
  guint j = i;
  gint rel = 0;
  gboolean the = FALSE;
  Count n = { .count = -1 };
  gint unit = 0;
  gboolean plural = FALSE, hyphen = FALSE;
  guint k;

  match_init (m, i);
  k = approx_at (c, j, &mod);
  if (k > j)
    {
      /* "over" and "within" are prepositions before "the past three years" */
      if (!count_at (c, k, &n, &j))
        return FALSE;
      j = k;
    }
  if (is_word (c, j, W_THE))
    {
      the = TRUE;
      j++;
    }
  switch (word_at (c, j))
    {
    case W_PAST: case W_LAST: case W_NEXT: case W_COMING: case W_PREVIOUS: case W_FOLLOWING:
    case W_LATEST: case W_FINAL: case W_RECENT:
      rel = word_at (c, j);
      j++;
      break;
    default:
      if (lex_at (c, j, LX_ORDINAL) != NULL && lex_at (c, j, LX_ORDINAL)->val == 1)
        {
          rel = W_FINAL;
          j++;
        }
      break;
    }
  /* "the years" only as a stretch: "over the years", "in the weeks ahead";
   * "in the days before the attack" hangs on an event, whose time is unknown */
  if (rel == 0 && the && !count_at (c, j, &n, &k)
      && !(is_unit (c, j, &unit, &plural) && plural && unit != UNIT_WEEKEND && i > 0
           && (is_word (c, i - 1, W_OVER) || is_word (c, i - 1, W_IN) || is_word (c, i - 1, W_THROUGH)
               || is_word (c, i - 1, W_DURING))
           && !is_word (c, j + 1, W_BEFORE) && !is_word (c, j + 1, W_AFTER)
           && !is_word (c, j + 1, W_SINCE)))
    return FALSE;

  if (count_at (c, j, &n, &k))
    {
      gint mods = 0;
      gboolean year_like = c->a[j].kind == ATOM_NUM && c->a[j].digits == 4 && k == j + 1;

      j = k;
      /* two and a half years */
      if (n.count > 0 && is_word (c, j, W_AND) && is_word (c, j + 1, W_A) && is_word (c, j + 2, W_HALF)
          && lex_at (c, j + 3, LX_UNIT) != NULL)
        {
          n.half = TRUE;
          j += 3;
        }
      while (mods++ < 2 && (is_word (c, j, W_MORE) || is_word (c, j, W_ADDITIONAL)
                            || is_word (c, j, W_STRAIGHT) || is_word (c, j, W_CONSECUTIVE)
                            || is_word (c, j, W_FULL) || is_word (c, j, W_WHOLE)
                            || is_word (c, j, W_TRADING) || is_word (c, j, W_BUSINESS)
                            || is_word (c, j, W_ENTIRE)))
        j++;
      if (is_punct (c, j, '-') && glued (c, j))
        {
          hyphen = TRUE;
          j++;
        }
      if (is_unit (c, j, &unit, &plural))
        j++;
      else if (n.count >= 0 && !n.article && !hyphen && text_is (c, j, "second")
               && lex_at (c, j, LX_ORDINAL) != NULL)
        {
          unit = UNIT_SECOND;
          j++;
        }
      else
        return FALSE;
      /* a count of 1 with a plural is no duration ("one of the years"); nor
       * is an age ("52 years old") or a fraction ("three-quarters of") */
      if (n.article && plural)
        return FALSE;
      /* a year before a singular unit names a period of that year: "the 1988 quarter" */
      if (year_like && !plural && !hyphen)
        return FALSE;
      if (is_word (c, j, W_OLD)
          || (unit == UNIT_QUARTER && (hyphen || (is_word (c, j, W_OF) && n.count >= 1 && n.count <= 3))))
        return FALSE;
      /* ages are not times: "a 6-year-old" */
      if (hyphen && is_punct (c, j, '-') && glued (c, j) && is_word (c, j + 1, W_OLD))
        return FALSE;
      if (hyphen && is_punct (c, j, '-') && glued (c, j) && is_word (c, j + 1, W_LONG))
        j += 2;
      /* TimeML leaves the article out of a length used as an adjective:
       * the "30-day" of "the 30-day deadline" */
      if (hyphen && the && rel == 0 && mod == NULL)
        return FALSE;
      /* a year and a half */
      if (is_word (c, j, W_AND) && is_word (c, j + 1, W_A) && is_word (c, j + 2, W_HALF))
        {
          n.half = TRUE;
          j += 3;
        }
    }
  else if (is_word (c, j, W_HALF) && (is_word (c, j + 1, W_A) || is_word (c, j + 1, W_AN))
           && is_unit (c, j + 2, &unit, &plural) && !plural)
    {
      n.count = 0;
      n.half = TRUE;
      j += 3;
    }
  else if (is_unit (c, j, &unit, &plural) && unit != UNIT_WEEKEND && is_punct (c, j + 1, '-')
           && glued (c, j + 1) && is_word (c, j + 2, W_LONG) && glued (c, j + 2))
    {
      /* day-long, decades-long */
      n.count = plural ? -1 : 1;
      n.vague = plural;
      j += 3;
    }
  else if (is_unit (c, j, &unit, &plural) && plural && unit != UNIT_WEEKEND)
    {
      /* "recent weeks", "the coming months"; a bare plural after a preposition: "for years" */
      gint before = i > 0 ? word_at (c, i - 1) : 0;

      if (rel == 0 && !(before == W_FOR || before == W_WITHIN || before == W_OVER || before == W_IN
                        || before == W_AFTER || before == W_THAN || before == W_THROUGH
                        || before == W_DURING))
        return FALSE;
      if (rel == W_LATEST || rel == W_FINAL)
        return FALSE;
      n.count = -1;
      n.vague = TRUE;
      j++;
      /* the weeks ahead */
      if (the && text_is (c, j, "ahead"))
        j++;
    }
  else
    return FALSE;

  if (is_word (c, j, W_OR) && is_word (c, j + 1, W_SO))
    {
      mod = "APPROX";
      j += 2;
    }
  m->end = j;
  m->mod = mod;

  /* "recent years", "in recent weeks": a stretch of unknown length up to now,
   * a DURATION like "the past few years" (PXY), as TimeBank mostly has it */
  if (rel == W_RECENT && !(n.vague && unit != UNIT_WEEKEND))
    {
      match_value (m, LEDE_TIMEX_DATE, "PAST_REF");
      return TRUE;
    }

  /* two years ago */
  if (is_word (c, j, W_AGO) && rel == 0 && !the)
    {
      GDate d;

      m->end = j + 1;
      if (n.count < 0 || unit == UNIT_SECOND || unit == UNIT_MINUTE || unit == UNIT_HOUR)
        {
          match_value (m, LEDE_TIMEX_DATE, "PAST_REF");
          return TRUE;
        }
      m->is_point = TRUE;
      m->comparison = TRUE;
      if (unit == UNIT_YEAR && n.count == 1 && !n.half && quarter_context (c)
          && shifted_point (&c->ref_quarter_pt, unit, -1, &m->pt))
        {
          m->anchor = "timex";
          m->anchor_timex = c->ref_quarter;
          return TRUE;
        }
      if (base_date (c, m, &d) && !n.half && shift_date (&d, unit, -n.count))
        point_from_date (&m->pt, &d, unit_gran (unit));
      else
        {
          m->anchor = "none";
          point_clear (&m->pt, unit_gran (unit));
        }
      return TRUE;
    }

  /* a year earlier, two days later, the week before */
  if (rel == 0 && !the && n.count > 0 && !n.half
      && (is_word (c, j, W_EARLIER) || is_word (c, j, W_LATER)
          || ((is_word (c, j, W_BEFORE) || is_word (c, j, W_AFTER))
              && (j + 1 >= c->n || c->a[j + 1].kind == ATOM_PUNCT))))
    {
      gint sign = is_word (c, j, W_EARLIER) || is_word (c, j, W_BEFORE) ? -1 : 1;
      Point base;

      /* "three days later", "a minute and a half later": TimeML marks the
       * stretch, a DURATION, and leaves "later" out as its signal; only the
       * comparisons of reports, "a year earlier", name the point */
      if (!(unit == UNIT_YEAR && sign < 0))
        {
          char value[24];

          format_duration (value, sizeof value, n.count, unit, FALSE);
          match_value (m, LEDE_TIMEX_DURATION, value);
          return TRUE;
        }
      m->end = j + 1;
      m->is_point = TRUE;
      m->comparison = TRUE;
      if (span_context (c) && ref_point (c, m, &base) && shifted_point (&base, unit, -n.count, &m->pt))
        {
          m->pt.gran = GR_YEAR;
          return TRUE;
        }
      if (unit == UNIT_YEAR && quarter_context (c) && sign < 0)
        {
          base = c->ref_quarter_pt;
          m->anchor = "timex";
          m->anchor_timex = c->ref_quarter;
        }
      else if (!ref_point (c, m, &base))
        {
          point_clear (&m->pt, unit_gran (unit));
          return TRUE;
        }
      if (!shifted_point (&base, unit, sign * n.count, &m->pt))
        {
          m->anchor = "none";
          point_clear (&m->pt, unit_gran (unit));
        }
      return TRUE;
    }

  /* two weeks from now */
  if (rel == 0 && !the && n.count > 0 && !n.half
      && ((is_word (c, j, W_FROM) && is_word (c, j + 1, W_NOW)) || is_word (c, j, W_HENCE)))
    {
      GDate d;

      m->end = is_word (c, j, W_HENCE) ? j + 1 : j + 2;
      m->is_point = TRUE;
      if (base_date (c, m, &d) && shift_date (&d, unit, n.count))
        point_from_date (&m->pt, &d, unit_gran (unit));
      else
        {
          m->anchor = "none";
          point_clear (&m->pt, unit_gran (unit));
        }
      return TRUE;
    }

  /* $5 a day, 3% a year: a rate is a set */
  if (n.article && !the && rel == 0 && i > 0
      && (c->a[i - 1].kind == ATOM_NUM || is_punct (c, i - 1, '%') || text_is (c, i - 1, "million")
          || text_is (c, i - 1, "billion") || text_is (c, i - 1, "percent")
          || text_is (c, i - 1, "cents")))
    {
      char value[16];

      format_duration (value, sizeof value, 1, unit, FALSE);
      match_value (m, LEDE_TIMEX_SET, value);
      return TRUE;
    }

  /* "the quarter", "a week" alone are not enough: a bare article with a
   * singular unit is a duration only after a preposition of time. */
  if (n.article && !the && rel == 0 && !n.half && !hyphen)
    {
      gint before = i > 0 ? word_at (c, i - 1) : 0;

      if (mod == NULL && !(before == W_FOR || before == W_IN || before == W_WITHIN
                           || before == W_OVER || before == W_AFTER || before == W_THAN
                           || before == W_DURING || before == W_ABOUT || before == W_NEARLY
                           || before == W_ALMOST || before == W_BEFORE || before == W_ONCE
                           || is_length_verb (c, i - 1)
                           || text_is (c, i - 1, "only") || text_is (c, i - 1, "just")
                           || text_is (c, i - 1, "least") || text_is (c, i - 1, "than")
                           || (text_is (c, i - 1, "as") && i > 2 && text_is (c, i - 3, "as"))))
        return FALSE;
    }

  /* "will one day be": some day ahead, not a day's length */
  if (n.count == 1 && unit == UNIT_DAY && !plural && !the && rel == 0 && text_is (c, i, "one") && i > 0
      && is_modal (c, i - 1))
    {
      match_value (m, LEDE_TIMEX_DATE, "FUTURE_REF");
      return TRUE;
    }
  {
    char value[24];

    format_duration (value, sizeof value, n.count, unit, n.half);
    match_value (m, LEDE_TIMEX_DURATION, value);
  }
  return TRUE;
}

/* Present, past and future references: "now", "recently", "the future". */
static gboolean
match_ref_word (Ctx *c, guint i, Match *m)
{
  const char *value = NULL;
  guint j = i + 1;

  match_init (m, i);
  switch (word_at (c, i))
    {
    case W_NOW: case W_CURRENTLY: case W_NOWADAYS:
      value = "PRESENT_REF";
      break;
    case W_RIGHT:
      if (is_word (c, i + 1, W_NOW))
        {
          value = "PRESENT_REF";
          j = i + 2;
        }
      break;
    case W_CURRENT:
      /* "current" as an adjective of time; "the current" is left to what follows */
      if (!c->a[i].cap && !is_word (c, i - 1, W_THE) && j < c->n && c->a[j].kind == ATOM_WORD)
        value = i > 0 && text_is (c, i - 1, "then") ? "PAST_REF" : "PRESENT_REF";
      break;
    case W_RECENTLY: case W_LATELY:
      value = "PAST_REF";
      break;
    case W_FUTURE:
      /* future quarters, future years */
      {
        gint unit;
        gboolean plural;

        if (is_unit (c, j, &unit, &plural) && plural)
          {
            value = "FUTURE_REF";
            j++;
          }
      }
      break;
    case W_RECENT:
      if (!is_word (c, i - 1, W_THE) && j < c->n && c->a[j].kind == ATOM_WORD)
        value = "PAST_REF";
      break;
    case W_THESE:
      if (text_is (c, i + 1, "days"))
        {
          value = "PRESENT_REF";
          j = i + 2;
        }
      break;
    case W_THE:
      switch (word_at (c, i + 1))
        {
        case W_FUTURE:
          value = "FUTURE_REF";
          j = i + 2;
          break;
        case W_NEAR:
          if (is_word (c, i + 2, W_FUTURE) || is_word (c, i + 2, W_TERM))
            {
              value = "FUTURE_REF";
              j = i + 3;
            }
          break;
        case W_SHORT: case W_LONG:
          if (is_word (c, i + 2, W_TERM))
            {
              value = "FUTURE_REF";
              j = i + 3;
            }
          break;
        case W_PAST:
          if (!(i + 2 < c->n && (c->a[i + 2].kind == ATOM_NUM || lex_at (c, i + 2, LX_UNIT)
                                 || lex_at (c, i + 2, LX_NUMBER))))
            {
              value = "PAST_REF";
              j = i + 2;
            }
          break;
        case W_PRESENT:
          if (!(i + 2 < c->n && c->a[i + 2].kind == ATOM_WORD && !c->a[i + 2].cap
                && c->a[i + 2].lex == NULL))
            {
              value = "PRESENT_REF";
              j = i + 2;
            }
          break;
        default:
          break;
        }
      break;
    default:
      break;
    }
  if (value == NULL)
    return FALSE;
  match_value (m, LEDE_TIMEX_DATE, value);
  m->end = j;
  return TRUE;
}

/* Nouns after "today's" that make it the present age: "today's youth". */
static gboolean
is_generic_present (const Ctx *c, guint i)
{
  static const char *const nouns[] = {
    "youth", "young", "world", "society", "generation", "children", "kids", "teenagers",
    "standards", "culture", "families", "schools",
  };

  return text_is_any (c, i, nouns, G_N_ELEMENTS (nouns));
}

/* today, yesterday, tomorrow, tonight, this morning, last night */
static gboolean
match_deictic_day (Ctx *c, guint i, Match *m)
{
  gint offset = 0;
  const char *pod = NULL;
  guint j = i + 1;
  GDate d;
  const LedeTimeLex *lex;

  match_init (m, i);
  switch (word_at (c, i))
    {
    case W_TODAY:
      /* a title: "USA Today", "VOA Today", "NBC's Today" */
      if (c->a[i].cap && i > 0 && (is_acronym (c, i - 1) || (i > 1 && possessive_at (c, i - 2))))
        return FALSE;
      /* the present age, not a day: "today's youth", "today's world" */
      if (possessive_at (c, i + 1) && is_generic_present (c, i + 3))
        return FALSE;
      break;
    case W_YESTERDAY:
      offset = -1;
      break;
    case W_TOMORROW:
      offset = 1;
      break;
    case W_TONIGHT:
      pod = "NI";
      break;
    case W_THIS:
      if ((lex = lex_at (c, i + 1, LX_PART_OF_DAY)) == NULL || (lex->flags & LXF_PLURAL))
        return FALSE;
      pod = pod_codes[lex->val];
      j = i + 2;
      break;
    case W_LAST:
      if (!text_is (c, i + 1, "night"))
        return FALSE;
      offset = -1;
      pod = "NI";
      j = i + 2;
      break;
    case W_THE:
      /* the day before yesterday, the day after tomorrow */
      if (text_is (c, i + 1, "day") && is_word (c, i + 2, W_BEFORE) && is_word (c, i + 3, W_YESTERDAY))
        offset = -2;
      else if (text_is (c, i + 1, "day") && is_word (c, i + 2, W_AFTER) && is_word (c, i + 3, W_TOMORROW))
        offset = 2;
      else
        return FALSE;
      j = i + 4;
      break;
    default:
      return FALSE;
    }
  m->end = j;
  m->is_point = TRUE;
  if (base_date (c, m, &d))
    {
      if (offset > 0)
        g_date_add_days (&d, offset);
      else if (offset < 0)
        g_date_subtract_days (&d, -offset);
      point_from_date (&m->pt, &d, GR_DAY);
    }
  m->pt.pod = pod;
  return TRUE;
}

/* A date moved to the weekday wday: dir -1 the most recent before it, +1 the
 * next after it, 0 on or before (news prefers the past), 2 in the same ISO week. */
static void
move_to_weekday (GDate *d, gint wday, gint dir)
{
  gint have = g_date_get_weekday (d);

  if (dir == 2)
    {
      if (wday > have)
        g_date_add_days (d, wday - have);
      else
        g_date_subtract_days (d, have - wday);
    }
  else if (dir > 0)
    g_date_add_days (d, ((wday - have + 6) % 7) + 1);
  else if (dir < 0)
    g_date_subtract_days (d, ((have - wday + 6) % 7) + 1);
  else
    g_date_subtract_days (d, (have - wday + 7) % 7);
}

/* A weekday near the base date; without one only the weekday is known. */
static void
resolve_weekday (const Ctx *c, Match *m, gint wday, gint dir)
{
  GDate d;

  if (!base_date (c, m, &d))
    {
      point_clear (&m->pt, GR_DAY);
      m->pt.wday = wday;
      return;
    }
  move_to_weekday (&d, wday, dir);
  point_from_date (&m->pt, &d, GR_DAY);
}

/* The base date's month, quarter, season ... moved by k: "last month", "next quarter". */
static void
resolve_unit (const Ctx *c, Match *m, gint unit, gint k)
{
  GDate d;

  if (base_date (c, m, &d) && shift_date (&d, unit, k))
    point_from_date (&m->pt, &d, unit_gran (unit));
  else
    {
      m->anchor = "none";
      point_clear (&m->pt, unit_gran (unit));
    }
}

/* The occurrence of a month or season relative to the base date: dir -1 the
 * last one before the current, +1 the next after, 0 this year's. */
static void
resolve_month (const Ctx *c, Match *m, guint start, gint month, gint dir)
{
  GDate d;
  gint year;

  point_clear (&m->pt, GR_MONTH);
  m->pt.month = month;
  if (!base_date (c, m, &d))
    return;
  year = g_date_get_year (&d);
  if (dir < 0)
    {
      if (month >= (gint) g_date_get_month (&d))
        year--;
      /* "last February" written in March is not the month just gone, which
       * would be "last month", but the February a year before it */
      if ((month % 12) + 1 == (gint) g_date_get_month (&d))
        year--;
    }
  else if (dir > 0 && month <= (gint) g_date_get_month (&d))
    year++;
  else if (dir == 0)
    year = infer_year (c, m, start, m->end, month, -1);
  m->pt.year = year;
}

static void
resolve_season (const Ctx *c, Match *m, guint start, gint season, gint dir)
{
  GDate d;
  gint year, now;

  point_clear (&m->pt, GR_SEASON);
  m->pt.sub = season;
  if (!base_date (c, m, &d))
    return;
  now = season_of (g_date_get_month (&d));
  year = g_date_get_year (&d);
  if (g_date_get_month (&d) <= 2)
    year--;
  if (dir == 0)
    dir = tense_at (c, start, m->end, FALSE) > 0 ? 1 : 0;
  if (dir < 0 && season >= now)
    year--;
  else if (dir > 0 && season <= now)
    year++;
  else if (dir == 0 && season > now && tense_at (c, start, m->end, FALSE) < 0)
    year--;
  m->pt.year = year;
}

static void
resolve_quarter (const Ctx *c, Match *m, guint start, gint quarter)
{
  GDate d;
  gint now, year;

  point_clear (&m->pt, GR_QUARTER);
  m->pt.sub = quarter;
  if (!base_date (c, m, &d))
    return;
  now = (g_date_get_month (&d) - 1) / 3 + 1;
  year = g_date_get_year (&d);
  /* reports look back: a quarter ahead of the base is last year's only when
   * the verbs say it is past */
  if (quarter > now && tense_at (c, start, m->end, FALSE) < 0)
    year--;
  m->pt.year = year;
}

/* "last week", "next month", "this year", "the following day", "that year",
 * "last Friday", "this summer", "next March", "the current quarter". */
static gboolean
match_relative (Ctx *c, guint i, Match *m)
{
  gint rel = word_at (c, i);
  guint j = i + 1;
  gboolean the = FALSE;
  const LedeTimeLex *lex;
  gint unit, wday, month;
  gboolean plural, fiscal = FALSE;

  match_init (m, i);
  if (rel == W_THE)
    {
      the = TRUE;
      rel = word_at (c, j);
      j++;
      if (rel != W_FOLLOWING && rel != W_PREVIOUS && rel != W_NEXT && rel != W_SAME
          && rel != W_CURRENT && rel != W_PAST && rel != W_LAST && rel != W_COMING
          && rel != W_LATEST)
        return FALSE;
    }
  else if (rel == W_THAT && is_word (c, j, W_SAME))
    j++;
  switch (rel)
    {
    case W_LAST: case W_NEXT: case W_THIS: case W_COMING: case W_PAST: case W_PREVIOUS:
    case W_FOLLOWING: case W_CURRENT: case W_THAT: case W_SAME: case W_LATEST:
      break;
    default:
      return FALSE;
    }
  /* this past weekend, this coming Sunday */
  if (rel == W_THIS && (is_word (c, j, W_PAST) || is_word (c, j, W_COMING)))
    {
      rel = word_at (c, j) == W_PAST ? W_LAST : W_NEXT;
      j++;
    }
  /* that night, the next morning: a part of the day the story is at, or of
   * the day after (before) it */
  if ((rel == W_THAT || rel == W_SAME || (the && (rel == W_NEXT || rel == W_FOLLOWING || rel == W_PREVIOUS)))
      && pod_at (c, j, FALSE) != NULL)
    {
      GDate d;

      m->end = j + 1;
      m->is_point = TRUE;
      if (c->ref >= 0 && c->ref_pt.gran == GR_DAY && c->ref_pt.day > 0 && point_to_date (&c->ref_pt, &d)
          && shift_date (&d, UNIT_DAY, rel == W_NEXT || rel == W_FOLLOWING ? 1 : rel == W_PREVIOUS ? -1 : 0))
        {
          point_from_date (&m->pt, &d, GR_DAY);
          m->anchor = "timex";
          m->anchor_timex = c->ref;
        }
      else
        point_clear (&m->pt, GR_DAY);
      m->pt.pod = pod_at (c, j, FALSE);
      return TRUE;
    }
  /* last fiscal year, the current fiscal year */
  if (is_word (c, j, W_FISCAL) && text_is (c, j + 1, "year"))
    {
      fiscal = TRUE;
      j++;
    }

  if (is_unit (c, j, &unit, &plural) && !plural && unit != UNIT_NIGHT)
    {
      gint k;

      m->end = j + 1;
      m->is_point = TRUE;
      /* relative to the narrative: the following day, the previous year, that week */
      if ((the && rel != W_PAST && rel != W_LAST && rel != W_CURRENT && rel != W_COMING
           && rel != W_LATEST) || rel == W_THAT || rel == W_SAME)
        {
          Point base;

          k = rel == W_FOLLOWING || rel == W_NEXT ? 1 : rel == W_PREVIOUS ? -1 : 0;
          if (unit == UNIT_QUARTER)
            return FALSE;
          if (!ref_point (c, m, &base))
            point_clear (&m->pt, unit_gran (unit));
          else if ((base.gran == GR_YEAR || base.gran == GR_MONTH) && unit_gran (unit) > base.gran
                   && unit_gran (unit) != GR_WEEKEND)
            {
              /* the story names only the month (year): "that day" after "last
               * October" is a day of it we do not know, not its first */
              m->pt = base;
              m->pt.gran = unit_gran (unit);
            }
          else if (!shifted_point (&base, unit, k, &m->pt))
            point_clear (&m->pt, unit_gran (unit));
          else if (unit_gran (unit) < m->pt.gran)
            {
              GDate d;

              point_to_date (&m->pt, &d);
              point_from_date (&m->pt, &d, unit_gran (unit));
            }
          return TRUE;
        }
      /* "the past year", "the last decade": TimeBank values them as the one
       * before, like "last year"; "the last quarter" is left to the quarter rules */
      if (the && unit == UNIT_QUARTER && (rel == W_PAST || rel == W_LAST))
        return FALSE;
      if (rel == W_LATEST)
        return FALSE;
      /* "the past decade", "over the past century": the ten (hundred) years
       * up to now, not the decade before this one */
      if (rel == W_PAST && (unit == UNIT_DECADE || unit == UNIT_CENTURY || unit == UNIT_MILLENNIUM))
        {
          char value[16];

          format_duration (value, sizeof value, 1, unit, FALSE);
          match_value (m, LEDE_TIMEX_DURATION, value);
          return TRUE;
        }
      k = rel == W_LAST || rel == W_PAST || rel == W_PREVIOUS ? -1 : rel == W_NEXT || rel == W_COMING ? 1 : 0;
      /* "last year" beside a quarter is that quarter a year before */
      if (unit == UNIT_YEAR && k < 0 && c->ref_quarter >= 0 && c->ref_quarter_sentence == c->sentence
          && shifted_point (&c->ref_quarter_pt, UNIT_YEAR, -1, &m->pt))
        {
          m->anchor = "timex";
          m->anchor_timex = c->ref_quarter;
          m->comparison = TRUE;
          return TRUE;
        }
      if (unit == UNIT_WEEKEND && rel == W_THIS)
        {
          GDate d;

          /* this weekend: the one ahead, or the one just gone when it is Monday */
          if (base_date (c, m, &d))
            {
              if (g_date_get_weekday (&d) == G_DATE_MONDAY && tense_at (c, i, m->end, TRUE) < 0)
                g_date_subtract_days (&d, 1);
              point_from_date (&m->pt, &d, GR_WEEKEND);
            }
          else
            point_clear (&m->pt, GR_WEEKEND);
          return TRUE;
        }
      resolve_unit (c, m, unit, k);
      m->pt.fiscal = fiscal;
      return TRUE;
    }
  if (fiscal)
    return FALSE;
  if (the || rel == W_CURRENT || rel == W_LATEST || rel == W_SAME)
    {
      /* the previous Friday: before the day the story is at */
      if (weekday_at (c, j, &wday, &j) && (rel == W_PREVIOUS || rel == W_FOLLOWING || rel == W_NEXT))
        {
          GDate d;

          m->end = j;
          m->is_point = TRUE;
          if (c->ref >= 0 && c->ref_pt.gran == GR_DAY && c->ref_pt.month > 0 && c->ref_pt.day > 0
              && point_to_date (&c->ref_pt, &d))
            {
              move_to_weekday (&d, wday, rel == W_PREVIOUS ? -1 : 1);
              point_from_date (&m->pt, &d, GR_DAY);
              m->anchor = "timex";
              m->anchor_timex = c->ref;
            }
          else
            resolve_weekday (c, m, wday, rel == W_PREVIOUS ? -1 : 1);
          return TRUE;
        }
      return FALSE;
    }
  if (weekday_at (c, j, &wday, &j))
    {
      m->end = j;
      m->is_point = TRUE;
      resolve_weekday (c, m, wday, rel == W_THIS ? 2 : rel == W_NEXT || rel == W_COMING || rel == W_FOLLOWING ? 1 : -1);
      return TRUE;
    }
  if (month_at (c, j, TRUE, &month, &j))
    {
      gint day;
      guint k;
      GDate d;

      m->end = j;
      m->is_point = TRUE;
      /* last Oct. 23, next May 1: the one before (after) the base date */
      if ((rel == W_LAST || rel == W_NEXT) && day_at (c, j, &day, &k)
          && !(c->a[j].kind == ATOM_NUM && c->a[j].digits == 0))
        {
          point_clear (&m->pt, GR_DAY);
          m->pt.month = month;
          m->pt.day = day;
          m->end = k;
          if (base_date (c, m, &d))
            {
              gint cmp = month * 32 + day - (gint) (g_date_get_month (&d) * 32 + g_date_get_day (&d));

              m->pt.year = g_date_get_year (&d) + (rel == W_LAST ? -(cmp >= 0) : cmp <= 0);
            }
          return TRUE;
        }
      resolve_month (c, m, i, month, rel == W_THIS ? 0 : rel == W_NEXT || rel == W_COMING ? 1 : -1);
      if (rel == W_THIS && base_date (c, m, &d))
        m->pt.year = g_date_get_year (&d);
      return TRUE;
    }
  if ((lex = lex_at (c, j, LX_SEASON)) != NULL)
    {
      m->end = j + 1;
      m->is_point = TRUE;
      resolve_season (c, m, i, lex->val, rel == W_THIS ? 0 : rel == W_NEXT || rel == W_COMING ? 1 : -1);
      if (rel == W_THIS)
        {
          GDate d;

          if (base_date (c, m, &d))
            {
              gint now = season_of (g_date_get_month (&d));

              m->pt.year = g_date_get_year (&d) - (g_date_get_month (&d) <= 2 ? 1 : 0);
              if (lex->val < now && tense_at (c, i, m->end, FALSE) > 0)
                m->pt.year++;
            }
        }
      return TRUE;
    }
  return FALSE;
}

/* "the weekend": the coming one when the verbs say so or it is under way,
 * else the one before; "year-end", "year's end": the base year, at its end. */
static gboolean
match_weekend_year_end (Ctx *c, guint i, Match *m)
{
  GDate d;
  gint unit;
  gboolean plural;

  match_init (m, i);
  if (is_word (c, i, W_THE) && is_unit (c, i + 1, &unit, &plural) && unit == UNIT_WEEKEND && !plural)
    {
      m->end = i + 2;
      m->is_point = TRUE;
      point_clear (&m->pt, GR_WEEKEND);
      if (base_date (c, m, &d))
        {
          if (g_date_get_weekday (&d) < G_DATE_SATURDAY && tense_at (c, i, m->end, TRUE) <= 0)
            g_date_subtract_days (&d, 7);
          point_from_date (&m->pt, &d, GR_WEEKEND);
        }
      return TRUE;
    }
  if (text_is (c, i, "year") && ((is_punct (c, i + 1, '-') && is_word (c, i + 2, W_END))
                                 || (is_punct (c, i + 1, '\'') && text_is (c, i + 2, "s")
                                     && is_word (c, i + 3, W_END))
                                 || is_word (c, i + 1, W_END)))
    {
      m->end = is_word (c, i + 1, W_END) ? i + 2 : is_word (c, i + 2, W_END) ? i + 3 : i + 4;
      m->is_point = TRUE;
      m->mod = "END";
      resolve_unit (c, m, UNIT_YEAR, 0);
      return TRUE;
    }
  return FALSE;
}

/* "the year" of a report: "for the year", "the full year" are the base
 * date's year; "the fiscal year ended June 30" is a year's duration. */
static gboolean
match_the_year (Ctx *c, guint i, Match *m)
{
  guint j = i + 1;
  gint unit, before = i > 0 ? word_at (c, i - 1) : 0;
  gboolean plural;

  match_init (m, i);
  if (!is_word (c, i, W_THE))
    return FALSE;
  if (is_word (c, j, W_FULL) || is_word (c, j, W_FISCAL) || is_word (c, j, W_ENTIRE)
      || is_word (c, j, W_WHOLE))
    j++;
  if (!is_unit (c, j, &unit, &plural) || plural
      || (unit != UNIT_YEAR && unit != UNIT_WEEK && unit != UNIT_MONTH))
    return FALSE;
  m->end = j + 1;
  /* the week of March 6: the week that day is in */
  if (unit == UNIT_WEEK && is_word (c, j + 1, W_OF))
    {
      Match day;
      GDate d;

      if (match_point_core (c, j + 2, &day, TRUE) && day.is_point && day.pt.gran == GR_DAY
          && day.pt.hour < 0 && day.pt.pod == NULL && point_to_date (&day.pt, &d) && day.pt.day > 0)
        {
          m->end = day.end;
          m->is_point = TRUE;
          m->anchor = day.anchor;
          m->anchor_timex = day.anchor_timex;
          point_from_date (&m->pt, &d, GR_WEEK);
          return TRUE;
        }
    }
  if (text_is (c, j + 1, "ended") || text_is (c, j + 1, "ending") || text_is (c, j + 1, "ends"))
    {
      char value[16];

      format_duration (value, sizeof value, 1, unit, FALSE);
      match_value (m, LEDE_TIMEX_DURATION, value);
      return TRUE;
    }
  if (!(before == W_FOR || before == W_OF || before == W_IN || before == W_THROUGH
        || before == W_DURING || text_is (c, i - 1, "throughout"))
      || is_word (c, j + 1, W_BEFORE) || is_word (c, j + 1, W_AFTER) || is_word (c, j + 1, W_EARLIER)
      || is_word (c, j + 1, W_LATER) || is_word (c, j + 1, W_AGO))
    return FALSE;
  m->is_point = TRUE;
  resolve_unit (c, m, unit, 0);
  return TRUE;
}

/* Quarters and halves: "the third quarter", "third-quarter", "Q3 2022",
 * "the fiscal first quarter", "the second half of 1990", "the quarter". */
static gboolean
match_quarter (Ctx *c, guint i, Match *m)
{
  guint j = i;
  gint year = -1, sub = -1, y;
  gboolean half = FALSE;
  const LedeTimeLex *lex;

  match_init (m, i);
  if (is_word (c, j, W_THE))
    j++;
  if (year_number_at (c, j, &y))
    {
      year = y;
      j++;
    }
  /* the fiscal first quarter: calendar quarters, as TimeBank values them */
  if (is_word (c, j, W_FISCAL))
    j = is_punct (c, j + 1, '-') ? j + 2 : j + 1;
  /* Q3 */
  if (is_word (c, j, W_Q) && c->a[j].cap && is_plain_number (c, j + 1)
      && glued (c, j + 1) && c->a[j + 1].num >= 1 && c->a[j + 1].num <= 4)
    {
      sub = c->a[j + 1].num;
      j += 2;
    }
  else if ((lex = lex_at (c, j, LX_ORDINAL)) != NULL || (i < c->n && c->a[j].kind == ATOM_NUM && c->a[j].ord))
    {
      gint o = lex != NULL ? lex->val : c->a[j].num;
      guint k = j + 1;
      gint unit;
      gboolean plural;

      if (is_punct (c, k, '-') && glued (c, k))
        k++;
      if (is_unit (c, k, &unit, &plural) && unit == UNIT_QUARTER && !plural && o >= 1 && o <= 4)
        sub = o;
      else if (is_word (c, k, W_HALF) && (o == 1 || o == 2))
        {
          sub = o;
          half = TRUE;
        }
      else
        return FALSE;
      j = k + 1;
    }
  else if (is_word (c, j, W_LAST) && is_word (c, j + 1, W_HALF) && j > i)
    {
      sub = 2;
      half = TRUE;
      j += 2;
    }
  else
    return FALSE;

  /* the first half of the 1990s, the last half of the '80s: the decade's
   * (century's) start or end */
  if (year < 0 && half && is_word (c, j, W_OF))
    {
      Match era;

      if (match_year (c, j + 1, &era) && era.is_point
          && (era.pt.gran == GR_DECADE || era.pt.gran == GR_CENTURY))
        {
          *m = era;
          m->mod = sub == 1 ? "START" : "END";
          return TRUE;
        }
    }
  /* of 1990, of fiscal 1990, 2022 */
  if (year < 0)
    {
      guint k = j;

      if (is_word (c, k, W_OF))
        k++;
      if (is_word (c, k, W_FISCAL))
        k++;
      if (year_number_at (c, k, &y))
        {
          year = y;
          j = k + 1;
        }
    }
  m->end = j;
  m->is_point = TRUE;
  if (year >= 0)
    {
      point_clear (&m->pt, half ? GR_HALF : GR_QUARTER);
      m->pt.year = year;
      m->pt.sub = sub;
    }
  else if (half)
    {
      GDate d;

      point_clear (&m->pt, GR_HALF);
      m->pt.sub = sub;
      if (base_date (c, m, &d))
        m->pt.year = g_date_get_year (&d) - (sub == 2 && g_date_get_month (&d) <= 6 && tense_at (c, i, j, FALSE) <= 0 ? 1 : 0);
    }
  else
    resolve_quarter (c, m, i, sub);
  return TRUE;
}

/* "the quarter", "the latest quarter", "this quarter", "the year-earlier
 * quarter", "year-ago": quarters named by their place in the report. */
static gboolean
match_quarter_ref (Ctx *c, guint i, Match *m)
{
  guint j = i;
  gint rel = 0;
  gint unit, y;
  gboolean plural;
  GDate d;

  match_init (m, i);
  if (is_word (c, j, W_THE))
    j++;
  if (is_word (c, j, W_LATEST) || is_word (c, j, W_CURRENT) || is_word (c, j, W_THIS)
      || is_word (c, j, W_LAST) || is_word (c, j, W_NEXT) || is_word (c, j, W_PREVIOUS))
    rel = word_at (c, j++);
  /* "the 1988 period": the report's quarter in that year */
  if (j == i + 1 && rel == 0 && year_number_at (c, j, &y)
      && ((is_unit (c, j + 1, &unit, &plural) && unit == UNIT_QUARTER && !plural)
          || is_word (c, j + 1, W_PERIOD)))
    {
      m->end = j + 2;
      m->is_point = TRUE;
      point_clear (&m->pt, GR_YEAR);
      m->pt.year = y;
      if (c->ref_quarter >= 0)
        {
          m->pt.gran = GR_QUARTER;
          m->pt.sub = c->ref_quarter_pt.sub;
          m->anchor = "timex";
          m->anchor_timex = c->ref_quarter;
        }
      m->comparison = TRUE;
      return TRUE;
    }
  /* year-earlier, year-ago: "the year-ago quarter", "the year-earlier third quarter" */
  if (text_is (c, j, "year") && is_punct (c, j + 1, '-') && glued (c, j + 1)
      && (is_word (c, j + 2, W_EARLIER) || is_word (c, j + 2, W_AGO)) && glued (c, j + 2))
    {
      guint k = j + 3;
      const LedeTimeLex *ord = lex_at (c, k, LX_ORDINAL);
      gint quarter = 0;

      if (ord != NULL && ord->val <= 4 && is_unit (c, k + 1, &unit, &plural) && unit == UNIT_QUARTER
          && !plural)
        {
          quarter = ord->val;
          k += 2;
        }
      else if ((is_unit (c, k, &unit, &plural) && unit == UNIT_QUARTER && !plural)
               || is_word (c, k, W_PERIOD))
        k++;
      else if (j > i)
        return FALSE;
      m->end = k;
      m->is_point = TRUE;
      m->comparison = TRUE;
      /* a named period compares with the quarter the report is about */
      if (quarter_context (c) || (k > j + 3 && c->ref_quarter >= 0))
        {
          shifted_point (&c->ref_quarter_pt, UNIT_YEAR, -1, &m->pt);
          m->anchor = "timex";
          m->anchor_timex = c->ref_quarter;
        }
      else
        resolve_unit (c, m, UNIT_YEAR, -1);
      if (quarter > 0 && m->pt.year >= 0)
        {
          m->pt.gran = GR_QUARTER;
          m->pt.sub = quarter;
        }
      return TRUE;
    }
  if (!is_unit (c, j, &unit, &plural) || unit != UNIT_QUARTER || plural)
    {
      /* the latest period, beside a quarter */
      if (!(rel == W_LATEST && is_word (c, j, W_PERIOD) && quarter_context (c)))
        return FALSE;
    }
  if (j == i)
    return FALSE;
  m->end = j + 1;
  m->is_point = TRUE;
  if (rel == W_CURRENT || rel == W_THIS)
    resolve_unit (c, m, UNIT_QUARTER, 0);
  else if (rel == W_LAST || rel == W_PREVIOUS || rel == W_LATEST)
    resolve_unit (c, m, UNIT_QUARTER, -1);
  else if (rel == W_NEXT)
    resolve_unit (c, m, UNIT_QUARTER, 1);
  else if (c->ref_quarter >= 0)
    {
      /* "the quarter" is the one the report is about */
      m->pt = c->ref_quarter_pt;
      m->anchor = "timex";
      m->anchor_timex = c->ref_quarter;
    }
  else if (base_date (c, m, &d))
    resolve_unit (c, m, UNIT_QUARTER, -1);
  else
    point_clear (&m->pt, GR_QUARTER);
  return TRUE;
}

/* A day of a month: "Dec. 21, 2022", "December 21", "21 December 2022", "the
 * 21st of December", "Wednesday, Dec. 21", "December 2022", "December". */
static gboolean
match_month_date (Ctx *c, guint i, Match *m, gboolean cued)
{
  guint j = i;
  gint wday = 0, month = 0, day = -1, year = -1, y;
  gboolean the = FALSE;
  const LedeTimeLex *lex;

  match_init (m, i);
  /* a weekday before the date: "Wednesday, Dec. 21"; "Wed., Dec. 21" */
  if ((lex = lex_at (c, j, LX_WEEKDAY)) != NULL && c->a[j].cap && !(lex->flags & LXF_PLURAL))
    {
      guint k = (lex->flags & LXF_ABBREV) ? skip_period (c, j + 1) : j + 1;

      if ((lex->flags & LXF_ABBREV) && k == j + 1)
        return FALSE;
      wday = lex->val;
      j = is_punct (c, k, ',') ? k + 1 : k;
    }
  if (is_word (c, j, W_THE))
    {
      the = TRUE;
      j++;
    }
  if (!the && month_at (c, j, cued || wday > 0 || (i > 0 && (is_word (c, i - 1, W_IN) || is_word (c, i - 1, W_SINCE)
                                                    || is_word (c, i - 1, W_UNTIL) || is_word (c, i - 1, W_BY)
                                                    || is_word (c, i - 1, W_FROM) || is_word (c, i - 1, W_THROUGH)
                                                    || is_word (c, i - 1, W_DURING) || is_word (c, i - 1, W_TILL)
                                                    || is_word (c, i - 1, W_BEFORE) || is_word (c, i - 1, W_AFTER)
                                                    || is_word (c, i - 1, W_OF) || is_word (c, i - 1, W_TO)
                                                    || is_word (c, i - 1, W_AND) || is_word (c, i - 1, W_OR)
                                                    || is_word (c, i - 1, W_EARLY) || is_word (c, i - 1, W_LATE)
                                                    || is_punct (c, i - 1, '-'))),
                          &month, &j))
    {
      guint k;

      /* December 21[st] [,] [2022] */
      if (day_at (c, j, &day, &k) && !(c->a[j].kind == ATOM_NUM && c->a[j].digits == 0))
        {
          j = k;
          trailing_year (c, &j, &year);
        }
      else
        {
          /* December 2022, May of 2020, Dec. '98 */
          k = is_punct (c, j, ',') ? j + 1 : j;
          if (is_word (c, k, W_OF))
            k++;
          if (year_at (c, k, &y, &j))
            year = y;
          else if (k < c->n && c->a[k].apos && !c->a[k].plural)
            {
              year = c->a[k].num + (c->a[k].num < 30 ? 2000 : 1900);
              j = k + 1;
            }
          else if ((is_word (c, k, W_THIS) || is_word (c, k, W_LAST) || is_word (c, k, W_NEXT))
                   && text_is (c, k + 1, "year"))
            {
              /* June last year, January of this year */
              GDate d;

              if (base_date (c, m, &d))
                year = g_date_get_year (&d) + (is_word (c, k, W_LAST) ? -1 : is_word (c, k, W_NEXT) ? 1 : 0);
              else
                year = 0;
              j = k + 2;
            }
        }
    }
  else if (day_at (c, j, &day, &j))
    {
      /* 21 December 2022, the 21st of December */
      guint k = j;

      if (is_word (c, k, W_OF))
        k++;
      else if (the)
        return FALSE;
      if (!month_at (c, k, TRUE, &month, &k))
        return FALSE;
      j = k;
      trailing_year (c, &j, &year);
    }
  else
    return FALSE;

  m->end = j;
  m->is_point = TRUE;
  point_clear (&m->pt, day > 0 ? GR_DAY : GR_MONTH);
  m->pt.month = month;
  /* Feb. 30: no such day, so only the month is known */
  if (day > 0 && (year > 0 ? day > g_date_get_days_in_month (month, year)
                           : day > g_date_get_days_in_month (month, 2000)))
    {
      m->pt.gran = GR_MONTH;
      day = -1;
    }
  m->pt.day = day;
  if (year > 0)
    m->pt.year = year;
  else if (year == 0)
    m->pt.year = -1;
  else
    {
      m->pt.year = infer_year (c, m, i, j, month, day);
      if (m->pt.year > 0 && day == 29 && month == 2 && !g_date_is_leap_year (m->pt.year))
        m->pt.year = -1;
    }
  return TRUE;
}

/* 2022-12-21, 12/21/2022, 21/12/2022 */
static gboolean
match_numeric_date (Ctx *c, guint i, Match *m)
{
  gint a, b, y, day, month, year;
  char sep;

  match_init (m, i);
  if (!is_plain_number (c, i) || i + 4 >= c->n || !is_plain_number (c, i + 2)
      || !is_plain_number (c, i + 4))
    return FALSE;
  sep = c->a[i + 1].ch;
  if ((sep != '-' && sep != '/' && sep != '.') || !is_punct (c, i + 3, sep)
      || !glued (c, i + 1) || !glued (c, i + 2) || !glued (c, i + 3) || !glued (c, i + 4))
    return FALSE;
  a = c->a[i].num;
  b = c->a[i + 2].num;
  y = c->a[i + 4].num;
  if (c->a[i].digits == 4)
    {
      year = a;
      month = b;
      day = y;
      if (c->a[i + 2].digits > 2 || c->a[i + 4].digits > 2)
        return FALSE;
    }
  else if (c->a[i + 4].digits == 4 || (c->a[i + 4].digits == 2 && sep == '/'))
    {
      year = c->a[i + 4].digits == 2 ? y + (y < 50 ? 2000 : 1900) : y;
      /* month first as in the US, unless the first cannot be a month */
      month = a;
      day = b;
      if (a > 12 && b <= 12)
        {
          month = b;
          day = a;
        }
    }
  else
    return FALSE;
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month (month, year))
    return FALSE;
  m->end = i + 5;
  m->is_point = TRUE;
  point_clear (&m->pt, GR_DAY);
  m->pt.year = year;
  m->pt.month = month;
  m->pt.day = day;
  return TRUE;
}

/* A day joined by "and" or "or" to a day ahead named just before it in the
 * same sentence lies ahead too: "to Paris on Monday and to Rome on Tuesday",
 * where the verb is too far back to say. */
static gboolean
joined_to_day_ahead (const Ctx *c, guint i)
{
  const LedeTimex *prev;
  GDate d, base;
  gboolean joined = FALSE;
  guint k;

  if (!c->has_anchor || c->ref < 0 || c->ref != (gint) c->doc->timexes->len - 1
      || c->ref_sentence != c->sentence || c->ref_pt.gran != GR_DAY || !point_to_date (&c->ref_pt, &d))
    return FALSE;
  prev = &g_array_index (c->doc->timexes, LedeTimex, c->ref);
  for (k = i; k > 0 && i - k < 10 && c->a[k - 1].start >= prev->end; k--)
    joined = joined || is_word (c, k - 1, W_AND) || is_word (c, k - 1, W_OR);
  if (k == 0 || c->a[k - 1].end != prev->end)
    return FALSE;
  base = c->anchor;
  return joined && g_date_compare (&d, &base) > 0;
}

/* Friday, on the most recent Friday unless the verbs point forward. */
static gboolean
match_weekday (Ctx *c, guint i, Match *m)
{
  gint wday;
  guint j;

  match_init (m, i);
  if (!weekday_at (c, i, &wday, &j))
    return FALSE;
  m->end = j;
  m->is_point = TRUE;
  resolve_weekday (c, m, wday, tense_at (c, i, j, TRUE) > 0 || joined_to_day_ahead (c, i) ? 1 : 0);
  return TRUE;
}

/* A two-digit plural with no apostrophe that is no decade: an age ("in his
 * 30s", "her late 40s") or a model name ("KC-30s"). */
static gboolean
is_age_or_model (const Ctx *c, guint j)
{
  guint k = j;

  if (c->a[j].apos)
    return FALSE;
  if (k > 1 && is_punct (c, k - 1, '-') && glued (c, k) && glued (c, k - 1) && c->a[k - 2].kind == ATOM_WORD)
    {
      if (!is_word (c, k - 2, W_MID))
        return TRUE;
      k -= 2;
    }
  if (k > 0 && (is_word (c, k - 1, W_EARLY) || is_word (c, k - 1, W_LATE) || is_word (c, k - 1, W_MID)))
    k--;
  return k > 0 && (text_is (c, k - 1, "his") || text_is (c, k - 1, "her") || text_is (c, k - 1, "their")
                   || text_is (c, k - 1, "my") || text_is (c, k - 1, "your") || text_is (c, k - 1, "our"));
}

/* Years with their words around them: "1990", "the year 2000", "fiscal 2023",
 * "FY2023", "nineteen ninety-six"; decades "the 1990s", "the '80s", "the
 * nineties"; centuries "the 20th century", "this century". */
static gboolean
match_year (Ctx *c, guint i, Match *m)
{
  guint j = i;
  gint y;
  const LedeTimeLex *lex;
  gboolean the = FALSE;
  gint before = i > 0 ? word_at (c, i - 1) : 0;

  match_init (m, i);
  if (is_word (c, j, W_THE))
    {
      the = TRUE;
      j++;
    }
  /* fiscal 2023, fiscal year 2023, FY2023, FY23 */
  if (is_word (c, j, W_FISCAL) || (is_word (c, j, W_FY) && c->a[j].cap))
    {
      guint k = j + 1;

      if (is_word (c, j, W_FISCAL) && text_is (c, k, "year"))
        k++;
      if (is_plain_number (c, k) && (c->a[k].digits == 4 || (c->a[k].digits == 2 && is_word (c, j, W_FY)))
          && (c->a[k].digits == 2 || year_number_at (c, k, &y)))
        {
          y = c->a[k].digits == 2 ? c->a[k].num + (c->a[k].num < 50 ? 2000 : 1900) : c->a[k].num;
          m->end = k + 1;
          m->is_point = TRUE;
          point_clear (&m->pt, GR_YEAR);
          m->pt.year = y;
          m->pt.fiscal = TRUE;
          return TRUE;
        }
      return FALSE;
    }
  /* the year 2000, the year two thousand */
  if (the && text_is (c, j, "year"))
    {
      j++;
      if (year_number_at (c, j, &y))
        {
          m->end = j + 1;
          m->is_point = TRUE;
          point_clear (&m->pt, GR_YEAR);
          m->pt.year = y;
          return TRUE;
        }
      if ((lex = lex_at (c, j, LX_NUMBER)) != NULL && lex->val == 2 && is_word (c, j + 1, W_THOUSAND))
        {
          guint k = j + 2;

          y = 2000;
          if (is_word (c, k, W_AND))
            k++;
          if ((lex = lex_at (c, k, LX_NUMBER)) != NULL && lex->val < 100)
            {
              y += lex->val;
              k++;
            }
          m->end = k;
          m->is_point = TRUE;
          point_clear (&m->pt, GR_YEAR);
          m->pt.year = y;
          return TRUE;
        }
      return FALSE;
    }
  /* the 1990s, the '80s, the 80s */
  if (j < c->n && c->a[j].kind == ATOM_NUM && c->a[j].plural
      && ((c->a[j].digits == 4 && c->a[j].num % 10 == 0 && c->a[j].num >= 1000 && c->a[j].num < 3000)
          || (c->a[j].digits == 2 && c->a[j].num % 10 == 0 && !is_age_or_model (c, j))))
    {
      y = c->a[j].digits == 4 ? c->a[j].num : 1900 + c->a[j].num;
      m->end = j + 1;
      m->is_point = TRUE;
      point_clear (&m->pt, GR_DECADE);
      m->pt.year = y;
      return TRUE;
    }
  if (the && (lex = lex_at (c, j, LX_DECADE)) != NULL)
    {
      m->end = j + 1;
      m->is_point = TRUE;
      point_clear (&m->pt, GR_DECADE);
      m->pt.year = 1900 + 10 * lex->val;
      return TRUE;
    }
  /* the 20th century, the twenty-first century; without the article too when
   * it modifies a noun: "a 20th-century democrat", "the fabled 11th century temple" */
  if (j + 1 < c->n)
    {
      gint o = -1;
      guint k = j + 1;

      if (c->a[j].kind == ATOM_NUM && c->a[j].ord)
        o = c->a[j].num;
      else if ((lex = lex_at (c, j, LX_ORDINAL)) != NULL)
        o = lex->val;
      else if (day_at (c, j, &o, &k) && c->a[j].kind == ATOM_NUM)
        o = -1;
      if (o >= 1 && o <= 30 && is_punct (c, k, '-') && glued (c, k) && text_is (c, k + 1, "century"))
        k++;
      if (o >= 1 && o <= 30 && text_is (c, k, "century"))
        {
          m->end = k + 1;
          m->is_point = TRUE;
          point_clear (&m->pt, GR_CENTURY);
          m->pt.year = (o - 1) * 100;
          return TRUE;
        }
    }
  if (the)
    return FALSE;

  /* nineteen ninety-six, nineteen eighty */
  if ((lex = lex_at (c, j, LX_NUMBER)) != NULL && lex->val >= 11 && lex->val <= 20)
    {
      guint k;

      if (!spelled_year_at (c, j, &y, &k))
        return FALSE;
      m->end = k;
      m->is_point = TRUE;
      point_clear (&m->pt, GR_YEAR);
      m->pt.year = y;
      return TRUE;
    }

  if (!year_number_at (c, j, &y))
    return FALSE;
  /* numbers that are counts or codes: "$2000", "No. 1990", "2000 people", "1,990" */
  if (i > 0 && (is_punct (c, i - 1, '$') || is_punct (c, i - 1, '#') || text_is (c, i - 1, "no")
                || text_is (c, i - 1, "number") || text_is (c, i - 1, "flight")
                || text_is (c, i - 1, "route") || text_is (c, i - 1, "model")))
    return FALSE;
  if (is_punct (c, j + 1, '%') || (j + 1 < c->n && glued (c, j + 1)
                                   && (is_punct (c, j + 1, ':') || is_punct (c, j + 1, '.'))
                                   && j + 2 < c->n && c->a[j + 2].kind == ATOM_NUM))
    return FALSE;
  {
    gboolean cue = before == W_IN || before == W_SINCE || before == W_OF || before == W_BY
                   || before == W_FROM || before == W_UNTIL || before == W_TILL || before == W_TO
                   || before == W_THROUGH || before == W_DURING || before == W_BEFORE
                   || before == W_AFTER || before == W_EARLY || before == W_LATE || before == W_MID
                   || before == W_AND || before == W_OR || is_punct (c, i - 1, '-')
                   || text_is (c, i - 1, "between") || text_is (c, i - 1, "circa");

    if ((y < 1900 || y > 2099) && !cue)
      return FALSE;
    if (!cue && is_plain_lower_word (c, j + 1))
      {
        const char *s = c->doc->text + c->a[j + 1].end - 1;

        /* a plural noun after it makes a count: "2000 people" */
        if (*s == 's' && !(c->a[j + 1].end - c->a[j + 1].start == 2))
          return FALSE;
      }
  }
  m->end = j + 1;
  m->is_point = TRUE;
  point_clear (&m->pt, GR_YEAR);
  m->pt.year = y;
  return TRUE;
}

/* Seasons: "summer", "the summer of 2022", "winter 2021"; "spring" and "fall"
 * only with a year or after "the" and a preposition, being common words too. */
static gboolean
match_season (Ctx *c, guint i, Match *m)
{
  guint j = i;
  const LedeTimeLex *lex;
  gboolean the = FALSE;
  gint y;

  match_init (m, i);
  if (is_word (c, j, W_THE))
    {
      the = TRUE;
      j++;
    }
  if ((lex = lex_at (c, j, LX_SEASON)) == NULL)
    return FALSE;
  j++;
  {
    guint k = is_word (c, j, W_OF) ? j + 1 : j;

    if (year_at (c, k, &y, &m->end))
      {
        m->is_point = TRUE;
        point_clear (&m->pt, GR_SEASON);
        m->pt.sub = lex->val;
        m->pt.year = y;
        return TRUE;
      }
  }
  if (is_word (c, j, W_OF))
    return FALSE;
  if (lex->flags & LXF_CUE)
    {
      gint before = i > 0 ? word_at (c, i - 1) : 0;

      if (!the || !(before == W_IN || before == W_DURING || before == W_BY || before == W_UNTIL
                    || before == W_SINCE || before == W_THROUGH || before == W_OVER
                    || before == W_TILL))
        return FALSE;
    }
  m->end = j;
  m->is_point = TRUE;
  resolve_season (c, m, i, lex->val, 0);
  return TRUE;
}

/* "the 21st": a day of the current month (or the one before, news preferring
 * the past), when a preposition before it and nothing like a noun after it
 * say it is a date ("on the 21st." but not "the 20th anniversary"). */
static gboolean
match_day_ordinal (Ctx *c, guint i, Match *m)
{
  gint day, before;
  guint j;
  GDate d;

  match_init (m, i);
  if (!is_word (c, i, W_THE) || i == 0)
    return FALSE;
  if (!(i + 1 < c->n && ((c->a[i + 1].kind == ATOM_NUM && c->a[i + 1].ord) || lex_at (c, i + 1, LX_ORDINAL)
                         || lex_at (c, i + 1, LX_NUMBER))))
    return FALSE;
  if (!day_at (c, i + 1, &day, &j))
    return FALSE;
  if (c->a[i + 1].kind == ATOM_NUM && !c->a[i + 1].ord)
    return FALSE;
  before = word_at (c, i - 1);
  if (!(before == W_ON || before == W_SINCE || before == W_UNTIL || before == W_TILL || before == W_BY
        || before == W_FROM || before == W_BEFORE || before == W_AFTER || before == W_THROUGH
        || before == W_TO))
    return FALSE;
  if (j < c->n && c->a[j].kind == ATOM_WORD && !c->a[j].cap
      && (c->a[j].lex == NULL || c->a[j].lex->cls == LX_UNIT || c->a[j].lex->cls == LX_PART_OF_DAY))
    return FALSE;
  /* a name: "appealed to the 11th Circuit", "from the 82nd Airborne"; after
   * "on" it stays a day even when a run-on sentence goes on ("on the 21st
   * Putin said") */
  if (before != W_ON && j < c->n && c->a[j].kind == ATOM_WORD && c->a[j].cap && c->a[j].lex == NULL)
    return FALSE;
  if (j < c->n && (c->a[j].kind == ATOM_NUM || is_punct (c, j, '-')))
    return FALSE;
  m->end = j;
  m->is_point = TRUE;
  point_clear (&m->pt, GR_DAY);
  m->pt.day = day;
  if (base_date (c, m, &d))
    {
      gint dir = tense_at (c, i, j, TRUE) > 0 ? 1 : -1;
      gint guard;

      /* the most recent such day on or before the base, or the next one after it */
      if (dir < 0 ? day > (gint) g_date_get_day (&d) : day < (gint) g_date_get_day (&d))
        {
          g_date_set_day (&d, 1);
          shift_date (&d, UNIT_MONTH, dir);
        }
      for (guard = 0; guard < 2 && day > g_date_get_days_in_month (g_date_get_month (&d), g_date_get_year (&d)); guard++)
        shift_date (&d, UNIT_MONTH, dir);
      m->pt.year = g_date_get_year (&d);
      m->pt.month = g_date_get_month (&d);
    }
  return TRUE;
}

/* The second day of a pair or range, its month said once: the "25" of "April
 * 24 and 25", "Nov. 3-5", "May 1 to 4"; it is the day just named, moved. */
static gboolean
match_paired_day (Ctx *c, guint i, Match *m)
{
  const LedeTimex *prev;
  GDate d;
  gint day;

  match_init (m, i);
  if (i < 2 || !is_plain_number (c, i) || c->a[i].digits > 2 || c->ref < 0
      || c->ref_sentence != c->sentence || c->ref_pt.gran != GR_DAY || c->ref_pt.day <= 0
      || c->ref_pt.hour >= 0)
    return FALSE;
  if (!(is_word (c, i - 1, W_AND) || is_word (c, i - 1, W_OR) || is_word (c, i - 1, W_TO)
        || is_word (c, i - 1, W_THROUGH) || (is_punct (c, i - 1, '-') && glued (c, i))))
    return FALSE;
  prev = &g_array_index (c->doc->timexes, LedeTimex, c->ref);
  if (prev->end != c->a[i - 2].end)
    return FALSE;
  day = c->a[i].num;
  /* a number of something else follows: "April 24 and 25 delegates" */
  if (i + 1 < c->n && (c->a[i + 1].kind == ATOM_NUM || lex_at (c, i + 1, LX_MONTH) != NULL
                       || (c->a[i + 1].kind == ATOM_WORD && !c->a[i + 1].cap && c->a[i + 1].lex == NULL)))
    return FALSE;
  if (day <= c->ref_pt.day || day > 31 || !point_to_date (&c->ref_pt, &d)
      || day > g_date_get_days_in_month (g_date_get_month (&d), g_date_get_year (&d)))
    return FALSE;
  m->end = i + 1;
  m->is_point = TRUE;
  m->pt = c->ref_pt;
  m->pt.day = day;
  m->anchor = "timex";
  m->anchor_timex = c->ref;
  return TRUE;
}

/* Holidays with fixed or computed dates. */
static gboolean
nth_weekday (gint year, gint month, gint wday, gint nth, GDate *d)
{
  g_date_clear (d, 1);
  if (nth > 0)
    {
      g_date_set_dmy (d, 1, month, year);
      g_date_add_days (d, (wday - g_date_get_weekday (d) + 7) % 7 + 7 * (nth - 1));
    }
  else
    {
      g_date_set_dmy (d, g_date_get_days_in_month (month, year), month, year);
      g_date_subtract_days (d, (g_date_get_weekday (d) - wday + 7) % 7);
    }
  return TRUE;
}

static gboolean
match_holiday (Ctx *c, guint i, Match *m)
{
  const LedeTimeLex *lex;
  gint holiday = -1, month = 0, day = 0, y;
  guint j = i + 1;

  match_init (m, i);
  if (i >= c->n || !c->a[i].cap)
    return FALSE;
  if ((lex = lex_at (c, i, LX_HOLIDAY)) != NULL)
    {
      holiday = lex->val;
      if (holiday == HOLIDAY_CHRISTMAS && is_word (c, j, W_EVE))
        {
          month = 12;
          day = 24;
          j++;
        }
      else if (text_is (c, j, "day") && c->a[j].cap)
        j++;
    }
  else if (is_word (c, i, W_NEW) && text_is (c, i + 1, "year") && c->a[i + 1].cap
           && is_punct (c, i + 2, '\'') && text_is (c, i + 3, "s"))
    {
      holiday = HOLIDAY_NEW_YEAR;
      j = i + 4;
      if (is_word (c, j, W_EVE) && c->a[j].cap)
        {
          month = 12;
          day = 31;
          j++;
        }
      else if (text_is (c, j, "day") && c->a[j].cap)
        j++;
    }
  else if (text_is (c, i + 1, "day") && i + 1 < c->n && c->a[i + 1].cap)
    {
      switch (word_at (c, i))
        {
        case W_INDEPENDENCE: holiday = HOLIDAY_INDEPENDENCE; break;
        case W_LABOR: holiday = HOLIDAY_LABOR; break;
        case W_MEMORIAL: holiday = HOLIDAY_MEMORIAL; break;
        case W_ELECTION: holiday = HOLIDAY_ELECTION; break;
        default: return FALSE;
        }
      j = i + 2;
    }
  else
    return FALSE;

  if (month == 0)
    switch (holiday)
      {
      case HOLIDAY_CHRISTMAS: month = 12; day = 25; break;
      case HOLIDAY_NEW_YEAR: month = 1; day = 1; break;
      case HOLIDAY_HALLOWEEN: month = 10; day = 31; break;
      case HOLIDAY_INDEPENDENCE: month = 7; day = 4; break;
      case HOLIDAY_THANKSGIVING: month = 11; break;
      case HOLIDAY_LABOR: month = 9; break;
      case HOLIDAY_MEMORIAL: month = 5; break;
      case HOLIDAY_ELECTION: month = 11; break;
      default: return FALSE;
      }
  m->end = j;
  m->is_point = TRUE;
  point_clear (&m->pt, GR_DAY);
  m->pt.month = month;
  if (is_punct (c, j, ',') && year_number_at (c, j + 1, &y))
    m->end = j + 2;
  else if (year_number_at (c, j, &y))
    m->end = j + 1;
  else
    y = infer_year (c, m, i, j, month, day > 0 ? day : 15);
  m->pt.year = y;
  if (day == 0 && y > 0)
    {
      GDate d;

      /* fourth Thursday; first Monday; last Monday; the Tuesday after the first Monday */
      if (holiday == HOLIDAY_THANKSGIVING)
        nth_weekday (y, 11, G_DATE_THURSDAY, 4, &d);
      else if (holiday == HOLIDAY_LABOR)
        nth_weekday (y, 9, G_DATE_MONDAY, 1, &d);
      else if (holiday == HOLIDAY_MEMORIAL)
        nth_weekday (y, 5, G_DATE_MONDAY, -1, &d);
      else
        {
          nth_weekday (y, 11, G_DATE_MONDAY, 1, &d);
          g_date_add_days (&d, 1);
        }
      day = g_date_get_day (&d);
    }
  m->pt.day = day > 0 ? day : -1;
  return TRUE;
}

/* A clock time: "3 p.m.", "10:35 a.m.", "3pm", "15:00 GMT", "1500 GMT", "noon",
 * "midnight", "6 o'clock", with a zone and a day after it: "5 p.m. EST Nov. 9". */
/* The day a time of day belongs to, for a clock time or a part of the day
 * whose words end before atom j (m->end is j): the day written right after it
 * ("noon Thursday", "5 p.m. EST, Nov. 9", "mid-afternoon yesterday"), which
 * then becomes part of it; or after "on" ("3 p.m. on Friday"), a timex of its
 * own; else the day the story last named; else the base date. */
static void
day_of_time (Ctx *c, guint j, Match *m)
{
  gboolean on = is_word (c, j, W_ON);
  guint d = is_punct (c, j, ',') || on ? j + 1 : j;
  Match date;

  if ((is_word (c, d, W_TODAY) || is_word (c, d, W_YESTERDAY) || is_word (c, d, W_TOMORROW)
       || lex_at (c, d, LX_WEEKDAY) || (lex_at (c, d, LX_MONTH) && !on))
      && match_point_core (c, d, &date, TRUE) && date.is_point && date.pt.gran == GR_DAY
      && date.pt.hour < 0 && date.pt.pod == NULL)
    {
      m->pt = date.pt;
      m->anchor = date.anchor;
      m->anchor_timex = date.anchor_timex;
      if (!on)
        m->end = date.end;
    }
  else if (c->ref >= 0 && c->ref_pt.gran == GR_DAY)
    {
      m->pt = c->ref_pt;
      m->anchor = "timex";
      m->anchor_timex = c->ref;
    }
  else
    {
      GDate base;

      if (base_date (c, m, &base))
        point_from_date (&m->pt, &base, GR_DAY);
      else
        point_clear (&m->pt, GR_DAY);
    }
}

static gboolean
match_time (Ctx *c, guint i, Match *m)
{
  guint j = i;
  gint hour = -1, minute = 0;
  gboolean utc = FALSE;
  const char *mod = NULL;
  guint k;

  match_init (m, i);
  k = approx_at (c, j, &mod);
  if (k > j && (mod == NULL || strcmp (mod, "APPROX") != 0))
    return FALSE;
  j = k;
  if (is_word (c, j, W_NOON) || is_word (c, j, W_MIDDAY))
    {
      hour = 12;
      j++;
    }
  else if (is_word (c, j, W_MIDNIGHT))
    {
      hour = 24;
      j++;
    }
  else if (is_plain_number (c, j))
    {
      gint h = c->a[j].num;
      guint q = j + 1;

      if (c->a[j].digits <= 2 && is_punct (c, q, ':') && glued (c, q) && is_plain_number (c, q + 1)
          && glued (c, q + 1) && c->a[q + 1].digits == 2 && c->a[q + 1].num < 60)
        {
          minute = c->a[q + 1].num;
          q += 2;
        }
      else if (c->a[j].digits == 4 && h % 100 < 60 && h / 100 < 24 && lex_at (c, q, LX_ZONE))
        {
          minute = h % 100;
          h /= 100;
          hour = h;
        }
      if (c->a[j].digits > 2 && hour < 0)
        return FALSE;
      if (is_word (c, q, W_AM) || is_word (c, q, W_PM))
        {
          if (h < 1 || h > 12)
            return FALSE;
          hour = h % 12 + (is_word (c, q, W_PM) ? 12 : 0);
          q = skip_period (c, q + 1);
        }
      else if (is_word (c, q, W_CLOCK))
        {
          if (h < 1 || h > 12)
            return FALSE;
          hour = h;
          q++;
        }
      /* 10:30 with a zone or a preposition, before any "around": "at around 10:30" */
      else if (hour < 0 && q > j + 1 && h < 24
               && (lex_at (c, q, LX_ZONE) || is_word (c, i - 1, W_AT) || is_word (c, i - 1, W_BY)
                   || is_word (c, i - 1, W_UNTIL) || is_word (c, i - 1, W_FROM)
                   || is_word (c, i - 1, W_AFTER) || is_word (c, i - 1, W_BEFORE)))
        hour = h;
      if (hour < 0)
        return FALSE;
      j = q;
      /* 4 in the morning, 8 at night */
      if (is_word (c, j, W_IN) && is_word (c, j + 1, W_THE) && lex_at (c, j + 2, LX_PART_OF_DAY))
        {
          gint pod = lex_at (c, j + 2, LX_PART_OF_DAY)->val;

          if (pod != POD_MORNING && hour < 12)
            hour += 12;
          j += 3;
        }
    }
  else
    return FALSE;
  if (lex_at (c, j, LX_ZONE) && c->a[j].cap)
    {
      utc = text_is (c, j, "gmt") || text_is (c, j, "utc");
      j++;
    }

  m->end = j;
  m->mod = mod;
  m->is_point = TRUE;
  day_of_time (c, j, m);
  m->pt.gran = GR_DAY;
  m->pt.hour = hour;
  m->pt.minute = minute;
  m->pt.utc = utc;
  m->pt.pod = NULL;
  m->type = LEDE_TIMEX_TIME;
  return TRUE;
}

/* The longest of the rules that name a calendar point. */
static gboolean
match_point_core (Ctx *c, guint i, Match *m, gboolean cued)
{
  gboolean (*const rules[]) (Ctx *, guint, Match *) = {
    match_deictic_day, match_relative, match_quarter, match_quarter_ref, match_numeric_date,
    match_weekday, match_year, match_season, match_day_ordinal, match_holiday,
    match_weekend_year_end,
  };
  Match best, try;
  gboolean found = FALSE;

  match_init (&best, i);
  if (match_month_date (c, i, &try, cued))
    {
      best = try;
      found = TRUE;
    }
  for (gsize r = 0; r < G_N_ELEMENTS (rules); r++)
    if (rules[r] (c, i, &try) && (!found || try.end > best.end))
      {
        best = try;
        found = TRUE;
      }
  *m = best;
  return found;
}

/* A point with what TimeBank keeps around it: "early", "late", "mid-",
 * "the end of", "earlier this", "later that", a part of the day after a day
 * ("Friday morning", "yesterday afternoon"). */
static gboolean
match_point (Ctx *c, guint i, Match *m)
{
  const char *mod = NULL;
  guint j = i;

  match_init (m, i);
  if (is_word (c, j, W_AROUND) || is_word (c, j, W_ABOUT) || is_word (c, j, W_APPROXIMATELY))
    {
      mod = "APPROX";
      j++;
    }
  else
    {
      guint k = is_word (c, j, W_THE) ? j + 1 : j;

      switch (word_at (c, k))
        {
        case W_EARLY:
          mod = "START";
          j = is_punct (c, k + 1, '-') ? k + 2 : k + 1;
          break;
        case W_LATE:
          mod = "END";
          j = is_punct (c, k + 1, '-') ? k + 2 : k + 1;
          break;
        case W_MID:
          mod = "MID";
          j = is_punct (c, k + 1, '-') ? k + 2 : k + 1;
          break;
        case W_MIDDLE: case W_END: case W_BEGINNING: case W_START:
          if (!is_word (c, k + 1, W_OF))
            return FALSE;
          mod = word_at (c, k) == W_MIDDLE ? "MID" : word_at (c, k) == W_END ? "END" : "START";
          j = k + 2;
          /* the end of the year */
          if (is_word (c, j, W_THE))
            {
              gint unit;
              gboolean plural;

              if (is_unit (c, j + 1, &unit, &plural) && !plural && unit != UNIT_NIGHT)
                {
                  m->end = j + 2;
                  m->mod = mod;
                  m->is_point = TRUE;
                  resolve_unit (c, m, unit, 0);
                  return TRUE;
                }
            }
          break;
        case W_EARLIER: case W_LATER:
          if (k != j)
            return FALSE;
          mod = word_at (c, k) == W_EARLIER ? "START" : "END";
          j = k + 1;
          /* earlier in the year */
          if (is_word (c, j, W_IN) && is_word (c, j + 1, W_THE))
            {
              gint unit;
              gboolean plural;

              if (!is_unit (c, j + 2, &unit, &plural) || plural || unit == UNIT_NIGHT)
                return FALSE;
              m->end = j + 3;
              m->mod = mod;
              m->is_point = TRUE;
              resolve_unit (c, m, unit, 0);
              return TRUE;
            }
          if (!(is_word (c, j, W_THIS) || is_word (c, j, W_THAT) || is_word (c, j, W_TODAY)
                || is_word (c, j, W_YESTERDAY) || is_word (c, j, W_TOMORROW)
                || is_word (c, j, W_TONIGHT) || lex_at (c, j, LX_WEEKDAY)))
            return FALSE;
          break;
        default:
          break;
        }
    }
  /* mid-afternoon yesterday, by mid afternoon, late evening Tuesday */
  if (mod != NULL && pod_at (c, j, FALSE) != NULL)
    {
      const char *pod = pod_at (c, j, FALSE);

      m->end = j + 1;
      m->mod = mod;
      m->is_point = TRUE;
      day_of_time (c, j + 1, m);
      m->pt.gran = GR_DAY;
      m->pt.hour = -1;
      m->pt.pod = pod;
      return TRUE;
    }
  /* the match keeps its start at i, so "the early 1980s" spans the modifier;
   * the core may also find a period ("the past year"), which takes none */
  if (!match_point_core (c, j, m, mod != NULL) || (!m->is_point && mod != NULL))
    return FALSE;
  if (!m->is_point)
    return TRUE;
  if (m->mod == NULL)
    m->mod = mod;
  /* a year's quarter or half: "this year's third quarter", "next year's first half" */
  if ((m->pt.gran == GR_YEAR || (m->pt.gran == GR_QUARTER && m->comparison)) && m->pt.year >= 0
      && possessive_at (c, m->end))
    {
      Match q;

      if (match_quarter (c, m->end + 2, &q) && q.is_point
          && (q.pt.gran == GR_QUARTER || q.pt.gran == GR_HALF))
        {
          gint year = m->pt.year;

          m->pt = q.pt;
          m->pt.year = year;
          m->end = q.end;
          m->comparison = FALSE;
          return TRUE;
        }
    }
  /* Friday morning, yesterday afternoon, Wednesday night */
  if (m->pt.gran == GR_DAY && m->pt.hour < 0 && m->pt.pod == NULL && pod_at (c, m->end, FALSE))
    {
      m->pt.pod = pod_at (c, m->end, FALSE);
      m->end++;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ driver */

/* "last" after "to" or a modal, before a count or a plural unit, is the verb. */
static gboolean
last_is_verb (const Ctx *c, guint i)
{
  Count n;
  guint next;
  gint unit;
  gboolean plural = FALSE;

  if (!(is_word (c, i - 1, W_TO) || is_modal (c, i - 1)))
    return FALSE;
  return count_at (c, i + 1, &n, &next) || (is_unit (c, i + 1, &unit, &plural) && plural);
}

/* Every rule starts at a number or a word of the lexicon, and most of those
 * need another time word, a number or a hyphen right after them: a cheap
 * test that spares the rules most of the text. */
static gboolean
may_start (const Ctx *c, guint i)
{
  const Atom *a = &c->a[i];
  const Atom *next = i + 1 < c->n ? &c->a[i + 1] : NULL;

  if (a->kind == ATOM_PUNCT)
    return FALSE;
  if (a->kind == ATOM_NUM)
    return a->digits == 4 || a->ord || a->plural || a->apos
           || (next != NULL && (next->lex != NULL || next->kind == ATOM_NUM
                                || (next->kind == ATOM_PUNCT && next->start == a->end)));
  if (a->lex == NULL)
    return FALSE;
  switch (a->lex->cls)
    {
    case LX_TENSE: case LX_ZONE: case LX_PART_OF_DAY: case LX_DECADE:
      return FALSE;
    case LX_WORD:
      if (a->lex->flags & LXF_SOLO)
        return TRUE;
      /* the verb before a length: "expected to last two weeks", "could last
       * months"; not "flew to last week's summit" */
      if (a->lex->val == W_LAST && i > 0 && !a->cap && last_is_verb (c, i))
        return FALSE;
      return (a->lex->flags & LXF_LEAD) && next != NULL
             && (next->lex != NULL || next->kind == ATOM_NUM
                 || (next->kind == ATOM_PUNCT && next->ch == '-'));
    default:
      return TRUE;
    }
}

static gboolean
match_at (Ctx *c, guint i, Match *best)
{
  gboolean (*const rules[]) (Ctx *, guint, Match *) = {
    match_set, match_duration, match_ref_word, match_time, match_point, match_the_year,
    match_paired_day,
  };
  Match try;
  gboolean found = FALSE;

  for (gsize r = 0; r < G_N_ELEMENTS (rules); r++)
    if (rules[r] (c, i, &try) && try.end > i && (!found || try.end > best->end))
      {
        *best = try;
        found = TRUE;
      }
  return found;
}

/* A programme or book title in quotation marks: "This Week", ''60 Minutes'':
 * a capitalized word inside an expression that opens a quotation. One word
 * alone ("Today," he said) may open a quoted sentence and stays a timex. */
static gboolean
is_quoted_title (const Ctx *c, guint start, guint end)
{
  const guchar *q;
  guint len;

  if (start == 0 || c->a[start - 1].kind != ATOM_PUNCT)
    return FALSE;
  q = (const guchar *) c->doc->text + c->a[start - 1].start;
  len = c->a[start - 1].end - c->a[start - 1].start;
  /* ", ', `` and U+201C, U+2018 */
  if (!(*q == '"' || *q == '\'' || *q == '`'
        || (len >= 3 && q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9C || q[2] == 0x98))))
    return FALSE;
  for (guint i = start + 1; i < end; i++)
    if (c->a[i].kind == ATOM_WORD && c->a[i].cap)
      return TRUE;
  return FALSE;
}

static void
emit (Ctx *c, guint start, const Match *m)
{
  LedeTimex t = { 0 };
  char value[48];
  gint index = (gint) c->doc->timexes->len;

  t.start = c->a[start].start;
  t.end = c->a[m->end - 1].end;
  t.type = m->type;
  t.mod = m->mod;
  t.anchor = m->anchor;
  t.anchor_timex = m->anchor_timex;
  if (m->is_point)
    {
      point_format (&m->pt, value, sizeof value);
      if (m->pt.hour >= 0 || m->pt.pod != NULL)
        t.type = LEDE_TIMEX_TIME;
      t.value = g_strdup (value);
    }
  else
    t.value = g_strdup (m->value);
  g_array_append_val (c->doc->timexes, t);

  if (t.type == LEDE_TIMEX_DURATION)
    {
      c->ref_span = index;
      c->ref_span_sentence = c->sentence;
    }
  if (!m->is_point || m->pt.year < 0 || m->comparison)
    return;
  c->ref = index;
  c->ref_pt = m->pt;
  c->ref_sentence = c->sentence;
  if (m->pt.gran == GR_QUARTER && m->pt.sub > 0)
    {
      c->ref_quarter = index;
      c->ref_quarter_pt = m->pt;
      c->ref_quarter_sentence = c->sentence;
    }
  if (m->pt.gran == GR_DAY && m->pt.month > 0 && m->pt.day > 0 && strcmp (m->anchor, "none") == 0)
    {
      c->ref_full = index;
      c->ref_full_pt = m->pt;
    }
}

/* A full date (day, month and year) written in text[start, end); with
 * whole_line, only one that ends the text or is not followed by a sentence's
 * last punctuation: a header line, not a line of prose. */
static gboolean
find_full_date (LedeDoc *doc, guint32 start, guint32 end, gboolean whole_line, GArray *atoms,
                GDate *out)
{
  guint32 last = end;

  while (last > start && g_ascii_isspace (doc->text[last - 1]))
    last--;
  Ctx c = { .doc = doc, .ref = -1, .ref_quarter = -1, .ref_full = -1, .ref_span = -1 };

  g_array_set_size (atoms, 0);
  atomize (doc->text, start, end, atoms);
  c.a = (const Atom *) (gpointer) atoms->data;
  c.n = atoms->len;
  for (guint i = 0; i < c.n; i++)
    {
      Match m;

      if ((match_month_date (&c, i, &m, TRUE) || match_numeric_date (&c, i, &m))
          && m.pt.gran == GR_DAY && m.pt.year > 0 && m.pt.month > 0 && m.pt.day > 0)
        {
          if (whole_line && last > start && strchr (".!?\"", doc->text[last - 1]) != NULL
              && c.a[m.end - 1].end + 1 < last)
            return FALSE;
          g_date_clear (out, 1);
          g_date_set_dmy (out, m.pt.day, m.pt.month, m.pt.year);
          return TRUE;
        }
    }
  return FALSE;
}

/* Without a publication date, the date in the dateline, else one on a short
 * line at the head of the article ("March 06, 2008", "Published Dec. 22, 2022"). */
#define HEADER_LINES 5
#define HEADER_LINE_MAX 100

static gboolean
find_dateline_date (LedeDoc *doc, GArray *atoms, GDate *out)
{
  guint32 p = 0;

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      const LedeBlock *block = &g_array_index (doc->blocks, LedeBlock, b);

      if (block->kind == LEDE_STRUCTURE_DATELINE && LEDE_SPAN_IS_SET (block->when)
          && find_full_date (doc, block->when.start, block->when.end, FALSE, atoms, out))
        return TRUE;
    }
  for (guint lines = 0; lines < HEADER_LINES && p < doc->len;)
    {
      const char *nl = memchr (doc->text + p, '\n', doc->len - p);
      guint32 end = nl != NULL ? (guint32) (nl - doc->text) : (guint32) doc->len;
      guint32 s = p;

      while (s < end && g_ascii_isspace (doc->text[s]))
        s++;
      if (s < end)
        {
          lines++;
          if (end - s <= HEADER_LINE_MAX && find_full_date (doc, s, end, TRUE, atoms, out))
            return TRUE;
        }
      p = end + 1;
    }
  return FALSE;
}

void
lede_time_annotate (const LedeModel *model, LedeDoc *doc)
{
  g_autoptr(GArray) atoms = g_array_new (FALSE, FALSE, sizeof (Atom));
  Ctx c = { .doc = doc, .ref = -1, .ref_quarter = -1, .ref_full = -1, .ref_span = -1, .anchor_kind = "none" };

  if (g_date_valid (&doc->date))
    {
      c.has_anchor = TRUE;
      c.anchor = doc->date;
      c.anchor_kind = "publication";
    }
  else if (find_dateline_date (doc, atoms, &c.anchor))
    {
      c.has_anchor = TRUE;
      c.anchor_kind = "dateline";
    }

  for (guint s = 0; s < doc->sentences->len; s++)
    {
      const LedeSentence *sentence = &g_array_index (doc->sentences, LedeSentence, s);
      guint last = MIN (sentence->first_token + sentence->n_tokens, doc->tokens->len);

      g_array_set_size (atoms, 0);
      for (guint t = sentence->first_token; t < last; t++)
        {
          const LedeToken *token = &g_array_index (doc->tokens, LedeToken, t);

          /* the digits of a URL or an amount are no dates: one opaque atom
           * each, an amount still a number to "$5 a day" */
          if (token->kind == LEDE_TOKEN_URL || token->kind == LEDE_TOKEN_EMAIL
              || token->kind == LEDE_TOKEN_MONEY || token->kind == LEDE_TOKEN_PERCENT)
            {
              Atom opaque = { .start = token->start, .end = token->end, .num = -1,
                              .kind = token->kind == LEDE_TOKEN_URL || token->kind == LEDE_TOKEN_EMAIL
                                      ? ATOM_PUNCT : ATOM_NUM };

              g_array_append_val (atoms, opaque);
            }
          else
            atomize (doc->text, token->start, token->end, atoms);
        }
      c.a = (const Atom *) (gpointer) atoms->data;
      c.n = atoms->len;
      c.sentence = s;
      for (guint i = 0; i < c.n;)
        {
          Match m;

          if (!may_start (&c, i))
            {
              i++;
              continue;
            }
          if (match_at (&c, i, &m))
            {
              if (!is_quoted_title (&c, i, m.end))
                emit (&c, i, &m);
              i = m.end;
            }
          else
            i++;
        }
    }
}
