/* member_import.c: the roster importer and the workbooks around it. Rows stream from the
 * reader: the first rows are held until the header row is found, then each row is decoded
 * (aliases, dates, numbers-as-IDs), checked (duplicates in the file, org in scope, existing
 * member in scope) and written in batches through member_upsert_many. All-or-nothing
 * imports run in one transaction; skip_invalid commits each batch and replays a batch
 * without a row that fails late. Dry runs write nothing. SQL lives in the members and orgs stores,
 * not here. This file holds the run and the header search; the cells are import_cells.c's,
 * a row's checks member_import_check.c's, the writes member_import_write.c's, the workbooks
 * member_workbooks.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/members/members.h"
#include "domain/orgs/orgs.h"
#include "io/import_store.h"
#include "io/csv_read.h"
#include "io/member_import.h"
#include "io/member_import_int.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"

static void progress(struct imp *s)
{
    if (s->o->progress)
        s->o->progress(
            s->o->progress_ctx, s->done,
            s->info.last_row_hint > s->r->header_row ? s->info.last_row_hint - s->r->header_row : 0,
            s->r->accepted, s->r->rejected);
}

/* ---- header detection ---- */

/* Picks the header among the held rows, maps its columns, then imports the rows below it. */
static int header_choose(struct imp *s)
{
    int best = -1, best_score = 1;
    struct import_result *r = s->r;
    bool has_id = false, has_name = false, has_org = false;

    for (int i = 0; i < s->nheld; i++) {
        bool key;
        int sc = import_header_score(s->held[i].cells, s->held[i].n, &key);
        if (key && sc > best_score) {
            best = i;
            best_score = sc;
        }
    }
    if (best < 0)
        return err_set(s->err, E_INVALID, "/file",
                       "在前 %d 行中找不到表头行（应包含“姓名”“身份证号”“所在党组织”等列名）。"
                       "请使用导入模板，或检查表头是否在第一个工作表中",
                       HEADER_SCAN_ROWS);
    struct held_row *h = &s->held[best];
    r->header_row = h->row;
    r->nheaders = h->n;
    r->headers = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*r->headers));
    r->ignored_columns = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*r->ignored_columns));
    s->ncols = h->n;
    s->col_field = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*s->col_field));
    s->col_spec = arena_alloc(s->a, (h->n ? h->n : 1) * sizeof(*s->col_spec));
    s->col_kind = arena_alloc(s->a, h->n ? h->n : 1);
    for (size_t i = 0; i < h->n; i++) {
        char key[256];
        const char *f =
            h->cells[i].kind == SHEET_TEXT ? import_header_field(h->cells[i].text) : NULL;
        import_header_key(h->cells[i].text, key, sizeof(key));
        r->headers[i] = arena_strdup(s->a, key[0] ? key : h->cells[i].text);
        for (size_t k = 0; f && k < i; k++)
            if (s->col_field[k] == f)
                f = NULL; /* a repeated column: the first one counts */
        s->col_field[i] = f;
        s->col_spec[i] = NULL;
        for (const struct field *sp = MEMBER_FIELDS; f && sp->name; sp++)
            if (!strcmp(sp->name, f))
                s->col_spec[i] = sp;
        s->col_kind[i] = !f                        ? COL_FIELD
                         : !strcmp(f, "org")       ? COL_ORG
                         : !strcmp(f, "id_number") ? COL_ID_NUMBER
                         : import_is_date_field(f) ? COL_DATE
                         : !strcmp(f, "category")  ? COL_CATEGORY
                                                   : COL_FIELD;
        if (!f && h->cells[i].text[0])
            r->ignored_columns[r->nignored++] = r->headers[i];
        has_id = has_id || (f && !strcmp(f, "id_number"));
        has_name = has_name || (f && !strcmp(f, "name"));
        has_org = has_org || (f && !strcmp(f, "org"));
    }
    if (!has_id)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“身份证号”列（也可写作 身份证号码、公民身份"
                       "号码、证件号码）。导入按身份证号识别党员，请加上这一列",
                       h->row);
    if (!has_name)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“姓名”列，请加上这一列", h->row);
    if (!has_org && !s->default_org_id)
        return err_set(s->err, E_INVALID, "/file",
                       "表头（第 %" PRId64 " 行）没有“所在党组织”列（也可写作 所属支部、党支部）。"
                       "请加上这一列，或在导入时选择党组织",
                       h->row);
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
    struct imp *s = ctx;

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
static int import_finish(struct imp *s)
{
    struct import_result *out = s->r;
    const struct import_opts *o = s->o;

    out->format = s->info.format;
    out->encoding = s->info.encoding;
    if (s->in_tx) {
        if (out->rejected == 0) {
            if (db_tx_commit(s->c, s->err) < 0)
                return -1;
            out->committed = true;
        } else {
            db_tx_rollback(s->c);
            out->created = out->updated = 0;
            out->nupdates = out->unchanged = 0;
        }
        s->in_tx = false;
    } else {
        out->committed = !o->dry_run && o->skip_invalid;
    }
    if (out->rows == 0 && out->rejected == 0)
        out->committed = false;
    return 0;
}

