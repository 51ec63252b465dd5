/* params_fuzz.c: libFuzzer target for what a URL carries: the path matched against every route
 * of every module (src/http/router.c, over the table the composition root src/app/ builds),
 * and query parameters and path ids decoded as text by the field specs and the ID-number
 * normalizer (src/core/json.c, idcard.c). Any bytes must match or fail cleanly, never crash or
 * read out of bounds (`make fuzz`). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "app/app_modules.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct query_in {
    char *q;
    int64_t page;
    int64_t org;
    bool reveal;
    char *since;
    char *status;
};

static const char *const STATUSES[] = { "active", "left", "在册", NULL };
static const struct field QUERY[] = {
    FIELD_STR(struct query_in, q, "q", "关键词", FIELD_OPTIONAL, 0, 40),
    FIELD_INT(struct query_in, page, "page", "页码", FIELD_OPTIONAL, 1, 100000),
    FIELD_ID(struct query_in, org, "org", "党组织", FIELD_OPTIONAL),
    FIELD_BOOL(struct query_in, reveal, "reveal", "显示完整信息", FIELD_OPTIONAL),
    FIELD_DATE(struct query_in, since, "since", "起始日期", FIELD_OPTIONAL),
    FIELD_ENUM(struct query_in, status, "status", "状态", FIELD_OPTIONAL, STATUSES),
    FIELD_END,
};

static struct route_table routes;

static void match_path(const char *text)
{
    static const enum http_method methods[] = { HTTP_GET, HTTP_POST, HTTP_PATCH, HTTP_DELETE };
    const struct route *r;
    struct err e;

    if (!routes.rows && (app_modules_init(&e) < 0 || app_routes_init(&routes, &e) < 0))
        __builtin_trap();
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        err_clear(&e);
        if (router_match(&routes, methods[i], text, NULL, &r, &e) < 0 && e.code == E_OK)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct err e;
    struct query_in out;
    char id[19];
    char *text = malloc(size + 1);

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    match_path(text);
    arena_init(&a, 512);
    for (const struct field *f = QUERY; f->name; f++) {
        err_clear(&e);
        memset(&out, 0, sizeof(out));
        if (field_decode_text(f, text, &out, &a, &e) < 0 && e.code == E_OK)
            __builtin_trap();
    }
    err_clear(&e);
    if (idcard_normalize(text, id, &e) == 0 && strlen(id) != 18)
        __builtin_trap();
    if (utf8_valid(text, size)) { /* the text helpers take UTF-8 the decoders have checked */
        utf8_strip_invisible(text);
        (void)utf8_hidden_reason(text);
        utf8_halfwidth(text, true);
    }
    arena_release(&a);
    free(text);
    return 0;
}
