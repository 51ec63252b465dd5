/* sheet.h: one spreadsheet row as the readers (xlsx_read.h, csv_read.h) hand it to their
 * caller, row by row, with the row number Excel would show. It does not interpret values:
 * dates, ID numbers and headers are the importer's business (member_import.h). */
#pragma once

struct err;

enum sheet_kind {
    SHEET_EMPTY = 0,
    SHEET_TEXT,   /* shared, inline or formula string; every CSV cell */
    SHEET_NUMBER, /* a numeric cell: text is the value as stored ("31121", "1.10105E+17") */
    SHEET_BOOL,   /* text "TRUE" / "FALSE" */
    SHEET_ERROR,  /* a formula error such as "#N/A" */
};

struct sheet_cell {
    enum sheet_kind kind;
    const char *text; /* never NULL; "" when empty. Valid only during the callback */
    double num;       /* SHEET_NUMBER */
    bool is_date;     /* SHEET_NUMBER whose number format is a date or time */
};

/* What the reader learned about the file; filled before the first row is delivered. */
struct sheet_info {
    const char *format;    /* "xlsx" or "csv" */
    const char *encoding;  /* csv: "UTF-8", "UTF-8 (BOM)" or "GB18030"; xlsx: "UTF-8" */
    bool date1904;         /* xlsx: workbook uses the 1904 date system */
    char sheet_name[128];  /* xlsx: the sheet read (the first visible one) */
    int64_t rows;          /* rows delivered so far */
    int64_t last_row_hint; /* the sheet's last row as the file declares it (0: unknown) */
};

/* Bounds against hostile or broken files. */
struct sheet_limits {
    int64_t max_rows;   /* rows delivered; more fails with E_LIMIT */
    int64_t max_cols;   /* cells beyond this column are ignored */
    uint64_t max_bytes; /* xlsx: uncompressed XML read in total; csv: input size */
};
#define SHEET_LIMITS_DEFAULT ((struct sheet_limits){ 200000, 256, 512u << 20 })

/* Called once per non-empty row, in order. row is 1-based as Excel shows it (xlsx: the row's
 * r attribute; csv: the record number). cells[0] is column A; ncells >= 1. Returning -1
 * (with err set) stops the read, which then returns -1. */
typedef int sheet_row_fn(void *ctx, int64_t row, const struct sheet_cell *cells, size_t ncells,
                         struct err *err);

/* "A" for 0, "AB" for 27 … into out (8 bytes). */
void sheet_col_name(size_t col, char out[8]);
