/* demo_members.c: the demo members: category, age and dates of each member of a community's
 * roster, work unit and post, and the status history of the record (admission, 转正, a few
 * suspensions, restorations, removals and deaths, RULES.md §2, §10), written with the member
 * row and its tags. Orgs are demo_orgs.c's; the person and household rows demo_households.c's. */
#include "core/compat.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

static const char *const CAT_NAME[CAT_N] = {
    "community", "mobile_out", "in_service", "retired", "unemployed", "new_org", "student", "other",
};
/* A residential roster: many retirees and 社区党员, some in service, mobile, in 两新组织 or
 * without work, few students (per 1000). */
static const int CAT_WEIGHT[CAT_N] = { 240, 60, 110, 420, 60, 70, 20, 20 };

/* Member age by category, skewed old for a residential roster. */
static int member_age(struct gen *g, int cat)
{
    double u = demo_rng_unit(&g->rng);

    switch (cat) {
    case CAT_RETIRED:
        return 60 + (int)(35.0 * u * (0.5 + 0.5 * u)); /* mean about 74 */
    case CAT_COMMUNITY:
        return 30 + (int)(50.0 * u);
    case CAT_IN_SERVICE:
        return 24 + (int)(36.0 * u);
    case CAT_MOBILE_OUT:
        return 22 + (int)(34.0 * u);
    case CAT_NEW_ORG:
        return 22 + (int)(29.0 * u);
    case CAT_UNEMPLOYED:
        return 25 + (int)(35.0 * u);
    case CAT_STUDENT:
        return 19 + (int)(8.0 * u);
    default:
        return 20 + (int)(66.0 * u);
    }
}

/* Admission and 转正 dates: joined on or after the 18th birthday (DEV-AGE), 转正 one year
 * later plus a few days (DEV-PROB-END), both not after today. Probationary members joined
 * within the last year. */
static void member_dates(struct gen *g, struct mplan *mp)
{
    int64_t adult = demo_days_add_years(mp->p.birth_days, 18);
    int64_t latest_full_join = g->today_days - 366 - 20;

    if (mp->probationary) {
        int64_t lo = adult > g->today_days - 364 ? adult : g->today_days - 364;
        mp->joined_days = lo + demo_rng_below(&g->rng, (int)(g->today_days - lo + 1));
        mp->full_days = -1;
        return;
    }
    /* Join age 18 .. 45, mostly in the twenties. */
    {
        double u = demo_rng_unit(&g->rng);
        int64_t j = demo_days_add_years(adult, (int)(27.0 * u * u)) + demo_rng_below(&g->rng, 365);
        /* Too young for that join age: any day between the 18th birthday and the latest
         * admission that is already 转正 today. */
        if (j > latest_full_join)
            j = adult + demo_rng_below(&g->rng, (int)(latest_full_join - adult + 1));
        mp->joined_days = j;
        mp->full_days = demo_days_add_years(j, 1) + demo_rng_below(&g->rng, 15);
    }
}

