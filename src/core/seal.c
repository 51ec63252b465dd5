/* seal.c: SM4-CTR + HMAC-SM3 sealing of personal data, the blind index and the key file
 * (seal.h). OpenSSL's libcrypto for SM4 and SM3; libsodium for random bytes, base64 and
 * constant-time comparison. */
#include "core/compat.h"
#include "core/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"

#define IV_LEN  16
#define TAG_LEN 16

static struct {
    bool loaded;
    unsigned char enc[16];   /* SM4 key */
    unsigned char mac[32];   /* HMAC-SM3 key of the tag */
    unsigned char index[32]; /* HMAC-SM3 key of the blind index */
    unsigned char check[32]; /* the key's check value */
} key;
/* The algorithms, fetched once (an implicit fetch per call costs more than the work). */
static EVP_CIPHER *sm4_ctr_alg;
static EVP_MD *sm3_alg;

static void hmac_sm3(const unsigned char *k, size_t klen, const void *msg, size_t n,
                     unsigned char out[32])
{
    unsigned int len = 32;
    /* Fails only when libcrypto is broken: never store or compare an unset MAC. */
    ASSERT(HMAC(sm3_alg, k, (int)klen, msg, n, out, &len) && len == 32);
}

void seal_key_use(const unsigned char master[32])
{
    unsigned char d[32];

    if (!sm3_alg) {
        ASSERT(sodium_init() >= 0); /* randombytes_buf from any thread needs it first */
        sm3_alg = EVP_MD_fetch(NULL, "SM3", NULL);
        sm4_ctr_alg = EVP_CIPHER_fetch(NULL, "SM4-CTR", NULL);
        ASSERT(sm3_alg && sm4_ctr_alg);
    }
    hmac_sm3(master, 32, "dangjian seal enc", 17, d);
    memcpy(key.enc, d, sizeof(key.enc));
    hmac_sm3(master, 32, "dangjian seal mac", 17, key.mac);
    hmac_sm3(master, 32, "dangjian seal index", 19, key.index);
    hmac_sm3(master, 32, "dangjian seal check", 19, key.check);
    sodium_memzero(d, sizeof(d));
    key.loaded = true;
}

bool seal_key_loaded(void)
{
    return key.loaded;
}

