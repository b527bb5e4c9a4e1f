/* test-threads.c — one annotator shared by 8 threads gives, byte for byte, the
 * JSON a single thread gives (docs/abi.md: an annotator is immutable and may be
 * used by any number of threads at once). Also: annotators made and freed
 * concurrently with that.
 *
 * LEDE_TEST_QUICK=1 (the valgrind and asan setups), or a build with ASan,
 * runs fewer rounds. */
#include <string.h>

#include "lede-test-helpers.h"

#define N_THREADS 8

typedef struct {
  const char *text;
  gsize       len;
  const char *meta;
} Article;

#define ARTICLE(s, meta) { s, sizeof s - 1, meta }

static const Article articles[] = {
  ARTICLE ("Chinese President Xi Jinping met with visiting former Russian President Dmitry "
           "Medvedev (left) on the 21st.\n\n\n"
           "[Compiled Chen Chengliang/Comprehensive Report] Medvedev said he and Xi discussed the "
           "\"strategic partnership\" between Russia and China, Reuters reported.\n\n"
           "Please read on...\n\n"
           "However, the \"Wall Street Journal\" revealed last week that Xi had quietly deepened "
           "ties. In recent weeks, he has instructed officials to build stronger links, the "
           "report said.\n",
           "{\"date\": \"2022-12-22\", \"id\": \"xi-medvedev\"}"),
  ARTICLE ("WASHINGTON, Dec 21 (Reuters) - The Senate voted 68-29 on Tuesday to pass a $1.7 "
           "trillion spending bill. \xE2\x80\x9CWe have done our job,\xE2\x80\x9D Senate Majority "
           "Leader Chuck Schumer told reporters.\n\n"
           "The House is expected to vote on Friday, Dec. 23, before lawmakers leave for the "
           "holidays. Mr. Schumer, 72, said the U.S. economy would benefit.\n",
           "{\"date\": \"2022-12-21\", \"tokens\": true}"),
  ARTICLE ("Z\xC3\xBCrich mayor Corine Mauch said on Monday that S\xC3\xA3o Paulo and "
           "\xE5\x8C\x97\xE4\xBA\xAC (Beijing) had joined the climate pact \xF0\x9F\x8C\x8D.\n\n"
           "\xE2\x80\x98It is historic,\xE2\x80\x99 said \xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 "
           "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB0 of Moscow \xE2\x80\x94 "
           "three years after the 2019 summit \xF0\x9F\x98\x80\xF0\x9F\x98\x80.\n",
           "{\"offsets\": \"utf16\", \"tokens\": true, \"date\": \"2022-12-19\"}"),
  ARTICLE ("By Jane Doe\n\nPrices rose 7.1% in November from a year earlier, the Labor Department "
           "said on Dec. 13, down from 7.7% in October. Economists polled by Reuters had expected "
           "7.3%. The next report is due in mid-January.\n",
           "{\"offsets\": \"byte\"}"),
  ARTICLE ("Caf\xE9 owners in Montr\xE9" "al said on Tuesday they were na\xEFve \x80\xFF.\n",
           "{\"repair\": true, \"tokens\": true}"),
  ARTICLE ("This one is \xC0\xAF not UTF-8 and is refused.", NULL),
  ARTICLE ("Text with a NUL\0 inside. And \0\0 more.", "{\"tokens\": true}"),
  ARTICLE ("", NULL),
  ARTICLE ("Headline without a body", "{\"pretty\": true}"),
};

typedef struct {
  const lede_annotator *annotator;
  char   **expected;   /* JSON, or "error <code> <position>" */
  guint    rounds;
  guint    first;      /* which article this thread starts with */
  gint    *mismatches;
  gint    *done;
} Work;

static char *
annotate_or_error (const lede_annotator *annotator, const Article *a)
{
  lede_error *error = NULL;
  char *copy = lede_test_exact_copy (a->text, a->len);
  char *json = lede_annotate (annotator, copy, a->len, a->meta, &error);
  char *result;

  g_free (copy);
  if (json == NULL)
    {
      g_assert_nonnull (error);
      result = g_strdup_printf ("error %d %" G_GINT64_FORMAT " %s", error->code, error->position,
                                error->message);
      lede_free (error);
      return result;
    }
  /* own the result with g_malloc so the expected table is freed uniformly */
  result = g_strdup (json);
  lede_free (json);
  return result;
}

static gpointer
worker (gpointer data)
{
  Work *work = data;
  lede_annotator *own = lede_annotator_new (NULL, NULL);

  for (guint round = 0; round < work->rounds; round++)
    for (guint k = 0; k < G_N_ELEMENTS (articles); k++)
      {
        guint i = (work->first + k + round) % G_N_ELEMENTS (articles);
        g_autofree char *got = annotate_or_error (work->annotator, &articles[i]);

        if (strcmp (got, work->expected[i]) != 0)
          g_atomic_int_inc (work->mismatches);
      }

  /* an annotator of its own, made while the others run, says the same */
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *got = annotate_or_error (own, &articles[i]);

      if (strcmp (got, work->expected[i]) != 0)
        g_atomic_int_inc (work->mismatches);
    }
  lede_annotator_free (own);
  g_atomic_int_inc (work->done);
  return NULL;
}

static void
test_shared_annotator (void)
{
  gboolean quick = lede_test_quick ();
  lede_annotator *annotator = lede_annotator_new (NULL, NULL);
  char *expected[G_N_ELEMENTS (articles)];
  Work work[N_THREADS];
  GThread *threads[N_THREADS];
  gint mismatches = 0, done = 0;
  gint64 start;

  g_assert_nonnull (annotator);
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      expected[i] = annotate_or_error (annotator, &articles[i]);
      /* the expectations themselves are sane: JSON, or the one article that is refused */
      if (g_str_has_prefix (expected[i], "error "))
        g_assert_true (g_str_has_prefix (expected[i], "error 2 "));
      else
        {
          g_autoptr(JsonParser) parser = lede_test_parse (expected[i]);
        }
    }

  start = g_get_monotonic_time ();
  for (guint t = 0; t < N_THREADS; t++)
    {
      work[t] = (Work) {
        .annotator = annotator,
        .expected = expected,
        .rounds = quick ? 3 : 400,
        .first = t,
        .mismatches = &mismatches,
        .done = &done,
      };
      threads[t] = g_thread_new ("lede-test", worker, &work[t]);
    }
  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);
  g_test_message ("%d threads x %u rounds x %u articles in %.2f s", N_THREADS, work[0].rounds,
                  (guint) G_N_ELEMENTS (articles),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_cmpint (done, ==, N_THREADS);
  g_assert_cmpint (mismatches, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    g_free (expected[i]);
  lede_annotator_free (annotator);
}

/* Annotators made and freed from many threads at once (first use of the
 * GTypes and resources races here if anything does). */
static gpointer
make_and_free (gpointer data)
{
  for (guint i = 0; i < 20; i++)
    {
      lede_annotator *a = lede_annotator_new (i % 2 ? "{\"tokens\": true}" : NULL, NULL);
      char *json;

      g_assert_nonnull (a);
      json = lede_annotate (a, "One. Two.", 9, NULL, NULL);
      g_assert_nonnull (json);
      lede_free (json);
      lede_annotator_free (a);
    }
  return NULL;
}

static void
test_concurrent_new (void)
{
  GThread *threads[N_THREADS];

  for (guint t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("lede-new", make_and_free, NULL);
  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* first, before anything has registered Lede's types */
  g_test_add_func ("/threads/concurrent-new", test_concurrent_new);
  g_test_add_func ("/threads/shared-annotator", test_shared_annotator);

  return g_test_run ();
}
