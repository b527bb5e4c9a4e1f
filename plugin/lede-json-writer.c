/* lede-json-writer.c — writes a LedeDoc as Lede's JSON (docs/schema.md).
 *
 * Written by hand into one GString rather than through JsonBuilder: it is on
 * the hot path, and a JsonNode string cannot hold the NUL characters an
 * article may contain, which would silently cut text. */
#include "lede-private.h"

#include <string.h>

typedef struct {
  GString       *out;
  const LedeDoc *doc;
  LedeOffsetUnit unit;
  gboolean       pretty;
  guint          depth;
  gboolean       first;   /* no member written yet at this depth */
} Writer;

static void
newline (Writer *w)
{
  if (!w->pretty)
    return;
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

static void
separator (Writer *w)
{
  if (!w->first)
    g_string_append_c (w->out, ',');
  w->first = FALSE;
  newline (w);
}

static void
open_container (Writer *w, char c)
{
  g_string_append_c (w->out, c);
  w->depth++;
  w->first = TRUE;
}

static void
close_container (Writer *w, char c)
{
  gboolean empty = w->first;

  w->depth--;
  if (!empty)
    newline (w);
  g_string_append_c (w->out, c);
  w->first = FALSE;
}

static void
string_value (Writer *w, const char *s, gsize len)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = s, *end = s + len;

  g_string_append_c (w->out, '"');
  for (const char *p = s; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (w->out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (w->out, "\\\""); break;
        case '\\': g_string_append (w->out, "\\\\"); break;
        case '\n': g_string_append (w->out, "\\n"); break;
        case '\r': g_string_append (w->out, "\\r"); break;
        case '\t': g_string_append (w->out, "\\t"); break;
        default:
          g_string_append (w->out, "\\u00");
          g_string_append_c (w->out, hex[c >> 4]);
          g_string_append_c (w->out, hex[c & 0xF]);
        }
    }
  g_string_append_len (w->out, run, end - run);
  g_string_append_c (w->out, '"');
}

static void
key (Writer *w, const char *name)
{
  separator (w);
  g_string_append_c (w->out, '"');
  g_string_append (w->out, name);
  g_string_append (w->out, w->pretty ? "\": " : "\":");
}

static void
member_string (Writer *w, const char *name, const char *value)
{
  key (w, name);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    string_value (w, value, strlen (value));
}

static void
uint_value (Writer *w, guint64 value)
{
  char digits[24];
  guint n = sizeof digits;

  /* by hand: printf is a noticeable share of writing millions of offsets */
  do
    digits[--n] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  g_string_append_len (w->out, digits + n, sizeof digits - n);
}

static void
member_uint (Writer *w, const char *name, guint64 value)
{
  key (w, name);
  uint_value (w, value);
}

static void
member_bool (Writer *w, const char *name, gboolean value)
{
  key (w, name);
  g_string_append (w->out, value ? "true" : "false");
}

/* "start", "end" (and "text") of a byte span, in the caller's unit. */
static void
span_members (Writer *w, LedeSpan span, gboolean with_text)
{
  member_uint (w, "start", lede_doc_convert_offset (w->doc, span.start, w->unit));
  member_uint (w, "end", lede_doc_convert_offset (w->doc, span.end, w->unit));
  if (with_text)
    {
      key (w, "text");
      string_value (w, w->doc->text + span.start, span.end - span.start);
    }
}

static void
member_span_object (Writer *w, const char *name, LedeSpan span)
{
  if (!LEDE_SPAN_IS_SET (span))
    return;
  key (w, name);
  open_container (w, '{');
  span_members (w, span, TRUE);
  close_container (w, '}');
}

/* spaCy-style word shape: X for upper case, x for lower case, d for digits,
 * other characters as themselves, runs of one symbol cut at four. */
