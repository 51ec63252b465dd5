/* demands.c: the demands service: grids (create, workers, households, attaching the roster's
 * households), the category catalog with its versioned time limits, intake with consent, the
 * workflow actions through the transition table (demands_flow.c) and the statistics. Each
 * write is one transaction with its event and audit rows. Time limits come from the rule rows
 * in force on the day of the step, never from constants here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands_int.h"
#include "domain/members/members.h"
#include "domain/notify/notify.h"
#include "domain/orgpath.h"

int64_t demands_day_start(const char *day, int64_t def)
{
    int y, m, d;

    if (!day || date_parse(day, &y, &m, &d) < 0)
        return def;
    return date_to_days(y, m, d) * 86400 - 8 * 3600;
}

/* ---- rules ---- */

/* The row of rule_id (for category, or general when NULL) in force: the last one read (rows
 * come oldest first), or NULL. */
static const struct demand_rule_row *rule_find(const struct demand_rule_row *r, int64_t n,
                                               const char *rule_id, const char *category)
{
    const struct demand_rule_row *hit = NULL;

    for (int64_t i = 0; i < n; i++) {
        if (strcmp(r[i].rule_id, rule_id))
            continue;
        if ((category == NULL) != (r[i].category == NULL))
            continue;
        if (category && strcmp(category, r[i].category))
            continue;
        hit = &r[i];
    }
    return hit;
}

static int rule_hours(const struct demand_rule_row *r, int64_t n, const char *rule_id,
                      const char *category, const struct demand_rule_row **out, struct err *err)
{
    *out = rule_find(r, n, rule_id, category);
    if (!*out)
        return err_set(err, E_CONFLICT, "/category", "没有施行中的时限规则 %s，请管理员先设置",
                       rule_id);
    return 0;
}

static struct demand_rule_ref rule_ref(const struct demand_rule_row *r)
{
    return (struct demand_rule_ref){ r->rule_id, r->valid_from, r->confidence, r->source,
                                     r->hours };
}

/* ---- grids ---- */

