/* demo_org_history.c: the demo orgs' history (org_event): streets renamed from towns,
 * communities renamed from villages or merged, branches moved between neighbouring
 * communities, joint branches renamed. Today's tree stays as generated; the events carry the
 * old names and parents. Drawn last from g->r_org, so it moves no other row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/demo/demo_int.h"

/* ---------------------------------------------------------------------------------------
 * Org history (org_event): streets renamed when a town became a street (撤镇设街), communities
 * renamed when a village became a community (撤村建居) or merged (the merged-in community
 * dissolved, its branches moved over and renamed), a branch moved to the neighbouring
 * community when the boundary was redrawn, and 非公企业 joint branches renamed 两新组织. The
 * orgs stay as generated (today's tree); the events carry the names and parents they had
 * before (the as-of tree puts those back), and every name below a renamed org is renamed
 * with it on the same day under the same document. Drawn from g->r_org after every other
 * row, so nothing else moves; a merged-in community takes the next free org id.
 */

enum hscen { H_NONE, H_VILLAGE, H_MERGE, H_MOVE };

struct hist {
    struct gen *g;
    struct arena *a;
    const struct demo_hist_org *o;
    int64_t n;
    int64_t *day;         /* founding day of each org, -1 when unknown */
    bool *renamed;        /* renamed by this pass already: one rename per org */
    bool *keep;           /* never renamed or moved: the demo branch and its sibling, which the
                             logins and their users' first views rely on */
    const char *gone[16]; /* place names of the communities merged away in this street (a
                             street has at most 15 communities, each merges once) */
    int ngone;
};

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static bool has_suffix(const char *s, const char *x)
{
    size_t n = strlen(s), k = strlen(x);
    return n >= k && strcmp(s + n - k, x) == 0;
}

static bool is_community(const char *type)
{
    return !strcmp(type, "community_committee") || !strcmp(type, "general_branch");
}

/* The index just past i's subtree, for a community or below: the generator writes a
 * community's orgs one after another (not a street's: all streets come first). */
static int64_t hist_end(const struct hist *h, int64_t i)
{
    size_t n = strlen(h->o[i].path);
    int64_t j = i + 1;

    while (j < h->n && strncmp(h->o[j].path, h->o[i].path, n) == 0)
        j++;
    return j;
}

/* s with its leading pn (or "中共" pn) replaced by po, from h->a; NULL when s starts with
 * neither. */
static const char *swap_prefix(struct hist *h, const char *s, const char *pn, const char *po)
{
    if (has_prefix(s, "中共") && has_prefix(s + strlen("中共"), pn))
        return arena_printf(h->a, "中共%s%s", po, s + strlen("中共") + strlen(pn));
    if (has_prefix(s, pn))
        return arena_printf(h->a, "%s%s", po, s + strlen(pn));
    return NULL;
}

/* A community's place name ("桂香苑社区") from its short name ("桂香苑社区党委"). */
static bool place_of(const struct demo_hist_org *o, char out[64])
{
    size_t n = strlen(o->short_name);

    if (has_suffix(o->short_name, "党总支"))
        n -= strlen("党总支");
    else if (has_suffix(o->short_name, "党委"))
        n -= strlen("党委");
    else
        return false;
    if (n == 0 || n >= 64)
        return false;
    memcpy(out, o->short_name, n);
    out[n] = '\0';
    return true;
}

/* The stem of a place name: "东桂香苑社区" -> "东桂香" and its suffix "苑" (the longest
 * community suffix it ends with). */
static bool place_stem(const struct gen *g, const char *place, char stem[64], const char **suffix)
{
    size_t n = strlen(place), best = 0;

    if (!has_suffix(place, "社区") || n - strlen("社区") >= 64)
        return false;
    n -= strlen("社区");
    memcpy(stem, place, n);
    stem[n] = '\0';
    *suffix = NULL;
    for (int i = 0; i < g->comm_suffix.n; i++) {
        size_t k = strlen(g->comm_suffix.w[i]);
        if (k > best && k < n && has_suffix(stem, g->comm_suffix.w[i])) {
            best = k;
            *suffix = g->comm_suffix.w[i];
        }
    }
    if (!best)
        return false;
    stem[n - best] = '\0';
    return true;
}

