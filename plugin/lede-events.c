/* lede-events.c — events: who met, visited, wrote to, agreed with, elected or
 * attacked whom, where and when.
 *
 * Rules over the token, sentence, entity, title, time and quote tables:
 *  - a trigger word from a small lexicon (verbs and a few nouns) or an
 *    attribution of the quotes layer starts an event mention;
 *  - a light clause analysis finds its participants: the subject left of the
 *    trigger (over auxiliaries, adverbs, "to" infinitives, "on being", a light
 *    verb before a noun trigger, "A and B"), the object right of it, and the
 *    prepositional phrases after it ("with", "to", "as", "by", "between", "in",
 *    "at"); a title stands for the person it is linked to;
 *  - its time is the nearest date in the same clause;
 *  - mentions of one event (the same type sharing a participant entity, close
 *    together, with no conflicting date) are merged.
 * Participants refer to entities only through LedeDoc.mentions, so they follow
 * whatever grouping the entity layers make. Every walk is bounded by a small
 * constant, so the layer is linear in the number of tokens. */
#include "lede-private.h"

#include <stdlib.h>
#include <string.h>

/* Walks left to a subject and right through a clause stop after these many tokens. */
#define MAX_LEFT_TOKENS   10
#define MAX_RIGHT_TOKENS  18
#define MAX_NP_TOKENS      7
#define MAX_NOUN_MODIFIERS 5
#define MAX_INFINITIVE_SKIP 6
#define MAX_PARENTHESIS_TOKENS 6
/* A date this far from the trigger (in tokens, within the clause) is its time. */
#define MAX_TIME_DISTANCE 16
#define MAX_STATEMENT_TIME_DISTANCE 4
/* An event keeps at most this many mentions (merging looks back LEDE_EVENT_LOOKBACK events). */
#define MAX_EVENT_MENTIONS 16
#define MAX_MENTION_ARGS  12

/* What the words after a trigger mean. */
enum {
  F_OBJ_OTHER   = 1 << 0,  /* the direct object is the other party: "met Medvedev" */
  F_OBJ_THEME   = 1 << 1,  /* the direct object is the theme: "signed a deal" */
  F_OBJ_DEST    = 1 << 2,  /* the direct object is the place visited: "visit the United States" */
  F_WITH        = 1 << 3,  /* "with X" is the other party */
  F_TO_RECIP    = 1 << 4,  /* "to X" is the recipient */
  F_TO_DEST     = 1 << 5,  /* "to X" is the destination */
  F_AS_POSITION = 1 << 6,  /* "as X" is the office: "re-elected as General Secretary" */
  F_AGAINST     = 1 << 7,  /* "against X" / "on X" is the other party */
  F_NOUN        = 1 << 8,  /* a noun: its agent may be a possessor or the subject of a light verb */
  F_PASSIVE     = 1 << 9,  /* a participle whose passive subject is the other party / theme */
};

typedef struct {
  const char   *word;
  LedeEventType type;
  const char   *cameo;
  guint         flags;
} Trigger;

#define MEET LEDE_EVENT_MEET
#define VISIT LEDE_EVENT_VISIT
#define COMM LEDE_EVENT_COMMUNICATE
#define STATE LEDE_EVENT_STATEMENT
#define AGREE LEDE_EVENT_AGREEMENT
#define ELECT LEDE_EVENT_ELECTION
#define APPOINT LEDE_EVENT_APPOINTMENT
#define CONFLICT LEDE_EVENT_CONFLICT
#define OO F_OBJ_OTHER
#define OT F_OBJ_THEME
#define OD F_OBJ_DEST
#define W F_WITH
#define TR F_TO_RECIP
#define TD F_TO_DEST
#define AS F_AS_POSITION
#define AG F_AGAINST
#define N F_NOUN
#define P F_PASSIVE
/* Looked up through word_table (). CAMEO root codes:
 * 03 intent to cooperate, 04 consult (meet, visit, call), 05 diplomatic
 * cooperation (praise, sign), 11 disapprove (accuse, sue), 13 threaten,
 * 14 protest, 16 reduce relations (sanctions), 17 coerce (arrest),
 * 18 assault, 19 fight. Elections and appointments have no CAMEO code. */
static const Trigger triggers[] = {
  { "accord", AGREE, "05", N | W },
  { "agreed", AGREE, "03", W | OT },
  { "agreement", AGREE, "05", N | W },
  { "agreements", AGREE, "05", N | W },
  { "agrees", AGREE, "03", W | OT },
  { "announce", STATE, "01", OT },
  { "announced", STATE, "01", OT | P },
  { "announces", STATE, "01", OT },
  { "appoint", APPOINT, NULL, OO | AS | P },
  { "appointed", APPOINT, NULL, OO | AS | P },
  { "appointment", APPOINT, NULL, N | AS },
  { "appoints", APPOINT, NULL, OO | AS | P },
  { "arrest", CONFLICT, "17", N | OO | P },
  { "arrested", CONFLICT, "17", OO | P },
  { "arrests", CONFLICT, "17", N | OO | P },
  { "attack", CONFLICT, "19", N | OO | AG | P },
  { "attacked", CONFLICT, "19", OO | P },
  { "attacks", CONFLICT, "19", N | OO | AG | P },
  { "bombed", CONFLICT, "19", OO | P },
  { "congratulate", COMM, "05", OO },
  { "congratulated", COMM, "05", OO | P },
  { "congratulates", COMM, "05", OO },
  { "congratulating", COMM, "05", OO },
  { "congratulations", COMM, "05", N | TR },
  { "deal", AGREE, "05", N | W },
  { "discussed", MEET, "04", OT | W | P },
  { "discusses", MEET, "04", OT | W },
  { "elect", ELECT, NULL, OO | AS | P },
  { "elected", ELECT, NULL, OO | AS | P },
  { "election", ELECT, NULL, N | AS },
  { "elects", ELECT, NULL, OO | AS | P },
  { "flew", VISIT, "04", TD },
  { "greeted", COMM, "05", OO | P },
  { "handed", COMM, NULL, OT | TR | P },
  { "hire", APPOINT, NULL, OO | AS | P },
  { "hired", APPOINT, NULL, OO | AS | P },
  { "hires", APPOINT, NULL, OO | AS | P },
  { "invaded", CONFLICT, "19", OD | P },
  { "lawsuit", CONFLICT, "11", N | AG },
  { "lawsuits", CONFLICT, "11", N | AG },
  { "meet", MEET, "04", OO | W },
  { "meeting", MEET, "04", N | W | OO },
  { "meetings", MEET, "04", N | W },
  { "meets", MEET, "04", OO | W },
  { "met", MEET, "04", OO | W | P },
  { "named", APPOINT, NULL, OO | AS | P },
  { "negotiated", AGREE, "04", OT | W | P },
  { "negotiations", MEET, "04", N | W },
  { "nominated", APPOINT, NULL, OO | AS | P },
  { "phoned", COMM, "04", OO | P },
  { "promoted", APPOINT, NULL, OO | AS | P },
  { "protest", CONFLICT, "14", N | AG },
  { "protested", CONFLICT, "14", AG },
  { "protests", CONFLICT, "14", N | AG },
  { "re-elected", ELECT, NULL, OO | AS | P },
  { "reelected", ELECT, NULL, OO | AS | P },
  { "resign", APPOINT, NULL, AS },
  { "resigned", APPOINT, NULL, AS },
  { "resigns", APPOINT, NULL, AS },
  { "sanctioned", CONFLICT, "16", OO | P },
  { "sanctions", CONFLICT, "16", N | AG },
  { "sent", COMM, NULL, OT | TR | P },
  { "shelled", CONFLICT, "19", OO | P },
  { "signed", AGREE, "05", OT | W | P },
  { "signing", AGREE, "05", OT | W },
  { "sue", CONFLICT, "11", OO | P },
  { "sued", CONFLICT, "11", OO | P },
  { "sues", CONFLICT, "11", OO | P },
  { "suing", CONFLICT, "11", OO },
  { "summit", MEET, "04", N | W },
  { "talked", MEET, "04", W },
  { "talks", MEET, "04", N | W },
  { "threatened", CONFLICT, "13", OO | P },
  { "traveled", VISIT, "04", TD },
  { "travelled", VISIT, "04", TD },
  { "trip", VISIT, "04", N | TD },
  { "visit", VISIT, "04", N | OD | TD },
  { "visited", VISIT, "04", OD | P },
  { "visits", VISIT, "04", N | OD | TD },
};
#undef MEET
#undef VISIT
#undef COMM
#undef STATE
#undef AGREE
#undef ELECT
#undef APPOINT
#undef CONFLICT
#undef OO
#undef OT
#undef OD
#undef W
#undef TR
#undef TD
#undef AS
#undef AG
#undef N
#undef P

