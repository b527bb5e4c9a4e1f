/* lede-titles.c — titles and roles ("former Russian President", "Vice
 * Chairman of the Russian Federation Security Council"), found by rules over
 * a lexicon of role words and linked to the PERSON mention they describe.
 *
 * A title is a role head (a lexicon entry of one to three words), with before
 * it any of the modifiers "former", "acting", "then", "deputy", ... and a
 * NORP/GPE/ORG mention ("Russian", "Reuters"), and after it "of [the] X" where
 * X is an entity mention. It describes the PERSON mention that follows it
 * directly ("President Xi Jinping"), or the one before it across a comma
 * ("Dmitry Medvedev, former Russian President and Vice Chairman of ..."); a
 * title joined by "and" to a linked title describes the same person. */
#include "lede-private.h"

#include <string.h>

/* role heads, longest first where one is a prefix of another */
static const char *const roles[] = {
  "general secretary", "secretary general", "secretary-general", "prime minister",
  "foreign minister", "defence minister", "defense minister", "finance minister",
  "interior minister", "trade minister", "economy minister", "chief executive officer",
  "chief executive", "chief financial officer", "chief operating officer",
  "attorney general", "vice president", "vice-president", "vice chairman",
  "vice-chairman", "vice premier", "deputy prime minister", "deputy chairman",
  "state councilor", "foreign secretary", "home secretary", "press secretary",
  "chief justice", "central bank governor", "managing director", "executive director",
  "secretary of state", "head of state", "supreme leader", "crown prince",
  "president-elect", "president", "premier", "chairman", "chairwoman", "chairperson",
  "chair", "secretary", "minister", "spokesman", "spokeswoman", "spokesperson",
  "ceo", "cfo", "coo", "director", "governor", "mayor", "senator", "congressman",
  "congresswoman", "representative", "ambassador", "envoy", "chancellor", "king", "queen",
  "prince", "princess", "pope", "emperor", "commander", "general", "admiral", "colonel",
  "lieutenant", "captain", "sergeant", "leader", "founder", "co-founder", "head", "chief",
  "coach", "manager", "correspondent", "reporter", "editor", "columnist", "analyst",
  "economist", "judge", "justice", "prosecutor", "lawyer", "attorney", "sheriff",
  "superintendent", "commissioner", "delegate", "deputy", "aide", "adviser", "advisor",
  "counsellor", "counselor", "councillor", "councilor", "lawmaker", "legislator",
  "premier", "president", "dictator", "monarch", "sultan", "sheikh", "emir", "ayatollah",
  "bishop", "archbishop", "cardinal", "rabbi", "imam", "officer", "official", "professor",
  "dr.", "mr.", "mrs.", "ms.", NULL
};
/* honorifics are found (they precede names) but are not reported as titles */
static const char *const honorifics[] = { "dr.", "mr.", "mrs.", "ms.", NULL };

static const char *const modifiers[] = {
  "former", "acting", "then", "deputy", "vice", "chief", "senior", "interim", "incumbent",
  "outgoing", "incoming", "late", "first", "new", "assistant", "associate", "executive",
  "top", "current", "ex", "ex-", "us", "u.s.", "state", "party", "national", "general",
  "regional", "provincial", "federal", NULL
};

static const LedeToken *
tok (const LedeDoc *doc, guint i)
{
  return &g_array_index (doc->tokens, LedeToken, i);
}

static gboolean
tok_is (const LedeDoc *doc, guint i, const char *word)
{
  const LedeToken *t = tok (doc, i);
  gsize len = strlen (word);

  return t->end - t->start == len && g_ascii_strncasecmp (doc->text + t->start, word, len) == 0;
}

/* The lexicon split into words once, when the model is built, so that the
 * per-token work is one lookup of the lower-cased token without allocation. */
enum { WORD_ROLE_START = 1 << 0, WORD_MODIFIER = 1 << 1 };
#define ROLE_MAX_WORDS 4
#define ROLE_MAX_BYTES 64

struct _LedeTitleLexicon {
  GHashTable *words;   /* lower-case word → WORD_* bits */
  GHashTable *roles;   /* lower-case role, words joined by ' ' → its entry in roles[] + 1 */
};

static void
add_bits (GHashTable *words, const char *word, gsize len, guint bits)
{
  g_autofree char *key = g_strndup (word, len);
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (words, key));

  g_hash_table_replace (words, g_steal_pointer (&key), GUINT_TO_POINTER (old | bits));
}

