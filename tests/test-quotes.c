/* test-quotes.c — the quotes layer: sources, cues, contents, media reports
 * and quoted phrases that are not speech.
 *
 * The sentences are this test's own; the sample article is read from
 * ../shared/data when it is there. */
#include "lede-private.h"
#include "lede-test-sample.h"

#include <string.h>

static LedeModel *model;

static LedeDoc *
annotate (const char *text)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc = lede_pipeline_run (model, &model->defaults, text, strlen (text), NULL, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_nonnull (doc->quotes);
  return doc;
}

static char *
span_text (const LedeDoc *doc, LedeSpan span)
{
  return g_strndup (doc->text + span.start, span.end - span.start);
}

static void
dump (const LedeDoc *doc)
{
  for (guint i = 0; i < doc->quotes->len; i++)
    {
      const LedeQuote *q = &g_array_index (doc->quotes, LedeQuote, i);
      g_autofree char *source = span_text (doc, q->source);
      g_autofree char *cue = span_text (doc, q->cue);
      g_autofree char *content = span_text (doc, q->content);

      g_test_message ("quote %u: %s [%s] [%s] [%s] parts %u entity %d by %d", i,
                      lede_quote_kind_to_string (q->kind), source, cue, content, q->n_parts,
                      q->entity, q->reported_by);
    }
}

/* The attribution whose cue is cue (the n-th such), failing when there is none. */
static const LedeQuote *
find (const LedeDoc *doc, const char *cue, guint nth)
{
  for (guint i = 0; i < doc->quotes->len; i++)
    {
      const LedeQuote *q = &g_array_index (doc->quotes, LedeQuote, i);

      if (q->cue.end - q->cue.start == strlen (cue)
          && memcmp (doc->text + q->cue.start, cue, strlen (cue)) == 0 && nth-- == 0)
        return q;
    }
  dump (doc);
  g_test_message ("no attribution with the cue \"%s\"", cue);
  g_test_fail ();
  return NULL;
}

static void
assert_span (const LedeDoc *doc, LedeSpan span, const char *expected)
{
  g_autofree char *text = span_text (doc, span);

  if (expected == NULL)
    g_assert_false (LEDE_SPAN_IS_SET (span));
  else
    g_assert_cmpstr (text, ==, expected);
}

static void
assert_part (const LedeDoc *doc, const LedeQuote *q, guint k, const char *expected)
{
  g_assert_cmpuint (k, <, q->n_parts);
  assert_span (doc, g_array_index (doc->quote_parts, LedeSpan, q->first_part + k), expected);
}

typedef struct {
  const char   *text;
  const char   *cue;
  const char   *source;
  const char   *content;
  LedeQuoteKind kind;
} Case;

