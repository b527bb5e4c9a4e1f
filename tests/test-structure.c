/* test-structure.c — the structure layer: paragraphs, headline, caption,
 * credit, dateline and boilerplate blocks, on hard cases and on real articles.
 *
 * Every text goes in as an exact-size heap copy (no NUL after it), and every
 * result is held to the layer's invariants: blocks in order, never
 * overlapping, trimmed, never across a paragraph break, and every character
 * that is not white space inside some block (no text is lost). */
#include "lede-private.h"

#include <string.h>

static LedeModel *model;

/* ---- helpers ------------------------------------------------------------- */

/* White space outside blocks and at their edges: what the layer trims. */
static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == '\v' || c == 0x200B || c == 0xFEFF;
}

static gunichar
char_at (const LedeDoc *doc, guint32 p)
{
  return g_utf8_get_char (doc->text + p);
}

static guint32
char_before (const LedeDoc *doc, guint32 p)
{
  const char *prev = g_utf8_find_prev_char (doc->text, doc->text + p);

  return prev - doc->text;
}

static void
check_inside (const LedeBlock *b, LedeSpan s)
{
  if (LEDE_SPAN_IS_SET (s))
    {
      g_assert_cmpuint (s.start, >=, b->span.start);
      g_assert_cmpuint (s.end, <=, b->span.end);
    }
  else
    g_assert_cmpuint (s.start, ==, s.end);
}

static void
check_invariants (const LedeDoc *doc)
{
  guint32 covered = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const LedeBlock *b = &g_array_index (doc->blocks, LedeBlock, i);
      gboolean line_blank = FALSE;

      g_assert_cmpuint (b->span.start, <, b->span.end);
      g_assert_cmpuint (b->span.end, <=, doc->len);
      g_assert_cmpuint (b->span.start, >=, covered);
      g_assert_false (is_space_char (char_at (doc, b->span.start)));
      /* A dateline keeps the space after its dash; every other block is trimmed. */
      if (b->kind != LEDE_STRUCTURE_DATELINE)
        g_assert_false (is_space_char (char_at (doc, char_before (doc, b->span.end))));
      check_inside (b, b->who);
      check_inside (b, b->agency);
      check_inside (b, b->when);

      /* Nothing outside blocks but white space. */
      for (guint32 p = covered; p < b->span.start; p = g_utf8_next_char (doc->text + p) - doc->text)
        g_assert_true (is_space_char (char_at (doc, p)));

      /* No paragraph break inside a block: no U+2029, no blank line. */
      for (guint32 p = b->span.start; p < b->span.end;
           p = g_utf8_next_char (doc->text + p) - doc->text)
        {
          gunichar c = char_at (doc, p);

          g_assert_cmpuint (c, !=, 0x2029);
          if (c == '\n' || c == '\r' || c == 0x2028)
            {
              if (c == '\r' && p + 1 < b->span.end && doc->text[p + 1] == '\n')
                p++;
              g_assert_false (line_blank);
              line_blank = TRUE;
            }
          else if (!is_space_char (c))
            line_blank = FALSE;
        }
      covered = b->span.end;
    }
  for (guint32 p = covered; p < doc->len; p = g_utf8_next_char (doc->text + p) - doc->text)
    g_assert_true (is_space_char (char_at (doc, p)));
}

/* A doc over an exact-size copy of text with its structure annotated; the
 * copy is returned in *buffer and must outlive the doc. */
static LedeDoc *
annotate (const char *text, gsize len, char **buffer)
{
  static const LedeOptions options = { .offsets = LEDE_OFFSET_BYTE };
  g_autoptr(GError) error = NULL;
  LedeDoc *doc;

  *buffer = len > 0 ? g_memdup2 (text, len) : NULL;
  doc = lede_doc_new (&options, *buffer, len, FALSE, &error);
  g_assert_no_error (error);
  lede_structure_annotate (model, doc);
  check_invariants (doc);
  return doc;
}

static char *
span_text (const LedeDoc *doc, LedeSpan s)
{
  return LEDE_SPAN_IS_SET (s) ? g_strndup (doc->text + s.start, s.end - s.start) : NULL;
}

typedef struct {
  LedeStructureKind kind;
  const char       *text;
  const char       *subkind;   /* NULL: none */
  const char       *who;       /* NULL: unset */
  const char       *agency;
  const char       *when;
} Want;

#define MAX_WANT 20

typedef struct {
  const char *name;
  const char *text;
  Want        want[MAX_WANT];   /* ends at the first entry without text */
} Case;

#define H LEDE_STRUCTURE_HEADLINE
#define CAP LEDE_STRUCTURE_CAPTION
#define CR LEDE_STRUCTURE_CREDIT
#define DL LEDE_STRUCTURE_DATELINE
#define BP LEDE_STRUCTURE_BOILERPLATE
#define P LEDE_STRUCTURE_PARAGRAPH

