/* lede-gedit-test-dump.h — what the plugin shows, written to a file for tests. */
#pragma once

#include <gedit/gedit-window.h>
#include "lede-gedit-panel.h"

G_BEGIN_DECLS

/* The environment variable naming the file; when it is unset nothing is written. */
#define LEDE_GEDIT_DUMP_ENV "LEDE_GEDIT_DUMP"

gboolean lede_gedit_test_dump_enabled (void);
/* annotations maps each GeditDocument of the window to its LedeGeditAnnotation. */
void lede_gedit_test_dump_write (GeditWindow *window, GHashTable *annotations,
                                 LedeGeditPanel *panel);

G_END_DECLS
