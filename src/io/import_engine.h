/* import_engine.h: the generic spreadsheet importer. An area describes its file as a column
 * table (code, zh-CN header, aliases, cell type, required, where the value goes) plus two
 * callbacks, a row check and a row writer (struct import_area); the engine reads the .xlsx or
 * .csv, finds the header row, decodes cells, batches accepted rows, writes them in chunks or
 * in one transaction, lists every error of every rejected row and builds the error workbook.
 * It knows no domain: member_import.c is the roster's adapter (its table and callbacks). */
#pragma once

#include "core/arena.h"
#include "io/sheet.h"

struct arena;
struct db;
struct db_conn;
struct err;
struct field;
struct xw;

/* ---- the column table ---- */

enum import_cell {
    IMPORT_CELL_TEXT = 0, /* text (numbers written without ".0"), decoded by the field spec */
    IMPORT_CELL_DATE,     /* Excel serial or date text, decoded to YYYY-MM-DD */
    IMPORT_CELL_ID,       /* an ID number: refused when Excel turned it into a number */
    IMPORT_CELL_REF,      /* a name the area resolves itself (an org): kept as text only */
};

#define IMPORT_COL_REQUIRED    (1u << 0) /* the header must have the column */
#define IMPORT_COL_KEY         (1u << 1) /* identifies a row: a header row names one of these */
#define IMPORT_COL_MONTH_SKIP  (1u << 2) /* a date of year and month only is left empty */
#define IMPORT_COL_DEFAULTABLE (1u << 3) /* not required when import_area.has_default says so */
#define IMPORT_COL_TEXT_FORMAT (1u << 4) /* template and export: the column is formatted text */

struct import_column {
    const char *code;        /* the field spec entry the value goes to (import_area.fields) */
    const char *header;      /* written in the template and the export; accepted on import */
    const char *aliases[12]; /* other headers accepted on import (older templates, real files) */
    enum import_cell cell;
    unsigned flags;          /* IMPORT_COL_* */
    const char *missing;     /* REQUIRED: the rest of the message when the header lacks it */
    const char *error_field; /* errors naming this field are shown under this column; NULL: code */
    const char *(*word)(const char *text); /* maps words of real files to accepted ones; or NULL */
    double width;                          /* template and export column width */
};

/* The column whose header or alias is header (spaces, stars and a bracketed explanation
 * ignored), or NULL. cols ends with a NULL code. */
const struct import_column *import_column_find(const struct import_column *cols,
                                               const char *header);

/* ---- options and results ---- */

/* Called after each row with the rows done so far and the expected total (0: unknown). */
typedef void import_progress_fn(void *ctx, int64_t done, int64_t total, int64_t accepted,
                                int64_t rejected);

/* What is committed so far: rows of the file (Excel numbers) in ranges, and their counts. */
struct import_range {
    int64_t first, last;
};
struct import_kept {
    int64_t done; /* data rows read and settled (committed or rejected) when it was kept */
    int64_t rows; /* rows committed */
    int64_t created, updated, rejected;
    struct import_range *ranges; /* the committed rows, in file order (nranges) */
    int64_t nranges, cap;
};

/* Called inside the transaction that commits written rows, just before the commit, with what
 * will then be kept (a job row updated here is true after a crash). -1 rolls the chunk back. */
typedef int import_commit_fn(void *ctx, struct db_conn *c, const struct import_kept *k,
                             int64_t total, struct err *err);

/* Who runs an import and where: every area's rows belong to an org of the caller's scope. The
 * engine passes scope_path, default_org_id, user and actor on to the area untouched. */
struct import_opts {
    bool dry_run;           /* validate and count, write nothing */
    bool skip_invalid;      /* import the good rows (committed in chunks); default all-or-nothing */
    const char *scope_path; /* orgs named in the file are looked up here; NULL: all */
    int64_t default_org_id; /* rows naming no org go here; 0: the org column is required */
    const struct auth_user *user;   /* the caller, for per-row permission checks; NULL: operator */
    const struct auth_actor *actor; /* for the audit rows */
    struct sheet_limits lim;
    import_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
    import_commit_fn *on_commit; /* may be NULL */
    void *commit_ctx;
};