static void hex(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

int seal_sync_dir(const char *path)
{
    char dir[600];
    const char *slash = strrchr(path, '/');

    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (!dir[0])
        snprintf(dir, sizeof(dir), "/");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
    if (fd >= 0)
        close(fd);
    return rc;
}

int seal_key_create(const char *path, struct err *err)
{
    unsigned char master[32];
    char text[65];
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (fd < 0)
        return err_set(err, errno == EEXIST ? E_CONFLICT : E_INVALID, "crypto.key_file",
                       "无法创建密钥文件 %s（%s）", path, strerror(errno));
    randombytes_buf(master, sizeof(master));
    hex(master, sizeof(master), text);
    text[64] = '\n';
    bool ok = write(fd, text, 65) == 65 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok && seal_sync_dir(path) == 0;
    sodium_memzero(master, sizeof(master));
    sodium_memzero(text, sizeof(text));
    if (!ok) {
        unlink(path);
        return err_set(err, E_INVALID, "crypto.key_file", "无法写入密钥文件 %s", path);
    }
    return 0;
}

int seal_key_read(const char *path, unsigned char master[32], struct err *err)
{
    char text[200];
    size_t n = 0, bin = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return err_set(err, E_INVALID, "crypto.key_file",
                       "无法读取密钥文件 %s（%s）：加密的身份证号和手机号需要它", path,
                       strerror(errno));
    for (ssize_t r; n < sizeof(text) - 1 && (r = read(fd, text + n, sizeof(text) - 1 - n)) > 0;)
        n += (size_t)r;
    close(fd);
    bool whole = n < sizeof(text) - 1; /* a longer file is no key file */
    while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
        n--;
    int rc =
        whole && n == 64 && sodium_hex2bin(master, 32, text, n, NULL, &bin, NULL) == 0 && bin == 32
            ? 0
            : err_set(err, E_INVALID, "crypto.key_file", "密钥文件 %s 的内容应为 64 位十六进制数字",
                      path);
    sodium_memzero(text, sizeof(text));
    return rc;
}

int seal_key_load(const char *path, bool create, struct err *err)
{
    unsigned char master[32];

    if (create && access(path, F_OK) != 0 && errno == ENOENT) {
        if (seal_key_create(path, err) < 0)
            return -1;
        log_warn("seal_key_created", "path=%s", path);
    }
    if (seal_key_read(path, master, err) < 0)
        return -1;
    seal_key_use(master);
    sodium_memzero(master, sizeof(master));
    return 0;
}

static bool sm4_ctr(const unsigned char iv[IV_LEN], const unsigned char *in, size_t n,
                    unsigned char *out)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0, fin = 0;
    bool ok = ctx && EVP_EncryptInit_ex2(ctx, sm4_ctr_alg, key.enc, iv, NULL) == 1 &&
              EVP_EncryptUpdate(ctx, out, &len, in, (int)n) == 1 &&
              EVP_EncryptFinal_ex(ctx, out + len, &fin) == 1 && (size_t)(len + fin) == n;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/* The tag of iv ‖ ct (buf holds "s1" ‖ iv ‖ ct). */
static void tag_of(const unsigned char *buf, size_t n, unsigned char out[32])
{
    hmac_sm3(key.mac, sizeof(key.mac), buf, n, out);
}

const void *seal_bytes(const void *p, size_t n, struct arena *a, size_t *len_out)
{
    ASSERT(key.loaded);
    unsigned char *buf = arena_alloc(a, 2 + IV_LEN + n + TAG_LEN + 1), mac[32];
    memcpy(buf, "s1", 2);
    unsigned char *raw = buf + 2;
    randombytes_buf(raw, IV_LEN);
    /* SM4 fails only when libcrypto is broken: never store a value that was not sealed. */
    ASSERT(sm4_ctr(raw, p, n, raw + IV_LEN));
    tag_of(buf, 2 + IV_LEN + n, mac);
    memcpy(raw + IV_LEN + n, mac, TAG_LEN);
    *len_out = 2 + IV_LEN + n + TAG_LEN;
    return buf;
}

const char *seal_text(const char *plain, struct arena *a)
{
    size_t len = 0;

    if (!plain || !*plain)
        return plain;
    const unsigned char *buf = seal_bytes(plain, strlen(plain), a, &len);
    size_t b64 = sodium_base64_encoded_len(len - 2, sodium_base64_VARIANT_ORIGINAL);
    char *out = arena_alloc(a, 3 + b64);
    memcpy(out, SEAL_PREFIX, 3);
    sodium_bin2base64(out + 3, b64, buf + 2, len - 2, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

bool seal_is_sealed(const char *stored)
{
    return stored && !strncmp(stored, SEAL_PREFIX, 3);
}

int seal_open_bytes(const void *p, size_t len, struct arena *a, const void **out, size_t *len_out,
                    struct err *err)
{
    const unsigned char *buf = p, *raw = buf + 2;
    unsigned char mac[32];

    ASSERT(key.loaded);
    *out = p;
    *len_out = len;
    if (len < 2 || memcmp(buf, "s1", 2) != 0)
        return 0;
    if (len < 2 + IV_LEN + TAG_LEN)
        return err_set(err, E_INTERNAL, NULL, "加密数据已损坏");
    size_t n = len - 2 - IV_LEN - TAG_LEN;
    tag_of(buf, 2 + IV_LEN + n, mac);
    if (sodium_memcmp(mac, raw + IV_LEN + n, TAG_LEN) != 0)
        return err_set(err, E_INTERNAL, NULL, "加密数据校验失败（数据被改动或密钥不符）");
    unsigned char *plain = arena_alloc(a, n + 1); /* NUL-terminated for seal_open */
    if (!sm4_ctr(raw, raw + IV_LEN, n, plain))
        return err_set(err, E_INTERNAL, NULL, "解密失败");
    *out = plain;
    *len_out = n;
    return 0;
}

int seal_open(const char *stored, struct arena *a, const char **out, struct err *err)
{
    const void *plain;
    size_t raw_len = 0, n;

    *out = stored;
    if (!seal_is_sealed(stored))
        return 0;
    size_t len = strlen(stored + 3);
    unsigned char *buf = arena_alloc(a, 2 + len);
    memcpy(buf, "s1", 2);
    if (sodium_base642bin(buf + 2, len, stored + 3, len, NULL, &raw_len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return err_set(err, E_INTERNAL, NULL, "加密数据已损坏");
    if (seal_open_bytes(buf, 2 + raw_len, a, &plain, &n, err) < 0)
        return -1;
    *out = plain;
    return 0;
}

const char *seal_open_or_mark(const char *stored, struct arena *a)
{
    struct err err = { 0 };
    const char *plain = NULL;

    if (seal_open(stored, a, &plain, &err) == 0)
        return plain;
    log_error("seal_open_failed", "msg=\"%s\"", err.msg);
    return "??";
}

const char *seal_index(const char *plain, char out[SEAL_INDEX_CHARS + 1])
{
    unsigned char mac[32];

    ASSERT(key.loaded);
    if (!plain || !*plain)
        return plain;
    hmac_sm3(key.index, sizeof(key.index), plain, strlen(plain), mac);
    hex(mac, SEAL_INDEX_CHARS / 2, out);
    return out;
}

void seal_check_value(char out[SEAL_CHECK_CHARS + 1])
{
    ASSERT(key.loaded);
    hex(key.check, SEAL_CHECK_CHARS / 2, out);
}
