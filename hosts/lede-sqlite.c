/* lede-sqlite.c — Lede as a SQLite loadable extension.
 *
 *   .load build/hosts/lede-sqlite
 *   SELECT lede_annotate(body, published) FROM articles;           -- Lede's JSON
 *   SELECT a.id, e.type, e.text, e.start FROM articles AS a,
 *          lede_entities(a.body, a.published) AS e;                -- one row per mention
 *
 * The extension loads liblede at run time through its flat C ABI, as any
 * third-party host would (lede-host-loader.c). Each table-valued function is
 * an eponymous virtual table whose hidden columns `article` and `date` are its
 * arguments; its rows are read from the JSON document Lede returns. Offsets
 * are code points, which is what SQLite's own substr() and length() count on
 * TEXT, so substr(body, start + 1, end - start) is the row's text.
 *
 * Bad input is a SQL error with Lede's message: a NULL, a number or a BLOB
 * where the article's text belongs, text that is not UTF-8, a bad date.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "lede-host-loader.h"
#include "lede-host-text.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The library and one annotator, shared by every function the extension
 * registers on a connection; the last function SQLite drops frees them. */
typedef struct {
  LedeLibrary *lib;
  lede_annotator *annotator;
} Extension;

static Extension *
extension_ref (Extension *ext)
{
  return g_atomic_rc_box_acquire (ext);
}

static void
extension_clear (Extension *ext)
{
  if (ext->annotator != NULL)
    ext->lib->annotator_free (ext->annotator);
  lede_library_free (ext->lib);
}

static void
extension_unref (void *ext)
{
  g_atomic_rc_box_release_full (ext, (GDestroyNotify) extension_clear);
}

/* ---- annotating SQL values ------------------------------------------------ */

/* Checks the (text [, date]) arguments as SQL sees them and annotates. On
 * failure returns NULL and a message for sqlite3_result_error. */
static char *
annotate_values (const Extension *ext, const char *function, sqlite3_value *text,
                 sqlite3_value *date, char **message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *meta = NULL;
  lede_error *error = NULL;
  char *json;

  if (sqlite3_value_type (text) != SQLITE_TEXT)
    {
      *message = g_strdup_printf ("%s(): the article must be TEXT, not %s", function,
                                  sqlite3_value_type (text) == SQLITE_NULL ? "NULL"
                                  : sqlite3_value_type (text) == SQLITE_BLOB ? "a BLOB"
                                  : "a number");
      return NULL;
    }
  if (date != NULL && sqlite3_value_type (date) != SQLITE_TEXT
      && sqlite3_value_type (date) != SQLITE_NULL)
    {
      *message = g_strdup_printf ("%s(): the date must be TEXT 'YYYY-MM-DD' or NULL", function);
      return NULL;
    }

  json_builder_begin_object (builder);
  if (date != NULL && sqlite3_value_type (date) == SQLITE_TEXT)
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, (const char *) sqlite3_value_text (date));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  meta = json_generator_to_data (generator, NULL);

  /* text before bytes: SQLite's rule for reading a value's length */
  {
    const char *bytes = (const char *) sqlite3_value_text (text);
    size_t len = (size_t) sqlite3_value_bytes (text);

    json = ext->lib->annotate (ext->annotator, bytes != NULL ? bytes : "", len, meta, &error);
  }
  if (json == NULL)
    {
      *message = g_strdup_printf ("%s(): %s", function, lede_library_error_message (error));
      ext->lib->free (error);
    }
  return json;
}

static void
annotate_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const Extension *ext = sqlite3_user_data (context);
  g_autofree char *message = NULL;
  char *json = annotate_values (ext, "lede_annotate", argv[0], argc > 1 ? argv[1] : NULL,
                                &message);

  if (json == NULL)
    {
      sqlite3_result_error (context, message, -1);
      return;
    }
  sqlite3_result_text64 (context, json, strlen (json), ext->lib->free, SQLITE_UTF8);
}

/* ---- rows of the table-valued functions ----------------------------------- */

