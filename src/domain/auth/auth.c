/* auth.c: login with throttling, sessions, password hashing and rules, and the pure
 * permission checks. Throttling is keyed by username and by client address, and unknown
 * usernames are throttled and answered exactly like known ones, so neither the message nor
 * the timing tells whether an account exists. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth_int.h"
#include "domain/orgpath.h"

/* Back-off: failures are counted per username from one address (PAIR_FREE: the guesser at the
 * keyboard), per username from every address (USER_FREE: a guess spread over many addresses)
 * and per address (IP_FREE: many usernames tried; high, as an address may be a whole office
 * behind one NAT, whose users must not lock each other out). After a key's free failures each
 * further failure blocks that key for BASE_S doubling per failure, at most MAX_S (the
 * temporary lockout). Counters older than RESET_S restart. */
enum {
    THROTTLE_PAIR_FREE = 5,
    THROTTLE_USER_FREE = 20,
    THROTTLE_IP_FREE = 100,
    THROTTLE_BASE_S = 15,
    THROTTLE_MAX_S = 900,
    THROTTLE_RESET_S = 3600,
    SESSION_TOUCH_S = 60,
    PURGE_EVERY_S = 3600, /* expired sessions and stale throttle rows */
};

/* ---------- passwords ---------- */

/* Password rules (auth.h): length; three of the four character classes below PASSPHRASE_MIN
 * characters; and at least UNGUESSABLE_MIN characters left once the common words, years,
 * sequences and repeats are taken out, so "Password123!" and "Woaini1314" fail while
 * "Demo-Passw0rd" (five characters besides "passw0rd") passes. */
enum {
    PASSWORD_MIN = 10,
    PASSWORD_MAX = 128,
    PASSPHRASE_MIN = 16,
    UNGUESSABLE_MIN = 4,
};

static sem_t hash_slots;
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void hash_init(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    char pw[33];

    if (sodium_init() < 0)
        abort();
    /* argon2id takes 64 MiB per hash: at most one per core at a time. */
    sem_init(&hash_slots, 0, (unsigned)(cores > 0 ? cores : 1));
    randombytes_buf(pw, 16);
    sodium_bin2hex(pw, sizeof(pw), (const unsigned char *)pw, 16);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        abort();
}

int auth_password_hash(const char *password, char *out, struct err *err)
{
    int rc;

    pthread_once(&hash_once, hash_init);
    sem_wait(&hash_slots);
    rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sem_post(&hash_slots);
    if (rc != 0)
        return err_set(err, E_UNAVAILABLE, "", "服务器繁忙，请稍后重试");
    return 0;
}

