/* demands_redact.c: what the public board (demands_public.c) does to a resident's words before
 * publishing them. Pure: no database, no clock. It removes, in this order:
 *   - the names it is given (the reporter, the community's residents and members, staff
 *     accounts found in the text by the store): each becomes 某某;
 *   - a common surname before a form of address (张先生, 李阿姨, 王师傅): the surname becomes 某;
 *   - contact details: an e-mail address, an account written after 微信 / QQ / 邮箱: ***;
 *   - numbers that reach a person or a door: a run of 7 or more digits (mobile and fixed
 *     phones, ID numbers with their final X, written with or without - and spaces), a number
 *     before 室 or 户, a number before 号 unless it is a day (月…号) or a building or compound
 *     (号楼, 号院), a number after 单元, a room of 3 or more digits right after 楼 / 栋 / 幢 / 座,
 *     and a 3-2-401 triple: each becomes ***.
 * Building and unit numbers (3号楼2单元) and dates stay: they do not point at one household. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "domain/demands/demands_int.h"

/* The most common single-character surnames (public statistics of the 2020 census). */
static const char SURNAMES[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
static const char *const ADDRESSES[] = { "先生", "女士", "阿姨", "大爷", "大妈", "大姐", "大哥",
                                         "师傅", "奶奶", "爷爷", "叔叔", "婶婶", "阿婆", "老师",
                                         "同志", "老人", "小姐", "姐",   "哥",   NULL };

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The length of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;

    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The form of address at s, or NULL. */
static const char *address_at(const char *s)
{
    for (size_t i = 0; ADDRESSES[i]; i++)
        if (starts(s, ADDRESSES[i]))
            return ADDRESSES[i];
    return NULL;
}

static bool is_surname(const char *s, size_t n)
{
    for (const char *p = SURNAMES; *p; p += 3)
        if (n == 3 && memcmp(p, s, 3) == 0)
            return true;
    return false;
}

/* Replaces every occurrence of each name (longest first, so 王小明 goes before 王小) with
 * 某某. Names shorter than two characters are ignored: one character is not a name. */
static char *drop_names(char *s, const char *const *names, size_t n, struct arena *a)
{
    for (size_t pass = 0; pass < n; pass++) { /* one name a pass, longest first */
        const char *name = NULL;
        size_t best = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len = names[i] ? strlen(names[i]) : 0;
            if (len > best && utf8_len(names[i]) >= 2 && strstr(s, names[i])) {
                name = names[i];
                best = len;
            }
        }
        if (!name)
            break;
        struct buf b;
        buf_init(&b, a,
                 3 * strlen(s) + 8); /* 某某 is at most three times a name (two ASCII letters) */
        for (const char *p = s, *hit; *p; p = hit + best) {
            hit = strstr(p, name);
            if (!hit) {
                buf_puts(&b, p);
                break;
            }
            buf_append(&b, p, (size_t)(hit - p));
            buf_puts(&b, "某某");
        }
        s = arena_strdup(a, buf_cstr(&b));
    }
    return s;
}

/* The end of the number run starting at p (a digit): digits, and a '-' or ' ' between two
 * digits; an X after 17 digits (an ID number). Counts the digits and the dashes. */
static const char *number_end(const char *p, int *digits, int *dashes)
{
    *digits = *dashes = 0;
    for (;;) {
        if (isdigit((unsigned char)*p)) {
            (*digits)++;
            p++;
        } else if ((*p == '-' || *p == ' ') && isdigit((unsigned char)p[1]) && *digits > 0) {
            *dashes += *p == '-';
            p++;
        } else {
            break;
        }
    }
    if (*digits == 17 && (*p == 'X' || *p == 'x'))
        p++;
    return p;
}

/* Whether the number [start, end) reaches a person or a door (see the header comment). */
static bool number_private(const char *text, const char *start, const char *end, int digits,
                           int dashes)
{
    if (digits >= 7 || dashes >= 2)
        return true;
    if (starts(end, "室") || starts(end, "户"))
        return true;
    if (digits >= 3 && start - text >= 3 &&
        (starts(start - 3, "楼") || starts(start - 3, "栋") || starts(start - 3, "幢") ||
         starts(start - 3, "座")))
        return true; /* 5号楼1203, 3栋502: a room */
    if (starts(end, "号"))
        return !(start - text >= 3 && starts(start - 3, "月")) && !starts(end + 3, "楼") &&
               !starts(end + 3, "院");
    return start - text >= 6 && starts(start - 6, "单元");
}

static bool contact_char(char c)
{
    return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%' ||
           c == '@';
}

/* Whether the ASCII token [p, end) of text is an e-mail address, or an account written after
 * 微信 / QQ (微信号：wangfang88, QQ 12345): contact details that reach a person. */
static bool contact_token(const char *text, const char *p, const char *end)
{
    const char *at = memchr(p, '@', (size_t)(end - p)), *q = p;
    static const char *const LABELS[] = {
        "微信号", "微信", "QQ号", "qq号", "QQ", "qq", "邮箱", NULL
    };

    if (at && at > p && at + 1 < end)
        return true;
    while (q > text && (q[-1] == ' ' || q[-1] == ':'))
        q--;
    if (q - text >= 3 && starts(q - 3, "："))
        q -= 3;
    for (size_t i = 0; LABELS[i]; i++) {
        size_t n = strlen(LABELS[i]);
        if ((size_t)(q - text) >= n && strncmp(q - n, LABELS[i], n) == 0)
            return true;
    }
    return false;
}

char *demand_redact(const char *text, const char *const *names, size_t nnames, struct arena *a)
{
    struct buf b;
    char *s;

    if (!text)
        return NULL;
    s = arena_strdup(a, text);
    utf8_halfwidth(s, false);
    s = drop_names(s, names, nnames, a);
    buf_init(&b, a, 3 * strlen(s) + 8); /* "***" for one digit at most */
    for (const char *p = s; *p;) {
        size_t n = char_len(p);
        if (contact_char(*p) && (p == s || !contact_char(p[-1]))) {
            const char *end = p;
            while (contact_char(*end))
                end++;
            if (contact_token(s, p, end)) {
                buf_puts(&b, "***");
                p = end;
                continue;
            }
        }
        if (isdigit((unsigned char)*p)) {
            int digits, dashes;
            const char *end = number_end(p, &digits, &dashes);
            if (number_private(s, p, end, digits, dashes))
                buf_puts(&b, "***");
            else
                buf_append(&b, p, (size_t)(end - p));
            p = end;
            continue;
        }
        if (n == 3 && is_surname(p, n) && address_at(p + n)) {
            buf_puts(&b, "某");
            p += n;
            continue;
        }
        buf_append(&b, p, n);
        p += n;
    }
    return arena_strdup(a, buf_cstr(&b));
}
