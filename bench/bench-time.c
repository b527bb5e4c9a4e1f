/* bench-time — what the time layer adds to the pipeline.
 *
 *   bench-time DIR [REPEAT]
 *
 * Reads every *.txt under DIR into memory, runs the whole pipeline on each
 * (lede_pipeline_run, all layers, no JSON writing) REPEAT times, and times the
 * time layer alone on the same documents by running it again on each finished
 * one. Prints the pipeline's MB/s with and without the layer and the layer's
 * share. */
#include "lede-private.h"
#include "bench-layer.h"

#include <stdio.h>
#include <string.h>

static void
clear_timexes (LedeDoc *doc)
{
  for (guint i = 0; i < doc->timexes->len; i++)
    g_free (g_array_index (doc->timexes, LedeTimex, i).value);
  g_array_set_size (doc->timexes, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(LedeModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint repeat;
  int status = 0;
  gint64 pipeline_us = 0, time_us = 0;
  guint64 bytes = 0, tokens = 0, timexes = 0;
  double mb, without;

  model = bench_layer_start ("bench-time", argc, argv, &texts, &repeat, &status);
  if (model == NULL)
    return status;

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < texts->len; i++)
      {
        gsize len;
        const char *text = g_bytes_get_data (texts->pdata[i], &len);
        g_autoptr(LedeDoc) doc = NULL;
        gint64 t0, t1, t2;

        t0 = g_get_monotonic_time ();
        doc = lede_pipeline_run (model, &model->defaults, text, len, "{\"date\": \"2016-06-01\"}",
                                 FALSE, &error);
        t1 = g_get_monotonic_time ();
        if (doc == NULL)
          {
            fprintf (stderr, "bench-time: %s\n", error->message);
            return 1;
          }
        clear_timexes (doc);
        t2 = g_get_monotonic_time ();
        lede_time_annotate (model, doc);
        time_us += g_get_monotonic_time () - t2;
        pipeline_us += t1 - t0;
        if (r == 0)
          {
            bytes += len;
            tokens += doc->tokens->len;
            timexes += doc->timexes->len;
          }
      }

  mb = (double) bytes * repeat / 1e6;
  without = (double) (pipeline_us - time_us) / 1e6;
  printf ("texts %u, %.2f MB, %" G_GUINT64_FORMAT " tokens, %" G_GUINT64_FORMAT " timexes, %u passes\n",
          texts->len, bytes / 1e6, tokens, timexes, repeat);
  printf ("pipeline with time:    %.3f s  %.2f MB/s\n", pipeline_us / 1e6, mb / (pipeline_us / 1e6));
  printf ("pipeline without time: %.3f s  %.2f MB/s\n", without, mb / without);
  printf ("time layer alone:      %.3f s  %.2f MB/s  %.0f tokens/s\n", time_us / 1e6,
          mb / (time_us / 1e6), tokens * repeat / (time_us / 1e6));
  printf ("time layer adds %.1f%% to the pipeline\n", 100.0 * time_us / (pipeline_us - time_us));
  return 0;
}
