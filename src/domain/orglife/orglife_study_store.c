/* orglife_study_store.c: SQL of 学习记录 (migration 0015_orglife_eval): study materials, study
 * records, a person's yearly hours with whether they held a post, the LIFE-TRAIN targets in
 * force, the yearly hours of a subtree's members ordered by name, and the demo's set-based
 * writes. Nothing here orders or compares people by hours. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_eval_int.h"

static const struct db_sql SQL_MATERIAL_INSERT = {
    .name = "study.material_insert",
    .sql = "INSERT INTO study_material (tenant_id, org_id, org_path, title, kind, hours, "
           "published_on, note, is_synthetic, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
#define MATERIAL_COLS                                                                              \
    "s.id, s.org_id, o.name, s.title, s.kind, s.hours, s.published_on, s.note, s.created_at "      \
    "FROM study_material s JOIN org o ON o.id = s.org_id "
static const struct db_sql SQL_MATERIAL_GET = {
    .name = "study.material_get",
    .sql = "SELECT " MATERIAL_COLS "WHERE s.id = ?",
};
/* ?path twice: materials of the subtree, or (?above = 1) of the orgs on the path to it. */
#define MATERIAL_WHERE                                                                             \
    "WHERE ((? = 0 AND s.org_path LIKE ? || '%') OR (? = 1 AND ? LIKE s.org_path || '%')) "        \
    "AND (? = 0 OR s.published_on LIKE ? || '-%') "
static const struct db_sql SQL_MATERIAL_PAGE = {
    .name = "study.material_page",
    .sql = "SELECT " MATERIAL_COLS MATERIAL_WHERE
           "ORDER BY s.published_on DESC, s.id DESC LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_MATERIAL_COUNT = {
    .name = "study.material_count",
    .sql = "SELECT COUNT(*) FROM study_material s " MATERIAL_WHERE,
};
static const struct db_sql SQL_MEMBER = {
    .name = "study.member",
    .sql = "SELECT id, org_id, tenant_id, org_path FROM member WHERE person_id = ? AND status IN "
           "('probationary', 'full') AND org_path LIKE ? || '%'",
};
static const struct db_sql SQL_RECORD_INSERT = {
    .name = "study.record_insert",
    .sql = "INSERT INTO study_record (tenant_id, person_id, org_id, material_id, title, kind, "
           "studied_on, hours, delivered, source, note, recorded_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_RECORDS = {
    .name = "study.records",
    .sql = "SELECT id, person_id, COALESCE(material_id, 0), hours, title, kind, studied_on, "
           "source, note, delivered FROM study_record WHERE person_id = ? AND studied_on >= ? "
           "AND studied_on <= ? ORDER BY studied_on DESC, id DESC",
};
/* In office during [from, to]: started by its end, not ended before its start. */
#define LEADER_OF(member)                                                                          \
    "CASE WHEN EXISTS (SELECT 1 FROM org_post op WHERE op.member_id = " member                     \
    " AND op.started_on <= ? AND (op.ended_on IS NULL OR op.ended_on > ?)) THEN 1 ELSE 0 END"
#define HOURS_OF(person)                                                                           \
    "COALESCE((SELECT SUM(r.hours) FROM study_record r WHERE r.person_id = " person                \
    " AND r.studied_on >= ? AND r.studied_on <= ?), 0)"
static const struct db_sql SQL_YEAR = {
    .name = "study.year",
    .sql = "SELECT " HOURS_OF("p.id") ", COALESCE((SELECT " LEADER_OF(
        "m.id") " FROM member m WHERE m.person_id = p.id), 0) FROM person p WHERE p.id = ?",
};
static const struct db_sql SQL_TARGETS = {
    .name = "study.targets",
    .sql = "SELECT role, hours FROM study_target_rule WHERE valid_from <= ? AND valid_to > ? "
           "ORDER BY valid_from, id",
};
#define HOURS_WHERE "WHERE m.org_path LIKE ? || '%' AND m.status IN ('probationary', 'full') "
static const struct db_sql SQL_HOURS_PAGE = {
    .name = "study.hours_page",
    .sql = "SELECT p.id, m.org_id, p.name, o.name, m.status, " HOURS_OF("p.id") ", " LEADER_OF(
        "m.id") " FROM member m JOIN person p ON p.id = m.person_id JOIN org o ON o.id = "
                "m.org_id " HOURS_WHERE "ORDER BY p.name_initials, p.name, p.id LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_HOURS_COUNT = {
    .name = "study.hours_count",
    .sql = "SELECT COUNT(*) FROM member m " HOURS_WHERE,
};

