/* cli_table_test.c: the command table `dangjian` dispatches on: the generic rows plus every
 * module's commands, each name once; a name used twice (by two modules, or by a module and
 * a generic row) stops start-up naming it. */
#include "tap.h"
#include "core/err.h"
#include "domain/modules.h"
#include "cli/cli.h"

static int run_nothing(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    return 0;
}

static const struct cli_opt NO_OPTS[] = { CLI_OPT_END };
static const struct cli_cmd GENERIC[] = {
    { "serve", run_nothing, "服务", "serve", "", NO_OPTS, 0, 0 },
};
static const struct cli_cmd CMD_ONE = { "one", run_nothing, "一", "one", "", NO_OPTS, 0, 0 };
static const struct cli_cmd CMD_SERVE = { "serve", run_nothing, "二", "two", "", NO_OPTS, 0, 0 };
static const struct cli_cmd *const LIST_ONE[] = { &CMD_ONE, NULL };
static const struct cli_cmd *const LIST_SERVE[] = { &CMD_SERVE, NULL };
static const struct module MOD_A = { .name = "a", .commands = LIST_ONE };
static const struct module MOD_B = { .name = "b", .commands = LIST_ONE };
static const struct module MOD_C = { .name = "c", .commands = LIST_SERVE };
static const struct module MOD_NONE = { .name = "none" };

/* Commands the areas own: they come from the module rows, not from src/cli. */
static const char *const AREA_COMMANDS[] = { "user", "org", "audit", "stats", "import", "export" };

/* The real table: every generic and module command, found by name, none twice. */
static void test_the_real_table_builds(void)
{
    struct cli_table t;
    struct err err = { 0 };

    CHECK_EQ(cli_table_init(&t, CLI_COMMANDS, CLI_COMMANDS_LEN, MODULES, MODULES_LEN, &err), 0);
    CHECK_STR(err.msg, "");
    CHECK(t.len > CLI_COMMANDS_LEN);
    CHECK(cli_table_find(&t, "serve")->run == cmd_serve);
    for (size_t i = 0; i < ARRAY_LEN(AREA_COMMANDS); i++) {
        const struct cli_cmd *c = cli_table_find(&t, AREA_COMMANDS[i]);
        CHECK(c != NULL);
        for (size_t g = 0; c && g < CLI_COMMANDS_LEN; g++)
            CHECK(c != &CLI_COMMANDS[g]);
    }
    CHECK(cli_table_find(&t, "nope") == NULL);
}

static void test_a_module_adds_its_commands(void)
{
    const struct module *mods[] = { &MOD_NONE, &MOD_A };
    struct cli_table t;
    struct err err = { 0 };

    CHECK_EQ(cli_table_init(&t, GENERIC, ARRAY_LEN(GENERIC), mods, 2, &err), 0);
    CHECK_EQ(t.len, 2);
    CHECK(cli_table_find(&t, "one") == &CMD_ONE);
}

static void test_a_name_used_twice_fails(void)
{
    const struct module *two_areas[] = { &MOD_A, &MOD_B };
    const struct module *shadow[] = { &MOD_C };
    struct cli_table t;
    struct err err = { 0 };

    CHECK_EQ(cli_table_init(&t, GENERIC, ARRAY_LEN(GENERIC), two_areas, 2, &err), -1);
    CHECK_EQ(err.code, E_INTERNAL);
    CHECK(strstr(err.msg, "one") != NULL);
    CHECK(strstr(err.msg, "again by b") != NULL);
    err_clear(&err);
    CHECK_EQ(cli_table_init(&t, GENERIC, ARRAY_LEN(GENERIC), shadow, 1, &err), -1);
    CHECK(strstr(err.msg, "serve") != NULL);
}

TAP_MAIN("cli/cli_table", TEST(test_the_real_table_builds), TEST(test_a_module_adds_its_commands),
         TEST(test_a_name_used_twice_fails))
