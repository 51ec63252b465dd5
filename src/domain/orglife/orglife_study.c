/* orglife_study.c: 学习记录: study materials an org publishes, study records entered by a member
 * for themselves or by a cadre for members of their org (送学上门 counts), and the yearly hours
 * against the LIFE-TRAIN targets (RULES.md §4.1; 班子成员: a post in office during the year).
 * No check-in, no time on page, no ranking (§11.2): hours are listed by name only. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orglife/orglife_eval_int.h"

const char *const STUDY_KINDS[] = { "document", "book", "video", "lecture", "other", NULL };
const char *const STUDY_KIND_LABELS[] = { "文件", "书籍", "视频", "党课", "其他", NULL };
const char *const STUDY_SOURCES[] = { "self", "cadre", NULL };
const char *const STUDY_SOURCE_LABELS[] = { "本人登记", "组织登记", NULL };

int study_material_create(struct app *app, const struct study_material_in *in,
                          const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_org org;
    struct arena a;
    int rc = -1;

    arena_init(&a, 2048);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_store_org(c, in->org_id, &a, &org, err) < 0)
        goto out;
    if ((org.founded_on && strcmp(in->published_on, org.founded_on) < 0) ||
        (org.dissolved_on && strcmp(in->published_on, org.dissolved_on) >= 0)) {
        err_set(err, E_CONFLICT, "/published_on", "%s在发布日期不存在", org.name);
        goto out;
    }
    if (study_store_material_insert(c, &org, in, false, auth_actor_user_id(actor), clock_now(),
                                    id_out, err) < 0 ||
        auth_audit_change(c, actor, "study.material", "study_material", *id_out, org.id,
                          json_pack("{s:s, s:s, s:I, s:s}", "title", in->title, "kind", in->kind,
                                    "hours", (json_int_t)in->hours, "published_on",
                                    in->published_on),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int study_material_get(struct app *app, int64_t id, struct arena *a,
                       struct study_material_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = study_store_material_get(c, id, "", a, out, err);
    db_release(app->db, &c);
    return rc;
}

int study_material_list(struct app *app, const char *path, bool above, int64_t year, int64_t page,
                        int64_t size, struct arena *a, struct study_material_view **out,
                        int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = study_store_material_page(c, path, above, year, page, size, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

/* Fills a record's title, kind and hours from its material, or checks a free entry has them. */
static int item_fill(struct db_conn *c, struct study_record_in *it, const char *at, struct arena *a,
                     struct err *err)
{
    struct study_material_view m;
    char field[64];

    if (!it->material_id) {
        snprintf(field, sizeof(field), "%s/title", at);
        if (!it->title)
            return err_set(err, E_INVALID, field, "未选学习材料时须填写学习内容");
        snprintf(field, sizeof(field), "%s/hours", at);
        if (!it->hours)
            return err_set(err, E_INVALID, field, "未选学习材料时须填写学时");
        if (!it->kind)
            it->kind = "other";
        return 0;
    }
    snprintf(field, sizeof(field), "%s/material_id", at);
    if (study_store_material_get(c, it->material_id, field, a, &m, err) < 0) {
        err->code = E_INVALID;
        return -1;
    }
    if (strcmp(it->studied_on, m.published_on) < 0)
        return err_set(err, E_INVALID, field, "学习日期早于材料发布日期（%s）", m.published_on);
    it->title = it->title ? it->title : m.title;
    it->kind = it->kind ? it->kind : m.kind;
    it->hours = it->hours ? it->hours : m.hours;
    return 0;
}

/* One record: the date, the material, the person a member (of the org's subtree for a cadre),
 * then the row; a material credited twice is a conflict on the item. */
static int item_add(struct db_conn *c, const struct orglife_org *org, struct study_record_in *it,
                    int64_t i, bool self, int64_t user_id, struct arena *a, struct err *err)
{
    struct study_member m;
    char at[32], field[64], today[11];
    bool found = false;

    at[0] = '\0';
    if (!self)
        snprintf(at, sizeof(at), "/items/%" PRId64, i);
    clock_today(today);
    snprintf(field, sizeof(field), "%s/studied_on", at);
    if (strcmp(it->studied_on, today) > 0)
        return err_set(err, E_INVALID, field, "学习日期不能晚于今天");
    if (item_fill(c, it, at, a, err) < 0 ||
        study_store_member(c, it->person_id, org ? org->path : NULL, &found, a, &m, err) < 0)
        return -1;
    snprintf(field, sizeof(field), "%s/person_id", at);
    if (!found)
        return self ? err_set(err, E_CONFLICT, "", "只有正式党员和预备党员可以登记学习")
                    : err_set(err, E_INVALID, field, "不是%s的党员", org->name);
    snprintf(field, sizeof(field), "%s/material_id", at);
    return db_conflict_on(study_store_record_insert(c, &m, it, self, user_id, clock_now(), err),
                          field, "该学习材料已为此人登记过", err);
}

