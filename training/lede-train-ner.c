/* lede-train-ner.c — trains the entity tagger's two passes (structured
 * averaged perceptron, Viterbi over BILOU) with the feature code of the library itself, and
 * writes plugin/resources/ner-model.bin.
 *
 *   lede-train-ner train --gazetteers DIR --out MODEL [--epochs N] [--folds K]
 *                  [--dev FILE] TRAIN_FILE...
 *   lede-train-ner tag MODEL FILE     (prints FILE with a predicted IOB2 column)
 *
 * Input files are CoNLL-style: the token in the first column, the IOB tag of
 * PER/ORG/LOC/MISC in the last (IOB1 or IOB2), a blank line between
 * sentences, "-DOCSTART-" between documents. Everything is deterministic: the
 * documents are shuffled by a fixed-seed generator, so the same data gives
 * the same weights.
 */
#include "lede-entity-features.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *type_names[LEDE_NER_N_TYPES] = { "PER", "ORG", "LOC", "MISC" };

typedef struct {
  GStringChunk *chunk;
  GArray  *tokens;   /* LedeNerToken */
  GArray  *gold;     /* guint8 BILOU */
  GArray  *lines;    /* char* : the whole input line, for tag output */
  LedeNerInfo *info;
  guint8  *pass1;
  LedeNerHistory history;
} Doc;

static int
type_of (const char *tag)
{
  for (int t = 0; t < LEDE_NER_N_TYPES; t++)
    if (strcmp (tag + 2, type_names[t]) == 0)
      return t;
  return -1;
}

/* IOB (1 or 2) tags of one sentence → BILOU labels */
static void
iob_to_bilou (char **tags, guint n, guint8 *out)
{
  for (guint i = 0; i < n; i++)
    {
      int t = tags[i][0] == 'O' ? -1 : type_of (tags[i]);
      gboolean begins, ends;
      int tn;

      if (t < 0)
        {
          out[i] = 0;
          continue;
        }
      begins = tags[i][0] == 'B' || i == 0 || tags[i - 1][0] == 'O' || type_of (tags[i - 1]) != t;
      tn = i + 1 < n && tags[i + 1][0] != 'O' ? type_of (tags[i + 1]) : -1;
      ends = i + 1 == n || tn != t || tags[i + 1][0] == 'B';
      out[i] = LEDE_NER_LABEL (t, begins && ends ? LEDE_NER_U : begins ? LEDE_NER_B
                                  : ends ? LEDE_NER_L : LEDE_NER_I);
    }
}

static void
doc_finish_sentence (Doc *d, GPtrArray *tags)
{
  guint n = tags->len;
  guint8 *lab = g_alloca (n + 1);

  iob_to_bilou ((char **) tags->pdata, n, lab);
  g_array_append_vals (d->gold, lab, n);
  g_ptr_array_set_size (tags, 0);
}

static GPtrArray *
read_docs (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *docs = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  Doc *d = NULL;
  gboolean new_sentence = TRUE;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      g_auto(GStrv) cols = NULL;
      guint nc;
      LedeNerToken t;

      g_strchomp (line);
      if (g_str_has_prefix (line, "-DOCSTART-") || d == NULL)
        {
          if (d != NULL)
            doc_finish_sentence (d, tags);
          d = g_new0 (Doc, 1);
          d->chunk = g_string_chunk_new (4096);
          d->tokens = g_array_new (FALSE, FALSE, sizeof (LedeNerToken));
          d->gold = g_array_new (FALSE, FALSE, 1);
          d->lines = g_array_new (FALSE, FALSE, sizeof (char *));
          g_ptr_array_add (docs, d);
          new_sentence = TRUE;
          if (g_str_has_prefix (line, "-DOCSTART-"))
            continue;
        }
      if (*line == '\0')
        {
          doc_finish_sentence (d, tags);
          new_sentence = TRUE;
          continue;
        }
      cols = g_strsplit_set (line, " \t", -1);
      nc = g_strv_length (cols);
      t.text = g_string_chunk_insert (d->chunk, cols[0]);
      t.len = strlen (cols[0]);
      t.sentence_start = new_sentence;
      new_sentence = FALSE;
      g_array_append_val (d->tokens, t);
      {
        char *l = g_string_chunk_insert (d->chunk, line);
        g_array_append_val (d->lines, l);
      }
      g_ptr_array_add (tags, g_string_chunk_insert (d->chunk, nc > 1 ? cols[nc - 1] : "O"));
    }
  if (d != NULL)
    doc_finish_sentence (d, tags);
  /* drop empty documents */
  for (guint i = docs->len; i-- > 0;)
    if (((Doc *) docs->pdata[i])->tokens->len == 0)
      g_ptr_array_remove_index (docs, i);
  return docs;
}