static void
member_shape (Writer *w, const char *text, guint32 len)
{
  GString *shape = g_string_sized_new (len);
  const char *p = text, *end = text + len;
  gunichar last = 0;
  guint run = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p), s;

      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        s = 'X';
      else if (g_unichar_isalpha (c))
        s = 'x';
      else if (g_unichar_isdigit (c))
        s = 'd';
      else
        s = c;
      run = s == last ? run + 1 : 1;
      last = s;
      if (run <= 4)
        g_string_append_unichar (shape, s);
      p = g_utf8_next_char (p);
    }
  key (w, "shape");
  string_value (w, shape->str, shape->len);
  g_string_free (shape, TRUE);
}

static void
write_structure (Writer *w)
{
  const LedeDoc *doc = w->doc;

  key (w, "structure");
  open_container (w, '[');
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const LedeBlock *b = &g_array_index (doc->blocks, LedeBlock, i);

      separator (w);
      open_container (w, '{');
      member_string (w, "kind", lede_structure_kind_to_string (b->kind));
      span_members (w, b->span, TRUE);
      if (b->subkind != NULL)
        member_string (w, "subkind", b->subkind);
      member_span_object (w, "who", b->who);
      member_span_object (w, "agency", b->agency);
      member_span_object (w, "when", b->when);
      close_container (w, '}');
    }
  close_container (w, ']');
}

static void
write_document (Writer *w)
{
  const LedeDoc *doc = w->doc;

  key (w, "document");
  open_container (w, '{');
  if (g_date_valid (&doc->date))
    {
      char date[16];

      g_snprintf (date, sizeof date, "%04u-%02u-%02u", g_date_get_year (&doc->date),
                  g_date_get_month (&doc->date), g_date_get_day (&doc->date));
      member_string (w, "date", date);
    }
  else
    member_string (w, "date", NULL);
  member_string (w, "language", "en");
  member_uint (w, "length", lede_doc_convert_offset (doc, (guint32) doc->len, w->unit));
  member_bool (w, "repaired", doc->repaired);
  member_uint (w, "token_count", doc->tokens->len);
  key (w, "warnings");
  open_container (w, '[');
  for (guint i = 0; i < doc->warnings->len; i++)
    {
      const char *message = g_ptr_array_index (doc->warnings, i);

      separator (w);
      string_value (w, message, strlen (message));
    }
  close_container (w, ']');
  write_structure (w);
  close_container (w, '}');
}

static void
write_sentences (Writer *w)
{
  key (w, "sentences");
  open_container (w, '[');
  for (guint i = 0; i < w->doc->sentences->len; i++)
    {
      const LedeSentence *s = &g_array_index (w->doc->sentences, LedeSentence, i);

      separator (w);
      open_container (w, '{');
      span_members (w, (LedeSpan) { s->start, s->end }, FALSE);
      close_container (w, '}');
    }
  close_container (w, ']');
}

static void
write_tokens (Writer *w)
{
  key (w, "tokens");
  open_container (w, '[');
  for (guint i = 0; i < w->doc->tokens->len; i++)
    {
      const LedeToken *t = &g_array_index (w->doc->tokens, LedeToken, i);

      separator (w);
      open_container (w, '{');
      span_members (w, (LedeSpan) { t->start, t->end }, FALSE);
      member_shape (w, w->doc->text + t->start, t->end - t->start);
      member_string (w, "kind", lede_token_kind_to_string (t->kind));
      close_container (w, '}');
    }
  close_container (w, ']');
}

static void
write_timexes (Writer *w)
{
  key (w, "timexes");
  open_container (w, '[');
  for (guint i = 0; i < w->doc->timexes->len; i++)
    {
      const LedeTimex *t = &g_array_index (w->doc->timexes, LedeTimex, i);

      separator (w);
      open_container (w, '{');
      span_members (w, (LedeSpan) { t->start, t->end }, TRUE);
      member_string (w, "type", lede_timex_type_to_string (t->type));
      member_string (w, "value", t->value);
      if (t->mod != NULL)
        member_string (w, "mod", t->mod);
      member_string (w, "anchor", t->anchor);
      if (t->anchor_timex >= 0)
        member_uint (w, "anchor_timex", (guint64) t->anchor_timex);
      close_container (w, '}');
    }
  close_container (w, ']');
}