int member_import(struct app *app, const void *data, size_t len, const struct import_opts *o,
                  struct arena *a, struct import_result *out, struct err *err)
{
    struct imp s = { 0 };
    int rc = -1, read_rc;

    memset(out, 0, sizeof(*out));
    s.app = app;
    s.o = o;
    s.a = a;
    s.r = out;
    s.err = err;
    s.writing = !o->dry_run;
    arena_init(&s.hold_arena, 16 * 1024);
    arena_init(&s.cache_arena, 16 * 1024);
    arena_init(&s.row_arena, 4096);
    arena_init(&s.batch_arena, 64 * 1024);
    if (len == 0) {
        err_set(err, E_INVALID, "/file", "上传的文件是空的");
        goto out;
    }
    {
        bool demo; /* warms the members service's cache before our transaction holds a lock */
        if (member_demo_instance(app, &demo, err) < 0)
            goto out;
    }
    if (db_acquire(app->db, &s.c, err) < 0)
        goto out;
    if (!o->dry_run) {
        /* 128 MiB of page cache, so a transaction of 100k rows does not spill pages to the WAL
         * and read them back; connections are pooled, so it is always turned off again. */
        if (db_bulk_begin(s.c, 0, 131072, err) < 0)
            goto out;
        s.bulk_cache = true;
    }
    if (o->default_org_id) {
        s.default_org_id = o->default_org_id;
        if (import_org_usable(&s, o->default_org_id, "（导入时选择的党组织）", &s.default_org_msg) <
            0)
            goto out;
    }
    if (!o->dry_run && !o->skip_invalid && import_tx_begin(&s) < 0)
        goto out;
    if (xlsx_sniff(data, len) || looks_binary(data, len))
        read_rc = xlsx_read_mem(data, len, &o->lim, &s.info, on_row, &s, err);
    else
        read_rc = csv_read_mem(data, len, &o->lim, &s.info, on_row, &s, err);
    if (read_rc < 0)
        goto out;
    if (!s.have_header && header_choose(&s) < 0)
        goto out;
    if (o->skip_invalid && !o->dry_run && import_batch_flush(&s) < 0)
        goto out;
    if (!o->skip_invalid && !o->dry_run && s.writing && import_batch_write(&s) < 0)
        goto out;
    if (import_finish(&s) < 0)
        goto out;
    rc = 0;
out:
    if (s.in_tx)
        db_tx_rollback(s.c);
    if (rc < 0 && o->skip_invalid)
        out->committed = out->created + out->updated > 0;
    if (s.bulk_cache)
        db_bulk_end(s.c);
    db_release(app->db, &s.c);
    arena_release(&s.hold_arena);
    arena_release(&s.cache_arena);
    arena_release(&s.row_arena);
    arena_release(&s.batch_arena);
    free(s.orgs);
    free(s.seen);
    free(s.pend);
    return rc;
}
