/* seal.h: personal data sealed at rest (等保/密评: 重要数据存储保密性与完整性). ID numbers and
 * phone numbers are stored as "s1:" + base64(IV ‖ SM4-CTR ciphertext ‖ tag), the tag being the
 * first 16 bytes of HMAC-SM3 over "s1" ‖ IV ‖ ciphertext (encrypt-then-MAC: Debian's OpenSSL 3.0
 * has SM4 but not SM4-GCM). A value that must be found again (an ID number) also gets a blind
 * index: hex HMAC-SM3 of the plain value under its own key, so equality look-ups and unique
 * constraints work without the plain text in the database. The three keys are derived by
 * HMAC-SM3 from one 32-byte master key kept in a key file (64 hex digits), outside the database.
 * The key is process-wide: loaded once at start-up, before any thread. docs/security.md. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct err;

#define SEAL_PREFIX      "s1:"
#define SEAL_INDEX_CHARS 32 /* hex characters of a blind index (128 bits) */
#define SEAL_CHECK_CHARS 32 /* hex characters of a key's check value */

/* A column an area keeps sealed (struct module .sealed, ending with a NULL table): the table,
 * its integer key column "id", the sealed value column, and the blind-index column (NULL when
 * the value is never looked up). */
struct sealed_column {
    const char *table;
    const char *value;
    const char *index;
};

/* Reads the master key from path. When the file does not exist and create is set, writes a
 * new random key there (mode 0600, refusing to overwrite). E_INVALID naming crypto.key_file when
 * the file is unreadable or not 64 hex digits. */
int seal_key_load(const char *path, bool create, struct err *err);
/* Reads a master key file into master without using it (key rotation). */
int seal_key_read(const char *path, unsigned char master[32], struct err *err);
/* Writes a new random master key to path (mode 0600; E_CONFLICT when it exists). */
int seal_key_create(const char *path, struct err *err);
/* fsyncs the folder holding path (a created or renamed key file survives a power cut). */
int seal_sync_dir(const char *path);
/* Uses master (32 bytes) as the process key; unit tests and key rotation. */
void seal_key_use(const unsigned char master[32]);
bool seal_key_loaded(void);

/* The sealed text of plain (NULL for NULL, "" for ""), from a. */
const char *seal_text(const char *plain, struct arena *a);
/* Bytes sealed the same way without base64 — "s1" ‖ IV ‖ SM4-CTR ‖ tag — from a (import error
 * workbooks); *len_out is the sealed length. */
const void *seal_bytes(const void *p, size_t n, struct arena *a, size_t *len_out);
/* The plain bytes of seal_bytes output, from a; bytes that do not start with "s1" are returned
 * as they are (a workbook stored before sealing). E_INTERNAL when the tag does not verify. */
int seal_open_bytes(const void *p, size_t len, struct arena *a, const void **out, size_t *len_out,
                    struct err *err);
/* The plain text of a sealed value, from a. A value without the prefix is returned as it is
 * (a database being sealed by the start-up pass). E_INTERNAL when the tag does not verify
 * (tampered, or another key): never silently wrong. NULL in, NULL out. */
int seal_open(const char *stored, struct arena *a, const char **out, struct err *err);
/* Like seal_open for readers that cannot fail: on a bad value logs it and returns "??". */
const char *seal_open_or_mark(const char *stored, struct arena *a);
bool seal_is_sealed(const char *stored);
/* The blind index of plain into out (SEAL_INDEX_CHARS hex + NUL); NULL or "" when plain is. */
const char *seal_index(const char *plain, char out[SEAL_INDEX_CHARS + 1]);
/* The check value of the process key (stored in the database: a wrong key file is refused
 * before anything is written with it). */
void seal_check_value(char out[SEAL_CHECK_CHARS + 1]);
