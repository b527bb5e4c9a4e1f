/* TEMP placeholder until the time layer lands */
#include "lede-private.h"
void lede_time_annotate (const LedeModel *model, LedeDoc *doc) { }
