/* members.c: the member roster service: normalization and business rules of member input,
 * create / update / upsert by ID number (each write with its audit row and member_event
 * history in one transaction), the shared search, masking and the reveal audit. It does
 * not parse HTTP or files: members_http.c and src/io call in with decoded member_in rows. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"
#include "core/json.h"
#include "core/pinyin.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/members/members_int.h"
#include "domain/orgpath.h"

const struct field MEMBER_FIELDS[] = {
    FIELD_STR(struct member_in, name, "name", "姓名", FIELD_OPTIONAL, 1, 50),
    FIELD_STR(struct member_in, former_name, "former_name", "曾用名", FIELD_OPTIONAL, 0, 50),
    FIELD_STR(struct member_in, gender, "gender", "性别", FIELD_OPTIONAL, 1, 4),
    FIELD_STR(struct member_in, ethnicity, "ethnicity", "民族", FIELD_OPTIONAL, 0, 20),
    FIELD_DATE(struct member_in, birth_date, "birth_date", "出生日期", FIELD_OPTIONAL),
    FIELD_STR(struct member_in, id_number, "id_number", "身份证号", FIELD_OPTIONAL, 1, 40),
    FIELD_STR(struct member_in, phone, "phone", "手机号码", FIELD_OPTIONAL, 0, 30),
    FIELD_STR(struct member_in, address, "address", "住址", FIELD_OPTIONAL, 0, 200),
    FIELD_STR(struct member_in, hukou, "hukou", "户籍所在地", FIELD_OPTIONAL, 0, 200),
    FIELD_STR(struct member_in, education, "education", "学历", FIELD_OPTIONAL, 0, 20),
    FIELD_ID(struct member_in, org_id, "org_id", "所在党组织", FIELD_OPTIONAL),
    FIELD_STR(struct member_in, status, "status", "党员状态", FIELD_OPTIONAL, 1, 20),
    FIELD_STR(struct member_in, category, "category", "党员类别", FIELD_OPTIONAL, 1, 20),
    FIELD_DATE(struct member_in, joined_on, "joined_on", "入党日期", FIELD_OPTIONAL),
    FIELD_DATE(struct member_in, full_member_on, "full_member_on", "转正日期", FIELD_OPTIONAL),
    FIELD_STR(struct member_in, work_unit, "work_unit", "工作单位", FIELD_OPTIONAL, 0, 100),
    FIELD_STR(struct member_in, post, "post", "职务", FIELD_OPTIONAL, 0, 50),
    FIELD_STR(struct member_in, tags, "tags", "标签", FIELD_OPTIONAL, 0, 400),
    FIELD_END,
};

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
/* Other words cadres type for a status (import cells, forms). */
static const struct {
    const char *word, *code;
} STATUS_ALIASES[] = {
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
static int status_change_check(const char *from, const char *to, struct err *err)
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

#define TAGS_MAX    20
#define TAG_LEN_MAX 20

const char *member_status_label(const char *code)
{
    return enum_label(MEMBER_STATUSES, MEMBER_STATUS_LABELS, code);
}

const char *member_category_label(const char *code)
{
    return enum_label(MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, code);
}

/* Maps a code or its label to the code; NULL when it is neither. */
static const char *code_of(const char *const *codes, const char *const *labels, const char *s)
{
    for (size_t i = 0; codes[i]; i++)
        if (strcmp(codes[i], s) == 0 || strcmp(labels[i], s) == 0)
            return codes[i];
    return NULL;
}

int64_t member_years_between(const char *from, const char *to)
{
    int fy, fm, fd, ty, tm, td;
    int64_t years;

    if (!from || !to || date_parse(from, &fy, &fm, &fd) < 0 || date_parse(to, &ty, &tm, &td) < 0)
        return -1;
    years = ty - fy;
    if (tm < fm || (tm == fm && td < fd))
        years--;
    return years < 0 ? -1 : years;
}

/* The date n years before today (29 Feb becomes 28 Feb in common years), into out[11]. */
static void years_ago(int64_t n, char out[11])
{
    char today[11];
    int y, m, d;

    clock_today(today);
    if (date_parse(today, &y, &m, &d) < 0) {
        snprintf(out, 11, "%s", today);
        return;
    }
    y -= (int)n;
    if (y < 1)
        y = 1;
    if (m == 2 && d == 29 && !date_is_leap(y))
        d = 28;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* ---- the demo flag ---- */

static pthread_mutex_t demo_mu = PTHREAD_MUTEX_INITIALIZER;
static const struct db *demo_db; /* the database the cached flag was read from */
static bool demo_flag;

int member_demo_instance(struct app *app, bool *demo_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    const char *v = NULL;
    bool cached = false;
    int rc;

    if (app->cfg && app->cfg->id_demo_prefix) {
        *demo_out = true;
        return 0;
    }
    pthread_mutex_lock(&demo_mu);
    if (demo_db == app->db) {
        *demo_out = demo_flag;
        cached = true;
    }
    pthread_mutex_unlock(&demo_mu);
    if (cached)
        return 0;
    arena_init(&a, 256);
    rc = db_acquire(app->db, &c, err);
    if (rc == 0)
        rc = member_store_setting(c, "instance.demo", &a, &v, err);
    db_release(app->db, &c);
    if (rc == 0) {
        *demo_out = v && strcmp(v, "1") == 0;
        pthread_mutex_lock(&demo_mu);
        demo_db = app->db;
        demo_flag = *demo_out;
        pthread_mutex_unlock(&demo_mu);
    }
    arena_release(&a);
    return rc;
}

/* ---- normalization and rules ---- */

/* Phone: digits only, without a +86 / 86 country prefix; PHONE-LOOSE. "" stays "". */
static int phone_normalize(char **phone, struct arena *a, struct err *err)
{
    char digits[32];
    size_t n = 0;
    const char *p = *phone, *d = digits;

    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n + 1 >= sizeof(digits))
                break;
            digits[n++] = *p;
        } else if (*p != ' ' && *p != '-' && *p != '+' && *p != '(' && *p != ')') {
            return err_set(err, E_INVALID, "/phone",
                           "手机号码只能包含数字，请填写 11 位手机号码，例如 13812345678");
        }
    }
    digits[n] = '\0';
    if (n == 0 && **phone == '\0')
        return 0;
    if (n == 13 && strncmp(digits, "86", 2) == 0) {
        d += 2;
        n -= 2;
    }
    if (n != 11 || d[0] != '1' || d[1] < '3' || d[1] > '9')
        return err_set(err, E_INVALID, "/phone",
                       "手机号码应为 11 位数字，以 13–19 开头，例如 13812345678");
    *phone = arena_strdup(a, d);
    return 0;
}

