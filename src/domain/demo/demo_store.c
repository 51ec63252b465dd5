/* demo_store.c: SQL of the demo generator's rows: one emptiness check, one parameterized
 * INSERT per table and the set-based roster extras, each a named constant (the bulk-load
 * settings and schema steps are demo_bulk_store.c's). Functions bind a row, run the cached
 * statement and hand it back; they never begin or commit (demo.c owns the transaction) and
 * read back only the orgs, so a bulk load costs one statement execution per row. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/demo/demo_int.h"

static const struct db_sql SQL_COUNT_EXISTING = {
    .name = "demo.count_existing",
    .sql = "SELECT (SELECT count(*) FROM org) + (SELECT count(*) FROM person)"
           " + (SELECT count(*) FROM household)",
};

static const struct db_sql SQL_ORG_INSERT = {
    .name = "demo.org_insert",
    .sql = "INSERT INTO org (id, tenant_id, parent_id, path, depth, type, name, short_name, "
           "code, founded_on, contact_name, contact_phone, address, area, is_synthetic, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

static const struct db_sql SQL_PERSON_INSERT = {
    .name = "demo.person_insert",
    .sql = "INSERT INTO person (id, tenant_id, name, former_name, gender, ethnicity, birth_date, "
           "id_number, phone, address, hukou, education, name_initials, is_synthetic, created_at, "
           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

static const struct db_sql SQL_MEMBER_INSERT = {
    .name = "demo.member_insert",
    .sql = "INSERT INTO member (id, tenant_id, person_id, org_id, org_path, status, category, "
           "joined_on, full_member_on, work_unit, post, is_synthetic, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
};

/* The status history and the org history (0003_roster), written row by row as org_event_add
 * and member_update write them, flagged synthetic. */
