/* lede-cli-brat.c — writes one article's annotations as brat standoff
 * (https://brat.nlplab.org/standoff.html), the .ann beside the article's .txt:
 *
 *   T1<TAB>PERSON 25 39<TAB>Helka Arvidsen      an entity mention, typed as the mention
 *   *<TAB>Equiv T1 T4 T9                        the mentions of one entity
 *   A1<TAB>Media T3                             a news outlet's mention
 *   T5<TAB>DATE 44 53<TAB>Wednesday             a time expression ...
 *   #1<TAB>AnnotatorNotes T5<TAB>2023-03-01     ... and its TIMEX3 value
 *   T6<TAB>Attribution 80 84<TAB>said           an attribution: its trigger (the cue,
 *   T7<TAB>Source 71 79<TAB>Medvedev            or the content when there is none),
 *   T8<TAB>Cue 80 84<TAB>said                   its parts,
 *   T9<TAB>Content 60 70;85 92<TAB>"We will" stay  (pieces: a discontinuous span)
 *   E1<TAB>Attribution:T6 Source:T7 Cue:T8 Content:T9
 *   A2<TAB>Kind E1 direct
 *
 * Offsets are code points of the .txt, ends exclusive. A span over a line
 * break is cut into fragments at the break, as brat itself does (its text
 * field holds the fragments joined by one space). annotation.conf, written
 * once into the output directory, declares these types to brat.
 */
#include "lede-cli.h"

#include <string.h>

typedef struct {
  GString *out;
  const LedeHostText *text;
  guint next_t;   /* T ids */
  guint next_e;   /* E ids */
  guint next_a;   /* A ids */
  guint next_n;   /* # ids (notes) */
} Ann;

/* Appends " START END;START END\tTEXT" for code points [start, end) cut at
 * line breaks; FALSE (and nothing appended) when no fragment is left. */
