/* demo_households.c: the demo households: a flat on an estate with its address, a plausible
 * family around its head (a member of the roster or another resident), the person and resident
 * rows, former names for some, and the member row through demo_members.c. It does not plan
 * estates or rosters (demo_orgs.c and demo_members.c do). */
#include "core/compat.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

enum { FAMILY_MAX = 8 };

/* One person of a household, with the relation to the head. */
struct fam {
    struct pgen p;
    const char *relation;
    struct mplan *mp; /* NULL for non-members */
};

static void add_relative(struct gen *g, const struct comm *cc, struct fam *f, int *n, int age,
                         bool female, const char *relation)
{
    if (*n >= FAMILY_MAX || age < 0 || age > 100)
        return;
    demo_make_person(g, cc, female, demo_birth_for_age(g, age), false, &f[*n].p);
    f[*n].relation = relation;
    f[*n].mp = NULL;
    (*n)++;
}

/* Builds a plausible family around a head aged `age` (already in f[0]). */
static void make_family(struct gen *g, const struct comm *cc, struct fam *f, int *n)
{
    int age = f[0].p.age, spouse_pm, kids = 0;
    bool female = f[0].p.gender[0] == 'F', spouse = false;

    spouse_pm = age < 22   ? 0
                : age < 30 ? 450
                : age < 60 ? 880
                : age < 75 ? 800
                : age < 85 ? 600
                           : 350;
    if (demo_rng_chance(&g->rng, spouse_pm)) {
        int d = demo_rng_range(&g->rng, 0, 4);
        add_relative(g, cc, f, n, female ? age + d : age - d, !female, "配偶");
        spouse = true;
        /* In many households the husband is registered as 户主. */
        if (female && demo_rng_chance(&g->rng, 500)) {
            f[0].relation = "配偶";
            f[*n - 1].relation = "户主";
        }
    }
    if (age < 30) {
        if (spouse && demo_rng_chance(&g->rng, 350))
            add_relative(g, cc, f, n, demo_rng_range(&g->rng, 0, 5), demo_rng_chance(&g->rng, 480),
                         "子女");
    } else if (age < 60) {
        kids = demo_rng_weighted(&g->rng, (const int[]){ 150, 550, 300 }, 3);
        for (int k = 0; k < kids; k++) {
            int ca = age - demo_rng_range(&g->rng, 23, 35) - 2 * k;
            if (ca >= 0 && (ca < 25 || demo_rng_chance(&g->rng, 400)))
                add_relative(g, cc, f, n, ca, demo_rng_chance(&g->rng, 480), "子女");
        }
        if (demo_rng_chance(&g->rng, 120))
            add_relative(g, cc, f, n, age + demo_rng_range(&g->rng, 22, 32),
                         demo_rng_chance(&g->rng, 600), "父母");
    } else if (demo_rng_chance(&g->rng, 220)) {
        int ca = age - demo_rng_range(&g->rng, 24, 34);
        add_relative(g, cc, f, n, ca, demo_rng_chance(&g->rng, 480), "子女");
        if (ca >= 25 && demo_rng_chance(&g->rng, 500))
            add_relative(g, cc, f, n, ca - demo_rng_range(&g->rng, 23, 32),
                         demo_rng_chance(&g->rng, 480), "其他");
    }
}

/* The household row of flat k of estate e (hid: its id), its address into addr. */
static int insert_household_row(struct gen *g, const struct comm *cc, int e, int k, int64_t hid,
                                char addr[224])
{
    const struct estate *es = &cc->est[e];
    int slots = es->units * es->floors * es->rooms;
    int64_t cap = es->buildings * slots;
    int64_t slot = (int64_t)k * cap / es->households;
    int building = (int)(slot / slots) + 1, rem = (int)(slot % slots);
    int unit = rem / (es->floors * es->rooms) + 1, fr = rem % (es->floors * es->rooms);
    int room = (fr / es->rooms + 1) * 100 + fr % es->rooms + 1;
    int grid = es->grid_base + (building - 1) / BUILDINGS_PER_GRID + 1;
    char sgrid[24], sbuilding[24], sunit[24], sroom[16];
    struct demo_household_row h;
    struct sb b;

    demo_sb_init(&b, sgrid, sizeof(sgrid));
    demo_sb_str(&b, "第");
    demo_sb_uint(&b, grid, 0);
    demo_sb_str(&b, "网格");
    demo_sb_init(&b, sbuilding, sizeof(sbuilding));
    demo_sb_uint(&b, building, 0);
    demo_sb_str(&b, "号楼");
    demo_sb_init(&b, sunit, sizeof(sunit));
    demo_sb_uint(&b, unit, 0);
    demo_sb_str(&b, "单元");
    demo_sb_init(&b, sroom, sizeof(sroom));
    demo_sb_uint(&b, room, 0);
    demo_sb_init(&b, addr, 224); /* 澜川区青枫街道青枫路6号阳光公寓3号楼2单元501室 */
    demo_sb_str(&b, cc->addr_prefix);
    demo_sb_str(&b, es->road);
    demo_sb_uint(&b, es->road_no, 0);
    demo_sb_str(&b, "号");
    demo_sb_str(&b, es->name);
    demo_sb_uint(&b, building, 0);
    demo_sb_str(&b, "号楼");
    demo_sb_uint(&b, unit, 0);
    demo_sb_str(&b, "单元");
    demo_sb_uint(&b, room, 0);
    demo_sb_str(&b, "室");
    h = (struct demo_household_row){
        .id = hid,
        .tenant_id = g->tenant,
        .org_id = cc->id,
        .grid = sgrid,
        .building = sbuilding,
        .unit = sunit,
        .room = sroom,
        .address = addr,
    };
    if (demo_store_household_insert(g->c, &h, g->now, g->err) < 0)
        return -1;
    g->res.households++;
    return 0;
}