static const Case cases[] = {
  { "Medvedev emphasized that the crisis is complicated.", "emphasized", "Medvedev",
    "that the crisis is complicated", LEDE_QUOTE_INDIRECT },
  { "Xi Jinping said that China wants peace talks.", "said", "Xi Jinping",
    "that China wants peace talks", LEDE_QUOTE_INDIRECT },
  { "The senator told reporters that the bill was dead.", "told", "The senator",
    "that the bill was dead", LEDE_QUOTE_INDIRECT },
  { "Smith warned the plan would fail.", "warned", "Smith", "the plan would fail",
    LEDE_QUOTE_INDIRECT },
  { "The company denied the report.", "denied", "The company", "the report",
    LEDE_QUOTE_INDIRECT },
  { "The governor attacked Canada's new tariffs.", "attacked", "The governor",
    "Canada's new tariffs", LEDE_QUOTE_INDIRECT },
  { "The plan will fail, officials said.", "said", "officials", "The plan will fail",
    LEDE_QUOTE_INDIRECT },
  { "The talks stalled, said a source familiar with the matter.", "said",
    "a source familiar with the matter", "The talks stalled", LEDE_QUOTE_INDIRECT },
  { "Tom Fitton, the president of Judicial Watch, charged that Mrs. Clinton hid the documents.",
    "charged", "Tom Fitton, the president of Judicial Watch,",
    "that Mrs. Clinton hid the documents", LEDE_QUOTE_INDIRECT },
  { "“I have no regrets,” said Lowell.", "said", "Lowell", "“I have no regrets,”",
    LEDE_QUOTE_DIRECT },
  { "«Nous resterons», a-t-il dit. \"It is over,\" the minister added.", "added", "the minister",
    "\"It is over,\"", LEDE_QUOTE_DIRECT },
  { "He said: ‘Don’t make me come over there!’", "said:", "He",
    "‘Don’t make me come over there!’", LEDE_QUOTE_DIRECT },
  { "Paul suggested that Rubio was “liberal on military spending” and weak.", "suggested", "Paul",
    "that Rubio was “liberal on military spending” and weak", LEDE_QUOTE_MIXED },
  { "According to the report, 53% of people are suspicious of pickles.", "According to",
    "the report", "53% of people are suspicious of pickles", LEDE_QUOTE_REPORT },
  /* beliefs, stances and intentions count as attributions (PolNeAR) */
  { "Most farmers believe the drought will end soon.", "believe", "Most farmers",
    "the drought will end soon", LEDE_QUOTE_INDIRECT },
  { "Councillor Ames criticized the parking scheme.", "criticized", "Councillor Ames",
    "the parking scheme", LEDE_QUOTE_INDIRECT },
  { "The union called for a second ballot.", "called for", "The union", "a second ballot",
    LEDE_QUOTE_INDIRECT },
  { "The ferry company declined to comment.", "declined", "The ferry company", "to comment",
    LEDE_QUOTE_INDIRECT },
  { "The board rejected the bid, saying it came too late.", "saying", "The board",
    "it came too late", LEDE_QUOTE_INDIRECT },
  { "Ruth Oyelaran, the harbour master, closed the quay, citing the storm.", "citing",
    "Ruth Oyelaran, the harbour master,", "the storm", LEDE_QUOTE_INDIRECT },
  { "The board rejected the bid, saying it came too late.", "rejected", "The board", "the bid",
    LEDE_QUOTE_INDIRECT },
  { "Kovac praised the harbour plan and said it would pass.", "said", "Kovac", "it would pass",
    LEDE_QUOTE_INDIRECT },
  { "The water authority said in a statement that the pipes were safe.", "said in a statement",
    "The water authority", "that the pipes were safe", LEDE_QUOTE_INDIRECT },
  { "Okafor said, however, that the talks would resume.", "said", "Okafor",
    "that the talks would resume", LEDE_QUOTE_INDIRECT },
  { "“The pier is closed.” Okafor said.", "said", "Okafor", "“The pier is closed.”",
    LEDE_QUOTE_DIRECT },
  /* source extents: asides between commas or dashes stay out, a relative clause stays in */
  { "The growers, meanwhile, argued that the tariff was unfair.", "argued", "The growers",
    "that the tariff was unfair", LEDE_QUOTE_INDIRECT },
  { "The judge -- who had heard the case for years -- said the ruling stood.", "said",
    "The judge", "the ruling stood", LEDE_QUOTE_INDIRECT },
  { "Pia Lund, who runs the bakery on Elm Street, said the rent had doubled.", "said",
    "Pia Lund, who runs the bakery on Elm Street,", "the rent had doubled", LEDE_QUOTE_INDIRECT },
  { "Sen. Ida Morse (D-Maine), a member of the panel, said the vote was close.", "said",
    "Sen. Ida Morse (D-Maine), a member of the panel,", "the vote was close", LEDE_QUOTE_INDIRECT },
  { "Analysts praised the plan, and her campaign said the rally was off.", "said",
    "her campaign", "the rally was off", LEDE_QUOTE_INDIRECT },
  { "But recent polls suggest Lind is ahead.", "suggest", "recent polls", "Lind is ahead",
    LEDE_QUOTE_INDIRECT },
  /* polls and nouns as cues */
  { "Lind leads the race in the latest Harbor College poll.", "in",
    "the latest Harbor College poll", "Lind leads the race", LEDE_QUOTE_INDIRECT },
  { "Critics attacked his claim that the ferry was profitable.", "claim", "his",
    "that the ferry was profitable", LEDE_QUOTE_INDIRECT },
  { "Q: Where were you on the night of the storm?", ":", "Q",
    "Where were you on the night of the storm?", LEDE_QUOTE_INDIRECT },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LedeDoc) doc = annotate (cases[i].text);
      const LedeQuote *q = find (doc, cases[i].cue, 0);

      g_test_message ("%s", cases[i].text);
      if (q == NULL)
        continue;
      assert_span (doc, q->source, cases[i].source);
      assert_span (doc, q->content, cases[i].content);
      g_assert_cmpint (q->kind, ==, cases[i].kind);
    }
}