static int hist_event(struct hist *h, int64_t org_id, const char *kind, int64_t day,
                      const char *doc, const char *note, const char *old_name, const char *new_name,
                      const char *old_short, const char *new_short, int64_t old_parent,
                      int64_t new_parent)
{
    char on[11];
    struct demo_org_event_row r = {
        .tenant_id = h->g->tenant,
        .org_id = org_id,
        .old_parent_id = old_parent,
        .new_parent_id = new_parent,
        .kind = kind,
        .effective_on = on,
        .doc_no = doc,
        .note = note,
        .old_name = old_name,
        .new_name = new_name,
        .old_short_name = old_short,
        .new_short_name = new_short,
    };

    demo_days_fmt(day, on);
    return demo_store_org_event_insert(h->g->c, &r, h->g->now, h->g->err);
}

/* Renames on day every org in root's subtree founded before it whose name starts with pn (or
 * "中共" pn) to begin with po instead: the old names go into the events, today's stay.
 * root_short, when given, is root's old short name. */
static int rename_subtree(struct hist *h, int64_t root, int64_t day, const char *pn, const char *po,
                          const char *root_short, const char *doc, const char *note_root,
                          const char *note_rest)
{
    for (int64_t j = root, end = hist_end(h, root); j < end; j++) {
        const struct demo_hist_org *o = &h->o[j];
        const char *old_name, *old_short;

        if (h->renamed[j] || h->keep[j] || h->day[j] < 0 || h->day[j] >= day)
            continue;
        old_name = swap_prefix(h, o->name, pn, po);
        old_short = j == root && root_short ? root_short : swap_prefix(h, o->short_name, pn, po);
        if (!old_name && !old_short)
            continue;
        if (!old_name)
            old_name = o->name;
        if (!old_short)
            old_short = o->short_name;
        if (hist_event(h, o->id, "rename", day, doc, j == root ? note_root : note_rest, old_name,
                       o->name, old_short, strcmp(old_short, o->short_name) ? o->short_name : NULL,
                       0, 0) < 0)
            return -1;
        h->renamed[j] = true;
    }
    return 0;
}

/* Direct children of community c that are 小区支部 (a branch covering an estate), first or
 * last. */
static int64_t estate_branch(const struct hist *h, int64_t c, bool last)
{
    int64_t found = -1;

    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        if (h->o[j].parent_id == h->o[c].id && !strcmp(h->o[j].type, "branch") && h->o[j].area[0]) {
            found = j;
            if (!last)
                break;
        }
    }
    return found;
}

/* The last 小区支部 of c that may move and was founded after prev. */
static int64_t movable_branch(const struct hist *h, int64_t c, int64_t prev)
{
    for (int64_t j = hist_end(h, c) - 1; j > c; j--) {
        if (h->o[j].parent_id == h->o[c].id && !strcmp(h->o[j].type, "branch") && h->o[j].area[0] &&
            !h->keep[j] && h->day[j] > h->day[prev])
            return j;
    }
    return -1;
}

/* A merger needs an estate other than the first branch's, whose branches came with it. */
static bool can_merge(const struct hist *h, int64_t c)
{
    int64_t first = estate_branch(h, c, false), last = estate_branch(h, c, true);
    return first >= 0 && last >= 0 && strcmp(h->o[first].area, h->o[last].area) != 0 &&
           !h->keep[last];
}

static bool can_village(const struct hist *h, int64_t c)
{
    char place[64], stem[64];
    const char *suffix;
    return place_of(&h->o[c], place) && place_stem(h->g, place, stem, &suffix);
}

/* Does another community of the street (cm[0..nc-1], or one merged away) have this place
 * name? */
