/* lede-gobject.h — the GObject face of Lede, for C and GObject-Introspection users. */
#pragma once

#include <glib-object.h>
#include <lede/lede.h>

G_BEGIN_DECLS

/**
 * LedeError:
 * @LEDE_ERROR_INVALID_ARGUMENT: a NULL handle or an impossible argument
 * @LEDE_ERROR_INVALID_UTF8: the text is not valid UTF-8
 * @LEDE_ERROR_INVALID_OPTIONS: the annotator options are malformed
 * @LEDE_ERROR_INVALID_METADATA: the per-article metadata is malformed
 * @LEDE_ERROR_TOO_LARGE: the text is longer than Lede's offsets can address
 * @LEDE_ERROR_INTERNAL: a bug in Lede
 *
 * Error codes of the `LEDE_ERROR` domain. The numbers are those of the flat
 * ABI's `lede_status`; codes are only ever appended.
 */
typedef enum {
  LEDE_ERROR_INVALID_ARGUMENT = 1,
  LEDE_ERROR_INVALID_UTF8     = 2,
  LEDE_ERROR_INVALID_OPTIONS  = 3,
  LEDE_ERROR_INVALID_METADATA = 4,
  LEDE_ERROR_TOO_LARGE        = 5,
  LEDE_ERROR_INTERNAL         = 6,
} LedeError;

#define LEDE_ERROR (lede_error_quark ())
LEDE_API GQuark lede_error_quark (void);

/**
 * LedeOffsetUnit:
 * @LEDE_OFFSET_CODEPOINT: Unicode code points (Python `str`, spaCy, brat)
 * @LEDE_OFFSET_UTF16: UTF-16 code units (JavaScript, Java, editors)
 * @LEDE_OFFSET_BYTE: UTF-8 bytes
 *
 * The unit in which a #LedeDocument reports offsets.
 */
typedef enum {
  LEDE_OFFSET_CODEPOINT,
  LEDE_OFFSET_UTF16,
  LEDE_OFFSET_BYTE,
} LedeOffsetUnit;

/**
 * LedeStructureKind:
 * @LEDE_STRUCTURE_HEADLINE: the article's headline
 * @LEDE_STRUCTURE_CAPTION: a photo caption
 * @LEDE_STRUCTURE_CREDIT: a credit or byline ("[Compiled X/Y]", "By X")
 * @LEDE_STRUCTURE_DATELINE: a dateline ("BEIJING (Reuters) -")
 * @LEDE_STRUCTURE_BOILERPLATE: web boilerplate, left out of later layers
 * @LEDE_STRUCTURE_PARAGRAPH: a paragraph of body text
 *
 * What a block of the article is.
 */
typedef enum {
  LEDE_STRUCTURE_HEADLINE,
  LEDE_STRUCTURE_CAPTION,
  LEDE_STRUCTURE_CREDIT,
  LEDE_STRUCTURE_DATELINE,
  LEDE_STRUCTURE_BOILERPLATE,
  LEDE_STRUCTURE_PARAGRAPH,
} LedeStructureKind;

/**
 * LedeTokenKind:
 * @LEDE_TOKEN_WORD: a word, including clitics such as "n't" and "'s"
 * @LEDE_TOKEN_NUMBER: a number ("3", "1,200", "3.5", "21st")
 * @LEDE_TOKEN_PUNCT: punctuation
 * @LEDE_TOKEN_SYMBOL: a symbol other than punctuation ("$", "%", "&")
 * @LEDE_TOKEN_URL: a URL
 * @LEDE_TOKEN_EMAIL: an e-mail address
 * @LEDE_TOKEN_MONEY: an amount with its currency sign ("$5", "€1.2")
 * @LEDE_TOKEN_PERCENT: a percentage ("5%")
 * @LEDE_TOKEN_ABBREVIATION: an abbreviation or initial with its period ("U.S.", "Mr.", "E.")
 *
 * What a token is.
 */
typedef enum {
  LEDE_TOKEN_WORD,
  LEDE_TOKEN_NUMBER,
  LEDE_TOKEN_PUNCT,
  LEDE_TOKEN_SYMBOL,
  LEDE_TOKEN_URL,
  LEDE_TOKEN_EMAIL,
  LEDE_TOKEN_MONEY,
  LEDE_TOKEN_PERCENT,
  LEDE_TOKEN_ABBREVIATION,
} LedeTokenKind;

#define LEDE_TYPE_DOCUMENT (lede_document_get_type ())
LEDE_API G_DECLARE_FINAL_TYPE (LedeDocument, lede_document, LEDE, DOCUMENT, GObject)

#define LEDE_TYPE_ANNOTATOR (lede_annotator_get_type ())
LEDE_API G_DECLARE_FINAL_TYPE (LedeAnnotator, lede_annotator, LEDE, ANNOTATOR, GObject)

LEDE_API LedeAnnotator  *lede_annotator_new_from_json       (const char     *options_json,
                                                             GError        **error);
LEDE_API LedeDocument   *lede_annotator_annotate            (LedeAnnotator  *self,
                                                             const char     *text,
                                                             gssize          length,
                                                             const char     *meta_json,
                                                             GError        **error);

LEDE_API const char     *lede_document_get_text             (LedeDocument   *self);
LEDE_API char           *lede_document_get_date             (LedeDocument   *self);
LEDE_API LedeOffsetUnit  lede_document_get_offset_unit      (LedeDocument   *self);
LEDE_API gboolean        lede_document_get_repaired         (LedeDocument   *self);
LEDE_API char          **lede_document_get_warnings         (LedeDocument   *self);
LEDE_API char           *lede_document_to_json              (LedeDocument   *self,
                                                             gboolean        pretty);

LEDE_API guint             lede_document_get_n_blocks       (LedeDocument   *self);
LEDE_API LedeStructureKind lede_document_get_block          (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end);
LEDE_API guint             lede_document_get_n_sentences    (LedeDocument   *self);
LEDE_API void              lede_document_get_sentence       (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end);
LEDE_API guint             lede_document_get_n_tokens       (LedeDocument   *self);
LEDE_API LedeTokenKind     lede_document_get_token          (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end);
LEDE_API guint             lede_document_get_n_timexes    (LedeDocument   *self);
LEDE_API const char       *lede_document_get_timex        (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end,
                                                             const char    **type);
LEDE_API guint             lede_document_get_n_entities   (LedeDocument   *self);
LEDE_API char             *lede_document_get_entity       (LedeDocument   *self,
                                                             guint           index,
                                                             const char    **type,
                                                             gboolean       *media);
LEDE_API guint             lede_document_get_n_mentions   (LedeDocument   *self);
LEDE_API const char       *lede_document_get_mention      (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end,
                                                             guint          *entity);
LEDE_API gdouble           lede_document_get_entity_salience (LedeDocument *self,
                                                             guint           index);
LEDE_API guint             lede_document_get_n_references (LedeDocument   *self);
LEDE_API const char       *lede_document_get_reference    (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *start,
                                                             guint          *end,
                                                             guint          *entity);
LEDE_API guint             lede_document_get_n_quotes     (LedeDocument   *self);
LEDE_API const char       *lede_document_get_quote        (LedeDocument   *self,
                                                             guint           index,
                                                             guint          *content_start,
                                                             guint          *content_end,
                                                             gint           *source_start,
                                                             gint           *source_end,
                                                             gint           *entity);
LEDE_API char             *lede_document_get_span_text      (LedeDocument   *self,
                                                             guint           start,
                                                             guint           end);

G_END_DECLS
