/* lede-entity-features.c — features, gazetteers, weights and greedy decoding
 * of the entity tagger, shared by the annotator and the trainer. */
#include "lede-entity-features.h"

#include <string.h>

const char *const lede_gaz_kind_names[LEDE_GAZ_N_KINDS] = {
  "country", "subdivision", "city", "language", "currency", "firstname",
  "wn-person", "wn-location", "wn-group", "wn-event", "wn-artifact", "demonym",
};

/* FNV-1a, then a final mix so that nearby strings spread over the table */
static inline guint64
mix64 (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

guint64
lede_ner_hash (const char *s, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return mix64 (h);
}

/* ASCII-lower-cased hash; non-ASCII bytes are kept as they are. */
static guint64
hash_lower (const char *s, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) g_ascii_tolower (s[i]);
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return mix64 (h);
}

guint64
lede_gazetteer_phrase_step (guint64 h, guint64 token_hash)
{
  return mix64 (h * G_GUINT64_CONSTANT (31) + token_hash + 1) | 1;  /* never 0 */
}

guint32
lede_gazetteer_lookup (const LedeGazetteer *gaz, guint64 key)
{
  if (gaz->keys == NULL)
    return 0;
  for (guint32 slot = (guint32) key & gaz->mask;; slot = (slot + 1) & gaz->mask)
    {
      if (gaz->keys[slot] == key)
        return gaz->masks[slot];
      if (gaz->keys[slot] == 0)
        return 0;
    }
}

/* ---- gazetteer building (trainer) ---- */

GHashTable *
lede_gazetteer_builder_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
builder_or (GHashTable *b, guint64 key, guint32 bits)
{
  gpointer old = NULL;
  guint64 *k;

  if (g_hash_table_lookup_extended (b, &key, (gpointer *) &k, &old))
    {
      g_hash_table_insert (b, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) | bits));
      return;
    }
  g_hash_table_insert (b, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (bits));
}

static gboolean
is_split_char (char c)
{
  return c == ',' || c == '(' || c == ')' || c == ';' || c == ':' || c == '"' || c == '/';
}

/* Splits an entry as a news tokenizer would, at spaces and around ,();:"/;
 * a final "'s" or "." of an abbreviation stays with its word. */
void
lede_gazetteer_builder_add_file (GHashTable *builder, const char *text, guint kind)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      guint64 h = 0, hashes[LEDE_GAZ_MAX_TOKENS];
      guint n = 0;

      if (*p == '#' || *p == '\0')
        continue;
      while (*p != '\0' && n <= LEDE_GAZ_MAX_TOKENS)
        {
          const char *start;

          while (*p == ' ')
            p++;
          if (*p == '\0')
            break;
          start = p;
          if (is_split_char (*p))
            p++;
          else
            while (*p != '\0' && *p != ' ' && !is_split_char (*p))
              p++;
          if (n < LEDE_GAZ_MAX_TOKENS)
            hashes[n] = hash_lower (start, p - start);
          n++;
        }
      if (n == 0 || n > LEDE_GAZ_MAX_TOKENS)
        continue;
      for (guint k = 0; k < n; k++)
        {
          h = lede_gazetteer_phrase_step (h, hashes[k]);
          builder_or (builder, h, k + 1 == n ? 1u << kind : LEDE_GAZ_PREFIX);
        }
    }
}

void
lede_gazetteer_from_builder (LedeGazetteer *gaz, GHashTable *builder)
{
  guint32 size = 1024;
  GHashTableIter iter;
  gpointer k, v;

  while (size < 2 * g_hash_table_size (builder))
    size *= 2;
  gaz->keys = g_new0 (guint64, size);
  gaz->masks = g_new0 (guint32, size);
  gaz->mask = size - 1;
  gaz->n = size;
  g_hash_table_iter_init (&iter, builder);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      guint64 key = *(guint64 *) k;
      guint32 slot = (guint32) key & gaz->mask;

      while (gaz->keys[slot] != 0)
        slot = (slot + 1) & gaz->mask;
      gaz->keys[slot] = key;
      gaz->masks[slot] = GPOINTER_TO_UINT (v);
    }
}