static bool place_taken(const struct hist *h, const int64_t *cm, int nc, const char *place)
{
    char p[64];

    for (int k = 0; k < h->ngone; k++) {
        if (!strcmp(h->gone[k], place))
            return true;
    }
    for (int k = 0; k < nc; k++) {
        if (place_of(&h->o[cm[k]], p) && !strcmp(p, place))
            return true;
    }
    return false;
}

/* 撤村建居: the community was a village's Party organization until a day in its first years. */
static int apply_village(struct hist *h, int64_t c, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    char place[64], stem[64], old[80], doc[DOC_BYTES];
    const char *suffix;
    int64_t d;

    if (!place_of(&h->o[c], place) || !place_stem(h->g, place, stem, &suffix) ||
        !demo_day_in(r, h->day[c] + 365, demo_min64(h->day[c] + 8 * 365, h->g->today_days - 30),
                     &d))
        return 0;
    demo_sfmt(old, sizeof(old), "%s村", stem);
    demo_doc_no(r, sabbr, "街党工", d, doc);
    return rename_subtree(h, c, d, place, old, NULL, doc,
                          arena_printf(h->a, "撤村建居，%s党组织更名为%s党组织", old, place),
                          arena_printf(h->a, "随%s撤村建居更名", place));
}

/* The branches of c on the estate of branch `last`, founded before the merger day m, move
 * from the merged-in community id (place dplace) to c (place) and are renamed after c. */
static int move_merged_branches(struct hist *h, int64_t c, int64_t last, int64_t m, int64_t id,
                                const char *place, const char *dplace, const char *doc)
{
    const struct demo_hist_org *cc = &h->o[c];

    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        const struct demo_hist_org *b = &h->o[j];
        const char *old_name;
        if (b->parent_id != cc->id || strcmp(b->type, "branch") ||
            strcmp(b->area, h->o[last].area) || h->day[j] < 0 || h->day[j] >= m || h->keep[j])
            continue;
        old_name = swap_prefix(h, b->name, place, dplace);
        if (hist_event(
                h, b->id, "move", m, doc,
                arena_printf(h->a, "%s并入%s，%s划归%s党组织", dplace, place, b->short_name, place),
                old_name ? old_name : b->name, NULL, b->short_name, NULL, id, cc->id) < 0 ||
            rename_subtree(h, j, m, place, dplace, NULL, doc,
                           arena_printf(h->a, "随%s并入%s更名", dplace, place),
                           arena_printf(h->a, "随%s并入%s更名", dplace, place)) < 0)
            return -1;
    }
    return 0;
}

/* About half the time, c itself took a new name at the merger with dplace on day m. */
static int rename_merged(struct hist *h, int64_t c, int64_t m, const int64_t *cm, int nc,
                         const char *place, const char *dplace, const char *doc)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;

    if (demo_rng_chance(r, 500)) {
        char stem[64], old[80];
        const char *suffix, *alt = g->comm_suffix.w[demo_rng_below(r, g->comm_suffix.n)];
        if (place_stem(g, place, stem, &suffix) && strcmp(alt, suffix) != 0) {
            demo_sfmt(old, sizeof(old), "%s%s社区", stem, alt);
            if (!place_taken(h, cm, nc, old) && strcmp(old, dplace) != 0 &&
                rename_subtree(h, c, m, place, old, NULL, doc,
                               arena_printf(h->a, "%s与%s合并，更名为%s", old, dplace, place),
                               arena_printf(h->a, "随%s与%s合并更名", old, dplace)) < 0)
                return -1;
        }
    }
    return 0;
}

/* A community merged into c on a day: named after c's estate whose branches it held, founded
 * after the street, dissolved on the merger day, its branches moved to c and renamed; c itself
 * took a new name at the merger about half the time. */
