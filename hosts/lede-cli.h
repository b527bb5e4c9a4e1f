/* lede-cli.h — what the files of the `lede` command share. */
#pragma once

#include "lede-host-loader.h"

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
