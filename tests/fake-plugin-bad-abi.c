/* fake-plugin-bad-abi.c — a "Lede library" of a future major ABI, which a
 * host must refuse before calling anything else (tests/test-cli.py). */
#include <lede/lede.h>

static const lede_plugin_descriptor plugin_info = {
  .struct_size = sizeof (lede_plugin_descriptor),
  .abi_major = 99,
  .abi_minor = 0,
  .name = "fake-bad-abi",
  .version = "99.0",
};

uint32_t
lede_abi_version (void)
{
  return 99u << 16;
}

const lede_plugin_descriptor *
lede_plugin_info (void)
{
  return &plugin_info;
}