LedeTitleLexicon *
lede_title_lexicon_new (void)
{
  LedeTitleLexicon *lex = g_new0 (LedeTitleLexicon, 1);

  lex->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* the keys point into roles[], which is static */
  lex->roles = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; roles[r] != NULL; r++)
    {
      const char *sp = strchr (roles[r], ' ');

      g_assert (strlen (roles[r]) < ROLE_MAX_BYTES);
      if (!g_hash_table_contains (lex->roles, roles[r]))
        g_hash_table_insert (lex->roles, (gpointer) roles[r], GUINT_TO_POINTER (r + 1));
      add_bits (lex->words, roles[r], sp ? (gsize) (sp - roles[r]) : strlen (roles[r]), WORD_ROLE_START);
    }
  for (guint m = 0; modifiers[m] != NULL; m++)
    add_bits (lex->words, modifiers[m], strlen (modifiers[m]), WORD_MODIFIER);
  return lex;
}

void
lede_title_lexicon_free (LedeTitleLexicon *lex)
{
  if (lex == NULL)
    return;
  g_hash_table_unref (lex->words);
  g_hash_table_unref (lex->roles);
  g_free (lex);
}

/* the token lower-cased into buf (with room for size bytes); FALSE if it
 * does not fit */
static gboolean
lower_token (const LedeDoc *doc, guint i, char *buf, gsize size)
{
  const LedeToken *t = tok (doc, i);
  gsize len = t->end - t->start;

  if (len + 1 > size)
    return FALSE;
  for (gsize b = 0; b < len; b++)
    buf[b] = g_ascii_tolower (doc->text[t->start + b]);
  buf[len] = '\0';
  return TRUE;
}

static guint
word_bits (const LedeTitleLexicon *lex, const LedeDoc *doc, guint i)
{
  char buf[ROLE_MAX_BYTES];

  if (!lower_token (doc, i, buf, sizeof buf))
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (lex->words, buf));
}

/* how many tokens from i the longest role head spans (0 if none) */
static guint
match_role (const LedeTitleLexicon *lex, const LedeDoc *doc, guint i, const char **which)
{
  guint n = doc->tokens->len;
  char phrase[ROLE_MAX_BYTES];
  gsize len = 0;
  guint best = 0;

  if (!g_ascii_isalpha (doc->text[tok (doc, i)->start])
      || !(word_bits (lex, doc, i) & WORD_ROLE_START))
    return 0;
  for (guint k = 0; k < ROLE_MAX_WORDS && i + k < n; k++)
    {
      guint r;

      if (k > 0)
        phrase[len++] = ' ';
      if (!lower_token (doc, i + k, phrase + len, sizeof phrase - len))
        break;
      len += strlen (phrase + len);
      r = GPOINTER_TO_UINT (g_hash_table_lookup (lex->roles, phrase));
      if (r > 0)
        {
          *which = roles[r - 1];
          best = k + 1;
        }
    }
  return best;
}

gboolean
lede_title_lexicon_is_role (const LedeTitleLexicon *lex, const LedeDoc *doc, guint first, guint n)
{
  const char *role;

  return match_role (lex, doc, first, &role) == n;
}

/* per-token indexes of the mentions that start, end at or cover a token */
typedef struct {
  gint32 *starting, *ending, *covering;
} MentionIndex;

static void
mention_index_init (MentionIndex *x, const LedeDoc *doc)
{
  guint n = doc->tokens->len;

  x->starting = g_new (gint32, 3 * (gsize) MAX (n, 1));
  x->ending = x->starting + n;
  x->covering = x->ending + n;
  for (guint i = 0; i < 3 * n; i++)
    x->starting[i] = -1;
  for (guint m = 0; m < doc->mentions->len; m++)
    {
      const LedeMention *e = &g_array_index (doc->mentions, LedeMention, m);

      if (e->first_token >= n || e->first_token + e->n_tokens > n || e->n_tokens == 0)
        continue;
      x->starting[e->first_token] = (gint32) m;
      x->ending[e->first_token + e->n_tokens - 1] = (gint32) m;
      for (guint k = e->first_token; k < e->first_token + e->n_tokens; k++)
        x->covering[k] = (gint32) m;
    }
}

static void
note_mention (const LedeDoc *doc, LedeTitle *t, gint m)
{
  const LedeMention *x = &g_array_index (doc->mentions, LedeMention, m);
  LedeSpan s = { x->start, x->end };

  if (x->type == LEDE_ENTITY_GPE || x->type == LEDE_ENTITY_NORP)
    {
      if (!LEDE_SPAN_IS_SET (t->country))
        t->country = s;
    }
  else if (!LEDE_SPAN_IS_SET (t->org))
    t->org = s;
}

