/* pinyin.h: pinyin initial letters of Han characters and search keys for personal names
 * ("zs" for 张三), from a table generated out of Unihan (tools/gen-pinyin.py) plus a
 * hand-kept table of surname readings (单 shàn, 曾 zēng, 区 ōu …). Pure functions, no
 * allocation. It does not produce full pinyin or tones. */
#pragma once

/* The initial letter ('a'..'z') of code point cp's preferred reading; 0 when it has none. */
char pinyin_initial(uint32_t cp);

/* Every initial letter cp's readings allow, preferred first, into out (NUL-terminated, at
 * most 7 letters). Returns the number of letters (0 when none). */
size_t pinyin_initials_all(uint32_t cp, char out[8]);

/* Search keys of a personal name: each key is one initial per character (the surname read
 * as a surname: 单 → s, 曾 → z, 欧阳 → oy), one key per combination of the given name's
 * readings, preferred first, at most PINYIN_MAX_KEYS, separated by single spaces, into out
 * (cap bytes, always NUL-terminated). ASCII letters count as themselves; other characters
 * without a reading (·, digits) are skipped. Returns the number of keys written. */
#define PINYIN_MAX_KEYS 8
size_t pinyin_name_keys(const char *name, char *out, size_t cap);

/* Decodes one UTF-8 code point at *s and advances *s past it; returns 0xFFFD for invalid
 * bytes (advancing one byte) and 0 at the end of the string. */
uint32_t utf8_next(const char **s);
