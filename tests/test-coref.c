/* test-coref.c — the coref layer: names, titles used as names, acronyms,
 * class nouns and pronouns joined into entities; roles, relations, salience;
 * quote sources resolved through it; bounded work on hostile input.
 *
 * The sentences are this test's own; the sample article is read from
 * ../shared/data when it is there. */
#include "lede-private.h"
#include "lede-test-helpers.h"
#include "lede-test-sample.h"

#include <string.h>

static LedeModel *model;

static LedeDoc *
annotate (const char *text, gsize len)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc = lede_pipeline_run (model, &model->defaults, text, len, NULL, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_nonnull (doc->references);
  g_assert_nonnull (doc->relations);
  return doc;
}

static gboolean
span_is (const LedeDoc *doc, guint32 start, guint32 end, const char *text)
{
  return end - start == strlen (text) && memcmp (doc->text + start, text, end - start) == 0;
}

static void
dump (const LedeDoc *doc)
{
  for (guint m = 0; m < doc->mentions->len; m++)
    {
      const LedeMention *x = &g_array_index (doc->mentions, LedeMention, m);

      g_test_message ("mention %.*s → E%u", (int) (x->end - x->start), doc->text + x->start,
                      x->entity + 1);
    }
  for (guint r = 0; r < doc->references->len; r++)
    {
      const LedeReference *x = &g_array_index (doc->references, LedeReference, r);

      g_test_message ("%s %.*s → E%u", lede_reference_kind_to_string (x->kind),
                      (int) (x->end - x->start), doc->text + x->start, x->entity + 1);
    }
}

/* The entity of the n-th named mention written text; fails when there is none. */
static gint32
named (const LedeDoc *doc, const char *text, guint nth)
{
  for (guint m = 0; m < doc->mentions->len; m++)
    {
      const LedeMention *x = &g_array_index (doc->mentions, LedeMention, m);

      if (span_is (doc, x->start, x->end, text) && nth-- == 0)
        return (gint32) x->entity;
    }
  dump (doc);
  g_test_message ("no mention \"%s\"", text);
  g_test_fail ();
  return -1;
}

/* The entity of the n-th reference (pronoun, title or nominal) written text,
 * or -1 when it was not resolved. */
static gint32
referred (const LedeDoc *doc, const char *text, guint nth, LedeReferenceKind kind)
{
  for (guint r = 0; r < doc->references->len; r++)
    {
      const LedeReference *x = &g_array_index (doc->references, LedeReference, r);

      if (span_is (doc, x->start, x->end, text) && nth-- == 0)
        {
          g_assert_cmpstr (lede_reference_kind_to_string (x->kind), ==,
                           lede_reference_kind_to_string (kind));
          return (gint32) x->entity;
        }
    }
  return -1;
}

static char *
canonical (const LedeDoc *doc, gint32 entity)
{
  const LedeMention *c;

  g_assert_cmpint (entity, >=, 0);
  c = &g_array_index (doc->mentions, LedeMention,
                      g_array_index (doc->entities, LedeEntity, entity).canonical);
  return g_strndup (doc->text + c->start, c->end - c->start);
}

