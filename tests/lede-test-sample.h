/* lede-test-sample.h — the sample article of ../shared/data, for the unit tests. */
#pragma once

#include <glib.h>

/* Reads sample-article.txt from $LEDE_SHARED_DATA (meson sets it) or from
 * ../shared/data beside the source tree. Where it is absent, as in a fresh
 * clone, the test is skipped and NULL returned: the article is never copied
 * into the project. */
static inline char *
lede_test_read_sample (gsize *len)
{
  const char *dir = g_getenv ("LEDE_SHARED_DATA");
  g_autofree char *path = dir != NULL
    ? g_build_filename (dir, "sample-article.txt", NULL)
    : g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "data", "sample-article.txt", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, len, NULL))
    {
      g_test_skip_printf ("no sample article at %s", path);
      return NULL;
    }
  return text;
}