void
lede_gazetteer_clear (LedeGazetteer *gaz)
{
  g_clear_pointer (&gaz->keys, g_free);
  g_clear_pointer (&gaz->masks, g_free);
}

/* ---- per-token information ---- */

static guint64
shape_hash (const char *s, guint32 len)
{
  char buf[16];
  guint n = 0;
  char last = 0;

  for (guint32 i = 0; i < len && n < sizeof buf; i++)
    {
      guchar c = (guchar) s[i];
      char k;

      if (c >= 'A' && c <= 'Z')
        k = 'X';
      else if (c >= 'a' && c <= 'z')
        k = 'x';
      else if (c >= '0' && c <= '9')
        k = 'd';
      else if (c >= 0x80)
        {
          if ((c & 0xC0) == 0x80)
            continue;
          k = 'u';
        }
      else
        k = (char) c;
      /* runs collapse, but a short first run (the capital) is kept */
      if (k == last && n >= 2)
        continue;
      if (k == last && n == 1 && (k == 'x' || k == 'd'))
        continue;
      buf[n++] = last = k;
    }
  return lede_ner_hash (buf, n) ^ G_GUINT64_CONSTANT (0x5a5a);
}

void
lede_ner_prepare (const LedeGazetteer *gaz, const LedeNerToken *tokens, guint n,
                  LedeNerInfo *info)
{
  g_autoptr(GHashTable) lower_seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint sent_start = 0;

  for (guint i = 0; i < n; i++)
    {
      const LedeNerToken *t = &tokens[i];
      LedeNerInfo *f = &info[i];
      guchar c0 = t->len ? (guchar) t->text[0] : 0;

      memset (f, 0, sizeof *f);
      f->word = lede_ner_hash (t->text, t->len);
      f->lower = hash_lower (t->text, t->len);
      f->shape = shape_hash (t->text, t->len);
      for (guint k = 0; k < 4; k++)
        {
          guint32 m = MIN (k + 1, t->len);

          f->pre[k] = hash_lower (t->text, m) + k * 7919 + 1;
          f->suf[k] = hash_lower (t->text + t->len - m, m) + k * 104729 + 2;
        }
      if (g_ascii_isupper (c0) || (c0 >= 0x80 && g_unichar_isupper (g_utf8_get_char_validated (t->text, t->len))))
        f->flags |= LEDE_NER_F_CAP;
      if (t->sentence_start || i == 0)
        f->flags |= LEDE_NER_F_SENT_START;
      if (g_ascii_islower (c0))
        f->flags |= LEDE_NER_F_PLAIN;
      else if (c0 < 0x80)
        {
          gboolean letter = FALSE;

          for (guint32 b = 0; b < t->len && !letter; b++)
            letter = g_ascii_isalpha (t->text[b]) || (guchar) t->text[b] >= 0x80;
          if (!letter)
            f->flags |= LEDE_NER_F_PLAIN;
        }
      if (g_ascii_islower (c0))
        g_hash_table_add (lower_seen, &f->lower);
    }

  /* headline sentences: most letters upper case */
  for (guint i = 0; i <= n; i++)
    if (i == n || (info[i].flags & LEDE_NER_F_SENT_START))
      {
        if (i > sent_start)
          {
            guint upper = 0, lower = 0;

            for (guint j = sent_start; j < i; j++)
              for (guint32 b = 0; b < tokens[j].len; b++)
                {
                  if (g_ascii_isupper (tokens[j].text[b]))
                    upper++;
                  else if (g_ascii_islower (tokens[j].text[b]))
                    lower++;
                }
            if (upper > 3 * lower && upper > 3)
              for (guint j = sent_start; j < i; j++)
                info[j].flags |= LEDE_NER_F_CAPS_SENT;
          }
        sent_start = i;
      }

  for (guint i = 0; i < n; i++)
    if ((info[i].flags & LEDE_NER_F_CAP) && g_hash_table_contains (lower_seen, &info[i].lower))
      info[i].flags |= LEDE_NER_F_LOWER_SEEN;

  /* gazetteers: for each kind, the longest match that covers a token; a
   * match starts at a token that is not lower case */
  if (gaz->keys != NULL)
    {
      g_autofree guint8 *best = g_new0 (guint8, (gsize) n * LEDE_GAZ_N_KINDS);

      for (guint i = 0; i < n; i++)
        {
          guint64 h = 0;
          guchar c0 = tokens[i].len ? (guchar) tokens[i].text[0] : 0;

          if (g_ascii_islower (c0) || (!g_ascii_isalnum (c0) && c0 < 0x80))
            continue;
          for (guint j = i; j < n && j < i + LEDE_GAZ_MAX_TOKENS; j++)
            {
              guint32 m;
              guint len = j - i + 1;

              if (j > i && (info[j].flags & LEDE_NER_F_SENT_START))
                break;
              h = lede_gazetteer_phrase_step (h, info[j].lower);
              m = lede_gazetteer_lookup (gaz, h);
              if (m == 0)
                break;
              for (guint k = 0; k < LEDE_GAZ_N_KINDS; k++)
                {
                  if (!(m & (1u << k)))
                    continue;
                  for (guint x = i; x <= j; x++)
                    {
                      if (best[x * LEDE_GAZ_N_KINDS + k] >= len)
                        continue;
                      best[x * LEDE_GAZ_N_KINDS + k] = len;
                      info[x].gaz[k] = 1 + (len == 1 ? LEDE_NER_U : x == i ? LEDE_NER_B
                                            : x == j ? LEDE_NER_L : LEDE_NER_I);
                      info[x].gaz_mask |= 1u << k;
                    }
                }
              if (!(m & LEDE_GAZ_PREFIX))
                break;
            }
        }
    }
}

