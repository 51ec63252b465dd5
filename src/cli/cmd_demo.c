/* cmd_demo.c: `demo`: creates a database filled with a fictional street (domain/demo), one
 * login per role at a realistic org, and prints what it made and the logins. Refuses to
 * overwrite an existing file unless --force. Demo logins skip the forced password change
 * so a newcomer can look around at once; real accounts never do. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands.h"
#include "domain/demo/demo.h"
#include "app/app_modules.h"
#include "app/app_seal.h"
#include "cli/cli.h"

enum login_org { AT_ROOT, AT_STREET, AT_COMMUNITY, AT_BRANCH };
enum login_person { NO_PERSON, DEMO_MEMBER, DEMO_RESIDENT };

static const struct {
    const char *username, *display_name, *role;
    enum login_org at;
    enum login_person person;
} LOGINS[] = {
    { "admin", "平台管理员", "admin", AT_ROOT, NO_PERSON },
    { "jiedao", "街道党工委组织委员", "org_admin", AT_STREET, NO_PERSON },
    { "shequ", "社区党委书记", "org_admin", AT_COMMUNITY, NO_PERSON },
    { "shuji", "支部书记", "branch_secretary", AT_BRANCH, NO_PERSON },
    { "weiyuan", "支部组织委员", "branch_committee", AT_BRANCH, NO_PERSON },
    { "wangge", "网格员", "grid_worker", AT_COMMUNITY, NO_PERSON },
    { "dangyuan", "党员", "member", AT_BRANCH, DEMO_MEMBER },
    { "jumin", "居民", "resident", AT_COMMUNITY, DEMO_RESIDENT },
    { "lianluo", "共建单位联络人", "unit_liaison", AT_COMMUNITY, NO_PERSON },
};

/* The id of the login named username among ids (created in the order of LOGINS). */
static int64_t login_id(const int64_t *ids, const char *username)
{
    for (size_t i = 0; i < ARRAY_LEN(LOGINS); i++)
        if (!strcmp(LOGINS[i].username, username))
            return ids[i];
    return 0;
}

static void remove_db_files(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof(p), "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", path);
    unlink(p);
}

/* A random password of letters and digits that are hard to confuse (no 0/O, 1/l/I). */
/* A PostgreSQL database is not a file to overwrite: the demo goes only into an empty one. */
static int empty_check(struct cli_env *env, struct err *err)
{
    int version = 0;

    if (db_schema_version(env->db, &version, err) < 0)
        return -1;
    if (version > 0)
        return err_set(
            err, E_CONFLICT, "db.url",
            "数据库 %s 已有数据（表结构版本 %d），演示数据只写入空数据库 / the database is "
            "not empty",
            env->db_label, version);
    return 0;
}

static void random_password(char out[13])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    for (int i = 0; i < 12; i++)
        out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
    out[12] = '\0';
}

/* The password rules against every demo login, since all of them share the password. */
static int password_check(const char *password, struct err *err)
{
    for (size_t i = 0; i < ARRAY_LEN(LOGINS); i++)
        if (auth_password_check(password, LOGINS[i].username, NULL, err) < 0)
            return -1;
    return 0;
}

/* Creates the logins (in one batch: they share the password, which is hashed once) and
 * prints each with the org its grant covers. */
static int create_logins(struct cli_env *env, const struct demo_result *res, const char *password,
                         struct err *err)
{
    struct auth_actor actor = { .user = NULL, .source = "cli:demo" };
    int64_t org[4], person[3] = { 0, res->member_person_id, res->resident_person_id };
    int64_t id[ARRAY_LEN(LOGINS)];
    struct user_new u[ARRAY_LEN(LOGINS)];
    const char *street_path;
    struct arena a;
    int rc = -1;