static gboolean
related (const LedeDoc *doc, gint32 entity, gint32 other, const char *relation)
{
  for (guint r = 0; r < doc->relations->len; r++)
    {
      const LedeRelation *x = &g_array_index (doc->relations, LedeRelation, r);

      if ((gint32) x->entity == entity && (gint32) x->related == other
          && strcmp (x->relation, relation) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A title of the entity written text (a role), or NULL. */
static const LedeTitle *
role (const LedeDoc *doc, gint32 entity, const char *text)
{
  for (guint t = 0; t < doc->titles->len; t++)
    {
      const LedeTitle *x = &g_array_index (doc->titles, LedeTitle, t);

      if (x->entity == entity && x->end - x->start == strlen (text)
          && g_ascii_strncasecmp (doc->text + x->start, text, x->end - x->start) == 0)
        return x;
    }
  return NULL;
}

static void
test_names_titles_pronouns (void)
{
  const char *text =
    "German Chancellor Olaf Scholz arrived in Paris on Monday. Scholz met French President "
    "Emmanuel Macron in the afternoon. He said the talks had been useful.\n\n"
    "The German chancellor later flew to Rome, where the Italian government welcomed him.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 scholz = named (doc, "Olaf Scholz", 0);
  g_autofree char *name = canonical (doc, scholz);

  g_assert_cmpint (named (doc, "Scholz", 0), ==, scholz);
  g_assert_cmpint (referred (doc, "He", 0, LEDE_REFERENCE_PRONOUN), ==, scholz);
  g_assert_cmpint (referred (doc, "The German chancellor", 0, LEDE_REFERENCE_TITLE), ==, scholz);
  g_assert_cmpint (referred (doc, "him", 0, LEDE_REFERENCE_PRONOUN), ==, scholz);
  g_assert_cmpint (named (doc, "Emmanuel Macron", 0), !=, scholz);
  g_assert_cmpstr (name, ==, "Olaf Scholz");
  /* the role's nationality is a related entity */
  g_assert_nonnull (role (doc, scholz, "German Chancellor"));
  g_assert_true (related (doc, scholz, named (doc, "German", 0), "nationality"));
  /* named most and first: the most salient */
  g_assert_cmpfloat (g_array_index (doc->entities, LedeEntity, scholz).salience, ==, 1.0f);
  g_assert_cmpfloat (g_array_index (doc->entities, LedeEntity, named (doc, "Rome", 0)).salience, <, 1.0f);
}

static void
test_former_title (void)
{
  const char *text =
    "Former British Prime Minister Theresa May visited Nairobi on Tuesday. The former British "
    "prime minister met local business leaders, and May said she was hopeful about trade.\n"
    "The British prime minister, Rishi Sunak, stayed in London.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 may = named (doc, "Theresa May", 0);
  const LedeTitle *former = role (doc, may, "Former British Prime Minister");

  g_assert_cmpint (referred (doc, "The former British prime minister", 0, LEDE_REFERENCE_TITLE), ==, may);
  g_assert_cmpint (named (doc, "May", 0), ==, may);
  g_assert_cmpint (referred (doc, "she", 0, LEDE_REFERENCE_PRONOUN), ==, may);
  g_assert_nonnull (former);
  g_assert_true (former->former);
  /* a title without "former" is not the former holder */
  g_assert_cmpint (named (doc, "Rishi Sunak", 0), !=, may);
  g_assert_cmpint (referred (doc, "The British prime minister", 0, LEDE_REFERENCE_TITLE), !=, may);
}

static void
test_acronym_and_organization (void)
{
  const char *text =
    "The Communist Party of China (CPC) opened its national congress in Beijing on Sunday. "
    "Delegates said the CPC would keep its course.\n\n"
    "Acme Motors said on Friday that it would cut 500 jobs. The company blamed weak demand. "
    "It is expected that the cuts will take a year.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 party = named (doc, "Communist Party of China", 0);
  gint32 acme = named (doc, "Acme Motors", 0);
  g_autofree char *name = canonical (doc, party);

  g_assert_cmpint (named (doc, "CPC", 0), ==, party);
  g_assert_cmpint (named (doc, "CPC", 1), ==, party);
  g_assert_cmpstr (name, ==, "Communist Party of China");
  g_assert_cmpint (referred (doc, "its", 0, LEDE_REFERENCE_PRONOUN), ==, party);
  g_assert_cmpint (referred (doc, "it", 0, LEDE_REFERENCE_PRONOUN), ==, acme);
  g_assert_cmpint (referred (doc, "The company", 0, LEDE_REFERENCE_NOMINAL), ==, acme);
  /* "It is expected that": nobody */
  g_assert_cmpint (referred (doc, "It", 0, LEDE_REFERENCE_PRONOUN), ==, -1);
}

static void
test_gender_and_honorifics (void)
{
  const char *text =
    "Ana Lopez and Tom Baker met in Madrid on Wednesday. Mrs. Lopez later told reporters that "
    "she was pleased. Mr. Baker said he disagreed.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 lopez = named (doc, "Ana Lopez", 0), baker = named (doc, "Tom Baker", 0);
  g_autofree char *name = canonical (doc, lopez);

  g_assert_cmpint (named (doc, "Mrs. Lopez", 0), ==, lopez);
  g_assert_cmpint (named (doc, "Mr. Baker", 0), ==, baker);
  g_assert_cmpint (referred (doc, "she", 0, LEDE_REFERENCE_PRONOUN), ==, lopez);
  g_assert_cmpint (referred (doc, "he", 0, LEDE_REFERENCE_PRONOUN), ==, baker);
  g_assert_cmpstr (name, ==, "Ana Lopez");
}

/* a first name that is only a woman's or only a man's tells the gender */
static void
test_first_name_gender (void)
{
  const char *text =
    "John Hale met Margaret Stone in Leeds on Friday. Asked about the plan, she said it was "
    "sound, and he agreed.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));

  g_assert_cmpint (referred (doc, "she", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "Margaret Stone", 0));
  g_assert_cmpint (referred (doc, "he", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "John Hale", 0));
}

/* a first name standing alone tells the gender too */
static void
test_lone_first_name_gender (void)
{
  const char *text =
    "Tom Ellis first saw Marilyn in a film. Marilyn later agreed to sit for a portrait. "
    "He painted her twice.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));

  g_assert_cmpint (referred (doc, "He", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "Tom Ellis", 0));
  g_assert_cmpint (referred (doc, "her", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "Marilyn", 0));
}

static void
test_nationality_country (void)
{
  const char *text =
    "Russian officials met in Moscow on Monday. Russia said it wanted a deal.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 russia = named (doc, "Russia", 0);

  g_assert_true (related (doc, named (doc, "Russian", 0), russia, "country"));
  g_assert_cmpint (referred (doc, "it", 0, LEDE_REFERENCE_PRONOUN), ==, russia);
}

/* Whether a named mention starts at the n-th place text is written. */
static gboolean
mention_written_at (const LedeDoc *doc, const char *text, guint nth)
{
  const char *at = doc->text;

  for (guint k = 0; at != NULL && k <= nth; k++)
    at = strstr (k == 0 ? at : at + 1, text);
  g_assert_nonnull (at);
  for (guint m = 0; m < doc->mentions->len; m++)
    if (g_array_index (doc->mentions, LedeMention, m).start == (guint32) (at - doc->text))
      return TRUE;
  return FALSE;
}

static void
test_currency_prefix (void)
{
  const char *text =
    "The Canadian miner paid US$300 million for the mine, and Canada said it welcomed the deal. "
    "Shares rose in the US on Friday.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));

  /* "US$" is part of an amount; "the US" is the country */
  g_assert_false (mention_written_at (doc, "US", 0));
  g_assert_true (mention_written_at (doc, "US", 1));
  g_assert_cmpint (referred (doc, "it", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "Canada", 0));
}

static void
test_product_model (void)
{
  const char *text =
    "Qantas ordered five Boeing 737s and one Airbus A380 last year. The A380 will fly to "
    "London from March. American Airlines 777 jets land at Heathrow daily.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 a380 = named (doc, "Airbus A380", 0);
  g_autofree char *name = NULL;

  /* the maker's name takes in the model number, and the number alone
   * later is the same product */
  g_assert_cmpint (named (doc, "Boeing 737s", 0), !=, a380);
  /* whether the tagger takes in "The" or the coref layer finds "A380" alone */
  g_assert_cmpint (named (doc, mention_written_at (doc, "The A380", 0) ? "The A380" : "A380", 0),
                   ==, a380);
  name = canonical (doc, a380);
  g_assert_cmpstr (name, ==, "Airbus A380");
  /* an airline's name of two words is not a maker's */
  for (guint m = 0; m < doc->mentions->len; m++)
    {
      const LedeMention *x = &g_array_index (doc->mentions, LedeMention, m);

      g_assert_false (span_is (doc, x->start, x->end, "American Airlines 777"));
    }
}

static void
test_they_needs_strong_fit (void)
{
  const char *text =
    "Workers met with General Motors on Monday. They said the talks had gone well. "
    "Later, General Motors said they would build more cars in Ohio.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));

  /* a company named only after "with" in the sentence before: the workers
   * nobody names are "they", so no link */
  g_assert_cmpint (referred (doc, "They", 0, LEDE_REFERENCE_PRONOUN), ==, -1);
  /* the subject of its own sentence */
  g_assert_cmpint (referred (doc, "they", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "General Motors", 1));
}

static void
test_quote_sources (void)
{
  const char *text =
    "Finance Minister Karl Weber arrived in Vienna on Monday. He said that taxes would fall.\n\n"
    "The finance minister said that the budget was balanced.\n";
  g_autoptr(LedeDoc) doc = annotate (text, strlen (text));
  gint32 weber = named (doc, "Karl Weber", 0);
  guint found = 0;

  for (guint q = 0; q < doc->quotes->len; q++)
    {
      const LedeQuote *x = &g_array_index (doc->quotes, LedeQuote, q);

      if (span_is (doc, x->source.start, x->source.end, "He")
          || span_is (doc, x->source.start, x->source.end, "The finance minister"))
        {
          g_assert_cmpint (x->entity, ==, weber);
          found++;
        }
    }
  if (found != 2)
    dump (doc);
  g_assert_cmpuint (found, ==, 2);
}

/* Tens of thousands of pronouns and names: every search is bounded, so the
 * layer's work is linear; the output stays consistent. */
static void
test_hostile_input (void)
{
  GString *text = g_string_new (NULL);
  guint rounds = lede_test_quick () ? 1000 : 8000;
  g_autoptr(LedeDoc) doc = NULL;

  for (guint i = 0; i < rounds; i++)
    g_string_append_printf (text, "Minister Anna Berg%u met Boris Hale%u. He said she, it, "
                            "they and the company agreed; the former minister left. "
                            "Airbus A%u and the A%u cost US$%u. ", i % 500, i, i, i % 700, i);
  doc = annotate (text->str, text->len);
  g_assert_cmpuint (doc->references->len, >, 0);
  for (guint r = 0; r < doc->references->len; r++)
    {
      const LedeReference *x = &g_array_index (doc->references, LedeReference, r);

      g_assert_cmpuint (x->entity, <, doc->entities->len);
      g_assert_cmpuint (x->end, <=, doc->len);
      if (r > 0)
        g_assert_cmpuint (x->start, >=, g_array_index (doc->references, LedeReference, r - 1).end);
    }
  for (guint e = 0; e < doc->entities->len; e++)
    {
      float s = g_array_index (doc->entities, LedeEntity, e).salience;

      g_assert_cmpfloat (s, >=, 0.0f);
      g_assert_cmpfloat (s, <=, 1.0f);
    }
  g_string_free (text, TRUE);
}

static void
test_sample_article (void)
{
  gsize len;
  g_autofree char *text = lede_test_read_sample (&len);
  g_autoptr(LedeDoc) doc = NULL;
  gint32 xi, medvedev;
  const LedeTitle *former, *vice;
  gboolean he_for_xi = FALSE, he_for_medvedev = FALSE;

  if (text == NULL)
    return;
  doc = annotate (text, len);
  xi = named (doc, "Xi Jinping", 0);
  medvedev = named (doc, "Dmitry Medvedev", 0);
  /* "Chinese President Xi Jinping", "Xi", "he" are one entity */
  g_assert_nonnull (role (doc, xi, "Chinese President"));
  g_assert_cmpint (named (doc, "Xi", 0), ==, xi);
  /* Medvedev: his names, both roles (one former), and the pronouns for him */
  g_assert_cmpint (named (doc, "Medvedev", 0), ==, medvedev);
  former = role (doc, medvedev, "former Russian President");
  vice = role (doc, medvedev, "Vice Chairman of the Russian Federation Security Council");
  g_assert_nonnull (former);
  g_assert_true (former->former);
  g_assert_nonnull (vice);
  g_assert_false (vice->former);
  g_assert_true (related (doc, medvedev, named (doc, "Russian Federation Security Council", 0),
                          "organization"));
  for (guint r = 0; r < doc->references->len; r++)
    {
      const LedeReference *x = &g_array_index (doc->references, LedeReference, r);

      if (x->kind != LEDE_REFERENCE_PRONOUN || !span_is (doc, x->start, x->end, "he"))
        continue;
      he_for_xi = he_for_xi || (gint32) x->entity == xi;
      he_for_medvedev = he_for_medvedev || (gint32) x->entity == medvedev;
    }
  if (!he_for_xi || !he_for_medvedev)
    dump (doc);
  g_assert_true (he_for_xi);         /* "Recently, he has deepened his long-term bet" */
  g_assert_true (he_for_medvedev);   /* "Medvedev said he and Xi discussed" */
  /* "China ... its position": a country is "it" */
  g_assert_cmpint (referred (doc, "its", 0, LEDE_REFERENCE_PRONOUN), ==, named (doc, "China", 0));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  model = lede_model_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/coref/names-titles-pronouns", test_names_titles_pronouns);
  g_test_add_func ("/coref/former-title", test_former_title);
  g_test_add_func ("/coref/acronym-and-organization", test_acronym_and_organization);
  g_test_add_func ("/coref/gender-and-honorifics", test_gender_and_honorifics);
  g_test_add_func ("/coref/first-name-gender", test_first_name_gender);
  g_test_add_func ("/coref/lone-first-name-gender", test_lone_first_name_gender);
  g_test_add_func ("/coref/nationality-country", test_nationality_country);
  g_test_add_func ("/coref/currency-prefix", test_currency_prefix);
  g_test_add_func ("/coref/product-model", test_product_model);
  g_test_add_func ("/coref/they-needs-strong-fit", test_they_needs_strong_fit);
  g_test_add_func ("/coref/quote-sources", test_quote_sources);
  g_test_add_func ("/coref/hostile-input", test_hostile_input);
  g_test_add_func ("/coref/sample-article", test_sample_article);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
