/* lede-cli-conll.c — writes one article's entity mentions as CoNLL BIO:
 *
 *   -DOCSTART- -X- -X- O
 *   <blank>
 *   Helka 25 30 B-PERSON
 *   Arvidsen 31 39 I-PERSON
 *   arrived 40 47 O
 *   ...
 *   <blank>                  after each sentence
 *
 * One token per line: the token, its start and end in code points, and its
 * label last (where conlleval reads the guess). A token overlapping an entity
 * mention is inside it: B- on the mention's first such token, I- after.
 * Whitespace inside a token (which Lede's tokenizer does not make) would
 * break the columns, so it is written as '_'; the offsets stay exact.
 * Mentions outside sentences (a reporter named in a credit line) have no
 * tokens and so no labels.
 */
#include "lede-cli.h"

typedef struct {
  gint64 start, end;
  const char *type;
} Mention;

static int
compare_mentions (gconstpointer a, gconstpointer b)
{
  const Mention *x = a, *y = b;

  return x->start != y->start ? (x->start < y->start ? -1 : 1)
                              : (x->end < y->end ? -1 : x->end > y->end);
}

static GArray *
collect_mentions (JsonObject *doc, const LedeHostText *text)
{
  JsonArray *entities = lede_host_array_member (doc, "entities");
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (Mention));

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonArray *list = lede_host_array_member (lede_host_array_object (entities, i), "mentions");

      for (guint m = 0; list != NULL && m < json_array_get_length (list); m++)
        {
          JsonObject *object = lede_host_array_object (list, m);
          Mention mention = { .type = lede_host_string_member (object, "type") };

          if (mention.type != NULL
              && lede_host_text_span (text, object, &mention.start, &mention.end)
              && mention.end > mention.start)
            g_array_append_val (mentions, mention);
        }
    }
  g_array_sort (mentions, compare_mentions);
  return mentions;
}

static void
append_token (GString *out, const LedeHostText *text, gint64 start, gint64 end)
{
  gsize len;
  const char *p = lede_host_text_slice (text, start, end, &len);
  const char *stop = p + len;

  for (; p < stop; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
}

char *
lede_cli_write_conll (JsonObject *doc, const LedeHostText *text)
{
  JsonArray *tokens = lede_host_array_member (doc, "tokens");
  JsonArray *sentences = lede_host_array_member (doc, "sentences");
  g_autoptr(GArray) mentions = collect_mentions (doc, text);
  GString *out = g_string_new ("-DOCSTART- -X- -X- O\n\n");
  guint n_sentences = sentences ? json_array_get_length (sentences) : 0;
  guint sentence = 0, mention = 0;
  gint64 sentence_end = -1;       /* end of the sentence being written, -1 before one */
  guint last_labelled = G_MAXUINT; /* the mention that has had its B- */

  for (guint i = 0; tokens != NULL && i < json_array_get_length (tokens); i++)
    {
      gint64 start, end, s_start = 0, s_end = 0;
      const Mention *m = NULL;

      if (!lede_host_text_span (text, lede_host_array_object (tokens, i), &start, &end))
        continue;
      /* a token past the sentence being written closes it */
      if (sentence_end >= 0 && start >= sentence_end)
        {
          g_string_append_c (out, '\n');
          sentence_end = -1;
        }
      if (sentence_end < 0)
        {
          while (sentence < n_sentences
                 && lede_host_text_span (text, lede_host_array_object (sentences, sentence),
                                         &s_start, &s_end)
                 && s_end <= start)
            sentence++;
          /* outside every sentence: the token is a sentence of its own */
          sentence_end = sentence < n_sentences && s_start <= start ? s_end : end;
        }

      while (mention < mentions->len && g_array_index (mentions, Mention, mention).end <= start)
        mention++;
      if (mention < mentions->len && g_array_index (mentions, Mention, mention).start < end)
        m = &g_array_index (mentions, Mention, mention);

      append_token (out, text, start, end);
      g_string_append_printf (out, " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " ", start, end);
      if (m == NULL)
        g_string_append (out, "O\n");
      else
        {
          g_string_append_printf (out, "%s-%s\n", last_labelled == mention ? "I" : "B", m->type);
          last_labelled = mention;
        }
    }
  if (sentence_end >= 0)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