typedef enum { CELL_NULL, CELL_INT, CELL_TEXT } CellKind;

/* A cell's text points into the article (cut by code points) or into the
 * parsed JSON, both of which live as long as the cursor's rows. */
typedef struct {
  CellKind kind;
  gint64 number;
  const char *text;
  gsize len;
} Cell;

typedef struct {
  GArray *cells;           /* rows of n_columns cells, one after another */
  const LedeHostText *text;
} Rows;

static void
add_null (Rows *rows)
{
  Cell cell = { CELL_NULL };

  g_array_append_val (rows->cells, cell);
}

static void
add_int (Rows *rows, gint64 number)
{
  Cell cell = { CELL_INT, .number = number };

  g_array_append_val (rows->cells, cell);
}

static void
add_string (Rows *rows, const char *string)
{
  Cell cell = { CELL_TEXT, .text = string, .len = string ? strlen (string) : 0 };

  if (string == NULL)
    cell.kind = CELL_NULL;
  g_array_append_val (rows->cells, cell);
}

/* Three cells: the span's text (from the article), start and end; NULLs for a
 * null or malformed span. */
static void
add_span (Rows *rows, JsonObject *span)
{
  gint64 start, end;
  Cell cell = { CELL_TEXT };

  if (!lede_host_text_span (rows->text, span, &start, &end))
    {
      add_null (rows);
      add_null (rows);
      add_null (rows);
      return;
    }
  cell.text = lede_host_text_slice (rows->text, start, end, &cell.len);
  g_array_append_val (rows->cells, cell);
  add_int (rows, start);
  add_int (rows, end);
}

static void
fill_entities (JsonObject *doc, Rows *rows)
{
  JsonArray *entities = lede_host_array_member (doc, "entities");

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = lede_host_array_object (entities, i);
      JsonArray *mentions = lede_host_array_member (entity, "mentions");

      for (guint m = 0; mentions != NULL && m < json_array_get_length (mentions); m++)
        {
          JsonObject *mention = lede_host_array_object (mentions, m);
          JsonNode *media = json_object_get_member (entity, "media");

          add_string (rows, lede_host_string_member (entity, "id"));
          add_string (rows, lede_host_string_member (entity, "type"));
          add_string (rows, lede_host_string_member (entity, "canonical"));
          add_int (rows, media != NULL && JSON_NODE_HOLDS_VALUE (media)
                         && json_node_get_value_type (media) == G_TYPE_BOOLEAN
                         && json_node_get_boolean (media));
          add_string (rows, lede_host_string_member (mention, "type"));
          add_span (rows, mention);
        }
    }
}

static void
fill_timexes (JsonObject *doc, Rows *rows)
{
  JsonArray *timexes = lede_host_array_member (doc, "timexes");

  for (guint i = 0; timexes != NULL && i < json_array_get_length (timexes); i++)
    {
      JsonObject *timex = lede_host_array_object (timexes, i);

      add_string (rows, lede_host_string_member (timex, "type"));
      add_span (rows, timex);
      add_string (rows, lede_host_string_member (timex, "value"));
      add_string (rows, lede_host_string_member (timex, "mod"));
      add_string (rows, lede_host_string_member (timex, "anchor"));
    }
}

static void
fill_quotes (JsonObject *doc, Rows *rows)
{
  JsonArray *quotes = lede_host_array_member (doc, "quotes");
  JsonArray *entities = lede_host_array_member (doc, "entities");
  /* entity id -> canonical name, for the `canonical` column */
  g_autoptr(GHashTable) canonical = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = lede_host_array_object (entities, i);
      const char *id = lede_host_string_member (entity, "id");

      if (id != NULL)
        g_hash_table_insert (canonical, (char *) id,
                             (char *) lede_host_string_member (entity, "canonical"));
    }

  for (guint i = 0; quotes != NULL && i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = lede_host_array_object (quotes, i);
      const char *entity = lede_host_string_member (quote, "entity");
      JsonNode *reported_by = quote ? json_object_get_member (quote, "reported_by") : NULL;

      add_int (rows, i);
      add_string (rows, lede_host_string_member (quote, "kind"));
      add_span (rows, lede_host_object_member (quote, "source"));
      add_string (rows, entity);
      add_string (rows, entity ? g_hash_table_lookup (canonical, entity) : NULL);
      add_span (rows, lede_host_object_member (quote, "cue"));
      add_span (rows, lede_host_object_member (quote, "content"));
      if (reported_by != NULL && JSON_NODE_HOLDS_VALUE (reported_by)
          && json_node_get_value_type (reported_by) == G_TYPE_INT64)
        add_int (rows, json_node_get_int (reported_by));
      else
        add_null (rows);
    }
}

