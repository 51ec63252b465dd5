/* members_codes.c: the member field spec and code tables (statuses, categories and their
 * labels, status aliases), the status changes RULES.md allows, and date arithmetic in whole
 * years. Tables and lookups only: no database, no normalization (members_rules.c). */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/members/members_int.h"

/* The member fields; KEY is the flag of those a new member must have (姓名, 身份证号, 所在党组织;
 * 性别 and 出生日期 follow from the ID number). */
#define MEMBER_FIELD_ROWS(KEY)                                                                     \
    FIELD_STR(struct member_in, name, "name", "姓名", KEY, 1, 40),                                 \
        FIELD_STR(struct member_in, former_name, "former_name", "曾用名", FIELD_OPTIONAL, 0, 40),  \
        FIELD_STR(struct member_in, gender, "gender", "性别", FIELD_OPTIONAL, 1, 4),               \
        FIELD_STR(struct member_in, ethnicity, "ethnicity", "民族", FIELD_OPTIONAL, 0, 20),        \
        FIELD_DATE(struct member_in, birth_date, "birth_date", "出生日期", FIELD_OPTIONAL),        \
        FIELD_STR(struct member_in, id_number, "id_number", "身份证号", KEY | FIELD_ASCII, 1, 40), \
        FIELD_STR(struct member_in, phone, "phone", "手机号码", FIELD_ASCII, 0, 30),               \
        FIELD_STR(struct member_in, address, "address", "现居住地址", FIELD_OPTIONAL, 0, 200),     \
        FIELD_STR(struct member_in, hukou, "hukou", "户籍所在地", FIELD_OPTIONAL, 0, 200),         \
        FIELD_STR(struct member_in, education, "education", "学历", FIELD_OPTIONAL, 0, 20),        \
        FIELD_ID(struct member_in, org_id, "org_id", "所在党组织", KEY),                           \
        FIELD_STR(struct member_in, status, "status", "党籍状态", FIELD_OPTIONAL, 1, 20),          \
        FIELD_STR(struct member_in, category, "category", "党员类别", FIELD_OPTIONAL, 1, 20),      \
        FIELD_DATE(struct member_in, joined_on, "joined_on", "入党日期", FIELD_OPTIONAL),          \
        FIELD_DATE(struct member_in, full_member_on, "full_member_on", "转正日期",                 \
                   FIELD_OPTIONAL),                                                                \
        FIELD_STR(struct member_in, work_unit, "work_unit", "工作单位", FIELD_OPTIONAL, 0, 100),   \
        FIELD_STR(struct member_in, post, "post", "职务", FIELD_OPTIONAL, 0, 50),                  \
        FIELD_STR(struct member_in, tags, "tags", "标签", FIELD_OPTIONAL, 0, 400)

const struct field MEMBER_FIELDS[] = { MEMBER_FIELD_ROWS(FIELD_OPTIONAL), FIELD_END };
const struct field MEMBER_NEW_FIELDS[] = { MEMBER_FIELD_ROWS(FIELD_REQUIRED), FIELD_END };

const char *const MEMBER_STATUSES[] = { "probationary", "full",     "suspended",
                                        "left",         "deceased", NULL };
const char *const MEMBER_STATUS_LABELS[] = { "预备党员", "正式党员", "停止党籍",
                                             "出党",     "死亡",     NULL };
/* List filters: one status, or "current" — the members on the roll (预备 and 正式), as the
 * statistics count them. */
const char *const MEMBER_STATUS_FILTERS[] = { "probationary", "full",    "suspended", "left",
                                              "deceased",     "current", NULL };
const char *const MEMBER_CATEGORIES[] = { "community", "mobile_out", "in_service",
                                          "retired",   "unemployed", "new_org",
                                          "student",   "other",      NULL };
const char *const MEMBER_CATEGORY_LABELS[] = { "组织关系在社区", "外出流动", "在职党员报到",
                                               "离退休",         "下岗失业", "两新组织",
                                               "学生",           "其他",     NULL };
/* 学历: the one list, in the wording of the national standard (GB/T 4658 学历代码, as the
 * Party's statistics group it); the code is the wording itself, so stored rows read as text.
 * The form, the template, the demo and the statistics use these; EDUCATION_ALIASES maps the
 * other words cadres type (本科, 大专 …) to them on import and in the API. */
const char *const MEMBER_EDUCATIONS[] = { "研究生", "大学本科", "大学专科",   "中专",
                                          "高中",   "初中",     "小学及以下", NULL };
/* Another word for a code (import cells, forms). */
struct code_alias {
    const char *word, *code;
};

/* The code for a code, its label or an alias in al[0..n); NULL when it is none. */
static const char *code_or_alias(const char *const *codes, const char *const *labels,
                                 const struct code_alias *al, size_t n, const char *s)
{
    const char *code = member_code_of(codes, labels, s);

    for (size_t i = 0; !code && i < n; i++)
        if (!strcmp(al[i].word, s))
            code = al[i].code;
    return code;
}

