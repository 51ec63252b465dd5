/* json_fuzz.c: libFuzzer target for the JSON field-spec decoder (src/core/json.c), the code every
 * request body passes through: any bytes must decode or fail with an error naming a field,
 * never crash, leak or read out of bounds (ASan/UBSan build; `make fuzz`). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct sample_in {
    char *name;
    char *id_number;
    int64_t count;
    int64_t org_id;
    bool active;
    char *born;
    char *kind;
};

static const char *const KINDS[] = { "full", "probationary", "预备党员", NULL };
static const struct field SPEC[] = {
    FIELD_STR(struct sample_in, name, "name", "姓名", FIELD_REQUIRED, 1, 40),
    FIELD_STR(struct sample_in, id_number, "id_number", "身份证号", FIELD_OPTIONAL, 0, 18),
    FIELD_INT(struct sample_in, count, "count", "人数", FIELD_OPTIONAL, -5, 1000000),
    FIELD_ID(struct sample_in, org_id, "org_id", "所在党组织", FIELD_OPTIONAL | FIELD_NULLABLE),
    FIELD_BOOL(struct sample_in, active, "active", "在册", FIELD_OPTIONAL),
    FIELD_DATE(struct sample_in, born, "born", "出生日期", FIELD_OPTIONAL | FIELD_NULLABLE),
    FIELD_ENUM(struct sample_in, kind, "kind", "类别", FIELD_OPTIONAL, KINDS),
    FIELD_END,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct err e;
    struct sample_in out;
    uint64_t present = 0;

    arena_init(&a, 1024);
    err_clear(&e);
    memset(&out, 0, sizeof(out));
    if (json_decode((const char *)data, size, 8, SPEC, &out, &present, &a, &e) == 0) {
        if (!out.name || utf8_len(out.name) < 1 || utf8_len(out.name) > 40)
            __builtin_trap(); /* a required field passed that the spec refuses */
    } else if (e.code == E_OK) {
        __builtin_trap(); /* failed without saying why */
    }
    arena_release(&a);
    return 0;
}