/* ---- trainable weights ---- */

typedef struct {
  GHashTable *index;   /* feature → row + 1 */
  GArray     *w;       /* float rows */
  GArray     *u;       /* float rows: sum of c * update, for averaging */
  double      c;
} Perceptron;

static void
perceptron_init (Perceptron *p)
{
  p->index = g_hash_table_new (NULL, NULL);
  p->w = g_array_new (FALSE, TRUE, sizeof (float));
  p->u = g_array_new (FALSE, TRUE, sizeof (float));
  p->c = 1;
}

static void
perceptron_clear (Perceptron *p)
{
  g_hash_table_unref (p->index);
  g_array_unref (p->w);
  g_array_unref (p->u);
}

static void
perceptron_score (gconstpointer data, const guint32 *features, guint n, float *scores)
{
  const Perceptron *p = data;

  memset (scores, 0, sizeof (float) * LEDE_NER_N_LABELS);
  for (guint f = 0; f < n; f++)
    {
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (p->index, GUINT_TO_POINTER (features[f])));

      if (row-- == 0)
        continue;
      const float *w = &g_array_index (p->w, float, (gsize) row * LEDE_NER_N_LABELS);
      for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
        scores[l] += w[l];
    }
}

/* adds amount to the weights of label for each feature */
static void
perceptron_update (Perceptron *p, const guint32 *features, guint n, guint8 label, float amount)
{
  for (guint f = 0; f < n; f++)
    {
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (p->index, GUINT_TO_POINTER (features[f])));

      if (row == 0)
        {
          row = p->w->len / LEDE_NER_N_LABELS + 1;
          g_hash_table_insert (p->index, GUINT_TO_POINTER (features[f]), GUINT_TO_POINTER (row));
          g_array_set_size (p->w, p->w->len + LEDE_NER_N_LABELS);
          g_array_set_size (p->u, p->u->len + LEDE_NER_N_LABELS);
        }
      row--;
      g_array_index (p->w, float, (gsize) row * LEDE_NER_N_LABELS + label) += amount;
      g_array_index (p->u, float, (gsize) row * LEDE_NER_N_LABELS + label) += amount * p->c;
    }
}

/* after training: w := w - u / c, the average over all steps */
static void
perceptron_average (Perceptron *p)
{
  for (guint i = 0; i < p->w->len; i++)
    g_array_index (p->w, float, i) -= g_array_index (p->u, float, i) / p->c;
}

static guint64 rng_state;

static guint32
rng (void)
{
  rng_state = rng_state * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
  return (guint32) (rng_state >> 33);
}

/* Structured perceptron: each sentence is decoded with the current weights
 * by the tagger's own Viterbi; where the best sequence differs from the gold
 * one, the gold features gain and the predicted ones lose. */
