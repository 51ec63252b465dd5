/* auth_cli.c: the auth area's command, `user add|list|passwd`: account administration from
 * the command line (the operator's own tool; it acts as the CLI, not as a signed-in user,
 * and is audited as "cli:..."). `user add --batch` creates many accounts with one initial
 * password in one transaction; it does not read passwords from the file, so none is ever
 * written into one. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/auth/auth_cli.h"
#include "cli/cli.h"

static int need(const struct cli_cmd *cmd, const struct cli_args *a, const char *opt)
{
    if (cli_get(cmd, a, opt))
        return 0;
    fprintf(stderr, "dangjian %s %s: 缺少 --%s / missing --%s\n", cmd->name, a->pos[0], opt, opt);
    return 2;
}

static int user_add(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:user add" };
    const char *org = cli_get(cmd, a, "org"), *person = cli_get(cmd, a, "person");
    struct arena ar;
    struct user_new u;
    int64_t id;
    int rc;

    arena_init(&ar, 1024);
    u = (struct user_new){
        .username = arena_strdup(&ar, cli_get(cmd, a, "username")),
        .display_name =
            arena_strdup(&ar, cli_get(cmd, a, "display-name") ? cli_get(cmd, a, "display-name")
                                                              : cli_get(cmd, a, "username")),
        .password = arena_strdup(&ar, cli_get(cmd, a, "password")),
        .role = arena_strdup(&ar, cli_get(cmd, a, "role")),
        .must_change_password = !cli_get(cmd, a, "keep-password"),
    };
    if (!utf8_valid(u.username, strlen(u.username)) ||
        !utf8_valid(u.display_name, strlen(u.display_name))) {
        fprintf(stderr, "dangjian user add: --username 和 --display-name 须为 UTF-8 文字 / must be "
                        "UTF-8 text\n");
        arena_release(&ar);
        return 2;
    }
    if (parse_i64(org, strlen(org), &u.org_id) < 0 || u.org_id <= 0 ||
        (person && (parse_i64(person, strlen(person), &u.person_id) < 0 || u.person_id <= 0))) {
        fprintf(stderr, "dangjian user add: --org 和 --person 应为正整数编号\n");
        arena_release(&ar);
        return 2;
    }
    rc = auth_user_create(&env->app, &u, &actor, &id, &err);
    if (rc < 0)
        rc = cli_fail(&err);
    else
        printf("已创建账号 created user %s (id %" PRId64 ")%s\n", u.username, id,
               u.must_change_password ? "；首次登录须修改密码 / must change password at first login"
                                      : "");
    arena_release(&ar);
    return rc;
}

enum { BATCH_MAX = 10000 };

static int batch_bad(int line, const char *msg)
{
    fprintf(stderr, "dangjian user add: --batch 第 %d 行 line %d: %s\n", line, line, msg);
    return 2;
}

/* Parses one batch line "USERNAME ROLE ORG_ID [DISPLAY NAME]" (s is modified) into u.
 * Returns 0, or 2 after printing what is wrong. */
static int batch_line(char *s, int line, struct arena *ar, struct user_new *u)
{
    char *tok[3], *rest, *end;
    struct err err = { 0 };
    enum role role;

    if (!utf8_valid(s, strlen(s)))
        return batch_bad(line,
                         "不是 UTF-8 编码的文字，请把文件另存为 UTF-8 / not UTF-8 text: save the "
                         "file as UTF-8");
    /* Blanks include the no-break and ideographic spaces of text pasted from Excel or typed
     * with a Chinese input method; the three fields are folded to half-width (４ → 4). */
    for (int i = 0; i < 3; i++) {
        while (utf8_blank_at(s) || *s == '\r' || *s == '\n')
            s += utf8_blank_at(s) ? utf8_blank_at(s) : 1;
        if (!*s)
            return batch_bad(line, "应为“用户名 角色 组织编号 [姓名]” / expected USERNAME ROLE "
                                   "ORG_ID [DISPLAY NAME]");
        tok[i] = s;
        while (*s && !utf8_blank_at(s) && *s != '\r' && *s != '\n')
            s++;
        if (*s) {
            size_t n = utf8_blank_at(s) ? utf8_blank_at(s) : 1;
            memset(s, 0, n);
            s += n;
        }
        utf8_halfwidth(tok[i], true);
    }
    rest = s;
    while (utf8_blank_at(rest))
        rest += utf8_blank_at(rest);
    end = rest + strlen(rest);
    while (end > rest && (end[-1] == '\r' || end[-1] == '\n' || utf8_blank_before(rest, end)))
        end -= end[-1] == '\r' || end[-1] == '\n' ? 1 : utf8_blank_before(rest, end);
    *end = '\0';
    if (auth_username_check(tok[0], &err) < 0)
        return batch_bad(line, err.msg);
    /* The role by its code or by its Chinese name (支部书记). */
    for (role = 0; role < ROLE_COUNT && strcmp(tok[1], role_label(role)) != 0; role++)
        ;
    if (role == ROLE_COUNT && role_parse(tok[1], &role) < 0)
        return batch_bad(line,
                         "角色无效 invalid role（可用 valid: admin org_admin branch_secretary "
                         "branch_committee grid_worker member resident unit_liaison，或其中文名）");
    if (parse_i64(tok[2], strlen(tok[2]), &u->org_id) < 0 || u->org_id <= 0)
        return batch_bad(line, "组织编号应为正整数 / ORG_ID must be a positive integer");
    if (utf8_len(rest) > 50)
        return batch_bad(line, "姓名最多 50 个字 / display name: at most 50 characters");
    u->username = arena_strdup(ar, tok[0]);
    u->role = arena_strdup(ar, role_name(role));
    u->display_name = arena_strdup(ar, *rest ? rest : tok[0]);
    return 0;
}

