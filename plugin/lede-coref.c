/* lede-coref.c — coreference: every entity one object with all its
 * mentions, names or not, its roles, its related entities and its salience.
 *
 * Deterministic sieves, strongest first, each over what the last left:
 *  -. mentions mended first: a one-word maker's name before a model number
 *     takes it in and becomes a product ("Boeing 737s"), and a place written
 *     onto a currency sign ("US$40") is no mention;
 *  0. a name the tagger found once is a mention wherever it is written alike
 *     among lower-case words, and so is a person's family name alone
 *     (unless it reads as a date: "in May") and a product's model number;
 *  1. names: the entities layer has joined equal texts and bare surnames;
 *     here names equal but for "the", a possessive or dots ("U.S."/"US"),
 *     a few fixed aliases ("Britain"), acronyms of a longer name ("CPC" of
 *     "Communist Party of China"), an organization's first word ("Northrop"
 *     of "Northrop Grumman"), a product's model number ("the A380") and a
 *     family name after an honorific ("Mrs. Lopez") join their entities;
 *  2. titles used as names ("the former Russian president") join the latest
 *     person who holds that role (same head word, same country, both former
 *     or neither);
 *  3. class nouns ("the company", "the country") join the most salient
 *     entity of their kind (a business, a country, another place) in a
 *     window of sentences;
 *  4. pronouns join the best entity that agrees: a person for "he"/"she"
 *     (gender from an honorific or a first name that is only a woman's or
 *     a man's, also alone), an organization, country or thing for "it", an
 *     organization or group for "they" (only on a strong fit); scored by
 *     sentence distance, subject position, nearness and how often the
 *     entity was named (Lappin and Leass's idea).
 * Every candidate search looks back over a bounded window, so the layer is
 * linear in the article's length. Pronouns and nouns that find no entity are
 * not reported. */
#include "lede-private.h"

#include <string.h>

const char *
lede_reference_kind_to_string (LedeReferenceKind kind)
{
  static const char *const names[] = { "pronoun", "title", "nominal" };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "pronoun";
}

/* first-name-genders.txt: "Name f" or "Name m" a line; '#' starts a comment.
 * Read into one lower-cased copy whose lines the table's keys point into:
 * no allocation per name, so making an annotator stays quick. */
struct _LedeFirstNames {
  char       *text;
  GHashTable *genders;   /* name → LEDE_GENDER_* */
};

void
lede_first_names_free (LedeFirstNames *names)
{
  if (names == NULL)
    return;
  g_clear_pointer (&names->genders, g_hash_table_unref);
  g_free (names->text);
  g_free (names);
}

LedeFirstNames *
lede_first_names_new (GError **error)
{
  g_autoptr(GBytes) bytes = lede_model_resource ("gazetteers/first-name-genders.txt", error);
  LedeFirstNames *names;
  gsize len;
  char *line, *end;
  guint number = 0;

  if (bytes == NULL)
    return NULL;
  names = g_new0 (LedeFirstNames, 1);
  names->text = g_ascii_strdown (g_bytes_get_data (bytes, &len), -1);
  names->genders = g_hash_table_new (g_str_hash, g_str_equal);
  for (line = names->text; *line != '\0'; line = end)
    {
      char *space;

      end = strchr (line, '\n');
      end = end ? end + 1 : line + strlen (line);
      number++;
      if (*line == '#' || *line == '\n')
        continue;
      space = memchr (line, ' ', end - line);
      if (space == NULL || space + 1 >= end || (space[1] != 'f' && space[1] != 'm')
          || (space[2] != '\n' && space[2] != '\0'))
        {
          g_set_error (error, LEDE_ERROR, LEDE_ERROR_INTERNAL,
                       "first-name-genders.txt line %u is not \"Name f\" or \"Name m\"", number);
          lede_first_names_free (names);
          return NULL;
        }
      *space = '\0';
      g_hash_table_insert (names->genders, line,
                           GUINT_TO_POINTER (space[1] == 'f' ? LEDE_GENDER_FEMALE : LEDE_GENDER_MALE));
    }
  return names;
}

/* how far back a search goes */
#define WINDOW_SENTENCES   3    /* the pronoun's sentence and the two before it */
#define THEY_WINDOW_SENTENCES 2
#define THEY_MIN_SCORE     130  /* of best_candidate's scores */
#define WINDOW_CANDIDATES  64
#define TITLE_WINDOW       256  /* titles are strong cues: they look further back */
#define ACRONYM_MAX        8
#define LONGEST_WORD       15   /* the longest word of the lists below */
#define LONGEST_NAME       31   /* longer first names are not looked up */


/* what a pronoun or a class noun may refer to */
enum {
  FIT_PERSON = 1 << 0,
  FIT_ORG    = 1 << 1,
  FIT_PLACE  = 1 << 2,
  FIT_GROUP  = 1 << 3,   /* NORP: "the Russians ... they" */
  FIT_THING  = 1 << 4,   /* products, works, facilities */
  FIT_COUNTRY = 1 << 5,  /* a GPE in the country gazetteer; other places are FIT_PLACE */
  FIT_BUSINESS = 1 << 6, /* an ORG that is no public body ("Boeing", not "Air Force") */
};

typedef struct {
  const char *word;
  guint       len;
  guint       fits;
  guint       gender;
} PronounEntry;

#define W(word) word, sizeof word - 1

static const PronounEntry pronouns[] = {
  { W ("he"), FIT_PERSON, LEDE_GENDER_MALE }, { W ("him"), FIT_PERSON, LEDE_GENDER_MALE },
  { W ("his"), FIT_PERSON, LEDE_GENDER_MALE }, { W ("himself"), FIT_PERSON, LEDE_GENDER_MALE },
  { W ("she"), FIT_PERSON, LEDE_GENDER_FEMALE }, { W ("her"), FIT_PERSON, LEDE_GENDER_FEMALE },
  { W ("hers"), FIT_PERSON, LEDE_GENDER_FEMALE }, { W ("herself"), FIT_PERSON, LEDE_GENDER_FEMALE },
  /* no "itself": after a noun it is mostly emphatic ("the matter itself"); a
   * city is seldom "it" in news, a country or a company often */
  { W ("it"), FIT_ORG | FIT_COUNTRY | FIT_THING, 0 }, { W ("its"), FIT_ORG | FIT_COUNTRY | FIT_THING, 0 },
  { W ("they"), FIT_ORG | FIT_GROUP, 0 }, { W ("them"), FIT_ORG | FIT_GROUP, 0 },
  { W ("their"), FIT_ORG | FIT_GROUP, 0 }, { W ("theirs"), FIT_ORG | FIT_GROUP, 0 },
  { W ("themselves"), FIT_ORG | FIT_GROUP, 0 },
};

