/* lede-structure.c — how the article is built: headline, caption, credit,
 * dateline, boilerplate and paragraph blocks.
 *
 * The layer scans bytes once per pass (two passes at most), never runs a
 * regex and looks at a bounded window around each line start or end, so its
 * cost is linear in the text whatever its shape (one 1 MB line, 100,000 blank
 * lines, 50 MB of text).
 *
 * Lines end at "\n", "\r\n", "\r", U+2028 (LINE SEPARATOR) and U+2029
 * (PARAGRAPH SEPARATOR). NUL bytes are ordinary characters. U+0085 is not a
 * line break: in news text it is nearly always a mis-decoded cp1252 "…".
 * Blocks are trimmed of white space (ASCII blanks, NBSP, the U+2000 spaces,
 * ZWSP, U+3000, BOM), except that a dateline keeps the space after its dash.
 *
 * Paragraphs. A paragraph break is a blank line (only white space) or U+2029.
 * When the text has a paragraph break between two non-empty lines, paragraphs
 * are the runs of lines between breaks ("groups"), so hard-wrapped text stays
 * whole; otherwise every non-empty line is a paragraph. Inside a group, a line
 * that is a credit, boilerplate or the headline is carved out as its own block
 * and the lines around it become separate paragraphs; a line that starts in
 * lower case is never carved out (it continues a wrapped sentence).
 *
 * Rules, applied line by line (the first that matches wins):
 *   1. boilerplate: a short line that is only a web prompt ("Advertisement",
 *      "Please read on...", "Read more: ...", "Share on Facebook");
 *   2. credit: a whole line that is a byline ("By Jane Doe, Reuters"), a
 *      labelled credit ("Written by ...", "Our correspondent", "JANE DOE,
 *      Staff Writer") or an agency trailer ("(Reporting by X; Editing by Y)");
 *   3. caption: a standalone line (a group of one line) that is not led by a
 *      credit or dateline, with a photo cue: "(left)", "(file photo)",
 *      "(Reuters/Name)", "Photo: ...", "... Image: Name.", or a weak cue
 *      ("(L)", "(R)", "pictured") in a short line without reported speech; or
 *      one sentence standing alone before any paragraph, right before a
 *      credit- or dateline-led line (the sample's first line);
 *   4. headline: the first content line when it is short, has no terminal
 *      period, is not led by a credit or dateline and has text after it; a
 *      line inside a group must also look titled (or be followed by the
 *      story's start), and titled lines right after it extend it (a wrapped
 *      headline);
 *   5. otherwise the line opens or continues a paragraph. A paragraph may open
 *      with a bracketed credit ("[Compiled X/Y]") and then a dateline
 *      ("BEIJING (Reuters) - "): each is its own block before the paragraph.
 *      Datelines without an agency ("KYIV, Ukraine — ", "NEW YORK: ") are only
 *      looked for in the first two paragraphs, where transcripts' "SMITH:"
 *      labels do not reach.
 */
#include "lede-private.h"

#include <string.h>

/* Windows the rules look at: bounded, so that every rule is O(1) per line. */
#define BOILERPLATE_MAX   300   /* bytes of a boilerplate line */
#define CREDIT_MAX        300   /* bytes of a whole-line credit or trailer */
#define BRACKET_MAX       160   /* bytes from '[' to ']' */
#define CAPTION_MAX       600   /* bytes of a caption line */
#define HEADLINE_MAX_CHARS 200
#define HEADLINE_MAX_WORDS 30
#define DATELINE_MAX      160   /* bytes from the paragraph start to the dash */
#define DATELINE_NO_AGENCY_PARAGRAPHS 2  /* agency-less datelines only open the first two */

typedef struct {
  guint32  start;        /* trimmed content of a non-blank line */
  guint32  end;
  gboolean group_start;  /* a paragraph break (or the text start) comes before it */
} Line;

typedef struct {
  const guchar *t;
  guint32       len;
  guint32       pos;
  gboolean      by_lines;     /* no paragraph breaks: every line is a paragraph */
  gboolean      pending_break;
  gboolean      seen_content;
  gint64        next_nl;      /* where the next '\n', '\r', U+2028/9 are; -1: not looked */
  gint64        next_cr;
  gint64        next_sep;
} LineReader;

typedef struct {
  const guchar *t;
  GArray       *blocks;
  gint          open;          /* index of the block later lines extend, or -1 */
  gboolean      open_headline; /* that block is the headline, which only titled lines extend */
  gboolean      seen_first;    /* the first content line has been classified */
  guint         n_paragraphs;
  gint          group_block;   /* the paragraph that holds all of this group so far, or -1 */
  gboolean      group_lines;   /* it holds more than one line */
  gboolean      group_first;   /* it is the article's first content */
} Builder;

/* ---- characters ---------------------------------------------------------- */

static inline gunichar
char_at (const guchar *t, guint32 p)
{
  /* The text is validated UTF-8 and NUL decodes to 0: no bound check needed. */
  return t[p] < 0x80 ? t[p] : g_utf8_get_char ((const char *) t + p);
}

static inline guint32
char_len (const guchar *t, guint32 p)
{
  return g_utf8_skip[t[p]];
}

/* Byte length of the whitespace character at p, or 0. Besides ASCII blanks:
 * NBSP, the U+2000 spaces, ZWSP, narrow NBSP, MMSP, ideographic space, BOM. */
static inline guint
space_len (const guchar *t, guint32 p, guint32 end)
{
  guchar c = t[p];

  if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
    return 1;
  if (c < 0xC2)
    return 0;
  if (c == 0xC2)
    return p + 1 < end && t[p + 1] == 0xA0 ? 2 : 0;
  if (p + 2 >= end)
    return 0;
  if (c == 0xE2 && t[p + 1] == 0x80 && (t[p + 2] <= 0x8B || t[p + 2] == 0xAF))
    return 3;
  if (c == 0xE2 && t[p + 1] == 0x81 && t[p + 2] == 0x9F)
    return 3;
  if (c == 0xE3 && t[p + 1] == 0x80 && t[p + 2] == 0x80)
    return 3;
  if (c == 0xEF && t[p + 1] == 0xBB && t[p + 2] == 0xBF)
    return 3;
  return 0;
}

/* Byte length of the whitespace character that ends just before p, or 0. */
static inline guint
space_len_before (const guchar *t, guint32 start, guint32 p)
{
  if (p > start && space_len (t, p - 1, p) == 1)
    return 1;
  if (p >= start + 2 && t[p - 2] == 0xC2 && t[p - 1] == 0xA0)
    return 2;
  if (p >= start + 3 && space_len (t, p - 3, p) == 3)
    return 3;
  return 0;
}

static inline guint32
skip_spaces (const guchar *t, guint32 p, guint32 end)
{
  guint n;

  while (p < end && (n = space_len (t, p, end)) > 0)
    p += n;
  return p;
}

static inline guint32
trim_end (const guchar *t, guint32 start, guint32 end)
{
  guint n;

  while (end > start && (n = space_len_before (t, start, end)) > 0)
    end -= n;
  return end;
}

static inline gboolean
is_ascii_lower (guchar c)
{
  return c >= 'a' && c <= 'z';
}

