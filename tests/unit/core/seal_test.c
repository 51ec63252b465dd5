/* seal_test.c: unit tests for core/seal: a sealed value opens to what was sealed and never
 * shows it, each sealing differs (its own IV), a changed byte or another key is refused, the
 * blind index is stable per key and differs between keys, the key file is read, created
 * (mode 0600, never overwritten) and refused when malformed, and bytes are sealed alike. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "tap.h"

#include <sys/stat.h>
#include <unistd.h>

static const unsigned char KEY_A[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
static const unsigned char KEY_B[32] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
static const char *const ID = "99010119850312007X";

static void test_round_trip(void)
{
    struct arena a;
    struct err e = { 0 };
    const char *out = NULL, *sealed, *again;

    arena_init(&a, 0);
    seal_key_use(KEY_A);
    sealed = seal_text(ID, &a);
    again = seal_text(ID, &a);
    CHECK(seal_is_sealed(sealed));
    CHECK(strstr(sealed, "9901011985") == NULL);
    CHECK(strcmp(sealed, again) != 0); /* a fresh IV each time */
    CHECK_EQ(seal_open(sealed, &a, &out, &e), 0);
    CHECK_STR(out, ID);
    CHECK_EQ(seal_open(again, &a, &out, &e), 0);
    CHECK_STR(out, ID);
    /* Chinese text (a phone may be typed with 转 and an extension) round-trips too. */
    CHECK_EQ(seal_open(seal_text("13800001111转8", &a), &a, &out, &e), 0);
    CHECK_STR(out, "13800001111转8");
    /* NULL and "" stay as they are; a value never sealed reads as it is. */
    CHECK(seal_text(NULL, &a) == NULL);
    CHECK_STR(seal_text("", &a), "");
    CHECK_EQ(seal_open("13800001111", &a, &out, &e), 0);
    CHECK_STR(out, "13800001111");
    arena_release(&a);
}

static void test_tamper_and_wrong_key(void)
{
    struct arena a;
    struct err e = { 0 };
    const char *out = NULL;
    char *bad;

    arena_init(&a, 0);
    seal_key_use(KEY_A);
    const char *sealed = seal_text(ID, &a);
    /* One base64 character of the ciphertext changed. */
    bad = arena_strdup(&a, sealed);
    bad[30] = bad[30] == 'A' ? 'B' : 'A';
    CHECK_EQ(seal_open(bad, &a, &out, &e), -1);
    CHECK_EQ(e.code, E_INTERNAL);
    CHECK(strstr(e.msg, "校验失败") != NULL);
    /* Truncated. */
    e = (struct err){ 0 };
    CHECK_EQ(seal_open("s1:AAAA", &a, &out, &e), -1);
    /* Another key. */
    e = (struct err){ 0 };
    seal_key_use(KEY_B);
    CHECK_EQ(seal_open(sealed, &a, &out, &e), -1);
    CHECK_STR(seal_open_or_mark(sealed, &a), "??");
    arena_release(&a);
}

static void test_index(void)
{
    char x[SEAL_INDEX_CHARS + 1], y[SEAL_INDEX_CHARS + 1], z[SEAL_INDEX_CHARS + 1];
    char ca[SEAL_CHECK_CHARS + 1], cb[SEAL_CHECK_CHARS + 1];

    seal_key_use(KEY_A);
    seal_index(ID, x);
    seal_index(ID, y);
    seal_check_value(ca);
    CHECK_STR(x, y);
    CHECK_EQ(strlen(x), SEAL_INDEX_CHARS);
    CHECK(seal_index(NULL, y) == NULL);
    seal_index("99010119850312008X", y);
    CHECK(strcmp(x, y) != 0);
    seal_key_use(KEY_B);
    seal_index(ID, z);
    seal_check_value(cb);
    CHECK(strcmp(x, z) != 0);
    CHECK(strcmp(ca, cb) != 0);
}

static void test_key_file(void)
{
    char path[128];
    struct err e = { 0 };
    struct stat st;
    unsigned char m1[32], m2[32];
    FILE *f;

    snprintf(path, sizeof(path), "/tmp/dangjian_seal_test_%d.key", (int)getpid());
    unlink(path);
    /* Missing and not to be created. */
    CHECK_EQ(seal_key_load(path, false, &e), -1);
    CHECK_STR(e.field, "crypto.key_file");
    /* Created: 0600, 64 hex digits, read back the same; never overwritten. */
    e = (struct err){ 0 };
    CHECK_EQ(seal_key_load(path, true, &e), 0);
    CHECK_EQ(stat(path, &st), 0);
    CHECK_EQ(st.st_mode & 0777, 0600);
    CHECK_EQ(st.st_size, 65);
    CHECK_EQ(seal_key_read(path, m1, &e), 0);
    CHECK_EQ(seal_key_create(path, &e), -1);
    CHECK_EQ(e.code, E_CONFLICT);
    CHECK_EQ(seal_key_read(path, m2, &e), 0);
    CHECK(memcmp(m1, m2, 32) == 0);
    /* Malformed. */
    f = fopen(path, "w");
    fputs("not a key\n", f);
    fclose(f);
    e = (struct err){ 0 };
    CHECK_EQ(seal_key_load(path, true, &e), -1);
    CHECK(strstr(e.msg, "64 位十六进制") != NULL);
    /* A key followed by blanks and then anything else is no key file either. */
    f = fopen(path, "w");
    fprintf(f, "%064d%200s#\n", 0, "");
    fclose(f);
    e = (struct err){ 0 };
    CHECK_EQ(seal_key_load(path, true, &e), -1);
    unlink(path);
}

static void test_bytes(void)
{
    struct arena a;
    struct err e = { 0 };
    const unsigned char data[] = { 'P', 'K', 3, 4, 0, 1, 2, 0xff, 's', '1' };
    const void *out = NULL;
    size_t n = 0, len = 0;

    arena_init(&a, 0);
    seal_key_use(KEY_A);
    const unsigned char *sealed = seal_bytes(data, sizeof(data), &a, &len);
    CHECK_EQ(len, 2 + 16 + sizeof(data) + 16);
    CHECK(memcmp(sealed, "s1", 2) == 0);
    CHECK(memcmp(sealed + 18, data, sizeof(data)) != 0);
    CHECK_EQ(seal_open_bytes(sealed, len, &a, &out, &n, &e), 0);
    CHECK_EQ(n, sizeof(data));
    CHECK(memcmp(out, data, sizeof(data)) == 0);
    /* Bytes stored before sealing (a zip) read as they are; a changed byte is refused. */
    CHECK_EQ(seal_open_bytes(data, sizeof(data), &a, &out, &n, &e), 0);
    CHECK(out == (const void *)data);
    unsigned char *bad = arena_alloc(&a, len);
    memcpy(bad, sealed, len);
    bad[20] ^= 1;
    CHECK_EQ(seal_open_bytes(bad, len, &a, &out, &n, &e), -1);
    CHECK_EQ(e.code, E_INTERNAL);
    arena_release(&a);
}

TAP_MAIN("core/seal", TEST(test_round_trip), TEST(test_tamper_and_wrong_key), TEST(test_index),
         TEST(test_key_file), TEST(test_bytes))
