/* lede.h — the flat C ABI of Lede, the news-article annotator.
 *
 * This header is what a host dlopen()s against and what ctypes mirrors: it uses
 * no GLib types, no structs by value, no varargs, only fixed-width integers.
 * Every symbol starts with lede_. Whatever Lede allocates, lede_free() releases.
 * The contract is written down in docs/abi.md.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
# ifdef LEDE_COMPILATION
#  define LEDE_API __declspec(dllexport)
# else
#  define LEDE_API __declspec(dllimport)
# endif
#else
# define LEDE_API __attribute__((visibility("default"))) extern
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ABI_MAJOR changes only when something is removed or changes meaning: a host
 * requires equality. ABI_MINOR grows when something is appended: a host requires
 * the library's minor to be at least the one it was built against. */
#define LEDE_ABI_MAJOR 1
#define LEDE_ABI_MINOR 1
#define LEDE_ABI_VERSION ((LEDE_ABI_MAJOR << 16) | LEDE_ABI_MINOR)

/* Error codes: append only, never renumbered. The same numbers are LedeError
 * codes in the GObject API. */
typedef enum {
  LEDE_OK                     = 0,
  LEDE_ERR_INVALID_ARGUMENT   = 1, /* NULL handle, NULL text with a length, ... */
  LEDE_ERR_INVALID_UTF8       = 2, /* the text is not UTF-8; position says where */
  LEDE_ERR_INVALID_OPTIONS    = 3, /* options JSON malformed or names an unknown option */
  LEDE_ERR_INVALID_METADATA   = 4, /* metadata JSON malformed, or a bad date/offset unit */
  LEDE_ERR_TOO_LARGE          = 5, /* text longer than LEDE_MAX_TEXT_BYTES */
  LEDE_ERR_INTERNAL           = 6, /* a bug in Lede: please report it */
} lede_status;

/* The largest text lede_annotate() takes: offsets are 32-bit internally. */
#define LEDE_MAX_TEXT_BYTES ((uint64_t) 0x7fffffff)

/* Capability bits of lede_plugin_descriptor.capabilities: which layers this build has. */
#define LEDE_CAP_STRUCTURE  (UINT64_C(1) << 0)
#define LEDE_CAP_TOKENS     (UINT64_C(1) << 1)
#define LEDE_CAP_SENTENCES  (UINT64_C(1) << 2)
#define LEDE_CAP_ENTITIES   (UINT64_C(1) << 3)
#define LEDE_CAP_TIME       (UINT64_C(1) << 4)
#define LEDE_CAP_QUOTES     (UINT64_C(1) << 5)
#define LEDE_CAP_COREF      (UINT64_C(1) << 6)
#define LEDE_CAP_EVENTS     (UINT64_C(1) << 7)
#define LEDE_CAP_UTF8_REPAIR (UINT64_C(1) << 8)

/* A static descriptor of the loaded library. Fields are only ever appended:
 * read struct_size first and nothing beyond it. Strings are static UTF-8. */
typedef struct lede_plugin_descriptor {
  uint32_t    struct_size;
  uint16_t    abi_major;
  uint16_t    abi_minor;
  uint64_t    capabilities;
  uint32_t    schema_version;   /* the "schema" number of the JSON output */
  uint32_t    reserved;
  const char *name;
  const char *version;
  const char *description;
  const char *license;
} lede_plugin_descriptor;

/* An error, allocated by Lede as one block: release it with lede_free(). */
typedef struct lede_error {
  uint32_t    struct_size;
  int32_t     code;             /* a lede_status */
  int64_t     position;         /* byte offset in the input the error is about, or -1 */
  const char *message;          /* UTF-8, inside the same allocation */
} lede_error;

/* An opaque annotator: immutable once made, safe to share between threads. */
typedef struct lede_annotator lede_annotator;

LEDE_API uint32_t                 lede_abi_version   (void);
LEDE_API const lede_plugin_descriptor *lede_plugin_info (void);

/* options_json may be NULL or "{}". Keys (all optional):
 *   "offsets": "codepoint" | "utf16" | "byte"   default unit of output offsets
 *   "tokens":  true | false                      include the token table (default false)
 *   "repair":  true | false                      replace invalid UTF-8 with U+FFFD (default false)
 *   "pretty":  true | false                      indent the JSON output (default false)
 * On failure returns NULL and, if error is not NULL, sets *error. */
LEDE_API lede_annotator *lede_annotator_new  (const char      *options_json,
                                              lede_error     **error);
LEDE_API void            lede_annotator_free (lede_annotator  *annotator);

/* Annotates len bytes of UTF-8 text (text may be NULL only when len is 0).
 * meta_json may be NULL; keys: "date" ("YYYY-MM-DD", the publication date),
 * "id" (echoed back), and per-call "offsets", "tokens", "repair", "pretty".
 * Returns a NUL-terminated JSON document (docs/schema.md) to release with
 * lede_free(), or NULL with *error set. */
LEDE_API char           *lede_annotate       (const lede_annotator *annotator,
                                              const char      *text,
                                              size_t           len,
                                              const char      *meta_json,
                                              lede_error     **error);

/* Releases anything Lede returned: JSON strings and lede_error blocks. NULL is fine. */
LEDE_API void            lede_free           (void            *ptr);

#ifdef __cplusplus
}
#endif