/* Items grouped by entity in one counting pass, so that writing every
 * entity's mentions and titles stays linear in the article. */
typedef struct {
  guint *first;   /* entity e's items are items[first[e] .. first[e + 1]) */
  guint *items;   /* item indexes, in their table's order within an entity */
} ByEntity;

static void
by_entity_init (ByEntity *b, guint n_entities, const gint32 *entity_of, guint n_items)
{
  b->first = g_new0 (guint, n_entities + 2);
  b->items = g_new (guint, MAX (n_items, 1));
  for (guint i = 0; i < n_items; i++)
    if (entity_of[i] >= 0)
      b->first[entity_of[i] + 2]++;
  for (guint e = 0; e < n_entities; e++)
    b->first[e + 2] += b->first[e + 1];
  for (guint i = 0; i < n_items; i++)
    if (entity_of[i] >= 0)
      b->items[b->first[entity_of[i] + 1]++] = i;
}

static void
by_entity_clear (ByEntity *b)
{
  g_free (b->first);
  g_free (b->items);
}

/* an entity's id, "E" and its index + 1 (or null for -1); digits by hand,
 * as member_uint */
static void
member_entity_id (Writer *w, const char *name, gint32 entity)
{
  char id[16];
  guint n = sizeof id;
  guint32 value = (guint32) entity + 1;

  if (entity < 0)
    {
      member_string (w, name, NULL);
      return;
    }
  id[--n] = '\0';
  do
    id[--n] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  id[--n] = 'E';
  member_string (w, name, id + n);
}

/* a number from 0 to 1 with three decimals, without printf (hot path) */
static void
member_fraction (Writer *w, const char *name, float value)
{
  guint thousandths = (guint) (CLAMP (value, 0.0f, 1.0f) * 1000.0f + 0.5f);

  key (w, name);
  g_string_append_c (w->out, (char) ('0' + thousandths / 1000));
  g_string_append_c (w->out, '.');
  g_string_append_c (w->out, (char) ('0' + thousandths / 100 % 10));
  g_string_append_c (w->out, (char) ('0' + thousandths / 10 % 10));
  g_string_append_c (w->out, (char) ('0' + thousandths % 10));
}

static void
write_mention (Writer *w, LedeSpan span, LedeEntityType type, const char *kind)
{
  separator (w);
  open_container (w, '{');
  span_members (w, span, TRUE);
  member_string (w, "type", lede_entity_type_to_string (type));
  member_string (w, "kind", kind);
  close_container (w, '}');
}

/* Its named mentions and, with coreference, its pronouns and titles and
 * nouns used as names, merged in text order. */
static void
write_entity_mentions (Writer *w, const ByEntity *names, const ByEntity *refs, guint e)
{
  const LedeDoc *doc = w->doc;
  guint i = names->first[e], r = refs ? refs->first[e] : 0;
  guint i_end = names->first[e + 1], r_end = refs ? refs->first[e + 1] : 0;

  key (w, "mentions");
  open_container (w, '[');
  while (i < i_end || r < r_end)
    {
      const LedeMention *m = i < i_end ? &g_array_index (doc->mentions, LedeMention, names->items[i]) : NULL;
      const LedeReference *x = r < r_end ? &g_array_index (doc->references, LedeReference, refs->items[r]) : NULL;

      if (m != NULL && (x == NULL || m->start <= x->start))
        {
          write_mention (w, (LedeSpan) { m->start, m->end }, m->type, "name");
          i++;
        }
      else
        {
          write_mention (w, (LedeSpan) { x->start, x->end },
                         g_array_index (doc->entities, LedeEntity, e).type,
                         lede_reference_kind_to_string (x->kind));
          r++;
        }
    }
  close_container (w, ']');
}

