/* transfers_report_store.c: the SQL of 在职党员到社区报到 (RULES.md §9): registrations, their
 * services (服务登记卡) and the community's yearly evaluations, as named statements. It checks
 * no rule (transfers_report.c does) and begins no transaction. Org paths are read from org. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/transfers/transfers_int.h"

static const struct db_sql SQL_INSERT = {
    .name = "transfers.report_insert",
    .sql = "INSERT INTO xfer_report (tenant_id, person_id, member_id, community_id, unit_org_id, "
           "unit_org_name, work_unit, skills, wishes, reported_on, created_by, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_TENANT = {
    .name = "transfers.org_tenant",
    .sql = "SELECT tenant_id FROM org WHERE id = ?",
};
static const struct db_sql SQL_MEMBER_UNIT = {
    .name = "transfers.member_unit",
    .sql = "SELECT m.person_id, m.org_id, o.name FROM member m JOIN org o ON o.id = m.org_id "
           "WHERE m.id = ?",
};
static const struct db_sql SQL_OPEN_OUTSIDE = {
    .name = "transfers.report_open_outside",
    .sql = "SELECT r.id FROM xfer_report r JOIN person p ON p.id = r.person_id WHERE "
           "r.member_id IS NULL AND r.ended_on IS NULL AND r.community_id = ? AND p.name = ? AND "
           "r.unit_org_name = ? ORDER BY r.id LIMIT 1",
};
static const struct db_sql SQL_OPEN_OF = {
    .name = "transfers.report_open_of",
    .sql = "SELECT id FROM xfer_report WHERE person_id = ? AND ended_on IS NULL",
};
/* One statement for a subtree (path set, id 0) and for one registration (path NULL): the
 * year's services summed beside each. */
static const struct db_sql SQL_LIST = {
    .name = "transfers.reports",
    .sql = "SELECT r.id, r.person_id, r.member_id, r.community_id, r.unit_org_id, p.name, c.name, "
           "c.path, r.unit_org_name, u.path, r.work_unit, r.skills, r.wishes, r.reported_on, "
           "r.ended_on, r.end_reason, (SELECT COUNT(*) FROM xfer_report_service s WHERE "
           "s.report_id = r.id AND s.served_on LIKE ? || '%'), (SELECT COALESCE(SUM(s.minutes), "
           "0) FROM xfer_report_service s WHERE s.report_id = r.id AND s.served_on LIKE ? || '%') "
           "FROM xfer_report r JOIN person p ON p.id = r.person_id JOIN org c ON c.id = "
           "r.community_id LEFT JOIN org u ON u.id = r.unit_org_id WHERE (CAST(? AS TEXT) IS "
           "NULL AND r.id = ?) OR c.path LIKE ? || '%' OR u.path LIKE ? || '%' "
           "ORDER BY CASE WHEN r.ended_on IS NULL THEN 0 ELSE 1 END, r.reported_on DESC, r.id DESC "
           "LIMIT 1000",
};
static const struct db_sql SQL_SERVICE_INSERT = {
    .name = "transfers.report_service_insert",
    .sql = "INSERT INTO xfer_report_service (tenant_id, report_id, served_on, minutes, kind, "
           "content, recorded_by, recorded_at) SELECT tenant_id, id, ?, ?, ?, ?, ?, ? FROM "
           "xfer_report WHERE id = ? RETURNING id",
};
static const struct db_sql SQL_SERVICES = {
    .name = "transfers.report_services",
    .sql = "SELECT id, minutes, served_on, kind, content FROM xfer_report_service WHERE "
           "report_id = ? AND served_on LIKE ? || '%' ORDER BY served_on, id",
};
static const struct db_sql SQL_REVIEW_SET = {
    .name = "transfers.report_review_set",
    .sql = "INSERT INTO xfer_report_review (report_id, year, grade, comment, reviewed_by, "
           "reviewed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, year) DO UPDATE SET "
           "grade = excluded.grade, comment = excluded.comment, reviewed_by = "
           "excluded.reviewed_by, reviewed_at = excluded.reviewed_at",
};
static const struct db_sql SQL_REVIEW_GET = {
    .name = "transfers.report_review_get",
    .sql = "SELECT grade, comment FROM xfer_report_review WHERE report_id = ? AND year = ?",
};
static const struct db_sql SQL_END = {
    .name = "transfers.report_end",
    .sql = "UPDATE xfer_report SET ended_on = ?, end_reason = ? WHERE id = ? AND ended_on IS NULL "
           "RETURNING id",
};

int transfers_store_report_insert(struct db_conn *c, const struct transfer_report_row *r,
                                  int64_t *id_out, struct err *err)
{
    return db_run_id_args(
        c, &SQL_INSERT,
        DB_ARGS(DB_INT(r->tenant_id), DB_INT(r->person_id), DB_OPT_ID(r->member_id),
                DB_INT(r->community_id), DB_OPT_ID(r->unit_org_id), DB_TEXT(r->unit_org_name),
                DB_OPT_TEXT(r->work_unit), DB_OPT_TEXT(r->skills), DB_OPT_TEXT(r->wishes),
                DB_TEXT(r->reported_on), DB_OPT_ID(r->created_by), DB_INT(r->created_at)),
        id_out, err);
}

int transfers_store_org_tenant(struct db_conn *c, int64_t org_id, int64_t *tenant_out,
                               struct err *err)
{
    return db_read_one_args(c, &SQL_TENANT, DB_ARGS(DB_INT(org_id)), db_read_int, NULL, tenant_out,
                            "/community_id", "党组织不存在", err);
}

struct member_unit {
    int64_t person_id, org_id;
    const char *org_name;
};