static const struct code_alias EDUCATION_ALIASES[] = {
    { "博士", "研究生" },         { "博士研究生", "研究生" },
    { "硕士", "研究生" },         { "硕士研究生", "研究生" },
    { "研究生学历", "研究生" },   { "本科", "大学本科" },
    { "大本", "大学本科" },       { "大学", "大学本科" },
    { "专科", "大学专科" },       { "大专", "大学专科" },
    { "高职", "大学专科" },       { "中等专科", "中专" },
    { "中等专业学校", "中专" },   { "中职", "中专" },
    { "技校", "中专" },           { "技工学校", "中专" },
    { "职高", "中专" },           { "职业高中", "中专" },
    { "普通高中", "高中" },       { "高级中学", "高中" },
    { "初级中学", "初中" },       { "小学", "小学及以下" },
    { "小学以下", "小学及以下" }, { "文盲", "小学及以下" },
    { "半文盲", "小学及以下" },   { "文盲或半文盲", "小学及以下" },
};

const char *member_education_code(const char *s)
{
    return code_or_alias(MEMBER_EDUCATIONS, MEMBER_EDUCATIONS, EDUCATION_ALIASES,
                         ARRAY_LEN(EDUCATION_ALIASES), s);
}

/* Other words cadres type for a status (import cells, forms). */
static const struct code_alias STATUS_ALIASES[] = {
    { "预备", "probationary" }, { "正式", "full" },     { "停止", "suspended" },
    { "已出党", "left" },       { "退党", "left" },     { "除名", "left" },
    { "开除", "left" },         { "去世", "deceased" }, { "已故", "deceased" },
    { "病故", "deceased" },
};

/* The status changes RULES.md allows, each with the name of the act in the history (the one
 * table of them: member_status_change_label reads it, apply_update enforces it).
 * 预备→正式 转正 (DEV-23); 正式→停止党籍 (LOST-SHILIAN, LOST-ABROAD); 停止党籍→正式 恢复党籍
 * (LOST-AFTER-STOP); any live status → 出党 (a 预备党员's 取消预备党员资格 is recorded as 出党,
 * the schema has no separate status; 停止党籍 → 出党 is LOST-AFTER-STOP's 除名) or 死亡.
 * 出党 and 死亡 are final; a 预备党员 is never 停止党籍 (LOST-PROBATION). */
static const struct {
    const char *from, *to, *label;
} STATUS_CHANGES[] = {
    { "probationary", "full", "转正" },
    { "probationary", "left", "取消预备党员资格（出党）" },
    { "probationary", "deceased", "死亡" },
    { "full", "suspended", "停止党籍" },
    { "full", "left", "出党" },
    { "full", "deceased", "死亡" },
    { "suspended", "full", "恢复党籍" },
    { "suspended", "left", "出党（除名）" },
    { "suspended", "deceased", "死亡" },
};

const char *member_status_change_label(const char *from, const char *to)
{
    for (size_t i = 0; from && to && i < ARRAY_LEN(STATUS_CHANGES); i++)
        if (!strcmp(STATUS_CHANGES[i].from, from) && !strcmp(STATUS_CHANGES[i].to, to))
            return STATUS_CHANGES[i].label;
    return NULL;
}

/* E_INVALID "/status" unless from → to is in STATUS_CHANGES (or no change). */
int member_status_change_check(const char *from, const char *to, struct err *err)
{
    char allowed[200] = "";
    size_t n = 0;

    if (!from || !to || !strcmp(from, to) || member_status_change_label(from, to))
        return 0;
    for (size_t i = 0; i < ARRAY_LEN(STATUS_CHANGES); i++)
        if (!strcmp(STATUS_CHANGES[i].from, from))
            n += (size_t)snprintf(allowed + n, n < sizeof(allowed) ? sizeof(allowed) - n : 0,
                                  "%s%s", n ? "、" : "", member_status_label(STATUS_CHANGES[i].to));
    if (!allowed[0])
        return err_set(err, E_INVALID, "/status",
                       "党员状态“%s”不能再变更为“%s”：%s是最终状态，如系登记错误，请联系上级党组织"
                       "核实更正",
                       member_status_label(from), member_status_label(to),
                       member_status_label(from));
    return err_set(err, E_INVALID, "/status", "党员状态不能从“%s”改为“%s”；“%s”只能改为 %s",
                   member_status_label(from), member_status_label(to), member_status_label(from),
                   allowed);
}

const char *member_status_label(const char *code)
{
    return enum_label(MEMBER_STATUSES, MEMBER_STATUS_LABELS, code);
}

const char *member_category_label(const char *code)
{
    return enum_label(MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, code);
}

/* Maps a code or its label to the code; NULL when it is neither. */
const char *member_code_of(const char *const *codes, const char *const *labels, const char *s)
{
    for (size_t i = 0; codes[i]; i++)
        if (strcmp(codes[i], s) == 0 || strcmp(labels[i], s) == 0)
            return codes[i];
    return NULL;
}

/* The status code for a code, label or alias; NULL when it is none. */
const char *member_status_code(const char *s)
{
    return code_or_alias(MEMBER_STATUSES, MEMBER_STATUS_LABELS, STATUS_ALIASES,
                         ARRAY_LEN(STATUS_ALIASES), s);
}
