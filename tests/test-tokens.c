/* test-tokens.c — the tokens layer: Penn-Treebank-like splitting with byte
 * offsets, token kinds, and input that must neither crash nor go quadratic.
 *
 * Each text becomes one paragraph block (or the blocks a test lays out), so
 * these tests do not depend on what the structure layer finds. */
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

/* A doc of one paragraph, tokenized, over an exact-size copy (in *buffer). */
static LedeDoc *
tokenize (const char *text, gsize len, char **buffer)
{
  g_autoptr(GError) error = NULL;
  LedeDoc *doc;

  *buffer = len > 0 ? g_memdup2 (text, len) : NULL;
  doc = lede_doc_new (&options, *buffer, len, FALSE, &error);
  g_assert_no_error (error);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, 0, len);
  lede_tokens_annotate (model, doc);
  return doc;
}

/* Tokens are in order, inside the text, non-empty and never overlap. */
static void
check_well_formed (const LedeDoc *doc)
{
  guint32 last_end = 0;

  for (guint i = 0; i < doc->tokens->len; i++)
    {
      const LedeToken *t = &g_array_index (doc->tokens, LedeToken, i);

      g_assert_cmpuint (t->start, >=, last_end);
      g_assert_cmpuint (t->end, >, t->start);
      g_assert_cmpuint (t->end, <=, doc->len);
      /* on character boundaries */
      g_assert_cmpint ((guchar) doc->text[t->start] & 0xC0, !=, 0x80);
      if (t->end < doc->len)
        g_assert_cmpint ((guchar) doc->text[t->end] & 0xC0, !=, 0x80);
      last_end = t->end;
    }
}

/* The tokens of a doc as one string, separated by single spaces. */
static char *
joined_tokens (const LedeDoc *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->tokens->len; i++)
    {
      const LedeToken *t = &g_array_index (doc->tokens, LedeToken, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, doc->text + t->start, t->end - t->start);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *text;
  const char *tokens;   /* expected, separated by single spaces */
  gsize       len;      /* when the text holds a NUL; else 0 */
} SplitCase;

static const SplitCase split_cases[] = {
  /* punctuation comes off words */
  { "Rain fell, again; then (briefly) it stopped.", "Rain fell , again ; then ( briefly ) it stopped ." },
  { "Who knew?! Nobody!", "Who knew ?! Nobody !" },
  /* clitics, straight and curly */
  { "They don't know.", "They do n't know ." },
  { "We can't, and won’t, go.", "We ca n't , and wo n’t , go ." },
  { "Russia's army and Kenya’s coast", "Russia 's army and Kenya ’s coast" },
  { "they'll, I'm, we've, she'd, you're", "they 'll , I 'm , we 've , she 'd , you 're" },
  { "DIDN'T", "DID N'T" },
  { "the 1990's fashions", "the 1990 's fashions" },
  { "You cannot, I'm gonna, Gotta go, wanna?", "You can not , I 'm gon na , Got ta go , wan na ?" },
  /* an apostrophe inside a name, and after a plural */
  { "O'Neill met the Joneses' lawyer at rock'n'roll night.",
    "O'Neill met the Joneses ' lawyer at rock'n'roll night ." },
  /* hyphenated words and dashes */
  { "a Sino-Russian, well-known deal -- or not — at all",
    "a Sino-Russian , well-known deal -- or not — at all" },
  { "pre- and post-war - then", "pre- and post-war - then" },
  { "COVID-19 cases and F-16 jets", "COVID-19 cases and F-16 jets" },
  /* numbers stay whole */
  { "1,200 people, 3.5 tons, the 21st, the 1990s, on 2022-12-21 at 3:30",
    "1,200 people , 3.5 tons , the 21st , the 1990s , on 2022-12-21 at 3:30" },
  { "The score ended 3-1.", "The score ended 3-1 ." },
  { "He batted .324, up 0.5.", "He batted .324 , up 0.5 ." },
  /* money and percentages */
  { "It cost $5, then $1.2bn, €40 or £3,000 (up 5% or 2.5%).",
    "It cost $5 , then $1.2bn , €40 or £3,000 ( up 5% or 2.5% ) ." },
  { "a US$30 fee", "a US $30 fee" },
  /* abbreviations and initials keep their period */
  { "Mr. Lee of Acme Inc. met Jonas E. Smith in the U.S. at 5 p.m. on Jan. 6.",
    "Mr. Lee of Acme Inc. met Jonas E. Smith in the U.S. at 5 p.m. on Jan. 6 ." },
  { "She has a Ph.D. and works on apples, pears etc. daily.",
    "She has a Ph.D. and works on apples , pears etc. daily ." },
  { "See p. 55 and No. 7, but say no. It's fig. 3, not a fig.",
    "See p. 55 and No. 7 , but say no . It 's fig. 3 , not a fig ." },
  { "That was JFK Jr.'s car.", "That was JFK Jr. 's car ." },
  { "It was you and I. Then Albert I. Jones came.", "It was you and I . Then Albert I. Jones came ." },
  { "He moved to the U.S.", "He moved to the U.S." },
  { "Stocks fell.Then they rose.", "Stocks fell . Then they rose ." },
  /* quotes are tokens of their own */
  { "\"Yes,\" she said. 'No,' he said.", "\" Yes , \" she said . ' No , ' he said ." },
  { "“Yes,” she said, ‘maybe’.", "“ Yes , ” she said , ‘ maybe ’ ." },
  { "« Non » et ‹ oui ›", "« Non » et ‹ oui ›" },
  { "``Quoted,'' he wrote.", "`` Quoted , '' he wrote ." },
  { "the '90s", "the '90s" },
  /* ellipses */
  { "Wait... what…", "Wait ... what …" },
  { "and so on....", "and so on ...." },
  /* URLs and e-mail addresses */
  { "Visit https://example.org/a/b?c=1&d=2. Or www.example.com/path, or write to jane.doe+news@mail.example.co.uk.",
    "Visit https://example.org/a/b?c=1&d=2 . Or www.example.com/path , or write to jane.doe+news@mail.example.co.uk ." },
  { "(see https://en.wikipedia.org/wiki/Foo_(bar))", "( see https://en.wikipedia.org/wiki/Foo_(bar) )" },
  { "Shop at Amazon.com today.", "Shop at Amazon.com today ." },
  { "Mail me@ at noon", "Mail me @ at noon" },
  /* other scripts and symbols */
  { "Zürich, São Paulo and naïve cafés", "Zürich , São Paulo and naïve cafés" },
  { "N°. 12 and 25°C", "N°. 12 and 25°C" },
  { "AT&T and S&P rose; R & D fell", "AT&T and S&P rose ; R & D fell" },
  { "#news by @lede_bot", "#news by @lede_bot" },
  /* NUL and control characters separate tokens */
  { "one\0two\x01three", "one two three", sizeof "one\0two\x01three" - 1 },
};

