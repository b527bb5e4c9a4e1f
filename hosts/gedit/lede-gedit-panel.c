/* lede-gedit-panel.c — the side panel listing an article's entities, dates
 * and attributions. Choosing a row emits "span-activated" with the row's
 * character offsets; the window selects that span in the text. */
#include "lede-gedit-panel.h"

/* Long spans (an attribution's content) are cut to this many characters. */
#define LABEL_MAX_CHARS 70

struct _LedeGeditPanel {
  GtkBox parent_instance;

  GtkLabel *message;
  GtkTreeStore *store;
  GtkTreeView *tree_view;
  gboolean filling;         /* no "span-activated" while the store is rebuilt */
};

G_DEFINE_DYNAMIC_TYPE (LedeGeditPanel, lede_gedit_panel, GTK_TYPE_BOX)

enum { SIGNAL_SPAN_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Headings, in the order they are listed; entities of other types (NORP,
 * EVENT, MISC) go under "Other names". */
enum { GROUP_PEOPLE, GROUP_ORGANIZATIONS, GROUP_PLACES, GROUP_OTHER, GROUP_DATES,
       GROUP_ATTRIBUTIONS, N_GROUPS };
static const char *const group_titles[N_GROUPS] = {
  "People", "Organizations", "Places", "Other names", "Dates", "Attributions",
};

static int
group_of_entity_type (const char *type)
{
  switch (lede_gedit_category_of_entity_type (type))
    {
    case LEDE_GEDIT_PERSON: return GROUP_PEOPLE;
    case LEDE_GEDIT_ORGANIZATION: return GROUP_ORGANIZATIONS;
    case LEDE_GEDIT_PLACE: return GROUP_PLACES;
    default: return GROUP_OTHER;
    }
}

/* A span's text on one line, cut to LABEL_MAX_CHARS characters. */
static char *
span_label (LedeDocument *doc, guint start, guint end)
{
  g_autofree char *text = lede_document_get_span_text (doc, start, end);
  GString *label = g_string_new (NULL);
  glong n = 0;

  if (text == NULL)
    return g_string_free (label, FALSE);
  for (const char *p = text; *p != '\0' && n < LABEL_MAX_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (label, g_unichar_isspace (c) ? ' ' : c);
    }
  if (g_utf8_strlen (text, -1) > LABEL_MAX_CHARS)
    g_string_append (label, "…");
  return g_string_free (label, FALSE);
}

static void
append_row (LedeGeditPanel *self, GtkTreeIter *iter, GtkTreeIter *parent, const char *label,
            int start, int end)
{
  gtk_tree_store_append (self->store, iter, parent);
  gtk_tree_store_set (self->store, iter, LEDE_GEDIT_PANEL_COLUMN_LABEL, label,
                      LEDE_GEDIT_PANEL_COLUMN_START, start,
                      LEDE_GEDIT_PANEL_COLUMN_END, end, -1);
}

/* One row per entity, at its first mention, with a child per mention. */
static void
fill_entities (LedeGeditPanel *self, LedeDocument *doc, GtkTreeIter *groups)
{
  guint n_entities = lede_document_get_n_entities (doc);
  guint n_mentions = lede_document_get_n_mentions (doc);
  g_autofree GtkTreeIter *rows = g_new0 (GtkTreeIter, n_entities);
  g_autofree guint *counts = g_new0 (guint, n_entities);

  for (guint m = 0; m < n_mentions; m++)
    {
      guint start, end, entity;
      g_autofree char *mention = NULL;

      lede_document_get_mention (doc, m, &start, &end, &entity);
      if (entity >= n_entities)
        continue;
      if (counts[entity] == 0)
        {
          const char *type = NULL;
          g_autofree char *name = lede_document_get_entity (doc, entity, &type, NULL);
          g_autofree char *label = g_strdup_printf ("%s  (%s)", name, type);

          append_row (self, &rows[entity], &groups[group_of_entity_type (type)], label,
                      start, end);
        }
      counts[entity]++;
      mention = span_label (doc, start, end);
      {
        g_autofree char *label = g_strdup_printf ("%s  @%u", mention, start);
        GtkTreeIter child;

        append_row (self, &child, &rows[entity], label, start, end);
      }
    }
}

static void
fill_dates (LedeGeditPanel *self, LedeDocument *doc, GtkTreeIter *group)
{
  for (guint i = 0; i < lede_document_get_n_timexes (doc); i++)
    {
      guint start, end;
      const char *value = lede_document_get_timex (doc, i, &start, &end, NULL);
      g_autofree char *text = span_label (doc, start, end);
      g_autofree char *label = g_strdup_printf ("%s  → %s", text, value);
      GtkTreeIter row;

      append_row (self, &row, group, label, start, end);
    }
}

/* An attribution's row selects what was said; its child selects who said it. */
static void
fill_attributions (LedeGeditPanel *self, LedeDocument *doc, GtkTreeIter *group)
{
  for (guint i = 0; i < lede_document_get_n_quotes (doc); i++)
    {
      guint start, end;
      int source_start, source_end;
      const char *kind = lede_document_get_quote (doc, i, &start, &end, &source_start,
                                                  &source_end, NULL);
      g_autofree char *content = span_label (doc, start, end);
      g_autofree char *source = source_start >= 0
                                ? span_label (doc, source_start, source_end)
                                : g_strdup ("(no source)");
      g_autofree char *label = g_strdup_printf ("%s: %s", source, content);
      g_autofree char *source_label = g_strdup_printf ("%s, %s", source, kind);
      GtkTreeIter row, child;

      append_row (self, &row, group, label, start, end);
      if (source_start >= 0)
        append_row (self, &child, &row, source_label, source_start, source_end);
    }
}

void
lede_gedit_panel_show_message (LedeGeditPanel *self, const char *message)
{
  g_return_if_fail (LEDE_GEDIT_IS_PANEL (self));

  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

void
lede_gedit_panel_show (LedeGeditPanel *self, LedeGeditAnnotation *annotation)
{
  LedeDocument *doc = annotation ? lede_gedit_annotation_get_result (annotation) : NULL;
  GtkTreeIter groups[N_GROUPS];

  g_return_if_fail (LEDE_GEDIT_IS_PANEL (self));

  self->filling = TRUE;
  gtk_tree_store_clear (self->store);
  if (annotation == NULL)
    lede_gedit_panel_show_message (self, "No document");
  else if (lede_gedit_annotation_get_error (annotation) != NULL)
    lede_gedit_panel_show_message (self, lede_gedit_annotation_get_error (annotation));
  else if (doc == NULL)
    lede_gedit_panel_show_message (self, "Not annotated yet");
  else
    lede_gedit_panel_show_message (self, NULL);

  if (doc != NULL)
    {
      for (int g = 0; g < N_GROUPS; g++)
        append_row (self, &groups[g], NULL, group_titles[g], -1, -1);
      fill_entities (self, doc, groups);
      fill_dates (self, doc, &groups[GROUP_DATES]);
      fill_attributions (self, doc, &groups[GROUP_ATTRIBUTIONS]);
      /* headings with a count, and only those with something under them */
      for (int g = N_GROUPS - 1; g >= 0; g--)
        {
          int n = gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->store), &groups[g]);
          g_autofree char *title = g_strdup_printf ("%s (%d)", group_titles[g], n);

          if (n == 0)
            gtk_tree_store_remove (self->store, &groups[g]);
          else
            gtk_tree_store_set (self->store, &groups[g], LEDE_GEDIT_PANEL_COLUMN_LABEL, title, -1);
        }
      /* headings open, each entity's mentions folded */
      {
        GtkTreeIter iter;
        gboolean valid = gtk_tree_model_get_iter_first (GTK_TREE_MODEL (self->store), &iter);

        for (; valid; valid = gtk_tree_model_iter_next (GTK_TREE_MODEL (self->store), &iter))
          {
            g_autoptr(GtkTreePath) path = gtk_tree_model_get_path (GTK_TREE_MODEL (self->store),
                                                                   &iter);
            gtk_tree_view_expand_row (self->tree_view, path, FALSE);
          }
      }
    }
  self->filling = FALSE;
}

