/* xlsx_read.c: a streaming .xlsx reader on libzip + expat. Parts are found through the
 * package relationships (_rels/.rels → workbook → its rels), shared strings and styles are
 * loaded once, the sheet is streamed row by row. Merged ranges are found first by a byte scan
 * of the sheet (they are written after the rows) so values can be spread while streaming.
 * No formulas are evaluated and nothing is written. */
#define _GNU_SOURCE /* memmem */
#include "core/compat.h"
#include <expat.h>
#include <zip.h>
#include "core/err.h"
#include "io/xlsx_read.h"

#define XLSX_CELL_MAX   (64 * 1024) /* bytes kept of one cell's text */
#define XLSX_MERGES_MAX 20000
#define XLSX_PATH_MAX   256
#define XLSX_CHUNK      (64 * 1024)

/* A growable heap byte buffer; the owner bounds it. */
struct sbuf {
    char *p;
    size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        ASSERT(b->p);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    p = realloc(p, c * elem);
    ASSERT(p);
    *cap = c;
    return p;
}

struct merge {
    int64_t r1, r2;
    size_t c1, c2;
    bool captured;
    struct sheet_cell val; /* the top-left cell, text owned (heap) */
};

struct rcell {
    enum sheet_kind kind;
    size_t off; /* into row_text */
    double num;
    bool is_date;
};

struct xlsx {
    zip_t *z;
    const struct sheet_limits *lim;
    struct sheet_info *info;
    struct err *err;
    uint64_t bytes;
    bool failed; /* a handler set err and stopped the parser */
    bool done;   /* the sheet's rows are over: stop early, not an error */
    XML_Parser parser;

    char wb_path[XLSX_PATH_MAX], sheet_path[XLSX_PATH_MAX], sst_path[XLSX_PATH_MAX],
        styles_path[XLSX_PATH_MAX], sheet_rid[128];
    bool sheet_found;

    /* shared strings */
    struct sbuf sst;
    size_t *sst_off, sst_n, sst_cap;
    struct sbuf cur; /* text being collected */
    bool collecting, in_rph, in_is, in_si;

    /* styles */
    struct fmt {
        long id;
        bool date;
    } * fmts;
    size_t nfmts, fmts_cap;
    long *xf_fmt;
    size_t nxf, xf_cap;
    bool *xf_date;
    bool in_cellxfs, in_numfmts;

    /* merges */
    struct merge *merges;
    size_t nmerges, merges_cap, merge_next;

    /* the row being read */
    int64_t row, last_row;
    struct rcell *cells;
    size_t ncells, cells_cap;
    struct sbuf row_text;
    size_t col, next_col;
    char ctype[16];
    long cstyle;
    bool in_cell;
    struct sheet_cell *out;
    size_t out_cap;

    sheet_row_fn *fn;
    void *ctx;
};

/* ---- small helpers ---- */

static const char *local_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

/* The value of attribute name (matching local names, so "r:id" matches "id" when prefixed is
 * true and the attribute has a prefix). */
