/* lede-document.c — LedeDocument, the GObject face of one annotated article. */
#include "lede-private.h"

/**
 * LedeDocument:
 *
 * The annotation of one article: its structure, sentences, tokens and
 * temporal expressions. A document never changes after it is made, so it may
 * be read from several threads. Offsets given by its accessors are in the
 * unit returned by [method@Lede.Document.get_offset_unit].
 */
struct _LedeDocument
{
  GObject  parent_instance;
  LedeDoc *doc;
};

G_DEFINE_FINAL_TYPE (LedeDocument, lede_document, G_TYPE_OBJECT)

static void
lede_document_finalize (GObject *object)
{
  LedeDocument *self = LEDE_DOCUMENT (object);

  g_clear_pointer (&self->doc, lede_doc_free);
  G_OBJECT_CLASS (lede_document_parent_class)->finalize (object);
}

static void
lede_document_class_init (LedeDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lede_document_finalize;
}

static void
lede_document_init (LedeDocument *self)
{
}

LedeDocument *
lede_document_new_take (LedeDoc *doc)
{
  LedeDocument *self = g_object_new (LEDE_TYPE_DOCUMENT, NULL);

  self->doc = doc;
  return self;
}

static guint
convert (LedeDocument *self, guint32 byte_offset)
{
  return lede_doc_convert_offset (self->doc, byte_offset, self->doc->options.offsets);
}

/**
 * lede_document_get_text:
 * @self: a #LedeDocument
 *
 * The text the offsets refer to: the caller's text, or its repaired copy when
 * invalid UTF-8 was replaced. It may contain NUL characters; use
 * [method@Lede.Document.get_span_text] to read parts of it.
 *
 * Returns: (transfer none): the annotated text
 */
const char *
lede_document_get_text (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  return self->doc->text;
}

/**
 * lede_document_get_date:
 * @self: a #LedeDocument
 *
 * Returns: (transfer full) (nullable): the publication date as "YYYY-MM-DD",
 *   or %NULL when none was given
 */
char *
lede_document_get_date (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  if (!g_date_valid (&self->doc->date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&self->doc->date),
                          g_date_get_month (&self->doc->date), g_date_get_day (&self->doc->date));
}

/**
 * lede_document_get_offset_unit:
 * @self: a #LedeDocument
 *
 * Returns: the unit of every offset this document reports
 */
LedeOffsetUnit
lede_document_get_offset_unit (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), LEDE_OFFSET_CODEPOINT);
  return self->doc->options.offsets;
}

/**
 * lede_document_get_repaired:
 * @self: a #LedeDocument
 *
 * Returns: %TRUE when invalid UTF-8 in the input was replaced with U+FFFD
 */
gboolean
lede_document_get_repaired (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), FALSE);
  return self->doc->repaired;
}

/**
 * lede_document_get_warnings:
 * @self: a #LedeDocument
 *
 * Returns: (transfer full) (array zero-terminated=1): what Lede repaired or
 *   could not do for this article, as messages for people
 */
char **
lede_document_get_warnings (LedeDocument *self)
{
  GStrvBuilder *builder;
  char **warnings;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->doc->warnings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->doc->warnings, i));
  warnings = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return warnings;
}

/**
 * lede_document_to_json:
 * @self: a #LedeDocument
 * @pretty: whether to indent the output for people
 *
 * Writes the document as Lede's JSON, described in docs/schema.md.
 *
 * Returns: (transfer full): the JSON text
 */
char *
lede_document_to_json (LedeDocument *self, gboolean pretty)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  return lede_json_write (self->doc, pretty);
}

/**
 * lede_document_get_n_blocks:
 * @self: a #LedeDocument
 *
 * Returns: how many structural blocks (headline, caption, paragraphs, ...) the article has
 */
guint
lede_document_get_n_blocks (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->blocks->len;
}

/**
 * lede_document_get_block:
 * @self: a #LedeDocument
 * @index: a block index, below [method@Lede.Document.get_n_blocks]
 * @start: (out) (optional): where the block starts
 * @end: (out) (optional): where it ends (exclusive)
 *
 * Returns: what the block is
 */
LedeStructureKind
lede_document_get_block (LedeDocument *self, guint index, guint *start, guint *end)
{
  const LedeBlock *block;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), LEDE_STRUCTURE_PARAGRAPH);
  g_return_val_if_fail (index < self->doc->blocks->len, LEDE_STRUCTURE_PARAGRAPH);
  block = &g_array_index (self->doc->blocks, LedeBlock, index);
  if (start)
    *start = convert (self, block->span.start);
  if (end)
    *end = convert (self, block->span.end);
  return block->kind;
}

/**
 * lede_document_get_n_sentences:
 * @self: a #LedeDocument
 *
 * Returns: how many sentences the article has (boilerplate, credit and
 *   dateline blocks hold none)
 */
guint
lede_document_get_n_sentences (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->sentences->len;
}

