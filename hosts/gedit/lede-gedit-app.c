/* lede-gedit-app.c — the plugin's part of the gedit application: the menu
 * item and shortcut for win.lede-annotate (lede-gedit-window.c). */
#include "lede-gedit-plugin.h"

#include <gedit/gedit-app.h>

struct _LedeGeditAppActivatable {
  GObject parent_instance;

  GeditApp *app;
  GeditMenuExtension *menu;
};

enum { PROP_0, PROP_APP };

static void app_activatable_iface_init (GeditAppActivatableInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (LedeGeditAppActivatable, lede_gedit_app_activatable,
                                G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (GEDIT_TYPE_APP_ACTIVATABLE,
                                                               app_activatable_iface_init))

#define ANNOTATE_DETAILED_ACTION "win.lede-annotate"

static void
lede_gedit_app_activatable_activate (GeditAppActivatable *activatable)
{
  LedeGeditAppActivatable *self = LEDE_GEDIT_APP_ACTIVATABLE (activatable);
  const char *accels[] = { "<Primary><Alt>l", NULL };
  g_autoptr(GMenuItem) item = g_menu_item_new ("Annotate with _Lede", ANNOTATE_DETAILED_ACTION);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self->app), ANNOTATE_DETAILED_ACTION,
                                         accels);
  self->menu = gedit_app_activatable_extend_menu (activatable, "tools-section");
  gedit_menu_extension_append_menu_item (self->menu, item);
}

static void
lede_gedit_app_activatable_deactivate (GeditAppActivatable *activatable)
{
  LedeGeditAppActivatable *self = LEDE_GEDIT_APP_ACTIVATABLE (activatable);
  const char *no_accels[] = { NULL };

  gtk_application_set_accels_for_action (GTK_APPLICATION (self->app), ANNOTATE_DETAILED_ACTION,
                                         no_accels);
  g_clear_object (&self->menu);   /* removes its items */
}

static void
app_activatable_iface_init (GeditAppActivatableInterface *iface)
{
  iface->activate = lede_gedit_app_activatable_activate;
  iface->deactivate = lede_gedit_app_activatable_deactivate;
}

static void
lede_gedit_app_activatable_set_property (GObject *object, guint prop_id, const GValue *value,
                                         GParamSpec *pspec)
{
  LedeGeditAppActivatable *self = LEDE_GEDIT_APP_ACTIVATABLE (object);

  switch (prop_id)
    {
    case PROP_APP:
      self->app = GEDIT_APP (g_value_dup_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lede_gedit_app_activatable_get_property (GObject *object, guint prop_id, GValue *value,
                                         GParamSpec *pspec)
{
  LedeGeditAppActivatable *self = LEDE_GEDIT_APP_ACTIVATABLE (object);

  switch (prop_id)
    {
    case PROP_APP:
      g_value_set_object (value, self->app);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lede_gedit_app_activatable_dispose (GObject *object)
{
  LedeGeditAppActivatable *self = LEDE_GEDIT_APP_ACTIVATABLE (object);

  g_clear_object (&self->menu);
  g_clear_object (&self->app);
  G_OBJECT_CLASS (lede_gedit_app_activatable_parent_class)->dispose (object);
}

static void
lede_gedit_app_activatable_class_init (LedeGeditAppActivatableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = lede_gedit_app_activatable_set_property;
  object_class->get_property = lede_gedit_app_activatable_get_property;
  object_class->dispose = lede_gedit_app_activatable_dispose;
  g_object_class_override_property (object_class, PROP_APP, "app");
}

static void
lede_gedit_app_activatable_class_finalize (LedeGeditAppActivatableClass *klass)
{
}

static void
lede_gedit_app_activatable_init (LedeGeditAppActivatable *self)
{
}

void
lede_gedit_app_activatable_register (GTypeModule *module)
{
  lede_gedit_app_activatable_register_type (module);
}
