/* orglife_eval_demo_store.c: SQL of the 民主评议 and 学习记录 demo hook (orglife_eval_demo.c):
 * a material's study records for the members under the publishing org in one INSERT ... SELECT
 * (drawn by a hash of the person, not by a random stream, so large streets stay quick). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_eval_int.h"

/* About 95 in 100 members study each material, one in seven members (m.id % 7 = 3) only about
 * half; 送学上门 for one in 23; a third entered by the members themselves. */
static const struct db_sql SQL_RECORDS = {
    .name = "eval.demo_study",
    .sql = "INSERT INTO study_record (tenant_id, person_id, org_id, material_id, title, kind, "
           "studied_on, hours, delivered, source, is_synthetic, created_at) "
           "SELECT m.tenant_id, m.person_id, m.org_id, s.id, s.title, s.kind, s.published_on, "
           "s.hours, CASE WHEN m.id % 23 = 0 THEN 1 ELSE 0 END, CASE WHEN m.id % 3 = 0 THEN "
           "'self' ELSE 'cadre' END, 1, ? FROM member m JOIN study_material s ON s.id = ? "
           "WHERE m.status IN ('probationary', 'full') AND m.org_path LIKE s.org_path || '%' "
           "AND (m.joined_on IS NULL OR m.joined_on <= s.published_on) "
           "AND (m.person_id * 7919 + ?) % 100 < CASE WHEN m.id % 7 = 3 THEN 50 ELSE 95 END "
           "AND (? = 0 OR EXISTS (SELECT 1 FROM org_post op WHERE op.member_id = m.id AND "
           "op.ended_on IS NULL))",
};

int study_demo_store_records(struct db_conn *c, int64_t material_id, int64_t salt, bool leaders,
                             int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RECORDS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, material_id);
    db_bind_int(st, 3, salt % 100000);
    db_bind_int(st, 4, leaders);
    return db_run(&st, err);
}
