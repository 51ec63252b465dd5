/* funds_use.c: what happened at an allocated activity: the community's record (the day held,
 * participants, a summary and the spending lines with receipts), its evidence photos (JPEG or
 * PNG, metadata stripped by the demands area's demand_photo_strip before anything is stored),
 * the district's check (used as planned, partly, not) and the variance report read. Each
 * write is one transaction with its audit row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/upload.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/auth/auth.h"
#include "domain/demands/demands.h"
#include "domain/funds/funds_int.h"

const char *const FUNDS_CHECKS[] = { "as_planned", "partly", "not", NULL };
const char *const FUNDS_CHECK_LABELS[] = { "按计划使用", "部分按计划使用", "未按计划使用", NULL };

/* The plan of an activity in the caller's open transaction (or none), with *v its activity. */
static int plan_of(struct db_conn *c, int64_t activity_id, struct arena *a, struct funds_plan *p,
                   const struct funds_activity **v, struct err *err)
{
    int64_t plan_id;

    if (funds_store_activity_plan_id(c, activity_id, &plan_id, err) < 0 ||
        funds_store_plan(c, plan_id, a, p, err) < 0 ||
        funds_store_plan_activities(c, p, a, err) < 0)
        return -1;
    *v = NULL;
    for (int64_t i = 0; i < p->nactivities && !*v; i++)
        if (p->activities[i].id == activity_id)
            *v = &p->activities[i];
    return *v ? 0 : err_set(err, E_NOT_FOUND, "/id", "活动不存在");
}

/* Evidence belongs to an activity of an approved plan with money allocated to it. */
static int allocated_check(const struct funds_activity *v, struct err *err)
{
    if (v->allocated_fen <= 0)
        return err_set(err, E_CONFLICT, "/id",
                       "“%s”不在已批准并分配经费的计划中，不能登记使用情况和凭证", v->title);
    return 0;
}

int funds_activity_plan(struct app *app, int64_t activity_id, struct arena *a,
                        struct funds_plan *plan_out, int64_t *index_out, struct err *err)
{
    struct db_conn *c = NULL;
    const struct funds_activity *v;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = plan_of(c, activity_id, a, plan_out, &v, err);
    if (rc == 0)
        *index_out = v - plan_out->activities;
    db_release(app->db, &c);
    return rc;
}

int funds_activity_use(struct app *app, int64_t activity_id, const struct funds_use_in *in,
                       const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan p;
    struct funds_org o;
    struct funds_category *cats;
    const struct funds_activity *v;
    int64_t ncats, total = 0, by = auth_actor_user_id(actor), now = clock_now();
    char today[11];
    int rc = -1;

    clock_today(today);
    arena_init(&a, 1u << 14);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        plan_of(c, activity_id, &a, &p, &v, err) < 0 || allocated_check(v, err) < 0 ||
        funds_store_org(c, p.org_id, &a, &o, err) < 0 ||
        funds_store_categories(c, &a, &cats, &ncats, err) < 0)
        goto out;
    if (strcmp(in->held_on, today) > 0)
        err_set(err, E_INVALID, "/held_on", "活动日期不能晚于今天");
    for (int64_t i = 0; i < in->nspending; i++) {
        const struct funds_spend_in *s = &in->spending[i];
        bool known = false;
        for (int64_t k = 0; k < ncats && !known; k++)
            known = !strcmp(cats[k].code, s->category);
        if (!known)
            err_set(err, E_INVALID, arena_printf(&a, "/spending/%" PRId64 "/category", i),
                    "第%" PRId64 "条支出的类别不存在", i + 1);
        if (strcmp(s->spent_on, today) > 0)
            err_set(err, E_INVALID, arena_printf(&a, "/spending/%" PRId64 "/spent_on", i),
                    "第%" PRId64 "条支出的日期不能晚于今天", i + 1);
        total += s->amount_fen;
    }
    if (err->code)
        goto out;
    if (funds_store_use(c, activity_id, in, by, now, err) < 0)
        goto out;
    for (int64_t i = 0; i < in->nspending; i++)
        if (funds_store_spend_insert(c, &p, o.path, o.tenant_id, activity_id,
                                     in->spending[i].category, in->spending[i].amount_fen,
                                     in->spending[i].spent_on, in->spending[i].receipt_no, by, now,
                                     err) < 0)
            goto out;
    if (auth_audit_change(c, actor, "funds.use", "fund_activity", activity_id, p.org_id,
                          json_pack("{s:s, s:I, s:I, s:I}", "held_on", in->held_on, "participants",
                                    (json_int_t)in->participants, "spent_fen", (json_int_t)total,
                                    "allocated_fen", (json_int_t)v->allocated_fen),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_activity_check(struct app *app, int64_t activity_id, const char *result,
                         const char *reason, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct funds_plan p;
    const struct funds_activity *v;
    int rc = -1;

    arena_init(&a, 1u << 14);
    if (strcmp(result, "as_planned") && (!reason || !reason[0]))
        return err_set(err, E_INVALID, "/reason", "部分按计划或未按计划使用时须说明理由");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        plan_of(c, activity_id, &a, &p, &v, err) < 0)
        goto out;
    if (!v->used_on) {
        err_set(err, E_CONFLICT, "/id", "社区尚未登记“%s”的使用情况，不能核查", v->title);
        goto out;
    }
    if (funds_store_check(c, activity_id, result, reason, auth_actor_user_id(actor), clock_now(),
                          err) < 0 ||
        auth_audit_change(c, actor, "funds.check", "fund_activity", activity_id, p.org_id,
                          json_pack("{s:s, s:s?}", "result", result, "reason", reason), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int funds_photo_add(struct app *app, int64_t activity_id, const char *file_name, const void *data,
                    size_t n, int64_t max_bytes, const struct auth_actor *actor, struct arena *a,
                    int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct upload_file f;
    struct funds_plan p;
    const struct funds_activity *v;
    const void *clean;
    size_t m;
    int rc = -1;

    if (upload_check(file_name, data, n, max_bytes, "照片", a, &f, err) < 0)
        return -1;
    if (strcmp(f.kind, "jpeg") && strcmp(f.kind, "png"))
        return err_set(err, E_INVALID, "/file", "凭证照片只能是 JPEG 或 PNG 图片");
    if (demand_photo_strip(f.kind, data, n, a, &clean, &m, err) < 0)
        return -1;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        plan_of(c, activity_id, a, &p, &v, err) < 0 || allocated_check(v, err) < 0 ||
        funds_store_photo_insert(c,
                                 &(struct funds_photo){ .activity_id = activity_id,
                                                        .file_name = f.file_name,
                                                        .kind = f.kind,
                                                        .content_type = f.content_type,
                                                        .size = (int64_t)m,
                                                        .stripped_bytes = (int64_t)(n - m),
                                                        .data = clean,
                                                        .uploaded_at = clock_now() },
                                 auth_actor_user_id(actor), id_out, err) < 0 ||
        auth_audit_change(c, actor, "funds.photo", "fund_activity", activity_id, p.org_id,
                          json_pack("{s:I, s:s, s:I, s:I}", "photo_id", (json_int_t)*id_out, "kind",
                                    f.kind, "size", (json_int_t)m, "stripped_bytes",
                                    (json_int_t)(n - m)),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int funds_photo_get(struct app *app, int64_t activity_id, int64_t photo_id, struct arena *a,
                    struct funds_photo *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = funds_store_photo(c, activity_id, photo_id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int funds_variance(struct app *app, const char *path, int64_t year, struct arena *a,
                   struct funds_variance_row **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = funds_store_variance(c, path, year, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}