int study_store_material_insert(struct db_conn *c, const struct orglife_org *org,
                                const struct study_material_in *in, bool synthetic, int64_t user_id,
                                int64_t now, int64_t *id_out, struct err *err)
{
    const char *const text[] = { in->title, in->kind };
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_MATERIAL_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, org->tenant_id);
    db_bind_int(st, k++, org->id);
    db_bind_text(st, k++, org->path);
    db_bind_texts(st, &k, text, ARRAY_LEN(text));
    db_bind_int(st, k++, in->hours);
    db_bind_text(st, k++, in->published_on);
    db_bind_opt_text(st, k++, in->note);
    db_bind_int(st, k++, synthetic);
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    return db_run_id(&st, id_out, err);
}

static void read_material(struct db_stmt *st, struct arena *a, void *row)
{
    struct study_material_view *v = row;
    void *const dst[] = { &v->id,    &v->org_id,       &v->org_name, &v->title,     &v->kind,
                          &v->hours, &v->published_on, &v->note,     &v->created_at };

    eval_cols(st, a, "iitttitti", dst);
}

int study_store_material_get(struct db_conn *c, int64_t id, const char *field, struct arena *a,
                             struct study_material_view *out, struct err *err)
{
    return db_read_by_id(c, &SQL_MATERIAL_GET, id, read_material, a, out, field, "学习材料不存在",
                         err);
}

static void bind_material_filter(struct db_stmt *st, int *k, const char *path, bool above,
                                 int64_t year)
{
    char y[8];

    snprintf(y, sizeof(y), "%04d", (int)(year % 10000));
    db_bind_int(st, (*k)++, above);
    db_bind_text(st, (*k)++, path);
    db_bind_int(st, (*k)++, above);
    db_bind_text(st, (*k)++, path);
    db_bind_int(st, (*k)++, year);
    db_bind_text(st, (*k)++, y);
}

int study_store_material_page(struct db_conn *c, const char *path, bool above, int64_t year,
                              int64_t page, int64_t size, struct arena *a,
                              struct study_material_view **out, int64_t *n_out, int64_t *total_out,
                              struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_MATERIAL_COUNT, &st, err) < 0)
        return -1;
    bind_material_filter(st, &k, path, above, year);
    if (db_read_one(&st, db_read_int, a, total_out, "", "", err) < 0 ||
        db_prepare(c, &SQL_MATERIAL_PAGE, &st, err) < 0)
        return -1;
    k = 1;
    bind_material_filter(st, &k, path, above, year);
    db_bind_int(st, k++, size);
    db_bind_int(st, k++, (page - 1) * size);
    return db_read_rows(&st, read_material, sizeof(**out), a, out, n_out, err);
}

static void read_member(struct db_stmt *st, struct arena *a, void *row)
{
    struct study_member *m = row;
    void *const dst[] = { &m->member_id, &m->org_id, &m->tenant_id, &m->org_path };

    eval_cols(st, a, "iiit", dst);
}

int study_store_member(struct db_conn *c, int64_t person_id, const char *path, bool *found_out,
                       struct arena *a, struct study_member *out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, path ? path : "/");
    return db_read_opt(&st, read_member, a, out, found_out, err);
}

int study_store_record_insert(struct db_conn *c, const struct study_member *m,
                              const struct study_record_in *in, bool self, int64_t user_id,
                              int64_t now, struct err *err)
{
    const char *const text[] = { in->title, in->kind, in->studied_on };
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_RECORD_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, m->tenant_id);
    db_bind_int(st, k++, in->person_id);
    db_bind_int(st, k++, m->org_id);
    db_bind_opt_id(st, k++, in->material_id);
    db_bind_texts(st, &k, text, ARRAY_LEN(text));
    db_bind_int(st, k++, in->hours);
    db_bind_int(st, k++, in->delivered);
    db_bind_text(st, k++, self ? "self" : "cadre");
    db_bind_opt_text(st, k++, in->note);
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    return db_run(&st, err);
}