static const char *attr(const char **atts, const char *name, bool prefixed)
{
    for (int i = 0; atts[i]; i += 2) {
        const char *n = atts[i], *c = strrchr(n, ':');
        if (prefixed ? (c && strcmp(c + 1, name) == 0) : strcmp(n, name) == 0)
            return atts[i + 1];
    }
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Resolves a relationship target against the folder of the part that names it. */
static void resolve(const char *base_part, const char *target, char out[XLSX_PATH_MAX])
{
    char tmp[XLSX_PATH_MAX * 2];
    size_t n = 0;

    if (target[0] == '/') {
        snprintf(out, XLSX_PATH_MAX, "%s", target + 1);
        return;
    }
    const char *slash = strrchr(base_part, '/');
    if (slash)
        n = (size_t)(slash - base_part) + 1;
    snprintf(tmp, sizeof(tmp), "%.*s%s", (int)n, base_part, target);
    /* Collapse "dir/../" segments. */
    char *p;
    while ((p = strstr(tmp, "/../")) != NULL) {
        char *start = p;
        while (start > tmp && start[-1] != '/')
            start--;
        memmove(start, p + 4, strlen(p + 4) + 1);
    }
    if (strncmp(tmp, "./", 2) == 0)
        memmove(tmp, tmp + 2, strlen(tmp + 2) + 1);
    n = strlen(tmp);
    if (n >= XLSX_PATH_MAX)
        n = XLSX_PATH_MAX - 1;
    memcpy(out, tmp, n);
    out[n] = '\0';
}

void sheet_col_name(size_t col, char out[8])
{
    char rev[8];
    int n = 0;

    col++;
    while (col > 0 && n < 7) {
        rev[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

/* "B12" → column 1, row 12. Returns false when ref has no column letters. */
static bool parse_ref(const char *ref, size_t *col, int64_t *row)
{
    size_t c = 0;
    int64_t r = 0;
    const char *p = ref;

    while (*p == '$')
        p++;
    if (!isalpha((unsigned char)*p))
        return false;
    while (isalpha((unsigned char)*p)) {
        c = c * 26 + (size_t)(toupper((unsigned char)*p) - 'A' + 1);
        if (c > 20000)
            return false;
        p++;
    }
    while (*p == '$')
        p++;
    while (isdigit((unsigned char)*p)) {
        r = r * 10 + (*p - '0');
        if (r > 100000000)
            return false;
        p++;
    }
    *col = c - 1;
    *row = r;
    return true;
}

/* Whether a number format code shows a date or time: y m d h s outside quotes, brackets
 * (except [h] [mm] [ss] elapsed time) and escapes. */
static bool fmt_code_is_date(const char *s)
{
    if (!s || strcasecmp(s, "General") == 0)
        return false;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '"':
            p++;
            while (*p && *p != '"')
                p++;
            if (!*p)
                return false;
            break;
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            break;
        case '[': {
            const char *e = strchr(p, ']');
            bool elapsed = e && e > p + 1 && strchr("hHmMsS", p[1]);
            if (elapsed)
                return true;
            if (!e)
                return false;
            p = e;
            break;
        }
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'h':
        case 'H':
        case 's':
        case 'S':
        case 'e':
            return true;
        default:
            break;
        }
    }
    return false;
}

/* Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the CJK ones). */
static bool fmt_id_builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static int fail_invalid(struct xlsx *x, const char *msg)
{
    return err_set(x->err, E_INVALID, "/file", "%s", msg);
}

static int stop(struct xlsx *x)
{
    x->failed = true;
    XML_StopParser(x->parser, XML_FALSE);
    return -1;
}

/* ---- streaming one zip entry through a parser ---- */

static zip_file_t *entry_open(struct xlsx *x, const char *name, bool *missing)
{
    zip_int64_t idx = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
    zip_file_t *f;

    *missing = idx < 0;
    if (idx < 0)
        return NULL;
    f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
    if (!f) {
        int ze = zip_error_code_zip(zip_get_error(x->z));
        if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
            fail_invalid(x, "文件设置了密码（已加密），无法读取。请在 Excel 中取消打开密码后另存为 "
                            ".xlsx 再上传。");
        else
            fail_invalid(x, "Excel 文件已损坏，无法解压。请在 Excel 或 WPS 中打开后另存为 .xlsx "
                            "再上传。");
        err_detail(x->err, "zip_fopen %s: %s", name, zip_strerror(x->z));
    }
    return f;
}

/* Reads up to XLSX_CHUNK bytes, counting them against the limit. Returns bytes, or -1. */
static zip_int64_t entry_read(struct xlsx *x, zip_file_t *f, char *buf)
{
    zip_int64_t n = zip_fread(f, buf, XLSX_CHUNK);

    if (n < 0) {
        fail_invalid(x, "Excel 文件已损坏，解压失败。请在 Excel 或 WPS 中打开后另存为 .xlsx "
                        "再上传。");
        return -1;
    }
    x->bytes += (uint64_t)n;
    if (x->bytes > x->lim->max_bytes) {
        err_set(x->err, E_LIMIT, "/file",
                "Excel 文件解压后超过 %" PRIu64 " MB 上限（文件过大或已损坏），请分批导入",
                x->lim->max_bytes >> 20);
        return -1;
    }
    return n;
}

/* Streams entry name through a new parser with the given handlers. A missing entry is an
 * error only when required. */
static int parse_entry(struct xlsx *x, const char *name, bool required,
                       XML_StartElementHandler start, XML_EndElementHandler end,
                       XML_CharacterDataHandler text)
{
    bool missing;
    zip_file_t *f = entry_open(x, name, &missing);
    char *buf;
    int rc = -1;

    if (!f) {
        if (!missing)
            return -1;
        if (!required)
            return 0;
        return fail_invalid(x, "文件中缺少工作表数据，不是有效的 Excel 工作簿（.xlsx）。请在 "
                               "Excel 或 WPS 中另存为 .xlsx 再上传。");
    }
    buf = malloc(XLSX_CHUNK);
    ASSERT(buf);
    x->parser = XML_ParserCreate(NULL);
    ASSERT(x->parser);
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, start, end);
    if (text)
        XML_SetCharacterDataHandler(x->parser, text);
    for (;;) {
        zip_int64_t n = entry_read(x, f, buf);
        if (n < 0)
            goto out;
        if (XML_Parse(x->parser, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (x->failed)
                goto out;
            if (x->done)
                break;
            err_set(x->err, E_INVALID, "/file",
                    "Excel 文件内容损坏（%s 第 %lu 行：%s）。请在 Excel 或 WPS 中打开后另存为 "
                    ".xlsx 再上传。",
                    name, (unsigned long)XML_GetCurrentLineNumber(x->parser),
                    XML_ErrorString(XML_GetErrorCode(x->parser)));
            goto out;
        }
        if (n == 0 || x->done)
            break;
    }
    rc = 0;
out:
    XML_ParserFree(x->parser);
    x->parser = NULL;
    free(buf);
    zip_fclose(f);
    return rc;
}

/* ---- relationships and workbook ---- */

static void XMLCALL root_rels_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *type, *target;

    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    type = attr(atts, "Type", false);
    target = attr(atts, "Target", false);
    if (type && target && ends_with(type, "/officeDocument") && !x->wb_path[0])
        resolve("", target, x->wb_path);
}

static void XMLCALL workbook_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name), *v;

    if (strcmp(ln, "workbookPr") == 0) {
        v = attr(atts, "date1904", false);
        x->info->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheet") == 0 && !x->sheet_rid[0]) {
        const char *state = attr(atts, "state", false), *rid = attr(atts, "id", true);
        const char *sname = attr(atts, "name", false);
        if (state && strcmp(state, "visible") != 0)
            return;
        if (rid)
            snprintf(x->sheet_rid, sizeof(x->sheet_rid), "%s", rid);
        snprintf(x->info->sheet_name, sizeof(x->info->sheet_name), "%s", sname ? sname : "");
    }
}