static const struct db_sql SQL_MEMBER_EVENT_INSERT = {
    .name = "demo.member_event_insert",
    .sql =
        "INSERT INTO member_event (tenant_id, member_id, kind, effective_on, old_value, "
        "new_value, doc_no, note, is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};
static const struct db_sql SQL_ORG_EVENT_INSERT = {
    .name = "demo.org_event_insert",
    .sql = "INSERT INTO org_event (tenant_id, org_id, kind, effective_on, doc_no, note, old_name, "
           "new_name, old_short_name, new_short_name, old_parent_id, new_parent_id, is_synthetic, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};
static const struct db_sql SQL_ORG_DISSOLVE = {
    .name = "demo.org_dissolve",
    .sql = "UPDATE org SET dissolved_on = ? WHERE id = ?",
};
static const struct db_sql SQL_HIST_ORGS = {
    .name = "demo.hist_orgs",
    .sql = "SELECT id, coalesce(parent_id, 0), depth, path, type, name, coalesce(short_name, ''), "
           "coalesce(area, ''), founded_on FROM org ORDER BY id",
};

static const struct db_sql SQL_UNIT_ORGS = {
    .name = "demo.unit_orgs",
    .sql = "SELECT id, type, short_name, founded_on FROM org WHERE type IN ('street', "
           "'community_committee', 'general_branch') ORDER BY id",
};
static const struct db_sql SQL_UNIT_INSERT = {
    .name = "demo.unit_insert",
    .sql = "INSERT INTO org_unit_link (org_id, unit_name, kind, joined_on, left_on, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_MEMBER_TAG_INSERT = {
    .name = "demo.member_tag_insert",
    .sql = "INSERT INTO member_tag (member_id, tag) VALUES (?, ?)",
};

static const struct db_sql SQL_HOUSEHOLD_INSERT = {
    .name = "demo.household_insert",
    .sql = "INSERT INTO household (id, tenant_id, org_id, grid, building, unit, room, address, "
           "is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
};

static const struct db_sql SQL_RESIDENT_INSERT = {
    .name = "demo.resident_insert",
    .sql = "INSERT INTO resident (id, tenant_id, person_id, household_id, relation, "
           "moved_in_on, is_synthetic, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
};

/* Bulk-load settings for the generator's connection, applied outside the transaction and
 * undone afterwards (SQLite only; PostgreSQL gets a harmless query):
 * - a 512 MiB page cache keeps the person indexes (random keys) in memory, so pages are not
 *   spilled and re-read inside the one big transaction;
 * - foreign keys off: the generator writes parents before children and never points at a
 *   row it did not write, and the unit test checks it; the checks cost a lookup per row;
 * - an in-memory rollback journal instead of WAL, so the new pages are written once rather
 *   than to the WAL and again at checkpoint. The database is new and empty, so the journal
 *   stays tiny; when another connection holds the file, SQLite keeps WAL and says so by
 *   returning "wal", which is fine;
 * - CHECK constraints not evaluated: SQLite builds a temporary b-tree for each IN (...) list
 *   of a CHECK on every row. The generator writes only its own constants into those columns
 *   (type, gender, status, category), and the unit test runs PRAGMA integrity_check, which
 *   checks them all. */
/* Roster extras (0003_roster): the instance flag, a 成立 event per org, a current term per
 * committee-bearing org still in being (elected on a spread of dates, about one in ten past
 * its end) with its 书记 (the org's contact) and, for most branches of 7+ full members, two
 * 委员. An org renamed or moved since its founding was founded under the old name of its
 * first 更名 and below the old parent of its first 隶属调整, and its 成立 event says so. */
static const struct db_sql SQL_SETTING_DEMO = {
    .name = "demo.setting_demo",
    .sql = "INSERT INTO setting (key, value, updated_at) VALUES ('instance.demo', '1', ?) "
           "ON CONFLICT (key) DO UPDATE SET value = '1', updated_at = excluded.updated_at",
};
static const struct db_sql SQL_ORG_FOUND_EVENTS = {
    .name = "demo.org_found_events",
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
    .name = "demo.org_terms",
    .sql = "INSERT INTO org_term (tenant_id, org_id, elected_on, term_years, ends_on, rule_id, "
           "is_synthetic, created_at) "
           "SELECT tenant_id, id, e, y, date(e, '+' || y || ' years'), rid, 1, ? FROM ("
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
    .name = "demo.org_secretaries",
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
    .name = "demo.org_committees",
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

/* 党员联系卡 for the volunteers on the roll: skills, a pledge, the households they keep in
 * touch with and when they serve, picked by member id from short invented lists. */
static const struct db_sql SQL_MEMBER_CARDS = {
    .name = "demo.member_cards",
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

/* Runs a bound statement to completion and returns it to the cache. */
int demo_store_count_existing(struct db_conn *c, int64_t *rows_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int rc = -1, step;

    if (db_prepare(c, &SQL_COUNT_EXISTING, &st, err) < 0)
        goto out;
    step = db_step(st, err);
    if (step < 0)
        goto out;
    *rows_out = step == DB_ROW ? db_col_int(st, 0) : 0;
    rc = 0;
out:
    db_stmt_free(&st);
    return rc;
}

int demo_store_org_insert(struct db_conn *c, const struct demo_org_row *r, int64_t now,
                          struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORG_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    if (r->parent_id > 0)
        db_bind_int(st, 3, r->parent_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, r->path);
    db_bind_int(st, 5, r->depth);
    db_bind_text(st, 6, r->type);
    db_bind_text(st, 7, r->name);
    db_bind_text(st, 8, r->short_name);
    db_bind_text(st, 9, r->code);
    db_bind_text(st, 10, r->founded_on);
    db_bind_text(st, 11, r->contact_name);
    db_bind_text(st, 12, r->contact_phone);
    db_bind_text(st, 13, r->address);
    db_bind_text(st, 14, r->area);
    db_bind_int(st, 15, now);
    db_bind_int(st, 16, now);
    return db_run(&st, err);
}

int demo_store_person_insert(struct db_conn *c, const struct demo_person_row *r, int64_t now,
                             struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_PERSON_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_text(st, 3, r->name);
    db_bind_text(st, 4, r->former_name);
    db_bind_text(st, 5, r->gender);
    db_bind_text(st, 6, r->ethnicity);
    db_bind_text(st, 7, r->birth_date);
    db_bind_text(st, 8, r->id_number);
    db_bind_text(st, 9, r->phone);
    db_bind_text(st, 10, r->address);
    db_bind_text(st, 11, r->hukou);
    db_bind_text(st, 12, r->education);
    db_bind_text(st, 13, r->name_initials);
    db_bind_int(st, 14, now);
    db_bind_int(st, 15, now);
    return db_run(&st, err);
}

int demo_store_member_insert(struct db_conn *c, const struct demo_member_row *r, int64_t now,
                             struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->person_id);
    db_bind_int(st, 4, r->org_id);
    db_bind_text(st, 5, r->org_path);
    db_bind_text(st, 6, r->status);
    db_bind_text(st, 7, r->category);
    db_bind_text(st, 8, r->joined_on);
    db_bind_text(st, 9, r->full_member_on);
    db_bind_text(st, 10, r->work_unit);
    db_bind_text(st, 11, r->post);
    db_bind_int(st, 12, now);
    db_bind_int(st, 13, now);
    return db_run(&st, err);
}

int demo_store_member_event_insert(struct db_conn *c, const struct demo_member_event_row *r,
                                   int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_EVENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->tenant_id);
    db_bind_int(st, 2, r->member_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->effective_on);
    db_bind_text(st, 5, r->old_value);
    db_bind_text(st, 6, r->new_value);
    db_bind_opt_text(st, 7, r->doc_no);
    db_bind_text(st, 8, r->note);
    db_bind_int(st, 9, now);
    return db_run(&st, err);
}

int demo_store_org_event_insert(struct db_conn *c, const struct demo_org_event_row *r, int64_t now,
                                struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORG_EVENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->tenant_id);
    db_bind_int(st, 2, r->org_id);
    db_bind_text(st, 3, r->kind);
    db_bind_text(st, 4, r->effective_on);
    db_bind_opt_text(st, 5, r->doc_no);
    db_bind_opt_text(st, 6, r->note);
    db_bind_text(st, 7, r->old_name);
    db_bind_text(st, 8, r->new_name);
    db_bind_text(st, 9, r->old_short_name);
    db_bind_text(st, 10, r->new_short_name);
    db_bind_opt_id(st, 11, r->old_parent_id);
    db_bind_opt_id(st, 12, r->new_parent_id);
    db_bind_int(st, 13, now);
    return db_run(&st, err);
}

int demo_store_org_dissolve(struct db_conn *c, int64_t id, const char *dissolved_on,
                            struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_ORG_DISSOLVE, &st, err) < 0)
        return -1;
    db_bind_text(st, 1, dissolved_on);
    db_bind_int(st, 2, id);
    return db_run(&st, err);
}

