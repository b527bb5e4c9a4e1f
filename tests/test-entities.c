/* test-entities.c — named entities, titles and media flags through the whole
 * pipeline: hard cases written here, and the sample article read from
 * ../shared/data (skipped where it is absent). */
#include "lede-private.h"
#include "lede-test-sample.h"
#include "lede-entity-features.h"

#include <string.h>

static LedeModel *model;

static LedeDoc *
annotate (const char *text)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc = lede_pipeline_run (model, &model->defaults, text, strlen (text), NULL, TRUE,
                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc->mentions);
  return doc;
}

/* the entity whose canonical text is name, or NULL */
static const LedeEntity *
find_entity (const LedeDoc *doc, const char *name)
{
  for (guint e = 0; e < doc->entities->len; e++)
    {
      const LedeEntity *ent = &g_array_index (doc->entities, LedeEntity, e);
      const LedeMention *c = &g_array_index (doc->mentions, LedeMention, ent->canonical);

      if (c->end - c->start == strlen (name) && memcmp (doc->text + c->start, name, strlen (name)) == 0)
        return ent;
    }
  return NULL;
}

static void
assert_entity (const LedeDoc *doc, const char *name, LedeEntityType type, gboolean media)
{
  const LedeEntity *e = find_entity (doc, name);

  if (e == NULL)
    g_error ("no entity \"%s\"", name);
  if (e->type != type)
    g_error ("\"%s\" is %s, not %s", name, lede_entity_type_to_string (e->type),
             lede_entity_type_to_string (type));
  g_assert_cmpint (e->media, ==, media);
}

/* a title with this text linked to the entity named person */
static const LedeTitle *
find_title (const LedeDoc *doc, const char *text, const char *person)
{
  const LedeEntity *e = find_entity (doc, person);

  g_assert_nonnull (e);
  for (guint t = 0; t < doc->titles->len; t++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

      if (x->mention >= 0 && x->end - x->start == strlen (text)
          && memcmp (doc->text + x->start, text, strlen (text)) == 0
          && &g_array_index (doc->entities, LedeEntity,
                             g_array_index (doc->mentions, LedeMention, x->mention).entity) == e)
        return x;
    }
  g_error ("no title \"%s\" for %s", text, person);
  return NULL;
}

static void
assert_span (const LedeDoc *doc, LedeSpan span, const char *text)
{
  g_assert_true (LEDE_SPAN_IS_SET (span));
  g_assert_cmpuint (span.end - span.start, ==, strlen (text));
  g_assert_true (memcmp (doc->text + span.start, text, strlen (text)) == 0);
}

static void
test_titles (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "German Chancellor Olaf Scholz met acting Prime Minister Mark Rutte in Berlin on Monday. "
    "Scholz, the former Finance Minister, told Reuters that the talks went well.\n");
  const LedeTitle *t;

  assert_entity (doc, "Olaf Scholz", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Mark Rutte", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Berlin", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "Reuters", LEDE_ENTITY_ORG, TRUE);
  t = find_title (doc, "German Chancellor", "Olaf Scholz");
  g_assert_false (t->former);
  assert_span (doc, t->country, "German");
  t = find_title (doc, "acting Prime Minister", "Mark Rutte");
  g_assert_true (t->acting);
  t = find_title (doc, "former Finance Minister", "Olaf Scholz");
  g_assert_true (t->former);
}

/* A role the tagger takes into a full name, because the word is also a
 * first name ("Mayor"), is the person's title. */
static void
test_role_in_name (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "Mayor Joan Whitaker said the pier would reopen. "
    "Chief Justice Ruth Okafor wrote the ruling.\n");

  assert_entity (doc, "Joan Whitaker", LEDE_ENTITY_PERSON, FALSE);
  find_title (doc, "Mayor", "Joan Whitaker");
  assert_entity (doc, "Ruth Okafor", LEDE_ENTITY_PERSON, FALSE);
  find_title (doc, "Chief Justice", "Ruth Okafor");
}

static void
test_refinement (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "Thousands of Russians marched from Heathrow Airport to the River Thames, "
    "the New York Times reported, ahead of the 2024 Summer Olympics in Paris.\n");

  assert_entity (doc, "Russians", LEDE_ENTITY_NORP, FALSE);
  assert_entity (doc, "Heathrow Airport", LEDE_ENTITY_FAC, FALSE);
  assert_entity (doc, "Paris", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "New York Times", LEDE_ENTITY_ORG, TRUE);
}