static void
write_entity_titles (Writer *w, const ByEntity *titles, guint e)
{
  const LedeDoc *doc = w->doc;

  key (w, "titles");
  open_container (w, '[');
  for (guint k = titles->first[e]; k < titles->first[e + 1]; k++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, titles->items[k]);

      separator (w);
      open_container (w, '{');
      span_members (w, (LedeSpan) { x->start, x->end }, TRUE);
      member_bool (w, "former", x->former);
      member_bool (w, "acting", x->acting);
      if (LEDE_SPAN_IS_SET (x->org))
        member_span_object (w, "org", x->org);
      else
        member_string (w, "org", NULL);
      if (LEDE_SPAN_IS_SET (x->country))
        member_span_object (w, "country", x->country);
      else
        member_string (w, "country", NULL);
      close_container (w, '}');
    }
  close_container (w, ']');
}

/* coreference: the entity's distinct roles (a role written twice is listed
 * once) and the entities it is related to */
static void
write_entity_roles (Writer *w, const ByEntity *titles, guint e, guint *relation)
{
  const LedeDoc *doc = w->doc;
  g_autoptr(GHashTable) seen = NULL;

  if (titles->first[e] < titles->first[e + 1])
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key (w, "roles");
  open_container (w, '[');
  for (guint k = titles->first[e]; k < titles->first[e + 1]; k++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, titles->items[k]);
      char *role = g_ascii_strdown (doc->text + x->start, x->end - x->start);

      if (!g_hash_table_add (seen, role))
        continue;
      separator (w);
      open_container (w, '{');
      key (w, "text");
      string_value (w, doc->text + x->start, x->end - x->start);
      member_bool (w, "former", x->former);
      member_bool (w, "acting", x->acting);
      member_entity_id (w, "org", x->org_entity);
      member_entity_id (w, "country", x->country_entity);
      close_container (w, '}');
    }
  close_container (w, ']');

  key (w, "related");
  open_container (w, '[');
  for (; *relation < doc->relations->len
         && g_array_index (doc->relations, LedeRelation, *relation).entity == e; (*relation)++)
    {
      const LedeRelation *x = &g_array_index (doc->relations, LedeRelation, *relation);

      separator (w);
      open_container (w, '{');
      member_entity_id (w, "entity", (gint32) x->related);
      member_string (w, "relation", x->relation);
      close_container (w, '}');
    }
  close_container (w, ']');
}

static void
write_entities (Writer *w)
{
  const LedeDoc *doc = w->doc;
  gboolean coref = doc->references != NULL;
  guint n_titles = doc->titles ? doc->titles->len : 0, relation = 0;
  g_autofree gint32 *entity_of = NULL;
  ByEntity names, titles, refs;

  if (doc->entities == NULL)
    return;
  entity_of = g_new (gint32, MAX (MAX (doc->mentions->len, n_titles),
                                  coref ? doc->references->len : 0) + 1);
  for (guint m = 0; m < doc->mentions->len; m++)
    entity_of[m] = (gint32) g_array_index (doc->mentions, LedeMention, m).entity;
  by_entity_init (&names, doc->entities->len, entity_of, doc->mentions->len);
  for (guint t = 0; t < n_titles; t++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

      entity_of[t] = x->mention >= 0
                     ? (gint32) g_array_index (doc->mentions, LedeMention, x->mention).entity
                     : x->entity;
    }
  by_entity_init (&titles, doc->entities->len, entity_of, n_titles);
  if (coref)
    {
      for (guint r = 0; r < doc->references->len; r++)
        entity_of[r] = (gint32) g_array_index (doc->references, LedeReference, r).entity;
      by_entity_init (&refs, doc->entities->len, entity_of, doc->references->len);
    }

  key (w, "entities");
  open_container (w, '[');
  for (guint e = 0; e < doc->entities->len; e++)
    {
      const LedeEntity *ent = &g_array_index (doc->entities, LedeEntity, e);
      const LedeMention *c = &g_array_index (doc->mentions, LedeMention, ent->canonical);

      separator (w);
      open_container (w, '{');
      member_entity_id (w, "id", (gint32) e);
      member_string (w, "type", lede_entity_type_to_string (ent->type));
      key (w, "canonical");
      string_value (w, doc->text + c->start, c->end - c->start);
      member_bool (w, "media", ent->media);
      if (coref)
        member_fraction (w, "salience", ent->salience);
      write_entity_mentions (w, &names, coref ? &refs : NULL, e);
      write_entity_titles (w, &titles, e);
      if (coref)
        write_entity_roles (w, &titles, e, &relation);
      close_container (w, '}');
    }
  close_container (w, ']');
  by_entity_clear (&names);
  by_entity_clear (&titles);
  if (coref)
    by_entity_clear (&refs);
}