/**
 * lede_document_get_sentence:
 * @self: a #LedeDocument
 * @index: a sentence index, below [method@Lede.Document.get_n_sentences]
 * @start: (out) (optional): where the sentence starts
 * @end: (out) (optional): where it ends (exclusive)
 */
void
lede_document_get_sentence (LedeDocument *self, guint index, guint *start, guint *end)
{
  const LedeSentence *sentence;

  g_return_if_fail (LEDE_IS_DOCUMENT (self));
  g_return_if_fail (index < self->doc->sentences->len);
  sentence = &g_array_index (self->doc->sentences, LedeSentence, index);
  if (start)
    *start = convert (self, sentence->start);
  if (end)
    *end = convert (self, sentence->end);
}

/**
 * lede_document_get_n_tokens:
 * @self: a #LedeDocument
 *
 * Returns: how many tokens the article has (tokens are always made, whether
 *   or not the JSON output lists them)
 */
guint
lede_document_get_n_tokens (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->tokens->len;
}

/**
 * lede_document_get_token:
 * @self: a #LedeDocument
 * @index: a token index, below [method@Lede.Document.get_n_tokens]
 * @start: (out) (optional): where the token starts
 * @end: (out) (optional): where it ends (exclusive)
 *
 * Returns: what kind of token it is
 */
LedeTokenKind
lede_document_get_token (LedeDocument *self, guint index, guint *start, guint *end)
{
  const LedeToken *token;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), LEDE_TOKEN_WORD);
  g_return_val_if_fail (index < self->doc->tokens->len, LEDE_TOKEN_WORD);
  token = &g_array_index (self->doc->tokens, LedeToken, index);
  if (start)
    *start = convert (self, token->start);
  if (end)
    *end = convert (self, token->end);
  return token->kind;
}

/**
 * lede_document_get_n_timexes:
 * @self: a #LedeDocument
 *
 * Returns: how many temporal expressions the article has
 */
guint
lede_document_get_n_timexes (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->timexes->len;
}

/**
 * lede_document_get_timex:
 * @self: a #LedeDocument
 * @index: a timex index, below [method@Lede.Document.get_n_timexes]
 * @start: (out) (optional): where the expression starts
 * @end: (out) (optional): where it ends (exclusive)
 * @type: (out) (optional) (transfer none): its TIMEX3 type: "DATE", "TIME", "DURATION" or "SET"
 *
 * Returns: (transfer none): its normalized TIMEX3 value
 */
const char *
lede_document_get_timex (LedeDocument *self, guint index, guint *start, guint *end,
                         const char **type)
{
  const LedeTimex *timex;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->doc->timexes->len, NULL);
  timex = &g_array_index (self->doc->timexes, LedeTimex, index);
  if (start)
    *start = convert (self, timex->start);
  if (end)
    *end = convert (self, timex->end);
  if (type)
    *type = lede_timex_type_to_string (timex->type);
  return timex->value;
}

/**
 * lede_document_get_n_entities:
 * @self: a #LedeDocument
 *
 * Returns: how many entities (people, organizations, places, ...) the article
 *   names; 0 when the entities layer was not run
 */
guint
lede_document_get_n_entities (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->entities ? self->doc->entities->len : 0;
}

/**
 * lede_document_get_entity:
 * @self: a #LedeDocument
 * @index: an entity index, below [method@Lede.Document.get_n_entities]
 * @type: (out) (optional) (transfer none): its type: "PERSON", "ORG", "GPE",
 *   "LOC", "FAC", "NORP", "EVENT" or "MISC"
 * @media: (out) (optional): whether it is a news outlet
 *
 * Returns: (transfer full): its canonical name, the fullest name the article uses
 */
char *
lede_document_get_entity (LedeDocument *self, guint index, const char **type, gboolean *media)
{
  const LedeEntity *entity;
  const LedeMention *canonical;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < lede_document_get_n_entities (self), NULL);
  entity = &g_array_index (self->doc->entities, LedeEntity, index);
  canonical = &g_array_index (self->doc->mentions, LedeMention, entity->canonical);
  if (type)
    *type = lede_entity_type_to_string (entity->type);
  if (media)
    *media = entity->media;
  return g_strndup (self->doc->text + canonical->start, canonical->end - canonical->start);
}

/**
 * lede_document_get_n_mentions:
 * @self: a #LedeDocument
 *
 * Returns: how many named mentions of entities the article has, in text order
 */
guint
lede_document_get_n_mentions (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->mentions ? self->doc->mentions->len : 0;
}

/**
 * lede_document_get_mention:
 * @self: a #LedeDocument
 * @index: a mention index, below [method@Lede.Document.get_n_mentions]
 * @start: (out) (optional): where the mention starts
 * @end: (out) (optional): where it ends (exclusive)
 * @entity: (out) (optional): the index of the entity it names
 *
 * Returns: (transfer none): the mention's type, as in [method@Lede.Document.get_entity]
 */
