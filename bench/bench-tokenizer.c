/* bench-tokenizer — the speed of the first three layers: structure, tokens
 * and sentences.
 *
 *   bench-tokenizer DIR [REPEAT]
 *
 * Reads every *.txt under DIR into memory and, REPEAT times over each text,
 * builds the document (UTF-8 check and offset index) and runs the structure,
 * tokens and sentences layers, timing each step. Prints MB/s and tokens/s per
 * layer and for the three layers together (the 50 MB/s per core budget), in
 * wall-clock and in CPU time of this thread (steadier on a busy machine). */
#include "lede-private.h"
#include "bench-layer.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum { STEP_DOC, STEP_STRUCTURE, STEP_TOKENS, STEP_SENTENCES, N_STEPS };

static const char *const step_names[] = { "text (UTF-8, index)", "structure", "tokens", "sentences" };

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(LedeModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint repeat;
  int status = 0;
  gint64 wall[N_STEPS] = { 0 }, cpu[N_STEPS] = { 0 };
  guint64 bytes = 0, tokens = 0, sentences = 0;
  double mb;

  model = bench_layer_start ("bench-tokenizer", argc, argv, &texts, &repeat, &status);
  if (model == NULL)
    return status;

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < texts->len; i++)
      {
        gsize len;
        const char *text = g_bytes_get_data (texts->pdata[i], &len);
        g_autoptr(LedeDoc) doc = NULL;
        gint64 w[N_STEPS + 1], c[N_STEPS + 1];

        w[0] = g_get_monotonic_time (), c[0] = cpu_usec ();
        doc = lede_doc_new (&model->defaults, text, len, FALSE, &error);
        if (doc == NULL)
          {
            fprintf (stderr, "bench-tokenizer: %s\n", error->message);
            return 1;
          }
        w[1] = g_get_monotonic_time (), c[1] = cpu_usec ();
        lede_structure_annotate (model, doc);
        w[2] = g_get_monotonic_time (), c[2] = cpu_usec ();
        lede_tokens_annotate (model, doc);
        w[3] = g_get_monotonic_time (), c[3] = cpu_usec ();
        lede_sentences_annotate (model, doc);
        w[4] = g_get_monotonic_time (), c[4] = cpu_usec ();
        for (guint s = 0; s < N_STEPS; s++)
          {
            wall[s] += w[s + 1] - w[s];
            cpu[s] += c[s + 1] - c[s];
          }
        if (r == 0)
          {
            bytes += len;
            tokens += doc->tokens->len;
            sentences += doc->sentences->len;
          }
      }

  mb = (double) bytes * repeat / 1e6;
  printf ("texts %u from %s, %.2f MB, %" G_GUINT64_FORMAT " tokens, %" G_GUINT64_FORMAT
          " sentences, %u passes\n", texts->len, argv[1], bytes / 1e6, tokens, sentences, repeat);
  printf ("%-24s %10s %10s %14s\n", "step", "wall MB/s", "CPU MB/s", "CPU tokens/s");
  for (guint s = 0; s < N_STEPS; s++)
    printf ("%-24s %10.1f %10.1f %14.0f\n", step_names[s], mb / (wall[s] / 1e6),
            mb / (cpu[s] / 1e6), tokens * (double) repeat / (cpu[s] / 1e6));
  printf ("%-24s %10.1f %10.1f %14.0f\n", "structure+tokens+sent.",
          mb / ((wall[1] + wall[2] + wall[3]) / 1e6), mb / ((cpu[1] + cpu[2] + cpu[3]) / 1e6),
          tokens * (double) repeat / ((cpu[1] + cpu[2] + cpu[3]) / 1e6));
  printf ("%-24s %10.1f %10.1f %14.0f\n", "all four",
          mb / ((wall[0] + wall[1] + wall[2] + wall[3]) / 1e6),
          mb / ((cpu[0] + cpu[1] + cpu[2] + cpu[3]) / 1e6),
          tokens * (double) repeat / ((cpu[0] + cpu[1] + cpu[2] + cpu[3]) / 1e6));
  return 0;
}
