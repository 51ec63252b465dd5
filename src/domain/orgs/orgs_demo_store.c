/* orgs_demo_store.c: the orgs area's demo SQL (orgs_demo.c): set-based, over the whole demo
 * street at once, after its orgs, members and org history are in. A 成立 event per org, a
 * current term per committee-bearing org still in being (elected on a spread of dates, about
 * one in ten past its end) with its 书记 (the org's contact) and, for most branches of 7+ full
 * members, two 委员. An org renamed or moved since its founding was founded under the old name
 * of its first 更名 and below the old parent of its first 隶属调整, and its 成立 event says so. */
#include "core/compat.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orgs/orgs_int.h"

static const struct db_sql SQL_ORG_FOUND_EVENTS = {
    .name = "orgs.demo_org_found_events",
    .sql = "INSERT INTO org_event (tenant_id, org_id, kind, effective_on, doc_no, new_name, "
           "new_short_name, new_parent_id, is_synthetic, created_at) "
           "SELECT o.tenant_id, o.id, 'found', o.founded_on, "
           "'澜组〔' || substr(o.founded_on, 1, 4) || '〕' || (o.id % 90 + 10) || '号', "
           "coalesce((SELECT e.old_name FROM org_event e WHERE e.org_id = o.id "
           "AND e.kind = 'rename' ORDER BY e.effective_on, e.id LIMIT 1), o.name), "
           "coalesce((SELECT e.old_short_name FROM org_event e WHERE e.org_id = o.id "
           "AND e.kind = 'rename' ORDER BY e.effective_on, e.id LIMIT 1), o.short_name), "
           "coalesce((SELECT e.old_parent_id FROM org_event e WHERE e.org_id = o.id "
           "AND e.kind = 'move' ORDER BY e.effective_on, e.id LIMIT 1), o.parent_id), 1, ? "
           "FROM org o WHERE o.founded_on IS NOT NULL ORDER BY o.id",
};
static const struct db_sql SQL_ORG_TERMS = {
    .name = "orgs.demo_org_terms",
    .sql = "INSERT INTO org_term (tenant_id, org_id, elected_on, term_years, ends_on, rule_id, "
           "is_synthetic, created_at) "
           /* 29 Feb + y years is 28 Feb in a common year, as on PostgreSQL and in
            * org_term_add (SQLite's date() would roll over to 1 March) */
           "SELECT tenant_id, id, e, y, min(date(e, '+' || y || ' years'), date(e, 'start of "
           "month', '+' || y || ' years', '+1 month', '-1 day')), rid, 1, ? FROM ("
           "SELECT o.tenant_id, o.id, r.term_years AS y, r.id AS rid, max(o.founded_on, "
           "date(?, '-' || ((o.id * 7919) % (r.term_years * 365 + 200)) || ' days')) AS e "
           "FROM org o JOIN org_rule r ON r.org_type = o.type "
           "AND r.in_community = (o.type NOT IN ('district', 'street')) "
           "WHERE o.founded_on IS NOT NULL AND o.dissolved_on IS NULL)",
    .pg = "INSERT INTO org_term (tenant_id, org_id, elected_on, term_years, ends_on, rule_id, "
          "is_synthetic, created_at) "
          "SELECT tenant_id, id, e, y, to_char(e::date + make_interval(years => y::int), "
          "'YYYY-MM-DD'), rid, 1, ? FROM ("
          "SELECT o.tenant_id, o.id, r.term_years AS y, r.id AS rid, greatest(o.founded_on, "
          "to_char(CAST(? AS date) - ((o.id * 7919) % (r.term_years * 365 + 200))::int, "
          "'YYYY-MM-DD')) AS e "
          "FROM org o JOIN org_rule r ON r.org_type = o.type "
          "AND r.in_community = (o.type NOT IN ('district', 'street'))::int "
          "WHERE o.founded_on IS NOT NULL AND o.dissolved_on IS NULL) x",
};
/* The 书记 of a term: the first current member (lowest id) in the org's subtree named like its
 * contact (a namesake who has died or left is passed over).
 * The subtree's members are walked by the org_path index and their persons fetched by id
 * (`|| ''` keeps the planner off the person_name index: on a large street a common name has
 * hundreds of namesakes, a branch some twenty members); MATERIALIZED evaluates the search
 * once per term rather than once for the filter and once for the value. */
static const struct db_sql SQL_ORG_SECRETARIES = {
    .name = "orgs.demo_org_secretaries",
    .sql = "WITH s AS MATERIALIZED (SELECT t.id AS tid, t.org_id AS oid, t.elected_on AS e, "
           "(SELECT min(m.id) FROM member m JOIN person p ON p.id = m.person_id "
           "WHERE m.org_path >= o.path AND m.org_path < substr(o.path, 1, length(o.path) - 1) "
           "|| '0' AND m.status IN ('probationary', 'full') AND p.name || '' = o.contact_name) "
           "AS mid "
           "FROM org_term t JOIN org o ON o.id = t.org_id WHERE o.contact_name IS NOT NULL "
           "AND o.type NOT IN ('district', 'street')) "
           "INSERT INTO org_post (term_id, org_id, member_id, post, started_on, is_synthetic, "
           "created_at) SELECT tid, oid, mid, '书记', e, 1, ? FROM s WHERE mid IS NOT NULL "
           "ORDER BY tid",
};
static const struct db_sql SQL_ORG_COMMITTEES = {
    .name = "orgs.demo_org_committees",
    .sql = "INSERT INTO org_post (term_id, org_id, member_id, post, started_on, is_synthetic, "
           "created_at) SELECT t.id, t.org_id, m.id, CASE WHEN m.rn = 1 THEN '组织委员' "
           "ELSE '宣传委员' END, t.elected_on, 1, ? FROM org_term t JOIN org o ON o.id = t.org_id "
           "JOIN (SELECT id, org_id, row_number() OVER (PARTITION BY org_id ORDER BY id) AS rn, "
           "count(*) OVER (PARTITION BY org_id) AS n FROM member WHERE status = 'full') m "
           "ON m.org_id = o.id AND m.rn <= 2 AND m.n >= 7 "
           "WHERE o.type IN ('branch', 'joint_branch', 'mobile_branch') AND o.id % 5 <> 0 "
           "AND NOT EXISTS (SELECT 1 FROM org_post x WHERE x.term_id = t.id "
           "AND x.member_id = m.id)",
};

int org_store_demo_terms(struct db_conn *c, const char *today, int64_t now, struct err *err)
{
    const struct db_sql *steps[] = { &SQL_ORG_FOUND_EVENTS, &SQL_ORG_TERMS, &SQL_ORG_SECRETARIES,
                                     &SQL_ORG_COMMITTEES };
    struct db_stmt *st = NULL;

    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        if (db_prepare(c, steps[i], &st, err) < 0)
            return -1;
        db_bind_int(st, 1, now);
        if (steps[i] == &SQL_ORG_TERMS)
            db_bind_text(st, 2, today);
        if (db_run(&st, err) < 0)
            return -1;
    }
    return 0;
}