    arena_init(&a, 4096);
    org[AT_STREET] = res->street_org_id;
    org[AT_COMMUNITY] = res->community_org_id;
    org[AT_BRANCH] = res->branch_org_id;
    if (auth_org_path(&env->app, org[AT_STREET], &a, &street_path, err) < 0)
        goto out;
    org[AT_ROOT] = strtoll(street_path + 1, NULL, 10); /* "/<root>/<street>/" */
    for (size_t i = 0; i < ARRAY_LEN(LOGINS); i++)
        u[i] = (struct user_new){
            .username = arena_strdup(&a, LOGINS[i].username),
            .display_name = arena_strdup(&a, LOGINS[i].display_name),
            .password = arena_strdup(&a, password),
            .person_id = person[LOGINS[i].person],
            .must_change_password = false,
            .role = arena_strdup(&a, LOGINS[i].role),
            .org_id = org[LOGINS[i].at],
        };
    if (auth_user_create_many(&env->app, u, ARRAY_LEN(LOGINS), &actor, id, err) < 0 ||
        demands_demo_logins(&env->app, res->community_org_id, login_id(id, "wangge"),
                            login_id(id, "shequ"), err) < 0)
        goto out;
    printf("\n演示账号 Demo logins — 密码 password: %s\n", password);
    for (size_t i = 0; i < ARRAY_LEN(LOGINS); i++) {
        struct user_view v;
        if (auth_user_get(&env->app, &actor, id[i], &a, &v, err) < 0)
            goto out;
        printf("  %-9s %-8s %s（org %" PRId64 "）\n", v.username, role_label(v.grants[0].role),
               v.grants[0].org_name, v.grants[0].org_id);
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int cmd_demo(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    struct err err = { 0 };
    struct demo_opts opts = { .members = 3000, .seed = 20261123 };
    const struct demo_hook *hooks[64];
    struct demo_result res = { 0 };
    const char *dbp = cli_get(cmd, a, "db"), *n = cli_get(cmd, a, "members"),
               *seed = cli_get(cmd, a, "seed"), *password = cli_get(cmd, a, "password"),
               *url = cli_get(cmd, a, "db-url");
    char generated[13];
    struct stat st;
    int64_t t0, v;
    int rc;

    if (dbp && cli_is_db_url(dbp))
        url = dbp;
    if (!dbp && !url) {
        fprintf(stderr,
                "dangjian demo: 缺少 --db FILE 或 --db-url URL / missing --db or --db-url\n");
        return 2;
    }
    if (n && (parse_i64(n, strlen(n), &v) < 0 || v < 100 || v > 10000000)) {
        fprintf(stderr, "dangjian demo: --members 应为 100 到 10000000 之间的整数\n");
        return 2;
    }
    if (n)
        opts.members = v;
    if (seed && (parse_i64(seed, strlen(seed), &v) < 0 || v < 0)) {
        fprintf(stderr, "dangjian demo: --seed 应为非负整数\n");
        return 2;
    }
    if (seed)
        opts.seed = (uint64_t)v;
    if (password && password_check(password, &err) < 0) {
        fprintf(stderr, "dangjian demo: --password 不符合密码规则 does not meet the rules：%s\n",
                err.msg);
        return 2;
    }
    while (!password) {
        random_password(generated);
        err_clear(&err);
        if (password_check(generated, &err) == 0)
            password = generated;
    }
    if (!url && stat(dbp, &st) == 0) {
        if (!cli_get(cmd, a, "force")) {
            fprintf(stderr, "dangjian demo: %s 已存在；加 --force 覆盖 / exists; add --force\n",
                    dbp);
            return 2;
        }
        remove_db_files(dbp);
    }
    rc = cli_env_open(cmd, a, true, &env);
    if (rc)
        return rc;
    t0 = clock_mono_us();
    if (url && empty_check(&env, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    opts.hooks = hooks;
    opts.nhooks = app_demo_hooks(hooks, ARRAY_LEN(hooks));
    if (db_migrate(env.db, NULL, &err) < 0 || app_seal_open(&env.cfg, env.db, &err) < 0 ||
        demo_generate(env.db, &opts, &res, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    printf("演示数据已生成 demo data created: %s（%.1f 秒）\n", env.db_label,
           (double)(clock_mono_us() - t0) / 1e6);
    printf("  组织 orgs %" PRId64 " · 党员 members %" PRId64 " · 居民 residents %" PRId64
           " · 户 households %" PRId64 "\n",
           res.orgs, res.members, res.residents, res.households);
    if (create_logins(&env, &res, password, &err) < 0)
        rc = cli_fail(&err);
out:
    cli_env_close(&env);
    return rc;
}
