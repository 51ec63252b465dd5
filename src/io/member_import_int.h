/* member_import_int.h: the state of one roster import and the functions its files share
 * (member_import.c, import_cells.c, member_import_check.c, member_import_write.c). Seen by
 * those files only; the interface is member_import.h. */
#pragma once

#include "core/arena.h"
#include "core/json.h"
#include "domain/members/members.h"
#include "io/member_import.h"

#define HEADER_SCAN_ROWS 30
#define BATCH_ROWS       512 /* a multiple of MEMBER_STORE_CHUNK */

/* ---- the import state ---- */

/* How row_process reads a column, decided once from its header (header_choose). */
enum { COL_FIELD, COL_ORG, COL_ID_NUMBER, COL_DATE, COL_CATEGORY };

/* A name or short name 所在党组织 may hold, resolved against the orgs in scope. */
struct org_entry {
    const char *key; /* NULL: an empty slot */
    int64_t id;
    const char *path;
    int n;               /* orgs in scope with this name: 0, 1, or 2 (ambiguous) */
    bool checked;        /* message is final */
    const char *message; /* NULL: usable */
};

struct id_seen {
    char id[19];
    int64_t row;
};

struct pending {
    struct member_in m;
    int64_t row;
    const char **cells;
    size_t ncells;
    bool created_guess;
    bool absent; /* no person had the ID number when the row was checked */
};

struct imp {
    struct app *app;
    const struct import_opts *o;
    struct arena *a; /* result */
    struct import_result *r;
    struct err *err;
    struct db_conn *c;
    bool in_tx;
    bool writing;    /* all-or-nothing: no rejection yet, rows are written */
    bool fatal;      /* a database failure: stop */
    bool bulk_cache; /* the connection's page cache is raised for this import */
    struct sheet_info info;

    /* header search */
    bool have_header;
    struct held_row {
        int64_t row;
        struct sheet_cell *cells;
        size_t n;
    } held[HEADER_SCAN_ROWS];
    int nheld;
    struct arena hold_arena;
    const char **col_field;        /* per column of the file */
    const struct field **col_spec; /* per column: its MEMBER_FIELDS entry, or NULL */
    unsigned char *col_kind;       /* per column: COL_* (how row_process treats it) */
    size_t ncols;

    /* caches */
    struct arena cache_arena;
    struct org_entry *orgs; /* open addressing on key */
    size_t norgs, orgs_cap;
    bool orgs_loaded;
    struct id_seen *seen;
    size_t seen_cap, seen_n;
    int64_t default_org_id;
    const char *default_org_msg;

    /* rows */
    struct arena row_arena;
    struct arena batch_arena;
    struct pending *pend;
    size_t npend, pend_cap;
    int64_t done;
};

struct row_errs {
    const char *column[16], *message[16];
    int n;
};

/* ---- import_cells.c ---- */

/* Copies header text s into out (cap bytes) without spaces, line breaks, required-field
 * stars and a trailing explanation in brackets or after a colon. */
void import_header_key(const char *s, char *out, size_t cap);
/* Whether field (a MEMBER_FIELDS name) holds a date. */
bool import_is_date_field(const char *field);
/* A number cell as text (from a): integers without ".0", others with 15 significant digits. */
const char *import_number_text(const struct sheet_cell *c, struct arena *a);
/* The official category label for a word found in real rosters (退休 → 离退休), else s. */
const char *import_category_word(const char *s);
/* How many distinct member fields a row's cells name; *has_key: 姓名 or 身份证号 among them. */
int import_header_score(const struct sheet_cell *cells, size_t n, bool *has_key);

/* ---- member_import_check.c ---- */

/* Whether org id may receive members from this caller: *msg (cache memory) says why not. */
int import_org_usable(struct imp *s, int64_t id, const char *name, const char **msg);
/* Decodes, checks and accepts (into the batch) or rejects one data row; -1 only when the
 * import must stop (s->err set, s->fatal). */
int import_row_process(struct imp *s, int64_t row, const struct sheet_cell *cells, size_t n);

/* ---- member_import_write.c ---- */

/* The file's header for a member field (or JSON pointer), or the field's label. */
const char *import_column_of(struct imp *s, const char *field);
void import_row_err(struct imp *s, struct row_errs *re, const char *column, const char *msg);
/* Records a rejected row: its errors and a copy of its cells for the error workbook. */
void import_reject(struct imp *s, int64_t row, const char *const *cells, size_t ncells,
                   const struct row_errs *re);
/* Records what an accepted row does to the member it matched. */
void import_note_update(struct imp *s, int64_t row, const struct member_match *mt);
int import_tx_begin(struct imp *s);
/* Write the pending batch: in a transaction of its own (skip_invalid) or inside the one
 * transaction (all-or-nothing); a row that fails is rejected. -1: the import must stop. */
int import_batch_flush(struct imp *s);
int import_batch_write(struct imp *s);
