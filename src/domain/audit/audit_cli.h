/* audit_cli.h: the audit area's commands (audit_cli.c: `audit verify`), listed in its module
 * row. Declared without cli/ types, so the HTTP adapter that holds the row needs none. */
#pragma once

struct cli_cmd;
/* Ends with NULL. */
extern const struct cli_cmd *const AUDIT_COMMANDS[];