/* The accounts of one batch, each with the line it came from. */
struct batch {
    struct user_new *u;
    int *line_of;
    size_t n, cap;
};

/* Reads every account of f into b (from ar), each with password and must_change. Returns 0,
 * or an exit code after printing what is wrong. */
static int batch_read(FILE *f, const char *password, bool must_change, struct arena *ar,
                      struct batch *b)
{
    char *s = NULL;
    size_t scap = 0;
    int line = 0, rc = 0;

    while (!rc && getline(&s, &scap, f) >= 0) {
        char *p = s;
        if (++line == 1 && !strncmp(p, "\xEF\xBB\xBF", 3))
            p += 3; /* the byte-order mark Windows editors put before UTF-8 text */
        p += strspn(p, " \t\r\n");
        if (!*p || *p == '#')
            continue;
        if (b->n == BATCH_MAX) {
            rc = batch_bad(line, "一批最多 10000 个账号 / at most 10000 accounts a batch");
            break;
        }
        if (b->n == b->cap) {
            size_t cap = b->cap ? b->cap * 2 : 64;
            struct user_new *u = arena_alloc(ar, cap * sizeof(*u));
            int *l = arena_alloc(ar, cap * sizeof(*l));
            if (b->n) {
                memcpy(u, b->u, b->n * sizeof(*u));
                memcpy(l, b->line_of, b->n * sizeof(*l));
            }
            b->u = u;
            b->line_of = l;
            b->cap = cap;
        }
        b->u[b->n] = (struct user_new){ .password = arena_strdup(ar, password),
                                        .must_change_password = must_change };
        rc = batch_line(p, line, ar, &b->u[b->n]);
        b->line_of[b->n++] = line;
    }
    if (!rc && ferror(f)) {
        fprintf(stderr, "dangjian user add: --batch 读取失败 / read error\n");
        rc = 1;
    }
    free(s);
    return rc;
}

/* `user add --batch FILE`: every account of the file, or none. */
static int user_add_batch(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    static const char *const single[] = { "username", "role", "org", "display-name", "person" };
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:user add" };
    const char *path = cli_get(cmd, a, "batch");
    struct batch b = { 0 };
    struct arena ar;
    int64_t *ids;
    FILE *f;
    int rc;

    for (size_t i = 0; i < ARRAY_LEN(single); i++)
        if (cli_get(cmd, a, single[i])) {
            fprintf(stderr, "dangjian user add: --batch 不能与 --%s 同用 / --batch excludes --%s\n",
                    single[i], single[i]);
            return 2;
        }
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dangjian user add: 无法读取 cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    arena_init(&ar, 8192);
    rc = batch_read(f, cli_get(cmd, a, "password"), !cli_get(cmd, a, "keep-password"), &ar, &b);
    if (f != stdin)
        fclose(f);
    if (!rc && b.n == 0) {
        fprintf(stderr, "dangjian user add: --batch %s 中没有账号 / no accounts in %s\n", path,
                path);
        rc = 2;
    }
    if (rc)
        goto out;
    ids = arena_alloc(&ar, b.n * sizeof(*ids));
    if (auth_user_create_many(&env->app, b.u, b.n, &actor, ids, &err) < 0) {
        char *end;
        long long k = strtoll(err.field + (err.field[0] == '/'), &end, 10);
        if (err.field[0] == '/' && end != err.field + 1 && k >= 0 && (size_t)k < b.n)
            fprintf(stderr,
                    "dangjian user add: --batch 第 %d 行 line %d（%s），未新建任何账号 / no "
                    "account created\n",
                    b.line_of[k], b.line_of[k], b.u[k].username);
        rc = cli_fail(&err);
        goto out;
    }
    for (size_t i = 0; i < b.n; i++)
        printf("已创建账号 created user %s (id %" PRId64 ")\n", b.u[i].username, ids[i]);
    printf("共新建 %zu 个账号 %zu accounts created%s\n", b.n, b.n,
           b.u[0].must_change_password
               ? "；首次登录须修改密码 / must change password at first login"
               : "");
out:
    arena_release(&ar);
    return rc;
}

