/* lede-cli.c — `lede`, the command-line host of Lede.
 *
 * It loads liblede at run time (lede-host-loader.c) and uses only the flat C
 * ABI of lede.h. Articles are annotated on a GThreadPool sharing one
 * annotator (which is thread-safe). The main thread reads the inputs and
 * keeps at most a window of them in flight; whichever worker completes the
 * next result in input order writes it, and any finished ones behind it.
 * Workers also turn the JSON into the other --format's (one writer per file:
 * lede-cli-webanno.c, lede-cli-brat.c, lede-cli-conll.c) and skip what
 * --resume finds written (lede-cli-resume.c); the writing thread updates the
 * progress line (lede-cli-progress.c).
 *
 * Exit codes (also in --help; see LedeCliExit in lede-cli.h):
 *   0  every article was annotated
 *   1  an article failed to annotate, or a JSON Lines input line was bad
 *      (a line that is not UTF-8 is bad JSON, so 1 too), or the threads
 *      could not be started
 *   2  usage error: unknown option or command, bad --format/--threads, or a
 *      --date/--offsets value the library rejects (its message is shown)
 *   3  an input could not be read, or the output could not be written
 *   4  the library was not found, not loadable, of another ABI, or lacks a symbol
 *   5  an article is not valid UTF-8 (the message names the byte); see --repair
 * Failing inputs do not stop the others; at the end the highest of 1, 3 and 5
 * seen is the exit code.
 */
#include "lede-cli.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many inputs may be read ahead of the one being written, per thread:
 * enough to keep every thread busy behind a slow article, few enough to
 * bound memory when the inputs are large. */
#define WINDOW_PER_THREAD 4

typedef struct {
  char *date;
  char *offsets;
  char *format;
  char *input;
  char *output;
  char *library;
  char *layers;
  gboolean pretty;
  gboolean resume;
  gboolean progress;
  gboolean no_progress;
  gboolean tokens;
  gboolean repair;
  gboolean version;
  int threads;
  char **args;
} Options;

/* What --format writes: Lede's JSON, or another format made from it. */
typedef enum {
  FORMAT_JSON,     /* one document per article; --pretty allowed */
  FORMAT_JSONL,    /* one document per line */
  FORMAT_WEBANNO,  /* W3C Web Annotation (lede-cli-webanno.c), one page per line */
  FORMAT_BRAT,     /* brat standoff (lede-cli-brat.c), a .txt and .ann per article */
  FORMAT_CONLL,    /* CoNLL BIO of the entities (lede-cli-conll.c) */
} Format;

static const char *const format_names[] = { "json", "jsonl", "webanno", "brat", "conll" };

typedef enum {
  JOB_FILE,        /* a text file, named by path */
  JOB_STDIN_TEXT,  /* all of standard input, as one article */
  JOB_JSON_LINE,   /* one line of JSON Lines from standard input or a file */
  JOB_REPORT,      /* a message from the main thread, kept in its place in the order */
} JobKind;

typedef struct {
  JobKind kind;
  char *label;     /* how messages name this input */
  char *path;      /* JOB_FILE */
  char *line;      /* JOB_JSON_LINE: the raw line */
  gsize line_len;
  guint64 line_no;

  /* Written by the worker that runs the job; done is set under the lock. */
  gboolean done;
  gboolean skipped; /* --resume: already in the output */
  char *json;      /* from the library: release with its lede_free */
  char *converted; /* the article in another --format */
  char *brat_name; /* --format brat into a directory: the files' base name, */
  char *text;      /* and the text they hold */
  gsize text_len;
  char *message;
  int status;
} Job;

typedef struct {
  const Options *options;
  const LedeLibrary *lib;
  lede_annotator *annotator;
  GThreadPool *pool;
  guint window;
  Format format;
  GHashTable *done_ids;    /* --resume with JSON Lines output: ids already written */
  GMutex lock;     /* guards what follows, and the output */
  GQueue pending;  /* jobs in input order; the head is written next */
  GCond space_cond;
  FILE *out;               /* stdout or --output FILE */
  GHashTable *brat_names;  /* --format brat into a directory: names written */
  LedeCliProgress *progress;
  int status;
} Run;

static void
options_clear (Options *options)
{
  g_free (options->date);
  g_free (options->offsets);
  g_free (options->format);
  g_free (options->input);
  g_free (options->output);
  g_free (options->library);
  g_free (options->layers);
  g_strfreev (options->args);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("lede: %s\nTry 'lede --help' for more information.\n", message);
  return LEDE_CLI_EXIT_USAGE;
}

/* ---- metadata ---------------------------------------------------------- */

/* The per-article metadata: the command-line settings, plus an id and a date
 * that a JSON Lines input may give per line (date_node overrides --date, and
 * a JSON null there means "no date"). The library validates the values. */
