/* lede-gedit-plugin.h — the extension types the plugin registers with gedit. */
#pragma once

#include <gedit/gedit-app-activatable.h>
#include <gedit/gedit-window-activatable.h>

G_BEGIN_DECLS

#define LEDE_GEDIT_TYPE_WINDOW_ACTIVATABLE (lede_gedit_window_activatable_get_type ())
G_DECLARE_FINAL_TYPE (LedeGeditWindowActivatable, lede_gedit_window_activatable,
                      LEDE_GEDIT, WINDOW_ACTIVATABLE, GObject)
void lede_gedit_window_activatable_register (GTypeModule *module);

#define LEDE_GEDIT_TYPE_APP_ACTIVATABLE (lede_gedit_app_activatable_get_type ())
G_DECLARE_FINAL_TYPE (LedeGeditAppActivatable, lede_gedit_app_activatable,
                      LEDE_GEDIT, APP_ACTIVATABLE, GObject)
void lede_gedit_app_activatable_register (GTypeModule *module);

G_END_DECLS
