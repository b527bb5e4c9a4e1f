/* lede-cli-webanno.c — writes one article's annotations as W3C Web Annotation
 * (https://www.w3.org/TR/annotation-model/), JSON-LD with the anno.jsonld
 * context: an AnnotationPage whose items are
 *   - one Annotation per entity mention (motivation "tagging"; bodies: the
 *     type, purpose "tagging", and the entity's canonical name, "identifying");
 *   - one per time expression (bodies: the TIMEX3 type, "tagging", and its
 *     normalized value, "describing");
 *   - one per attribution, targeting the content (bodies: the kind,
 *     "classifying"; the source's text segment, "identifying"; the cue's,
 *     "describing").
 * Every text segment is selected twice, as the model allows: a
 * TextPositionSelector in code points and a TextQuoteSelector (exact, with up
 * to 32 code points of prefix and suffix).
 *
 * Written by hand into a GString, not through JsonBuilder: a JSON string
 * built by json-glib ends at a NUL, and an article may hold NUL characters.
 */
#include "lede-cli.h"

#include <string.h>

/* Context around a TextQuoteSelector's exact text: enough to find it again
 * in a changed document, as the model suggests. */
#define QUOTE_CONTEXT 32

static void
append_json_string (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString *out, const char *name, const char *value)
{
  g_string_append_printf (out, "\"%s\":", name);
  append_json_string (out, value, strlen (value));
}

typedef struct {
  GString *out;
  const LedeHostText *text;
  const char *source;   /* the article's IRI */
  guint n_items;
} Page;

/* "selector": [position, quote] for code points [start, end). */
static void
append_selectors (Page *page, gint64 start, gint64 end)
{
  gint64 before = MAX (0, start - QUOTE_CONTEXT);
  gint64 after = MIN ((gint64) page->text->n_chars, end + QUOTE_CONTEXT);
  const char *piece;
  gsize len;

  g_string_append_printf (page->out,
                          "\"selector\":[{\"type\":\"TextPositionSelector\",\"start\":%" G_GINT64_FORMAT
                          ",\"end\":%" G_GINT64_FORMAT "},{\"type\":\"TextQuoteSelector\",\"exact\":",
                          start, end);
  piece = lede_host_text_slice (page->text, start, end, &len);
  append_json_string (page->out, piece, len);
  g_string_append (page->out, ",\"prefix\":");
  piece = lede_host_text_slice (page->text, before, start, &len);
  append_json_string (page->out, piece, len);
  g_string_append (page->out, ",\"suffix\":");
  piece = lede_host_text_slice (page->text, end, after, &len);
  append_json_string (page->out, piece, len);
  g_string_append (page->out, "}]");
}

static void
append_textual_body (Page *page, const char *value, const char *purpose)
{
  g_string_append (page->out, "{\"type\":\"TextualBody\",");
  append_member (page->out, "value", value);
  g_string_append (page->out, ",\"format\":\"text/plain\",");
  append_member (page->out, "purpose", purpose);
  g_string_append (page->out, "}");
}

/* A body that is another segment of the same article. */
static gboolean
append_segment_body (Page *page, JsonObject *span, const char *purpose)
{
  gint64 start, end;

  if (!lede_host_text_span (page->text, span, &start, &end))
    return FALSE;
  g_string_append (page->out, ",{\"type\":\"SpecificResource\",");
  append_member (page->out, "source", page->source);
  g_string_append_c (page->out, ',');
  append_member (page->out, "purpose", purpose);
  g_string_append_c (page->out, ',');
  append_selectors (page, start, end);
  g_string_append (page->out, "}");
  return TRUE;
}

/* Opens an Annotation up to its body array; the caller appends the bodies
 * and calls close_annotation with the target span. */
static void
open_annotation (Page *page, const char *motivation)
{
  g_autofree char *id = NULL;

  if (page->n_items++ > 0)
    g_string_append_c (page->out, ',');
  id = g_strdup_printf ("%s#lede-%u", page->source, page->n_items);
  g_string_append (page->out, "{");
  append_member (page->out, "id", id);
  g_string_append (page->out, ",\"type\":\"Annotation\",");
  append_member (page->out, "motivation", motivation);
  g_string_append (page->out, ",\"body\":[");
}

