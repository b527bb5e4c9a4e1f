/* test-abi.c — the flat C ABI of lede.h, as a host sees it.
 *
 * Links the shared library (lede_dep) and uses nothing but lede.h for the
 * contract tests; the GModule tests load the built library by path
 * (LEDE_LIBRARY) as a plugin host would and look at which symbols it exports. */
#include <gmodule.h>
#include <stddef.h>
#include <string.h>

#include "lede-test-helpers.h"

static const char article[] =
  "WASHINGTON, Dec 21 (Reuters) - The city council voted on Tuesday to close the "
  "old bridge, Mayor Ana L\xC3\xB3pez said.\n\n"
  "\xE2\x80\x9CWe have no choice,\xE2\x80\x9D she told reporters last week. "
  "Repairs would cost $1.2 million (\xE2\x82\xAC" "1.1 million).\n\n"
  "Residents of Z\xC3\xBCrich Street \xF0\x9F\x98\x80 were not consulted, the report said.\n";

/* Checks an error block and releases it. */
static void
assert_error (lede_error *error, int32_t code)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (error->struct_size, >=, sizeof (lede_error));
  g_assert_cmpint (error->code, ==, code);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("error %d: %s", error->code, error->message);
  lede_free (error);
}

static void
test_abi_version (void)
{
  uint32_t version = lede_abi_version ();

  g_assert_cmpuint (version, ==, LEDE_ABI_VERSION);
  g_assert_cmpuint (version >> 16, ==, LEDE_ABI_MAJOR);
  g_assert_cmpuint (version & 0xFFFF, >=, LEDE_ABI_MINOR);
  g_assert_cmpuint (LEDE_ABI_MAJOR, ==, 1);
}

static void
test_plugin_info (void)
{
  const lede_plugin_descriptor *info = lede_plugin_info ();
  const uint64_t known = LEDE_CAP_STRUCTURE | LEDE_CAP_TOKENS | LEDE_CAP_SENTENCES
                         | LEDE_CAP_ENTITIES | LEDE_CAP_TIME | LEDE_CAP_QUOTES | LEDE_CAP_COREF
                         | LEDE_CAP_EVENTS | LEDE_CAP_UTF8_REPAIR;

  g_assert_nonnull (info);
  /* static: the same descriptor every time */
  g_assert_true (info == lede_plugin_info ());
  /* struct_size first, and covering every field this header knows */
  g_assert_cmpuint (offsetof (lede_plugin_descriptor, struct_size), ==, 0);
  g_assert_cmpuint (info->struct_size, >=, sizeof (lede_plugin_descriptor));
  g_assert_cmpuint (info->abi_major, ==, LEDE_ABI_MAJOR);
  g_assert_cmpuint (info->abi_minor, >=, LEDE_ABI_MINOR);
  g_assert_cmpuint (((uint32_t) info->abi_major << 16) | info->abi_minor, ==, lede_abi_version ());
  g_assert_cmpuint (info->schema_version, ==, 1);
  /* every build has structure, tokens, sentences and repair */
  g_assert_cmpuint (info->capabilities & LEDE_CAP_STRUCTURE, !=, 0);
  g_assert_cmpuint (info->capabilities & LEDE_CAP_TOKENS, !=, 0);
  g_assert_cmpuint (info->capabilities & LEDE_CAP_SENTENCES, !=, 0);
  g_assert_cmpuint (info->capabilities & LEDE_CAP_UTF8_REPAIR, !=, 0);
  if (info->abi_minor == LEDE_ABI_MINOR)
    g_assert_cmpuint (info->capabilities & ~known, ==, 0);

  g_assert_cmpstr (info->name, ==, "lede");
  g_assert_nonnull (info->version);
  g_assert_nonnull (info->description);
  g_assert_nonnull (info->license);
  g_assert_true (g_utf8_validate (info->version, -1, NULL));
  g_assert_true (g_utf8_validate (info->description, -1, NULL));
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+", info->version, 0, 0));
  g_assert_cmpstr (info->license, ==, "LGPL-2.1-or-later");
}

