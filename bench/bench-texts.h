/* bench-texts.h — the article texts the benchmarks run over. */
#pragma once

#include <glib.h>

/* Every *.txt file under dir (recursively), read into memory, as GBytes;
 * exits with a message naming who and dir when there is none. */
GPtrArray *bench_read_texts (const char *who, const char *dir);