/* Splits tags on , ， 、 ; ； and spaces, trims, drops duplicates, checks lengths and joins
 * them with ','. */
static int tags_normalize(char **tags, struct arena *a, struct err *err)
{
    struct buf out;
    const char *names[TAGS_MAX];
    size_t lens[TAGS_MAX], n = 0;
    const char *p = *tags;

    buf_init(&out, a, 1024);
    while (*p) {
        const char *start = p;
        size_t len;
        uint32_t cp;
        const char *q = p;

        /* Scan to the next separator. */
        for (;;) {
            const char *before = q;
            cp = utf8_next(&q);
            if (cp == 0 || cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == ';' || cp == 0xFF1B ||
                cp == ' ' || cp == 0x3000) {
                len = (size_t)(before - start);
                p = cp == 0 ? before : q;
                break;
            }
        }
        if (len == 0)
            continue;
        {
            char *t = arena_strndup(a, start, len);
            bool dup = false;
            if (utf8_len(t) > TAG_LEN_MAX)
                return err_set(err, E_INVALID, "/tags", "标签“%s”太长，每个标签不超过 %d 个字", t,
                               TAG_LEN_MAX);
            for (size_t i = 0; i < n; i++)
                dup |= lens[i] == len && memcmp(names[i], t, len) == 0;
            if (dup)
                continue;
            if (n == TAGS_MAX)
                return err_set(err, E_INVALID, "/tags", "标签最多 %d 个", TAGS_MAX);
            names[n] = t;
            lens[n++] = len;
            if (out.len)
                buf_putc(&out, ',');
            buf_append(&out, t, len);
        }
    }
    *tags = arena_strdup(a, buf_cstr(&out));
    return 0;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

/* The rules that need no database: date order and sanity, age at joining, the status and its
 * dates, birth date and gender against the ID number. */
static int member_check(const struct member_in *m, struct err *err)
{
    char today[11];
    const struct {
        const char *v, *field, *label;
    } dates[] = {
        { m->birth_date, "/birth_date", "出生日期" },
        { m->joined_on, "/joined_on", "入党日期" },
        { m->full_member_on, "/full_member_on", "转正日期" },
    };

    clock_today(today);
    for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
        int y, mo, d;
        if (blank(dates[i].v))
            continue;
        if (date_parse(dates[i].v, &y, &mo, &d) < 0)
            return err_set(err, E_INVALID, dates[i].field, "%s应为 YYYY-MM-DD 格式的日期",
                           dates[i].label);
        if (strcmp(dates[i].v, today) > 0)
            return err_set(err, E_INVALID, dates[i].field, "%s（%s）不能晚于今天", dates[i].label,
                           dates[i].v);
        if (y < 1880)
            return err_set(err, E_INVALID, dates[i].field, "%s（%s）不合理，请核对", dates[i].label,
                           dates[i].v);
    }
    if (!blank(m->id_number) && strlen(m->id_number) == 18) {
        char birth[11], g = idcard_gender(m->id_number);
        if (!blank(m->birth_date) && idcard_birth_date(m->id_number, birth) == 0 &&
            strcmp(birth, m->birth_date) != 0)
            return err_set(err, E_INVALID, "/birth_date",
                           "出生日期 %s 与身份证号中的出生日期 %s 不一致，请核对", m->birth_date,
                           birth);
        if (!blank(m->gender) && g && m->gender[0] != g)
            return err_set(err, E_INVALID, "/gender",
                           "性别与身份证号不一致：身份证号第 17 位表示%s性，请核对",
                           g == 'M' ? "男" : "女");
    }
    if (!blank(m->birth_date) && !blank(m->joined_on)) {
        if (strcmp(m->joined_on, m->birth_date) <= 0)
            return err_set(err, E_INVALID, "/joined_on", "入党日期应晚于出生日期");
        if (member_years_between(m->birth_date, m->joined_on) < 18)
            return err_set(err, E_INVALID, "/joined_on",
                           "入党时应年满 18 周岁：出生日期 %s，入党日期 %s", m->birth_date,
                           m->joined_on);
    }
    if (!blank(m->joined_on) && !blank(m->full_member_on) &&
        strcmp(m->full_member_on, m->joined_on) <= 0)
        return err_set(err, E_INVALID, "/full_member_on", "转正日期应晚于入党日期（%s）",
                       m->joined_on);
    if (!blank(m->full_member_on) && blank(m->joined_on))
        return err_set(err, E_INVALID, "/joined_on", "填写了转正日期时，请同时填写入党日期");
    if (m->status && strcmp(m->status, "probationary") == 0 && !blank(m->full_member_on))
        return err_set(err, E_INVALID, "/full_member_on",
                       "预备党员没有转正日期；如已转正，请把党员状态改为正式党员");
    return 0;
}

