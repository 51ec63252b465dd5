/* auth_cli.h: the auth area's commands (auth_cli.c: `user add|list|passwd`), listed in its
 * module row. Declared without cli/ types, so the HTTP adapter that holds the row needs none. */
#pragma once

struct cli_cmd;
/* Ends with NULL. */
extern const struct cli_cmd *const AUTH_COMMANDS[];
