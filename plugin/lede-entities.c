/* lede-entities.c — named entities: the statistical tagger (four CoNLL
 * classes, lede-entity-features.c), then rules that refine its classes into
 * the OntoNotes-style types Lede reports, flag media outlets, and group
 * mentions into entities.
 *
 * Refinement (documented in docs/schema.md):
 *   PER  → FAC by a building head word that is no surname ("Airport"), and a
 *          span that is only a role ("Vice Chairman") is no mention;
 *   LOC  → FAC by a building head word ("Guesthouse", "Airport"), LOC by a
 *          natural-feature head word ("River", "Sea"), else GPE;
 *   ORG  → FAC by a building head word, EVENT by an ordinal + meeting head
 *          ("the 20th CPC National Congress"), else ORG (media flagged);
 *   MISC → NORP for nationality, religious and political adjectives and
 *          nouns (WordNet pertainyms of places, "Sino-Russian", "Western"),
 *          EVENT by an event head word ("War", "Olympics", "Summit"), ORG by
 *          an organization head word ("Committee"), else MISC.
 * Grouping (until real coreference): mentions with the same text are one
 * entity, and a one-word PERSON mention that is the last word of a longer
 * PERSON name joins that name's entity.
 */
#include "lede-private.h"
#include "lede-entity-features.h"

#include <gio/gio.h>
#include <string.h>

struct _LedeNerModel *
lede_ner_model_new_from_resource (GError **error)
{
  g_autoptr(GBytes) bytes = lede_model_resource ("ner-model.bin", error);
  LedeNerModel *ner;

  if (bytes == NULL)
    return NULL;
  ner = g_new0 (LedeNerModel, 1);
  if (!lede_ner_model_load (ner, bytes, error))
    {
      g_free (ner);
      return NULL;
    }
  return ner;
}

void
lede_ner_model_free (struct _LedeNerModel *ner)
{
  if (ner == NULL)
    return;
  lede_ner_model_clear (ner);
  g_free (ner);
}

const char *
lede_entity_type_to_string (LedeEntityType type)
{
  static const char *const names[] = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC",
  };

  return type < G_N_ELEMENTS (names) ? names[type] : "MISC";
}