static int apply_merge(struct hist *h, int64_t s, int64_t c, const int64_t *cm, int nc,
                       const char *sabbr)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;
    const struct demo_hist_org *st = &h->o[s], *cc = &h->o[c];
    int64_t last = estate_branch(h, c, true), first = INT64_MAX, m, dfound, id;
    char place[64], dplace[80], dname[128], dshort[96], path[96], founded_on[11], gone_on[11];
    char doc[DOC_BYTES];
    struct demo_org_row row;

    if (last < 0 || !place_of(cc, place))
        return 0;
    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        if (h->o[j].parent_id == cc->id && !strcmp(h->o[j].type, "branch") &&
            !strcmp(h->o[j].area, h->o[last].area) && h->day[j] >= 0 && h->day[j] < first)
            first = h->day[j];
    }
    /* Named after the estate, as communities often are ("星河小区" -> "星河社区"). */
    {
        const char *area = h->o[last].area;
        int n = (int)strlen(area);
        if (has_suffix(area, "小区") && n > (int)strlen("小区"))
            n -= (int)strlen("小区");
        demo_sfmt(dplace, sizeof(dplace), "%.*s社区", n, area);
    }
    if (first == INT64_MAX || place_taken(h, cm, nc, dplace) ||
        !demo_day_in(r, first + 365, g->today_days - 30, &m) ||
        !demo_day_in(r, h->day[s] + 1, first - 1, &dfound))
        return 0;
    demo_doc_no(r, sabbr, "街党工", m, doc);
    if (h->ngone < (int)ARRAY_LEN(h->gone))
        h->gone[h->ngone++] = arena_strdup(h->a, dplace);

    /* The merged-in community, as it was. */
    id = g->next_org++;
    demo_sfmt(path, sizeof(path), "%s%" PRId64 "/", st->path, id);
    demo_sfmt(dname, sizeof(dname), "中共%s总支部委员会", dplace);
    demo_sfmt(dshort, sizeof(dshort), "%s党总支", dplace);
    demo_days_fmt(dfound, founded_on);
    row = (struct demo_org_row){
        .id = id,
        .tenant_id = g->tenant,
        .parent_id = st->id,
        .path = path,
        .depth = st->depth + 1,
        .type = "general_branch",
        .name = dname,
        .short_name = dshort,
        .founded_on = founded_on,
    };
    if (demo_org_insert(g, &row) < 0)
        return -1;

    if (move_merged_branches(h, c, last, m, id, place, dplace, doc) < 0 ||
        rename_merged(h, c, m, cm, nc, place, dplace, doc) < 0)
        return -1;

    demo_days_fmt(m, gone_on);
    if (demo_store_org_dissolve(g->c, id, gone_on, g->err) < 0 ||
        hist_event(h, id, "dissolve", m, doc, arena_printf(h->a, "与%s合并，撤销%s", place, dshort),
                   dname, NULL, dshort, NULL, 0, 0) < 0)
        return -1;
    return 0;
}

/* 区划调整: c's last 小区支部 belonged to the neighbouring community prev until a day. */
static int apply_move(struct hist *h, int64_t c, int64_t prev, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    const struct demo_hist_org *cc = &h->o[c], *b;
    int64_t j = movable_branch(h, c, prev), m;
    char place[64], pplace[64], doc[DOC_BYTES];
    const char *old_name;

    if (j < 0 || !place_of(cc, place) || !place_of(&h->o[prev], pplace) ||
        !demo_day_in(r, demo_max64(h->day[j], h->day[prev]) + 365, h->g->today_days - 30, &m))
        return 0;
    b = &h->o[j];
    demo_doc_no(r, sabbr, "街党工", m, doc);
    old_name = swap_prefix(h, b->name, place, pplace);
    if (hist_event(h, b->id, "move", m, doc,
                   arena_printf(h->a, "社区区划调整，%s由%s划归%s", b->short_name, pplace, place),
                   old_name ? old_name : b->name, NULL, b->short_name, NULL, h->o[prev].id,
                   cc->id) < 0)
        return -1;
    return rename_subtree(h, j, m, place, pplace, NULL, doc, "随社区区划调整更名",
                          "随社区区划调整更名");
}

