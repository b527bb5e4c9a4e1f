/* test-events.c — the events layer: types, triggers, participants, places,
 * times, CAMEO codes, merged mentions, and bounded work on hostile text.
 *
 * The sentences are this test's own; the sample article is read from
 * ../shared/data when it is there. */
#include "lede-private.h"
#include "lede-test-sample.h"

#include <string.h>

static LedeModel *model;

static LedeDoc *
annotate (const char *text, gsize len)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc = lede_pipeline_run (model, &model->defaults, text, len,
                                    "{\"date\": \"2022-12-22\"}", FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_nonnull (doc->events);
  return doc;
}

static char *
span_text (const LedeDoc *doc, LedeSpan span)
{
  return g_strndup (doc->text + span.start, span.end - span.start);
}

static const LedeEventMention *
mention_of (const LedeDoc *doc, const LedeEvent *ev, guint k)
{
  return &g_array_index (doc->event_mentions, LedeEventMention, ev->first_mention + k);
}

static void
dump (const LedeDoc *doc)
{
  for (guint e = 0; e < doc->events->len; e++)
    {
      const LedeEvent *ev = &g_array_index (doc->events, LedeEvent, e);

      for (guint k = 0; k < ev->n_mentions; k++)
        {
          const LedeEventMention *em = mention_of (doc, ev, k);
          g_autofree char *trigger = span_text (doc, em->trigger);
          g_autoptr(GString) args = g_string_new (NULL);

          for (guint a = em->first_arg; a < em->first_arg + em->n_args; a++)
            {
              const LedeEventArg *x = &g_array_index (doc->event_args, LedeEventArg, a);

              g_string_append_printf (args, " %s=[%.*s]", lede_event_role_to_string (x->role),
                                      (int) (x->span.end - x->span.start), doc->text + x->span.start);
            }
          g_test_message ("event %u %s %s [%s]%s timex %d", e, lede_event_type_to_string (ev->type),
                          ev->cameo ? ev->cameo : "-", trigger, args->str, em->timex);
        }
    }
}

/* The n-th event with a mention whose trigger is trigger; fails when there is none. */
static const LedeEvent *
find (const LedeDoc *doc, const char *trigger, guint nth)
{
  for (guint e = 0; e < doc->events->len; e++)
    {
      const LedeEvent *ev = &g_array_index (doc->events, LedeEvent, e);

      for (guint k = 0; k < ev->n_mentions; k++)
        {
          LedeSpan t = mention_of (doc, ev, k)->trigger;

          if (t.end - t.start == strlen (trigger)
              && memcmp (doc->text + t.start, trigger, strlen (trigger)) == 0 && nth-- == 0)
            return ev;
        }
    }
  dump (doc);
  g_test_message ("no event with the trigger \"%s\"", trigger);
  g_test_fail ();
  return NULL;
}

static guint
count_type (const LedeDoc *doc, LedeEventType type)
{
  guint n = 0;

  for (guint e = 0; e < doc->events->len; e++)
    n += g_array_index (doc->events, LedeEvent, e).type == type;
  return n;
}

/* The canonical name of the entity a participant's mention belongs to. */
static char *
entity_name (const LedeDoc *doc, gint32 mention)
{
  const LedeMention *m, *c;

  if (mention < 0)
    return g_strdup ("(none)");
  m = &g_array_index (doc->mentions, LedeMention, mention);
  c = &g_array_index (doc->mentions, LedeMention,
                      g_array_index (doc->entities, LedeEntity, m->entity).canonical);
  return span_text (doc, (LedeSpan) { c->start, c->end });
}

/* Whether the event has, in any mention, a participant in role whose text is
 * text, or (with by_entity) whose entity's canonical name is text. */