static void read_hist_orgs(struct db_stmt *st, struct arena *a, void *row)
{
    struct demo_hist_org *o = row;

    o->id = db_col_int(st, 0);
    o->parent_id = db_col_int(st, 1);
    o->depth = db_col_int(st, 2);
    o->path = db_col_dup(st, 3, a);
    o->type = db_col_dup(st, 4, a);
    o->name = db_col_dup(st, 5, a);
    o->short_name = db_col_dup(st, 6, a);
    o->area = db_col_dup(st, 7, a);
    o->founded_on = db_col_is_null(st, 8) ? NULL : db_col_dup(st, 8, a);
}

int demo_store_hist_orgs(struct db_conn *c, struct arena *a, struct demo_hist_org **out,
                         int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_HIST_ORGS, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_hist_orgs, sizeof(**out), a, out, n_out, err);
}

int demo_store_member_tag_insert(struct db_conn *c, int64_t member_id, const char *tag,
                                 struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_MEMBER_TAG_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, member_id);
    db_bind_text(st, 2, tag);
    return db_run(&st, err);
}

int demo_store_household_insert(struct db_conn *c, const struct demo_household_row *r, int64_t now,
                                struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_HOUSEHOLD_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->org_id);
    db_bind_text(st, 4, r->grid);
    db_bind_text(st, 5, r->building);
    db_bind_text(st, 6, r->unit);
    db_bind_text(st, 7, r->room);
    db_bind_text(st, 8, r->address);
    db_bind_int(st, 9, now);
    return db_run(&st, err);
}

int demo_store_resident_insert(struct db_conn *c, const struct demo_resident_row *r, int64_t now,
                               struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_RESIDENT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->tenant_id);
    db_bind_int(st, 3, r->person_id);
    db_bind_int(st, 4, r->household_id);
    db_bind_text(st, 5, r->relation);
    db_bind_text(st, 6, r->moved_in_on);
    db_bind_int(st, 7, now);
    return db_run(&st, err);
}

int demo_store_roster_extras(struct db_conn *c, const char *today, int64_t now, struct err *err)
{
    const struct db_sql *steps[] = {
        &SQL_SETTING_DEMO,    &SQL_ORG_FOUND_EVENTS, &SQL_ORG_TERMS,
        &SQL_ORG_SECRETARIES, &SQL_ORG_COMMITTEES,   &SQL_MEMBER_CARDS
    };
    struct db_stmt *st = NULL;

    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        int rc;
        if (db_prepare(c, steps[i], &st, err) < 0)
            return -1;
        db_bind_int(st, 1, now);
        if (steps[i] == &SQL_ORG_TERMS)
            db_bind_text(st, 2, today);
        rc = db_exec_stmt(st, err);
        db_stmt_free(&st);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static void read_unit_orgs(struct db_stmt *st, struct arena *a, void *row)
{
    struct demo_unit_org *r = row;

    r->id = db_col_int(st, 0);
    r->type = db_col_dup(st, 1, a);
    r->short_name = db_col_is_null(st, 2) ? "" : db_col_dup(st, 2, a);
    r->founded_on = db_col_dup(st, 3, a);
}

int demo_store_unit_orgs(struct db_conn *c, struct arena *a, struct demo_unit_org **out,
                         int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_UNIT_ORGS, &st, err) < 0)
        return -1;
    return db_read_rows(&st, read_unit_orgs, sizeof(**out), a, out, n_out, err);
}

int demo_store_unit_insert(struct db_conn *c, int64_t org_id, const char *unit_name,
                           const char *kind, const char *joined_on, const char *left_on,
                           int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_UNIT_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, org_id);
    db_bind_text(st, 2, unit_name);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, joined_on);
    db_bind_opt_text(st, 5, left_on);
    db_bind_int(st, 6, now);
    return db_run(&st, err);
}
