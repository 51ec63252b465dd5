/* modules.h: what one domain area contributes, as one row exported from its own folder: its
 * routes, the permissions it declares, the audit actions it writes, the code/label tables
 * the UI shows, the change counters it owns, its demo hooks, its CLI commands, its sealed
 * columns and its periodic work. MODULES[]
 * lists the rows; the router, `dangjian` (its commands and help), `dangjian routes` and
 * GET /api/meta read them. It is defined by the composition root,
 * build/gen/modules.c, which tools/gen-modules.sh writes from every `const struct module
 * NAME_MODULE = {` line in an area adapter (src/domain/AREA/..._http.c, src/io/..._http.c;
 * docs/architecture.md): no shared list. */
#pragma once

#include "domain/auth/perm.h"

struct change_counter;
struct cli_cmd;
struct demo_hook;
struct route;
struct sealed_column;
struct app;
struct err;

/* Work an area does on its own while the server runs (`serve` runs every module's hooks once
 * at start and then every serve.tick_seconds): deliver what waits, escalate what is late.
 * run must be safe to repeat and to run in two servers sharing one database; its failure is
 * logged and the next tick runs it again. */
struct tick_hook {
    const char *name; /* "demands.escalate", for the log */
    int (*run)(struct app *app, struct err *err);
};

/* An enum the UI shows: codes[i] is labelled labels[i] (zh-CN); both NULL-terminated, in the
 * order the UI lists them. */
struct code_table {
    const char *name; /* "member_status"; unique over all modules */
    const char *const *codes;
    const char *const *labels;
};

/* One kind of audit row the area writes. */
struct audit_action {
    const char *code;        /* "member.create"; unique over all modules */
    const char *label;       /* zh-CN, shown in the audit log */
    const char *target_type; /* "member"; NULL when the row has no target */
};

struct module {
    const char *name;
    const struct route *routes; /* ends with a row whose pattern is NULL */
    /* The permissions the area declares: PERM_ROW lines (perm.h), ending with PERM_ROWS_END;
     * NULL for none. perm_table_init builds the one permission table from them. */
    const struct perm_row *perms;
    const struct audit_action *audit_actions; /* ends with a NULL code; NULL for none */
    const struct code_table *codes;           /* ends with a NULL name; NULL for none */
    /* The change counters the area owns (domain/cache/cache.h), ending with NULL; NULL for
     * none. Its migrations insert their generation rows and the triggers that move them. */
    const struct change_counter *const *counters;
    /* The area's demo hooks (domain/demo/demo.h), ending with NULL; NULL for none. `dangjian
     * demo` runs them after the street, in phase order. */
    const struct demo_hook *const *demo;
    /* The area's commands (`dangjian user ...`; struct cli_cmd, cli/cli.h), ending with NULL;
     * NULL for none. Each is defined in the area's CLI adapter (*_cli.c, the only files of an
     * area that include cli/) and declared in its *_cli.h; `dangjian` refuses to start when
     * two commands share a name. */
    const struct cli_cmd *const *commands;
    /* The columns the area keeps sealed (personal data encrypted at rest, core/seal.h),
     * ending with a row whose table is NULL; NULL for none. Its store seals on write, opens
     * on read and looks up by the blind index; start-up seals what is still plain. */
    const struct sealed_column *sealed;
    /* The area's periodic work (struct tick_hook), ending with NULL; NULL for none. */
    const struct tick_hook *const *ticks;
};

/* Every module row, in the order of their files' paths (the order carries no meaning). */
extern const struct module *const MODULES[];
extern const size_t MODULES_LEN;