/* ---- history ---- */

void
lede_ner_history_init (LedeNerHistory *h, const LedeNerInfo *info, guint n, const guint8 *labels)
{
  h->by_word = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < n; i++)
    {
      guint32 *counts;

      if (!(info[i].flags & LEDE_NER_F_CAP))
        continue;
      counts = g_hash_table_lookup (h->by_word, &info[i].lower);
      if (counts == NULL)
        {
          counts = g_new0 (guint32, LEDE_NER_N_TYPES + 1);
          g_hash_table_insert (h->by_word, (gpointer) &info[i].lower, counts);
        }
      counts[labels[i] == 0 ? LEDE_NER_N_TYPES : LEDE_NER_LABEL_TYPE (labels[i])]++;
    }
}

void
lede_ner_history_clear (LedeNerHistory *h)
{
  g_clear_pointer (&h->by_word, g_hash_table_unref);
}

/* ---- features ---- */

static inline guint32
feat (guint template, guint64 value)
{
  guint32 f = (guint32) mix64 (value * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + template);

  return f ? f : 1;
}

#define PAD_BEFORE G_GUINT64_CONSTANT (0x1111)
#define PAD_AFTER  G_GUINT64_CONSTANT (0x2222)

guint
lede_ner_features (const LedeNerInfo *info, guint n, guint i, guint s0, guint s1,
                   const guint8 *labels, guint pass, const guint8 *pass1,
                   const LedeNerHistory *history, guint32 *out)
{
  const LedeNerInfo *f = &info[i];
  guint k = 0;
  guint64 lw[5], sh[5];
  guint8 prev = i > s0 ? labels[i - 1] : 0;
  guint8 prev2 = i > s0 + 1 ? labels[i - 2] : 0;
  guint64 caps = (f->flags & (LEDE_NER_F_CAP | LEDE_NER_F_SENT_START | LEDE_NER_F_CAPS_SENT));

  for (int d = -2; d <= 2; d++)
    {
      gint64 j = (gint64) i + d;

      if (j < s0)
        lw[d + 2] = sh[d + 2] = PAD_BEFORE;
      else if (j >= s1)
        lw[d + 2] = sh[d + 2] = PAD_AFTER;
      else
        {
          lw[d + 2] = info[j].lower;
          sh[d + 2] = info[j].shape;
        }
    }

  out[k++] = feat (0, 0);
  out[k++] = feat (1, f->word);
  out[k++] = feat (2, f->lower);
  out[k++] = feat (3, f->shape);
  for (guint x = 0; x < 4; x++)
    {
      out[k++] = feat (4 + x, f->pre[x]);
      out[k++] = feat (8 + x, f->suf[x]);
    }
  out[k++] = feat (12, lw[1]);
  out[k++] = feat (13, lw[3]);
  out[k++] = feat (14, lw[0]);
  out[k++] = feat (15, lw[4]);
  out[k++] = feat (16, sh[1]);
  out[k++] = feat (17, sh[3]);
  out[k++] = feat (18, sh[1] * 31 + sh[2]);
  out[k++] = feat (19, sh[2] * 31 + sh[3]);
  out[k++] = feat (20, lw[1] * 31 + lw[2]);
  out[k++] = feat (21, lw[2] * 31 + lw[3]);
  out[k++] = feat (22, caps * 131 + sh[2]);
  out[k++] = feat (23, f->flags);
  if (f->flags & LEDE_NER_F_CAPS_SENT)
    out[k++] = feat (24, f->lower);
  for (guint g = 0; g < LEDE_GAZ_N_KINDS; g++)
    if (f->gaz[g])
      {
        out[k++] = feat (25, g * 8 + f->gaz[g]);
        out[k++] = feat (26, (g * 8 + f->gaz[g]) * 131 + caps);
      }
  if (i > s0 && info[i - 1].gaz_mask)
    out[k++] = feat (27, info[i - 1].gaz_mask);
  if (i + 1 < s1 && info[i + 1].gaz_mask)
    out[k++] = feat (28, info[i + 1].gaz_mask);
  out[k++] = feat (29, f->gaz_mask * 131 + caps);
  out[k++] = feat (30, prev);
  out[k++] = feat (31, prev * 32 + prev2);
  out[k++] = feat (32, prev * G_GUINT64_CONSTANT (1000003) + sh[2]);
  out[k++] = feat (33, prev * G_GUINT64_CONSTANT (1000003) + f->lower);
  out[k++] = feat (34, prev * G_GUINT64_CONSTANT (1000003) + sh[3]);

  if (pass == 1)
    {
      const guint32 *counts = history && (f->flags & LEDE_NER_F_CAP)
                              ? g_hash_table_lookup (history->by_word, &f->lower) : NULL;

      out[k++] = feat (40, pass1[i]);
      out[k++] = feat (41, i > s0 ? pass1[i - 1] : 99);
      out[k++] = feat (42, i + 1 < s1 ? pass1[i + 1] : 99);
      out[k++] = feat (43, pass1[i] * 32 + (i + 1 < s1 ? pass1[i + 1] : 99));
      if (counts != NULL)
        {
          guint best = LEDE_NER_N_TYPES, total = 0, mask = 0;

          for (guint t = 0; t <= LEDE_NER_N_TYPES; t++)
            {
              total += counts[t];
              if (counts[t] > 0)
                mask |= 1u << t;
              if (t < LEDE_NER_N_TYPES && counts[t] > 0
                  && (best == LEDE_NER_N_TYPES || counts[t] > counts[best]))
                best = t;
            }
          out[k++] = feat (44, best);
          out[k++] = feat (45, mask);
          out[k++] = feat (46, best * 131 + caps);
          out[k++] = feat (47, best * 8 + MIN (total, 4));
          for (guint t = 0; t < LEDE_NER_N_TYPES; t++)
            if (counts[t] > 0)
              out[k++] = feat (48, t * 8 + MIN ((counts[t] * 4) / total, 4));
        }
    }
  g_assert (k <= LEDE_NER_MAX_FEATURES);
  return k;
}

