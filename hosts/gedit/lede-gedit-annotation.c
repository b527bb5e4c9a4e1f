/* lede-gedit-annotation.c — keeps one text buffer annotated by Lede.
 *
 * Every edit bumps a generation and restarts a short timer; when the timer
 * fires, a copy of the text is annotated on a worker thread (GTask), so the
 * editor never waits for Lede. A result is applied only if the buffer is still
 * at the generation it was computed for; otherwise it is dropped and the newer
 * text is annotated. At most one worker runs per buffer.
 *
 * Offsets: Lede is asked for code points, which is what GtkTextBuffer counts,
 * so every span maps to gtk_text_buffer_get_iter_at_offset() as it is.
 */
#include "lede-gedit-annotation.h"

struct _LedeGeditAnnotation {
  GObject parent_instance;

  GtkTextBuffer *buffer;    /* NULL once detached */
  LedeAnnotator *annotator;
  GtkTextTag *tags[LEDE_GEDIT_N_CATEGORIES];
  LedeDocument *result;     /* the result the tags show, or NULL */
  char *error;              /* why the last annotation failed, or NULL */
  guint64 generation;       /* bumped on every edit */
  guint n_results;          /* how many results or errors were applied */
  guint debounce_id;
  gboolean running;         /* a worker is annotating */
  gboolean rerun;           /* annotate again when it is done */
};

G_DEFINE_DYNAMIC_TYPE (LedeGeditAnnotation, lede_gedit_annotation, G_TYPE_OBJECT)

