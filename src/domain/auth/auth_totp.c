/* auth_totp.c: two-factor login (等保 level 3). Time-based one-time passwords as authenticator
 * apps compute them (RFC 6238: HMAC-SHA1 of the 30-second step, 6 digits), accepted one step
 * early or late and each step once; enrolment through an otpauth:// URI shown as a QR code
 * (core/qr.h); ten one-time recovery codes kept as SHA-256; and
 * auth.totp_roles, the roles that must use it. HMAC from OpenSSL's libcrypto, random bytes and
 * SHA-256 from libsodium. It does not send codes by SMS (no gateway here). */
#include "core/compat.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/qr.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_int.h"

enum {
    TOTP_STEP_S = 30,
    TOTP_DRIFT = 1,         /* steps accepted either side of now */
    TOTP_SECRET_BYTES = 20, /* 160 bits, as RFC 4226 recommends */
    RECOVERY_CODES = 10,
};

/* ---------- the algorithm ---------- */

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* RFC 4648 base32 without padding, into a. */
static char *base32(const unsigned char *p, size_t n, struct arena *a)
{
    char *out = arena_alloc(a, (n * 8 + 4) / 5 + 1), *w = out;
    unsigned buf = 0;
    int bits = 0;

    for (size_t i = 0; i < n; i++) {
        buf = (buf << 8) | p[i];
        bits += 8;
        while (bits >= 5) {
            *w++ = B32[(buf >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        *w++ = B32[(buf << (5 - bits)) & 31];
    *w = '\0';
    return out;
}

/* Decodes base32 s into out (at most cap bytes); the byte count, or -1 on a bad character. */
static int unbase32(const char *s, unsigned char *out, size_t cap)
{
    unsigned buf = 0;
    int bits = 0;
    size_t n = 0;

    for (; *s; s++) {
        const char *c = strchr(B32, *s);
        if (!c)
            return -1;
        buf = (buf << 5) | (unsigned)(c - B32);
        bits += 5;
        if (bits >= 8) {
            if (n == cap)
                return -1;
            out[n++] = (unsigned char)(buf >> (bits - 8));
            bits -= 8;
        }
    }
    return (int)n;
}

/* The 6-digit code of key at step (RFC 4226 dynamic truncation). */
static unsigned totp_code(const unsigned char *key, size_t keylen, int64_t step)
{
    unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
    unsigned maclen = 0;

    for (int i = 7; i >= 0; i--, step >>= 8)
        msg[i] = (unsigned char)(step & 0xff);
    HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen);
    unsigned off = mac[maclen - 1] & 0x0f;
    unsigned v = ((unsigned)(mac[off] & 0x7f) << 24) | ((unsigned)mac[off + 1] << 16) |
                 ((unsigned)mac[off + 2] << 8) | mac[off + 3];
    return v % 1000000;
}

/* The step in [now_step - DRIFT, now_step + DRIFT] whose code is typed, after last_step; 0
 * when none. Apps show the code as "123 456": spaces in it are skipped. */
static int64_t totp_match(const char *secret, const char *typed, int64_t now, int64_t last_step)
{
    unsigned char key[64];
    int keylen = unbase32(secret, key, sizeof(key));
    int64_t now_step = now / TOTP_STEP_S;
    char want[8], code[8];
    size_t n = 0;

    for (; *typed && n < sizeof(code) - 1; typed++)
        if (*typed != ' ')
            code[n++] = *typed;
    code[n] = '\0';
    if (keylen <= 0 || *typed || n != 6 || strspn(code, "0123456789") != 6)
        return 0;
    for (int64_t s = now_step - TOTP_DRIFT; s <= now_step + TOTP_DRIFT; s++) {
        snprintf(want, sizeof(want), "%06u", totp_code(key, (size_t)keylen, s));
        if (s > last_step && sodium_memcmp(want, code, 6) == 0) {
            sodium_memzero(key, sizeof(key));
            return s;
        }
    }
    sodium_memzero(key, sizeof(key));
    return 0;
}

/* A recovery code as shown: two groups of four from letters and digits that cannot be
 * misread (no 0/o, 1/l/i). */
static char *recovery_code(struct arena *a)
{
    static const char ALPHA[] = "23456789abcdefghjkmnpqrstuvwxyz";
    char *s = arena_alloc(a, 10);

    for (int i = 0; i < 9; i++)
        s[i] = i == 4 ? '-' : ALPHA[randombytes_uniform(sizeof(ALPHA) - 1)];
    s[9] = '\0';
    return s;
}

/* The stored form of a recovery code (hex SHA-256, the audit area's digest). */
static void sha256_hex(const char *s, char out[65])
{
    audit_digest(s, strlen(s), out);
}

static int audit_totp(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      int64_t user_id, struct err *err)
{
    struct audit_entry e = auth_audit_entry(actor, action, "user", user_id, 0);

    return audit_append(c, &e, err);
}

/* ---------- service ---------- */

int auth_totp_roles(const struct cfg *cfg, unsigned *roles_out, struct err *err)
{
    const char *p = cfg->auth_totp_roles;
    unsigned roles = 0;

    while (*p) {
        size_t n = strcspn(p, ", ");
        char name[32];
        enum role r;
        if (n > 0) {
            snprintf(name, sizeof(name), "%.*s", (int)(n < 31 ? n : 31), p);
            if (n >= sizeof(name) || role_parse(name, &r) < 0)
                return err_set(err, E_INVALID, "auth.totp_roles",
                               "配置项 auth.totp_roles 中的角色无效：%.*s", (int)n, p);
            roles |= ROLE_BIT(r);
        }
        p += n;
        p += strspn(p, ", ");
    }
    *roles_out = roles;
    return 0;
}

int auth_totp_state(struct db_conn *c, const struct cfg *cfg, struct auth_user *u, struct err *err)
{
    struct totp_row t;
    struct arena a;
    unsigned roles = 0;
    bool found;
    int rc;

    arena_init(&a, 256);
    rc = auth_store_totp_get(c, u->id, &a, &t, &found, err);
    arena_release(&a);
    if (rc < 0)
        return -1;
    u->totp_enabled = found && t.enabled;
    u->totp_setup_required = false;
    if (!u->totp_enabled && auth_totp_roles(cfg, &roles, err) == 0)
        for (int i = 0; i < u->ngrants; i++)
            if (roles & ROLE_BIT(u->grants[i].role))
                u->totp_setup_required = true;
    err_clear(err);
    return 0;
}

int auth_totp_login(struct db_conn *c, int64_t user_id, const char *code, int64_t now,
                    struct err *err)
{
    struct totp_row t;
    struct arena a;
    char hash[65];
    bool found, used;
    int64_t step;
    int rc = -1;

    arena_init(&a, 256);
    if (auth_store_totp_get(c, user_id, &a, &t, &found, err) < 0)
        goto out;
    if (!found || !t.enabled) {
        rc = 0;
        goto out;
    }
    if (!code || !*code) {
        err_set(err, E_UNAUTHENTICATED, "/totp_code", "请输入身份验证器中的 6 位动态验证码");
        goto out;
    }
    if ((step = totp_match(t.secret, code, now, t.last_step)) > 0) {
        rc = auth_store_totp_step(c, user_id, step, err);
        goto out;
    }
    /* a recovery code as read off paper: any case, with or without its hyphen or spaces */
    char typed[10];
    size_t n = 0;
    for (const char *p = code; *p && n < 9; p++)
        if (isalnum((unsigned char)*p)) {
            typed[n++] = (char)tolower((unsigned char)*p);
            if (n == 4)
                typed[n++] = '-';
        }
    typed[n] = '\0';
    sha256_hex(typed, hash);
    if (auth_store_code_use(c, user_id, hash, now, &used, err) < 0)
        goto out;
    if (used)
        rc = 0;
    else
        err_set(err, E_UNAUTHENTICATED, "/totp_code", "动态验证码错误或已使用");
out:
    arena_release(&a);
    return rc;
}

int auth_totp_setup(struct app *app, const struct auth_user *u, struct arena *a,
                    struct totp_setup *out, struct err *err)
{
    struct db_conn *c = NULL;
    unsigned char raw[TOTP_SECRET_BYTES];
    int rc = -1;

    if (u->totp_enabled)
        return err_set(err, E_CONFLICT, "", "已启用双因素认证；如需更换手机，请先停用再重新启用");
    randombytes_buf(raw, sizeof(raw));
    out->secret = base32(raw, sizeof(raw), a);
    sodium_memzero(raw, sizeof(raw));
    out->uri = arena_printf(a,
                            "otpauth://totp/dangjian:%s?secret=%s&issuer=dangjian&algorithm=SHA1&"
                            "digits=6&period=%d",
                            u->username, out->secret, TOTP_STEP_S);
    out->qr_svg = qr_svg(out->uri, a);
    if (!out->qr_svg)
        return err_set(err, E_INTERNAL, "", "无法生成二维码");
    if (db_acquire(app->db, &c, err) == 0)
        rc = auth_store_totp_pending(c, u->id, out->secret, clock_now(), err);
    db_release(app->db, &c);
    return rc;
}

/* Replaces the user's recovery codes with RECOVERY_CODES new ones, returned in *codes_out. */
static int codes_renew(struct db_conn *c, int64_t user_id, struct arena *a, const char ***codes_out,
                       struct err *err)
{
    const char **codes = arena_alloc(a, sizeof(*codes) * (RECOVERY_CODES + 1));
    const char *hashes[RECOVERY_CODES];

    for (int i = 0; i < RECOVERY_CODES; i++) {
        char *h = arena_alloc(a, 65);
        codes[i] = recovery_code(a);
        sha256_hex(codes[i], h);
        hashes[i] = h;
    }
    codes[RECOVERY_CODES] = NULL;
    *codes_out = codes;
    return auth_store_codes_replace(c, user_id, hashes, RECOVERY_CODES, err);
}

int auth_totp_enable(struct app *app, const struct auth_user *u, const char *code,
                     const struct auth_actor *actor, struct arena *a, const char ***codes_out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct totp_row t;
    int64_t now = clock_now(), step;
    bool found;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        auth_store_totp_get(c, u->id, a, &t, &found, err) < 0)
        goto out;
    if (!found || t.enabled) {
        err_set(err, E_CONFLICT, "",
                found ? "已启用双因素认证" : "请先获取二维码并用身份验证器扫描");
        goto out;
    }
    if ((step = totp_match(t.secret, code, now, 0)) == 0) {
        err_set(err, E_INVALID, "/code",
                "验证码不正确：请核对手机时间，并输入身份验证器当前显示的 6 位数字");
        goto out;
    }
    if (auth_store_totp_enable(c, u->id, now, step, err) < 0 ||
        codes_renew(c, u->id, a, codes_out, err) < 0 ||
        audit_totp(c, actor, "user.totp_enable", u->id, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int auth_totp_disable(struct app *app, int64_t user_id, const char *password,
                      const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct user_row u;
    struct auth_grant *g;
    struct arena a;
    int n, rc = -1;

    arena_init(&a, 512);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        (!password && auth_target_in_scope(c, actor, user_id, true, &a, &g, &n, err) < 0) ||
        auth_store_user_by_id(c, user_id, &a, &u, err) < 0)
        goto out;
    if (password && !auth_password_matches(u.password_hash, password)) {
        err_set(err, E_INVALID, "/password", "密码不正确");
        goto out;
    }
    if (auth_store_totp_delete(c, user_id, err) < 0 ||
        audit_totp(c, actor, password ? "user.totp_disable" : "user.totp_reset", user_id, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int auth_totp_codes_left(struct app *app, int64_t user_id, int64_t *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    *out = 0;
    if (db_acquire(app->db, &c, err) == 0)
        rc = auth_store_codes_left(c, user_id, out, err);
    db_release(app->db, &c);
    return rc;
}
