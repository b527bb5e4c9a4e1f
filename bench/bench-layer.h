/* bench-layer.h — the common start of the in-process layer benchmarks. */
#pragma once

#include "lede-private.h"

/* Reads "WHO DIR [REPEAT]" from the command line, every *.txt under DIR and
 * the model; returns the model, or NULL after printing the usage or the
 * error (the caller exits with *status). REPEAT defaults to 3, at least 1. */
LedeModel *bench_layer_start (const char *who, int argc, char **argv,
                              GPtrArray **texts, guint *repeat, int *status);