/* One table-valued function: its name, its visible columns (the hidden
 * `article` and `date` follow them) and how its rows are read. */
typedef struct {
  const char *name;
  const char *columns;
  int n_columns;
  void (*fill) (JsonObject *doc, Rows *rows);
} TableKind;

static const TableKind table_kinds[] = {
  { "lede_entities",
    "entity, type, canonical, media, mention_type, text, start, \"end\"",
    8, fill_entities },
  { "lede_timexes",
    "type, text, start, \"end\", value, mod, anchor",
    7, fill_timexes },
  { "lede_quotes",
    "quote, kind, source, source_start, source_end, entity, canonical, "
    "cue, cue_start, cue_end, content, content_start, content_end, reported_by",
    14, fill_quotes },
};

/* ---- the virtual tables ---------------------------------------------------- */

/* What sqlite3_create_module_v2 keeps for one table kind. */
typedef struct {
  Extension *ext;
  const TableKind *kind;
} ModuleData;

static void
module_data_free (void *data)
{
  ModuleData *module = data;

  extension_unref (module->ext);
  g_free (module);
}

typedef struct {
  sqlite3_vtab base;
  ModuleData *module;
} Table;

typedef struct {
  sqlite3_vtab_cursor base;
  JsonParser *parser;
  LedeHostText text;
  sqlite3_value *article;  /* the arguments, returned as the hidden columns */
  sqlite3_value *date;
  Rows rows;
  guint n_rows;
  guint row;
} Cursor;

/* Which arguments xBestIndex found, passed to xFilter as idxNum. */
enum { HAS_ARTICLE = 1 << 0, HAS_DATE = 1 << 1 };

static int
table_connect (sqlite3 *db, void *aux, int argc, const char *const *argv,
               sqlite3_vtab **vtab, char **error)
{
  ModuleData *module = aux;
  g_autofree char *schema = g_strdup_printf ("CREATE TABLE x(%s, article HIDDEN, date HIDDEN)",
                                             module->kind->columns);
  int rc = sqlite3_declare_vtab (db, schema);
  Table *table;

  if (rc != SQLITE_OK)
    return rc;
  /* reading the text is all it does: safe in triggers and views */
  sqlite3_vtab_config (db, SQLITE_VTAB_INNOCUOUS);
  table = sqlite3_malloc (sizeof (Table));
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof (Table));
  table->module = module;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int
table_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* The article argument is required, and both arguments must be known when
 * the table is scanned: a plan where one is not yet known (in a join) is
 * refused with SQLITE_CONSTRAINT so that SQLite picks an order that computes
 * it first. */