static void
train_pass (Perceptron *p, GPtrArray *docs, guint pass, guint epochs, guint seed)
{
  g_autofree guint *order = g_new (guint, docs->len);
  guint32 features[LEDE_NER_MAX_FEATURES];

  rng_state = seed;
  for (guint i = 0; i < docs->len; i++)
    order[i] = i;
  for (guint e = 0; e < epochs; e++)
    {
      guint errors = 0, total = 0;

      for (guint i = docs->len; i > 1; i--)
        {
          guint j = rng () % i, t = order[i - 1];

          order[i - 1] = order[j];
          order[j] = t;
        }
      for (guint di = 0; di < docs->len; di++)
        {
          Doc *d = docs->pdata[order[di]];
          guint n = d->tokens->len, s0 = 0;
          const guint8 *gold = (const guint8 *) d->gold->data;
          g_autofree guint8 *pred = g_new0 (guint8, n);
          g_autofree gboolean *scored = g_new0 (gboolean, n);

          while (s0 < n)
            {
              guint s1 = s0 + 1;

              while (s1 < n && !(d->info[s1].flags & LEDE_NER_F_SENT_START))
                s1++;
              float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS];

              /* the weights change after every sentence */
              lede_ner_transitions (perceptron_score, p, trans);
              lede_ner_viterbi (d->info, n, s0, s1, pass, d->pass1, pass ? &d->history : NULL,
                                perceptron_score, p, trans, pred, scored);
              for (guint i = s0; i < s1; i++)
                {
                  guint8 gp = i > s0 ? gold[i - 1] : 0, pp = i > s0 ? pred[i - 1] : 0;
                  guint nf;

                  total++;
                  p->c++;
                  if (!scored[i] || (gold[i] == pred[i] && gp == pp))
                    continue;
                  if (gold[i] != pred[i])
                    {
                      nf = lede_ner_features (d->info, n, i, s0, s1, pass, d->pass1,
                                              pass ? &d->history : NULL, features);
                      perceptron_update (p, features, nf, gold[i], 1);
                      perceptron_update (p, features, nf, pred[i], -1);
                      errors++;
                    }
                  nf = lede_ner_pair_features (d->info, i, s1, gp, features);
                  features[nf++] = lede_ner_transition_feature (gp);
                  perceptron_update (p, features, nf, gold[i], 1);
                  nf = lede_ner_pair_features (d->info, i, s1, pp, features);
                  features[nf++] = lede_ner_transition_feature (pp);
                  perceptron_update (p, features, nf, pred[i], -1);
                }
              s0 = s1;
            }
        }
      g_printerr ("  pass %u epoch %u: %.2f%% token errors, %u features\n", pass + 1, e + 1,
                  100.0 * errors / total, p->w->len / LEDE_NER_N_LABELS);
    }
  perceptron_average (p);
}

static void
prepare_docs (GPtrArray *docs, const LedeGazetteer *gaz)
{
  for (guint i = 0; i < docs->len; i++)
    {
      Doc *d = docs->pdata[i];

      d->info = g_new (LedeNerInfo, d->tokens->len);
      d->pass1 = g_new0 (guint8, d->tokens->len);
      lede_ner_prepare (gaz, (LedeNerToken *) d->tokens->data, d->tokens->len, d->info);
    }
}

static void
tag_pass1 (Doc *d, LedeNerScoreFunc score, gconstpointer w)
{
  lede_ner_decode (d->info, d->tokens->len, 0, NULL, NULL, score, w, d->pass1);
  if (d->history.by_word)
    lede_ner_history_clear (&d->history);
  lede_ner_history_init (&d->history, d->info, d->tokens->len, d->pass1);
}

/* ---- span F1 (a quick check; bench/score_ner.py is the reference scorer) ---- */

typedef struct { guint tp, fp, fn; } Counts;

