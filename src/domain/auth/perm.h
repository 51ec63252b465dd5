/* perm.h: named permissions, roles, and how a route finds the org its request is about.
 * Every route row declares a permission and a scope source; the router refuses a route
 * without a permission. Each area declares its own permissions as PERM_ROW lines in its
 * adapter (code, zh-CN label, the roles holding it) and lists them in its module row's
 * .perms; tools/gen-perms.sh gives each an enum perm id at build time, and the composition
 * root hands the rows to perm_table_init at start-up. Sets of permissions are uint64_t bits. */
#pragma once

#include "perm_ids.h" /* build/gen: enum perm, PERM_COUNT <= 64 checked at compile time */

struct err;

#define PERM_BIT(p) (UINT64_C(1) << (p))

/* Where the org that scopes a request comes from. */
enum scope_from {
    SCOPE_NONE = 0, /* not about one org: public, own session */
    SCOPE_CALLER,   /* lists: rows are filtered to the caller's scope (optional ?org= narrows) */
    SCOPE_PATH_ORG, /* the first path capture is an org id */
    SCOPE_RECORD,   /* the handler finds the record's org and checks it (auth_require_org) */
};

enum role {
    ROLE_ADMIN = 0,
    ROLE_ORG_ADMIN,
    ROLE_BRANCH_SECRETARY,
    ROLE_BRANCH_COMMITTEE,
    ROLE_GRID_WORKER,
    ROLE_MEMBER,
    ROLE_RESIDENT,
    ROLE_UNIT_LIAISON,
    ROLE_COUNT
};
#define ROLE_BIT(r) (1u << (r))
_Static_assert(ROLE_COUNT <= 32, "a set of roles is an unsigned");
/* The platform admin and the org admins hold every permission an area declares. */
#define ROLES_MANAGERS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ORG_ADMIN))

/* One permission: what the API and the UI call it, and which roles hold it. PERM_PUBLIC and
 * PERM_SESSION have no roles: role_has grants them to everyone. */
struct perm_row {
    enum perm id;
    const char *code;  /* "members.read"; "public", "session", "none" for the special ones */
    const char *label; /* zh-CN, shown in the UI */
    unsigned roles;    /* ROLES_MANAGERS | ROLE_BIT(ROLE_BRANCH_SECRETARY) | ... */
};
/* A row of an area's permission table; tools/gen-perms.sh reads the name from lines starting
 * `PERM_ROW(PERM_NAME,` to declare the enum, so a route naming a permission no area declares
 * does not compile. A table ends with PERM_ROWS_END. */
#define PERM_ROW(id, code, label, roles)                                                           \
    {                                                                                              \
        id, code, label, roles                                                                     \
    }
#define PERM_ROWS_END                                                                              \
    {                                                                                              \
        PERM_NONE, NULL, NULL, 0                                                                   \
    }

/* Builds the permission table from n lists of rows (each ending with PERM_ROWS_END; kept by
 * pointer, static). E_INTERNAL, naming it, when an id has no row or two, or a code is used
 * twice; the table is then left empty. Called once at start-up, before any thread. */
int perm_table_init(const struct perm_row *const *lists, size_t n, struct err *err);

/* The row of p (static); the PERM_NONE row for a value out of range. Asserts that
 * perm_table_init succeeded when p is an area's permission. */
const struct perm_row *perm_row(enum perm p);
/* "members.read" etc.; "public" and "session" for the two special ones; "none". */
const char *perm_name(enum perm p);
const char *perm_label(enum perm p); /* zh-CN */
/* "admin", "org_admin"...; role_parse returns -1 for an unknown name. */
const char *role_name(enum role r);
const char *role_label(enum role r); /* zh-CN */
int role_parse(const char *s, enum role *out);
/* Whether role r holds permission p (the one policy table). */
bool role_has(enum role r, enum perm p);
/* The permissions role r holds, PERM_PUBLIC and PERM_SESSION aside; 0 for an unknown role. */
uint64_t role_perms(enum role r);
/* NULL-terminated lists of role names (for field specs) and their zh-CN labels. */
extern const char *const ROLE_NAMES[];
extern const char *const ROLE_LABELS[];
