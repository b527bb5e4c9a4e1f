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
#include "lede-resources.h"

#include <stdio.h>
#include <string.h>

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
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(LedeModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint repeat = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  gint64 pipeline_us = 0, time_us = 0;
  guint64 bytes = 0, tokens = 0, timexes = 0;
  double mb, without;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR [REPEAT]\n", argv[0]);
      return 2;
    }
  collect_texts (argv[1], texts);
  if (texts->len == 0)
    {
      fprintf (stderr, "bench-time: no *.txt under %s\n", argv[1]);
      return 1;
    }
  if (!g_resources_get_info ("/org/lede/model/abbreviations.txt", G_RESOURCE_LOOKUP_FLAGS_NONE,
                             NULL, NULL, NULL))
    g_resources_register (lede_resources_get_resource ());
  model = lede_model_new (&error);
  if (model == NULL)
    {
      fprintf (stderr, "bench-time: %s\n", error->message);
      return 1;
    }

  for (guint r = 0; r < MAX (repeat, 1); r++)
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

  mb = (double) bytes * MAX (repeat, 1) / 1e6;
  without = (double) (pipeline_us - time_us) / 1e6;
  printf ("texts %u, %.2f MB, %" G_GUINT64_FORMAT " tokens, %" G_GUINT64_FORMAT " timexes, %u passes\n",
          texts->len, bytes / 1e6, tokens, timexes, MAX (repeat, 1));
  printf ("pipeline with time:    %.3f s  %.2f MB/s\n", pipeline_us / 1e6, mb / (pipeline_us / 1e6));
  printf ("pipeline without time: %.3f s  %.2f MB/s\n", without, mb / without);
  printf ("time layer alone:      %.3f s  %.2f MB/s  %.0f tokens/s\n", time_us / 1e6,
          mb / (time_us / 1e6), tokens * MAX (repeat, 1) / (time_us / 1e6));
  printf ("time layer adds %.1f%% to the pipeline\n", 100.0 * time_us / (pipeline_us - time_us));
  return 0;
}