static void
test_grouping (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "Angela Merkel arrived in Paris. Merkel said the talks with Emmanuel Macron were "
    "useful, and Macron agreed.\n");
  const LedeEntity *merkel = find_entity (doc, "Angela Merkel");
  guint n = 0;

  g_assert_nonnull (merkel);
  for (guint m = 0; m < doc->mentions->len; m++)
    if (&g_array_index (doc->entities, LedeEntity,
                        g_array_index (doc->mentions, LedeMention, m).entity) == merkel)
      n++;
  g_assert_cmpuint (n, ==, 2);
  g_assert_null (find_entity (doc, "Merkel"));
  g_assert_null (find_entity (doc, "Macron"));
}

static void
test_sample_article (void)
{
  g_autofree char *text = lede_test_read_sample (NULL);
  g_autoptr(LedeDoc) doc = NULL;
  const LedeTitle *t;

  if (text == NULL)
    return;
  doc = annotate (text);
  assert_entity (doc, "Xi Jinping", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Dmitry Medvedev", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Volodymyr Zelensky", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Vladimir Putin", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Chen Chengliang", LEDE_ENTITY_PERSON, FALSE);
  assert_entity (doc, "Reuters", LEDE_ENTITY_ORG, TRUE);
  assert_entity (doc, "Xinhua News Agency", LEDE_ENTITY_ORG, TRUE);
  assert_entity (doc, "Wall Street Journal", LEDE_ENTITY_ORG, TRUE);
  assert_entity (doc, "CPC Central Committee", LEDE_ENTITY_ORG, FALSE);
  assert_entity (doc, "Russian Federation Security Council", LEDE_ENTITY_ORG, FALSE);
  assert_entity (doc, "Diaoyutai State Guesthouse", LEDE_ENTITY_FAC, FALSE);
  assert_entity (doc, "Beijing", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "United States", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "Russia", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "China", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "Ukraine", LEDE_ENTITY_GPE, FALSE);
  assert_entity (doc, "Sino-Russian", LEDE_ENTITY_NORP, FALSE);
  assert_entity (doc, "Russian", LEDE_ENTITY_NORP, FALSE);
  assert_entity (doc, "Chinese", LEDE_ENTITY_NORP, FALSE);
  assert_entity (doc, "Western", LEDE_ENTITY_NORP, FALSE);
  assert_entity (doc, "20th CPC National Congress", LEDE_ENTITY_EVENT, FALSE);

  t = find_title (doc, "Chinese President", "Xi Jinping");
  assert_span (doc, t->country, "Chinese");
  t = find_title (doc, "former Russian President", "Dmitry Medvedev");
  g_assert_true (t->former);
  t = find_title (doc, "Vice Chairman of the Russian Federation Security Council", "Dmitry Medvedev");
  g_assert_false (t->former);
  assert_span (doc, t->org, "Russian Federation Security Council");
  find_title (doc, "Ukrainian President", "Volodymyr Zelensky");
  find_title (doc, "President", "Vladimir Putin");
}

/* Weights for the decoder tests: feature → one label's weight. */
typedef struct {
  guint32 feature;
  guint8  label;
  float   weight;
} TestWeight;

static void
test_weights_score (gconstpointer data, const guint32 *features, guint n, float *scores)
{
  const GArray *weights = data;

  memset (scores, 0, sizeof (float) * LEDE_NER_N_LABELS);
  for (guint f = 0; f < n; f++)
    for (guint w = 0; w < weights->len; w++)
      {
        const TestWeight *x = &g_array_index (weights, TestWeight, w);

        if (x->feature == features[f])
          scores[x->label] += x->weight;
      }
}

static void
add_weight (GArray *weights, guint32 feature, guint8 label, float weight)
{
  TestWeight x = { feature, label, weight };

  g_array_append_val (weights, x);
}

/* The pair features of a token are scored with every label alive before it,
 * not only the best few: here the label that only the fifth best label
 * before the second token leads to wins by its pair weight. */