static gboolean
has_arg (const LedeDoc *doc, const LedeEvent *ev, LedeEventRole role, const char *text,
         gboolean by_entity)
{
  for (guint k = 0; k < ev->n_mentions; k++)
    {
      const LedeEventMention *em = mention_of (doc, ev, k);

      for (guint a = em->first_arg; a < em->first_arg + em->n_args; a++)
        {
          const LedeEventArg *x = &g_array_index (doc->event_args, LedeEventArg, a);
          g_autofree char *got = by_entity ? entity_name (doc, x->mention) : span_text (doc, x->span);

          if (x->role == role && strcmp (got, text) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
assert_arg (const LedeDoc *doc, const LedeEvent *ev, LedeEventRole role, const char *text)
{
  if (!has_arg (doc, ev, role, text, FALSE))
    {
      dump (doc);
      g_test_message ("no %s \"%s\"", lede_event_role_to_string (role), text);
      g_test_fail ();
    }
}

static void
assert_entity (const LedeDoc *doc, const LedeEvent *ev, LedeEventRole role, const char *name)
{
  if (!has_arg (doc, ev, role, name, TRUE))
    {
      dump (doc);
      g_test_message ("no %s with the entity \"%s\"", lede_event_role_to_string (role), name);
      g_test_fail ();
    }
}

/* The value of the first dated mention of the event, or NULL. */
static const char *
time_value (const LedeDoc *doc, const LedeEvent *ev)
{
  for (guint k = 0; k < ev->n_mentions; k++)
    if (mention_of (doc, ev, k)->timex >= 0)
      return g_array_index (doc->timexes, LedeTimex, mention_of (doc, ev, k)->timex).value;
  return NULL;
}

static LedeDoc *
annotate_str (const char *text)
{
  return annotate (text, strlen (text));
}

static void
test_meet (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "French President Emmanuel Macron met with German Chancellor Olaf Scholz in Berlin on "
    "Monday.\n\nThe two leaders later held talks with Pedro Sanchez.");
  const LedeEvent *met = find (doc, "met", 0), *talks = find (doc, "talks", 0);

  if (met == NULL || talks == NULL)
    return;
  g_assert_cmpint (met->type, ==, LEDE_EVENT_MEET);
  g_assert_cmpstr (met->cameo, ==, "04");
  assert_entity (doc, met, LEDE_EVENT_ROLE_AGENT, "Emmanuel Macron");
  assert_entity (doc, met, LEDE_EVENT_ROLE_OTHER, "Olaf Scholz");
  assert_arg (doc, met, LEDE_EVENT_ROLE_PLACE, "Berlin");
  g_assert_cmpstr (time_value (doc, met), ==, "2022-12-19");
  /* a noun trigger after a light verb: the subject of "held" */
  g_assert_cmpint (talks->type, ==, LEDE_EVENT_MEET);
  assert_arg (doc, talks, LEDE_EVENT_ROLE_AGENT, "The two leaders");
  assert_entity (doc, talks, LEDE_EVENT_ROLE_OTHER, "Pedro Sanchez");
}

static void
test_merged_mentions (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "Emmanuel Macron met Olaf Scholz in Berlin on Monday. The meeting with Scholz lasted "
    "two hours, officials said.\n\nIn Paris, Pedro Sanchez met Giorgia Meloni on Friday.");
  const LedeEvent *first = find (doc, "met", 0), *later = find (doc, "meeting", 0);
  const LedeEvent *other = find (doc, "met", 1);

  if (first == NULL || later == NULL || other == NULL)
    return;
  /* one meeting told twice, and another meeting with other people */
  g_assert_true (first == later);
  g_assert_cmpuint (first->n_mentions, ==, 2);
  g_assert_true (other != first);
  g_assert_cmpuint (count_type (doc, LEDE_EVENT_MEET), ==, 2);
  assert_entity (doc, other, LEDE_EVENT_ROLE_AGENT, "Pedro Sanchez");
  assert_entity (doc, other, LEDE_EVENT_ROLE_OTHER, "Giorgia Meloni");
}

static void
test_visit (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "Japanese Prime Minister Fumio Kishida took a train to visit India last week.\n\n"
    "Joe Biden travelled to Mexico on Sunday.");
  const LedeEvent *visit = find (doc, "visit", 0), *travel = find (doc, "travelled", 0);

  if (visit == NULL || travel == NULL)
    return;
  g_assert_cmpint (visit->type, ==, LEDE_EVENT_VISIT);
  assert_entity (doc, visit, LEDE_EVENT_ROLE_AGENT, "Fumio Kishida");
  assert_entity (doc, visit, LEDE_EVENT_ROLE_DESTINATION, "India");
  g_assert_cmpstr (time_value (doc, visit), ==, "2022-W50");
  assert_entity (doc, travel, LEDE_EVENT_ROLE_AGENT, "Joe Biden");
  assert_entity (doc, travel, LEDE_EVENT_ROLE_DESTINATION, "Mexico");
  g_assert_cmpstr (time_value (doc, travel), ==, "2022-12-18");
}

static void
test_communication (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "Joe Biden phoned Olaf Scholz on Tuesday.\n\n"
    "Josep Borrell handed over a letter to Charles Michel and congratulated "
    "Giorgia Meloni on being elected as Prime Minister of Italy.");
  const LedeEvent *phoned = find (doc, "phoned", 0), *handed = find (doc, "handed", 0);
  const LedeEvent *congratulated = find (doc, "congratulated", 0), *elected = find (doc, "elected", 0);

  if (phoned == NULL || handed == NULL || congratulated == NULL || elected == NULL)
    return;
  g_assert_cmpint (phoned->type, ==, LEDE_EVENT_COMMUNICATE);
  g_assert_cmpstr (phoned->cameo, ==, "04");
  assert_entity (doc, phoned, LEDE_EVENT_ROLE_OTHER, "Olaf Scholz");
  assert_arg (doc, handed, LEDE_EVENT_ROLE_THEME, "a letter");
  assert_entity (doc, handed, LEDE_EVENT_ROLE_RECIPIENT, "Charles Michel");
  assert_entity (doc, handed, LEDE_EVENT_ROLE_AGENT, "Josep Borrell");
  /* the coordinated verb shares the subject */
  g_assert_cmpstr (congratulated->cameo, ==, "05");
  assert_entity (doc, congratulated, LEDE_EVENT_ROLE_AGENT, "Josep Borrell");
  assert_entity (doc, congratulated, LEDE_EVENT_ROLE_OTHER, "Giorgia Meloni");
  /* "on being elected": the one elected is the object before */
  g_assert_cmpint (elected->type, ==, LEDE_EVENT_ELECTION);
  g_assert_null (elected->cameo);
  assert_entity (doc, elected, LEDE_EVENT_ROLE_OTHER, "Giorgia Meloni");
  assert_arg (doc, elected, LEDE_EVENT_ROLE_POSITION, "Prime Minister of Italy");
}

