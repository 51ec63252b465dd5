/* xlsx_read.c: a streaming .xlsx reader on libzip + expat. Parts are found through the
 * package relationships (_rels/.rels → workbook → its rels), shared strings and styles are
 * loaded once, the sheet is streamed row by row. Merged ranges are found first by a byte scan
 * of the sheet (they are written after the rows) so values can be spread while streaming.
 * No formulas are evaluated and nothing is written. This file holds the entry points and the
 * small helpers; the parts are xlsx_parts.c's, the sheet xlsx_sheet.c's. */
#define _GNU_SOURCE /* memmem */
#include "core/compat.h"
#include <expat.h>
#include <zip.h>
#include "core/err.h"
#include "io/xlsx_read.h"
#include "io/xlsx_read_int.h"

void xlsx_sb_add(struct sbuf *b, const char *s, size_t n)
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

void *xlsx_grow(void *p, size_t *cap, size_t need, size_t elem)
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

/* ---- small helpers ---- */

const char *xlsx_local_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

/* The value of attribute name (matching local names, so "r:id" matches "id" when prefixed is
 * true and the attribute has a prefix). */
const char *xlsx_attr(const char **atts, const char *name, bool prefixed)
{
    for (int i = 0; atts[i]; i += 2) {
        const char *n = atts[i], *c = strrchr(n, ':');
        if (prefixed ? (c && strcmp(c + 1, name) == 0) : strcmp(n, name) == 0)
            return atts[i + 1];
    }
    return NULL;
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
bool xlsx_parse_ref(const char *ref, size_t *col, int64_t *row)
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

int xlsx_fail_invalid(struct xlsx *x, const char *msg)
{
    return err_set(x->err, E_INVALID, "/file", "%s", msg);
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

    if (xlsx_parts_load(&x) < 0)
        goto out;
    rc = xlsx_sheet_read(&x);
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
