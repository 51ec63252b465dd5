/* xlsx_write.c: the table writer on libxlsxwriter in constant-memory mode (rows are flushed
 * as written, strings inline, so a 100k-row export does not sit in memory). libxlsxwriter
 * 1.1.4 writes only to files, so the workbook goes to a mkstemp file in $TMPDIR (default
 * /tmp) that is read back and removed. */
#include "core/compat.h"
#include <xlsxwriter.h>
#include "core/err.h"
#include "io/xlsx_read.h"
#include "io/xlsx_write.h"

struct xw {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *title, *text, *money;
    lxw_row_t row;
    uint64_t money_cols; /* bit i: column i holds money (xw_money_cols) */
    char path[512];
};

int xw_open(struct xw **out, const char *sheet_name, struct err *err)
{
    struct xw *w = calloc(1, sizeof(*w));
    const char *tmp = getenv("TMPDIR");
    lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
    int fd;

    ASSERT(w);
    snprintf(w->path, sizeof(w->path), "%s/dangjian-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(w->path);
    if (fd < 0) {
        free(w);
        err_set(err, E_INTERNAL, "", "无法生成 Excel 文件");
        return err_detail(err, "mkstemp: %s", strerror(errno));
    }
    close(fd);
    w->wb = workbook_new_opt(w->path, &opts);
    if (!w->wb) {
        unlink(w->path);
        free(w);
        return err_set(err, E_INTERNAL, "", "无法生成 Excel 文件");
    }
    w->ws = workbook_add_worksheet(w->wb, sheet_name);
    w->bold = workbook_add_format(w->wb);
    format_set_bold(w->bold);
    format_set_bg_color(w->bold, 0xF2F2F2);
    format_set_border(w->bold, LXW_BORDER_THIN);
    format_set_text_wrap(w->bold);
    format_set_align(w->bold, LXW_ALIGN_VERTICAL_CENTER);
    w->title = workbook_add_format(w->wb);
    format_set_bold(w->title);
    format_set_font_size(w->title, 14);
    format_set_font_color(w->title, 0xC00000);
    format_set_align(w->title, LXW_ALIGN_CENTER);
    w->text = workbook_add_format(w->wb);
    format_set_num_format(w->text, "@");
    w->money = workbook_add_format(w->wb);
    format_set_num_format(w->money, "0.00");
    *out = w;
    return 0;
}

void xw_title(struct xw *w, const char *title, size_t ncols)
{
    if (ncols > 1)
        worksheet_merge_range(w->ws, w->row, 0, w->row, (lxw_col_t)(ncols - 1), title, w->title);
    else
        worksheet_write_string(w->ws, w->row, 0, title, w->title);
    worksheet_set_row(w->ws, w->row, 24, NULL);
    w->row++;
}

void xw_header(struct xw *w, const char *const *headers, const double *widths,
               const bool *text_cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, widths ? widths[i] : 12,
                             text_cols && text_cols[i] ? w->text : NULL);
        worksheet_write_string(w->ws, w->row, (lxw_col_t)i, headers[i], w->bold);
    }
    w->row++;
    worksheet_freeze_panes(w->ws, w->row, 0);
}

void xw_money_cols(struct xw *w, const bool *cols, size_t n)
{
    w->money_cols = 0;
    for (size_t i = 0; i < n && i < 64; i++)
        if (cols[i])
            w->money_cols |= (uint64_t)1 << i;
}

/* Whether s is a plain decimal: an optional minus, digits, an optional point and digits. */
static bool plain_decimal(const char *s)
{
    size_t digits = 0;

    if (*s == '-')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    return digits > 0 && digits <= 13 && !*s;
}

void xw_row(struct xw *w, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        if (!s || !*s)
            continue;
        if (i < 64 && (w->money_cols >> i & 1) && plain_decimal(s)) {
            worksheet_write_number(w->ws, w->row, (lxw_col_t)i, strtod(s, NULL), w->money);
            continue;
        }
        /* A string cell is never evaluated, so "=…" stays text (formula injection). */
        worksheet_write_string(w->ws, w->row, (lxw_col_t)i, s, w->text);
    }
    w->row++;
}

void xw_discard(struct xw **wp)
{
    struct xw *w = *wp;

    if (!w)
        return;
    workbook_close(w->wb);
    unlink(w->path);
    free(w);
    *wp = NULL;
}

int xw_finish(struct xw **wp, char **data_out, size_t *len_out, struct err *err)
{
    struct xw *w = *wp;
    lxw_error e = workbook_close(w->wb);
    int rc = -1;

    if (e != LXW_NO_ERROR) {
        err_set(err, E_INTERNAL, "", "无法生成 Excel 文件");
        err_detail(err, "libxlsxwriter: %s", lxw_strerror(e));
    } else {
        rc = io_file_read(w->path, UINT64_MAX, data_out, len_out, err);
    }
    unlink(w->path);
    free(w);
    *wp = NULL;
    return rc;
}

int io_file_write(const char *path, const void *p, size_t len, struct err *err)
{
    FILE *f = fopen(path, "wb");

    if (!f)
        return err_set(err, E_INVALID, "", "无法写入文件 %s：%s", path, strerror(errno));
    bool ok = fwrite(p, 1, len, f) == len;
    if (fclose(f) != 0 || !ok)
        return err_set(err, E_INVALID, "", "写入文件 %s 失败", path);
    return 0;
}
