/* bench-texts.c — reads the article texts the benchmarks run over. */
#include "bench-texts.h"

#include <stdio.h>
#include <stdlib.h>

static void
collect_texts (const char *dir, GPtrArray *texts)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_texts (path, texts);
      else if (g_str_has_suffix (name, ".txt") && g_file_get_contents (path, &contents, &len, NULL))
        g_ptr_array_add (texts, g_bytes_new_take (contents, len));
    }
}

GPtrArray *
bench_read_texts (const char *who, const char *dir)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  collect_texts (dir, texts);
  if (texts->len == 0)
    {
      fprintf (stderr, "%s: no *.txt under %s\n", who, dir);
      exit (1);
    }
  return texts;
}