/* 非公企业联合党支部 renamed 两新组织联合党支部 a few years after their founding. */
static int apply_joint(struct hist *h, int64_t c, const char *sabbr)
{
    struct rng *r = &h->g->r_org;
    const struct demo_hist_org *cc = &h->o[c];
    char place[64], cabbr[4], doc[DOC_BYTES];
    bool big = !strcmp(cc->type, "community_committee");

    if (!place_of(cc, place))
        return 0;
    memcpy(cabbr, place, 3);
    cabbr[3] = '\0';
    for (int64_t j = c + 1, end = hist_end(h, c); j < end; j++) {
        const struct demo_hist_org *b = &h->o[j];
        const char *old_short, *old_name;
        int64_t d;
        if (b->parent_id != cc->id || strcmp(b->type, "joint_branch") ||
            !has_prefix(b->short_name, "两新组织") || !demo_rng_chance(r, 400) ||
            !demo_day_in(r, h->day[j] + 180, demo_min64(h->day[j] + 6 * 365, h->g->today_days - 30),
                         &d))
            continue;
        old_short = arena_printf(h->a, "非公企业%s", b->short_name + strlen("两新组织"));
        old_name = arena_printf(h->a, "%s%s", place, old_short);
        demo_doc_no(r, big ? cabbr : sabbr, big ? "社党" : "街党工", d, doc);
        if (rename_subtree(h, j, d, b->name, old_name, old_short, doc,
                           "非公企业联合党支部更名为两新组织联合党支部", "随所在支部更名") < 0)
            return -1;
    }
    return 0;
}

static bool place_changing(enum hscen s)
{
    return s == H_VILLAGE || s == H_MERGE;
}

/* A scenario per community cm[0..nc-1] of a street into sc, drawn from g->r_org; a street
 * whose draw had no place change or move still gets one of each where a community allows it. */
static void draw_scenarios(struct hist *h, const int64_t *cm, int nc, enum hscen *sc)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;
    bool changed = false, moved = false;

    for (int k = 0; k < nc; k++) {
        bool target = h->o[cm[k]].id == g->res.community_org_id;
        int u = demo_rng_below(r, 1000);
        sc[k] = H_NONE;
        if (!target && u < 100 && can_merge(h, cm[k]))
            sc[k] = H_MERGE;
        else if (!target && u >= 100 && u < 220 && can_village(h, cm[k]))
            sc[k] = H_VILLAGE;
        else if (u >= 220 && u < 370 && k > 0 && !place_changing(sc[k - 1]) &&
                 movable_branch(h, cm[k], cm[k - 1]) >= 0)
            sc[k] = H_MOVE;
        changed |= place_changing(sc[k]);
        moved |= sc[k] == H_MOVE;
    }
    /* A street whose draw had no merger, rename or move still shows one of each where it
     * can. */
    for (int k = 0; !changed && k < nc; k++) {
        if (h->o[cm[k]].id != g->res.community_org_id && sc[k] == H_NONE &&
            (k + 1 >= nc || sc[k + 1] != H_MOVE) && can_merge(h, cm[k])) {
            sc[k] = H_MERGE;
            changed = true;
        }
    }
    for (int k = 1; !moved && k < nc; k++) {
        if (sc[k] == H_NONE && !place_changing(sc[k - 1]) &&
            movable_branch(h, cm[k], cm[k - 1]) >= 0) {
            sc[k] = H_MOVE;
            moved = true;
        }
    }
}

/* One street: its own rename, then a scenario per community (at least one place change and
 * one move per street when any community allows it), then the joint branches. */