static void
test_agreement_conflict (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "The airline, which is the largest in Asia, signed a deal with Airbus in Toulouse.\n\n"
    "Russia attacked Ukraine on February 24.\n\n"
    "Michael Lee was appointed as chief executive by the board.");
  const LedeEvent *signed_ = find (doc, "signed", 0), *attacked = find (doc, "attacked", 0);
  const LedeEvent *appointed = find (doc, "appointed", 0);

  if (signed_ == NULL || attacked == NULL || appointed == NULL)
    return;
  g_assert_cmpint (signed_->type, ==, LEDE_EVENT_AGREEMENT);
  g_assert_cmpstr (signed_->cameo, ==, "05");
  /* the subject before a relative clause set off by commas */
  assert_arg (doc, signed_, LEDE_EVENT_ROLE_AGENT, "The airline");
  assert_arg (doc, signed_, LEDE_EVENT_ROLE_THEME, "a deal");
  assert_entity (doc, signed_, LEDE_EVENT_ROLE_OTHER, "Airbus");
  assert_arg (doc, signed_, LEDE_EVENT_ROLE_PLACE, "Toulouse");
  g_assert_cmpint (attacked->type, ==, LEDE_EVENT_CONFLICT);
  g_assert_cmpstr (attacked->cameo, ==, "19");
  assert_entity (doc, attacked, LEDE_EVENT_ROLE_AGENT, "Russia");
  assert_entity (doc, attacked, LEDE_EVENT_ROLE_OTHER, "Ukraine");
  g_assert_cmpstr (time_value (doc, attacked), ==, "2022-02-24");
  /* a passive: the subject is the one appointed, "by" names the agent */
  g_assert_cmpint (appointed->type, ==, LEDE_EVENT_APPOINTMENT);
  assert_entity (doc, appointed, LEDE_EVENT_ROLE_OTHER, "Michael Lee");
  assert_arg (doc, appointed, LEDE_EVENT_ROLE_AGENT, "the board");
  assert_arg (doc, appointed, LEDE_EVENT_ROLE_POSITION, "chief executive");
}