/* One line per block, "kind "text" subkind who=... agency=... when=...", so
 * that a failure shows the whole structure against the wanted one. */
static void
describe (GString *out, LedeStructureKind kind, const char *text, gsize len,
          const char *subkind, const char *who, const char *agency, const char *when)
{
  g_autofree char *copy = g_strndup (text, len);   /* stops at a NUL: fine for a message */
  g_autofree char *escaped = g_strescape (copy, NULL);

  g_string_append_printf (out, "%s \"%s\"", lede_structure_kind_to_string (kind), escaped);
  if (subkind != NULL)
    g_string_append_printf (out, " %s", subkind);
  if (who != NULL)
    g_string_append_printf (out, " who=\"%s\"", who);
  if (agency != NULL)
    g_string_append_printf (out, " agency=\"%s\"", agency);
  if (when != NULL)
    g_string_append_printf (out, " when=\"%s\"", when);
  g_string_append_c (out, '\n');
}

static void
check_blocks (const LedeDoc *doc, const Want *want)
{
  g_autoptr(GString) got = g_string_new ("\n"), wanted = g_string_new ("\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const LedeBlock *b = &g_array_index (doc->blocks, LedeBlock, i);
      g_autofree char *who = span_text (doc, b->who);
      g_autofree char *agency = span_text (doc, b->agency);
      g_autofree char *when = span_text (doc, b->when);

      describe (got, b->kind, doc->text + b->span.start, b->span.end - b->span.start,
                b->subkind, who, agency, when);
    }
  for (guint i = 0; i < MAX_WANT && want[i].text != NULL; i++)
    describe (wanted, want[i].kind, want[i].text, strlen (want[i].text), want[i].subkind,
              want[i].who, want[i].agency, want[i].when);
  g_assert_cmpstr (got->str, ==, wanted->str);
}

static void
run_cases (const Case *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      g_test_message ("%s", cases[i].name);
      doc = annotate (cases[i].text, strlen (cases[i].text), &buffer);
      check_blocks (doc, cases[i].want);
    }
}

static guint
count_kind (const LedeDoc *doc, LedeStructureKind kind)
{
  guint n = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    n += g_array_index (doc->blocks, LedeBlock, i).kind == kind;
  return n;
}

/* ---- paragraphs and lines ------------------------------------------------ */

static const Case paragraph_cases[] = {
  { "hard-wrapped paragraphs stay whole",
    "The council met on Monday to discuss\nthe budget for the coming year.\n\n\n"
    "It voted on Tuesday, and the motion\npassed by a wide margin.",
    { { P, "The council met on Monday to discuss\nthe budget for the coming year." },
      { P, "It voted on Tuesday, and the motion\npassed by a wide margin." } } },
  { "no blank lines: every line is a paragraph",
    "\n\nThe council met on Monday.\nIt voted on Tuesday.\n  The motion passed.  \n\n",
    { { P, "The council met on Monday." },
      { P, "It voted on Tuesday." },
      { P, "The motion passed." } } },
  { "white-space-only lines are blank; spans are trimmed",
    "  \tThe council met on Monday.\xC2\xA0\n \xE3\x80\x80 \n\xE2\x80\x83The vote came later.\t",
    { { P, "The council met on Monday." },
      { P, "The vote came later." } } },
  { "CR, CRLF and U+2028 break lines; U+2029 breaks paragraphs",
    "The council met.\r\nIt voted\rlate\xE2\x80\xA8" "at night.\xE2\x80\xA9The motion passed.",
    { { P, "The council met.\r\nIt voted\rlate\xE2\x80\xA8" "at night." },
      { P, "The motion passed." } } },
  { "a blank line made of CRs",
    "The council met.\r\r\rThe motion passed.\r",
    { { P, "The council met." },
      { P, "The motion passed." } } },
  { "non-ASCII text and a BOM",
    "\xEF\xBB\xBFZ\xC3\xBCrich f\xC3\xA4hrt fort.\n\n\xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82",
    { { P, "Z\xC3\xBCrich f\xC3\xA4hrt fort." },
      { P, "\xE5\x8C\x97\xE4\xBA\xAC\xE3\x80\x82" } } },
};

static void
test_paragraphs (void)
{
  run_cases (paragraph_cases, G_N_ELEMENTS (paragraph_cases));
}

static void
test_empty (void)
{
  static const char *const texts[] = { "", "\n", "\n\n\r\n  \t\n", "\xE2\x80\xA9\xE2\x80\xA8 \xC2\xA0" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = annotate (texts[i], strlen (texts[i]), &buffer);

      g_assert_cmpuint (doc->blocks->len, ==, 0);
    }
}