static int user_list(struct cli_env *env)
{
    struct err err = { 0 };
    struct arena ar;
    struct user_query q = { .org_path = NULL, .page = 1, .size = 200 };
    struct user_view *v;
    int64_t n, total;

    arena_init(&ar, 8192);
    printf("%-6s %-16s %-20s %-9s %s\n", "id", "username", "姓名 name", "status", "授权 grants");
    do {
        if (auth_user_list(&env->app, &q, &ar, &v, &n, &total, &err) < 0) {
            arena_release(&ar);
            return cli_fail(&err);
        }
        for (int64_t i = 0; i < n; i++) {
            printf("%-6" PRId64 " %-16s %-20s %-9s", v[i].id, v[i].username, v[i].display_name,
                   v[i].status);
            for (int g = 0; g < v[i].ngrants; g++)
                printf(" %s@%" PRId64, role_name(v[i].grants[g].role), v[i].grants[g].org_id);
            putchar('\n');
        }
        q.page++;
    } while ((q.page - 1) * q.size < total);
    arena_release(&ar);
    return 0;
}

static int user_passwd(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    struct err err = { 0 };
    struct auth_actor actor = { .source = "cli:user passwd" };
    int64_t id;

    if (auth_user_find_by_name(&env->app, cli_get(cmd, a, "username"), &id, &err) < 0 ||
        auth_password_change(&env->app, id, NULL, cli_get(cmd, a, "password"),
                             !cli_get(cmd, a, "keep-password"), &actor, &err) < 0)
        return cli_fail(&err);
    printf("已设置新密码 password set for %s\n", cli_get(cmd, a, "username"));
    return 0;
}

static int cmd_user(const struct cli_cmd *cmd, const struct cli_args *a)
{
    struct cli_env env;
    const char *sub = a->pos[0];
    enum role role;
    int rc;

    static const char *const add_needs[] = { "username", "password", "role", "org", NULL };
    static const char *const batch_needs[] = { "password", NULL };
    static const char *const passwd_needs[] = { "username", "password", NULL };
    const char *const *needs = NULL;

    bool batch = cli_get(cmd, a, "batch") != NULL;

    if (batch && strcmp(sub, "add") != 0) {
        fprintf(stderr, "dangjian user %s: --batch 只用于 add / --batch is for add only\n", sub);
        return 2;
    }
    if (strcmp(sub, "add") == 0)
        needs = batch ? batch_needs : add_needs;
    else if (strcmp(sub, "passwd") == 0)
        needs = passwd_needs;
    else if (strcmp(sub, "list") != 0)
        return cli_bad_sub(cmd, sub, "add、list、passwd");
    for (rc = 0; needs && *needs && !rc; needs++)
        rc = need(cmd, a, *needs);
    if (rc)
        return rc;
    if (strcmp(sub, "add") == 0 && !batch && role_parse(cli_get(cmd, a, "role"), &role) < 0)
        return cli_bad_choice(cmd, a, "role", ROLE_NAMES);
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    {
        struct err err = { 0 };
        if (db_schema_check(env.db, &err) < 0) {
            cli_env_close(&env);
            return cli_fail(&err);
        }
    }
    if (batch)
        rc = user_add_batch(cmd, a, &env);
    else if (strcmp(sub, "add") == 0)
        rc = user_add(cmd, a, &env);
    else if (strcmp(sub, "passwd") == 0)
        rc = user_passwd(cmd, a, &env);
    else
        rc = user_list(&env);
    cli_env_close(&env);
    return rc;
}

static const struct cli_opt OPTS_USER[] = {
    CLI_OPTS_DB_ROWS,
    { "username", "U", "用户名（字母、数字、_ . -）", "username (letters, digits, _ . -)" },
    { "password", "P", "密码（至少 10 个字符）", "password (at least 10 characters)" },
    { "role", "R",
      "角色：admin org_admin branch_secretary branch_committee grid_worker member resident "
      "unit_liaison",
      "role (one of the above)" },
    { "org", "ORG_ID", "授权的党组织编号（含下级）", "org id the grant covers (with its subtree)" },
    { "display-name", "NAME", "显示的姓名", "display name" },
    { "person", "PERSON_ID", "关联的人员编号", "linked person id" },
    { "keep-password", NULL, "不要求首次登录修改密码", "do not force a change at first login" },
    { "batch", "FILE",
      "add：从文件（- 为标准输入）批量新建，每行“用户名 角色 组织编号 [姓名]”，# 开头为注释；"
      "全部账号使用 --password 给出的初始密码（只计算一次哈希），在一个事务中全部成功或全部不建",
      "add: create the accounts listed in FILE (- for stdin), one \"USERNAME ROLE ORG_ID "
      "[DISPLAY NAME]\" a line, # starts a comment; all get the --password initial password "
      "(hashed once), in one transaction: all or none" },
    CLI_OPT_END,
};

static const struct cli_cmd COMMANDS[] = {
    { "user", cmd_user, "账号管理：add 新建、list 列出、passwd 设置密码",
      "accounts: add, list, passwd",
      "add|list|passwd --db FILE [--username U --password P --role R --org ORG_ID]\n"
      "       dangjian user add --db FILE --batch FILE --password P [--keep-password]",
      OPTS_USER, 1, 1 },
};

const struct cli_cmd *const AUTH_COMMANDS[] = { &COMMANDS[0], NULL };