static void
test_annotator_new (void)
{
  static const char *const good[] = {
    NULL, "{}", " { } ", "{\"offsets\": \"utf16\"}", "{\"offsets\": \"byte\", \"tokens\": true}",
    "{\"repair\": true, \"pretty\": false}",
  };
  static const char *const bad[] = {
    "{", "[]", "42", "null", "\"codepoint\"", "{\"offsets\": \"furlongs\"}",
    "{\"offsets\": 16}", "{\"tokens\": 1}", "{\"repair\": \"yes\"}", "{\"bogus\": true}",
    "{\"date\": \"2022-12-22\"}",  /* metadata, not an option */
    "{\"tokens\": true,}", "\xFF",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      lede_error *error = NULL;
      lede_annotator *annotator = lede_annotator_new (good[i], &error);

      g_assert_nonnull (annotator);
      g_assert_null (error);
      lede_annotator_free (annotator);
      /* error may be NULL */
      annotator = lede_annotator_new (good[i], NULL);
      g_assert_nonnull (annotator);
      lede_annotator_free (annotator);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      lede_error *error = NULL;

      g_autofree char *escaped = g_strescape (bad[i], NULL);

      g_test_message ("options: %s", escaped);
      g_assert_null (lede_annotator_new (bad[i], &error));
      assert_error (error, LEDE_ERR_INVALID_OPTIONS);
      g_assert_null (lede_annotator_new (bad[i], NULL));
    }

  /* freeing NULL is fine */
  lede_annotator_free (NULL);
  lede_free (NULL);
}

static void
test_annotate_arguments (void)
{
  lede_annotator *annotator = lede_annotator_new (NULL, NULL);
  lede_error *error = NULL;
  char *json;

  /* NULL annotator */
  g_assert_null (lede_annotate (NULL, "text", 4, NULL, &error));
  assert_error (error, LEDE_ERR_INVALID_ARGUMENT);
  g_assert_null (lede_annotate (NULL, "text", 4, NULL, NULL));

  /* NULL text with a length */
  error = NULL;
  g_assert_null (lede_annotate (annotator, NULL, 10, NULL, &error));
  assert_error (error, LEDE_ERR_INVALID_ARGUMENT);
  g_assert_null (lede_annotate (annotator, NULL, 10, NULL, NULL));

  /* NULL text of length 0 is an empty article */
  error = NULL;
  json = lede_annotate (annotator, NULL, 0, NULL, &error);
  g_assert_null (error);
  g_assert_nonnull (json);
  {
    g_autoptr(JsonParser) parser = lede_test_parse (json);
    lede_test_check_output (json_parser_get_root (parser), "", 0, "codepoint");
  }
  lede_free (json);

  /* longer than the offsets can address: refused before the text is read */
  error = NULL;
  g_assert_null (lede_annotate (annotator, "x", (size_t) LEDE_MAX_TEXT_BYTES + 1, NULL, &error));
  assert_error (error, LEDE_ERR_TOO_LARGE);

  /* error == NULL is allowed on success */
  json = lede_annotate (annotator, article, sizeof article - 1, NULL, NULL);
  g_assert_nonnull (json);
  lede_free (json);

  lede_annotator_free (annotator);
}

static void
test_annotate_metadata_errors (void)
{
  static const char *const bad[] = {
    "{", "[1, 2]", "\"2022-12-22\"", "{\"date\": \"2022-13-40\"}", "{\"date\": \"2022-02-30\"}",
    "{\"date\": \"2022-12-2\"}", "{\"date\": \"yesterday\"}", "{\"date\": \"0000-01-01\"}",
    "{\"date\": 20221222}", "{\"date\": \"2022-12-22junk\"}", "{\"offsets\": \"furlongs\"}",
    "{\"offsets\": null}", "{\"tokens\": \"yes\"}", "{\"repair\": 1}", "{\"id\": [1]}",
  };
  lede_annotator *annotator = lede_annotator_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      lede_error *error = NULL;

      g_test_message ("metadata: %s", bad[i]);
      g_assert_null (lede_annotate (annotator, article, sizeof article - 1, bad[i], &error));
      assert_error (error, LEDE_ERR_INVALID_METADATA);
      g_assert_null (lede_annotate (annotator, article, sizeof article - 1, bad[i], NULL));
    }
  lede_annotator_free (annotator);
}