int study_record_add(struct app *app, int64_t org_id, const struct study_record_in *in, int64_t n,
                     bool self, const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct orglife_org org;
    struct arena a;
    json_t *who = json_array();
    int64_t hours = 0;
    int rc = -1;

    arena_init(&a, 4096);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        (!self && orglife_store_org(c, org_id, &a, &org, err) < 0))
        goto out;
    for (int64_t i = 0; i < n; i++) {
        struct study_record_in it = in[i];

        if (item_add(c, self ? NULL : &org, &it, i, self, auth_actor_user_id(actor), &a, err) < 0)
            goto out;
        json_array_append_new(who, jint(it.person_id));
        hours += it.hours;
    }
    if (auth_audit_change(c, actor, self ? "study.self" : "study.record", self ? "person" : "org",
                          self ? in[0].person_id : org_id, self ? 0 : org_id,
                          json_pack("{s:O, s:I}", "persons", who, "hours", (json_int_t)hours),
                          err) < 0)
        goto out;
    rc = 0;
out:
    json_decref(who);
    return db_tx_finish(app->db, &c, &a, rc, err);
}

static void year_target(struct study_year *y, const int64_t targets[2])
{
    y->target = targets[y->leader];
    y->met = y->hours >= y->target;
    y->rule_id = "LIFE-TRAIN";
}

/* What runs on a connection for a year (its first and last day). */
typedef int (*year_fn)(struct db_conn *c, const char *from, const char *to, void *arg,
                       struct err *err);

/* Runs fn for the year on a connection, with the year's LIFE-TRAIN targets (member, leader)
 * read first into targets. */
static int year_run(struct app *app, int64_t year, year_fn fn, void *arg, int64_t targets[2],
                    struct err *err)
{
    int y = (int)(year < 1 ? 1 : year > 9999 ? 9999 : year);
    struct db_conn *c = NULL;
    char from[16], to[16];
    int rc;

    snprintf(from, sizeof(from), "%04d-01-01", y);
    snprintf(to, sizeof(to), "%04d-12-31", y);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = study_store_targets(c, from, &targets[0], &targets[1], err) < 0
             ? -1
             : fn(c, from, to, arg, err);
    db_release(app->db, &c);
    return rc;
}

struct person_year {
    int64_t person_id;
    struct arena *a;
    struct study_record_view **out;
    int64_t *n_out;
    struct study_year *sum;
};

static int person_year(struct db_conn *c, const char *from, const char *to, void *arg,
                       struct err *err)
{
    struct person_year *p = arg;

    return study_store_records(c, p->person_id, from, to, p->a, p->out, p->n_out, err) < 0 ||
                   study_store_year(c, p->person_id, from, to, &p->sum->hours, &p->sum->leader,
                                    err) < 0
               ? -1
               : 0;
}

int study_person_year(struct app *app, int64_t person_id, int64_t year, struct arena *a,
                      struct study_record_view **out, int64_t *n_out, struct study_year *sum_out,
                      struct err *err)
{
    struct person_year p = { person_id, a, out, n_out, sum_out };
    int64_t targets[2] = { 0, 0 };

    *sum_out = (struct study_year){ 0 };
    if (year_run(app, year, person_year, &p, targets, err) < 0)
        return -1;
    year_target(sum_out, targets);
    return 0;
}

struct hours_page {
    const char *path;
    int64_t page, size;
    struct arena *a;
    struct study_hours_row **out;
    int64_t *n_out, *total_out;
};

static int hours_page(struct db_conn *c, const char *from, const char *to, void *arg,
                      struct err *err)
{
    struct hours_page *h = arg;

    return study_store_hours_page(c, h->path, from, to, h->page, h->size, h->a, h->out, h->n_out,
                                  h->total_out, err);
}

int study_hours(struct app *app, const char *path, int64_t year, int64_t page, int64_t size,
                struct arena *a, struct study_hours_row **out, int64_t *n_out, int64_t *total_out,
                struct err *err)
{
    struct hours_page h = { path, page, size, a, out, n_out, total_out };
    int64_t targets[2] = { 0, 0 };

    if (year_run(app, year, hours_page, &h, targets, err) < 0)
        return -1;
    for (int64_t i = 0; i < *n_out; i++)
        year_target(&(*out)[i].y, targets);
    return 0;
}

int study_my_path(struct app *app, int64_t person_id, struct arena *a, const char **path_out,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct study_member m;
    bool found = false;
    int rc;

    *path_out = NULL;
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = study_store_member(c, person_id, NULL, &found, a, &m, err);
    db_release(app->db, &c);
    if (rc == 0 && found)
        *path_out = m.org_path;
    return rc;
}
