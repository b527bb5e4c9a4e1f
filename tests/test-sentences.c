/* test-sentences.c — the sentences layer: where sentences end in the hard
 * cases (abbreviations, initials, numbers, quotations, brackets, ellipses,
 * lists, headings, e-mail and web addresses), and that every token lands in
 * exactly one sentence whatever the input.
 *
 * Each text is one paragraph block unless a test lays out blocks itself, so
 * these tests do not depend on what the structure layer finds. The texts are
 * written for this suite. */
#include "lede-private.h"

#include <string.h>

static LedeModel *model;
static const LedeOptions options = { .offsets = LEDE_OFFSET_BYTE };

static void
add_block (LedeDoc *doc, LedeStructureKind kind, guint32 start, guint32 end)
{
  LedeBlock block = { .kind = kind, .span = { start, end } };

  g_array_append_val (doc->blocks, block);
}

/* Every token in exactly one sentence, sentences in order, inside one block,
 * spanning their tokens. */
static void
check_sentences (const LedeDoc *doc)
{
  guint32 next_token = 0;

  for (guint i = 0; i < doc->sentences->len; i++)
    {
      const LedeSentence *s = &g_array_index (doc->sentences, LedeSentence, i);
      const LedeToken *first, *last;
      gboolean inside_block = FALSE;

      g_assert_cmpuint (s->first_token, ==, next_token);
      g_assert_cmpuint (s->n_tokens, >, 0);
      g_assert_cmpuint (s->first_token + s->n_tokens, <=, doc->tokens->len);
      first = &g_array_index (doc->tokens, LedeToken, s->first_token);
      last = &g_array_index (doc->tokens, LedeToken, s->first_token + s->n_tokens - 1);
      g_assert_cmpuint (s->start, ==, first->start);
      g_assert_cmpuint (s->end, ==, last->end);
      for (guint b = 0; b < doc->blocks->len; b++)
        {
          const LedeBlock *block = &g_array_index (doc->blocks, LedeBlock, b);

          inside_block |= s->start >= block->span.start && s->end <= block->span.end;
        }
      g_assert_true (inside_block);
      next_token = s->first_token + s->n_tokens;
    }
  g_assert_cmpuint (next_token, ==, doc->tokens->len);
}

static LedeDoc *
split (const char *text, gsize len, char **buffer)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc;

  *buffer = len > 0 ? g_memdup2 (text, len) : NULL;
  doc = lede_doc_new (&options, *buffer, len, FALSE, &error);
  g_assert_no_error (error);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, 0, len);
  lede_tokens_annotate (model, doc);
  lede_sentences_annotate (model, doc);
  check_sentences (doc);
  return doc;
}

/* The sentences as one string, separated by " | ". */
static char *
joined_sentences (const LedeDoc *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->sentences->len; i++)
    {
      const LedeSentence *s = &g_array_index (doc->sentences, LedeSentence, i);

      if (i > 0)
        g_string_append (out, " | ");
      g_string_append_len (out, doc->text + s->start, s->end - s->start);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *name;
  const char *text;
  const char *sentences;   /* expected, separated by " | " */
} SentenceCase;

