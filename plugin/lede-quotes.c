/* lede-quotes.c — attribution: who said what, with which cue, reported by whom.
 *
 * Rules over the token, sentence, entity and time tables, with span
 * boundaries as the PolNeAR guidelines draw them (bench/score_quotes.py):
 *  - quotation marks are paired first, per paragraph, in one pass; a quote
 *    that runs on carries into the next paragraph only when that paragraph
 *    opens with a mark;
 *  - each sentence is read around its cue words: "CONTENT, SOURCE CUE",
 *    "“QUOTE,” CUE SOURCE", "SOURCE CUE (that) CONTENT", "SOURCE CUE: “QUOTE”",
 *    "according to SOURCE, CONTENT";
 *  - a quote that opens a sentence and has no cue of its own continues the
 *    attribution just before it;
 *  - quotes that nobody says (scare quotes, titles, names) are listed apart;
 *  - sources resolve to entities (a pronoun or a title used as a name through
 *    the coreference layer, "the report" to the last media report), and
 *    every attribution inside or just after a media report points at it.
 * Every walk is bounded by a small constant, so the layer is linear in the
 * number of tokens. */
#include "lede-private.h"

#include <stdlib.h>
#include <string.h>

/* Walks over a noun phrase, a verb group or a recipient stop after this many tokens. */
#define MAX_NP_TOKENS    12
#define MAX_GROUP_TOKENS 4
/* A media report covers the paragraphs after its own up to this distance. */
#define REPORT_SCOPE_PARAGRAPHS 2  /* from the report or the last attribution it carries */
/* A headline colon wants at least this many tokens after it. */
#define MIN_COLON_CONTENT_TOKENS 3
/* A poll as a source has a name or a date: "the latest CNN poll". */
#define MIN_POLL_TOKENS 3
/* Quoted phrases up to this many words may be scare quotes rather than speech. */
#define MAX_PHRASE_WORDS 4

enum {
  CUE_SPEECH    = 1 << 0,  /* said, told, warned: introduces a quote or a clause */
  CUE_RECIPIENT = 1 << 1,  /* told, warned, assured: may name the addressee first */
  CUE_AMBIGUOUS = 1 << 2,  /* notes, claims, found: also a noun or an action; wants "that" or a quote */
  CUE_INFINITIVE = 1 << 3, /* wants, plans, promised: content may be "to ..." */
  CUE_OBJECT    = 1 << 4,  /* criticized, described: content is the object; never after it */
  CUE_PARTICLE  = 1 << 5,  /* called for, pointed out, asked about: the particle joins the cue */
  CUE_RAISING   = 1 << 6,  /* seems, is expected: the subject is content, not source */
};

typedef struct {
  const char *word;
  guint       flags;
} CueWord;

#define S CUE_SPEECH
#define R CUE_RECIPIENT
#define A CUE_AMBIGUOUS
#define I CUE_INFINITIVE
#define O CUE_OBJECT
#define P CUE_PARTICLE
#define E CUE_RAISING
/* The forms PolNeAR train marks as cues in most of their uses
 * (training/polnear-cue-words.py prints the shares). Sorted by word (bsearch). */
static const CueWord cue_words[] = {
  { "accused", O }, { "accuses", O }, { "accusing", O }, { "acknowledge", S },
  { "acknowledged", S }, { "acknowledges", S }, { "acknowledging", S }, { "add", S },
  { "added", S }, { "adding", S }, { "adds", S }, { "admit", S }, { "admits", S },
  { "admitted", S }, { "admitting", S }, { "agreed", A | I }, { "agrees", A | I },
  { "alleged", S }, { "alleges", S }, { "alleging", S }, { "announce", S }, { "announced", S },
  { "announces", S }, { "announcing", S }, { "answered", S }, { "appear", E }, { "appeared", E },
  { "appears", E }, { "argue", S }, { "argued", S }, { "argues", S }, { "arguing", S },
  { "asked", S | R | P }, { "asking", S | R | P }, { "asks", S | R | P }, { "assailed", O },
  { "asserted", S }, { "asserting", S }, { "assured", S | R }, { "attacked", O },
  { "attacking", O }, { "attributed", O }, { "backed", O }, { "backing", O }, { "believe", O },
  { "believed", O }, { "believes", O }, { "believing", A }, { "bemoaned", O }, { "blame", O },
  { "blamed", O }, { "blaming", O }, { "blasted", O }, { "blasting", O }, { "blasts", O },
  { "boasted", S }, { "bragged", S }, { "called", P }, { "calling", P }, { "calls", P },
  { "cautioned", S | R }, { "challenged", O }, { "championed", O }, { "chanted", S },
  { "chants", S }, { "charged", S | A }, { "cited", O }, { "cites", O }, { "citing", O },
  { "claim", S | A }, { "claimed", S }, { "claiming", S }, { "claims", S | A }, { "commented", S },
  { "complained", S }, { "complains", S }, { "conceded", S }, { "concluded", S },
  { "concludes", S }, { "condemned", O }, { "confirmed", S }, { "confirms", S },
  { "considered", I }, { "considering", O }, { "considers", O }, { "contended", S },
  { "contends", S }, { "continued", A | I }, { "convince", I }, { "convinced", I },
  { "countered", S }, { "criticize", O }, { "criticized", O }, { "criticizes", O },
  { "criticizing", O }, { "decided", I }, { "declare", S }, { "declared", S }, { "declares", S },
  { "declaring", S }, { "declined", I }, { "decried", O }, { "deemed", O }, { "defended", O },
  { "defending", O }, { "demanding", I }, { "denied", S }, { "denies", S }, { "denounced", O },
  { "denouncing", O }, { "denying", S }, { "derided", O }, { "describe", O }, { "described", O },
  { "describes", O }, { "describing", O }, { "detailing", O }, { "disclosed", S },
  { "discuss", O }, { "discussed", O }, { "discussing", O }, { "dismissed", O },
  { "dismissing", O }, { "echoed", O }, { "emailed", S }, { "emphasised", S }, { "emphasize", S },
  { "emphasized", S }, { "emphasizes", S }, { "emphasizing", S }, { "encourage", I },
  { "encouraged", I }, { "endorse", O }, { "endorsed", O }, { "endorses", O }, { "endorsing", O },
  { "estimated", A }, { "estimates", A }, { "expect", O }, { "expected", E }, { "expects", O },
  { "explain", S }, { "explained", S }, { "explaining", S }, { "explains", S }, { "expressed", O },
  { "favored", O }, { "fear", O }, { "feared", O }, { "fears", O }, { "feel", A }, { "finds", A },
  { "found", A }, { "highlight", O }, { "highlighted", O }, { "highlighting", O }, { "hope", I },
  { "hoped", I }, { "hopes", I }, { "hoping", I }, { "identified", O }, { "implied", S },
  { "implying", S }, { "indicated", O }, { "indicates", O }, { "informed", S | R },
  { "insist", S }, { "insisted", S }, { "insisting", S }, { "insists", S }, { "interjected", S },
  { "invoked", O }, { "joked", S }, { "knew", O }, { "know", O }, { "knows", O }, { "labeled", O },
  { "lambasted", O }, { "lamented", S }, { "lashed", P }, { "learned", S }, { "likened", O },
  { "maintained", A }, { "maintains", A }, { "mentioned", O }, { "mentioning", O },
  { "mentions", O }, { "mocked", O }, { "mocking", O }, { "mused", S }, { "noted", S },
  { "notes", S | A }, { "noting", S }, { "observed", S }, { "offered", O }, { "oppose", O },
  { "opposed", O }, { "opposes", O }, { "ordered", O }, { "persuade", I }, { "persuaded", I },
  { "pleaded", S }, { "pledged", A | I }, { "pledges", I }, { "pledging", I }, { "pointed", P },
  { "pointing", P }, { "portray", O }, { "portrayed", O }, { "praised", O }, { "praises", O },
  { "praising", O }, { "predicted", S }, { "predicting", S }, { "predicts", S },
  { "proclaimed", S }, { "promised", I }, { "promises", I }, { "promising", I }, { "proposed", O },
  { "questioned", O }, { "questioning", O }, { "quipped", S }, { "railed", P }, { "realized", A },
  { "rebuked", O }, { "recalled", S }, { "recalling", S }, { "recalls", S }, { "recognize", A },
  { "recommended", O }, { "recounted", S }, { "referenced", O }, { "referencing", O },
  { "referred", P }, { "referring", P }, { "refuse", I }, { "refused", I }, { "refuses", I },
  { "refusing", I }, { "regarded", O }, { "reiterated", S }, { "rejected", O }, { "remarked", S },
  { "remarking", S }, { "remember", A }, { "remembered", A }, { "reminded", S | R },
  { "reminding", S | R }, { "repeated", S }, { "repeating", S }, { "replied", S },
  { "replies", S }, { "reported", S }, { "reporting", S }, { "reports", S | A },
  { "requested", O }, { "responded", S }, { "responds", S }, { "retweeted", S }, { "revealed", S },
  { "reveals", S }, { "said", S }, { "say", S }, { "saying", S }, { "says", S }, { "seeking", I },
  { "seeks", I }, { "seem", E }, { "seemed", E }, { "seems", E }, { "sees", O }, { "shouted", S },
  { "show", A }, { "showed", O }, { "shown", O }, { "shows", O }, { "sided", P },
  { "signaled", A }, { "slammed", O }, { "slamming", O }, { "slams", O }, { "sought", I },
  { "speculated", S }, { "stated", S }, { "stating", S }, { "stressed", S }, { "stresses", S },
  { "suggest", S }, { "suggested", S }, { "suggesting", S }, { "suggests", S }, { "supported", O },
  { "supporting", O }, { "talked", P }, { "talking", P }, { "tell", S | R }, { "telling", S | R },
  { "tells", S | R }, { "testified", S }, { "thanked", O }, { "thanking", O }, { "think", O },
  { "thinks", O }, { "thought", O }, { "threatened", I }, { "threatening", I }, { "told", S | R },
  { "touted", O }, { "touting", O }, { "tweeted", S }, { "tweeting", S }, { "tweets", S | A },
  { "understand", A }, { "urged", I }, { "urging", I }, { "voiced", O }, { "vowed", I },
  { "vowing", I }, { "vows", I }, { "want", I }, { "wanted", I }, { "wants", I },
  { "warn", S | R }, { "warned", S | R }, { "warning", S | R | A }, { "warns", S | R },
  { "welcomed", O }, { "wonder", A }, { "wondered", S }, { "worry", A }, { "write", S },
  { "writes", S }, { "writing", S }, { "wrote", S }, { "yelled", S },

};
#undef S
#undef R
#undef A
#undef I
#undef O
#undef P
#undef E