static void
test_statements (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "\"We will not give up,\" Volodymyr Zelensky said on Wednesday.\n\n"
    "Antony Blinken warned that the talks could fail.\n\n"
    "The deal was announced in March.");
  const LedeEvent *said = find (doc, "said", 0), *warned = find (doc, "warned", 0);
  const LedeEvent *announced = find (doc, "was announced", 0);

  if (said == NULL || warned == NULL || announced == NULL)
    return;
  g_assert_cmpint (said->type, ==, LEDE_EVENT_STATEMENT);
  g_assert_cmpstr (said->cameo, ==, "01");
  g_assert_cmpint (mention_of (doc, said, 0)->quote, >=, 0);
  assert_entity (doc, said, LEDE_EVENT_ROLE_AGENT, "Volodymyr Zelensky");
  g_assert_cmpstr (time_value (doc, said), ==, "2022-12-21");
  g_assert_cmpstr (warned->cameo, ==, "13");
  assert_entity (doc, warned, LEDE_EVENT_ROLE_AGENT, "Antony Blinken");
  /* the talks are inside what Blinken said: reported in his attribution */
  {
    const LedeEvent *talks = find (doc, "talks", 0);

    if (talks != NULL)
      g_assert_cmpint (mention_of (doc, talks, 0)->reported_in, ==,
                       mention_of (doc, warned, 0)->quote);
  }
  /* a passive statement's subject is what is said */
  assert_arg (doc, announced, LEDE_EVENT_ROLE_THEME, "The deal");
}

static void
test_noun_triggers (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "The rebels launched a coordinated missile attack on the city.\n\n"
    "It was the biggest attack in years.\n\n"
    "Joe Biden flew to Tokyo to meet Fumio Kishida.\n\n"
    "Xi Jinping paid a state visit to Kazakhstan.");
  const LedeEvent *launched = find (doc, "attack", 0), *biggest = find (doc, "attack", 1);
  const LedeEvent *flew = find (doc, "flew", 0), *visit = find (doc, "visit", 0);

  if (launched == NULL || biggest == NULL || flew == NULL || visit == NULL)
    return;
  /* the modifiers are the noun's; the subject is the light verb's */
  assert_arg (doc, launched, LEDE_EVENT_ROLE_AGENT, "The rebels");
  assert_arg (doc, launched, LEDE_EVENT_ROLE_OTHER, "the city");
  /* after a copula, no subject */
  g_assert_cmpuint (mention_of (doc, biggest, 0)->n_args, ==, 0);
  /* "to meet" is no destination; the meeting has the traveller as its agent */
  assert_entity (doc, flew, LEDE_EVENT_ROLE_DESTINATION, "Tokyo");
  g_assert_cmpuint (mention_of (doc, flew, 0)->n_args, ==, 2);
  {
    const LedeEvent *meet = find (doc, "meet", 0);

    if (meet != NULL)
      {
        assert_entity (doc, meet, LEDE_EVENT_ROLE_AGENT, "Joe Biden");
        assert_entity (doc, meet, LEDE_EVENT_ROLE_OTHER, "Fumio Kishida");
      }
  }
  assert_entity (doc, visit, LEDE_EVENT_ROLE_AGENT, "Xi Jinping");
  assert_entity (doc, visit, LEDE_EVENT_ROLE_DESTINATION, "Kazakhstan");
}

