/* members_demo_store.c: the members area's demo SQL (members_demo.c): set-based, over the
 * whole demo street at once. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/members/members_http.h"

/* 党员联系卡 for the volunteers on the roll: skills, a pledge, the households they keep in
 * touch with and when they serve, picked by member id from short invented lists. */
static const struct db_sql SQL_MEMBER_CARDS = {
    .name = "members.demo_member_cards",
    .sql = "INSERT INTO member_card (member_id, skills, pledge, households, service_time, "
           "updated_at) SELECT m.id, CASE m.id % 6 WHEN 0 THEN '水电维修' WHEN 1 THEN '法律咨询' "
           "WHEN 2 THEN '理发、义剪' WHEN 3 THEN '政策宣讲' WHEN 4 THEN '心理疏导' ELSE "
           "'电脑、手机使用辅导' END, CASE m.id % 3 WHEN 0 THEN '亮身份、作表率，群众有事找我' "
           "WHEN 1 THEN '每月至少参加一次志愿服务' ELSE '联系户有困难，第一时间上门' END, "
           "(m.id % 9 + 1) || '号楼 ' || (m.id % 4 + 3) || ' 户', CASE m.id % 2 WHEN 0 THEN "
           "'工作日晚上' ELSE '周末全天' END, ? FROM member m WHERE m.status IN ('probationary', "
           "'full') AND EXISTS (SELECT 1 FROM member_tag t WHERE t.member_id = m.id "
           "AND t.tag = '志愿者')",
};

/* Each 正式 or 预备 member of a branch with 党小组 joins one of them, by member id. */
#define LIVE_GROUPS(alias)                                                                         \
    "FROM org " alias " WHERE " alias ".parent_id = m.org_id AND " alias                           \
    ".type = 'group' AND " alias ".dissolved_on IS NULL"
static const struct db_sql SQL_MEMBER_GROUPS = {
    .name = "members.demo_member_groups",
    .sql = "INSERT INTO member_group (member_id, tenant_id, group_id, assigned_at) SELECT m.id, "
           "m.tenant_id, g.id, ? FROM member m JOIN org g ON g.parent_id = m.org_id AND g.type = "
           "'group' AND g.dissolved_on IS NULL WHERE m.status IN ('probationary', 'full') AND "
           "(SELECT COUNT(*) " LIVE_GROUPS(
               "g2") " AND g2.id < g.id) = m.id % (SELECT COUNT(*) " LIVE_GROUPS("g3") ")",
};

int members_store_demo_groups(struct db_conn *c, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_GROUPS, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, now);
    return db_run(&st, err);
}

int members_store_demo_cards(struct db_conn *c, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_MEMBER_CARDS, DB_ARGS(DB_INT(now)), err);
}