static const char *const aux_words[] = {
  "also", "already", "again", "be", "been", "can", "could", "did", "do", "does", "had", "has",
  "have", "is", "are", "was", "were", "will", "would", "may", "might", "must", "should",
  "not", "n't", "never", "always", "now", "sometimes", "soon", "once", "still", "then", "just", "ever", "even", "often", "first",
  NULL
};

/* Words a subject noun phrase never runs back over. */
static const char *const np_stop_words[] = {
  "that", "which", "because", "when", "while", "if", "as", "but", "so", "after", "before",
  "since", "although", "though", "where", "whether", "than", "in", "on", "at", "during",
  "with", "by", "from", "to", "into", "over", "under", "about", "against", "without",
  "through", "among", "until", "what", "how", "why", "yet", "or", "also", "then", "is",
  "was", "are", "were", "be", "been", "has", "have", "had", "not", "it", "there", "once",
  "i", "we", "you", "he", "she", "they", "who", "him", "her", "them", "me", "us", "this",
  "these", "those", "said", "says", "say", NULL
};

/* What a cue's "in a ..." names as its medium, where PolNeAR train mostly
 * counts it in the cue ("in an interview" it mostly leaves out). */
static const char *const medium_words[] = { "statement", "release", "memo", NULL };

/* Heads of sources that report numbers: "in the latest CNN poll". */
static const char *const poll_heads[] = { "poll", "polls", "survey", "surveys", NULL };

/* Forms of "be" that make a verb group passive: "is expected". */
static const char *const be_words[] = { "is", "are", "was", "were", "be", "been", NULL };

/* Words that open an aside between a subject and its verb. */
static const char *const discourse_words[] = {
  "meanwhile", "however", "too", "instead", "now", "again", "though", "in", "for", "like", "unlike",
  "despite", "including", "by", NULL
};

static const char *const possessives[] = { "his", "her", "their", "its", "our", "my", "your", NULL };

/* Words that join a time to a verb: "on Tuesday said", "later Thursday told". */
static const char *const time_links[] = { "on", "in", "at", "last", "this", "later", "earlier", NULL };

/* Words that open a clause after a comma: ", though Fiorina said". */
static const char *const connectives[] = {
  "though", "although", "while", "but", "and", "as", "when", "because", "whereas", NULL
};

/* Prepositions inside a source's noun phrase. */
static const char *const np_prepositions[] = { "for", "at", "with", "from", "in", NULL };

/* Words before a question put to the subject: "when asked about". */
static const char *const question_openers[] = { "when", "if", "after", "before", "once", NULL };

/* Words that join a second verb to a subject: "criticized X and said". */
static const char *const coordinators[] = { "and", "but", NULL };

static const char *const subject_pronouns[] = {
  "he", "she", "they", "it", "we", "i", "you", "who", "which", NULL
};

static const char *const recipient_words[] = {
  "reporters", "him", "her", "them", "me", "us", "you", "supporters", "voters", "journalists",
  "lawmakers", "senators", "members", "listeners", "viewers", "readers", "donors", "everyone",
  "people", "the", "a", "an", NULL
};

/* Particles that belong to a CUE_PARTICLE verb: "called for", "pointed out". */
static const char *const particles[] = {
  "for", "on", "out", "to", "about", "against", "with", NULL
};

static const char *const determiners[] = {
  "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "so-called", "what",
  NULL
};

/* Heads of sources that are reports rather than speakers. */
static const char *const report_heads[] = {
  "report", "reports", "newspaper", "paper", "agency", "outlet", "network", "magazine", "media",
  "daily", "tabloid", "broadcaster", "publication", "station", "wire", "website", "article",
  NULL
};

/* A quote pair: byte span with its marks, the mark tokens, and the paragraph
 * piece that continues it (a quote running over several paragraphs). */
typedef struct {
  guint32 start, end;
  guint32 open_tok, close_tok;   /* close_tok == open_tok when the piece has no closing mark */
  gint32  next;                  /* the piece on the next paragraph, or -1 */
  gboolean continued;            /* a later piece of a multi-paragraph quote */
  gboolean used;                 /* is (part of) some attribution's content */
} Quote;

typedef struct {
  const LedeDoc *doc;
  GArray  *quotes;        /* Quote */
  gint32  *tok_quote;     /* per token: the outermost quote around it, or -1 */
  gint32  *tok_mention;   /* per token: the mention it belongs to, or -1 */
  guint8  *tok_timex;     /* per token: inside a timex */
  GArray  *attrs;         /* LedeQuote being built */
  GArray  *parts;         /* LedeSpan: content pieces */
} Ctx;

static inline const LedeToken *
tok (const Ctx *c, guint i)
{
  return &g_array_index (c->doc->tokens, LedeToken, i);
}

static inline gunichar
tok_char (const Ctx *c, guint i)
{
  return g_utf8_get_char (c->doc->text + tok (c, i)->start);
}

static inline gboolean
lower_word (const Ctx *c, guint i, char *buf, gsize size)
{
  return lede_token_lower (c->doc, i, buf, size);
}