static void
test_viterbi_pairs (void)
{
  LedeNerToken tokens[] = { { "Aaa", 3, TRUE }, { "Bbb", 3, FALSE } };
  LedeGazetteer no_gazetteer = { 0 };
  LedeNerInfo info[2];
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (TestWeight));
  float trans[LEDE_NER_N_LABELS][LEDE_NER_N_LABELS];
  guint8 labels[2];
  gboolean scored[2];
  guint32 pair[3], start = lede_ner_transition_feature (0);
  guint8 u_misc = LEDE_NER_LABEL (LEDE_NER_MISC, LEDE_NER_U);

  lede_ner_prepare (&no_gazetteer, tokens, 2, info);
  /* before the second token: U-PER 4, U-ORG 3, U-LOC 2, O 1, U-MISC 0.5 */
  add_weight (weights, start, LEDE_NER_LABEL (LEDE_NER_PER, LEDE_NER_U), 4);
  add_weight (weights, start, LEDE_NER_LABEL (LEDE_NER_ORG, LEDE_NER_U), 3);
  add_weight (weights, start, LEDE_NER_LABEL (LEDE_NER_LOC, LEDE_NER_U), 2);
  add_weight (weights, start, 0, 1);
  add_weight (weights, start, u_misc, 0.5f);
  for (guint t = 0; t < LEDE_NER_N_TYPES; t++)
    add_weight (weights, start, LEDE_NER_LABEL (t, LEDE_NER_B), -100);
  /* the second token's shape after U-MISC says U-MISC */
  lede_ner_pair_features (info, 1, 2, u_misc, pair);
  add_weight (weights, pair[0], u_misc, 10);

  lede_ner_transitions (test_weights_score, weights, trans);
  lede_ner_viterbi (info, 2, 0, 2, 0, NULL, NULL, test_weights_score, weights, trans, labels,
                    scored);
  g_assert_true (scored[0] && scored[1]);
  g_assert_cmpuint (labels[0], ==, u_misc);
  g_assert_cmpuint (labels[1], ==, u_misc);
}

/* The word pairs with the kind of the label before it (O, open, closed);
 * the shape pairs with the label itself. */
static void
test_pair_features (void)
{
  LedeNerToken tokens[] = { { "Aaa", 3, TRUE }, { "said", 4, FALSE } };
  LedeGazetteer no_gazetteer = { 0 };
  LedeNerInfo info[2];
  guint32 u_per[3], l_org[3], b_per[3], i_loc[3], o[3];

  lede_ner_prepare (&no_gazetteer, tokens, 2, info);
  g_assert_cmpuint (lede_ner_pair_features (info, 1, 2, LEDE_NER_LABEL (LEDE_NER_PER, LEDE_NER_U), u_per), ==, 3);
  lede_ner_pair_features (info, 1, 2, LEDE_NER_LABEL (LEDE_NER_ORG, LEDE_NER_L), l_org);
  lede_ner_pair_features (info, 1, 2, LEDE_NER_LABEL (LEDE_NER_PER, LEDE_NER_B), b_per);
  lede_ner_pair_features (info, 1, 2, LEDE_NER_LABEL (LEDE_NER_LOC, LEDE_NER_I), i_loc);
  lede_ner_pair_features (info, 1, 2, 0, o);
  /* closed labels share the word pair, open ones share another, O a third */
  g_assert_cmpuint (u_per[2], ==, l_org[2]);
  g_assert_cmpuint (b_per[2], ==, i_loc[2]);
  g_assert_cmpuint (u_per[2], !=, b_per[2]);
  g_assert_cmpuint (o[2], !=, u_per[2]);
  g_assert_cmpuint (o[2], !=, b_per[2]);
  /* the shape pairs keep the label */
  g_assert_cmpuint (u_per[0], !=, l_org[0]);
  g_assert_cmpuint (u_per[1], !=, l_org[1]);
}

/* The model is used in place from its bytes: a truncated or foreign file is
 * refused, and bytes that are not 8-byte aligned still load (from a copy). */
static void
test_model_bytes (void)
{
  g_autoptr(GBytes) bytes = lede_model_resource ("ner-model.bin", NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *shifted = g_malloc (len + 1);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (bytes, 0, len - 8);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("LEDENER2\x11\0\0\0\xff\xff\xff\xff", 16);
  g_autoptr(GBytes) odd = NULL;
  LedeNerModel ner;
  GError *error = NULL;

  g_assert_false (lede_ner_model_load (&ner, truncated, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_false (lede_ner_model_load (&ner, garbage, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);

  memcpy (shifted + 1, data, len);
  odd = g_bytes_new_static (shifted + 1, len);
  g_assert_true (lede_ner_model_load (&ner, odd, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (((guintptr) ner.pass[0].slots) % 8, ==, 0);
  lede_ner_model_clear (&ner);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  model = lede_model_new (&error);
  g_assert_no_error (error);
  g_test_add_func ("/entities/titles", test_titles);
  g_test_add_func ("/entities/role-in-name", test_role_in_name);
  g_test_add_func ("/entities/refinement", test_refinement);
  g_test_add_func ("/entities/grouping", test_grouping);
  g_test_add_func ("/entities/sample-article", test_sample_article);
  g_test_add_func ("/entities/model-bytes", test_model_bytes);
  g_test_add_func ("/entities/viterbi-pairs", test_viterbi_pairs);
  g_test_add_func ("/entities/pair-features", test_pair_features);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
