/* fake-plugin-no-annotate.c — a library of the right ABI that lacks
 * lede_annotate, which a host must refuse by naming the missing symbol
 * (tests/test-cli.py). */
#include <lede/lede.h>
#include <stdlib.h>

static const lede_plugin_descriptor plugin_info = {
  .struct_size = sizeof (lede_plugin_descriptor),
  .abi_major = LEDE_ABI_MAJOR,
  .abi_minor = LEDE_ABI_MINOR,
  .name = "fake-no-annotate",
  .version = "0.0",
};

uint32_t
lede_abi_version (void)
{
  return LEDE_ABI_VERSION;
}

const lede_plugin_descriptor *
lede_plugin_info (void)
{
  return &plugin_info;
}

lede_annotator *
lede_annotator_new (const char *options_json, lede_error **error)
{
  return NULL;
}

void
lede_annotator_free (lede_annotator *annotator)
{
}

void
lede_free (void *ptr)
{
  free (ptr);
}
