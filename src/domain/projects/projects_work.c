/* projects_work.c: the projects an adopted selection created: their milestones and the
 * weighted progress computed from them (never typed), status, supervision notes, the annual
 * residents' evaluation (one per account, project and year; summaries publish a breakdown only
 * from PROJ_EVAL_MIN_GROUP responses), 问责 records and photos (metadata stripped by the
 * demands area's demand_photo_strip). The software records; people decide. */
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
#include "domain/projects/projects_int.h"

int64_t proj_progress(const struct proj_milestone *m, int64_t n)
{
    int64_t all = 0, done = 0;

    for (int64_t i = 0; i < n; i++) {
        all += m[i].weight;
        if (m[i].done_on && *m[i].done_on)
            done += m[i].weight;
    }
    return all ? done * 100 / all : 0;
}

void proj_eval_summarize(const struct proj_eval_row *e, int64_t n, int64_t year,
                         struct proj_eval_summary *out)
{
    int64_t sum[3] = { 0, 0, 0 };

    memset(out, 0, sizeof(*out));
    out->year = year;
    out->responses = n;
    for (int64_t i = 0; i < n; i++) {
        sum[0] += e[i].quality;
        sum[1] += e[i].timeliness;
        sum[2] += e[i].benefit;
        for (int k = 0; k < 3; k++)
            if (!strcmp(e[i].satisfaction, PROJ_SATISFACTIONS[k]))
                out->satisfaction[k]++;
    }
    out->published = n >= PROJ_EVAL_MIN_GROUP;
    if (!out->published) {
        memset(out->satisfaction, 0, sizeof(out->satisfaction));
        return;
    }
    /* Hundredths, rounded half up: (200 * sum / n + 1) / 2. */
    for (int k = 0; k < 3; k++)
        out->mean_x100[k] = (200 * sum[k] / n + 1) / 2;
}

static int project_load(struct db_conn *c, int64_t id, struct arena *a, struct proj_project *p,
                        struct err *err)
{
    if (projects_store_project(c, id, a, p, err) < 0 ||
        projects_store_milestones(c, id, a, &p->milestones, &p->nmilestones, err) < 0)
        return -1;
    p->progress = proj_progress(p->milestones, p->nmilestones);
    return 0;
}

