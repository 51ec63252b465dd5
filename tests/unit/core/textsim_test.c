/* textsim_test.c: copied meeting minutes are found and honest ones are not. Fictional
 * fixtures: a branch's minutes (A), the same minutes passed off by another branch with its
 * name, date, people and a few words changed (B), an honest record on the same topic (C), and
 * a downloaded template two branches padded with their own paragraphs (D). Also normalization
 * and its byte map, signatures, band keys, their encoding, and the input limits. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/textsim.h"
#include "tap.h"

static const char MINUTES_A[] =
    "中共幸福街道红星社区第一党支部委员会会议记录\n"
    "时间：2024年9月12日下午3时\n"
    "地点：社区党群服务中心二楼会议室\n"
    "主持人：王建国（支部书记）  记录人：李秀英\n"
    "应到党员18名，实到16名，缺席2名（张伟因病请假，刘芳外出务工）。\n"
    "会议议题：学习贯彻党的二十届三中全会精神\n"
    "一、传达学习\n"
    "支部书记王建国同志领学了《中共中央关于进一步全面深化改革、推进中国式现代化的决定》"
    "的主要内容，重点学习了进一步全面深化改革的总目标、重大原则和主要任务。王建国同志指出，"
    "党的二十届三中全会是在以中国式现代化全面推进强国建设、民族复兴伟业的关键时期召开的"
    "一次十分重要的会议，全体党员要把学习贯彻全会精神作为当前和今后一个时期的重要政治任务，"
    "切实把思想和行动统一到全会精神上来。\n"
    "二、交流发言\n"
    "党员赵明同志发言说，通过学习，深刻认识到改革是决定当代中国命运的关键一招，作为一名社区"
    "党员，要立足本职岗位，在服务群众中体现担当。党员孙丽华同志结合自身工作谈了体会，表示要"
    "把全会精神落实到为老服务、邻里调解等具体工作中，做到学有所思、学有所得、学有所用。\n"
    "三、工作部署\n"
    "会议研究决定：一是在10月底前分三批开展全会精神专题学习，确保每名党员至少参加一次集中"
    "学习；二是组织党员志愿者深入网格，向居民群众宣讲全会精神；三是结合“我为群众办实事”"
    "实践活动，收集居民急难愁盼问题清单，逐项明确责任人和完成时限。\n"
    "会议最后，王建国同志强调，全体党员要以更加饱满的精神状态投入到学习贯彻全会精神的各项"
    "工作中，以实际行动推动全会精神在社区落地生根。\n"
    "散会时间：下午4时40分\n";

/* A's minutes passed off by another branch: its name, the date, the room, the secretary and
 * the recorder, and a few words changed. */
static const char *const COPY_EDITS[][2] = {
    { "第一党支部", "第三党支部" },
    { "9月12日下午3时", "9月20日上午9时" },
    { "二楼会议室", "一楼活动室" },
    { "王建国", "陈志强" },
    { "李秀英", "周敏" },
    { "十分重要", "非常重要" },
    { "下午4时40分", "下午5时10分" },
};

/* The same topic, written by the branch in its own words. */
static const char MINUTES_C[] =
    "第二党支部党员大会记录（2024年9月15日）\n"
    "今天上午九点，第二党支部在社区活动中心召开党员大会，专题学习党的二十届三中全会精神，"
    "支部书记刘海燕主持，到会党员十四人。\n"
    "刘海燕首先介绍了全会的基本情况。她说，全会审议通过的决定共分十五个部分，提出了三百多项"
    "改革举措，其中很多内容和老百姓的日常生活密切相关，比如完善收入分配制度、健全社会保障"
    "体系、推进教育医疗方面的改革。她建议大家不要只看标题，要结合自己家里和身边的事情去理解。\n"
    "随后大家进行了讨论。退休教师钱老师说，她最关心的是养老服务方面的内容，现在小区里独居"
    "老人越来越多，希望支部能多组织党员上门看望。在物业公司上班的党员小吴提出，全会讲到基层"
    "治理，小区停车难、垃圾分类这些老问题，能不能借这个机会和居委会、物业一起商量出办法。"
    "也有党员坦言，文件篇幅较长，自己读了两遍还有不少地方没弄明白，希望下次能请街道党校的"
    "老师来做辅导。\n"
    "针对大家的意见，支部商定了几件事：下月第二周请党校老师来讲一堂辅导课；由钱老师牵头，"
    "排出走访独居老人的轮班表；小吴负责把停车和垃圾分类的问题整理成书面材料，提交社区两委"
    "会议讨论。\n"
    "会议于十一点前结束。\n";