int grids_list(struct app *app, const struct demands_scope *s, struct arena *a,
               struct grid_row **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_grids(c, s, 0, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

static int grid_one(struct db_conn *c, const struct demands_scope *s, int64_t id, struct arena *a,
                    struct grid_row *out, struct err *err)
{
    struct grid_row *g;
    int64_t n;

    if (demands_store_grids(c, s, id, a, &g, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_set(err, E_NOT_FOUND, "/grid_id", "网格不存在或不在您负责的范围内");
    *out = g[0];
    return 0;
}

int grid_get(struct app *app, const struct demands_scope *s, int64_t id, struct arena *a,
             struct grid_row *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = grid_one(c, s, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int grid_org(struct app *app, int64_t grid_id, int64_t *org_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_grid_org(c, grid_id, org_id_out, err);
    db_release(app->db, &c);
    return rc;
}

int grid_create(struct app *app, const struct grid_in *in, const struct auth_actor *actor,
                struct arena *a, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct demands_org o;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_org(c, in->org_id, a, &o, err) < 0)
        goto out;
    if (strcmp(o.type, "community_committee")) {
        err_set(err, E_INVALID, "/org_id", "网格只能建在社区党组织下，请选择一个社区");
        goto out;
    }
    if (demands_store_grid_insert(c, o.tenant_id, in, o.path, clock_now(), id_out, err) < 0 ||
        auth_audit_change(c, actor, "grid.create", "grid", *id_out, in->org_id,
                          json_pack("{s:s}", "name", in->name), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int grid_workers_set(struct app *app, int64_t grid_id, const struct grid_workers_in *in,
                     const struct auth_actor *actor, struct arena *a, struct err *err)
{
    struct db_conn *c = NULL;
    struct demands_org o;
    int64_t org_id, now = clock_now();
    json_t *ids = json_array();
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_grid_org(c, grid_id, &org_id, err) < 0 ||
        demands_store_org(c, org_id, a, &o, err) < 0 ||
        demands_store_workers_clear(c, grid_id, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nworkers; i++) {
        char field[48];
        bool ok;

        if (demands_store_worker_eligible(c, in->workers[i].user_id, o.path, &ok, err) < 0)
            goto out;
        snprintf(field, sizeof(field), "/workers/%lld/user_id", (long long)i);
        if (!ok) {
            err_set(err, E_INVALID, field,
                    "第 %lld 个账号不是本社区（或上级）的在用网格员账号，不能负责这个网格",
                    (long long)i + 1);
            goto out;
        }
        if (demands_store_worker_add(c, grid_id, in->workers[i].user_id, now, err) < 0) {
            snprintf(err->field, sizeof(err->field), "%s", field);
            goto out;
        }
        json_array_append_new(ids, jint(in->workers[i].user_id));
    }
    if (auth_audit_change(c, actor, "grid.workers", "grid", grid_id, org_id,
                          json_pack("{s:O}", "user_ids", ids), err) < 0)
        goto out;
    rc = 0;
out:
    json_decref(ids);
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int grid_households(struct app *app, int64_t grid_id, int64_t page, int64_t size, struct arena *a,
                    struct household_row **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_households(c, grid_id, page, size, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

int grid_worker_accounts(struct app *app, const char *path, struct arena *a,
                         struct account_ref **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_worker_accounts(c, path, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int grids_attach_households(struct app *app, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_attach(c, clock_now(), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* ---- categories ---- */

static int categories_on(struct db_conn *c, struct arena *a, struct demand_category **out,
                         int64_t *n_out, struct demand_rule_row **rules_out, int64_t *nrules_out,
                         struct err *err)
{
    char today[11];

    clock_today(today);
    if (demands_store_categories(c, a, out, n_out, err) < 0 ||
        demands_store_rules(c, today, a, rules_out, nrules_out, err) < 0)
        return -1;
    for (int64_t i = 0; i < *n_out; i++) {
        const struct demand_rule_row *r =
            rule_find(*rules_out, *nrules_out, "DEM-SLA", (*out)[i].code);
        if (r)
            (*out)[i].sla = rule_ref(r);
    }
    return 0;
}

int demand_categories(struct app *app, struct arena *a, struct demand_category **out,
                      int64_t *n_out, struct demand_rule_ref **rules_out, int64_t *nrules_out,
                      struct err *err)
{
    static const char *const GENERAL[] = { "DEM-RESPOND", "DEM-HOP", "DEM-VISIT" };
    struct db_conn *c = NULL;
    struct demand_rule_row *r;
    int64_t nr, k = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (categories_on(c, a, out, n_out, &r, &nr, err) < 0)
        goto out;
    *rules_out = arena_alloc(a, sizeof(**rules_out) * ARRAY_LEN(GENERAL));
    for (size_t i = 0; i < ARRAY_LEN(GENERAL); i++) {
        const struct demand_rule_row *g = rule_find(r, nr, GENERAL[i], NULL);
        if (g)
            (*rules_out)[k++] = rule_ref(g);
    }
    *nrules_out = k;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* Field bits of demand_category_update's present mask, in DEMAND_CATEGORY_IN order (the
 * HTTP adapter's spec): name, default_handler, sla_hours, valid_from, sort, enabled. */
enum { CAT_NAME, CAT_HANDLER, CAT_SLA, CAT_FROM, CAT_SORT, CAT_ENABLED };

int demand_category_update(struct app *app, const char *code, const struct demand_category_in *in,
                           uint64_t present, const struct auth_actor *actor, struct arena *a,
                           struct err *err)
{
    struct db_conn *c = NULL;
    struct demand_category *cats, *cur = NULL;
    struct demand_rule_row *r;
    int64_t n, nr, by = auth_actor_user_id(actor), now = clock_now();
    char today[11];
    int rc = -1;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        categories_on(c, a, &cats, &n, &r, &nr, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (strcmp(cats[i].code, code) == 0)
            cur = &cats[i];
    if (!cur) {
        err_set(err, E_NOT_FOUND, "/code", "诉求类别不存在");
        goto out;
    }
    if (present & (1u << CAT_NAME))
        cur->name = in->name;
    if (present & (1u << CAT_HANDLER))
        cur->default_handler = in->default_handler;
    if (present & (1u << CAT_SORT))
        cur->sort = in->sort;
    if (present & (1u << CAT_ENABLED))
        cur->enabled = in->enabled;
    if (in->valid_from && !(present & (1u << CAT_SLA))) {
        err_set(err, E_INVALID, "/valid_from", "只有调整办结时限（sla_hours）时才填生效日期");
        goto out;
    }
    if (in->valid_from && strcmp(in->valid_from, today) < 0) {
        err_set(err, E_INVALID, "/valid_from", "生效日期不能早于今天（已受理的诉求按原时限计算）");
        goto out;
    }
    if (demands_store_category_update(c, code, cur, by, now, err) < 0)
        goto out;
    if ((present & (1u << CAT_SLA)) &&
        demands_store_rule_insert(c, code, in->sla_hours, in->valid_from ? in->valid_from : today,
                                  by, now, err) < 0)
        goto out;
    if (auth_audit_change(
            c, actor, "demand.category", "demand_category", 0, 0,
            json_pack("{s:s, s:s, s:s, s:I, s:b, s:I}", "code", code, "name", cur->name,
                      "default_handler", cur->default_handler, "sort", (json_int_t)cur->sort,
                      "enabled", cur->enabled, "sla_hours",
                      (json_int_t)((present & (1u << CAT_SLA)) ? in->sla_hours : cur->sla.hours)),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

/* ---- intake ---- */

/* A phone number as digits (spaces, hyphens and brackets dropped, +86 removed): a mobile
 * (11 digits from 13) or a fixed line with area code (10-12 digits from 0). */
static int phone_check(char **phone, struct arena *a, struct err *err)
{
    char d[24];
    size_t n = 0;

    for (const char *p = *phone; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n + 1 >= sizeof(d))
                return err_set(err, E_INVALID, "/reporter_phone", "联系电话太长");
            d[n++] = *p;
        } else if (!strchr(" -+()", *p)) {
            return err_set(err, E_INVALID, "/reporter_phone",
                           "联系电话只能包含数字，例如 13812345678 或 010-12345678");
        }
    }
    d[n] = '\0';
    if (n == 13 && strncmp(d, "86", 2) == 0) {
        memmove(d, d + 2, 12);
        n -= 2;
    }
    if (!((n == 11 && d[0] == '1' && d[1] >= '3') || (n >= 10 && n <= 12 && d[0] == '0')))
        return err_set(err, E_INVALID, "/reporter_phone",
                       "联系电话应为 11 位手机号码或带区号的固定电话，例如 13812345678");
    *phone = arena_strdup(a, d);
    return 0;
}

static int intake_check(struct app *app, struct demand_in *in, struct arena *a, struct err *err)
{
    UNUSED(app);
    if (utf8_only_blank(in->description))
        return err_set(err, E_INVALID, "/description", "请填写诉求内容");
    if (in->reporter_phone && !in->reporter_phone[0])
        in->reporter_phone = NULL;
    if (in->reporter_name && !in->reporter_name[0])
        in->reporter_name = NULL;
    if (in->reporter_phone && phone_check(&in->reporter_phone, a, err) < 0)
        return -1;
    if (in->reporter_name &&
        member_name_normalize(&in->reporter_name, "/reporter_name", "诉求人姓名", a, err) < 0)
        return -1;
    if ((in->reporter_phone || in->reporter_name) && !in->consent)
        return err_set(err, E_INVALID, "/consent",
                       "记录诉求人的姓名或电话须征得本人同意：请向居民说明用途并勾选“本人同意”");
    if (in->consent && !in->consent_note && strcmp(in->channel, "web"))
        return err_set(err, E_INVALID, "/consent_note",
                       "代为登记时请写明居民如何表示同意（例如：当面口头同意）");
    if (!in->grid_id && (!in->address || !in->address[0]))
        return err_set(err, E_INVALID, "/grid_id", "请选择网格，或填写诉求地址");
    return 0;
}

/* Any account's intake (staff or resident) and any free address are capped per window
 * (demands.intake_per_hour, demands.address_per_day): E_THROTTLED. Counted inside the write
 * transaction (writers run one at a time), so requests arriving together cannot pass it. */
static int intake_throttle(struct app *app, struct db_conn *c, const struct demand_in *in,
                           int64_t user_id, int64_t now, struct err *err)
{
    int64_t recent = 0, cap = app->cfg->demands_intake_per_hour;

    if (user_id && demands_store_intake_recent(c, user_id, NULL, now - 3600, &recent, err) < 0)
        return -1;
    if (user_id && recent >= cap)
        return err_set(err, E_THROTTLED, "", "本账号1小时内已登记 %lld 件诉求，请稍后再登记",
                       (long long)recent);
    cap = app->cfg->demands_address_per_day;
    if (in->address &&
        demands_store_intake_recent(c, 0, in->address, now - 86400, &recent, err) < 0)
        return -1;
    if (in->address && recent >= cap)
        return err_set(err, E_THROTTLED, "/address",
                       "这个地址24小时内已登记 %lld 件诉求，请先查看已有诉求，避免重复登记",
                       (long long)recent);
    return 0;
}

int demand_create(struct app *app, const struct demands_scope *s, const struct demand_in *in_,
                  const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                  const char **number_out, struct err *err)
{
    struct demand_in in = *in_;
    struct db_conn *c = NULL;
    struct demand_category *cats, *cat = NULL;
    struct demand_rule_row *r;
    const struct demand_rule_row *sla, *respond;
    struct demands_org o;
    struct demand_new d = { 0 };
    int64_t n, nr, org_id, now = clock_now();
    char today[11], number[32];
    int rc = -1;

    if (!in.channel)
        in.channel = arena_strdup(a, "visit");
    if (intake_check(app, &in, a, err) < 0)
        return -1;
    if (s->worker_id && !in.grid_id)
        return err_set(err, E_INVALID, "/grid_id", "网格员登记诉求须选择自己负责的网格");
    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        categories_on(c, a, &cats, &n, &r, &nr, err) < 0)
        goto out;
    /* A resident's own submissions: the household's count is read inside the write (writers
     * run one at a time), so two at the same instant cannot both pass the cap. */
    if (in.own_per_day > 0) {
        int64_t recent = 0;
        if (demands_store_household_recent(c, in.reporter_person_id, now - 86400, &recent, err) < 0)
            goto out;
        if (recent >= in.own_per_day) {
            err_set(err, E_THROTTLED, "",
                    "您家24小时内已自行提交 %lld 件诉求，请稍后再提交，急事请直接联系网格员",
                    (long long)recent);
            goto out;
        }
    }
    if (intake_throttle(app, c, &in, auth_actor_user_id(actor), now, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++)
        if (strcmp(cats[i].code, in.category) == 0 && cats[i].enabled)
            cat = &cats[i];
    if (!cat) {
        err_set(err, E_INVALID, "/category", "诉求类别不存在或已停用，请从列表中选择");
        goto out;
    }
    if (in.grid_id) {
        struct grid_row g;
        if (grid_one(c, s, in.grid_id, a, &g, err) < 0)
            goto out;
        org_id = g.org_id;
        if (in.building_id) {
            bool ok;
            if (demands_store_building_in_grid(c, in.building_id, in.grid_id, &ok, err) < 0)
                goto out;
            if (!ok) {
                err_set(err, E_INVALID, "/building_id", "所选楼栋不在这个网格内");
                goto out;
            }
        }
    } else {
        if (!in.org_id) {
            err_set(err, E_INVALID, "/org_id", "只填写地址时，请选择诉求所在的社区");
            goto out;
        }
        org_id = in.org_id;
    }
    if (demands_store_org(c, org_id, a, &o, err) < 0)
        goto out;
    if (!orgpath_within(o.path, s->path)) {
        err_set(err, E_NOT_FOUND, "/org_id", "党组织不存在或不在管辖范围内");
        goto out;
    }
    if (strcmp(o.type, "community_committee")) {
        err_set(err, E_INVALID, "/org_id", "诉求登记到社区，请选择一个社区");
        goto out;
    }
    if (rule_hours(r, nr, "DEM-SLA", cat->code, &sla, err) < 0 ||
        rule_hours(r, nr, "DEM-RESPOND", NULL, &respond, err) < 0)
        goto out;
    d = (struct demand_new){
        .tenant_id = o.tenant_id,
        .org_id = org_id,
        .grid_id = in.grid_id,
        .building_id = in.building_id,
        .intake_by = auth_actor_user_id(actor),
        .respond_due = now + respond->hours * 3600,
        .due_at = now + sla->hours * 3600,
        .now = now,
        .org_path = o.path,
        .address = in.address,
        .category = cat->code,
        .description = in.description,
        .channel = in.channel,
        .reporter_name = in.reporter_name,
        .reporter_phone = in.reporter_phone,
        .consent_note = in.consent_note,
        .consent = in.consent,
        .no_publish = in.no_publish,
        .reporter_person_id = in.reporter_person_id,
    };
    if (demands_store_insert(c, &d, id_out, err) < 0)
        goto out;
    snprintf(number, sizeof(number), "SQ%.4s%.2s%.2s-%05lld", today, today + 5, today + 8,
             (long long)*id_out);
    if (demands_store_set_number(c, *id_out, number, err) < 0 ||
        demands_store_event(c,
                            &(struct demand_event_in){ .demand_id = *id_out,
                                                       .actor_user_id = d.intake_by,
                                                       .deadline = d.due_at,
                                                       .rule_hours = sla->hours,
                                                       .at = now,
                                                       .action = "intake",
                                                       .from_status = NULL,
                                                       .to_status = "submitted",
                                                       .note = NULL,
                                                       .rule_id = "DEM-SLA" },
                            err) < 0 ||
        auth_audit_change(c, actor, "demand.create", "demand", *id_out, org_id,
                          json_pack("{s:s, s:s, s:b}", "number", number, "category", cat->code,
                                    "consent", in.consent),
                          err) < 0)
        goto out;
    *number_out = arena_strdup(a, number);
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int demand_submit_own(struct app *app, int64_t person_id, struct demand_in *in,
                      const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                      const char **number_out, struct err *err)
{
    struct demands_scope all = { "/", 0, 0 };
    struct db_conn *c = NULL;
    struct demands_home h;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_home(c, person_id, a, &h, err);
    db_release(app->db, &c);
    if (rc < 0) {
        if (err->code == E_NOT_FOUND)
            err->code = E_INVALID;
        return -1;
    }
    in->own_per_day = app->cfg->demands_own_per_day;
    in->grid_id = h.grid_id;
    in->building_id = h.building_id;
    in->org_id = 0;
    in->address = NULL;
    in->channel = arena_strdup(a, "web");
    in->reporter_name = arena_strdup(a, h.name);
    in->consent = true;
    in->consent_note = arena_strdup(a, "居民本人网上提交");
    in->reporter_person_id = person_id;
    return demand_create(app, &all, in, actor, a, id_out, number_out, err);
}

/* ---- reads ---- */

int demands_list(struct app *app, const struct demands_scope *s, const struct demand_filter *f,
                 struct arena *a, struct demand_row **out, int64_t *n_out, int64_t *total_out,
                 struct err *err)
{
    struct db_conn *c = NULL;
    int64_t now = clock_now();
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_page(c, s, f, demands_day_start(f->from, 0),
                            f->to ? demands_day_start(f->to, 0) + 86400 : INT64_MAX, now, a, out,
                            n_out, total_out, err);
    db_release(app->db, &c);
    if (rc == 0)
        for (int64_t i = 0; i < *n_out; i++)
            (*out)[i].overdue = demand_is_overdue(&(*out)[i], now);
    return rc;
}

int demand_assists(struct app *app, int64_t demand_id, struct arena *a, struct demand_assist **out,
                   int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_assists(c, demand_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int demand_get(struct app *app, const struct demands_scope *s, int64_t id, struct arena *a,
               struct demand_row *out, struct demand_event **events_out, int64_t *nevents_out,
               struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (demands_store_get(c, s, id, a, out, err) < 0 ||
        demands_store_events(c, id, a, events_out, nevents_out, err) < 0)
        goto out;
    out->overdue = demand_is_overdue(out, clock_now());
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int demand_org(struct app *app, int64_t id, int64_t *org_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = demands_store_org_of(c, id, org_id_out, err);
    db_release(app->db, &c);
    return rc;
}

int demand_handlers(struct app *app, int64_t id, struct arena *a, struct account_ref **out,
                    int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct demands_org o;
    int64_t org_id;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (demands_store_org_of(c, id, &org_id, err) < 0 ||
        demands_store_org(c, org_id, a, &o, err) < 0 ||
        demands_store_handlers(c, o.path, a, out, n_out, err) < 0)
        goto out;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

/* ---- actions ---- */

static int handler_check(struct db_conn *c, const char *path, int64_t user_id, struct arena *a,
                         struct err *err)
{
    struct account_ref *h;
    int64_t n;

    if (demands_store_handlers(c, path, a, &h, &n, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (h[i].user_id == user_id)
            return 0;
    return err_set(err, E_INVALID, "/handler_user_id",
                   "承办人须是本社区（或上级、下级组织）的网格员或组织管理员账号");
}

/* Tells the person who raised d that it was taken up (受理) or settled (办结, with the request
 * to evaluate it): in the inboxes of their accounts and, with their consent, by phone. The
 * text names only their own demand. Inside the caller's transaction; *sent_out when any. */
static int notify_reporter(struct db_conn *c, const struct demand_row *d, const char *action,
                           struct arena *a, bool *sent_out, struct err *err)
{
    struct demands_org o;
    struct notify_msg m;
    int64_t *users = NULL, n = 0;
    const char *kind, *body;

    if (strcmp(action, "accept") == 0) {
        kind = "demand.accepted";
        body = arena_printf(
            a, "您反映的诉求（编号 %s，%s）已受理，社区将按时限办理，可在“我的诉求”查看进度。",
            d->number, d->category_name);
    } else if (strcmp(action, "close") == 0) {
        kind = "demand.resolved";
        body =
            arena_printf(a,
                         "您反映的诉求（编号 "
                         "%s，%s）已办结。请在“我的诉求”中评价办理结果，社区也会回访听取您的意见。",
                         d->number, d->category_name);
    } else {
        return 0;
    }
    if (demands_store_org(c, d->org_id, a, &o, err) < 0 ||
        demands_store_reporter_accounts(c, d->id, a, &users, &n, err) < 0)
        return -1;
    m = (struct notify_msg){
        .tenant_id = o.tenant_id, .kind = kind, .ref_type = "demand", .ref_id = d->id, .body = body
    };
    for (int64_t i = 0; i < n; i++) {
        m.user_id = users[i];
        m.phone = i == 0 && d->consent ? d->reporter_phone : NULL;
        if (notify_enqueue(c, &m, err) < 0)
            return -1;
        *sent_out = true;
    }
    if (n == 0 && d->consent && d->reporter_phone) {
        m.user_id = 0;
        m.phone = d->reporter_phone;
        if (notify_enqueue(c, &m, err) < 0)
            return -1;
        *sent_out = true;
    }
    return 0;
}

/* 协办: asks in->handler_user_id (a possible handler, not the main one, not already asked and
 * still to reply) to help with d by DEM-HOP from now, and tells them in their inbox. */
static int assist_ask(struct db_conn *c, const struct demand_row *d,
                      const struct demand_action_in *in, const struct auth_actor *actor,
                      int64_t now, const struct demand_rule_row *r, int64_t nr, struct arena *a,
                      const struct demand_rule_row **rule, struct err *err)
{
    struct demands_org o;
    struct demand_assist *x;
    int64_t n;

    if (in->handler_user_id == d->handler_user_id)
        return err_set(err, E_INVALID, "/handler_user_id", "协办人不能是这件诉求的承办人");
    if (demands_store_org(c, d->org_id, a, &o, err) < 0 ||
        handler_check(c, o.path, in->handler_user_id, a, err) < 0 ||
        demands_store_assists(c, d->id, a, &x, &n, err) < 0 ||
        rule_hours(r, nr, "DEM-HOP", NULL, rule, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (x[i].user_id == in->handler_user_id && !x[i].done_at)
            return err_set(err, E_CONFLICT, "/handler_user_id", "已请%s协办，尚未回复", x[i].name);
    if (demands_store_assist_insert(c,
                                    &(struct demand_assist){ .demand_id = d->id,
                                                             .user_id = in->handler_user_id,
                                                             .note = in->note,
                                                             .due_at = now + (*rule)->hours * 3600,
                                                             .asked_by = auth_actor_user_id(actor),
                                                             .asked_at = now },
                                    err) < 0)
        return -1;
    return notify_enqueue(
        c,
        &(struct notify_msg){
            .tenant_id = o.tenant_id,
            .user_id = in->handler_user_id,
            .kind = "demand.assist",
            .ref_type = "demand",
            .ref_id = d->id,
            .body = arena_printf(a, "请您协办诉求（编号 %s，%s），%lld 小时内在“诉求办理”中回复。",
                                 d->number, d->category_name, (long long)(*rule)->hours) },
        err);
}

int demand_act(struct app *app, const struct demands_scope *s, int64_t id,
               const struct demand_action_in *in, const struct auth_actor *actor, struct arena *a,
               const char **status_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct demand_row d;
    struct demand_state st;
    struct demand_rule_row *r;
    const struct demand_rule_row *rule = NULL;
    struct demand_event_in ev;
    const char *to;
    unsigned needs;
    int64_t nr, now = clock_now(), deadline = 0;
    char today[11];
    bool notified = false;
    int rc = -1;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        demands_store_get(c, s, id, a, &d, err) < 0 ||
        demands_store_rules(c, today, a, &r, &nr, err) < 0)
        goto out;
    if (demand_flow_next(d.status, in->action, in->answer, d.reopen_count, d.supervise_level, &to,
                         &needs, err) < 0)
        goto out;
    if ((needs & DEMAND_NEED_HANDLER) && !in->handler_user_id) {
        err_set(err, E_INVALID, "/handler_user_id", "请选择承办人");
        goto out;
    }
    if ((needs & DEMAND_NEED_NOTE) && (!in->note || utf8_only_blank(in->note))) {
        err_set(err, E_INVALID, "/note",
                strcmp(in->action, "close") == 0 ? "办结须填写办理结果（佐证说明）" : "请填写原因");
        goto out;
    }
    if ((needs & DEMAND_NEED_ANSWER) && !in->answer) {
        err_set(err, E_INVALID, "/answer", "请选择回访结果：满意、基本满意或不满意");
        goto out;
    }
    if (in->answer && strcmp(in->answer, "unsatisfied") == 0 &&
        (!in->note || utf8_only_blank(in->note))) {
        err_set(err, E_INVALID, "/note", "居民不满意时请记录不满意的原因");
        goto out;
    }
    if (s->worker_id && strcmp(in->action, "assist_reply")) {
        bool handles = false;
        if (demands_store_worker_handles(c, id, s->worker_id, &handles, err) < 0)
            goto out;
        if (!handles) {
            err_set(err, E_FORBIDDEN, "/action", "您是这件诉求的协办人，只能回复协办");
            goto out;
        }
    }
    if (strcmp(in->action, "pause") == 0 && d.paused_at) {
        err_set(err, E_CONFLICT, "/action", "诉求已暂停计时");
        goto out;
    }
    if (strcmp(in->action, "resume") == 0 && !d.paused_at) {
        err_set(err, E_CONFLICT, "/action", "诉求没有暂停计时");
        goto out;
    }
    if ((needs & DEMAND_NEED_OVERDUE) && !demand_is_overdue(&d, now)) {
        err_set(err, E_CONFLICT, "/action", "诉求尚未超期，不能督办");
        goto out;
    }
    st = (struct demand_state){
        .status = to,
        .satisfaction = d.satisfaction,
        .satisfaction_reason = d.satisfaction_reason,
        .handler_user_id = d.handler_user_id,
        .hop_due = d.hop_due,
        .due_at = d.due_at,
        .first_response_at = d.first_response_at,
        .resolved_at = d.resolved_at,
        .closed_at = d.closed_at,
        .reopen_count = d.reopen_count,
        .supervise_level = d.supervise_level,
        .updated_at = now,
    };
    if (strcmp(in->action, "pause") == 0) {
        st.paused_at = now;
    } else if (d.paused_at && !strncmp(in->action, "assist", 6)) {
        st.paused_at = d.paused_at; /* 协办 and its reply leave a pause as it is */
    } else if (d.paused_at) {
        /* Any other step resumes the clocks: the deadlines move on by the time they stood still. */
        int64_t stood = now - d.paused_at;
        st.due_at += stood;
        if (st.hop_due)
            st.hop_due += stood;
    }
    if (!st.first_response_at && strcmp(in->action, "supervise"))
        st.first_response_at = now;
    if (strcmp(in->action, "dispatch") == 0 || strcmp(in->action, "transfer") == 0) {
        struct demands_org o;
        if (demands_store_org(c, d.org_id, a, &o, err) < 0 ||
            handler_check(c, o.path, in->handler_user_id, a, err) < 0 ||
            rule_hours(r, nr, "DEM-HOP", NULL, &rule, err) < 0)
            goto out;
        st.handler_user_id = in->handler_user_id;
        st.hop_due = deadline = now + rule->hours * 3600;
    } else if (strcmp(in->action, "assist") == 0) {
        if (assist_ask(c, &d, in, actor, now, r, nr, a, &rule, err) < 0)
            goto out;
        deadline = now + rule->hours * 3600;
        notified = true; /* the helper's inbox */
    } else if (strcmp(in->action, "assist_reply") == 0) {
        bool found = false;
        if (demands_store_assist_reply(c, id, auth_actor_user_id(actor), in->note, now, &found,
                                       err) < 0)
            goto out;
        if (!found) {
            err_set(err, E_CONFLICT, "/action", "您没有这件诉求待回复的协办");
            goto out;
        }
    } else if (strcmp(in->action, "return") == 0) {
        st.handler_user_id = 0;
        st.hop_due = 0;
    } else if (strcmp(in->action, "close") == 0) {
        if (rule_hours(r, nr, "DEM-VISIT", NULL, &rule, err) < 0)
            goto out;
        st.resolved_at = now;
        st.hop_due = deadline = now + rule->hours * 3600;
    } else if (strcmp(in->action, "supervise") == 0) {
        if (rule_hours(r, nr, "DEM-HOP", NULL, &rule, err) < 0)
            goto out;
        st.supervise_level++;
        st.hop_due = deadline = now + rule->hours * 3600;
    } else if (strcmp(in->action, "visit") == 0) {
        st.satisfaction = in->answer;
        st.satisfaction_reason = in->note;
        st.hop_due = 0;
        if (strcmp(to, "closed") == 0) {
            st.closed_at = now;
        } else if (strcmp(to, "reopened") == 0) {
            /* A reopened demand gets its category's whole time limit again. */
            if (rule_hours(r, nr, "DEM-SLA", d.category, &rule, err) < 0)
                goto out;
            st.reopen_count++;
            st.resolved_at = 0;
            st.due_at = deadline = now + rule->hours * 3600;
        } else {
            if (rule_hours(r, nr, "DEM-HOP", NULL, &rule, err) < 0)
                goto out;
            st.supervise_level++;
            st.resolved_at = 0;
            st.hop_due = deadline = now + rule->hours * 3600;
        }
    }
    ev = (struct demand_event_in){
        .demand_id = id,
        .actor_user_id = auth_actor_user_id(actor),
        .handler_user_id = strcmp(in->action, "assist") == 0 ? in->handler_user_id
                           : (needs & DEMAND_NEED_HANDLER)   ? st.handler_user_id
                                                             : 0,
        .deadline = deadline,
        .rule_hours = rule ? rule->hours : 0,
        .at = now,
        .action = in->action,
        .from_status = d.status,
        .to_status = to,
        .note = in->note,
        .rule_id = rule ? rule->rule_id : NULL,
    };
    if (in->answer) {
        const char *label = enum_label(DEMAND_ANSWERS, DEMAND_ANSWER_LABELS, in->answer);
        size_t len = strlen(label) + (in->note ? strlen(in->note) : 0) + 4;
        char *note = arena_alloc(a, len);
        snprintf(note, len, "%s%s%s", label, in->note ? "：" : "", in->note ? in->note : "");
        ev.note = note;
    }
    if (demands_store_update(c, id, &st, err) < 0 || demands_store_event(c, &ev, err) < 0 ||
        auth_audit_change(
            c, actor, "demand.act", "demand", id, d.org_id,
            json_pack("{s:s, s:s, s:s}", "action", in->action, "from", d.status, "to", to),
            err) < 0 ||
        notify_reporter(c, &d, in->action, a, &notified, err) < 0)
        goto out;
    *status_out = to;
    rc = 0;
out:
    rc = db_tx_finish(app->db, &c, NULL, rc, err);
    if (rc == 0 && notified)
        notify_deliver(app); /* after the commit: the change it reports is done */
    return rc;
}

/* ---- statistics ---- */

int demand_stats(struct app *app, const struct demands_scope *s, const char *from, const char *to,
                 struct arena *a, struct demand_stats *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct demand_stat *t;
    int64_t nt, now = clock_now(), from_at = demands_day_start(from, 0),
                to_at = to ? demands_day_start(to, 0) + 86400 : INT64_MAX;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    if (demands_store_stats(c, s, 0, 0, from_at, to_at, now, a, &t, &nt, err) < 0 ||
        demands_store_stats(c, s, 1, 0, from_at, to_at, now, a, &out->grids, &out->ngrids, err) <
            0 ||
        demands_store_stats(c, s, 2, orgpath_last_id(s->path), from_at, to_at, now, a, &out->orgs,
                            &out->norgs, err) < 0 ||
        demands_store_stats(c, s, 3, 0, from_at, to_at, now, a, &out->categories, &out->ncategories,
                            err) < 0 ||
        demands_store_stats(c, s, 4, 0, from_at, to_at, now, a, &out->months, &out->nmonths, err) <
            0)
        goto out;
    out->total = nt ? t[0] : (struct demand_stat){ 0 };
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}
