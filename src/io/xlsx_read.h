/* xlsx_read.h: reads the first visible worksheet of an Office Open XML workbook (.xlsx) with
 * libzip + expat, streaming: shared strings (rich-text runs joined, phonetic runs dropped),
 * inline strings, formula strings, numbers, booleans, date-formatted numbers (styles.xml),
 * the 1904 date system and merged cells (a merged range's value is repeated into every cell
 * of the range). It does not evaluate formulas (it reads their cached values), read .xls,
 * or open password-protected files (it says so in zh-CN instead). */
#pragma once

#include "io/sheet.h"

struct err;

/* Reads the workbook held in p (len bytes) and calls fn for every non-empty row of the
 * first visible sheet. info (may be NULL) is filled before the first row. Errors: E_INVALID
 * with a zh-CN message for a file that is not an .xlsx (an .xls, an encrypted workbook, a
 * CSV renamed, a damaged file); E_LIMIT when the uncompressed XML or the row count passes
 * lim; whatever fn set when fn fails. */
int xlsx_read_mem(const void *p, size_t len, const struct sheet_limits *lim,
                  struct sheet_info *info, sheet_row_fn *fn, void *ctx, struct err *err);

/* The same for a file on disk (read into memory first; at most lim->max_bytes). */
int xlsx_read_file(const char *path, const struct sheet_limits *lim, struct sheet_info *info,
                   sheet_row_fn *fn, void *ctx, struct err *err);

/* Whether p looks like a zip archive (an .xlsx) rather than text. */
bool xlsx_sniff(const void *p, size_t len);

/* Reads a whole file into heap memory (*out, free() it), failing when larger than max. */
int io_file_read(const char *path, uint64_t max, char **out, size_t *len_out, struct err *err);