static void
write_quotes (Writer *w)
{
  const LedeDoc *doc = w->doc;

  if (doc->quotes == NULL)
    return;
  key (w, "quotes");
  open_container (w, '[');
  for (guint i = 0; i < doc->quotes->len; i++)
    {
      const LedeQuote *q = &g_array_index (doc->quotes, LedeQuote, i);

      separator (w);
      open_container (w, '{');
      member_string (w, "kind", lede_quote_kind_to_string (q->kind));
      if (LEDE_SPAN_IS_SET (q->source))
        member_span_object (w, "source", q->source);
      else
        member_string (w, "source", NULL);
      member_entity_id (w, "entity", q->entity);
      if (LEDE_SPAN_IS_SET (q->cue))
        member_span_object (w, "cue", q->cue);
      else
        member_string (w, "cue", NULL);
      member_span_object (w, "content", q->content);
      if (q->n_parts > 1)
        {
          key (w, "content_parts");
          open_container (w, '[');
          for (guint p = q->first_part; p < q->first_part + q->n_parts; p++)
            {
              separator (w);
              open_container (w, '{');
              span_members (w, g_array_index (doc->quote_parts, LedeSpan, p), TRUE);
              close_container (w, '}');
            }
          close_container (w, ']');
        }
      if (q->reported_by >= 0)
        member_uint (w, "reported_by", (guint64) q->reported_by);
      else
        member_string (w, "reported_by", NULL);
      close_container (w, '}');
    }
  close_container (w, ']');

  key (w, "quoted_phrases");
  open_container (w, '[');
  for (guint i = 0; i < doc->quoted_phrases->len; i++)
    {
      const LedeQuotedPhrase *p = &g_array_index (doc->quoted_phrases, LedeQuotedPhrase, i);

      separator (w);
      open_container (w, '{');
      span_members (w, p->span, TRUE);
      member_string (w, "kind", lede_quoted_phrase_kind_to_string (p->kind));
      close_container (w, '}');
    }
  close_container (w, ']');
}

/* "entity": the participant's entity id (as write_entities numbers them) or null. */
static void
member_entity (Writer *w, gint32 mention)
{
  char id[16];

  if (mention < 0)
    {
      member_string (w, "entity", NULL);
      return;
    }
  g_snprintf (id, sizeof id, "E%u",
              g_array_index (w->doc->mentions, LedeMention, mention).entity + 1);
  member_string (w, "entity", id);
}

static void
event_arg (Writer *w, const LedeEventArg *arg, gboolean with_role)
{
  separator (w);
  open_container (w, '{');
  if (with_role)
    member_string (w, "role", lede_event_role_to_string (arg->role));
  member_entity (w, arg->mention);
  span_members (w, arg->span, TRUE);
  close_container (w, '}');
}

