/* cmd_demo.c: temporary placeholder while the generator is written. */
#include "core/compat.h"
#include "cli/cli.h"
int cmd_demo(const struct cli_cmd *cmd, const struct cli_args *a)
{
    UNUSED(cmd);
    UNUSED(a);
    return 1;
}