static void
test_nul (void)
{
  static const char text[] = "\0The council met.\0\n\nThe\0motion passed.\n\n\0\n";
  g_autofree char *buffer = NULL;
  g_autoptr(LedeDoc) doc = annotate (text, sizeof text - 1, &buffer);
  const LedeBlock *b;

  /* NUL is an ordinary character: it is neither a line break nor trimmed. */
  g_assert_cmpuint (doc->blocks->len, ==, 3);
  b = &g_array_index (doc->blocks, LedeBlock, 0);
  g_assert_cmpuint (b->span.start, ==, 0);
  g_assert_cmpuint (b->span.end, ==, 18);
  b = &g_array_index (doc->blocks, LedeBlock, 1);
  g_assert_cmpmem (doc->text + b->span.start, b->span.end - b->span.start,
                   "The\0motion passed.", 18);
  b = &g_array_index (doc->blocks, LedeBlock, 2);
  g_assert_cmpuint (b->span.end - b->span.start, ==, 1);
  g_assert_cmpint (doc->text[b->span.start], ==, '\0');
}

/* ---- headline ------------------------------------------------------------ */

static const Case headline_cases[] = {
  { "a short line before a blank line",
    "Storm closes harbour for third day\n\nThe harbour stayed shut on Friday.",
    { { H, "Storm closes harbour for third day" },
      { P, "The harbour stayed shut on Friday." } } },
  { "line paragraphs: the first line",
    "Storm closes harbour for third day\nThe harbour stayed shut on Friday.\nShips waited.",
    { { H, "Storm closes harbour for third day" },
      { P, "The harbour stayed shut on Friday." },
      { P, "Ships waited." } } },
  { "a question, and an abbreviation at the end",
    "Will the harbour reopen before the U.S.\n\nNobody knows.",
    { { H, "Will the harbour reopen before the U.S." },
      { P, "Nobody knows." } } },
  { "a terminal period makes a paragraph",
    "The harbour stayed shut on Friday.\n\nShips waited.",
    { { P, "The harbour stayed shut on Friday." },
      { P, "Ships waited." } } },
  { "a titled first line of a group is carved out",
    "Storm Closes Harbour For Third Day\nThe harbour stayed shut on Friday as the\nstorm went on."
    "\n\nShips waited.",
    { { H, "Storm Closes Harbour For Third Day" },
      { P, "The harbour stayed shut on Friday as the\nstorm went on." },
      { P, "Ships waited." } } },
  { "the first wrapped line of a paragraph is no headline",
    "The harbour stayed shut on Friday as the\nstorm went on for a third day.\n\nShips waited.",
    { { P, "The harbour stayed shut on Friday as the\nstorm went on for a third day." },
      { P, "Ships waited." } } },
  { "two sentences are no headline",
    "Good morning everybody, welcome back. Today is Wednesday\nShips waited.",
    { { P, "Good morning everybody, welcome back. Today is Wednesday" },
      { P, "Ships waited." } } },
  { "a titled headline wrapped over two lines",
    "New Institutional Economics: Theoretical Foundations and Application\n"
    "to the Argentine Case\nThe study begins with a survey of the\nliterature.\n\nIt ends.",
    { { H, "New Institutional Economics: Theoretical Foundations and Application\n"
           "to the Argentine Case" },
      { P, "The study begins with a survey of the\nliterature." },
      { P, "It ends." } } },
  { "nothing after it: a paragraph",
    "Storm closes harbour for third day\n",
    { { P, "Storm closes harbour for third day" } } },
  { "only the first line can be the headline",
    "The harbour stayed shut.\n\nStorm closes harbour\n\nShips waited.",
    { { P, "The harbour stayed shut." },
      { P, "Storm closes harbour" },
      { P, "Ships waited." } } },
  { "a dateline-led first line is a paragraph",
    "OSLO (Reuters) - Storm closes harbour\n\nShips waited.",
    { { DL, "OSLO (Reuters) - ", NULL, "OSLO", "Reuters" },
      { P, "Storm closes harbour" },
      { P, "Ships waited." } } },
  { "boilerplate before it does not count",
    "Advertisement\n\nStorm closes harbour\n\nShips waited.",
    { { BP, "Advertisement", "advert" },
      { H, "Storm closes harbour" },
      { P, "Ships waited." } } },
};

static void
test_headline (void)
{
  run_cases (headline_cases, G_N_ELEMENTS (headline_cases));
}

/* ---- captions ------------------------------------------------------------ */

