/* bench-events — what the events layer adds to the pipeline.
 *
 *   bench-events DIR [REPEAT]
 *
 * Reads every *.txt under DIR into memory and, REPEAT times over the texts:
 *  - runs the whole pipeline with JSON writing, once with the events layer and
 *    once without it (alternating per text, so machine load hits both alike);
 *  - times, on one more run with events, the events layer alone (run again on
 *    the finished document) and the JSON writer with and without the events.
 * Prints both ways of counting the events' share of the pipeline's time: the
 * difference of whole runs (noisy on a loaded machine) and the sum of the
 * parts the events add (the layer, and their part of the JSON). */
#include "lede-private.h"
#include "bench-layer.h"

#include <stdio.h>
#include <string.h>

static void
clear_events (LedeDoc *doc)
{
  g_clear_pointer (&doc->events, g_array_unref);
  g_clear_pointer (&doc->event_mentions, g_array_unref);
  g_clear_pointer (&doc->event_args, g_array_unref);
}

/* The pipeline and the JSON writer on one text; returns the microseconds taken. */
static gint64
run (const LedeModel *model, const LedeOptions *options, const char *text, gsize len,
     guint64 *events)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeDoc) doc = NULL;
  g_autofree char *json = NULL;
  gint64 t0 = g_get_monotonic_time ();

  doc = lede_pipeline_run (model, options, text, len, "{\"date\": \"2016-06-01\"}", FALSE, &error);
  if (doc == NULL)
    g_error ("bench-events: %s", error->message);
  json = lede_json_write (doc, FALSE);
  if (events != NULL && doc->events != NULL)
    *events += doc->events->len;
  return g_get_monotonic_time () - t0;
}

static gint64
time_json (const LedeDoc *doc)
{
  gint64 t0 = g_get_monotonic_time ();

  g_free (lede_json_write (doc, FALSE));
  return g_get_monotonic_time () - t0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(LedeModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint repeat;
  int status = 0;
  gint64 with_us = 0, without_us = 0, layer_us = 0, pipeline_us = 0;
  gint64 json_with_us = 0, json_without_us = 0;
  guint64 bytes = 0, tokens = 0, n_events = 0;
  LedeOptions with, without;
  double mb;

  model = bench_layer_start ("bench-events", argc, argv, &texts, &repeat, &status);
  if (model == NULL)
    return status;
  with = without = model->defaults;
  with.layers |= LEDE_CAP_EVENTS;
  without.layers &= ~(guint64) LEDE_CAP_EVENTS;

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < texts->len; i++)
      {
        gsize len;
        const char *text = g_bytes_get_data (texts->pdata[i], &len);
        g_autoptr(LedeDoc) doc = NULL;
        GArray *events;
        gint64 t0, t1;

        if ((r + i) % 2 == 0)
          {
            with_us += run (model, &with, text, len, r == 0 ? &n_events : NULL);
            without_us += run (model, &without, text, len, NULL);
          }
        else
          {
            without_us += run (model, &without, text, len, NULL);
            with_us += run (model, &with, text, len, r == 0 ? &n_events : NULL);
          }

        /* the layer alone, on a finished document */
        t0 = g_get_monotonic_time ();
        doc = lede_pipeline_run (model, &with, text, len, "{\"date\": \"2016-06-01\"}", FALSE,
                                 &error);
        t1 = g_get_monotonic_time ();
        g_assert (doc != NULL);
        pipeline_us += t1 - t0;
        clear_events (doc);
        t0 = g_get_monotonic_time ();
        lede_events_annotate (model, doc);
        layer_us += g_get_monotonic_time () - t0;
        /* the first write of a document finds it colder in the caches: take
         * the two writes in turns, as the runs above */
        if ((r + i) % 2 == 0)
          {
            json_with_us += time_json (doc);
            events = g_steal_pointer (&doc->events);
            json_without_us += time_json (doc);
            doc->events = events;
          }
        else
          {
            events = g_steal_pointer (&doc->events);
            json_without_us += time_json (doc);
            doc->events = events;
            json_with_us += time_json (doc);
          }
        if (r == 0)
          {
            bytes += len;
            tokens += doc->tokens->len;
          }
      }

  mb = (double) bytes * repeat / 1e6;
  printf ("texts %u, %.2f MB, %" G_GUINT64_FORMAT " tokens, %" G_GUINT64_FORMAT " events, %u passes\n",
          texts->len, bytes / 1e6, tokens, n_events, repeat);
  printf ("pipeline + JSON with events:    %.3f s  %.2f MB/s\n", with_us / 1e6, mb / (with_us / 1e6));
  printf ("pipeline + JSON without events: %.3f s  %.2f MB/s\n", without_us / 1e6,
          mb / (without_us / 1e6));
  printf ("events layer alone:             %.3f s  %.2f MB/s  %.0f tokens/s\n", layer_us / 1e6,
          mb / (layer_us / 1e6), tokens * repeat / (layer_us / 1e6));
  printf ("JSON writer with / without events: %.3f s / %.3f s\n", json_with_us / 1e6,
          json_without_us / 1e6);
  printf ("events add %.1f%% end to end (with/without runs); by parts: the layer %.1f%% + "
          "its JSON %.1f%% of the pipeline + JSON without them\n",
          100.0 * (with_us - without_us) / without_us,
          100.0 * layer_us / (pipeline_us - layer_us + json_without_us),
          100.0 * (json_with_us - json_without_us) / (pipeline_us - layer_us + json_without_us));
  return 0;
}