static gboolean
word_in (const char *s, gsize len, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && g_ascii_strncasecmp (s, list[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const char *const fac_heads[] = {
  "Guesthouse", "Airport", "Hall", "Square", "Palace", "Hospital", "Stadium", "Bridge",
  "Tower", "Towers", "Building", "Station", "Cathedral", "Church", "Mosque", "Temple",
  "Museum", "Prison", "Hotel", "Arena", "Park", "Base", "Centre", "Center", "Plaza",
  "Theatre", "Theater", "Gate", "Embassy", "Port", "Harbour", "Harbor", "Terminal",
  "Dam", "Canal", "Highway", "Road", "Street", "Avenue", "Residence", "Mansion", "Castle",
  "Guest", "Pentagon", "Kremlin", NULL
};
static const char *const org_heads[] = {
  "Council", "Committee", "Commission", "Ministry", "Party", "Agency", "Bank", "Army",
  "Assembly", "Parliament", "Senate", "Court", "Office", "Department", "Bureau", "Service",
  "Authority", "Board", "Federation", "Union", "Association", "Institute", "Corporation",
  "Company", "Group", "Front", "Forces", "Navy", "Police", "Guard", "Government", NULL
};

/* the building heads that are not also surnames */
static const char *const building_only_heads[] = {
  "Guesthouse", "Airport", "Hospital", "Stadium", "Station", "Cathedral", "Mosque", "Museum",
  "Prison", "Hotel", "Arena", "Embassy", "Terminal", NULL
};
static const char *const natural_heads[] = {
  "River", "Mountains", "Mountain", "Mount", "Sea", "Ocean", "Lake", "Valley", "Gulf", "Bay",
  "Island", "Islands", "Desert", "Strait", "Straits", "Peninsula", "Coast", "Basin", "Hills",
  "Forest", "Channel", "Delta", "Plateau", "Alps", "Himalayas", "Europe", "Asia", "Africa",
  "Antarctica", "Pacific", "Atlantic", "Mediterranean", "Middle", "East", "West", "Balkans",
  "Caribbean", "Gaza", "Strip", "Bank", "Region", NULL
};
static const char *const event_heads[] = {
  "War", "Olympics", "Olympic", "Games", "Summit", "Cup", "Championship", "Championships",
  "Festival", "Congress", "Conference", "Election", "Elections", "Revolution", "Crisis",
  "Open", "Grand", "Prix", "Tour", "Marathon", "Expo", "Forum", "Session", "Plenum",
  "Massacre", "Uprising", "Holocaust", NULL
};
static const char *const norp_words[] = {
  "Western", "Eastern", "Muslim", "Muslims", "Christian", "Christians", "Islamic", "Jewish",
  "Jews", "Jew", "Catholic", "Catholics", "Protestant", "Protestants", "Buddhist", "Hindu",
  "Sikh", "Shi'ite", "Shiite", "Sunni", "Communist", "Communists", "Democrat", "Democrats",
  "Democratic", "Republican", "Republicans", "Socialist", "Socialists", "Conservative",
  "Conservatives", "Labour", "Liberal", "Liberals", "Marxist", "Nazi", "Nazis", "Arab",
  "Arabs", "Kurdish", "Kurds", "Palestinians", "Israelis", "Europeans", "Americans",
  "Sino", "Anglo", "Franco", "Euro", "Afro", "Serb", "Serbs", "Croat", "Croats", "Tamil",
  "Tamils", "Zionist", "Maoist", "Orthodox", "Baltic", "Nordic", "Scandinavian", "Latin",
  NULL
};
/* news outlets that the tagger's ORG span may equal */
static const char *const media_names[] = {
  "Reuters", "Xinhua", "AP", "AFP", "Bloomberg", "BBC", "CNN", "Interfax", "Itar-Tass",
  "Tass", "RIA", "Kyodo", "Yonhap", "Agence France-Presse", "Associated Press", "Dow Jones",
  "CNBC", "NBC", "ABC", "CBS", "Fox News", "NPR", "Al Jazeera", "Sputnik", "RT", "ANSA",
  "Efe", "DPA", "PTI", "Bernama", "Antara", "Nikkei", "Politico", "Axios", "Wikinews",
  "CCTV", "Global Times", "People's Daily", NULL
};
static const char *const media_heads[] = {
  "News", "Agency", "Times", "Journal", "Post", "Press", "Television", "TV", "Radio",
  "Herald", "Tribune", "Gazette", "Daily", "Telegraph", "Guardian", "Observer", "Economist",
  "Newsweek", "Magazine", "Chronicle", "Standard", "Mail", "Express", "Mirror", "Sun",
  "Independent", "Bulletin", "Wire", "Newswire", "Broadcasting", "Izvestia", "Pravda",
  "Kommersant", "Vedomosti", "Xinhua", "Reuters", NULL
};

static gboolean
is_ordinal (const char *s, gsize len)
{
  static const char *const words[] = {
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
    "Tenth", "Eleventh", "Twelfth", "Nineteenth", "Twentieth", NULL
  };

  if (len >= 3 && g_ascii_isdigit (s[0]))
    return g_ascii_isalpha (s[len - 1]);
  return word_in (s, len, words);
}

static const LedeToken *
tok (const LedeDoc *doc, guint i)
{
  return &g_array_index (doc->tokens, LedeToken, i);
}

/* the kinds of gazetteer entry the whole text of tokens [first, first+n) is */
static guint32
gaz_mask (const LedeNerModel *ner, const LedeDoc *doc, guint first, guint n)
{
  guint64 h = 0;

  if (n > LEDE_GAZ_MAX_TOKENS)
    return 0;
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *lower = g_ascii_strdown (doc->text + tok (doc, i)->start,
                                                tok (doc, i)->end - tok (doc, i)->start);

      h = lede_gazetteer_phrase_step (h, lede_ner_hash (lower, strlen (lower)));
    }
  return lede_gazetteer_lookup (&ner->gaz, h) & ~LEDE_GAZ_PREFIX;
}

gboolean
lede_entity_is_country (const LedeModel *model, const LedeDoc *doc, const LedeMention *m)
{
  guint32 mask;

  if (model->ner == NULL || m->first_token == G_MAXUINT32)
    return FALSE;
  mask = gaz_mask (model->ner, doc, m->first_token, m->n_tokens);
  /* the country list has the formal names ("Russian Federation"): a place
   * that is no city or state is taken for a country ("Russia") */
  return (mask & (1u << LEDE_GAZ_COUNTRY)) != 0
         || (mask & ((1u << LEDE_GAZ_CITY) | (1u << LEDE_GAZ_SUBDIVISION))) == 0;
}

static gboolean
is_norp (const LedeNerModel *ner, const LedeDoc *doc, const LedeMention *m)
{
  const char *s = doc->text + m->start;
  gsize len = m->end - m->start;
  guint32 mask = gaz_mask (ner, doc, m->first_token, m->n_tokens);
  const char *hyphen;

  if (mask & (1u << LEDE_GAZ_DEMONYM))
    return TRUE;
  if (word_in (s, len, norp_words))
    return TRUE;
  /* "Sino-Russian", "Russian-American": each part a demonym or NORP word */
  if (m->n_tokens == 1 && (hyphen = memchr (s, '-', len)) != NULL)
    {
      gsize a = hyphen - s;
      g_autofree char *first = g_ascii_strdown (s, a);
      g_autofree char *second = g_ascii_strdown (hyphen + 1, len - a - 1);
      guint64 h1 = lede_gazetteer_phrase_step (0, lede_ner_hash (first, strlen (first)));
      guint64 h2 = lede_gazetteer_phrase_step (0, lede_ner_hash (second, strlen (second)));

      return (word_in (s, a, norp_words) || (lede_gazetteer_lookup (&ner->gaz, h1) & (1u << LEDE_GAZ_DEMONYM)))
             && (word_in (hyphen + 1, len - a - 1, norp_words)
                 || (lede_gazetteer_lookup (&ner->gaz, h2) & (1u << LEDE_GAZ_DEMONYM)));
    }
  /* plural of a demonym: "Russians", "Chinese" is its own plural */
  if (m->n_tokens == 1 && len > 3 && s[len - 1] == 's')
    {
      g_autofree char *sing = g_ascii_strdown (s, len - 1);
      guint64 h = lede_gazetteer_phrase_step (0, lede_ner_hash (sing, strlen (sing)));

      return (lede_gazetteer_lookup (&ner->gaz, h) & (1u << LEDE_GAZ_DEMONYM)) != 0;
    }
  return FALSE;
}

static gboolean
is_media (const LedeDoc *doc, const LedeMention *m)
{
  const char *s = doc->text + m->start;
  gsize len = m->end - m->start;
  const LedeToken *last = tok (doc, m->first_token + m->n_tokens - 1);

  if (len > 4 && g_ascii_strncasecmp (s, "the ", 4) == 0)
    s += 4, len -= 4;
  return word_in (s, len, media_names)
         || word_in (doc->text + last->start, last->end - last->start, media_heads);
}

static LedeEntityType
refine (const LedeNerModel *ner, const LedeDoc *doc, LedeMention *m, guint type)
{
  const LedeToken *last = tok (doc, m->first_token + m->n_tokens - 1);
  const char *head = doc->text + last->start;
  gsize head_len = last->end - last->start;
  gboolean ordinal = FALSE;

  for (guint i = 0; i < m->n_tokens; i++)
    ordinal = ordinal || is_ordinal (doc->text + tok (doc, m->first_token + i)->start,
                                     tok (doc, m->first_token + i)->end - tok (doc, m->first_token + i)->start);
  switch (type)
    {
    case LEDE_NER_PER:
      /* the tagger's PER on a place name with a building head that is no
       * surname ("Heathrow Airport") */
      if (m->n_tokens > 1 && word_in (head, head_len, building_only_heads))
        return LEDE_ENTITY_FAC;
      return LEDE_ENTITY_PERSON;
    case LEDE_NER_LOC:
      {
        guint32 mask = gaz_mask (ner, doc, m->first_token, m->n_tokens);

        if (mask & ((1u << LEDE_GAZ_COUNTRY) | (1u << LEDE_GAZ_SUBDIVISION)))
          return LEDE_ENTITY_GPE;
        if (m->n_tokens > 1 && word_in (head, head_len, fac_heads))
          return LEDE_ENTITY_FAC;
        if (word_in (head, head_len, natural_heads))
          return LEDE_ENTITY_LOC;
        return LEDE_ENTITY_GPE;
      }
    case LEDE_NER_ORG:
      if (m->n_tokens > 1 && word_in (head, head_len, fac_heads))
        return LEDE_ENTITY_FAC;
      if (ordinal && word_in (head, head_len, event_heads))
        return LEDE_ENTITY_EVENT;
      m->media = is_media (doc, m);
      return LEDE_ENTITY_ORG;
    default:
      if (is_norp (ner, doc, m))
        return LEDE_ENTITY_NORP;
      /* the tagger's MISC on a name with an organization head ("CPC
       * Central Committee") */
      if (m->n_tokens > 1 && word_in (head, head_len, org_heads))
        {
          m->media = is_media (doc, m);
          return LEDE_ENTITY_ORG;
        }
      if (word_in (head, head_len, event_heads) && (ordinal || m->n_tokens > 1))
        return LEDE_ENTITY_EVENT;
      return LEDE_ENTITY_MISC;
    }
}

static gboolean
is_capitalized (const LedeDoc *doc, guint i)
{
  return g_ascii_isupper (doc->text[tok (doc, i)->start]);
}

/* Rules over the tagger's spans, before refinement is final:
 *  - a place or nationality followed by capitalized words ending in an
 *    organization head is one ORG ("Russian Federation Security Council");
 *  - a name followed by a media head is one media ORG ("Wall Street Journal");
 *  - an ordinal before a meeting or event name belongs to it, an EVENT
 *    ("20th CPC National Congress");
 *  - a MISC span that starts with a number ("21st A") is dropped. */
static void
adjust_mentions (const LedeDoc *doc, GArray *mentions)
{
  LedeMention *all = (LedeMention *) mentions->data;
  guint n = doc->tokens->len, kept = 0;

  /* compacted in place (kept <= r): removing from the array one by one
   * would be quadratic in an article with many mentions */
  for (guint r = 0; r < mentions->len; r++)
    {
      LedeMention m = all[r];
      guint end = m.first_token + m.n_tokens;   /* exclusive */
      const LedeToken *head;

      if (m.type == LEDE_ENTITY_GPE || m.type == LEDE_ENTITY_NORP || m.type == LEDE_ENTITY_ORG
          || m.type == LEDE_ENTITY_FAC || m.type == LEDE_ENTITY_LOC)
        {
          guint k = end, found = 0;

          /* the capitalized run after it, possibly the next mention */
          while (k < n && k < end + 4 && is_capitalized (doc, k))
            {
              const LedeToken *t = tok (doc, k);

              k++;
              if (word_in (doc->text + t->start, t->end - t->start, org_heads)
                  || (m.type != LEDE_ENTITY_ORG && m.type != LEDE_ENTITY_NORP
                      && word_in (doc->text + t->start, t->end - t->start, media_heads)))
                found = k;
            }
          if (found > end && (r + 1 >= mentions->len || all[r + 1].first_token >= end))
            {
              /* swallow the mentions inside the run */
              while (r + 1 < mentions->len && all[r + 1].first_token < found)
                {
                  found = MAX (found, all[r + 1].first_token + all[r + 1].n_tokens);
                  r++;
                }
              m.n_tokens = found - m.first_token;
              m.end = tok (doc, found - 1)->end;
              m.type = LEDE_ENTITY_ORG;
              m.media = is_media (doc, &m);
              end = found;
            }
        }
      head = tok (doc, end - 1);
      if (m.first_token > 0 && m.type != LEDE_ENTITY_PERSON
          && word_in (doc->text + head->start, head->end - head->start, event_heads))
        {
          const LedeToken *p = tok (doc, m.first_token - 1);

          if (is_ordinal (doc->text + p->start, p->end - p->start))
            {
              m.first_token--;
              m.n_tokens++;
              m.start = p->start;
              m.type = LEDE_ENTITY_EVENT;
              m.media = FALSE;
            }
        }
      if (m.type == LEDE_ENTITY_MISC && g_ascii_isdigit (doc->text[m.start]))
        continue;
      all[kept++] = m;
    }
  g_array_set_size (mentions, kept);
}

/* The first token ending after a byte offset (tokens are in text order). */
static guint
first_token_ending_after (const LedeDoc *doc, guint32 offset)
{
  guint lo = 0, hi = doc->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tok (doc, mid)->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first mention ending after a byte offset (mentions are in text order
 * and never overlap). */
static guint
first_mention_ending_after (GArray *mentions, guint32 offset)
{
  guint lo = 0, hi = mentions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (mentions, LedeMention, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Adds the reporter of a credit line ("[Compiled Chen Chengliang/...]") as a
 * PERSON mention when the tagger did not find it. */
static void
add_credit_mentions (LedeDoc *doc, GArray *mentions)
{
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (LedeMention));
  g_autoptr(GArray) merged = NULL;

  for (guint b = 0; doc->blocks && b < doc->blocks->len; b++)
    {
      const LedeBlock *block = &g_array_index (doc->blocks, LedeBlock, b);
      guint first, last = 0, i;
      LedeMention m = { 0 };

      if (block->kind != LEDE_STRUCTURE_CREDIT || !LEDE_SPAN_IS_SET (block->who))
        continue;
      i = first_mention_ending_after (mentions, block->who.start);
      if (i < mentions->len && g_array_index (mentions, LedeMention, i).start < block->who.end)
        {
          LedeMention *x = &g_array_index (mentions, LedeMention, i);

          if (x->start == block->who.start && x->end == block->who.end)
            x->type = LEDE_ENTITY_PERSON;
          continue;
        }
      first = first_token_ending_after (doc, block->who.start);
      for (i = first; i < doc->tokens->len && tok (doc, i)->start < block->who.end; i++)
        last = i;
      /* the tokens layer may leave credit blocks untokenized: the mention
       * then stands on the block's span alone (first_token G_MAXUINT32) */
      if (first >= doc->tokens->len || tok (doc, first)->start >= block->who.end)
        first = G_MAXUINT32, last = G_MAXUINT32;
      m.start = block->who.start;
      m.end = block->who.end;
      m.first_token = first;
      m.n_tokens = first == G_MAXUINT32 ? 1 : last - first + 1;
      m.type = LEDE_ENTITY_PERSON;
      g_array_append_val (added, m);
    }
  if (added->len == 0)
    return;

  /* both lists are in text order: merge them once */
  merged = g_array_sized_new (FALSE, FALSE, sizeof (LedeMention), mentions->len + added->len);
  for (guint i = 0, k = 0; i < mentions->len || k < added->len;)
    {
      if (k >= added->len
          || (i < mentions->len && g_array_index (mentions, LedeMention, i).start <= g_array_index (added, LedeMention, k).start))
        g_array_append_val (merged, g_array_index (mentions, LedeMention, i++));
      else
        g_array_append_val (merged, g_array_index (added, LedeMention, k++));
    }
  g_array_set_size (mentions, 0);
  g_array_append_vals (mentions, merged->data, merged->len);
}

/* key of a text span for the grouping tables */
static char *
span_key (const LedeDoc *doc, guint32 start, guint32 end)
{
  return g_strndup (doc->text + start, end - start);
}

static void
group_entities (LedeDoc *doc)
{
  GArray *mentions = doc->mentions;
  /* text → entity + 1, and family name → entity + 1 of full PERSON names */
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_tokens = doc->tokens->len;

  for (guint i = 0; i < mentions->len; i++)
    {
      LedeMention *m = &g_array_index (mentions, LedeMention, i);
      g_autofree char *text = span_key (doc, m->start, m->end);
      gboolean full_name = m->type == LEDE_ENTITY_PERSON && m->n_tokens >= 2
                           && m->first_token + m->n_tokens <= n_tokens;
      gint32 found = GPOINTER_TO_INT (g_hash_table_lookup (by_text, text)) - 1;

      /* a bare surname after the full name (last word, or first in
       * Chinese-style names: "Xi") */
      if (found < 0 && m->type == LEDE_ENTITY_PERSON && m->n_tokens == 1)
        found = GPOINTER_TO_INT (g_hash_table_lookup (by_name, text)) - 1;
      /* a full name after its bare surname */
      if (found < 0 && full_name)
        {
          const LedeToken *l = tok (doc, m->first_token + m->n_tokens - 1);
          g_autofree char *last = span_key (doc, l->start, l->end);

          found = GPOINTER_TO_INT (g_hash_table_lookup (lone, last)) - 1;
        }
      if (found >= 0)
        {
          LedeEntity *e = &g_array_index (doc->entities, LedeEntity, found);
          const LedeMention *c = &g_array_index (mentions, LedeMention, e->canonical);

          m->entity = (guint32) found;
          if (m->n_tokens > c->n_tokens)
            {
              e->canonical = i;
              e->type = m->type;
            }
          e->media = e->media || m->media;
        }
      else
        {
          LedeEntity e = { m->type, i, m->media };

          m->entity = doc->entities->len;
          g_array_append_val (doc->entities, e);
        }
      if (!g_hash_table_contains (by_text, text))
        g_hash_table_insert (by_text, g_strdup (text), GINT_TO_POINTER (m->entity + 1));
      if (m->type == LEDE_ENTITY_PERSON && m->n_tokens == 1 && !g_hash_table_contains (lone, text))
        g_hash_table_insert (lone, g_strdup (text), GINT_TO_POINTER (m->entity + 1));
      if (full_name)
        {
          const LedeToken *f = tok (doc, m->first_token), *l = tok (doc, m->first_token + m->n_tokens - 1);

          g_hash_table_insert (by_name, span_key (doc, l->start, l->end), GINT_TO_POINTER (m->entity + 1));
          if (m->n_tokens == 2)
            {
              g_autofree char *first = span_key (doc, f->start, f->end);

              if (!g_hash_table_contains (by_name, first))
                g_hash_table_insert (by_name, g_steal_pointer (&first), GINT_TO_POINTER (m->entity + 1));
            }
        }
    }
}

/* the most tokens tagged at once (see lede_entities_annotate) */
#define NER_PIECE_TOKENS 32768

void
lede_entities_annotate (const LedeModel *model, LedeDoc *doc)
{
  const LedeNerModel *ner = model->ner;
  guint n = doc->tokens->len, sentence = 0;
  g_autofree LedeNerToken *tokens = g_new (LedeNerToken, MAX (MIN (n, NER_PIECE_TOKENS), 1));
  g_autofree guint8 *labels = g_new0 (guint8, MAX (n, 1));

  doc->mentions = g_array_new (FALSE, FALSE, sizeof (LedeMention));
  doc->entities = g_array_new (FALSE, FALSE, sizeof (LedeEntity));
  if (doc->titles == NULL)
    doc->titles = g_array_new (FALSE, FALSE, sizeof (LedeTitle));
  if (ner == NULL)
    return;

  /* An article is tagged whole: the second pass reads the labels of the same
   * word elsewhere in it. A text far longer than any article is tagged in
   * pieces ending at sentence starts, so the tagger's per-token tables stay
   * a small multiple of the text. */
  for (guint p0 = 0, p1; p0 < n; p0 = p1)
    {
      p1 = MIN (n, p0 + NER_PIECE_TOKENS);
      if (p1 < n)
        {
          guint cut = p0;

          for (guint k = sentence; k < doc->sentences->len; k++)
            {
              guint first = g_array_index (doc->sentences, LedeSentence, k).first_token;

              if (first > p1)
                break;
              if (first > p0)
                cut = first;
            }
          if (cut > p0)
            p1 = cut;
        }
      for (guint i = p0; i < p1; i++)
        {
          while (sentence < doc->sentences->len
                 && g_array_index (doc->sentences, LedeSentence, sentence).first_token < i)
            sentence++;
          tokens[i - p0].text = doc->text + tok (doc, i)->start;
          tokens[i - p0].len = tok (doc, i)->end - tok (doc, i)->start;
          tokens[i - p0].sentence_start = i == p0
            || (sentence < doc->sentences->len
                && g_array_index (doc->sentences, LedeSentence, sentence).first_token == i);
        }
      lede_ner_tag (ner, tokens, p1 - p0, labels + p0);
    }

  for (guint i = 0; i < n; i++)
    {
      guint8 l = labels[i];
      guint j = i;
      LedeMention m = { 0 };

      if (l == 0 || (LEDE_NER_LABEL_POS (l) != LEDE_NER_B && LEDE_NER_LABEL_POS (l) != LEDE_NER_U))
        continue;
      while (LEDE_NER_LABEL_POS (labels[j]) == LEDE_NER_B || LEDE_NER_LABEL_POS (labels[j]) == LEDE_NER_I)
        {
          if (j + 1 >= n || labels[j + 1] == 0)
            break;
          j++;
        }
      m.start = tok (doc, i)->start;
      m.end = tok (doc, j)->end;
      m.first_token = i;
      m.n_tokens = j - i + 1;
      /* a capitalized role the tagger took for a name ("Vice Chairman") is
       * left to the titles layer; single words may be surnames ("King") */
      if (LEDE_NER_LABEL_TYPE (l) == LEDE_NER_PER && m.n_tokens >= 2 && model->titles != NULL
          && lede_title_lexicon_is_role (model->titles, doc, i, m.n_tokens))
        {
          i = j;
          continue;
        }
      /* "Mayor Joan Whitaker": a role the tagger took into a full name (some
       * role words are first names too) is left to the titles layer; an
       * honorific ("Mrs.") stays, coreference reads the gender from it */
      if (LEDE_NER_LABEL_TYPE (l) == LEDE_NER_PER && m.n_tokens >= 3 && model->titles != NULL
          && doc->text[tok (doc, i)->end - 1] != '.')
        for (guint k = m.n_tokens - 2; k >= 1; k--)
          if (lede_title_lexicon_is_role (model->titles, doc, i, k))
            {
              m.first_token = i + k;
              m.n_tokens -= k;
              m.start = tok (doc, m.first_token)->start;
              break;
            }
      m.type = refine (ner, doc, &m, LEDE_NER_LABEL_TYPE (l));
      g_array_append_val (doc->mentions, m);
      i = j;
    }
  adjust_mentions (doc, doc->mentions);
  add_credit_mentions (doc, doc->mentions);
  group_entities (doc);
}
