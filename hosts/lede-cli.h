/* lede-cli.h — what the files of the `lede` command share. */
#pragma once

#include "lede-host-loader.h"
#include "lede-host-text.h"

#include <json-glib/json-glib.h>

/* Exit codes of `lede`, also listed in `lede --help`. When several inputs fail
 * in different ways, the highest of 1, 3 and 5 wins: an invalid-UTF-8 article
 * is the most specific news (rerun with --repair). 2 and 4 end the run at once. */
typedef enum {
  LEDE_CLI_EXIT_OK = 0,
  LEDE_CLI_EXIT_FAILED = 1,       /* an article or a JSON Lines line failed */
  LEDE_CLI_EXIT_USAGE = 2,        /* bad command line, incl. a --date the library rejects */
  LEDE_CLI_EXIT_IO = 3,           /* an input unreadable, or the output unwritable */
  LEDE_CLI_EXIT_LIBRARY = 4,      /* library not found, not loadable, wrong ABI, missing symbol */
  LEDE_CLI_EXIT_INVALID_UTF8 = 5, /* an article is not UTF-8 (and --repair was not given) */
} LedeCliExit;

/* ---- output formats besides Lede's JSON, one writer per file ---------------
 * Each reads one article's parsed JSON document (code-point offsets) and the
 * text it was made from, and returns a newly allocated string. */

/* lede-cli-webanno.c: W3C Web Annotation, one JSON-LD AnnotationPage per line */
char *lede_cli_write_webanno (JsonObject *doc, const LedeHostText *text, const char *source);
char *lede_cli_webanno_source (const char *path, const char *id);

/* lede-cli-brat.c: brat standoff, the .ann of the article */
char *lede_cli_write_brat (JsonObject *doc, const LedeHostText *text);
extern const char lede_cli_brat_conf[];
char *lede_cli_brat_name (const char *path, const char *id);
gboolean lede_cli_brat_write_files (const char *dir, const char *name, const char *text,
                                    gsize len, const char *ann, GError **error);

/* lede-cli-conll.c: CoNLL BIO of the entity mentions, one token per line */
char *lede_cli_write_conll (JsonObject *doc, const LedeHostText *text);

/* ---- lede-cli-progress.c: the progress line on stderr ---------------------- */
typedef struct _LedeCliProgress LedeCliProgress;
typedef enum {
  LEDE_CLI_PROGRESS_DONE,     /* an article annotated and written */
  LEDE_CLI_PROGRESS_FAILED,   /* an article (or input) that failed */
  LEDE_CLI_PROGRESS_SKIPPED,  /* an article already in the output (--resume) */
} LedeCliProgressEvent;

/* total_items: how many articles, or 0 when unknown; total_bytes: the size
 * of the JSON Lines input when total_items is unknown, or 0 */
LedeCliProgress *lede_cli_progress_new (guint64 total_items, guint64 total_bytes);
void lede_cli_progress_free (LedeCliProgress *progress);
void lede_cli_progress_update (LedeCliProgress *progress, LedeCliProgressEvent event,
                               guint64 bytes);
void lede_cli_progress_clear (LedeCliProgress *progress);
void lede_cli_progress_finish (LedeCliProgress *progress);

/* ---- lede-cli-resume.c: what --resume skips -------------------------------- */
char *lede_cli_id_key (JsonNode *id);
GHashTable *lede_cli_resume_read_jsonl (const char *path, GError **error);
