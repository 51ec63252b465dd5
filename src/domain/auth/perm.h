/* perm.h: named permissions and how a route finds the org its request is about. Every route
 * row declares both; the router refuses to register a route without them. The role →
 * permission table lives in auth.c. */
#pragma once

enum perm {
    PERM_NONE = 0,   /* not declared: a route with this fails the route-table test */
    PERM_PUBLIC,     /* anyone, no session (health, login) */
    PERM_SESSION,    /* any signed-in user (own session, own profile) */
};

enum scope_from {
    SCOPE_NONE = 0, /* the route is not about one org (public, own session) */
};

/* "members.read" etc.; "public" and "session" for the two special ones. */
const char *perm_name(enum perm p);