struct import_error {
    int64_t row;         /* as Excel shows it (title and header rows counted) */
    const char *column;  /* the header as written in the file ("" for the whole row/file) */
    const char *message; /* zh-CN, says what to fix */
};

/* A rejected row as read, for the error workbook. */
struct import_bad_row {
    int64_t row;
    const char **cells; /* ncells texts, by column of the file */
    size_t ncells;
    const char *reason; /* all of the row's messages joined */
};

/* An accepted row that matched a record already registered and changes some of its fields. */
struct import_update {
    int64_t row;         /* as Excel shows it */
    int64_t id;          /* the record it matched (a member: "member_id" in the answer) */
    const char *name;    /* the record's name as registered */
    const char **fields; /* zh-CN labels of the changed fields (学历, 手机号码 …) */
    size_t nfields;
};

struct import_result {
    const char *format, *encoding; /* "xlsx"/"csv"; "UTF-8", "GB18030" … */
    int64_t header_row;
    const char **headers; /* the file's header row (nheaders) */
    size_t nheaders;
    const char **ignored_columns; /* headers not recognized */
    size_t nignored;
    int64_t rows;                                 /* data rows read */
    int64_t accepted, rejected, created, updated; /* updated: rows matching a record */
    /* Of the updated rows: those that change something (updates), and the count that
     * change nothing (unchanged). Cleared, like created/updated, when nothing is kept. */
    struct import_update *updates;
    int64_t nupdates, unchanged;
    bool committed; /* false for dry runs and for all-or-nothing imports with rejections */
    struct import_error *errors;
    int64_t nerrors;
    struct import_bad_row *bad;
    int64_t nbad;
    int64_t total_hint;      /* data rows the file declares (0: unknown) */
    struct import_kept kept; /* what is committed (also after a failure) */
};

/* ---- the area ---- */

struct import_run;

/* One data row on its way through the engine. Memory lives until it is written or rejected. */
struct import_row {
    int64_t row;        /* as Excel shows it */
    int64_t ord;        /* its place among the data rows (1, 2 …) */
    void *rec;          /* the area's record (rec_size bytes), cells decoded into it */
    const char **texts; /* the file's cells as text (ncells) */
    size_t ncells;
    const char **ref; /* per column of the table: the text of an IMPORT_CELL_REF cell */
    struct arena *arena;
    /* Set by import_note_update: the row updates a registered record. */
    bool matched;
    int64_t match_id;
    const char *match_name;
    const char *const *match_fields;
    size_t match_n;
};

/* A row's errors so far: the column (header as in the file) and message of each. */
struct import_row_errs {
    const char *code[24], *column[24], *message[24];
    int n;
};

struct import_area {
    const struct import_column *columns; /* ends with a NULL code */
    const struct field *fields;          /* spec of the record: where decoded cells go */
    size_t rec_size;
    /* Whether a IMPORT_COL_DEFAULTABLE column may be missing (a default was chosen). */
    bool (*has_default)(void *ctx, const struct import_column *col);
    /* Checks a decoded row (cell errors already in re) and adds every further error to re
     * (import_row_err). -1 only when the import must stop (err set). */
    int (*check)(void *ctx, struct import_run *run, struct import_row *row,
                 struct import_row_errs *re, struct err *err);
    /* Writes n checked rows inside the caller's transaction on c; created_out[i]: rows[i]
     * made a new record. one: n is 1 and a failure is to be reported against that row. */
    int (*write)(void *ctx, struct db_conn *c, struct import_row *rows, size_t n, bool one,
                 bool *created_out, struct err *err);
};