static int hist_street(struct hist *h, int64_t s)
{
    struct gen *g = h->g;
    struct rng *r = &g->r_org;
    const struct demo_hist_org *st = &h->o[s];
    int64_t *cm, d;
    enum hscen *sc;
    char stem[64], sabbr[4], dabbr[4], doc[DOC_BYTES];
    int nc = 0;
    size_t n = strlen(st->short_name);

    if (!has_suffix(st->short_name, "街道党工委") || n - strlen("街道党工委") >= sizeof(stem) ||
        n == strlen("街道党工委"))
        return 0;
    n -= strlen("街道党工委");
    memcpy(stem, st->short_name, n);
    stem[n] = '\0';
    memcpy(sabbr, stem, 3);
    sabbr[3] = '\0';
    memcpy(dabbr, DEMO_DISTRICT, 3);
    dabbr[3] = '\0';

    /* 撤镇设街: the first street always, others often. */
    if ((st->id == g->res.street_org_id || demo_rng_chance(r, 400)) &&
        demo_day_in(r, h->day[s] + 3 * 365, demo_min64(h->day[s] + 12 * 365, g->today_days - 30),
                    &d)) {
        demo_doc_no(r, dabbr, "委", d, doc);
        if (hist_event(h, st->id, "rename", d, doc,
                       arena_printf(h->a, "撤镇设街道，%s镇党委更名为%s", stem, st->short_name),
                       arena_printf(h->a, "中共%s镇委员会", stem), st->name,
                       arena_printf(h->a, "%s镇党委", stem), st->short_name, 0, 0) < 0)
            return -1;
        h->renamed[s] = true;
    }

    /* Its communities, in id order. The streets come before all communities (a street's
     * subtree is not one run of ids, a community's is), so every org is looked at. */
    for (int64_t j = s + 1; j < h->n; j++)
        nc += h->o[j].parent_id == st->id && is_community(h->o[j].type);
    h->ngone = 0;
    cm = arena_alloc(h->a, sizeof(*cm) * (size_t)(nc ? nc : 1));
    sc = arena_alloc(h->a, sizeof(*sc) * (size_t)(nc ? nc : 1));
    nc = 0;
    for (int64_t j = s + 1; j < h->n; j++) {
        if (h->o[j].parent_id == st->id && is_community(h->o[j].type))
            cm[nc++] = j;
    }
    draw_scenarios(h, cm, nc, sc);

    for (int k = 0; k < nc; k++) {
        int rc = 0;
        switch (sc[k]) {
        case H_VILLAGE:
            rc = apply_village(h, cm[k], sabbr);
            break;
        case H_MERGE:
            rc = apply_merge(h, s, cm[k], cm, nc, sabbr);
            break;
        case H_MOVE:
            rc = apply_move(h, cm[k], cm[k - 1], sabbr);
            break;
        default:
            break;
        }
        if (rc < 0 || (!place_changing(sc[k]) && apply_joint(h, cm[k], sabbr) < 0))
            return -1;
    }
    return 0;
}

int demo_gen_org_history(struct gen *g)
{
    struct arena a;
    struct demo_hist_org *o;
    struct hist h = { .g = g, .a = &a };
    int64_t n;
    int rc = -1;

    arena_init(&a, 1u << 16);
    if (demo_store_hist_orgs(g->c, &a, &o, &n, g->err) < 0)
        goto out;
    h.o = o;
    h.n = n;
    h.day = arena_alloc(&a, sizeof(*h.day) * (size_t)(n ? n : 1));
    h.renamed = arena_alloc(&a, sizeof(*h.renamed) * (size_t)(n ? n : 1));
    h.keep = arena_alloc(&a, sizeof(*h.keep) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        int y, m, d;
        h.day[i] = o[i].founded_on && date_parse(o[i].founded_on, &y, &m, &d) == 0
                       ? date_to_days(y, m, d)
                       : -1;
    }
    /* The demo community's first two branches (the demo branch among them) with their
     * 党小组 keep their names and places. */
    for (int64_t i = 0, kept = 0; i < n && kept < 2; i++) {
        if (o[i].parent_id == g->res.community_org_id && !strcmp(o[i].type, "branch")) {
            for (int64_t j = i, end = hist_end(&h, i); j < end; j++)
                h.keep[j] = true;
            kept++;
        }
    }
    for (int64_t i = 0; i < n; i++) {
        if (!strcmp(o[i].type, "street") && hist_street(&h, i) < 0)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}