/* class nouns that stand for a named entity after "the" */
static const PronounEntry class_nouns[] = {
  { W ("company"), FIT_BUSINESS, 0 }, { W ("firm"), FIT_BUSINESS, 0 }, { W ("group"), FIT_ORG, 0 },
  { W ("corporation"), FIT_BUSINESS, 0 }, { W ("manufacturer"), FIT_BUSINESS, 0 }, { W ("maker"), FIT_BUSINESS, 0 },
  { W ("airline"), FIT_BUSINESS, 0 }, { W ("carrier"), FIT_BUSINESS, 0 }, { W ("organization"), FIT_ORG, 0 },
  { W ("organisation"), FIT_ORG, 0 }, { W ("agency"), FIT_ORG, 0 }, { W ("party"), FIT_ORG, 0 },
  { W ("team"), FIT_ORG, 0 }, { W ("club"), FIT_ORG, 0 }, { W ("bank"), FIT_ORG, 0 },
  { W ("country"), FIT_COUNTRY, 0 }, { W ("nation"), FIT_COUNTRY, 0 }, { W ("city"), FIT_PLACE, 0 },
  { W ("capital"), FIT_PLACE, 0 }, { W ("town"), FIT_PLACE, 0 }, { W ("island"), FIT_PLACE, 0 },
};

/* last words of the names of public bodies, which "the company" is not */
static const char *const public_heads[] = {
  "force", "forces", "army", "navy", "office", "department", "ministry", "agency", "council",
  "committee", "commission", "court", "government", "parliament", "senate", "congress",
  "assembly", "administration", "police", "service", "bureau", "authority", "union",
  "nations", "organization", "organisation", "party", "university", "school", NULL
};

/* names of a country that share no acronym or text */
static const char *const aliases[][2] = {
  { "britain", "united kingdom" }, { "great britain", "united kingdom" },
  { "america", "united states" }, { "united states of america", "united states" },
  { "holland", "netherlands" }, { "burma", "myanmar" },
};

/* words before a mention that make it no subject */
static const char *const non_subject_before[] = {
  "of", "with", "to", "in", "on", "at", "by", "for", "from", "about", "against", "into",
  "between", "than", "and", "or", "over", "under", "after", "before", "through", "met",
  "meet", "meeting", "visit", "visited", "told", "called", NULL
};

/* words after "it" that make it pleonastic ("it is hoped that", "it seems") */
static const char *const pleonastic_verbs[] = {
  "is", "was", "'s", "seems", "seemed", "appears", "appeared", "remains", "would", "will",
  "has", "had", "may", "might", "could", "should", "must", "becomes", "became", NULL
};

static const char *const articles[] = { "the", NULL };
static const char *const determiners[] = { "the", "a", "an", NULL };
static const char *const male_honorifics[] = { "mr", "mr.", "sir", "king", "prince", NULL };
static const char *const female_honorifics[] = { "mrs", "mrs.", "ms", "ms.", "miss", "madam",
                                                  "queen", "princess", "lady", NULL };
static const char *const honorifics[] = { "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss",
                                          "dr", "dr.", "sir", NULL };

typedef struct {
  LedeDoc  *doc;
  guint     n_tokens;
  guint32  *sentence_of;     /* token → sentence */
  guint32  *title_heads;     /* per title: the token of its role's head word */
  /* entities as sets: union-find over the entities layer's groups */
  guint32  *parent;
  guint8   *gender;          /* per entity (root) */
  gboolean *country;         /* per entity (root): a GPE named as a country */
  gboolean *business;        /* per entity (root): an ORG that is no public body */
  guint32  *named_count;     /* named mentions seen so far in the sweep, per root */
  /* the sweep's candidates, in text order */
  GArray   *cands;           /* Candidate */
  /* per-root scratch for scoring a pronoun */
  gint32   *score;
  guint32  *stamp;
  guint32   clock;
} Ctx;

typedef struct {
  guint32 token;      /* first token */
  guint32 sentence;
  guint32 entity;     /* root */
  guint   fits;       /* FIT_* of the entity's type */
  gint8   subject;    /* is_subject (), worked out when first scored; -1 before */
  gboolean named;
} Candidate;

static const LedeToken *
tok (const LedeDoc *doc, guint i)
{
  return &g_array_index (doc->tokens, LedeToken, i);
}

static LedeMention *
mention_at (const LedeDoc *doc, guint m)
{
  return &g_array_index (doc->mentions, LedeMention, m);
}