static void
test_split (gconstpointer data)
{
  const SplitCase *c = data;
  g_autofree char *buffer = NULL;
  gsize len = c->len > 0 ? c->len : strlen (c->text);
  g_autoptr(LedeDoc) doc = tokenize (c->text, len, &buffer);
  g_autofree char *got = NULL;

  check_well_formed (doc);
  got = joined_tokens (doc);
  g_assert_cmpstr (got, ==, c->tokens);
}

typedef struct {
  const char   *text;
  const char   *token;
  LedeTokenKind kind;
} KindCase;

static const KindCase kind_cases[] = {
  { "Reporters", "Reporters", LEDE_TOKEN_WORD },
  { "n't", "n't", LEDE_TOKEN_WORD },
  { "1,200", "1,200", LEDE_TOKEN_NUMBER },
  { "21st", "21st", LEDE_TOKEN_NUMBER },
  { "2022-12-21", "2022-12-21", LEDE_TOKEN_NUMBER },
  { "5-year-old", "5-year-old", LEDE_TOKEN_WORD },
  { ",", ",", LEDE_TOKEN_PUNCT },
  { "…", "…", LEDE_TOKEN_PUNCT },
  { "—", "—", LEDE_TOKEN_PUNCT },
  { "&", "&", LEDE_TOKEN_SYMBOL },
  { "$", "$", LEDE_TOKEN_SYMBOL },
  { "http://example.org/x", "http://example.org/x", LEDE_TOKEN_URL },
  { "example.com", "example.com", LEDE_TOKEN_URL },
  { "press@example.org", "press@example.org", LEDE_TOKEN_EMAIL },
  { "$5", "$5", LEDE_TOKEN_MONEY },
  { "€1.2", "€1.2", LEDE_TOKEN_MONEY },
  { "5%", "5%", LEDE_TOKEN_PERCENT },
  { "U.S.", "U.S.", LEDE_TOKEN_ABBREVIATION },
  { "Mr.", "Mr.", LEDE_TOKEN_ABBREVIATION },
  { "E.", "E.", LEDE_TOKEN_ABBREVIATION },
  { "a.m", "a.m", LEDE_TOKEN_ABBREVIATION },
};