static gboolean
word_in (const Ctx *c, guint i, const char *const *list)
{
  char buf[32];

  if (!lower_word (c, i, buf, sizeof buf))
    return FALSE;
  /* the first letter rules out nearly every entry without a call */
  for (guint k = 0; list[k] != NULL; k++)
    if (list[k][0] == buf[0] && strcmp (buf, list[k]) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
word_is (const Ctx *c, guint i, const char *word)
{
  return lede_token_word_is (c->doc, i, word);
}

static gboolean is_capitalized (const Ctx *c, guint i);
static gboolean word_is (const Ctx *c, guint i, const char *word);

static int
cue_cmp (const void *key, const void *item)
{
  return strcmp (key, ((const CueWord *) item)->word);
}

static guint
cue_flags (const Ctx *c, guint i)
{
  char buf[32];
  const CueWord *w;

  if (tok (c, i)->kind != LEDE_TOKEN_WORD || !lower_word (c, i, buf, sizeof buf))
    return 0;
  /* a capitalized word inside a name is no cue: "Said Holdings" */
  if (c->tok_mention[i] >= 0 && is_capitalized (c, i))
    return 0;
  /* "think tank" */
  if (strcmp (buf, "think") == 0 && i + 1 < c->doc->tokens->len && word_is (c, i + 1, "tank"))
    return 0;
  w = bsearch (buf, cue_words, G_N_ELEMENTS (cue_words), sizeof cue_words[0], cue_cmp);
  return w ? w->flags : 0;
}

typedef struct {
  const char *word;
  const char *particle;  /* joins the cue when it follows: "support for" */
} CueNoun;

/* Nouns of speech, belief and stance that PolNeAR marks as cues after a
 * possessive ("his statement that"). Sorted by word (bsearch). */
static const CueNoun cue_nouns[] = {
  { "accusation", NULL }, { "accusations", NULL }, { "allegation", NULL }, { "allegations", NULL },
  { "argument", NULL }, { "assertion", NULL }, { "attack", "on" }, { "attacks", "on" },
  { "belief", NULL }, { "call", "for" }, { "calls", "for" }, { "claim", NULL }, { "claims", NULL },
  { "comments", NULL }, { "contention", NULL }, { "criticism", NULL }, { "endorsement", "of" },
  { "insistence", NULL }, { "opposition", "to" }, { "pledge", NULL }, { "promise", NULL },
  { "remarks", NULL }, { "statement", NULL }, { "suggestion", NULL }, { "support", "for" },
  { "view", NULL }, { "views", NULL }, { "warning", NULL },
};

static int
cue_noun_cmp (const void *key, const void *item)
{
  return strcmp (key, ((const CueNoun *) item)->word);
}

static const CueNoun *
cue_noun (const Ctx *c, guint i)
{
  char buf[32];

  if (tok (c, i)->kind != LEDE_TOKEN_WORD || !lower_word (c, i, buf, sizeof buf))
    return NULL;
  return bsearch (buf, cue_nouns, G_N_ELEMENTS (cue_nouns), sizeof cue_nouns[0], cue_noun_cmp);
}

static gboolean
is_punct (const Ctx *c, guint i, gunichar ch)
{
  const LedeToken *t = tok (c, i);

  return t->kind == LEDE_TOKEN_PUNCT && tok_char (c, i) == ch && t->end - t->start == (guint32) g_unichar_to_utf8 (ch, NULL);
}

/* A dash that sets off an aside or a credit: "—", "–", "―" or "--". */
static gboolean
is_dash (const Ctx *c, guint i)
{
  const LedeToken *t = tok (c, i);

  return is_punct (c, i, 0x2014) || is_punct (c, i, 0x2013) || is_punct (c, i, 0x2015)
         || (t->kind == LEDE_TOKEN_PUNCT && t->end - t->start == 2
             && memcmp (c->doc->text + t->start, "--", 2) == 0);
}

static inline gboolean
is_capitalized (const Ctx *c, guint i)
{
  return lede_token_is_capitalized (c->doc, i);
}

static inline gboolean
is_adverb (const Ctx *c, guint i)
{
  return lede_token_is_ly_adverb (c->doc, i);
}

/* The longest stretch of tokens read as one sentence (see lede_quotes_annotate). */
#define MAX_SENTENCE_TOKENS 160

/* Sentence-final punctuation that content spans leave out. */
static gboolean
is_final_punct (const Ctx *c, guint i)
{
  gunichar ch = tok_char (c, i);

  return tok (c, i)->kind == LEDE_TOKEN_PUNCT
         && (ch == '.' || ch == ';' || ch == ':' || ch == ',' || ch == '-' || ch == 0x2014
             || ch == 0x2013);
}

const char *
lede_quote_kind_to_string (LedeQuoteKind kind)
{
  static const char *const names[] = { "direct", "indirect", "mixed", "report" };

  return names[kind];
}

const char *
lede_quoted_phrase_kind_to_string (LedeQuotedPhraseKind kind)
{
  static const char *const names[] = { "scare", "title", "name" };

  return names[kind];
}

/* --- quotation marks ------------------------------------------------------ */

typedef enum { MARK_NONE, MARK_OPEN, MARK_CLOSE, MARK_EITHER } MarkRole;

/* What a token is as a quotation mark; double is FALSE for single marks. */
static MarkRole
mark_role (const Ctx *c, guint i, gboolean *dbl)
{
  const LedeToken *t = tok (c, i);
  const char *s = c->doc->text + t->start;
  gsize len = t->end - t->start;
  gunichar ch;

  if (t->kind != LEDE_TOKEN_PUNCT)
    return MARK_NONE;
  *dbl = TRUE;
  if (len == 2 && (memcmp (s, "''", 2) == 0))
    return MARK_EITHER;
  if (len == 2 && memcmp (s, "``", 2) == 0)
    return MARK_OPEN;
  ch = g_utf8_get_char (s);
  if ((gsize) g_unichar_to_utf8 (ch, NULL) != len)
    return MARK_NONE;
  switch (ch)
    {
    case 0x201C: case 0x201E: case 0x00AB:
      return MARK_OPEN;
    case 0x201D: case 0x00BB:
      return MARK_CLOSE;
    case '"':
      return MARK_EITHER;
    case 0x2018: case 0x2039:
      *dbl = FALSE;
      return MARK_OPEN;
    case 0x2019: case 0x203A:
      *dbl = FALSE;
      return MARK_CLOSE;
    case '\'':
      *dbl = FALSE;
      return MARK_EITHER;
    default:
      return MARK_NONE;
    }
}

/* A straight mark opens when it follows a space (or nothing) and is not
 * followed by one. */
static MarkRole
resolve_either (const Ctx *c, guint i)
{
  const LedeToken *t = tok (c, i);
  gboolean space_before = t->start == 0 || g_ascii_isspace (c->doc->text[t->start - 1])
                          || strchr ("([{", c->doc->text[t->start - 1]) != NULL;
  gboolean space_after = t->end >= c->doc->len || g_ascii_isspace (c->doc->text[t->end]);

  if (space_before && !space_after)
    return MARK_OPEN;
  if (!space_before)
    return MARK_CLOSE;
  return MARK_NONE;
}

static gboolean
paragraph_break_before (const Ctx *c, guint i)
{
  if (i == 0)
    return TRUE;
  for (guint32 p = tok (c, i - 1)->end; p < tok (c, i)->start; p++)
    if (c->doc->text[p] == '\n')
      return TRUE;
  return FALSE;
}

static void
add_quote (Ctx *c, guint open, guint close, gint32 prev)
{
  Quote q = {
    .start = tok (c, open)->start, .end = tok (c, close)->end,
    .open_tok = open, .close_tok = close, .next = -1, .continued = prev >= 0,
  };

  g_array_append_val (c->quotes, q);
  if (prev >= 0)
    g_array_index (c->quotes, Quote, prev).next = (gint32) c->quotes->len - 1;
}

/* Pairs double marks (outer quotes) in one pass; single marks pair only
 * inside them or on their own, and never become outer quotes of speech
 * unless no double mark is open. */
static void
pair_quotes (Ctx *c)
{
  guint n = c->doc->tokens->len;
  gint64 open = -1;          /* token of the open double (or outer single) mark */
  gboolean open_dbl = TRUE;
  gint32 chain = -1;         /* the earlier piece of a quote running over paragraphs */

  for (guint i = 0; i < n; i++)
    {
      gboolean dbl;
      MarkRole role;

      if (open >= 0 && paragraph_break_before (c, i))
        {
          /* an unclosed quote runs on only into a paragraph that opens with a mark */
          role = mark_role (c, i, &dbl);
          if (role == MARK_EITHER)
            role = resolve_either (c, i);
          if (role == MARK_OPEN && dbl == open_dbl && i > 0 && (guint) open < i - 1)
            {
              add_quote (c, (guint) open, i - 1, chain);
              chain = (gint32) c->quotes->len - 1;
              open = i;
              continue;
            }
          open = -1;
          chain = -1;
        }
      role = mark_role (c, i, &dbl);
      if (role == MARK_NONE)
        continue;
      if (role == MARK_EITHER)
        role = resolve_either (c, i);
      if (role == MARK_OPEN)
        {
          /* a single mark inside a double quote is a quote within the quote */
          if (open < 0 || dbl == open_dbl)
            {
              open = i;
              open_dbl = dbl;
              chain = -1;
            }
        }
      else if (role == MARK_CLOSE && open >= 0 && dbl == open_dbl)
        {
          add_quote (c, (guint) open, i, chain);
          open = -1;
          chain = -1;
        }
    }
  if (open >= 0 && chain >= 0 && (guint) open + 1 < n)
    add_quote (c, (guint) open, n - 1, chain);

  for (guint q = 0; q < c->quotes->len; q++)
    {
      const Quote *x = &g_array_index (c->quotes, Quote, q);

      for (guint i = x->open_tok; i <= x->close_tok; i++)
        c->tok_quote[i] = (gint32) q;
    }
}

static guint
quote_words (const Ctx *c, const Quote *q)
{
  guint words = 0;

  for (guint i = q->open_tok + 1; i < q->close_tok; i++)
    words += tok (c, i)->kind == LEDE_TOKEN_WORD;
  return words;
}

/* A short quote that names or titles something, or keeps the author's distance. */
static gboolean
is_phrase_quote (const Ctx *c, const Quote *q)
{
  gboolean has_final = FALSE;

  if (q->next >= 0 || q->continued || quote_words (c, q) > MAX_PHRASE_WORDS)
    return FALSE;
  for (guint i = q->open_tok + 1; i < q->close_tok; i++)
    if (is_punct (c, i, ',') || is_punct (c, i, '.') || is_punct (c, i, '!') || is_punct (c, i, '?'))
      has_final = TRUE;
  return !has_final;
}

/* Inside reported speech, a short quote is still the speaker's words
 * (mixed speech) unless it reads as a name or the author's distance: after a
 * determiner ("the “strategic partnership”") or in title case. */
static gboolean
is_speech_fragment (Ctx *c, guint i)
{
  Quote *q = &g_array_index (c->quotes, Quote, c->tok_quote[i]);
  gboolean title = TRUE;

  if (!is_phrase_quote (c, q))
    return TRUE;
  if (q->open_tok > 0 && word_in (c, q->open_tok - 1, determiners))
    return FALSE;
  for (guint k = q->open_tok + 1; k < q->close_tok; k++)
    title = title && (tok (c, k)->kind != LEDE_TOKEN_WORD || is_capitalized (c, k));
  if (title)
    return FALSE;
  q->used = TRUE;
  return TRUE;
}

static const LedeMention *
mention (const Ctx *c, guint m)
{
  return &g_array_index (c->doc->mentions, LedeMention, m);
}

/* --- spans ---------------------------------------------------------------- */

static LedeSpan
tok_span (const Ctx *c, guint first, guint last)
{
  return (LedeSpan) { tok (c, first)->start, tok (c, last)->end };
}

/* The verb group ending at the cue: auxiliaries, negation and adverbs before it. */
static guint
group_start (const Ctx *c, guint cue, guint floor)
{
  guint g = cue;

  for (guint k = 0; k < MAX_GROUP_TOKENS && g > floor; k++)
    {
      if (!(word_in (c, g - 1, aux_words) || is_adverb (c, g - 1)))
        break;
      g--;
    }
  return g;
}

static gboolean
np_token (const Ctx *c, guint i)
{
  const LedeToken *t = tok (c, i);

  if (c->tok_mention[i] >= 0)
    return TRUE;
  if (c->tok_timex[i])
    return FALSE;
  switch (t->kind)
    {
    case LEDE_TOKEN_WORD:
    case LEDE_TOKEN_ABBREVIATION:
    case LEDE_TOKEN_NUMBER:
      return !word_in (c, i, np_stop_words) && cue_flags (c, i) == 0;
    case LEDE_TOKEN_SYMBOL:
      return tok_char (c, i) == '&';
    case LEDE_TOKEN_PUNCT:
      /* a hyphen inside a name, not a dash between spaces */
      return (tok_char (c, i) == '-' && !(t->start > 0 && c->doc->text[t->start - 1] == ' '))
             || tok_char (c, i) == '.';
    default:
      return FALSE;
    }
}

/* The subject noun phrase that ends at token last (inclusive), not before
 * floor; returns its first token, or -1 when there is none. */
static gint64
np_back (const Ctx *c, guint last, guint floor)
{
  gint64 i = last;
  guint taken = 0;

  if (last < floor)
    return -1;
  if (word_in (c, last, subject_pronouns))
    return last;
  while (i >= (gint64) floor && taken < MAX_NP_TOKENS)
    {
      gint32 q = c->tok_quote[i];

      /* a short quoted name inside the phrase: Chinese media "Xinhua" reported */
      if (q >= 0 && (guint) i == g_array_index (c->quotes, Quote, q).close_tok
          && is_phrase_quote (c, &g_array_index (c->quotes, Quote, q))
          && g_array_index (c->quotes, Quote, q).open_tok >= floor)
        {
          i = (gint64) g_array_index (c->quotes, Quote, q).open_tok - 1;
          taken += 2;
          continue;
        }
      /* "Sen. Rob Portman (R-Ohio)": a parenthesis inside the phrase */
      if (is_punct (c, (guint) i, ')'))
        {
          gint64 open = i - 1;

          while (open > (gint64) floor && open > i - MAX_GROUP_TOKENS - 1 && !is_punct (c, (guint) open, '('))
            open--;
          if (open <= (gint64) floor || !is_punct (c, (guint) open, '('))
            break;
          taken += (guint) (i - open) + 1;
          i = open - 1;
          continue;
        }
      /* "her campaign": the possessive opens the phrase */
      if ((guint) i < last && word_is (c, (guint) i, "her"))
        {
          i--;
          break;
        }
      /* "recent polls": a time word inside the phrase */
      if ((guint) i < last && c->tok_timex[i] && !is_capitalized (c, (guint) i))
        {
          i--;
          taken++;
          continue;
        }
      /* "a spokeswoman for the campaign": a preposition between nouns */
      if (!np_token (c, (guint) i)
          && !(word_in (c, (guint) i, np_prepositions) && (guint) i < last && i > (gint64) floor
               && np_token (c, (guint) i - 1) && !word_in (c, (guint) i - 1, subject_pronouns)))
        break;
      i--;
      taken++;
    }
  i++;
  /* a phrase does not begin with a joining word */
  while (i <= (gint64) last && (word_in (c, (guint) i, (const char *const[]) { "and", "of", "for", "'s", "’s", NULL })
                                 || tok (c, (guint) i)->kind == LEDE_TOKEN_PUNCT))
    i++;
  /* "... meeting with Xi at the guesthouse shows": the phrase ran to its
   * length bound inside a prepositional phrase; its head is further back */
  if (i <= (gint64) last && taken >= MAX_NP_TOKENS && word_in (c, (guint) i, np_prepositions))
    return -1;
  return i > (gint64) last ? -1 : i;
}

/* The source before a cue group starting at g: "Smith", "Tom Fitton, the
 * president of Judicial Watch,", "he". */
static gboolean
source_before (const Ctx *c, guint g, guint cue, guint floor, LedeSpan *source)
{
  gint64 first;
  guint h, scan;

  if (g <= floor)
    return FALSE;
  /* "The justice -- who has been ... -- said": the aside between dashes stays out */
  if (is_dash (c, g - 1) && g >= floor + 3)
    {
      for (gint64 k = (gint64) g - 2; k > (gint64) floor && k >= (gint64) g - 2 - 2 * MAX_NP_TOKENS; k--)
        if (is_dash (c, (guint) k))
          {
            first = np_back (c, (guint) k - 1, floor);
            if (first < 0)
              return FALSE;
            *source = tok_span (c, (guint) first, (guint) k - 1);
            return TRUE;
          }
      return FALSE;
    }
  if (is_punct (c, g - 1, ',') && g >= floor + 3)
    {
      /* an appositive or a relative clause between commas belongs to the
       * source, as PolNeAR draws it ("Helen Ferre, who took over ...,") */
      for (gint64 k = (gint64) g - 2; k > (gint64) floor && k >= (gint64) g - 2 - 2 * MAX_NP_TOKENS; k--)
        {
          if (is_punct (c, (guint) k, ','))
            {
              /* "Democrats, meanwhile,", "Cruz, in a statement Thursday,": an aside */
              gboolean aside = !word_in (c, (guint) k + 1, subject_pronouns)
                               && (word_in (c, (guint) k + 1, np_stop_words)
                                   || word_in (c, (guint) k + 1, discourse_words)
                                   || (is_adverb (c, (guint) k + 1) && (guint) k + 3 == g));

              first = np_back (c, (guint) k - 1, floor);
              if (first < 0)
                break;
              *source = aside ? tok_span (c, (guint) first, (guint) k - 1)
                              : tok_span (c, (guint) first, g - 1);
              return TRUE;
            }
          if (c->tok_quote[k] >= 0 || is_final_punct (c, (guint) k))
            break;
        }
      /* "Gov. John Kasich (R-OH), said, “...”": the comma only sets off the cue */
      if (cue + 1 >= c->doc->tokens->len || !(is_punct (c, cue + 1, ',') || is_punct (c, cue + 1, ':')))
        return FALSE;
      g--;
      while (g > floor + 1 && is_punct (c, g - 1, ')'))
        {
          while (g > floor + 1 && !is_punct (c, g - 1, '('))
            g--;
          g--;
        }
      first = np_back (c, g - 1, floor);
      if (first < 0 || !is_capitalized (c, (guint) first))
        return FALSE;
      *source = tok_span (c, (guint) first, g - 1);
      return TRUE;
    }
  /* "Priebus later Thursday told": a time between the source and its verb */
  h = g;
  while (h > floor + 1 && h + MAX_GROUP_TOKENS > g
         && (c->tok_timex[h - 1] || word_in (c, h - 1, time_links)))
    h--;
  for (scan = h; scan < g && !c->tok_timex[scan]; scan++)
    ;
  if (scan == g)
    h = g;
  first = np_back (c, h - 1, floor);
  if (first < 0)
    return FALSE;
  *source = tok_span (c, (guint) first, h - 1);
  /* "It is hoped that": the empty subject of a passive is no source */
  if ((guint) first == g - 1 && g < floor + MAX_NP_TOKENS
      && word_in (c, g - 1, (const char *const[]) { "it", "there", NULL })
      && word_in (c, g, (const char *const[]) { "is", "was", NULL }))
    *source = (LedeSpan) { 0, 0 };
  return TRUE;
}

/* The source after an inverted cue ("..., said Smith, a spokesman."): to the
 * sentence end or the next quotation mark. */
static gboolean
source_after (const Ctx *c, guint from, guint end, LedeSpan *source, guint *next)
{
  guint i = from, last;

  if (from >= end || !np_token (c, from))
    return FALSE;
  while (i < end && c->tok_quote[i] < 0)
    i++;
  *next = i;
  last = i - 1;

  while (last > from && (is_final_punct (c, last) || is_punct (c, last, '?')))
    last--;
  if (last - from > 3 * MAX_NP_TOKENS)
    return FALSE;
  *source = tok_span (c, from, last);
  return TRUE;
}

/* The content from token first to the sentence end, without its final
 * punctuation (a closing quotation mark stays). */
static gboolean
content_to_end (const Ctx *c, guint first, guint end, LedeSpan *content)
{
  guint last;

  if (first >= end)
    return FALSE;
  last = end - 1;
  while (last > first && (is_final_punct (c, last) || is_punct (c, last, ')')))
    last--;
  if (last == first && tok (c, first)->kind == LEDE_TOKEN_PUNCT)
    return FALSE;
  *content = tok_span (c, first, last);
  return TRUE;
}

static guint
add_attr (Ctx *c, LedeQuoteKind kind, LedeSpan source, LedeSpan cue, const LedeSpan *parts,
          guint n_parts)
{
  LedeQuote a = {
    .kind = kind, .source = source, .cue = cue,
    .content = { parts[0].start, parts[n_parts - 1].end },
    .first_part = c->parts->len, .n_parts = n_parts,
    .entity = -1, .reported_by = -1,
  };

  g_array_append_vals (c->parts, parts, n_parts);
  g_array_append_val (c->attrs, a);
  return c->attrs->len - 1;
}

/* Appends a whole quote (with its paragraph pieces) as content. */
static guint
quote_parts (Ctx *c, gint32 q, LedeSpan *parts, guint max)
{
  guint n = 0;

  while (q >= 0 && n < max)
    {
      Quote *x = &g_array_index (c->quotes, Quote, q);

      x->used = TRUE;
      parts[n++] = (LedeSpan) { x->start, x->end };
      q = x->next;
    }
  return n;
}

/* --- the rules, per sentence ------------------------------------------------ */

typedef struct {
  guint    first, end;     /* token range of the sentence */
  gint64   last_attr;      /* the attribution a following quote continues, or -1 */
  guint    first_attr;     /* the first attribution found in it */
} Sentence;

/* The quote (by index) that ends right before token i, allowing a comma
 * between: “We will,” he said / “We will”, he said. */
static gint32
quote_ending_before (const Ctx *c, guint i, guint floor)
{
  if (i > floor && is_punct (c, i - 1, ',') && i - 1 > floor)
    i--;
  if (i <= floor)
    return -1;
  if (c->tok_quote[i - 1] >= 0
      && g_array_index (c->quotes, Quote, c->tok_quote[i - 1]).close_tok == i - 1)
    return c->tok_quote[i - 1];
  return -1;
}

/* The last token of a cue with the medium it names: "said in a statement",
 * "wrote in a memo". */
static guint
cue_with_medium (const Ctx *c, guint cue, guint end)
{
  if (cue + 2 >= end || !word_is (c, cue + 1, "in"))
    return cue;
  for (guint k = cue + 2; k < end && k <= cue + 4 && tok (c, k)->kind == LEDE_TOKEN_WORD; k++)
    if (word_in (c, k, medium_words))
      return k;
  return cue;
}

/* The content after a cue whose source came before it: a quote, a "that"
 * clause, a recipient then a clause, or the rest of the sentence. Sets
 * *cue_end to the last token of the cue (a colon or "last week" joins it). */
static guint
content_after (Ctx *c, guint cue, guint flags, guint end, guint *cue_end, LedeSpan *parts,
               guint max, gboolean *direct)
{
  guint i = cue + 1;

  *cue_end = cue;
  *direct = FALSE;
  if (i >= end)
    return 0;
  if ((flags & CUE_PARTICLE) && word_in (c, i, particles))
    {
      *cue_end = i++;
      if (i >= end)
        return 0;
    }
  if (cue_with_medium (c, cue, end) > cue)
    {
      *cue_end = cue_with_medium (c, cue, end);
      i = *cue_end + 1;
      if (i >= end)
        return 0;
    }
  /* "said, however, that": an aside between commas is neither cue nor content */
  if (is_punct (c, i, ',') && i + 1 < end && c->tok_quote[i + 1] < 0)
    for (guint k = i + 2; k < end && k <= i + MAX_GROUP_TOKENS; k++)
      if (is_punct (c, k, ','))
        {
          if (k + 1 < end && word_is (c, k + 1, "that"))
            i = k + 1;
          break;
        }
  /* "revealed last week that", "said repeatedly that", "said in a statement that" */
  for (guint k = i; k < end && k < i + MAX_GROUP_TOKENS + 2; k++)
    {
      if (k > i && (word_is (c, k, "that") || (is_punct (c, k, ',') && k + 1 < end && c->tok_quote[k + 1] >= 0)))
        {
          *cue_end = k - 1;
          i = k;
          break;
        }
      if (!c->tok_timex[k] && !is_adverb (c, k)
          && !(k > i && word_in (c, i, (const char *const[]) { "in", "at", "on", "during", NULL })
               && !is_final_punct (c, k) && c->tok_quote[k] < 0 && !word_in (c, k, np_stop_words + 1)))
        break;
    }
  if (is_punct (c, i, ':'))
    {
      *cue_end = i;
      i++;
    }
  else if (is_punct (c, i, ',') && i + 1 < end && c->tok_quote[i + 1] >= 0)
    i++;
  else if (flags & CUE_RECIPIENT)
    {
      /* "told reporters (on Tuesday) that", "told CNN:" */
      for (guint k = i; k < end && k < i + MAX_GROUP_TOKENS + 2; k++)
        if (word_is (c, k, "that") || is_punct (c, k, ':') || c->tok_quote[k] >= 0)
          {
            i = is_punct (c, k, ':') ? k + 1 : k;
            break;
          }
      if (i == cue + 1 && (c->tok_mention[i] >= 0 || word_in (c, i, recipient_words))
          && !word_in (c, i, determiners))
        {
          gint32 m = c->tok_mention[i];

          while (i < end && m >= 0 && c->tok_mention[i] == m)
            i++;
          if (m < 0)
            i++;
        }
      if (i < end && is_punct (c, i, ','))
        i++;
    }
  if (i >= end)
    return 0;
  /* a quote that makes up the rest of the sentence is direct speech */
  if (c->tok_quote[i] >= 0 && g_array_index (c->quotes, Quote, c->tok_quote[i]).open_tok == i)
    {
      const Quote *q = &g_array_index (c->quotes, Quote, c->tok_quote[i]);
      guint after = q->close_tok + 1;

      while (after < end && is_final_punct (c, after))
        after++;
      if ((after >= end || q->next >= 0) && !is_phrase_quote (c, q))
        {
          *direct = TRUE;
          return quote_parts (c, c->tok_quote[i], parts, max);
        }
    }
  if ((flags & CUE_AMBIGUOUS) && !word_is (c, i, "that"))
    {
      if (!((flags & CUE_INFINITIVE) && word_is (c, i, "to")))
        return 0;
    }
  if (tok (c, i)->kind == LEDE_TOKEN_PUNCT && c->tok_quote[i] < 0)
    return 0;
  return content_to_end (c, i, end, &parts[0]) ? 1 : 0;
}

/* "CONTENT, SOURCE CUE (tail)." or "CONTENT, CUE SOURCE.": the cue closes the
 * sentence after a comma. Content is everything before that comma. */
static gboolean
try_trailing (Ctx *c, const Sentence *s, guint cue, guint flags)
{
  guint g = group_start (c, cue, s->first);
  LedeSpan source = { 0, 0 }, parts[8];
  guint n = 0, next = s->end, src_first, cue_last = cue;
  gint32 q;
  LedeQuoteKind kind = LEDE_QUOTE_INDIRECT;
  gboolean have_source = FALSE;

  if (!(flags & CUE_SPEECH))
    return FALSE;
  /* "..., he said" / "“...,” he said" */
  src_first = g;
  if (source_before (c, g, cue, s->first, &source))
    {
      for (src_first = g; src_first > s->first && tok (c, src_first - 1)->end > source.start; src_first--)
        ;
      have_source = TRUE;
    }
  q = quote_ending_before (c, src_first, s->first);
  /* “... the emails.” Trump said. — the quote closed the sentence before */
  if (q < 0 && src_first == s->first && s->first > 0)
    {
      q = quote_ending_before (c, src_first, s->first - 1);
      if (q >= 0 && g_array_index (c->quotes, Quote, q).used)
        q = -1;
    }
  if (q < 0 && !(src_first > s->first + 1 && is_punct (c, src_first - 1, ',')))
    return FALSE;
  if (!have_source)
    {
      /* inverted: "..., said Smith" */
      if (!source_after (c, cue + 1, s->end, &source, &next))
        return FALSE;
    }
  else
    {
      /* what follows the cue must end the sentence or open the quote's second half */
      guint i = cue + 1;

      cue_last = cue_with_medium (c, cue, s->end);
      guint tail = 0;

      while (i < s->end && c->tok_quote[i] < 0 && !is_final_punct (c, i) && tail < 6)
        i++, tail++;
      if (i < s->end && c->tok_quote[i] < 0 && !is_final_punct (c, i))
        return FALSE;
      next = i;
      while (next < s->end && c->tok_quote[next] < 0)
        next++;
    }

  if (q >= 0)
    {
      const Quote *x = &g_array_index (c->quotes, Quote, q);
      gint32 first_q = q;

      /* a quote chain that began in an earlier paragraph: walk to its head */
      for (gint32 k = q - 1; k >= 0 && x->continued; k--)
        if (g_array_index (c->quotes, Quote, k).next == first_q)
          {
            first_q = k;
            x = &g_array_index (c->quotes, Quote, k);
          }
      if (x->open_tok < s->first && !x->continued && g_array_index (c->quotes, Quote, q).open_tok < s->first)
        first_q = q;
      if (is_phrase_quote (c, &g_array_index (c->quotes, Quote, q))
          && g_array_index (c->quotes, Quote, q).open_tok > s->first)
        return FALSE;
      n = quote_parts (c, first_q, parts, G_N_ELEMENTS (parts) - 1);
      kind = LEDE_QUOTE_DIRECT;
    }
  else
    {
      guint comma = src_first - 1;

      if (comma <= s->first || !content_to_end (c, s->first, comma, &parts[0]))
        return FALSE;
      n = 1;
      for (guint i = s->first; i < comma; i++)
        if (c->tok_quote[i] >= 0 && is_speech_fragment (c, i))
          kind = LEDE_QUOTE_MIXED;
    }
  /* the broken quote's second half: “We will,” he said, “stay.” */
  if (next < s->end && c->tok_quote[next] >= 0 && n > 0 && n < G_N_ELEMENTS (parts))
    {
      gint32 q2 = c->tok_quote[next];

      if (g_array_index (c->quotes, Quote, q2).open_tok == next
          && !is_phrase_quote (c, &g_array_index (c->quotes, Quote, q2)))
        n += quote_parts (c, q2, parts + n, G_N_ELEMENTS (parts) - n);
    }
  if (n == 0)
    return FALSE;
  add_attr (c, kind, source, tok_span (c, g, cue_last), parts, n);
  return TRUE;
}

static gboolean
is_participle (const Ctx *c, guint i)
{
  const LedeToken *t = tok (c, i);

  return t->end - t->start > 4 && memcmp (c->doc->text + t->end - 3, "ing", 3) == 0;
}

/* Whether a clause with a speech cue of its own starts at token i:
 * "the campaign manager has said", "said Smith". */
static gboolean
speech_clause_at (const Ctx *c, guint i, guint end)
{
  guint k = i;

  if (k < end && word_in (c, k, subject_pronouns))
    k++;
  else
    while (k < end && k < i + MAX_NP_TOKENS && np_token (c, k))
      k++;
  for (guint n = 0; n < MAX_GROUP_TOKENS && k < end && (word_in (c, k, aux_words) || is_adverb (c, k)); n++)
    k++;
  return k < end && (cue_flags (c, k) & CUE_SPEECH);
}

/* Where indirect content that runs to the sentence end stops: before a
 * cue of its own (", X reported", ", according to X", ", adding", "and
 * said"). Marks mixed speech in what stays. FALSE when nothing stays. */
static gboolean
trim_indirect (Ctx *c, const Sentence *s, guint from, LedeSpan *content, LedeQuoteKind *kind)
{
  guint32 cut = content->end;

  for (guint i = from; i < s->end && tok (c, i)->end <= content->end; i++)
    {
      gboolean pause = (is_punct (c, i, ',') || is_dash (c, i)) && i + 2 < s->end;
      guint next = i + 1;

      /* ", though Fiorina said", ", while also suggesting" */
      if (pause && word_in (c, next, connectives))
        next++;
      if (next < s->end && word_is (c, next, "also"))
        next++;
      if ((pause && next < s->end
           && (word_is (c, next, "according") || speech_clause_at (c, next, s->end)
               || (cue_flags (c, next) && is_participle (c, next))))
          || (i > from && word_in (c, i, coordinators) && i + 2 < s->end
              && (cue_flags (c, i + 1) || speech_clause_at (c, i + 1, s->end)))
          || (i > from && word_in (c, i, question_openers) && i + 1 < s->end
              && word_is (c, i + 1, "asked")))
        {
          cut = tok (c, i - 1)->end;
          break;
        }
      if (c->tok_quote[i] >= 0 && is_speech_fragment (c, i))
        *kind = LEDE_QUOTE_MIXED;
    }
  if (cut <= content->start)
    return FALSE;
  content->end = cut;
  return TRUE;
}

/* "Asked whether ..., she said", "..., she said when asked about ...": a
 * question put to the sentence's subject, with no source or the asker after
 * "by". at is the token "asked"; the question runs to the next comma (or
 * other pause) or the sentence end. Returns the token after it, or 0. */
static guint
try_asked (Ctx *c, const Sentence *s, guint at)
{
  guint i = at + 1, stop;
  LedeSpan source = { 0, 0 }, content;

  if (!word_is (c, at, "asked") || i >= s->end)
    return 0;
  if (word_is (c, i, "by"))
    {
      guint k = i + 1;

      while (k < s->end && k <= i + MAX_NP_TOKENS && np_token (c, k))
        k++;
      if (k == i + 1)
        return 0;
      source = tok_span (c, i + 1, k - 1);
      i = k;
    }
  for (stop = i; stop < s->end && !is_final_punct (c, stop); stop++)
    ;
  if (stop == i)
    return 0;
  content = tok_span (c, i, stop - 1);
  add_attr (c, LEDE_QUOTE_INDIRECT, source, tok_span (c, at, at), &content, 1);
  return stop + 1;
}

/* The subject that opens a sentence, before token limit: "Rahm Emanuel,
 * his chief of staff,", "But he". */
static gboolean
sentence_subject (const Ctx *c, const Sentence *s, guint limit, LedeSpan *subject)
{
  guint start = s->first, i, last;

  while (start < limit && word_in (c, start, coordinators))
    start++;
  if (start < limit && word_in (c, start, subject_pronouns))
    {
      *subject = tok_span (c, start, start);
      return TRUE;
    }
  for (i = start; i < limit && i < start + MAX_NP_TOKENS && np_token (c, i); i++)
    ;
  if (i == start || i >= limit)
    return FALSE;
  last = i - 1;
  if (is_punct (c, i, ','))
    {
      guint k;

      for (k = i + 1; k < limit && k <= i + MAX_NP_TOKENS && np_token (c, k); k++)
        ;
      if (k > i + 1 && k < limit && is_punct (c, k, ','))
        last = k;
    }
  *subject = tok_span (c, start, last);
  return TRUE;
}

/* The source a second verb shares with the first ("X criticized ... and
 * said", "X rejected ..., saying"): that of the sentence's attribution
 * before it, or the subject that opens the sentence; empty when neither. */
static void
shared_subject (const Ctx *c, const Sentence *s, guint limit, LedeSpan *source)
{
  if (c->attrs->len > s->first_attr)
    *source = g_array_index (c->attrs, LedeQuote, c->attrs->len - 1).source;
  else if (!sentence_subject (c, s, limit, source))
    *source = (LedeSpan) { 0, 0 };
}

/* "a website called Breitbart", "organizer of a group called ...": "called"
 * before a name, after an indefinite noun phrase, names a thing. */
static gboolean
names_something (const Ctx *c, const Sentence *s, guint cue, LedeSpan source)
{
  if (!word_is (c, cue, "called") || !LEDE_SPAN_IS_SET (source) || cue + 1 >= s->end
      || !(is_capitalized (c, cue + 1) || c->tok_quote[cue + 1] >= 0))
    return FALSE;
  for (guint i = cue; i > s->first && tok (c, i - 1)->start >= source.start; i--)
    if (word_in (c, i - 1, (const char *const[]) { "a", "an", "another", "one", NULL }))
      return TRUE;
  return FALSE;
}

/* The object of "criticized", "called for" ends at the first comma, dash
 * or subordinate clause: "criticized the plan, which ..." */
static void
trim_object (const Ctx *c, const Sentence *s, guint from, LedeSpan *content)
{
  for (guint i = from + 1; i < s->end && tok (c, i)->end <= content->end; i++)
    if (tok (c, i)->start > content->start && c->tok_quote[i] < 0
        && (is_punct (c, i, ',') || is_punct (c, i, ';') || is_dash (c, i)
            || word_in (c, i, connectives)))
      {
        content->end = tok (c, i - 1)->end;
        return;
      }
}

/* "Russia attacked Ukraine on Monday": a place as the whole object of
 * "attacked", "backed" is an act, not a stance on what someone said;
 * "criticized China's plan", "attacked Japan for ..." stay attributions. */
static gboolean
object_is_place (const Ctx *c, guint first, guint end)
{
  gint32 m = first < end ? c->tok_mention[first] : -1;
  LedeEntityType type;
  guint i = first;

  if (m < 0)
    return FALSE;
  type = mention (c, (guint) m)->type;
  if (type != LEDE_ENTITY_GPE && type != LEDE_ENTITY_LOC && type != LEDE_ENTITY_FAC)
    return FALSE;
  while (i < end && c->tok_mention[i] == m)
    i++;
  return i >= end || !(word_in (c, i, (const char *const[]) { "'s", "’s", "for", "over", NULL }));
}

/* "SOURCE CUE (that) CONTENT", "SOURCE CUE: “QUOTE”" */
static gboolean
try_leading (Ctx *c, const Sentence *s, guint cue, guint flags)
{
  guint g = group_start (c, cue, s->first), cue_end, n;
  LedeSpan source = { 0, 0 }, parts[8];
  gboolean direct;
  LedeQuoteKind kind = LEDE_QUOTE_INDIRECT;

  /* "criticized the plan and said ...": the second verb shares the subject */
  if (g > s->first && word_in (c, g - 1, coordinators))
    shared_subject (c, s, g - 1, &source);
  else if (!source_before (c, g, cue, s->first, &source))
    return FALSE;
  if (names_something (c, s, cue, source))
    return FALSE;
  n = content_after (c, cue, flags, s->end, &cue_end, parts, G_N_ELEMENTS (parts), &direct);
  if (n == 0)
    return FALSE;
  if ((flags & CUE_OBJECT) && !direct && object_is_place (c, cue_end + 1, s->end))
    return FALSE;
  if (direct)
    kind = LEDE_QUOTE_DIRECT;
  else if (!trim_indirect (c, s, cue_end + 1, &parts[0], &kind))
    return FALSE;
  else if (flags & (CUE_OBJECT | CUE_PARTICLE))
    trim_object (c, s, cue_end + 1, &parts[0]);
  add_attr (c, kind, source, tok_span (c, g, cue_end), parts, n);
  return TRUE;
}

/* ", saying ...", ", adding that ...": a participle goes on from the
 * sentence's subject. */
static gboolean
try_participle (Ctx *c, const Sentence *s, guint cue, guint flags)
{
  guint cue_end, n;
  LedeSpan parts[8], source;
  gboolean direct;
  LedeQuoteKind kind = LEDE_QUOTE_INDIRECT;

  if (cue <= s->first + 1 || !is_punct (c, cue - 1, ',') || !is_participle (c, cue))
    return FALSE;
  n = content_after (c, cue, flags, s->end, &cue_end, parts, G_N_ELEMENTS (parts), &direct);
  if (n == 0)
    return FALSE;
  if (direct)
    kind = LEDE_QUOTE_DIRECT;
  else if (!trim_indirect (c, s, cue_end + 1, &parts[0], &kind))
    return FALSE;
  shared_subject (c, s, cue - 1, &source);
  add_attr (c, kind, source, tok_span (c, cue, cue_end), parts, n);
  return TRUE;
}

/* "Trump is expected to win", "the plan seemed doomed": a belief with no
 * source, whose content is the subject and what follows the cue. */
static gboolean
try_raising (Ctx *c, const Sentence *s, guint cue)
{
  guint g = group_start (c, cue, s->first), cue_end, n = 0, got;
  gboolean passive = FALSE, direct;
  LedeSpan parts[8];
  LedeQuoteKind kind = LEDE_QUOTE_INDIRECT;
  gint64 subject;

  for (guint k = g; k < cue; k++)
    passive = passive || word_in (c, k, be_words);
  /* "expected" wants "is expected"; active "expected" is a verb of its own */
  if (!passive && word_is (c, cue, "expected"))
    return FALSE;
  /* "appeared on television": a preposition other than "to" or "as" is no belief */
  if (cue + 1 >= s->end || (word_in (c, cue + 1, np_stop_words)
                            && !word_in (c, cue + 1, (const char *const[]) { "to", "that", "as", NULL })))
    return FALSE;
  subject = g > s->first ? np_back (c, g - 1, s->first) : -1;
  if (subject < 0)
    return FALSE;
  /* "it seems that ...": the empty subject is no content */
  if (!((guint) subject == g - 1 && word_in (c, g - 1, (const char *const[]) { "it", "there", NULL })))
    parts[n++] = tok_span (c, (guint) subject, g - 1);
  got = content_after (c, cue, 0, s->end, &cue_end, parts + n, G_N_ELEMENTS (parts) - n, &direct);
  if (got == 0 || (!direct && !trim_indirect (c, s, cue_end + 1, &parts[n], &kind)))
    return FALSE;
  n += got;
  add_attr (c, direct ? LEDE_QUOTE_DIRECT : kind, (LedeSpan) { 0, 0 }, tok_span (c, g, cue_end),
            parts, n);
  return TRUE;
}

/* "his statement that ...", "Trump's support for the wall": a cue noun
 * after a possessive, which is the source. The content runs from the noun
 * (or its particle) to the clause end. */
static gboolean
try_noun_cue (Ctx *c, const Sentence *s, guint noun)
{
  const CueNoun *n = cue_noun (c, noun);
  guint cue_end = noun, first, last;
  gint64 src;
  LedeSpan content;

  if (n == NULL || noun <= s->first || noun + 2 >= s->end)
    return FALSE;
  if (word_in (c, noun - 1, possessives))
    src = noun - 1;
  else if (word_in (c, noun - 1, (const char *const[]) { "'s", "’s", "'", "’", NULL }) && noun >= s->first + 2)
    src = np_back (c, noun - 2, s->first);
  else
    return FALSE;
  if (src < 0)
    return FALSE;
  if (n->particle != NULL && word_is (c, noun + 1, n->particle))
    cue_end = noun + 1;
  first = cue_end + 1;
  /* the noun's own complement: its particle, "that ...", "of/about/on ..." */
  if (!(n->particle != NULL && cue_end > noun) && !word_is (c, first, "that")
      && !(word_is (c, first, "of") || word_is (c, first, "about") || word_is (c, first, "on")))
    return FALSE;
  for (last = first; last + 1 < s->end && !is_final_punct (c, last + 1) && !word_in (c, last + 1, coordinators); last++)
    ;
  content = tok_span (c, first, last);
  add_attr (c, LEDE_QUOTE_INDIRECT, tok_span (c, (guint) src, noun - 1), tok_span (c, noun, cue_end),
            &content, 1);
  return TRUE;
}

/* A headline or interview line "Sanders: Endorsements prove ...", "Q: How
 * ...", "EXCLUSIVE – Roger Stone: ...": a short name (or Q) and a colon
 * open a paragraph, or follow a dash in it. Answers ("A:") are left alone:
 * PolNeAR marks the attributions inside them instead. */
static gboolean
try_headline_colon (Ctx *c, const Sentence *s)
{
  guint colon = s->first + 1, name = s->first;
  gboolean named = FALSE;
  LedeSpan content;

  if (!paragraph_break_before (c, s->first))
    return FALSE;
  for (; colon < s->end && colon <= s->first + MAX_NP_TOKENS && !is_punct (c, colon, ':'); colon++)
    if (is_dash (c, colon))
      name = colon + 1;
  if (colon >= s->end || !is_punct (c, colon, ':') || name >= colon || !is_capitalized (c, name))
    return FALSE;
  for (guint i = name; i < colon; i++)
    {
      gint32 m = c->tok_mention[i];

      if (!np_token (c, i))
        return FALSE;
      named = named || (m >= 0 && (mention (c, (guint) m)->type == LEDE_ENTITY_PERSON
                                   || mention (c, (guint) m)->type == LEDE_ENTITY_ORG));
    }
  if (colon == name + 1 && word_is (c, name, "Q"))
    named = TRUE;
  /* a few words at least: "Clinton: 2,316" is a table row */
  if (!named || colon + MIN_COLON_CONTENT_TOKENS >= s->end
      || !content_to_end (c, colon + 1, s->end, &content))
    return FALSE;
  add_attr (c, LEDE_QUOTE_INDIRECT, tok_span (c, name, colon - 1), tok_span (c, colon, colon),
            &content, 1);
  return TRUE;
}

/* A credit line after a quote or a tweet: "“...”\n\n― Hillary Clinton.",
 * "... #RINO — Ben Jacobs (@Bencjacobs) September 1": a dash, then a name
 * that ends the sentence or comes with a handle. */
static gboolean
try_dash_credit (Ctx *c, const Sentence *s, guint dash)
{
  guint name = dash + 1, i;
  gboolean named = FALSE;
  LedeSpan parts[8];
  guint n = 0;

  if (!is_dash (c, dash) && !is_punct (c, dash, '-'))
    return FALSE;
  if (name >= s->end || !is_capitalized (c, name))
    return FALSE;
  for (i = name; i < s->end && i < name + MAX_NP_TOKENS && np_token (c, i); i++)
    named = named || (c->tok_mention[i] >= 0
                      && (mention (c, (guint) c->tok_mention[i])->type == LEDE_ENTITY_PERSON
                          || mention (c, (guint) c->tok_mention[i])->type == LEDE_ENTITY_ORG));
  /* the name ends the sentence, or a handle follows it: "(@Bencjacobs)" */
  if (!named || !(i >= s->end || is_punct (c, i, '.')
                  || (is_punct (c, i, '(') && i + 1 < s->end
                      && c->doc->text[tok (c, i + 1)->start] == '@')))
    return FALSE;
  while (i > name + 1 && is_final_punct (c, i - 1))
    i--;
  if (dash == s->first)
    {
      /* the credit opens its own line: the quote before it is the content */
      if (dash == 0 || !paragraph_break_before (c, dash) || c->tok_quote[dash - 1] < 0
          || g_array_index (c->quotes, Quote, c->tok_quote[dash - 1]).used)
        return FALSE;
      n = quote_parts (c, c->tok_quote[dash - 1], parts, G_N_ELEMENTS (parts));
    }
  else if (content_to_end (c, s->first, dash, &parts[0]))
    n = 1;
  if (n == 0)
    return FALSE;
  add_attr (c, n > 1 || dash == s->first ? LEDE_QUOTE_DIRECT : LEDE_QUOTE_INDIRECT,
            tok_span (c, name, i - 1), tok_span (c, dash, dash), parts, n);
  return TRUE;
}

/* "according to SOURCE, CONTENT", "CONTENT, according to SOURCE." and,
 * with a poll for source, "CONTENT in SOURCE", "In SOURCE, CONTENT": the
 * cue is n_cue tokens from i. */
static gboolean
try_source_phrase (Ctx *c, const Sentence *s, guint i, guint n_cue)
{
  LedeSpan source, parts[1], cue = tok_span (c, i, i + n_cue - 1);
  guint first = i + n_cue, j = first, src_end;
  gboolean poll = n_cue == 1;

  if (first >= s->end)
    return FALSE;
  while (j < s->end && !is_punct (c, j, ',') && !is_final_punct (c, j) && j < first + MAX_NP_TOKENS)
    {
      /* the poll's name ends the source: "in a CNN/ORC poll released Monday" */
      if (poll && word_in (c, j, poll_heads))
        {
          j++;
          break;
        }
      /* "in single digits in polls": a poll's name has no preposition */
      if (poll && word_in (c, j, np_stop_words))
        return FALSE;
      j++;
    }
  /* a named poll, not "in the polls" */
  if (j == first || (poll && (!word_in (c, j - 1, poll_heads) || j < first + MIN_POLL_TOKENS)))
    return FALSE;
  src_end = j;
  source = tok_span (c, first, src_end - 1);
  if (i > s->first + 1 && (is_punct (c, i - 1, ',') || (poll && !is_punct (c, i - 1, '('))))
    {
      if (!content_to_end (c, s->first, i - (is_punct (c, i - 1, ',') ? 1 : 0), &parts[0]))
        return FALSE;
    }
  else if (i == s->first || (i == s->first + 1 && tok (c, s->first)->kind == LEDE_TOKEN_WORD))
    {
      if (src_end >= s->end || !content_to_end (c, src_end + 1, s->end, &parts[0]))
        return FALSE;
    }
  else
    return FALSE;
  add_attr (c, LEDE_QUOTE_INDIRECT, source, cue, parts, 1);
  return TRUE;
}

/* Whether token i lies in the content of an attribution from index first on. */
static gboolean
inside_content (const Ctx *c, guint first, guint i)
{
  for (guint a = first; a < c->attrs->len; a++)
    {
      const LedeQuote *x = &g_array_index (c->attrs, LedeQuote, a);

      if (x->content.start <= tok (c, i)->start && tok (c, i)->end <= x->content.end)
        return TRUE;
    }
  return FALSE;
}

static void
annotate_sentence (Ctx *c, Sentence *s)
{
  guint before = c->attrs->len, after_question;
  Sentence rest = *s;  /* what the cue rules read: after a leading question */

  if (try_headline_colon (c, s))
    {
      s->last_attr = c->attrs->len - 1;
      return;
    }
  after_question = try_asked (c, s, s->first);
  if (after_question == 0 && s->first + 1 < s->end && word_in (c, s->first, question_openers))
    after_question = try_asked (c, s, s->first + 1);
  /* a question that is the whole sentence leaves nothing to read */
  if (after_question >= s->end)
    {
      s->last_attr = c->attrs->len - 1;
      return;
    }
  if (after_question > 0)
    rest.first = after_question;
  for (guint i = rest.first; i < s->end; i++)
    {
      guint flags;

      if (c->tok_quote[i] >= 0)
        {
          /* skip over a whole quote: its words are the speaker's, not cues */
          i = MAX (i, g_array_index (c->quotes, Quote, c->tok_quote[i]).close_tok);
          continue;
        }
      if (word_is (c, i, "according") && i + 1 < s->end && word_is (c, i + 1, "to")
          && try_source_phrase (c, &rest, i, 2))
        break;
      if (word_is (c, i, "in") && try_source_phrase (c, &rest, i, 1))
        break;
      /* "..., she said when asked about the fire" */
      if (i > rest.first && word_in (c, i - 1, question_openers) && word_is (c, i, "asked")
          && !inside_content (c, before, i))
        {
          guint after = try_asked (c, &rest, i);

          if (after > 0)
            {
              i = after - 1;
              continue;
            }
        }
      if (tok (c, i)->kind == LEDE_TOKEN_PUNCT && try_dash_credit (c, &rest, i))
        break;
      flags = cue_flags (c, i);
      if (flags == 0)
        {
          try_noun_cue (c, &rest, i);
          continue;
        }
      /* earlier attributions in this sentence keep their content; a cue inside it is nested */
      if ((flags & CUE_RAISING) ? try_raising (c, &rest, i)
          : (try_participle (c, &rest, i, flags)
             || (!inside_content (c, before, i) && try_trailing (c, &rest, i, flags))
             || try_leading (c, &rest, i, flags)))
        {
          const LedeQuote *a = &g_array_index (c->attrs, LedeQuote, c->attrs->len - 1);

          /* content after the cue: continue past it (a nested cue may follow) */
          if (a->content.start < a->cue.start)
            {
              while (i + 1 < s->end && tok (c, i + 1)->start < a->content.end
                     && tok (c, i + 1)->start < a->cue.end)
                i++;
            }
        }
    }

  if (c->attrs->len > before)
    s->last_attr = c->attrs->len - 1;
}

/* A quote opening a sentence that nobody claimed continues the attribution
 * before it: “...,” she said. “These cases take patience.” */
static void
continue_quote (Ctx *c, Sentence *s, const Sentence *prev)
{
  gint32 q;
  LedeQuote *a;
  LedeSpan parts[8];
  guint n;

  if (prev == NULL || prev->last_attr < 0 || s->last_attr >= 0)
    return;
  q = c->tok_quote[s->first];
  if (q < 0 || g_array_index (c->quotes, Quote, q).used
      || g_array_index (c->quotes, Quote, q).open_tok != s->first
      || is_phrase_quote (c, &g_array_index (c->quotes, Quote, q)))
    return;
  a = &g_array_index (c->attrs, LedeQuote, prev->last_attr);
  if (a->kind == LEDE_QUOTE_INDIRECT || a->first_part + a->n_parts != c->parts->len)
    return;
  n = quote_parts (c, q, parts, G_N_ELEMENTS (parts));
  g_array_append_vals (c->parts, parts, n);
  a->n_parts += n;
  a->content.end = parts[n - 1].end;
  s->last_attr = prev->last_attr;
}

/* --- sources to entities, and media reports ------------------------------ */

static gboolean
is_report_head (const Ctx *c, LedeSpan span)
{
  /* the last word of the source: "the report", "Chinese state media" */
  const char *s = c->doc->text + span.start, *e = c->doc->text + span.end, *w = e;
  g_autofree char *word = NULL;

  while (w > s && g_ascii_isalpha (w[-1]))
    w--;
  word = g_ascii_strdown (w, e - w);
  for (guint k = 0; report_heads[k] != NULL; k++)
    if (strcmp (word, report_heads[k]) == 0)
      return TRUE;
  return FALSE;
}

/* The entity named in a source span, best type first (a person or an
 * organization over a place or a nationality). */
static gint32
entity_in (const Ctx *c, LedeSpan span, guint *cursor, gboolean *media)
{
  const GArray *ms = c->doc->mentions;
  gint32 best = -1;
  int best_rank = 99;

  while (*cursor < ms->len && mention (c, *cursor)->end <= span.start)
    (*cursor)++;
  for (guint m = *cursor; m < ms->len && mention (c, m)->start < span.end; m++)
    {
      const LedeMention *x = mention (c, m);
      int rank;

      if (x->end > span.end)
        continue;
      switch (x->type)
        {
        case LEDE_ENTITY_PERSON: case LEDE_ENTITY_ORG: rank = 0; break;
        case LEDE_ENTITY_GPE: rank = 1; break;
        case LEDE_ENTITY_NORP: rank = 2; break;
        default: rank = 3; break;
        }
      if (rank < best_rank)
        {
          best_rank = rank;
          best = (gint32) m;
        }
    }
  *media = best >= 0 && mention (c, best)->media;
  return best >= 0 ? (gint32) mention (c, best)->entity : -1;
}

/* The entity of a pronoun or title the source ends with ("he", "the Chinese
 * president"), as the coreference layer resolved it; -1 if none. */
static gint32
reference_at_end (const Ctx *c, LedeSpan span)
{
  const GArray *refs = c->doc->references;
  guint lo = 0, hi = refs->len;

  /* references are in text order and never overlap */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (refs, LedeReference, mid).end < span.end)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < refs->len)
    {
      const LedeReference *r = &g_array_index (refs, LedeReference, lo);

      if (r->end == span.end && r->start >= span.start)
        return (gint32) r->entity;
    }
  return -1;
}