static gboolean
tok_in (const LedeDoc *doc, guint i, const char *const *words)
{
  const LedeToken *t = tok (doc, i);
  gsize len = t->end - t->start;
  char lower[LONGEST_WORD + 1];

  /* on the hot path (every token, every candidate): lower-case once, and
   * compare the first letter before the rest */
  if (len > LONGEST_WORD)
    return FALSE;
  for (gsize b = 0; b < len; b++)
    lower[b] = g_ascii_tolower (doc->text[t->start + b]);
  lower[len] = '\0';
  for (guint k = 0; words[k] != NULL; k++)
    if (words[k][0] == lower[0] && strcmp (words[k], lower) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
tok_is (const LedeDoc *doc, guint i, const char *word)
{
  return tok_in (doc, i, (const char *const[]) { word, NULL });
}

static guint
type_fits (LedeEntityType type)
{
  switch (type)
    {
    case LEDE_ENTITY_PERSON: return FIT_PERSON;
    case LEDE_ENTITY_ORG: return FIT_ORG;
    case LEDE_ENTITY_GPE: case LEDE_ENTITY_LOC: return FIT_PLACE;
    case LEDE_ENTITY_NORP: return FIT_GROUP;
    default: return FIT_THING;
    }
}

static guint32
find_root (Ctx *c, guint32 e)
{
  while (c->parent[e] != e)
    {
      c->parent[e] = c->parent[c->parent[e]];
      e = c->parent[e];
    }
  return e;
}

/* Joins two entities whose types agree: a person only with a person, a
 * nationality only with a nationality, names of things with each other. */
static void
join (Ctx *c, guint32 a, guint32 b)
{
  LedeEntityType ta, tb;

  a = find_root (c, a);
  b = find_root (c, b);
  if (a == b)
    return;
  ta = g_array_index (c->doc->entities, LedeEntity, a).type;
  tb = g_array_index (c->doc->entities, LedeEntity, b).type;
  if ((ta == LEDE_ENTITY_PERSON) != (tb == LEDE_ENTITY_PERSON)
      || (ta == LEDE_ENTITY_NORP) != (tb == LEDE_ENTITY_NORP))
    return;
  /* the earlier entity stays the root: ids follow first mentions */
  if (a < b)
    c->parent[b] = a;
  else
    c->parent[a] = b;
}

/* 1 when a PERSON name opens with an honorific ("Mrs. Lopez"), else 0 */
static guint
honorific_tokens (const LedeDoc *doc, const LedeMention *m)
{
  return m->type == LEDE_ENTITY_PERSON && m->n_tokens >= 2 && m->first_token != G_MAXUINT32
         && tok_in (doc, m->first_token, honorifics);
}

static char *
last_word (const LedeDoc *doc, const LedeMention *m)
{
  const LedeToken *l = tok (doc, m->first_token + m->n_tokens - 1);

  return g_strndup (doc->text + l->start, l->end - l->start);
}

/* Puts `mentions` in the place of the document's, and follows the titles'
 * links: new_index maps an old mention to its new place, or G_MAXUINT32 when
 * it is gone. */
static void
replace_mentions (LedeDoc *doc, const GArray *mentions, const guint32 *new_index)
{
  for (guint t = 0; t < doc->titles->len; t++)
    {
      LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

      if (x->mention >= 0)
        x->mention = new_index[x->mention] == G_MAXUINT32 ? -1 : (gint32) new_index[x->mention];
    }
  g_array_set_size (doc->mentions, 0);
  g_array_append_vals (doc->mentions, mentions->data, mentions->len);
}

/* --- currency prefixes --------------------------------------------------- */

/* A place written onto a currency sign ("US$40", "HK$2") is part of the
 * amount, not a mention of the place: such mentions are dropped (an entity
 * left with no mention disappears when the entities are renumbered). */
static gboolean
is_currency_prefix (const LedeDoc *doc, const LedeMention *x)
{
  return x->type == LEDE_ENTITY_GPE && x->end < doc->len && doc->text[x->end] == '$';
}

static void
drop_currency_prefixes (Ctx *c)
{
  LedeDoc *doc = c->doc;
  g_autoptr(GArray) kept = NULL;
  g_autofree guint32 *new_index = NULL;
  guint first = 0;

  /* most articles have none: nothing copied then */
  while (first < doc->mentions->len && !is_currency_prefix (doc, mention_at (doc, first)))
    first++;
  if (first == doc->mentions->len)
    return;
  kept = g_array_sized_new (FALSE, FALSE, sizeof (LedeMention), doc->mentions->len);
  new_index = g_new (guint32, doc->mentions->len);
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *x = mention_at (doc, i);

      if (is_currency_prefix (doc, x))
        new_index[i] = G_MAXUINT32;
      else
        {
          new_index[i] = kept->len;
          g_array_append_val (kept, *x);
        }
    }
  replace_mentions (doc, kept, new_index);
}

/* --- products: a maker's name and a model number -------------------------- */

#define MODEL_MAX_LEN 12

/* A model number: letters, digits and hyphens with at least one digit,
 * opening with a capital or a digit ("A380", "737s", "777-200LR"); digits
 * alone only as three ("747": four would be a year, fewer a count). */
static gboolean
is_model_number (const LedeDoc *doc, guint i)
{
  const LedeToken *t = tok (doc, i);
  const char *s = doc->text + t->start;
  gsize len = t->end - t->start;
  guint digits = 0;

  if (len < 2 || len > MODEL_MAX_LEN || !(g_ascii_isupper (s[0]) || g_ascii_isdigit (s[0])))
    return FALSE;
  for (gsize b = 0; b < len; b++)
    {
      if (g_ascii_isdigit (s[b]))
        digits++;
      else if (!g_ascii_isalpha (s[b]) && s[b] != '-')
        return FALSE;
    }
  return digits > 0 && (digits < len || len == 3);
}

/* "Boeing 737s", "Airbus A380": a maker's name the tagger stopped short of
 * its model number (one word, then the number) names a product, not the maker; the mention takes in the
 * number and becomes an entity of its own (sieve_names joins the products
 * written alike). Runs before the entities are counted. */
static void
extend_model_names (LedeDoc *doc)
{
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      LedeMention *m = mention_at (doc, i);
      guint next = m->first_token + m->n_tokens;
      LedeEntity product = { LEDE_ENTITY_MISC, i, FALSE, 0 };

      /* a maker's name is one word: "American Airlines 777" is an airline's
       * plane, "Adam Air Flight 574" a flight */
      if (m->first_token == G_MAXUINT32 || m->n_tokens != 1 || next >= doc->tokens->len
          || (m->type != LEDE_ENTITY_ORG && m->type != LEDE_ENTITY_PERSON && m->type != LEDE_ENTITY_MISC)
          || tok (doc, next)->start != m->end + 1 || doc->text[m->end] != ' '
          || !is_model_number (doc, next)
          || (i + 1 < doc->mentions->len && mention_at (doc, i + 1)->start < tok (doc, next)->end))
        continue;
      m->end = tok (doc, next)->end;
      m->n_tokens++;
      m->type = LEDE_ENTITY_MISC;
      m->media = FALSE;
      m->entity = doc->entities->len;
      g_array_append_val (doc->entities, product);
    }
}

/* --- sieve 0: names the tagger missed once ------------------------------- */

#define PROPAGATE_MAX_TOKENS 4

static gboolean
capitalized (const LedeDoc *doc, guint i)
{
  return g_ascii_isupper (doc->text[tok (doc, i)->start]);
}

/* Whether a one-word date at token i ("May") reads as a name: no
 * preposition or determiner before it, no number after it. */
static gboolean
name_not_date (const LedeDoc *doc, const LedeTimex *t, guint i)
{
  static const char *const date_before[] = {
    "in", "on", "since", "by", "until", "till", "from", "to", "during", "last", "next", "early",
    "late", "mid", "of", "this", "that", "before", "after", "through", "between", NULL
  };

  return t->start == tok (doc, i)->start && t->end == tok (doc, i)->end
         && (i == 0 || !tok_in (doc, i - 1, date_before))
         && (i + 1 >= doc->tokens->len || !g_ascii_isdigit (doc->text[tok (doc, i + 1)->start]));
}

/* A filter of the names' (length, first byte) pairs: most capitalized words
 * are no known name, and are passed over without building a key. */
#define KEY_FILTER_LENGTHS 64
#define KEY_FILTER_BYTES (KEY_FILTER_LENGTHS * 256 / 8)

static void
note_key (guint8 *filter, const char *key)
{
  gsize len = strlen (key);
  guint bit = (guint) (MIN (len, KEY_FILTER_LENGTHS - 1) * 256 + (guchar) key[0]);

  filter[bit / 8] |= 1u << (bit % 8);
}

static gboolean
may_be_key (const guint8 *filter, const char *text, gsize len)
{
  guint bit = (guint) (MIN (len, KEY_FILTER_LENGTHS - 1) * 256 + (guchar) text[0]);

  return (filter[bit / 8] >> (bit % 8)) & 1;
}

/* Notes that text, owned from here on, is written by mention i; the first
 * mention to write it keeps it. */
static void
offer_spelling (GHashTable *by_text, guint8 *keys, char *text, guint i)
{
  if (g_hash_table_contains (by_text, text))
    {
      g_free (text);
      return;
    }
  note_key (keys, text);
  g_hash_table_insert (by_text, text, GUINT_TO_POINTER (i));
}

/* A name the tagger found is a name wherever else the article writes it the
 * same way, standing alone among lower-case words ("Apple" in a headline the
 * tagger left untagged): those places become mentions of its entity. */
