/* xlsx_sheet.c: the first sheet of an .xlsx, streamed row by row: merged ranges found first
 * by a byte scan (they are written after the rows) so values can be spread, then each row's
 * cells typed (shared string, number, date by style, inline text) and handed to the caller. */
#define _GNU_SOURCE /* memmem */
#include "core/compat.h"
#include <expat.h>
#include <zip.h>
#include "core/err.h"
#include "io/xlsx_read.h"
#include "io/xlsx_read_int.h"

static int stop(struct xlsx *x)
{
    x->failed = true;
    XML_StopParser(x->parser, XML_FALSE);
    return -1;
}

/* ---- merged ranges: a byte scan of the sheet for <mergeCell ref="A1:H1"/> ---- */

static void merge_add(struct xlsx *x, const char *ref, size_t len)
{
    char a[32], b[32];
    const char *colon = memchr(ref, ':', len);
    struct merge m = { 0 };

    if (!colon || (size_t)(colon - ref) >= sizeof(a) || len - (size_t)(colon - ref) > sizeof(b))
        return;
    snprintf(a, sizeof(a), "%.*s", (int)(colon - ref), ref);
    snprintf(b, sizeof(b), "%.*s", (int)(len - (size_t)(colon - ref) - 1), colon + 1);
    if (!xlsx_parse_ref(a, &m.c1, &m.r1) || !xlsx_parse_ref(b, &m.c2, &m.r2) || m.r1 < 1 ||
        m.r2 < m.r1 || m.c2 < m.c1 || x->nmerges >= XLSX_MERGES_MAX)
        return;
    x->merges = xlsx_grow(x->merges, &x->merges_cap, x->nmerges + 1, sizeof(*x->merges));
    x->merges[x->nmerges++] = m;
}

/* Scans win[0, n) for merge tags; returns how many leading bytes are fully processed (the
 * rest may hold a tag cut by the chunk boundary). */
static size_t merge_scan(struct xlsx *x, const char *win, size_t n)
{
    static const char pat[] = "mergeCell ";
    size_t pos = 0;

    for (;;) {
        const char *hit = memmem(win + pos, n - pos, pat, sizeof(pat) - 1);
        const char *gt, *ref, *q;
        if (!hit)
            break;
        if (hit == win || (hit[-1] != '<' && hit[-1] != ':')) {
            pos = (size_t)(hit - win) + 1;
            continue;
        }
        gt = memchr(hit, '>', n - (size_t)(hit - win));
        if (!gt)
            return (size_t)(hit - win);
        ref = memmem(hit, (size_t)(gt - hit), "ref=\"", 5);
        if (ref) {
            ref += 5;
            q = memchr(ref, '"', (size_t)(gt - ref));
            if (q)
                merge_add(x, ref, (size_t)(q - ref));
        }
        pos = (size_t)(gt - win) + 1;
    }
    return n > 256 ? n - 256 : 0; /* keep a tail in case a tag starts there */
}

static int cmp_merge(const void *a, const void *b)
{
    const struct merge *p = a, *q = b;
    return p->r1 < q->r1 ? -1 : p->r1 > q->r1;
}

static int merges_load(struct xlsx *x)
{
    bool missing;
    zip_file_t *f = xlsx_entry_open(x, x->sheet_path, &missing);
    char *win;
    size_t have = 0;
    int rc = -1;

    if (!f)
        return missing ? xlsx_fail_invalid(x, "文件中缺少第一个工作表的数据，不是有效的 Excel "
                                              "工作簿。请另存为 .xlsx 再上传。")
                       : -1;
    win = malloc(XLSX_CHUNK + 512);
    ASSERT(win);
    for (;;) {
        zip_int64_t n = xlsx_entry_read(x, f, win + have);
        size_t used;
        if (n < 0)
            goto out;
        if (n == 0)
            break;
        have += (size_t)n;
        used = merge_scan(x, win, have);
        if (have - used > 512)
            used = have - 512;
        memmove(win, win + used, have - used);
        have -= used;
    }
    if (have)
        merge_scan(x, win, have);
    if (x->nmerges > 1)
        qsort(x->merges, x->nmerges, sizeof(*x->merges), cmp_merge);
    rc = 0;
out:
    free(win);
    zip_fclose(f);
    return rc;
}

