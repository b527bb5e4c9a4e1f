/* lede-entity-features.h — the named-entity tagger's features, gazetteers,
 * weights and decoder: the one piece of code shared by the annotator
 * (lede-entities.c) and the trainer (training/lede-train-ner.c), so training
 * and tagging can never disagree.
 *
 * The tagger is a first-order structured averaged perceptron (Viterbi over
 * BILOU labels of the four CoNLL-2003 classes), run in two passes: the second pass sees the
 * first pass's labels of the whole document (the label each word got
 * elsewhere in the article: Ratinov & Roth's "extended prediction history"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum { LEDE_NER_PER, LEDE_NER_ORG, LEDE_NER_LOC, LEDE_NER_MISC, LEDE_NER_N_TYPES };

/* label 0 is O; then 1 + type * 4 + (B, I, L, U) */
#define LEDE_NER_N_LABELS (1 + 4 * LEDE_NER_N_TYPES)
enum { LEDE_NER_B, LEDE_NER_I, LEDE_NER_L, LEDE_NER_U };
#define LEDE_NER_LABEL(type, pos) ((guint8) (1 + (type) * 4 + (pos)))
#define LEDE_NER_LABEL_TYPE(l)    (((l) - 1) / 4)
#define LEDE_NER_LABEL_POS(l)     (((l) - 1) % 4)

/* Gazetteer kinds: one bit each in a phrase's mask. */
enum {
  LEDE_GAZ_COUNTRY, LEDE_GAZ_SUBDIVISION, LEDE_GAZ_CITY, LEDE_GAZ_LANGUAGE,
  LEDE_GAZ_CURRENCY, LEDE_GAZ_FIRSTNAME, LEDE_GAZ_WN_PERSON, LEDE_GAZ_WN_LOCATION,
  LEDE_GAZ_WN_GROUP, LEDE_GAZ_WN_EVENT, LEDE_GAZ_WN_ARTIFACT, LEDE_GAZ_DEMONYM,
  LEDE_GAZ_N_KINDS
};
#define LEDE_GAZ_PREFIX (1u << 31)   /* the phrase goes on: a longer entry starts so */
#define LEDE_GAZ_MAX_TOKENS 8

/* the file names (without ".txt") of the kinds, in order */
extern const char *const lede_gaz_kind_names[LEDE_GAZ_N_KINDS];

/* The model's tables are Robin Hood hash tables (linear probing, entries
 * ordered by their distance from home, so a lookup of an absent key stops
 * early) at a load of about 0.85. The trainer builds them and writes them
 * as they lie in memory, so loading uses them in place from the GResource
 * bytes: no per-entry work, and pages are touched only as they are needed. */

/* 64-bit phrase hash → kind mask. */
typedef struct {
  const guint64 *keys;     /* 0 = empty */
  const guint32 *masks;
  guint32        size;
} LedeGazetteer;

/* One slot of a pass's table: the feature id and its weights side by side,
 * so a lookup touches one cache line. */
typedef struct {
  guint32 key;       /* 0 = empty */
  gint16  w[LEDE_NER_N_LABELS];
  gint16  pad;
} LedeNerSlot;

/* Weights of one pass: feature id → row of LEDE_NER_N_LABELS int16. */
typedef struct {
  const LedeNerSlot *slots;
  guint32            size;
} LedeNerWeights;

typedef struct _LedeNerModel {
  LedeGazetteer  gaz;
  LedeNerWeights pass[2];
  GBytes        *bytes;    /* what the tables point into */
} LedeNerModel;

/* One token as the tagger sees it. */
typedef struct {
  const char *text;
  guint32     len;
  gboolean    sentence_start;
} LedeNerToken;

/* What the tagger derives once per token of a document. */
typedef struct {
  const char *text;                /* the token, for its prefixes and suffixes */
  guint32 len;
  guint64 word, lower, shape;
  guint8  gaz[LEDE_GAZ_N_KINDS];   /* 0 none, else 1 + B/I/L/U of the longest match */
  guint32 gaz_mask;                /* kinds whose match covers the token */
  guint8  flags;
} LedeNerInfo;

enum {
  LEDE_NER_F_CAP        = 1 << 0,  /* starts with an upper-case letter */
  LEDE_NER_F_SENT_START = 1 << 1,
  LEDE_NER_F_LOWER_SEEN = 1 << 2,  /* the same word appears all lower case in the document */
  LEDE_NER_F_CAPS_SENT  = 1 << 3,  /* the sentence is written in capitals (a headline) */
  LEDE_NER_F_PLAIN      = 1 << 4,  /* starts with a lower-case letter, or has no letter */
};

#define LEDE_NER_MAX_FEATURES 96