static void
propagate_names (Ctx *c)
{
  LedeDoc *doc = c->doc;
  guint n = doc->tokens->len, m = 0, timex = 0;
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (LedeMention));
  g_autoptr(GArray) merged = NULL;
  g_autofree guint32 *new_index = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  guint8 keys[KEY_FILTER_BYTES] = { 0 };

  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *x = mention_at (doc, i);

      if (x->first_token != G_MAXUINT32 && x->n_tokens <= PROPAGATE_MAX_TOKENS
          && g_ascii_isupper (doc->text[x->start]))
        offer_spelling (by_text, keys, g_strndup (doc->text + x->start, x->end - x->start), i);
    }
  /* a product's model number alone ("the A380" after "Airbus A380") */
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *x = mention_at (doc, i);
      guint model = x->first_token + x->n_tokens - 1;

      if (x->type != LEDE_ENTITY_MISC || x->first_token == G_MAXUINT32 || x->n_tokens < 2
          || !is_model_number (doc, model) || !capitalized (doc, model))
        continue;
      offer_spelling (by_text, keys,
                      g_strndup (doc->text + tok (doc, model)->start,
                                 tok (doc, model)->end - tok (doc, model)->start), i);
    }
  /* a person's family name alone ("May" after "Theresa May"), which the
   * tagger may take for a common word */
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *x = mention_at (doc, i);

      if (x->type != LEDE_ENTITY_PERSON || x->first_token == G_MAXUINT32 || x->n_tokens < 2
          || honorific_tokens (doc, x))
        continue;
      offer_spelling (by_text, keys, last_word (doc, x), i);
    }
  if (g_hash_table_size (by_text) == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      guint run = 0, from;

      while (m < doc->mentions->len && mention_at (doc, m)->end <= tok (doc, i)->start)
        m++;
      /* not in a date: "in May" is no Theresa May */
      while (timex < doc->timexes->len && g_array_index (doc->timexes, LedeTimex, timex).end <= tok (doc, i)->start)
        timex++;
      if (timex < doc->timexes->len && g_array_index (doc->timexes, LedeTimex, timex).start < tok (doc, i)->end
          && !name_not_date (doc, &g_array_index (doc->timexes, LedeTimex, timex), i))
        continue;
      /* not inside a longer capitalized run, unless it opens a sentence */
      if (!capitalized (doc, i)
          || (i > 0 && capitalized (doc, i - 1) && c->sentence_of[i - 1] == c->sentence_of[i]))
        continue;
      /* the capitalized run from i, clear of any mention */
      while (i + run < n && run < PROPAGATE_MAX_TOKENS && capitalized (doc, i + run)
             && !(m < doc->mentions->len && mention_at (doc, m)->start < tok (doc, i + run)->end))
        run++;
      if (run == 0 || (i + run < n && capitalized (doc, i + run)))
        continue;
      /* "The A380 will fly": the sentence's capital "The" is no part of the name */
      from = run >= 2 && lede_token_word_is (doc, i, "the") ? i + 1 : i;
      if (!may_be_key (keys, doc->text + tok (doc, from)->start,
                       tok (doc, i + run - 1)->end - tok (doc, from)->start))
        {
          i += run - 1;
          continue;
        }
      g_string_assign (key, "");
      g_string_append_len (key, doc->text + tok (doc, from)->start,
                           tok (doc, i + run - 1)->end - tok (doc, from)->start);
      {
        gpointer source;

        if (g_hash_table_lookup_extended (by_text, key->str, NULL, &source))
          {
            LedeMention x = *mention_at (doc, GPOINTER_TO_UINT (source));

            x.start = tok (doc, from)->start;
            x.end = tok (doc, i + run - 1)->end;
            x.first_token = from;
            x.n_tokens = i + run - from;
            g_array_append_val (found, x);
          }
      }
      i += run - 1;
    }
  if (found->len == 0)
    return;

  /* both lists are in text order: merge them once, and follow the titles'
   * links to the mentions' new places */
  merged = g_array_sized_new (FALSE, FALSE, sizeof (LedeMention), doc->mentions->len + found->len);
  new_index = g_new (guint32, doc->mentions->len);
  for (guint i = 0, k = 0; i < doc->mentions->len || k < found->len;)
    {
      if (k >= found->len
          || (i < doc->mentions->len && mention_at (doc, i)->start <= g_array_index (found, LedeMention, k).start))
        {
          new_index[i] = merged->len;
          g_array_append_val (merged, *mention_at (doc, i));
          i++;
        }
      else
        g_array_append_val (merged, g_array_index (found, LedeMention, k++));
    }
  replace_mentions (doc, merged, new_index);
}

/* --- sieve 1: names ------------------------------------------------------ */

/* A name's key, written into key: lower case, without a leading "the", a
 * trailing possessive and dots; or a fixed alias's name. */
#define NAME_KEY_SIZE 128
static const char *
name_key (const LedeDoc *doc, const LedeMention *m, char *key, gsize size)
{
  const char *s = doc->text + m->start, *e = doc->text + m->end;
  gsize n = 0;

  if (e - s > 4 && g_ascii_strncasecmp (s, "the ", 4) == 0)
    s += 4;
  if (e - s > 2 && (strncmp (e - 2, "'s", 2) == 0))
    e -= 2;
  /* a name longer than the buffer is keyed by its start */
  for (; s < e && n + 1 < size; s++)
    if (*s != '.')
      key[n++] = g_ascii_tolower (*s);
  key[n] = '\0';
  for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
    if (strcmp (key, aliases[a][0]) == 0)
      return aliases[a][1];
  return key;
}

static gboolean
is_acronym (const char *s, gsize len)
{
  guint letters = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isupper (s[i]))
        letters++;
      else if (s[i] != '.')
        return FALSE;
    }
  return letters >= 2 && letters <= ACRONYM_MAX;
}

/* The initials of a name of several capitalized words, skipping function
 * words ("Communist Party of China" → "cpc"); NULL when it has none. */
static char *
initials (const LedeDoc *doc, const LedeMention *m)
{
  char buf[ACRONYM_MAX + 1];
  guint n = 0;

  if (m->n_tokens < 2 || m->first_token == G_MAXUINT32)
    return NULL;
  for (guint i = m->first_token; i < m->first_token + m->n_tokens; i++)
    {
      const char *s = doc->text + tok (doc, i)->start;

      if (tok_in (doc, i, (const char *const[]) { "of", "the", "and", "for", "&", "'s", NULL }))
        continue;
      if (!g_ascii_isupper (s[0]) || n == ACRONYM_MAX)
        return NULL;
      buf[n++] = g_ascii_tolower (s[0]);
    }
  if (n < 2)
    return NULL;
  buf[n] = '\0';
  return g_strdup (buf);
}

/* Notes that a part of a longer name (a family name, a first word, a model
 * number: taken, owned by the table) stands for the name's entity: the
 * entity + 1, or 0 once two entities share the part. */
static void
note_part (Ctx *c, GHashTable *by_part, char *part, guint32 entity)
{
  guint root = find_root (c, entity) + 1;
  gpointer had;

  if (!g_hash_table_lookup_extended (by_part, part, NULL, &had))
    g_hash_table_insert (by_part, part, GUINT_TO_POINTER (root));
  else if (GPOINTER_TO_UINT (had) != 0 && GPOINTER_TO_UINT (had) != root)
    g_hash_table_insert (by_part, part, GUINT_TO_POINTER (0));
  else
    g_free (part);
}

/* Joins a mention to the entity whose name's part its last word is, when
 * only one entity has that part. */
static void
join_by_part (Ctx *c, GHashTable *by_part, const LedeMention *m)
{
  g_autofree char *part = last_word (c->doc, m);
  guint e = GPOINTER_TO_UINT (g_hash_table_lookup (by_part, part));

  if (e > 0)
    join (c, e - 1, m->entity);
}

