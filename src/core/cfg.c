/* cfg.c: the configuration table and its loaders (file of `key = value` lines, environment).
 * Sizes accept k/m/g suffixes. It does not watch files or reload at run time. */
#include "core/compat.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/err.h"

#define ROW_STR(k, field, d, h)                                                                    \
    {                                                                                              \
        k, CFG_STR, offsetof(struct cfg, field), sizeof(((struct cfg *)0)->field), d, 0, 0, false, \
            h, false                                                                               \
    }
#define ROW_INT(k, field, d, lo, hi, h)                                                            \
    {                                                                                              \
        k, CFG_INT, offsetof(struct cfg, field), 0, d, lo, hi, false, h, false                     \
    }
#define ROW_SIZE(k, field, d, lo, hi, h)                                                           \
    {                                                                                              \
        k, CFG_SIZE, offsetof(struct cfg, field), 0, d, lo, hi, false, h, false                    \
    }
#define ROW_BOOL(k, field, d, h)                                                                   \
    {                                                                                              \
        k, CFG_BOOL, offsetof(struct cfg, field), 0, d, 0, 1, false, h, false                      \
    }

const struct cfg_row CFG_ROWS[] = {
    ROW_STR("db.path", db_path, "data/dangjian.db", "SQLite database file"),
    ROW_STR("db.driver", db_driver, "sqlite",
            "storage driver: sqlite or postgres (postgres whenever db.url is set); fake: tests"),
    { "db.url", CFG_STR, offsetof(struct cfg, db_url), sizeof(((struct cfg *)0)->db_url), "", 0, 0,
      false, "PostgreSQL URL postgresql://user:password@host:port/db (password never shown)",
      true },
    ROW_INT("db.busy_timeout_ms", db_busy_timeout_ms, "5000", 0, 600000,
            "how long a writer waits for a lock before the request fails as unavailable"),
    ROW_INT("db.slow_ms", db_slow_ms, "200", 0, 600000, "log statements slower than this"),
    ROW_INT("db.pool", db_pool, "0", 0, 256,
            "database connections kept open (0: one per HTTP worker thread)"),
    ROW_STR("http.host", http_host, "127.0.0.1", "address to listen on"),
    ROW_INT("http.port", http_port, "8080", 0, 65535, "port to listen on (0 picks a free one)"),
    ROW_INT("http.threads", http_threads, "0", 0, 256, "worker threads (0: number of cores)"),
    ROW_SIZE("http.body_max", http_body_max, "1m", 1024, 64 << 20, "largest accepted JSON body"),
    ROW_SIZE("http.header_max", http_header_max, "16k", 4096, 1 << 20,
             "memory for one request's headers"),
    ROW_INT("http.json_depth", http_json_depth, "32", 2, 512, "deepest accepted JSON nesting"),
    ROW_INT("http.timeout_s", http_timeout_s, "30", 1, 3600, "idle connection timeout"),
    ROW_SIZE("http.res_max", http_res_max, "64m", 4096, 1LL << 32, "largest response body"),
    ROW_STR("http.web_root", http_web_root, "web", "folder with the web UI's static files"),
    ROW_BOOL("http.secure_cookie", http_secure_cookie, "false",
             "mark the session cookie Secure (set when served over https)"),
    ROW_STR("http.trusted_proxies", http_trusted_proxies, "",
            "reverse proxies (comma-separated addresses) whose X-Forwarded-For is believed"),
    ROW_STR("log.level", log_level, "info", "debug, info, warn, error or off"),
    ROW_BOOL("id.demo_prefix", id_demo_prefix, "false",
             "demo instance: accept only ID numbers with the fictional prefix 99"),
    ROW_STR("crypto.key_file", crypto_key_file, "",
            "key file of the sealed ID and phone numbers (empty: the SQLite file + .key)"),
    ROW_INT("session.ttl_s", session_ttl_s, "28800", 300, 2592000,
            "idle time after which a session expires (sliding)"),
    ROW_INT("auth.password_history", auth_password_history, "5", 0, 24,
            "a new password may not be any of the account's last N passwords (0: off)"),
    ROW_STR("auth.totp_roles", auth_totp_roles, "",
            "roles that must log in with a second factor (TOTP), comma-separated: admin,org_admin"),
    ROW_INT("orglife.copy_jaccard_pct", orglife_copy_jaccard_pct, "50", 10, 100,
            "minutes whose shingle sets overlap this much (Jaccard, %) are flagged as copied"),
    ROW_INT("orglife.copy_containment_pct", orglife_copy_containment_pct, "80", 10, 100,
            "minutes this much (%) of which stands in another meeting's are flagged as copied"),
    ROW_INT("orglife.copy_passage_chars", orglife_copy_passage_chars, "100", 20, 100000,
            "minutes sharing a passage of this many characters are flagged as copied"),
    ROW_SIZE("orglife.attach_max_bytes", orglife_attach_max_bytes, "10m", 1024, 64 << 20,
             "largest meeting attachment (PDF, PNG, JPEG, .docx) one upload may carry"),
    ROW_INT("orglife.attach_max_count", orglife_attach_max_count, "20", 1, 1000,
            "most attachments one meeting may have"),
    ROW_SIZE("dev.document_max_bytes", dev_document_max_bytes, "10m", 1024, 64 << 20,
             "largest 发展党员 document (PDF, PNG, JPEG, .docx) one upload may carry"),
    ROW_INT("dev.document_max_count", dev_document_max_count, "100", 1, 10000,
            "most documents one applicant may have"),
    ROW_SIZE("demands.photo_max_bytes", demands_photo_max_bytes, "5m", 1024, 32 << 20,
             "largest 诉求 photo (PNG, JPEG) one upload may carry"),
    ROW_INT("demands.photo_max_count", demands_photo_max_count, "9", 1, 100,
            "most photos one demand may have"),
    ROW_INT("demands.own_per_day", demands_own_per_day, "5", 1, 1000,
            "most demands the people of one household may submit themselves in 24 hours"),
    ROW_BOOL("demands.auto_supervise", demands_auto_supervise, "true",
             "an overdue demand goes to 督办 at the next level up by itself"),
    ROW_INT("demands.intake_per_hour", demands_intake_per_hour, "60", 1, 100000,
            "most demands one account (staff or resident) may take in within an hour"),
    ROW_INT("demands.address_per_day", demands_address_per_day, "10", 1, 100000,
            "most demands taken in at one free address within 24 hours"),
    ROW_INT("serve.tick_seconds", serve_tick_seconds, "60", 1, 3600,
            "how often the server runs the areas' periodic work (deliver messages, escalate "
            "overdue demands)"),
    ROW_STR("notify.file", notify_file, "",
            "messages to phones are appended here as JSON lines (an SMS gateway's pickup); "
            "empty: they wait unsent"),
    ROW_INT("demands.public_min_count", demands_public_min_count, "5", 2, 1000,
            "the public board shows no count (by community, grid, category) under this"),
    ROW_INT("orglife.signin_before_minutes", orglife_signin_before_minutes, "30", 0, 1440,
            "a meeting's sign-in link opens this many minutes before it starts"),
    ROW_INT("orglife.signin_after_minutes", orglife_signin_after_minutes, "60", 0, 1440,
            "and closes this many minutes after it ends (after it starts when no end is set)"),
    ROW_SIZE("import.max_bytes", import_max_bytes, "32m", 1024, 1LL << 30,
             "largest upload accepted by POST /api/members/import (that route only)"),
    ROW_INT("import.max_rows", import_max_rows, "200000", 1, 10000000,
            "most data rows one import may have"),
    ROW_SIZE("cache.max_bytes", cache_max_bytes, "8m", 0, 1LL << 30,
             "memory for cached member-list pages and statistics; 0 turns the cache off"),
};
const size_t CFG_ROWS_LEN = ARRAY_LEN(CFG_ROWS);

