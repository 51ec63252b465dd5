/* import_batch.c: the generic importer's results and writes: per-row errors (every error of a
 * row, under the column as the file names it) and the copies of rejected rows, and the batches
 * written through the area's writer, retried row by row to find a row that fails late. A
 * commit also records what is kept (rows in ranges, counts) and hands it to opts.on_commit
 * inside the same transaction. It decodes nothing (import_cells.c) and holds no SQL. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "io/import_engine.h"
#include "io/import_engine_int.h"

/* ---- errors ---- */

/* The table column of field code (or JSON pointer), matched by code or error_field. */
static const struct import_column *column_of_code(struct import_run *s, const char *f)
{
    for (const struct import_column *c = s->area->columns; c->code; c++)
        if (!strcmp(c->code, f) || (c->error_field && !strcmp(c->error_field, f)))
            return c;
    return NULL;
}

void import_row_err(struct import_run *s, struct import_row_errs *re, const char *code,
                    const char *msg)
{
    const char *f = code && code[0] == '/' ? code + 1 : code ? code : "";
    const struct import_column *c = f[0] ? column_of_code(s, f) : NULL;
    const char *column = "";

    for (size_t i = 0; c && i < s->ncols && !column[0]; i++)
        if (s->col[i] == c)
            column = s->r->headers[i];
    if (c && !column[0])
        column = c->header;
    for (const struct field *sp = s->area->fields; !c && f[0] && sp->name; sp++)
        if (!strcmp(sp->name, f))
            column = sp->label;
    if (re->n < (int)ARRAY_LEN(re->message)) {
        re->code[re->n] = c ? c->code : arena_strdup(s->a, f); /* f may be a caller's err */
        re->column[re->n] = arena_strdup(s->a, column);
        re->message[re->n] = arena_strdup(s->a, msg);
        re->n++;
    }
}

bool import_row_errs_has(const struct import_row_errs *re, const char *code)
{
    for (int i = 0; i < re->n; i++)
        if (!strcmp(re->code[i], code))
            return true;
    return false;
}

static void push_error(struct import_run *s, int64_t row, const char *column, const char *message)
{
    struct import_result *r = s->r;
    if (r->nerrors % 256 == 0) {
        struct import_error *n = arena_alloc(s->a, (size_t)(r->nerrors + 256) * sizeof(*n));
        if (r->nerrors)
            memcpy(n, r->errors, (size_t)r->nerrors * sizeof(*n));
        r->errors = n;
    }
    r->errors[r->nerrors++] = (struct import_error){ row, column, message };
}

/* Every message of the row joined: "列：原因；列：原因". */
static const char *reason_join(struct import_run *s, const struct import_row_errs *re)
{
    size_t len = 0;
    char *reason;

    for (int i = 0; i < re->n; i++)
        len += strlen(re->column[i]) + strlen(re->message[i]) + 8;
    reason = arena_alloc(s->a, len + 1);
    for (int i = 0; i < re->n; i++) {
        size_t at = strlen(reason);
        snprintf(reason + at, len + 1 - at, "%s%s%s%s", i ? "；" : "", re->column[i],
                 re->column[i][0] ? "：" : "", re->message[i]);
    }
    return reason;
}

void import_reject(struct import_run *s, const struct import_row *row,
                   const struct import_row_errs *re)
{
    struct import_result *r = s->r;
    struct import_bad_row b = { row->row, NULL, row->ncells, reason_join(s, re) };

    for (int i = 0; i < re->n; i++)
        push_error(s, row->row, re->column[i], re->message[i]);
    b.cells = arena_alloc(s->a, (row->ncells ? row->ncells : 1) * sizeof(*b.cells));
    for (size_t i = 0; i < row->ncells; i++)
        b.cells[i] = arena_strdup(s->a, row->texts[i] ? row->texts[i] : "");
    if (r->nbad % 256 == 0) {
        struct import_bad_row *n = arena_alloc(s->a, (size_t)(r->nbad + 256) * sizeof(*n));
        if (r->nbad)
            memcpy(n, r->bad, (size_t)r->nbad * sizeof(*n));
        r->bad = n;
    }
    r->bad[r->nbad++] = b;
    r->rejected++;
    s->writing = false;
}

/* Whether an area-layer error is about the row (reported) or the database (fatal). */
static bool row_level(enum err_code c)
{
    return c == E_INVALID || c == E_CONFLICT || c == E_NOT_FOUND || c == E_FORBIDDEN;
}

/* A row accepted and then rejected when written: it updates nothing after all. Returns
 * whether it was listed (false: it was counted as unchanged). */
static bool forget_update(struct import_run *s, int64_t row)
{
    struct import_result *r = s->r;

    for (int64_t i = r->nupdates - 1; i >= 0; i--) {
        if (r->updates[i].row == row) {
            memmove(&r->updates[i], &r->updates[i + 1],
                    (size_t)(r->nupdates - i - 1) * sizeof(*r->updates));
            r->nupdates--;
            return true;
        }
    }
    return false;
}

/* Rejects pending row i, which failed when written alone with e, and drops it from the batch. */
static void reject_late(struct import_run *s, size_t i, const struct err *e)
{
    struct import_row_errs re = { 0 };
    struct import_row *p = &s->pend[i];

    import_row_err(s, &re, e->field, e->msg);
    import_reject(s, p, &re);
    s->r->accepted--;
    if (s->o->skip_invalid && p->matched && !forget_update(s, p->row))
        s->r->unchanged--;
    memmove(p, p + 1, (s->npend - i - 1) * sizeof(*p));
    s->npend--;
}