static void
sieve_names (Ctx *c)
{
  LedeDoc *doc = c->doc;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_initials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* first word of a longer ORG name → its entity + 1, or 0 when two differ */
  g_autoptr(GHashTable) by_first_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* family name of a full PERSON name → its entity + 1, or 0 when two differ */
  g_autoptr(GHashTable) by_surname = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* model number of a product ("A380" of "Airbus A380") → its entity + 1, or 0 */
  g_autoptr(GHashTable) by_model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *m = mention_at (doc, i);
      char buf[NAME_KEY_SIZE];
      const char *key = name_key (doc, m, buf, sizeof buf);
      char *abbr;
      gpointer found;

      if (g_hash_table_lookup_extended (by_key, key, NULL, &found))
        join (c, GPOINTER_TO_UINT (found), m->entity);
      else
        g_hash_table_insert (by_key, g_strdup (key), GUINT_TO_POINTER (m->entity));
      if (m->type != LEDE_ENTITY_PERSON && m->type != LEDE_ENTITY_NORP
          && (abbr = initials (doc, m)) != NULL)
        {
          if (g_hash_table_contains (by_initials, abbr))
            g_free (abbr);
          else
            g_hash_table_insert (by_initials, abbr, GUINT_TO_POINTER (m->entity));
        }
      if (m->type == LEDE_ENTITY_PERSON && m->first_token != G_MAXUINT32
          && m->n_tokens - honorific_tokens (doc, m) >= 2)
        note_part (c, by_surname, last_word (doc, m), m->entity);
      if (m->type == LEDE_ENTITY_ORG && m->n_tokens >= 2 && m->first_token != G_MAXUINT32)
        {
          const LedeToken *f = tok (doc, m->first_token);

          note_part (c, by_first_word, g_strndup (doc->text + f->start, f->end - f->start), m->entity);
        }
      if (m->type == LEDE_ENTITY_MISC && m->n_tokens >= 2 && m->first_token != G_MAXUINT32
          && !tok_in (doc, m->first_token, articles)
          && is_model_number (doc, m->first_token + m->n_tokens - 1))
        note_part (c, by_model, last_word (doc, m), m->entity);
    }
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *m = mention_at (doc, i);
      const char *s = doc->text + m->start;
      gsize len = m->end - m->start;
      gpointer found;

      /* "Mrs. Lopez" after "Ana Lopez" */
      if (honorific_tokens (doc, m) && m->n_tokens == 2)
        join_by_part (c, by_surname, m);
      /* "the A380": a model number alone, the tagger's "the" aside */
      if (m->type == LEDE_ENTITY_MISC && m->n_tokens == 2 && tok_in (doc, m->first_token, articles))
        join_by_part (c, by_model, m);
      if (m->n_tokens != 1 || m->type == LEDE_ENTITY_PERSON || m->type == LEDE_ENTITY_NORP)
        continue;
      if (is_acronym (s, len))
        {
          char buf[NAME_KEY_SIZE];
          const char *key = name_key (doc, m, buf, sizeof buf);

          if (g_hash_table_lookup_extended (by_initials, key, NULL, &found))
            join (c, GPOINTER_TO_UINT (found), m->entity);
        }
      if (m->type == LEDE_ENTITY_ORG || m->type == LEDE_ENTITY_MISC)
        join_by_part (c, m->type == LEDE_ENTITY_ORG ? by_first_word : by_model, m);
    }
}

/* --- the sweep: titles, class nouns and pronouns ------------------------- */

/* Whether a mention starting at token reads as a subject: the word before
 * it, past determiners and a capitalized title ("with French President X"),
 * is no preposition or verb of meeting. */
static gboolean
is_subject (const LedeDoc *doc, guint token)
{
  guint k = token;

  while (k > 0 && token - k < 4
         && (g_ascii_isupper (doc->text[tok (doc, k - 1)->start]) || tok_in (doc, k - 1, determiners)))
    k--;
  return k == 0 || !tok_in (doc, k - 1, non_subject_before);
}

static void
add_candidate (Ctx *c, guint token, guint32 entity, gboolean named)
{
  const LedeDoc *doc = c->doc;
  guint32 root = find_root (c, entity);
  const LedeToken *t = tok (doc, token);
  Candidate x = {
    .token = token,
    .sentence = c->sentence_of[token],
    .entity = root,
    .fits = c->country[root] ? FIT_COUNTRY
            : type_fits (g_array_index (doc->entities, LedeEntity, root).type)
              | (c->business[root] ? FIT_BUSINESS : 0),
    .named = named,
    .subject = -1,
  };

  /* a nationality is a group "they" may stand for only as a plural noun
   * ("the Russians"), not as an adjective ("Russian troops") */
  if (x.fits == FIT_GROUP && doc->text[t->end - 1] != 's')
    x.fits = 0;

  if (named)
    c->named_count[root]++;
  g_array_append_val (c->cands, x);
}

static void
add_reference (Ctx *c, guint first, guint last, LedeReferenceKind kind, guint32 entity,
               gint32 title)
{
  LedeReference r = {
    .start = tok (c->doc, first)->start,
    .end = tok (c->doc, last)->end,
    .kind = kind,
    .entity = entity,
    .title = title,
  };

  g_array_append_val (c->doc->references, r);
  add_candidate (c, first, entity, FALSE);
}

/* the role's head word: the title's last token before "of" */
static guint
title_head (const LedeDoc *doc, const LedeTitle *t, guint first)
{
  guint head = first;

  for (guint i = first; i < doc->tokens->len && tok (doc, i)->end <= t->end; i++)
    {
      if (i > first && tok_is (doc, i, "of"))
        break;
      head = i;
    }
  return head;
}

