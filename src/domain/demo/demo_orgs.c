/* demo_orgs.c: the demo district's org tree below a street: unique street and community
 * names, founding dates, the branches of a community (sized by RULES.md §12) with their
 * estates and 党小组, and the org rows. People come from demo_people.c; the district and
 * street rows are demo.c's, the org history demo_org_history.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

enum {
    BRANCH_TARGET = 22, /* national average members per 支部 (RULES.md §12) */
    BRANCH_MAX = 50,    /* ORG-SIZE */
};

/* ---------------------------------------------------------------------------------------
 * Name sequences: the k-th street or community name walks a permutation of the word
 * combinations, so names are unique, vary with the seed and need no lookup.
 */

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int demo_coprime_stride(struct gen *g, int n)
{
    int s = n / 3 + demo_rng_below(&g->rng, n / 3 + 1);
    if (s < 1)
        s = 1;
    while (gcd(s, n) != 1)
        s++;
    return s;
}

static const char *const ROUND_PREFIX[] = { "", "东", "西", "南", "北", "中", "新", "上", "下" };

/* Next street stem ("青枫") into out; returns false when the combinations are used up. */
bool demo_street_stem_next(struct gen *g, char *out, size_t outsz)
{
    int n = g->street_a.n * g->street_b.n;

    while (g->street_pos < n * (int)ARRAY_LEN(ROUND_PREFIX)) {
        int k = g->street_pos++, round = k / n;
        int idx = (int)(((int64_t)(k % n) * g->street_stride + g->street_start) % n);
        const char *a = g->street_a.w[idx % g->street_a.n];
        const char *b = g->street_b.w[idx / g->street_a.n];
        if (strcmp(a, b) == 0)
            continue;
        demo_sfmt(out, outsz, "%s%s%s", ROUND_PREFIX[round], a, b);
        return true;
    }
    return false;
}

