/* import_engine_int.h: the state of one run of the generic importer and the functions its
 * files share (import_engine.c: the run and the header search; import_cells.c: cells;
 * import_rows.c: one row; import_batch.c: errors, updates and writes). Seen by those files
 * only; the interface is import_engine.h. */
#pragma once

#include "core/arena.h"
#include "io/import_engine.h"

#define HEADER_SCAN_ROWS 30
#define BATCH_ROWS       512 /* rows per chunk; a multiple of the members store's chunk */

struct id_seen {
    const char *key; /* NULL: an empty slot */
    int64_t row;
};

struct import_run {
    const struct import_area *area;
    void *ctx;
    struct db *db;
    const struct import_opts *o;
    struct arena *a; /* result */
    struct import_result *r;
    struct err *err;
    struct db_conn *c;
    bool in_tx;
    bool writing;    /* all-or-nothing: no rejection yet, rows are written */
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
    const struct import_column **col; /* per column of the file: its table column, or NULL */
    const struct field **col_spec;    /* per column of the file: its field spec, or NULL */
    size_t ncols, ntable;

    /* keys seen in the file (import_seen) */
    struct arena seen_arena;
    struct import_keys seen; /* of struct id_seen */

    /* rows */
    struct arena row_arena;
    struct arena batch_arena;
    struct import_row *pend;
    size_t npend, pend_cap;
    int64_t done;
    struct import_kept next; /* kept as it will be once the pending chunk commits */
    int64_t last_ord;        /* the place of the last row written */
};

/* ---- import_cells.c ---- */

/* Decodes the cells of a data row into row->rec and row->ref; cell errors go to re. */
void import_cells_decode(struct import_run *s, struct import_row *row,
                         const struct sheet_cell *cells, struct import_row_errs *re);
/* How many distinct table columns a row's cells name; *has_key: a IMPORT_COL_KEY among them. */
int import_header_score(const struct import_column *cols, const struct sheet_cell *cells, size_t n,
                        bool *has_key);

/* ---- import_rows.c ---- */

/* Decodes, checks and accepts (into the batch) or rejects one data row; -1 only when the
 * import must stop (s->err set). */
int import_row_process(struct import_run *s, int64_t row, const struct sheet_cell *cells, size_t n);

/* ---- import_batch.c ---- */

/* Records a rejected row: its errors and a copy of its cells for the error workbook. */
void import_reject(struct import_run *s, const struct import_row *row,
                   const struct import_row_errs *re);
int import_tx_begin(struct import_run *s);
/* Commits the open transaction after on_commit saw what it keeps; s->r->kept follows. */
int import_tx_commit(struct import_run *s);
/* Write the pending batch: in a transaction of its own (skip_invalid) or inside the one
 * transaction (all-or-nothing); a row that fails is rejected. -1: the import must stop. */
int import_batch_flush(struct import_run *s);
int import_batch_write(struct import_run *s);
