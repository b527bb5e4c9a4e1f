/* lede-cli-progress.c — the progress line of `lede annotate` on stderr:
 *
 *   [##########..........]  512/1000 articles  41.3/s  ETA 0:00:12  2 failed
 *
 * drawn over itself with a carriage return, at most ten times a second. The
 * total is the number of articles when it is known (files, directories), or
 * else the share of a JSON Lines file read so far; on a pipe of unknown
 * length only the count and the rate show. The caller serializes every call
 * (the CLI's output lock) and clears the line before printing a message.
 */
#include "lede-cli.h"

#include <stdio.h>

#define REDRAW_INTERVAL_US (G_USEC_PER_SEC / 10)
#define BAR_WIDTH 20

struct _LedeCliProgress {
  guint64 total_items;   /* 0: unknown */
  guint64 total_bytes;   /* 0: unknown; used when total_items is */
  guint64 done;          /* annotated or failed, this run */
  guint64 skipped;       /* already in the output (--resume) */
  guint64 failed;
  guint64 bytes;
  gint64 started;
  gint64 drawn_at;
  gboolean on_screen;
};

LedeCliProgress *
lede_cli_progress_new (guint64 total_items, guint64 total_bytes)
{
  LedeCliProgress *progress = g_new0 (LedeCliProgress, 1);

  progress->total_items = total_items;
  progress->total_bytes = total_bytes;
  progress->started = g_get_monotonic_time ();
  return progress;
}

void
lede_cli_progress_free (LedeCliProgress *progress)
{
  g_free (progress);
}

static void
format_duration (GString *out, double seconds)
{
  guint64 s = seconds < 0 ? 0 : (guint64) (seconds + 0.5);

  g_string_append_printf (out, "%" G_GUINT64_FORMAT ":%02u:%02u",
                          s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
}

static void
draw (LedeCliProgress *progress, gint64 now)
{
  g_autoptr(GString) line = g_string_new ("\r");
  double elapsed = (double) (now - progress->started) / G_USEC_PER_SEC;
  double rate = elapsed > 0 ? (double) progress->done / elapsed : 0;
  double fraction = -1;   /* of the work of this run; < 0 when unknown */

  if (progress->total_items > 0)
    {
      guint64 todo = progress->total_items > progress->skipped
                     ? progress->total_items - progress->skipped : 0;

      fraction = todo > 0 ? MIN (1.0, (double) progress->done / (double) todo) : 1.0;
    }
  else if (progress->total_bytes > 0)
    fraction = MIN (1.0, (double) progress->bytes / (double) progress->total_bytes);

  if (fraction >= 0)
    {
      int filled = (int) (fraction * BAR_WIDTH);

      g_string_append_c (line, '[');
      for (int i = 0; i < BAR_WIDTH; i++)
        g_string_append_c (line, i < filled ? '#' : '.');
      g_string_append (line, "] ");
    }
  if (progress->total_items > 0)
    g_string_append_printf (line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " articles",
                            progress->done + progress->skipped, progress->total_items);
  else
    g_string_append_printf (line, "%" G_GUINT64_FORMAT " articles (%.0f%%)",
                            progress->done + progress->skipped,
                            fraction >= 0 ? 100 * fraction : 0);
  g_string_append_printf (line, "  %.1f articles/s", rate);
  if (fraction > 0 && fraction < 1)
    {
      g_string_append (line, "  ETA ");
      format_duration (line, elapsed * (1 - fraction) / fraction);
    }
  else if (fraction >= 1 || fraction < 0)
    {
      g_string_append (line, "  elapsed ");
      format_duration (line, elapsed);
    }
  if (progress->skipped > 0)
    g_string_append_printf (line, "  %" G_GUINT64_FORMAT " skipped", progress->skipped);
  if (progress->failed > 0)
    g_string_append_printf (line, "  %" G_GUINT64_FORMAT " failed", progress->failed);
  /* erase what a longer earlier line left */
  g_string_append (line, "\033[K");
  fputs (line->str, stderr);
  fflush (stderr);
  progress->on_screen = TRUE;
  progress->drawn_at = now;
}

void
lede_cli_progress_update (LedeCliProgress *progress, LedeCliProgressEvent event, guint64 bytes)
{
  gint64 now = g_get_monotonic_time ();

  if (progress == NULL)
    return;
  switch (event)
    {
    case LEDE_CLI_PROGRESS_DONE:
      progress->done++;
      break;
    case LEDE_CLI_PROGRESS_FAILED:
      progress->done++;
      progress->failed++;
      break;
    case LEDE_CLI_PROGRESS_SKIPPED:
      progress->skipped++;
      break;
    }
  progress->bytes += bytes;
  if (!progress->on_screen || now - progress->drawn_at >= REDRAW_INTERVAL_US)
    draw (progress, now);
}

void
lede_cli_progress_clear (LedeCliProgress *progress)
{
  if (progress == NULL || !progress->on_screen)
    return;
  fputs ("\r\033[K", stderr);
  progress->on_screen = FALSE;
}

void
lede_cli_progress_finish (LedeCliProgress *progress)
{
  if (progress == NULL)
    return;
  draw (progress, g_get_monotonic_time ());
  fputc ('\n', stderr);
  progress->on_screen = FALSE;
}
