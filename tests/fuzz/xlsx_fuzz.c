/* xlsx_fuzz.c: libFuzzer target for the Excel reader (src/io/xlsx_*.c: zip through libzip, XML
 * through expat, shared strings, styles, dates). Any bytes must read or fail with an error, never
 * crash, leak or read out of bounds (`make fuzz`; seeds in tests/fuzz/corpus/xlsx). */
#include "core/compat.h"
#include "io/xlsx_read.h"
#include "sheet_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_sheet(xlsx_read_mem, data, size);
}
