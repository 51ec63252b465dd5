/* member_import.c: the roster's adapter to the generic importer: the column table (headers as
 * the member form labels them, the headers of older templates and real rosters as aliases),
 * the writer (member_upsert_many for a chunk, member_upsert for one row) and the entry point.
 * The checks of a row are member_import_check.c's; reading, batching and errors the engine's.
 * SQL lives in the members and orgs stores, not here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/app.h"
#include "domain/members/members.h"
#include "io/import_engine.h"
#include "io/member_import.h"
#include "io/member_import_int.h"

/* zh-CN words found in real rosters for the categories, beyond the official labels. */
static const struct {
    const char *word, *label;
} CATEGORY_WORDS[] = {
    { "在职", "在职党员报到" },
    { "在职党员", "在职党员报到" },
    { "报到党员", "在职党员报到" },
    { "离退休党员", "离退休" },
    { "退休", "离退休" },
    { "离休", "离退休" },
    { "退休党员", "离退休" },
    { "流动党员", "外出流动" },
    { "外出流动党员", "外出流动" },
    { "下岗", "下岗失业" },
    { "失业", "下岗失业" },
    { "下岗失业党员", "下岗失业" },
    { "两新组织党员", "两新组织" },
    { "学生党员", "学生" },
    { "社区党员", "组织关系在社区" },
    { "组织关系在社区党员", "组织关系在社区" },
};

static const char *category_word(const char *s)
{
    for (size_t i = 0; i < ARRAY_LEN(CATEGORY_WORDS); i++)
        if (!strcmp(CATEGORY_WORDS[i].word, s))
            return CATEGORY_WORDS[i].label;
    return s;
}

/* A column with no message, error field or word map: code, header, cell, flags, width, then
 * the aliases. */
#define COL(code, header, cell, flags, width, ...)                                                 \
    {                                                                                              \
        code, header, { __VA_ARGS__ }, cell, flags, NULL, NULL, NULL, width                        \
    }
#define T        IMPORT_CELL_TEXT
#define D        IMPORT_CELL_DATE
#define TEXT_FMT IMPORT_COL_TEXT_FORMAT

/* Each header is the label of the field in MEMBER_FIELDS, which the member form shows too
 * (a unit test holds them equal); the template and the export write these headers. */
const struct import_column MEMBER_COLUMNS[MEMBER_NCOLUMNS + 1] = {
    COL("name", "姓名", T, IMPORT_COL_REQUIRED | IMPORT_COL_KEY, 10, "党员姓名", "名字"),
    COL("former_name", "曾用名", T, 0, 10, NULL),
    COL("gender", "性别", T, 0, 6, NULL),
    COL("ethnicity", "民族", T, 0, 8, NULL),
    COL("birth_date", "出生日期", D, IMPORT_COL_MONTH_SKIP | TEXT_FMT, 12, "出生年月", "出生年月日",
        "出生时间", "生日"),
    {
        .code = "id_number",
        .header = "身份证号",
        .aliases = { "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证", "证件号",
                     "身份证件号码" },
        .cell = IMPORT_CELL_ID,
        .flags = IMPORT_COL_REQUIRED | IMPORT_COL_KEY | TEXT_FMT,
        .missing = "（也可写作 身份证号码、公民身份号码、证件号码）。导入按身份证号识别党员，"
                   "请加上这一列",
        .width = 21,
    },
    COL("phone", "手机号码", T, TEXT_FMT, 14, "手机", "手机号", "联系电话", "联系方式", "电话",
        "电话号码", "移动电话"),
    {
        .code = "org",
        .header = "所在党组织",
        .aliases = { "所属支部", "党支部", "所在支部", "所属党组织", "党组织", "所在党支部", "支部",
                     "所属党支部", "党组织名称" },
        .cell = IMPORT_CELL_REF,
        .flags = IMPORT_COL_REQUIRED | IMPORT_COL_DEFAULTABLE,
        .missing = "（也可写作 所属支部、党支部）。请加上这一列，或在导入时选择党组织",
        .error_field = "org_id",
        .width = 24,
    },
    COL("status", "党籍状态", T, 0, 10, "党员状态", "党员身份", "正式/预备", "状态"),
    {
        .code = "category",
        .header = "党员类别",
        .aliases = { "人员类别", "党员分类", "类别", "党员类型" },
        .word = category_word,
        .width = 14,
    },
    COL("joined_on", "入党日期", D, TEXT_FMT, 12, "入党时间", "入党年月"),
    COL("full_member_on", "转正日期", D, TEXT_FMT, 12, "转正时间", "转正年月"),
    COL("education", "学历", T, 0, 10, "文化程度", "最高学历"),
    COL("work_unit", "工作单位", T, 0, 20, "单位", "工作单位名称"),
    COL("post", "职务", T, 0, 10, "岗位", "职务职称"),
    COL("address", "现居住地址", T, 0, 30, "家庭住址", "现居住地", "现住址", "居住地址", "住址",
        "家庭地址", "居住地"),
    COL("hukou", "户籍所在地", T, 0, 20, "户籍地", "户籍地址", "户口所在地"),
    COL("tags", "标签", T, 0, 16, "党员标签"),
    { 0 },
};
const size_t MEMBER_COL_ORG = 7;

const char *import_header_field(const char *header)
{
    const struct import_column *c = import_column_find(MEMBER_COLUMNS, header);
    return c ? c->code : NULL;
}

static bool has_default(void *ctx, const struct import_column *col)
{
    const struct mimp *s = ctx;
    UNUSED(col);
    return s->o->default_org_id != 0;
}

/* Writes rows: one alone through member_upsert (its error is that row's), a chunk through
 * member_upsert_many with the look-ups the checks made. */
static int member_write(void *ctx, struct db_conn *c, struct import_row *rows, size_t n, bool one,
                        bool *created_out, struct err *err)
{
    struct mimp *s = ctx;
    const struct member_in **ms;
    bool *absent;
    int rc;

    if (one) {
        int64_t id;
        return member_upsert(c, &((struct member_row *)rows[0].rec)->m, s->o->actor, &id,
                             created_out, err);
    }
    ms = calloc(n, sizeof(*ms));
    absent = calloc(n, sizeof(*absent));
    ASSERT(ms && absent);
    for (size_t i = 0; i < n; i++) {
        const struct member_row *r = rows[i].rec;
        ms[i] = &r->m;
        absent[i] = r->absent;
    }
    rc = member_upsert_many(c, ms, n, absent, s->o->actor, created_out, err);
    free(ms);
    free(absent);
    return rc;
}

static const struct import_area MEMBER_AREA = {
    .columns = MEMBER_COLUMNS,
    .fields = MEMBER_FIELDS,
    .rec_size = sizeof(struct member_row),
    .has_default = has_default,
    .check = member_import_check,
    .write = member_write,
};

int member_import(struct app *app, const void *data, size_t len, const struct import_opts *o,
                  struct arena *a, struct import_result *out, struct err *err)
{
    struct mimp s = { .app = app, .o = o, .orgs = { .size = sizeof(struct org_entry) } };
    bool demo; /* warms the members service's cache before the import's transaction holds a lock */
    int rc;

    if (len > 0 && member_demo_instance(app, &demo, err) < 0) {
        memset(out, 0, sizeof(*out));
        return -1;
    }
    arena_init(&s.cache_arena, 16 * 1024);
    rc = import_engine_run(app->db, &MEMBER_AREA, &s, data, len, o, a, out, err);
    arena_release(&s.cache_arena);
    import_keys_release(&s.orgs);
    return rc;
}