/* Cue words of attributions whose CAMEO code is not 01 (make a public statement). */
static const struct {
  const char *word;
  const char *cameo;
} statement_codes[] = {
  { "urged", "02" }, { "appealed", "02" }, { "asked", "02" }, { "called", "02" },
  { "pledged", "03" }, { "promised", "03" }, { "vowed", "03" }, { "offered", "03" },
  { "agreed", "03" }, { "praised", "05" }, { "demanded", "10" }, { "criticized", "11" },
  { "criticised", "11" }, { "accused", "11" }, { "condemned", "11" }, { "alleged", "11" },
  { "charged", "11" }, { "denied", "12" }, { "rejected", "12" }, { "refused", "12" },
  { "warned", "13" }, { "threatened", "13" },
};

static const char *const aux_words[] = {
  "also", "already", "again", "be", "been", "being", "can", "could", "did", "do", "does",
  "had", "has", "have", "is", "are", "was", "were", "will", "would", "may", "might", "must",
  "should", "not", "n't", "never", "first", "then", "just", "later", "recently", "formally",
  "officially", "finally", "reportedly", "jointly", "personally", NULL
};

static const char *const be_words[] = {
  "be", "been", "being", "is", "are", "was", "were", NULL
};

/* Verbs whose object is a noun trigger: "held talks", "paid a visit". */
static const char *const light_verbs[] = {
  "held", "holds", "hold", "holding", "had", "has", "have", "paid", "pays", "made", "makes",
  "signed", "signs", "reached", "reach", "struck", "sent", "sends", "wrote", "write",
  "imposed", "imposes", "launched", "began", "started", "staged", "completed", "concluded",
  "announced", "won", "wins", "filed", "files", NULL
};

static const char *const determiners[] = {
  "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
  "my", "your", "some", "any", "all", "both", "each", "new", NULL
};

static const char *const subject_pronouns[] = {
  "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", NULL
};

/* Words a noun phrase never runs over. */
static const char *const np_stop_words[] = {
  "that", "which", "who", "whom", "whose", "because", "when", "while", "if", "as", "but",
  "so", "after", "before", "since", "although", "though", "where", "whether", "than", "in",
  "on", "at", "during", "with", "by", "from", "to", "into", "over", "under", "about",
  "against", "without", "through", "among", "until", "for", "of", "and", "or", "nor",
  "between", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had",
  "will", "would", "can", "could", "may", "might", "should", "must", "not", "said", "says",
  "say", "also", "then", "there", "here", "what", "how", "why", "to", "did", "does", "do",
  NULL
};

/* Words that end the clause a trigger's participants come from. */
static const char *const clause_words[] = {
  "that", "which", "who", "whom", "because", "when", "while", "if", "although", "though",
  "whereas", "but", "since", "unless", "where", NULL
};

/* Objects that make "meet" mean "achieve": "meet the targets". */
static const char *const achievements[] = {
  "target", "targets", "goal", "goals", "deadline", "deadlines", "demand", "demands",
  "standard", "standards", "requirement", "requirements", "need", "needs", "criteria",
  "expectations", "threshold", "quota", "obligations", "benchmark", "benchmarks", NULL
};

static const char *const prepositions[] = {
  "to", "in", "at", "for", "with", "from", "on", "into", "by", "of", "over", NULL
};

static const char *const particles[] = { "over", "up", "out", "off", "down", NULL };
static const char *const relatives[] = { "who", "which", NULL };

/* Word classes, looked up once per token. */
enum {
  W_AUX       = 1 << 0,
  W_BE        = 1 << 1,
  W_CLAUSE    = 1 << 2,
  W_DET       = 1 << 3,
  W_LIGHT     = 1 << 4,
  W_NP_STOP   = 1 << 5,
  W_PRONOUN   = 1 << 6,
  W_PARTICLE  = 1 << 7,
  W_RELATIVE  = 1 << 8,
  W_ACHIEVE   = 1 << 9,
  W_PREP      = 1 << 10,
};
/* the bits from here up hold the index + 1 of the word's entry in triggers[] */
#define TRIGGER_SHIFT 16

/* Lower-case word → its classes and trigger, built once and shared by every
 * thread (it never changes afterwards). */
static GHashTable *
word_table (void)
{
  static gsize table;

  if (g_once_init_enter (&table))
    {
      static const struct {
        const char *const *words;
        guint              word_class;
      } lists[] = {
        { aux_words, W_AUX }, { be_words, W_BE }, { clause_words, W_CLAUSE },
        { determiners, W_DET }, { light_verbs, W_LIGHT }, { np_stop_words, W_NP_STOP },
        { subject_pronouns, W_PRONOUN }, { particles, W_PARTICLE }, { relatives, W_RELATIVE },
        { achievements, W_ACHIEVE }, { prepositions, W_PREP },
      };
      GHashTable *words = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint k = 0; lists[l].words[k] != NULL; k++)
          {
            guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (words, lists[l].words[k]));

            g_hash_table_insert (words, (gpointer) lists[l].words[k],
                                 GUINT_TO_POINTER (bits | lists[l].word_class));
          }
      for (guint k = 0; k < G_N_ELEMENTS (triggers); k++)
        {
          guint bits = GPOINTER_TO_UINT (g_hash_table_lookup (words, triggers[k].word));

          g_hash_table_insert (words, (gpointer) triggers[k].word,
                               GUINT_TO_POINTER (bits | ((k + 1) << TRIGGER_SHIFT)));
        }
      g_once_init_leave (&table, (gsize) words);
    }
  return (GHashTable *) table;
}