/* One person of household hid (address addr) with the resident row and, for a member, the
 * member row; the head moved in on head_moved, the others then or at birth. */
static int insert_resident(struct gen *g, struct comm *cc, const struct fam *m, int64_t hid,
                           int64_t head_moved, const char *addr)
{
    int64_t pid = g->next_person++, moved = head_moved;
    char moved_on[11], former[32] = "";
    struct demo_person_row pr;
    struct demo_resident_row rr;
    /* 曾用名: more common among older people (per 1000, about 2.5 % overall). */
    int former_pm = m->p.age >= 60 ? 40 : m->p.age >= 40 ? 25 : m->p.age >= 18 ? 12 : 3;

    if (demo_rng_chance(&g->r_former, former_pm))
        demo_make_former_name(g, &m->p, former);
    pr = (struct demo_person_row){
        .id = pid,
        .tenant_id = g->tenant,
        .name = m->p.name,
        .former_name = former[0] ? former : NULL,
        .gender = m->p.gender,
        .ethnicity = m->p.ethnicity,
        .birth_date = m->p.birth,
        .id_number = m->p.id,
        .phone = m->p.phone[0] ? m->p.phone : NULL,
        .address = addr,
        .hukou = m->p.hukou,
        .education = m->p.education,
        .name_initials = m->p.ini,
    };

    if (demo_store_person_insert(g->c, &pr, g->now, g->err) < 0)
        return -1;
    g->res.persons++;
    if (m->mp && demo_insert_member(g, cc, m->mp, pid) < 0)
        return -1;
    if (m->p.birth_days > moved)
        moved = m->p.birth_days;
    demo_days_fmt(moved, moved_on);
    rr = (struct demo_resident_row){
        .id = g->next_resident++,
        .tenant_id = g->tenant,
        .person_id = pid,
        .household_id = hid,
        .relation = m->relation,
        .moved_in_on = moved_on,
    };
    if (demo_store_resident_insert(g->c, &rr, g->now, g->err) < 0)
        return -1;
    g->res.residents++;
    if (cc->is_demo_target && g->want_resident && !m->mp && m->p.age >= 18) {
        g->res.resident_person_id = pid;
        g->want_resident = false;
    }
    return 0;
}

int demo_insert_household(struct gen *g, struct comm *cc, int e, int k, struct mplan *anchor)
{
    char addr[224];
    struct fam f[FAMILY_MAX];
    int n = 0;
    int64_t hid = g->next_household++, head_moved;

    if (insert_household_row(g, cc, e, k, hid, addr) < 0)
        return -1;

    if (anchor) {
        f[0].p = anchor->p;
        f[0].mp = anchor;
    } else {
        double u = demo_rng_unit(&g->rng);
        int age = 22 + (int)(66.0 * u * (0.8 + 0.2 * u));
        demo_make_person(g, cc, demo_rng_chance(&g->rng, 500), demo_birth_for_age(g, age), false,
                         &f[0].p);
        f[0].mp = NULL;
    }
    f[0].relation = "户主";
    n = 1;
    make_family(g, cc, f, &n);

    /* Moved in as an adult, not before 1985; children born later arrived at birth. */
    {
        int64_t lo = demo_days_add_years(f[0].p.birth_days, 20), d1985 = date_to_days(1985, 1, 1);
        if (lo < d1985)
            lo = d1985;
        if (lo > g->today_days)
            lo = g->today_days;
        head_moved = lo + demo_rng_below(&g->rng, (int)(g->today_days - lo + 1));
    }

    for (int i = 0; i < n; i++) {
        if (insert_resident(g, cc, &f[i], hid, head_moved, addr) < 0)
            return -1;
    }
    return 0;
}
