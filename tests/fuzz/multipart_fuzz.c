/* multipart_fuzz.c: libFuzzer target for the upload parser (src/http/multipart.c). The input is
 * a Content-Type value, a newline, then the body; any bytes must find the file part inside the
 * body or fail with an error, never read outside it (`make fuzz`). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t ct_len = nl ? (size_t)(nl - data) : size;
    char *ct = malloc(ct_len + 1);
    size_t body_len = nl ? size - ct_len - 1 : 0;
    char *body = malloc(body_len ? body_len : 1); /* its own block: ASan sees overreads */
    struct http_upload up = { 0 };
    struct arena a;
    struct err e;

    if (!ct || !body)
        goto out;
    memcpy(ct, data, ct_len);
    ct[ct_len] = '\0';
    if (body_len)
        memcpy(body, nl + 1, body_len);
    arena_init(&a, 512);
    err_clear(&e);
    if (http_multipart_find(ct, body, body_len, &a, &up, &e) == 0) {
        if (up.data < body || up.data + up.len > body + body_len)
            __builtin_trap();
    } else if (e.code == E_OK) {
        __builtin_trap();
    }
    arena_release(&a);
out:
    free(ct);
    free(body);
    return 0;
}
