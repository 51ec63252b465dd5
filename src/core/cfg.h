/* cfg.h: the typed configuration table. Precedence: default < file (--config) < DANGJIAN_*
 * environment < command-line flags. Every key is a row in cfg.c with its type, default,
 * bounds and help; a bad value stops start-up with a message naming the key. docs/config.md
 * is checked against the table by a unit test. */
#pragma once

struct err;
struct buf;

struct cfg {
    char db_path[512];
    char db_driver[16];
    char db_url[1024];
    int64_t db_busy_timeout_ms;
    int64_t db_slow_ms;
    int64_t db_pool;
    char http_host[64];
    int64_t http_port;
    int64_t http_threads;
    int64_t http_body_max;
    int64_t http_header_max;
    int64_t http_json_depth;
    int64_t http_timeout_s;
    int64_t http_res_max;
    char http_web_root[512];
    bool http_secure_cookie;
    char http_trusted_proxies[512];
    char log_level[8];
    bool id_demo_prefix;
    char crypto_key_file[512];
    int64_t session_ttl_s;
    int64_t auth_password_history;
    char auth_totp_roles[128];
    int64_t orglife_copy_jaccard_pct;
    int64_t orglife_copy_containment_pct;
    int64_t orglife_copy_passage_chars;
    int64_t orglife_attach_max_bytes;
    int64_t orglife_attach_max_count;
    int64_t dev_document_max_bytes;
    int64_t demands_photo_max_bytes;
    int64_t demands_own_per_day;
    int64_t demands_photo_max_count;
    int64_t demands_public_min_count;
    int64_t demands_intake_per_hour;
    bool demands_auto_supervise;
    int64_t demands_address_per_day;
    char notify_file[512];
    int64_t serve_tick_seconds;
    int64_t dev_document_max_count;
    int64_t orglife_signin_before_minutes;
    int64_t orglife_signin_after_minutes;
    int64_t import_max_bytes;
    int64_t import_max_rows;
    int64_t cache_max_bytes;
};

enum cfg_type { CFG_STR, CFG_INT, CFG_SIZE, CFG_BOOL };

struct cfg_row {
    const char *key; /* "http.body_max"; env name is DANGJIAN_HTTP_BODY_MAX */
    enum cfg_type type;
    size_t offset;
    size_t str_size;  /* CFG_STR: size of the char array */
    const char *def;  /* default as text, parsed like any other source */
    int64_t min, max; /* CFG_INT/CFG_SIZE bounds */
    bool secret;      /* redacted by `config show` */
    const char *help;
    bool url; /* a URL whose password `config show` hides */
};

extern const struct cfg_row CFG_ROWS[];
extern const size_t CFG_ROWS_LEN;

/* Fills *c with defaults, then the file (may be NULL), then the environment. */
int cfg_load(struct cfg *c, const char *file, struct err *err);
/* Sets one key from text (used for flags). Errors name the key. */
int cfg_set(struct cfg *c, const char *key, const char *value, struct err *err);
/* Copies a database URL into out with its password replaced by "***" (postgresql://u:p@h/db
 * and key=value forms alike), for logs and `config show`. */
void cfg_redact_url(const char *url, char *out, size_t n);
/* Writes "key = value" lines, secrets redacted. */
void cfg_show(const struct cfg *c, struct buf *out);
