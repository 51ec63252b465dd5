/* csv_fuzz.c: libFuzzer target for the CSV reader (src/io/csv_read.c: UTF-8, BOM and GB18030
 * detection, quoting, line ends). Any bytes must read or fail with an error, never crash or
 * read out of bounds (`make fuzz`; seeds in tests/fuzz/corpus/csv). */
#include "core/compat.h"
#include "io/csv_read.h"
#include "sheet_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_sheet(csv_read_mem, data, size);
}