static const SentenceCase cases[] = {
  /* plain ends */
  { "period", "The ferry left at noon. It reached the island by dusk.",
    "The ferry left at noon. | It reached the island by dusk." },
  { "question", "Where did the money go? Nobody could say.",
    "Where did the money go? | Nobody could say." },
  { "exclamation", "The bridge is open! Traffic is moving again.",
    "The bridge is open! | Traffic is moving again." },
  { "double-exclamation", "What a finish!! The crowd went wild.",
    "What a finish!! | The crowd went wild." },
  { "double-question", "Is anyone home?? The door was unlocked.",
    "Is anyone home?? | The door was unlocked." },
  { "interrobang", "Seriously?! That cannot be right. Really!? Yes.",
    "Seriously?! | That cannot be right. | Really!? | Yes." },
  { "no-final-punctuation", "The ferry left at noon", "The ferry left at noon" },

  /* initials */
  { "initial", "The report was written by Maria T. Alvarez for the council.",
    "The report was written by Maria T. Alvarez for the council." },
  { "two-initials", "Author J. R. Hartley signed copies at the fair.",
    "Author J. R. Hartley signed copies at the fair." },
  { "pronoun-I-then-initial", "In the end it was just the two of us, you and I. Did you ever meet Carl I. Brenner?",
    "In the end it was just the two of us, you and I. | Did you ever meet Carl I. Brenner?" },
  { "initial-at-end", "The vitamin they lacked was vitamin C. The doctors changed their diet.",
    "The vitamin they lacked was vitamin C. | The doctors changed their diet." },

  /* abbreviations inside and at the end of sentences */
  { "page", "The figures appear on p. 12 of the annual report.",
    "The figures appear on p. 12 of the annual report." },
  { "lowercase-mid", "Bring the nails, glue, tape etc. to the workshop.",
    "Bring the nails, glue, tape etc. to the workshop." },
  { "lowercase-end", "They sell apples, pears, plums etc. Prices change with the season.",
    "They sell apples, pears, plums etc. | Prices change with the season." },
  { "company-mid", "She sold the shares to Hale, Dunmore & Co. last spring.",
    "She sold the shares to Hale, Dunmore & Co. last spring." },
  { "company-end", "The bid came from Hale and Co. They withdrew it a week later.",
    "The bid came from Hale and Co. | They withdrew it a week later." },
  { "inc-end", "The contract went to Norwood Inc. The price was not disclosed.",
    "The contract went to Norwood Inc. | The price was not disclosed." },
  { "lowercase-co", "Ask Priya and co. about the plan. They know it well.",
    "Ask Priya and co. about the plan. | They know it well." },
  { "mount", "Climbers set out for Mt. Kenya on Tuesday.",
    "Climbers set out for Mt. Kenya on Tuesday." },
  { "saint-and-street", "St. Agnes Church stands on 9th st. beside the old mill.",
    "St. Agnes Church stands on 9th st. beside the old mill." },
  { "street-at-end", "The shop is on Elm st. Parking is free.", "The shop is on Elm st. | Parking is free." },
  { "titles", "Dr. Okafor and Mrs. Lind met Gen. Ruiz and Sen. Park in the capital.",
    "Dr. Okafor and Mrs. Lind met Gen. Ruiz and Sen. Park in the capital." },
  { "title-at-line-end", "The prize went to Mr.\nOkafor of Lagos.", "The prize went to Mr.\nOkafor of Lagos." },
  { "possessive", "It was Martin Luther King Jr.'s last speech there.",
    "It was Martin Luther King Jr.'s last speech there." },
  { "number-sign", "The song reached No. 3 in the charts. No one expected it.",
    "The song reached No. 3 in the charts. | No one expected it." },
  { "no-as-word", "She said no. The matter was closed.", "She said no. | The matter was closed." },
  { "month", "Talks resume on Feb. 14 in Geneva.", "Talks resume on Feb. 14 in Geneva." },
  { "degree", "She earned a Ph.D. in chemistry. He has a Ph.D. He teaches physics.",
    "She earned a Ph.D. in chemistry. | He has a Ph.D. | He teaches physics." },
  { "example", "Some cities, e.g. Lyon and Turin, said yes.", "Some cities, e.g. Lyon and Turin, said yes." },

  /* words with inner periods */
  { "inner-periods-mid", "They moved to the U.K. last year.", "They moved to the U.K. last year." },
  { "inner-periods-end", "Prices rose across the E.U. What happens next is unclear.",
    "Prices rose across the E.U. | What happens next is unclear." },
  { "us-end", "The tanker sailed for the U.S. It arrived in March.",
    "The tanker sailed for the U.S. | It arrived in March." },
  { "us-name", "The U.S. Navy confirmed the report. A U.S. Senate panel voted on Friday.",
    "The U.S. Navy confirmed the report. | A U.S. Senate panel voted on Friday." },
  { "us-lowercase", "He has lived in the U.S. since 2004.", "He has lived in the U.S. since 2004." },
  { "us-question", "Why not the U.S.? Nobody asked.", "Why not the U.S.? | Nobody asked." },
  { "dc", "They landed in Washington, D.C. The talks began at once.",
    "They landed in Washington, D.C. | The talks began at once." },

  /* times */
  { "am-pm-names", "By 7 a.m. Mr. Osei had opened the shop. He closed it at 9 p.m. Mrs. Osei took over the next day.",
    "By 7 a.m. Mr. Osei had opened the shop. | He closed it at 9 p.m. | Mrs. Osei took over the next day." },
  { "am-lowercase", "The train leaves at 6 a.m. and arrives at noon.",
    "The train leaves at 6 a.m. and arrives at noon." },
  { "pm-new-sentence", "The polls opened at 8 a.m. The queues were long.",
    "The polls opened at 8 a.m. | The queues were long." },
  { "pm-zone", "The launch is set for 10 p.m. Eastern time.", "The launch is set for 10 p.m. Eastern time." },
  { "pm-zone-caps", "Polls close at 8 p.m. EST on Tuesday.", "Polls close at 8 p.m. EST on Tuesday." },
  { "am-weekday", "The hearing starts at 9 a.m. Monday in Room 4.", "The hearing starts at 9 a.m. Monday in Room 4." },
  { "pm-then-name", "The shop shut at 7 p.m. Karen locked up.", "The shop shut at 7 p.m. | Karen locked up." },
  { "am-fronted-name", "Around 4 a.m. Karen heard the alarm.", "Around 4 a.m. Karen heard the alarm." },

  /* numbers */
  { "decimal-money", "The ticket costs $12.50 at the door.", "The ticket costs $12.50 at the door." },
  { "money-end", "The ticket cost $12.50. Children went free.", "The ticket cost $12.50. | Children went free." },
  { "year-end", "Growth slowed to 2.4 percent in 2019. Exports fell.",
    "Growth slowed to 2.4 percent in 2019. | Exports fell." },
  { "number-start", "The vote was 7-2. 12 members stayed away.", "The vote was 7-2. | 12 members stayed away." },
  { "dotted-number", "The vault is at N°. 4417.229.118. Nobody has opened it.",
    "The vault is at N°. 4417.229.118. | Nobody has opened it." },

  /* brackets */
  { "bracket-inside", "The mayor thanked the crew (Their boat had sunk twice.) before the vote.",
    "The mayor thanked the crew (Their boat had sunk twice.) before the vote." },
  { "bracket-between", "The vote failed. (Two members were absent.) A new vote is planned.",
    "The vote failed. | (Two members were absent.) | A new vote is planned." },
  { "bracket-citation", "Rates rose again (see Table 2). Banks reacted.",
    "Rates rose again (see Table 2). | Banks reacted." },
  { "reference-marks", "The dam opened in 1931. [4] [7] It still stands. [12]",
    "The dam opened in 1931. [4] [7] | It still stands. [12]" },
  { "abbreviation-then-bracket", "Its author (A.J.P.) Taylor wrote it.", "Its author (A.J.P.) Taylor wrote it." },

  /* quotations */
  { "single-quote-inside", "He looked up and said, 'That is enough.' then walked away.",
    "He looked up and said, 'That is enough.' then walked away." },
  { "double-quote-inside", "He turned around. \"We are ready.\" she told the reporters.",
    "He turned around. | \"We are ready.\" she told the reporters." },
  { "double-quote-end", "The captain said, \"We sail at dawn.\" The crew cheered.",
    "The captain said, \"We sail at dawn.\" | The crew cheered." },
  { "exclamation-in-quote", "\"Stop!\" he shouted. \"Why now?\" asked the judge.",
    "\"Stop!\" he shouted. | \"Why now?\" asked the judge." },
  { "curly-quotes", "“We will appeal,” the lawyer said. “The ruling is wrong.” She left.",
    "“We will appeal,” the lawyer said. | “The ruling is wrong.” | She left." },
  { "quote-opens-sentence", "The hall went quiet. \"Thank you,\" she said.",
    "The hall went quiet. | \"Thank you,\" she said." },
  { "single-curly", "He wrote, ‘The end is near.’ Nobody replied.",
    "He wrote, ‘The end is near.’ | Nobody replied." },
  { "guillemets", "Il a dit « Non. » Puis il est parti.", "Il a dit « Non. » | Puis il est parti." },
  { "dialogue-tag", "“Are you coming?” Maya asked. “Wait!” I shouted. “No.” He left.",
    "“Are you coming?” Maya asked. | “Wait!” I shouted. | “No.” | He left." },
  { "spaced-quotes", "He said : \" We won . \" Then he left . \" Why ? \" she asked .",
    "He said : \" We won . \" | Then he left . | \" Why ? \" she asked ." },
  { "brand-exclamation", "He worked at Yahoo! in the sales team.", "He worked at Yahoo! in the sales team." },

  /* ellipses */
  { "ellipsis-end-of-quote", "She wrote that “the river keeps rising. . . .”",
    "She wrote that “the river keeps rising. . . .”" },
  { "bracket-ellipsis", "\"The minister [...] refused to comment [...]\" (Daily Post, p. 4).",
    "\"The minister [...] refused to comment [...]\" (Daily Post, p. 4)." },
  { "four-dots", "We waited for hours.... Nobody came.", "We waited for hours.... | Nobody came." },
  { "spaced-four-dots", "The signal faded . . . . Then it came back.",
    "The signal faded . . . . | Then it came back." },
  { "ellipsis-inside", "Well ... I suppose ... it depends . . . on the weather, and . . . I really can't say.",
    "Well ... I suppose ... it depends . . . on the weather, and . . . I really can't say." },
  { "ellipsis-glued", "It was...fine, I guess…really.", "It was...fine, I guess…really." },
  { "ellipsis-capital", "He hesitated... Then he signed.", "He hesitated... | Then he signed." },
  { "unicode-ellipsis", "Nothing happened… The crowd left.", "Nothing happened… | The crowd left." },
  { "ellipsis-opens", "The talks stalled.\n... The view in Paris is different.",
    "The talks stalled. | ... The view in Paris is different." },

  /* e-mail and web addresses */
  { "email", "Write to press.office@example.org. Replies take a week.",
    "Write to press.office@example.org. | Replies take a week." },
  { "url", "Details are at https://www.example.org/reports/2021/summary.html. The site is updated daily.",
    "Details are at https://www.example.org/reports/2021/summary.html. | The site is updated daily." },
  { "bare-domain", "Order it on Example.com. Delivery is free.", "Order it on Example.com. | Delivery is free." },

  /* lists inside a line */
  { "list-period", "1. Buy stamps 2. Post the letters", "1. Buy stamps | 2. Post the letters" },
  { "list-period-period", "1. Buy stamps. 2. Post the letters.", "1. Buy stamps. | 2. Post the letters." },
  { "list-paren", "1) Buy stamps 2) Post the letters", "1) Buy stamps | 2) Post the letters" },
  { "list-paren-period", "1) Buy stamps. 2) Post the letters.", "1) Buy stamps. | 2) Post the letters." },
  { "list-period-paren", "1.) Buy stamps 2.) Post the letters", "1.) Buy stamps | 2.) Post the letters" },
  { "list-letters", "a. Check the oil b. Check the tyres c. Check the lights",
    "a. Check the oil | b. Check the tyres | c. Check the lights" },
  { "list-bullets", "• 4. Pack the tent • 5. Load the car", "• 4. Pack the tent | • 5. Load the car" },
  { "list-hyphen-bullets", "⁃3. Lock the door ⁃4. Close the gate", "⁃3. Lock the door | ⁃4. Close the gate" },
  { "not-a-list", "Figure 1) shows growth and figure 2) shows decline.",
    "Figure 1) shows growth and figure 2) shows decline." },
  { "list-roman", "i. Read the brief ii. Draft a reply iii. Send it",
    "i. Read the brief | ii. Draft a reply | iii. Send it" },
  { "list-roman-upper", "I) Costs II) Benefits", "I) Costs | II) Benefits" },
  { "list-lowercase-items", "a) eggs b) milk c) flour", "a) eggs | b) milk | c) flour" },
  { "initials-opening-lines", "R. Patel scored 40\nS. Jones took two wickets", "R. Patel scored 40 | S. Jones took two wickets" },
  { "letter-variable", "Call the point x. Then draw a line.", "Call the point x. | Then draw a line." },

  /* lines: lists, headings, wrapped paragraphs */
  { "list-lines", "Steps to follow:\n1. Open the valve\n2. Wait ten minutes\n3. Close the valve",
    "Steps to follow: | 1. Open the valve | 2. Wait ten minutes | 3. Close the valve" },
  { "heading", "Election results\nThe governing party lost its majority.",
    "Election results | The governing party lost its majority." },
  { "section-number", "2.1. Early years\nShe was born in Lagos.", "2.1. Early years | She was born in Lagos." },
  { "dash-items", "Bring:\n- a tent\n- warm clothes", "Bring: | - a tent | - warm clothes" },
  { "wrapped-lowercase", "The committee met on Monday and\nagreed to publish the findings.",
    "The committee met on Monday and\nagreed to publish the findings." },
  { "wrapped-joiner", "The committee met on Monday to discuss the\nBudget Office report.",
    "The committee met on Monday to discuss the\nBudget Office report." },
  { "blank-line", "First part\n\nsecond part", "First part | second part" },
  { "line-after-period", "It rained.\nWe stayed in.", "It rained. | We stayed in." },
};

