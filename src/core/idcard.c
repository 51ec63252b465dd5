/* idcard.c: GB 11643-1999 resident ID numbers: MOD 11-2 check character, input normalization
 * (full-width characters, spaces, lower-case x, 15-digit legacy numbers, Excel damage) and the
 * ID-LEN / ID-DATE / ID-CHECK / ID-PROV rules of DATA.md §4.3. No allocation and no I/O;
 * the only outside input is clock_today for "not in the future". */
#include "core/compat.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/idcard.h"

#define ID_FIELD "/id_number"

/* Longer input is rejected as too long before any other check; it only bounds the scan. */
enum { RAW_MAX = 40 };

char idcard_check_char(const char *first17)
{
    static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    static const char table[] = "10X98765432";
    int sum = 0;

    for (int i = 0; i < 17; i++) {
        if (first17[i] < '0' || first17[i] > '9')
            return '\0';
        sum += (first17[i] - '0') * weight[i];
    }
    return table[sum % 11];
}

static bool is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Length of the UTF-8 sequence starting with lead byte c (1 for stray continuation bytes). */
static size_t utf8_len(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* Copies in to raw as ASCII: spaces dropped, full-width digits and Ｘ/ｘ folded. Any other
 * non-ASCII character is an error that quotes it. ASCII junk is kept for the later checks. */
static int collect(const char *in, char raw[RAW_MAX + 1], size_t *len_out, struct err *err)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t n = 0;

    while (*p) {
        char c;
        size_t adv = 1;

        if (is_ascii_space(*p)) {
            p++;
            continue;
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 ideographic space */
            p += 3;
            continue;
        }
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) { /* ０-９ */
            c = (char)('0' + (p[2] - 0x90));
            adv = 3;
        } else if (p[0] == 0xEF && ((p[1] == 0xBC && p[2] == 0xB8) ||  /* Ｘ */
                                    (p[1] == 0xBD && p[2] == 0x98))) { /* ｘ */
            c = 'X';
            adv = 3;
        } else if (*p < 0x80) {
            c = (char)*p;
        } else {
            size_t len = utf8_len(*p), k = 1;
            while (k < len && p[k] >= 0x80 && p[k] < 0xC0)
                k++;
            return err_set(err, E_INVALID, ID_FIELD,
                           "身份证号只能由数字和末位的 X 组成，请删除“%.*s”", (int)k,
                           (const char *)p);
        }
        if (n >= RAW_MAX)
            return err_set(err, E_INVALID, ID_FIELD,
                           "身份证号太长：应为 18 位（旧证 15 位），请核对是否多填了内容");
        raw[n++] = c;
        p += adv;
    }
    raw[n] = '\0';
    *len_out = n;
    return 0;
}

/* Excel shows long numbers as 1.10105E+17: digits, an optional fraction, E, optional sign,
 * digits. Such a cell has lost the number for good, so the fix is in the spreadsheet. */
static bool looks_like_excel_exponent(const char *s)
{
    const char *p = s;
    bool mantissa = false;

    while (*p >= '0' && *p <= '9') {
        p++;
        mantissa = true;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            mantissa = true;
        }
    }
    if (!mantissa || (*p != 'E' && *p != 'e'))
        return false;
    p++;
    if (*p == '+')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

