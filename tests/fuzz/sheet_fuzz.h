/* sheet_fuzz.h: the body of both spreadsheet fuzz targets (xlsx_fuzz.c, csv_fuzz.c): the reader
 * gets the input and a row callback that touches every byte of every cell, so ASan sees a cell
 * that points outside live memory or lacks its terminating NUL. */
#pragma once

#include "core/compat.h"
#include "core/err.h"
#include "io/sheet.h"

static int fuzz_row(void *ctx, int64_t row, const struct sheet_cell *cells, size_t ncells,
                    struct err *err)
{
    size_t *total = ctx;

    (void)err;
    if (row < 1 || ncells < 1)
        __builtin_trap();
    for (size_t i = 0; i < ncells; i++)
        *total += strlen(cells[i].text);
    return 0;
}

/* Small bounds, so a hostile file is refused quickly rather than slowly. */
#define FUZZ_SHEET_LIMITS ((struct sheet_limits){ 2000, 64, 4u << 20 })

typedef int sheet_reader_fn(const void *p, size_t len, const struct sheet_limits *lim,
                            struct sheet_info *info, sheet_row_fn *fn, void *ctx, struct err *err);

/* Reads data with reader; a failure must say why. */
static int fuzz_sheet(sheet_reader_fn *reader, const uint8_t *data, size_t size)
{
    struct sheet_limits lim = FUZZ_SHEET_LIMITS;
    struct sheet_info info;
    struct err e;
    size_t total = 0;

    memset(&info, 0, sizeof(info));
    err_clear(&e);
    if (reader(data, size, &lim, &info, fuzz_row, &total, &e) < 0 && e.code == E_OK)
        __builtin_trap();
    return 0;
}