static void
test_case (gconstpointer data)
{
  const SentenceCase *c = data;
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = split (c->text, strlen (c->text), &buffer);
  g_autofree char *got = joined_sentences (doc);

  g_assert_cmpstr (got, ==, c->sentences);
}

/* A sentence never runs from one block into the next; a block of tokens
 * always has a sentence; blocks without tokens have none. */
static void
test_blocks (void)
{
  const char *text = "Xi meets Medvedev\n[Compiled A/B]\nIt was the 21st of the month and\nthe talks went on.";
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeDoc) doc = lede_doc_new (&options, text, strlen (text), FALSE, &error);
  g_autofree char *got = NULL;
  const char *body = strstr (text, "It was");

  g_assert_no_error (error);
  add_block (doc, LEDE_STRUCTURE_HEADLINE, 0, 17);
  add_block (doc, LEDE_STRUCTURE_CREDIT, 18, 32);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, body - text, strlen (text));
  lede_tokens_annotate (model, doc);
  lede_sentences_annotate (model, doc);
  check_sentences (doc);
  got = joined_sentences (doc);
  g_assert_cmpstr (got, ==, "Xi meets Medvedev | It was the 21st of the month and\nthe talks went on.");

  /* two paragraphs that would join as one sentence stay apart */
  g_clear_pointer (&doc, lede_doc_free);
  text = "The minister met the\nambassador.";
  doc = lede_doc_new (&options, text, strlen (text), FALSE, &error);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, 0, 20);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, 21, strlen (text));
  lede_tokens_annotate (model, doc);
  lede_sentences_annotate (model, doc);
  check_sentences (doc);
  g_assert_cmpuint (doc->sentences->len, ==, 2);
}