static void
selection_changed (GtkTreeSelection *selection, LedeGeditPanel *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  int start, end;

  if (self->filling || !gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, LEDE_GEDIT_PANEL_COLUMN_START, &start,
                      LEDE_GEDIT_PANEL_COLUMN_END, &end, -1);
  if (start >= 0 && end >= start)
    g_signal_emit (self, signals[SIGNAL_SPAN_ACTIVATED], 0, start, end);
}

GtkTreeView *
lede_gedit_panel_get_tree_view (LedeGeditPanel *self)
{
  return self->tree_view;
}

GtkWidget *
lede_gedit_panel_new (void)
{
  return g_object_new (LEDE_GEDIT_TYPE_PANEL, "orientation", GTK_ORIENTATION_VERTICAL, NULL);
}

static void
lede_gedit_panel_dispose (GObject *object)
{
  LedeGeditPanel *self = LEDE_GEDIT_PANEL (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (lede_gedit_panel_parent_class)->dispose (object);
}

static void
lede_gedit_panel_class_init (LedeGeditPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lede_gedit_panel_dispose;

  signals[SIGNAL_SPAN_ACTIVATED] = g_signal_new ("span-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
lede_gedit_panel_class_finalize (LedeGeditPanelClass *klass)
{
}

static void
lede_gedit_panel_init (LedeGeditPanel *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
  GtkCellRenderer *renderer = gtk_cell_renderer_text_new ();

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_line_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0.0);
  gtk_widget_set_no_show_all (GTK_WIDGET (self->message), TRUE);
  gtk_box_pack_start (GTK_BOX (self), GTK_WIDGET (self->message), FALSE, FALSE, 6);

  self->store = gtk_tree_store_new (LEDE_GEDIT_PANEL_N_COLUMNS, G_TYPE_STRING, G_TYPE_INT,
                                    G_TYPE_INT);
  self->tree_view = GTK_TREE_VIEW (gtk_tree_view_new_with_model (GTK_TREE_MODEL (self->store)));
  gtk_tree_view_set_headers_visible (self->tree_view, FALSE);
  g_object_set (renderer, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_tree_view_insert_column_with_attributes (self->tree_view, -1, "Span", renderer,
                                               "text", LEDE_GEDIT_PANEL_COLUMN_LABEL, NULL);
  g_signal_connect (gtk_tree_view_get_selection (self->tree_view), "changed",
                    G_CALLBACK (selection_changed), self);

  gtk_container_add (GTK_CONTAINER (scrolled), GTK_WIDGET (self->tree_view));
  gtk_box_pack_start (GTK_BOX (self), scrolled, TRUE, TRUE, 0);
  gtk_widget_show_all (GTK_WIDGET (self));
  lede_gedit_panel_show_message (self, "Not annotated yet");
}

void
lede_gedit_panel_register (GTypeModule *module)
{
  lede_gedit_panel_register_type (module);
}