static void
member_event_time (Writer *w, gint32 timex)
{
  const LedeTimex *t;

  key (w, "time");
  if (timex < 0)
    {
      g_string_append (w->out, "null");
      return;
    }
  t = &g_array_index (w->doc->timexes, LedeTimex, timex);
  open_container (w, '{');
  span_members (w, (LedeSpan) { t->start, t->end }, TRUE);
  member_string (w, "value", t->value);
  member_uint (w, "timex", (guint64) timex);
  close_container (w, '}');
}

/* An index into another array of the output, or null. */
static void
member_index (Writer *w, const char *name, gint32 index)
{
  if (index >= 0)
    member_uint (w, name, (guint64) index);
  else
    member_string (w, name, NULL);
}

/* Whether two arguments name the same participant in the same role: the same
 * entity, or the same words when neither is an entity. */
static gboolean
same_event_arg (const LedeDoc *doc, const LedeEventArg *x, const LedeEventArg *y)
{
  if (x->role != y->role)
    return FALSE;
  if (x->mention >= 0 || y->mention >= 0)
    return x->mention >= 0 && y->mention >= 0
           && g_array_index (doc->mentions, LedeMention, x->mention).entity
              == g_array_index (doc->mentions, LedeMention, y->mention).entity;
  return x->span.end - x->span.start == y->span.end - y->span.start
         && memcmp (doc->text + x->span.start, doc->text + y->span.start,
                    x->span.end - x->span.start) == 0;
}

/* The event's participants (or places) over all its mentions, each once.
 * slots gets, for each of those arguments in mention order, its index in the
 * list written, which the mentions refer to. An event has a bounded number of
 * mentions and arguments (lede-events.c), so the search stays small. */
static void
event_args_union (Writer *w, const LedeEvent *ev, gboolean places, GArray *slots)
{
  const LedeDoc *doc = w->doc;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();  /* const LedeEventArg *, in slot order */

  g_array_set_size (slots, 0);
  key (w, places ? "places" : "participants");
  open_container (w, '[');
  for (guint m = ev->first_mention; m < ev->first_mention + ev->n_mentions; m++)
    {
      const LedeEventMention *em = &g_array_index (doc->event_mentions, LedeEventMention, m);

      for (guint a = em->first_arg; a < em->first_arg + em->n_args; a++)
        {
          const LedeEventArg *arg = &g_array_index (doc->event_args, LedeEventArg, a);
          guint32 slot = seen->len;

          if ((arg->role == LEDE_EVENT_ROLE_PLACE) != places)
            continue;
          for (guint k = 0; k < seen->len && slot == seen->len; k++)
            if (same_event_arg (doc, g_ptr_array_index (seen, k), arg))
              slot = k;
          if (slot == seen->len)
            {
              g_ptr_array_add (seen, (gpointer) arg);
              event_arg (w, arg, !places);
            }
          g_array_append_val (slots, slot);
        }
    }
  close_container (w, ']');
}

/* "participants" or "places" of one mention: indices into the event's list. */
static void
mention_arg_slots (Writer *w, const LedeEventMention *em, gboolean places, const GArray *slots,
                   guint *next)
{
  key (w, places ? "places" : "participants");
  open_container (w, '[');
  for (guint a = em->first_arg; a < em->first_arg + em->n_args; a++)
    if ((g_array_index (w->doc->event_args, LedeEventArg, a).role == LEDE_EVENT_ROLE_PLACE) == places)
      {
        separator (w);
        uint_value (w, g_array_index (slots, guint32, (*next)++));
      }
  close_container (w, ']');
}

/* The attributions that tell of event e: those holding its mentions, and
 * those holding the mentions of the events that are part of it (which follow
 * it within LEDE_EVENT_LOOKBACK events). */
