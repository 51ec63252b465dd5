/* demo.c: generates a fictional district for demos and load tests (demo_generate): the district
 * and its streets here; communities, people, members, households and the org history in the
 * demo_*.c parts (see demo_int.h); the areas' own data (linked units, statistics) in their demo
 * hooks, run in phase order. The same seed, date and member count give the same rows.
 * It writes through demo_store.c only and does not create logins (the caller does). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_int.h"

enum {
    MEMBERS_MIN = 100,
    MEMBERS_MAX = 10000000,
    MEMBERS_PER_COMMUNITY = 375, /* 3000 members -> the default 8 communities */
    COMMUNITIES_PER_STREET = 12,
};

/* ---------------------------------------------------------------------------------------
 * One community: plan the roster and branches, insert the orgs, then the households with
 * their people.
 */

static int gen_community(struct gen *g, const struct street *street, int street_index,
                         int comm_index, int members, bool big, bool demo_target)
{
    struct arena a;
    struct comm cc;
    char stem[32], full[48];
    int rc = -1;

    memset(&cc, 0, sizeof(cc));
    arena_init(&a, 1u << 16);
    cc.m = members;
    cc.street = street;
    cc.big = big;
    cc.street_index = street_index;
    cc.county = street_index % 6 + 1;
    cc.is_demo_target = demo_target;
    if (!demo_comm_name_next(g, stem, sizeof(stem), full, sizeof(full))) {
        err_set(g->err, E_INVALID, "/members", "演示数据规模过大，社区名称不够用");
        goto out;
    }
    demo_sfmt(cc.name, sizeof(cc.name), "%s社区", full);
    memcpy(cc.abbr, full, 3); /* names are CJK: three bytes a character */
    cc.abbr[3] = '\0';
    demo_sfmt(cc.road, sizeof(cc.road), "%s%s", stem,
              g->road_suffix.w[demo_rng_below(&g->rng, g->road_suffix.n)]);
    demo_sfmt(cc.street_name, sizeof(cc.street_name), "%s", street->name);
    demo_sfmt(cc.street_road, sizeof(cc.street_road), "%s", street->road);
    demo_sfmt(cc.addr_prefix, sizeof(cc.addr_prefix), "%s区%s", DEMO_DISTRICT, cc.street_name);
    demo_sfmt(cc.hukou, sizeof(cc.hukou), "%s区%s%s", DEMO_DISTRICT, cc.street_name, cc.name);
    cc.mem = arena_alloc(&a, sizeof(*cc.mem) * (size_t)members);

    demo_plan_roster(g, &cc);
    demo_plan_branches(g, &cc, &a);
    demo_plan_estates(g, &cc);
    if (demo_insert_community_orgs(g, &cc, street, comm_index, big) < 0)
        goto out;
    if (demo_target)
        g->res.community_org_id = cc.id;

    /* Households estate by estate: member households and others mixed over the slots. */
    for (int e = 0; e < cc.nestates; e++) {
        struct estate *es = &cc.est[e];
        int *owner = arena_alloc(&a, sizeof(*owner) * (size_t)es->households), na = 0;

        for (int i = 0; i < cc.m; i++) {
            if (cc.mem[i].estate == e)
                owner[na++] = i;
        }
        for (int k = na; k < es->households; k++)
            owner[k] = -1;
        for (int k = es->households - 1; k > 0; k--) {
            int j = demo_rng_below(&g->rng, k + 1), t = owner[k];
            owner[k] = owner[j];
            owner[j] = t;
        }
        for (int k = 0; k < es->households; k++) {
            if (demo_insert_household(g, &cc, e, k, owner[k] >= 0 ? &cc.mem[owner[k]] : NULL) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* ---------------------------------------------------------------------------------------
 * The district and its streets.
 */

static void gen_init(struct gen *g, const struct demo_opts *o)
{
    char today[11];
    int m, d;

    demo_rng_seed(&g->rng, o->seed);
    demo_rng_seed(&g->r_former, o->seed ^ 0x666f726d65724eULL);
    demo_rng_seed(&g->r_event, o->seed ^ 0x6d656d6265724eULL);
    demo_rng_seed(&g->r_org, o->seed ^ 0x6f7267686973ULL);
    g->now = clock_now();
    clock_today(today);
    ASSERT(date_parse(today, &g->ty, &m, &d) == 0);
    g->today_days = date_to_days(g->ty, m, d);
    for (int e = 0; e < DEMO_ERAS; e++) {
        demo_pool_parse(DEMO_GIVEN_M[e], &g->given[0][e]);
        demo_pool_parse(DEMO_GIVEN_F[e], &g->given[1][e]);
    }
    ASSERT(DEMO_SURNAMES_LEN > 0 && DEMO_SURNAMES_LEN <= ARRAY_LEN(g->surname_cum));
    for (size_t i = 0; i < DEMO_SURNAMES_LEN; i++)
        g->surname_cum[i] = (i ? g->surname_cum[i - 1] : 0) + DEMO_SURNAMES[i].w;
    ASSERT(DEMO_ETHNICITIES_LEN > 0 && DEMO_ETHNICITIES_LEN <= ARRAY_LEN(g->eth_cum));
    for (size_t i = 0; i < DEMO_ETHNICITIES_LEN; i++)
        g->eth_cum[i] = (i ? g->eth_cum[i - 1] : 0) + DEMO_ETHNICITIES[i].w;
    demo_words_parse(DEMO_STREET_A, &g->street_a);
    demo_words_parse(DEMO_STREET_B, &g->street_b);
    demo_words_parse(DEMO_COMM_A, &g->comm_a);
    demo_words_parse(DEMO_COMM_B, &g->comm_b);
    demo_words_parse(DEMO_COMM_SUFFIX, &g->comm_suffix);
    demo_words_parse(DEMO_ESTATE_WORDS, &g->estate_words);
    demo_words_parse(DEMO_ESTATE_SUFFIX, &g->estate_suffix);
    demo_words_parse(DEMO_ROAD_SUFFIX, &g->road_suffix);
    demo_words_parse(DEMO_COMPANY_WORDS, &g->company);
    demo_words_parse(DEMO_OUT_CITIES, &g->cities);
    demo_words_parse(DEMO_OTHER_COUNTIES, &g->counties);
    demo_words_parse(DEMO_WORK_UNITS, &g->units);
    demo_words_parse(DEMO_POSTS_SERVICE, &g->posts_service);
    demo_words_parse(DEMO_POSTS_NEWORG, &g->posts_neworg);
    {
        int ns = g->street_a.n * g->street_b.n;
        int nc = g->comm_a.n * g->comm_b.n * g->comm_suffix.n;
        g->street_start = demo_rng_below(&g->rng, ns);
        g->street_stride = demo_coprime_stride(g, ns);
        g->comm_start = demo_rng_below(&g->rng, nc);
        g->comm_stride = demo_coprime_stride(g, nc);
    }
    g->next_org = g->next_person = g->next_member = g->next_household = g->next_resident = 1;
    g->want_member = g->want_resident = true;
}

/* Member counts per community: every fourth community is small (a 党总支 of 60-90 members),
 * the others vary around the mean; the counts add up to `members` exactly. */
static void community_sizes(struct gen *g, int64_t members, int n, int *out)
{
    double *w = calloc((size_t)n, sizeof(*w)), sum = 0;
    int64_t given = 0;

    ASSERT(w);
    for (int i = 0; i < n; i++) {
        w[i] =
            i % 4 == 3 ? 0.16 + 0.06 * demo_rng_unit(&g->rng) : 0.8 + 0.7 * demo_rng_unit(&g->rng);
        sum += w[i];
    }
    for (int i = 0; i < n; i++) {
        out[i] = (int)((double)members * w[i] / sum);
        given += out[i];
    }
    for (int i = 0; given < members; i = (i + 1) % n) {
        if (i % 4 != 3 || n < 4) {
            out[i]++;
            given++;
        }
    }
    free(w);
}

/* The root: the district organization department; its id is every row's tenant_id. */
static int insert_district(struct gen *g, struct street *district)
{
    char contact[32], ini[16], phone[12], addr[160], name[96], short_name[96];
    struct demo_org_row r;

    memset(district, 0, sizeof(*district));
    district->id = g->next_org++;
    g->tenant = district->id;
    demo_sfmt(district->path, sizeof(district->path), "/%" PRId64 "/", district->id);
    demo_sfmt(name, sizeof(name), "中共%s区委组织部", DEMO_DISTRICT);
    demo_sfmt(short_name, sizeof(short_name), "%s区委组织部", DEMO_DISTRICT);
    demo_sfmt(addr, sizeof(addr), "%s区%s大道1号", DEMO_DISTRICT, DEMO_DISTRICT);
    demo_make_name(g, demo_rng_chance(&g->rng, 400), 1975, contact, ini, NULL);
    demo_make_phone(g, phone);
    r = (struct demo_org_row){
        .id = district->id,
        .tenant_id = g->tenant,
        .path = district->path,
        .depth = 0,
        .type = "district",
        .name = name,
        .short_name = short_name,
        .code = "D99",
        .founded_on = "1984-03-01",
        .contact_name = contact,
        .contact_phone = phone,
        .address = addr,
    };
    return demo_org_insert(g, &r);
}

/* Street s (0-based) of the district, named from the next street stem. */
static int insert_street(struct gen *g, const struct street *district, struct street *st, int s)
{
    char founded_on[11], contact[32], ini[16], phone[12], addr[160], name[96], short_name[96];
    char stem[32];
    struct demo_org_row r;

    if (!demo_street_stem_next(g, stem, sizeof(stem)))
        return err_set(g->err, E_INVALID, "/members", "演示数据规模过大，街道名称不够用");
    st->id = g->next_org++;
    memcpy(st->abbr, stem, 3);
    st->abbr[3] = '\0';
    demo_sfmt(st->path, sizeof(st->path), "%s%" PRId64 "/", district->path, st->id);
    demo_sfmt(st->code, sizeof(st->code), "D99%04d", s + 1);
    demo_sfmt(st->name, sizeof(st->name), "%s街道", stem);
    demo_sfmt(st->road, sizeof(st->road), "%s%s", stem, s % 2 ? "大道" : "路");
    demo_sfmt(name, sizeof(name), "中共%s街道工作委员会", stem);
    demo_sfmt(short_name, sizeof(short_name), "%s街道党工委", stem);
    demo_sfmt(addr, sizeof(addr), "%s区%s%d号", DEMO_DISTRICT, st->road,
              demo_rng_range(&g->rng, 1, 200));
    demo_make_name(g, demo_rng_chance(&g->rng, 400), 1972 + demo_rng_below(&g->rng, 12), contact,
                   ini, NULL);
    demo_make_phone(g, phone);
    st->founded_days = demo_founded(g, 1990, 2005, 0, founded_on);
    r = (struct demo_org_row){
        .id = st->id,
        .tenant_id = g->tenant,
        .parent_id = district->id,
        .path = st->path,
        .depth = 1,
        .type = "street",
        .name = name,
        .short_name = short_name,
        .code = st->code,
        .founded_on = founded_on,
        .contact_name = contact,
        .contact_phone = phone,
        .address = addr,
    };
    return demo_org_insert(g, &r);
}

static int gen_district(struct gen *g, int64_t members)
{
    int ncomm, nstreet, *sizes = NULL, ci = 0, target = 0, rc = -1;
    struct street district, *streets = NULL;

    ncomm = (int)((members + MEMBERS_PER_COMMUNITY / 2) / MEMBERS_PER_COMMUNITY);
    if (members >= 3000 && ncomm < 8)
        ncomm = 8;
    if (ncomm < 1)
        ncomm = 1;
    nstreet = ncomm <= 15 ? 1 : (ncomm + COMMUNITIES_PER_STREET - 1) / COMMUNITIES_PER_STREET;
    sizes = calloc((size_t)ncomm, sizeof(*sizes));
    streets = calloc((size_t)nstreet, sizeof(*streets));
    ASSERT(sizes && streets);
    community_sizes(g, members, ncomm, sizes);
    /* The demo logins go to the first 社区党委 (or the first community of a tiny run). */
    while (target < ncomm && sizes[target] <= 100)
        target++;
    if (target == ncomm)
        target = 0;

    if (insert_district(g, &district) < 0)
        goto out;
    for (int s = 0; s < nstreet; s++) {
        if (insert_street(g, &district, &streets[s], s) < 0)
            goto out;
    }

    /* Communities, spread evenly over the streets. */
    for (int s = 0; s < nstreet; s++) {
        int here = ncomm / nstreet + (s < ncomm % nstreet ? 1 : 0);
        for (int k = 0; k < here; k++, ci++) {
            if (ci == target)
                g->res.street_org_id = streets[s].id;
            if (gen_community(g, &streets[s], s, k, sizes[ci], sizes[ci] > 100, ci == target) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    free(sizes);
    free(streets);
    return rc;
}

/* Runs the hooks of one phase, in the order given. */
static int hooks_run(const struct demo_opts *o, enum demo_phase phase, const struct demo_ctx *ctx,
                     struct err *err)
{
    for (size_t i = 0; i < o->nhooks; i++)
        if (o->hooks[i]->phase == phase && o->hooks[i]->run(ctx, err) < 0)
            return -1;
    return 0;
}

int demo_generate(struct db *db, const struct demo_opts *o, struct demo_result *out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct gen *g = NULL;
    int64_t existing = 0;
    char today[11];
    struct demo_bulk_schema schema;
    bool bulk = false;
    int rc = -1;

    if (o->members < MEMBERS_MIN || o->members > MEMBERS_MAX)
        return err_set(err, E_INVALID, "/members", "演示党员人数应在 %d 到 %d 之间", MEMBERS_MIN,
                       MEMBERS_MAX);
    demo_bulk_schema_init(&schema);
    g = calloc(1, sizeof(*g));
    ASSERT(g);
    g->err = err;
    gen_init(g, o);
    if (db_acquire(db, &c, err) < 0)
        goto out;
    g->c = c;
    if (demo_store_count_existing(c, &existing, err) < 0)
        goto out;
    if (existing > 0) {
        err_set(err, E_CONFLICT, "",
                "数据库中已有组织或人员数据，演示数据只能生成到新建的空数据库");
        goto out;
    }
    if (demo_store_bulk_begin(c, err) < 0)
        goto out;
    bulk = true;
    if (db_tx_begin(c, err) < 0)
        goto out;
    demo_days_fmt(g->today_days, today);
    struct demo_ctx ctx = { .c = c,
                            .seed = o->seed,
                            .today = today,
                            .today_days = g->today_days,
                            .now = g->now,
                            .street = &g->res };
    /* The rows go in without secondary indexes and triggers, which come back before the
     * set-based hooks (they need the indexes) and the commit. */
    if (demo_store_bulk_schema_drop(c, &schema, err) < 0 || gen_district(g, o->members) < 0 ||
        hooks_run(o, DEMO_PHASE_ROWS, &ctx, err) < 0 || demo_gen_org_history(g) < 0 ||
        demo_store_bulk_indexes_restore(c, &schema, err) < 0 ||
        demo_store_setting_demo(c, g->now, err) < 0 ||
        hooks_run(o, DEMO_PHASE_INDEXED, &ctx, err) < 0 ||
        demo_store_bulk_triggers_restore(c, &schema, err) < 0 ||
        hooks_run(o, DEMO_PHASE_DONE, &ctx, err) < 0) {
        db_tx_rollback(c);
        goto out;
    }
    if (db_tx_commit(c, err) < 0)
        goto out;
    *out = g->res;
    rc = 0;
out:
    if (bulk)
        demo_store_bulk_end(c);
    db_release(db, &c);
    demo_bulk_schema_release(&schema);
    if (g)
        free(g->ids.slot);
    free(g);
    return rc;
}
