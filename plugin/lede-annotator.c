/* lede-annotator.c — LedeAnnotator: the model and default options, and the
 * pipeline that runs every layer over one article. */
#include "lede-private.h"

#include <string.h>

/**
 * LedeAnnotator:
 *
 * Annotates English news articles. An annotator is made once (that is when
 * its model is loaded), never changes afterwards, and may be used from any
 * number of threads at once.
 */
struct _LedeAnnotator
{
  GObject    parent_instance;
  LedeModel *model;
  LedeOptions defaults;
};

G_DEFINE_FINAL_TYPE (LedeAnnotator, lede_annotator, G_TYPE_OBJECT)

G_DEFINE_QUARK (lede-error-quark, lede_error)

static void
lede_annotator_finalize (GObject *object)
{
  LedeAnnotator *self = LEDE_ANNOTATOR (object);

  g_clear_pointer (&self->model, lede_model_free);
  G_OBJECT_CLASS (lede_annotator_parent_class)->finalize (object);
}

static void
lede_annotator_class_init (LedeAnnotatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lede_annotator_finalize;
}

static void
lede_annotator_init (LedeAnnotator *self)
{
}

/**
 * lede_annotator_new_from_json:
 * @options_json: (nullable): the annotator's options as a JSON object, or %NULL
 * @error: return location for a #LedeError
 *
 * Makes an annotator. The options (all optional) are "offsets" ("codepoint",
 * "utf16" or "byte"), "tokens" (list tokens in the JSON) and "repair"
 * (replace invalid UTF-8 instead of failing); see docs/abi.md.
 *
 * Returns: (transfer full): a new annotator, or %NULL with @error set
 */
LedeAnnotator *
lede_annotator_new_from_json (const char *options_json, GError **error)
{
  g_autoptr(LedeModel) model = NULL;
  LedeOptions defaults;
  LedeAnnotator *self;

  model = lede_model_new (error);
  if (model == NULL)
    return NULL;
  defaults = model->defaults;
  if (!lede_options_parse (&defaults, options_json, FALSE, NULL, NULL, error))
    return NULL;

  self = g_object_new (LEDE_TYPE_ANNOTATOR, NULL);
  self->model = g_steal_pointer (&model);
  self->defaults = defaults;
  return self;
}

LedeDoc *
lede_pipeline_run (const LedeModel *model, const LedeOptions *defaults, const char *text,
                   gsize len, const char *meta_json, gboolean copy_text, GError **error)
{
  LedeOptions options = *defaults;
  GDate date;
  g_autofree char *id = NULL;
  LedeDoc *doc;

  g_date_clear (&date, 1);
  if (!lede_options_parse (&options, meta_json, TRUE, &date, &id, error))
    return NULL;
  doc = lede_doc_new (&options, text, len, copy_text, error);
  if (doc == NULL)
    return NULL;
  doc->date = date;
  doc->id = g_steal_pointer (&id);

  /* lede_options_parse has added to "layers" what each chosen layer reads */
  lede_structure_annotate (model, doc);
  if (options.layers & LEDE_CAP_TOKENS)
    lede_tokens_annotate (model, doc);
  if (options.layers & LEDE_CAP_SENTENCES)
    lede_sentences_annotate (model, doc);
  if (options.layers & LEDE_CAP_ENTITIES)
    {
      lede_entities_annotate (model, doc);
      lede_titles_annotate (model, doc);
    }
  if (options.layers & LEDE_CAP_TIME)
    lede_time_annotate (model, doc);
  if (options.layers & LEDE_CAP_COREF)
    lede_coref_annotate (model, doc);
  if (options.layers & LEDE_CAP_QUOTES)
    lede_quotes_annotate (model, doc);
  if (options.layers & LEDE_CAP_EVENTS)
    lede_events_annotate (model, doc);
  return doc;
}

/**
 * lede_annotator_annotate:
 * @self: a #LedeAnnotator
 * @text: (array length=length) (element-type guint8): UTF-8 text of one article
 * @length: its length in bytes, or -1 when it is NUL-terminated
 * @meta_json: (nullable): the article's metadata as a JSON object: "date"
 *   (the publication date, "YYYY-MM-DD"), "id", and per-article "offsets",
 *   "tokens", "repair"
 * @error: return location for a #LedeError
 *
 * Annotates one article.
 *
 * Returns: (transfer full): the annotated document, or %NULL with @error set
 */
LedeDocument *
lede_annotator_annotate (LedeAnnotator *self, const char *text, gssize length,
                         const char *meta_json, GError **error)
{
  LedeDoc *doc;

  g_return_val_if_fail (LEDE_IS_ANNOTATOR (self), NULL);
  g_return_val_if_fail (text != NULL || length <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    length = 0;
  else if (length < 0)
    length = (gssize) strlen (text);
  /* the document outlives the call, so it keeps its own copy of the text */
  doc = lede_pipeline_run (self->model, &self->defaults, text, (gsize) length, meta_json, TRUE,
                           error);
  return doc ? lede_document_new_take (doc) : NULL;
}

LedeDoc *
lede_annotator_run (LedeAnnotator *self, const char *text, gsize len, const char *meta_json,
                    GError **error)
{
  return lede_pipeline_run (self->model, &self->defaults, text, len, meta_json, FALSE, error);
}