/* A downloaded template, and two branches' minutes built around it. */
#define TEMPLATE_TEXT                                                                                                                      \
    "为深入学习贯彻党的二十届三中全会精神，进一步增强党员的政治意识和责任意识，根据上级党组织" \
    "统一部署，本支部召开专题组织生活会。会上，支部书记带领全体党员原原本本学习了全会公报，"    \
    "围绕“进一步全面深化改革、推进中国式现代化”这一主题，结合支部实际，深入查找在理想信念、" \
    "党性修养、担当作为等方面存在的差距和不足，逐条制定整改措施，明确整改时限，确保学习成效"    \
    "转化为推动工作的强大动力。"
static const char TEMPLATE[] = TEMPLATE_TEXT;
#define PAD_X_HEAD "2024年10月8日，幸福里社区第二党支部召开组织生活会，应到党员12名，实到11名。\n"
#define PAD_X_TAIL                                                                                                                  \
    "\n会后，支部党员来到社区日间照料中心，为老人们打扫卫生、测量血压，并与社工一起检查了" \
    "活动室的消防器材。支部书记黄丽要求党员把这次活动的体会写成心得，下周交支部汇总。\n"
#define PAD_Y_HEAD "10月11日上午，滨河社区离退休党支部全体党员在老年活动室集中学习。\n"
#define PAD_Y_TAIL                                                                                                                     \
    "\n讨论中，党员们还就楼道堆物清理问题提出了三条建议，由支部委员老郑汇总后报社区居委会；" \
    "几位腿脚不便的老党员由支部委员送学上门。\n"

static const char TEMPLATE_X[] = PAD_X_HEAD TEMPLATE_TEXT PAD_X_TAIL;
static const char TEMPLATE_Y[] = PAD_Y_HEAD TEMPLATE_TEXT PAD_Y_TAIL;

struct pair {
    struct arena a;
    struct textsim_doc x, y;
    struct textsim_sig sx, sy;
    struct textsim_score score;
    double estimate;
};

static void pair_build(struct pair *p, const char *x, const char *y)
{
    struct err e = { 0 };

    arena_init(&p->a, 0);
    CHECK_EQ(textsim_doc_build(x, strlen(x), NULL, &p->a, &p->x, &e), 0);
    CHECK_EQ(textsim_doc_build(y, strlen(y), NULL, &p->a, &p->y, &e), 0);
    textsim_compare(&p->x, &p->y, &p->score);
    textsim_sig_compute(&p->x, &p->sx);
    textsim_sig_compute(&p->y, &p->sy);
    p->estimate = textsim_sig_similarity(&p->sx, &p->sy);
    printf("#   jaccard %.3f containment %.3f minhash %.3f (%zu and %zu shingles)\n",
           p->score.jaccard, p->score.containment, p->estimate, p->x.nshingles, p->y.nshingles);
}

/* s with every edit applied in turn (each replaces all occurrences), from a. */
static const char *edited(struct arena *a, const char *s, const char *const (*edits)[2], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *from = edits[i][0], *to = edits[i][1], *hit;
        struct buf b;
        buf_init(&b, a, TEXTSIM_TEXT_MAX);
        for (; (hit = strstr(s, from)) != NULL; s = hit + strlen(from)) {
            buf_append(&b, s, (size_t)(hit - s));
            buf_append(&b, to, strlen(to));
        }
        buf_append(&b, s, strlen(s));
        s = buf_cstr(&b);
    }
    return s;
}

/* The recommended rule (textsim.h). */
static bool flagged(struct pair *p)
{
    struct textsim_passage longest;

    if (p->score.jaccard >= TEXTSIM_COPY_JACCARD ||
        p->score.containment >= TEXTSIM_COPY_CONTAINMENT)
        return true;
    return textsim_passages(&p->x, &p->y, TEXTSIM_COPY_PASSAGE, &p->a, &longest, 1) == 1;
}