static const struct cfg_row *row_find(const char *key)
{
    for (size_t i = 0; i < CFG_ROWS_LEN; i++)
        if (strcmp(CFG_ROWS[i].key, key) == 0)
            return &CFG_ROWS[i];
    return NULL;
}

static int row_set(struct cfg *c, const struct cfg_row *r, const char *v, const char *src,
                   struct err *err)
{
    char *base = (char *)c + r->offset;
    int64_t n = 0, mult = 1;
    size_t len = strlen(v);

    switch (r->type) {
    case CFG_STR:
        if (len >= r->str_size)
            return err_set(err, E_INVALID, r->key, "配置项 %s 过长（%s）", r->key, src);
        memcpy(base, v, len + 1);
        return 0;
    case CFG_BOOL:
        if (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "on"))
            *(bool *)base = true;
        else if (!strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "off"))
            *(bool *)base = false;
        else
            return err_set(err, E_INVALID, r->key, "配置项 %s 应为 true 或 false（%s）", r->key,
                           src);
        return 0;
    case CFG_SIZE:
        if (len > 0) {
            char s = (char)tolower((unsigned char)v[len - 1]);
            mult = s == 'k' ? 1024 : s == 'm' ? 1 << 20 : s == 'g' ? 1 << 30 : 1;
            if (mult > 1)
                len--;
        }
        /* fall through */
    case CFG_INT:
        if (parse_i64(v, len, &n) < 0 || n > INT64_MAX / mult)
            return err_set(err, E_INVALID, r->key, "配置项 %s 应为整数（%s）", r->key, src);
        n *= mult;
        if (n < r->min || n > r->max)
            return err_set(err, E_INVALID, r->key,
                           "配置项 %s 超出范围 %" PRId64 "–%" PRId64 "（%s）", r->key, r->min,
                           r->max, src);
        *(int64_t *)base = n;
        return 0;
    }
    return err_set(err, E_INTERNAL, r->key, "配置类型错误");
}