/* Next community stem and suffix ("桂香" + "苑"). */
bool demo_comm_name_next(struct gen *g, char *stem, size_t stemsz, char *full, size_t fullsz)
{
    int n = g->comm_a.n * g->comm_b.n * g->comm_suffix.n;

    while (g->comm_pos < n * (int)ARRAY_LEN(ROUND_PREFIX)) {
        int k = g->comm_pos++, round = k / n;
        int idx = (int)(((int64_t)(k % n) * g->comm_stride + g->comm_start) % n);
        const char *a = g->comm_a.w[idx % g->comm_a.n];
        const char *b = g->comm_b.w[(idx / g->comm_a.n) % g->comm_b.n];
        const char *s = g->comm_suffix.w[idx / (g->comm_a.n * g->comm_b.n)];
        if (strcmp(a, b) == 0 || strstr(s, b) || strstr(s, a))
            continue;
        demo_sfmt(stem, stemsz, "%s%s", a, b);
        demo_sfmt(full, fullsz, "%s%s%s%s", ROUND_PREFIX[round], a, b, s);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------------------------------
 * Orgs.
 */

/* Chinese ordinal of i + 1 (一 .. 九十九) into out. */
static const char *ordinal(int i, char out[16])
{
    static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    int n = i + 1;

    if (n < 10)
        demo_sfmt(out, 16, "%s", digit[n]);
    else if (n < 100)
        demo_sfmt(out, 16, "%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
    else
        demo_sfmt(out, 16, "%d", n);
    return out;
}

/* Founding date between two years, not before `after` (the parent's founding day, or 0)
 * and not after today. Returns the day. */
int64_t demo_founded(struct gen *g, int from_year, int to_year, int64_t after, char out[11])
{
    int64_t lo = date_to_days(from_year, 1, 1), hi = date_to_days(to_year, 12, 31);
    int64_t d;

    if (lo <= after)
        lo = after + 1;
    if (hi < lo + 30)
        hi = lo + 365;
    if (hi > g->today_days)
        hi = g->today_days;
    if (lo > hi)
        lo = hi;
    d = lo + demo_rng_below(&g->rng, (int)(hi - lo + 1));
    demo_days_fmt(d, out);
    return d;
}

int demo_org_insert(struct gen *g, const struct demo_org_row *r)
{
    if (demo_store_org_insert(g->c, r, g->now, g->err) < 0)
        return -1;
    g->res.orgs++;
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * One community: plan the roster and branches, insert the orgs, then the households with
 * their people.
 */

/* Splits n members into nb branch sizes, each within [BRANCH_MIN, BRANCH_MAX] when n allows,
 * uneven like real branches. */
static void split_sizes(struct gen *g, int n, int nb, int *sizes)
{
    for (int i = 0; i < nb; i++)
        sizes[i] = n / nb + (i < n % nb ? 1 : 0);
    for (int k = 0; k < nb; k++) {
        int i = demo_rng_below(&g->rng, nb), j = demo_rng_below(&g->rng, nb), room;
        if (i == j)
            continue;
        room = sizes[i] - BRANCH_MIN;
        if (BRANCH_MAX - sizes[j] < room)
            room = BRANCH_MAX - sizes[j];
        if (sizes[i] / 3 < room)
            room = sizes[i] / 3;
        if (room > 0) {
            int t = demo_rng_below(&g->rng, room + 1);
            sizes[i] -= t;
            sizes[j] += t;
        }
    }
}

static int branch_count(int n)
{
    int nb = (n + BRANCH_TARGET / 2) / BRANCH_TARGET;
    if (nb < 1)
        nb = 1;
    while (n > nb * BRANCH_MAX)
        nb++;
    return nb;
}

/* Chooses the branch secretary: a full member aged 30-72 when there is one. */
static int pick_secretary(struct comm *cc, int b)
{
    int fallback = -1;

    for (int i = 0; i < cc->m; i++) {
        struct mplan *mp = &cc->mem[i];
        if (mp->branch != b)
            continue;
        if (fallback < 0)
            fallback = i;
        if (!mp->probationary && mp->p.age >= 30 && mp->p.age <= 72)
            return i;
    }
    return fallback;
}

void demo_plan_branches(struct gen *g, struct comm *cc, struct arena *a)
{
    int count[KIND_N] = { 0 }, nb[KIND_N], total = 0, next[KIND_N], b = 0;
    int *sizes;

    for (int i = 0; i < cc->m; i++)
        count[cc->mem[i].kind]++;
    for (int k = 0; k < KIND_N; k++) {
        nb[k] = count[k] ? branch_count(count[k]) : 0;
        total += nb[k];
    }
    cc->nbranches = total;
    cc->br = arena_alloc(a, sizeof(*cc->br) * (size_t)(total > 0 ? total : 1));
    sizes = arena_alloc(a, sizeof(*sizes) * (size_t)(total > 0 ? total : 1));

    /* Order: 小区支部, 离退休支部, 联合支部, 流动党员支部. */
    for (int k = 0; k < KIND_N; k++) {
        next[k] = b;
        if (nb[k])
            split_sizes(g, count[k], nb[k], sizes + b);
        for (int j = 0; j < nb[k]; j++, b++) {
            cc->br[b].kind = k;
            cc->br[b].size = sizes[b];
            cc->br[b].estate = -1;
            cc->br[b].ordinal = j;
        }
    }

    /* Estates: one per one or two 小区支部 (at least one per community). */
    cc->nestates = nb[KIND_RES] > 0 ? (nb[KIND_RES] + 1) / 2 : 1;
    cc->est = arena_alloc(a, sizeof(*cc->est) * (size_t)cc->nestates);
    for (int j = 0; j < nb[KIND_RES]; j++) {
        struct branch *br = &cc->br[next[KIND_RES] + j];
        br->estate = j % cc->nestates;
        br->ordinal = j / cc->nestates;
        cc->est[br->estate].nbranches++;
    }

    /* Members fill their kind's branches in order (categories were drawn at random, so
     * the order is random too). The sizes of a kind add up to its count. */
    {
        int used[KIND_N] = { 0 };
        for (int i = 0; i < cc->m; i++) {
            struct mplan *mp = &cc->mem[i];
            int k = mp->kind;
            if (used[k] >= cc->br[next[k]].size) {
                next[k]++;
                used[k] = 0;
            }
            used[k]++;
            mp->branch = next[k];
            mp->estate = cc->br[next[k]].estate >= 0 ? cc->br[next[k]].estate
                                                     : demo_rng_below(&g->rng, cc->nestates);
            cc->est[mp->estate].anchors++;
        }
    }
}

void demo_plan_estates(struct gen *g, struct comm *cc)
{
    static const int floors[] = { 6, 6, 7, 11, 18, 26 };
    int perm_n = g->estate_words.n * g->estate_suffix.n;
    int start = demo_rng_below(&g->rng, perm_n), stride = demo_coprime_stride(g, perm_n), grid = 0;

    for (int e = 0; e < cc->nestates; e++) {
        struct estate *es = &cc->est[e];
        int idx = (int)(((int64_t)e * stride + start) % perm_n), slots;
        double occupancy = 0.45 + 0.3 * demo_rng_unit(&g->rng);

        demo_sfmt(es->name, sizeof(es->name), "%s%s", g->estate_words.w[idx % g->estate_words.n],
                  g->estate_suffix.w[idx / g->estate_words.n]);
        if (e % 2 == 0) {
            demo_sfmt(es->road, sizeof(es->road), "%s", cc->road);
            es->road_no = 6 + 14 * (e / 2) + demo_rng_below(&g->rng, 12);
        } else {
            demo_sfmt(es->road, sizeof(es->road), "%s", cc->street_road);
            es->road_no = 101 + 14 * (e / 2) + demo_rng_below(&g->rng, 12);
        }
        /* Non-member households: about 0.45 per member household, so residents come to
         * roughly 3.5 per member. */
        es->households =
            es->anchors + (int)((double)es->anchors * (0.38 + 0.14 * demo_rng_unit(&g->rng)) + 0.5);
        if (es->households < 4)
            es->households = 4;
        es->units = demo_rng_range(&g->rng, 2, 4);
        es->floors = floors[demo_rng_below(&g->rng, (int)ARRAY_LEN(floors))];
        es->rooms = demo_rng_range(&g->rng, 2, 4);
        slots = es->units * es->floors * es->rooms;
        es->buildings = (int64_t)((double)es->households / (slots * occupancy)) + 1;
        es->grid_base = grid;
        grid += (int)((es->buildings + BUILDINGS_PER_GRID - 1) / BUILDINGS_PER_GRID);
    }
}

/* The community's own org row, with its secretary (a full member of working age) as contact;
 * its code goes into code for the branches' codes. */
static int insert_community_org(struct gen *g, struct comm *cc, const struct street *street,
                                int comm_index, bool big, char code[24])
{
    char founded_on[11], short_name[96], full[160], addr[160], area[64];
    struct demo_org_row r;
    int ngrids = 0, contact = -1;

    for (int e = 0; e < cc->nestates; e++)
        ngrids = cc->est[e].grid_base +
                 (int)((cc->est[e].buildings + BUILDINGS_PER_GRID - 1) / BUILDINGS_PER_GRID);
    /* The community secretary: a full member of working age. */
    for (int i = 0; i < cc->m && contact < 0; i++) {
        const struct mplan *mp = &cc->mem[i];
        if (!mp->probationary && mp->p.age >= 30 && mp->p.age <= 58 &&
            (mp->cat == CAT_COMMUNITY || mp->cat == CAT_IN_SERVICE))
            contact = i;
    }
    if (contact < 0)
        contact = 0;
    cc->mem[contact].tags |= TAG_WORKER;

    cc->id = g->next_org++;
    demo_sfmt(cc->path, sizeof(cc->path), "%s%" PRId64 "/", street->path, cc->id);
    demo_sfmt(code, 24, "%s%03d", street->code, comm_index + 1);
    demo_sfmt(short_name, sizeof(short_name), "%s%s", cc->name, big ? "党委" : "党总支");
    demo_sfmt(full, sizeof(full), "中共%s%s", cc->name, big ? "委员会" : "总支部委员会");
    demo_sfmt(addr, sizeof(addr), "%s%s%d号 社区党群服务中心", cc->addr_prefix, cc->road,
              demo_rng_range(&g->rng, 1, 5));
    demo_sfmt(area, sizeof(area), "第1至%d网格", ngrids);
    cc->founded_days = demo_founded(g, 2000, 2012, street->founded_days, founded_on);
    r = (struct demo_org_row){
        .id = cc->id,
        .tenant_id = g->tenant,
        .parent_id = street->id,
        .path = cc->path,
        .depth = 2,
        .type = big ? "community_committee" : "general_branch",
        .name = full,
        .short_name = short_name,
        .code = code,
        .founded_on = founded_on,
        .contact_name = cc->mem[contact].p.name,
        .contact_phone = cc->mem[contact].p.phone,
        .address = addr,
        .area = area,
    };
    return demo_org_insert(g, &r);
}

/* A branch's short name: "HEAD第二TAIL" when numbered (by its ordinal), else "HEADTAIL". */
static void branch_short_name(struct branch *br, bool numbered, const char *head, const char *tail)
{
    char ord[16];

    if (numbered)
        demo_sfmt(br->short_name, sizeof(br->short_name), "%s第%s%s", head,
                  ordinal(br->ordinal, ord), tail);
    else
        demo_sfmt(br->short_name, sizeof(br->short_name), "%s%s", head, tail);
}

/* A branch's short name and address by its kind; returns its org type and sets the years its
 * founding day is drawn from. */
static const char *branch_naming(struct gen *g, const struct comm *cc, struct branch *br,
                                 const struct estate *es, char addr[160], int *from, int *to)
{
    const char *type = "branch";

    switch (br->kind) {
    case KIND_RES:
        branch_short_name(br, es->nbranches > 1, es->name, "党支部");
        demo_sfmt(addr, 160, "%s%s%d号%s", cc->addr_prefix, es->road, es->road_no, es->name);
        break;
    case KIND_RETIRED:
        branch_short_name(br, true, "", "离退休党支部");
        demo_sfmt(addr, 160, "%s%s 社区党群服务中心", cc->addr_prefix, cc->road);
        break;
    case KIND_JOINT:
        type = "joint_branch";
        *from = 2010;
        *to = 2022;
        branch_short_name(br, br->ordinal != 0, "两新组织", "联合党支部");
        demo_sfmt(addr, 160, "%s%s%d号 %s商务楼", cc->addr_prefix, cc->road,
                  demo_rng_range(&g->rng, 60, 99),
                  g->company.w[demo_rng_below(&g->rng, g->company.n)]);
        break;
    default:
        type = "mobile_branch";
        *from = 2008;
        *to = 2020;
        branch_short_name(br, br->ordinal != 0, "流动党员", "党支部");
        demo_sfmt(addr, 160, "%s%s 社区党群服务中心", cc->addr_prefix, cc->road);
    }
    return type;
}

/* 党小组 (ORG-GROUP) in the larger branch b (secretary sec); members stay on the branch. */
static int insert_branch_groups(struct gen *g, struct comm *cc, int b, int sec,
                                const struct estate *es, const char *addr, int64_t br_founded)
{
    struct branch *br = &cc->br[b];
    char founded_on[11], ord[16];
    struct demo_org_row r;
    int building, leader = -1;

    br->ngroups = br->size >= 30 ? 3 : br->size >= 20 && demo_rng_chance(&g->rng, 500) ? 2 : 0;
    building = es ? demo_rng_range(&g->rng, 1, (int)es->buildings) : 0;
    for (int k = 0; k < br->ngroups; k++) {
        char gname[192], gshort[64], gpath[128], gcode[32];
        int64_t gid = g->next_org++;

        if (es && es->buildings >= br->ngroups) {
            demo_sfmt(gshort, sizeof(gshort), "%d号楼党小组", building);
            building = (int)(building % es->buildings) + 1;
        } else {
            demo_sfmt(gshort, sizeof(gshort), "第%s党小组", ordinal(k, ord));
        }
        /* The group leader: the next member of the branch after the last leader. */
        for (int i = leader + 1; i < cc->m; i++) {
            if (cc->mem[i].branch == b && i != sec) {
                leader = i;
                break;
            }
        }
        if (leader >= 0)
            cc->mem[leader].tags |= TAG_WORKER;
        demo_sfmt(gname, sizeof(gname), "%s%s", br->name, gshort);
        demo_sfmt(gpath, sizeof(gpath), "%s%" PRId64 "/", br->path, gid);
        demo_sfmt(gcode, sizeof(gcode), "%s%02d", br->code, k + 1);
        demo_founded(g, 2005, 2024, br_founded, founded_on);
        r = (struct demo_org_row){
            .id = gid,
            .tenant_id = g->tenant,
            .parent_id = br->id,
            .path = gpath,
            .depth = 4,
            .type = "group",
            .name = gname,
            .short_name = gshort,
            .code = gcode,
            .founded_on = founded_on,
            .contact_name = leader >= 0 ? cc->mem[leader].p.name : NULL,
            .contact_phone = leader >= 0 ? cc->mem[leader].p.phone : NULL,
            .address = addr,
            .area = es ? es->name : NULL,
        };
        if (demo_org_insert(g, &r) < 0)
            return -1;
    }
    return 0;
}

/* Branch b of the community (code: the community's), with its secretary and 党小组. */
static int insert_branch(struct gen *g, struct comm *cc, int b, const char *code)
{
    struct branch *br = &cc->br[b];
    const struct estate *es = br->estate >= 0 ? &cc->est[br->estate] : NULL;
    char founded_on[11], addr[160];
    const char *type;
    int from = 2001, to = 2018, sec;
    int64_t br_founded;
    struct demo_org_row r;

    sec = pick_secretary(cc, b);
    br->secretary = sec;
    if (sec >= 0) {
        cc->mem[sec].tags |= TAG_WORKER;
        cc->mem[sec].secretary = true;
    }
    type = branch_naming(g, cc, br, es, addr, &from, &to);
    demo_sfmt(br->name, sizeof(br->name), "%s%s", cc->name, br->short_name);
    br->id = g->next_org++;
    demo_sfmt(br->path, sizeof(br->path), "%s%" PRId64 "/", cc->path, br->id);
    demo_sfmt(br->code, sizeof(br->code), "%s%03d", code, b + 1);
    br_founded = demo_founded(g, from, to, cc->founded_days, founded_on);
    r = (struct demo_org_row){
        .id = br->id,
        .tenant_id = g->tenant,
        .parent_id = cc->id,
        .path = br->path,
        .depth = 3,
        .type = type,
        .name = br->name,
        .short_name = br->short_name,
        .code = br->code,
        .founded_on = founded_on,
        .contact_name = sec >= 0 ? cc->mem[sec].p.name : NULL,
        .contact_phone = sec >= 0 ? cc->mem[sec].p.phone : NULL,
        .address = addr,
        .area = es ? es->name : NULL,
    };
    if (demo_org_insert(g, &r) < 0)
        return -1;
    if (cc->is_demo_target && br->kind == KIND_RES && g->res.branch_org_id == 0)
        g->res.branch_org_id = br->id;
    return insert_branch_groups(g, cc, b, sec, es, addr, br_founded);
}

int demo_insert_community_orgs(struct gen *g, struct comm *cc, const struct street *street,
                               int comm_index, bool big)
{
    char code[24];

    if (insert_community_org(g, cc, street, comm_index, big, code) < 0)
        return -1;
    for (int b = 0; b < cc->nbranches; b++) {
        if (insert_branch(g, cc, b, code) < 0)
            return -1;
    }
    return 0;
}
