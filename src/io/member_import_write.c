/* member_import_write.c: the roster import's results and writes: per-row errors and the
 * copies of rejected rows, the updates an accepted row makes, and the batches written through
 * member_upsert_many, retried row by row to find a row that fails late. It decodes nothing
 * (member_import_check.c) and holds no SQL (the members store does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/members/members.h"
#include "io/member_import.h"
#include "io/member_import_int.h"

/* ---- errors ---- */

/* The file's header for a member field, or the field's label when the file has none. */
const char *import_column_of(struct imp *s, const char *field)
{
    const char *f = field && field[0] == '/' ? field + 1 : field;

    if (!f || !*f)
        return "";
    if (!strcmp(f, "org_id"))
        f = "org";
    for (size_t i = 0; i < s->ncols; i++)
        if (s->col_field[i] && !strcmp(s->col_field[i], f))
            return s->r->headers[i];
    for (const struct field *sp = MEMBER_FIELDS; sp->name; sp++)
        if (!strcmp(sp->name, f))
            return sp->label;
    return "";
}

void import_row_err(struct imp *s, struct row_errs *re, const char *column, const char *msg)
{
    if (re->n < 16) {
        re->column[re->n] = arena_strdup(s->a, column);
        re->message[re->n] = arena_strdup(s->a, msg);
        re->n++;
    }
}

static void push_error(struct imp *s, int64_t row, const char *column, const char *message)
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

