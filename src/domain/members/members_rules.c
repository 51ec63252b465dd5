/* members_rules.c: normalization and the rules of member input that need no other record:
 * gender, status and category words, ID number (demo prefix by instance), phone, tags, date
 * order and age at joining. It reads one setting (the demo flag) and writes nothing. */
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
#include "domain/members/members_int.h"

#define TAGS_MAX       20
#define TAG_LEN_MAX    20
#define NAME_CHARS_MAX 40

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

/* The middle dot of minority names (阿依古丽·买买提) and what IMEs and fonts put in its
 * place: katakana and half-width middle dots, bullets, dot operators, a full stop. */
static bool name_dot(uint32_t cp)
{
    static const uint32_t DOTS[] = { 0x00B7, 0x0387, 0x16EB, 0x2022, 0x2027, 0x2219,
                                     0x22C5, 0x2E31, 0x30FB, 0xFF65, 0xFF0E, '.' };
    for (size_t i = 0; i < ARRAY_LEN(DOTS); i++)
        if (cp == DOTS[i])
            return true;
    return false;
}

static bool name_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

int member_name_normalize(char **name, const char *field, const char *label, struct arena *a,
                          struct err *err)
{
    struct buf out;
    const char *p = *name;
    size_t chars = 0;
    bool space = false; /* a space is pending: written before the next letter, never at the end */
    uint32_t prev = 0;  /* the last character written */

    buf_init(&out, a, 4 * NAME_CHARS_MAX + 8);
    for (;;) {
        const char *at = p;
        uint32_t cp = utf8_next(&p);

        if (cp == 0)
            break;
        if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000) {
            space = prev != 0;
            continue;
        }
        if (cp >= 0xFF21 && cp <= 0xFF5A && (cp <= 0xFF3A || cp >= 0xFF41))
            cp -= 0xFEE0; /* full-width Latin letters */
        if (name_dot(cp)) {
            if (prev == 0 || prev == 0xB7)
                goto bad_dot;
            buf_puts(&out, "\xc2\xb7");
            prev = 0xB7;
        } else if (name_cjk(cp) || (cp < 0x80 && isalpha((int)cp))) {
            if (space && prev != 0xB7) {
                buf_putc(&out, ' ');
                chars++;
            }
            if (cp < 0x80)
                buf_putc(&out, (char)cp);
            else
                buf_append(&out, at, (size_t)(p - at));
            prev = cp;
        } else {
            return err_set(err, E_INVALID, field,
                           "%s中不能有“%.*s”：%s只能由汉字、英文字母、空格和少数民族姓名中的间隔号"
                           "“·”组成",
                           label, (int)(p - at), at, label);
        }
        space = false;
        chars++;
    }
    if (prev == 0xB7)
        goto bad_dot;
    if (chars == 0 || chars > NAME_CHARS_MAX)
        return err_set(err, E_INVALID, field, "%s应为 1–%d 个字", label, NAME_CHARS_MAX);
    if (buf_failed(&out))
        return err_set(err, E_INVALID, field, "%s太长", label);
    *name = arena_strdup(a, buf_cstr(&out));
    return 0;
bad_dot:
    return err_set(err, E_INVALID, field, "%s中的间隔号“·”应在两个字之间，如“阿依古丽·买买提”",
                   label);
}

bool member_blank(const char *s)
{
    return !s || !*s;
}

/* The rules that need no database: date order and sanity, age at joining, the status and its
 * dates, birth date and gender against the ID number. */
int member_check(const struct member_in *m, struct err *err)
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
        if (member_blank(dates[i].v))
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
    if (!member_blank(m->id_number) && strlen(m->id_number) == 18) {
        char birth[11], g = idcard_gender(m->id_number);
        if (!member_blank(m->birth_date) && idcard_birth_date(m->id_number, birth) == 0 &&
            strcmp(birth, m->birth_date) != 0)
            return err_set(err, E_INVALID, "/birth_date",
                           "出生日期 %s 与身份证号中的出生日期 %s 不一致，请核对", m->birth_date,
                           birth);
        if (!member_blank(m->gender) && g && m->gender[0] != g)
            return err_set(err, E_INVALID, "/gender",
                           "性别与身份证号不一致：身份证号第 17 位表示%s性，请核对",
                           g == 'M' ? "男" : "女");
    }
    if (!member_blank(m->birth_date) && !member_blank(m->joined_on)) {
        if (strcmp(m->joined_on, m->birth_date) <= 0)
            return err_set(err, E_INVALID, "/joined_on", "入党日期应晚于出生日期");
        if (date_years_between(m->birth_date, m->joined_on) < 18)
            return err_set(err, E_INVALID, "/joined_on",
                           "入党时应年满 18 周岁：出生日期 %s，入党日期 %s", m->birth_date,
                           m->joined_on);
    }
    if (!member_blank(m->joined_on) && !member_blank(m->full_member_on) &&
        strcmp(m->full_member_on, m->joined_on) <= 0)
        return err_set(err, E_INVALID, "/full_member_on", "转正日期应晚于入党日期（%s）",
                       m->joined_on);
    if (!member_blank(m->full_member_on) && member_blank(m->joined_on))
        return err_set(err, E_INVALID, "/joined_on", "填写了转正日期时，请同时填写入党日期");
    if (m->status && strcmp(m->status, "probationary") == 0 && !member_blank(m->full_member_on))
        return err_set(err, E_INVALID, "/full_member_on",
                       "预备党员没有转正日期；如已转正，请把党员状态改为正式党员");
    return 0;
}

int member_normalize(struct app *app, struct member_in *m, struct arena *a, struct err *err)
{
    bool demo = false;

    if (m->name && member_name_normalize(&m->name, "/name", "姓名", a, err) < 0)
        return -1;
    if (!member_blank(m->former_name) &&
        member_name_normalize(&m->former_name, "/former_name", "曾用名", a, err) < 0)
        return -1;
    if (!member_blank(m->education)) {
        const char *code = member_education_code(m->education);
        if (!code)
            return err_set(err, E_INVALID, "/education",
                           "学历应为 研究生、大学本科、大学专科、中专、高中、初中 或 小学及以下");
        m->education = arena_strdup(a, code);
    }
    if (m->gender) {
        if (!strcmp(m->gender, "M") || !strcmp(m->gender, "m") || !strcmp(m->gender, "男"))
            m->gender = arena_strdup(a, "M");
        else if (!strcmp(m->gender, "F") || !strcmp(m->gender, "f") || !strcmp(m->gender, "女"))
            m->gender = arena_strdup(a, "F");
        else
            return err_set(err, E_INVALID, "/gender", "性别应为“男”或“女”");
    }
    if (m->status) {
        const char *code = member_status_code(m->status);
        if (!code)
            return err_set(err, E_INVALID, "/status",
                           "党员状态应为 预备党员、正式党员、停止党籍、出党 或 死亡");
        m->status = arena_strdup(a, code);
    }
    if (m->category) {
        const char *code = member_code_of(MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, m->category);
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
