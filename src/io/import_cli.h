/* import_cli.h: the import module's commands (import_cli.c: `import members`, `export
 * members`), listed in its module row. Declared without cli/ types, so the HTTP adapter that
 * holds the row needs none. */
#pragma once

struct cli_cmd;
/* Ends with NULL. */
extern const struct cli_cmd *const IMPORT_COMMANDS[];
