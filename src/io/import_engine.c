/* import_engine.c: one run of the generic importer. Rows stream from the reader: the first
 * rows are held until the header row is found (the row naming most columns of the area's
 * table, one of them a key), then each row goes to import_rows.c and accepted rows are written
 * in batches (import_batch.c). All-or-nothing imports run in one transaction; skip_invalid
 * commits each chunk of BATCH_ROWS rows. Dry runs write nothing. It knows no domain: the
 * area's table and callbacks say what a row is. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "io/csv_read.h"
#include "io/import_engine.h"
#include "io/import_engine_int.h"
#include "io/xlsx_read.h"

static void progress(struct import_run *s)
{
    if (s->o->progress)
        s->o->progress(s->o->progress_ctx, s->done, s->r->total_hint, s->r->accepted,
                       s->r->rejected);
}

struct db_conn *import_run_conn(struct import_run *run)
{
    return run->c;
}

/* ---- header detection ---- */

/* The file-level error when no held row is a header: names the required columns. */
static int no_header(struct import_run *s)
{
    char names[256] = "";
    size_t at = 0;

    for (const struct import_column *c = s->area->columns; c->code; c++)
        if (c->flags & IMPORT_COL_REQUIRED && at < sizeof(names))
            at += (size_t)snprintf(names + at, sizeof(names) - at, "“%s”", c->header);
    return err_set(s->err, E_INVALID, "/file",
                   "在前 %d 行中找不到表头行（应包含%s等列名）。"
                   "请使用导入模板，或检查表头是否在第一个工作表中",
                   HEADER_SCAN_ROWS, names);
}

/* Maps the columns of header row h to the table; fails when a required column is missing. */
static int header_map(struct import_run *s, const struct held_row *h)
{
    struct import_result *r = s->r;
    size_t n = h->n ? h->n : 1;

    r->header_row = h->row;
    r->nheaders = h->n;
    r->headers = arena_alloc(s->a, n * sizeof(*r->headers));
    r->ignored_columns = arena_alloc(s->a, n * sizeof(*r->ignored_columns));
    s->ncols = h->n;
    s->col = arena_alloc(s->a, n * sizeof(*s->col));
    s->col_spec = arena_alloc(s->a, n * sizeof(*s->col_spec));
    for (size_t i = 0; i < h->n; i++) {
        char key[256];
        const struct import_column *c = h->cells[i].kind == SHEET_TEXT
                                            ? import_column_find(s->area->columns, h->cells[i].text)
                                            : NULL;
        import_header_key(h->cells[i].text, key, sizeof(key));
        r->headers[i] = arena_strdup(s->a, key[0] ? key : h->cells[i].text);
        for (size_t k = 0; c && k < i; k++)
            if (s->col[k] == c)
                c = NULL; /* a repeated column: the first one counts */
        s->col[i] = c;
        for (const struct field *sp = s->area->fields; c && c->cell != IMPORT_CELL_REF && sp->name;
             sp++)
            if (!strcmp(sp->name, c->code))
                s->col_spec[i] = sp;
        if (!c && h->cells[i].text[0])
            r->ignored_columns[r->nignored++] = r->headers[i];
    }
    for (const struct import_column *c = s->area->columns; c->code; c++) {
        bool present = false;
        for (size_t i = 0; i < s->ncols; i++)
            present = present || s->col[i] == c;
        if (present || !(c->flags & IMPORT_COL_REQUIRED) ||
            (c->flags & IMPORT_COL_DEFAULTABLE && s->area->has_default &&
             s->area->has_default(s->ctx, c)))
            continue;
        return err_set(s->err, E_INVALID, "/file", "表头（第 %" PRId64 " 行）没有“%s”列%s", h->row,
                       c->header, c->missing ? c->missing : "，请加上这一列");
    }
    return 0;
}

/* Picks the header among the held rows, maps its columns, then imports the rows below it. */
static int header_choose(struct import_run *s)
{
    int best = -1, best_score = 1;

    for (int i = 0; i < s->nheld; i++) {
        bool key;
        int sc = import_header_score(s->area->columns, s->held[i].cells, s->held[i].n, &key);
        if (key && sc > best_score) {
            best = i;
            best_score = sc;
        }
    }
    if (best < 0)
        return no_header(s);
    if (header_map(s, &s->held[best]) < 0)
        return -1;
    s->r->total_hint =
        s->info.last_row_hint > s->r->header_row ? s->info.last_row_hint - s->r->header_row : 0;
    s->have_header = true;
    for (int i = best + 1; i < s->nheld; i++) {
        if (import_row_process(s, s->held[i].row, s->held[i].cells, s->held[i].n) < 0)
            return -1;
        s->done++;
        progress(s);
    }
    s->nheld = 0;
    arena_release(&s->hold_arena);
    return 0;
}