static void
test_annotate_metadata (void)
{
  lede_annotator *annotator = lede_annotator_new (NULL, NULL);
  static const struct {
    const char *meta;
    const char *date;   /* expected document.date, NULL for null */
    const char *id;
  } cases[] = {
    { NULL, NULL, NULL },
    { "", NULL, NULL },
    { "{}", NULL, NULL },
    { "{\"date\": \"2022-12-22\"}", "2022-12-22", NULL },
    { "{\"date\": \"2022-12-22T08:30:00Z\", \"id\": \"a-1\"}", "2022-12-22", "a-1" },
    { "{\"date\": null, \"id\": 42}", NULL, "42" },
    { "{\"date\": \"2024-02-29\", \"url\": \"https://example.com/x\", \"title\": \"ignored\"}",
      "2024-02-29", NULL },
    { "{\"id\": \"quote \\\" and \\u00e9\"}", NULL, "quote \" and \xC3\xA9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *root, *document;

      g_test_message ("metadata: %s", cases[i].meta ? cases[i].meta : "NULL");
      json = lede_test_annotate (annotator, article, sizeof article - 1, cases[i].meta);
      parser = lede_test_parse (json);
      lede_test_check_output (json_parser_get_root (parser), article, sizeof article - 1, "codepoint");
      root = json_node_get_object (json_parser_get_root (parser));
      document = json_object_get_object_member (root, "document");
      if (cases[i].date)
        g_assert_cmpstr (json_object_get_string_member (document, "date"), ==, cases[i].date);
      else
        g_assert_true (json_object_get_null_member (document, "date"));
      if (cases[i].id)
        g_assert_cmpstr (json_object_get_string_member (root, "id"), ==, cases[i].id);
      else
        g_assert_false (json_object_has_member (root, "id"));
    }
  lede_annotator_free (annotator);
}

/* Offsets, tokens and pretty from the annotator, overridden per call. */
static void
test_annotate_options (void)
{
  static const struct {
    const char *options;
    const char *meta;
    const char *unit;
    gboolean    tokens;
    gboolean    pretty;
  } cases[] = {
    { NULL, NULL, "codepoint", FALSE, FALSE },
    { "{\"offsets\": \"utf16\"}", NULL, "utf16", FALSE, FALSE },
    { "{\"offsets\": \"byte\"}", NULL, "byte", FALSE, FALSE },
    { "{\"tokens\": true}", NULL, "codepoint", TRUE, FALSE },
    { "{\"pretty\": true}", NULL, "codepoint", FALSE, TRUE },
    { NULL, "{\"offsets\": \"utf16\", \"tokens\": true}", "utf16", TRUE, FALSE },
    { "{\"offsets\": \"utf16\", \"tokens\": true}", "{\"offsets\": \"byte\", \"tokens\": false}",
      "byte", FALSE, FALSE },
    { "{\"pretty\": true}", "{\"pretty\": false, \"offsets\": \"codepoint\"}", "codepoint", FALSE, FALSE },
  };
  g_autofree char *compact = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      lede_error *error = NULL;
      lede_annotator *annotator = lede_annotator_new (cases[i].options, &error);
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonObject *root;

      g_assert_null (error);
      json = lede_test_annotate (annotator, article, sizeof article - 1, cases[i].meta);
      parser = lede_test_parse (json);
      lede_test_check_output (json_parser_get_root (parser), article, sizeof article - 1, cases[i].unit);
      root = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_has_member (root, "tokens"), ==, cases[i].tokens);
      if (cases[i].tokens)
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tokens")), >, 0);
      g_assert_cmpint (strchr (json, '\n') != NULL, ==, cases[i].pretty);

      /* pretty or not, the same document */
      if (g_str_equal (cases[i].unit, "codepoint") && !cases[i].tokens)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *normalized = NULL;

          json_generator_set_root (generator, json_parser_get_root (parser));
          normalized = json_generator_to_data (generator, NULL);
          if (compact == NULL)
            compact = g_steal_pointer (&normalized);
          else
            g_assert_cmpstr (normalized, ==, compact);
        }
      lede_annotator_free (annotator);
    }
}

