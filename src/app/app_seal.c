/* app_seal.c: the composition root's part of sealed personal data (app_seal.h): where the key
 * file is, whether it belongs to the database, and which columns are sealed (the modules'
 * .sealed lists). */
#include "core/compat.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/modules.h"
#include "app/app_seal.h"

#include <errno.h>
#include <sodium.h>
#include <unistd.h>

#define SEALED_MAX 32

static int key_path(const struct cfg *cfg, char *out, size_t n, struct err *err)
{
    if (cfg->crypto_key_file[0])
        snprintf(out, n, "%s", cfg->crypto_key_file);
    else if (cfg->db_url[0])
        return err_set(
            err, E_INVALID, "crypto.key_file",
            "使用 PostgreSQL 时须设置密钥文件 crypto.key_file（DANGJIAN_CRYPTO_KEY_FILE）");
    else
        snprintf(out, n, "%s.key", cfg->db_path);
    return 0;
}

/* NAME.new, where a rotation writes the new key. */
static const char *path_new(const char *path, char *out, size_t n)
{
    snprintf(out, n, "%s.new", path);
    return out;
}

static size_t sealed_columns(const struct sealed_column **out)
{
    size_t n = 0;
    for (size_t i = 0; i < MODULES_LEN; i++)
        for (const struct sealed_column *c = MODULES[i]->sealed; c && c->table; c++) {
            ASSERT(n < SEALED_MAX);
            out[n++] = c;
        }
    return n;
}

int app_seal_open(const struct cfg *cfg, struct db *db, struct err *err)
{
    char path[600], fresh[640], have[SEAL_CHECK_CHARS + 1], mine[SEAL_CHECK_CHARS + 1];
    const struct sealed_column *cols[SEALED_MAX];
    bool ready = false;
    int64_t n = 0;

    if (key_path(cfg, path, sizeof(path), err) < 0 || db_seal_state(db, &ready, have, err) < 0 ||
        seal_key_load(path, !have[0], err) < 0)
        return -1;
    seal_check_value(mine);
    if (have[0] && strcmp(have, mine) != 0)
        return err_set(err, E_INVALID, "crypto.key_file",
                       "密钥文件 %s 与数据库不符：数据库中的身份证号和手机号由另一把密钥加密%s",
                       path,
                       access(path_new(path, fresh, sizeof(fresh)), F_OK) == 0
                           ? "（一次密钥更换未完成：新密钥在同名 .new 文件中，请用它替换）"
                           : "");
    if (!ready)
        return 0;
    if (db_seal_apply(db, cols, sealed_columns(cols), NULL, &n, err) < 0)
        return -1;
    if (!n)
        return 0;
    log_info("sealed", "values=%lld", (long long)n);
    return db_seal_scrub(db, err);
}

/* Whether the database's check value is master's (the process key becomes master). */
static bool committed_under(struct db *db, const unsigned char master[32])
{
    char have[SEAL_CHECK_CHARS + 1], mine[SEAL_CHECK_CHARS + 1];
    struct err e = { 0 };
    bool ready = false;

    seal_key_use(master);
    seal_check_value(mine);
    return db_seal_state(db, &ready, have, &e) == 0 && !strcmp(have, mine);
}

int app_seal_rotate(const struct cfg *cfg, struct db *db, int64_t *n_out, struct err *err)
{
    char path[600], fresh[640], old[640];
    const struct sealed_column *cols[SEALED_MAX];
    unsigned char master[32];

    if (app_seal_open(cfg, db, err) < 0 || key_path(cfg, path, sizeof(path), err) < 0)
        return -1;
    path_new(path, fresh, sizeof(fresh));
    snprintf(old, sizeof(old), "%s.%lld.old", path, (long long)clock_now());
    /* The old key is kept first (a hard link, never over another file), for old backups. */
    if (link(path, old) < 0)
        return err_set(err, E_CONFLICT, "crypto.key_file", "无法保留旧密钥 %s（%s）", old,
                       strerror(errno));
    if (seal_key_create(fresh, err) < 0 || seal_key_read(fresh, master, err) < 0) {
        unlink(old);
        return -1;
    }
    int rc = db_seal_apply(db, cols, sealed_columns(cols), master, n_out, err);
    if (rc < 0 && committed_under(db, master)) /* a lost connection can hide a commit */
        rc = 0;
    sodium_memzero(master, sizeof(master));
    if (rc < 0) {
        unlink(fresh);
        unlink(old);
        return -1;
    }
    /* The database now needs the new key: a failed rename leaves it in fresh, named below. */
    if (rename(fresh, path) < 0 || seal_sync_dir(path) < 0)
        return err_set(err, E_INTERNAL, "crypto.key_file",
                       "数据库已改用新密钥 %s，但无法把它改名为 %s：请手工改名", fresh, path);
    return 0;
}
