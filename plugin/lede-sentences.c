/* TEMP placeholder until the sentences layer lands */
#include "lede-private.h"
void lede_sentences_annotate (const LedeModel *model, LedeDoc *doc) { }