typedef struct {
  const LedeDoc *doc;
  guint     n;            /* tokens */
  gint32   *tok_mention;  /* per token: the mention it is part of, or -1 */
  gint32   *tok_title;    /* per token: the title (with a person) it is part of, or -1 */
  gint32   *tok_timex;    /* per token: the DATE/TIME timex it is part of, or -1 */
  gint32   *tok_cue;      /* per token: the attribution whose cue it is in, or -1 */
  gint32   *tok_content;  /* per token: the innermost attribution whose content holds it, or -1 */
  guint32  *tok_word;     /* per token: its word classes (W_*) and trigger (TRIGGER_SHIFT) */
  GArray   *mentions;     /* LedeEventMention, in text order (event set by merge_mentions) */
  GArray   *types;        /* LedeEventType per mention */
  GPtrArray *cameos;      /* const char * per mention */
  GArray   *args;         /* LedeEventArg */
  guint     window_first; /* the first token of the sentence (or window) being read */
  gboolean  not_an_event; /* set by find_objects: the trigger means something else here */
} Ctx;

static inline const LedeToken *
tok (const Ctx *c, guint i)
{
  return &g_array_index (c->doc->tokens, LedeToken, i);
}

static inline gboolean
lower_word (const Ctx *c, guint i, char *buf, gsize size)
{
  return lede_token_lower (c->doc, i, buf, size);
}

static inline gboolean
has_class (const Ctx *c, guint i, guint word_class)
{
  return (c->tok_word[i] & word_class) != 0;
}

static inline gboolean
word_is (const Ctx *c, guint i, const char *word)
{
  return lede_token_word_is (c->doc, i, word);
}