static const Case caption_cases[] = {
  { "a position cue in the first line",
    "Mayor Ann Berg greets visiting Governor Lars Holm (left) on the 3rd.\n\nThe two met at noon.",
    { { CAP, "Mayor Ann Berg greets visiting Governor Lars Holm (left) on the 3rd." },
      { P, "The two met at noon." } } },
  { "cues anywhere in the body: photo credits and openers",
    "The mayor spoke at noon.\n\n"
    "Crowds outside the town hall on Friday. Image: Nick Moreau.\n\n"
    "Protesters march through the old town (Reuters/Tom Vik)\n\n"
    "Photo: The flooded main square.\n\n"
    "Ann Berg and Lars Holm (centre) at the opening (file photo)\n\n"
    "The mayor, pictured in 2019.\n\n"
    "The council voted later.",
    { { P, "The mayor spoke at noon." },
      { CAP, "Crowds outside the town hall on Friday. Image: Nick Moreau." },
      { CAP, "Protesters march through the old town (Reuters/Tom Vik)" },
      { CAP, "Photo: The flooded main square." },
      { CAP, "Ann Berg and Lars Holm (centre) at the opening (file photo)" },
      { CAP, "The mayor, pictured in 2019." },
      { P, "The council voted later." } } },
  { "weak cues in reported speech stay paragraphs",
    "Senator Ann Berg (R) said the bill would pass.\n\n"
    "The mayor, pictured, told reporters he would resign.\n\n"
    "Governor Holm (L) shakes hands with the mayor.",
    { { P, "Senator Ann Berg (R) said the bill would pass." },
      { P, "The mayor, pictured, told reporters he would resign." },
      { CAP, "Governor Holm (L) shakes hands with the mayor." } } },
  { "one sentence right before the credit",
    "Ferries wait outside the closed harbour on Friday.\n\n"
    "By Jane Doe\n\nThe harbour stayed shut.",
    { { CAP, "Ferries wait outside the closed harbour on Friday." },
      { CR, "By Jane Doe", "byline", "Jane Doe" },
      { P, "The harbour stayed shut." } } },
  { "one sentence right before the dateline, after a headline",
    "Storm closes harbour\n\nFerries wait outside the closed harbour on Friday.\n\n"
    "OSLO, May 3 (AP) \xE2\x80\x94 The harbour stayed shut.",
    { { H, "Storm closes harbour" },
      { CAP, "Ferries wait outside the closed harbour on Friday." },
      { DL, "OSLO, May 3 (AP) \xE2\x80\x94 ", NULL, "OSLO", "AP", "May 3" },
      { P, "The harbour stayed shut." } } },
  { "a cue in a paragraph longer than any caption is no caption",
    "Governor Holm (left) and the mayor met on Friday to sign the agreement that ends "
    "the long dispute over the harbour. The two had not spoken in public since the storm "
    "closed the port in March, and their offices had traded accusations over the repairs "
    "for most of the spring. The agreement splits the cost of the new sea wall between "
    "the city and the region, sets a date for the reopening of the ferry terminal and "
    "names an engineer to oversee the work. Shipping companies, which had threatened to "
    "move their routes to the next port along the coast, welcomed the deal but said they "
    "would wait for the first ferries to sail before they changed their timetables for "
    "the summer season." "\n\nIt was signed.",
    { { P,
           "Governor Holm (left) and the mayor met on Friday to sign the agreement that ends "
           "the long dispute over the harbour. The two had not spoken in public since the storm "
           "closed the port in March, and their offices had traded accusations over the repairs "
           "for most of the spring. The agreement splits the cost of the new sea wall between "
           "the city and the region, sets a date for the reopening of the ferry terminal and "
           "names an engineer to oversee the work. Shipping companies, which had threatened to "
           "move their routes to the next port along the coast, welcomed the deal but said they "
           "would wait for the first ferries to sail before they changed their timetables for "
           "the summer season." },
      { P, "It was signed." } } },
  { "a wrapped headline and a wrapped caption",
    "Storm closes harbour as ferries wait for\nthe weather to turn\n\n"
    "Ferries wait outside the closed harbour\non Friday (file photo)\n\n"
    "The harbour stayed shut.",
    { { H, "Storm closes harbour as ferries wait for\nthe weather to turn" },
      { CAP, "Ferries wait outside the closed harbour\non Friday (file photo)" },
      { P, "The harbour stayed shut." } } },
};

static void
test_caption (void)
{
  run_cases (caption_cases, G_N_ELEMENTS (caption_cases));
}

/* ---- credits ------------------------------------------------------------- */