/* Whether the two signatures share a band key: an LSH index would offer them as a pair. */
static bool candidates(const struct textsim_sig *x, const struct textsim_sig *y)
{
    uint64_t bx[TEXTSIM_BANDS], by[TEXTSIM_BANDS];

    if (!textsim_sig_bands(x, bx) || !textsim_sig_bands(y, by))
        return false;
    for (size_t i = 0; i < TEXTSIM_BANDS; i++)
        for (size_t j = 0; j < TEXTSIM_BANDS; j++)
            if (bx[i] == by[j])
                return true;
    return false;
}

static void test_copied_minutes_flagged(void)
{
    struct pair p;
    struct textsim_passage ps[4];
    size_t n;

    struct arena a;
    const char *copy;

    arena_init(&a, 0);
    copy = edited(&a, MINUTES_A, COPY_EDITS, ARRAY_LEN(COPY_EDITS));
    CHECK(strstr(copy, "第三党支部") && !strstr(copy, "王建国"));
    pair_build(&p, MINUTES_A, copy);
    CHECK(p.score.jaccard >= 0.8);
    CHECK(p.estimate >= 0.75 && p.estimate - p.score.jaccard < 0.12 &&
          p.score.jaccard - p.estimate < 0.12);
    CHECK(flagged(&p));
    CHECK(candidates(&p.sx, &p.sy));
    /* The longest shared passage is the whole of 一、传达学习 after the secretary's name. */
    n = textsim_passages(&p.x, &p.y, 0, &p.a, ps, ARRAY_LEN(ps));
    CHECK_EQ(n, ARRAY_LEN(ps));
    CHECK(ps[0].chars > 100);
    CHECK_EQ(ps[0].a_end - ps[0].a_start, ps[0].b_end - ps[0].b_start);
    CHECK(memcmp(MINUTES_A + ps[0].a_start, copy + ps[0].b_start, ps[0].a_end - ps[0].a_start) ==
          0);
    for (size_t i = 1; i < n; i++)
        CHECK(ps[i].chars <= ps[i - 1].chars);
    /* It starts after the one edited word of 一、传达学习 and runs into 会议最后. */
    CHECK(strncmp(MINUTES_A + ps[0].a_start, "重要的会议", strlen("重要的会议")) == 0);
    CHECK(ps[0].chars >= TEXTSIM_COPY_PASSAGE);
    arena_release(&p.a);
    arena_release(&a);
}

static void test_own_words_not_flagged(void)
{
    struct pair p;
    struct textsim_passage ps[4];

    pair_build(&p, MINUTES_A, MINUTES_C);
    CHECK(p.score.jaccard < 0.1);
    CHECK(p.estimate < 0.3);
    CHECK(!flagged(&p));
    CHECK(!candidates(&p.sx, &p.sy));
    /* Set phrases of the topic are shared, but no passage of two full sentences. */
    CHECK_EQ(textsim_passages(&p.x, &p.y, 30, &p.a, ps, ARRAY_LEN(ps)), 0);
    if (textsim_passages(&p.x, &p.y, TEXTSIM_K_DEFAULT, &p.a, ps, 1) == 1)
        printf("#   longest shared phrase: %zu characters\n", ps[0].chars);
    arena_release(&p.a);
}

static void test_template_passage_found(void)
{
    struct pair p;
    struct textsim_passage ps[2];
    const size_t full_stop = strlen("。");
    size_t at_x = strlen(PAD_X_HEAD), at_y = strlen(PAD_Y_HEAD);

    pair_build(&p, TEMPLATE_X, TEMPLATE_Y);
    CHECK(p.score.containment >= TEXTSIM_COPY_CONTAINMENT);
    CHECK(flagged(&p));
    CHECK(candidates(&p.sx, &p.sy));
    CHECK_EQ(textsim_passages(&p.x, &p.y, 0, &p.a, ps, ARRAY_LEN(ps)), 1);
    printf("#   template passage: %zu characters\n", ps[0].chars);
    /* The whole template but its closing full stop, in both texts. */
    CHECK_EQ(ps[0].a_start, at_x);
    CHECK_EQ(ps[0].a_end, at_x + strlen(TEMPLATE) - full_stop);
    CHECK_EQ(ps[0].b_start, at_y);
    CHECK_EQ(ps[0].b_end, at_y + strlen(TEMPLATE) - full_stop);
    CHECK(memcmp(TEMPLATE_Y + ps[0].b_start, TEMPLATE, ps[0].b_end - ps[0].b_start) == 0);
    arena_release(&p.a);
}