static gboolean
is_punct (const Ctx *c, guint i)
{
  return tok (c, i)->kind == LEDE_TOKEN_PUNCT;
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

/* A word that may be part of a common noun phrase. */
static gboolean
is_np_word (const Ctx *c, guint i)
{
  LedeTokenKind kind = tok (c, i)->kind;

  if (kind == LEDE_TOKEN_NUMBER || kind == LEDE_TOKEN_MONEY || kind == LEDE_TOKEN_PERCENT
      || kind == LEDE_TOKEN_ABBREVIATION)
    return TRUE;
  if (kind == LEDE_TOKEN_PUNCT)
    return word_is (c, i, "-");
  return kind == LEDE_TOKEN_WORD && !has_class (c, i, W_NP_STOP);
}

static const Trigger *
trigger_at (const Ctx *c, guint i)
{
  guint32 k = c->tok_word[i] >> TRIGGER_SHIFT;

  return k > 0 ? &triggers[k - 1] : NULL;
}

/* "he and Xi discussed the partnership": talks between the parties, though the
 * quotes layer reads "discussed" as an attribution of what was talked about */
static gboolean
cue_is_talks (const Ctx *c, guint i)
{
  const Trigger *trigger = trigger_at (c, i);

  return trigger != NULL && trigger->type == LEDE_EVENT_MEET;
}

const char *
lede_event_type_to_string (LedeEventType type)
{
  static const char *const names[] = {
    "MEET", "VISIT", "COMMUNICATE", "STATEMENT", "AGREEMENT", "ELECTION", "APPOINTMENT",
    "CONFLICT",
  };

  return names[type];
}

const char *
lede_event_role_to_string (LedeEventRole role)
{
  static const char *const names[] = {
    "agent", "other", "theme", "recipient", "destination", "position", "place",
  };

  return names[role];
}

static gboolean
is_clause_end (const Ctx *c, guint i)
{
  if (is_punct (c, i))
    {
      gunichar ch = g_utf8_get_char (c->doc->text + tok (c, i)->start);

      return ch == ';' || ch == ':' || ch == '"' || ch == 0x201C || ch == 0x201D
             || ch == '(' || ch == ')' || ch == 0x2014 || ch == '?' || ch == '!';
    }
  return has_class (c, i, W_CLAUSE);
}

/* The token after a short parenthesis opening at i ("(left)", "(R-Texas)"),
 * or i when there is none. */
static guint
skip_parenthesis (const Ctx *c, guint i, guint end)
{
  if (i >= end || !word_is (c, i, "("))
    return i;
  for (guint k = i + 1; k < end && k - i <= MAX_PARENTHESIS_TOKENS; k++)
    if (word_is (c, k, ")"))
      return k + 1;
  return i;
}

static void
add_arg (Ctx *c, LedeEventMention *em, LedeEventRole role, LedeSpan span, gint32 mention)
{
  LedeEventArg arg = { role, span, mention };

  if (em->n_args >= MAX_MENTION_ARGS || !LEDE_SPAN_IS_SET (span))
    return;
  for (guint k = em->first_arg; k < em->first_arg + em->n_args; k++)
    {
      const LedeEventArg *x = &g_array_index (c->args, LedeEventArg, k);

      /* one participant, one role: the first reading wins */
      if (x->span.start < span.end && span.start < x->span.end)
        return;
    }
  g_array_append_val (c->args, arg);
  em->n_args++;
}

static const LedeMention *
mention_at (const Ctx *c, gint32 m)
{
  return &g_array_index (c->doc->mentions, LedeMention, m);
}

/* A trigger that is only a verb ("met", "signed"): no noun phrase runs over it. */
static gboolean
is_verb_trigger (const Ctx *c, guint i)
{
  const Trigger *tr = trigger_at (c, i);

  return tr != NULL && !(tr->flags & F_NOUN);
}

/* Where the noun phrase of a noun trigger opens: the determiner, possessive
 * or light verb before it, over a few modifiers ("a coordinated
 * attack", "the peace talks"). Returns the token after that word, or 0 when
 * there is none. */
static guint
noun_opening (const Ctx *c, guint t, guint first)
{
  for (guint i = t; i > first && t - i <= MAX_NOUN_MODIFIERS; i--)
    {
      guint j = i - 1;

      if (has_class (c, j, W_DET) || has_class (c, j, W_LIGHT) || word_is (c, j, "'s")
          || word_is (c, j, "\xE2\x80\x99s"))
        return i;
      if ((tok (c, j)->kind != LEDE_TOKEN_WORD && !word_is (c, j, "-")) || is_capitalized (c, j)
          || !is_np_word (c, j)
          || c->tok_mention[j] >= 0 || is_verb_trigger (c, j) || has_class (c, j, W_PRONOUN))
        return 0;
    }
  return 0;
}

/* A nationality or place used as a modifier: "the Chinese president", "the
 * Apple board". */
static gboolean
is_modifier_mention (const Ctx *c, guint i, guint end)
{
  const LedeMention *m = mention_at (c, c->tok_mention[i]);
  guint after = m->first_token + m->n_tokens;

  return after < end && after < c->n && tok (c, after)->kind == LEDE_TOKEN_WORD
         && !is_capitalized (c, after) && is_np_word (c, after) && c->tok_title[after] < 0;
}

/* A participant starting at token i, read rightwards: a mention, a title
 * standing for its person, a pronoun, or a common noun phrase (with a
 * possessor: "Putin's personally signed letter"). Returns the token after it. */
static guint
np_forward (const Ctx *c, guint i, guint end, LedeSpan *span, gint32 *mention)
{
  guint first = i, last;

  *mention = -1;
  if (i >= end)
    return i;
  /* "the Diaoyutai State Guesthouse", "visiting former Russian President Dmitry
   * Medvedev": determiners and modifiers before a name or a title */
  for (guint j = i; j < end && j - i < 4 && c->tok_mention[j] < 0 && c->tok_title[j] < 0
                    && (has_class (c, j, W_DET) || (is_np_word (c, j) && !is_capitalized (c, j))); j++)
    if (j + 1 < end && (c->tok_title[j + 1] >= 0 || (c->tok_mention[j + 1] >= 0
                                                     && !is_modifier_mention (c, j + 1, end))))
      {
        i = first = j + 1;
        break;
      }
  if (c->tok_title[i] >= 0)
    {
      const LedeTitle *t = &g_array_index (c->doc->titles, LedeTitle, c->tok_title[i]);
      const LedeMention *m = mention_at (c, t->mention);

      /* "President Xi Jinping": the title and its person */
      if (m->start >= tok (c, i)->start)
        {
          while (i < end && tok (c, i)->start < m->end)
            i++;
          *span = (LedeSpan) { tok (c, first)->start, m->end };
          *mention = t->mention;
          goto possessive;
        }
    }
  if (c->tok_mention[i] >= 0)
    {
      const LedeMention *m = mention_at (c, c->tok_mention[i]);

      *mention = c->tok_mention[i];
      while (i < end && tok (c, i)->start < m->end)
        i++;
      *span = (LedeSpan) { m->start, m->end };
      goto possessive;
    }
  if (has_class (c, i, W_PRONOUN))
    {
      *span = (LedeSpan) { tok (c, i)->start, tok (c, i)->end };
      return i + 1;
    }
  while (i < end && i - first < MAX_NP_TOKENS && (has_class (c, i, W_DET) || is_np_word (c, i))
         && c->tok_timex[i] < 0 && (i == first || !is_verb_trigger (c, i)))
    i++;
  if (i == first)
    return first;
  last = i - 1;
  /* a noun phrase ends on a noun, not on a determiner or a hyphen */
  while (last > first && (has_class (c, last, W_DET) || is_punct (c, last)))
    last--;
  if (has_class (c, last, W_DET) || is_punct (c, last))
    return first;
  *span = (LedeSpan) { tok (c, first)->start, tok (c, last)->end };
  return last + 1;

possessive:
  /* "Putin's letter": the thing possessed is the participant */
  if (i < end && (word_is (c, i, "'s") || word_is (c, i, "\xE2\x80\x99s") || word_is (c, i, "'")))
    {
      guint j = i + 1;

      while (j < end && j - i <= MAX_NP_TOKENS && is_np_word (c, j) && c->tok_mention[j] < 0)
        j++;
      if (j > i + 1)
        {
          span->end = tok (c, j - 1)->end;
          *mention = -1;
          return j;
        }
    }
  return i;
}

/* The first token of the participant ending at token i, read leftwards
 * (floor: the clause's first token). */
static gboolean
np_backward (const Ctx *c, guint i, guint floor, LedeSpan *span, gint32 *mention, guint *first)
{
  *mention = -1;
  if (c->tok_mention[i] >= 0)
    {
      const LedeMention *m = mention_at (c, c->tok_mention[i]);
      guint j = i;

      /* a title before its person belongs to the phrase */
      while (j > floor && tok (c, j - 1)->start >= m->start)
        j--;
      *mention = c->tok_mention[i];
      *span = (LedeSpan) { m->start, m->end };
      *first = j;
      /* a place or nationality inside a title stands for the title's person */
      if (c->tok_title[i] >= 0)
        {
          const LedeTitle *t = &g_array_index (c->doc->titles, LedeTitle, c->tok_title[i]);

          *mention = t->mention;
          *span = (LedeSpan) { mention_at (c, t->mention)->start, mention_at (c, t->mention)->end };
        }
      return TRUE;
    }
  if (c->tok_title[i] >= 0)
    {
      const LedeTitle *t = &g_array_index (c->doc->titles, LedeTitle, c->tok_title[i]);

      *mention = t->mention;
      *span = (LedeSpan) { mention_at (c, t->mention)->start, mention_at (c, t->mention)->end };
      *first = i;
      return TRUE;
    }
  if (has_class (c, i, W_PRONOUN))
    {
      *span = (LedeSpan) { tok (c, i)->start, tok (c, i)->end };
      *first = i;
      return TRUE;
    }
  if (!is_np_word (c, i) || is_capitalized (c, i) || has_class (c, i, W_DET)
      || tok (c, i)->kind != LEDE_TOKEN_WORD)
    return FALSE;
  {
    guint j = i;

    while (j > floor && i - j < MAX_NP_TOKENS && c->tok_mention[j - 1] < 0
           && !has_class (c, j - 1, W_DET) && is_np_word (c, j - 1))
      j--;
    /* only a phrase opened by a determiner reads as a subject: "the company" */
    if (j == floor || !has_class (c, j - 1, W_DET))
      return FALSE;
    j--;
    *span = (LedeSpan) { tok (c, j)->start, tok (c, i)->end };
    *first = j;
    return TRUE;
  }
}

/* The subject left of trigger t: adds the agent(s), or for a passive the
 * other party or theme. */
static void
find_subject (Ctx *c, LedeEventMention *em, const Trigger *tr, guint t, guint floor,
              gboolean passive)
{
  LedeEventRole role = LEDE_EVENT_ROLE_AGENT;
  LedeSpan span;
  gint32 m;
  guint first, i = t;

  if (passive)
    role = (tr->flags & F_OBJ_THEME) ? LEDE_EVENT_ROLE_THEME
           : (tr->flags & F_OBJ_DEST) ? LEDE_EVENT_ROLE_DESTINATION : LEDE_EVENT_ROLE_OTHER;
  /* "a coordinated attack": the modifiers are the noun's, not its subject */
  if ((tr->flags & F_NOUN) && noun_opening (c, t, floor) > 0)
    i = noun_opening (c, t, floor);
  while (i > floor && t - i < MAX_LEFT_TOKENS)
    {
      guint j = i - 1;

      /* "it was the attack": a noun after a copula has no subject */
      if ((tr->flags & F_NOUN) && has_class (c, j, W_BE))
        return;
      if (has_class (c, j, W_AUX) || is_adverb (c, j))
        {
          i = j;
          continue;
        }
      /* a noun trigger after a light verb and its determiner: "held talks", "paid a visit" */
      if ((tr->flags & F_NOUN) && (has_class (c, j, W_LIGHT) || has_class (c, j, W_DET)))
        {
          i = j;
          continue;
        }
      /* "congratulated Xi on being re-elected": the subject is the object before */
      if ((word_is (c, j, "on") || word_is (c, j, "after") || word_is (c, j, "for")) && i < t
          && word_is (c, i, "being"))
        {
          i = j;
          continue;
        }
      /* "Zelensky took a plane to visit": over the verb phrase before the infinitive */
      if (word_is (c, j, "to") && i == t)
        {
          guint k = j;

          while (k > floor && j - k < MAX_INFINITIVE_SKIP && !is_punct (c, k - 1)
                 && !has_class (c, k - 1, W_PRONOUN) && !has_class (c, k - 1, W_CLAUSE))
            {
              /* a name after a preposition is in the verb phrase: "flew to Tokyo to meet" */
              if (c->tok_mention[k - 1] >= 0)
                {
                  guint start = mention_at (c, c->tok_mention[k - 1])->first_token;

                  if (start <= floor || !has_class (c, start - 1, W_PREP))
                    break;
                  k = start;
                }
              k--;
            }
          i = k;
          continue;
        }
      break;
    }
  /* "Medvedev congratulated Xi ... and congratulated the Congress": the
   * subject of the verb before */
  if (i > floor && word_is (c, i - 1, "and") && !(tr->flags & F_NOUN) && !passive)
    {
      for (guint back = 2; back <= 4 && back <= c->mentions->len; back++)
        {
          const LedeEventMention *prev = &g_array_index (c->mentions, LedeEventMention,
                                                         c->mentions->len - back);
          gboolean found = FALSE;

          if (prev->trigger.start < tok (c, floor)->start)
            break;
          for (guint a = prev->first_arg; a < prev->first_arg + prev->n_args; a++)
            {
              LedeEventArg x = g_array_index (c->args, LedeEventArg, a);

              if (x.role == LEDE_EVENT_ROLE_AGENT)
                {
                  add_arg (c, em, LEDE_EVENT_ROLE_AGENT, x.span, x.mention);
                  found = TRUE;
                }
            }
          if (found)
            break;
        }
      return;
    }
  /* "Medvedev, who met Xi": the relative pronoun's antecedent */
  if (i > c->window_first + 2 && has_class (c, i - 1, W_RELATIVE)
      && word_is (c, i - 2, ","))
    {
      i -= 2;
      floor = c->window_first;
    }
  /* "The airline, which is the third largest in China, signed": the subject
   * before an apposition or a relative clause set off by commas */
  else if (i > c->window_first + 2 && word_is (c, i - 1, ","))
    {
      for (guint k = i - 2; k > c->window_first + 1 && i - k < 2 * MAX_LEFT_TOKENS; k--)
        if (word_is (c, k, ","))
          {
            if (np_backward (c, k - 1, c->window_first, &span, &m, &first))
              add_arg (c, em, role, span, m);
            return;
          }
      return;
    }
  else if (i <= floor || t - i >= MAX_LEFT_TOKENS || is_clause_end (c, i - 1) || is_punct (c, i - 1))
    return;
  /* "Xi Jinping's visit": the possessor of a noun trigger */
  if ((tr->flags & F_NOUN) && i > floor + 1 && (word_is (c, i - 1, "'s") || word_is (c, i - 1, "\xE2\x80\x99s")))
    i--;
  if (!np_backward (c, i - 1, floor, &span, &m, &first))
    return;
  add_arg (c, em, role, span, m);
  /* "he and Xi discussed", "Xi and Medvedev met" */
  if (first > floor + 1 && word_is (c, first - 1, "and")
      && np_backward (c, first - 2, floor, &span, &m, &first))
    add_arg (c, em, role, span, m);
}

/* Reads the words right of trigger t up to the clause's end: the object and
 * the prepositional phrases. */
static guint
find_objects (Ctx *c, LedeEventMention *em, const Trigger *tr, guint t, guint end,
              gboolean passive)
{
  LedeSpan span;
  gint32 m;
  guint i = t + 1, limit = MIN (end, t + 1 + MAX_RIGHT_TOKENS);
  gboolean object_done = passive || (tr->flags & F_NOUN);
  guint object_at;

  /* particles and adverbs: "handed over", "met briefly" */
  while (i < limit && (has_class (c, i, W_PARTICLE)
                       || is_adverb (c, i)))
    i++;
  object_at = i;
  for (;;)
    {
      gboolean is_place_prep;

      /* "met Medvedev (left) on the 21st" */
      i = skip_parenthesis (c, i, limit);
      if (i >= limit || is_clause_end (c, i))
        break;
      is_place_prep = word_is (c, i, "in") || word_is (c, i, "at");

      if (word_is (c, i, ","))
        {
          /* a comma before a new clause or list ends the reading, but
           * "in Beijing, China" keeps it */
          if (i + 1 < limit && c->tok_mention[i + 1] >= 0 && i > t + 1 && c->tok_mention[i - 1] >= 0
              && mention_at (c, c->tok_mention[i + 1])->type == LEDE_ENTITY_GPE)
            {
              i++;
              continue;
            }
          break;
        }
      if (word_is (c, i, "and") && (i + 1 >= limit || !(c->tok_mention[i + 1] >= 0
                                                         || has_class (c, i + 1, W_DET))))
        break;
      /* the object comes right after the verb */
      if (i != object_at)
        object_done = TRUE;
      if (!object_done && (tr->flags & (F_OBJ_OTHER | F_OBJ_THEME | F_OBJ_DEST))
          && !has_class (c, i, W_NP_STOP) && c->tok_timex[i] < 0)
        {
          guint next = np_forward (c, i, limit, &span, &m);
          LedeEventRole role = (tr->flags & F_OBJ_DEST) && m >= 0
                               && mention_at (c, m)->type != LEDE_ENTITY_PERSON
                                 ? LEDE_EVENT_ROLE_DESTINATION
                               : (tr->flags & F_OBJ_OTHER) && (m >= 0 || has_class (c, i, W_PRONOUN))
                                 ? LEDE_EVENT_ROLE_OTHER
                                 : LEDE_EVENT_ROLE_THEME;

          object_done = TRUE;
          if (next > i)
            {
              if (tr->type == LEDE_EVENT_MEET && m < 0 && has_class (c, next - 1, W_ACHIEVE))
                c->not_an_event = TRUE;
              add_arg (c, em, role, span, m);
              /* "met Xi and Putin" */
              if (next + 1 < limit && word_is (c, next, "and") && c->tok_mention[next + 1] >= 0)
                {
                  next = np_forward (c, next + 1, limit, &span, &m);
                  add_arg (c, em, role, span, m);
                }
              i = next;
              continue;
            }
        }
      if (i + 1 < limit && c->tok_timex[i + 1] < 0)
        {
          LedeEventRole role = LEDE_EVENT_ROLE_PLACE;
          gboolean want = FALSE, place_only = FALSE;

          if (word_is (c, i, "with") && (tr->flags & F_WITH))
            role = LEDE_EVENT_ROLE_OTHER, want = TRUE;
          else if (word_is (c, i, "to") && (tr->flags & (F_TO_RECIP | F_TO_DEST)))
            {
              role = (tr->flags & F_TO_DEST) ? LEDE_EVENT_ROLE_DESTINATION : LEDE_EVENT_ROLE_RECIPIENT;
              want = TRUE;
            }
          else if (word_is (c, i, "as") && (tr->flags & F_AS_POSITION))
            role = LEDE_EVENT_ROLE_POSITION, want = TRUE;
          else if ((word_is (c, i, "against") || word_is (c, i, "on")) && (tr->flags & F_AGAINST))
            role = LEDE_EVENT_ROLE_OTHER, want = TRUE;
          else if (word_is (c, i, "by") && (passive || (tr->flags & F_NOUN)))
            role = LEDE_EVENT_ROLE_AGENT, want = TRUE;
          else if (is_place_prep)
            want = place_only = TRUE;
          if (want)
            {
              guint next = np_forward (c, i + 1, limit, &span, &m);

              /* "to" before a lower-case word other than an article is an
               * infinitive: "flew to Rome to swim", "to meet Kishida" */
              if (word_is (c, i, "to") && c->tok_mention[i + 1] < 0 && c->tok_title[i + 1] < 0
                  && !is_capitalized (c, i + 1) && !has_class (c, i + 1, W_DET | W_PRONOUN))
                next = i + 1;
              if (next > i + 1)
                {
                  LedeEntityType type = m >= 0 ? mention_at (c, m)->type : LEDE_ENTITY_MISC;
                  gboolean is_place = m >= 0 && (type == LEDE_ENTITY_GPE || type == LEDE_ENTITY_LOC
                                                 || type == LEDE_ENTITY_FAC);

                  if (role == LEDE_EVENT_ROLE_POSITION)
                    {
                      /* the office runs on over "of the CPC Central Committee" */
                      while (next + 1 < limit && word_is (c, next, "of"))
                        {
                          LedeSpan of_span;
                          gint32 of_mention;
                          guint after = np_forward (c, next + 1, limit, &of_span, &of_mention);

                          if (after == next + 1)
                            break;
                          span.end = of_span.end;
                          next = after;
                        }
                      m = -1;
                    }
                  if (!place_only || is_place)
                    add_arg (c, em, place_only ? LEDE_EVENT_ROLE_PLACE : role, span, m);
                  i = next;
                  continue;
                }
            }
        }
      i++;
    }
  return i;
}

/* The DATE or TIME expression nearest the trigger within [floor, end). */
static gint32
find_time (const Ctx *c, guint t, guint floor, guint end, guint distance)
{
  gboolean comma_before = FALSE;

  for (guint d = 1; d <= distance; d++)
    {
      if (t + d < end && c->tok_timex[t + d] >= 0)
        return c->tok_timex[t + d];
      if (t < floor + d)
        continue;
      /* before a comma, only a date opening the sentence ("On Monday, ...")
       * dates this clause; another belongs to a clause of its own */
      if (c->tok_timex[t - d] >= 0 && (!comma_before || t - d <= c->window_first + 2))
        return c->tok_timex[t - d];
      comma_before = comma_before || word_is (c, t - d, ",");
    }
  return -1;
}

/* The first token of the clause holding t, within the sentence from first. */
static guint
clause_start (const Ctx *c, guint t, guint first)
{
  guint i = t;

  while (i > first && t - i < 3 * MAX_LEFT_TOKENS && !is_clause_end (c, i - 1))
    i--;
  return i;
}

static guint
clause_end (const Ctx *c, guint t, guint end)
{
  guint i = skip_parenthesis (c, t + 1, end);

  while (i < end && i - t < 2 * MAX_RIGHT_TOKENS && !is_clause_end (c, i))
    i = skip_parenthesis (c, i + 1, end);
  return i;
}

static LedeEventMention *
new_mention (Ctx *c, LedeEventType type, const char *cameo, LedeSpan trigger)
{
  LedeEventMention em = {
    .trigger = trigger, .first_arg = c->args->len, .timex = -1, .quote = -1, .reported_in = -1,
  };

  g_array_append_val (c->mentions, em);
  g_array_append_val (c->types, type);
  g_ptr_array_add (c->cameos, (gpointer) cameo);
  return &g_array_index (c->mentions, LedeEventMention, c->mentions->len - 1);
}

static gboolean
is_passive (const Ctx *c, guint t, guint floor)
{
  /* "was re-elected", "has been appointed", "on being re-elected" */
  for (guint i = t; i > floor && t - i < 3; i--)
    {
      if (has_class (c, i - 1, W_BE))
        return TRUE;
      if (!is_adverb (c, i - 1) && !word_is (c, i - 1, "also") && !word_is (c, i - 1, "not"))
        return FALSE;
    }
  return FALSE;
}

/* Words that make a trigger something else: "visiting professor", "the talks
 * show" are left alone when capitalized (a name) or inside a mention. */
static gboolean
is_trigger_use (const Ctx *c, guint t, const Trigger *tr)
{
  if (c->tok_mention[t] >= 0 || c->tok_title[t] >= 0 || c->tok_timex[t] >= 0)
    return FALSE;
  if (is_capitalized (c, t) && t > 0 && !is_clause_end (c, t - 1) && !is_punct (c, t - 1))
    return FALSE;
  /* "Meet the Press", "Visit Britain": a base form opening a sentence is a
   * name or an imperative */
  if (is_capitalized (c, t) && t == c->window_first && !g_str_has_suffix (tr->word, "ed")
      && !g_str_has_suffix (tr->word, "s") && !g_str_has_suffix (tr->word, "ing"))
    return FALSE;
  /* "Putin's personally signed letter", "the elected council": a participle as an adjective */
  if (!(tr->flags & F_NOUN) && t > 0 && t + 1 < c->n && is_np_word (c, t + 1)
      && !is_capitalized (c, t + 1) && !has_class (c, t + 1, W_DET)
      && (has_class (c, t - 1, W_DET) || word_is (c, t - 1, "'s")
          || (t > 1 && is_adverb (c, t - 1)
              && (has_class (c, t - 2, W_DET) || word_is (c, t - 2, "'s")))))
    return FALSE;
  /* "handed over ... letter": a noun that is already another event's participant */
  if (c->mentions->len > 0)
    {
      const LedeEventMention *last = &g_array_index (c->mentions, LedeEventMention,
                                                     c->mentions->len - 1);

      for (guint a = last->first_arg; a < last->first_arg + last->n_args; a++)
        {
          const LedeEventArg *x = &g_array_index (c->args, LedeEventArg, a);

          if (x->span.start <= tok (c, t)->start && tok (c, t)->end <= x->span.end)
            return FALSE;
        }
    }
  /* a noun trigger needs an article, a light verb or a possessor (over its
   * modifiers), or a following "with"/"between" */
  if ((tr->flags & F_NOUN) && !(tr->flags & (F_OBJ_OTHER | F_OBJ_THEME | F_OBJ_DEST)) && t > 0
      && noun_opening (c, t, c->window_first) == 0 && !is_adverb (c, t - 1)
      && !has_class (c, t - 1, W_AUX)
      && !(t + 1 < c->n && (word_is (c, t + 1, "with") || word_is (c, t + 1, "between"))))
    return FALSE;
  return TRUE;
}

/* A lexicon trigger at token t of the window [first, end) of a sentence. */
static void
annotate_trigger (Ctx *c, guint t, guint first, guint end)
{
  const Trigger *entry = trigger_at (c, t);
  Trigger use, *tr = &use;
  LedeEventMention *em;
  guint floor, cend, right;
  gboolean passive;

  if (entry == NULL || !is_trigger_use (c, t, entry))
    return;
  /* "visit", "meeting", "attack" are nouns or verbs: a verb unless a
   * determiner, a possessor or a light verb opens its noun phrase */
  use = *entry;
  if ((use.flags & F_NOUN) && (use.flags & (F_OBJ_OTHER | F_OBJ_THEME | F_OBJ_DEST))
      && noun_opening (c, t, first) == 0)
    use.flags &= ~F_NOUN;
  floor = clause_start (c, t, first);
  cend = clause_end (c, t, end);
  passive = (tr->flags & F_PASSIVE) && is_passive (c, t, floor);
  em = new_mention (c, tr->type, tr->cameo, (LedeSpan) { tok (c, t)->start, tok (c, t)->end });
  find_subject (c, em, tr, t, floor, passive);
  /* "talks between A and B" */
  if ((tr->flags & F_NOUN) && t + 3 < cend && word_is (c, t + 1, "between"))
    {
      LedeSpan span;
      gint32 m;
      guint next = np_forward (c, t + 2, cend, &span, &m);

      if (next > t + 2)
        add_arg (c, em, LEDE_EVENT_ROLE_AGENT, span, m);
      if (next + 1 < cend && word_is (c, next, "and")
          && np_forward (c, next + 1, cend, &span, &m) > next + 1)
        add_arg (c, em, LEDE_EVENT_ROLE_OTHER, span, m);
    }
  c->not_an_event = FALSE;
  right = find_objects (c, em, tr, t, cend, passive);
  if (c->not_an_event)
    {
      g_array_set_size (c->args, em->first_arg);
      g_array_set_size (c->mentions, c->mentions->len - 1);
      g_array_set_size (c->types, c->types->len - 1);
      g_ptr_array_set_size (c->cameos, (gint) c->cameos->len - 1);
      return;
    }
  em->timex = find_time (c, t, floor, MAX (right, MIN (cend, t + 4)), MAX_TIME_DISTANCE);
  em->reported_in = c->tok_content[t];
}

/* Statements: every attribution with a cue, except a news outlet's report
 * (it is how other events are known, and shows as their reported_by) and
 * "according to" (which names a source, not an act of saying). */
static void
add_statement (Ctx *c, guint q, guint cue_token, guint first, guint end)
{
  const LedeQuote *quote = &g_array_index (c->doc->quotes, LedeQuote, q);
  const char *cameo = "01";
  LedeEventMention *em;
  guint floor;

  for (guint k = 0; k < G_N_ELEMENTS (statement_codes); k++)
    for (guint i = cue_token; i < end && tok (c, i)->start < quote->cue.end; i++)
      if (word_is (c, i, statement_codes[k].word))
        cameo = statement_codes[k].cameo;
  em = new_mention (c, LEDE_EVENT_STATEMENT, cameo, quote->cue);
  em->quote = (gint32) q;
  if (LEDE_SPAN_IS_SET (quote->source))
    {
      gint32 m = -1;

      /* the source's entity mention, when the source holds one */
      for (guint i = first; i < end; i++)
        if (tok (c, i)->start >= quote->source.start && tok (c, i)->end <= quote->source.end
            && c->tok_mention[i] >= 0
            && mention_at (c, c->tok_mention[i])->entity == (guint32) quote->entity)
          {
            m = c->tok_mention[i];
            break;
          }
      /* a pronoun or a title the quotes layer resolved: its entity, through
       * the entity's naming mention */
      if (m < 0 && quote->entity >= 0)
        m = (gint32) g_array_index (c->doc->entities, LedeEntity, quote->entity).canonical;
      /* "the deal was announced", "it is believed": what is said, not who says it */
      add_arg (c, em, is_passive (c, cue_token + 1, cue_token) ? LEDE_EVENT_ROLE_THEME
                                                               : LEDE_EVENT_ROLE_AGENT,
               quote->source, m);
    }
  /* a statement's own date stands next to its cue ("said on Thursday"); one
   * further off mostly dates what was said */
  floor = clause_start (c, cue_token, first);
  em->timex = find_time (c, cue_token, floor, clause_end (c, cue_token, end), MAX_STATEMENT_TIME_DISTANCE);
  em->reported_in = quote->reported_by;
}

static void
mark_tokens (Ctx *c)
{
  const LedeDoc *doc = c->doc;
  guint n = c->n;

  GHashTable *words = word_table ();

  for (guint i = 0; i <= n; i++)
    c->tok_mention[i] = c->tok_title[i] = c->tok_timex[i] = c->tok_cue[i] = c->tok_content[i] = -1;
  for (guint i = 0; i < n; i++)
    {
      char buf[24];

      if (tok (c, i)->kind == LEDE_TOKEN_WORD && lower_word (c, i, buf, sizeof buf))
        c->tok_word[i] = GPOINTER_TO_UINT (g_hash_table_lookup (words, buf));
    }
  for (guint m = 0; doc->mentions && m < doc->mentions->len; m++)
    {
      const LedeMention *x = mention_at (c, (gint32) m);

      for (guint i = x->first_token; i < x->first_token + x->n_tokens && i < n; i++)
        c->tok_mention[i] = (gint32) m;
    }
  /* tables of spans in text order, each walked once against the tokens */
  for (guint k = 0, t = 0; doc->titles && k < doc->titles->len; k++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, k);

      if (x->mention < 0)
        continue;
      while (t > 0 && tok (c, t - 1)->end > x->start)
        t--;
      while (t < n && tok (c, t)->end <= x->start)
        t++;
      for (guint i = t; i < n && tok (c, i)->start < x->end; i++)
        c->tok_title[i] = (gint32) k;
    }
  for (guint k = 0, t = 0; doc->timexes && k < doc->timexes->len; k++)
    {
      const LedeTimex *x = &g_array_index (doc->timexes, LedeTimex, k);

      if (x->type != LEDE_TIMEX_DATE && x->type != LEDE_TIMEX_TIME)
        continue;
      while (t < n && tok (c, t)->end <= x->start)
        t++;
      for (guint i = t; i < n && tok (c, i)->start < x->end; i++)
        c->tok_timex[i] = (gint32) k;
    }
}