static guint
paragraph_of (const Ctx *c, guint32 offset, guint *cursor)
{
  const GArray *blocks = c->doc->blocks;

  while (*cursor + 1 < blocks->len
         && g_array_index (blocks, LedeBlock, *cursor).span.end <= offset)
    (*cursor)++;
  return *cursor;
}

static void
resolve (Ctx *c)
{
  guint cursor = 0, block_cursor = 0;
  gint32 last_report = -1;
  guint last_report_block = 0;

  for (guint i = 0; i < c->attrs->len; i++)
    {
      LedeQuote *a = &g_array_index (c->attrs, LedeQuote, i);
      gboolean media = FALSE;
      guint block = paragraph_of (c, a->cue.start ? a->cue.start : a->content.start, &block_cursor);

      if (LEDE_SPAN_IS_SET (a->source) && c->doc->mentions != NULL)
        {
          a->entity = c->doc->references ? reference_at_end (c, a->source) : -1;
          if (a->entity < 0)
            a->entity = entity_in (c, a->source, &cursor, &media);
        }
      if (media || (LEDE_SPAN_IS_SET (a->source) && is_report_head (c, a->source)))
        {
          if (a->entity < 0 && last_report >= 0)
            a->entity = g_array_index (c->attrs, LedeQuote, last_report).entity;
          a->kind = LEDE_QUOTE_REPORT;
          last_report = (gint32) i;
          last_report_block = block;
        }
      else if (last_report >= 0 && block - last_report_block <= REPORT_SCOPE_PARAGRAPHS)
        {
          /* the scope runs on while attributions keep following each other */
          a->reported_by = last_report;
          last_report_block = block;
        }
    }

  /* speech inside a report's content, before it in the text: "X said ..., Reuters reported" */
  for (guint i = 0; i < c->attrs->len; i++)
    {
      LedeQuote *r = &g_array_index (c->attrs, LedeQuote, i);

      if (r->kind != LEDE_QUOTE_REPORT)
        continue;
      for (gint64 j = (gint64) i - 1; j >= 0; j--)
        {
          LedeQuote *a = &g_array_index (c->attrs, LedeQuote, j);

          if (a->cue.end <= r->content.start)
            break;
          if (a->cue.start >= r->content.start && a->cue.end <= r->content.end)
            a->reported_by = (gint32) i;
        }
    }
}

