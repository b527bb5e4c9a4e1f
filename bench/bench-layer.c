/* bench-layer.c — the common start of the in-process layer benchmarks. */
#include "bench-layer.h"
#include "bench-texts.h"

#include <stdio.h>

LedeModel *
bench_layer_start (const char *who, int argc, char **argv, GPtrArray **texts, guint *repeat,
                   int *status)
{
  g_autoptr(GError) error = NULL;
  LedeModel *model;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR [REPEAT]\n", argv[0]);
      *status = 2;
      return NULL;
    }
  *repeat = argc > 2 ? MAX ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1) : 3;
  *texts = bench_read_texts (who, argv[1]);
  model = lede_model_new (&error);
  if (model == NULL)
    {
      fprintf (stderr, "%s: %s\n", who, error->message);
      g_clear_pointer (texts, g_ptr_array_unref);
      *status = 1;
    }
  return model;
}