static int
content_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  const GArray *quotes = data;
  const LedeQuote *x = &g_array_index (quotes, LedeQuote, *(const guint32 *) a);
  const LedeQuote *y = &g_array_index (quotes, LedeQuote, *(const guint32 *) b);

  if (x->content.start != y->content.start)
    return x->content.start < y->content.start ? -1 : 1;
  return x->content.end > y->content.end ? -1 : x->content.end < y->content.end;
}

/* Cues and contents of the attributions, by token. Contents nest (a quote in
 * a report): the innermost wins, kept on a stack while the tokens are swept. */
static void
mark_quotes (Ctx *c)
{
  const GArray *quotes = c->doc->quotes;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) stack = NULL;
  guint n = c->n, next = 0;

  if (quotes == NULL)
    return;
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), quotes->len);
  stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 q = 0; q < quotes->len; q++)
    g_array_append_val (order, q);
  g_array_sort_with_data (order, content_cmp, (gpointer) quotes);
  for (guint i = 0; i < n; i++)
    {
      guint32 start = tok (c, i)->start;

      while (next < order->len
             && g_array_index (quotes, LedeQuote, g_array_index (order, guint32, next)).content.start <= start)
        g_array_append_val (stack, g_array_index (order, guint32, next++));
      while (stack->len > 0
             && g_array_index (quotes, LedeQuote,
                               g_array_index (stack, guint32, stack->len - 1)).content.end <= start)
        g_array_set_size (stack, stack->len - 1);
      if (stack->len > 0)
        c->tok_content[i] = (gint32) g_array_index (stack, guint32, stack->len - 1);
    }
  for (guint32 q = 0; q < quotes->len; q++)
    {
      const LedeQuote *x = &g_array_index (quotes, LedeQuote, q);
      guint lo = 0, hi = n;

      if (!LEDE_SPAN_IS_SET (x->cue))
        continue;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (tok (c, mid)->end <= x->cue.start)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint i = lo; i < n && tok (c, i)->start < x->cue.end; i++)
        c->tok_cue[i] = (gint32) q;
    }
}

