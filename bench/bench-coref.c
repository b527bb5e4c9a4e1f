/* bench-coref — what the coref layer adds to the pipeline.
 *
 *   bench-coref DIR [REPEAT]
 *
 * Reads every *.txt under DIR into memory and, REPEAT times over each text,
 * runs the layers coref reads (structure to time), then coref, then quotes,
 * then writes the JSON twice: as it is, and without the coref members (the
 * writer leaves them out when the references table is absent). Each step is
 * timed on its own in the same run, so machine load affects both sides of the
 * ratio alike. Prints the coref layer's share and that of its JSON output. */
#include "lede-private.h"
#include "bench-layer.h"

#include <stdio.h>
#include <string.h>

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(LedeModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint repeat;
  int status = 0;
  gint64 base_us = 0, coref_us = 0, quotes_us = 0, json_us = 0, json_plain_us = 0;
  guint64 bytes = 0, tokens = 0, references = 0;
  double all;

  model = bench_layer_start ("bench-coref", argc, argv, &texts, &repeat, &status);
  if (model == NULL)
    return status;

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < texts->len; i++)
      {
        gsize len;
        const char *text = g_bytes_get_data (texts->pdata[i], &len);
        g_autoptr(LedeDoc) doc = NULL;
        g_autoptr(GArray) kept = NULL;
        gint64 t0, t1, t2, t3, t4, t5;
        char *json;

        t0 = g_get_monotonic_time ();
        doc = lede_pipeline_run (model, &model->defaults, text, len,
                                 "{\"date\": \"2016-06-01\", \"layers\": [\"entities\", \"time\"]}",
                                 FALSE, &error);
        if (doc == NULL)
          {
            fprintf (stderr, "bench-coref: %s\n", error->message);
            return 1;
          }
        t1 = g_get_monotonic_time ();
        lede_coref_annotate (model, doc);
        t2 = g_get_monotonic_time ();
        lede_quotes_annotate (model, doc);
        doc->options.layers = model->defaults.layers;
        t3 = g_get_monotonic_time ();
        json = lede_json_write (doc, FALSE);
        g_free (json);
        t4 = g_get_monotonic_time ();
        kept = g_steal_pointer (&doc->references);
        json = lede_json_write (doc, FALSE);
        g_free (json);
        t5 = g_get_monotonic_time ();
        doc->references = g_steal_pointer (&kept);

        base_us += t1 - t0;
        coref_us += t2 - t1;
        quotes_us += t3 - t2;
        json_us += t4 - t3;
        json_plain_us += t5 - t4;
        if (r == 0)
          {
            bytes += len;
            tokens += doc->tokens->len;
            references += doc->references->len;
          }
      }

  all = (double) (base_us + coref_us + quotes_us + json_us);
  printf ("texts %u, %.2f MB, %" G_GUINT64_FORMAT " tokens, %" G_GUINT64_FORMAT
          " references resolved, %u passes\n",
          texts->len, bytes / 1e6, tokens, references, repeat);
  printf ("structure..time  %8.3f s\n", base_us / 1e6);
  printf ("coref            %8.3f s  %.0f tokens/s\n", coref_us / 1e6,
          tokens * repeat / (coref_us / 1e6));
  printf ("quotes           %8.3f s\n", quotes_us / 1e6);
  printf ("JSON             %8.3f s  (%.3f s without the coref members)\n", json_us / 1e6,
          json_plain_us / 1e6);
  printf ("coref layer: %.1f%% of the whole pipeline (JSON included); with its JSON "
          "members: %.1f%%\n", 100.0 * coref_us / all,
          100.0 * (coref_us + MAX (json_us - json_plain_us, 0)) / all);
  return 0;
}