static const Case credit_cases[] = {
  { "bracketed compiled credit opening a paragraph",
    "[Compiled Ann Berg/Comprehensive Report] The harbour stayed shut.\nShips waited.",
    { { CR, "[Compiled Ann Berg/Comprehensive Report]", "compiled", "Ann Berg",
        "Comprehensive Report" },
      { P, "The harbour stayed shut." },
      { P, "Ships waited." } } },
  { "bracket forms: 'by', full-width brackets, no label, names optional",
    "Storm closes harbour\n\n"
    "[Compiled by Ann Berg and Lars Holm] Ships waited.\n\n"
    "\xE3\x80\x90Reporter Lin Wei/Taipei Report\xE3\x80\x91 Ferries waited.\n\n"
    "[Ann Berg/Oslo] Boats waited.\n\n"
    "[Staff Reporter/Oslo]\nNobody sailed.",
    { { H, "Storm closes harbour" },
      { CR, "[Compiled by Ann Berg and Lars Holm]", "compiled", "Ann Berg and Lars Holm" },
      { P, "Ships waited." },
      { CR, "\xE3\x80\x90Reporter Lin Wei/Taipei Report\xE3\x80\x91", "reported", "Lin Wei",
        "Taipei Report" },
      { P, "Ferries waited." },
      { CR, "[Ann Berg/Oslo]", "byline", "Ann Berg", "Oslo" },
      { P, "Boats waited." },
      { CR, "[Staff Reporter/Oslo]", "staff", NULL, "Oslo" },
      { P, "Nobody sailed." } } },
  { "brackets that are no credit",
    "[Updated at noon] The harbour stayed shut.\n\n[1] Ships waited.",
    { { P, "[Updated at noon] The harbour stayed shut." },
      { P, "[1] Ships waited." } } },
  { "bylines",
    "Storm closes harbour\n\n"
    "By Jane Doe\n\n"
    "By Jane Doe and John Roe, Reuters\n\n"
    "By JANE DOE | Staff Writer\n\n"
    "By Jane Doe, John Roe and Ann Poe\n\n"
    "By Jane van der Berg, The Associated Press\n\n"
    "The harbour stayed shut.",
    { { H, "Storm closes harbour" },
      { CR, "By Jane Doe", "byline", "Jane Doe" },
      { CR, "By Jane Doe and John Roe, Reuters", "byline", "Jane Doe and John Roe", "Reuters" },
      { CR, "By JANE DOE | Staff Writer", "byline", "JANE DOE", "Staff Writer" },
      { CR, "By Jane Doe, John Roe and Ann Poe", "byline", "Jane Doe, John Roe and Ann Poe" },
      { CR, "By Jane van der Berg, The Associated Press", "byline", "Jane van der Berg",
        "The Associated Press" },
      { P, "The harbour stayed shut." } } },
  { "sentences that open with 'By'",
    "By Tuesday, the troops had left.\n\nBy Christmas Eve, most shops had closed.\n\n"
    "By the time he arrived, it was over.\n\nBy Jane Doe's count, nine ships sank.",
    { { P, "By Tuesday, the troops had left." },
      { P, "By Christmas Eve, most shops had closed." },
      { P, "By the time he arrived, it was over." },
      { P, "By Jane Doe's count, nine ships sank." } } },
  { "labelled credit lines and trailers",
    "The harbour stayed shut.\n\nShips waited.\n\n"
    "Our correspondent\n\n"
    "By Our Correspondent\n\n"
    "Written by John Smith\n\n"
    "JANE DOE, Staff Writer\n\n"
    "From staff reports\n\n"
    "(Reporting by Jane Doe in Oslo; Editing by Will Roe)\n\n"
    "Reporting by Jane Doe and Ann Poe; Additional reporting by Lars Holm in Bergen\n\n"
    "Editing by Will Roe and Ann Poe",
    { { P, "The harbour stayed shut." },
      { P, "Ships waited." },
      { CR, "Our correspondent", "correspondent" },
      { CR, "By Our Correspondent", "correspondent" },
      { CR, "Written by John Smith", "writer", "John Smith" },
      { CR, "JANE DOE, Staff Writer", "staff", "JANE DOE", "Staff Writer" },
      { CR, "From staff reports", "staff" },
      { CR, "(Reporting by Jane Doe in Oslo; Editing by Will Roe)", "edited", "Jane Doe" },
      { CR, "Reporting by Jane Doe and Ann Poe; Additional reporting by Lars Holm in Bergen",
        "reported", "Jane Doe and Ann Poe" },
      { CR, "Editing by Will Roe and Ann Poe", "edited", "Will Roe and Ann Poe" } } },
  { "a credit line inside a group splits it",
    "The harbour stayed\nshut on Friday.\nBy Jane Doe\nShips waited\nfor days.\n\nEnd.",
    { { P, "The harbour stayed\nshut on Friday." },
      { CR, "By Jane Doe", "byline", "Jane Doe" },
      { P, "Ships waited\nfor days." },
      { P, "End." } } },
};