/* "X is expected to ...", "Asked about ...": attributions with no source,
 * the subject or the question as content. */
static void
test_sourceless (void)
{
  g_autoptr(LedeDoc) doc = annotate ("The ferry is expected to resume service on Monday. "
                                     "Asked about the delay, the captain said little. "
                                     "The mate said nothing when asked about the wreck.");
  const LedeQuote *expected = find (doc, "is expected", 0);
  const LedeQuote *asked = find (doc, "Asked", 0);
  const LedeQuote *said = find (doc, "said", 0);
  const LedeQuote *asked2 = find (doc, "asked", 0);
  const LedeQuote *said2 = find (doc, "said", 1);

  g_assert_nonnull (expected);
  assert_span (doc, expected->source, NULL);
  g_assert_cmpuint (expected->n_parts, ==, 2);
  assert_part (doc, expected, 0, "The ferry");
  assert_part (doc, expected, 1, "to resume service on Monday");
  g_assert_nonnull (asked);
  assert_span (doc, asked->source, NULL);
  assert_span (doc, asked->content, "about the delay");
  /* the question is not the captain's content */
  g_assert_nonnull (said);
  assert_span (doc, said->source, "the captain");
  assert_span (doc, said->content, "little");
  g_assert_nonnull (said2);
  assert_span (doc, said2->content, "nothing");
  g_assert_nonnull (asked2);
  assert_span (doc, asked2->content, "about the wreck");
}

/* A credit line under a quote: a dash and the speaker's name on their own line. */
static void
test_dash_credit (void)
{
  g_autoptr(LedeDoc) doc = annotate ("“We never close on Sundays. Not once in forty years.”\n\n"
                                     "― Margaret Okonjo\n");
  const LedeQuote *q = find (doc, "―", 0);

  g_assert_nonnull (q);
  assert_span (doc, q->source, "Margaret Okonjo");
  assert_span (doc, q->content, "“We never close on Sundays. Not once in forty years.”");
  g_assert_cmpint (q->kind, ==, LEDE_QUOTE_DIRECT);
}

/* Words that look like cues but are not: "think tank", a physical appearance,
 * a poll that is no named source, "called" that names a thing, an attack on
 * a place. */
static void
test_not_cues (void)
{
  g_autoptr(LedeDoc) doc = annotate ("Hale joined a think tank in Ohio. "
                                     "The mayor appeared on a morning show. "
                                     "Lind is far behind in the polls. "
                                     "She runs a charity called Open Doors. "
                                     "Russia attacked Ukraine on February 24.");

  dump (doc);
  g_assert_cmpuint (doc->quotes->len, ==, 0);
}

/* A source phrase cut by the length bound inside a prepositional phrase:
 * "with Premier Ana Lopez at the Old Harbour Town Hall ..." is no speaker. */
static void
test_long_source (void)
{
  g_autoptr(LedeDoc) doc = annotate ("A video of him meeting with Premier Ana Lopez at the Old Harbour "
                                     "Town Hall in Springfield on the same day shows signs of strain.");

  dump (doc);
  for (guint k = 0; k < doc->quotes->len; k++)
    {
      const LedeQuote *q = &g_array_index (doc->quotes, LedeQuote, k);
      g_autofree char *source = span_text (doc, q->source);

      g_assert_true (*source == '\0' || g_str_has_prefix (source, "A video"));
    }
}

static void
test_broken_quote (void)
{
  g_autoptr(LedeDoc) doc = annotate ("\"We will,\" he said, \"stay.\"");
  const LedeQuote *q = find (doc, "said", 0);

  g_assert_nonnull (q);
  g_assert_cmpint (q->kind, ==, LEDE_QUOTE_DIRECT);
  assert_span (doc, q->source, "he");
  g_assert_cmpuint (q->n_parts, ==, 2);
  assert_part (doc, q, 0, "\"We will,\"");
  assert_part (doc, q, 1, "\"stay.\"");
}

