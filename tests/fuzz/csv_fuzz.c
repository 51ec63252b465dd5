/* csv_fuzz.c: libFuzzer target for the CSV reader (src/io/csv_read.c: UTF-8, BOM and GB18030
 * detection, quoting, line ends). Any bytes must read or fail with an error, never crash or
 * read out of bounds (`make fuzz`; seeds in tests/fuzz/corpus/csv). */
#include "core/compat.h"
#include "io/csv_read.h"
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
    if (csv_read_mem(data, size, &lim, &info, fuzz_row, &total, &e) < 0 && e.code == E_OK)
        __builtin_trap();
    return 0;
}