/* The status code for a code, label or alias; NULL when it is none. */
static const char *status_code(const char *s)
{
    const char *code = code_of(MEMBER_STATUSES, MEMBER_STATUS_LABELS, s);

    for (size_t i = 0; !code && i < ARRAY_LEN(STATUS_ALIASES); i++)
        if (!strcmp(STATUS_ALIASES[i].word, s))
            code = STATUS_ALIASES[i].code;
    return code;
}

int member_normalize(struct app *app, struct member_in *m, struct arena *a, struct err *err)
{
    bool demo = false;

    if (m->gender) {
        if (!strcmp(m->gender, "M") || !strcmp(m->gender, "m") || !strcmp(m->gender, "男"))
            m->gender = arena_strdup(a, "M");
        else if (!strcmp(m->gender, "F") || !strcmp(m->gender, "f") || !strcmp(m->gender, "女"))
            m->gender = arena_strdup(a, "F");
        else
            return err_set(err, E_INVALID, "/gender", "性别应为“男”或“女”");
    }
    if (m->status) {
        const char *code = status_code(m->status);
        if (!code)
            return err_set(err, E_INVALID, "/status",
                           "党员状态应为 预备党员、正式党员、停止党籍、出党 或 死亡");
        m->status = arena_strdup(a, code);
    }
    if (m->category) {
        const char *code = code_of(MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, m->category);
        if (!code)
            return err_set(err, E_INVALID, "/category",
                           "党员类别应为 组织关系在社区、外出流动、在职党员报到、离退休、下岗失业、"
                           "两新组织、学生 或 其他");
        m->category = arena_strdup(a, code);
    }
    if (m->id_number) {
        char id[19];
        if (idcard_normalize(m->id_number, id, err) < 0 ||
            member_demo_instance(app, &demo, err) < 0 || idcard_check_region(id, demo, err) < 0)
            return -1;
        m->id_number = arena_strdup(a, id);
        if (!m->birth_date) {
            char birth[11];
            if (idcard_birth_date(id, birth) == 0)
                m->birth_date = arena_strdup(a, birth);
        }
        if (!m->gender && idcard_gender(id))
            m->gender = arena_strdup(a, idcard_gender(id) == 'M' ? "M" : "F");
    }
    if (m->phone && phone_normalize(&m->phone, a, err) < 0)
        return -1;
    if (m->tags && tags_normalize(&m->tags, a, err) < 0)
        return -1;
    return member_check(m, err);
}

/* ---- views ---- */

static void view_finish(struct member_view *v, const char *today)
{
    v->status_label = member_status_label(v->status);
    v->category_label = member_category_label(v->category);
    v->age = member_years_between(v->birth_date, today);
    v->party_age = member_years_between(v->joined_on, today);
}

static char *mask_keep(const char *s, size_t head, size_t tail, size_t stars, struct arena *a)
{
    size_t n = strlen(s);
    char *out;

    if (n <= head + tail) {
        head = n > 2 ? 1 : 0;
        tail = 0;
    }
    out = arena_alloc(a, head + stars + tail + 1);
    memcpy(out, s, head);
    memset(out + head, '*', stars);
    memcpy(out + head + stars, s + n - tail, tail);
    out[head + stars + tail] = '\0';
    return out;
}

void member_mask(struct member_view *v, unsigned reveal, struct arena *a)
{
    if (v->id_number && !(reveal & MEMBER_REVEAL_ID))
        v->id_number = mask_keep(v->id_number, 6, 4, strlen(v->id_number) == 18 ? 8 : 4, a);
    if (v->phone && !(reveal & MEMBER_REVEAL_PHONE))
        v->phone = mask_keep(v->phone, 3, 4, 4, a);
    if (v->address && !(reveal & MEMBER_REVEAL_ADDRESS)) {
        /* Keep the first half (at most 10 characters): district and street, not the room. */
        size_t chars = utf8_len(v->address), keep = chars / 2 > 10 ? 10 : chars / 2;
        const char *p = v->address;
        for (size_t i = 0; i < keep; i++)
            utf8_next(&p);
        v->address = arena_printf(a, "%.*s****", (int)(p - v->address), v->address);
    }
}

/* Copies a view into a member_in (for merging a patch over the stored record). */
static void view_to_in(const struct member_view *v, struct member_in *m, struct arena *a)
{
#define DUP(s) ((s) ? arena_strdup(a, (s)) : NULL)
    m->name = DUP(v->name);
    m->former_name = DUP(v->former_name);
    m->gender = DUP(v->gender);
    m->ethnicity = DUP(v->ethnicity);
    m->birth_date = DUP(v->birth_date);
    m->id_number = DUP(v->id_number);
    m->phone = DUP(v->phone);
    m->address = DUP(v->address);
    m->hukou = DUP(v->hukou);
    m->education = DUP(v->education);
    m->org_id = v->org_id;
    m->status = DUP(v->status);
    m->category = DUP(v->category);
    m->joined_on = DUP(v->joined_on);
    m->full_member_on = DUP(v->full_member_on);
    m->work_unit = DUP(v->work_unit);
    m->post = DUP(v->post);
    m->tags = NULL; /* unchanged unless the patch names tags */
#undef DUP
}