int idcard_normalize(const char *in, char out[19], struct err *err)
{
    char raw[RAW_MAX + 1], id[19], date[11], today[11], check;
    size_t n = 0;
    int y, m, d;

    if (!in)
        return err_set(err, E_INVALID, ID_FIELD, "请填写身份证号");
    if (collect(in, raw, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_set(err, E_INVALID, ID_FIELD, "请填写身份证号");
    if (looks_like_excel_exponent(raw))
        return err_set(err, E_INVALID, ID_FIELD,
                       "身份证号被 Excel 转成了科学计数法，请把该列设为文本后重新填写");
    for (size_t i = 0; i < n; i++) {
        if (raw[i] == 'x')
            raw[i] = 'X';
        if ((raw[i] < '0' || raw[i] > '9') && raw[i] != 'X')
            return err_set(err, E_INVALID, ID_FIELD,
                           "身份证号只能由数字和末位的 X 组成，请删除“%c”", raw[i]);
    }
    if (n != 18 && n != 15)
        return err_set(err, E_INVALID, ID_FIELD,
                       "身份证号应为 18 位（旧证 15 位），当前为 %zu 位，请核对是否多填或漏填", n);
    for (size_t i = 0; i + 1 < n; i++) {
        if (raw[i] == 'X')
            return err_set(err, E_INVALID, ID_FIELD, "身份证号只有第18位可以是 X，第%zu位应为数字",
                           i + 1);
    }
    if (n == 15) {
        if (raw[14] == 'X')
            return err_set(err, E_INVALID, ID_FIELD, "15 位旧身份证号只含数字，不能有 X");
        /* ID-15: 6-digit address, "19", YYMMDD, 3-digit sequence, then a new check char. */
        memcpy(id, raw, 6);
        id[6] = '1';
        id[7] = '9';
        memcpy(id + 8, raw + 6, 9);
        id[17] = idcard_check_char(id);
    } else {
        memcpy(id, raw, 18);
    }
    id[18] = '\0';

    snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    if (date_parse(date, &y, &m, &d) < 0)
        return err_set(err, E_INVALID, ID_FIELD, "身份证号中的出生日期 %s 不是有效日期，请核对%s",
                       date, n == 18 ? "第7至14位" : "第7至12位");
    clock_today(today);
    if (strcmp(date, today) > 0)
        return err_set(err, E_INVALID, ID_FIELD, "身份证号中的出生日期 %s 晚于今天，请核对%s", date,
                       n == 18 ? "第7至14位" : "第7至12位");

    check = idcard_check_char(id);
    if (id[17] != check) {
        /* Excel keeps 15 significant digits, so a number typed into a numeric cell comes back
         * with its last three digits zeroed; that is worth a message of its own. */
        if (memcmp(id + 15, "000", 3) == 0)
            return err_set(err, E_INVALID, ID_FIELD,
                           "身份证号后三位变成了 000，可能被 Excel 截断了（Excel 只保留 15 "
                           "位有效数字），请把该列设为文本后重新填写");
        return err_set(err, E_INVALID, ID_FIELD,
                       "身份证号校验位错误：第18位应为 %c，请核对号码是否抄错", check);
    }
    memcpy(out, id, 19);
    return 0;
}

int idcard_check_region(const char id[19], bool demo_instance, struct err *err)
{
    /* Province-level codes of GB/T 2260 plus 83 (Taiwan residents' residence permits). */
    static const unsigned char ranges[][2] = {
        { 11, 15 }, { 21, 23 }, { 31, 37 }, { 41, 46 },
        { 50, 54 }, { 61, 65 }, { 71, 71 }, { 81, 83 },
    };
    int prefix;

    if (id[0] < '0' || id[0] > '9' || id[1] < '0' || id[1] > '9')
        return err_set(err, E_INVALID, ID_FIELD, "身份证号前两位应为数字");
    prefix = (id[0] - '0') * 10 + (id[1] - '0');
    if (demo_instance) {
        if (prefix != 99)
            return err_set(err, E_INVALID, ID_FIELD,
                           "演示实例只接受以 99 开头的演示身份证号，请勿录入真实身份证号");
        return 0;
    }
    if (prefix == 99)
        return err_set(err, E_INVALID, ID_FIELD,
                       "以 99 开头的是演示身份证号，正式实例不接受，请填写真实身份证号");
    for (size_t i = 0; i < ARRAY_LEN(ranges); i++) {
        if (prefix >= ranges[i][0] && prefix <= ranges[i][1])
            return 0;
    }
    return err_set(err, E_INVALID, ID_FIELD,
                   "身份证号前两位 %.2s 不是有效的省级行政区划代码，请核对第1至2位", id);
}

int idcard_birth_date(const char id[19], char out[11])
{
    char date[11];
    int y, m, d;

    snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    if (date_parse(date, &y, &m, &d) < 0)
        return -1;
    memcpy(out, date, 11);
    return 0;
}

char idcard_gender(const char id[19])
{
    if (id[16] < '0' || id[16] > '9')
        return '\0';
    return (id[16] - '0') % 2 ? 'M' : 'F';
}
