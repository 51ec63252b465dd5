/* xlsx_fuzz.c: libFuzzer target for the Excel reader (src/io/xlsx_*.c: zip through libzip, XML
 * through expat, shared strings, styles, dates). Any bytes must read or fail with an error, never
 * crash, leak or read out of bounds (`make fuzz`; seeds in tests/fuzz/corpus/xlsx). */
#include "core/compat.h"
#include "io/xlsx_read.h"
#include "sheet_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheet_limits lim = FUZZ_SHEET_LIMITS;
    struct sheet_info info;
    struct err e;
    size_t total = 0;

    memset(&info, 0, sizeof(info));
    err_clear(&e);
    if (xlsx_read_mem(data, size, &lim, &info, fuzz_row, &total, &e) < 0 && e.code == E_OK)
        __builtin_trap();
    return 0;
}
