/* TEMP placeholder until the structure layer lands */
#include "lede-private.h"
void lede_structure_annotate (const LedeModel *model, LedeDoc *doc) { }