static void
test_credit (void)
{
  run_cases (credit_cases, G_N_ELEMENTS (credit_cases));
}

/* ---- datelines ----------------------------------------------------------- */

static const Case dateline_cases[] = {
  { "agency datelines",
    "BEIJING (Reuters) - The talks began.\n\n"
    "WASHINGTON, Dec 21 (Reuters) - The talks went on.\n\n"
    "LONDON, Dec. 21 (AP) \xE2\x80\x94 The talks ended.\n\n"
    "(AFP) -- Nothing was agreed.\n\n"
    "RIO DE JANEIRO, 21 December 2022 (Xinhua) \xE2\x80\x93 Talks resumed.",
    { { DL, "BEIJING (Reuters) - ", NULL, "BEIJING", "Reuters" },
      { P, "The talks began." },
      { DL, "WASHINGTON, Dec 21 (Reuters) - ", NULL, "WASHINGTON", "Reuters", "Dec 21" },
      { P, "The talks went on." },
      { DL, "LONDON, Dec. 21 (AP) \xE2\x80\x94 ", NULL, "LONDON", "AP", "Dec. 21" },
      { P, "The talks ended." },
      { DL, "(AFP) -- ", NULL, NULL, "AFP" },
      { P, "Nothing was agreed." },
      { DL, "RIO DE JANEIRO, 21 December 2022 (Xinhua) \xE2\x80\x93 ", NULL, "RIO DE JANEIRO",
        "Xinhua", "21 December 2022" },
      { P, "Talks resumed." } } },
  { "datelines without an agency",
    "KYIV, Ukraine \xE2\x80\x94 Shelling went on overnight.\n\n"
    "NEW YORK: The markets fell.",
    { { DL, "KYIV, Ukraine \xE2\x80\x94 ", NULL, "KYIV, Ukraine" },
      { P, "Shelling went on overnight." },
      { DL, "NEW YORK: ", NULL, "NEW YORK" },
      { P, "The markets fell." } } },
  { "a dateline after a credit on the same line",
    "[Compiled Ann Berg/Comprehensive Report] OSLO (NTB) - The harbour stayed shut.",
    { { CR, "[Compiled Ann Berg/Comprehensive Report]", "compiled", "Ann Berg",
        "Comprehensive Report" },
      { DL, "OSLO (NTB) - ", NULL, "OSLO", "NTB" },
      { P, "The harbour stayed shut." } } },
  { "look-alikes that are no dateline",
    "Meanwhile \xE2\x80\x94 the markets fell.\n\n"
    "However, Smith \xE2\x80\x94 who was there \xE2\x80\x94 said no.\n\n"
    "Note: The markets fell.\n\n"
    "UPDATE: The markets fell.\n\n"
    "WASHINGTON-based groups objected.",
    { { P, "Meanwhile \xE2\x80\x94 the markets fell." },
      { P, "However, Smith \xE2\x80\x94 who was there \xE2\x80\x94 said no." },
      { P, "Note: The markets fell." },
      { P, "UPDATE: The markets fell." },
      { P, "WASHINGTON-based groups objected." } } },
  { "past the second paragraph only agency datelines",
    "The talks began.\n\nThe talks went on.\n\n"
    "JOHN SMITH: I think they will fail.\n\n"
    "BERGEN (NTB) - The talks ended.",
    { { P, "The talks began." },
      { P, "The talks went on." },
      { P, "JOHN SMITH: I think they will fail." },
      { DL, "BERGEN (NTB) - ", NULL, "BERGEN", "NTB" },
      { P, "The talks ended." } } },
};

static void
test_dateline (void)
{
  run_cases (dateline_cases, G_N_ELEMENTS (dateline_cases));
}

/* ---- boilerplate --------------------------------------------------------- */