/* A quote running over paragraphs (a mark opens each, one closes the last),
 * and a quote that continues the attribution of the sentence before it. */
static void
test_paragraphs (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "“We will be here for a while,” she said. “These cases take patience.”\n\n"
    "Dunlap said: “Before long, we’ll run out of personnel.\n\n"
    "“I warned them years ago, but nothing.”\n");
  const LedeQuote *she = find (doc, "said", 0), *dunlap = find (doc, "said:", 0);

  g_assert_nonnull (she);
  g_assert_nonnull (dunlap);
  g_assert_cmpuint (she->n_parts, ==, 2);
  assert_part (doc, she, 1, "“These cases take patience.”");
  assert_span (doc, dunlap->source, "Dunlap");
  g_assert_cmpuint (dunlap->n_parts, ==, 2);
  assert_part (doc, dunlap, 0, "“Before long, we’ll run out of personnel.");
  assert_part (doc, dunlap, 1, "“I warned them years ago, but nothing.”");
}

/* "he said" speaks for the last person, not the nearest name. */
static void
test_pronoun_entity (void)
{
  g_autoptr(LedeDoc) doc = annotate (
    "Angela Merkel met executives of Siemens in Berlin on Monday. "
    "\"We will cooperate,\" she said.");
  const LedeQuote *q = find (doc, "said", 0);
  const LedeMention *m;

  g_assert_nonnull (q);
  g_assert_cmpint (q->entity, >=, 0);
  m = &g_array_index (doc->mentions, LedeMention,
                      g_array_index (doc->entities, LedeEntity, q->entity).canonical);
  g_assert_cmpint (m->type, ==, LEDE_ENTITY_PERSON);
}

/* Quotation marks that are no speech, and text that would trip a careless pairing. */
static void
test_not_speech (void)
{
  g_autoptr(LedeDoc) doc = annotate ("It was not a \"truce\" but exhaustion. He appeared on \"Meet the Press\".");

  g_assert_cmpuint (doc->quotes->len, ==, 0);
  g_assert_cmpuint (doc->quoted_phrases->len, ==, 2);
  g_assert_cmpint (g_array_index (doc->quoted_phrases, LedeQuotedPhrase, 0).kind, ==, LEDE_QUOTED_SCARE);
  g_assert_cmpint (g_array_index (doc->quoted_phrases, LedeQuotedPhrase, 1).kind, ==, LEDE_QUOTED_TITLE);
}

/* Thousands of opening marks and no closing one: linear, no crash, no quotes. */
static void
test_unbalanced (void)
{
  GString *s = g_string_new ("He said ");
  g_autoptr(LedeDoc) doc = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (s, i % 3 ? "“a said " : "\" b, ");
  g_string_append (s, "\n\n\" tail");
  doc = annotate (s->str);
  for (guint i = 0; i < doc->quotes->len; i++)
    {
      const LedeQuote *q = &g_array_index (doc->quotes, LedeQuote, i);

      g_assert_cmpuint (q->content.end, <=, doc->len);
      g_assert_cmpuint (q->content.start, <, q->content.end);
    }
  g_string_free (s, TRUE);
}

static const char *
entity_name (const LedeDoc *doc, gint32 entity)
{
  static char name[64];
  const LedeMention *m;

  if (entity < 0)
    return "(none)";
  m = &g_array_index (doc->mentions, LedeMention,
                      g_array_index (doc->entities, LedeEntity, entity).canonical);
  g_snprintf (name, sizeof name, "%.*s", (int) (m->end - m->start), doc->text + m->start);
  return name;
}