/* The first token starting at or after a byte offset. */
static guint
token_at (const LedeDoc *doc, guint32 offset)
{
  guint lo = 0, hi = doc->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tok (doc, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
same_word (const LedeDoc *doc, guint a, guint b)
{
  const LedeToken *x = tok (doc, a), *y = tok (doc, b);

  return x->end - x->start == y->end - y->start
         && g_ascii_strncasecmp (doc->text + x->start, doc->text + y->start, x->end - x->start) == 0;
}

/* whether two country spans name the same country: "Chinese" and "China"
 * share their first four letters */
static gboolean
same_country (const LedeDoc *doc, LedeSpan a, LedeSpan b)
{
  if (!LEDE_SPAN_IS_SET (a) || !LEDE_SPAN_IS_SET (b))
    return TRUE;
  if (a.end - a.start < 4 || b.end - b.start < 4)
    return a.end - a.start == b.end - b.start
           && g_ascii_strncasecmp (doc->text + a.start, doc->text + b.start, a.end - a.start) == 0;
  return g_ascii_strncasecmp (doc->text + a.start, doc->text + b.start, 4) == 0;
}

/* A title with no person next to it, after "the", names the latest person
 * with the same role. */
static void
resolve_title (Ctx *c, guint32 t_index, guint first)
{
  LedeDoc *doc = c->doc;
  LedeTitle *t = &g_array_index (doc->titles, LedeTitle, t_index);
  guint head = c->title_heads[t_index], last;
  guint seen = 0;

  if (first == 0 || !tok_in (doc, first - 1, articles))
    return;
  last = token_at (doc, t->end) - 1;
  /* titles are in text order: look back over the earlier linked ones */
  for (gint64 k = (gint64) t_index - 1; k >= 0 && seen < TITLE_WINDOW; k--, seen++)
    {
      const LedeTitle *o = &g_array_index (doc->titles, LedeTitle, k);

      if (o->entity < 0)
        continue;
      if (!same_word (doc, head, c->title_heads[k]) || o->former != t->former
          || !same_country (doc, t->country, o->country))
        continue;
      t->entity = (gint32) find_root (c, (guint32) o->entity);
      add_reference (c, first - 1, last, LEDE_REFERENCE_TITLE, (guint32) t->entity,
                     (gint32) t_index);
      return;
    }
}

/* Scores the candidates in the window for a reference at token i that fits
 * `fits`; returns the best root, or -1 (its score is then in c->score). */
static gint32
best_candidate (Ctx *c, guint i, guint fits, guint gender, guint window, gboolean want_named)
{
  guint sentence = c->sentence_of[i];
  gint32 best = -1, best_score = G_MININT32;
  guint seen = 0, rank = 0;

  c->clock++;
  for (gint64 k = (gint64) c->cands->len - 1; k >= 0 && seen < WINDOW_CANDIDATES; k--, seen++)
    {
      Candidate *x = &g_array_index (c->cands, Candidate, k);
      guint32 e = find_root (c, x->entity);
      guint distance = sentence - x->sentence;
      gint32 s;

      if (distance >= window)
        break;
      if (!(x->fits & fits) || (want_named && !x->named))
        continue;
      if (gender != LEDE_GENDER_UNKNOWN && c->gender[e] != LEDE_GENDER_UNKNOWN && c->gender[e] != gender)
        continue;
      s = distance == 0 ? 100 : distance == 1 ? 60 : 30;
      if (x->subject < 0)
        x->subject = is_subject (c->doc, x->token);
      if (x->subject)
        s += 40;
      /* the nearest fitting mentions: recency within the window */
      s += rank < 2 ? 20 - 10 * (gint32) rank : 0;
      rank++;
      s += 10 * (gint32) MIN (c->named_count[e], 5);
      /* an entity scores as its best mention; on a tie the nearer wins */
      if (c->stamp[e] != c->clock || s > c->score[e])
        {
          c->stamp[e] = c->clock;
          c->score[e] = s;
        }
      if (c->score[e] > best_score)
        {
          best_score = c->score[e];
          best = (gint32) e;
        }
    }
  return best;
}

static const PronounEntry *
lookup (const LedeDoc *doc, guint i, const PronounEntry *table, guint n)
{
  const LedeToken *t = tok (doc, i);
  gsize len = t->end - t->start;
  char first = g_ascii_tolower (doc->text[t->start]);

  if (len > LONGEST_WORD)
    return NULL;
  for (guint k = 0; k < n; k++)
    if (table[k].len == len && table[k].word[0] == first
        && g_ascii_strncasecmp (doc->text + t->start, table[k].word, len) == 0)
      return &table[k];
  return NULL;
}

/* "It is hoped that", "it seems": no entity */
static gboolean
is_pleonastic (const LedeDoc *doc, guint i)
{
  guint n = doc->tokens->len;

  if (i + 1 >= n || !tok_in (doc, i + 1, pleonastic_verbs))
    return FALSE;
  for (guint k = i + 2; k < n && k <= i + 4; k++)
    if (tok_is (doc, k, "that") || tok_is (doc, k, "to") || tok_is (doc, k, "as")
        || tok_is (doc, k, "if"))
      return TRUE;
  return FALSE;
}

static void
resolve_pronoun (Ctx *c, guint i, const PronounEntry *p)
{
  gint32 e;

  if ((p->fits & FIT_THING) && is_pleonastic (c->doc, i))
    return;
  /* "they" is mostly people nobody names: an organization only when near */
  e = best_candidate (c, i, p->fits, p->gender,
                      p->fits & FIT_GROUP ? THEY_WINDOW_SENTENCES : WINDOW_SENTENCES, FALSE);
  /* an unresolved "they" is better than a wrong one: it takes an entity
   * only when the fit is strong (named in its own sentence, or the nearest
   * subject of the sentence before) */
  if (e < 0 || ((p->fits & FIT_GROUP) && c->score[e] < THEY_MIN_SCORE))
    return;
  add_reference (c, i, i, LEDE_REFERENCE_PRONOUN, (guint32) e, -1);
}

/* "the company", "the aircraft maker": "the", at most one lower-case word,
 * then a class noun not followed by "of" or a name */
static guint
resolve_class_noun (Ctx *c, guint i)
{
  LedeDoc *doc = c->doc;
  guint n = doc->tokens->len;

  if (tok (doc, i)->end - tok (doc, i)->start != 3 || !tok_in (doc, i, articles))
    return i;
  for (guint k = i + 1; k < n && k <= i + 2; k++)
    {
      const PronounEntry *p = lookup (doc, k, class_nouns, G_N_ELEMENTS (class_nouns));
      gint32 e;

      if (!g_ascii_islower (doc->text[tok (doc, k)->start]))
        return i;
      if (p == NULL)
        continue;
      if (k + 1 < n && (tok_is (doc, k + 1, "of") || g_ascii_isupper (doc->text[tok (doc, k + 1)->start])))
        return i;
      e = best_candidate (c, k, p->fits, LEDE_GENDER_UNKNOWN, WINDOW_SENTENCES, TRUE);
      if (e >= 0)
        add_reference (c, i, k, LEDE_REFERENCE_NOMINAL, (guint32) e, -1);
      return k;
    }
  return i;
}

/* a person's gender from an honorific before or opening the name, or from
 * a first name that is only female or only male, also standing alone
 * ("Marilyn"; a family name alone mostly comes after the full name, which
 * has set the gender first) */
static void
note_gender (Ctx *c, const LedeModel *model, const LedeMention *m)
{
  guint32 e = find_root (c, m->entity);

  if (m->type != LEDE_ENTITY_PERSON || m->first_token == G_MAXUINT32
      || c->gender[e] != LEDE_GENDER_UNKNOWN)
    return;
  for (guint k = m->first_token > 0 ? m->first_token - 1 : 0; k <= m->first_token; k++)
    {
      /* honorifics are capitalized: most words before a name are not */
      if (!g_ascii_isupper (c->doc->text[tok (c->doc, k)->start]))
        continue;
      if (tok_in (c->doc, k, male_honorifics))
        c->gender[e] = LEDE_GENDER_MALE;
      else if (tok_in (c->doc, k, female_honorifics))
        c->gender[e] = LEDE_GENDER_FEMALE;
    }
  if (c->gender[e] == LEDE_GENDER_UNKNOWN)
    {
      const LedeToken *first = tok (c->doc, m->first_token + honorific_tokens (c->doc, m));
      char lower[LONGEST_NAME + 1];
      gsize len = first->end - first->start;

      if (len > LONGEST_NAME)
        return;
      for (gsize b = 0; b < len; b++)
        lower[b] = g_ascii_tolower (c->doc->text[first->start + b]);
      lower[len] = '\0';
      c->gender[e] = (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (model->first_names->genders, lower));
    }
}

/* Every title's head word, once (titles do not overlap: the walks add up to
 * one over the tokens). */
static void
find_title_heads (Ctx *c)
{
  const LedeDoc *doc = c->doc;

  c->title_heads = g_new (guint32, MAX (doc->titles->len, 1));
  for (guint t = 0; t < doc->titles->len; t++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);
      /* a title starts at a token: token_at finds it */
      guint first = MIN (token_at (doc, x->start), doc->tokens->len - 1);

      c->title_heads[t] = title_head (doc, x, first);
    }
}

static void
sweep (Ctx *c, const LedeModel *model)
{
  LedeDoc *doc = c->doc;
  guint n = doc->tokens->len, m = 0, t = 0;

  for (guint i = 0; i < n; i++)
    {
      const PronounEntry *p;
      gboolean covered = FALSE;
      char first;

      while (m < doc->mentions->len && mention_at (doc, m)->end <= tok (doc, i)->start)
        m++;
      /* a named mention: a candidate for what follows */
      if (m < doc->mentions->len && mention_at (doc, m)->start <= tok (doc, i)->start)
        {
          const LedeMention *x = mention_at (doc, m);

          covered = TRUE;
          if (x->first_token == i)
            {
              note_gender (c, model, x);
              add_candidate (c, i, x->entity, TRUE);
            }
        }
      /* a title: linked to its person, or a name in itself after "the" */
      while (t < doc->titles->len && g_array_index (doc->titles, LedeTitle, t).start < tok (doc, i)->start)
        t++;
      if (t < doc->titles->len && g_array_index (doc->titles, LedeTitle, t).start == tok (doc, i)->start)
        {
          LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

          if (x->mention >= 0)
            x->entity = (gint32) find_root (c, mention_at (doc, x->mention)->entity);
          else
            resolve_title (c, t, i);
          continue;
        }
      /* every pronoun and "the" starts with one of these: most words are
       * passed over without a lookup */
      first = g_ascii_tolower (doc->text[tok (doc, i)->start]);
      if (covered || (first != 'h' && first != 's' && first != 'i' && first != 't'))
        continue;
      if ((p = lookup (doc, i, pronouns, G_N_ELEMENTS (pronouns))) != NULL)
        resolve_pronoun (c, i, p);
      else
        i = resolve_class_noun (c, i);
    }
}

/* --- entities renumbered, canonical names, relations, salience ----------- */

static guint
name_words (const LedeDoc *doc, const LedeMention *m)
{
  return m->n_tokens - honorific_tokens (doc, m);
}

/* Replaces the union-find sets by entities numbered in order of first
 * mention, each named by its fullest name. */
static void
renumber (Ctx *c)
{
  LedeDoc *doc = c->doc;
  guint n_old = doc->entities->len;
  g_autofree guint32 *new_of_root = g_new (guint32, MAX (n_old, 1));
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (LedeEntity));
  g_autoptr(GArray) canonical_words = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint e = 0; e < n_old; e++)
    new_of_root[e] = G_MAXUINT32;
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      LedeMention *m = mention_at (doc, i);
      guint32 root = find_root (c, m->entity);
      const LedeMention *best;
      LedeEntity *e;

      guint words = name_words (doc, m);

      if (new_of_root[root] == G_MAXUINT32)
        {
          LedeEntity fresh = { m->type, i, m->media, 0 };

          new_of_root[root] = entities->len;
          g_array_append_val (entities, fresh);
          g_array_append_val (canonical_words, words);
        }
      m->entity = new_of_root[root];
      e = &g_array_index (entities, LedeEntity, m->entity);
      best = mention_at (doc, e->canonical);
      e->media = e->media || m->media;
      /* the fullest name: most words (an honorific is none), then the
       * longest text */
      if (words > g_array_index (canonical_words, guint, m->entity)
          || (words == g_array_index (canonical_words, guint, m->entity)
              && m->end - m->start > best->end - best->start))
        {
          e->canonical = i;
          e->type = m->type;
          g_array_index (canonical_words, guint, m->entity) = words;
        }
    }
  for (guint r = 0; r < doc->references->len; r++)
    {
      LedeReference *x = &g_array_index (doc->references, LedeReference, r);

      x->entity = new_of_root[find_root (c, x->entity)];
    }
  for (guint t = 0; t < doc->titles->len; t++)
    {
      LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

      if (x->entity >= 0)
        x->entity = (gint32) new_of_root[find_root (c, (guint32) x->entity)];
    }
  g_array_set_size (doc->entities, 0);
  g_array_append_vals (doc->entities, entities->data, entities->len);
}