static char *
build_metadata (const Options *options, JsonNode *id_node, JsonNode *date_node)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (date_node != NULL)
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_value (builder, json_node_copy (date_node));
    }
  else if (options->date != NULL)
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, options->date);
    }
  if (options->offsets != NULL)
    {
      json_builder_set_member_name (builder, "offsets");
      json_builder_add_string_value (builder, options->offsets);
    }
  if (options->tokens)
    {
      json_builder_set_member_name (builder, "tokens");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (options->repair)
    {
      json_builder_set_member_name (builder, "repair");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (options->layers != NULL)
    {
      g_auto(GStrv) names = g_strsplit (options->layers, ",", -1);

      json_builder_set_member_name (builder, "layers");
      json_builder_begin_array (builder);
      for (guint i = 0; names[i] != NULL; i++)
        json_builder_add_string_value (builder, g_strstrip (names[i]));
      json_builder_end_array (builder);
    }
  if (options->pretty)
    {
      json_builder_set_member_name (builder, "pretty");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (id_node != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_value (builder, json_node_copy (id_node));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- jobs, run on the pool --------------------------------------------- */

static void
job_free (Job *job, const LedeLibrary *lib)
{
  g_free (job->label);
  g_free (job->path);
  g_free (job->line);
  lib->free (job->json);
  g_free (job->converted);
  g_free (job->brat_name);
  g_free (job->text);
  g_free (job->message);
  g_free (job);
}

static void
job_fail (Job *job, int status, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
job_fail (Job *job, int status, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  job->message = g_strdup_vprintf (format, args);
  va_end (args);
  job->status = status;
}

/* How an id is written into names and IRIs: a string as it is, a number as
 * its digits. */
static char *
id_text (JsonNode *id)
{
  if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (id));
  return lede_cli_id_key (id);
}

/* --resume: whether the output already holds this article. */
static gboolean
already_written (Run *run, Job *job, JsonNode *id)
{
  g_autofree char *key = NULL;

  if (!run->options->resume || id == NULL)
    return FALSE;
  if (run->format == FORMAT_BRAT)
    {
      g_autofree char *text = id_text (id);
      g_autofree char *name = lede_cli_brat_name (job->path, text);
      g_autofree char *ann_name = g_strconcat (name, ".ann", NULL);
      g_autofree char *ann_path = g_build_filename (run->options->output, ann_name, NULL);

      return g_file_test (ann_path, G_FILE_TEST_EXISTS);
    }
  key = lede_cli_id_key (id);
  return run->done_ids != NULL && g_hash_table_contains (run->done_ids, key);
}

/* Turns the library's JSON into the --format asked for. Lede checked the
 * text (no --repair here: see check_annotate_options), so its offsets are code
 * points of exactly these bytes. */
static void
job_convert (Run *run, Job *job, const char *text, gsize len, JsonNode *id)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = id != NULL ? id_text (id) : NULL;
  LedeHostText host_text;
  JsonObject *doc = lede_host_parse_document (parser, job->json, &error);

  if (doc == NULL || !lede_host_text_init (&host_text, text, len, &error))
    {
      job_fail (job, LEDE_CLI_EXIT_FAILED, "--format %s: %s", run->options->format,
                error->message);
      return;
    }
  switch (run->format)
    {
    case FORMAT_WEBANNO:
      {
        g_autofree char *source = lede_cli_webanno_source (job->path, name);

        job->converted = lede_cli_write_webanno (doc, &host_text, source);
      }
      break;
    case FORMAT_BRAT:
      job->converted = lede_cli_write_brat (doc, &host_text);
      if (run->options->output != NULL)
        {
          job->brat_name = lede_cli_brat_name (job->path, name ? name : "stdin");
          job->text = g_memdup2 (text, len);
          job->text_len = len;
        }
      break;
    case FORMAT_CONLL:
      job->converted = lede_cli_write_conll (doc, &host_text);
      break;
    case FORMAT_JSON:
    case FORMAT_JSONL:
      g_assert_not_reached ();
    }
  lede_host_text_clear (&host_text);
  g_clear_pointer (&job->json, run->lib->free);
}

static void
job_annotate (Run *run, Job *job, const char *text, gsize len, JsonNode *id_node,
              JsonNode *date_node)
{
  g_autofree char *meta = build_metadata (run->options, id_node, date_node);
  lede_error *error = NULL;

  job->json = run->lib->annotate (run->annotator, text, len, meta, &error);
  if (job->json != NULL)
    {
      if (run->format != FORMAT_JSON && run->format != FORMAT_JSONL)
        job_convert (run, job, text, len, id_node);
      return;
    }
  if (lede_library_error_code (error) == LEDE_ERR_INVALID_UTF8)
    job_fail (job, LEDE_CLI_EXIT_INVALID_UTF8, "%s (option --repair)",
              lede_library_error_message (error));
  else
    job_fail (job, LEDE_CLI_EXIT_FAILED, "%s", lede_library_error_message (error));
  run->lib->free (error);
}

/* Standard input may be a pipe: read it to the end, binary-safe. Past what
 * Lede takes there is no point reading on (and a GByteArray would overflow at
 * 4 GiB): the library then reports the text as too large, as for a file. */
static gboolean
read_stream (FILE *stream, char **contents, gsize *len)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  size_t n;

  while (bytes->len <= LEDE_MAX_TEXT_BYTES && (n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    g_byte_array_append (bytes, buffer, (guint) n);
  if (ferror (stream))
    return FALSE;
  *len = bytes->len;
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

/* json-glib turns a \u0000 escape into a NUL that ends its C string, so the
 * text would be cut there without a word: such lines are refused instead.
 * Backslashes only occur inside JSON strings, so scanning escapes in pairs is
 * exact. */
static gboolean
has_nul_escape (const char *line, gsize len)
{
  for (gsize i = 0; i + 1 < len; i++)
    {
      if (line[i] != '\\')
        continue;
      if (line[i + 1] == 'u' && i + 6 <= len && memcmp (line + i + 2, "0000", 4) == 0)
        return TRUE;
      i++;
    }
  return FALSE;
}

static void
job_run_json_line (Run *run, Job *job)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) line_id = NULL;
  JsonObject *object;
  JsonNode *text, *id, *date;

  if (!json_parser_load_from_data (parser, job->line, (gssize) job->line_len, &error))
    {
      job_fail (job, LEDE_CLI_EXIT_FAILED, "not valid JSON: %s", error->message);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      job_fail (job, LEDE_CLI_EXIT_FAILED, "not a JSON object");
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  /* an input without an id is named by its line number, so every output
   * line can be matched to its input line */
  id = json_object_get_member (object, "id");
  if (id == NULL)
    id = line_id = json_node_init_int (json_node_alloc (), (gint64) job->line_no);
  else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    {
      char *label = g_strdup_printf ("%s (id \"%s\")", job->label, json_node_get_string (id));

      g_free (job->label);
      job->label = label;
    }

  text = json_object_get_member (object, "text");
  if (text == NULL || !JSON_NODE_HOLDS_VALUE (text)
      || json_node_get_value_type (text) != G_TYPE_STRING)
    {
      job_fail (job, LEDE_CLI_EXIT_FAILED, "no \"text\" string member");
      return;
    }
  if (has_nul_escape (job->line, job->line_len))
    {
      job_fail (job, LEDE_CLI_EXIT_FAILED,
                "the line holds a \\u0000 escape, which JSON Lines input cannot carry "
                "(json-glib would cut the text there); annotate such text from a file");
      return;
    }
  if (already_written (run, job, id))
    {
      job->skipped = TRUE;
      return;
    }
  date = json_object_get_member (object, "date");
  job_annotate (run, job, json_node_get_string (text), strlen (json_node_get_string (text)),
                id, date);
}

/* ---- writing, in input order ------------------------------------------ */

/* Called with the lock held, by whichever thread completed the head job, so
 * results go out as soon as their turn comes and not only when the main
 * thread looks: a host that feeds JSON Lines one line at a time and waits for
 * each answer gets it. */
static void
write_document (Run *run, const char *document)
{
  size_t len = strlen (document);

  /* JSON Lines needs one line per document; a pretty document already ends
   * in one, and the other writers end their own lines */
  fwrite (document, 1, len, run->out);
  if ((run->format == FORMAT_JSON || run->format == FORMAT_JSONL)
      && (len == 0 || document[len - 1] != '\n'))
    fputc ('\n', run->out);
}

/* --format brat into a directory: two files per article, under a name no
 * other article of this run has taken. */
static void
write_brat_files (Run *run, Job *job)
{
  g_autoptr(GError) error = NULL;

  if (g_hash_table_contains (run->brat_names, job->brat_name))
    job_fail (job, LEDE_CLI_EXIT_FAILED, "another article of this run was written as %s.ann: "
              "ids and file names must be unique", job->brat_name);
  else if (!lede_cli_brat_write_files (run->options->output, job->brat_name, job->text,
                                       job->text_len, job->converted, &error))
    job_fail (job, LEDE_CLI_EXIT_IO, "%s", error->message);
  else
    g_hash_table_add (run->brat_names, g_strdup (job->brat_name));
}

/* Called with the lock held, by whichever thread completed the head job, so
 * results go out as soon as their turn comes and not only when the main
 * thread looks: a host that feeds JSON Lines one line at a time and waits for
 * each answer gets it. */
static void
write_result (Run *run, Job *job)
{
  if (job->skipped)
    lede_cli_progress_update (run->progress, LEDE_CLI_PROGRESS_SKIPPED, job->line_len);
  else if (job->message == NULL)
    {
      if (job->brat_name != NULL)
        write_brat_files (run, job);
      else
        write_document (run, job->json != NULL ? job->json : job->converted);
    }
  if (job->message != NULL)
    {
      /* flushed first, so a terminal shows errors beside the results they follow */
      fflush (run->out);
      lede_cli_progress_clear (run->progress);
      g_printerr ("lede: %s: %s\n", job->label, job->message);
      run->status = MAX (run->status, job->status);
    }
  if (job->kind != JOB_REPORT && !job->skipped)
    lede_cli_progress_update (run->progress, job->message != NULL ? LEDE_CLI_PROGRESS_FAILED
                              : LEDE_CLI_PROGRESS_DONE, job->line_len);
  job_free (job, run->lib);
}

static void
run_finish (Run *run, Job *job)
{
  Job *head;

  g_mutex_lock (&run->lock);
  job->done = TRUE;
  while ((head = g_queue_peek_head (&run->pending)) != NULL && head->done)
    write_result (run, g_queue_pop_head (&run->pending));
  /* caught up with everything read so far: let the reader see it now */
  if (g_queue_is_empty (&run->pending))
    fflush (run->out);
  g_cond_signal (&run->space_cond);
  g_mutex_unlock (&run->lock);
}

/* ---- the pool's work --------------------------------------------------- */

static void
job_run (gpointer data, gpointer user_data)
{
  Job *job = data;
  Run *run = user_data;

  switch (job->kind)
    {
    case JOB_FILE:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *contents = NULL;
        g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), job->path);
        gsize len;

        if (already_written (run, job, id))
          job->skipped = TRUE;
        else if (!g_file_get_contents (job->path, &contents, &len, &error))
          job_fail (job, LEDE_CLI_EXIT_IO, "%s", error->message);
        else
          job_annotate (run, job, contents, len, id, NULL);
      }
      break;

    case JOB_STDIN_TEXT:
      {
        g_autofree char *contents = NULL;
        gsize len;

        if (!read_stream (stdin, &contents, &len))
          job_fail (job, LEDE_CLI_EXIT_IO, "cannot read standard input: %s", g_strerror (errno));
        else
          job_annotate (run, job, contents, len, NULL, NULL);
      }
      break;

    case JOB_JSON_LINE:
      job_run_json_line (run, job);
      /* the raw line is no longer needed: free it now, not when written */
      g_clear_pointer (&job->line, g_free);
      break;

    case JOB_REPORT:
      break;
    }

  run_finish (run, job);
}

/* ---- the main thread: reading and submitting ---------------------------- */

/* Waits while the window is full, so at most that many inputs are in memory. */
static void
run_submit (Run *run, Job *job)
{
  g_mutex_lock (&run->lock);
  while (g_queue_get_length (&run->pending) >= run->window)
    g_cond_wait (&run->space_cond, &run->lock);
  g_queue_push_tail (&run->pending, job);
  g_mutex_unlock (&run->lock);
  /* the pool is exclusive: its threads exist already, so pushing cannot fail */
  g_thread_pool_push (run->pool, job, NULL);
}

static Job *
job_new (JobKind kind, char *label)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->label = label;
  return job;
}