/* ---- decoding ---- */

gboolean
lede_ner_trivially_outside (const LedeNerInfo *info, guint i, guint8 prev)
{
  gboolean open = prev != 0 && (LEDE_NER_LABEL_POS (prev) == LEDE_NER_B
                                || LEDE_NER_LABEL_POS (prev) == LEDE_NER_I);

  return !open && (info[i].flags & LEDE_NER_F_PLAIN) && info[i].gaz_mask == 0;
}

gboolean
lede_ner_transition_ok (guint8 prev, guint8 label, gboolean last)
{
  gboolean open = prev != 0 && (LEDE_NER_LABEL_POS (prev) == LEDE_NER_B
                                || LEDE_NER_LABEL_POS (prev) == LEDE_NER_I);

  if (last && label != 0 && (LEDE_NER_LABEL_POS (label) == LEDE_NER_B
                             || LEDE_NER_LABEL_POS (label) == LEDE_NER_I))
    return FALSE;
  if (open)
    return label != 0 && LEDE_NER_LABEL_TYPE (label) == LEDE_NER_LABEL_TYPE (prev)
           && (LEDE_NER_LABEL_POS (label) == LEDE_NER_I || LEDE_NER_LABEL_POS (label) == LEDE_NER_L);
  return label == 0 || LEDE_NER_LABEL_POS (label) == LEDE_NER_B
         || LEDE_NER_LABEL_POS (label) == LEDE_NER_U;
}

