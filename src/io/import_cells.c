/* import_cells.c: the roster importer's reading of cells: header aliases (姓名, 身份证号码,
 * 所属支部 …) mapped to member fields, header rows scored, Excel dates and serials parsed,
 * IDs Excel turned into numbers detected, category words mapped. Pure functions of the cells:
 * no database, no import state (member_import.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/json.h"
#include "domain/members/members.h"
#include "io/member_import.h"
#include "io/member_import_int.h"

/* ---- headers ---- */

static const struct {
    const char *field;
    const char *aliases[10];
} HEADER_ALIASES[] = {
    { "name", { "姓名", "党员姓名", "名字" } },
    { "former_name", { "曾用名" } },
    { "gender", { "性别" } },
    { "ethnicity", { "民族" } },
    { "birth_date", { "出生日期", "出生年月", "出生年月日", "出生时间", "生日" } },
    { "id_number",
      { "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证", "证件号",
        "身份证件号码" } },
    { "phone",
      { "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话", "电话号码", "移动电话" } },
    { "address",
      { "家庭住址", "现居住地", "现住址", "居住地址", "住址", "家庭地址", "现居住地址",
        "居住地" } },
    { "hukou", { "户籍地", "户籍所在地", "户籍地址", "户口所在地" } },
    { "education", { "学历", "文化程度", "最高学历" } },
    { "org",
      { "所在党组织", "所属支部", "党支部", "所在支部", "所属党组织", "党组织", "所在党支部",
        "支部", "所属党支部", "党组织名称" } },
    { "status", { "党员状态", "党籍状态", "党员身份", "正式/预备", "状态" } },
    { "category", { "人员类别", "党员类别", "党员分类", "类别", "党员类型" } },
    { "joined_on", { "入党日期", "入党时间", "入党年月" } },
    { "full_member_on", { "转正日期", "转正时间", "转正年月" } },
    { "work_unit", { "工作单位", "单位", "工作单位名称" } },
    { "post", { "职务", "岗位", "职务职称" } },
    { "tags", { "标签", "党员标签" } },
};

/* Copies header text without spaces (ASCII, U+3000, line breaks), required-field stars and a
 * trailing explanation in brackets or after a colon. */
void import_header_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;

    while (*s && n + 4 < cap) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') {
            s++;
            continue;
        }
        if (!strncmp(s, "\xE3\x80\x80", 3) || !strncmp(s, "\xEF\xBC\x8A", 3)) { /* 　 ＊ */
            s += 3;
            continue;
        }
        if (c == '(' || c == ':' || !strncmp(s, "\xEF\xBC\x88", 3) || /* （ */
            !strncmp(s, "\xEF\xBC\x9A", 3))                           /* ： */
            break;
        out[n++] = *s++;
    }
    out[n] = '\0';
}

const char *import_header_field(const char *header)
{
    char key[256];

    import_header_key(header, key, sizeof(key));
    if (!key[0])
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(HEADER_ALIASES); i++)
        for (size_t k = 0; k < ARRAY_LEN(HEADER_ALIASES[i].aliases) && HEADER_ALIASES[i].aliases[k];
             k++)
            if (strcmp(HEADER_ALIASES[i].aliases[k], key) == 0)
                return HEADER_ALIASES[i].field;
    return NULL;
}

bool import_is_date_field(const char *f)
{
    return f &&
           (!strcmp(f, "birth_date") || !strcmp(f, "joined_on") || !strcmp(f, "full_member_on"));
}

/* ---- values ---- */

/* Writes YYYY-MM-DD for a date already checked to be real. */
static void fmt_date(char out[11], int64_t y, int64_t m, int64_t d)
{
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10 % 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10 % 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int import_serial_date(double serial, bool date1904, char out[11])
{
    int64_t s, days;
    int y, m, d;

    if (!(serial >= (date1904 ? 0 : 1) && serial < 2958466))
        return -1;
    s = (int64_t)serial;
    if (date1904)
        days = date_to_days(1904, 1, 1) + s;
    else if (s == 60)
        return -1; /* 1900-02-29: Lotus' leap-year bug, no real day */
    else
        days = date_to_days(1899, 12, s < 60 ? 31 : 30) + s;
    date_from_days(days, &y, &m, &d);
    fmt_date(out, y, m, d);
    return 0;
}

static bool valid_ymd(int64_t y, int64_t m, int64_t d)
{
    return y >= 1850 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month((int)y, (int)m);
}

/* Reads a run of ASCII digits (at most max) at *p. */
static int digits(const char **p, int max, int64_t *v)
{
    int n = 0;

    *v = 0;
    while (isdigit((unsigned char)**p) && n < max) {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return isdigit((unsigned char)**p) ? -1 : n;
}

/* Skips one date separator: - / . or 年 月 (and a space after it). */
static bool separator(const char **p)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
    } else if (!strncmp(*p, "年", 3) || !strncmp(*p, "月", 3)) {
        *p += 3;
    } else {
        return false;
    }
    while (**p == ' ')
        (*p)++;
    return true;
}

