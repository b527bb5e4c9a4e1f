/* lede-entity-features.c — features, gazetteers, weights and Viterbi decoding
 * of the entity tagger, shared by the annotator and the trainer. */
#include "lede-entity-features.h"

#include <math.h>
#include <stdlib.h>
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
      guchar c = (guchar) s[i];

      /* inline ASCII lower-casing: this runs for every byte of every token */
      h ^= c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return mix64 (h);
}

guint64
lede_gazetteer_phrase_step (guint64 h, guint64 token_hash)
{
  return mix64 (h * G_GUINT64_CONSTANT (31) + token_hash + 1) | 1;  /* never 0 */
}

/* Robin Hood tables: a key's home slot is its hash scaled to the table size
 * (any size, not only powers of 2, so the load stays near 0.85). */
static inline guint32
home32 (guint32 key, guint32 size)
{
  return (guint32) (((guint64) key * size) >> 32);
}

static inline guint32
home64 (guint64 key, guint32 size)
{
  return home32 ((guint32) (key >> 32), size);
}

static inline guint32
displacement (guint32 home, guint32 slot, guint32 size)
{
  return slot >= home ? slot - home : slot + size - home;
}

guint32
lede_ner_table_size (guint n)
{
  return MAX (64, (guint32) ((guint64) n * 100 / 85) + 1);
}