static void XMLCALL wb_rels_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *id, *type, *target;

    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    id = attr(atts, "Id", false);
    type = attr(atts, "Type", false);
    target = attr(atts, "Target", false);
    if (!type || !target)
        return;
    if (id && strcmp(id, x->sheet_rid) == 0) {
        resolve(x->wb_path, target, x->sheet_path);
        x->sheet_found = true;
    } else if (ends_with(type, "/sharedStrings")) {
        resolve(x->wb_path, target, x->sst_path);
    } else if (ends_with(type, "/styles")) {
        resolve(x->wb_path, target, x->styles_path);
    }
}

static void XMLCALL no_end(void *ud, const char *name)
{
    UNUSED(ud);
    UNUSED(name);
}

/* ---- shared strings ---- */

static void XMLCALL collect_text(void *ud, const char *s, int len)
{
    struct xlsx *x = ud;

    if (x->collecting && x->cur.len + (size_t)len <= XLSX_CELL_MAX)
        sb_add(&x->cur, s, (size_t)len);
}

static void XMLCALL sst_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name);

    UNUSED(atts);
    if (strcmp(ln, "si") == 0) {
        x->in_si = true;
        x->cur.len = 0;
        if (x->cur.p)
            x->cur.p[0] = '\0';
    } else if (strcmp(ln, "rPh") == 0) {
        x->in_rph = true;
    } else if (strcmp(ln, "t") == 0 && x->in_si && !x->in_rph) {
        x->collecting = true;
    }
}