bool auth_password_matches(const char *hash, const char *password)
{
    int rc;

    pthread_once(&hash_once, hash_init);
    sem_wait(&hash_slots);
    rc = crypto_pwhash_str_verify(hash ? hash : dummy_hash, password, strlen(password));
    sem_post(&hash_slots);
    return hash && rc == 0;
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    if (n == 0)
        return false;
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* Whether any 6 characters in a row of password, each a digit or X (case-insensitive), also
 * appear in a row in id_number: the classic "last six of the ID card" default, including
 * IDs whose check character is X. */
static bool id_fragment_in(const char *password, const char *id_number)
{
    char id[64], six[7];
    size_t n = strlen(id_number);

    if (n >= sizeof(id))
        n = sizeof(id) - 1;
    for (size_t i = 0; i < n; i++)
        id[i] = (char)toupper((unsigned char)id_number[i]);
    id[n] = '\0';
    for (const char *p = password; *p; p++) {
        size_t k = 0;
        for (; k < 6 && (isdigit((unsigned char)p[k]) || p[k] == 'x' || p[k] == 'X'); k++)
            six[k] = (char)toupper((unsigned char)p[k]);
        six[k] = '\0';
        if (k == 6 && strstr(id, six))
            return true;
    }
    return false;
}

/* Whether password character c may stand for list character e: itself, or a look-alike people
 * type instead (p@ssw0rd, 5hequ). */
static bool leet_eq(char e, char c)
{
    static const char *const alike[] = {
        ['a'] = "@4", ['b'] = "8", ['e'] = "3",  ['g'] = "9",  ['i'] = "1!|",
        ['l'] = "1|", ['o'] = "0", ['s'] = "$5", ['t'] = "7+",
    };
    unsigned char u = (unsigned char)e;

    return c == e || (c && u < ARRAY_LEN(alike) && alike[u] && strchr(alike[u], c) != NULL);
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* How b follows a: 0 repeats it, +1 or -1 steps through the digits (9 → 0 too) or the
 * letters, 2 anything else. */
static int step_of(char a, char b)
{
    bool kin = (is_digit(a) && is_digit(b)) || (is_lower(a) && is_lower(b));

    if (a == b)
        return 0;
    if (kin && (b == a + 1 || (a == '9' && b == '0')))
        return 1;
    if (kin && b == a - 1)
        return -1;
    return 2;
}

/* The length of the guessable run that starts at s (lower-case): the longest list entry
 * (look-alikes allowed), a year 1900–2099, or 3+ characters repeating or stepping by one
 * (aaa, 2345, fedc); 0 when none starts there. */
static size_t guessable_at(const char *s)
{
    size_t best = 0, n;
    int step;

    for (size_t i = 0; i < AUTH_COMMON_PASSWORDS_LEN; i++) {
        const char *w = AUTH_COMMON_PASSWORDS[i];
        for (n = 0; w[n] && leet_eq(w[n], s[n]); n++)
            ;
        if (!w[n] && n > best)
            best = n;
    }
    if (((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')) && is_digit(s[2]) &&
        is_digit(s[3]) && best < 4)
        best = 4;
    if (s[0] && s[1] && (step = step_of(s[0], s[1])) != 2) {
        for (n = 2; s[n] && step_of(s[n - 1], s[n]) == step; n++)
            ;
        if (n >= 3 && n > best)
            best = n;
    }
    return best;
}

/* How many characters of password are left once every guessable run is taken out. Runs are
 * looked for at every position, not only after the previous one: a greedy pass that takes
 * "@123456" (a123456) from "Dj@12345678" would leave "78" and miss the run "12345678". */
static size_t unguessable_chars(const char *password)
{
    char low[4 * 128 + 1];
    bool covered[sizeof(low)] = { false };
    size_t n = strlen(password), left = 0, run;

    if (n >= sizeof(low))
        n = sizeof(low) - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)password[i]);
    low[n] = '\0';
    for (size_t i = 0; i < n; i++)
        for (run = guessable_at(low + i); run; run--)
            covered[i + run - 1] = true;
    for (size_t i = 0; i < n; i++) /* count characters, not UTF-8 bytes */
        left += !covered[i] && ((unsigned char)low[i] & 0xC0) != 0x80;
    return left;
}

/* Of lower-case, upper-case, digit and anything else (symbols, spaces, Chinese), how many
 * password uses. */
static int char_classes(const char *password)
{
    unsigned seen = 0;
    int n = 0;

    for (const char *p = password; *p; p++)
        seen |= is_lower(*p) ? 1u : (*p >= 'A' && *p <= 'Z') ? 2u : is_digit(*p) ? 4u : 8u;
    for (; seen; seen &= seen - 1)
        n++;
    return n;
}

int auth_password_check(const char *password, const char *username, const char *id_number,
                        struct err *err)
{
    size_t n = utf8_len(password);
    char norm[19];
    struct err ignored = { 0 };

    if (n < PASSWORD_MIN)
        return err_set(err, E_INVALID, "/new_password", "密码至少 %d 个字符", PASSWORD_MIN);
    if (n > PASSWORD_MAX)
        return err_set(err, E_INVALID, "/new_password", "密码不能超过 %d 个字符", PASSWORD_MAX);
    if (username && contains_ci(password, username))
        return err_set(err, E_INVALID, "/new_password", "密码不能包含用户名");
    if (idcard_normalize(password, norm, &ignored) == 0)
        return err_set(err, E_INVALID, "/new_password", "密码不能是身份证号");
    if (id_number && id_fragment_in(password, id_number))
        return err_set(err, E_INVALID, "/new_password", "密码不能包含身份证号中的数字");
    if (n < PASSPHRASE_MIN && char_classes(password) < 3)
        return err_set(err, E_INVALID, "/new_password",
                       "密码须包含小写字母、大写字母、数字、其他符号中的至少三类，"
                       "或使用 %d 个字符以上的短语",
                       PASSPHRASE_MIN);
    if (unguessable_chars(password) < UNGUESSABLE_MIN)
        return err_set(err, E_INVALID, "/new_password",
                       "密码过于常见、容易被猜到（如 password、123456、woaini、键盘连续键、"
                       "年份），请换一个");
    return 0;
}

/* ---------- tokens ---------- */

static char *random_token(struct arena *a)
{
    unsigned char raw[32];
    char *out =
        arena_alloc(a, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING));

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

void auth_token_hash(const char *token, char out[65])
{
    audit_digest(token, strlen(token), out);
}

static bool token_shape_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;

    if (n < 32 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)t[i]) && t[i] != '-' && t[i] != '_')
            return false;
    return true;
}