static int
table_best_index (sqlite3_vtab *vtab, sqlite3_index_info *info)
{
  Table *table = (Table *) vtab;
  int article_column = table->module->kind->n_columns;
  int article = -1, date = -1;
  gboolean unusable = FALSE;

  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (c->iColumn != article_column && c->iColumn != article_column + 1)
        continue;
      /* an argument not known yet (or compared otherwise than by =) */
      if (c->op != SQLITE_INDEX_CONSTRAINT_EQ || !c->usable)
        {
          unusable = TRUE;
          continue;
        }
      if (c->iColumn == article_column)
        article = i;
      else
        date = i;
    }
  /* annotating without the date given would give other rows */
  if (unusable)
    return SQLITE_CONSTRAINT;
  if (article < 0)
    {
      /* no article at all: xFilter says so */
      info->idxNum = 0;
      info->estimatedCost = 1e12;
      return SQLITE_OK;
    }
  info->idxNum = HAS_ARTICLE;
  info->aConstraintUsage[article].argvIndex = 1;
  info->aConstraintUsage[article].omit = 1;
  if (date >= 0)
    {
      info->idxNum |= HAS_DATE;
      info->aConstraintUsage[date].argvIndex = 2;
      info->aConstraintUsage[date].omit = 1;
    }
  info->estimatedCost = 1000;
  info->estimatedRows = 50;
  return SQLITE_OK;
}

static int
cursor_open (sqlite3_vtab *vtab, sqlite3_vtab_cursor **cursor)
{
  Cursor *c = g_new0 (Cursor, 1);

  *cursor = &c->base;
  return SQLITE_OK;
}

static void
cursor_reset (Cursor *c)
{
  g_clear_object (&c->parser);
  lede_host_text_clear (&c->text);
  g_clear_pointer (&c->article, sqlite3_value_free);
  g_clear_pointer (&c->date, sqlite3_value_free);
  g_clear_pointer (&c->rows.cells, g_array_unref);
  c->n_rows = c->row = 0;
}

static int
cursor_close (sqlite3_vtab_cursor *cursor)
{
  cursor_reset ((Cursor *) cursor);
  g_free (cursor);
  return SQLITE_OK;
}

static int
filter_error (Cursor *c, const char *message)
{
  sqlite3_free (c->base.pVtab->zErrMsg);
  c->base.pVtab->zErrMsg = sqlite3_mprintf ("%s", message);
  return SQLITE_ERROR;
}

static int
cursor_filter (sqlite3_vtab_cursor *cursor, int idx_num, const char *idx_str,
               int argc, sqlite3_value **argv)
{
  Cursor *c = (Cursor *) cursor;
  const ModuleData *module = ((Table *) cursor->pVtab)->module;
  const TableKind *kind = module->kind;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char *json;
  JsonObject *doc;

  cursor_reset (c);
  if (!(idx_num & HAS_ARTICLE))
    {
      message = g_strdup_printf ("%s() needs the article's text: %s(text [, date])",
                                 kind->name, kind->name);
      return filter_error (c, message);
    }
  c->article = sqlite3_value_dup (argv[0]);
  c->date = (idx_num & HAS_DATE) ? sqlite3_value_dup (argv[1]) : NULL;
  if (c->article == NULL || ((idx_num & HAS_DATE) && c->date == NULL))
    return SQLITE_NOMEM;

  json = annotate_values (module->ext, kind->name, c->article, c->date, &message);
  if (json == NULL)
    return filter_error (c, message);
  c->parser = json_parser_new_immutable ();
  doc = lede_host_parse_document (c->parser, json, &error);
  module->ext->lib->free (json);
  /* Lede accepted the text as UTF-8, so the second only fails on a library bug */
  if (doc == NULL
      || !lede_host_text_init (&c->text, (const char *) sqlite3_value_text (c->article),
                               (gsize) sqlite3_value_bytes (c->article), &error))
    {
      message = g_strdup_printf ("%s(): %s (lede_annotate() returns the JSON)", kind->name,
                                 error->message);
      return filter_error (c, message);
    }

  c->rows.cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  c->rows.text = &c->text;
  kind->fill (doc, &c->rows);
  g_assert (c->rows.cells->len % kind->n_columns == 0);
  c->n_rows = c->rows.cells->len / kind->n_columns;
  return SQLITE_OK;
}

