/* member_import_int.h: the roster's adapter to the generic importer (import_engine.h): its
 * state and the functions its files share (member_import.c: the column table, the writer and
 * the entry point; member_import_check.c: a row's checks and the orgs by name). Seen by those
 * files only; the interface is member_import.h. */
#pragma once

#include "core/arena.h"
#include "domain/members/members.h"
#include "io/import_engine.h"
#include "io/member_import.h"

/* The record a roster row is decoded into: MEMBER_FIELDS offsets apply (m comes first). */
struct member_row {
    struct member_in m;
    bool absent; /* no person had the ID number when the row was checked */
};

/* A name or short name 所在党组织 may hold, resolved against the orgs in scope. */
struct org_entry {
    const char *key; /* NULL: an empty slot */
    int64_t id;
    const char *path;
    int n;               /* orgs in scope with this name: 0, 1, or 2 (ambiguous) */
    bool checked;        /* message is final */
    const char *message; /* NULL: usable */
};

struct mimp {
    struct app *app;
    const struct import_opts *o;
    struct arena cache_arena;
    struct import_keys orgs; /* of struct org_entry, by name */
    bool orgs_loaded;
    bool default_checked;
    const char *default_org_msg;
};

/* The column of 所在党组织 in MEMBER_COLUMNS (its place in import_row.ref). */
extern const size_t MEMBER_COL_ORG;

/* The import_area.check of the roster: org by name, every rule of member_normalize, a
 * duplicate ID number in the file, the member already registered (same person, same org). */
int member_import_check(void *ctx, struct import_run *run, struct import_row *row,
                        struct import_row_errs *re, struct err *err);