/* An error through the flat ABI names the byte, in position and in the message. */
static void
test_annotate_invalid_utf8 (void)
{
  static const char text[] = "Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xC0\xAF more";
  lede_annotator *annotator = lede_annotator_new (NULL, NULL);
  lede_error *error = NULL;
  g_autofree char *copy = lede_test_exact_copy (text, sizeof text - 1);

  g_assert_null (lede_annotate (annotator, copy, sizeof text - 1, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (error->code, ==, LEDE_ERR_INVALID_UTF8);
  g_assert_cmpint (error->position, ==, 15);
  g_assert_nonnull (strstr (error->message, "15"));
  lede_free (error);

  /* other errors have no position */
  error = NULL;
  g_assert_null (lede_annotate (annotator, copy, sizeof text - 1, "{", &error));
  g_assert_cmpint (error->position, ==, -1);
  lede_free (error);
  lede_annotator_free (annotator);
}

/* The result does not depend on the text staying alive, nor on earlier calls. */
static void
test_annotate_repeatable (void)
{
  lede_annotator *annotator = lede_annotator_new ("{\"tokens\": true}", NULL);
  g_autofree char *first = lede_test_annotate (annotator, article, sizeof article - 1,
                                               "{\"date\": \"2022-12-22\"}");
  lede_annotator *other = lede_annotator_new ("{\"tokens\": true}", NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *other_json = lede_test_annotate (other, "Hello.", 6, NULL);
      g_autofree char *again = lede_test_annotate (annotator, article, sizeof article - 1,
                                                   "{\"date\": \"2022-12-22\"}");

      g_assert_cmpstr (again, ==, first);
      g_assert_nonnull (other_json);
    }
  lede_annotator_free (annotator);
  lede_annotator_free (other);
}

/* Every lede_* function of both public headers, as a host would look them up. */
static const char *const exported[] = {
  /* lede.h */
  "lede_abi_version", "lede_plugin_info", "lede_annotator_new", "lede_annotator_free",
  "lede_annotate", "lede_free",
  /* lede-gobject.h and the generated enum types */
  "lede_error_quark", "lede_annotator_get_type", "lede_document_get_type",
  "lede_annotator_new_from_json", "lede_annotator_annotate",
  "lede_document_get_text", "lede_document_get_date", "lede_document_get_offset_unit",
  "lede_document_get_repaired", "lede_document_get_warnings", "lede_document_to_json",
  "lede_document_get_n_blocks", "lede_document_get_block", "lede_document_get_n_sentences",
  "lede_document_get_sentence", "lede_document_get_n_tokens", "lede_document_get_token",
  "lede_document_get_n_timexes", "lede_document_get_timex", "lede_document_get_span_text",
  "lede_error_get_type", "lede_offset_unit_get_type", "lede_structure_kind_get_type",
  "lede_token_kind_get_type",
  /* makes the module resident */
  "g_module_check_init",
};

/* Internal functions that share the lede_ prefix the version script lets
 * through: hidden visibility must keep them out. */
static const char *const internal[] = {
  "lede_json_write", "lede_doc_new", "lede_doc_free", "lede_doc_warn", "lede_doc_convert_offset",
  "lede_pipeline_run", "lede_annotator_run", "lede_options_parse", "lede_offset_unit_to_string",
  "lede_model_new", "lede_model_free", "lede_structure_annotate", "lede_tokens_annotate",
  "lede_sentences_annotate", "lede_time_annotate", "lede_document_new_take",
  "lede_structure_kind_to_string", "lede_token_kind_to_string", "lede_timex_type_to_string",
  "lede_resources_get_resource", "lede_resources_register_resource",
  "lede_resources_unregister_resource",
};

static GModule *
open_library (void)
{
  const char *path = g_getenv ("LEDE_LIBRARY");
  GModule *module;

  if (path == NULL)
    {
      g_test_skip ("LEDE_LIBRARY is not set (run through meson test)");
      return NULL;
    }
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    g_error ("g_module_open (%s): %s", path, g_module_error ());
  return module;
}

static void
test_gmodule_symbols (void)
{
  GModule *module = open_library ();

  if (module == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (exported); i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (module, exported[i], &symbol))
        g_error ("%s is not exported: %s", exported[i], g_module_error ());
      g_assert_nonnull (symbol);
    }
  for (guint i = 0; i < G_N_ELEMENTS (internal); i++)
    {
      gpointer symbol = NULL;

      if (g_module_symbol (module, internal[i], &symbol))
        g_error ("%s is exported but is internal", internal[i]);
      g_assert_null (symbol);
    }
  g_assert_true (g_module_close (module));
}

/* The whole round trip through looked-up pointers only. */
static void
test_gmodule_host (void)
{
  GModule *module = open_library ();
  uint32_t (*abi_version) (void);
  const lede_plugin_descriptor *(*plugin_info) (void);
  lede_annotator *(*annotator_new) (const char *, lede_error **);
  void (*annotator_free) (lede_annotator *);
  char *(*annotate) (const lede_annotator *, const char *, size_t, const char *, lede_error **);
  void (*free_) (void *);
  lede_annotator *annotator;
  lede_error *error = NULL;
  char *json;

  if (module == NULL)
    return;
  g_assert_true (g_module_symbol (module, "lede_abi_version", (gpointer *) &abi_version));
  g_assert_true (g_module_symbol (module, "lede_plugin_info", (gpointer *) &plugin_info));
  g_assert_true (g_module_symbol (module, "lede_annotator_new", (gpointer *) &annotator_new));
  g_assert_true (g_module_symbol (module, "lede_annotator_free", (gpointer *) &annotator_free));
  g_assert_true (g_module_symbol (module, "lede_annotate", (gpointer *) &annotate));
  g_assert_true (g_module_symbol (module, "lede_free", (gpointer *) &free_));

  /* what a host checks before anything else */
  g_assert_cmpuint (abi_version () >> 16, ==, LEDE_ABI_MAJOR);
  g_assert_cmpuint (abi_version () & 0xFFFF, >=, LEDE_ABI_MINOR);
  g_assert_cmpuint (plugin_info ()->struct_size, >=, offsetof (lede_plugin_descriptor, license)
                                                     + sizeof (const char *));

  annotator = annotator_new ("{\"offsets\": \"utf16\"}", &error);
  g_assert_null (error);
  json = annotate (annotator, article, sizeof article - 1, "{\"date\": \"2022-12-22\"}", &error);
  g_assert_null (error);
  {
    g_autoptr(JsonParser) parser = lede_test_parse (json);
    lede_test_check_output (json_parser_get_root (parser), article, sizeof article - 1, "utf16");
  }
  free_ (json);
  g_assert_null (annotate (annotator, "\xFF", 1, NULL, &error));
  g_assert_cmpint (error->code, ==, LEDE_ERR_INVALID_UTF8);
  g_assert_cmpint (error->position, ==, 0);
  free_ (error);
  annotator_free (annotator);

  /* g_module_check_init made it resident: closing must not unload it */
  g_assert_true (g_module_close (module));
  g_assert_cmpuint (lede_abi_version (), ==, LEDE_ABI_VERSION);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/abi/version", test_abi_version);
  g_test_add_func ("/abi/plugin-info", test_plugin_info);
  g_test_add_func ("/abi/annotator-new", test_annotator_new);
  g_test_add_func ("/abi/annotate/arguments", test_annotate_arguments);
  g_test_add_func ("/abi/annotate/metadata-errors", test_annotate_metadata_errors);
  g_test_add_func ("/abi/annotate/metadata", test_annotate_metadata);
  g_test_add_func ("/abi/annotate/options", test_annotate_options);
  g_test_add_func ("/abi/annotate/invalid-utf8", test_annotate_invalid_utf8);
  g_test_add_func ("/abi/annotate/repeatable", test_annotate_repeatable);
  g_test_add_func ("/abi/gmodule/symbols", test_gmodule_symbols);
  g_test_add_func ("/abi/gmodule/host", test_gmodule_host);

  return g_test_run ();
}