static void
test_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      const KindCase *c = &kind_cases[i];
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = tokenize (c->text, strlen (c->text), &buffer);
      const LedeToken *t;

      g_assert_cmpuint (doc->tokens->len, ==, 1);
      t = &g_array_index (doc->tokens, LedeToken, 0);
      g_assert_cmpmem (doc->text + t->start, t->end - t->start, c->token, strlen (c->token));
      g_assert_cmpstr (lede_token_kind_to_string (t->kind), ==, lede_token_kind_to_string (c->kind));
    }
}

/* Only headlines, captions and paragraphs get tokens; offsets are the text's. */
static void
test_blocks (void)
{
  const char *text = "Headline here\n[Compiled A/B]\nBEIJING (Reuters) - Body text.\nRead more...";
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeDoc) doc = lede_doc_new (&options, text, strlen (text), FALSE, &error);
  g_autofree char *got = NULL;
  const char *body = strstr (text, "Body"), *read = strstr (text, "Read");

  g_assert_no_error (error);
  add_block (doc, LEDE_STRUCTURE_HEADLINE, 0, 13);
  add_block (doc, LEDE_STRUCTURE_CREDIT, 14, 28);
  add_block (doc, LEDE_STRUCTURE_DATELINE, 29, body - text);
  add_block (doc, LEDE_STRUCTURE_PARAGRAPH, body - text, read - text - 1);
  add_block (doc, LEDE_STRUCTURE_BOILERPLATE, read - text, strlen (text));
  lede_tokens_annotate (model, doc);
  check_well_formed (doc);
  got = joined_tokens (doc);
  g_assert_cmpstr (got, ==, "Headline here Body text .");
  g_assert_cmpuint (g_array_index (doc->tokens, LedeToken, 2).start, ==, body - text);

  /* running the layer again gives the same table */
  lede_tokens_annotate (model, doc);
  g_assert_cmpuint (doc->tokens->len, ==, 5);
}

static void
test_empty (void)
{
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = tokenize ("", 0, &buffer);
  g_autofree char *buffer2 = NULL;
  g_autoptr(LedeDoc) doc2 = tokenize (" \n\t \xC2\xA0 ", 8, &buffer2);

  g_assert_cmpuint (doc->tokens->len, ==, 0);
  g_assert_cmpuint (doc2->tokens->len, ==, 0);
}

/* Input built to break scanners: each must finish quickly and stay well formed. */
static void
test_hostile (void)
{
  gsize size = g_getenv ("LEDE_TEST_QUICK") ? 100000 : 1000000;
  const char *units[] = {
    "a", "a.", "a.b", "1,", "1.", "a@", "a-", "'", "’", "a'", "x.y@", "..", ". ", "\n",
    "\n\n", "$", "http://", "«", "\xE2\x80\xA6", "\0", "Mr. ", "n't", "a+b.", "é",
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
      doc = tokenize (text->str, text->len, &buffer);
      check_well_formed (doc);
      /* linear: a megabyte takes milliseconds, never seconds */
      g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
      g_string_free (text, TRUE);
    }
}

/* Random valid UTF-8 built from tricky pieces: always well formed. */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "a", "Mr", ".", " ", "\n", "'", "’", "s", "n't", "t", "-", "1", ",", "$", "%", "@",
    "http://x", "www.", "é", "\xE2\x80\xA6", "\"", "“", "(", ")", "U.S", "\t", "\0", "/",
    "&", "#", "?", "!", "°", "—",
  };
  GRand *rand = g_rand_new_with_seed (20221222);

  for (guint round = 0; round < 2000; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 60);
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      for (guint k = 0; k < n; k++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          g_string_append_len (text, piece, piece[0] == '\0' ? 1 : (gssize) strlen (piece));
        }
      doc = tokenize (text->str, text->len, &buffer);
      check_well_formed (doc);
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

  for (guint i = 0; i < G_N_ELEMENTS (split_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tokens/split/%02u", i);

      g_test_add_data_func (path, &split_cases[i], test_split);
    }
  g_test_add_func ("/tokens/kinds", test_kinds);
  g_test_add_func ("/tokens/blocks", test_blocks);
  g_test_add_func ("/tokens/empty", test_empty);
  g_test_add_func ("/tokens/hostile", test_hostile);
  g_test_add_func ("/tokens/random", test_random);
  status = g_test_run ();
  lede_model_free (model);
  return status;
}