static void XMLCALL sst_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "t") == 0) {
        x->collecting = false;
    } else if (strcmp(ln, "rPh") == 0) {
        x->in_rph = false;
    } else if (strcmp(ln, "si") == 0) {
        x->in_si = false;
        x->sst_off = grow(x->sst_off, &x->sst_cap, x->sst_n + 1, sizeof(*x->sst_off));
        x->sst_off[x->sst_n++] = x->sst.len;
        sb_add(&x->sst, x->cur.p ? x->cur.p : "", x->cur.len + 1); /* keeps the NUL */
    }
}

/* ---- styles ---- */

static void XMLCALL styles_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name), *v;

    if (strcmp(ln, "numFmts") == 0) {
        x->in_numfmts = true;
    } else if (strcmp(ln, "cellXfs") == 0) {
        x->in_cellxfs = true;
    } else if (strcmp(ln, "numFmt") == 0 && x->in_numfmts) {
        v = attr(atts, "numFmtId", false);
        if (!v)
            return;
        x->fmts = grow(x->fmts, &x->fmts_cap, x->nfmts + 1, sizeof(*x->fmts));
        x->fmts[x->nfmts].id = strtol(v, NULL, 10);
        x->fmts[x->nfmts].date = fmt_code_is_date(attr(atts, "formatCode", false));
        x->nfmts++;
    } else if (strcmp(ln, "xf") == 0 && x->in_cellxfs) {
        v = attr(atts, "numFmtId", false);
        x->xf_fmt = grow(x->xf_fmt, &x->xf_cap, x->nxf + 1, sizeof(*x->xf_fmt));
        x->xf_fmt[x->nxf++] = v ? strtol(v, NULL, 10) : 0;
    }
}

static void XMLCALL styles_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "numFmts") == 0)
        x->in_numfmts = false;
    else if (strcmp(ln, "cellXfs") == 0)
        x->in_cellxfs = false;
}