/* Lays the non-NULL fields of patch over m. */
static void merge(struct member_in *m, const struct member_in *patch)
{
#define OVER(f)                                                                                    \
    if (patch->f)                                                                                  \
    m->f = patch->f
    OVER(name);
    OVER(former_name);
    OVER(gender);
    OVER(ethnicity);
    OVER(birth_date);
    OVER(id_number);
    OVER(phone);
    OVER(address);
    OVER(hukou);
    OVER(education);
    OVER(status);
    OVER(category);
    OVER(joined_on);
    OVER(full_member_on);
    OVER(work_unit);
    OVER(post);
    OVER(tags);
    if (patch->org_id)
        m->org_id = patch->org_id;
#undef OVER
}

/* A member record as the audit digest sees it (audit_change_digest): an object with every
 * MEMBER_FIELDS key, text as strings ("" and NULL as null), org_id as an integer; tags is
 * the comma-separated list as stored. */
static json_t *member_json(const struct member_in *m)
{
    json_t *o = json_object();

    ASSERT(o);
    for (const struct field *f = MEMBER_FIELDS; f->name; f++) {
        const char *at = (const char *)m + f->offset;
        if (f->type == FIELD_T_ID) {
            int64_t v;
            memcpy(&v, at, sizeof(v));
            json_object_set_new(o, f->name, v ? jint(v) : json_null());
        } else {
            const char *v;
            memcpy(&v, at, sizeof(v));
            json_object_set_new(o, f->name, v && *v ? jstr(v) : json_null());
        }
    }
    return o;
}

/* audit_change_digest(NULL, member_json(m)), the digest of "member.create", written without
 * the jansson tree (audit_create_digest): the importer makes one per new member. */
static void member_create_digest(const struct member_in *m, char out[65])
{
    struct audit_field f[ARRAY_LEN(MEMBER_FIELDS)];
    size_t n = 0;

    for (const struct field *sp = MEMBER_FIELDS; sp->name; sp++, n++) {
        const char *at = (const char *)m + sp->offset;
        f[n] = (struct audit_field){ .key = sp->name };
        if (sp->type == FIELD_T_ID) {
            memcpy(&f[n].num, at, sizeof(f[n].num));
            f[n].is_int = f[n].num != 0;
        } else {
            const char *v;
            memcpy(&v, at, sizeof(v));
            f[n].text = v && *v ? v : NULL;
        }
    }
    audit_create_digest(f, n, out);
}

/* The member's audit row; digest is hex (audit_change_digest) or NULL. */
static struct audit_entry member_audit_entry(const struct auth_actor *actor, const char *action,
                                             int64_t member_id, int64_t org_id, const char *digest)
{
    struct audit_entry e = auth_audit_entry(actor, action, "member", member_id, org_id);

    e.digest = digest;
    return e;
}

/* Appends the member's audit row. */
static int audit_member(struct db_conn *c, const struct auth_actor *actor, const char *action,
                        int64_t member_id, int64_t org_id, const char *digest, struct err *err)
{
    struct audit_entry e = member_audit_entry(actor, action, member_id, org_id, digest);

    return audit_append(c, &e, err);
}

static int64_t actor_user_id(const struct auth_actor *actor)
{
    return actor && actor->user ? actor->user->id : 0;
}

static char *initials_of(const char *name, struct arena *a)
{
    char keys[PINYIN_MAX_KEYS * 34];

    if (!name)
        return NULL;
    pinyin_name_keys(name, keys, sizeof(keys));
    return arena_strdup(a, keys);
}