/* Records a rejected row: its errors and a copy of its cells for the error workbook. */
void import_reject(struct imp *s, int64_t row, const char *const *cells, size_t ncells,
                   const struct row_errs *re)
{
    struct import_result *r = s->r;
    struct import_bad_row b = { row, NULL, ncells, NULL };
    size_t len = 0;
    char *reason;

    for (int i = 0; i < re->n; i++) {
        push_error(s, row, re->column[i], re->message[i]);
        len += strlen(re->column[i]) + strlen(re->message[i]) + 8;
    }
    reason = arena_alloc(s->a, len + 1);
    for (int i = 0; i < re->n; i++) {
        size_t at = strlen(reason);
        snprintf(reason + at, len + 1 - at, "%s%s%s%s", i ? "；" : "", re->column[i],
                 re->column[i][0] ? "：" : "", re->message[i]);
    }
    b.reason = reason;
    b.cells = arena_alloc(s->a, (ncells ? ncells : 1) * sizeof(*b.cells));
    for (size_t i = 0; i < ncells; i++)
        b.cells[i] = arena_strdup(s->a, cells[i] ? cells[i] : "");
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

/* Whether a member-layer error is about the row (reported) or the database (fatal). */
static bool row_level(enum err_code c)
{
    return c == E_INVALID || c == E_CONFLICT || c == E_NOT_FOUND || c == E_FORBIDDEN;
}

/* ---- matched members ---- */

/* Records what an accepted row does to the member it matched (in the result arena). */
void import_note_update(struct imp *s, int64_t row, const struct member_match *mt)
{
    struct import_result *r = s->r;
    struct import_update *u;

    if (mt->nchanged == 0) {
        r->unchanged++;
        return;
    }
    if (r->nupdates % 256 == 0) {
        struct import_update *n = arena_alloc(s->a, (size_t)(r->nupdates + 256) * sizeof(*n));
        if (r->nupdates)
            memcpy(n, r->updates, (size_t)r->nupdates * sizeof(*n));
        r->updates = n;
    }
    u = &r->updates[r->nupdates++];
    u->row = row;
    u->member_id = mt->member_id;
    u->name = arena_strdup(s->a, mt->name);
    u->nfields = mt->nchanged;
    u->fields = arena_alloc(s->a, mt->nchanged * sizeof(*u->fields));
    for (size_t i = 0; i < mt->nchanged; i++)
        u->fields[i] = mt->changed[i]; /* MEMBER_FIELDS labels: static */
}

/* A row accepted and then rejected when written: it updates nothing after all. Returns
 * whether it was listed (false: it was counted as unchanged). */
static bool forget_update(struct imp *s, int64_t row)
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

/* ---- writing ---- */

int import_tx_begin(struct imp *s)
{
    if (s->in_tx)
        return 0;
    if (db_tx_begin(s->c, s->err) < 0)
        return -1;
    s->in_tx = true;
    return 0;
}

/* Writes the pending rows with member_upsert_many on c; counts them on success. */
static int pend_write(struct imp *s, struct err *e)
{
    const struct member_in **rows = calloc(s->npend, sizeof(*rows));
    bool *created = calloc(s->npend, sizeof(*created));
    bool *absent = calloc(s->npend, sizeof(*absent));
    int rc;

    ASSERT(rows && created && absent);
    for (size_t i = 0; i < s->npend; i++) {
        rows[i] = &s->pend[i].m;
        absent[i] = s->pend[i].absent;
    }
    rc = member_upsert_many(s->c, rows, s->npend, absent, s->o->actor, created, e);
    if (rc == 0) {
        for (size_t i = 0; i < s->npend; i++) {
            s->r->created += created[i];
            s->r->updated += !created[i];
        }
    }
    free(rows);
    free(created);
    free(absent);
    return rc;
}

/* The batch is written (or rejected). Its memory is released by on_row before the next row:
 * the row being processed may have its cells in it. */
static void pend_done(struct imp *s)
{
    s->npend = 0;
}

/* Writes the pending batch in one transaction (skip_invalid). When the batch fails, it is
 * written again row by row; a row that fails then is rejected and the batch is written
 * again without it. */
int import_batch_flush(struct imp *s)
{
    struct err fast = { 0 };

    if (s->npend == 0)
        return 0;
    if (import_tx_begin(s) < 0)
        return -1;
    if (pend_write(s, &fast) == 0) {
        if (db_tx_commit(s->c, s->err) < 0)
            return -1;
        s->in_tx = false;
        pend_done(s);
        return 0;
    }
    db_tx_rollback(s->c);
    s->in_tx = false;
    for (;;) {
        int64_t created = 0, updated = 0;
        size_t failed = s->npend;
        struct err e = { 0 };

        if (s->npend == 0)
            return 0;
        if (import_tx_begin(s) < 0)
            return -1;
        for (size_t i = 0; i < s->npend; i++) {
            int64_t id;
            bool was_created;
            if (member_upsert(s->c, &s->pend[i].m, s->o->actor, &id, &was_created, &e) < 0) {
                failed = i;
                break;
            }
            created += was_created;
            updated += !was_created;
        }
        if (failed == s->npend) {
            if (db_tx_commit(s->c, s->err) < 0)
                return -1;
            s->in_tx = false;
            s->r->created += created;
            s->r->updated += updated;
            pend_done(s);
            return 0;
        }
        db_tx_rollback(s->c);
        s->in_tx = false;
        if (!row_level(e.code)) {
            *s->err = e;
            return -1;
        }
        struct row_errs re = { 0 };
        struct pending *p = &s->pend[failed];
        import_row_err(s, &re, import_column_of(s, e.field), e.msg);
        import_reject(s, p->row, p->cells, p->ncells, &re);
        s->r->accepted--;
        if (!p->created_guess && !forget_update(s, p->row))
            s->r->unchanged--;
        memmove(p, p + 1, (s->npend - failed - 1) * sizeof(*p));
        s->npend--;
    }
}

/* Writes the pending batch inside the one transaction (all-or-nothing). When the batch
 * fails on a row, nothing will be committed: the transaction is rolled back and begun
 * again, and the batch is written row by row to find the first row that fails, which is
 * rejected as member_upsert of that row alone would reject it. */
int import_batch_write(struct imp *s)
{
    struct err e = { 0 };
    size_t failed = 0;

    if (s->npend == 0)
        return 0;
    if (pend_write(s, &e) == 0) {
        pend_done(s);
        return 0;
    }
    if (!row_level(e.code)) {
        *s->err = e;
        return -1;
    }
    db_tx_rollback(s->c);
    s->in_tx = false;
    if (import_tx_begin(s) < 0)
        return -1;
    for (size_t i = 0; i < s->npend; i++) {
        struct err e2 = { 0 };
        int64_t id;
        bool created;
        if (member_upsert(s->c, &s->pend[i].m, s->o->actor, &id, &created, &e2) == 0)
            continue;
        if (!row_level(e2.code)) {
            *s->err = e2;
            return -1;
        }
        e = e2;
        failed = i;
        break;
    }
    /* The failing row (the batch's first row, should every row pass on its own). */
    struct row_errs re = { 0 };
    struct pending *p = &s->pend[failed];
    import_row_err(s, &re, import_column_of(s, e.field), e.msg);
    import_reject(s, p->row, p->cells, p->ncells, &re);
    s->r->accepted--;
    pend_done(s);
    return 0;
}