static void test_width_and_blanks_equal(void)
{
    const char *full = "２０２４年　学习贯彻ＡＢＣ精神，\n 认真   落实！\t（第１期）";
    const char *half = "2024年学习贯彻abc精神,认真落实!(第1期)";
    struct pair p;
    uint8_t bx[TEXTSIM_SIG_BYTES], by[TEXTSIM_SIG_BYTES];

    pair_build(&p, full, half);
    CHECK_EQ(p.x.n, p.y.n);
    CHECK(memcmp(p.x.cp, p.y.cp, p.x.n * sizeof(*p.x.cp)) == 0);
    CHECK(p.score.jaccard == 1.0);
    textsim_sig_encode(&p.sx, bx);
    textsim_sig_encode(&p.sy, by);
    CHECK(memcmp(bx, by, sizeof(bx)) == 0);
    arena_release(&p.a);
}

static void test_byte_map(void)
{
    const char *s = "ａ，Ｂ 1２3汉〇。";
    struct textsim_opts raw = { .k = 2, .flags = 0 };
    struct arena a;
    struct err e = { 0 };
    struct textsim_doc d;

    arena_init(&a, 0);
    CHECK_EQ(textsim_doc_build(s, strlen(s), NULL, &a, &d, &e), 0);
    CHECK_EQ(d.n, 5); /* a b <digits> 汉 〇 */
    CHECK_EQ(d.cp[0], 'a');
    CHECK_EQ(d.cp[1], 'b');
    CHECK_EQ(d.start[1], 6);
    CHECK_EQ(d.end[1], 9);
    CHECK_EQ(d.start[2], 10); /* "1２3", one token */
    CHECK_EQ(d.end[2], 15);
    CHECK_EQ(d.cp[3], 0x6C49);
    CHECK_EQ(d.start[3], 15);
    CHECK_EQ(d.cp[4], 0x3007);
    CHECK_EQ(d.end[4], strlen(s) - strlen("。"));
    CHECK_EQ(textsim_doc_build(s, strlen(s), &raw, &a, &d, &e), 0);
    CHECK_EQ(d.n, 7);
    CHECK_EQ(d.cp[3], '2');
    CHECK_EQ(d.k, 2);
    /* A NUL inside the text is dropped like a control character. */
    CHECK_EQ(textsim_doc_build("党\0员", 7, NULL, &a, &d, &e), 0);
    CHECK_EQ(d.n, 2);
    CHECK_EQ(d.nshingles, 1);
    arena_release(&a);
}

static void test_dates_and_counts_folded(void)
{
    struct pair p;

    pair_build(&p, "2024年9月12日召开支部委员会，应到18人，实到16人",
               "2023年11月3日召开支部委员会，应到9人，实到9人");
    CHECK(p.score.jaccard == 1.0);
    arena_release(&p.a);
}

