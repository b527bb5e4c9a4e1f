/* lede-gedit-window.c — the plugin's part of each gedit window.
 *
 * It keeps every document of the window annotated (lede-gedit-annotation.c),
 * shows the active one's entities, dates and attributions in a side panel
 * page, selects in the text the span of the row the user picks, and offers
 * the action win.lede-annotate ("Annotate with Lede", Ctrl+Alt+L) to annotate
 * the active document at once.
 *
 * The window plugin, not a view plugin: gedit activates view plugins only for
 * visible tabs, and documents in hidden tabs are annotated too.
 */
#include "lede-gedit-plugin.h"

#include <gedit/gedit-tab.h>
#include <gedit/gedit-view.h>
#include <gedit/gedit-window.h>
#include <gedit/gedit-window-activatable.h>

#include "lede-gedit-annotation.h"
#include "lede-gedit-panel.h"
#include "lede-gedit-test-dump.h"

struct _LedeGeditWindowActivatable {
  GObject parent_instance;

  GeditWindow *window;
  LedeAnnotator *annotator;   /* NULL when Lede could not be set up */
  LedeGeditPanel *panel;
  GHashTable *annotations;    /* GeditDocument -> LedeGeditAnnotation, both owned */
  guint test_dump_id;
};

enum { PROP_0, PROP_WINDOW };

static void window_activatable_iface_init (GeditWindowActivatableInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (LedeGeditWindowActivatable, lede_gedit_window_activatable,
                                G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (GEDIT_TYPE_WINDOW_ACTIVATABLE,
                                                               window_activatable_iface_init))

#define PANEL_NAME "LedePanel"
#define ANNOTATE_ACTION "lede-annotate"

static LedeGeditAnnotation *
active_annotation (LedeGeditWindowActivatable *self)
{
  GeditDocument *doc = gedit_window_get_active_document (self->window);

  return doc != NULL ? g_hash_table_lookup (self->annotations, doc) : NULL;
}

static gboolean
write_test_dump (gpointer data)
{
  LedeGeditWindowActivatable *self = data;

  self->test_dump_id = 0;
  lede_gedit_test_dump_write (self->window, self->annotations, self->panel);
  return G_SOURCE_REMOVE;
}

/* After GTK has laid out the panel (its idle work runs at a higher priority),
 * so that the rows' positions in the dump are where they are drawn. */
static void
schedule_test_dump (LedeGeditWindowActivatable *self)
{
  if (self->test_dump_id == 0 && lede_gedit_test_dump_enabled ())
    self->test_dump_id = g_idle_add_full (G_PRIORITY_LOW, write_test_dump, self, NULL);
}

static void
annotated (LedeGeditAnnotation *annotation, LedeGeditWindowActivatable *self)
{
  if (annotation == active_annotation (self))
    lede_gedit_panel_show (self->panel, annotation);
  schedule_test_dump (self);
}

static void
detach_annotation (gpointer data)
{
  LedeGeditAnnotation *annotation = data;

  g_signal_handlers_disconnect_matched (annotation, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        annotated, NULL);
  lede_gedit_annotation_detach (annotation);
  g_object_unref (annotation);
}

static void
attach_document (LedeGeditWindowActivatable *self, GeditDocument *doc)
{
  LedeGeditAnnotation *annotation;
  GeditTab *tab = gedit_tab_get_from_document (doc);

  if (self->annotator == NULL || g_hash_table_contains (self->annotations, doc))
    return;
  annotation = lede_gedit_annotation_new (GTK_TEXT_BUFFER (doc), self->annotator);
  g_hash_table_insert (self->annotations, g_object_ref (doc), annotation);
  g_signal_connect (annotation, "annotated", G_CALLBACK (annotated), self);
  /* a document being loaded is annotated once, when it is complete */
  g_signal_connect_object (doc, "loaded", G_CALLBACK (lede_gedit_annotation_annotate_now),
                           annotation, G_CONNECT_SWAPPED);
  if (tab == NULL || gedit_tab_get_state (tab) != GEDIT_TAB_STATE_LOADING)
    lede_gedit_annotation_annotate_now (annotation);
}

static void
tab_added (GeditWindow *window, GeditTab *tab, LedeGeditWindowActivatable *self)
{
  attach_document (self, gedit_tab_get_document (tab));
}

static void
tab_removed (GeditWindow *window, GeditTab *tab, LedeGeditWindowActivatable *self)
{
  g_hash_table_remove (self->annotations, gedit_tab_get_document (tab));
}

static void
active_tab_changed (GeditWindow *window, GeditTab *tab, LedeGeditWindowActivatable *self)
{
  lede_gedit_panel_show (self->panel, active_annotation (self));
}

static void
span_activated (LedeGeditPanel *panel, int start, int end, LedeGeditWindowActivatable *self)
{
  GeditDocument *doc = gedit_window_get_active_document (self->window);
  GeditView *view = gedit_window_get_active_view (self->window);
  GtkTextBuffer *buffer;
  GtkTextIter from, to;

  if (doc == NULL)
    return;
  buffer = GTK_TEXT_BUFFER (doc);
  /* the panel may still list a result the text has since outgrown */
  if (end > gtk_text_buffer_get_char_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_select_range (buffer, &from, &to);
  if (view != NULL)
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (view), gtk_text_buffer_get_insert (buffer),
                                  0.1, FALSE, 0.0, 0.0);
  schedule_test_dump (self);
}

static void
annotate_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  LedeGeditWindowActivatable *self = data;
  LedeGeditAnnotation *annotation = active_annotation (self);
  GtkWidget *side_panel = gedit_window_get_side_panel (self->window);

  gtk_stack_set_visible_child (GTK_STACK (side_panel), GTK_WIDGET (self->panel));
  if (g_action_group_has_action (G_ACTION_GROUP (self->window), "side-panel"))
    g_action_group_change_action_state (G_ACTION_GROUP (self->window), "side-panel",
                                        g_variant_new_boolean (TRUE));
  if (annotation != NULL)
    lede_gedit_annotation_annotate_now (annotation);
}