static void read_record(struct db_stmt *st, struct arena *a, void *row)
{
    struct study_record_view *v = row;
    void *const dst[] = { &v->id,   &v->person_id,  &v->material_id, &v->hours, &v->title,
                          &v->kind, &v->studied_on, &v->source,      &v->note,  &v->delivered };

    eval_cols(st, a, "iiiitttttb", dst);
}

int study_store_records(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                        struct arena *a, struct study_record_view **out, int64_t *n_out,
                        struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RECORDS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, person_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return db_read_rows(&st, read_record, sizeof(**out), a, out, n_out, err);
}

/* Parameters 1-4 of HOURS_OF and LEADER_OF: the year's range as each needs it. */
static void bind_year(struct db_stmt *st, const char *from, const char *to)
{
    const char *const v[] = { from, to, to, from };
    int k = 1;

    db_bind_texts(st, &k, v, ARRAY_LEN(v));
}

static void read_year(struct db_stmt *st, struct arena *a, void *row)
{
    int64_t *v = row;
    void *const dst[] = { &v[0], &v[1] };

    eval_cols(st, a, "ii", dst);
}

int study_store_year(struct db_conn *c, int64_t person_id, const char *from, const char *to,
                     int64_t *hours_out, bool *leader_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct arena a;
    int64_t v[2] = { 0, 0 };
    int rc;

    if (db_prepare(c, &SQL_YEAR, &st, err) < 0)
        return -1;
    bind_year(st, from, to);
    db_bind_int(st, 5, person_id);
    arena_init(&a, 256);
    rc = db_read_one(&st, read_year, &a, v, "", "人员不存在", err);
    arena_release(&a);
    *hours_out = v[0];
    *leader_out = v[1] != 0;
    return rc;
}

struct target_row {
    const char *role;
    int64_t hours;
};

static void read_target(struct db_stmt *st, struct arena *a, void *row)
{
    struct target_row *t = row;
    void *const dst[] = { &t->role, &t->hours };

    eval_cols(st, a, "ti", dst);
}

int study_store_targets(struct db_conn *c, const char *date, int64_t *member_out,
                        int64_t *leader_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct target_row *t;
    struct arena a;
    int64_t n;
    int rc = -1;

    *member_out = *leader_out = 0;
    arena_init(&a, 1024);
    if (db_prepare(c, &SQL_TARGETS, &st, err) < 0)
        goto out;
    db_bind_text(st, 1, date);
    db_bind_text(st, 2, date);
    if (db_read_rows(&st, read_target, sizeof(*t), &a, &t, &n, err) < 0)
        goto out;
    /* The latest row of each role wins (rows come oldest first). */
    for (int64_t i = 0; i < n; i++)
        *(strcmp(t[i].role, "leader") ? member_out : leader_out) = t[i].hours;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

static void read_hours(struct db_stmt *st, struct arena *a, void *row)
{
    struct study_hours_row *r = row;
    void *const dst[] = { &r->person_id, &r->org_id,  &r->name,    &r->org_name,
                          &r->status,    &r->y.hours, &r->y.leader };

    *r = (struct study_hours_row){ 0 };
    eval_cols(st, a, "iitttib", dst);
}

int study_store_hours_page(struct db_conn *c, const char *path, const char *from, const char *to,
                           int64_t page, int64_t size, struct arena *a,
                           struct study_hours_row **out, int64_t *n_out, int64_t *total_out,
                           struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_HOURS_COUNT, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, path);
    if (db_read_one(&st, db_read_int, a, total_out, "", "", err) < 0 ||
        db_prepare(c, &SQL_HOURS_PAGE, &st, err) < 0)
        return -1;
    bind_year(st, from, to);
    k = 5;
    db_bind_text(st, k++, path);
    db_bind_int(st, k++, size);
    db_bind_int(st, k++, (page - 1) * size);
    return db_read_rows(&st, read_hours, sizeof(**out), a, out, n_out, err);
}