static const Case boilerplate_cases[] = {
  { "prompts and their subkinds",
    "The harbour stayed shut.\n\n"
    "Please read on...\n\nAdvertisement\n\nADVERTISEMENT\n\nRead more: Ferries cancelled\n\n"
    "READ MORE:\n\nClick here to subscribe\n\nSubscribe to our newsletter\n\n"
    "Sign up for our morning briefing\n\nShare this article\n\nShare on Facebook\n\n"
    "Follow us on Twitter\n\nContinue reading\n\nStory continues below\n\n"
    "Related: Ferries cancelled\n\nAlso read: Ferries cancelled\n\nScroll to continue\n\n"
    "Copyright 2022 Northern Wire. All rights reserved.\n\nAll rights reserved",
    { { P, "The harbour stayed shut." },
      { BP, "Please read on...", "read-more" },
      { BP, "Advertisement", "advert" },
      { BP, "ADVERTISEMENT", "advert" },
      { BP, "Read more: Ferries cancelled", "read-more" },
      { BP, "READ MORE:", "read-more" },
      { BP, "Click here to subscribe", "subscribe" },
      { BP, "Subscribe to our newsletter", "newsletter" },
      { BP, "Sign up for our morning briefing", "newsletter" },
      { BP, "Share this article", "share" },
      { BP, "Share on Facebook", "share" },
      { BP, "Follow us on Twitter", "follow" },
      { BP, "Continue reading", "continue" },
      { BP, "Story continues below", "continue" },
      { BP, "Related: Ferries cancelled", "related" },
      { BP, "Also read: Ferries cancelled", "related" },
      { BP, "Scroll to continue", "continue" },
      { BP, "Copyright 2022 Northern Wire. All rights reserved.", "copyright" },
      { BP, "All rights reserved", "copyright" } } },
  { "paragraphs that merely mention a prompt",
    "Share prices fell on Monday.\n\n"
    "Subscribers complained that the service was slow, the company said.\n\n"
    "Related to this, the minister spoke.\n\n"
    "Copyright law in the union is complex.\n\n"
    "Advertisement campaigns were banned last year.\n\n"
    "Sign up closes on Friday, the organisers said.\n\n"
    "Readers who want to subscribe to the paper can do so online, and many did so this year "
    "after the harbour story ran on the front page for a week.",
    { { P, "Share prices fell on Monday." },
      { P, "Subscribers complained that the service was slow, the company said." },
      { P, "Related to this, the minister spoke." },
      { P, "Copyright law in the union is complex." },
      { P, "Advertisement campaigns were banned last year." },
      { P, "Sign up closes on Friday, the organisers said." },
      { P, "Readers who want to subscribe to the paper can do so online, and many did so this "
           "year after the harbour story ran on the front page for a week." } } },
  { "an advert line inside a wrapped paragraph splits it",
    "The harbour stayed shut\nADVERTISEMENT\non Friday.\n\nEnd.",
    { { P, "The harbour stayed shut" },
      { BP, "ADVERTISEMENT", "advert" },
      { P, "on Friday." },
      { P, "End." } } },
};

static void
test_boilerplate (void)
{
  run_cases (boilerplate_cases, G_N_ELEMENTS (boilerplate_cases));
}

/* ---- articles ------------------------------------------------------------ */

static char *
shared_data_path (const char *name)
{
  const char *dir = g_getenv ("LEDE_SHARED_DATA");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "data", name, NULL);
}

static void
check_article_text (const char *path, const char *credit_who, const char *credit_agency,
                    guint n_paragraphs)
{
  g_autofree char *contents = NULL, *buffer = NULL;
  g_autofree char *first_line = NULL, *who = NULL, *agency = NULL;
  g_autoptr(LedeDoc) doc = NULL;
  const LedeBlock *caption, *credit, *boilerplate = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      g_autofree char *message = g_strdup_printf ("%s is absent", path);

      g_test_skip (message);
      return;
    }
  doc = annotate (contents, len, &buffer);

  /* The caption is the first line. */
  first_line = g_strndup (contents, strcspn (contents, "\n"));
  caption = &g_array_index (doc->blocks, LedeBlock, 0);
  g_assert_cmpint (caption->kind, ==, LEDE_STRUCTURE_CAPTION);
  g_assert_cmpuint (caption->span.start, ==, 0);
  g_assert_cmpuint (caption->span.end, ==, strlen (first_line));

  /* The bracketed credit opens the first body paragraph. */
  credit = &g_array_index (doc->blocks, LedeBlock, 1);
  g_assert_cmpint (credit->kind, ==, LEDE_STRUCTURE_CREDIT);
  g_assert_cmpstr (credit->subkind, ==, "compiled");
  who = span_text (doc, credit->who);
  agency = span_text (doc, credit->agency);
  g_assert_cmpstr (who, ==, credit_who);
  g_assert_cmpstr (agency, ==, credit_agency);
  g_assert_cmpint (g_array_index (doc->blocks, LedeBlock, 2).kind, ==, LEDE_STRUCTURE_PARAGRAPH);
  g_assert_cmpuint (g_array_index (doc->blocks, LedeBlock, 2).span.start, >, credit->span.end);

  for (guint i = 0; i < doc->blocks->len; i++)
    if (g_array_index (doc->blocks, LedeBlock, i).kind == LEDE_STRUCTURE_BOILERPLATE)
      {
        g_assert_null (boilerplate);
        boilerplate = &g_array_index (doc->blocks, LedeBlock, i);
      }
  g_assert_nonnull (boilerplate);
  g_assert_cmpmem (doc->text + boilerplate->span.start,
                   boilerplate->span.end - boilerplate->span.start, "Please read on...", 17);

  g_assert_cmpuint (count_kind (doc, LEDE_STRUCTURE_PARAGRAPH), ==, n_paragraphs);
  g_assert_cmpuint (count_kind (doc, LEDE_STRUCTURE_HEADLINE), ==, 0);
  g_assert_cmpuint (count_kind (doc, LEDE_STRUCTURE_DATELINE), ==, 0);
  g_assert_cmpuint (doc->blocks->len, ==, n_paragraphs + 3);
}