guint32
lede_gazetteer_lookup (const LedeGazetteer *gaz, guint64 key)
{
  guint32 size = gaz->size;

  if (size == 0)
    return 0;
  for (guint32 slot = home64 (key, size), d = 0;; d++)
    {
      guint64 k = gaz->keys[slot];

      if (k == key)
        return gaz->masks[slot];
      /* a resident closer to its home than we are to ours: key is absent */
      if (k == 0 || displacement (home64 (k, size), slot, size) < d)
        return 0;
      if (++slot == size)
        slot = 0;
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

static gint
cmp_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

void
lede_gazetteer_from_builder (GHashTable *builder, guint64 **keys_out, guint32 **masks_out,
                             guint32 *size_out)
{
  guint n = g_hash_table_size (builder);
  guint32 size = lede_ner_table_size (n);
  guint64 *keys = g_new0 (guint64, size);
  guint32 *masks = g_new0 (guint32, size);
  g_autofree guint64 *sorted = g_new (guint64, MAX (n, 1));
  GHashTableIter iter;
  gpointer k;
  guint i = 0;

  /* sorted, so that the same entries give the same bytes */
  g_hash_table_iter_init (&iter, builder);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    sorted[i++] = *(guint64 *) k;
  qsort (sorted, n, sizeof (guint64), cmp_u64);
  for (i = 0; i < n; i++)
    {
      guint64 key = sorted[i];
      guint32 mask = GPOINTER_TO_UINT (g_hash_table_lookup (builder, &key));

      for (guint32 slot = home64 (key, size), d = 0;; d++)
        {
          guint32 e;

          if (keys[slot] == 0)
            {
              keys[slot] = key;
              masks[slot] = mask;
              break;
            }
          e = displacement (home64 (keys[slot], size), slot, size);
          if (e < d)
            {
              guint64 tk = keys[slot];
              guint32 tm = masks[slot];

              keys[slot] = key, masks[slot] = mask;
              key = tk, mask = tm, d = e;
            }
          if (++slot == size)
            slot = 0;
        }
    }
  *keys_out = keys;
  *masks_out = masks;
  *size_out = size;
}

LedeNerSlot *
lede_ner_weights_build (const guint32 *keys, const gint16 *rows, guint n, guint32 *size_out)
{
  guint32 size = lede_ner_table_size (n);
  LedeNerSlot *slots = g_new0 (LedeNerSlot, size);

  for (guint i = 0; i < n; i++)
    {
      LedeNerSlot x = { keys[i], { 0 }, 0 };

      memcpy (x.w, rows + (gsize) i * LEDE_NER_N_LABELS, sizeof x.w);
      for (guint32 slot = home32 (x.key, size), d = 0;; d++)
        {
          guint32 e;

          if (slots[slot].key == 0)
            {
              slots[slot] = x;
              break;
            }
          e = displacement (home32 (slots[slot].key, size), slot, size);
          if (e < d)
            {
              LedeNerSlot t = slots[slot];

              slots[slot] = x;
              x = t;
              d = e;
            }
          if (++slot == size)
            slot = 0;
        }
    }
  *size_out = size;
  return slots;
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
      f->text = t->text;
      f->len = t->len;
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
  if (gaz->size > 0)
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
                   guint pass, const guint8 *pass1, const LedeNerHistory *history,
                   guint32 *out)
{
  const LedeNerInfo *f = &info[i];
  guint k = 0;
  guint64 lw[5], sh[5];
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
  /* affixes are hashed here rather than in lede_ner_prepare: most tokens
   * are never scored */
  for (guint x = 0; x < 4; x++)
    {
      guint32 m = MIN (x + 1, f->len);

      out[k++] = feat (4 + x, hash_lower (f->text, m) + x * 7919 + 1);
      out[k++] = feat (8 + x, hash_lower (f->text + f->len - m, m) + x * 104729 + 2);
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

/* The word pairs with the label before it only through the label's kind:
 * O, one that leaves an entity open, or one that closes it. With the full
 * label it would be up to 17 lookups of rare words per token, as the decoder
 * scores the pairs of every label before a token; the shape pairs (few, so
 * their weights stay in cache) keep the full label. */
enum { PREV_KIND_O, PREV_KIND_OPEN, PREV_KIND_CLOSED, N_PREV_KINDS };

static inline guint
prev_kind (guint8 prev)
{
  if (prev == 0)
    return PREV_KIND_O;
  return LEDE_NER_LABEL_POS (prev) == LEDE_NER_B || LEDE_NER_LABEL_POS (prev) == LEDE_NER_I
         ? PREV_KIND_OPEN : PREV_KIND_CLOSED;
}

static inline guint32
word_pair_feature (const LedeNerInfo *info, guint i, guint kind)
{
  return feat (35, kind * G_GUINT64_CONSTANT (1000003) + info[i].lower);
}

static inline void
shape_pair_features (const LedeNerInfo *info, guint i, guint s1, guint8 prev, guint32 *out)
{
  guint64 next_shape = i + 1 < s1 ? info[i + 1].shape : PAD_AFTER;

  out[0] = feat (32, prev * G_GUINT64_CONSTANT (1000003) + info[i].shape);
  out[1] = feat (34, prev * G_GUINT64_CONSTANT (1000003) + next_shape);
}

guint
lede_ner_pair_features (const LedeNerInfo *info, guint i, guint s1, guint8 prev, guint32 *out)
{
  shape_pair_features (info, i, s1, prev, out);
  out[2] = word_pair_feature (info, i, prev_kind (prev));
  return 3;
}

guint32
lede_ner_transition_feature (guint8 prev)
{
  return feat (30, prev);
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

void
lede_ner_transitions (LedeNerScoreFunc score, gconstpointer weights,
                      float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS])
{
  for (guint8 p = 0; p < LEDE_NER_N_LABELS; p++)
    {
      guint32 t = lede_ner_transition_feature (p);

      score (weights, &t, 1, trans[p]);
    }
}

/* sentences up to this long decode on the stack */
#define VITERBI_STACK_TOKENS 64
/* the longest stretch decoded as one sequence */
#define VITERBI_MAX_TOKENS 256

void
lede_ner_viterbi (const LedeNerInfo *info, guint n, guint s0, guint s1, guint pass,
                  const guint8 *pass1, const LedeNerHistory *history, LedeNerScoreFunc score,
                  gconstpointer weights, float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS],
                  guint8 *labels, gboolean *scored)
{
  guint m = s1 - s0;
  float delta_stack[(VITERBI_STACK_TOKENS + 1) * LEDE_NER_N_LABELS];
  guint8 back_stack[VITERBI_STACK_TOKENS * LEDE_NER_N_LABELS];
  g_autofree float *delta_heap = NULL;
  g_autofree guint8 *back_heap = NULL;
  float *delta = delta_stack;
  guint8 *back = back_stack;
  guint32 features[LEDE_NER_MAX_FEATURES], pair[2];
  float emit[LEDE_NER_N_LABELS], pair_scores[LEDE_NER_N_LABELS];
  float word_pair[N_PREV_KINDS][LEDE_NER_N_LABELS];
  float *prev_row;
  static gsize once = 0;
  /* the labels that may follow each label (the BILOU constraints), not
   * last / last in the sentence: filled once, read-only after */
  static guint8 follow[2][LEDE_NER_N_LABELS][LEDE_NER_N_LABELS];
  static guint8 n_follow[2][LEDE_NER_N_LABELS];

  if (m > VITERBI_STACK_TOKENS)
    {
      delta = delta_heap = g_new (float, (gsize) (m + 1) * LEDE_NER_N_LABELS);
      back = back_heap = g_new (guint8, (gsize) m * LEDE_NER_N_LABELS);
    }
  prev_row = delta;
  if (g_once_init_enter (&once))
    {
      for (guint last = 0; last < 2; last++)
        for (guint8 p = 0; p < LEDE_NER_N_LABELS; p++)
          for (guint8 l = 0; l < LEDE_NER_N_LABELS; l++)
            if (lede_ner_transition_ok (p, l, last))
              follow[last][p][n_follow[last][p]++] = l;
      g_once_init_leave (&once, 1);
    }
  /* row 0: before the sentence, only O */
  for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
    prev_row[l] = l == 0 ? 0 : -INFINITY;
  for (guint i = s0; i < s1; i++)
    {
      float *row = delta + (gsize) (i - s0 + 1) * LEDE_NER_N_LABELS;
      guint8 *bk = back + (gsize) (i - s0) * LEDE_NER_N_LABELS;
      gboolean last = i + 1 == s1;
      guint8 top = 0, live[LEDE_NER_N_LABELS];
      guint nf, n_live = 0;
      gboolean have_word_pair[N_PREV_KINDS] = { FALSE };

      /* the labels alive before token i, and the best of them; after an
       * unscored token only O is alive */
      if (i > s0 && !scored[i - 1])
        live[n_live++] = 0;
      else
        for (guint8 p = 0; p < LEDE_NER_N_LABELS; p++)
          if (prev_row[p] > -INFINITY)
            {
              live[n_live++] = p;
              if (prev_row[p] > prev_row[top])
                top = p;
            }
      /* a plain token continues an entity only when the best label before
       * it leaves one open, as in greedy decoding: the lattice stays thin
       * over lower-case text */
      for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
        row[l] = -INFINITY;
      scored[i] = !lede_ner_trivially_outside (info, i, top);
      if (!scored[i])
        {
          /* O, unscored, after the best label */
          row[0] = prev_row[top];
          bk[0] = top;
          prev_row = row;
          continue;
        }
      nf = lede_ner_features (info, n, i, s0, s1, pass, pass1, history, features);
      score (weights, features, nf, emit);
      for (guint x = 0; x < n_live; x++)
        {
          guint8 p = live[x];
          guint kind = prev_kind (p);

          /* the word pair's weights once per kind of label before */
          if (!have_word_pair[kind])
            {
              guint32 wf = word_pair_feature (info, i, kind);

              score (weights, &wf, 1, word_pair[kind]);
              have_word_pair[kind] = TRUE;
            }
          shape_pair_features (info, i, s1, p, pair);
          score (weights, pair, 2, pair_scores);
          /* small integers in tagging: the sum is exact, as one score call's */
          for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
            pair_scores[l] += word_pair[kind][l];
          for (guint y = 0; y < n_follow[last][p]; y++)
            {
              guint8 l = follow[last][p][y];
              float v = prev_row[p] + emit[l] + trans[p][l] + pair_scores[l];

              if (v > row[l])
                row[l] = v, bk[l] = p;
            }
        }
      prev_row = row;
    }
  {
    guint8 best = 0;

    for (guint8 l = 1; l < LEDE_NER_N_LABELS; l++)
      if (prev_row[l] > prev_row[best])
        best = l;
    for (guint i = s1; i-- > s0;)
      {
        labels[i] = best;
        best = back[(gsize) (i - s0) * LEDE_NER_N_LABELS + best];
      }
  }
}

void
lede_ner_decode (const LedeNerInfo *info, guint n, guint pass, const guint8 *pass1,
                 const LedeNerHistory *history, LedeNerScoreFunc score, gconstpointer weights,
                 guint8 *labels)
{
  g_autofree gboolean *scored = g_new (gboolean, MAX (n, 1));
  float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS];
  guint s0 = 0;

  lede_ner_transitions (score, weights, trans);
  while (s0 < n)
    {
      guint s1 = s0 + 1;

      /* a run-on "sentence" is decoded in windows, so the lattice stays small
       * (no training sentence comes near this length) */
      while (s1 < n && s1 - s0 < VITERBI_MAX_TOKENS && !(info[s1].flags & LEDE_NER_F_SENT_START))
        s1++;
      lede_ner_viterbi (info, n, s0, s1, pass, pass1, history, score, weights, trans, labels,
                        scored);
      s0 = s1;
    }
}

/* ---- model ---- */

void
lede_ner_weights_score (gconstpointer data, const guint32 *features, guint n, float *scores)
{
  const LedeNerWeights *w = data;
  guint32 size = w->size;
  gint32 acc[LEDE_NER_N_LABELS] = { 0 };

  /* touch every home slot first, so the cache misses overlap */
  for (guint f = 0; f < n; f++)
    __builtin_prefetch (&w->slots[home32 (features[f], size)]);
  for (guint f = 0; f < n; f++)
    {
      guint32 key = features[f];

      for (guint32 slot = home32 (key, size), d = 0;; d++)
        {
          const LedeNerSlot *s = &w->slots[slot];

          if (s->key == key)
            {
              /* 16 + 1, so that the compiler vectorizes the 16 */
              for (guint l = 0; l < 16; l++)
                acc[l] += s->w[l];
              acc[16] += s->w[16];
              break;
            }
          if (s->key == 0 || displacement (home32 (s->key, size), slot, size) < d)
            break;
          if (++slot == size)
            slot = 0;
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

G_STATIC_ASSERT (sizeof (LedeNerSlot) == 40);
G_STATIC_ASSERT (LEDE_NER_N_LABELS == 17);

#if G_BYTE_ORDER == G_BIG_ENDIAN
/* The file is little-endian; a big-endian host swaps a private copy once. */
static void
swap_tables (LedeNerModel *model)
{
  guint64 *keys = (guint64 *) model->gaz.keys;
  guint32 *masks = (guint32 *) model->gaz.masks;

  for (guint32 i = 0; i < model->gaz.size; i++)
    {
      keys[i] = GUINT64_FROM_LE (keys[i]);
      masks[i] = GUINT32_FROM_LE (masks[i]);
    }
  for (guint p = 0; p < 2; p++)
    for (guint32 i = 0; i < model->pass[p].size; i++)
      {
        LedeNerSlot *s = (LedeNerSlot *) &model->pass[p].slots[i];

        s->key = GUINT32_FROM_LE (s->key);
        for (guint l = 0; l < LEDE_NER_N_LABELS; l++)
          s->w[l] = GINT16_FROM_LE (s->w[l]);
      }
}
#endif

/* File layout (little-endian, every table 8-byte aligned): magic, u32
 * n_labels, u32 gazetteer size; u64 keys[size], u32 masks[size], padding to
 * 8; then per pass: u32 size, u32 0, LedeNerSlot slots[size]. */
gboolean
lede_ner_model_load (LedeNerModel *model, GBytes *bytes, GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  Reader r;
  gconstpointer magic;
  guint32 n_labels, size;

  memset (model, 0, sizeof *model);
  /* the tables are read in place: they need their natural alignment */
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN || ((guintptr) data & 7) != 0)
    model->bytes = g_bytes_new_take (g_memdup2 (data, len), len);
  else
    model->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (model->bytes, &len);
  r = (Reader) { data, data + len, TRUE };
  magic = take (&r, 8);
  if (magic == NULL || memcmp (magic, LEDE_NER_MAGIC, 8) != 0)
    goto bad;
  n_labels = take_u32 (&r);
  size = take_u32 (&r);
  if (!r.ok || n_labels != LEDE_NER_N_LABELS || size > len / 12)
    goto bad;
  model->gaz.size = size;
  model->gaz.keys = take (&r, (gsize) size * 8);
  model->gaz.masks = take (&r, (gsize) size * 4);
  take (&r, (gsize) (r.p - data) % 8 ? 8 - (gsize) (r.p - data) % 8 : 0);
  for (guint p = 0; p < 2; p++)
    {
      size = take_u32 (&r);
      take_u32 (&r);
      if (size == 0 || size > len / sizeof (LedeNerSlot))
        goto bad;
      model->pass[p].size = size;
      model->pass[p].slots = take (&r, (gsize) size * sizeof (LedeNerSlot));
    }
  if (!r.ok || r.p != r.end)
    goto bad;
#if G_BYTE_ORDER == G_BIG_ENDIAN
  swap_tables (model);
#endif
  return TRUE;

bad:
  lede_ner_model_clear (model);
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "corrupt entity model");
  return FALSE;
}

void
lede_ner_model_clear (LedeNerModel *model)
{
  g_clear_pointer (&model->bytes, g_bytes_unref);
  memset (model, 0, sizeof *model);
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
