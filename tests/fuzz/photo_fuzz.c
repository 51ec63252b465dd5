/* photo_fuzz.c: libFuzzer target for the photo metadata stripper (demand_photo_strip,
 * src/domain/demands/demands_photo.c). The input is stripped as a JPEG and as a PNG: each call
 * gives a shorter-or-equal image starting with the input's own signature, or fails with an
 * error; never a crash, leak or read out of bounds. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/demands/demands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const KINDS[] = { "jpeg", "png" };
    struct arena a;

    arena_init(&a, 4096);
    for (size_t i = 0; i < ARRAY_LEN(KINDS); i++) {
        struct err e;
        const void *out = NULL;
        size_t n = 0;

        err_clear(&e);
        if (demand_photo_strip(KINDS[i], data, size, &a, &out, &n, &e) < 0) {
            if (e.code != E_INVALID)
                __builtin_trap();
            continue;
        }
        if (n > size || (i == 0 && (n < 2 || memcmp(out, "\xFF\xD8", 2))) ||
            (i == 1 && (n < 8 || memcmp(out, data, 8))))
            __builtin_trap();
    }
    arena_release(&a);
    return 0;
}