/* ---------- throttling ---------- */

static int64_t throttle_wait(const struct throttle_row *t, int64_t now)
{
    return t->blocked_until > now ? t->blocked_until - now : 0;
}

static int throttle_fail(struct db_conn *c, const char *key, int free_failures, int64_t now,
                         struct err *err)
{
    struct throttle_row t;
    int64_t over, wait;

    if (auth_store_throttle_get(c, key, &t, err) < 0)
        return -1;
    if (now - t.last_failure_at > THROTTLE_RESET_S)
        t.failures = 0;
    t.failures++;
    t.last_failure_at = now;
    over = t.failures - free_failures + 1; /* the free_failures-th failure blocks */
    if (over > 0) {
        wait = over > 6 ? THROTTLE_MAX_S : THROTTLE_BASE_S << (over - 1);
        t.blocked_until = now + (wait > THROTTLE_MAX_S ? THROTTLE_MAX_S : wait);
    }
    return auth_store_throttle_put(c, key, &t, err);
}

/* ---------- purge ---------- */

/* When logins last purged (clock_now seconds); 0: not yet in this process, so the first
 * login after start purges too. */
static atomic_llong last_login_purge;

static int purge(struct db_conn *c, int64_t now, struct err *err)
{
    return auth_store_purge(c, now, now - THROTTLE_RESET_S, err);
}

int auth_purge(struct app *app, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = purge(c, clock_now(), err);
    db_release(app->db, &c);
    return rc;
}

/* At most once per PURGE_EVERY_S per process, on a login attempt: whoever wins the exchange
 * purges. A failed purge (a busy database) does not fail the login; the next hour retries. */
static void purge_on_login(struct db_conn *c, int64_t now)
{
    long long last = atomic_load(&last_login_purge);
    struct err ignored = { 0 };

    if (last && now - last < PURGE_EVERY_S)
        return;
    if (!atomic_compare_exchange_strong(&last_login_purge, &last, (long long)now))
        return;
    (void)purge(c, now, &ignored);
}

int64_t auth_actor_user_id(const struct auth_actor *actor)
{
    return actor && actor->user ? actor->user->id : 0;
}

struct audit_entry auth_audit_entry(const struct auth_actor *actor, const char *action,
                                    const char *target_type, int64_t target_id, int64_t org_id)
{
    return (struct audit_entry){
        .user_id = auth_actor_user_id(actor),
        .username = actor && actor->user ? actor->user->username : NULL,
        .source = actor && actor->source ? actor->source : "internal",
        .action = action,
        .target_type = target_type,
        .target_id = target_id,
        .org_id = org_id,
        .result = "ok",
        .request_id = actor ? actor->request_id : NULL,
    };
}

int auth_audit_change(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      const char *target_type, int64_t target_id, int64_t org_id, json_t *after,
                      struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, target_type, target_id, org_id);

    audit_change_digest(NULL, after, digest);
    e.digest = digest;
    return audit_append(c, &e, err);
}

/* ---------- login, sessions ---------- */

static int audit_login(struct db_conn *c, const struct auth_actor *actor, const struct user_row *u,
                       const char *action, const char *result, int64_t org_id, struct err *err)
{
    struct audit_entry e = {
        .user_id = u ? u->id : 0,
        .username = u ? u->username : NULL,
        .source = actor->source,
        .action = action,
        .target_type = u ? "user" : NULL,
        .target_id = u ? u->id : 0,
        .org_id = org_id,
        .result = result,
        .request_id = actor->request_id,
    };
    return audit_append(c, &e, err);
}

