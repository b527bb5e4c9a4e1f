/* lede-bench — how fast the whole pipeline runs through the flat ABI.
 *
 *   lede-bench LIBRARY DIR [REPEAT [OPTIONS_JSON]]
 *
 * Loads LIBRARY the way a host does (GModule), times loading plus annotator
 * creation, reads every *.txt under DIR into memory, then annotates them all
 * REPEAT times on one thread (with the annotator OPTIONS_JSON, e.g. to choose
 * the layers) and prints MB/s, tokens/s and peak memory. */
#include <gmodule.h>

#include "bench-texts.h"
#include <lede/lede.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

typedef lede_annotator *(*AnnotatorNew) (const char *, lede_error **);
typedef char *(*Annotate) (const lede_annotator *, const char *, size_t, const char *, lede_error **);
typedef void (*Free) (void *);

/* the token count the JSON reports in "document" */
static guint64
token_count (const char *json)
{
  const char *at = strstr (json, "\"token_count\":");
  return at ? g_ascii_strtoull (at + strlen ("\"token_count\":"), NULL, 10) : 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) texts = NULL;
  AnnotatorNew annotator_new;
  Annotate annotate;
  Free lede_free_fn;
  lede_annotator *annotator;
  GModule *module;
  struct rusage usage, before;
  guint64 bytes = 0, tokens = 0;
  gint64 t0, t1;
  guint repeat;
  double seconds;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s LIBRARY DIR [REPEAT [OPTIONS_JSON]]\n", argv[0]);
      return 2;
    }
  repeat = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 3;

  t0 = g_get_monotonic_time ();
  module = g_module_open (argv[1], G_MODULE_BIND_LOCAL);
  if (module == NULL
      || !g_module_symbol (module, "lede_annotator_new", (gpointer *) &annotator_new)
      || !g_module_symbol (module, "lede_annotate", (gpointer *) &annotate)
      || !g_module_symbol (module, "lede_free", (gpointer *) &lede_free_fn))
    {
      fprintf (stderr, "cannot load %s: %s\n", argv[1], g_module_error ());
      return 1;
    }
  annotator = annotator_new (argc > 4 ? argv[4] : NULL, NULL);
  t1 = g_get_monotonic_time ();
  if (annotator == NULL)
    {
      fprintf (stderr, "cannot make an annotator\n");
      return 1;
    }
  printf ("load + annotator creation: %.2f ms\n", (t1 - t0) / 1000.0);

  texts = bench_read_texts ("lede-bench", argv[2]);

  getrusage (RUSAGE_SELF, &before);
  t0 = g_get_monotonic_time ();
  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < texts->len; i++)
      {
        gsize len;
        const char *text = g_bytes_get_data (texts->pdata[i], &len);
        char *json = annotate (annotator, text, len, NULL, NULL);

        if (json == NULL)
          {
            fprintf (stderr, "article %u failed\n", i);
            return 1;
          }
        bytes += len;
        tokens += token_count (json);
        lede_free_fn (json);
      }
  t1 = g_get_monotonic_time ();
  seconds = (t1 - t0) / 1e6;
  getrusage (RUSAGE_SELF, &usage);
  printf ("articles: %u x %u, %.1f MB, %" G_GUINT64_FORMAT " tokens, %.3f s\n",
          texts->len, repeat, bytes / 1e6, tokens, seconds);
  printf ("throughput: %.1f MB/s, %.0f tokens/s (one thread, wall clock)\n",
          bytes / 1e6 / seconds, tokens / seconds);
  {
    /* CPU time of the annotating thread's process: what one core did, less
     * sensitive than the wall clock to other work on the machine */
    double cpu = (usage.ru_utime.tv_sec - before.ru_utime.tv_sec)
                 + (usage.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
                 + (usage.ru_stime.tv_sec - before.ru_stime.tv_sec)
                 + (usage.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;

    printf ("per CPU second: %.1f MB/s, %.0f tokens/s\n", bytes / 1e6 / cpu, tokens / cpu);
  }
  printf ("peak memory (RSS, texts included): %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
