/* lede-gedit-test-dump.c — what the plugin shows, written to a file for tests.
 *
 * When $LEDE_GEDIT_DUMP names a file, the plugin rewrites it (atomically)
 * after every annotation and every span chosen in the panel, with what a test
 * cannot read from a screenshot: the ranges each Lede tag covers, read back
 * from the buffer's tags (not from Lede's result), the selection, and where
 * the panel's rows are on the screen so that a test can click them.
 */
#include "lede-gedit-test-dump.h"

#include <json-glib/json-glib.h>

static guint64 dump_serial;

/* The [start, end) character ranges where tag is on, from its toggles. */
static void
add_tag_ranges (JsonBuilder *builder, GtkTextBuffer *buffer, GtkTextTag *tag)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  json_builder_begin_array (builder);
  while (!gtk_text_iter_is_end (&iter))
    {
      if (!gtk_text_iter_starts_tag (&iter, tag)
          && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, gtk_text_iter_get_offset (&iter));
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      json_builder_add_int_value (builder, gtk_text_iter_get_offset (&iter));
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_document (JsonBuilder *builder, GeditDocument *doc, LedeGeditAnnotation *annotation,
              gboolean active)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (doc);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GFile *location = gtk_source_file_get_location (gedit_document_get_file (doc));
  g_autofree char *path = location ? g_file_get_path (location) : NULL;
  GtkTextIter start, end;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, active);
  json_builder_set_member_name (builder, "chars");
  json_builder_add_int_value (builder, gtk_text_buffer_get_char_count (buffer));
  json_builder_set_member_name (builder, "annotated");
  json_builder_add_boolean_value (builder, lede_gedit_annotation_get_result (annotation) != NULL);
  json_builder_set_member_name (builder, "n_results");
  json_builder_add_int_value (builder, lede_gedit_annotation_get_n_results (annotation));
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, lede_gedit_annotation_get_error (annotation));
  json_builder_set_member_name (builder, "selection");
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, gtk_text_iter_get_offset (&start));
      json_builder_add_int_value (builder, gtk_text_iter_get_offset (&end));
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_object (builder);
  for (int i = 0; i < LEDE_GEDIT_N_CATEGORIES; i++)
    {
      const char *name = lede_gedit_category_tag_name (i);
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

      json_builder_set_member_name (builder, name);
      if (tag != NULL)
        add_tag_ranges (builder, buffer, tag);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

typedef struct {
  JsonBuilder *builder;
  GtkTreeView *tree_view;
  GtkTreeViewColumn *column;
  GdkWindow *toplevel;
} RowWalk;

/* Each row whose parents are all expanded, with its centre in root-window
 * coordinates (meaningful once the panel is on screen). */
static gboolean
add_row (GtkTreeModel *model, GtkTreePath *path, GtkTreeIter *iter, gpointer data)
{
  RowWalk *walk = data;
  g_autofree char *label = NULL;
  g_autoptr(GtkTreePath) parent = gtk_tree_path_copy (path);
  GdkRectangle cell;
  int start, end, x, y, origin_x = 0, origin_y = 0;

  if (gtk_tree_path_up (parent) && gtk_tree_path_get_depth (parent) > 0
      && !gtk_tree_view_row_expanded (walk->tree_view, parent))
    return FALSE;
  gtk_tree_model_get (model, iter, LEDE_GEDIT_PANEL_COLUMN_LABEL, &label,
                      LEDE_GEDIT_PANEL_COLUMN_START, &start,
                      LEDE_GEDIT_PANEL_COLUMN_END, &end, -1);
  gtk_tree_view_get_cell_area (walk->tree_view, path, walk->column, &cell);
  gtk_tree_view_convert_bin_window_to_widget_coords (walk->tree_view, cell.x + cell.width / 2,
                                                     cell.y + cell.height / 2, &x, &y);
  gtk_widget_translate_coordinates (GTK_WIDGET (walk->tree_view),
                                    gtk_widget_get_toplevel (GTK_WIDGET (walk->tree_view)),
                                    x, y, &x, &y);
  if (walk->toplevel != NULL)
    gdk_window_get_origin (walk->toplevel, &origin_x, &origin_y);

  json_builder_begin_object (walk->builder);
  json_builder_set_member_name (walk->builder, "label");
  json_builder_add_string_value (walk->builder, label);
  json_builder_set_member_name (walk->builder, "depth");
  json_builder_add_int_value (walk->builder, gtk_tree_path_get_depth (path));
  json_builder_set_member_name (walk->builder, "start");
  json_builder_add_int_value (walk->builder, start);
  json_builder_set_member_name (walk->builder, "end");
  json_builder_add_int_value (walk->builder, end);
  json_builder_set_member_name (walk->builder, "x");
  json_builder_add_int_value (walk->builder, origin_x + x);
  json_builder_set_member_name (walk->builder, "y");
  json_builder_add_int_value (walk->builder, origin_y + y);
  json_builder_end_object (walk->builder);
  return FALSE;
}

gboolean
lede_gedit_test_dump_enabled (void)
{
  const char *path = g_getenv (LEDE_GEDIT_DUMP_ENV);

  return path != NULL && *path != '\0';
}

void
lede_gedit_test_dump_write (GeditWindow *window, GHashTable *annotations, LedeGeditPanel *panel)
{
  const char *path = g_getenv (LEDE_GEDIT_DUMP_ENV);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GeditDocument *active = gedit_window_get_active_document (window);
  GtkWidget *panel_toplevel = gtk_widget_get_toplevel (GTK_WIDGET (panel));
  RowWalk walk;
  GHashTableIter iter;
  gpointer doc, annotation;

  if (!lede_gedit_test_dump_enabled ())
    return;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "serial");
  json_builder_add_int_value (builder, ++dump_serial);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, annotations);
  while (g_hash_table_iter_next (&iter, &doc, &annotation))
    add_document (builder, doc, annotation, doc == active);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "panel_mapped");
  json_builder_add_boolean_value (builder, gtk_widget_get_mapped (GTK_WIDGET (panel)));
  json_builder_set_member_name (builder, "panel_rows");
  json_builder_begin_array (builder);
  walk.builder = builder;
  walk.tree_view = lede_gedit_panel_get_tree_view (panel);
  walk.column = gtk_tree_view_get_column (walk.tree_view, 0);
  walk.toplevel = gtk_widget_is_toplevel (panel_toplevel)
                  ? gtk_widget_get_window (panel_toplevel) : NULL;
  gtk_tree_model_foreach (gtk_tree_view_get_model (walk.tree_view), add_row, &walk);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  if (!g_file_set_contents (path, json, -1, &error))
    g_warning ("cannot write %s: %s", path, error->message);
}