const char *
lede_document_get_mention (LedeDocument *self, guint index, guint *start, guint *end, guint *entity)
{
  const LedeMention *mention;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < lede_document_get_n_mentions (self), NULL);
  mention = &g_array_index (self->doc->mentions, LedeMention, index);
  if (start)
    *start = convert (self, mention->start);
  if (end)
    *end = convert (self, mention->end);
  if (entity)
    *entity = mention->entity;
  return lede_entity_type_to_string (mention->type);
}

/**
 * lede_document_get_entity_salience:
 * @self: a #LedeDocument
 * @index: an entity index, below [method@Lede.Document.get_n_entities]
 *
 * How central the entity is to the article, from how often it is mentioned,
 * how early, and whether the headline or a caption names it.
 *
 * Returns: its salience, from 0 to 1 (1 for the article's most salient
 *   entity); 0 when the coref layer was not run
 */
gdouble
lede_document_get_entity_salience (LedeDocument *self, guint index)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (index < lede_document_get_n_entities (self), 0);
  return g_array_index (self->doc->entities, LedeEntity, index).salience;
}

/**
 * lede_document_get_n_references:
 * @self: a #LedeDocument
 *
 * Returns: how many mentions of entities that are not names (pronouns,
 *   titles and nouns used as names) the coref layer resolved, in text order;
 *   0 when it was not run
 */
guint
lede_document_get_n_references (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->references ? self->doc->references->len : 0;
}

/**
 * lede_document_get_reference:
 * @self: a #LedeDocument
 * @index: a reference index, below [method@Lede.Document.get_n_references]
 * @start: (out) (optional): where the reference starts
 * @end: (out) (optional): where it ends (exclusive)
 * @entity: (out) (optional): the index of the entity it refers to
 *
 * Returns: (transfer none): its kind: "pronoun" ("he", "its"), "title" ("the
 *   former Russian president") or "nominal" ("the company")
 */
const char *
lede_document_get_reference (LedeDocument *self, guint index, guint *start, guint *end,
                             guint *entity)
{
  const LedeReference *reference;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < lede_document_get_n_references (self), NULL);
  reference = &g_array_index (self->doc->references, LedeReference, index);
  if (start)
    *start = convert (self, reference->start);
  if (end)
    *end = convert (self, reference->end);
  if (entity)
    *entity = reference->entity;
  return lede_reference_kind_to_string (reference->kind);
}

/**
 * lede_document_get_n_quotes:
 * @self: a #LedeDocument
 *
 * Returns: how many attributions (who said or reported what) the article has;
 *   0 when the quotes layer was not run
 */
guint
lede_document_get_n_quotes (LedeDocument *self)
{
  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), 0);
  return self->doc->quotes ? self->doc->quotes->len : 0;
}

/**
 * lede_document_get_quote:
 * @self: a #LedeDocument
 * @index: an attribution index, below [method@Lede.Document.get_n_quotes]
 * @content_start: (out) (optional): where what was said starts
 * @content_end: (out) (optional): where it ends (exclusive)
 * @source_start: (out) (optional): where the source ("Medvedev", "he") starts, or -1
 * @source_end: (out) (optional): where it ends, or -1
 * @entity: (out) (optional): the index of the source's entity, or -1
 *
 * Returns: (transfer none): the kind: "direct", "indirect", "mixed" or "report"
 */
const char *
lede_document_get_quote (LedeDocument *self, guint index, guint *content_start,
                         guint *content_end, gint *source_start, gint *source_end, gint *entity)
{
  const LedeQuote *quote;
  gboolean has_source;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < lede_document_get_n_quotes (self), NULL);
  quote = &g_array_index (self->doc->quotes, LedeQuote, index);
  has_source = LEDE_SPAN_IS_SET (quote->source);
  if (content_start)
    *content_start = convert (self, quote->content.start);
  if (content_end)
    *content_end = convert (self, quote->content.end);
  if (source_start)
    *source_start = has_source ? (gint) convert (self, quote->source.start) : -1;
  if (source_end)
    *source_end = has_source ? (gint) convert (self, quote->source.end) : -1;
  if (entity)
    *entity = quote->entity;
  return lede_quote_kind_to_string (quote->kind);
}

/**
 * lede_document_get_span_text:
 * @self: a #LedeDocument
 * @start: a start offset in the document's unit
 * @end: an end offset in the document's unit, not before @start
 *
 * Returns: (transfer full) (nullable): the text between the offsets, or %NULL
 *   when they fall outside the text or inside a character
 */
char *
lede_document_get_span_text (LedeDocument *self, guint start, guint end)
{
  const LedeDoc *doc;
  guint32 from, to;

  g_return_val_if_fail (LEDE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (start <= end, NULL);
  doc = self->doc;
  if (!lede_doc_byte_offset (doc, start, doc->options.offsets, &from)
      || !lede_doc_byte_offset (doc, end, doc->options.offsets, &to))
    return NULL;
  return g_strndup (doc->text + from, to - from);
}