static void read_member_unit(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_unit *u = row;

    u->person_id = db_col_int(st, 0);
    u->org_id = db_col_int(st, 1);
    u->org_name = db_col_dup(st, 2, a);
}

int transfers_store_member_unit(struct db_conn *c, int64_t member_id, struct arena *a,
                                int64_t *person_out, int64_t *org_out, const char **org_name_out,
                                struct err *err)
{
    struct member_unit u = { 0 };

    if (db_read_one_args(c, &SQL_MEMBER_UNIT, DB_ARGS(DB_INT(member_id)), read_member_unit, a, &u,
                         "/member_id", "党员不存在", err) < 0)
        return -1;
    *person_out = u.person_id;
    *org_out = u.org_id;
    *org_name_out = u.org_name;
    return 0;
}

int transfers_store_report_open_outside(struct db_conn *c, int64_t community_id, const char *name,
                                        const char *unit_org_name, int64_t *id_out, struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OPEN_OUTSIDE,
                            DB_ARGS(DB_INT(community_id), DB_TEXT(name), DB_TEXT(unit_org_name)),
                            db_read_int, NULL, id_out, NULL, err);
}

int transfers_store_report_open_of(struct db_conn *c, int64_t person_id, int64_t *id_out,
                                   struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OPEN_OF, DB_ARGS(DB_INT(person_id)), db_read_int, NULL, id_out,
                            NULL, err);
}

static void read_report(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_report_view *v = row;

    v->id = db_col_int(st, 0);
    v->person_id = db_col_int(st, 1);
    v->member_id = db_col_int(st, 2);
    v->community_id = db_col_int(st, 3);
    v->unit_org_id = db_col_int(st, 4);
    v->name = db_col_dup(st, 5, a);
    v->community_name = db_col_dup(st, 6, a);
    v->community_path = db_col_dup(st, 7, a);
    v->unit_org_name = db_col_dup(st, 8, a);
    v->unit_org_path = db_col_dup(st, 9, a);
    v->work_unit = db_col_dup(st, 10, a);
    v->skills = db_col_dup(st, 11, a);
    v->wishes = db_col_dup(st, 12, a);
    v->reported_on = db_col_dup(st, 13, a);
    v->ended_on = db_col_dup(st, 14, a);
    v->end_reason = db_col_dup(st, 15, a);
    v->services = db_col_int(st, 16);
    v->minutes = db_col_int(st, 17);
}

int transfers_store_reports(struct db_conn *c, const char *path, int64_t id, int year,
                            struct arena *a, struct transfer_report_view **out, int64_t *n_out,
                            struct err *err)
{
    char y[8];

    snprintf(y, sizeof(y), "%04d-", year);
    return db_read_rows_args(
        c, &SQL_LIST,
        DB_ARGS(DB_TEXT(y), DB_TEXT(y), DB_TEXT(path), DB_INT(id), DB_TEXT(path), DB_TEXT(path)),
        read_report, sizeof(**out), a, out, n_out, err);
}

int transfers_store_report_service_insert(struct db_conn *c, int64_t report_id,
                                          const struct transfer_service *s, int64_t by, int64_t at,
                                          int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_SERVICE_INSERT,
                          DB_ARGS(DB_TEXT(s->served_on), DB_INT(s->minutes), DB_TEXT(s->kind),
                                  DB_TEXT(s->content), DB_OPT_ID(by), DB_INT(at),
                                  DB_INT(report_id)),
                          id_out, err);
}

static void read_service(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_service *s = row;

    s->id = db_col_int(st, 0);
    s->minutes = db_col_int(st, 1);
    s->served_on = db_col_dup(st, 2, a);
    s->kind = db_col_dup(st, 3, a);
    s->content = db_col_dup(st, 4, a);
}

int transfers_store_report_services(struct db_conn *c, int64_t report_id, int year, struct arena *a,
                                    struct transfer_service **out, int64_t *n_out, struct err *err)
{
    char y[8];

    snprintf(y, sizeof(y), "%04d-", year);
    return db_read_rows_args(c, &SQL_SERVICES, DB_ARGS(DB_INT(report_id), DB_TEXT(y)), read_service,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_store_report_review_set(struct db_conn *c, int64_t report_id, int year,
                                      const char *grade, const char *comment, int64_t by,
                                      int64_t at, struct err *err)
{
    return db_run_args(c, &SQL_REVIEW_SET,
                       DB_ARGS(DB_INT(report_id), DB_INT(year), DB_TEXT(grade), DB_TEXT(comment),
                               DB_OPT_ID(by), DB_INT(at)),
                       err);
}

struct review_row {
    const char *grade, *comment;
};

static void read_review(struct db_stmt *st, struct arena *a, void *row)
{
    struct review_row *r = row;

    r->grade = db_col_dup(st, 0, a);
    r->comment = db_col_dup(st, 1, a);
}

int transfers_store_report_review_get(struct db_conn *c, int64_t report_id, int year,
                                      struct arena *a, const char **grade_out,
                                      const char **comment_out, struct err *err)
{
    struct review_row r = { NULL, NULL };

    if (db_read_opt_args(c, &SQL_REVIEW_GET, DB_ARGS(DB_INT(report_id), DB_INT(year)), read_review,
                         a, &r, NULL, err) < 0)
        return -1;
    *grade_out = r.grade;
    *comment_out = r.comment;
    return 0;
}

int transfers_store_report_end(struct db_conn *c, int64_t id, const char *ended_on,
                               const char *reason, struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(c, &SQL_END, DB_ARGS(DB_TEXT(ended_on), DB_OPT_TEXT(reason), DB_INT(id)),
                         db_read_int, NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/ended_on", "该在职党员已登记停止报到，不能重复登记");
    return 0;
}
