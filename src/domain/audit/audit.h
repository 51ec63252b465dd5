/* audit.h: the append-only, hash-chained audit log. Every write and every reveal of masked
 * personal data appends one row inside the same transaction as the change it records, so a
 * change and its audit row commit or vanish together. Each row stores the previous row's
 * hash; audit_verify walks the chain and names the first row that does not fit. */
#pragma once

#include "core/json.h"

struct arena;
struct db;
struct db_conn;
struct err;

struct audit_entry {
    int64_t user_id;         /* 0: none (CLI, anonymous login attempt) */
    const char *username;    /* NULL: none */
    const char *source;      /* route pattern ("POST /api/users") or "cli:user add" */
    const char *action;      /* "user.create", "session.login", "member.reveal" ... */
    const char *target_type; /* "user", "member" ...; NULL */
    int64_t target_id;       /* 0: none */
    int64_t org_id;          /* 0: none; scopes who may read the row */
    const char *result;      /* "ok", "failed", "denied" */
    const char *request_id;  /* NULL for CLI */
    const char *digest;      /* hex SHA-256 of before/after data; NULL */
};

/* Appends e in a transaction of its own (an event that changes nothing else: an export). */
int audit_record(struct db *db, const struct audit_entry *e, struct err *err);
/* Appends e on c. The caller holds a write transaction on c. */
int audit_append(struct db_conn *c, const struct audit_entry *e, struct err *err);
/* Appends e[0..n) on c in that order: the same rows and chain as n audit_append calls, with
 * one read of the chain's head and the rows written several per statement (bulk writers such
 * as the importer). The caller holds a write transaction on c; on failure it must roll back,
 * as part of the rows may be written. */
int audit_append_many(struct db_conn *c, const struct audit_entry *e, size_t n, struct err *err);

/* Hex SHA-256 of data (65 bytes with NUL), for before/after digests. */
void audit_digest(const void *data, size_t len, char out[65]);

/* The before/after digest of a write (audit.digest). The canonical serialization is
 *   json_dumps({"after": after, "before": before}, JSON_SORT_KEYS | JSON_COMPACT)
 * (jansson: keys sorted bytewise at every level, no spaces, UTF-8 unescaped, "/" not
 * escaped), with NULL as null; the digest is the lower-case hex SHA-256 of those bytes.
 * What before/after hold is the writer's (members.c: the member's MEMBER_FIELDS keys;
 * orgs.c, auth_users.c: the fields the write has at hand; see AuditRow in docs/openapi.json).
 * ID and phone numbers appear as their blind index (core/seal.h seal_index), never plain: a
 * plain hash of a number is guessed in seconds.
 * Both functions steal the references to before and after (NULL allowed), so a call can
 * take json_pack(...) results directly. audit_change_text returns memory from a. */
char *audit_change_text(json_t *before, json_t *after, struct arena *a);
void audit_change_digest(json_t *before, json_t *after, char out[65]);

/* One member of a flat object for audit_create_digest: text (NULL: null) or, when is_int,
 * the integer num. */
struct audit_field {
    const char *key;
    const char *text;
    int64_t num;
    bool is_int;
};
/* audit_change_digest(NULL, after) for after = the object of the n fields f (any order; keys
 * distinct; text valid UTF-8), written straight to the canonical bytes without building a
 * jansson tree: the same digest at a fraction of the cost, for writers that create many rows
 * at once. n is at most 64. */
void audit_create_digest(const struct audit_field *f, size_t n, char out[65]);

struct audit_verify_result {
    int64_t rows;       /* rows checked */
    int64_t bad_id;     /* 0 when intact; else the first row that breaks the chain */
    char reason[160];   /* zh-CN: why that row does not fit */
    char head_hash[65]; /* hash of the last row: record it elsewhere to detect truncation */
};
int audit_verify(struct db *db, struct audit_verify_result *out, struct err *err);

struct audit_row {
    int64_t id, at;
    struct audit_entry e;
    const char *target_name; /* audit_list only: the target's name now; NULL: none */
    char prev_hash[65];
    char hash[65];
};

/* One page of audit rows, newest first. org_path limits them to rows about orgs in that
 * subtree; NULL means every row (platform admins only); from/to (clock_now seconds, to
 * exclusive; 0: unbounded) to rows written in that time. Rows come from a. */
struct audit_query {
    const char *org_path;
    int64_t page, size;
    int64_t from, to;
};
int audit_list(struct db *db, const struct audit_query *q, struct arena *a,
               struct audit_row **rows_out, int64_t *n_out, int64_t *total_out, struct err *err);
