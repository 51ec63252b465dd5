/* pinyin_test.c: initial letters from the generated Unihan table, surname readings that
 * differ from the common reading (单 曾 区 解 仇 …), compound surnames and heteronyms in given
 * names producing several search keys. */
#include "core/compat.h"
#include "core/pinyin.h"
#include "tap.h"

static void keys(const char *name, const char *want)
{
    char out[PINYIN_MAX_KEYS * 34];
    pinyin_name_keys(name, out, sizeof(out));
    CHECK_STR(out, want);
}

static void test_initials(void)
{
    CHECK_EQ(pinyin_initial(0x5F20), 'z'); /* 张 */
    CHECK_EQ(pinyin_initial(0x4E09), 's'); /* 三 */
    CHECK_EQ(pinyin_initial(0x738B), 'w'); /* 王 */
    CHECK_EQ(pinyin_initial(0x7231), 'a'); /* 爱 */
    CHECK_EQ(pinyin_initial('A'), 0);
    CHECK_EQ(pinyin_initial(0x20000), 'h'); /* 𠀀 (Extension B) */
}

static void test_common_names(void)
{
    keys("张三", "zs");
    keys("王刚保", "wgb");
    keys("李娜", "ln");
}

static void test_surname_readings(void)
{
    keys("单田芳", "stf"); /* shàn, not dān */
    keys("曾国藩", "zgf"); /* zēng, not céng */
    keys("区伟明", "owm"); /* ōu, not qū */
    keys("解缙", "xj");    /* xiè */
    keys("仇英", "qy");    /* qiú */
    keys("朴志军", "pzj"); /* piáo */
    keys("覃小红", "qxh"); /* qín */
    keys("查良镛", "zly"); /* zhā */
    keys("欧阳修", "oyx"); /* compound surname */
    keys("诸葛亮", "zgl");
}

static void test_heteronyms(void)
{
    /* 乐 in a given name: lè or yuè; both keys, preferred first. */
    char out[PINYIN_MAX_KEYS * 34];
    size_t n = pinyin_name_keys("王乐", out, sizeof(out));
    CHECK_EQ(n, 2);
    CHECK_STR(out, "wl wy");
    keys("", "");
    keys("Tom·李", "toml");
}

TAP_MAIN("pinyin", TEST(test_initials), TEST(test_common_names), TEST(test_surname_readings),
         TEST(test_heteronyms))
