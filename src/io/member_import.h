/* member_import.h: the member roster importer shared by POST /api/members/import and
 * `dangjian import members`: reads an .xlsx or .csv (io/xlsx_read.h, io/csv_read.h), finds
 * the header row (under title rows, through merged cells), maps header aliases to member
 * fields, parses Excel dates and serials, rejects IDs Excel turned into numbers, finds
 * duplicates in the file and checks scope, then creates or updates members by ID number
 * through the members service. A row matching a registered member may not rename them
 * (姓名 differs) nor move them to another org (that is a 组织关系转接); the fields it
 * changes are reported (import_result.updates). It also writes the error workbook, the import
 * template and the roster export. It does not know about HTTP or the terminal. */
#pragma once

#include "io/sheet.h"

struct app;
struct arena;
struct auth_actor;
struct auth_user;
struct err;
struct member_query;

/* Called after each row with the rows done so far and the expected total (0: unknown). */
typedef void import_progress_fn(void *ctx, int64_t done, int64_t total, int64_t accepted,
                                int64_t rejected);

struct import_opts {
    bool dry_run;      /* validate and count, write nothing */
    bool skip_invalid; /* import the good rows (committed in batches); default all-or-nothing */
    const char *scope_path; /* 所在党组织 names are looked up in this subtree; NULL: all */
    int64_t default_org_id; /* rows with no 所在党组织 go here; 0: the column is required */
    const struct auth_user *user;   /* checked for members.write per org; NULL: the operator */
    const struct auth_actor *actor; /* for the audit rows */
    struct sheet_limits lim;
    import_progress_fn *progress; /* may be NULL */
    void *progress_ctx;
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

/* An accepted row that matched a member already registered (by ID number) and changes some
 * of their fields. */
struct import_update {
    int64_t row; /* as Excel shows it */
    int64_t member_id;
    const char *name;    /* the member's name as registered */
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
    int64_t accepted, rejected, created, updated; /* updated: rows matching a member */
    /* Of the updated rows: those that change something (updates), and the count that
     * change nothing (unchanged). Cleared, like created/updated, when nothing is kept. */
    struct import_update *updates;
    int64_t nupdates, unchanged;
    bool committed; /* false for dry runs and for all-or-nothing imports with rejections */
    struct import_error *errors;
    int64_t nerrors;
    struct import_bad_row *bad;
    int64_t nbad;
};

/* Imports the file in data (len bytes; .xlsx when it is a zip, else CSV). Result memory is
 * from a. File-level problems (not a spreadsheet, no header row, no 身份证号 column, over
 * the limits) fail with E_INVALID/E_LIMIT and a zh-CN message; row problems are listed in
 * out->errors and never fail the call. A database failure fails the call (nothing kept). */
int member_import(struct app *app, const void *data, size_t len, const struct import_opts *o,
                  struct arena *a, struct import_result *out, struct err *err);

/* The error workbook: the header row of the file plus 错误原因, then every rejected row as
 * read. *data_out is malloc'd. */
int member_import_errors_xlsx(const struct import_result *r, char **data_out, size_t *len_out,
                              struct err *err);

/* The import template: the accepted headers and one example row with a demo ID (99…) in
 * org_name (may be NULL: left empty). */
int member_import_template_xlsx(const char *org_name, char **data_out, size_t *len_out,
                                struct err *err);

/* The roster export of the members matching q (all pages), masked unless reveal bits are
 * given (the caller checked members.reveal_pii and audits). demo adds the 演示数据 title.
 * *data_out is malloc'd; *count_out members were written. */
int member_export_xlsx(struct app *app, const struct member_query *q, unsigned reveal, bool demo,
                       char **data_out, size_t *len_out, int64_t *count_out, struct err *err);

/* ---- value parsing, public for the unit tests ---- */

/* An Excel date serial to YYYY-MM-DD (1900 system with its phantom 1900-02-29, or 1904).
 * Returns 0, or -1 when the serial is no real date. */
int import_serial_date(double serial, bool date1904, char out[11]);
/* A date cell (a serial, a date-formatted number, yyyymmdd, or text such as 1985-03-12,
 * 1985.3.12, 1985/3/12, 1985年3月12日, 19850312, optionally followed by a time) to
 * YYYY-MM-DD. Returns 0; 1 when only year and month are given; -1 when unrecognized. */
int import_parse_date(const struct sheet_cell *c, bool date1904, char out[11]);
/* The member field a header names ("name", "id_number", "org" …), or NULL. */
const char *import_header_field(const char *header);
/* Whether a cell holds an ID number Excel turned into a number and so lost digits: any
 * number except a 15-digit integer (a legacy ID, held exactly), and text in scientific
 * notation. */
bool import_id_mangled(const struct sheet_cell *c);