static void
test_sample_article (void)
{
  g_autofree char *text = lede_test_read_sample (NULL);
  g_autoptr(LedeDoc) doc = NULL;
  const LedeQuote *said, *reuters, *emphasized, *xinhua, *xi, *wsj, *report;
  gboolean scare = FALSE;

  if (text == NULL)
    return;
  doc = annotate (text);
  dump (doc);
  said = find (doc, "said", 0);
  reuters = find (doc, "reported", 0);
  emphasized = find (doc, "emphasized", 0);
  xinhua = find (doc, "reported", 1);
  xi = find (doc, "said", 1);
  wsj = find (doc, "revealed last week", 0);
  report = find (doc, "said", 2);
  if (said == NULL || reuters == NULL || emphasized == NULL || xinhua == NULL || xi == NULL
      || wsj == NULL || report == NULL)
    return;

  /* Medvedev's statements, reported by Reuters */
  g_assert_cmpstr (entity_name (doc, said->entity), ==, "Dmitry Medvedev");
  assert_span (doc, said->source, "Medvedev");
  assert_span (doc, said->content,
               "he and Xi discussed the \"strategic partnership\" between Russia and China, "
               "cooperation between the two countries and the conflict in Ukraine");
  g_assert_cmpint (reuters->kind, ==, LEDE_QUOTE_REPORT);
  g_assert_cmpstr (entity_name (doc, reuters->entity), ==, "Reuters");
  g_assert_cmpint (said->reported_by, ==, reuters - (const LedeQuote *) doc->quotes->data);
  assert_span (doc, emphasized->source, "Medvedev");
  assert_span (doc, emphasized->content,
               "that the Ukrainian crisis has reasons and is very complicated, and Russia is "
               "willing to resolve the problems it faces through peace talks");
  g_assert_cmpint (emphasized->reported_by, ==, reuters - (const LedeQuote *) doc->quotes->data);

  /* Xi's statement, reported by Xinhua */
  g_assert_cmpint (xinhua->kind, ==, LEDE_QUOTE_REPORT);
  g_assert_cmpstr (entity_name (doc, xinhua->entity), ==, "Xinhua News Agency");
  assert_span (doc, xi->source, "Xi Jinping");
  g_assert_cmpstr (entity_name (doc, xi->entity), ==, "Xi Jinping");
  g_assert_true (g_str_has_prefix (doc->text + xi->content.start, "that on the Ukrainian crisis"));
  g_assert_cmpint (xi->reported_by, ==, xinhua - (const LedeQuote *) doc->quotes->data);

  /* the Wall Street Journal's report, and "the report said" */
  g_assert_cmpint (wsj->kind, ==, LEDE_QUOTE_REPORT);
  g_assert_cmpstr (entity_name (doc, wsj->entity), ==, "Wall Street Journal");
  g_assert_true (g_str_has_prefix (doc->text + wsj->content.start, "that after the war"));
  assert_span (doc, report->source, "the report");
  g_assert_cmpint (report->kind, ==, LEDE_QUOTE_REPORT);
  g_assert_cmpint (report->entity, ==, wsj->entity);
  g_assert_true (g_str_has_prefix (doc->text + report->content.start, "In recent weeks"));

  /* "strategic partnership" is nobody's speech */
  for (guint i = 0; i < doc->quoted_phrases->len; i++)
    {
      const LedeQuotedPhrase *p = &g_array_index (doc->quoted_phrases, LedeQuotedPhrase, i);
      g_autofree char *t = span_text (doc, p->span);

      if (strcmp (t, "\"strategic partnership\"") == 0)
        scare = p->kind == LEDE_QUOTED_SCARE;
    }
  g_assert_true (scare);
  g_assert_cmpint (said->kind, ==, LEDE_QUOTE_INDIRECT);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  model = lede_model_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/quotes/cases", test_cases);
  g_test_add_func ("/quotes/sourceless", test_sourceless);
  g_test_add_func ("/quotes/dash-credit", test_dash_credit);
  g_test_add_func ("/quotes/not-cues", test_not_cues);
  g_test_add_func ("/quotes/long-source", test_long_source);
  g_test_add_func ("/quotes/broken-quote", test_broken_quote);
  g_test_add_func ("/quotes/paragraphs", test_paragraphs);
  g_test_add_func ("/quotes/pronoun-entity", test_pronoun_entity);
  g_test_add_func ("/quotes/not-speech", test_not_speech);
  g_test_add_func ("/quotes/unbalanced", test_unbalanced);
  g_test_add_func ("/quotes/sample-article", test_sample_article);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