static gboolean
append_fragments (Ann *ann, GString *offsets, GString *words, gint64 start, gint64 end)
{
  gint64 from = start;
  gboolean any = FALSE;

  for (gint64 i = start; i <= end; i++)
    {
      gsize len;
      const char *c = i < end ? lede_host_text_slice (ann->text, i, i + 1, &len) : NULL;

      if (c != NULL && *c != '\n' && *c != '\r')
        continue;
      if (i > from)
        {
          const char *piece = lede_host_text_slice (ann->text, from, i, &len);

          g_string_append_printf (offsets, "%s%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                  offsets->len > 0 ? ";" : "", from, i);
          if (words->len > 0)
            g_string_append_c (words, ' ');
          g_string_append_len (words, piece, (gssize) len);
          any = TRUE;
        }
      from = i + 1;
    }
  return any;
}

/* Writes a T line over one or more spans (given in order); returns its
 * number, or 0 when the spans hold no text. */
static guint
append_text_bound (Ann *ann, const char *type, const gint64 *starts, const gint64 *ends,
                   guint n_spans)
{
  g_autoptr(GString) offsets = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  gboolean any = FALSE;

  for (guint i = 0; i < n_spans; i++)
    any |= append_fragments (ann, offsets, words, starts[i], ends[i]);
  if (!any)
    return 0;
  g_string_append_printf (ann->out, "T%u\t%s %s\t", ++ann->next_t, type, offsets->str);
  g_string_append_len (ann->out, words->str, (gssize) words->len);
  g_string_append_c (ann->out, '\n');
  return ann->next_t;
}

static guint
append_span (Ann *ann, const char *type, JsonObject *span)
{
  gint64 start, end;

  if (!lede_host_text_span (ann->text, span, &start, &end))
    return 0;
  return append_text_bound (ann, type, &start, &end, 1);
}

/* brat type names are single tokens: Lede's types already are, but a type
 * this writer does not know is made one rather than trusted. */
static char *
type_name (const char *type)
{
  char *name = g_strdup (type != NULL && *type != '\0' ? type : "Entity");

  for (char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '_';
  return name;
}

static void
append_entities (Ann *ann, JsonObject *doc)
{
  JsonArray *entities = lede_host_array_member (doc, "entities");

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = lede_host_array_object (entities, i);
      JsonArray *mentions = lede_host_array_member (entity, "mentions");
      JsonNode *media = entity ? json_object_get_member (entity, "media") : NULL;
      gboolean is_media = media != NULL && JSON_NODE_HOLDS_VALUE (media)
                          && json_node_get_value_type (media) == G_TYPE_BOOLEAN
                          && json_node_get_boolean (media);
      g_autoptr(GString) equiv = g_string_new (NULL);
      guint n_written = 0;

      for (guint m = 0; mentions != NULL && m < json_array_get_length (mentions); m++)
        {
          JsonObject *mention = lede_host_array_object (mentions, m);
          g_autofree char *type = type_name (lede_host_string_member (mention, "type"));
          guint t = append_span (ann, type, mention);

          if (t == 0)
            continue;
          n_written++;
          g_string_append_printf (equiv, " T%u", t);
          if (is_media)
            g_string_append_printf (ann->out, "A%u\tMedia T%u\n", ++ann->next_a, t);
        }
      if (n_written > 1)
        g_string_append_printf (ann->out, "*\tEquiv%s\n", equiv->str);
    }
}

static void
append_timexes (Ann *ann, JsonObject *doc)
{
  JsonArray *timexes = lede_host_array_member (doc, "timexes");

  for (guint i = 0; timexes != NULL && i < json_array_get_length (timexes); i++)
    {
      JsonObject *timex = lede_host_array_object (timexes, i);
      g_autofree char *type = type_name (lede_host_string_member (timex, "type"));
      const char *value = lede_host_string_member (timex, "value");
      guint t = append_span (ann, type, timex);

      /* a note is one line: a value never holds a line break, but be sure */
      if (t != 0 && value != NULL && strpbrk (value, "\r\n") == NULL)
        g_string_append_printf (ann->out, "#%u\tAnnotatorNotes T%u\t%s\n", ++ann->next_n, t, value);
    }
}

/* The content's pieces when it has several, else the content itself. */
static guint
append_content (Ann *ann, JsonObject *quote)
{
  JsonArray *parts = lede_host_array_member (quote, "content_parts");
  guint n = parts ? json_array_get_length (parts) : 0;
  g_autofree gint64 *starts = g_new (gint64, MAX (n, 1));
  g_autofree gint64 *ends = g_new (gint64, MAX (n, 1));
  guint n_spans = 0;

  for (guint i = 0; i < n; i++)
    if (lede_host_text_span (ann->text, lede_host_array_object (parts, i),
                             &starts[n_spans], &ends[n_spans])
        /* brat wants fragments in order and apart */
        && (n_spans == 0 || starts[n_spans] >= ends[n_spans - 1]))
      n_spans++;
  if (n_spans == n && n > 1)
    return append_text_bound (ann, "Content", starts, ends, n_spans);
  return append_span (ann, "Content", lede_host_object_member (quote, "content"));
}

static void
append_quotes (Ann *ann, JsonObject *doc)
{
  JsonArray *quotes = lede_host_array_member (doc, "quotes");

  for (guint i = 0; quotes != NULL && i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = lede_host_array_object (quotes, i);
      JsonObject *cue = lede_host_object_member (quote, "cue");
      g_autofree char *kind = type_name (lede_host_string_member (quote, "kind"));
      guint trigger, source, cue_t, content;

      /* the event needs a trigger: the cue, or the content when none is written */
      trigger = append_span (ann, "Attribution", cue);
      if (trigger == 0)
        trigger = append_span (ann, "Attribution", lede_host_object_member (quote, "content"));
      if (trigger == 0)
        continue;
      source = append_span (ann, "Source", lede_host_object_member (quote, "source"));
      cue_t = append_span (ann, "Cue", cue);
      content = append_content (ann, quote);

      g_string_append_printf (ann->out, "E%u\tAttribution:T%u", ++ann->next_e, trigger);
      if (source != 0)
        g_string_append_printf (ann->out, " Source:T%u", source);
      if (cue_t != 0)
        g_string_append_printf (ann->out, " Cue:T%u", cue_t);
      if (content != 0)
        g_string_append_printf (ann->out, " Content:T%u", content);
      g_string_append_printf (ann->out, "\nA%u\tKind E%u %s\n", ++ann->next_a, ann->next_e, kind);
    }
}

char *
lede_cli_write_brat (JsonObject *doc, const LedeHostText *text)
{
  Ann ann = { .out = g_string_new (NULL), .text = text };

  append_entities (&ann, doc);
  append_timexes (&ann, doc);
  append_quotes (&ann, doc);
  return g_string_free (ann.out, FALSE);
}

/* brat's annotation.conf for what lede_cli_write_brat writes. */
const char lede_cli_brat_conf[] =
  "# brat configuration for the .ann files `lede annotate --format brat` writes\n"
  "[entities]\n"
  "PERSON\nORG\nGPE\nLOC\nFAC\nNORP\nEVENT\nMISC\n"
  "DATE\nTIME\nDURATION\nSET\n"
  "Source\nCue\nContent\n"
  "[relations]\n"
  "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n"
  "[events]\n"
  "Attribution\tSource?:Source, Cue?:Cue, Content?:Content\n"
  "[attributes]\n"
  "Media\tArg:<ENTITY>\n"
  "Kind\tArg:Attribution, Value:direct|indirect|mixed|report\n";

/* The base name of an article's .txt and .ann: its file's name without
 * ".txt", or its JSON Lines id; every byte other than [A-Za-z0-9_-] and an
 * inner '.' is written as %XX, so that different ids get different names and
 * none is hidden or leaves the directory. */
char *
lede_cli_brat_name (const char *path, const char *id)
{
  g_autofree char *base = NULL;
  GString *name = g_string_new (NULL);

  if (path != NULL)
    {
      base = g_path_get_basename (path);
      if (g_str_has_suffix (base, ".txt"))
        base[strlen (base) - 4] = '\0';
      id = base;
    }
  for (const char *p = id; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && p != id))
      g_string_append_c (name, *p);
    else
      g_string_append_printf (name, "%%%02X", (guchar) *p);
  return g_string_free (name, FALSE);
}

/* Writes DIR/NAME.txt (the text Lede annotated, to which the offsets refer)
 * and DIR/NAME.ann, each replaced whole (written aside, then renamed). */
gboolean
lede_cli_brat_write_files (const char *dir, const char *name, const char *text, gsize len,
                           const char *ann, GError **error)
{
  g_autofree char *txt_name = g_strconcat (name, ".txt", NULL);
  g_autofree char *ann_name = g_strconcat (name, ".ann", NULL);
  g_autofree char *txt_path = g_build_filename (dir, txt_name, NULL);
  g_autofree char *ann_path = g_build_filename (dir, ann_name, NULL);

  /* the .ann last: --resume takes an existing .ann as a finished article */
  return g_file_set_contents (txt_path, text, (gssize) len, error)
         && g_file_set_contents (ann_path, ann, -1, error);
}