/* Inserts person (or updates person_id's) and the member; history and audit rows. */
static int insert_member(struct db_conn *c, const struct member_in *m, int64_t person_id,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct arena a;
    struct member_org org;
    struct member_in in = *m;
    char today[11], digest[65];
    int64_t now = clock_now(), pid = person_id;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (blank(in.name)) {
        err_set(err, E_INVALID, "/name", "请填写姓名");
        goto out;
    }
    if (!in.org_id) {
        err_set(err, E_INVALID, "/org_id", "请选择所在党组织");
        goto out;
    }
    if (blank(in.gender)) {
        err_set(err, E_INVALID, "/gender", "请填写性别");
        goto out;
    }
    if (!in.status)
        in.status = arena_strdup(&a, "full");
    if (!in.category)
        in.category = arena_strdup(&a, "community");
    if (member_store_org(c, in.org_id, &a, &org, err) < 0)
        goto out;
    if (org.dissolved_on) {
        err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能再登记党员");
        goto out;
    }
    if (pid == 0) {
        if (member_store_person_insert(c, &in, org.tenant_id, initials_of(in.name, &a), now, &pid,
                                       err) < 0)
            goto out;
    } else if (member_store_person_update(c, pid, &in, initials_of(in.name, &a), now, err) < 0) {
        goto out;
    }
    audit_change_digest(NULL, member_json(&in), digest);
    if (member_store_member_insert(c, &in, org.tenant_id, pid, org.path, now, id_out, err) < 0 ||
        (in.tags && member_store_tags_set(c, *id_out, in.tags, err) < 0) ||
        member_store_event_insert(c, org.tenant_id, *id_out, "create", today, NULL, in.status, NULL,
                                  NULL, actor_user_id(actor), now, err) < 0 ||
        audit_member(c, actor, "member.create", *id_out, in.org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* Writes merged (already checked) over the stored member cur, with history and audit. */
static int apply_update(struct db_conn *c, const struct member_view *cur,
                        const struct member_in *merged, const struct member_change_note *note,
                        const struct auth_actor *actor, struct err *err)
{
    struct arena a;
    struct member_org org;
    const char *path = NULL;
    char today[11], old_org[24], new_org[24], digest[65];
    const char *on = note && note->effective_on ? note->effective_on : NULL;
    struct member_in before = { 0 }, after = *merged;
    const char *doc = note ? note->doc_no : NULL, *txt = note ? note->note : NULL;
    int64_t now = clock_now(), uid = actor_user_id(actor);
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (!on)
        on = today;
    if (blank(merged->name) || blank(merged->gender)) {
        err_set(err, E_INVALID, blank(merged->name) ? "/name" : "/gender", "%s不能为空",
                blank(merged->name) ? "姓名" : "性别");
        goto out;
    }
    if (cur->id_number && merged->id_number && !*merged->id_number) {
        err_set(err, E_INVALID, "/id_number", "身份证号不能清空");
        goto out;
    }
    if (status_change_check(cur->status, merged->status, err) < 0)
        goto out;
    /* The date a change took effect: not ahead of today, not before the member joined. */
    if (strcmp(on, today) > 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期（%s）不能晚于今天（%s）", on, today);
        goto out;
    }
    if (!blank(merged->joined_on) && strcmp(on, merged->joined_on) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期（%s）不能早于入党日期（%s）", on,
                merged->joined_on);
        goto out;
    }
    if (member_store_org(c, merged->org_id, &a, &org, err) < 0)
        goto out;
    if (merged->org_id != cur->org_id) {
        if (org.dissolved_on) {
            err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能转入");
            goto out;
        }
        path = org.path;
    }
    if (member_store_person_update(
            c, cur->person_id, merged,
            strcmp(merged->name, cur->name) ? initials_of(merged->name, &a) : NULL, now, err) < 0 ||
        member_store_member_update(c, cur->id, merged, path, now, err) < 0 ||
        (merged->tags && member_store_tags_set(c, cur->id, merged->tags, err) < 0))
        goto out;
    snprintf(old_org, sizeof(old_org), "%" PRId64, cur->org_id);
    snprintf(new_org, sizeof(new_org), "%" PRId64, merged->org_id);
    if (strcmp(cur->status, merged->status) &&
        member_store_event_insert(c, org.tenant_id, cur->id, "status", on, cur->status,
                                  merged->status, doc, txt, uid, now, err) < 0)
        goto out;
    if (strcmp(cur->category, merged->category) &&
        member_store_event_insert(c, org.tenant_id, cur->id, "category", on, cur->category,
                                  merged->category, doc, txt, uid, now, err) < 0)
        goto out;
    if (path && member_store_event_insert(c, org.tenant_id, cur->id, "org", on, old_org, new_org,
                                          doc, txt, uid, now, err) < 0)
        goto out;
    view_to_in(cur, &before, &a);
    before.tags = cur->tags ? arena_strdup(&a, cur->tags) : NULL;
    if (!after.tags)
        after.tags = before.tags;
    audit_change_digest(member_json(&before), member_json(&after), digest);
    if (audit_member(c, actor, "member.update", cur->id, merged->org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int member_upsert(struct db_conn *c, const struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, bool *created_out, struct err *err)
{
    struct arena a;
    struct member_key key;
    struct member_view cur;
    struct member_in merged;
    int rc = -1;

    if (blank(m->id_number))
        return err_set(err, E_INVALID, "/id_number", "请填写身份证号");
    arena_init(&a, 2048);
    if (member_store_key_by_id_number(c, m->id_number, &a, &key, err) < 0) {
        if (err->code != E_NOT_FOUND)
            goto out;
        err_clear(err);
        key.person_id = key.member_id = 0;
    }
    if (!key.member_id) {
        if (insert_member(c, m, key.person_id, actor, id_out, err) < 0)
            goto out;
        *created_out = true;
        rc = 0;
        goto out;
    }
    if (member_store_get(c, key.member_id, false, &a, &cur, err) < 0)
        goto out;
    memset(&merged, 0, sizeof(merged));
    view_to_in(&cur, &merged, &a);
    merge(&merged, m);
    if (member_check(&merged, err) < 0 || apply_update(c, &cur, &merged, NULL, actor, err) < 0)
        goto out;
    *id_out = cur.id;
    *created_out = false;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* One new person and member of member_upsert_many, checked as insert_member checks it. */
struct new_row {
    size_t at; /* index in the caller's rows */
    struct member_in in;
    int64_t tenant_id, person_id, member_id;
    const char *org_path, *initials;
};

/* insert_member's checks and defaults for a person not yet known (pid 0), without writing. */
static int new_row_prepare(struct db_conn *c, const struct member_in *m, struct member_org *org,
                           struct arena *a, struct new_row *out, struct err *err)
{
    out->in = *m;
    if (blank(m->name))
        return err_set(err, E_INVALID, "/name", "请填写姓名");
    if (!m->org_id)
        return err_set(err, E_INVALID, "/org_id", "请选择所在党组织");
    if (blank(m->gender))
        return err_set(err, E_INVALID, "/gender", "请填写性别");
    if (!m->status)
        out->in.status = arena_strdup(a, "full");
    if (!m->category)
        out->in.category = arena_strdup(a, "community");
    if (org->id != m->org_id && member_store_org(c, m->org_id, a, org, err) < 0)
        return -1;
    if (org->dissolved_on)
        return err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能再登记党员");
    out->tenant_id = org->tenant_id;
    out->org_path = org->path;
    out->initials = initials_of(m->name, a);
    return 0;
}

/* What insert_member writes after the person and member rows, for the new rows nr[0..n) of
 * member_upsert_many: their tags, 'create' events and audit rows, several rows per statement. */
static int new_rows_finish(struct db_conn *c, const struct new_row *nr, size_t n,
                           const struct auth_actor *actor, const char *today, int64_t now,
                           struct arena *a, struct err *err)
{
    struct member_tag_row *tags;
    struct audit_entry *audit = arena_alloc(a, (n ? n : 1) * sizeof(*audit));
    int64_t *tenants = arena_alloc(a, (n ? n : 1) * sizeof(*tenants));
    int64_t *mids = arena_alloc(a, (n ? n : 1) * sizeof(*mids));
    const char **statuses = arena_alloc(a, (n ? n : 1) * sizeof(*statuses));
    size_t ntags = 0, cap = 0;

    for (size_t k = 0; k < n; k++)
        for (const char *p = nr[k].in.tags; p && *p; p++)
            cap += *p == ',';
    cap += n;
    tags = arena_alloc(a, cap * sizeof(*tags));
    for (size_t k = 0; k < n; k++) {
        const struct new_row *r = &nr[k];
        char *digest = arena_alloc(a, 65);
        /* The tags as member_store_tags_set splits them: empty pieces are skipped. */
        for (const char *p = r->in.tags; p && *p;) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            if (len > 0)
                tags[ntags++] = (struct member_tag_row){ r->member_id, p, len };
            p = end ? end + 1 : p + len;
        }
        tenants[k] = r->tenant_id;
        mids[k] = r->member_id;
        statuses[k] = r->in.status;
        member_create_digest(&r->in, digest);
        audit[k] = member_audit_entry(actor, "member.create", r->member_id, r->in.org_id, digest);
    }
    if (member_store_tags_insert_many(c, tags, ntags, err) < 0 ||
        member_store_create_events(c, tenants, mids, statuses, n, today, actor_user_id(actor), now,
                                   err) < 0)
        return -1;
    return audit_append_many(c, audit, n, err);
}

int member_upsert_many(struct db_conn *c, const struct member_in *const *rows, size_t n,
                       const bool *absent, const struct auth_actor *actor, bool *created_out,
                       struct err *err)
{
    struct arena a;
    struct member_org org = { 0 };
    struct new_row *nr;
    size_t nnew = 0, k;
    char today[11];
    int64_t now = clock_now();
    int rc = -1;

    arena_init(&a, 64 * 1024);
    clock_today(today);
    nr = arena_alloc(&a, (n ? n : 1) * sizeof(*nr));
    /* Known people (members to update, persons to make members) go through member_upsert;
     * new people are collected and written in chunks. */
    for (size_t i = 0; i < n; i++) {
        struct member_key key;
        int64_t id;
        if (blank(rows[i]->id_number)) {
            err_set(err, E_INVALID, "/id_number", "请填写身份证号");
            goto out;
        }
        if (!absent || !absent[i]) {
            if (member_store_key_by_id_number(c, rows[i]->id_number, &a, &key, err) == 0) {
                if (member_upsert(c, rows[i], actor, &id, &created_out[i], err) < 0)
                    goto out;
                continue;
            }
            if (err->code != E_NOT_FOUND)
                goto out;
            err_clear(err);
        }
        if (new_row_prepare(c, rows[i], &org, &a, &nr[nnew], err) < 0)
            goto out;
        nr[nnew++].at = i;
    }
    for (k = 0; k + MEMBER_STORE_CHUNK <= nnew; k += MEMBER_STORE_CHUNK) {
        const struct member_in *m[MEMBER_STORE_CHUNK];
        const char *initials[MEMBER_STORE_CHUNK], *paths[MEMBER_STORE_CHUNK];
        int64_t tenants[MEMBER_STORE_CHUNK], pids[MEMBER_STORE_CHUNK], mids[MEMBER_STORE_CHUNK];
        for (int j = 0; j < MEMBER_STORE_CHUNK; j++) {
            m[j] = &nr[k + j].in;
            initials[j] = nr[k + j].initials;
            paths[j] = nr[k + j].org_path;
            tenants[j] = nr[k + j].tenant_id;
        }
        if (member_store_person_insert_chunk(c, m, tenants, initials, now, pids, err) < 0 ||
            member_store_member_insert_chunk(c, m, tenants, pids, paths, now, mids, err) < 0)
            goto out;
        for (int j = 0; j < MEMBER_STORE_CHUNK; j++) {
            nr[k + j].person_id = pids[j];
            nr[k + j].member_id = mids[j];
        }
    }
    for (; k < nnew; k++) {
        struct new_row *r = &nr[k];
        if (member_store_person_insert(c, &r->in, r->tenant_id, r->initials, now, &r->person_id,
                                       err) < 0 ||
            member_store_member_insert(c, &r->in, r->tenant_id, r->person_id, r->org_path, now,
                                       &r->member_id, err) < 0)
            goto out;
    }
    if (new_rows_finish(c, nr, nnew, actor, today, now, &a, err) < 0)
        goto out;
    for (k = 0; k < nnew; k++)
        created_out[nr[k].at] = true;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int member_org_of_id_number(struct db_conn *c, const char *id_number, struct arena *a,
                            int64_t *org_id_out, const char **org_path_out, struct err *err)
{
    struct member_key key;

    if (member_store_key_by_id_number(c, id_number, a, &key, err) < 0)
        return -1;
    if (!key.member_id)
        return err_set(err, E_NOT_FOUND, "/id_number", "该身份证号尚未登记为党员");
    *org_id_out = key.org_id;
    *org_path_out = key.org_path;
    return 0;
}

/* Whether two comma-separated tag lists hold the same tags (in any order): each list's tags
 * are all in the other. */
static bool tags_same(const char *x, const char *y)
{
    const char *p;

    x = x ? x : "";
    y = y ? y : "";
    for (int pass = 0; pass < 2; pass++) {
        const char *from = pass ? y : x, *in = pass ? x : y;
        for (p = from; *p;) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            bool found = false;
            for (const char *q = in; *q && !found;) {
                const char *qe = strchr(q, ',');
                size_t ql = qe ? (size_t)(qe - q) : strlen(q);
                found = ql == len && !memcmp(p, q, len);
                q += ql + (qe ? 1 : 0);
            }
            if (len && !found)
                return false;
            p += len + (end ? 1 : 0);
        }
    }
    return true;
}

int member_match_id_number(struct db_conn *c, const struct member_in *m, struct arena *a,
                           struct member_match *out, struct err *err)
{
    struct member_key key;
    struct member_view cur;
    struct member_in was = { 0 };

    if (member_store_key_by_id_number(c, m->id_number, a, &key, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        key.person_id = key.member_id = 0;
    }
    if (!key.member_id) {
        memset(out, 0, sizeof(*out));
        out->person_id = key.person_id;
        return 0;
    }
    if (member_store_get(c, key.member_id, false, a, &cur, err) < 0)
        return -1;
    view_to_in(&cur, &was, a);
    was.tags = cur.tags ? arena_strdup(a, cur.tags) : NULL;
    memset(out, 0, sizeof(*out));
    out->member_id = cur.id;
    out->person_id = cur.person_id;
    out->org_id = cur.org_id;
    out->org_path = cur.org_path;
    out->org_name = cur.org_name;
    out->name = cur.name;
    out->changed = arena_alloc(a, ARRAY_LEN(MEMBER_FIELDS) * sizeof(*out->changed));
    for (const struct field *f = MEMBER_FIELDS; f->name; f++) {
        const char *now_at = (const char *)m + f->offset, *was_at = (const char *)&was + f->offset;
        bool changed;
        if (f->type == FIELD_T_ID) {
            int64_t nv, wv;
            memcpy(&nv, now_at, sizeof(nv));
            memcpy(&wv, was_at, sizeof(wv));
            changed = nv && nv != wv;
        } else {
            const char *nv, *wv;
            memcpy(&nv, now_at, sizeof(nv));
            memcpy(&wv, was_at, sizeof(wv));
            if (!nv)
                continue; /* absent: unchanged */
            if (!strcmp(f->name, "tags"))
                changed = !tags_same(nv, wv);
            else
                changed = strcmp(nv, wv ? wv : "") != 0;
        }
        if (changed)
            out->changed[out->nchanged++] = f->label;
    }
    return 0;
}

int member_create(struct app *app, struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_key key;
    int rc = -1;

    arena_init(&a, 2048);
    if (blank(m->id_number)) {
        err_set(err, E_INVALID, "/id_number", "请填写身份证号");
        goto out;
    }
    if (member_normalize(app, m, &a, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0)
        goto out;
    if (member_store_key_by_id_number(c, m->id_number, &a, &key, err) == 0) {
        if (key.member_id) {
            err_set(err, E_CONFLICT, "/id_number", "该身份证号已登记为党员，请在名册中查找后修改");
            goto out;
        }
    } else if (err->code == E_NOT_FOUND) {
        err_clear(err);
        key.person_id = 0;
    } else {
        goto out;
    }
    if (insert_member(c, m, key.person_id, actor, id_out, err) < 0 || db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int member_update(struct app *app, int64_t id, struct member_in *patch,
                  const struct member_change_note *note, const struct auth_actor *actor,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_view cur;
    struct member_in merged = { 0 };
    int rc = -1;

    arena_init(&a, 2048);
    if (patch->id_number && !*patch->id_number) {
        err_set(err, E_INVALID, "/id_number", "身份证号不能清空");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        member_store_get(c, id, false, &a, &cur, err) < 0)
        goto out;
    /* The status change first: its message says more than the rules of the new status. */
    if (patch->status && status_code(patch->status) &&
        status_change_check(cur.status, status_code(patch->status), err) < 0)
        goto out;
    view_to_in(&cur, &merged, &a);
    merge(&merged, patch);
    /* A patch naming birth date or gender alone must agree with the stored ID number, and
     * a new ID number re-derives them unless the patch names them too. */
    if (patch->id_number && !patch->birth_date)
        merged.birth_date = NULL;
    if (patch->id_number && !patch->gender)
        merged.gender = NULL;
    if (member_normalize(app, &merged, &a, err) < 0 ||
        apply_update(c, &cur, &merged, note, actor, err) < 0 || db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

static int get_view(struct app *app, int64_t id, bool by_person, struct arena *a,
                    struct member_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_get(c, id, by_person, a, out, err);
    db_release(app->db, &c);
    if (rc == 0) {
        clock_today(today);
        view_finish(out, today);
    }
    return rc;
}

int member_get(struct app *app, int64_t id, struct arena *a, struct member_view *out,
               struct err *err)
{
    return get_view(app, id, false, a, out, err);
}

int member_of_person(struct app *app, int64_t person_id, struct arena *a, struct member_view *out,
                     struct err *err)
{
    return get_view(app, person_id, true, a, out, err);
}

int member_events(struct app *app, int64_t id, struct arena *a, struct member_event_view **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_events(c, id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

const struct field MEMBER_CARD_FIELDS[] = {
    FIELD_STR(struct member_card, skills, "skills", "服务专长", FIELD_OPTIONAL, 0, 200),
    FIELD_STR(struct member_card, pledge, "pledge", "服务承诺", FIELD_OPTIONAL, 0, 500),
    FIELD_STR(struct member_card, households, "households", "联系户", FIELD_OPTIONAL, 0, 500),
    FIELD_STR(struct member_card, service_time, "service_time", "服务时间", FIELD_OPTIONAL, 0, 100),
    FIELD_END,
};

int member_card_get(struct app *app, int64_t id, struct arena *a, struct member_card *out,
                    struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_card_get(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

static json_t *card_json(const struct member_card *k)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "skills", k->skills, "pledge", k->pledge, "households",
                     k->households, "service_time", k->service_time);
}

int member_card_update(struct app *app, int64_t id, int64_t org_id, const struct member_card *in,
                       const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_card cur, next;
    char digest[65];
    int rc = -1;

    arena_init(&a, 0);
    if (db_acquire(app->db, &c, err) < 0)
        goto out;
    if (db_tx_begin(c, err) < 0 || member_store_card_get(c, id, &a, &cur, err) < 0)
        goto out;
    next = cur;
    next.skills = in->skills ? in->skills : cur.skills;
    next.pledge = in->pledge ? in->pledge : cur.pledge;
    next.households = in->households ? in->households : cur.households;
    next.service_time = in->service_time ? in->service_time : cur.service_time;
    audit_change_digest(cur.updated_at ? card_json(&cur) : NULL, card_json(&next), digest);
    if (member_store_card_put(c, id, &next, actor_user_id(actor), clock_now(), err) < 0 ||
        audit_member(c, actor, "member.card", id, org_id, digest, err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    if (c)
        db_release(app->db, &c);
    arena_release(&a);
    return rc;
}

int member_reveal_audit(struct app *app, const struct member_view *v, unsigned fields,
                        const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    char what[64], digest[65];
    int rc = -1;

    snprintf(what, sizeof(what), "%s%s%s", fields & MEMBER_REVEAL_ID ? "id_number," : "",
             fields & MEMBER_REVEAL_PHONE ? "phone," : "",
             fields & MEMBER_REVEAL_ADDRESS ? "address," : "");
    audit_digest(what, strlen(what), digest);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        audit_member(c, actor, "member.reveal", v->id, v->org_id, digest, err) < 0 ||
        db_tx_commit(c, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* "%q%" with LIKE wildcards in q escaped by '\'. */
static char *like_pattern(const char *prefix, const char *q, struct arena *a)
{
    struct buf b;

    buf_init(&b, a, 512);
    buf_puts(&b, prefix);
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    return arena_strdup(a, buf_cstr(&b));
}

int member_search(struct app *app, const struct member_query *q, struct arena *a,
                  struct member_view **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct member_search_args s = { .q = q };
    char upper[ORG_PATH_MAX], before[11], after[11], today[11];
    int rc;

    ASSERT(q->org_path);
    if (q->page < 1 || q->size < 1 || q->size > 10000)
        return err_set(err, E_INVALID, "/size", "分页参数无效");
    s.sort = 0;
    if (q->sort && *q->sort) {
        s.sort = -1;
        for (int i = 0; MEMBER_SORTS[i]; i++)
            if (!strcmp(MEMBER_SORTS[i], q->sort))
                s.sort = i;
        if (s.sort < 0)
            return err_set(err, E_INVALID, "/sort",
                           "排序方式应为 id、name、joined_on、birth_date 之一（前加 - 表示倒序）");
    }
    if (q->category && !code_of(MEMBER_CATEGORIES, MEMBER_CATEGORIES, q->category))
        return err_set(err, E_INVALID, "/category", "党员类别无效：%s", q->category);
    if (q->status && !code_of(MEMBER_STATUS_FILTERS, MEMBER_STATUS_FILTERS, q->status))
        return err_set(err, E_INVALID, "/status", "党员状态无效：%s", q->status);
    if (q->status)
        s.statuses = !strcmp(q->status, "current") ? ",probationary,full,"
                                                   : arena_printf(a, ",%s,", q->status);
    if (q->age_min > 0 && q->age_max > 0 && q->age_min > q->age_max)
        return err_set(err, E_INVALID, "/age_min", "最小年龄不能大于最大年龄");
    orgpath_upper(q->org_path, upper);
    s.upper = upper;
    if (q->age_min > 0) {
        years_ago(q->age_min, before);
        s.born_before = before;
    }
    if (q->age_max > 0) {
        years_ago(q->age_max + 1, after);
        s.born_after = after;
    }
    if (q->q && *q->q) {
        bool letters = true;
        for (const char *p = q->q; *p; p++)
            letters &= isalpha((unsigned char)*p) != 0;
        if (letters) {
            /* Pinyin initials (and Latin names, whose keys are their letters): a prefix of
             * any of the name's keys; '{' sorts right after 'z'. */
            char *low = arena_strdup(a, q->q);
            for (char *p = low; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            s.term_lo = arena_printf(a, "i:%s", low);
            s.term_hi = arena_printf(a, "i:%s{", low);
        } else if (utf8_len(q->q) == 2) {
            /* A two-character piece of the name: exactly one term; "\x01" bounds it. */
            s.term_lo = arena_printf(a, "b:%s", q->q);
            s.term_hi = arena_printf(a, "b:%s\x01", q->q);
        } else if (utf8_len(q->q) >= 3) {
            s.fts = q->q; /* the store quotes it for the trigram index */
        } else {
            s.like_name = like_pattern("%", q->q, a);
        }
    }
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_search(c, &s, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    if (rc == 0) {
        clock_today(today);
        for (int64_t i = 0; i < *n_out; i++)
            view_finish(&(*out)[i], today);
    }
    return rc;
}