static void
submit_report (Run *run, char *label, int status, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
submit_report (Run *run, char *label, int status, const char *format, ...)
{
  Job *job = job_new (JOB_REPORT, label);
  va_list args;

  va_start (args, format);
  job->message = g_strdup_vprintf (format, args);
  va_end (args);
  job->status = status;
  run_submit (run, job);
}

/* A JSON Lines stream (standard input or a file), streamed: only the window
 * is ever in memory. */
static void
submit_json_lines (Run *run, FILE *stream, const char *name)
{
  char *line = NULL;
  size_t capacity = 0;
  ssize_t n;
  guint64 line_no = 0;

  while ((n = getline (&line, &capacity, stream)) >= 0)
    {
      Job *job;
      gboolean blank = TRUE;

      line_no++;
      for (ssize_t i = 0; i < n && blank; i++)
        blank = g_ascii_isspace (line[i]);
      if (blank)
        continue;
      job = job_new (JOB_JSON_LINE, g_strdup_printf ("%s:%" G_GUINT64_FORMAT, name, line_no));
      /* the job takes getline's buffer; getline makes a new one next time */
      job->line = g_steal_pointer (&line);
      job->line_len = (gsize) n;
      job->line_no = line_no;
      capacity = 0;
      run_submit (run, job);
    }
  if (ferror (stream))
    submit_report (run, g_strdup (name), LEDE_CLI_EXIT_IO,
                   "cannot read after line %" G_GUINT64_FORMAT ": %s", line_no, g_strerror (errno));
  free (line);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* A directory stands for its *.txt files, in byte order of their names. */
static GPtrArray *
directory_articles (const char *path, GError **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  GPtrArray *names;
  const char *name;

  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
submit_directory (Run *run, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = directory_articles (path, &error);

  if (names == NULL)
    {
      submit_report (run, g_strdup (path), LEDE_CLI_EXIT_IO, "%s", error->message);
      return;
    }
  if (names->len == 0)
    submit_report (run, g_strdup (path), LEDE_CLI_EXIT_OK, "no *.txt files to annotate");
  for (guint i = 0; i < names->len; i++)
    {
      Job *job = job_new (JOB_FILE, g_strdup (g_ptr_array_index (names, i)));

      job->path = g_strdup (g_ptr_array_index (names, i));
      run_submit (run, job);
    }
}

static gboolean
is_stdin (const char *arg)
{
  return strcmp (arg, "-") == 0;
}

/* The library is the one judge of metadata: an empty article with the
 * command line's metadata shows a bad --date or --offsets once, up front,
 * as a usage error rather than one failure per article. */
static int
check_metadata (const LedeLibrary *lib, lede_annotator *annotator, const Options *options)
{
  g_autofree char *meta = build_metadata (options, NULL, NULL);
  lede_error *error = NULL;
  char *json = lib->annotate (annotator, "", 0, meta, &error);
  int status = LEDE_CLI_EXIT_OK;

  if (json == NULL)
    {
      if (lede_library_error_code (error) == LEDE_ERR_INVALID_METADATA)
        status = usage_error ("bad option value: %s", lede_library_error_message (error));
      else
        {
          g_printerr ("lede: the library fails on an empty article: %s\n",
                      lede_library_error_message (error));
          status = LEDE_CLI_EXIT_FAILED;
        }
    }
  lib->free (json);
  lib->free (error);
  return status;
}

/* What the inputs are, as the command line names them. */
typedef struct {
  guint n_inputs;
  guint n_stdin;
  gboolean any_directory;
  gboolean json_lines;   /* JSON Lines input (--input jsonl, or the jsonl default) */
} Inputs;

/* Checks the options of `annotate` against each other; sets run->format. */
static int
check_annotate_options (Options *options, const Inputs *in, Run *run)
{
  gboolean several = in->n_inputs > 1 || in->any_directory || in->json_lines;
  guint f;

  if (in->n_stdin > 1)
    return usage_error ("standard input ('-') can only be read once");
  if (options->threads < 1)
    return usage_error ("--threads must be at least 1, not %d", options->threads);
  for (f = 0; f < G_N_ELEMENTS (format_names); f++)
    if (g_strcmp0 (options->format, format_names[f]) == 0)
      break;
  if (f == G_N_ELEMENTS (format_names))
    return usage_error ("--format must be json, jsonl, webanno, brat or conll, not '%s'",
                        options->format);
  run->format = (Format) f;
  if (options->pretty && run->format != FORMAT_JSON)
    return usage_error ("--pretty can only be used with --format json");
  if (in->json_lines && in->any_directory)
    return usage_error ("JSON Lines input comes from files or standard input, not directories");

  if (run->format != FORMAT_JSON && run->format != FORMAT_JSONL)
    {
      /* these formats count in code points of the text as given */
      if (options->offsets != NULL && strcmp (options->offsets, "codepoint") != 0)
        return usage_error ("--format %s counts offsets in code points: leave out --offsets",
                            options->format);
      if (options->repair)
        return usage_error ("--format %s cannot be used with --repair: its offsets would refer "
                            "to the repaired text, not to the article's", options->format);
    }
  if (run->format == FORMAT_CONLL)
    options->tokens = TRUE;
  if (run->format == FORMAT_BRAT && several && options->output == NULL)
    return usage_error ("--format brat writes a .txt and an .ann per article: "
                        "name their directory with --output DIR");
  if (options->resume && (options->output == NULL
                          || (run->format != FORMAT_JSONL && run->format != FORMAT_BRAT)))
    return usage_error ("--resume needs --output and --format jsonl or brat");
  if (options->progress && options->no_progress)
    return usage_error ("--progress and --no-progress contradict each other");
  return LEDE_CLI_EXIT_OK;
}

/* Opens --output (or takes stdout); for --resume, first reads what it holds. */
static int
open_output (Run *run)
{
  const Options *options = run->options;
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;

  run->out = stdout;
  if (options->output == NULL)
    return LEDE_CLI_EXIT_OK;
  if (run->format == FORMAT_BRAT)
    {
      conf = g_build_filename (options->output, "annotation.conf", NULL);
      if (g_mkdir_with_parents (options->output, 0777) != 0)
        {
          g_printerr ("lede: cannot make the directory %s: %s\n", options->output,
                      g_strerror (errno));
          return LEDE_CLI_EXIT_IO;
        }
      if (!g_file_set_contents (conf, lede_cli_brat_conf, -1, &error))
        {
          g_printerr ("lede: %s\n", error->message);
          return LEDE_CLI_EXIT_IO;
        }
      run->brat_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      return LEDE_CLI_EXIT_OK;
    }
  if (options->resume)
    {
      run->done_ids = lede_cli_resume_read_jsonl (options->output, &error);
      if (run->done_ids == NULL)
        {
          g_printerr ("lede: %s\n", error->message);
          return LEDE_CLI_EXIT_IO;
        }
    }
  run->out = fopen (options->output, options->resume ? "a" : "w");
  if (run->out == NULL)
    {
      g_printerr ("lede: cannot write %s: %s\n", options->output, g_strerror (errno));
      run->out = stdout;
      return LEDE_CLI_EXIT_IO;
    }
  return LEDE_CLI_EXIT_OK;
}

/* The bytes left to read in a stream that is a regular file, else 0. */
static guint64
bytes_left (FILE *stream)
{
  struct stat st;
  off_t at = ftello (stream);

  if (fstat (fileno (stream), &st) != 0 || !S_ISREG (st.st_mode) || at < 0 || st.st_size < at)
    return 0;
  return (guint64) (st.st_size - at);
}

/* The progress line's total: the number of articles, or for JSON Lines the
 * bytes to read (0 when a stream's length cannot be known). */
static LedeCliProgress *
new_progress (const Inputs *in, char **inputs)
{
  guint64 items = 0, bytes = 0;

  if (in->json_lines)
    {
      if (in->n_inputs == 0)
        bytes = bytes_left (stdin);
      for (guint i = 0; i < in->n_inputs; i++)
        {
          GStatBuf st;
          guint64 size = is_stdin (inputs[i]) ? bytes_left (stdin)
                         : g_stat (inputs[i], &st) == 0 && S_ISREG (st.st_mode) ? (guint64) st.st_size : 0;

          if (size == 0)
            return lede_cli_progress_new (0, 0);
          bytes += size;
        }
      return lede_cli_progress_new (0, bytes);
    }
  if (in->n_inputs == 0)
    items = 1;
  for (guint i = 0; i < in->n_inputs; i++)
    if (!is_stdin (inputs[i]) && g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
      {
        g_autoptr(GPtrArray) names = directory_articles (inputs[i], NULL);

        items += names ? names->len : 0;
      }
    else
      items++;
  return lede_cli_progress_new (items, 0);
}

static void
submit_inputs (Run *run, const Inputs *in, char **inputs)
{
  if (in->n_inputs == 0)
    {
      if (in->json_lines)
        submit_json_lines (run, stdin, "<stdin>");
      else
        run_submit (run, job_new (JOB_STDIN_TEXT, g_strdup ("<stdin>")));
      return;
    }
  for (guint i = 0; i < in->n_inputs; i++)
    {
      Job *job;

      if (in->json_lines)
        {
          FILE *stream = is_stdin (inputs[i]) ? stdin : fopen (inputs[i], "r");

          if (stream == NULL)
            submit_report (run, g_strdup (inputs[i]), LEDE_CLI_EXIT_IO, "%s", g_strerror (errno));
          else
            submit_json_lines (run, stream, is_stdin (inputs[i]) ? "<stdin>" : inputs[i]);
          if (stream != NULL && stream != stdin)
            fclose (stream);
          continue;
        }
      if (is_stdin (inputs[i]))
        job = job_new (JOB_STDIN_TEXT, g_strdup ("<stdin>"));
      else if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        {
          submit_directory (run, inputs[i]);
          continue;
        }
      else
        {
          job = job_new (JOB_FILE, g_strdup (inputs[i]));
          job->path = g_strdup (inputs[i]);
        }
      run_submit (run, job);
    }
}

static int
command_annotate (const LedeLibrary *lib, Options *options, char **inputs)
{
  Inputs in = { .n_inputs = inputs ? g_strv_length (inputs) : 0 };
  g_autoptr(GError) error = NULL;
  lede_error *lerror = NULL;
  Run run = { .options = options, .lib = lib, .out = stdout };
  int status;

  for (guint i = 0; i < in.n_inputs; i++)
    {
      if (is_stdin (inputs[i]))
        in.n_stdin++;
      else if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        in.any_directory = TRUE;
    }
  if (options->input != NULL && strcmp (options->input, "jsonl") != 0
      && strcmp (options->input, "text") != 0)
    return usage_error ("--input must be text or jsonl, not '%s'", options->input);
  /* JSON Lines out for several articles, which JSON Lines in always may be */
  if (options->format == NULL)
    options->format = g_strdup (in.n_inputs > 1 || in.any_directory
                                || g_strcmp0 (options->input, "jsonl") == 0 ? "jsonl" : "json");
  /* JSON Lines in when --input says so, or by default with --format jsonl
   * and nothing but standard input (the jsonl default needs several inputs,
   * so it never applies there) */
  if (options->input != NULL)
    in.json_lines = strcmp (options->input, "jsonl") == 0;
  else
    in.json_lines = strcmp (options->format, "jsonl") == 0 && in.n_inputs == in.n_stdin;

  status = check_annotate_options (options, &in, &run);
  if (status != LEDE_CLI_EXIT_OK)
    return status;

  run.annotator = lib->annotator_new (NULL, &lerror);
  if (run.annotator == NULL)
    {
      g_printerr ("lede: %s: cannot make an annotator: %s\n", lib->path,
                  lede_library_error_message (lerror));
      lib->free (lerror);
      return LEDE_CLI_EXIT_LIBRARY;
    }
  status = check_metadata (lib, run.annotator, options);
  if (status == LEDE_CLI_EXIT_OK)
    status = open_output (&run);
  if (status != LEDE_CLI_EXIT_OK)
    {
      lib->annotator_free (run.annotator);
      g_clear_pointer (&run.done_ids, g_hash_table_unref);
      g_clear_pointer (&run.brat_names, g_hash_table_unref);
      return status;
    }
  /* on a terminal by default, unless the results go to it too (they would
   * be drawn over); --progress forces it into a pipe or a log */
  if (options->progress
      || (!options->no_progress && isatty (STDERR_FILENO)
          && (options->output != NULL || !isatty (STDOUT_FILENO))))
    run.progress = new_progress (&in, inputs);

  run.window = (guint) options->threads * WINDOW_PER_THREAD;
  g_mutex_init (&run.lock);
  g_cond_init (&run.space_cond);
  g_queue_init (&run.pending);
  /* an exclusive pool starts all its threads now, so a failure to make them
   * is reported here (with the pool still returned) rather than in a push */
  run.pool = g_thread_pool_new (job_run, &run, options->threads, TRUE, &error);
  if (error != NULL)
    {
      g_printerr ("lede: cannot start %d threads: %s\n", options->threads, error->message);
      status = LEDE_CLI_EXIT_FAILED;
      g_thread_pool_free (run.pool, TRUE, TRUE);
      goto out;
    }

  submit_inputs (&run, &in, inputs);

  /* every job is written by the thread that completes it (or a later one) */
  g_thread_pool_free (run.pool, FALSE, TRUE);
  g_assert (g_queue_is_empty (&run.pending));
  lede_cli_progress_finish (run.progress);
  status = run.status;

out:
  if (run.out != stdout && fclose (run.out) != 0)
    {
      g_printerr ("lede: cannot write %s: %s\n", options->output, g_strerror (errno));
      status = MAX (status, LEDE_CLI_EXIT_IO);
    }
  g_clear_pointer (&run.progress, lede_cli_progress_free);
  g_clear_pointer (&run.done_ids, g_hash_table_unref);
  g_clear_pointer (&run.brat_names, g_hash_table_unref);
  g_cond_clear (&run.space_cond);
  g_mutex_clear (&run.lock);
  lib->annotator_free (run.annotator);
  return status;
}

/* ---- info and --version ------------------------------------------------ */

static const struct {
  uint64_t bit;
  const char *name;
} capability_names[] = {
  { LEDE_CAP_STRUCTURE, "structure" },
  { LEDE_CAP_TOKENS, "tokens" },
  { LEDE_CAP_SENTENCES, "sentences" },
  { LEDE_CAP_ENTITIES, "entities" },
  { LEDE_CAP_TIME, "time" },
  { LEDE_CAP_QUOTES, "quotes" },
  { LEDE_CAP_COREF, "coref" },
  { LEDE_CAP_EVENTS, "events" },
  { LEDE_CAP_UTF8_REPAIR, "utf8-repair" },
};

static int
command_info (const LedeLibrary *lib)
{
  const lede_plugin_descriptor *info = lib->info;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  uint64_t unknown = info->capabilities;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, lib->path);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, lede_library_string (info->name));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, lede_library_string (info->version));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, lede_library_string (info->description));
  json_builder_set_member_name (builder, "license");
  json_builder_add_string_value (builder, lede_library_string (info->license));
  json_builder_set_member_name (builder, "abi_major");
  json_builder_add_int_value (builder, lib->abi_major);
  json_builder_set_member_name (builder, "abi_minor");
  json_builder_add_int_value (builder, lib->abi_minor);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, info->schema_version);
  json_builder_set_member_name (builder, "descriptor_size");
  json_builder_add_int_value (builder, info->struct_size);
  json_builder_set_member_name (builder, "capabilities");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (capability_names); i++)
    if (info->capabilities & capability_names[i].bit)
      {
        json_builder_add_string_value (builder, capability_names[i].name);
        unknown &= ~capability_names[i].bit;
      }
  /* bits newer than this CLI are still shown, by number */
  for (int bit = 0; bit < 64; bit++)
    if (unknown & (UINT64_C (1) << bit))
      {
        g_autofree char *name = g_strdup_printf ("bit-%d", bit);

        json_builder_add_string_value (builder, name);
      }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  g_print ("%s\n", json);
  return LEDE_CLI_EXIT_OK;
}

