/* cli_env.c: configuration and database set-up shared by the commands, and error printing
 * (a failed call, a bad subcommand, a value not among the choices). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "app/app_seal.h"
#include "cli/cli.h"

int cli_bad_sub(const struct cli_cmd *cmd, const char *sub, const char *valid)
{
    fprintf(stderr, "dangjian %s: 未知子命令 unknown subcommand: %s（可用 %s）\n", cmd->name, sub,
            valid);
    return 2;
}

int cli_bad_choice(const struct cli_cmd *cmd, const struct cli_args *a, const char *opt,
                   const char *const *choices)
{
    fprintf(stderr, "dangjian %s %s: --%s 无效 invalid: %s（可用 valid:", cmd->name, a->pos[0], opt,
            cli_get(cmd, a, opt));
    for (const char *const *c = choices; *c; c++)
        fprintf(stderr, " %s", *c);
    fprintf(stderr, "）\n");
    return 2;
}

int cli_fail(const struct err *e)
{
    fprintf(stderr, "错误 error: %s", e->msg[0] ? e->msg : "未知错误");
    if (e->field[0])
        fprintf(stderr, " (%s)", e->field);
    if (e->detail[0])
        fprintf(stderr, " [%s]", e->detail);
    fputc('\n', stderr);
    return 1;
}

bool cli_is_db_url(const char *s)
{
    return !strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11);
}

/* Command-line flags that set a configuration key (the highest precedence). */
static const char *const FLAG_KEYS[][2] = {
    { "db", "db.path" },     { "db-url", "db.url" },          { "host", "http.host" },
    { "port", "http.port" }, { "web-root", "http.web_root" },
};

/* The database settings of cfg for one database (a file or a URL); two pooled connections. */
static struct db_cfg db_cfg_of(const struct cfg *cfg, const char *driver, const char *path,
                               const char *url, bool create)
{
    return (struct db_cfg){
        .driver = driver,
        .path = path,
        .url = url,
        .busy_timeout_ms = cfg->db_busy_timeout_ms,
        .slow_ms = cfg->db_slow_ms,
        .pool_max = 2,
        .create = create,
    };
}

int cli_env_open(const struct cli_cmd *cmd, const struct cli_args *a, bool create,
                 struct cli_env *env)
{
    struct err err = { 0 };
    enum log_level lvl;
    const char *dbp = cli_get(cmd, a, "db");
    struct db_cfg dc;

    memset(env, 0, sizeof(*env));
    if (cfg_load(&env->cfg, cli_get(cmd, a, "config"), &err) < 0)
        return cli_fail(&err);
    for (size_t i = 0; i < ARRAY_LEN(FLAG_KEYS); i++) {
        const char *v = cli_get(cmd, a, FLAG_KEYS[i][0]);
        if (v && cfg_set(&env->cfg, FLAG_KEYS[i][1], v, &err) < 0) {
            cli_fail(&err);
            return 2;
        }
    }
    /* --db names the database, a file or a PostgreSQL URL, above any db.url or db.path from the
     * environment or the config file (a flag beats both). */
    if (dbp && cfg_set(&env->cfg, cli_is_db_url(dbp) ? "db.path" : "db.url", "", &err) < 0) {
        cli_fail(&err);
        return 2;
    }
    if (dbp && cli_is_db_url(dbp) && cfg_set(&env->cfg, "db.url", dbp, &err) < 0) {
        cli_fail(&err);
        return 2;
    }
    if (log_level_parse(env->cfg.log_level, &lvl) < 0) {
        fprintf(stderr, "错误 error: log.level 应为 debug/info/warn/error/off\n");
        return 2;
    }
    log_min_level = lvl;
    if (!dbp && !env->cfg.db_url[0] && !getenv("DANGJIAN_DB_PATH") && !cli_get(cmd, a, "config")) {
        fprintf(stderr,
                "dangjian %s: 缺少 --db FILE 或 --db-url URL / missing --db FILE or --db-url URL\n",
                cmd->name);
        return 2;
    }
    if (!strcmp(env->cfg.db_driver, "postgres") && !env->cfg.db_url[0]) {
        fprintf(stderr, "dangjian %s: db.driver = postgres 需要 db.url / needs db.url\n",
                cmd->name);
        return 2;
    }
    /* A URL means PostgreSQL, whatever db.driver says. */
    dc = db_cfg_of(&env->cfg, env->cfg.db_url[0] ? "postgres" : env->cfg.db_driver,
                   env->cfg.db_path, env->cfg.db_url, create);
    dc.pool_max = (int)(env->cfg.db_pool ? env->cfg.db_pool : 4);
    if (!strcmp(cmd->name, "serve") && !env->cfg.db_pool) {
        /* One connection per worker thread, plus one for the odd concurrent background job. */
        long threads =
            env->cfg.http_threads ? env->cfg.http_threads : sysconf(_SC_NPROCESSORS_ONLN);
        dc.pool_max = (int)(threads > 0 ? threads : 1) + 1;
    }
    if (dc.url[0])
        cfg_redact_url(dc.url, env->db_label, sizeof(env->db_label));
    else
        snprintf(env->db_label, sizeof(env->db_label), "%s", dc.path);
    if (db_open(&dc, &env->db, &err) < 0 || app_seal_open(&env->cfg, env->db, &err) < 0) {
        db_free(&env->db);
        return cli_fail(&err);
    }
    env->app.cfg = &env->cfg;
    env->app.db = env->db;
    env->app.started_at = clock_now();
    return 0;
}

int cli_db_open(const struct cfg *cfg, const char *target, bool create, struct db **out,
                struct err *err)
{
    bool url = cli_is_db_url(target);
    struct db_cfg dc =
        db_cfg_of(cfg, url ? "postgres" : "sqlite", url ? "" : target, url ? target : "", create);

    return db_open(&dc, out, err);
}

int cli_env_open_verb(const struct cli_cmd *cmd, const struct cli_args *a, const char *verb,
                      struct cli_env *env)
{
    if (strcmp(a->pos[0], verb) != 0)
        return cli_bad_sub(cmd, a->pos[0], verb);
    return cli_env_open(cmd, a, false, env);
}

void cli_env_close(struct cli_env *env)
{
    db_free(&env->db);
}