static void
test_empty (void)
{
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = split ("", 0, &buffer);
  g_autofree char *buffer2 = NULL;
  g_autoptr(LedeDoc) doc2 = split ("\n\n  \n", 5, &buffer2);
  g_autofree char *buffer3 = NULL;
  g_autoptr(LedeDoc) doc3 = split (". . .", 5, &buffer3);

  g_assert_cmpuint (doc->sentences->len, ==, 0);
  g_assert_cmpuint (doc2->sentences->len, ==, 0);
  g_assert_cmpuint (doc3->sentences->len, ==, 1);
}

/* Hostile input: the invariants hold and the time stays linear. */
static void
test_hostile (void)
{
  gsize size = g_getenv ("LEDE_TEST_QUICK") ? 100000 : 1000000;
  const char *units[] = {
    "a. ", "A. ", "1. ", "a) ", "\n", "\n\n", "\"", "( ", "...", ". ", "Mr. ", "U.S. ",
    "• ", "- ", "\n1. A ", "x\n", "?! ", "“", "” ", "[...] ", "\0",
  };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      gsize ulen = units[u][0] == '\0' ? 1 : strlen (units[u]);
      GString *text = g_string_sized_new (size + 8);
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;
      gint64 started = g_get_monotonic_time ();

      while (text->len < size)
        g_string_append_len (text, units[u], ulen);
      doc = split (text->str, text->len, &buffer);
      g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
      g_string_free (text, TRUE);
    }
}

static void
test_random (void)
{
  static const char *const pieces[] = {
    "The", "he", ".", " ", "\n", "\n\n", "\"", "'", "’", "”", "“", "(", ")", "[", "]", "1",
    "2", "a", "b", "Mr", "U.S", "?", "!", "...", "…", "•", "-", "I", "e.g", "\0", ",", ":",
  };
  GRand *rand = g_rand_new_with_seed (21122022);

  for (guint round = 0; round < 3000; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 80);
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      for (guint k = 0; k < n; k++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          g_string_append_len (text, piece, piece[0] == '\0' ? 1 : (gssize) strlen (piece));
        }
      doc = split (text->str, text->len, &buffer);
      if (doc->tokens->len > 0)
        g_assert_cmpuint (doc->sentences->len, >, 0);
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  model = lede_model_new (&error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sentences/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sentences/blocks", test_blocks);
  g_test_add_func ("/sentences/empty", test_empty);
  g_test_add_func ("/sentences/hostile", test_hostile);
  g_test_add_func ("/sentences/random", test_random);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