/* An event's participant entities, for merging its mentions. */
typedef struct {
  LedeEventType type;
  const char   *cameo;
  const char   *time;       /* the value of its first dated mention */
  guint32       n_mentions;
  guint32       n_entities;
  guint32       entities[8];
} Draft;

static gboolean
draft_has_entity (const Draft *d, guint32 entity)
{
  for (guint k = 0; k < d->n_entities; k++)
    if (d->entities[k] == entity)
      return TRUE;
  return FALSE;
}

static gboolean
is_party_role (LedeEventRole role)
{
  return role == LEDE_EVENT_ROLE_AGENT || role == LEDE_EVENT_ROLE_OTHER
         || role == LEDE_EVENT_ROLE_RECIPIENT || role == LEDE_EVENT_ROLE_DESTINATION;
}

/* Mentions of one event: the same type, a participant entity in common, no
 * conflicting date, and close (among the last few events). Statements are
 * each their own event. Then the mentions are grouped by event. */
static void
merge_mentions (Ctx *c, LedeDoc *doc)
{
  guint nm = c->mentions->len;
  g_autoptr(GArray) drafts = g_array_new (FALSE, FALSE, sizeof (Draft));
  g_autofree guint32 *fill = NULL;

  for (guint k = 0; k < nm; k++)
    {
      LedeEventMention *em = &g_array_index (c->mentions, LedeEventMention, k);
      LedeEventType type = g_array_index (c->types, LedeEventType, k);
      const char *time = em->timex >= 0
                         ? g_array_index (doc->timexes, LedeTimex, em->timex).value : NULL;
      gint64 found = -1;
      Draft *d;

      /* statements and communications are each their own act */
      for (gint64 e = (gint64) drafts->len - 1;
           type != LEDE_EVENT_STATEMENT && type != LEDE_EVENT_COMMUNICATE && e >= 0 && drafts->len - e <= LEDE_EVENT_LOOKBACK && found < 0; e--)
        {
          const Draft *x = &g_array_index (drafts, Draft, e);

          if (x->type != type || x->n_mentions >= MAX_EVENT_MENTIONS
              || (time != NULL && x->time != NULL && strcmp (time, x->time) != 0))
            continue;
          for (guint a = em->first_arg; a < em->first_arg + em->n_args && found < 0; a++)
            {
              const LedeEventArg *arg = &g_array_index (c->args, LedeEventArg, a);

              if (arg->mention >= 0 && is_party_role (arg->role)
                  && draft_has_entity (x, mention_at (c, arg->mention)->entity))
                found = e;
            }
        }
      if (found < 0)
        {
          Draft fresh = { type, g_ptr_array_index (c->cameos, k), NULL, 0, 0, { 0 } };

          g_array_append_val (drafts, fresh);
          found = drafts->len - 1;
        }
      d = &g_array_index (drafts, Draft, found);
      d->n_mentions++;
      if (d->time == NULL)
        d->time = time;
      if (d->cameo == NULL)
        d->cameo = g_ptr_array_index (c->cameos, k);
      for (guint a = em->first_arg; a < em->first_arg + em->n_args; a++)
        {
          const LedeEventArg *arg = &g_array_index (c->args, LedeEventArg, a);
          guint32 entity;

          if (arg->mention < 0 || !is_party_role (arg->role))
            continue;
          entity = mention_at (c, arg->mention)->entity;
          if (d->n_entities < G_N_ELEMENTS (d->entities) && !draft_has_entity (d, entity))
            d->entities[d->n_entities++] = entity;
        }
      em->event = (guint32) found;
    }

  /* group the mentions by event (a counting sort keeps text order within each) */
  doc->events = g_array_sized_new (FALSE, FALSE, sizeof (LedeEvent), drafts->len);
  doc->event_mentions = g_array_sized_new (FALSE, FALSE, sizeof (LedeEventMention), nm);
  g_array_set_size (doc->event_mentions, nm);
  fill = g_new0 (guint32, drafts->len + 1);
  for (guint e = 0, first = 0; e < drafts->len; e++)
    {
      const Draft *d = &g_array_index (drafts, Draft, e);
      LedeEvent ev = { d->type, d->cameo, first, d->n_mentions, -1 };

      /* "Medvedev handed Xi a letter" after "Xi met Medvedev": a communication
       * between the parties of a meeting or visit just before is part of it */
      for (guint back = 1; d->type == LEDE_EVENT_COMMUNICATE && d->n_entities >= 2
                           && back <= LEDE_EVENT_LOOKBACK && back <= e && ev.part_of < 0; back++)
        {
          const Draft *host = &g_array_index (drafts, Draft, e - back);
          gboolean all = host->type == LEDE_EVENT_MEET || host->type == LEDE_EVENT_VISIT;

          for (guint k = 0; all && k < d->n_entities; k++)
            all = draft_has_entity (host, d->entities[k]);
          if (all)
            ev.part_of = (gint32) (e - back);
        }
      g_array_append_val (doc->events, ev);
      fill[e] = first;
      first += d->n_mentions;
    }
  for (guint k = 0; k < nm; k++)
    {
      const LedeEventMention *em = &g_array_index (c->mentions, LedeEventMention, k);

      g_array_index (doc->event_mentions, LedeEventMention, fill[em->event]++) = *em;
    }
}