static void
count_spans (const guint8 *gold, const guint8 *pred, guint n, Counts *c)
{
  /* a span is (start, end, type) taken from BILOU labels */
  for (guint i = 0; i < n; i++)
    {
      for (int side = 0; side < 2; side++)
        {
          const guint8 *a = side ? pred : gold, *b = side ? gold : pred;
          guint8 l = a[i];
          guint j;
          gboolean same;

          if (l == 0 || (LEDE_NER_LABEL_POS (l) != LEDE_NER_B && LEDE_NER_LABEL_POS (l) != LEDE_NER_U))
            continue;
          j = i;
          while (LEDE_NER_LABEL_POS (a[j]) == LEDE_NER_B || LEDE_NER_LABEL_POS (a[j]) == LEDE_NER_I)
            {
              if (j + 1 >= n || a[j + 1] == 0)
                break;
              j++;
            }
          same = TRUE;
          for (guint x = i; x <= j; x++)
            same = same && a[x] == b[x];
          if (j + 1 < n && b[j + 1] != 0 && (LEDE_NER_LABEL_POS (b[j + 1]) == LEDE_NER_I
                                              || LEDE_NER_LABEL_POS (b[j + 1]) == LEDE_NER_L))
            same = FALSE;
          if (side == 0)
            same ? c[LEDE_NER_LABEL_TYPE (l)].tp++ : c[LEDE_NER_LABEL_TYPE (l)].fn++;
          else if (!same)
            c[LEDE_NER_LABEL_TYPE (l)].fp++;
        }
    }
}

static double
report (const char *what, Counts *c)
{
  Counts all = { 0 };
  double f = 0;

  for (guint t = 0; t < LEDE_NER_N_TYPES; t++)
    {
      double p = c[t].tp ? (double) c[t].tp / (c[t].tp + c[t].fp) : 0;
      double r = c[t].tp ? (double) c[t].tp / (c[t].tp + c[t].fn) : 0;

      g_printerr ("    %-5s P %.4f R %.4f F1 %.4f\n", type_names[t], p, r, p + r ? 2 * p * r / (p + r) : 0);
      all.tp += c[t].tp;
      all.fp += c[t].fp;
      all.fn += c[t].fn;
    }
  {
    double p = all.tp ? (double) all.tp / (all.tp + all.fp) : 0;
    double r = all.tp ? (double) all.tp / (all.tp + all.fn) : 0;

    f = p + r ? 2 * p * r / (p + r) : 0;
    g_printerr ("  %s: P %.4f R %.4f F1 %.4f\n", what, p, r, f);
  }
  return f;
}

/* ---- writing ---- */

static void
put (GByteArray *b, gconstpointer data, gsize len)
{
  g_byte_array_append (b, data, len);
}

static void
put_u32 (GByteArray *b, guint32 v)
{
  v = GUINT32_TO_LE (v);
  put (b, &v, 4);
}

static void
put_zeros (GByteArray *b, gsize n)
{
  static const guint8 zeros[8] = { 0 };

  put (b, zeros, n);
}

static gint
cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Quantizes one pass to int16 (one scale for the pass, taken from its
 * largest weight), drops the features whose weights all round to 0, and
 * writes the table as lede_ner_model_load uses it. */
static void
write_pass (GByteArray *b, Perceptron *p)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint16));
  g_autofree LedeNerSlot *slots = NULL;
  GHashTableIter iter;
  gpointer k, v;
  float max = 0, scale;
  guint32 size;

  for (guint i = 0; i < p->w->len; i++)
    max = MAX (max, fabsf (g_array_index (p->w, float, i)));
  scale = max > 0 ? 32000.0f / max : 1;
  g_hash_table_iter_init (&iter, p->index);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const float *w = &g_array_index (p->w, float, (gsize) (GPOINTER_TO_UINT (v) - 1) * LEDE_NER_N_LABELS);
      gboolean any = FALSE;
      guint32 key = GPOINTER_TO_UINT (k);

      for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
        any = any || lrintf (w[l] * scale) != 0;
      if (any)
        g_array_append_val (keys, key);
    }
  g_array_sort (keys, cmp_u32);
  for (guint i = 0; i < keys->len; i++)
    {
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (p->index, GUINT_TO_POINTER (g_array_index (keys, guint32, i)))) - 1;
      const float *w = &g_array_index (p->w, float, (gsize) row * LEDE_NER_N_LABELS);

      for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
        {
          gint16 q = (gint16) lrintf (w[l] * scale);
          g_array_append_val (rows, q);
        }
    }
  slots = lede_ner_weights_build ((guint32 *) keys->data, (gint16 *) rows->data, keys->len, &size);
  put_u32 (b, size);
  put_u32 (b, 0);
  for (guint32 i = 0; i < size; i++)
    {
      put_u32 (b, slots[i].key);
      for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
        {
          gint16 q = GINT16_TO_LE (slots[i].w[l]);
          put (b, &q, 2);
        }
      put_zeros (b, 2);
    }
  g_printerr ("  wrote %u of %u features (scale %.2f)\n", keys->len, p->w->len / LEDE_NER_N_LABELS, scale);
}