static void
test_sample_article (void)
{
  g_autofree char *path = shared_data_path ("sample-article.txt");

  check_article_text (path, "Chen Chengliang", "Comprehensive Report", 9);
}

static void
test_example_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "examples",
                                                 "example-article.txt", NULL);

  check_article_text (path, "Mara Voss", "International Desk", 10);
}

/* ---- robustness ---------------------------------------------------------- */

static void
test_large (void)
{
  gsize big = g_getenv ("LEDE_TEST_QUICK") ? 256 * 1024 : 4 * 1024 * 1024;
  g_autoptr(GString) text = g_string_new ("Storm closes harbour\n\n");

  /* One long line, then 100,000 blank lines, then short line paragraphs. */
  while (text->len < big)
    g_string_append (text, "The harbour stayed shut (left) as the storm went on. ");
  g_string_append (text, "End.");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i % 3 ? "\n" : " \r\n");
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "Ships waited.\n\n");

  {
    g_autofree char *buffer = NULL;
    g_autoptr(LedeDoc) doc = annotate (text->str, text->len, &buffer);

    g_assert_cmpuint (doc->blocks->len, ==, 1002);
    g_assert_cmpint (g_array_index (doc->blocks, LedeBlock, 0).kind, ==, LEDE_STRUCTURE_HEADLINE);
    g_assert_cmpint (g_array_index (doc->blocks, LedeBlock, 1).kind, ==, LEDE_STRUCTURE_PARAGRAPH);
  }

  /* Nothing but line breaks: no blocks. */
  g_string_truncate (text, 0);
  while (text->len < big)
    g_string_append (text, "\n\r\n\r\xE2\x80\xA8\xE2\x80\xA9");
  {
    g_autofree char *buffer = NULL;
    g_autoptr(LedeDoc) doc = annotate (text->str, text->len, &buffer);

    g_assert_cmpuint (doc->blocks->len, ==, 0);
  }
}

/* Random texts from pieces that trigger every rule, held to the invariants. */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "\n", "\n\n", "\r", "\r\n", "\xE2\x80\xA8", "\xE2\x80\xA9", " ", "\t", "\xC2\xA0",
    "\xE3\x80\x80", "\xEF\xBB\xBF", "\0", "The", "harbour", "stayed", "shut.", "Ann", "Berg",
    "(left)", "(L)", "(", ")", "[", "]", "/", "-", "\xE2\x80\x94", ":", ",", ";", "By ",
    "[Compiled Ann Berg/Comprehensive Report]", "BEIJING (Reuters) - ", "OSLO, Dec 21 ",
    "Advertisement", "Please read on...", "Read more:", "Image: Nick Moreau.", "Copyright 2022",
    "(Reporting by Jane Doe; Editing by Will Roe)", "\xE3\x80\x90", "\xE3\x80\x91", "U.S.",
    "pictured", "said", "\"", "\xC3\xA9", "\xF0\x9F\x98\x80", "in", "and",
  };
  guint n_texts = g_getenv ("LEDE_TEST_QUICK") ? 300 : 3000;

  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 60);
      g_autofree char *buffer = NULL;
      g_autoptr(LedeDoc) doc = NULL;

      for (guint k = 0; k < n; k++)
        {
          const char *piece = pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))];

          if (*piece == '\0')
            g_string_append_c (text, '\0');
          else
            g_string_append (text, piece);
          if (g_test_rand_bit ())
            g_string_append_c (text, ' ');
        }
      doc = annotate (text->str, text->len, &buffer);
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

  g_test_add_func ("/structure/empty", test_empty);
  g_test_add_func ("/structure/paragraphs", test_paragraphs);
  g_test_add_func ("/structure/nul", test_nul);
  g_test_add_func ("/structure/headline", test_headline);
  g_test_add_func ("/structure/caption", test_caption);
  g_test_add_func ("/structure/credit", test_credit);
  g_test_add_func ("/structure/dateline", test_dateline);
  g_test_add_func ("/structure/boilerplate", test_boilerplate);
  g_test_add_func ("/structure/sample-article", test_sample_article);
  g_test_add_func ("/structure/example-article", test_example_article);
  g_test_add_func ("/structure/large", test_large);
  g_test_add_func ("/structure/random", test_random);

  status = g_test_run ();
  lede_model_free (model);
  return status;
}
