/* csv_read.c: the CSV reader: encoding detection and conversion (iconv from glibc), then a
 * single pass over the text splitting records and fields per RFC 4180. Memory: the converted
 * text (when not UTF-8) plus one record. It does not sniff delimiters beyond comma vs tab. */
#include "core/compat.h"
#include <iconv.h>
#include "core/err.h"
#include "core/json.h"
#include "io/csv_read.h"

/* Converts p from enc to UTF-8 into a heap copy (*out, free() it). */
static int convert(const char *enc, const char *p, size_t len, char **out, size_t *out_len,
                   struct err *err)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    size_t cap = len * 2 + 16, left_in = len, left_out = cap;
    char *buf, *in = (char *)(uintptr_t)p, *o;

    if (cd == (iconv_t)-1)
        return err_set(err, E_INTERNAL, "/file", "系统不支持 %s 编码转换", enc);
    buf = malloc(cap + 1);
    ASSERT(buf);
    o = buf;
    if (iconv(cd, &in, &left_in, &o, &left_out) == (size_t)-1) {
        size_t at = len - left_in;
        iconv_close(cd);
        free(buf);
        return err_set(err, E_INVALID, "/file",
                       "CSV 文件的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030；第 %zu "
                       "字节处出错）。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传。",
                       at);
    }
    iconv_close(cd);
    *o = '\0';
    *out = buf;
    *out_len = (size_t)(o - buf);
    return 0;
}

struct rec {
    struct sbuf_csv {
        char *p;
        size_t len, cap;
    } text;
    size_t *off;
    size_t n, cap;
    struct sheet_cell *cells;
    size_t cells_cap;
};

static void text_add(struct rec *r, const char *s, size_t n)
{
    if (r->text.len + n + 1 > r->text.cap) {
        size_t cap = r->text.cap ? r->text.cap : 256;
        while (cap < r->text.len + n + 1)
            cap *= 2;
        r->text.p = realloc(r->text.p, cap);
        ASSERT(r->text.p);
        r->text.cap = cap;
    }
    memcpy(r->text.p + r->text.len, s, n);
    r->text.len += n;
    r->text.p[r->text.len] = '\0';
}

static void field_start(struct rec *r)
{
    if (r->n + 1 > r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->off = realloc(r->off, r->cap * sizeof(*r->off));
        ASSERT(r->off);
    }
    r->off[r->n++] = r->text.len;
}

static void field_end(struct rec *r)
{
    text_add(r, "", 1); /* the NUL that ends this field */
}

static int rec_emit(struct rec *r, int64_t row, const struct sheet_limits *lim,
                    struct sheet_info *info, sheet_row_fn *fn, void *ctx, struct err *err)
{
    size_t n = r->n < (size_t)lim->max_cols ? r->n : (size_t)lim->max_cols;
    bool any = false;

    if (r->cells_cap < n + 1) {
        r->cells_cap = n + 1;
        r->cells = realloc(r->cells, r->cells_cap * sizeof(*r->cells));
        ASSERT(r->cells);
    }
    for (size_t i = 0; i < n; i++) {
        const char *t = r->text.p + r->off[i];
        r->cells[i] = (struct sheet_cell){ t[0] ? SHEET_TEXT : SHEET_EMPTY, t, 0, false };
        any = any || t[0];
    }
    r->n = 0;
    r->text.len = 0;
    if (!any)
        return 0;
    while (n > 0 && r->cells[n - 1].kind == SHEET_EMPTY)
        n--;
    if (info->rows >= lim->max_rows)
        return err_set(err, E_LIMIT, "/file", "文件超过 %" PRId64 " 行上限，请分批导入",
                       lim->max_rows);
    info->rows++;
    return fn(ctx, row, r->cells, n, err);
}

static int parse(const char *s, size_t len, char delim, const struct sheet_limits *lim,
                 struct sheet_info *info, sheet_row_fn *fn, void *ctx, struct err *err)
{
    struct rec r = { 0 };
    int64_t row = 1, quote_row = 0;
    size_t i = 0;
    int rc = -1;

    while (i < len) {
        /* One record. */
        field_start(&r);
        for (;;) {
            if (i < len && s[i] == '"') {
                /* A quoted field: "" is a quote; ends at a quote not followed by a quote. */
                quote_row = row;
                i++;
                for (;;) {
                    const char *q = memchr(s + i, '"', len - i);
                    if (!q) {
                        err_set(err, E_INVALID, "/file",
                                "CSV 第 %" PRId64 " 行的引号没有闭合，请检查该行的双引号",
                                quote_row);
                        goto out;
                    }
                    text_add(&r, s + i, (size_t)(q - (s + i)));
                    i = (size_t)(q - s) + 1;
                    if (i < len && s[i] == '"') {
                        text_add(&r, "\"", 1);
                        i++;
                        continue;
                    }
                    break;
                }
            }
            /* Unquoted text (or text after a closing quote, kept as Excel does). */
            size_t j = i;
            while (j < len && s[j] != delim && s[j] != '\n' && s[j] != '\r')
                j++;
            text_add(&r, s + i, j - i);
            i = j;
            field_end(&r);
            if (i < len && s[i] == delim) {
                i++;
                field_start(&r);
                continue;
            }
            break;
        }
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
        if (rec_emit(&r, row, lim, info, fn, ctx, err) < 0)
            goto out;
        row++;
    }
    rc = 0;
out:
    free(r.text.p);
    free(r.off);
    free(r.cells);
    return rc;
}

int csv_read_mem(const void *p, size_t len, const struct sheet_limits *lim, struct sheet_info *info,
                 sheet_row_fn *fn, void *ctx, struct err *err)
{
    struct sheet_info local = { 0 };
    const char *s = p;
    char *conv = NULL, delim = ',';
    size_t n = len;
    int rc;

    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->format = "csv";
    if ((uint64_t)len > lim->max_bytes)
        return err_set(err, E_LIMIT, "/file", "文件超过 %" PRIu64 " MB 上限", lim->max_bytes >> 20);
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
        info->encoding = "UTF-8 (BOM)";
        if (!utf8_valid(s, n))
            return err_set(err, E_INVALID, "/file",
                           "文件标明为 UTF-8，但内容含有无效的 UTF-8 字节。请重新另存为“CSV "
                           "UTF-8（逗号分隔）”。");
    } else if (len >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
        if (convert("UTF-16", s, n, &conv, &n, err) < 0)
            return -1;
        s = conv;
        if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3, n -= 3;
        info->encoding = "UTF-16";
    } else if (utf8_valid(s, n)) {
        info->encoding = "UTF-8";
    } else {
        if (convert("GB18030", s, n, &conv, &n, err) < 0)
            return -1;
        s = conv;
        info->encoding = "GB18030";
    }
    /* Tab-separated when the first line has tabs and no commas (Excel "Unicode text"). */
    {
        const char *nl = memchr(s, '\n', n);
        size_t first = nl ? (size_t)(nl - s) : n;
        if (memchr(s, '\t', first) && !memchr(s, ',', first))
            delim = '\t';
    }
    for (const char *q = s; (q = memchr(q, '\n', n - (size_t)(q - s))) != NULL; q++)
        info->last_row_hint++;
    rc = parse(s, n, delim, lim, info, fn, ctx, err);
    free(conv);
    return rc;
}