static void trim_span(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' ||
                  (*s)[*n - 1] == '\n'))
        (*n)--;
}

int import_parse_date(const struct sheet_cell *c, bool date1904, char out[11])
{
    char buf[64];
    const char *s = c->text, *p;
    size_t n = strlen(s);
    int64_t y, m, d;

    if (c->kind == SHEET_NUMBER) {
        double v = c->num;
        if (!c->is_date && v >= 18500101 && v <= 22001231 && v == (double)(int64_t)v) {
            int64_t k = (int64_t)v;
            if (!valid_ymd(k / 10000, k / 100 % 100, k % 100))
                return -1;
            fmt_date(out, k / 10000, k / 100 % 100, k % 100);
            return 0;
        }
        return import_serial_date(v, date1904, out);
    }
    trim_span(&s, &n);
    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    p = buf;
    if (n == 8 && strspn(buf, "0123456789") == 8) {
        y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
        m = (buf[4] - '0') * 10 + (buf[5] - '0');
        d = (buf[6] - '0') * 10 + (buf[7] - '0');
    } else {
        if (digits(&p, 4, &y) != 4 || !separator(&p) || digits(&p, 2, &m) < 1)
            return -1;
        if (*p == '\0' || !strcmp(p, "月"))
            return m >= 1 && m <= 12 && y >= 1850 && y <= 2200 ? 1 : -1;
        if (!separator(&p) || digits(&p, 2, &d) < 1)
            return -1;
        if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
            p += 3;
        if (*p && *p != ' ' && *p != 'T')
            return -1;
    }
    if (!valid_ymd(y, m, d))
        return -1;
    fmt_date(out, y, m, d);
    return 0;
}

bool import_id_mangled(const struct sheet_cell *c)
{
    const char *s = c->text;

    /* A 15-digit integer is a legacy ID (ID-15) that a double holds exactly (< 2^53): Excel
     * lost nothing, and member_normalize converts it to 18 digits. Longer numbers lost their
     * last digits (Excel keeps 15 significant ones). */
    if (c->kind == SHEET_NUMBER)
        return !(c->num >= 1e14 && c->num < 1e15 && c->num == (double)(int64_t)c->num);
    /* Text that shows scientific notation: a CSV saved after Excel displayed 1.10105E+17. */
    while (*s == ' ')
        s++;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s) || *s == '.')
        s++;
    return (*s == 'E' || *s == 'e') && (s[1] == '+' || isdigit((unsigned char)s[1]));
}

/* A number cell as text: integers without ".0", others with 15 significant digits. */
const char *import_number_text(const struct sheet_cell *c, struct arena *a)
{
    if (c->kind != SHEET_NUMBER)
        return c->text;
    if (c->num > -1e15 && c->num < 1e15 && c->num == (double)(int64_t)c->num)
        return arena_printf(a, "%" PRId64, (int64_t)c->num);
    return arena_printf(a, "%.15g", c->num);
}

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

const char *import_category_word(const char *s)
{
    for (size_t i = 0; i < ARRAY_LEN(CATEGORY_WORDS); i++)
        if (!strcmp(CATEGORY_WORDS[i].word, s))
            return CATEGORY_WORDS[i].label;
    return s;
}

int import_header_score(const struct sheet_cell *cells, size_t n, bool *has_key)
{
    const char *seen[ARRAY_LEN(HEADER_ALIASES)];
    int score = 0;

    *has_key = false;
    for (size_t i = 0; i < n; i++) {
        const char *f = cells[i].kind == SHEET_TEXT ? import_header_field(cells[i].text) : NULL;
        bool dup = false;
        if (!f)
            continue;
        for (int k = 0; k < score; k++)
            dup = dup || seen[k] == f;
        if (dup)
            continue;
        seen[score++] = f;
        *has_key = *has_key || !strcmp(f, "name") || !strcmp(f, "id_number");
    }
    return score;
}