/* ---- the sheet ---- */

static struct sheet_cell *out_cells(struct xlsx *x, size_t n)
{
    x->out = xlsx_grow(x->out, &x->out_cap, n, sizeof(*x->out));
    return x->out;
}

static int row_emit(struct xlsx *x)
{
    size_t n = x->ncells;
    struct sheet_cell *out;
    bool any = false;

    /* Widen the row to cover merged ranges that reach into it. */
    for (size_t i = 0; i < x->nmerges; i++) {
        struct merge *m = &x->merges[i];
        if (m->r1 > x->row)
            break;
        if (m->r2 >= x->row && m->c2 + 1 > n)
            n = m->c2 + 1 < (size_t)x->lim->max_cols ? m->c2 + 1 : (size_t)x->lim->max_cols;
    }
    out = out_cells(x, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        if (i < x->ncells && x->cells[i].kind != SHEET_EMPTY) {
            out[i] = (struct sheet_cell){ x->cells[i].kind, x->row_text.p + x->cells[i].off,
                                          x->cells[i].num, x->cells[i].is_date };
        } else {
            out[i] = (struct sheet_cell){ SHEET_EMPTY, "", 0, false };
        }
    }
    for (size_t i = 0; i < x->nmerges; i++) {
        struct merge *m = &x->merges[i];
        if (m->r1 > x->row)
            break;
        if (m->r2 < x->row)
            continue;
        if (m->r1 == x->row && !m->captured && m->c1 < n) {
            m->val = out[m->c1];
            m->val.text = strdup(out[m->c1].text);
            ASSERT(m->val.text);
            m->captured = true;
        }
        if (!m->captured || m->val.kind == SHEET_EMPTY)
            continue;
        for (size_t c = m->c1; c <= m->c2 && c < n; c++)
            if (out[c].kind == SHEET_EMPTY)
                out[c] = m->val;
    }
    while (n > 0 && out[n - 1].kind == SHEET_EMPTY)
        n--;
    for (size_t i = 0; i < n && !any; i++)
        any = out[i].kind != SHEET_EMPTY && out[i].text[0];
    if (!any)
        return 0;
    if (x->info->rows >= x->lim->max_rows)
        return err_set(x->err, E_LIMIT, "/file", "工作表超过 %" PRId64 " 行上限，请分批导入",
                       x->lim->max_rows);
    x->info->rows++;
    return x->fn(x->ctx, x->row, out, n, x->err);
}

static void XMLCALL sheet_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name), *v;

    if (x->failed)
        return;
    if (strcmp(ln, "dimension") == 0) {
        const char *ref = xlsx_attr(atts, "ref", false), *colon = ref ? strchr(ref, ':') : NULL;
        size_t col;
        int64_t r;
        if (colon && xlsx_parse_ref(colon + 1, &col, &r))
            x->info->last_row_hint = r;
    } else if (strcmp(ln, "row") == 0) {
        v = xlsx_attr(atts, "r", false);
        x->row = v ? strtoll(v, NULL, 10) : x->last_row + 1;
        if (x->row <= x->last_row)
            x->row = x->last_row + 1;
        x->ncells = 0;
        x->row_text.len = 0;
        xlsx_sb_add(&x->row_text, "", 1); /* offset 0 is the empty string */
        x->next_col = 0;
    } else if (strcmp(ln, "c") == 0) {
        int64_t r;
        const char *t = xlsx_attr(atts, "t", false), *s = xlsx_attr(atts, "s", false);
        v = xlsx_attr(atts, "r", false);
        if (!v || !xlsx_parse_ref(v, &x->col, &r))
            x->col = x->next_col;
        x->next_col = x->col + 1;
        /* Copied by hand: this runs once per cell, and snprintf showed in the profile. */
        t = t ? t : "n";
        size_t tn = strnlen(t, sizeof(x->ctype) - 1);
        memcpy(x->ctype, t, tn);
        x->ctype[tn] = '\0';
        x->cstyle = s ? strtol(s, NULL, 10) : 0;
        x->in_cell = true;
        x->cur.len = 0;
        if (x->cur.p)
            x->cur.p[0] = '\0';
    } else if (x->in_cell && strcmp(ln, "v") == 0) {
        x->collecting = true;
    } else if (x->in_cell && strcmp(ln, "is") == 0) {
        x->in_is = true;
    } else if (x->in_is && strcmp(ln, "rPh") == 0) {
        x->in_rph = true;
    } else if (x->in_is && !x->in_rph && strcmp(ln, "t") == 0) {
        x->collecting = true;
    }
}

