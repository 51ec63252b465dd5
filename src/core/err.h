/* err.h: the one error type. A failing function sets it once where the failure is detected
 * and returns -1; callers pass it up unchanged; only the edge (router, CLI, importer) turns it
 * into output. Codes are stable and append-only; docs/errors.md lists every one. */
#pragma once

enum err_code {
    E_OK = 0,
    E_INVALID,         /* 400: bad input; field names the JSON pointer */
    E_UNAUTHENTICATED, /* 401: no or expired session */
    E_FORBIDDEN,       /* 403: not permitted or out of scope */
    E_NOT_FOUND,       /* 404 */
    E_CONFLICT,        /* 409: unique key, state machine, stale write */
    E_LIMIT,           /* 413: body, page, JSON depth or response over its ceiling */
    E_UNAVAILABLE,     /* 503: database busy or gone */
    E_INTERNAL,        /* 500: a bug or an unexpected library failure */
    E_METHOD,          /* 405: the path exists, the method does not */
    E_THROTTLED,       /* 429: too many attempts; retry later */
};

struct arena;

/* One failing input, as error.fields[] lists it. */
struct err_field {
    const char *field; /* JSON pointer, e.g. "/posts/2/member_id" */
    const char *msg;   /* zh-CN, safe to show a client */
    struct err_field *next;
};

/* One rule that refused an action (E_CONFLICT), as error.rules[] and error.details[] list it. */
struct err_rule {
    const char *rule;   /* the rule's ID, e.g. "DEV-OBJ-MIN" (RULES.md) */
    const char *detail; /* zh-CN explanation naming the dates or counts involved */
    struct err_rule *next;
};

struct err {
    enum err_code code;
    char field[64];   /* JSON pointer of the bad input, e.g. "/id_number"; "" when none */
    char msg[200];    /* zh-CN, safe to show a client */
    char detail[200]; /* log only: SQL state, errno text */
    /* Every failing input when a decoder checked several (err_field_add), the first being
     * field/msg; NULL otherwise. In the decoder's arena: read it before that is released
     * (the router writes it into the answer within the request). */
    struct err_field *fields;
    /* The rules that refused an action (err_rule_add), in order; NULL otherwise. In the
     * caller's arena, like fields. */
    struct err_rule *rules;
};

/* Fills *e when it is still empty (the first error wins); always returns -1.
 * field may be NULL or "". fmt is the zh-CN client message. */
int err_set(struct err *e, enum err_code c, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds log-only detail to an error that is already set (or being set). Returns -1. */
int err_detail(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Refines an error that is already set, keeping its code: field (NULL keeps it) names the
 * input it is about, and fmt (NULL keeps it) replaces the message — a store turning a unique
 * conflict into "组织编码已被其他党组织使用" on /code. The list of fields is dropped: the
 * refined error is a single one. Returns -1. */
int err_refine(struct err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records one failing input (E_INVALID) in e's list, taking both strings from a (so field
 * may be longer than e->field). The first one also sets e itself; when e already holds
 * another error, nothing is recorded. At most ERR_FIELDS_MAX are kept (the rest is counted
 * in no list: a body of 10,000 bad items answers with the first ones). Returns -1. */
#define ERR_FIELDS_MAX 50
int err_field_add(struct err *e, struct arena *a, const char *field, const char *msg);

/* Records one rule that refused an action (E_CONFLICT), taking both strings from a. The first
 * one also sets e itself (its detail as the message); when e already holds another error,
 * nothing is recorded. Returns -1. */
int err_rule_add(struct err *e, struct arena *a, const char *rule, const char *detail);

/* Empties *e so it can be reused. */
void err_clear(struct err *e);

/* Stable machine name of a code ("invalid", "not_found", ...). */
const char *err_code_name(enum err_code c);