void
lede_titles_annotate (const LedeModel *model, LedeDoc *doc)
{
  guint n = doc->tokens->len;
  g_autoptr(GArray) first_tok = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) last_tok = g_array_new (FALSE, FALSE, sizeof (guint));

  if (doc->titles == NULL)
    doc->titles = g_array_new (FALSE, FALSE, sizeof (LedeTitle));
  MentionIndex ix;

  if (doc->mentions == NULL)
    return;
  mention_index_init (&ix, doc);

  for (guint i = 0; i < n; i++)
    {
      const char *role = NULL;
      guint k = match_role (model->titles, doc, i, &role), a, b;
      LedeTitle t = { 0 };
      gint m;

      if (k == 0 || ix.covering[i] >= 0)
        continue;
      /* a lower-case role word names a role only right before or after a name */
      a = i;
      b = i + k;   /* exclusive */
      /* modifiers and a NORP/GPE/ORG mention to the left */
      while (a > 0)
        {
          if (word_bits (model->titles, doc, a - 1) & WORD_MODIFIER)
            {
              if (tok_is (doc, a - 1, "former") || tok_is (doc, a - 1, "ex") || tok_is (doc, a - 1, "ex-"))
                t.former = TRUE;
              if (tok_is (doc, a - 1, "acting") || tok_is (doc, a - 1, "interim"))
                t.acting = TRUE;
              a--;
              continue;
            }
          m = ix.ending[a - 1];
          if (m >= 0)
            {
              const LedeMention *x = &g_array_index (doc->mentions, LedeMention, m);

              if (x->type == LEDE_ENTITY_PERSON || x->type == LEDE_ENTITY_EVENT)
                break;
              note_mention (doc, &t, m);
              a = x->first_token;
              continue;
            }
          if (tok_is (doc, a - 1, "'s") && a >= 2 && (m = ix.ending[a - 2]) >= 0
              && g_array_index (doc->mentions, LedeMention, m).type != LEDE_ENTITY_PERSON)
            {
              note_mention (doc, &t, m);
              a = g_array_index (doc->mentions, LedeMention, m).first_token;
              continue;
            }
          break;
        }
      /* "of [the] X" to the right */
      if (b + 1 < n && tok_is (doc, b, "of"))
        {
          guint c = b + 1;

          if (tok_is (doc, c, "the") && c + 1 < n)
            c++;
          m = ix.starting[c];
          if (m >= 0 && g_array_index (doc->mentions, LedeMention, m).type != LEDE_ENTITY_PERSON)
            {
              note_mention (doc, &t, m);
              b = c + g_array_index (doc->mentions, LedeMention, m).n_tokens;
            }
        }
      t.start = tok (doc, a)->start;
      t.end = tok (doc, b - 1)->end;
      t.mention = -1;
      t.entity = -1;
      t.org_entity = -1;
      t.country_entity = -1;
      /* the person it describes: right after it ... */
      if (b < n && (m = ix.starting[b]) >= 0
          && g_array_index (doc->mentions, LedeMention, m).type == LEDE_ENTITY_PERSON)
        t.mention = m;
      /* ... or before it, across a comma (and an article: "Scholz, the former ...") */
      else if (a >= 2 && tok_is (doc, a - 1, ",") && (m = ix.ending[a - 2]) >= 0
               && g_array_index (doc->mentions, LedeMention, m).type == LEDE_ENTITY_PERSON)
        t.mention = m;
      else if (a >= 3 && (tok_is (doc, a - 1, "the") || tok_is (doc, a - 1, "a"))
               && tok_is (doc, a - 2, ",") && (m = ix.ending[a - 3]) >= 0
               && g_array_index (doc->mentions, LedeMention, m).type == LEDE_ENTITY_PERSON)
        t.mention = m;
      /* ... or that of the title it is joined to by "and" */
      else if (a >= 1 && tok_is (doc, a - 1, "and") && doc->titles->len > 0
               && g_array_index (last_tok, guint, last_tok->len - 1) + 2 == a)
        t.mention = g_array_index (doc->titles, LedeTitle, doc->titles->len - 1).mention;

      {
        gboolean honorific = FALSE;

        for (guint x = 0; honorifics[x] != NULL; x++)
          honorific = honorific || g_strcmp0 (role, honorifics[x]) == 0;
        /* a role with no person next to it ("the president said") is kept
         * with mention -1: coreference may find whom it names */
        if (!honorific)
          {
            g_array_append_val (doc->titles, t);
            g_array_append_val (first_tok, a);
            {
              guint last = b - 1;
              g_array_append_val (last_tok, last);
            }
            /* a title before "and <title>" written first takes the later link */
          }
      }
      i = b - 1;
    }
  g_free (ix.starting);
}