/* gaz's tables are allocated (g_free them) */
static void
load_gazetteers (const char *dir, LedeGazetteer *gaz)
{
  guint64 *keys;
  guint32 *masks;
  g_autoptr(GHashTable) builder = lede_gazetteer_builder_new ();

  for (guint k = 0; k < LEDE_GAZ_N_KINDS; k++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.txt", dir, lede_gaz_kind_names[k]);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &text, NULL, &error))
        g_error ("%s", error->message);
      lede_gazetteer_builder_add_file (builder, text, k);
    }
  lede_gazetteer_from_builder (builder, &keys, &masks, &gaz->size);
  gaz->keys = keys;
  gaz->masks = masks;
}

static GPtrArray *
read_all (char **files, guint n)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) docs = read_docs (files[i]);

      for (guint j = 0; j < docs->len; j++)
        g_ptr_array_add (all, docs->pdata[j]);
    }
  return all;
}

static double
evaluate (GPtrArray *dev, LedeNerScoreFunc score, gconstpointer w0, gconstpointer w1)
{
  Counts c1[LEDE_NER_N_TYPES] = { 0 }, c2[LEDE_NER_N_TYPES] = { 0 };

  for (guint i = 0; i < dev->len; i++)
    {
      Doc *d = dev->pdata[i];
      g_autofree guint8 *labels = g_new0 (guint8, d->tokens->len);

      tag_pass1 (d, score, w0);
      count_spans ((guint8 *) d->gold->data, d->pass1, d->tokens->len, c1);
      lede_ner_decode (d->info, d->tokens->len, 1, d->pass1, &d->history, score, w1, labels);
      count_spans ((guint8 *) d->gold->data, labels, d->tokens->len, c2);
    }
  report ("dev pass 1", c1);
  return report ("dev pass 2", c2);
}

