/* cli_table.c: the command table `dangjian` dispatches on and lists in its help: the generic
 * rows of src/cli plus every module row's .commands. A name used twice stops start-up, so an
 * area cannot shadow a generic command or another area's. Also the look-up of a parsed
 * option (cli_get); the parsing itself is main.c's. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/modules.h"
#include "cli/cli.h"

static int table_add(struct cli_table *t, const struct cli_cmd *c, const char *owner,
                     struct err *err)
{
    if (cli_table_find(t, c->name))
        return err_set(err, E_INTERNAL, "",
                       "命令 %s 定义了两次（又见于 %s）/ command %s is defined twice (again by %s)",
                       c->name, owner, c->name, owner);
    if (t->len == ARRAY_LEN(t->rows))
        return err_set(err, E_INTERNAL, "", "命令太多 / more than %zu commands",
                       ARRAY_LEN(t->rows));
    t->rows[t->len++] = c;
    return 0;
}

int cli_table_init(struct cli_table *t, const struct cli_cmd *generic, size_t ngeneric,
                   const struct module *const *mods, size_t nmods, struct err *err)
{
    t->len = 0;
    for (size_t i = 0; i < ngeneric; i++)
        if (table_add(t, &generic[i], "cli", err) < 0)
            return -1;
    for (size_t m = 0; m < nmods; m++)
        for (const struct cli_cmd *const *c = mods[m]->commands; c && *c; c++)
            if (table_add(t, *c, mods[m]->name, err) < 0)
                return -1;
    return 0;
}

const struct cli_cmd *cli_table_find(const struct cli_table *t, const char *name)
{
    for (size_t i = 0; i < t->len; i++)
        if (strcmp(t->rows[i]->name, name) == 0)
            return t->rows[i];
    return NULL;
}

const char *cli_get(const struct cli_cmd *cmd, const struct cli_args *a, const char *name)
{
    for (int i = 0; cmd->opts[i].name; i++)
        if (strcmp(cmd->opts[i].name, name) == 0)
            return a->val[i];
    return NULL;
}