enum { SIGNAL_ANNOTATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const tag_names[LEDE_GEDIT_N_CATEGORIES] = {
  [LEDE_GEDIT_QUOTE] = "lede-quote",
  [LEDE_GEDIT_PERSON] = "lede-person",
  [LEDE_GEDIT_ORGANIZATION] = "lede-organization",
  [LEDE_GEDIT_PLACE] = "lede-place",
  [LEDE_GEDIT_DATE] = "lede-date",
};

const char *
lede_gedit_category_tag_name (LedeGeditCategory category)
{
  g_return_val_if_fail (category < LEDE_GEDIT_N_CATEGORIES, NULL);
  return tag_names[category];
}

int
lede_gedit_category_of_entity_type (const char *type)
{
  if (g_strcmp0 (type, "PERSON") == 0)
    return LEDE_GEDIT_PERSON;
  if (g_strcmp0 (type, "ORG") == 0)
    return LEDE_GEDIT_ORGANIZATION;
  if (g_strcmp0 (type, "GPE") == 0 || g_strcmp0 (type, "LOC") == 0
      || g_strcmp0 (type, "FAC") == 0)
    return LEDE_GEDIT_PLACE;
  return -1;
}

/* The buffer's tag of that name, made with the plugin's style the first time;
 * a buffer keeps its tags when the plugin is switched off and on again. */
static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer, LedeGeditCategory category)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, tag_names[category]);

  if (tag != NULL)
    return tag;
  switch (category)
    {
    case LEDE_GEDIT_QUOTE:
      return gtk_text_buffer_create_tag (buffer, tag_names[category],
                                         "style", PANGO_STYLE_ITALIC,
                                         "background", "#fff4c2", NULL);
    case LEDE_GEDIT_PERSON:
      return gtk_text_buffer_create_tag (buffer, tag_names[category],
                                         "weight", PANGO_WEIGHT_BOLD,
                                         "foreground", "#1a4fa0", NULL);
    case LEDE_GEDIT_ORGANIZATION:
      return gtk_text_buffer_create_tag (buffer, tag_names[category],
                                         "weight", PANGO_WEIGHT_BOLD,
                                         "foreground", "#a0461a", NULL);
    case LEDE_GEDIT_PLACE:
      return gtk_text_buffer_create_tag (buffer, tag_names[category],
                                         "foreground", "#1a7a2e",
                                         "underline", PANGO_UNDERLINE_SINGLE, NULL);
    case LEDE_GEDIT_DATE:
      return gtk_text_buffer_create_tag (buffer, tag_names[category],
                                         "foreground", "#7a1a8a",
                                         "background", "#f1e4f7", NULL);
    case LEDE_GEDIT_N_CATEGORIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
remove_tags (LedeGeditAnnotation *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (int i = 0; i < LEDE_GEDIT_N_CATEGORIES; i++)
    gtk_text_buffer_remove_tag (self->buffer, self->tags[i], &start, &end);
}

/* Offsets come from Lede, not from the buffer: a span outside the text is a
 * bug to report, never a reason to touch memory past the end. */
static void
apply_span (LedeGeditAnnotation *self, LedeGeditCategory category, int start, int end,
            int n_chars)
{
  GtkTextIter from, to;

  if (start < 0 || end <= start || end > n_chars)
    {
      g_warning ("Lede gave a %s span [%d, %d) outside the text of %d characters",
                 tag_names[category], start, end, n_chars);
      return;
    }
  gtk_text_buffer_get_iter_at_offset (self->buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &to, end);
  gtk_text_buffer_apply_tag (self->buffer, self->tags[category], &from, &to);
}

static void
apply_result (LedeGeditAnnotation *self, LedeDocument *doc)
{
  int n_chars = gtk_text_buffer_get_char_count (self->buffer);
  guint start, end;

  remove_tags (self);
  /* a quote is highlighted by what was said; its source is an entity mention */
  for (guint i = 0; i < lede_document_get_n_quotes (doc); i++)
    {
      lede_document_get_quote (doc, i, &start, &end, NULL, NULL, NULL);
      apply_span (self, LEDE_GEDIT_QUOTE, start, end, n_chars);
    }
  for (guint i = 0; i < lede_document_get_n_mentions (doc); i++)
    {
      int category = lede_gedit_category_of_entity_type (
        lede_document_get_mention (doc, i, &start, &end, NULL));
      if (category >= 0)
        apply_span (self, category, start, end, n_chars);
    }
  for (guint i = 0; i < lede_document_get_n_timexes (doc); i++)
    {
      lede_document_get_timex (doc, i, &start, &end, NULL);
      apply_span (self, LEDE_GEDIT_DATE, start, end, n_chars);
    }
}

/* --- the worker -------------------------------------------------------- */

typedef struct {
  LedeAnnotator *annotator;
  char *text;
  guint64 generation;
} AnnotationJob;

static void
annotation_job_free (AnnotationJob *job)
{
  g_object_unref (job->annotator);
  g_free (job->text);
  g_free (job);
}

static void
annotate_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AnnotationJob *job = data;
  GError *error = NULL;
  LedeDocument *doc = lede_annotator_annotate (job->annotator, job->text, -1,
                                               NULL, &error);

  if (doc != NULL)
    g_task_return_pointer (task, doc, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void start_worker (LedeGeditAnnotation *self);

static void
worker_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LedeGeditAnnotation *self = LEDE_GEDIT_ANNOTATION (source);
  GTask *task = G_TASK (result);
  AnnotationJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeDocument) doc = g_task_propagate_pointer (task, &error);

  self->running = FALSE;
  if (self->buffer == NULL)
    return;
  if (job->generation != self->generation)
    {
      /* the text changed under the worker: its offsets no longer fit */
      if (self->rerun && self->debounce_id == 0)
        start_worker (self);
      return;
    }
  self->rerun = FALSE;
  self->n_results++;
  g_clear_pointer (&self->error, g_free);
  if (doc != NULL)
    {
      apply_result (self, doc);
      g_set_object (&self->result, doc);
    }
  else
    {
      remove_tags (self);
      g_clear_object (&self->result);
      self->error = g_strdup (error->message);
    }
  g_signal_emit (self, signals[SIGNAL_ANNOTATED], 0);
}