int proj_projects_list(struct app *app, const char *path, int64_t year, bool adopted_only,
                       struct arena *a, struct proj_project **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct proj_project *p;
    int64_t n;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 ||
        projects_store_projects(c, path, year, adopted_only, a, &p, &n, err) < 0)
        goto out;
    for (int64_t i = 0; i < n; i++) {
        if (projects_store_milestones(c, p[i].id, a, &p[i].milestones, &p[i].nmilestones, err) < 0)
            goto out;
        p[i].progress = proj_progress(p[i].milestones, p[i].nmilestones);
    }
    *out = p;
    *n_out = n;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int proj_project_get(struct app *app, int64_t id, struct arena *a, struct proj_project *out,
                     struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = project_load(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

/* Opens a write on project id: the connection in a transaction, the project and its tenant. */
static int project_begin(struct app *app, int64_t id, struct db_conn **c, struct arena *a,
                         struct proj_project *p, int64_t *tenant_out, struct err *err)
{
    struct proj_org o;

    if (db_acquire(app->db, c, err) < 0 || db_tx_begin(*c, err) < 0 ||
        project_load(*c, id, a, p, err) < 0 || projects_store_org(*c, p->org_id, a, &o, err) < 0)
        return -1;
    *tenant_out = o.tenant_id;
    return 0;
}

int proj_milestone_add(struct app *app, int64_t project_id, const struct proj_milestone_in *in,
                       const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant, id;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_milestone_insert(c, tenant, project_id, in, auth_actor_user_id(actor),
                                        clock_now(), &id, err) < 0 ||
        auth_audit_change(c, actor, "proj.milestone", "project", project_id, p.org_id,
                          json_pack("{s:I, s:I}", "milestone_id", (json_int_t)id, "weight",
                                    (json_int_t)in->weight),
                          err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_milestone_done(struct app *app, int64_t project_id, int64_t milestone_id,
                        const char *done_on, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant;
    bool found = false;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_milestone_done(c, project_id, milestone_id, done_on, &found, err) < 0)
        goto out;
    if (!found) {
        err_set(err, E_NOT_FOUND, "/milestone_id", "节点不存在");
        goto out;
    }
    if (auth_audit_change(
            c, actor, "proj.milestone_done", "project", project_id, p.org_id,
            json_pack("{s:I, s:s?}", "milestone_id", (json_int_t)milestone_id, "done_on", done_on),
            err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_status_set(struct app *app, int64_t project_id, const char *status,
                    const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_status(c, project_id, status, clock_now(), err) < 0 ||
        auth_audit_change(c, actor, "proj.status", "project", project_id, p.org_id,
                          json_pack("{s:s}", "status", status), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_note_add(struct app *app, int64_t project_id, const char *content,
                  const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant, id;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_note_insert(c, tenant, project_id, content, auth_actor_user_id(actor),
                                   clock_now(), &id, err) < 0 ||
        auth_audit_change(c, actor, "proj.note", "project", project_id, p.org_id,
                          json_pack("{s:I}", "note_id", (json_int_t)id), err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_notes(struct app *app, int64_t project_id, struct arena *a, struct proj_note **out,
               int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_notes(c, project_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_evaluate(struct app *app, int64_t project_id, int64_t year, int64_t user_id,
                  const struct proj_eval_in *in, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant;
    char today[11];
    int rc = -1;

    arena_init(&a, 1u << 13);
    clock_today(today);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0)
        goto out;
    if (year < p.year || year > strtoll(today, NULL, 10)) {
        err_set(err, E_INVALID, "/year", "评议年度须在项目确定的 %" PRId64 " 年至今年之间", p.year);
        goto out;
    }
    if (projects_store_eval_insert(c, tenant, project_id, year, user_id, in, clock_now(), err) <
            0 ||
        auth_audit_change(c, actor, "proj.evaluate", "project", project_id, p.org_id,
                          json_pack("{s:I}", "year", (json_int_t)year), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_eval_summaries(struct app *app, int64_t project_id, struct arena *a,
                        struct proj_eval_summary **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct proj_eval_row *rows;
    struct proj_eval_summary *s;
    int64_t *years, n, ns = 0;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 ||
        projects_store_evals(c, project_id, a, &rows, &years, &n, err) < 0)
        goto out;
    s = arena_alloc(a, sizeof(*s) * (size_t)(n + 1));
    for (int64_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && years[j] == years[i]; j++)
            ;
        proj_eval_summarize(rows + i, j - i, years[i], &s[ns++]);
    }
    *out = s;
    *n_out = ns;
    rc = 0;
out:
    db_release(app->db, &c);
    return rc;
}

int proj_account_add(struct app *app, int64_t project_id, const struct proj_account_in *in,
                     const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant, id;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (in->closed_on && *in->closed_on && (!in->outcome || !*in->outcome)) {
        err_set(err, E_INVALID, "/outcome", "办结时须填写整改结果");
        goto out;
    }
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_account_insert(c, tenant, project_id, in, auth_actor_user_id(actor),
                                      clock_now(), &id, err) < 0 ||
        auth_audit_change(
            c, actor, "proj.account", "project", project_id, p.org_id,
            json_pack("{s:I, s:s}", "account_id", (json_int_t)id, "deadline", in->deadline),
            err) < 0)
        goto out;
    *id_out = id;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_account_close(struct app *app, int64_t project_id, int64_t id, const char *outcome,
                       const char *closed_on, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct proj_project p;
    int64_t tenant;
    bool found = false;
    int rc = -1;

    arena_init(&a, 1u << 13);
    if (project_begin(app, project_id, &c, &a, &p, &tenant, err) < 0 ||
        projects_store_account_close(c, project_id, id, outcome, closed_on, clock_now(), &found,
                                     err) < 0)
        goto out;
    if (!found) {
        err_set(err, E_NOT_FOUND, "/account_id", "问责记录不存在");
        goto out;
    }
    if (auth_audit_change(c, actor, "proj.account_close", "project", project_id, p.org_id,
                          json_pack("{s:I}", "account_id", (json_int_t)id), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int proj_accounts(struct app *app, int64_t project_id, struct arena *a, struct proj_account **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_accounts(c, project_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_photo_add(struct app *app, int64_t project_id, const char *file_name, const void *data,
                   size_t n, int64_t max_bytes, const struct auth_actor *actor, struct arena *a,
                   int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct upload_file f;
    struct proj_project p;
    const void *clean;
    int64_t tenant;
    size_t m;
    int rc = -1;

    if (upload_check(file_name, data, n, max_bytes, "照片", a, &f, err) < 0)
        return -1;
    if (strcmp(f.kind, "jpeg") && strcmp(f.kind, "png"))
        return err_set(err, E_INVALID, "/file", "项目照片只能是 JPEG 或 PNG 图片");
    if (demand_photo_strip(f.kind, data, n, a, &clean, &m, err) < 0)
        return -1;
    if (project_begin(app, project_id, &c, a, &p, &tenant, err) < 0 ||
        projects_store_photo_insert(c, tenant,
                                    &(struct proj_photo){ .project_id = project_id,
                                                          .file_name = f.file_name,
                                                          .kind = f.kind,
                                                          .content_type = f.content_type,
                                                          .size = (int64_t)m,
                                                          .stripped_bytes = (int64_t)(n - m),
                                                          .data = clean,
                                                          .uploaded_at = clock_now() },
                                    auth_actor_user_id(actor), id_out, err) < 0 ||
        auth_audit_change(c, actor, "proj.photo", "project", project_id, p.org_id,
                          json_pack("{s:I, s:s, s:I, s:I}", "photo_id", (json_int_t)*id_out, "kind",
                                    f.kind, "size", (json_int_t)m, "stripped_bytes",
                                    (json_int_t)(n - m)),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int proj_photos(struct app *app, int64_t project_id, struct arena *a, struct proj_photo **out,
                int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_photos(c, project_id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int proj_photo_get(struct app *app, int64_t project_id, int64_t photo_id, struct arena *a,
                   struct proj_photo *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) == 0)
        rc = projects_store_photo(c, project_id, photo_id, a, out, err);
    db_release(app->db, &c);
    return rc;
}