static int
cursor_next (sqlite3_vtab_cursor *cursor)
{
  ((Cursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
cursor_eof (sqlite3_vtab_cursor *cursor)
{
  Cursor *c = (Cursor *) cursor;

  return c->row >= c->n_rows;
}

static int
cursor_column (sqlite3_vtab_cursor *cursor, sqlite3_context *context, int column)
{
  Cursor *c = (Cursor *) cursor;
  int n_columns = ((Table *) cursor->pVtab)->module->kind->n_columns;
  const Cell *cell;

  if (column == n_columns)
    {
      sqlite3_result_value (context, c->article);
      return SQLITE_OK;
    }
  if (column == n_columns + 1)
    {
      if (c->date != NULL)
        sqlite3_result_value (context, c->date);
      else
        sqlite3_result_null (context);
      return SQLITE_OK;
    }

  cell = &g_array_index (c->rows.cells, Cell, (gsize) c->row * n_columns + column);
  switch (cell->kind)
    {
    case CELL_NULL:
      sqlite3_result_null (context);
      break;
    case CELL_INT:
      sqlite3_result_int64 (context, cell->number);
      break;
    case CELL_TEXT:
      sqlite3_result_text64 (context, cell->text, cell->len, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    }
  return SQLITE_OK;
}

static int
cursor_rowid (sqlite3_vtab_cursor *cursor, sqlite_int64 *rowid)
{
  *rowid = ((Cursor *) cursor)->row + 1;
  return SQLITE_OK;
}

/* xCreate NULL: eponymous-only, they exist in every schema without CREATE
 * VIRTUAL TABLE, as table-valued functions do. */
static const sqlite3_module table_module = {
  .iVersion = 0,
  .xCreate = NULL,
  .xConnect = table_connect,
  .xBestIndex = table_best_index,
  .xDisconnect = table_disconnect,
  .xDestroy = table_disconnect,
  .xOpen = cursor_open,
  .xClose = cursor_close,
  .xFilter = cursor_filter,
  .xNext = cursor_next,
  .xEof = cursor_eof,
  .xColumn = cursor_column,
  .xRowid = cursor_rowid,
};

/* ---- the entry point --------------------------------------------------------- */

/* SQLite derives this name from the file name lede-sqlite.so. */
G_MODULE_EXPORT int
sqlite3_ledesqlite_init (sqlite3 *db, char **error_message, const sqlite3_api_routines *api)
{
  g_autoptr(GError) error = NULL;
  lede_error *lerror = NULL;
  Extension *ext;
  int rc;

  SQLITE_EXTENSION_INIT2 (api);

  ext = g_atomic_rc_box_new0 (Extension);
  ext->lib = lede_library_load (NULL, NULL, &error);
  if (ext->lib == NULL)
    {
      *error_message = sqlite3_mprintf ("lede-sqlite: %s", error->message);
      extension_unref (ext);
      return SQLITE_ERROR;
    }
  ext->annotator = ext->lib->annotator_new ("{\"offsets\": \"codepoint\"}", &lerror);
  if (ext->annotator == NULL)
    {
      *error_message = sqlite3_mprintf ("lede-sqlite: %s: cannot make an annotator: %s",
                                        ext->lib->path, lede_library_error_message (lerror));
      ext->lib->free (lerror);
      extension_unref (ext);
      return SQLITE_ERROR;
    }

  for (int n_args = 1, flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
       n_args <= 2; n_args++)
    {
      rc = sqlite3_create_function_v2 (db, "lede_annotate", n_args, flags, extension_ref (ext),
                                       annotate_function, NULL, NULL, extension_unref);
      if (rc != SQLITE_OK)
        goto failed;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (table_kinds); i++)
    {
      ModuleData *module = g_new (ModuleData, 1);

      module->ext = extension_ref (ext);
      module->kind = &table_kinds[i];
      /* the destructor runs even when registering fails */
      rc = sqlite3_create_module_v2 (db, table_kinds[i].name, &table_module, module,
                                     module_data_free);
      if (rc != SQLITE_OK)
        goto failed;
    }
  extension_unref (ext);
  return SQLITE_OK;

failed:
  *error_message = sqlite3_mprintf ("lede-sqlite: cannot register its functions: %s",
                                    sqlite3_errstr (rc));
  extension_unref (ext);
  return rc;
}