/* Reads data (len bytes; .xlsx when it is a zip, else CSV) and imports it into db. Result
 * memory is from a. File-level problems (not a spreadsheet, no header row, a required column
 * missing, over the limits) fail with E_INVALID/E_LIMIT and a zh-CN message; row problems are
 * listed in out->errors and never fail the call. A database failure fails the call; out->kept
 * then says what earlier chunks committed. */
int import_engine_run(struct db *db, const struct import_area *area, void *ctx, const void *data,
                      size_t len, const struct import_opts *o, struct arena *a,
                      struct import_result *out, struct err *err);

/* ---- for the area's callbacks ---- */

/* Adds an error to re under the column of field code (or JSON pointer "/code"): the header
 * as written in the file, else the column's header. */
void import_row_err(struct import_run *run, struct import_row_errs *re, const char *code,
                    const char *msg);
/* Whether re holds an error of the column of code. */
bool import_row_errs_has(const struct import_row_errs *re, const char *code);
/* Records that row updates the registered record id (name as registered), changing the
 * fields with these labels (n 0: unchanged). Static or result-arena labels. */
void import_note_update(struct import_run *run, struct import_row *row, int64_t id,
                        const char *name, const char *const *fields, size_t n);
/* FNV-1a of key, for the area's own look-up tables. */
uint64_t import_key_hash(const char *key);
/* A table of string-keyed slots (open addressing) for an importer's look-ups: each slot is
 * size bytes and starts with its key, `const char *key`, NULL in an empty slot; the keys are
 * borrowed. Start it as `{ .size = sizeof(struct my_slot) }`; import_keys_release frees it. */
struct import_keys {
    char *slots;
    size_t size, cap, n;
};
/* The slot of key: its entry, or the empty slot where it belongs, the table grown first when
 * it is half full. The caller fills an empty slot (key first, in memory that outlives the
 * table) and counts it, t->n++. The pointer is valid until the next call. */
void *import_keys_slot(struct import_keys *t, const char *key);
void import_keys_release(struct import_keys *t);
/* The row where key was first seen in this file (0 when new; then it is recorded). */
int64_t import_seen(struct import_run *run, const char *key, int64_t row);
/* The import's connection (for look-ups in the check; never begin or commit on it). */
struct db_conn *import_run_conn(struct import_run *run);

/* ---- workbooks ---- */

/* The error workbook: the header row of the file plus 错误原因, then every rejected row as
 * read. *data_out is malloc'd. */
int import_errors_xlsx(const struct import_result *r, char **data_out, size_t *len_out,
                       struct err *err);

/* A workbook (xlsx_write.h) with an optional title row and the headers of cols (widths, text
 * columns) frozen; NULL with err set on failure. */
struct xw *import_sheet_open(const struct import_column *cols, const char *sheet, const char *title,
                             struct err *err);

/* ---- value parsing, public for the unit tests ---- */

/* An Excel date serial to YYYY-MM-DD (1900 system with its phantom 1900-02-29, or 1904).
 * Returns 0, or -1 when the serial is no real date. */
int import_serial_date(double serial, bool date1904, char out[11]);
/* A date cell (a serial, a date-formatted number, yyyymmdd, or text such as 1985-03-12,
 * 1985.3.12, 1985/3/12, 1985年3月12日, 19850312, optionally followed by a time) to
 * YYYY-MM-DD. Returns 0; 1 when only year and month are given; -1 when unrecognized. */
int import_parse_date(const struct sheet_cell *c, bool date1904, char out[11]);
/* Whether a cell holds an ID number Excel turned into a number and so lost digits: any
 * number except a 15-digit integer (a legacy ID, held exactly), and text in scientific
 * notation. */
bool import_id_mangled(const struct sheet_cell *c);
/* Copies header text s into out (cap bytes) without spaces, line breaks, required-field
 * stars and a trailing explanation in brackets or after a colon. */
void import_header_key(const char *s, char *out, size_t cap);
/* A number cell as text (from a): integers without ".0", others with 15 significant digits. */
const char *import_number_text(const struct sheet_cell *c, struct arena *a);
