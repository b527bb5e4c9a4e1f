/* lede-options.c — annotator options and per-article metadata, both JSON objects. */
#include "lede-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

const char *
lede_offset_unit_to_string (LedeOffsetUnit unit)
{
  switch (unit)
    {
    case LEDE_OFFSET_UTF16: return "utf16";
    case LEDE_OFFSET_BYTE: return "byte";
    case LEDE_OFFSET_CODEPOINT:
    default: return "codepoint";
    }
}

static gboolean
parse_offset_unit (const char *name, LedeOffsetUnit *unit)
{
  if (g_strcmp0 (name, "codepoint") == 0)
    *unit = LEDE_OFFSET_CODEPOINT;
  else if (g_strcmp0 (name, "utf16") == 0)
    *unit = LEDE_OFFSET_UTF16;
  else if (g_strcmp0 (name, "byte") == 0)
    *unit = LEDE_OFFSET_BYTE;
  else
    return FALSE;
  return TRUE;
}

/* "YYYY-MM-DD", optionally followed by a time ("2022-12-22T08:00:00Z"), whose
 * date part is what a news article's publication date means. */
static gboolean
parse_date (const char *s, GDate *date)
{
  guint y, m, d;
  char tail;

  if (strlen (s) < 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  tail = s[10];
  if (tail != '\0' && tail != 'T' && tail != ' ')
    return FALSE;
  y = (guint) g_ascii_strtoull (s, NULL, 10);
  m = (guint) g_ascii_strtoull (s + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (s + 8, NULL, 10);
  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static const struct {
  const char *name;
  guint64     layer;
  guint64     needs;   /* the layers it reads */
} layer_names[] = {
  { "structure", LEDE_CAP_STRUCTURE, 0 },
  { "tokens", LEDE_CAP_TOKENS, LEDE_CAP_STRUCTURE },
  { "sentences", LEDE_CAP_SENTENCES, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS },
  { "entities", LEDE_CAP_ENTITIES, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES },
  { "time", LEDE_CAP_TIME, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES },
  { "coref", LEDE_CAP_COREF, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES
                             | LEDE_CAP_ENTITIES },
  /* quote sources that are pronouns or titles resolve through coreference */
  { "quotes", LEDE_CAP_QUOTES, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES
                               | LEDE_CAP_ENTITIES | LEDE_CAP_TIME | LEDE_CAP_COREF },
  { "events", LEDE_CAP_EVENTS, LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES
                               | LEDE_CAP_ENTITIES | LEDE_CAP_TIME | LEDE_CAP_COREF
                               | LEDE_CAP_QUOTES },
};

/* "layers": ["sentences", ...] — the layers to run, each with the layers it reads. */
static gboolean
member_layers (JsonNode *node, guint64 *layers, GError **error, int code)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LEDE_ERROR, code, "\"layers\" must be an array of layer names");
      return FALSE;
    }
  array = json_node_get_array (node);
  *layers = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = NULL;
      gboolean known = FALSE;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        name = json_node_get_string (element);
      for (guint k = 0; name != NULL && k < G_N_ELEMENTS (layer_names); k++)
        if (strcmp (name, layer_names[k].name) == 0)
          {
            *layers |= layer_names[k].layer | layer_names[k].needs;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, LEDE_ERROR, code,
                       "\"layers\" names an unknown layer%s%s%s (known: structure, tokens, "
                       "sentences, entities, time, coref, quotes, events)",
                       name ? " \"" : "", name ? name : "", name ? "\"" : "");
          return FALSE;
        }
    }
  /* structure always runs: it is what keeps boilerplate out of everything else */
  *layers |= LEDE_CAP_STRUCTURE;
  return TRUE;
}

static gboolean
member_boolean (JsonNode *node, const char *key, gboolean *out, GError **error, int code)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, LEDE_ERROR, code, "\"%s\" must be true or false", key);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
member_string (JsonNode *node, const char *key, const char **out, GError **error, int code)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, LEDE_ERROR, code, "\"%s\" must be a string", key);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* Options are strict (an unknown key is a mistake worth hearing about);
 * metadata may carry keys for other consumers (url, title, ...) and those are
 * ignored. A NULL or empty string means no change. */
gboolean
lede_options_parse (LedeOptions *options, const char *json, gboolean is_metadata,
                    GDate *date, char **id, GError **error)
{
  int code = is_metadata ? LEDE_ERROR_INVALID_METADATA : LEDE_ERROR_INVALID_OPTIONS;
  const char *what = is_metadata ? "metadata" : "options";
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (json == NULL || *json == '\0')
    return TRUE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      g_set_error (error, LEDE_ERROR, code, "%s are not valid JSON: %s", what, parse_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LEDE_ERROR, code, "%s must be a JSON object", what);
      return FALSE;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      const char *s;

      if (strcmp (key, "offsets") == 0)
        {
          if (!member_string (node, key, &s, error, code))
            return FALSE;
          if (!parse_offset_unit (s, &options->offsets))
            {
              g_set_error (error, LEDE_ERROR, code,
                           "\"offsets\" must be \"codepoint\", \"utf16\" or \"byte\", not \"%s\"", s);
              return FALSE;
            }
        }
      else if (strcmp (key, "tokens") == 0)
        {
          if (!member_boolean (node, key, &options->tokens, error, code))
            return FALSE;
        }
      else if (strcmp (key, "repair") == 0)
        {
          if (!member_boolean (node, key, &options->repair, error, code))
            return FALSE;
        }
      else if (strcmp (key, "layers") == 0)
        {
          if (!member_layers (node, &options->layers, error, code))
            return FALSE;
        }
      else if (strcmp (key, "pretty") == 0)
        {
          if (!member_boolean (node, key, &options->pretty, error, code))
            return FALSE;
        }
      else if (is_metadata && strcmp (key, "date") == 0)
        {
          if (JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!member_string (node, key, &s, error, code))
            return FALSE;
          if (!parse_date (s, date))
            {
              g_set_error (error, LEDE_ERROR, code,
                           "\"date\" must be a calendar date YYYY-MM-DD, not \"%s\"", s);
              return FALSE;
            }
        }
      else if (is_metadata && strcmp (key, "id") == 0)
        {
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
            *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (member_string (node, key, &s, error, code))
            *id = g_strdup (s);
          else
            return FALSE;
        }
      else if (!is_metadata)
        {
          g_set_error (error, LEDE_ERROR, code, "unknown option \"%s\"", key);
          return FALSE;
        }
    }
  return TRUE;
}
