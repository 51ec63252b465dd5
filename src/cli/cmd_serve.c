/* cmd_serve.c: `serve`: checks the schema, closes import jobs a stopped server left running,
 * purges expired sessions and stale login throttle rows (a bad auth.totp_roles stops it), starts
 * the HTTP server, prints the address it listens on (stdout, flushed, for scripts and tests using
 * --port 0), runs the modules' tick hooks at start and every serve.tick_seconds, and stops on
 * SIGINT or SIGTERM. */
#include "core/compat.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/cache/cache.h"
#include "http/http.h"
#include "app/app_modules.h"
#include "io/import_job.h"
#include "io/import_store.h"
#include "cli/cli.h"

int cmd_serve(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct http_server *srv = NULL;
    struct http_server_opts opts;
    sigset_t set;
    int64_t abandoned = 0;
    unsigned totp_roles;
    int sig = 0, rc;

    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    if (auth_totp_roles(&env.cfg, &totp_roles, &err) < 0 || db_schema_check(env.db, &err) < 0 ||
        import_jobs_abandon(env.db, &abandoned, &err) < 0 || auth_purge(&env.app, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    if (abandoned)
        log_warn("import_jobs_abandoned", "count=%" PRId64, abandoned);
    /* Block the stop signals before the server's threads start so they inherit the mask and
     * only sigwait below receives them. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    env.app.cache = cache_new((size_t)env.cfg.cache_max_bytes);
    env.app.sessions = auth_sessions_new();
    app_server_opts(&env.app, &opts);
    if (http_server_start(&opts, &srv, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    printf("dangjian %s listening on http://%s:%d\n", DANGJIAN_VERSION, env.cfg.http_host,
           http_server_port(srv));
    fflush(stdout);
    log_info("serve_start", "port=%d db=%s", http_server_port(srv), db_driver_name(env.db));
    for (;;) {
        struct timespec every = { (time_t)env.cfg.serve_tick_seconds, 0 };
        app_ticks_run(&env.app);
        sig = sigtimedwait(&set, NULL, &every);
        if (sig > 0)
            break;
        if (errno != EAGAIN && errno != EINTR) {
            sigwait(&set, &sig); /* cannot time out: no ticks from here on */
            break;
        }
    }
    log_info("serve_stop", "signal=%d", sig);
    http_server_stop(&srv);
    import_jobs_drain();
out:
    cache_free(&env.app.cache);
    auth_sessions_free(&env.app.sessions);
    cli_env_close(&env);
    return rc;
}