/* Quotation marks that are not speech: names, titles and scare quotes. */
static void
classify_phrases (Ctx *c)
{
  guint cursor = 0;

  for (guint q = 0; q < c->quotes->len; q++)
    {
      const Quote *x = &g_array_index (c->quotes, Quote, q);
      LedeQuotedPhrase p = { .span = { x->start, x->end }, .kind = LEDE_QUOTED_SCARE };
      gboolean all_caps = TRUE, media, named;
      guint words = 0;

      if (x->used || !is_phrase_quote (c, x))
        continue;
      for (guint i = x->open_tok + 1; i < x->close_tok; i++)
        if (tok (c, i)->kind == LEDE_TOKEN_WORD)
          {
            words++;
            all_caps = all_caps && (is_capitalized (c, i)
                                    || word_in (c, i, (const char *const[]) { "of", "the", "and", "a", "in", "on", "for", "to", NULL }));
          }
      if (words == 0)
        continue;
      media = FALSE;
      named = c->doc->mentions != NULL
              && entity_in (c, (LedeSpan) { tok (c, x->open_tok + 1)->start,
                                            tok (c, x->close_tok - 1)->end }, &cursor, &media) >= 0;
      /* a newspaper or a show in title case is a title; other names are names */
      if (media || (all_caps && words > 1 && is_capitalized (c, x->open_tok + 1)))
        p.kind = LEDE_QUOTED_TITLE;
      else if (named)
        p.kind = LEDE_QUOTED_NAME;
      g_array_append_val (c->doc->quoted_phrases, p);
    }
}