static inline guchar
lower (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Character classes with an ASCII fast path: the rules test them at every
 * line start, so they must not cost a Unicode table look-up there. */
static inline gboolean
is_upper_at (const guchar *t, guint32 p)
{
  gunichar c;

  if (t[p] < 0x80)
    return t[p] >= 'A' && t[p] <= 'Z';
  c = char_at (t, p);
  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

static inline gboolean
is_lower_at (const guchar *t, guint32 p)
{
  return t[p] < 0x80 ? is_ascii_lower (t[p]) : g_unichar_islower (char_at (t, p));
}

static inline gboolean
is_alnum_at (const guchar *t, guint32 p)
{
  return t[p] < 0x80 ? g_ascii_isalnum (t[p]) : g_unichar_isalnum (char_at (t, p));
}

/* ASCII case-insensitive: does [p, end) start with the lower-case lit? */
static inline gboolean
has_prefix_ci (const guchar *t, guint32 p, guint32 end, const char *lit)
{
  for (; *lit != '\0'; lit++, p++)
    if (p >= end || lower (t[p]) != (guchar) *lit)
      return FALSE;
  return TRUE;
}

/* Case-sensitive: does [p, end) start with lit? */
static inline gboolean
has_prefix (const guchar *t, guint32 p, guint32 end, const char *lit)
{
  for (; *lit != '\0'; lit++, p++)
    if (p >= end || t[p] != (guchar) *lit)
      return FALSE;
  return TRUE;
}

/* As has_prefix_ci, and a literal that ends in a letter or digit ends at a
 * word boundary ("ad" does not match "Adding"). */
static inline gboolean
has_word_ci (const guchar *t, guint32 p, guint32 end, const char *lit)
{
  const char *l = lit;

  for (; *l != '\0'; l++, p++)
    if (p >= end || lower (t[p]) != (guchar) *l)
      return FALSE;
  return p >= end || !g_ascii_isalnum (l[-1]) || !is_alnum_at (t, p);
}

/* Whether the lower-cased byte c is one of initials (a rule's first letters). */
static inline gboolean
is_initial (guchar c, const char *initials)
{
  c = lower (c);
  return c != '\0' && strchr (initials, c) != NULL;
}

/* Case-sensitive search for lit in [p, end); returns its position or -1. */
static inline gint64
find (const guchar *t, guint32 p, guint32 end, const char *lit)
{
  gsize n = strlen (lit);

  while (p + n <= end)
    {
      const guchar *hit = memchr (t + p, lit[0], end - p - n + 1);

      if (hit == NULL)
        return -1;
      p = hit - t;
      if (memcmp (hit, lit, n) == 0)
        return p;
      p++;
    }
  return -1;
}

/* Case-insensitive (ASCII) search for a lower-case lit in [p, end). */
static gint64
find_ci (const guchar *t, guint32 p, guint32 end, const char *lit)
{
  gsize n = strlen (lit);

  for (; p + n <= end; p++)
    if (lower (t[p]) == (guchar) lit[0] && has_prefix_ci (t, p, end, lit))
      return p;
  return -1;
}

/* A dash that separates a dateline from its story: -, --, en, em, horizontal bar. */
static guint
dash_len (const guchar *t, guint32 p, guint32 end)
{
  if (t[p] == '-')
    return p + 1 < end && t[p + 1] == '-' ? 2 : 1;
  if (p + 2 < end && t[p] == 0xE2 && t[p + 1] == 0x80 && t[p + 2] >= 0x93 && t[p + 2] <= 0x95)
    return 3;
  return 0;
}

/* ---- lines --------------------------------------------------------------- */

/* Position of the next byte c at or after p, or len. */
static inline guint32
next_byte (const guchar *t, guint32 p, guint32 len, guchar c)
{
  const guchar *hit = p < len ? memchr (t + p, c, len - p) : NULL;

  return hit != NULL ? (guint32) (hit - t) : len;
}

/* Position of the next U+2028 or U+2029 at or after p, or len. */
static guint32
next_separator (const guchar *t, guint32 p, guint32 len)
{
  for (p = next_byte (t, p, len, 0xE2); p < len; p = next_byte (t, p + 1, len, 0xE2))
    if (p + 2 < len && t[p + 1] == 0x80 && (t[p + 2] == 0xA8 || t[p + 2] == 0xA9))
      return p;
  return len;
}

/* The next raw line [*start, *end) and whether U+2029 ends it. The reader
 * keeps where the next '\n', '\r' and separator are, so that memchr finds
 * each once: text with only "\r" line ends costs no more than with "\n". */
static gboolean
raw_line (LineReader *r, guint32 *start, guint32 *end, gboolean *para_sep)
{
  const guchar *t = r->t;
  guint32 p = r->pos, stop;

  if (p >= r->len)
    return FALSE;
  if (r->next_nl < p)
    r->next_nl = next_byte (t, p, r->len, '\n');
  if (r->next_cr < p)
    r->next_cr = next_byte (t, p, r->len, '\r');
  if (r->next_sep < p)
    r->next_sep = next_separator (t, p, r->len);

  *start = p;
  stop = MIN (MIN (r->next_nl, r->next_cr), r->next_sep);
  *end = stop;
  *para_sep = stop < r->len && t[stop] == 0xE2 && t[stop + 2] == 0xA9;
  if (stop >= r->len)
    r->pos = r->len;
  else if (t[stop] == '\r')
    r->pos = stop + 1 < r->len && t[stop + 1] == '\n' ? stop + 2 : stop + 1;
  else
    r->pos = stop + (t[stop] == '\n' ? 1 : 3);
  return TRUE;
}

/* The next non-blank line, trimmed, and whether a paragraph break precedes it. */
static gboolean
reader_next (LineReader *r, Line *line)
{
  guint32 start, end;
  gboolean para_sep;

  /* Runs of empty lines (100,000 blank lines) are stepped over byte by byte. */
  while (r->pos < r->len && (r->t[r->pos] == '\n' || r->t[r->pos] == '\r'))
    {
      r->pos += r->t[r->pos] == '\r' && r->pos + 1 < r->len && r->t[r->pos + 1] == '\n' ? 2 : 1;
      r->pending_break = TRUE;
    }
  while (raw_line (r, &start, &end, &para_sep))
    {
      start = skip_spaces (r->t, start, end);
      if (start == end)
        {
          r->pending_break = TRUE;
          continue;
        }
      line->start = start;
      line->end = trim_end (r->t, start, end);
      line->group_start = r->by_lines || r->pending_break || !r->seen_content;
      r->seen_content = TRUE;
      r->pending_break = para_sep;
      return TRUE;
    }
  return FALSE;
}

/* Whether some paragraph break separates two non-empty lines: this decides
 * between blank-line paragraphs and line paragraphs. Stops at the first one. */
static gboolean
has_paragraph_breaks (const guchar *t, guint32 len)
{
  LineReader r = { t, len, 0, FALSE, FALSE, FALSE, -1, -1, -1 };
  Line line;
  gboolean first = TRUE;

  while (reader_next (&r, &line))
    {
      if (line.group_start && !first)
        return TRUE;
      first = FALSE;
    }
  return FALSE;
}

/* ---- words --------------------------------------------------------------- */

/* End of the word at p: letters, digits, marks and the joiners . - ' ’. */
static guint32
word_end (const guchar *t, guint32 p, guint32 end)
{
  while (p < end)
    {
      guchar c = t[p];

      if (c == '.' || c == '-' || c == '\'' || is_alnum_at (t, p))
        p += char_len (t, p);
      else if (c == 0xE2 && p + 2 < end && t[p + 1] == 0x80 && t[p + 2] == 0x99)
        p += 3;   /* ’ as in O’Brien */
      else if (c >= 0x80 && g_unichar_ismark (char_at (t, p)))
        p += char_len (t, p);
      else
        break;
    }
  return p;
}

/* Whether the word [p, e) is, ignoring ASCII case, one of the lower-case list. */
static gboolean
word_is (const guchar *t, guint32 p, guint32 e, const char *const *list)
{
  guint32 n = e - p;

  if (n == 0)
    return FALSE;
  for (; *list != NULL; list++)
    {
      const char *w = *list;
      guint32 i = 0;

      while (i < n && w[i] != '\0' && lower (t[p + i]) == (guchar) w[i])
        i++;
      if (i == n && w[i] == '\0')
        return TRUE;
    }
  return FALSE;
}

/* Lower-case particles inside names and places: "Ludwig van Beethoven", "Rio de Janeiro". */
static const char *const particles[] = {
  "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
  "ter", "ten", "la", "le", "bin", "binti", "ibn", "al", "el", "y", "of", NULL
};

/* Words after a byline's name(s) that say it is an outlet or role, not a name. */
static const char *const outlet_words[] = {
  "reuters", "ap", "afp", "upi", "xinhua", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs",
  "press", "news", "agency", "agencies", "staff", "writer", "writers", "reporter",
  "reporters", "correspondent", "correspondents", "editor", "columnist", "contributor",
  "times", "post", "journal", "herald", "guardian", "tribune", "telegraph", "daily", "online",
  "report", "reports", "service", "wire", "wires", "media", "network", "radio",
  "television", "tv", "magazine", "desk", "bureau", "the", "special", NULL
};

static const char *const months[] = {
  "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
  "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
  "november", "dec", "december", NULL
};

static const char *const weekdays[] = {
  "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
  "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", NULL
};

/* All-caps words that open a line with a colon or dash but are no place. */
static const char *const not_places[] = {
  "breaking", "update", "updated", "note", "editor's", "editors", "watch", "read", "listen",
  "advertisement", "correction", "exclusive", "analysis", "opinion", "photos", "photo",
  "video", "live", "file", "warning", "transcript", "summary", "background", "editorial",
  "comment", "review", "factbox", "explainer", "feature", "interview", "q", "a", "urgent",
  "flash", "alert", "related", "more", "see", "also", "source", "sources", "by", NULL
};

/* A run of names from p: capitalised words, initials and particles joined by
 * spaces, commas, "and" and "&". Returns its end (0 when there is no name);
 * *n_words counts capitalised words, *has_and tells whether "and"/"&" joined two. */
static guint32
names_end (const guchar *t, guint32 p, guint32 end, guint *n_words, gboolean *has_and)
{
  static const char *const joiners[] = { "and", "&", NULL };
  guint32 last = 0;

  *n_words = 0;
  *has_and = FALSE;
  p = skip_spaces (t, p, end);
  while (p < end)
    {
      guint32 e = t[p] == '&' || t[p] == ',' ? p + 1 : word_end (t, p, end);

      if (e == p)
        break;
      if (t[p] == ',')
        {
          if (*n_words == 0)
            break;
        }
      else if (is_upper_at (t, p))
        {
          last = e;
          (*n_words)++;
        }
      else if (word_is (t, p, e, joiners) && *n_words > 0)
        *has_and = TRUE;
      else if (!word_is (t, p, e, particles))
        break;
      p = skip_spaces (t, e, end);
    }
  /* A sentence period after the last name is not part of it ("By Jane Doe."). */
  if (last > 1 && t[last - 1] == '.' && is_ascii_lower (t[last - 2]))
    last--;
  return last;
}

/* Whether [p, e) holds an outlet or role word, e.g. "Staff Writer", "Associated Press". */
static gboolean
has_outlet_word (const guchar *t, guint32 p, guint32 e)
{
  while (p < e)
    {
      guint32 w = word_end (t, p, e);

      if (w == p)
        {
          p += char_len (t, p);
          continue;
        }
      if (word_is (t, p, w, outlet_words))
        return TRUE;
      p = w;
    }
  return FALSE;
}

/* ---- boilerplate --------------------------------------------------------- */

typedef enum {
  PROMPT_ALONE,    /* the prompt and at most trailing punctuation: "Advertisement" */
  PROMPT_TITLED,   /* that, or the prompt, a colon (or | » > dash) and a title: "Related: ..." */
  PROMPT_LEADS,    /* the prompt then anything: "Subscribe to ...", "Follow us on ..." */
} PromptShape;

typedef struct {
  const char *prompt;   /* lower case */
  guint       len;
  const char *subkind;
  PromptShape shape;
  guint       max;      /* longest line, in bytes, for TITLED and LEADS */
} Prompt;

#define LIT(s) s, sizeof s - 1

/* Subkinds: read-more (go on to this or another story), advert, subscribe,
 * newsletter, share, follow, related (links to other stories), continue (the
 * story goes on past an ad or a fold), copyright. First match wins; LEADS
 * prompts are phrases that seldom open a sentence of a story, and lines are
 * short, so a paragraph that mentions "subscribe" is never taken. */
static const Prompt prompts[] = {
  { LIT ("please read on"), "read-more", PROMPT_ALONE, 0 },
  { LIT ("read on"), "read-more", PROMPT_ALONE, 0 },
  { LIT ("read more"), "read-more", PROMPT_LEADS, 200 },
  { LIT ("read the full story"), "read-more", PROMPT_LEADS, 200 },
  { LIT ("read the full article"), "read-more", PROMPT_LEADS, 200 },
  { LIT ("click here to subscribe"), "subscribe", PROMPT_LEADS, 120 },
  { LIT ("click here"), "read-more", PROMPT_LEADS, 100 },
  { LIT ("read also"), "related", PROMPT_TITLED, 200 },
  { LIT ("also read"), "related", PROMPT_TITLED, 200 },
  { LIT ("see also"), "related", PROMPT_TITLED, 200 },
  { LIT ("related articles"), "related", PROMPT_TITLED, 200 },
  { LIT ("related stories"), "related", PROMPT_TITLED, 200 },
  { LIT ("related coverage"), "related", PROMPT_TITLED, 200 },
  { LIT ("related content"), "related", PROMPT_TITLED, 200 },
  { LIT ("related news"), "related", PROMPT_TITLED, 200 },
  { LIT ("related reading"), "related", PROMPT_TITLED, 200 },
  { LIT ("related"), "related", PROMPT_TITLED, 200 },
  { LIT ("more on this story"), "related", PROMPT_ALONE, 0 },
  { LIT ("you may also like"), "related", PROMPT_ALONE, 0 },
  { LIT ("recommended"), "related", PROMPT_ALONE, 0 },
  { LIT ("most read"), "related", PROMPT_ALONE, 0 },
  { LIT ("advertisement"), "advert", PROMPT_TITLED, 60 },
  { LIT ("advertising"), "advert", PROMPT_ALONE, 0 },
  { LIT ("sponsored content"), "advert", PROMPT_ALONE, 0 },
  { LIT ("sponsored"), "advert", PROMPT_ALONE, 0 },
  { LIT ("ad"), "advert", PROMPT_ALONE, 0 },
  { LIT ("continue reading"), "continue", PROMPT_LEADS, 80 },
  { LIT ("story continues"), "continue", PROMPT_LEADS, 80 },
  { LIT ("article continues"), "continue", PROMPT_LEADS, 80 },
  { LIT ("scroll to continue"), "continue", PROMPT_LEADS, 80 },
  { LIT ("scroll down to continue"), "continue", PROMPT_LEADS, 80 },
  { LIT ("subscribe to our newsletter"), "newsletter", PROMPT_LEADS, 120 },
  { LIT ("subscribe"), "subscribe", PROMPT_LEADS, 80 },
  { LIT ("become a subscriber"), "subscribe", PROMPT_LEADS, 80 },
  { LIT ("already a subscriber"), "subscribe", PROMPT_LEADS, 80 },
  { LIT ("get our newsletter"), "newsletter", PROMPT_LEADS, 120 },
  { LIT ("newsletter"), "newsletter", PROMPT_TITLED, 80 },
  { LIT ("share this"), "share", PROMPT_LEADS, 60 },
  { LIT ("share on"), "share", PROMPT_LEADS, 40 },
  { LIT ("share via"), "share", PROMPT_LEADS, 40 },
  { LIT ("share"), "share", PROMPT_ALONE, 0 },
  { LIT ("tweet this"), "share", PROMPT_ALONE, 0 },
  { LIT ("email this article"), "share", PROMPT_ALONE, 0 },
  { LIT ("print this article"), "share", PROMPT_ALONE, 0 },
  { LIT ("follow us"), "follow", PROMPT_LEADS, 80 },
  { LIT ("like us on"), "follow", PROMPT_LEADS, 80 },
  { LIT ("all rights reserved"), "copyright", PROMPT_LEADS, BOILERPLATE_MAX },
};

/* Only punctuation and spaces (".", "...", "…", ":", "»", ">", "|") from p on. */
static gboolean
only_trailing_punct (const guchar *t, guint32 p, guint32 end)
{
  if (end - p > 12)
    return FALSE;
  for (; p < end; p += char_len (t, p))
    {
      gunichar c = char_at (t, p);

      if (!(g_unichar_ispunct (c) || g_unichar_isspace (c) || c == '>' || c == '|'))
        return FALSE;
    }
  return TRUE;
}

/* A prompt followed by a colon-like mark and a title: "Related: ...", "READ MORE | ...". */
static gboolean
titled_after (const guchar *t, guint32 p, guint32 end)
{
  p = skip_spaces (t, p, end);
  return p >= end || t[p] == ':' || t[p] == '|' || t[p] == '>' || dash_len (t, p, end) > 0
         || has_prefix_ci (t, p, end, "\xC2\xBB");
}

/* "Follow Jane Doe on Twitter": a follow prompt that names the person. */
static gboolean
is_follow_line (const guchar *t, guint32 s, guint32 e)
{
  static const char *const networks[] = {
    " on twitter", " on x", " on facebook", " on instagram", " on linkedin", " on tiktok",
    " on youtube", " on threads", " on mastodon", NULL
  };

  if (e - s > 80 || !has_word_ci (t, s, e, "follow"))
    return FALSE;
  for (const char *const *n = networks; *n != NULL; n++)
    {
      gint64 at = find_ci (t, s, e, *n);

      if (at >= 0 && (at + strlen (*n) == e || !is_alnum_at (t, at + strlen (*n))))
        return TRUE;
    }
  return FALSE;
}

/* "Copyright 2022 ...", "Copyright © ...", "© 2022 Reuters", "(c) 2022 ...": after
 * "Copyright" a year or sign, after "(c)" a year, so that "Copyright law ..."
 * and a list item "(c) The court ..." stay paragraphs. */
static gboolean
is_copyright_line (const guchar *t, guint32 s, guint32 e)
{
  guint32 p = s;

  if (has_word_ci (t, p, e, "copyright"))
    {
      p = skip_spaces (t, p + strlen ("copyright"), e);
      return p < e && (g_ascii_isdigit (t[p]) || has_prefix (t, p, e, "\xC2\xA9")
                       || has_prefix_ci (t, p, e, "(c)"));
    }
  if (has_prefix (t, p, e, "\xC2\xA9"))
    return TRUE;
  if (!has_prefix_ci (t, p, e, "(c)"))
    return FALSE;
  p = skip_spaces (t, p + 3, e);
  return p + 4 <= e && g_ascii_isdigit (t[p]) && g_ascii_isdigit (t[p + 3]);
}

/* "Sign up for our daily briefing": a sign-up prompt, not "Sign up closes on ...". */
static gboolean
is_signup_line (const guchar *t, guint32 s, guint32 e)
{
  static const char *const hints[] = {
    "newsletter", "email", "e-mail", "alert", "here", "our ", "free", "now", "today",
    "inbox", "briefing", "digest", "updates", NULL
  };

  if (e - s > 120 || !has_word_ci (t, s, e, "sign up"))
    return FALSE;
  for (const char *const *h = hints; *h != NULL; h++)
    if (find_ci (t, s, e, *h) >= 0)
      return TRUE;
  return FALSE;
}

/* The boilerplate subkind of the whole line [s, e), or NULL. */
static const char *
boilerplate_kind (const guchar *t, guint32 s, guint32 e)
{
  if (e - s > BOILERPLATE_MAX)
    return NULL;
  if (is_copyright_line (t, s, e))
    return "copyright";
  if (!is_initial (t[s], "abcefglmnprsty"))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (prompts); i++)
    {
      const Prompt *pr = &prompts[i];
      guint32 after = s + pr->len;

      /* Cheap tests first: this runs for every short line. */
      if (lower (t[s]) != (guchar) pr->prompt[0]
          || e - s > (pr->shape == PROMPT_ALONE ? pr->len + 12 : MAX (pr->max, pr->len + 12))
          || !has_word_ci (t, s, e, pr->prompt))
        continue;
      if (!only_trailing_punct (t, after, e)
          && (pr->shape == PROMPT_ALONE || e - s > pr->max
              || (pr->shape == PROMPT_TITLED && !titled_after (t, after, e))))
        continue;
      /* "Click here to subscribe to our newsletter" */
      if (g_str_equal (pr->subkind, "subscribe") || g_str_equal (pr->prompt, "click here"))
        {
          if (find_ci (t, s, e, "newsletter") >= 0)
            return "newsletter";
          if (find_ci (t, s, e, "subscri") >= 0)
            return "subscribe";
        }
      return pr->subkind;
    }
  if (is_signup_line (t, s, e))
    return "newsletter";
  if (is_follow_line (t, s, e))
    return "follow";
  return NULL;
}

/* ---- credits ------------------------------------------------------------- */

typedef struct {
  const char *label;     /* lower case, matched at a word boundary */
  const char *subkind;
  gboolean    no_names;  /* a complete credit without a name after it */
} CreditLabel;

/* Subkinds: compiled (a compiled/combined report), reported (a reporter's
 * credit, "Reporting by"), byline ("By X"), correspondent, staff (staff
 * reporter/writer, staff reports), writer ("Written by", "Story by"),
 * edited (an editor's credit, and agency trailers that name one), translated.
 * Longer labels come first so that "compiled by" wins over "compiled". */
static const CreditLabel credit_labels[] = {
  { "additional reporting by", "reported", FALSE },
  { "reporting and writing by", "reported", FALSE },
  { "reporting by", "reported", FALSE },
  { "reported by", "reported", FALSE },
  { "writing by", "writer", FALSE },
  { "written by", "writer", FALSE },
  { "story by", "writer", FALSE },
  { "words by", "writer", FALSE },
  { "text by", "writer", FALSE },
  { "editing by", "edited", FALSE },
  { "edited by", "edited", FALSE },
  { "compiled by", "compiled", FALSE },
  { "translated by", "translated", FALSE },
  { "by our correspondent", "correspondent", TRUE },
  { "by our correspondents", "correspondent", TRUE },
  { "from our correspondent", "correspondent", TRUE },
  { "our correspondent", "correspondent", TRUE },
  { "special correspondent", "correspondent", TRUE },
  { "by staff reporter", "staff", TRUE },
  { "by staff writer", "staff", TRUE },
  { "by staff", "staff", TRUE },
  { "from staff reports", "staff", TRUE },
  { "staff and agencies", "staff", TRUE },
  { "staff reporter", "staff", TRUE },
  { "staff writer", "staff", TRUE },
  { "by", "byline", FALSE },
};

/* Labels that open a bracketed credit without "by": "[Compiled X/Y]". */
static const CreditLabel bracket_labels[] = {
  { "compiled", "compiled", FALSE },
  { "reporters", "reported", FALSE },
  { "reporter", "reported", FALSE },
  { "correspondent", "correspondent", FALSE },
  { "editor", "edited", FALSE },
  { "writer", "writer", FALSE },
  { "translator", "translated", FALSE },
};

static const CreditLabel *
match_label (const guchar *t, guint32 p, guint32 e, const CreditLabel *labels, guint n)
{
  for (guint i = 0; i < n; i++)
    if (has_word_ci (t, p, e, labels[i].label))
      return &labels[i];
  return NULL;
}

/* A separator between names and an outlet: ", ", " | ", "/", " - ", " — ", " · ".
 * Returns the position after it (and its spaces), or 0. */
static guint32
outlet_separator (const guchar *t, guint32 p, guint32 e)
{
  guint32 q = skip_spaces (t, p, e);
  guint n;

  if (q >= e)
    return 0;
  if (t[q] == ',' || t[q] == '|' || t[q] == '/')
    return skip_spaces (t, q + 1, e);
  if ((n = dash_len (t, q, e)) > 0 && q > p)
    return skip_spaces (t, q + n, e);
  if (has_prefix_ci (t, q, e, "\xC2\xB7"))
    return skip_spaces (t, q + 2, e);
  return 0;
}

/* An outlet or role [p, e): "Reuters", "Staff writer", "The Associated Press".
 * Short, capitalised, one phrase (no sentence break, clause or quote). */
static gboolean
is_outlet (const guchar *t, guint32 p, guint32 e)
{
  guint words = 0;

  if (p >= e || e - p > 80 || !is_upper_at (t, p))
    return FALSE;
  for (guint32 c = p; c < e; c++)
    {
      if (t[c] == ';' || t[c] == '"' || (t[c] == '.' && c + 1 < e && t[c + 1] == ' '
                                         && c > p && is_ascii_lower (t[c - 1])))
        return FALSE;
      words += t[c] == ' ';
    }
  return words < 8;
}

/* Parses a credit's content [p, e) after its label: names, then an outlet
 * after a separator, or " in Place", or more "; Label by Name" segments of a
 * trailer. All of [p, e) must be used. Fills who/agency (and may turn the
 * subkind to "edited") of block. */
static gboolean
parse_credit_body (const guchar *t, guint32 p, guint32 e, gboolean names_optional,
                   LedeBlock *block)
{
  guint n_words;
  gboolean has_and;
  guint32 names = names_end (t, p, e, &n_words, &has_and), q, sep;

  if (names == 0 && !names_optional)
    return FALSE;
  if (names != 0)
    {
      guint32 w0 = skip_spaces (t, p, names), w1 = word_end (t, w0, names);

      /* Month and day names make "By Tuesday, ..." look like a byline. */
      if (word_is (t, w0, w1 > w0 && t[w1 - 1] == '.' ? w1 - 1 : w1, months)
          || word_is (t, w0, w1, weekdays))
        return FALSE;
      /* A comma before an outlet ends the names: after a closed list ("A and
       * B, Reuters"), before an outlet word ("A, Staff Writer") or a single
       * word ("A, Bloomberg"). Else it joins names ("A, B and C"). */
      for (guint32 c = w0; c < names; c++)
        {
          guint32 rest;
          guint rest_words, before_words;
          gboolean rest_and, before_and;

          if (t[c] != ',')
            continue;
          rest = skip_spaces (t, c + 1, names);
          names_end (t, rest, names, &rest_words, &rest_and);
          names_end (t, w0, c, &before_words, &before_and);
          if (before_and || rest_words == 1 || has_outlet_word (t, rest, e))
            {
              if (!is_outlet (t, rest, e))
                return FALSE;
              block->who = (LedeSpan) { w0, c };
              block->agency = (LedeSpan) { rest, e };
              return TRUE;
            }
        }
      block->who = (LedeSpan) { w0, names };
    }

  q = skip_spaces (t, names != 0 ? names : p, e);
  if (q >= e)
    return TRUE;
  /* "Jane Doe in London; Editing by John Roe" */
  if (names != 0 && has_word_ci (t, q, e, "in"))
    {
      guint w;
      gboolean a;
      guint32 place = names_end (t, q + 2, e, &w, &a);

      if (place == 0)
        return FALSE;
      q = skip_spaces (t, place, e);
      if (q >= e)
        return TRUE;
    }
  /* Further segments of a trailer, each a label and names. */
  if (t[q] == ';' || t[q] == ',')
    {
      guint32 seg = skip_spaces (t, q + 1, e);
      const CreditLabel *l = match_label (t, seg, e, credit_labels, G_N_ELEMENTS (credit_labels));

      if (l != NULL && !l->no_names)
        {
          LedeBlock rest = { 0 };

          if (!parse_credit_body (t, seg + strlen (l->label), e, FALSE, &rest))
            return FALSE;
          if (g_str_equal (l->subkind, "edited") || g_strcmp0 (rest.subkind, "edited") == 0)
            block->subkind = "edited";
          return TRUE;
        }
    }
  sep = outlet_separator (t, q, e);
  if (sep == 0 || !is_outlet (t, sep, e))
    return FALSE;
  block->agency = (LedeSpan) { sep, e };
  return TRUE;
}

/* A whole line that is a credit: "By Jane Doe and John Roe, Reuters",
 * "(Reporting by X; Editing by Y)", "Our correspondent", "JANE DOE, Staff Writer". */
static gboolean
credit_line (const guchar *t, guint32 s, guint32 e, LedeBlock *block)
{
  static const struct { const char *word; const char *subkind; } roles[] = {
    { "staff", "staff" }, { "writer", "writer" }, { "columnist", "writer" },
    { "contributor", "writer" }, { "correspondent", "correspondent" },
    { "reporter", "reported" }, { "editor", "edited" },
  };
  const CreditLabel *label;
  guint32 p = s, names, sep;
  guint n_words;
  gboolean has_and;

  if (e - s > CREDIT_MAX)
    return FALSE;
  memset (block, 0, sizeof *block);
  block->kind = LEDE_STRUCTURE_CREDIT;
  block->span = (LedeSpan) { s, e };
  if (t[p] == '(')
    {
      if (t[e - 1] != ')')
        return FALSE;
      p = skip_spaces (t, p + 1, e);
      e = trim_end (t, p, e - 1);
    }
  else if (!g_ascii_isalpha (t[p]) && !is_upper_at (t, p))
    return FALSE;

  label = is_initial (t[p], "abceforstw")
          ? match_label (t, p, e, credit_labels, G_N_ELEMENTS (credit_labels)) : NULL;
  if (label != NULL)
    {
      block->subkind = label->subkind;
      return parse_credit_body (t, p + strlen (label->label), e, label->no_names, block);
    }

  /* No label: a name and a role, "JANE DOE, Staff Writer", "Jane Doe | Correspondent". */
  if (e - s > 100 || t[s] == '(' || !is_upper_at (t, p)
      || (memchr (t + p, ',', e - p) == NULL && memchr (t + p, '|', e - p) == NULL))
    return FALSE;
  names = names_end (t, p, e, &n_words, &has_and);
  for (guint32 c = p; c < names; c++)
    if (t[c] == ',' || t[c] == '|')
      names = c;
  if (names == 0 || n_words < 2 || (sep = outlet_separator (t, names, e)) == 0
      || !is_outlet (t, sep, e))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (find_ci (t, sep, e, roles[i].word) >= 0)
      {
        block->subkind = roles[i].subkind;
        block->who = (LedeSpan) { p, trim_end (t, p, names) };
        block->agency = (LedeSpan) { sep, e };
        return TRUE;
      }
  return FALSE;
}

/* A credit in brackets at p, opening a paragraph: "[Compiled Chen/Comprehensive
 * Report]", "【Reporter X/Taipei】", "(Compiled by X)". Without a label the
 * square-bracket form needs a '/' between the names and the outlet. */
static gboolean
bracket_credit (const guchar *t, guint32 p, guint32 e, LedeBlock *block)
{
  guint32 open_len, q, close = 0, content_end, slash = 0;
  guchar closer;
  const CreditLabel *label;

  if (t[p] == '[')
    open_len = 1, closer = ']';
  else if (t[p] == '(')
    open_len = 1, closer = ')';
  else if (has_prefix_ci (t, p, e, "\xE3\x80\x90"))   /* 【 … 】 */
    open_len = 3, closer = 0;
  else
    return FALSE;

  for (q = p + open_len; q < e && q - p < BRACKET_MAX; q++)
    {
      if (closer != 0 ? t[q] == closer : has_prefix_ci (t, q, e, "\xE3\x80\x91"))
        {
          close = q;
          break;
        }
      if (t[q] == '/' && slash == 0)
        slash = q;
    }
  if (close == 0)
    return FALSE;

  memset (block, 0, sizeof *block);
  block->kind = LEDE_STRUCTURE_CREDIT;
  block->span = (LedeSpan) { p, close + (closer != 0 ? 1 : 3) };
  q = skip_spaces (t, p + open_len, close);
  content_end = trim_end (t, q, close);

  label = match_label (t, q, content_end, credit_labels, G_N_ELEMENTS (credit_labels));
  if (label == NULL)
    label = match_label (t, q, content_end, bracket_labels, G_N_ELEMENTS (bracket_labels));
  if (label == NULL && (closer == ')' || slash <= q))
    return FALSE;
  block->subkind = label != NULL ? label->subkind : "byline";
  if (label != NULL)
    q += strlen (label->label);

  if (slash > q)
    {
      /* "Names/Outlet": the outlet may hold lower-case words ("Taipei report"). */
      guint32 a = skip_spaces (t, slash + 1, content_end);
      guint n_words;
      gboolean has_and;
      guint32 names = names_end (t, q, slash, &n_words, &has_and);

      if (a >= content_end || !is_upper_at (t, a))
        return FALSE;
      if (names != 0)
        {
          if (skip_spaces (t, names, slash) != slash)
            return FALSE;
          block->who = (LedeSpan) { skip_spaces (t, q, names), names };
        }
      else if (label == NULL || !label->no_names)
        return FALSE;
      block->agency = (LedeSpan) { a, content_end };
      return TRUE;
    }
  return parse_credit_body (t, q, content_end, label->no_names, block);
}

/* ---- datelines ----------------------------------------------------------- */

/* An optional year after a date ending at p: ", 2022" or " 2022". */
static guint32
year_end (const guchar *t, guint32 p, guint32 e)
{
  guint32 q = p < e && t[p] == ',' ? skip_spaces (t, p + 1, e) : skip_spaces (t, p, e);

  if (q + 4 <= e && g_ascii_isdigit (t[q]) && g_ascii_isdigit (t[q + 1])
      && g_ascii_isdigit (t[q + 2]) && g_ascii_isdigit (t[q + 3])
      && (q + 4 == e || !is_alnum_at (t, q + 4)))
    return q + 4;
  return p;
}

/* A date inside a dateline at p: "Dec 21", "Dec. 21, 2022", "21 December",
 * "Monday". Returns its end, or 0. */
static guint32
dateline_date (const guchar *t, guint32 p, guint32 e)
{
  guint32 w = word_end (t, p, e), q;
  guint32 wb = w > p && t[w - 1] == '.' ? w - 1 : w;

  if (word_is (t, p, wb, weekdays))
    return w;
  if (word_is (t, p, wb, months))
    {
      /* "Dec 21", "Dec 21st": the day is one or two digits, maybe an ordinal. */
      q = skip_spaces (t, w, e);
      w = word_end (t, q, e);
      if (q < e && g_ascii_isdigit (t[q]) && w - q <= 4
          && (w - q <= 2 || g_ascii_isalpha (t[w - 1])))
        return year_end (t, w, e);
      return wb;
    }
  if (g_ascii_isdigit (t[p]) && w - p <= 2)
    {
      q = skip_spaces (t, w, e);
      w = word_end (t, q, e);
      wb = w > q && t[w - 1] == '.' ? w - 1 : w;
      return word_is (t, q, wb, months) ? year_end (t, w, e) : 0;
    }
  return 0;
}

/* Whether [p, e) has two letters or more and no lower-case one: "NEW YORK", "U.S.". */
static gboolean
is_all_caps (const guchar *t, guint32 p, guint32 e)
{
  guint letters = 0;

  for (; p < e; p += char_len (t, p))
    if (is_lower_at (t, p))
      return FALSE;
    else if (is_upper_at (t, p))
      letters++;
  return letters >= 2;
}

/* Place words from p: capitalised words and particles, at most five.
 * Returns their end, or 0. */
static guint32
place_end (const guchar *t, guint32 p, guint32 e)
{
  guint32 start = p, last = 0;
  guint n = 0;

  while (p < e && n < 5)
    {
      guint32 w = word_end (t, p, e);

      if (w == p)
        break;
      if (is_upper_at (t, p))
        {
          last = w;
          n++;
        }
      else if (!(last != 0 && w - p <= 5 && word_is (t, p, w, particles)))
        break;
      if (w < e && space_len (t, w, e) == 0)
        break;
      p = skip_spaces (t, w, e);
    }
  /* "U.S." keeps its period; a trailing sentence period is no place. */
  if (last != 0 && t[last - 1] == '.' && !is_all_caps (t, start, last))
    return 0;
  return last;
}

/* Whether a word of [p, e) is one that opens a line but names no place. */
static gboolean
has_stop_word (const guchar *t, guint32 p, guint32 e)
{
  while (p < e)
    {
      guint32 w = word_end (t, p, e);

      if (word_is (t, p, w, not_places))
        return TRUE;
      p = w > p ? w : p + char_len (t, p);
    }
  return FALSE;
}

/* A dateline opening the paragraph at p: "BEIJING (Reuters) - ",
 * "WASHINGTON, Dec 21 (Reuters) - ", "KYIV, Ukraine — ", "NEW YORK: ".
 * The block takes the dash (or colon) and the spaces after it. */
static gboolean
dateline (const guchar *t, guint32 p, guint32 e, gboolean agency_required, LedeBlock *block)
{
  guint32 win = MIN (e, p + DATELINE_MAX), q, place, when_s = 0, when_e = 0;
  guint32 agency_s = 0, agency_e = 0, who_end;
  gboolean has_parts = FALSE, colon = FALSE;
  guint n;

  if (!(t[p] == '(' || is_upper_at (t, p)))
    return FALSE;
  /* A dateline has an agency's '(', or a dash or colon, near its start; most
   * paragraphs have none. */
  if (memchr (t + p, '(', win - p) == NULL
      && (agency_required
          || (memchr (t + p, '-', win - p) == NULL && memchr (t + p, ':', win - p) == NULL
              && memchr (t + p, 0xE2, win - p) == NULL)))
    return FALSE;
  place = t[p] == '(' ? 0 : place_end (t, p, win);
  if (t[p] != '(' && place == 0)
    return FALSE;
  who_end = place;
  q = place != 0 ? place : p;

  /* ", Ukraine", ", Dec 21", ", Indiana, United States" */
  for (guint parts = 0; parts < 3 && q < win && t[q] == ','; parts++)
    {
      guint32 r = skip_spaces (t, q + 1, win), d;
      if (r >= win)
        return FALSE;
      if ((d = dateline_date (t, r, win)) != 0)
        {
          when_s = r, when_e = d, q = d;
        }
      else if (when_s == 0 && (d = place_end (t, r, win)) != 0)
        {
          who_end = q = d;
        }
      else
        return FALSE;
      has_parts = TRUE;
    }

  q = skip_spaces (t, q, win);
  if (q < win && t[q] == '(')
    {
      guint32 c = q + 1;

      /* An agency's name: letters and a few joiners, "(Reuters)", "(The Borneo
       * Post)"; not "(Listing 1)" or "(see below)". */
      while (c < win && c - q <= 40
             && (g_ascii_isalpha (t[c]) || t[c] >= 0x80 || strchr (" .&'-", t[c]) != NULL)
             && t[c] != '\0')
        c++;
      if (c >= win || t[c] != ')' || !is_upper_at (t, q + 1))
        return FALSE;
      agency_s = q + 1, agency_e = trim_end (t, q + 1, c);
      q = skip_spaces (t, c + 1, win);
    }
  else if (place == 0)
    return FALSE;

  if (q >= win)
    return FALSE;
  if ((n = dash_len (t, q, win)) > 0)
    {
      /* A hyphen needs a space after it ("WASHINGTON-based" is no dateline). */
      if (n == 1 && t[q] == '-' && (q + 1 >= win || space_len (t, q + 1, win) == 0))
        return FALSE;
      q += n;
    }
  else if (t[q] == ':')
    {
      colon = TRUE;
      q++;
    }
  else
    return FALSE;

  if (agency_s == 0)
    {
      if (agency_required)
        return FALSE;
      /* Mixed-case places need a region or date: "Kyiv, Ukraine —", not "Meanwhile —";
       * a colon needs capitals: "NEW YORK:", not "Note:". */
      if ((colon || !has_parts) && !is_all_caps (t, p, place))
        return FALSE;
    }

  {
    guint32 body = skip_spaces (t, q, e);

    /* The story follows on the line and starts like a sentence. */
    if (body >= e || is_lower_at (t, body))
      return FALSE;
    q = body;
  }
  /* "UPDATE:", "EDITOR'S NOTE:" look like places; checked last, as it is the dearest test. */
  if (place != 0 && has_stop_word (t, p, who_end))
    return FALSE;

  memset (block, 0, sizeof *block);
  block->kind = LEDE_STRUCTURE_DATELINE;
  block->span = (LedeSpan) { p, q };
  if (place != 0)
    block->who = (LedeSpan) { p, who_end };
  if (agency_s != 0)
    block->agency = (LedeSpan) { agency_s, agency_e };
  if (when_s != 0)
    block->when = (LedeSpan) { when_s, when_e };
  return TRUE;
}

/* Whether [s, e) opens with a credit or a dateline (it is the story's start). */
static gboolean
starts_story (const guchar *t, guint32 s, guint32 e)
{
  LedeBlock scratch;

  return credit_line (t, s, e, &scratch) || bracket_credit (t, s, e, &scratch)
         || dateline (t, s, e, FALSE, &scratch);
}

/* ---- captions and headlines ---------------------------------------------- */

/* Parenthesised photo cues, compared with the start of the parenthesis. */
static const char *const photo_parens[] = {
  "left", "right", "center", "centre", "from left", "from right", "front", "back row",
  "second left", "second right", "second from", "third from", "top", "bottom", "above",
  "l-r", "l to r", "file photo", "file", "photo", "image", "picture", "pictured", "credit",
  "courtesy", "ap photo", "afp photo", "reuters photo", "getty", NULL
};

/* Words that, capitalised and before a colon, credit a photo: "... Image: Nick Moreau." */
static const char *const photo_credit_words[] = {
  "image", "images", "photo", "photos", "photograph", "picture", "credit", NULL
};

/* What may follow "Photo" to credit a photo anywhere in a caption; and "Courtesy of". */
static const char *const photo_credit_phrases[] = {
  " by ", "graph by ", " courtesy", NULL
};

/* Cues that start a caption line. */
static const char *const caption_openers[] = {
  "photo:", "photos:", "photo by", "photograph:", "photograph by", "image:", "picture:",
  "pictured:", "caption:", "credit:", "file photo", "above:", NULL
};

/* Whether the parenthesis at p (t[p] == '(') is a photo cue; *weak for "(L)",
 * "(R)", "(C)", which also mark US parties and so need a caption-shaped line. */
static gboolean
photo_paren (const guchar *t, guint32 p, guint32 e, gboolean *weak)
{
  guint32 c = p + 1, slash = 0;

  *weak = FALSE;
  while (c < e && t[c] != ')' && t[c] != '(' && c - p < 80)
    {
      if (t[c] == '/' && slash == 0)
        slash = c;
      c++;
    }
  if (c >= e || t[c] != ')')
    return FALSE;
  if (c == p + 2 && (t[p + 1] == 'L' || t[p + 1] == 'R' || t[p + 1] == 'C'))
    {
      *weak = TRUE;
      return TRUE;
    }
  for (const char *const *w = photo_parens; *w != NULL; w++)
    if (has_word_ci (t, p + 1, c, *w))
      return TRUE;
  /* "(Reuters/Tyrone Siu)": an outlet and a photographer. */
  return slash != 0 && is_upper_at (t, p + 1) && slash + 1 < c && is_upper_at (t, slash + 1);
}

/* Whether a line looks like reported speech, which a caption never is. */
static gboolean
has_speech (const guchar *t, guint32 s, guint32 e)
{
  static const char *const cues[] = { " said", " says", " told", "\"", "\xE2\x80\x9C", NULL };

  for (const char *const *c = cues; *c != NULL; c++)
    if (find (t, s, e, *c) >= 0)
      return TRUE;
  return FALSE;
}

/* A photo credit at p ends the line and is short: it names a source, not a story. */
static gboolean
is_photo_credit_at (const guchar *t, guint32 s, guint32 p, guint32 e)
{
  return (p == s || t[p - 1] == ' ' || t[p - 1] == '|') && e - p <= 80 && find (t, p, e, ". ") < 0;
}

/* A standalone line with a photo cue. Each cue is looked for with memchr
 * (a '(', a ':', a phrase), as this runs over every short paragraph. */
static gboolean
is_caption_line (const guchar *t, guint32 s, guint32 e)
{
  gboolean weak_cue = FALSE;
  gint64 at;

  if (e - s > CAPTION_MAX)
    return FALSE;
  if (is_initial (t[s], "acfip"))
    for (const char *const *o = caption_openers; *o != NULL; o++)
      if (has_prefix_ci (t, s, e, *o))
        return TRUE;
  for (guint32 p = next_byte (t, s, e, '('); p < e; p = next_byte (t, p + 1, e, '('))
    {
      gboolean weak;

      if (photo_paren (t, p, e, &weak))
        {
          if (!weak)
            return TRUE;
          weak_cue = TRUE;
        }
    }
  for (guint32 p = next_byte (t, s, e, ':'); p < e; p = next_byte (t, p + 1, e, ':'))
    {
      guint32 w = p;

      while (w > s && g_ascii_isalpha (t[w - 1]))
        w--;
      if (w < p && is_upper_at (t, w) && word_is (t, w, p, photo_credit_words)
          && is_photo_credit_at (t, s, w, e))
        return TRUE;
    }
  for (at = find (t, s, e, "Photo"); at >= 0; at = find (t, at + 5, e, "Photo"))
    for (const char *const *c = photo_credit_phrases; *c != NULL; c++)
      if (has_prefix (t, at + 5, e, *c) && is_photo_credit_at (t, s, at, e))
        return TRUE;
  if ((at = find (t, s, e, "Courtesy of ")) >= 0 && is_photo_credit_at (t, s, at, e))
    return TRUE;
  if (!weak_cue)
    weak_cue = (at = find (t, s, e, "pictured")) > s && t[at - 1] == ' '
               && (at + 8 == e || !is_alnum_at (t, at + 8));
  return weak_cue && e - s <= 300 && !has_speech (t, s, e);
}

/* Whether a sentence ends inside [s, e): "?" or "!", or "." after a lower-case
 * word of three letters or more ("Mr." and "U.S." do not end one), then a
 * space and a capital. Bounded by the callers' short lines. */
static gboolean
has_sentence_break (const guchar *t, guint32 s, guint32 e)
{
  for (guint32 p = s + 1; p + 2 < e; p++)
    {
      guchar c = t[p];

      if ((c != '.' && c != '?' && c != '!') || (t[p + 1] != ' ' && t[p + 1] != '\n')
          || !is_upper_at (t, p + 2))
        continue;
      if (c != '.' || (p >= s + 3 && is_ascii_lower (t[p - 1]) && is_ascii_lower (t[p - 2])
                       && is_ascii_lower (t[p - 3])))
        return TRUE;
    }
  return FALSE;
}

/* One sentence ending with a period: a caption when the story starts after it. */
static gboolean
is_one_sentence (const guchar *t, guint32 s, guint32 e)
{
  if (e - s > 400 || t[e - 1] != '.' || (e >= s + 3 && t[e - 2] == '.'))
    return FALSE;
  return !has_sentence_break (t, s, e);
}

/* Title case (most words of four letters or more capitalised) or all capitals. */
static gboolean
looks_titled (const guchar *t, guint32 s, guint32 e)
{
  guint long_words = 0, capital = 0, lower_letters = 0, letters = 0;

  for (guint32 p = s; p < e;)
    {
      guint32 w = word_end (t, p, e);

      if (w == p)
        {
          p += char_len (t, p);
          continue;
        }
      for (guint32 c = p; c < w; c += char_len (t, c))
        if (is_lower_at (t, c))
          lower_letters++, letters++;
        else if (is_upper_at (t, c))
          letters++;
      if (g_utf8_strlen ((const char *) t + p, w - p) >= 4)
        {
          long_words++;
          capital += is_upper_at (t, p);
        }
      p = w;
    }
  return (letters >= 3 && lower_letters == 0) || (long_words > 0 && capital * 4 >= long_words * 3);
}

/* Short, few words, and no terminal period (but "U.S." or a question mark). */
static gboolean
headline_shaped (const guchar *t, guint32 s, guint32 e)
{
  guint32 last = e, words = 0;

  if (e - s > 4 * HEADLINE_MAX_CHARS
      || g_utf8_strlen ((const char *) t + s, e - s) > HEADLINE_MAX_CHARS)
    return FALSE;
  for (guint32 p = s; p < e; p++)
    if (t[p] == ' ' || t[p] == '\n')
      words++;
  if (words + 1 > HEADLINE_MAX_WORDS || has_sentence_break (t, s, e))
    return FALSE;

  /* Look past closing quotes and brackets: 'Xi: "We will win."' ends with a period. */
  while (last > s && (t[last - 1] == '"' || t[last - 1] == '\'' || t[last - 1] == ')'))
    last--;
  if (last >= s + 3 && t[last - 3] == 0xE2 && t[last - 2] == 0x80
      && (t[last - 1] == 0x9D || t[last - 1] == 0x99 || t[last - 1] == 0xA6))
    {
      if (t[last - 1] == 0xA6)   /* … */
        return FALSE;
      last -= 3;
    }
  if (last > s)
    {
      guchar c = t[last - 1];

      if (c == ',' || c == ';' || c == ':')
        return FALSE;
      if (c == '.')
        {
          /* Only an abbreviation such as "U.S." may end a headline with a period. */
          guint32 w = last - 1;

          while (w > s && t[w - 1] != ' ')
            w--;
          if (find (t, w, last - 1, ".") < 0 || t[last - 2] == '.')
            return FALSE;
        }
    }
  return TRUE;
}

/* The first content line as a headline: headline-shaped, with text after it.
 * A line inside a paragraph group (hard-wrapped text) must also look titled
 * or be followed by the story's start. */
static gboolean
is_headline (const guchar *t, const Line *line, gboolean group_end, const Line *next)
{
  return next != NULL && headline_shaped (t, line->start, line->end)
         && (group_end || looks_titled (t, line->start, line->end)
             || starts_story (t, next->start, next->end));
}

/* Whether [s, e), the next line of the headline's group, wraps the headline:
 * titled ("to the Argentine Case"), or a word or three that start with a
 * capital ("Gaming"); no period, and the whole still headline-sized. */
static gboolean
continues_headline (const guchar *t, const LedeSpan *headline, guint32 s, guint32 e)
{
  guint words = 1;

  if (e - headline->start > 2 * HEADLINE_MAX_CHARS || t[e - 1] == '.'
      || t[headline->end - 1] == '?' || t[headline->end - 1] == '!')
    return FALSE;
  for (guint32 p = s; p < e && words <= 3; p++)
    words += t[p] == ' ';
  return (words <= 3 && is_upper_at (t, s)) || looks_titled (t, s, e);
}

/* ---- blocks -------------------------------------------------------------- */

static void
push (Builder *b, const LedeBlock *block)
{
  g_array_append_vals (b->blocks, block, 1);
}

static void
push_kind (Builder *b, LedeStructureKind kind, guint32 s, guint32 e, const char *subkind)
{
  LedeBlock block = { .kind = kind, .span = { s, e }, .subkind = subkind };

  push (b, &block);
}

/* The bracketed credit and the dateline that may open a paragraph at s, in
 * lead[]; returns how many there are. */
static guint
paragraph_lead (const Builder *b, guint32 s, guint32 e, LedeBlock lead[2])
{
  const guchar *t = b->t;
  guint n = 0;
  guint32 p = s;

  if (bracket_credit (t, p, e, &lead[n]))
    p = skip_spaces (t, lead[n++].span.end, e);
  if (p < e && dateline (t, p, e, b->n_paragraphs >= DATELINE_NO_AGENCY_PARAGRAPHS, &lead[n]))
    n++;
  return n;
}

/* At the end of a group of several lines that is one paragraph: the whole
 * group may be a wrapped headline (the article's first content, headline-
 * shaped) or a wrapped caption. */
static void
finish_group (Builder *b, const Line *next)
{
  LedeBlock *block;

  if (b->group_block < 0 || !b->group_lines)
    return;
  block = &g_array_index (b->blocks, LedeBlock, b->group_block);
  if (b->group_first && next != NULL && headline_shaped (b->t, block->span.start, block->span.end))
    block->kind = LEDE_STRUCTURE_HEADLINE;
  else if (is_caption_line (b->t, block->span.start, block->span.end))
    block->kind = LEDE_STRUCTURE_CAPTION;
  else
    return;
  b->n_paragraphs--;
  b->group_block = -1;
}

/* A new paragraph on [s, e) after its lead blocks: later lines may extend it. */
static void
open_paragraph (Builder *b, const LedeBlock *lead, guint n_lead, guint32 s, guint32 e)
{
  guint32 p = s;

  for (guint i = 0; i < n_lead; i++)
    {
      push (b, &lead[i]);
      p = skip_spaces (b->t, lead[i].span.end, e);
    }
  if (p >= e)
    {
      b->open = -1;
      return;
    }
  push_kind (b, LEDE_STRUCTURE_PARAGRAPH, p, e, NULL);
  b->open = b->blocks->len - 1;
  b->n_paragraphs++;
}

static void
classify (Builder *b, const Line *line, gboolean group_end, const Line *next)
{
  const guchar *t = b->t;
  guint32 s = line->start, e = line->end;
  gboolean standalone = line->group_start && group_end;
  gboolean first = !b->seen_first;
  const char *subkind;
  LedeBlock lead[2];
  guint n_lead = 0;

  if (line->group_start)
    {
      b->open = -1;
      b->group_block = -1;
    }

  /* Inside a paragraph, a line that starts in lower case continues it: a
   * wrapped "by Giovanni Bellini" is no byline. */
  if (line->group_start || t[s] == '(' || !is_lower_at (t, s))
    {
      if ((subkind = boilerplate_kind (t, s, e)) != NULL)
        {
          push_kind (b, LEDE_STRUCTURE_BOILERPLATE, s, e, subkind);
          b->open = b->group_block = -1;
          return;
        }
      if (credit_line (t, s, e, &lead[0]))
        {
          push (b, &lead[0]);
          b->open = b->group_block = -1;
          b->seen_first = TRUE;
          return;
        }
    }
  if (b->open >= 0 && b->open_headline
      && !continues_headline (t, &g_array_index (b->blocks, LedeBlock, b->open).span, s, e))
    b->open = -1;
  if (b->open >= 0)
    {
      g_array_index (b->blocks, LedeBlock, b->open).span.end = e;
      b->group_lines |= b->open == b->group_block;
      if (group_end)
        finish_group (b, next);
      return;
    }
  b->open_headline = FALSE;

  /* A line that a credit or dateline opens starts the story: it is neither
   * caption nor headline. */
  n_lead = paragraph_lead (b, s, e, lead);
  if (standalone && n_lead == 0
      && (is_caption_line (t, s, e)
          || (b->n_paragraphs == 0 && next != NULL && is_one_sentence (t, s, e)
              && starts_story (t, next->start, next->end))))
    {
      push_kind (b, LEDE_STRUCTURE_CAPTION, s, e, NULL);
      b->seen_first = TRUE;
      return;
    }
  if (!b->seen_first)
    {
      b->seen_first = TRUE;
      if (n_lead == 0 && is_headline (t, line, group_end, next))
        {
          push_kind (b, LEDE_STRUCTURE_HEADLINE, s, e, NULL);
          b->open = b->blocks->len - 1;
          b->open_headline = TRUE;
          return;
        }
    }
  open_paragraph (b, lead, n_lead, s, e);
  if (line->group_start && n_lead == 0 && b->open >= 0)
    {
      b->group_block = b->open;
      b->group_lines = FALSE;
      b->group_first = first;
    }
}

void
lede_structure_annotate (const LedeModel *model, LedeDoc *doc)
{
  const guchar *t = (const guchar *) doc->text;
  LineReader reader = { t, (guint32) doc->len, 0, FALSE, FALSE, FALSE, -1, -1, -1 };
  Builder builder = { t, doc->blocks, -1, FALSE, FALSE, 0, -1, FALSE, FALSE };
  Line cur, next;
  gboolean have_next;

  g_array_set_size (doc->blocks, 0);
  reader.by_lines = !has_paragraph_breaks (t, reader.len);
  if (!reader_next (&reader, &cur))
    return;
  do
    {
      have_next = reader_next (&reader, &next);
      classify (&builder, &cur, !have_next || next.group_start, have_next ? &next : NULL);
      cur = next;
    }
  while (have_next);
}