static int load_user(struct db_conn *c, const struct cfg *cfg, int64_t user_id, struct arena *a,
                     struct auth_user **out, struct err *err)
{
    struct user_row u;
    struct auth_user *au = arena_alloc(a, sizeof(*au));

    if (auth_store_user_by_id(c, user_id, a, &u, err) < 0)
        return -1;
    au->id = u.id;
    au->username = u.username;
    au->display_name = u.display_name;
    au->person_id = u.person_id;
    au->must_change_password = u.must_change_password;
    if (strcmp(u.status, "active") != 0)
        return err_set(err, E_UNAUTHENTICATED, "", "账号已停用");
    if (auth_store_grants(c, user_id, a, &au->grants, &au->ngrants, err) < 0 ||
        auth_totp_state(c, cfg, au, err) < 0)
        return -1;
    *out = au;
    return 0;
}

int auth_login(struct app *app, const char *username, const char *password, const char *totp_code,
               const char *old_token, const struct auth_actor *actor, struct arena *a,
               struct login_result *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct user_row u = { 0 };
    struct throttle_row t;
    struct err lookup = { 0 }, second = { 0 };
    char *name = arena_strdup(a, username), hash[65];
    const char *ip = actor->client_ip ? actor->client_ip : "-";
    int64_t now = clock_now(), wait = 0, sid;
    bool found, ok;
    int rc = -1;

    auth_username_fold(name);
    /* pair and user are cleared by a successful login; the address's count is not */
    const struct {
        const char *key;
        int free_failures;
    } keys[] = {
        { arena_printf(a, "user:%s@ip:%s", name, ip), THROTTLE_PAIR_FREE },
        { arena_printf(a, "user:%s", name), THROTTLE_USER_FREE },
        { arena_printf(a, "ip:%s", ip), THROTTLE_IP_FREE },
    };
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    purge_on_login(c, now);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (auth_store_throttle_get(c, keys[i].key, &t, err) < 0)
            goto out;
        if (throttle_wait(&t, now) > wait)
            wait = throttle_wait(&t, now);
    }
    if (wait > 0) {
        out->retry_after_s = wait;
        err_set(err, E_THROTTLED, "", "尝试次数过多，请 %" PRId64 " 秒后再试", wait);
        goto out;
    }
    found = auth_store_user_by_name(c, name, a, &u, &lookup) == 0;
    if (!found && lookup.code != E_NOT_FOUND) {
        *err = lookup;
        goto out;
    }
    /* Verify even for unknown names (against a dummy hash) so timing reveals nothing. */
    ok = auth_password_matches(found ? u.password_hash : NULL, password) &&
         strcmp(u.status, "active") == 0;

    if (db_tx_begin(c, err) < 0)
        goto out;
    /* The second factor: a missing code is a question back (nothing counted), a wrong one a
     * failed login like a wrong password. */
    if (ok && auth_totp_login(c, u.id, totp_code, now, &second) < 0) {
        if (second.code != E_UNAUTHENTICATED || !totp_code || !*totp_code) {
            *err = second;
            goto out;
        }
        ok = false;
    }
    if (!ok) {
        if (throttle_fail(c, keys[0].key, keys[0].free_failures, now, err) < 0 ||
            throttle_fail(c, keys[1].key, keys[1].free_failures, now, err) < 0 ||
            throttle_fail(c, keys[2].key, keys[2].free_failures, now, err) < 0 ||
            (found && auth_store_user_login(c, u.id, false, now, err) < 0) ||
            audit_login(c, actor, found ? &u : NULL, "session.login", "failed", 0, err) < 0 ||
            db_tx_commit(c, err) < 0)
            goto out;
        if (second.code)
            *err = second;
        else
            err_set(err, E_UNAUTHENTICATED, "/password", "用户名或密码错误");
        goto out;
    }
    if (old_token && token_shape_ok(old_token)) {
        struct session_row old;
        struct err none = { 0 };
        auth_token_hash(old_token, hash);
        if (auth_store_session_find(c, hash, a, &old, &none) == 0 &&
            auth_store_session_delete(c, old.id, err) < 0)
            goto out;
    }
    out->token = random_token(a);
    out->csrf_token = random_token(a);
    auth_token_hash(out->token, hash);
    if (auth_store_throttle_clear(c, keys[0].key, err) < 0 ||
        auth_store_throttle_clear(c, keys[1].key, err) < 0 ||
        auth_store_user_login(c, u.id, true, now, err) < 0 ||
        auth_store_session_insert(c, hash, u.id, out->csrf_token, now,
                                  now + app->cfg->session_ttl_s, actor->client_ip, &sid, err) < 0 ||
        load_user(c, app->cfg, u.id, a, &out->user, err) < 0 ||
        audit_login(c, actor, &u, "session.login", "ok",
                    out->user->ngrants ? out->user->grants[0].org_id : 0, err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    out->user->session_id = sid;
    out->user->csrf_token = out->csrf_token;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int auth_session_load(struct app *app, const char *token, int64_t auth_gen, struct arena *a,
                      struct auth_user **out, struct err *err)
{
    struct db_conn *c = NULL;
    struct session_entry e;
    struct session_row s;
    char hash[65];
    int64_t now = clock_now();
    bool hit, renew;
    int rc = -1;

    if (!token_shape_ok(token))
        return err_set(err, E_UNAUTHENTICATED, "", "请先登录");
    auth_token_hash(token, hash);
    hit = auth_sessions_get(app->sessions, hash, auth_gen, a, &e);
    if (!hit) {
        if (db_acquire(app->db, &c, err) < 0)
            return -1;
        if (auth_store_session_find(c, hash, a, &s, err) < 0 ||
            load_user(c, app->cfg, s.user_id, a, &e.user, err) < 0)
            goto out;
        e.user->session_id = s.id;
        e.user->csrf_token = s.csrf_token;
        e.last_seen_at = s.last_seen_at;
        e.expires_at = s.expires_at;
    }
    if (e.expires_at <= now) {
        err_set(err, E_UNAUTHENTICATED, "", "登录已过期，请重新登录");
        goto out;
    }
    /* Sliding expiry, written at most once a minute so reads stay reads. */
    renew = now - e.last_seen_at >= SESSION_TOUCH_S;
    if (renew) {
        if (!c && db_acquire(app->db, &c, err) < 0)
            return -1;
        e.last_seen_at = now;
        e.expires_at = now + app->cfg->session_ttl_s;
        if (auth_store_session_touch(c, e.user->session_id, e.last_seen_at, e.expires_at, err) < 0)
            goto out;
    }
    if (!hit || renew)
        auth_sessions_put(app->sessions, hash, auth_gen, &e);
    e.user->session_renewed = renew; /* after the put: the kept copy never asks for a cookie */
    *out = e.user;
    rc = 0;
out:
    if (c)
        db_release(app->db, &c);
    return rc;
}

int auth_logout(struct app *app, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct user_row u = { .id = actor->user->id, .username = actor->user->username };
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (db_tx_begin(c, err) < 0)
        goto out;
    if (auth_store_session_delete(c, actor->user->session_id, err) < 0 ||
        audit_login(c, actor, &u, "session.logout", "ok", 0, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* ---------- permission checks ---------- */

bool auth_can(const struct auth_user *u, enum perm p, const char *org_path)
{
    if (!u || !org_path || u->totp_setup_required)
        return false;
    for (int i = 0; i < u->ngrants; i++)
        if (role_has(u->grants[i].role, p) && orgpath_within(org_path, u->grants[i].org_path))
            return true;
    return false;
}

bool auth_can_any(const struct auth_user *u, enum perm p)
{
    if (!u || u->totp_setup_required)
        return false;
    for (int i = 0; i < u->ngrants; i++)
        if (role_has(u->grants[i].role, p))
            return true;
    return false;
}

const char *auth_scope_root(const struct auth_user *u, enum perm p)
{
    const char *best = NULL;

    if (!u)
        return NULL;
    for (int i = 0; i < u->ngrants; i++)
        if (role_has(u->grants[i].role, p) &&
            (!best || strlen(u->grants[i].org_path) < strlen(best)))
            best = u->grants[i].org_path;
    return best;
}

int auth_org_path(struct app *app, int64_t org_id, struct arena *a, const char **path_out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = auth_store_org_path(c, org_id, a, path_out, err);
    db_release(app->db, &c);
    return rc;
}
