/* perm.h: named permissions, roles, and how a route finds the org its request is about.
 * Every route row declares a permission and a scope source; the router refuses a route
 * without them. Each permission's code, zh-CN label and the roles holding it are one row of
 * one table in auth_policy.c; sets of permissions are uint64_t bits (PERM_BIT). */
#pragma once

enum perm {
    PERM_NONE = 0,           /* not declared: router_init fails on it */
    PERM_PUBLIC,             /* anyone, no session (health, login) */
    PERM_SESSION,            /* any signed-in user (own session, own password) */
    PERM_ORGS_READ,          /* see the org tree in scope */
    PERM_ORGS_WRITE,         /* create and change orgs, terms, posts */
    PERM_MEMBERS_READ,       /* list and view members (personal data masked) */
    PERM_MEMBERS_WRITE,      /* create, change, import members */
    PERM_MEMBERS_REVEAL_PII, /* see full ID number, phone, address (audited) */
    PERM_RESIDENTS_READ,
    PERM_RESIDENTS_WRITE,
    PERM_USERS_MANAGE, /* accounts and grants inside the scope */
    PERM_AUDIT_READ,   /* page through audit rows in the scope */
    PERM_COUNT
};
#define PERM_BIT(p) (UINT64_C(1) << (p))
_Static_assert(PERM_COUNT <= 64, "a set of permissions is a uint64_t: use a wider bitset");

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

/* One permission: what the API and the UI call it, and which roles hold it. PERM_PUBLIC and
 * PERM_SESSION have no roles: role_has grants them to everyone. */
struct perm_row {
    const char *code;  /* "members.read"; "public", "session", "none" for the special ones */
    const char *label; /* zh-CN, shown in the UI */
    unsigned roles;    /* ROLE_BIT(ROLE_ORG_ADMIN) | ... */
};

/* The row of p (static); the PERM_NONE row for a value out of range. */
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
