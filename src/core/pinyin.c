/* pinyin.c: initial-letter lookup over the generated Unihan table (pinyin_table.c) and the
 * surname-reading overrides that table cannot know. Name keys are built for search, not
 * for display: a heteronym in the given name yields one key per reading. */
#include "core/compat.h"
#include "core/pinyin.h"
#include "core/pinyin_int.h"

/* Surnames whose surname reading starts with another letter than the character's usual
 * reading, and compound surnames (RULES/DATA.md §3; pinyin-pro's surname list). Longer
 * entries first so compound surnames win. */
static const struct {
    const char *s, *ini;
} SURNAMES[] = {
    { "万俟", "mq" }, { "尉迟", "yc" }, { "单于", "cy" }, { "澹台", "tt" }, { "长孙", "zs" },
    { "欧阳", "oy" }, { "令狐", "lh" }, { "皇甫", "hf" }, { "上官", "sg" }, { "诸葛", "zg" },
    { "司马", "sm" }, { "司徒", "st" }, { "夏侯", "xh" }, { "宇文", "yw" }, { "慕容", "mr" },
    { "单", "s" },    { "曾", "z" },    { "解", "x" },    { "区", "o" },    { "朴", "p" },
    { "覃", "q" },    { "仇", "q" },    { "查", "z" },    { "翟", "z" },    { "盖", "g" },
    { "缪", "m" },    { "尉", "y" },    { "乐", "y" },    { "秘", "b" },    { "种", "c" },
    { "召", "s" },    { "员", "y" },    { "繁", "p" },    { "折", "s" },    { "隗", "w" },
    { "冼", "x" },    { "沈", "s" },    { "贾", "j" },    { "柏", "b" },    { "重", "c" },
    { "藏", "z" },    { "都", "d" },    { "句", "g" },    { "阚", "k" },    { "芮", "r" },
};

uint32_t utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t cp;
    int n;

    if (!*p)
        return 0;
    if (*p < 0x80) {
        *s += 1;
        return *p;
    }
    if ((*p & 0xE0) == 0xC0)
        cp = *p & 0x1F, n = 1;
    else if ((*p & 0xF0) == 0xE0)
        cp = *p & 0x0F, n = 2;
    else if ((*p & 0xF8) == 0xF0)
        cp = *p & 0x07, n = 3;
    else {
        *s += 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s += 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s += n + 1;
    return cp;
}

char pinyin_initial(uint32_t cp)
{
    size_t lo = 0, hi = PINYIN_SUPP_LEN;

    if (cp >= PINYIN_BMP_LO && cp <= PINYIN_BMP_HI) {
        char c = PINYIN_BMP[cp - PINYIN_BMP_LO];
        return c == '.' ? 0 : c;
    }
    if (cp == 0x3007) /* 〇 líng */
        return 'l';
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (PINYIN_SUPP[mid].cp == cp)
            return PINYIN_SUPP[mid].ini;
        if (PINYIN_SUPP[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

size_t pinyin_initials_all(uint32_t cp, char out[8])
{
    size_t lo = 0, hi = PINYIN_MULTI_LEN;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (PINYIN_MULTI[mid].cp == cp) {
            snprintf(out, 8, "%s", PINYIN_MULTI[mid].inis);
            return strlen(out);
        }
        if (PINYIN_MULTI[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    out[0] = pinyin_initial(cp);
    out[1] = '\0';
    return out[0] ? 1 : 0;
}

/* Choices per position of the name: letters allowed there. */
struct name_pos {
    char ini[8];
};

size_t pinyin_name_keys(const char *name, char *out, size_t cap)
{
    struct name_pos pos[32];
    size_t npos = 0, nkeys = 1, written = 0, len = 0;
    const char *p = name ? name : "";

    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (size_t i = 0; i < ARRAY_LEN(SURNAMES); i++) {
        size_t sl = strlen(SURNAMES[i].s);
        if (strncmp(p, SURNAMES[i].s, sl) == 0) {
            for (const char *c = SURNAMES[i].ini; *c && npos < ARRAY_LEN(pos); c++) {
                pos[npos].ini[0] = *c;
                pos[npos++].ini[1] = '\0';
            }
            p += sl;
            break;
        }
    }
    while (*p && npos < ARRAY_LEN(pos)) {
        uint32_t cp = utf8_next(&p);
        if (cp < 0x80 && isalpha((int)cp)) {
            pos[npos].ini[0] = (char)tolower((int)cp);
            pos[npos++].ini[1] = '\0';
        } else if (pinyin_initials_all(cp, pos[npos].ini) > 0) {
            npos++;
        }
    }
    if (npos == 0)
        return 0;
    /* Enumerate combinations in "odometer" order, the preferred reading first; stop at the
     * key cap. nkeys counts the combinations that fit. */
    for (size_t i = 0; i < npos; i++) {
        size_t n = strlen(pos[i].ini);
        nkeys = nkeys * n > PINYIN_MAX_KEYS ? PINYIN_MAX_KEYS : nkeys * n;
    }
    for (size_t k = 0; k < nkeys; k++) {
        size_t rest = k, digits[ARRAY_LEN(pos)];

        if (len + npos + 2 > cap)
            break;
        /* Mixed-radix digits, the last position varying fastest. */
        for (size_t i = npos; i-- > 0;) {
            size_t n = strlen(pos[i].ini);
            digits[i] = rest % n;
            rest /= n;
        }
        if (written)
            out[len++] = ' ';
        for (size_t i = 0; i < npos; i++)
            out[len++] = pos[i].ini[digits[i]];
        out[len] = '\0';
        written++;
    }
    return written;
}
