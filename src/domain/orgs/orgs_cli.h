/* orgs_cli.h: the orgs area's commands (orgs_cli.c: `org add`, `stats verify`), listed in its
 * module row. Declared without cli/ types, so the HTTP adapter that holds the row needs none. */
#pragma once

struct cli_cmd;
/* Ends with NULL. */
extern const struct cli_cmd *const ORGS_COMMANDS[];