static void
lede_gedit_window_activatable_activate (GeditWindowActivatable *activatable)
{
  LedeGeditWindowActivatable *self = LEDE_GEDIT_WINDOW_ACTIVATABLE (activatable);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleAction) action = g_simple_action_new (ANNOTATE_ACTION, NULL);
  GList *documents;

  self->annotations = g_hash_table_new_full (NULL, NULL, g_object_unref, detach_annotation);
  self->panel = LEDE_GEDIT_PANEL (g_object_ref_sink (lede_gedit_panel_new ()));
  gtk_stack_add_titled (GTK_STACK (gedit_window_get_side_panel (self->window)),
                        GTK_WIDGET (self->panel), PANEL_NAME, "Lede");
  g_signal_connect (self->panel, "span-activated", G_CALLBACK (span_activated), self);

  self->annotator = lede_annotator_new_from_json ("{\"offsets\": \"codepoint\"}", &error);
  if (self->annotator == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Lede could not start: %s", error->message);

      g_warning ("%s", message);
      lede_gedit_panel_show_message (self->panel, message);
      return;
    }

  g_signal_connect (action, "activate", G_CALLBACK (annotate_activated), self);
  g_action_map_add_action (G_ACTION_MAP (self->window), G_ACTION (action));

  documents = gedit_window_get_documents (self->window);
  for (GList *l = documents; l != NULL; l = l->next)
    attach_document (self, l->data);
  g_list_free (documents);
  g_signal_connect (self->window, "tab-added", G_CALLBACK (tab_added), self);
  g_signal_connect (self->window, "tab-removed", G_CALLBACK (tab_removed), self);
  g_signal_connect (self->window, "active-tab-changed", G_CALLBACK (active_tab_changed), self);
  lede_gedit_panel_show (self->panel, active_annotation (self));
}

static void
lede_gedit_window_activatable_deactivate (GeditWindowActivatable *activatable)
{
  LedeGeditWindowActivatable *self = LEDE_GEDIT_WINDOW_ACTIVATABLE (activatable);

  g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_handle_id (&self->test_dump_id, g_source_remove);
  g_action_map_remove_action (G_ACTION_MAP (self->window), ANNOTATE_ACTION);
  g_clear_pointer (&self->annotations, g_hash_table_destroy);
  if (self->panel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->panel, self);
      gtk_container_remove (GTK_CONTAINER (gedit_window_get_side_panel (self->window)),
                            GTK_WIDGET (self->panel));
      g_clear_object (&self->panel);
    }
  g_clear_object (&self->annotator);
}

static void
window_activatable_iface_init (GeditWindowActivatableInterface *iface)
{
  iface->activate = lede_gedit_window_activatable_activate;
  iface->deactivate = lede_gedit_window_activatable_deactivate;
}

static void
lede_gedit_window_activatable_set_property (GObject *object, guint prop_id,
                                            const GValue *value, GParamSpec *pspec)
{
  LedeGeditWindowActivatable *self = LEDE_GEDIT_WINDOW_ACTIVATABLE (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = GEDIT_WINDOW (g_value_dup_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lede_gedit_window_activatable_get_property (GObject *object, guint prop_id, GValue *value,
                                            GParamSpec *pspec)
{
  LedeGeditWindowActivatable *self = LEDE_GEDIT_WINDOW_ACTIVATABLE (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lede_gedit_window_activatable_dispose (GObject *object)
{
  LedeGeditWindowActivatable *self = LEDE_GEDIT_WINDOW_ACTIVATABLE (object);

  g_clear_object (&self->window);
  G_OBJECT_CLASS (lede_gedit_window_activatable_parent_class)->dispose (object);
}

static void
lede_gedit_window_activatable_class_init (LedeGeditWindowActivatableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = lede_gedit_window_activatable_set_property;
  object_class->get_property = lede_gedit_window_activatable_get_property;
  object_class->dispose = lede_gedit_window_activatable_dispose;
  g_object_class_override_property (object_class, PROP_WINDOW, "window");
}

static void
lede_gedit_window_activatable_class_finalize (LedeGeditWindowActivatableClass *klass)
{
}

static void
lede_gedit_window_activatable_init (LedeGeditWindowActivatable *self)
{
}

void
lede_gedit_window_activatable_register (GTypeModule *module)
{
  lede_gedit_window_activatable_register_type (module);
}