/* The mention that starts at a byte offset, or -1. */
static gint32
mention_starting_at (const LedeDoc *doc, guint32 offset)
{
  guint lo = 0, hi = doc->mentions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mention_at (doc, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < doc->mentions->len && mention_at (doc, lo)->start == offset ? (gint32) lo : -1;
}

static void
relate (LedeDoc *doc, GHashTable *seen, guint32 entity, guint32 related, const char *relation)
{
  LedeRelation r = { entity, related, relation };
  guint64 key = ((guint64) entity << 32) | related;
  g_autofree guint64 *owned = NULL;

  if (entity == related || g_hash_table_contains (seen, &key))
    return;
  owned = g_memdup2 (&key, sizeof key);
  g_hash_table_add (seen, g_steal_pointer (&owned));
  g_array_append_val (doc->relations, r);
}

static int
compare_relations (gconstpointer a, gconstpointer b)
{
  const LedeRelation *x = a, *y = b;

  if (x->entity != y->entity)
    return x->entity < y->entity ? -1 : 1;
  return x->related < y->related ? -1 : x->related > y->related;
}

/* A nationality's country ("Chinese" → China), and a role's country and
 * organization ("former Russian President" → Russia; "Vice Chairman of the
 * Russian Federation Security Council" → that council). */
static void
find_relations (LedeDoc *doc)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* first four letters of a country's name → its entity + 1 */
  g_autoptr(GHashTable) country_by_prefix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gint32 *country_of = g_new (gint32, MAX (doc->entities->len, 1));

  for (guint e = 0; e < doc->entities->len; e++)
    {
      const LedeEntity *x = &g_array_index (doc->entities, LedeEntity, e);
      const LedeMention *c = mention_at (doc, x->canonical);

      country_of[e] = -1;
      if (x->type == LEDE_ENTITY_GPE && c->end - c->start >= 4)
        {
          char *prefix = g_ascii_strdown (doc->text + c->start, 4);

          if (!g_hash_table_contains (country_by_prefix, prefix))
            g_hash_table_insert (country_by_prefix, prefix, GUINT_TO_POINTER (e + 1));
          else
            g_free (prefix);
        }
    }
  for (guint e = 0; e < doc->entities->len; e++)
    {
      const LedeEntity *x = &g_array_index (doc->entities, LedeEntity, e);
      const LedeMention *c = mention_at (doc, x->canonical);
      g_autofree char *prefix = NULL;
      guint found;

      if (x->type != LEDE_ENTITY_NORP || c->end - c->start < 4)
        continue;
      prefix = g_ascii_strdown (doc->text + c->start, 4);
      found = GPOINTER_TO_UINT (g_hash_table_lookup (country_by_prefix, prefix));
      if (found > 0)
        {
          country_of[e] = (gint32) found - 1;
          relate (doc, seen, e, found - 1, "country");
        }
    }
  for (guint t = 0; t < doc->titles->len; t++)
    {
      LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);
      gint32 m;

      if (LEDE_SPAN_IS_SET (x->org) && (m = mention_starting_at (doc, x->org.start)) >= 0)
        x->org_entity = (gint32) mention_at (doc, m)->entity;
      if (LEDE_SPAN_IS_SET (x->country) && (m = mention_starting_at (doc, x->country.start)) >= 0)
        x->country_entity = (gint32) mention_at (doc, m)->entity;
      if (x->entity < 0)
        continue;
      if (x->org_entity >= 0)
        relate (doc, seen, (guint32) x->entity, (guint32) x->org_entity, "organization");
      if (x->country_entity >= 0)
        {
          guint32 related = (guint32) x->country_entity;

          if (g_array_index (doc->entities, LedeEntity, related).type == LEDE_ENTITY_NORP)
            {
              relate (doc, seen, (guint32) x->entity, related, "nationality");
              if (country_of[related] >= 0)
                relate (doc, seen, (guint32) x->entity, (guint32) country_of[related], "country");
            }
          else
            relate (doc, seen, (guint32) x->entity, related, "country");
        }
    }
  g_array_sort (doc->relations, compare_relations);
}