static int on_row(void *ctx, int64_t row, const struct sheet_cell *cells, size_t n, struct err *err)
{
    struct import_run *s = ctx;

    UNUSED(err);
    if (!s->have_header) {
        struct held_row *h = &s->held[s->nheld++];
        h->row = row;
        h->n = n;
        h->cells = arena_alloc(&s->hold_arena, n * sizeof(*h->cells));
        for (size_t i = 0; i < n; i++) {
            h->cells[i] = cells[i];
            h->cells[i].text = arena_strdup(&s->hold_arena, cells[i].text);
        }
        if (s->nheld == HEADER_SCAN_ROWS)
            return header_choose(s);
        return 0;
    }
    arena_release(&s->row_arena);
    arena_init(&s->row_arena, 4096);
    if (s->npend == 0 && s->batch_arena.total > (1u << 20)) {
        /* No row waits: rejected rows have their copies in the result arena. */
        arena_release(&s->batch_arena);
        arena_init(&s->batch_arena, 64 * 1024);
    }
    if (import_row_process(s, row, cells, n) < 0)
        return -1;
    s->done++;
    progress(s);
    return 0;
}

/* Binary that is neither a zip nor UTF-16 text (an .xls, an encrypted workbook, a picture):
 * handed to the xlsx reader, which says what it is. */
static bool looks_binary(const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t n = len < 4096 ? len : 4096;

    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return false;
    return memchr(p, 0, n) != NULL;
}

/* After the last row: the all-or-nothing transaction committed when no row was rejected
 * (else rolled back, and nothing counts as written), and what the result says was kept. */
static int import_finish(struct import_run *s)
{
    struct import_result *out = s->r;
    const struct import_opts *o = s->o;

    out->format = s->info.format;
    out->encoding = s->info.encoding;
    if (s->in_tx) {
        if (out->rejected == 0) {
            if (import_tx_commit(s) < 0)
                return -1;
            out->committed = true;
        } else {
            db_tx_rollback(s->c);
            s->in_tx = false;
            out->created = out->updated = 0;
            out->nupdates = out->unchanged = 0;
        }
    } else {
        out->committed = !o->dry_run && o->skip_invalid;
    }
    if (out->rows == 0 && out->rejected == 0)
        out->committed = false;
    return 0;
}

/* Reads the file row by row; then the rest of the batch is written. */
static int run_read(struct import_run *s, const void *data, size_t len)
{
    const struct import_opts *o = s->o;
    int rc;

    if (xlsx_sniff(data, len) || looks_binary(data, len))
        rc = xlsx_read_mem(data, len, &o->lim, &s->info, on_row, s, s->err);
    else
        rc = csv_read_mem(data, len, &o->lim, &s->info, on_row, s, s->err);
    if (rc < 0 || (!s->have_header && header_choose(s) < 0))
        return -1;
    if (o->skip_invalid && !o->dry_run && import_batch_flush(s) < 0)
        return -1;
    if (!o->skip_invalid && !o->dry_run && s->writing && import_batch_write(s) < 0)
        return -1;
    return import_finish(s);
}

int import_engine_run(struct db *db, const struct import_area *area, void *ctx, const void *data,
                      size_t len, const struct import_opts *o, struct arena *a,
                      struct import_result *out, struct err *err)
{
    struct import_run s = {
        .area = area,
        .ctx = ctx,
        .db = db,
        .o = o,
        .a = a,
        .r = out,
        .seen = { .size = sizeof(struct id_seen) },
    };
    int rc = -1;

    memset(out, 0, sizeof(*out));
    s.err = err;
    s.writing = !o->dry_run;
    arena_init(&s.hold_arena, 16 * 1024);
    arena_init(&s.seen_arena, 16 * 1024);
    arena_init(&s.row_arena, 4096);
    arena_init(&s.batch_arena, 64 * 1024);
    for (const struct import_column *c = area->columns; c->code; c++)
        s.ntable++;
    if (len == 0) {
        err_set(err, E_INVALID, "/file", "上传的文件是空的");
        goto out;
    }
    if (db_acquire(db, &s.c, err) < 0)
        goto out;
    /* 128 MiB of page cache, so a transaction of 100k rows does not spill pages to the WAL
     * and read them back; connections are pooled, so it is always turned off again. */
    if (!o->dry_run) {
        if (db_bulk_begin(s.c, 0, 131072, err) < 0)
            goto out;
        s.bulk_cache = true;
    }
    if (!o->dry_run && !o->skip_invalid && import_tx_begin(&s) < 0)
        goto out;
    rc = run_read(&s, data, len);
out:
    if (s.in_tx)
        db_tx_rollback(s.c);
    if (rc < 0 && o->skip_invalid)
        out->committed = out->kept.rows > 0;
    if (s.bulk_cache)
        db_bulk_end(s.c);
    db_release(db, &s.c);
    arena_release(&s.hold_arena);
    arena_release(&s.seen_arena);
    arena_release(&s.row_arena);
    arena_release(&s.batch_arena);
    import_keys_release(&s.seen);
    free(s.pend);
    return rc;
}
