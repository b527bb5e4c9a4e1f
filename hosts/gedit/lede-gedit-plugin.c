/* lede-gedit-plugin.c — the entry point libpeas calls when gedit loads the
 * plugin: registers its types and the two extensions. */
#include <libpeas/peas.h>

#include "lede-gedit-annotation.h"
#include "lede-gedit-panel.h"
#include "lede-gedit-plugin.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  lede_gedit_annotation_register (G_TYPE_MODULE (module));
  lede_gedit_panel_register (G_TYPE_MODULE (module));
  lede_gedit_window_activatable_register (G_TYPE_MODULE (module));
  lede_gedit_app_activatable_register (G_TYPE_MODULE (module));

  peas_object_module_register_extension_type (module, GEDIT_TYPE_APP_ACTIVATABLE,
                                              LEDE_GEDIT_TYPE_APP_ACTIVATABLE);
  peas_object_module_register_extension_type (module, GEDIT_TYPE_WINDOW_ACTIVATABLE,
                                              LEDE_GEDIT_TYPE_WINDOW_ACTIVATABLE);
}