static void work_unit(struct gen *g, const struct mplan *mp, char *unit, size_t unitsz,
                      const char **post)
{
    static const char *const kinds[] = { "科技", "商贸", "建设", "物流", "文化传媒" };
    static const char *const schools[] = { "江澜大学", "澜川职业技术学院", "江澜师范学院" };
    const char *word = g->company.w[demo_rng_below(&g->rng, g->company.n)];

    unit[0] = '\0';
    *post = NULL;
    switch (mp->cat) {
    case CAT_IN_SERVICE:
        if (demo_rng_chance(&g->rng, 650))
            demo_sfmt(unit, unitsz, "%s区%s", DEMO_DISTRICT,
                      g->units.w[demo_rng_below(&g->rng, g->units.n)]);
        else
            demo_sfmt(unit, unitsz, "江澜%s%s有限公司", word,
                      kinds[demo_rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        *post = g->posts_service.w[demo_rng_below(&g->rng, g->posts_service.n)];
        break;
    case CAT_NEW_ORG:
        if (demo_rng_chance(&g->rng, 150))
            demo_sfmt(unit, unitsz, "%s律师事务所", word);
        else if (demo_rng_chance(&g->rng, 150))
            demo_sfmt(unit, unitsz, "%s社会工作服务中心", word);
        else
            demo_sfmt(unit, unitsz, "%s%s%s有限公司", DEMO_DISTRICT, word,
                      kinds[demo_rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        *post = g->posts_neworg.w[demo_rng_below(&g->rng, g->posts_neworg.n)];
        break;
    case CAT_MOBILE_OUT:
        demo_sfmt(unit, unitsz, "%s%s%s有限公司", g->cities.w[demo_rng_below(&g->rng, g->cities.n)],
                  word, kinds[demo_rng_below(&g->rng, (int)ARRAY_LEN(kinds))]);
        break;
    case CAT_STUDENT:
        demo_sfmt(unit, unitsz, "%s", schools[demo_rng_below(&g->rng, (int)ARRAY_LEN(schools))]);
        break;
    default:
        break;
    }
}

void demo_plan_roster(struct gen *g, struct comm *cc)
{
    int count[KIND_N] = { 0 };

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        mp->cat = demo_rng_weighted(&g->rng, CAT_WEIGHT, CAT_N);
        switch (mp->cat) {
        case CAT_RETIRED: /* most retirees sit in 离退休支部, some in their 小区支部 */
            mp->kind = demo_rng_chance(&g->rng, 700) ? KIND_RETIRED : KIND_RES;
            break;
        case CAT_MOBILE_OUT:
            mp->kind = KIND_MOBILE;
            break;
        case CAT_NEW_ORG:
            mp->kind = KIND_JOINT;
            break;
        default:
            mp->kind = KIND_RES;
        }
        count[mp->kind]++;
    }
    /* A kind too small for a branch of its own stays in the 小区支部. */
    for (int k = KIND_RETIRED; k < KIND_N; k++) {
        if (count[k] >= BRANCH_MIN)
            continue;
        for (int i = 0; i < cc->m; i++) {
            if (cc->mem[i].kind == k)
                cc->mem[i].kind = KIND_RES;
        }
        count[KIND_RES] += count[k];
        count[k] = 0;
    }

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        bool female = demo_rng_chance(&g->rng, 400);
        int age = member_age(g, mp->cat);

        mp->probationary = mp->cat != CAT_RETIRED && age <= 45 && demo_rng_chance(&g->rng, 70);
        if (!mp->probationary && age < 20)
            age = 20;
        demo_make_person(g, cc, female, demo_birth_for_age(g, age), true, &mp->p);
        member_dates(g, mp);
        if (!mp->probationary && demo_days_add_years(mp->full_days, 50) <= g->today_days)
            mp->tags |= TAG_VETERAN;
        if (demo_rng_chance(&g->rng, mp->cat == CAT_UNEMPLOYED ? 150 : mp->p.age >= 75 ? 80 : 40))
            mp->tags |= TAG_HARDSHIP;
        if (mp->p.age < 80 && demo_rng_chance(&g->rng, 300))
            mp->tags |= TAG_VOLUNTEER;
    }
}

/* ---------------------------------------------------------------------------------------
 * Status history (member_event): every member's admission and, for a full member, 转正 on the
 * record's dates; for a few full members a later 停止党籍 (RULES.md LOST-SHILIAN), 恢复党籍 or
 * 除名 two years on (LOST-AFTER-STOP), an expulsion, or death. All of it is drawn from
 * g->r_event, and the member's status today is the last event's.
 */

enum { MEV_MAX = 4 };

struct mev {
    const char *kind, *old_value, *new_value, *note;
    int64_t day;
    char doc[DOC_BYTES]; /* "" when the record has none */
};

struct mhist {
    const char *status;
    int n;
    struct mev ev[MEV_MAX];
};

/* Losing contact, per 1000 full members under 70, by category: mostly those working away,
 * out of work or without a fixed tie to the community. */
static const int LOST_PM[CAT_N] = {
    [CAT_COMMUNITY] = 5,   [CAT_MOBILE_OUT] = 30, [CAT_IN_SERVICE] = 2, [CAT_RETIRED] = 2,
    [CAT_UNEMPLOYED] = 20, [CAT_NEW_ORG] = 8,     [CAT_STUDENT] = 0,    [CAT_OTHER] = 12,
};

static const char *const DEATH_NOTES[] = { "因病去世", "病故", "因病医治无效去世", "逝世" };

static struct mev *mev_add(struct mhist *h, const char *kind, int64_t day, const char *old_value,
                           const char *new_value, const char *note)
{
    struct mev *e;

    ASSERT(h->n < MEV_MAX);
    e = &h->ev[h->n++];
    *e = (struct mev){
        .kind = kind, .old_value = old_value, .new_value = new_value, .note = note, .day = day
    };
    h->status = new_value;
    return e;
}

/* The org whose decisions a branch's admissions, 转正 and 停止党籍 rest on: a 社区党委 is a
 * 基层党委 itself; a 社区党总支's branches go up to the street 党工委. Before that org was
 * founded the decision was another org's (the number is in the member's file), so the event
 * carries none. */
static void approval_doc(struct gen *g, const struct comm *cc, int64_t day, char out[DOC_BYTES])
{
    const char *abbr = cc->big ? cc->abbr : cc->street->abbr;
    int64_t since = cc->big ? cc->founded_days : cc->street->founded_days;

    if (day >= since)
        demo_doc_no(&g->r_event, abbr, cc->big ? "社党" : "街党工", day, out);
    else
        out[0] = '\0';
}

/* District decisions: 恢复党籍 needs county-level approval (LOST-AFTER-STOP), an expulsion is
 * the district discipline commission's. */
static void district_doc(struct gen *g, const char *issuer, int64_t day, char out[DOC_BYTES])
{
    char abbr[4];

    memcpy(abbr, DEMO_DISTRICT, 3);
    abbr[3] = '\0';
    demo_doc_no(&g->r_event, abbr, issuer, day, out);
}

/* The events of mp's record. keep: the member stays a current member whatever is drawn (a
 * secretary, a group leader or contact, the demo member login). */
static void plan_history(struct gen *g, const struct comm *cc, const struct mplan *mp, bool keep,
                         struct mhist *h)
{
    struct rng *r = &g->r_event;
    int64_t t = g->today_days, full = mp->full_days, d1, d2;
    int age = mp->p.age, pm;
    struct mev *e;

    h->n = 0;
    /* Routine entries carry short notes: there is one of each per member. */
    e = mev_add(h, "create", mp->joined_days, NULL, "probationary", "接收为预备党员");
    approval_doc(g, cc, e->day, e->doc);
    if (mp->probationary)
        return;
    e = mev_add(h, "status", full, "probationary", "full", "预备期满，按期转正");
    approval_doc(g, cc, e->day, e->doc);
    if (!keep)
        return;

    /* Death in the last three years (the roster keeps those records), mostly the oldest. */
    pm = age >= 90 ? 150 : age >= 80 ? 80 : age >= 70 ? 30 : age >= 60 ? 8 : 0;
    if (demo_rng_chance(r, pm) && demo_day_in(r, demo_max64(full + 1, t - 3 * 365), t - 1, &d1)) {
        mev_add(h, "status", d1, "full", "deceased",
                DEATH_NOTES[demo_rng_below(r, (int)ARRAY_LEN(DEATH_NOTES))]);
        return;
    }
    if (age >= 70)
        return;
    /* Lost contact: 停止党籍 at least a year after 转正; then either still suspended (for
     * less than two years), restored on a written application within two years, or struck
     * off as 自行脱党 once two years have passed. */
    if (demo_rng_chance(r, LOST_PM[mp->cat])) {
        int path = demo_rng_below(r, 100);
        int64_t lo = full + 365;

        if (path < 40) {
            if (demo_day_in(r, demo_max64(lo, t - 700), t - 30, &d1)) {
                e = mev_add(h, "status", d1, "full", "suspended",
                            "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
                approval_doc(g, cc, d1, e->doc);
            }
        } else if (path < 75) {
            if (demo_day_in(r, demo_max64(lo, t - 6 * 365), t - 120, &d1) &&
                demo_day_in(r, d1 + 60, demo_min64(d1 + 700, t - 1), &d2)) {
                e = mev_add(h, "status", d1, "full", "suspended",
                            "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
                approval_doc(g, cc, d1, e->doc);
                e = mev_add(h, "status", d2, "suspended", "full",
                            "本人与党组织取得联系并书面申请，经区委组织部批准恢复党籍");
                district_doc(g, "组", d2, e->doc);
            }
        } else if (demo_day_in(r, demo_max64(lo, t - 8 * 365), t - 761, &d1)) {
            e = mev_add(h, "status", d1, "full", "suspended",
                        "失去联系超过六个月，经多方寻找仍无法取得联系，停止党籍");
            approval_doc(g, cc, d1, e->doc);
            d2 = demo_min64(d1 + 731 + demo_rng_below(r, 60), t - 1);
            e = mev_add(h, "status", d2, "suspended", "left",
                        "停止党籍满两年仍无法取得联系，按自行脱党予以除名");
            approval_doc(g, cc, d2, e->doc);
        }
        return;
    }
    /* Expulsion for a grave breach of discipline: very rare. */
    if (demo_rng_chance(r, 1) &&
        demo_day_in(r, demo_max64(full + 365, t - 10 * 365), t - 30, &d1)) {
        e = mev_add(h, "status", d1, "full", "left", "因严重违纪受到开除党籍处分");
        district_doc(g, "纪", d1, e->doc);
    }
}

int demo_insert_member(struct gen *g, struct comm *cc, struct mplan *mp, int64_t person_id)
{
    static const struct {
        unsigned bit;
        const char *tag;
    } tags[] = {
        { TAG_HARDSHIP, "困难党员" },
        { TAG_VETERAN, "老党员" },
        { TAG_VOLUNTEER, "志愿者" },
        { TAG_WORKER, "党务工作者" },
    };
    const struct branch *br = &cc->br[mp->branch];
    char joined[11], full[11], unit[96];
    const char *post;
    struct demo_member_row r;
    struct mhist h;
    int64_t id = g->next_member++;
    /* The demo member login: the first full member of the demo branch who is not its
     * secretary. It stays a full member, as do the org workers (DEMO logins and 书记 posts
     * rely on them). */
    bool login = cc->is_demo_target && g->want_member && br->id == g->res.branch_org_id &&
                 !mp->probationary && !mp->secretary;
    bool ended;

    plan_history(g, cc, mp, !login && !mp->secretary && !(mp->tags & TAG_WORKER), &h);
    ended = !strcmp(h.status, "deceased") || !strcmp(h.status, "left");
    demo_days_fmt(mp->joined_days, joined);
    if (!mp->probationary)
        demo_days_fmt(mp->full_days, full);
    work_unit(g, mp, unit, sizeof(unit), &post);
    r = (struct demo_member_row){
        .id = id,
        .tenant_id = g->tenant,
        .person_id = person_id,
        .org_id = br->id,
        .org_path = br->path,
        .status = h.status,
        .category = CAT_NAME[mp->cat],
        .joined_on = joined,
        .full_member_on = mp->probationary ? NULL : full,
        .work_unit = unit[0] ? unit : NULL,
        .post = post,
    };
    if (demo_store_member_insert(g->c, &r, g->now, g->err) < 0)
        return -1;
    g->res.members++;
    for (int k = 0; k < h.n; k++) {
        char on[11];
        struct demo_member_event_row er = {
            .tenant_id = g->tenant,
            .member_id = id,
            .kind = h.ev[k].kind,
            .effective_on = on,
            .old_value = h.ev[k].old_value,
            .new_value = h.ev[k].new_value,
            .doc_no = h.ev[k].doc,
            .note = h.ev[k].note,
        };
        demo_days_fmt(h.ev[k].day, on);
        if (demo_store_member_event_insert(g->c, &er, g->now, g->err) < 0)
            return -1;
    }
    for (size_t i = 0; i < ARRAY_LEN(tags); i++) {
        /* Someone who died or left is no longer listed as a volunteer or in hardship. */
        if (ended && (tags[i].bit & (TAG_VOLUNTEER | TAG_HARDSHIP)))
            continue;
        if ((mp->tags & tags[i].bit) &&
            demo_store_member_tag_insert(g->c, id, tags[i].tag, g->err) < 0)
            return -1;
    }
    if (login) {
        g->res.member_person_id = person_id;
        g->want_member = false;
    }
    return 0;
}