int cfg_set(struct cfg *c, const char *key, const char *value, struct err *err)
{
    const struct cfg_row *r = row_find(key);

    if (!r)
        return err_set(err, E_INVALID, key, "未知的配置项 %s", key);
    return row_set(c, r, value, "命令行", err);
}

static void trim(char **s)
{
    char *p = *s, *e;

    while (*p == ' ' || *p == '\t')
        p++;
    e = p + strlen(p);
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    *s = p;
}

static int load_file(struct cfg *c, const char *file, struct err *err)
{
    FILE *f = fopen(file, "r");
    char line[1024], src[600];
    int lineno = 0, rc = 0;

    if (!f)
        return err_set(err, E_INVALID, "", "无法读取配置文件 %s：%s", file, strerror(errno));
    while (rc == 0 && fgets(line, sizeof(line), f)) {
        char *k = line, *v = strchr(line, '=');
        const struct cfg_row *r;

        lineno++;
        trim(&k);
        if (*k == '#' || *k == '\0')
            continue;
        if (!v) {
            rc = err_set(err, E_INVALID, "", "配置文件 %s 第 %d 行应为 key = value", file, lineno);
            break;
        }
        *v++ = '\0';
        trim(&k);
        trim(&v);
        snprintf(src, sizeof(src), "%s 第 %d 行", file, lineno);
        r = row_find(k);
        rc = r ? row_set(c, r, v, src, err)
               : err_set(err, E_INVALID, k, "未知的配置项 %s（%s）", k, src);
    }
    fclose(f);
    return rc;
}

int cfg_load(struct cfg *c, const char *file, struct err *err)
{
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < CFG_ROWS_LEN; i++)
        if (row_set(c, &CFG_ROWS[i], CFG_ROWS[i].def, "默认值", err) < 0)
            return -1;
    if (file && load_file(c, file, err) < 0)
        return -1;
    for (size_t i = 0; i < CFG_ROWS_LEN; i++) {
        char env[80], src[100];
        const char *v;
        size_t j = 0;

        j += (size_t)snprintf(env, sizeof(env), "DANGJIAN_");
        for (const char *k = CFG_ROWS[i].key; *k && j < sizeof(env) - 1; k++)
            env[j++] = *k == '.' ? '_' : (char)toupper((unsigned char)*k);
        env[j] = '\0';
        v = getenv(env);
        if (!v)
            continue;
        snprintf(src, sizeof(src), "环境变量 %s", env);
        if (row_set(c, &CFG_ROWS[i], v, src, err) < 0)
            return -1;
    }
    return 0;
}

void cfg_redact_url(const char *url, char *out, size_t n)
{
    const char *scheme = strstr(url, "://"), *auth, *at = NULL, *colon;
    size_t o = 0, alen;

    /* postgresql://user:secret@host/...: the userinfo's password (the authority ends at the
     * first '/' or '?'; its last '@' ends the userinfo). */
    if (scheme) {
        auth = scheme + 3;
        alen = strcspn(auth, "/?");
        for (const char *p = auth; p < auth + alen; p++)
            if (*p == '@')
                at = p;
    }
    colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    /* ... and every password= parameter (key=value strings and URL query alike). */
    for (const char *p = url; *p && o + 1 < n; p++) {
        if (colon && p == colon) {
            o += (size_t)snprintf(out + o, n - o, ":***");
            p = at - 1;
            continue;
        }
        if (!strncmp(p, "password=", 9) && (p == url || strchr(" ?&", p[-1]))) {
            o += (size_t)snprintf(out + o, n - o, "password=***");
            p += 9 + strcspn(p + 9, " &") - 1;
            continue;
        }
        out[o++] = *p;
    }
    out[o < n ? o : n - 1] = '\0';
}

void cfg_show(const struct cfg *c, struct buf *out)
{
    for (size_t i = 0; i < CFG_ROWS_LEN; i++) {
        const struct cfg_row *r = &CFG_ROWS[i];
        const char *base = (const char *)c + r->offset;

        buf_printf(out, "%s = ", r->key);
        if (r->secret) {
            buf_puts(out, "(redacted)");
        } else if (r->url) {
            char shown[1024];
            cfg_redact_url(base, shown, sizeof(shown));
            buf_puts(out, shown);
        } else if (r->type == CFG_STR)
            buf_puts(out, base);
        else if (r->type == CFG_BOOL)
            buf_puts(out, *(const bool *)base ? "true" : "false");
        else
            buf_printf(out, "%" PRId64, *(const int64_t *)base);
        buf_putc(out, '\n');
    }
}