/* Per-document history of the first pass, for the second. */
typedef struct {
  GHashTable *by_word;   /* word hash → guint32[LEDE_NER_N_TYPES + 1] counts (O last) */
} LedeNerHistory;

typedef void (*LedeNerScoreFunc) (gconstpointer weights, const guint32 *features, guint n,
                                  float *scores);

guint64  lede_ner_hash                (const char *s, gsize len);
guint32  lede_gazetteer_lookup        (const LedeGazetteer *gaz, guint64 phrase_hash);
guint64  lede_gazetteer_phrase_step   (guint64 h, guint64 token_hash);

/* Table building (trainer). */
guint32  lede_ner_table_size          (guint n);
GHashTable *lede_gazetteer_builder_new  (void);
void     lede_gazetteer_builder_add_file (GHashTable *builder, const char *text, guint kind);
/* fills keys[size] and masks[size], allocated, of lede_ner_table_size () */
void     lede_gazetteer_from_builder     (GHashTable *builder, guint64 **keys, guint32 **masks,
                                          guint32 *size);
/* slots[lede_ner_table_size (n)] from n keys (none 0) and their n rows */
LedeNerSlot *lede_ner_weights_build   (const guint32 *keys, const gint16 *rows, guint n,
                                       guint32 *size);

/* Per-token information for a document of n tokens. */
void     lede_ner_prepare             (const LedeGazetteer *gaz, const LedeNerToken *tokens,
                                       guint n, LedeNerInfo *info);

void     lede_ner_history_init        (LedeNerHistory *h, const LedeNerInfo *info, guint n,
                                       const guint8 *labels);
void     lede_ner_history_clear       (LedeNerHistory *h);

/* The features of token i (pass 0 or 1) that do not depend on the labels;
 * returns how many it wrote to features. */
guint    lede_ner_features            (const LedeNerInfo *info, guint n, guint i,
                                       guint sentence_start, guint sentence_end, guint pass,
                                       const guint8 *pass1, const LedeNerHistory *history,
                                       guint32 *features);
/* The 3 features of token i that pair it with the label prev before it. */
guint    lede_ner_pair_features       (const LedeNerInfo *info, guint i, guint sentence_end,
                                       guint8 prev, guint32 *features);
/* The feature whose weights score the transitions from prev. */
guint32  lede_ner_transition_feature  (guint8 prev);

/* A plain token (lower case or letterless, in no gazetteer) outside an open
 * entity is O without scoring: entities start with a capital or a digit
 * so rarely that the tagger skips them, in training as in tagging, which
 * spares most of the weight lookups of news text. */
gboolean lede_ner_trivially_outside   (const LedeNerInfo *info, guint i, guint8 prev);

/* whether label may follow prev (0 = O at a sentence start) */
gboolean lede_ner_transition_ok       (guint8 prev, guint8 label, gboolean last);

/* Viterbi decoding of the sentence [s0, s1) into labels[s0..s1): the best
 * sequence under emission, transition and label-pair scores, the lattice
 * thinned for speed: a plain token is O unscored unless the best label
 * before it leaves an entity open (then only O is alive after it); a scored
 * token's pair features are scored with every label alive before it.
 * scored[i] says whether token i was scored. Training decodes the same way,
 * so it learns under the same thinning. */
void     lede_ner_viterbi             (const LedeNerInfo *info, guint n, guint s0, guint s1,
                                       guint pass, const guint8 *pass1,
                                       const LedeNerHistory *history, LedeNerScoreFunc score,
                                       gconstpointer weights,
                                       float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS],
                                       guint8 *labels, gboolean *scored);
/* trans[prev][label]: the transition scores of the weights, for lede_ner_viterbi */
void     lede_ner_transitions         (LedeNerScoreFunc score, gconstpointer weights,
                                       float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS]);
/* Every sentence of the document. */
void     lede_ner_decode              (const LedeNerInfo *info, guint n, guint pass,
                                       const guint8 *pass1, const LedeNerHistory *history,
                                       LedeNerScoreFunc score, gconstpointer weights,
                                       guint8 *labels);

/* Model: uses the bytes the trainer writes in place (keeping a reference). */
gboolean lede_ner_model_load          (LedeNerModel *model, GBytes *bytes, GError **error);
void     lede_ner_model_clear         (LedeNerModel *model);
void     lede_ner_weights_score       (gconstpointer weights, const guint32 *features, guint n,
                                       float *scores);

/* Both passes over a document: labels[n] */
void     lede_ner_tag                 (const LedeNerModel *model, const LedeNerToken *tokens,
                                       guint n, guint8 *labels);

#define LEDE_NER_MAGIC "LEDENER2"

G_END_DECLS
