/* lede-gedit-panel.h — the side panel listing an article's entities, dates
 * and attributions. */
#pragma once

#include <gtk/gtk.h>
#include "lede-gedit-annotation.h"

G_BEGIN_DECLS

/* Columns of the panel's GtkTreeStore. START and END are character offsets
 * of the span a row stands for, or -1 for a heading. */
enum {
  LEDE_GEDIT_PANEL_COLUMN_LABEL,
  LEDE_GEDIT_PANEL_COLUMN_START,
  LEDE_GEDIT_PANEL_COLUMN_END,
  LEDE_GEDIT_PANEL_N_COLUMNS,
};

#define LEDE_GEDIT_TYPE_PANEL (lede_gedit_panel_get_type ())
G_DECLARE_FINAL_TYPE (LedeGeditPanel, lede_gedit_panel, LEDE_GEDIT, PANEL, GtkBox)

void lede_gedit_panel_register (GTypeModule *module);

GtkWidget *lede_gedit_panel_new (void);
/* Lists what annotation found (NULL: nothing to show), and what went wrong, if
 * anything; the panel keeps no reference to it. */
void lede_gedit_panel_show (LedeGeditPanel *self, LedeGeditAnnotation *annotation);
void lede_gedit_panel_show_message (LedeGeditPanel *self, const char *message);
GtkTreeView *lede_gedit_panel_get_tree_view (LedeGeditPanel *self);

G_END_DECLS