static void
test_not_events (void)
{
  g_autoptr(LedeDoc) doc = annotate_str (
    "The visiting professor signs books.\n\nMeet the Press aired on Sunday.\n\n"
    "She read Putin's personally signed letter.\n\n"
    "The company did not meet its sales targets.");

  dump (doc);
  g_assert_cmpuint (doc->events->len, ==, 0);
}

/* Hostile input: a run-on text of triggers and names with no sentence end.
 * The walks are bounded, so events stay at most one per trigger and merging
 * caps the mentions of one event. */
static void
test_run_on (void)
{
  guint reps = g_test_slow () ? 40000 : 4000;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LedeDoc) doc = NULL;
  gint64 t0;

  for (guint i = 0; i < reps; i++)
    g_string_append (text, "Putin met with Xi in Beijing on Monday and signed a deal with ");
  t0 = g_get_monotonic_time ();
  doc = annotate (text->str, text->len);
  g_test_message ("%u repetitions: %u events, %u mentions, %.2f s", reps, doc->events->len,
                  doc->event_mentions->len, (g_get_monotonic_time () - t0) / 1e6);
  /* one mention per trigger word ("met", "signed", "deal") at most */
  g_assert_cmpuint (doc->event_mentions->len, <=, 3 * reps);
  g_assert_cmpuint (doc->event_args->len, <=, 12 * doc->event_mentions->len);
  for (guint e = 0; e < doc->events->len; e++)
    g_assert_cmpuint (g_array_index (doc->events, LedeEvent, e).n_mentions, <=, 16);
}

static void
test_layers_option (void)
{
  LedeOptions options = model->defaults;
  g_autoptr(GError) error = NULL;

  g_assert_true (lede_options_parse (&options, "{\"layers\": [\"events\"]}", FALSE, NULL, NULL,
                                     &error));
  g_assert_no_error (error);
  /* events read every layer before them */
  g_assert_cmpuint (options.layers & (LEDE_CAP_EVENTS | LEDE_CAP_QUOTES | LEDE_CAP_TIME
                                      | LEDE_CAP_ENTITIES | LEDE_CAP_SENTENCES), ==,
                    LEDE_CAP_EVENTS | LEDE_CAP_QUOTES | LEDE_CAP_TIME | LEDE_CAP_ENTITIES
                    | LEDE_CAP_SENTENCES);
  options = model->defaults;
  g_assert_true (lede_options_parse (&options, "{\"layers\": [\"quotes\"]}", FALSE, NULL, NULL,
                                     &error));
  g_assert_cmpuint (options.layers & LEDE_CAP_EVENTS, ==, 0);
}

