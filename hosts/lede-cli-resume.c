/* lede-cli-resume.c — what `lede annotate --resume` skips: the ids of the
 * articles an earlier run already wrote.
 *
 * An id is kept as its JSON text ("\"a.txt\"", "17"), so the string "17" and
 * the number 17 stay different ids, as they are in the input.
 */
#include "lede-cli.h"

#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

char *
lede_cli_id_key (JsonNode *id)
{
  return json_to_string (id, FALSE);
}

/* Reads a JSON Lines output file: the "id" of every complete line. A last
 * line without its newline is what an interrupted run leaves: it is cut off
 * the file, and its article will be annotated again. A missing file is an
 * empty one. Lines that are not JSON objects with an id are left alone. */
GHashTable *
lede_cli_resume_read_jsonl (const char *path, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  FILE *file = fopen (path, "r+");
  char *line = NULL;
  size_t capacity = 0;
  ssize_t n;
  off_t complete = 0;
  int saved_errno = 0;

  if (file == NULL)
    {
      if (errno == ENOENT)
        return g_steal_pointer (&ids);
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot open %s to resume: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  while ((n = getline (&line, &capacity, file)) > 0)
    {
      JsonNode *root, *id;

      if (line[n - 1] != '\n')
        {
          if (ftruncate (fileno (file), complete) != 0)
            saved_errno = errno;
          else
            g_printerr ("lede: %s: cut off an incomplete last line (an interrupted run); "
                        "its article is annotated again\n", path);
          break;
        }
      complete += n;
      if (!json_parser_load_from_data (parser, line, n, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      id = json_object_get_member (json_node_get_object (root), "id");
      if (id != NULL && JSON_NODE_HOLDS_VALUE (id))
        g_hash_table_add (ids, lede_cli_id_key (id));
    }
  if (saved_errno == 0 && ferror (file))
    saved_errno = errno;
  free (line);
  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot read or repair %s to resume: %s", path, g_strerror (saved_errno));
      fclose (file);
      return NULL;
    }
  fclose (file);
  return g_steal_pointer (&ids);
}