static void
print_version (const LedeLibrary *lib)
{
  g_print ("library: %s %s (ABI %u.%u, schema %u) %s\n",
           lede_library_string (lib->info->name), lede_library_string (lib->info->version),
           lib->abi_major, lib->abi_minor, lib->info->schema_version, lib->path);
}

/* ---- command line ------------------------------------------------------ */

static const char summary[] =
  "Annotates English news articles with Lede: structure, sentences, tokens,\n"
  "entities and titles, dates, quotes and who said them, events.\n"
  "\n"
  "Commands:\n"
  "  annotate [FILE...|-]  annotate text files (a directory means its *.txt files;\n"
  "                        none or '-' means standard input) and print JSON\n"
  "                        or the --format asked for\n"
  "  info                  print the loaded library's descriptor as JSON";

static const char description[] =
  "Output: one JSON document for a single input (--format json, the default);\n"
  "one compact document per line, with \"id\" set to the file name, for several\n"
  "inputs or a directory (--format jsonl, the default there). Results come in\n"
  "input order whatever --threads is. Other formats, offsets in code points:\n"
  "  webanno  W3C Web Annotation: one JSON-LD AnnotationPage per line\n"
  "  brat     brat standoff: with --output DIR, DIR/NAME.txt and DIR/NAME.ann\n"
  "           per article and DIR/annotation.conf; alone, one article's .ann\n"
  "  conll    CoNLL BIO of the entities: TOKEN START END LABEL per line\n"
  "\n"
  "With --input jsonl (the default for --format jsonl with only standard\n"
  "input), each input is JSON Lines: one object per line, {\"id\": ...,\n"
  "\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}, \"date\" optional and overriding\n"
  "--date, \"id\" defaulting to the line number. Blank lines are skipped.\n"
  "A failing article prints an error naming it on stderr and no output; the\n"
  "others go on. --resume with --output skips the ids (file names for text\n"
  "inputs) the output already holds, so an interrupted run can be rerun.\n"
  "A progress line with the rate and the time left shows on stderr when it\n"
  "is a terminal and the results go elsewhere.\n"
  "\n"
  "Examples:\n"
  "  lede annotate article.txt --date 2022-12-22 --pretty\n"
  "  lede annotate --offsets utf16 < article.txt\n"
  "  lede annotate --layers sentences,time article.txt\n"
  "  lede annotate articles/ --threads 8 > annotations.jsonl\n"
  "  lede annotate --format jsonl < articles.jsonl > annotations.jsonl\n"
  "  lede annotate --input jsonl articles.jsonl -o out.jsonl --resume\n"
  "  lede annotate articles/ --format brat -o brat/\n"
  "  lede annotate article.txt --format webanno\n"
  "  lede --version; lede info\n"
  "\n"
  "Exit codes:\n"
  "  0  every article was annotated\n"
  "  1  an article failed to annotate, or a JSON Lines input line was bad\n"
  "  2  usage error, including a --date or --offsets the library rejects\n"
  "  3  an input could not be read, or the output could not be written\n"
  "  4  the Lede library was not found, not loadable, of another ABI,\n"
  "     or lacks a symbol\n"
  "  5  an article is not valid UTF-8 (the message names the byte;\n"
  "     --repair replaces bad bytes with U+FFFD)\n"
  "  When inputs fail in different ways, the highest of 1, 3 and 5 wins.\n"
  "\n"
  "The library is the first of: --library PATH, $LEDE_LIBRARY, the build tree\n"
  "(for a lede run from it), " LEDE_INSTALLED_LIBRARY ",\n"
  "and liblede-1.so.0 on the dynamic loader's search path.";

