/* lede-model.c — what an annotator knows before it reads any article: built
 * once from the resources compiled into the library, then only read. */
#include "lede-private.h"

#include <gio/gio.h>

#include "lede-resources.h"

#include <string.h>

/* Going through lede_resources_get_resource() links in the bundle's object
 * file, whose constructor registers it, in static test programs too. GLib
 * fills the bundle's pointer lazily without a lock, so threads making their
 * first annotators at once could see it NULL: it is read once, under g_once. */
GBytes *
lede_model_resource (const char *name, GError **error)
{
  static GResource *resource = NULL;
  g_autofree char *path = g_strconcat ("/org/lede/model/", name, NULL);

  if (g_once_init_enter (&resource))
    g_once_init_leave (&resource, lede_resources_get_resource ());
  return g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* abbreviations.txt: one abbreviation a line, without its final period, then
 * its flags ("title", "any", "numeric" separated by commas); '#' starts a comment. */
static gboolean
load_abbreviations (GHashTable *table, GError **error)
{
  g_autoptr(GBytes) bytes = lede_model_resource ("abbreviations.txt", error);
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return FALSE;
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint flags = 0;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      fields = g_strsplit_set (line, " \t", 2);
      if (fields[1] == NULL)
        {
          g_set_error (error, LEDE_ERROR, LEDE_ERROR_INTERNAL,
                       "abbreviations.txt line %u has no flags", i + 1);
          return FALSE;
        }
      if (strstr (fields[1], "title"))
        flags |= LEDE_ABBREV_TITLE;
      if (strstr (fields[1], "any"))
        flags |= LEDE_ABBREV_ANY;
      if (strstr (fields[1], "numeric"))
        flags |= LEDE_ABBREV_NUMERIC;
      g_hash_table_insert (table, g_ascii_strdown (fields[0], -1), GUINT_TO_POINTER (flags));
    }
  return TRUE;
}

LedeModel *
lede_model_new (GError **error)
{
  g_autoptr(LedeModel) model = g_new0 (LedeModel, 1);

  model->defaults.offsets = LEDE_OFFSET_CODEPOINT;
  model->defaults.layers = LEDE_ALL_LAYERS;
  model->abbreviations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_abbreviations (model->abbreviations, error))
    return NULL;
  model->ner = lede_ner_model_new_from_resource (error);
  if (model->ner == NULL)
    return NULL;
  model->titles = lede_title_lexicon_new ();
  model->first_names = lede_first_names_new (error);
  if (model->first_names == NULL)
    return NULL;
  return g_steal_pointer (&model);
}

void
lede_model_free (LedeModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->abbreviations, g_hash_table_unref);
  g_clear_pointer (&model->ner, lede_ner_model_free);
  g_clear_pointer (&model->titles, lede_title_lexicon_free);
  g_clear_pointer (&model->first_names, lede_first_names_free);
  g_free (model);
}