/* whether the offset is in the headline or a caption (offsets come in text
 * order: the cursor only moves forward) */
static gboolean
in_headline_or_caption (const LedeDoc *doc, guint32 offset, guint *cursor)
{
  const LedeBlock *b;

  while (*cursor < doc->blocks->len && g_array_index (doc->blocks, LedeBlock, *cursor).span.end <= offset)
    (*cursor)++;
  if (*cursor >= doc->blocks->len)
    return FALSE;
  b = &g_array_index (doc->blocks, LedeBlock, *cursor);
  return b->span.start <= offset
         && (b->kind == LEDE_STRUCTURE_HEADLINE || b->kind == LEDE_STRUCTURE_CAPTION);
}

/* Salience: how often the entity is mentioned, how early it comes
 * first, and whether the headline or a caption names it; divided by the
 * highest in the article. */
static void
find_salience (LedeDoc *doc)
{
  guint n = doc->entities->len;
  g_autofree guint32 *count = g_new0 (guint32, MAX (n, 1));
  g_autofree guint32 *first = g_new (guint32, MAX (n, 1));
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (n, 1));
  guint block_cursor = 0;
  float top = 0;

  for (guint e = 0; e < n; e++)
    first[e] = G_MAXUINT32;
  for (guint i = 0; i < doc->mentions->len; i++)
    {
      const LedeMention *m = mention_at (doc, i);

      count[m->entity]++;
      first[m->entity] = MIN (first[m->entity], m->start);
      if (in_headline_or_caption (doc, m->start, &block_cursor))
        shown[m->entity] = TRUE;
    }
  for (guint r = 0; r < doc->references->len; r++)
    count[g_array_index (doc->references, LedeReference, r).entity]++;
  for (guint e = 0; e < n; e++)
    {
      LedeEntity *x = &g_array_index (doc->entities, LedeEntity, e);

      /* the count saturates: a tenth mention adds less than a second one */
      x->salience = 2.0f * (float) count[e] / (float) (count[e] + 2)
                    + 1.0f - (float) first[e] / (float) MAX (doc->len, 1)
                    + (shown[e] ? 1.0f : 0.0f);
      top = MAX (top, x->salience);
    }
  for (guint e = 0; e < n && top > 0; e++)
    g_array_index (doc->entities, LedeEntity, e).salience /= top;
}

/* which entities are countries and which organizations businesses, by
 * their first place or organization name (the gazetteer lookup is not cheap) */
static void
find_kinds (Ctx *c, const LedeModel *model)
{
  g_autofree gboolean *looked_up = g_new0 (gboolean, MAX (c->doc->entities->len, 1));

  for (guint i = 0; i < c->doc->mentions->len; i++)
    {
      const LedeMention *m = mention_at (c->doc, i);
      guint32 root = find_root (c, m->entity);

      if (looked_up[root])
        continue;
      if (m->type == LEDE_ENTITY_GPE)
        c->country[root] = lede_entity_is_country (model, c->doc, m);
      else if (m->type == LEDE_ENTITY_ORG)
        c->business[root] = m->first_token == G_MAXUINT32
                            || !tok_in (c->doc, m->first_token + m->n_tokens - 1, public_heads);
      else
        continue;
      looked_up[root] = TRUE;
    }
}

void
lede_coref_annotate (const LedeModel *model, LedeDoc *doc)
{
  Ctx c = { .doc = doc };
  guint n_entities;

  doc->references = g_array_new (FALSE, FALSE, sizeof (LedeReference));
  doc->relations = g_array_new (FALSE, FALSE, sizeof (LedeRelation));
  if (doc->mentions == NULL || doc->entities == NULL || doc->titles == NULL)
    return;
  extend_model_names (doc);
  n_entities = doc->entities->len;
  c.n_tokens = doc->tokens->len;
  c.sentence_of = g_new0 (guint32, MAX (c.n_tokens, 1));
  c.parent = g_new (guint32, MAX (n_entities, 1));
  c.gender = g_new0 (guint8, MAX (n_entities, 1));
  c.country = g_new0 (gboolean, MAX (n_entities, 1));
  c.business = g_new0 (gboolean, MAX (n_entities, 1));
  c.named_count = g_new0 (guint32, MAX (n_entities, 1));
  c.score = g_new0 (gint32, MAX (n_entities, 1));
  c.stamp = g_new0 (guint32, MAX (n_entities, 1));
  c.cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint e = 0; e < n_entities; e++)
    c.parent[e] = e;
  /* tokens outside any sentence (credit lines) go with the sentence before */
  for (guint s = 0, i = 0; i < c.n_tokens; i++)
    {
      while (s + 1 < doc->sentences->len
             && g_array_index (doc->sentences, LedeSentence, s + 1).first_token <= i)
        s++;
      c.sentence_of[i] = s;
    }

  propagate_names (&c);
  /* after propagate_names, which writes "US" back wherever it stands alone */
  drop_currency_prefixes (&c);
  sieve_names (&c);
  find_kinds (&c, model);
  find_title_heads (&c);
  sweep (&c, model);
  renumber (&c);
  find_relations (doc);
  find_salience (doc);

  g_free (c.sentence_of);
  g_free (c.title_heads);
  g_free (c.parent);
  g_free (c.gender);
  g_free (c.country);
  g_free (c.business);
  g_free (c.named_count);
  g_free (c.score);
  g_free (c.stamp);
  g_array_unref (c.cands);
}
