/* lede-gedit-annotation.h — keeps one text buffer annotated by Lede. */
#pragma once

#include <gtk/gtk.h>
#include <lede/lede-gobject.h>

G_BEGIN_DECLS

/* What the plugin highlights, each with its own tag ("lede-person", ...). */
typedef enum {
  LEDE_GEDIT_QUOTE,         /* first: the lowest priority, entities show over it */
  LEDE_GEDIT_PERSON,
  LEDE_GEDIT_ORGANIZATION,
  LEDE_GEDIT_PLACE,
  LEDE_GEDIT_DATE,
  LEDE_GEDIT_N_CATEGORIES,
} LedeGeditCategory;

/* Milliseconds of quiet after the last edit before the text is annotated again. */
#define LEDE_GEDIT_DEBOUNCE_MS 500

const char *lede_gedit_category_tag_name (LedeGeditCategory category);
/* The category of an entity type ("PERSON", "GPE", ...), or -1 when none is shown. */
int lede_gedit_category_of_entity_type (const char *type);

#define LEDE_GEDIT_TYPE_ANNOTATION (lede_gedit_annotation_get_type ())
G_DECLARE_FINAL_TYPE (LedeGeditAnnotation, lede_gedit_annotation, LEDE_GEDIT, ANNOTATION, GObject)

void lede_gedit_annotation_register (GTypeModule *module);

LedeGeditAnnotation *lede_gedit_annotation_new (GtkTextBuffer *buffer, LedeAnnotator *annotator);
void lede_gedit_annotation_annotate_now (LedeGeditAnnotation *self);
void lede_gedit_annotation_detach (LedeGeditAnnotation *self);
LedeDocument *lede_gedit_annotation_get_result (LedeGeditAnnotation *self);
const char *lede_gedit_annotation_get_error (LedeGeditAnnotation *self);
guint lede_gedit_annotation_get_n_results (LedeGeditAnnotation *self);

G_END_DECLS