static void styles_finish(struct xlsx *x)
{
    x->xf_date = calloc(x->nxf ? x->nxf : 1, sizeof(*x->xf_date));
    ASSERT(x->xf_date);
    for (size_t i = 0; i < x->nxf; i++) {
        bool date = fmt_id_builtin_date(x->xf_fmt[i]);
        for (size_t k = 0; k < x->nfmts; k++)
            if (x->fmts[k].id == x->xf_fmt[i])
                date = x->fmts[k].date;
        x->xf_date[i] = date;
    }
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
    if (!parse_ref(a, &m.c1, &m.r1) || !parse_ref(b, &m.c2, &m.r2) || m.r1 < 1 || m.r2 < m.r1 ||
        m.c2 < m.c1 || x->nmerges >= XLSX_MERGES_MAX)
        return;
    x->merges = grow(x->merges, &x->merges_cap, x->nmerges + 1, sizeof(*x->merges));
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
    zip_file_t *f = entry_open(x, x->sheet_path, &missing);
    char *win;
    size_t have = 0;
    int rc = -1;

    if (!f)
        return missing ? fail_invalid(x, "文件中缺少第一个工作表的数据，不是有效的 Excel "
                                         "工作簿。请另存为 .xlsx 再上传。")
                       : -1;
    win = malloc(XLSX_CHUNK + 512);
    ASSERT(win);
    for (;;) {
        zip_int64_t n = entry_read(x, f, win + have);
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
    x->out = grow(x->out, &x->out_cap, n, sizeof(*x->out));
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
    const char *ln = local_name(name), *v;

    if (x->failed)
        return;
    if (strcmp(ln, "dimension") == 0) {
        const char *ref = attr(atts, "ref", false), *colon = ref ? strchr(ref, ':') : NULL;
        size_t col;
        int64_t r;
        if (colon && parse_ref(colon + 1, &col, &r))
            x->info->last_row_hint = r;
    } else if (strcmp(ln, "row") == 0) {
        v = attr(atts, "r", false);
        x->row = v ? strtoll(v, NULL, 10) : x->last_row + 1;
        if (x->row <= x->last_row)
            x->row = x->last_row + 1;
        x->ncells = 0;
        x->row_text.len = 0;
        sb_add(&x->row_text, "", 1); /* offset 0 is the empty string */
        x->next_col = 0;
    } else if (strcmp(ln, "c") == 0) {
        int64_t r;
        const char *t = attr(atts, "t", false), *s = attr(atts, "s", false);
        v = attr(atts, "r", false);
        if (!v || !parse_ref(v, &x->col, &r))
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
            sb_add(&x->row_text, x->sst.p + x->sst_off[idx], next - x->sst_off[idx]);
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
        sb_add(&x->row_text, v, strlen(v) + 1);
    }
    if (c.kind == SHEET_EMPTY)
        return;
    x->cells = grow(x->cells, &x->cells_cap, x->col + 1, sizeof(*x->cells));
    while (x->ncells <= x->col)
        x->cells[x->ncells++] = (struct rcell){ SHEET_EMPTY, 0, 0, false };
    x->cells[x->col] = c;
}

static void XMLCALL sheet_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    const char *ln = local_name(name);

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

/* ---- entry points ---- */

bool xlsx_sniff(const void *p, size_t len)
{
    return len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0;
}

static int not_xlsx(const void *p, size_t len, struct err *err)
{
    static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    static const char enc16[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

    if (len >= sizeof(ole) && memcmp(p, ole, sizeof(ole)) == 0) {
        if (memmem(p, len, enc16, sizeof(enc16) - 1))
            return err_set(err, E_INVALID, "/file",
                           "文件设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件 → "
                           "信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再上传。");
        return err_set(err, E_INVALID, "/file",
                       "这是旧版 Excel 97-2003 工作簿（.xls），无法读取。请在 Excel 或 WPS 中"
                       "“另存为”Excel 工作簿（*.xlsx）后再上传。");
    }
    return err_set(err, E_INVALID, "/file",
                   "文件不是有效的 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中“另存为”Excel "
                   "工作簿（*.xlsx）或 CSV（UTF-8）后再上传。");
}

static void xlsx_release(struct xlsx *x)
{
    free(x->sst.p);
    free(x->sst_off);
    free(x->cur.p);
    free(x->fmts);
    free(x->xf_fmt);
    free(x->xf_date);
    for (size_t i = 0; i < x->nmerges; i++)
        if (x->merges[i].captured)
            free((char *)(uintptr_t)x->merges[i].val.text);
    free(x->merges);
    free(x->cells);
    free(x->row_text.p);
    free(x->out);
    if (x->z)
        zip_discard(x->z);
}

int xlsx_read_mem(const void *p, size_t len, const struct sheet_limits *lim,
                  struct sheet_info *info, sheet_row_fn *fn, void *ctx, struct err *err)
{
    struct sheet_info local = { 0 };
    struct xlsx x = { 0 };
    zip_source_t *src;
    zip_error_t ze;
    int rc = -1;

    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->format = "xlsx";
    info->encoding = "UTF-8";
    if (!xlsx_sniff(p, len))
        return not_xlsx(p, len, err);
    x.lim = lim;
    x.info = info;
    x.err = err;
    x.fn = fn;
    x.ctx = ctx;
    zip_error_init(&ze);
    src = zip_source_buffer_create(p, len, 0, &ze);
    if (src)
        x.z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!x.z) {
        if (src)
            zip_source_free(src);
        err_set(err, E_INVALID, "/file",
                "文件不是有效的 Excel 工作簿（压缩包已损坏）。请在 Excel 或 WPS 中另存为 .xlsx "
                "再上传。");
        err_detail(err, "zip_open: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_error_fini(&ze);

    if (parse_entry(&x, "_rels/.rels", false, root_rels_start, no_end, NULL) < 0)
        goto out;
    if (!x.wb_path[0])
        snprintf(x.wb_path, sizeof(x.wb_path), "xl/workbook.xml");
    if (zip_name_locate(x.z, x.wb_path, ZIP_FL_NOCASE) < 0) {
        if (zip_name_locate(x.z, "content.xml", 0) >= 0)
            fail_invalid(&x, "这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 "
                             "Excel 工作簿（*.xlsx）后再上传。");
        else
            fail_invalid(&x, "文件中没有 Excel 工作簿（可能是 Word 文档或其他压缩包）。请上传 "
                             ".xlsx 或 .csv 文件。");
        goto out;
    }
    if (parse_entry(&x, x.wb_path, true, workbook_start, no_end, NULL) < 0)
        goto out;
    if (!x.sheet_rid[0]) {
        fail_invalid(&x, "工作簿中没有可见的工作表。");
        goto out;
    }
    {
        char rels[XLSX_PATH_MAX + 16];
        const char *slash = strrchr(x.wb_path, '/');
        size_t dir = slash ? (size_t)(slash - x.wb_path) + 1 : 0;
        snprintf(rels, sizeof(rels), "%.*s_rels/%s.rels", (int)dir, x.wb_path, x.wb_path + dir);
        if (parse_entry(&x, rels, true, wb_rels_start, no_end, NULL) < 0)
            goto out;
    }
    if (!x.sheet_found) {
        fail_invalid(&x, "找不到第一个工作表的数据，Excel 文件可能已损坏。请另存为 .xlsx 再上传。");
        goto out;
    }
    if (x.sst_path[0] && parse_entry(&x, x.sst_path, false, sst_start, sst_end, collect_text) < 0)
        goto out;
    if (x.styles_path[0] &&
        parse_entry(&x, x.styles_path, false, styles_start, styles_end, NULL) < 0)
        goto out;
    styles_finish(&x);
    if (merges_load(&x) < 0)
        goto out;
    x.collecting = x.in_rph = x.in_is = false;
    rc = parse_entry(&x, x.sheet_path, true, sheet_start, sheet_end, collect_text);
out:
    xlsx_release(&x);
    return rc;
}

int io_file_read(const char *path, uint64_t max, char **out, size_t *len_out, struct err *err)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *p;
    size_t n;

    if (!f)
        return err_set(err, E_NOT_FOUND, "/file", "无法打开文件 %s：%s", path, strerror(errno));
    if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return err_set(err, E_INVALID, "/file", "%s 不是普通文件", path);
    }
    if ((uint64_t)st.st_size > max) {
        fclose(f);
        return err_set(err, E_LIMIT, "/file", "文件 %s 超过 %" PRIu64 " MB 上限", path, max >> 20);
    }
    p = malloc((size_t)st.st_size + 1);
    ASSERT(p);
    n = fread(p, 1, (size_t)st.st_size, f);
    fclose(f);
    if (n != (size_t)st.st_size) {
        free(p);
        return err_set(err, E_INVALID, "/file", "读取文件 %s 失败", path);
    }
    p[n] = '\0';
    *out = p;
    *len_out = n;
    return 0;
}

int xlsx_read_file(const char *path, const struct sheet_limits *lim, struct sheet_info *info,
                   sheet_row_fn *fn, void *ctx, struct err *err)
{
    char *p;
    size_t len;
    int rc;

    if (io_file_read(path, lim->max_bytes, &p, &len, err) < 0)
        return -1;
    rc = xlsx_read_mem(p, len, lim, info, fn, ctx, err);
    free(p);
    return rc;
}
