/* pinyin_int.h: the generated tables of pinyin_table.c (tools/gen-pinyin.py), seen only by
 * pinyin.c and its tests. */
#pragma once

struct pinyin_supp {
    uint32_t cp;
    char ini;
};
struct pinyin_multi {
    uint32_t cp;
    const char *inis; /* preferred initial first */
};

extern const uint32_t PINYIN_BMP_LO, PINYIN_BMP_HI;
extern const char PINYIN_BMP[];
extern const struct pinyin_supp PINYIN_SUPP[];
extern const size_t PINYIN_SUPP_LEN;
extern const struct pinyin_multi PINYIN_MULTI[];
extern const size_t PINYIN_MULTI_LEN;