static void
test_sample_article (void)
{
  gsize len = 0;
  g_autofree char *text = lede_test_read_sample (&len);
  g_autoptr(LedeDoc) doc = NULL;
  const LedeEvent *met, *visit, *handed, *congratulated, *elected;
  gboolean xinhua = FALSE;

  if (text == NULL)
    return;
  doc = annotate (text, len);
  dump (doc);
  met = find (doc, "met", 0);
  visit = find (doc, "visit", 0);
  handed = find (doc, "handed", 0);
  congratulated = find (doc, "congratulated", 0);
  elected = find (doc, "re-elected", 0);
  if (met == NULL || visit == NULL || handed == NULL || congratulated == NULL || elected == NULL)
    return;

  /* one meeting, told in the caption and in the body */
  g_assert_cmpuint (count_type (doc, LEDE_EVENT_MEET), ==, 1);
  g_assert_cmpuint (met->n_mentions, >=, 2);
  g_assert_true (find (doc, "meeting", 0) == met);
  assert_entity (doc, met, LEDE_EVENT_ROLE_AGENT, "Xi Jinping");
  assert_entity (doc, met, LEDE_EVENT_ROLE_OTHER, "Dmitry Medvedev");
  assert_arg (doc, met, LEDE_EVENT_ROLE_PLACE, "Diaoyutai State Guesthouse");
  assert_arg (doc, met, LEDE_EVENT_ROLE_PLACE, "Beijing");
  g_assert_cmpstr (time_value (doc, met), ==, "2022-12-21");
  /* told by Medvedev himself ("Medvedev said he and Xi discussed ...") */
  {
    gboolean by_medvedev = FALSE;

    for (guint k = 0; k < met->n_mentions; k++)
      {
        gint32 q = mention_of (doc, met, k)->reported_in;

        if (q >= 0 && g_array_index (doc->quotes, LedeQuote, q).entity >= 0)
          {
            const LedeEntity *source = &g_array_index (doc->entities, LedeEntity,
                                                       g_array_index (doc->quotes, LedeQuote, q).entity);
            g_autofree char *name = entity_name (doc, (gint32) source->canonical);

            by_medvedev = by_medvedev || strcmp (name, "Dmitry Medvedev") == 0;
          }
      }
    g_assert_true (by_medvedev);
  }

  /* Zelensky's visit to the United States */
  g_assert_cmpint (visit->type, ==, LEDE_EVENT_VISIT);
  assert_entity (doc, visit, LEDE_EVENT_ROLE_AGENT, "Volodymyr Zelensky");
  assert_entity (doc, visit, LEDE_EVENT_ROLE_DESTINATION, "United States");

  /* Putin's letter, handed over to Xi during the meeting, as Xinhua reported */
  g_assert_cmpint (handed->type, ==, LEDE_EVENT_COMMUNICATE);
  assert_entity (doc, handed, LEDE_EVENT_ROLE_AGENT, "Dmitry Medvedev");
  assert_arg (doc, handed, LEDE_EVENT_ROLE_THEME, "President Vladimir Putin's personally signed letter");
  assert_entity (doc, handed, LEDE_EVENT_ROLE_RECIPIENT, "Xi Jinping");
  g_assert_cmpint (handed->part_of, ==, met - (const LedeEvent *) doc->events->data);
  {
    gint32 q = mention_of (doc, handed, 0)->reported_in;

    g_assert_cmpint (q, >=, 0);
    xinhua = g_array_index (doc->quotes, LedeQuote, q).kind == LEDE_QUOTE_REPORT;
    g_assert_true (xinhua);
  }

  /* the congratulations on Xi's re-election */
  g_assert_cmpint (congratulated->type, ==, LEDE_EVENT_COMMUNICATE);
  assert_entity (doc, congratulated, LEDE_EVENT_ROLE_AGENT, "Dmitry Medvedev");
  assert_entity (doc, congratulated, LEDE_EVENT_ROLE_OTHER, "Xi Jinping");
  g_assert_cmpint (elected->type, ==, LEDE_EVENT_ELECTION);
  assert_entity (doc, elected, LEDE_EVENT_ROLE_OTHER, "Xi Jinping");
  assert_arg (doc, elected, LEDE_EVENT_ROLE_POSITION, "General Secretary of the CPC Central Committee");

  /* Medvedev's statement is an event of its own, tied to its attribution */
  {
    const LedeEvent *said = find (doc, "said", 0);

    if (said == NULL)
      return;
    g_assert_cmpint (said->type, ==, LEDE_EVENT_STATEMENT);
    g_assert_cmpint (mention_of (doc, said, 0)->quote, >=, 0);
    assert_entity (doc, said, LEDE_EVENT_ROLE_AGENT, "Dmitry Medvedev");
  }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  model = lede_model_new (&error);
  g_assert_no_error (error);

  g_test_add_func ("/events/meet", test_meet);
  g_test_add_func ("/events/merged-mentions", test_merged_mentions);
  g_test_add_func ("/events/visit", test_visit);
  g_test_add_func ("/events/communication", test_communication);
  g_test_add_func ("/events/agreement-conflict", test_agreement_conflict);
  g_test_add_func ("/events/statements", test_statements);
  g_test_add_func ("/events/noun-triggers", test_noun_triggers);
  g_test_add_func ("/events/not-events", test_not_events);
  g_test_add_func ("/events/run-on", test_run_on);
  g_test_add_func ("/events/layers-option", test_layers_option);
  g_test_add_func ("/events/sample-article", test_sample_article);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