static void cell_finish(struct xlsx *x)
{
    const char *t = x->ctype, *v = x->cur.p ? x->cur.p : "";
    struct rcell c = { SHEET_EMPTY, 0, 0, false };

    if (x->col >= (size_t)x->lim->max_cols)
        return;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long idx = strtoul(v, &end, 10);
        if (end != v && idx < x->sst_n) {
            c.kind = SHEET_TEXT;
            c.off = x->row_text.len;
            /* Strings sit end to end with their NULs: the next offset bounds this one. */
            size_t next = idx + 1 < x->sst_n ? x->sst_off[idx + 1] : x->sst.len;
            xlsx_sb_add(&x->row_text, x->sst.p + x->sst_off[idx], next - x->sst_off[idx]);
        }
    } else if (x->cur.len > 0) {
        if (strcmp(t, "b") == 0) {
            c.kind = SHEET_BOOL;
            v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        } else if (strcmp(t, "e") == 0) {
            c.kind = SHEET_ERROR;
        } else if (strcmp(t, "n") == 0) {
            char *end;
            c.num = strtod(v, &end);
            c.kind = end != v && *end == '\0' ? SHEET_NUMBER : SHEET_TEXT;
            c.is_date = c.kind == SHEET_NUMBER && x->cstyle >= 0 && (size_t)x->cstyle < x->nxf &&
                        x->xf_date[x->cstyle];
        } else {
            c.kind = SHEET_TEXT; /* str, inlineStr, d (ISO 8601 text) */
        }
        c.off = x->row_text.len;
        xlsx_sb_add(&x->row_text, v, strlen(v) + 1);
    }
    if (c.kind == SHEET_EMPTY)
        return;
    x->cells = xlsx_grow(x->cells, &x->cells_cap, x->col + 1, sizeof(*x->cells));
    while (x->ncells <= x->col)
        x->cells[x->ncells++] = (struct rcell){ SHEET_EMPTY, 0, 0, false };
    x->cells[x->col] = c;
}

static void XMLCALL sheet_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = xlsx_local_name(name);

    if (x->failed)
        return;
    if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0) {
        x->collecting = false;
    } else if (strcmp(ln, "rPh") == 0) {
        x->in_rph = false;
    } else if (strcmp(ln, "is") == 0) {
        x->in_is = false;
    } else if (strcmp(ln, "c") == 0) {
        x->in_cell = false;
        x->collecting = false;
        cell_finish(x);
    } else if (strcmp(ln, "row") == 0) {
        x->last_row = x->row;
        if (row_emit(x) < 0)
            stop(x);
    } else if (strcmp(ln, "sheetData") == 0) {
        x->done = true;
        XML_StopParser(x->parser, XML_FALSE);
    }
}

/* Loads the merged ranges, then streams the sheet's rows to x->fn. */
int xlsx_sheet_read(struct xlsx *x)
{
    if (merges_load(x) < 0)
        return -1;
    x->collecting = x->in_rph = x->in_is = false;
    return xlsx_parse_entry(x, x->sheet_path, true, sheet_start, sheet_end, xlsx_collect_text);
}