static void
close_annotation (Page *page, gint64 start, gint64 end)
{
  g_string_append (page->out, "],\"target\":{");
  append_member (page->out, "source", page->source);
  g_string_append_c (page->out, ',');
  append_selectors (page, start, end);
  g_string_append (page->out, "}}");
}

static void
append_entities (Page *page, JsonObject *doc)
{
  JsonArray *entities = lede_host_array_member (doc, "entities");

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = lede_host_array_object (entities, i);
      JsonArray *mentions = lede_host_array_member (entity, "mentions");
      const char *canonical = lede_host_string_member (entity, "canonical");

      for (guint m = 0; mentions != NULL && m < json_array_get_length (mentions); m++)
        {
          JsonObject *mention = lede_host_array_object (mentions, m);
          const char *type = lede_host_string_member (mention, "type");
          gint64 start, end;

          if (type == NULL || !lede_host_text_span (page->text, mention, &start, &end))
            continue;
          open_annotation (page, "tagging");
          append_textual_body (page, type, "tagging");
          if (canonical != NULL)
            {
              g_string_append_c (page->out, ',');
              append_textual_body (page, canonical, "identifying");
            }
          close_annotation (page, start, end);
        }
    }
}

static void
append_timexes (Page *page, JsonObject *doc)
{
  JsonArray *timexes = lede_host_array_member (doc, "timexes");

  for (guint i = 0; timexes != NULL && i < json_array_get_length (timexes); i++)
    {
      JsonObject *timex = lede_host_array_object (timexes, i);
      const char *type = lede_host_string_member (timex, "type");
      const char *value = lede_host_string_member (timex, "value");
      gint64 start, end;

      if (type == NULL || !lede_host_text_span (page->text, timex, &start, &end))
        continue;
      open_annotation (page, "tagging");
      append_textual_body (page, type, "tagging");
      if (value != NULL)
        {
          g_string_append_c (page->out, ',');
          append_textual_body (page, value, "describing");
        }
      close_annotation (page, start, end);
    }
}

static void
append_quotes (Page *page, JsonObject *doc)
{
  JsonArray *quotes = lede_host_array_member (doc, "quotes");

  for (guint i = 0; quotes != NULL && i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = lede_host_array_object (quotes, i);
      const char *kind = lede_host_string_member (quote, "kind");
      gint64 start, end;

      if (kind == NULL
          || !lede_host_text_span (page->text, lede_host_object_member (quote, "content"),
                                   &start, &end))
        continue;
      open_annotation (page, "classifying");
      append_textual_body (page, kind, "classifying");
      append_segment_body (page, lede_host_object_member (quote, "source"), "identifying");
      append_segment_body (page, lede_host_object_member (quote, "cue"), "describing");
      close_annotation (page, start, end);
    }
}

char *
lede_cli_write_webanno (JsonObject *doc, const LedeHostText *text, const char *source)
{
  Page page = { .out = g_string_new (NULL), .text = text, .source = source };

  g_autofree char *id = g_strconcat (source, "#lede", NULL);

  g_string_append (page.out, "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",");
  append_member (page.out, "id", id);
  g_string_append (page.out, ",\"type\":\"AnnotationPage\",\"items\":[");
  append_entities (&page, doc);
  append_timexes (&page, doc);
  append_quotes (&page, doc);
  g_string_append (page.out, "]}\n");
  return g_string_free (page.out, FALSE);
}

/* The IRI an article's annotations target: its file as a file: URI, or a URN
 * made of the id a JSON Lines input gave it. */
char *
lede_cli_webanno_source (const char *path, const char *id)
{
  g_autofree char *escaped = NULL;

  if (path != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      char *uri = g_filename_to_uri (absolute, NULL, NULL);

      if (uri != NULL)
        return uri;
    }
  escaped = g_uri_escape_string (id != NULL ? id : "stdin", NULL, FALSE);
  return g_strconcat ("urn:x-lede:article:", escaped, NULL);
}
