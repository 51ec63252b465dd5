/* perm.h: named permissions, roles, and how a route finds the org its request is about.
 * Every route row declares a permission and a scope source; the router refuses a route
 * without them. Which role holds which permission is one table in auth_policy.c. */
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

/* "members.read" etc.; "public" and "session" for the two special ones; "none". */
const char *perm_name(enum perm p);
/* "admin", "org_admin"...; role_parse returns -1 for an unknown name. */
const char *role_name(enum role r);
const char *role_label(enum role r); /* zh-CN */
int role_parse(const char *s, enum role *out);
/* Whether role r holds permission p (the one policy table). */
bool role_has(enum role r, enum perm p);
/* NULL-terminated list of role names, for field specs. */
extern const char *const ROLE_NAMES[];