void
lede_events_annotate (const LedeModel *model, LedeDoc *doc)
{
  guint n = doc->tokens->len;
  g_autofree gint32 *tok_mention = g_new (gint32, n + 1);
  g_autofree gint32 *tok_title = g_new (gint32, n + 1);
  g_autofree gint32 *tok_timex = g_new (gint32, n + 1);
  g_autofree gint32 *tok_cue = g_new (gint32, n + 1);
  g_autofree gint32 *tok_content = g_new (gint32, n + 1);
  g_autofree guint32 *tok_word = g_new0 (guint32, n + 1);
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (LedeEventMention));
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (LedeEventType));
  g_autoptr(GPtrArray) cameos = g_ptr_array_new ();
  Ctx c = {
    .doc = doc, .n = n, .tok_mention = tok_mention, .tok_title = tok_title,
    .tok_timex = tok_timex, .tok_cue = tok_cue, .tok_content = tok_content, .tok_word = tok_word,
    .mentions = mentions, .types = types, .cameos = cameos,
    .args = g_array_new (FALSE, FALSE, sizeof (LedeEventArg)),
  };

  mark_tokens (&c);
  mark_quotes (&c);
  for (guint k = 0; k < doc->sentences->len; k++)
    {
      const LedeSentence *ls = &g_array_index (doc->sentences, LedeSentence, k);
      guint end = ls->first_token + ls->n_tokens;

      if (ls->n_tokens == 0 || end > n)
        continue;
      /* a run-on "sentence" is read in windows, as the quotes layer reads it */
      for (guint first = ls->first_token; first < end; first += 160)
        {
          guint wend = MIN (first + 160, end);

          c.window_first = first;
          for (guint t = first; t < wend; t++)
            if (tok_cue[t] >= 0 && (t == 0 || tok_cue[t - 1] != tok_cue[t])
                && g_array_index (doc->quotes, LedeQuote, tok_cue[t]).kind != LEDE_QUOTE_REPORT
                && !word_is (&c, t, "according") && !cue_is_talks (&c, t))
              add_statement (&c, (guint) tok_cue[t], t, first, wend);
            else if (tok_cue[t] < 0 || cue_is_talks (&c, t))
              annotate_trigger (&c, t, first, wend);
        }
    }
  merge_mentions (&c, doc);
  doc->event_args = c.args;
  (void) model;
}