static void
mark_tokens (Ctx *c)
{
  const LedeDoc *doc = c->doc;
  guint n = doc->tokens->len, t = 0;

  for (guint m = 0; doc->mentions && m < doc->mentions->len; m++)
    {
      const LedeMention *x = mention (c, m);

      /* a mention the tagger ran over a quotation mark names nothing reliable */
      for (guint i = x->first_token; i < x->first_token + x->n_tokens && i < n; i++)
        if (c->tok_quote[i] < 0 || tok (c, i)->kind != LEDE_TOKEN_PUNCT)
          c->tok_mention[i] = (gint32) m;
    }
  for (guint k = 0; doc->timexes && k < doc->timexes->len; k++)
    {
      const LedeTimex *x = &g_array_index (doc->timexes, LedeTimex, k);

      while (t < n && tok (c, t)->end <= x->start)
        t++;
      for (guint i = t; i < n && tok (c, i)->start < x->end; i++)
        c->tok_timex[i] = TRUE;
    }
}

void
lede_quotes_annotate (const LedeModel *model, LedeDoc *doc)
{
  guint n = doc->tokens->len;
  g_autofree gint32 *tok_quote = g_new (gint32, n + 1);
  g_autofree gint32 *tok_mention = g_new (gint32, n + 1);
  g_autofree guint8 *tok_timex = g_new0 (guint8, n + 1);
  g_autoptr(GArray) quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  Ctx c = {
    .doc = doc, .quotes = quotes, .tok_quote = tok_quote, .tok_mention = tok_mention,
    .tok_timex = tok_timex,
  };
  Sentence prev = { 0, 0, -1, 0 };
  gboolean have_prev = FALSE;
  guint prev_block = 0, block_cursor = 0;

  doc->quotes = g_array_new (FALSE, FALSE, sizeof (LedeQuote));
  doc->quote_parts = g_array_new (FALSE, FALSE, sizeof (LedeSpan));
  doc->quoted_phrases = g_array_new (FALSE, FALSE, sizeof (LedeQuotedPhrase));
  c.attrs = doc->quotes;
  c.parts = doc->quote_parts;
  for (guint i = 0; i <= n; i++)
    tok_quote[i] = tok_mention[i] = -1;

  pair_quotes (&c);
  mark_tokens (&c);

  for (guint k = 0; k < doc->sentences->len; k++)
    {
      const LedeSentence *ls = &g_array_index (doc->sentences, LedeSentence, k);
      guint end = ls->first_token + ls->n_tokens, block;

      if (ls->n_tokens == 0 || end > n)
        continue;
      block = paragraph_of (&c, ls->start, &block_cursor);
      /* A run-on "sentence" (text with no sentence punctuation) is read in
       * windows: real sentences are far shorter, and in one of 100,000 tokens
       * the nested cues would make time and output quadratic in its length. */
      for (guint first = ls->first_token; first < end; first += MAX_SENTENCE_TOKENS)
        {
          Sentence s = { first, MIN (first + MAX_SENTENCE_TOKENS, end), -1, doc->quotes->len };

          annotate_sentence (&c, &s);
          /* continuation runs on within a paragraph or into the next one */
          continue_quote (&c, &s, have_prev && block - prev_block <= 1 ? &prev : NULL);
          prev = s;
          prev_block = block;
          have_prev = TRUE;
        }
    }
  resolve (&c);
  classify_phrases (&c);
}