static void
start_worker (LedeGeditAnnotation *self)
{
  g_autoptr(GTask) task = NULL;
  AnnotationJob *job;
  GtkTextIter start, end;

  if (self->running)
    {
      self->rerun = TRUE;
      return;
    }
  job = g_new0 (AnnotationJob, 1);
  job->annotator = g_object_ref (self->annotator);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  /* a slice, not get_text: it keeps U+FFFC for embedded objects, so character
   * offsets in the copy are the buffer's */
  job->text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  job->generation = self->generation;

  self->running = TRUE;
  self->rerun = FALSE;
  task = g_task_new (self, NULL, worker_done, NULL);
  g_task_set_source_tag (task, start_worker);
  g_task_set_task_data (task, job, (GDestroyNotify) annotation_job_free);
  g_task_run_in_thread (task, annotate_in_thread);
}

/* --- edits ---------------------------------------------------------- */

static gboolean
debounce_elapsed (gpointer data)
{
  LedeGeditAnnotation *self = data;

  self->debounce_id = 0;
  start_worker (self);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed (GtkTextBuffer *buffer, LedeGeditAnnotation *self)
{
  self->generation++;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (LEDE_GEDIT_DEBOUNCE_MS, debounce_elapsed, self);
}

void
lede_gedit_annotation_annotate_now (LedeGeditAnnotation *self)
{
  g_return_if_fail (LEDE_GEDIT_IS_ANNOTATION (self));

  if (self->buffer == NULL)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  start_worker (self);
}

/* Stops listening and removes the highlights; a worker still running finishes
 * and its result is dropped. */
void
lede_gedit_annotation_detach (LedeGeditAnnotation *self)
{
  g_return_if_fail (LEDE_GEDIT_IS_ANNOTATION (self));

  if (self->buffer == NULL)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (self->buffer, buffer_changed, self);
  remove_tags (self);
  g_clear_object (&self->buffer);
  g_clear_object (&self->result);
}

LedeDocument *
lede_gedit_annotation_get_result (LedeGeditAnnotation *self)
{
  return self->result;
}

const char *
lede_gedit_annotation_get_error (LedeGeditAnnotation *self)
{
  return self->error;
}

guint
lede_gedit_annotation_get_n_results (LedeGeditAnnotation *self)
{
  return self->n_results;
}

LedeGeditAnnotation *
lede_gedit_annotation_new (GtkTextBuffer *buffer, LedeAnnotator *annotator)
{
  LedeGeditAnnotation *self = g_object_new (LEDE_GEDIT_TYPE_ANNOTATION, NULL);

  self->buffer = g_object_ref (buffer);
  self->annotator = g_object_ref (annotator);
  for (int i = 0; i < LEDE_GEDIT_N_CATEGORIES; i++)
    self->tags[i] = ensure_tag (buffer, i);
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed), self);
  return self;
}

static void
lede_gedit_annotation_dispose (GObject *object)
{
  LedeGeditAnnotation *self = LEDE_GEDIT_ANNOTATION (object);

  lede_gedit_annotation_detach (self);
  g_clear_object (&self->annotator);
  G_OBJECT_CLASS (lede_gedit_annotation_parent_class)->dispose (object);
}

static void
lede_gedit_annotation_finalize (GObject *object)
{
  LedeGeditAnnotation *self = LEDE_GEDIT_ANNOTATION (object);

  g_free (self->error);
  G_OBJECT_CLASS (lede_gedit_annotation_parent_class)->finalize (object);
}

static void
lede_gedit_annotation_class_init (LedeGeditAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lede_gedit_annotation_dispose;
  object_class->finalize = lede_gedit_annotation_finalize;

  /* emitted on the main thread once the tags show a new result or an error */
  signals[SIGNAL_ANNOTATED] = g_signal_new ("annotated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
lede_gedit_annotation_class_finalize (LedeGeditAnnotationClass *klass)
{
}

static void
lede_gedit_annotation_init (LedeGeditAnnotation *self)
{
}

void
lede_gedit_annotation_register (GTypeModule *module)
{
  lede_gedit_annotation_register_type (module);
}
