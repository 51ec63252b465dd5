/* import_cli.c: the import module's commands, listed in IMPORT_MODULE: `import members` and
 * `export members`, the roster importer and exporter (io/member_import.h) from the command
 * line, acting as the operator (audit source "cli:import members"). On a terminal the import
 * shows a progress bar; rejected rows go to FILE.errors.xlsx beside the input. It does not
 * start a server or create import jobs. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "io/import_cli.h"
#include "io/member_import.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"
#include "cli/cli.h"

struct bar {
    bool tty;
    int64_t last_us;
};

static void on_progress(void *ctx, int64_t done, int64_t total, int64_t accepted, int64_t rejected)
{
    struct bar *b = ctx;
    int64_t now = clock_mono_us();
    char cells[31];
    int fill;

    if (!b->tty || now - b->last_us < 100000)
        return;
    b->last_us = now;
    fill = total > 0 ? (int)(done * 30 / (total > done ? total : done)) : 0;
    for (int i = 0; i < 30; i++)
        cells[i] = i < fill ? '#' : '.';
    cells[30] = '\0';
    if (total > 0)
        fprintf(stderr, "\r导入中 [%s] %" PRId64 "/%" PRId64 "  通过 %" PRId64 "  错误 %" PRId64,
                cells, done, total, accepted, rejected);
    else
        fprintf(stderr, "\r导入中 %" PRId64 " 行  通过 %" PRId64 "  错误 %" PRId64, done, accepted,
                rejected);
    fflush(stderr);
}

static int import_members(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    const char *file = a->pos[1], *org = cli_get(cmd, a, "org");
    struct auth_actor actor = { .user = NULL, .source = "cli:import members" };
    struct bar bar = { .tty = isatty(STDERR_FILENO) != 0 };
    struct import_opts o = {
        .dry_run = cli_get(cmd, a, "dry-run") != NULL,
        .skip_invalid = cli_get(cmd, a, "skip-invalid") != NULL,
        .actor = &actor,
        .lim = SHEET_LIMITS_DEFAULT,
        .progress = on_progress,
        .progress_ctx = &bar,
    };
    struct import_result r;
    struct err err = { 0 };
    struct arena ar;
    char *data = NULL, *xlsx = NULL;
    size_t len, xlen;
    int64_t t0 = clock_mono_us(), org_id = 0;
    int rc = 1;

    arena_init(&ar, 64 * 1024);
    o.lim.max_rows = env->cfg.import_max_rows;
    if (org) {
        if (parse_i64(org, strlen(org), &org_id) < 0 || org_id <= 0) {
            fprintf(stderr, "dangjian import: --org 应为党组织编号\n");
            rc = 2;
            goto out;
        }
        if (auth_org_path(&env->app, org_id, &ar, &o.scope_path, &err) < 0) {
            rc = cli_fail(&err);
            goto out;
        }
        o.default_org_id = org_id;
    }
    if (io_file_read(file, (uint64_t)env->cfg.import_max_bytes, &data, &len, &err) < 0 ||
        member_import(&env->app, data, len, &o, &ar, &r, &err) < 0) {
        if (bar.tty)
            fputc('\n', stderr);
        rc = cli_fail(&err);
        goto out;
    }
    if (bar.tty)
        fprintf(stderr, "\r%80s\r", "");
    printf("文件 %s（%s，%s 编码），表头在第 %" PRId64 " 行，数据 %" PRId64 " 行，用时 %.2f 秒\n",
           file, r.format, r.encoding, r.header_row, r.rows, (double)(clock_mono_us() - t0) / 1e6);
    printf("通过 %" PRId64 "，错误 %" PRId64 "；新增 %" PRId64 "，更新 %" PRId64 "。%s\n",
           r.accepted, r.rejected, r.created, r.updated,
           o.dry_run     ? "（仅校验，未写入）"
           : r.committed ? "已写入数据库。"
           : r.rejected > 0 ? "有错误行，全部未写入（可加 --skip-invalid 只导入正确的行）。"
                            : "没有写入任何数据。");
    for (size_t i = 0; i < r.nignored; i++)
        printf("未识别的列（已忽略）：%s\n", r.ignored_columns[i]);
    for (int64_t i = 0; i < r.nerrors && i < 20; i++)
        printf("  第 %" PRId64 " 行 %s：%s\n", r.errors[i].row, r.errors[i].column,
               r.errors[i].message);
    if (r.nerrors > 20)
        printf("  ……共 %" PRId64 " 条错误\n", r.nerrors);
    if (r.nbad > 0) {
        char *path = arena_printf(&ar, "%s.errors.xlsx", file);
        if (import_errors_xlsx(&r, &xlsx, &xlen, &err) < 0 ||
            io_file_write(path, xlsx, xlen, &err) < 0) {
            rc = cli_fail(&err);
            goto out;
        }
        printf("错误行已写入 %s（含“错误原因”列，改正后可直接重新导入）\n", path);
    }
    rc = r.rejected > 0 && !r.committed && !o.dry_run ? 1 : 0;
    if (o.dry_run && r.rejected > 0)
        rc = 1;
out:
    free(data);
    free(xlsx);
    arena_release(&ar);
    return rc;
}

static int export_members(const struct cli_cmd *cmd, const struct cli_args *a, struct cli_env *env)
{
    const char *org = cli_get(cmd, a, "org"), *out_path = a->pos[1];
    struct member_query q = { 0 };
    struct err err = { 0 };
    struct arena ar;
    int64_t org_id, count;
    char *data = NULL;
    size_t len;
    bool demo = false;
    int rc = 1;

    arena_init(&ar, 4096);
    if (!org || parse_i64(org, strlen(org), &org_id) < 0 || org_id <= 0) {
        fprintf(stderr, "dangjian export: 需要 --org 党组织编号\n");
        rc = 2;
        goto out;
    }
    if (auth_org_path(&env->app, org_id, &ar, &q.org_path, &err) < 0 ||
        member_demo_instance(&env->app, &demo, &err) < 0 ||
        member_export_xlsx(&env->app, &q, 0, demo, &data, &len, &count, &err) < 0 ||
        io_file_write(out_path, data, len, &err) < 0) {
        rc = cli_fail(&err);
        goto out;
    }
    printf("已导出 %" PRId64 " 名党员到 %s（身份证号、手机号已脱敏）\n", count, out_path);
    rc = 0;
out:
    free(data);
    arena_release(&ar);
    return rc;
}

static int run(const struct cli_cmd *cmd, const struct cli_args *a, bool import)
{
    struct cli_env env;
    int rc;

    if (strcmp(a->pos[0], "members") != 0) {
        fprintf(stderr, "dangjian %s: 目前只支持 members / only \"members\" is supported\n",
                cmd->name);
        return 2;
    }
    rc = cli_env_open(cmd, a, false, &env);
    if (rc)
        return rc;
    rc = import ? import_members(cmd, a, &env) : export_members(cmd, a, &env);
    cli_env_close(&env);
    return rc;
}

static int cmd_import(const struct cli_cmd *cmd, const struct cli_args *a)
{
    return run(cmd, a, true);
}

static int cmd_export(const struct cli_cmd *cmd, const struct cli_args *a)
{
    return run(cmd, a, false);
}

static const struct cli_opt OPTS_IMPORT[] = {
    CLI_OPTS_DB_ROWS,
    { "dry-run", NULL, "只校验不写入", "validate only, write nothing" },
    { "skip-invalid", NULL, "跳过错误行，导入正确的行", "import the good rows, skip the bad ones" },
    { "org", "ORG_ID", "党组织编号：在其下查找“所在党组织”名称，未填写时归入该组织",
      "org id: 所在党组织 names are looked up under it; rows without one go there" },
    CLI_OPT_END,
};
static const struct cli_opt OPTS_EXPORT[] = {
    CLI_OPTS_DB_ROWS,
    { "org", "ORG_ID", "导出该党组织（含下级）的党员", "org id whose subtree is exported" },
    CLI_OPT_END,
};

static const struct cli_cmd COMMANDS[] = {
    { "import", cmd_import, "从 Excel（.xlsx）或 CSV 导入党员名册",
      "import the member roster from .xlsx or .csv",
      "members --db FILE [--dry-run] [--skip-invalid] [--org ORG_ID] FILE.xlsx", OPTS_IMPORT, 2,
      2 },
    { "export", cmd_export, "把党员名册导出为 Excel（.xlsx，个人信息脱敏）",
      "export the member roster as .xlsx (personal data masked)",
      "members --db FILE --org ORG_ID OUT.xlsx", OPTS_EXPORT, 2, 2 },
};

const struct cli_cmd *const IMPORT_COMMANDS[] = { &COMMANDS[0], &COMMANDS[1], NULL };