guint8
lede_ner_best_label (const float *scores, guint8 prev, gboolean last)
{
  guint8 best = 255;

  for (guint8 l = 0; l < LEDE_NER_N_LABELS; l++)
    if (lede_ner_transition_ok (prev, l, last) && (best == 255 || scores[l] > scores[best]))
      best = l;
  return best;
}

void
lede_ner_decode (const LedeNerInfo *info, guint n, guint pass, const guint8 *pass1,
                 const LedeNerHistory *history, LedeNerScoreFunc score, gconstpointer weights,
                 guint8 *labels)
{
  guint32 features[LEDE_NER_MAX_FEATURES];
  float scores[LEDE_NER_N_LABELS];
  guint s0 = 0;

  while (s0 < n)
    {
      guint s1 = s0 + 1;

      while (s1 < n && !(info[s1].flags & LEDE_NER_F_SENT_START))
        s1++;
      for (guint i = s0; i < s1; i++)
        {
          guint nf;

          if (lede_ner_trivially_outside (info, i, i > s0 ? labels[i - 1] : 0))
            {
              labels[i] = 0;
              continue;
            }
          nf = lede_ner_features (info, n, i, s0, s1, labels, pass, pass1, history, features);
          score (weights, features, nf, scores);
          labels[i] = lede_ner_best_label (scores, i > s0 ? labels[i - 1] : 0, i + 1 == s1);
        }
      s0 = s1;
    }
}

/* ---- model ---- */

void
lede_ner_weights_score (gconstpointer data, const guint32 *features, guint n, float *scores)
{
  const LedeNerWeights *w = data;
  gint32 acc[LEDE_NER_N_LABELS] = { 0 };

  /* touch every slot first, so the cache misses overlap */
  for (guint f = 0; f < n; f++)
    __builtin_prefetch (&w->slots[features[f] & w->mask]);
  for (guint f = 0; f < n; f++)
    {
      guint32 key = features[f];

      for (guint32 slot = key & w->mask;; slot = (slot + 1) & w->mask)
        {
          const LedeNerSlot *s = &w->slots[slot];

          if (s->key == key)
            {
              for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
                acc[l] += s->w[l];
              break;
            }
          if (s->key == 0)
            break;
        }
    }
  for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
    scores[l] = (float) acc[l];
}

typedef struct {
  const guint8 *p, *end;
  gboolean ok;
} Reader;

static gconstpointer
take (Reader *r, gsize size)
{
  const guint8 *p = r->p;

  if (!r->ok || (gsize) (r->end - r->p) < size)
    {
      r->ok = FALSE;
      return NULL;
    }
  r->p += size;
  return p;
}