static void test_signature_encoding(void)
{
    struct pair p;
    uint8_t buf[TEXTSIM_SIG_BYTES];
    struct textsim_sig back;
    struct err e = { 0 };
    uint64_t bands[TEXTSIM_BANDS];

    pair_build(&p, MINUTES_A, MINUTES_A);
    CHECK(p.estimate == 1.0);
    textsim_sig_encode(&p.sx, buf);
    CHECK_EQ(buf[0], TEXTSIM_SIG_VERSION);
    CHECK_EQ(buf[1], TEXTSIM_K_DEFAULT);
    CHECK_EQ(buf[2], TEXTSIM_FOLD_DIGITS);
    CHECK_EQ(buf[4], p.sx.v[0] & 0xFF);
    CHECK_EQ(textsim_sig_decode(buf, sizeof(buf), &back, &e), 0);
    CHECK(memcmp(back.v, p.sx.v, sizeof(back.v)) == 0);
    CHECK(textsim_sig_similarity(&back, &p.sx) == 1.0);
    /* Stored signatures and band keys must not change with a build: pinned values. */
    CHECK_EQ(p.sx.v[0], 30956814);
    CHECK_EQ(textsim_sig_bands(&p.sx, bands), TEXTSIM_BANDS);
    CHECK_EQ((int64_t)bands[0], -1716482667611342565);

    CHECK_EQ(textsim_sig_decode(buf, sizeof(buf) - 1, &back, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    err_clear(&e);
    buf[0] = TEXTSIM_SIG_VERSION + 1;
    CHECK_EQ(textsim_sig_decode(buf, sizeof(buf), &back, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    /* Signatures made with another k do not compare. */
    back = p.sx;
    back.k = 4;
    CHECK(textsim_sig_similarity(&back, &p.sx) == 0.0);
    arena_release(&p.a);
}

static void test_empty_and_limits(void)
{
    struct arena a;
    struct err e = { 0 };
    struct textsim_doc d = { 0 }, full;
    struct textsim_sig s;
    struct textsim_score sc;
    uint64_t bands[TEXTSIM_BANDS];
    struct textsim_opts bad_k = { .k = TEXTSIM_K_MAX + 1 };
    char *big;

    arena_init(&a, 0);
    CHECK_EQ(textsim_doc_build("，。！ \n", strlen("，。！ \n"), NULL, &a, &d, &e), 0);
    CHECK_EQ(d.n, 0);
    CHECK_EQ(d.nshingles, 0);
    textsim_sig_compute(&d, &s);
    CHECK_EQ(textsim_sig_bands(&s, bands), 0);
    CHECK(textsim_sig_similarity(&s, &s) == 0.0);
    CHECK_EQ(textsim_doc_build(MINUTES_A, strlen(MINUTES_A), NULL, &a, &full, &e), 0);
    textsim_compare(&d, &full, &sc);
    CHECK(sc.jaccard == 0.0 && sc.containment == 0.0);

    big = arena_alloc(&a, TEXTSIM_TEXT_MAX + 1);
    memset(big, 'x', TEXTSIM_TEXT_MAX + 1);
    CHECK_EQ(textsim_doc_build(big, TEXTSIM_TEXT_MAX + 1, NULL, &a, &d, &e), -1);
    CHECK_EQ(e.code, E_LIMIT);
    CHECK_EQ(d.n, 0); /* untouched */
    err_clear(&e);
    CHECK_EQ(textsim_doc_build(big, TEXTSIM_TEXT_MAX, NULL, &a, &d, &e), 0);
    CHECK_EQ(textsim_doc_build("\xE5\x85", 2, NULL, &a, &d, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    err_clear(&e);
    CHECK_EQ(textsim_doc_build("党员", 6, &bad_k, &a, &d, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    arena_release(&a);
}

/* A text that repeats one phrase thousands of times is searched in bounded time, and the run
 * from the start is still found. */
static void test_repetitive_text_bounded(void)
{
    struct arena a;
    struct err e = { 0 };
    struct textsim_doc x, y;
    struct textsim_passage ps[2];
    size_t n = 20000, len = n * strlen("学习");
    char *s;

    arena_init(&a, 0);
    s = arena_alloc(&a, len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * strlen("学习"), "学习", strlen("学习"));
    CHECK_EQ(textsim_doc_build(s, len, NULL, &a, &x, &e), 0);
    CHECK_EQ(textsim_doc_build(s, len, NULL, &a, &y, &e), 0);
    CHECK_EQ(x.nshingles, 2);
    CHECK(textsim_passages(&x, &y, 0, &a, ps, ARRAY_LEN(ps)) >= 1);
    CHECK_EQ(ps[0].chars, 2 * n);
    CHECK_EQ(ps[0].a_end, len);
    arena_release(&a);
}

TAP_MAIN("textsim", TEST(test_copied_minutes_flagged), TEST(test_own_words_not_flagged),
         TEST(test_template_passage_found), TEST(test_width_and_blanks_equal), TEST(test_byte_map),
         TEST(test_dates_and_counts_folded), TEST(test_signature_encoding),
         TEST(test_empty_and_limits), TEST(test_repetitive_text_bounded))