static void
write_reported_by (Writer *w, guint e)
{
  const LedeDoc *doc = w->doc;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint32));

  key (w, "reported_by");
  open_container (w, '[');
  for (guint k = e; k < doc->events->len && k <= e + LEDE_EVENT_LOOKBACK; k++)
    {
      const LedeEvent *ev = &g_array_index (doc->events, LedeEvent, k);

      if (k != e && ev->part_of != (gint32) e)
        continue;
      for (guint m = ev->first_mention; m < ev->first_mention + ev->n_mentions; m++)
        {
          gint32 q = g_array_index (doc->event_mentions, LedeEventMention, m).reported_in;
          gboolean known = q < 0;

          for (guint s = 0; s < seen->len && !known; s++)
            known = g_array_index (seen, gint32, s) == q;
          if (known)
            continue;
          g_array_append_val (seen, q);
          separator (w);
          uint_value (w, (guint64) q);
        }
    }
  close_container (w, ']');
}

static void
write_events (Writer *w)
{
  const LedeDoc *doc = w->doc;
  g_autoptr(GArray) participant_slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) place_slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint next_participant, next_place;

  if (doc->events == NULL)
    return;
  key (w, "events");
  open_container (w, '[');
  for (guint e = 0; e < doc->events->len; e++)
    {
      const LedeEvent *ev = &g_array_index (doc->events, LedeEvent, e);
      const LedeEventMention *first = &g_array_index (doc->event_mentions, LedeEventMention,
                                                      ev->first_mention);
      gint32 timex = -1;
      char id[16];

      separator (w);
      open_container (w, '{');
      g_snprintf (id, sizeof id, "V%u", e + 1);
      member_string (w, "id", id);
      member_string (w, "type", lede_event_type_to_string (ev->type));
      member_string (w, "cameo", ev->cameo);
      member_span_object (w, "trigger", first->trigger);
      event_args_union (w, ev, FALSE, participant_slots);
      event_args_union (w, ev, TRUE, place_slots);
      for (guint m = ev->first_mention; m < ev->first_mention + ev->n_mentions && timex < 0; m++)
        timex = g_array_index (doc->event_mentions, LedeEventMention, m).timex;
      member_event_time (w, timex);
      g_snprintf (id, sizeof id, "V%d", ev->part_of + 1);
      member_string (w, "part_of", ev->part_of >= 0 ? id : NULL);
      write_reported_by (w, e);
      key (w, "mentions");
      open_container (w, '[');
      next_participant = next_place = 0;
      for (guint m = ev->first_mention; m < ev->first_mention + ev->n_mentions; m++)
        {
          const LedeEventMention *em = &g_array_index (doc->event_mentions, LedeEventMention, m);

          separator (w);
          open_container (w, '{');
          member_span_object (w, "trigger", em->trigger);
          mention_arg_slots (w, em, FALSE, participant_slots, &next_participant);
          mention_arg_slots (w, em, TRUE, place_slots, &next_place);
          member_index (w, "timex", em->timex);
          member_index (w, "quote", em->quote);
          member_index (w, "reported_in", em->reported_in);
          close_container (w, '}');
        }
      close_container (w, ']');
      close_container (w, '}');
    }
  close_container (w, ']');
}

char *
lede_json_write (const LedeDoc *doc, gboolean pretty)
{
  Writer w = {
    .out = g_string_sized_new (256 + doc->len + doc->sentences->len * 32),
    .doc = doc,
    .unit = doc->options.offsets,
    .pretty = pretty,
    .first = TRUE,
  };

  open_container (&w, '{');
  member_uint (&w, "schema", 1);
  member_string (&w, "offsets", lede_offset_unit_to_string (w.unit));
  if (doc->id != NULL)
    member_string (&w, "id", doc->id);
  write_document (&w);
  if (doc->options.layers & LEDE_CAP_SENTENCES)
    write_sentences (&w);
  if (doc->options.tokens && (doc->options.layers & LEDE_CAP_TOKENS))
    write_tokens (&w);
  write_entities (&w);
  if (doc->options.layers & LEDE_CAP_TIME)
    write_timexes (&w);
  write_quotes (&w);
  write_events (&w);
  close_container (&w, '}');
  if (pretty)
    g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}
