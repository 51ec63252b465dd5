/* orglife_cli.h: the orglife area's commands (orglife_cli.c: `orglife copy-check`), listed in
 * its module row. Declared without cli/ types, so the HTTP adapter that holds the row needs
 * none. */
#pragma once

struct cli_cmd;
/* Ends with NULL. */
extern const struct cli_cmd *const ORGLIFE_COMMANDS[];
