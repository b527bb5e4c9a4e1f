/* TEMP placeholder until the tokens layer lands */
#include "lede-private.h"
void lede_tokens_annotate (const LedeModel *model, LedeDoc *doc) { }