static guint32
take_u32 (Reader *r)
{
  guint32 v = 0;
  gconstpointer p = take (r, 4);

  if (p)
    memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

/* File layout (little-endian): magic, u32 n_labels, u32 gazetteer entries,
 * u64 keys[entries], u32 masks[entries], then per pass: u32 n_features,
 * u32 keys[n], i16 weights[n][n_labels]. */
gboolean
lede_ner_model_load (LedeNerModel *model, const guint8 *data, gsize len, GError **error)
{
  Reader r = { data, data + len, TRUE };
  gconstpointer magic = take (&r, 8);
  guint32 n_labels, entries;

  memset (model, 0, sizeof *model);
  if (magic == NULL || memcmp (magic, LEDE_NER_MAGIC, 8) != 0)
    goto bad;
  n_labels = take_u32 (&r);
  entries = take_u32 (&r);
  if (!r.ok || n_labels != LEDE_NER_N_LABELS || entries > G_MAXUINT32 / 4)
    goto bad;
  {
    const guint8 *k = take (&r, (gsize) entries * 8), *m = take (&r, (gsize) entries * 4);
    guint32 size = 1024;

    if (!r.ok)
      goto bad;
    while (size < 2 * entries)
      size *= 2;
    model->gaz.n = size;
    model->gaz.mask = size - 1;
    model->gaz.keys = g_new0 (guint64, size);
    model->gaz.masks = g_new (guint32, size);
    for (guint32 i = 0; i < entries; i++)
      {
        guint64 key;
        guint32 mask, slot;

        memcpy (&key, k + 8 * i, 8);
        memcpy (&mask, m + 4 * i, 4);
        key = GUINT64_FROM_LE (key);
        for (slot = (guint32) key & model->gaz.mask; model->gaz.keys[slot] != 0;
             slot = (slot + 1) & model->gaz.mask)
          ;
        model->gaz.keys[slot] = key;
        model->gaz.masks[slot] = GUINT32_FROM_LE (mask);
      }
  }
  for (guint p = 0; p < 2; p++)
    {
      LedeNerWeights *w = &model->pass[p];
      guint32 n = take_u32 (&r), size = 1024;
      const guint8 *keys, *weights;

      keys = take (&r, (gsize) n * 4);
      weights = take (&r, (gsize) n * LEDE_NER_N_LABELS * 2);
      if (!r.ok)
        goto bad;
      while (size < 2 * n)
        size *= 2;
      w->mask = size - 1;
      w->n_features = n;
      w->slots = g_new0 (LedeNerSlot, size);
      for (guint32 i = 0; i < n; i++)
        {
          guint32 key;
          guint32 slot;

          memcpy (&key, keys + 4 * i, 4);
          key = GUINT32_FROM_LE (key);
          for (slot = key & w->mask; w->slots[slot].key != 0; slot = (slot + 1) & w->mask)
            ;
          w->slots[slot].key = key;
          memcpy (w->slots[slot].w, weights + (gsize) i * LEDE_NER_N_LABELS * 2, LEDE_NER_N_LABELS * 2);
          for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
            w->slots[slot].w[l] = GINT16_FROM_LE (w->slots[slot].w[l]);
        }
    }
  return TRUE;

bad:
  lede_ner_model_clear (model);
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "corrupt entity model");
  return FALSE;
}

void
lede_ner_model_clear (LedeNerModel *model)
{
  lede_gazetteer_clear (&model->gaz);
  for (guint p = 0; p < 2; p++)
    {
      g_clear_pointer (&model->pass[p].slots, g_free);
    }
}

void
lede_ner_tag (const LedeNerModel *model, const LedeNerToken *tokens, guint n, guint8 *labels)
{
  g_autofree LedeNerInfo *info = NULL;
  g_autofree guint8 *pass1 = NULL;
  LedeNerHistory history;

  if (n == 0)
    return;
  info = g_new (LedeNerInfo, n);
  pass1 = g_new0 (guint8, n);
  lede_ner_prepare (&model->gaz, tokens, n, info);
  lede_ner_decode (info, n, 0, NULL, NULL, lede_ner_weights_score, &model->pass[0], pass1);
  lede_ner_history_init (&history, info, n, pass1);
  memset (labels, 0, n);
  lede_ner_decode (info, n, 1, pass1, &history, lede_ner_weights_score, &model->pass[1], labels);
  lede_ner_history_clear (&history);
}