static int
do_train (int argc, char **argv)
{
  const char *gaz_dir = NULL, *out = NULL, *dev_path = NULL;
  guint epochs = 12, folds = 5, seed = 20221222;
  GOptionEntry entries[] = {
    { "gazetteers", 0, 0, G_OPTION_ARG_FILENAME, &gaz_dir, "gazetteer folder", "DIR" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "model file to write", "FILE" },
    { "dev", 0, 0, G_OPTION_ARG_FILENAME, &dev_path, "CoNLL file to report F1 on", "FILE" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "epochs per pass", "N" },
    { "folds", 0, 0, G_OPTION_ARG_INT, &folds, "folds for the first pass's labels", "K" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "shuffle seed", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("TRAIN_FILE...");
  g_autoptr(GError) error = NULL;
  LedeGazetteer gaz = { 0 };
  GPtrArray *train, *dev = NULL;
  Perceptron p1, p2;
  g_autoptr(GByteArray) b = g_byte_array_new ();

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || gaz_dir == NULL || out == NULL || argc < 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: train --gazetteers DIR --out FILE TRAIN...");
      return 2;
    }
  load_gazetteers (gaz_dir, &gaz);
  train = read_all (argv + 1, argc - 1);
  prepare_docs (train, &gaz);
  if (dev_path)
    {
      dev = read_docs (dev_path);
      prepare_docs (dev, &gaz);
    }
  g_printerr ("%u training documents\n", train->len);

  /* first-pass labels of the training data, each fold tagged by a model
   * trained on the others, so the second pass learns from realistic errors */
  for (guint f = 0; f < folds; f++)
    {
      g_autoptr(GPtrArray) part = g_ptr_array_new ();
      Perceptron pf;

      for (guint i = 0; i < train->len; i++)
        if (i % folds != f)
          g_ptr_array_add (part, train->pdata[i]);
      perceptron_init (&pf);
      g_printerr ("fold %u\n", f + 1);
      train_pass (&pf, part, 0, epochs, seed + f);
      for (guint i = f; i < train->len; i += folds)
        tag_pass1 (train->pdata[i], perceptron_score, &pf);
      perceptron_clear (&pf);
    }
  g_printerr ("pass 1\n");
  perceptron_init (&p1);
  train_pass (&p1, train, 0, epochs, seed);
  g_printerr ("pass 2\n");
  perceptron_init (&p2);
  train_pass (&p2, train, 1, epochs, seed + 100);
  if (dev)
    evaluate (dev, perceptron_score, &p1, &p2);

  put (b, LEDE_NER_MAGIC, 8);
  put_u32 (b, LEDE_NER_N_LABELS);
  put_u32 (b, gaz.size);
  for (guint i = 0; i < gaz.size; i++)
    {
      guint64 k = GUINT64_TO_LE (gaz.keys[i]);
      put (b, &k, 8);
    }
  for (guint i = 0; i < gaz.size; i++)
    put_u32 (b, gaz.masks[i]);
  put_zeros (b, b->len % 8 ? 8 - b->len % 8 : 0);
  write_pass (b, &p1);
  write_pass (b, &p2);
  if (!g_file_set_contents (out, (char *) b->data, b->len, &error))
    g_error ("%s", error->message);
  g_printerr ("wrote %s: %u bytes\n", out, b->len);

  if (dev)
    {
      LedeNerModel model;
      g_autoptr(GBytes) bytes = g_bytes_new (b->data, b->len);

      if (!lede_ner_model_load (&model, bytes, &error))
        g_error ("%s", error->message);
      g_printerr ("quantized model:\n");
      evaluate (dev, lede_ner_weights_score, &model.pass[0], &model.pass[1]);
      lede_ner_model_clear (&model);
    }
  return 0;
}

static int
do_tag (int argc, char **argv)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  LedeNerModel model;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *out = g_string_new (NULL);

  if (argc != 4)
    {
      g_printerr ("usage: tag MODEL FILE\n");
      return 2;
    }
  if (!g_file_get_contents (argv[2], &data, &len, &error))
    g_error ("%s", error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  if (!lede_ner_model_load (&model, bytes, &error))
    g_error ("%s", error->message);
  docs = read_docs (argv[3]);
  for (guint i = 0; i < docs->len; i++)
    {
      Doc *d = docs->pdata[i];
      guint n = d->tokens->len;
      g_autofree guint8 *labels = g_new0 (guint8, n);

      lede_ner_tag (&model, (LedeNerToken *) d->tokens->data, n, labels);
      g_string_append (out, "-DOCSTART- -X- -X- O\n\n");
      for (guint t = 0; t < n; t++)
        {
          guint8 l = labels[t];
          const char *line = g_array_index (d->lines, char *, t);

          if (t > 0 && g_array_index (d->tokens, LedeNerToken, t).sentence_start)
            g_string_append_c (out, '\n');
          if (l == 0)
            g_string_append_printf (out, "%s O\n", line);
          else
            g_string_append_printf (out, "%s %s-%s\n", line,
                                    LEDE_NER_LABEL_POS (l) == LEDE_NER_B || LEDE_NER_LABEL_POS (l) == LEDE_NER_U ? "B" : "I",
                                    type_names[LEDE_NER_LABEL_TYPE (l)]);
        }
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
  lede_ner_model_clear (&model);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "train") == 0)
    return do_train (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "tag") == 0)
    return do_tag (argc, argv);
  g_printerr ("usage: lede-train-ner train|tag ...\n");
  return 2;
}
