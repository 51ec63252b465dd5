/* import_workbook.c: the generic importer's workbooks: the error workbook (the file's header
 * row plus 原行号 and 错误原因, then every rejected row as read, with all of its reasons) and
 * the header of a template or export written from an area's column table. It reads no
 * database; what the rows hold is the area's business. */
#include "core/compat.h"
#include "core/err.h"
#include "io/import_engine.h"
#include "io/xlsx_write.h"

int import_errors_xlsx(const struct import_result *r, char **data_out, size_t *len_out,
                       struct err *err)
{
    struct xw *w;
    size_t n = r->nheaders + 2;
    const char **row = calloc(n, sizeof(*row));
    double *widths = calloc(n, sizeof(*widths));
    char num[24];

    ASSERT(row && widths);
    if (xw_open(&w, "导入错误", err) < 0) {
        free(row);
        free(widths);
        return -1;
    }
    row[0] = "原行号";
    widths[0] = 8;
    for (size_t i = 0; i < r->nheaders; i++) {
        row[i + 1] = r->headers[i];
        widths[i + 1] = 14;
    }
    row[n - 1] = "错误原因";
    widths[n - 1] = 60;
    xw_header(w, row, widths, NULL, n);
    for (int64_t k = 0; k < r->nbad; k++) {
        const struct import_bad_row *b = &r->bad[k];
        snprintf(num, sizeof(num), "%" PRId64, b->row);
        memset(row, 0, n * sizeof(*row));
        row[0] = num;
        for (size_t i = 0; i < b->ncells && i < r->nheaders; i++)
            row[i + 1] = b->cells[i];
        row[n - 1] = b->reason;
        xw_row(w, row, n);
    }
    free(row);
    free(widths);
    return xw_finish(&w, data_out, len_out, err);
}

struct xw *import_sheet_open(const struct import_column *cols, const char *sheet, const char *title,
                             struct err *err)
{
    const char *h[64];
    double wd[64];
    bool tx[64];
    size_t n = 0;
    struct xw *w;

    if (xw_open(&w, sheet, err) < 0)
        return NULL;
    for (; n < ARRAY_LEN(h) && cols[n].code; n++) {
        h[n] = cols[n].header;
        wd[n] = cols[n].width;
        tx[n] = (cols[n].flags & IMPORT_COL_TEXT_FORMAT) != 0;
    }
    if (title)
        xw_title(w, title, n);
    xw_header(w, h, wd, tx, n);
    return w;
}