/* ---- what is kept ---- */

/* The pending rows are written (not yet committed): they join the ranges of next, a range
 * going on while no row between was rejected (blank rows do not count). */
static void kept_add(struct import_run *s)
{
    struct import_kept *k = &s->next;

    for (size_t i = 0; i < s->npend; i++) {
        const struct import_row *p = &s->pend[i];
        if (k->nranges && p->ord == s->last_ord + 1) {
            k->ranges[k->nranges - 1].last = p->row;
        } else {
            k->ranges = arena_grow(s->a, k->ranges, k->nranges, &k->cap, sizeof(*k->ranges));
            k->ranges[k->nranges++] = (struct import_range){ p->row, p->row };
        }
        s->last_ord = p->ord;
        k->rows++;
    }
}

/* ---- writing ---- */

int import_tx_begin(struct import_run *s)
{
    if (s->in_tx)
        return 0;
    if (db_tx_begin(s->c, s->err) < 0)
        return -1;
    s->in_tx = true;
    return 0;
}

static void tx_rollback(struct import_run *s)
{
    db_tx_rollback(s->c);
    s->in_tx = false;
}

int import_tx_commit(struct import_run *s)
{
    struct import_kept *k = &s->next;
    struct import_result *r = s->r;
    const struct import_opts *o = s->o;

    k->done = r->rows;
    k->created = r->created;
    k->updated = r->updated;
    k->rejected = r->rejected;
    if (o->on_commit && o->on_commit(o->commit_ctx, s->c, k, r->total_hint, s->err) < 0)
        return -1;
    if (db_tx_commit(s->c, s->err) < 0)
        return -1;
    s->in_tx = false;
    /* A copy: the last range of next may still grow in place. */
    r->kept = *k;
    r->kept.ranges = arena_alloc(s->a, (size_t)(k->nranges ? k->nranges : 1) * sizeof(*k->ranges));
    if (k->nranges)
        memcpy(r->kept.ranges, k->ranges, (size_t)k->nranges * sizeof(*k->ranges));
    r->kept.cap = k->nranges;
    return 0;
}

/* Writes the pending rows with the area's writer on c; counts them on success. */
static int pend_write(struct import_run *s, struct err *e)
{
    bool *created = calloc(s->npend, sizeof(*created));
    int rc;

    ASSERT(created);
    rc = s->area->write(s->ctx, s->c, s->pend, s->npend, false, created, e);
    if (rc == 0) {
        for (size_t i = 0; i < s->npend; i++) {
            s->r->created += created[i];
            s->r->updated += !created[i];
        }
        kept_add(s);
    }
    free(created);
    return rc;
}

/* Writes pending rows one by one from the first; *failed_out: the first that fails (npend
 * when none), e its error. Counts the rows on success of all. */
static int pend_write_each(struct import_run *s, size_t *failed_out, struct err *e)
{
    int64_t created = 0, updated = 0;

    for (size_t i = 0; i < s->npend; i++) {
        bool was_created;
        if (s->area->write(s->ctx, s->c, &s->pend[i], 1, true, &was_created, e) < 0) {
            *failed_out = i;
            return row_level(e->code) ? 0 : -1;
        }
        created += was_created;
        updated += !was_created;
    }
    *failed_out = s->npend;
    s->r->created += created;
    s->r->updated += updated;
    kept_add(s);
    return 0;
}

/* Writes the pending batch in one transaction (skip_invalid). When the batch fails, it is
 * written again row by row; a row that fails then is rejected and the batch is written
 * again without it. The batch is written (or rejected) on return; its memory is released by
 * on_row before the next row: the row being processed may have its cells in it. */
int import_batch_flush(struct import_run *s)
{
    for (bool whole = true; s->npend > 0; whole = false) {
        size_t failed = s->npend;
        struct err e = { 0 };
        if (import_tx_begin(s) < 0)
            return -1;
        if (whole && pend_write(s, &e) < 0) {
            failed = 0; /* somewhere in the batch: found row by row next */
        } else if (!whole && pend_write_each(s, &failed, &e) < 0) {
            *s->err = e;
            return -1;
        }
        if (failed == s->npend) {
            if (import_tx_commit(s) < 0)
                return -1;
            s->npend = 0;
            return 0;
        }
        tx_rollback(s);
        if (!whole)
            reject_late(s, failed, &e);
    }
    return 0;
}

/* Writes the pending batch inside the one transaction (all-or-nothing). When the batch
 * fails on a row, nothing will be committed: the transaction is rolled back and begun
 * again, and the batch is written row by row to find the first row that fails, which is
 * rejected as the writer of that row alone would reject it. */
int import_batch_write(struct import_run *s)
{
    struct err e = { 0 };
    size_t failed = 0;

    if (s->npend == 0)
        return 0;
    if (pend_write(s, &e) == 0) {
        s->npend = 0;
        return 0;
    }
    if (!row_level(e.code)) {
        *s->err = e;
        return -1;
    }
    tx_rollback(s);
    if (import_tx_begin(s) < 0)
        return -1;
    struct err e2 = { 0 };
    if (pend_write_each(s, &failed, &e2) < 0) {
        *s->err = e2;
        return -1;
    }
    /* The failing row (the batch's first row, should every row pass on its own). */
    if (failed < s->npend)
        e = e2;
    else
        failed = 0;
    reject_late(s, failed, &e);
    s->npend = 0;
    return 0;
}