int
main (int argc, char **argv)
{
  g_auto(Options) options = { .threads = (int) g_get_num_processors () };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LedeLibrary) lib = NULL;
  const char *command;
  int status;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &options.date,
      "Publication date, which relative dates are read against", "YYYY-MM-DD" },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &options.offsets,
      "Unit of output offsets: codepoint (default), utf16 or byte", "UNIT" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format,
      "Output format: json, jsonl, webanno, brat or conll (see below)", "FORMAT" },
    { "input", 0, 0, G_OPTION_ARG_STRING, &options.input,
      "Input format: text, or jsonl (JSON Lines files or standard input)", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "Write to FILE instead of standard output (brat: into the directory DIR)", "FILE|DIR" },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &options.resume,
      "Skip the articles --output already holds and append the rest (jsonl, brat)", NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &options.progress,
      "Show a progress line on stderr even when it is not a terminal", NULL },
    { "no-progress", 0, 0, G_OPTION_ARG_NONE, &options.no_progress,
      "Show no progress line, even on a terminal", NULL },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &options.pretty, "Indent the JSON (json format only)", NULL },
    { "tokens", 0, 0, G_OPTION_ARG_NONE, &options.tokens, "Include the token table", NULL },
    { "layers", 0, 0, G_OPTION_ARG_STRING, &options.layers,
      "Run only these layers (and what they read): structure, tokens, sentences, "
      "entities, time, coref, quotes, events", "LIST" },
    { "repair", 0, 0, G_OPTION_ARG_NONE, &options.repair,
      "Replace invalid UTF-8 with U+FFFD instead of failing", NULL },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &options.threads,
      "Annotate N inputs at once (default: the number of processors)", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &options.library,
      "Load the Lede library from PATH", "PATH" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      "Print the versions of lede and of its library", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.args, NULL, NULL },
    { NULL }
  };

  /* messages in the user's language and charset, but numbers as C writes
   * them: the library shares this process and prints JSON */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  context = g_option_context_new ("COMMAND [FILE...]");
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  command = options.args ? options.args[0] : NULL;
  if (!options.version && command == NULL)
    return usage_error ("no command given: use 'lede annotate' or 'lede info'");
  if (command != NULL && strcmp (command, "annotate") != 0 && strcmp (command, "info") != 0)
    return usage_error ("unknown command '%s': use 'lede annotate' or 'lede info'", command);
  if (command != NULL && strcmp (command, "info") == 0 && options.args[1] != NULL)
    return usage_error ("'lede info' takes no arguments");

  if (options.version)
    g_print ("lede %s (built against Lede ABI %d.%d)\n", LEDE_CLI_VERSION,
             LEDE_ABI_MAJOR, LEDE_ABI_MINOR);

  lib = lede_library_load (options.library, "--library", &error);
  if (lib == NULL)
    {
      g_printerr ("lede: %s\n", error->message);
      return LEDE_CLI_EXIT_LIBRARY;
    }

  if (options.version)
    {
      print_version (lib);
      return LEDE_CLI_EXIT_OK;
    }
  if (strcmp (command, "info") == 0)
    status = command_info (lib);
  else
    status = command_annotate (lib, &options, options.args + 1);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("lede: cannot write the output: %s\n", g_strerror (errno));
      status = MAX (status, LEDE_CLI_EXIT_IO);
    }
  return status;
}
