/* xlsx_write.h: a small table writer over libxlsxwriter for exports, templates and error
 * workbooks: one sheet, an optional merged title row, a bold frozen header row with column
 * widths, then text cells. Every value is written as text (ID numbers stay exact) and text
 * that looks like a formula (= + - @) stays a string cell, never evaluated; only columns
 * declared as money (xw_money_cols) hold numbers. It writes no formulas and one sheet. */
#pragma once

struct err;
struct xw;

/* Starts a workbook in a new temporary file. */
int xw_open(struct xw **out, const char *sheet_name, struct err *err);
/* A merged, bold title row above the header ("XX社区党员花名册", "演示数据"). Call before
 * xw_header; may be called more than once. */
void xw_title(struct xw *w, const char *title, size_t ncols);
/* The header row (frozen below it); widths in Excel character units; text_cols[i] true
 * formats column i as text ("@") so values typed later stay text. text_cols may be NULL. */
void xw_header(struct xw *w, const char *const *headers, const double *widths,
               const bool *text_cols, size_t n);
/* Declares money columns (cols[i] true; at most 64 columns): a cell there that is a plain
 * decimal ("1350.00", "-20.5") is written as a number shown with two decimals, so Excel sums
 * it; anything else stays text. Call before the rows. */
void xw_money_cols(struct xw *w, const bool *cols, size_t n);
/* One data row; NULL cells stay empty. */
void xw_row(struct xw *w, const char *const *cells, size_t n);
/* Closes the workbook and returns its bytes (*data_out from malloc; free() it). The
 * temporary file is removed. xw is freed in every case. */
int xw_finish(struct xw **w, char **data_out, size_t *len_out, struct err *err);
/* Frees an unfinished workbook. */
void xw_discard(struct xw **w);

/* Writes len bytes to path (replacing it). */
int io_file_write(const char *path, const void *p, size_t len, struct err *err);
