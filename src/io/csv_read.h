/* csv_read.h: RFC 4180 CSV as Excel writes it: comma (or tab) separated, quoted fields with
 * "" escapes and line breaks, CRLF or LF. Encodings: UTF-8 with or without BOM, UTF-16 with
 * BOM ("Unicode text"), and GB18030/GBK (Excel "CSV" saved on Chinese Windows), converted
 * with iconv; info->encoding says which was used. It does not guess other encodings. */
#pragma once

#include "io/sheet.h"

struct err;

/* Calls fn for every non-empty record of p (len bytes); row is the record number (what
 * Excel shows when it opens the file). Every cell is SHEET_TEXT. Errors: E_INVALID for text
 * that is neither UTF-8 nor GB18030 or an unclosed quote, E_LIMIT past lim. */
int csv_read_mem(const void *p, size_t len, const struct sheet_limits *lim, struct sheet_info *info,
                 sheet_row_fn *fn, void *ctx, struct err *err);
