/* demo_test.c: the demo street generator against a temporary SQLite file: org structure and
 * sizes (RULES.md §3), demo ID numbers (DATA.md §4.4), member dates, paths, the synthetic
 * flag and determinism, members' status history (RULES.md §2, §10) and former names, and the
 * org history as the as-of tree (domain/orgs) replays it. The invariant queries live here, as
 * test-only SQL constants; they use SQLite's date() and are not meant for the pg driver. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/idcard.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/demo/demo.h"
#include "domain/orgs/orgs.h"
#include "app/app_modules.h"
#include "tap.h"

/* The key the demo's ID and phone numbers are sealed under (any fixed value). */
static const unsigned char TEST_MASTER_KEY[32] = { 0x5e, 0x1f, 0xa7, 0xc0, 0xde };

#define TODAY "2026-11-23"

static const struct db_sql Q_COMMUNITIES = {
    .name = "t.communities",
    .sql = "SELECT count(*) FROM org WHERE type IN ('community_committee', 'general_branch')",
};
/* Streets and communities in being without a current 大党委 member unit. */
static const struct db_sql Q_ORGS_WITHOUT_UNITS = {
    .name = "t.orgs_without_units",
    .sql = "SELECT count(*) FROM org o WHERE o.type IN ('street', 'community_committee', "
           "'general_branch') AND o.dissolved_on IS NULL AND NOT EXISTS (SELECT 1 FROM "
           "org_unit_link u WHERE u.org_id = o.id AND u.kind = 'committee_member_unit' AND "
           "u.left_on IS NULL)",
};
/* Persons whose name has no search term (two-character pieces, migration 0006), although
 * the bulk load rebuilt them. */
static const struct db_sql Q_NAMES_WITHOUT_TERMS = {
    .name = "t.names_without_terms",
    .sql = "SELECT count(*) FROM person p WHERE length(p.name) >= 2 AND NOT EXISTS (SELECT 1 "
           "FROM person_term t WHERE t.person_id = p.id AND t.term = 'b:' || substr(p.name, 1, 2)) "
           "OR p.name_initials <> '' AND NOT EXISTS (SELECT 1 FROM person_term t WHERE "
           "t.person_id = p.id AND t.term >= 'i:' AND t.term < 'i:{')",
};
/* Links with dates out of order: joined in the future, left before joining. */
static const struct db_sql Q_UNIT_BAD_DATES = {
    .name = "t.unit_bad_dates",
    .sql = "SELECT count(*) FROM org_unit_link WHERE joined_on > date('now') OR "
           "left_on <= joined_on",
};
static const struct db_sql Q_BRANCHES = {
    .name = "t.branches",
    .sql = "SELECT count(*) FROM org WHERE type IN ('branch', 'joint_branch', 'mobile_branch')",
};
static const struct db_sql Q_GROUPS = {
    .name = "t.groups",
    .sql = "SELECT count(*) FROM org WHERE type = 'group'",
};
static const struct db_sql Q_BRANCH_MAX = {
    .name = "t.branch_max",
    .sql = "SELECT max(n) FROM (SELECT count(*) AS n FROM member GROUP BY org_id)",
};
static const struct db_sql Q_BRANCH_MIN = {
    .name = "t.branch_min",
    .sql = "SELECT min(n) FROM (SELECT count(*) AS n FROM member GROUP BY org_id)",
};
static const struct db_sql Q_EMPTY_BRANCHES = {
    .name = "t.empty_branches",
    .sql = "SELECT count(*) FROM org o WHERE o.type IN ('branch', 'joint_branch', "
           "'mobile_branch') AND NOT EXISTS (SELECT 1 FROM member m WHERE m.org_id = o.id)",
};
static const struct db_sql Q_MEMBERS = {
    .name = "t.members",
    .sql = "SELECT count(*) FROM member",
};
static const struct db_sql Q_PERSONS = {
    .name = "t.persons",
    .sql = "SELECT count(*) FROM person",
};
static const struct db_sql Q_RESIDENTS = {
    .name = "t.residents",
    .sql = "SELECT count(*) FROM resident",
};
static const struct db_sql Q_HOUSEHOLDS = {
    .name = "t.households",
    .sql = "SELECT count(*) FROM household",
};
static const struct db_sql Q_ORGS = {
    .name = "t.orgs",
    .sql = "SELECT count(*) FROM org",
};
static const struct db_sql Q_PERSON_IDS = {
    .name = "t.person_ids",
    .sql = "SELECT id_number, gender, birth_date FROM person",
};
static const struct db_sql Q_UNDER_18_AT_JOIN = {
    .name = "t.under_18_at_join",
    .sql = "SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id "
           "WHERE m.joined_on IS NULL OR m.joined_on < date(p.birth_date, '+18 years')",
};
static const struct db_sql Q_BAD_FULL_DATE = {
    .name = "t.bad_full_date",
    .sql =
        "SELECT count(*) FROM member WHERE (full_member_on IS NOT NULL AND "
        "full_member_on <= joined_on) OR (status = 'probationary') = (full_member_on IS NOT NULL)",
};
static const struct db_sql Q_BAD_PROBATIONARY = {
    .name = "t.bad_probationary",
    .sql = "SELECT count(*) FROM member WHERE status = 'probationary' AND "
           "joined_on < date(?, '-1 year')",
};
static const struct db_sql Q_PROBATIONARY = {
    .name = "t.probationary",
    .sql = "SELECT count(*) FROM member WHERE status = 'probationary'",
};
static const struct db_sql Q_FUTURE_DATES = {
    .name = "t.future_dates",
    .sql = "SELECT (SELECT count(*) FROM member WHERE joined_on > ? OR full_member_on > ?) + "
           "(SELECT count(*) FROM person WHERE birth_date > ?) + "
           "(SELECT count(*) FROM resident WHERE moved_in_on > ?) + "
           "(SELECT count(*) FROM org WHERE founded_on > ?)",
};
static const struct db_sql Q_BAD_ORG_PATH = {
    .name = "t.bad_org_path",
    .sql = "SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id "
           "WHERE m.org_path <> o.path OR o.type NOT IN ('branch', 'joint_branch', "
           "'mobile_branch')",
};
static const struct db_sql Q_BAD_TREE = {
    .name = "t.bad_tree",
    .sql = "SELECT count(*) FROM org c JOIN org p ON p.id = c.parent_id "
           "WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1 "
           "OR c.tenant_id <> (SELECT min(id) FROM org)",
};
static const struct db_sql Q_NOT_SYNTHETIC = {
    .name = "t.not_synthetic",
    .sql = "SELECT (SELECT count(*) FROM org WHERE is_synthetic <> 1) + "
           "(SELECT count(*) FROM person WHERE is_synthetic <> 1) + "
           "(SELECT count(*) FROM member WHERE is_synthetic <> 1) + "
           "(SELECT count(*) FROM household WHERE is_synthetic <> 1) + "
           "(SELECT count(*) FROM resident WHERE is_synthetic <> 1)",
};
static const struct db_sql Q_MEMBERS_NOT_RESIDENT = {
    .name = "t.members_not_resident",
    .sql = "SELECT count(*) FROM member m WHERE NOT EXISTS "
           "(SELECT 1 FROM resident r WHERE r.person_id = m.person_id)",
};
static const struct db_sql Q_COMMON_NAMES = {
    .name = "t.common_names",
    .sql = "SELECT count(*) FROM person WHERE name IN ('张伟', '王伟', '李娜', '王芳', '李伟', "
           "'王静', '李静', '张敏', '刘伟', '张静')",
};
static const struct db_sql Q_RETIRED_BRANCH = {
    .name = "t.retired_branch",
    .sql = "SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id WHERE "
           "(o.short_name LIKE '%离退休%' AND m.category <> 'retired') OR "
           "(o.type = 'mobile_branch' AND m.category <> 'mobile_out')",
};
static const struct db_sql Q_VETERAN = {
    .name = "t.veteran",
    .sql = "SELECT count(*) FROM member_tag t JOIN member m ON m.id = t.member_id "
           "WHERE t.tag = '老党员' AND date(m.full_member_on, '+50 years') > ?",
};
static const struct db_sql Q_TAGS = {
    .name = "t.tags",
    .sql = "SELECT count(*) FROM member_tag",
};
static const struct db_sql Q_FK_CHECK = {
    .name = "t.fk_check",
    .sql = "PRAGMA foreign_key_check",
};
static const struct db_sql Q_FK_ON = {
    .name = "t.fk_on",
    .sql = "PRAGMA foreign_keys",
};
static const struct db_sql Q_JOURNAL = {
    .name = "t.journal",
    .sql = "PRAGMA journal_mode",
};
static const struct db_sql Q_ORG_TYPE = {
    .name = "t.org_type",
    .sql = "SELECT type || ':' || coalesce(parent_id, 0) FROM org WHERE id = ?",
};
static const struct db_sql Q_DEMO_MEMBER = {
    .name = "t.demo_member",
    .sql = "SELECT count(*) FROM member WHERE person_id = ? AND org_id = ? AND status = 'full'",
};
static const struct db_sql Q_DEMO_RESIDENT = {
    .name = "t.demo_resident",
    .sql = "SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
           "JOIN person p ON p.id = r.person_id WHERE r.person_id = ? AND h.org_id = ? "
           "AND p.birth_date <= date(?, '-18 years') "
           "AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = r.person_id)",
};
static const struct db_sql Q_FIRST_NAMES = {
    .name = "t.first_names",
    .sql = "SELECT group_concat(name, ',') FROM (SELECT name FROM person ORDER BY id LIMIT 30)",
};
static const struct db_sql Q_ORG_NAMES = {
    .name = "t.org_names",
    .sql = "SELECT group_concat(name, ',') FROM (SELECT name FROM org ORDER BY id LIMIT 20)",
};

/* ---- status history ---- */

/* Members without their admission event on the join date, or whose 转正 event is missing or
 * not on the full-member date (or present for a probationary member). */
/* 党员联系卡: volunteers on the roll have one, nobody else. */
static const struct db_sql Q_CARDS = {
    .name = "t.cards",
    .sql = "SELECT count(*) FROM member_card",
};
static const struct db_sql Q_CARD_MISPLACED = {
    .name = "t.card_misplaced",
    .sql = "SELECT (SELECT count(*) FROM member_card c JOIN member m ON m.id = c.member_id "
           "WHERE m.status NOT IN ('probationary', 'full') OR c.skills = '' OR NOT EXISTS "
           "(SELECT 1 FROM member_tag t WHERE t.member_id = m.id AND t.tag = '志愿者')) + "
           "(SELECT count(*) FROM member m WHERE m.status IN ('probationary', 'full') AND EXISTS "
           "(SELECT 1 FROM member_tag t WHERE t.member_id = m.id AND t.tag = '志愿者') AND NOT "
           "EXISTS (SELECT 1 FROM member_card c WHERE c.member_id = m.id))",
};

static const struct db_sql Q_NO_ADMISSION = {
    .name = "t.no_admission",
    .sql = "SELECT count(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM member_event e WHERE "
           "e.member_id = m.id AND e.kind = 'create' AND e.old_value IS NULL AND e.new_value = "
           "'probationary' AND e.effective_on = m.joined_on) OR (m.full_member_on IS NOT NULL) <> "
           "EXISTS (SELECT 1 FROM member_event e WHERE e.member_id = m.id AND e.kind = 'status' "
           "AND e.old_value = 'probationary' AND e.new_value = 'full' AND e.effective_on = "
           "m.full_member_on)",
};
/* Members whose status is not the new value of their last event. */
static const struct db_sql Q_STATUS_NOT_LAST = {
    .name = "t.status_not_last",
    .sql = "SELECT count(*) FROM member m WHERE m.status IS NOT (SELECT e.new_value FROM "
           "member_event e WHERE e.member_id = m.id AND e.kind IN ('create', 'status') "
           "ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)",
};
/* Breaks in a member's chain of status events: the first is not the admission, a later one
 * starts from another status than the one before ended in, or does not come after it (org
 * moves, such as a transfer accepted by the transfers area's demo, are not in the chain). */
static const struct db_sql Q_EVENT_CHAIN = {
    .name = "t.event_chain",
    .sql = "SELECT count(*) FROM (SELECT kind, old_value, effective_on, row_number() OVER w AS k, "
           "lag(new_value) OVER w AS prev_value, lag(effective_on) OVER w AS prev_on FROM "
           "member_event WHERE kind IN ('create', 'status') "
           "WINDOW w AS (PARTITION BY member_id ORDER BY effective_on, id)) WHERE "
           "(k = 1) <> (kind = 'create') OR (k > 1 AND (old_value IS NOT prev_value OR "
           "effective_on <= prev_on))",
};
/* Events out of the record's order: birth < join <= events, later events after 转正, none
 * after today (the one parameter). */
static const struct db_sql Q_EVENT_DATES = {
    .name = "t.event_dates",
    .sql = "SELECT count(*) FROM member_event e JOIN member m ON m.id = e.member_id JOIN person p "
           "ON p.id = m.person_id WHERE e.effective_on <= p.birth_date OR e.effective_on > ? OR "
           "e.effective_on < m.joined_on OR (e.old_value IN ('full', 'suspended') AND "
           "e.effective_on <= m.full_member_on)",
};
static const struct db_sql Q_STATUS_COUNT = {
    .name = "t.status_count",
    .sql = "SELECT count(*) FROM member WHERE status = ?",
};
static const struct db_sql Q_RESTORED = {
    .name = "t.restored",
    .sql = "SELECT count(*) FROM member_event WHERE old_value = 'suspended' AND new_value = 'full'",
};
/* RULES.md LOST-AFTER-STOP: 除名 only after two years of 停止党籍; a suspension still open after
 * two years would be due for it (the parameter: today). */
static const struct db_sql Q_SUSPENSION_LENGTH = {
    .name = "t.suspension_length",
    .sql = "SELECT (SELECT count(*) FROM (SELECT old_value, new_value, effective_on, "
           "lag(effective_on) OVER (PARTITION BY member_id ORDER BY effective_on, id) AS prev_on "
           "FROM member_event) WHERE old_value = 'suspended' AND new_value = 'left' AND "
           "effective_on < date(prev_on, '+2 years')) + (SELECT count(*) FROM member m WHERE "
           "m.status = 'suspended' AND (SELECT max(effective_on) FROM member_event e WHERE "
           "e.member_id = m.id) < date(?, '-2 years'))",
};
static const struct db_sql Q_YOUNG_DEATHS = {
    .name = "t.young_deaths",
    .sql = "SELECT count(*) FROM member_event e JOIN member m ON m.id = e.member_id JOIN person p "
           "ON p.id = m.person_id WHERE e.new_value = 'deceased' AND e.effective_on < "
           "date(p.birth_date, '+55 years')",
};
/* Document numbers whose year is not the event's ("桂社党〔2019〕12号"), or malformed. */
static const struct db_sql Q_BAD_DOC_NO = {
    .name = "t.bad_doc_no",
    .sql = "SELECT (SELECT count(*) FROM member_event WHERE doc_no IS NOT NULL AND (instr(doc_no, "
           "'〔' || substr(effective_on, 1, 4) || '〕') = 0 OR doc_no NOT LIKE '%号')) + "
           "(SELECT count(*) FROM org_event WHERE kind <> 'found' AND (doc_no IS NULL OR "
           "instr(doc_no, '〔' || substr(effective_on, 1, 4) || '〕') = 0))",
};
static const struct db_sql Q_DOC_NOS = {
    .name = "t.doc_nos",
    .sql = "SELECT count(*) FROM member_event WHERE doc_no IS NOT NULL",
};
/* Posts held by members who died, left or are suspended; tags of those who died or left that
 * only make sense for the living. */
static const struct db_sql Q_ENDED_IN_ROLES = {
    .name = "t.ended_in_roles",
    .sql = "SELECT (SELECT count(*) FROM org_post x JOIN member m ON m.id = x.member_id WHERE "
           "m.status NOT IN ('probationary', 'full')) + (SELECT count(*) FROM member_tag t JOIN "
           "member m ON m.id = t.member_id WHERE m.status IN ('deceased', 'left') AND t.tag IN "
           "('志愿者', '困难党员'))",
};
static const struct db_sql Q_FORMER_NAMES = {
    .name = "t.former_names",
    .sql = "SELECT count(*) FROM person WHERE former_name IS NOT NULL",
};
static const struct db_sql Q_BAD_FORMER_NAMES = {
    .name = "t.bad_former_names",
    .sql = "SELECT count(*) FROM person WHERE former_name = name OR length(former_name) NOT "
           "BETWEEN 2 AND 4",
};

/* ---- org history ---- */

static const struct db_sql Q_ORG_EVENTS = {
    .name = "t.org_events",
    .sql = "SELECT count(*) FROM org_event WHERE kind = ?",
};
/* Every event in org and date order with the org as it is today, for the replay. */
static const struct db_sql Q_ORG_REPLAY = {
    .name = "t.org_replay",
    .sql = "SELECT e.org_id, e.kind, e.effective_on, e.old_name, e.new_name, e.old_short_name, "
           "e.new_short_name, coalesce(e.old_parent_id, 0), coalesce(e.new_parent_id, 0), o.name, "
           "o.short_name, coalesce(o.parent_id, 0), o.founded_on, o.dissolved_on FROM org_event e "
           "JOIN org o ON o.id = e.org_id ORDER BY e.org_id, e.effective_on, e.id",
};
/* An org founded under a parent not yet founded, or moved away from a parent that was gone. */
static const struct db_sql Q_ORG_PARENT_DATES = {
    .name = "t.org_parent_dates",
    .sql = "SELECT (SELECT count(*) FROM org_event e JOIN org p ON p.id = e.new_parent_id WHERE "
           "e.kind = 'found' AND p.founded_on > e.effective_on) + (SELECT count(*) FROM org_event "
           "e JOIN org p ON p.id = e.old_parent_id WHERE e.kind = 'move' AND (p.founded_on > "
           "e.effective_on OR p.dissolved_on < e.effective_on))",
};
/* The newest move and rename, and a dissolved org, each with the day before. */
static const struct db_sql Q_LAST_MOVE = {
    .name = "t.last_move",
    .sql = "SELECT org_id, old_parent_id, new_parent_id, date(effective_on, '-1 day') FROM "
           "org_event WHERE kind = 'move' ORDER BY effective_on DESC, id DESC LIMIT 1",
};
static const struct db_sql Q_LAST_RENAME = {
    .name = "t.last_rename",
    .sql = "SELECT org_id, old_name, new_name, date(effective_on, '-1 day') FROM org_event WHERE "
           "kind = 'rename' ORDER BY effective_on DESC, id DESC LIMIT 1",
};
static const struct db_sql Q_DISSOLVED = {
    .name = "t.dissolved",
    .sql = "SELECT id, name, date(dissolved_on, '-1 day'), '' FROM org WHERE dissolved_on IS NOT "
           "NULL ORDER BY id LIMIT 1",
};
/* Dissolved orgs holding members, terms or units still linked. */
static const struct db_sql Q_DISSOLVED_BUSY = {
    .name = "t.dissolved_busy",
    .sql = "SELECT (SELECT count(*) FROM org o WHERE o.dissolved_on IS NOT NULL AND (EXISTS "
           "(SELECT 1 FROM member m WHERE m.org_id = o.id) OR EXISTS (SELECT 1 FROM org k WHERE "
           "k.parent_id = o.id) OR EXISTS (SELECT 1 FROM org_term t WHERE t.org_id = o.id) OR "
           "EXISTS (SELECT 1 FROM org_unit_link u WHERE u.org_id = o.id)))",
};

/* Streets without a branch moved between their communities, or without a community renamed
 * or merged. */
static const struct db_sql Q_STREETS_WITHOUT_HISTORY = {
    .name = "t.streets_without_history",
    .sql = "SELECT count(*) FROM org s WHERE s.type = 'street' AND (NOT EXISTS (SELECT 1 FROM "
           "org_event e JOIN org o ON o.id = e.org_id WHERE e.kind = 'move' AND o.path > s.path "
           "AND o.path < substr(s.path, 1, length(s.path) - 1) || '0') OR NOT EXISTS (SELECT 1 "
           "FROM org_event e JOIN org o ON o.id = e.org_id WHERE e.kind IN ('rename', "
           "'dissolve') AND o.parent_id = s.id))",
};
static const struct db_sql Q_STREETS = {
    .name = "t.streets",
    .sql = "SELECT count(*) FROM org WHERE type = 'street'",
};

static const struct db_sql Q_SCHEMA = {
    .name = "t.schema",
    .sql = "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), char(10)) "
           "FROM (SELECT type, name, sql FROM sqlite_master ORDER BY type, name)",
};
static const struct db_sql Q_GENERATION = {
    .name = "t.generation",
    .sql = "SELECT n FROM generation WHERE name = 'roster'",
};
static const struct db_sql Q_INTEGRITY = {
    .name = "t.integrity",
    .sql = "PRAGMA integrity_check",
};
static const struct db_sql Q_CHECKS_IGNORED = {
    .name = "t.checks_ignored",
    .sql = "PRAGMA ignore_check_constraints",
};
static const struct db_sql Q_FTS_INTEGRITY = {
    .name = "t.fts_integrity",
    .sql = "INSERT INTO person_fts (person_fts) VALUES ('integrity-check')",
};
static const struct db_sql Q_LAST_LONG_NAME = {
    .name = "t.last_long_name",
    .sql = "SELECT name FROM person WHERE length(name) = 3 ORDER BY id DESC LIMIT 1",
};
static const struct db_sql Q_FTS_MATCH = {
    .name = "t.fts_match",
    .sql = "SELECT count(*) FROM person_fts WHERE person_fts MATCH ?",
};
static const struct db_sql Q_NAME_LIKE = {
    .name = "t.name_like",
    .sql = "SELECT count(*) FROM person WHERE name LIKE '%' || ? || '%'",
};
static const struct db_sql Q_PERSON_TRIGGER = {
    .name = "t.person_trigger",
    .sql = "UPDATE person SET name = '甲乙丙丁' "
           "WHERE id = (SELECT max(id) FROM person WHERE length(name) = 3)",
};

struct fixture {
    char path[256];
    struct db *db;
};

static void remove_files(const char *path)
{
    char p[300];

    remove(path);
    snprintf(p, sizeof(p), "%s-wal", path);
    remove(p);
    snprintf(p, sizeof(p), "%s-shm", path);
    remove(p);
}

static int fixture_open(struct fixture *f, const char *tag)
{
    struct err e = { 0 };
    struct db_cfg cfg = { .driver = "sqlite", .busy_timeout_ms = 5000, .pool_max = 2 };

    snprintf(f->path, sizeof(f->path), "/tmp/dangjian_demo_test_%" PRId64 "_%s.db", clock_mono_us(),
             tag);
    remove_files(f->path);
    cfg.path = f->path;
    cfg.create = true;
    f->db = NULL;
    seal_key_use(TEST_MASTER_KEY);
    if (db_open(&cfg, &f->db, &e) < 0 || db_migrate(f->db, NULL, &e) < 0) {
        printf("#   cannot open %s: %s (%s)\n", f->path, e.msg, e.detail);
        tap_failed_checks++;
        return -1;
    }
    return 0;
}

static void fixture_close(struct fixture *f)
{
    db_free(&f->db);
    remove_files(f->path);
}

/* Binds every parameter to s1 when it is given, else the first two to i1 and i2, and returns the
 * first column of the first row as an integer, or a copy of it as text into txt when txt is not
 * NULL. */
static int64_t q(struct db *db, const struct db_sql *sql, const char *s1, int64_t i1, int64_t i2,
                 char *txt, size_t txtsz)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    int64_t v = -1;
    int nparam = 0;

    if (db_acquire(db, &c, &e) < 0 || db_prepare(c, sql, &st, &e) < 0)
        goto out;
    for (const char *p = sql->sql; *p; p++)
        nparam += *p == '?';
    for (int i = 1; i <= nparam; i++) {
        if (s1)
            db_bind_text(st, i, s1);
        else
            db_bind_int(st, i, i == 1 ? i1 : i2);
    }
    if (db_step(st, &e) == DB_ROW) {
        v = db_col_int(st, 0);
        if (txt)
            snprintf(txt, txtsz, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
    }
out:
    if (e.code != E_OK) {
        printf("#   query %s failed: %s (%s)\n", sql->name, e.msg, e.detail);
        tap_failed_checks++;
    }
    db_stmt_free(&st);
    db_release(db, &c);
    return v;
}

static int64_t qi(struct db *db, const struct db_sql *sql)
{
    return q(db, sql, NULL, 0, 0, NULL, 0);
}

static int64_t qs(struct db *db, const struct db_sql *sql, const char *s)
{
    return q(db, sql, s, 0, 0, NULL, 0);
}

static void pin_today(void)
{
    setenv("DANGJIAN_TEST_NOW", TODAY, 1);
    clock_reload();
}

/* The demo hooks the module rows contribute, as `dangjian demo` runs them; with core_only,
 * those of the roster and the org network alone (tests of the people and orgs the demo makes
 * need not wait for two years of meetings and every later area's data). */
static const struct demo_hook *hooks[64];

static void hooks_fill(struct demo_opts *o, bool core_only)
{
    size_t n = app_demo_hooks(hooks, ARRAY_LEN(hooks)), k = 0;

    for (size_t i = 0; i < n; i++)
        if (!core_only || !strncmp(hooks[i]->name, "members", 7) ||
            !strncmp(hooks[i]->name, "orgs", 4) || !strncmp(hooks[i]->name, "org_units", 9))
            hooks[k++] = hooks[i];
    o->hooks = hooks;
    o->nhooks = k;
}

static int generate_with(struct fixture *f, int64_t members, uint64_t seed, bool core_only,
                         struct demo_result *res)
{
    struct demo_opts o = { .members = members, .seed = seed };
    struct err e = { 0 };
    int64_t t0 = clock_mono_us();

    hooks_fill(&o, core_only);
    if (demo_generate(f->db, &o, res, &e) < 0) {
        printf("#   demo_generate failed: %s (%s)\n", e.msg, e.detail);
        tap_failed_checks++;
        return -1;
    }
    printf("# generated %" PRId64 " members in %.3f s: %" PRId64 " orgs, %" PRId64
           " persons, %" PRId64 " households, %" PRId64 " residents\n",
           members, (double)(clock_mono_us() - t0) / 1e6, res->orgs, res->persons, res->households,
           res->residents);
    return 0;
}

/* The whole demo, as `dangjian demo` makes it. */
static int generate(struct fixture *f, int64_t members, uint64_t seed, struct demo_result *res)
{
    return generate_with(f, members, seed, false, res);
}

/* The roster and the org network only. */
static int generate_core(struct fixture *f, int64_t members, uint64_t seed, struct demo_result *res)
{
    return generate_with(f, members, seed, true, res);
}

static void test_default_street(void)
{
    struct fixture f;
    struct demo_result res = { 0 };
    int64_t members, residents;

    pin_today();
    if (fixture_open(&f, "default") < 0)
        return;
    if (generate(&f, 3000, 20261123, &res) < 0)
        goto out;

    members = qi(f.db, &Q_MEMBERS);
    residents = qi(f.db, &Q_RESIDENTS);
    CHECK(qi(f.db, &Q_COMMUNITIES) >= 6);
    CHECK(qi(f.db, &Q_BRANCHES) >= 40);
    CHECK(qi(f.db, &Q_GROUPS) > 0);
    CHECK(qi(f.db, &Q_BRANCH_MAX) <= 50);
    CHECK(qi(f.db, &Q_BRANCH_MIN) >= 10);
    CHECK_EQ(qi(f.db, &Q_EMPTY_BRANCHES), 0);
    CHECK(members >= 3000);
    CHECK_EQ(members, res.members);
    CHECK_EQ(qi(f.db, &Q_PERSONS), res.persons);
    CHECK_EQ(residents, res.residents);
    CHECK_EQ(qi(f.db, &Q_HOUSEHOLDS), res.households);
    CHECK_EQ(qi(f.db, &Q_ORGS), res.orgs);
    CHECK(residents >= 3 * members && residents <= 4 * members);
    CHECK_EQ(qi(f.db, &Q_MEMBERS_NOT_RESIDENT), 0);
    CHECK_EQ(qi(f.db, &Q_ORGS_WITHOUT_UNITS), 0);
    CHECK_EQ(qi(f.db, &Q_UNIT_BAD_DATES), 0);
    CHECK_EQ(qi(f.db, &Q_NAMES_WITHOUT_TERMS), 0);
    printf("# %" PRId64 " communities, %" PRId64 " branches, %" PRId64 " groups, %" PRId64
           " probationary, %" PRId64 " tags, residents/members %.2f\n",
           qi(f.db, &Q_COMMUNITIES), qi(f.db, &Q_BRANCHES), qi(f.db, &Q_GROUPS),
           qi(f.db, &Q_PROBATIONARY), qi(f.db, &Q_TAGS), (double)residents / (double)members);
out:
    fixture_close(&f);
}

static void test_id_numbers(void)
{
    struct fixture f;
    struct demo_result res = { 0 };
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    int64_t rows = 0, bad = 0, plain = 0;
    struct arena a;

    pin_today();
    arena_init(&a, 0);
    if (fixture_open(&f, "ids") < 0)
        return;
    if (generate_core(&f, 3000, 7, &res) < 0)
        goto out;
    if (db_acquire(f.db, &c, &e) < 0 || db_prepare(c, &Q_PERSON_IDS, &st, &e) < 0)
        goto out;
    while (db_step(st, &e) == DB_ROW) {
        const char *id = db_col_unseal(st, 0, &a), *gender = db_col_text(st, 1),
                   *birth = db_col_text(st, 2);
        plain += !seal_is_sealed(db_col_text(st, 0));
        char norm[19], derived[11];
        struct err ie = { 0 };
        bool ok = id && strlen(id) == 18 && id[0] == '9' && id[1] == '9' &&
                  idcard_check_char(id) == id[17] && gender && idcard_gender(id) == gender[0] &&
                  idcard_birth_date(id, derived) == 0 && birth && strcmp(derived, birth) == 0 &&
                  idcard_normalize(id, norm, &ie) == 0 && strcmp(norm, id) == 0 &&
                  idcard_check_region(id, true, &ie) == 0;
        rows++;
        if (!ok && bad++ < 5)
            printf("#   bad person row: %s %s %s (%s)\n", id ? id : "NULL",
                   gender ? gender : "NULL", birth ? birth : "NULL", ie.msg);
    }
    CHECK_EQ(e.code, E_OK);
    CHECK_EQ(bad, 0);
    CHECK_EQ(plain, 0); /* stored sealed (core/seal.h) */
    CHECK_EQ(rows, res.persons);
out:
    db_stmt_free(&st);
    db_release(f.db, &c);
    fixture_close(&f);
    arena_release(&a);
}

static void test_member_dates_and_paths(void)
{
    struct fixture f;
    struct demo_result res = { 0 };

    pin_today();
    if (fixture_open(&f, "dates") < 0)
        return;
    if (generate_core(&f, 3000, 11, &res) < 0)
        goto out;
    CHECK_EQ(qi(f.db, &Q_UNDER_18_AT_JOIN), 0);
    CHECK_EQ(qi(f.db, &Q_BAD_FULL_DATE), 0);
    CHECK_EQ(qs(f.db, &Q_BAD_PROBATIONARY, TODAY), 0);
    CHECK(qi(f.db, &Q_PROBATIONARY) > 0);
    CHECK_EQ(qs(f.db, &Q_FUTURE_DATES, TODAY), 0);
    CHECK_EQ(qi(f.db, &Q_BAD_ORG_PATH), 0);
    CHECK_EQ(qi(f.db, &Q_BAD_TREE), 0);
    CHECK_EQ(qi(f.db, &Q_NOT_SYNTHETIC), 0);
    CHECK_EQ(qi(f.db, &Q_COMMON_NAMES), 0);
    CHECK_EQ(qi(f.db, &Q_RETIRED_BRANCH), 0);
    CHECK_EQ(qs(f.db, &Q_VETERAN, TODAY), 0);
    /* The load runs with foreign keys off: every reference must still resolve, and the
     * connection must be back to its defaults. */
    {
        char txt[32] = "";
        CHECK_EQ(q(f.db, &Q_FK_CHECK, NULL, 0, 0, NULL, 0), -1); /* no violation rows */
        CHECK_EQ(qi(f.db, &Q_FK_ON), 1);
        q(f.db, &Q_JOURNAL, NULL, 0, 0, txt, sizeof(txt));
        CHECK_STR(txt, "wal");
    }
out:
    fixture_close(&f);
}

/* The load drops the indexes and triggers of the tables it fills and creates them again from
 * their saved text: the schema must come back exactly, consistent with the rows (indexes,
 * CHECK constraints, the FTS index), with the generation counter moved and the triggers
 * working again. */
static void test_bulk_schema(void)
{
    /* The schema text of every migration; main alone is about 63 KiB, so room to grow. */
    static char before[1 << 18], after[1 << 18];
    struct fixture f;
    struct demo_result res = { 0 };
    char txt[64] = "", name[64] = "";
    int64_t gen0, like, gen1;

    pin_today();
    if (fixture_open(&f, "schema") < 0)
        return;
    q(f.db, &Q_SCHEMA, NULL, 0, 0, before, sizeof(before));
    gen0 = qi(f.db, &Q_GENERATION);
    if (generate(&f, 1000, 5, &res) < 0)
        goto out;
    q(f.db, &Q_SCHEMA, NULL, 0, 0, after, sizeof(after));
    CHECK(strlen(before) > 1000);
    CHECK(strstr(before, "person_fts_ai") != NULL && strstr(before, "member_org_path") != NULL);
    if (strcmp(after, before) != 0) {
        size_t i = 0;
        while (after[i] == before[i])
            i++;
        printf("#   schema differs after the load at: %.80s\n", before + i);
    }
    CHECK(strcmp(after, before) == 0);
    CHECK(qi(f.db, &Q_GENERATION) > gen0);
    q(f.db, &Q_INTEGRITY, NULL, 0, 0, txt, sizeof(txt));
    CHECK_STR(txt, "ok");
    CHECK_EQ(qi(f.db, &Q_CHECKS_IGNORED), 0);
    CHECK_EQ(qi(f.db, &Q_FTS_INTEGRITY), -1); /* no row, and no error */

    /* The rebuilt name index finds the last person like a scan does... */
    q(f.db, &Q_LAST_LONG_NAME, NULL, 0, 0, name, sizeof(name));
    CHECK(strlen(name) == 9);
    like = qs(f.db, &Q_NAME_LIKE, name);
    CHECK(like >= 1);
    CHECK_EQ(qs(f.db, &Q_FTS_MATCH, name), like);
    /* ... and the triggers are back: a rename moves the counter and reaches the FTS index. */
    gen1 = qi(f.db, &Q_GENERATION);
    qi(f.db, &Q_PERSON_TRIGGER);
    CHECK(qi(f.db, &Q_GENERATION) > gen1);
    CHECK_EQ(qi(f.db, &Q_FTS_INTEGRITY), -1);
    CHECK_EQ(qs(f.db, &Q_FTS_MATCH, name), like - 1);
    CHECK_EQ(qs(f.db, &Q_FTS_MATCH, "甲乙丙丁"), 1);
out:
    fixture_close(&f);
}

static void test_demo_logins(void)
{
    struct fixture f;
    struct demo_result res = { 0 };
    char txt[64];

    pin_today();
    if (fixture_open(&f, "logins") < 0)
        return;
    if (generate(&f, 3000, 20261123, &res) < 0)
        goto out;
    q(f.db, &Q_ORG_TYPE, NULL, res.street_org_id, 0, txt, sizeof(txt));
    CHECK_STR(txt, "street:1");
    q(f.db, &Q_ORG_TYPE, NULL, res.community_org_id, 0, txt, sizeof(txt));
    CHECK(strncmp(txt, "community_committee:", 20) == 0);
    CHECK_EQ(strtoll(txt + 20, NULL, 10), res.street_org_id);
    q(f.db, &Q_ORG_TYPE, NULL, res.branch_org_id, 0, txt, sizeof(txt));
    CHECK(strncmp(txt, "branch:", 7) == 0);
    CHECK_EQ(strtoll(txt + 7, NULL, 10), res.community_org_id);
    CHECK_EQ(q(f.db, &Q_DEMO_MEMBER, NULL, res.member_person_id, res.branch_org_id, NULL, 0), 1);
    {
        struct db_conn *c = NULL;
        struct db_stmt *st = NULL;
        struct err e = { 0 };
        int64_t n = -1;
        if (db_acquire(f.db, &c, &e) == 0 && db_prepare(c, &Q_DEMO_RESIDENT, &st, &e) == 0) {
            db_bind_int(st, 1, res.resident_person_id);
            db_bind_int(st, 2, res.community_org_id);
            db_bind_text(st, 3, TODAY);
            if (db_step(st, &e) == DB_ROW)
                n = db_col_int(st, 0);
        }
        CHECK_EQ(n, 1);
        db_stmt_free(&st);
        db_release(f.db, &c);
    }
out:
    fixture_close(&f);
}

static void test_deterministic(void)
{
    struct fixture a, b;
    struct demo_result ra = { 0 }, rb = { 0 }, rc = { 0 };
    char names_a[1024] = "", names_b[1024] = "", orgs_a[2048] = "", orgs_b[2048] = "";

    pin_today();
    if (fixture_open(&a, "det_a") < 0)
        return;
    if (fixture_open(&b, "det_b") < 0) {
        fixture_close(&a);
        return;
    }
    if (generate_core(&a, 3000, 99, &ra) < 0 || generate_core(&b, 3000, 99, &rb) < 0)
        goto out;
    CHECK_EQ(ra.orgs, rb.orgs);
    CHECK_EQ(ra.persons, rb.persons);
    CHECK_EQ(ra.members, rb.members);
    CHECK_EQ(ra.households, rb.households);
    CHECK_EQ(ra.residents, rb.residents);
    CHECK_EQ(ra.member_person_id, rb.member_person_id);
    q(a.db, &Q_FIRST_NAMES, NULL, 0, 0, names_a, sizeof(names_a));
    q(b.db, &Q_FIRST_NAMES, NULL, 0, 0, names_b, sizeof(names_b));
    CHECK(names_a[0] != '\0');
    CHECK_STR(names_a, names_b);
    q(a.db, &Q_ORG_NAMES, NULL, 0, 0, orgs_a, sizeof(orgs_a));
    q(b.db, &Q_ORG_NAMES, NULL, 0, 0, orgs_b, sizeof(orgs_b));
    CHECK_STR(orgs_a, orgs_b);
    printf("# first names: %s\n# first orgs: %s\n", names_a, orgs_a);

    /* Another seed gives another street. */
    fixture_close(&b);
    if (fixture_open(&b, "det_c") < 0)
        goto out;
    if (generate_core(&b, 3000, 100, &rc) < 0)
        goto out;
    q(b.db, &Q_FIRST_NAMES, NULL, 0, 0, names_b, sizeof(names_b));
    CHECK(strcmp(names_a, names_b) != 0);
out:
    fixture_close(&a);
    fixture_close(&b);
}

static void test_refuses_bad_input(void)
{
    struct fixture f;
    struct demo_result res = { 0 }, untouched = { .orgs = -7 };
    struct demo_opts small = { .members = 99, .seed = 1 }, ok = { .members = 100, .seed = 1 };
    struct err e = { 0 };

    pin_today();
    hooks_fill(&ok, false);
    if (fixture_open(&f, "refuse") < 0)
        return;
    CHECK_EQ(demo_generate(f.db, &small, &untouched, &e), -1);
    CHECK_EQ(e.code, E_INVALID);
    CHECK_STR(e.field, "/members");
    CHECK_EQ(untouched.orgs, -7);

    /* The smallest run still makes a consistent tree. */
    err_clear(&e);
    CHECK_EQ(demo_generate(f.db, &ok, &res, &e), 0);
    CHECK_EQ(res.members, 100);
    CHECK(res.branch_org_id > 0 && res.member_person_id > 0 && res.resident_person_id > 0);
    CHECK(qi(f.db, &Q_BRANCH_MAX) <= 50);
    CHECK_EQ(qi(f.db, &Q_BAD_ORG_PATH), 0);

    /* A database that already holds data is left alone. */
    err_clear(&e);
    CHECK_EQ(demo_generate(f.db, &ok, &untouched, &e), -1);
    CHECK_EQ(e.code, E_CONFLICT);
    CHECK_EQ(untouched.orgs, -7);
    CHECK_EQ(qi(f.db, &Q_MEMBERS), 100);
    fixture_close(&f);
}

/* Every member's record has its admission and 转正 on the record's dates, its status is the
 * last event's, the events follow each other in the order the rules allow, and a few members
 * died, were suspended, restored or struck off; a few persons have a former name. */
static void test_member_history(void)
{
    struct fixture f;
    struct demo_result res = { 0 };
    int64_t members, deceased, left, suspended, restored, former;

    pin_today();
    if (fixture_open(&f, "history") < 0)
        return;
    if (generate(&f, 3000, 20261123, &res) < 0)
        goto out;
    members = qi(f.db, &Q_MEMBERS);
    CHECK_EQ(qi(f.db, &Q_NO_ADMISSION), 0);
    CHECK_EQ(qi(f.db, &Q_STATUS_NOT_LAST), 0);
    CHECK_EQ(qi(f.db, &Q_EVENT_CHAIN), 0);
    CHECK_EQ(qs(f.db, &Q_EVENT_DATES, TODAY), 0);
    CHECK_EQ(qs(f.db, &Q_SUSPENSION_LENGTH, TODAY), 0);
    CHECK_EQ(qi(f.db, &Q_YOUNG_DEATHS), 0);
    CHECK_EQ(qi(f.db, &Q_BAD_DOC_NO), 0);
    CHECK(qi(f.db, &Q_DOC_NOS) > members / 10);
    CHECK_EQ(qi(f.db, &Q_ENDED_IN_ROLES), 0);
    CHECK(qi(f.db, &Q_CARDS) > members / 20);
    CHECK_EQ(qi(f.db, &Q_CARD_MISPLACED), 0);

    /* Small realistic shares: deaths 0.5-5 %, 停止党籍 and 出党 a few per thousand. */
    deceased = qs(f.db, &Q_STATUS_COUNT, "deceased");
    left = qs(f.db, &Q_STATUS_COUNT, "left");
    suspended = qs(f.db, &Q_STATUS_COUNT, "suspended");
    restored = qi(f.db, &Q_RESTORED);
    CHECK(deceased * 200 >= members && deceased * 20 <= members);
    CHECK(left >= 1 && left * 100 <= members);
    CHECK(suspended >= 1 && suspended * 100 <= members);
    CHECK(restored >= 1 && restored * 100 <= members);
    CHECK_EQ(qs(f.db, &Q_STATUS_COUNT, "probationary") + qs(f.db, &Q_STATUS_COUNT, "full") +
                 deceased + left + suspended,
             members);

    /* 曾用名: about 2-3 % of persons (1.5-4 % allowed), never the name itself. */
    former = qi(f.db, &Q_FORMER_NAMES);
    CHECK(former * 1000 >= res.persons * 15 && former * 1000 <= res.persons * 40);
    CHECK_EQ(qi(f.db, &Q_BAD_FORMER_NAMES), 0);
    printf("# %" PRId64 " deceased, %" PRId64 " left, %" PRId64 " suspended, %" PRId64
           " restored of %" PRId64 " members; %" PRId64 " former names of %" PRId64 " persons\n",
           deceased, left, suspended, restored, members, former, res.persons);
out:
    fixture_close(&f);
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The first row of sql (no parameters) as four text columns. */
static bool row4(struct db *db, const struct db_sql *sql, char out[4][256])
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    bool ok = false;

    if (db_acquire(db, &c, &e) == 0 && db_prepare(c, sql, &st, &e) == 0 &&
        db_step(st, &e) == DB_ROW) {
        for (int i = 0; i < 4; i++)
            snprintf(out[i], 256, "%s", db_col_text(st, i) ? db_col_text(st, i) : "");
        ok = true;
    }
    if (!ok)
        printf("#   no row from %s (%s)\n", sql->name, e.msg);
    db_stmt_free(&st);
    db_release(db, &c);
    return ok;
}

static const struct org_node *find_node(const struct org_node *n, int64_t id)
{
    if (n->id == id)
        return n;
    for (int64_t i = 0; i < n->nchildren; i++) {
        const struct org_node *x = find_node(n->children[i], id);
        if (x)
            return x;
    }
    return NULL;
}

/* Replays every org's events from its founding: each 更名 starts from the name the org had,
 * each 隶属调整 from the parent it had, a 撤销 is on the dissolution date, and the replay ends
 * in today's row. Returns the number of breaks. */
static int64_t replay_org_events(struct db *db)
{
    struct db_conn *c = NULL;
    struct db_stmt *st = NULL;
    struct err e = { 0 };
    char name[256] = "", sname[256] = "", want_name[256] = "", want_short[256] = "";
    int64_t org = 0, parent = 0, want_parent = 0, bad = 0, rows = 0;

    if (db_acquire(db, &c, &e) < 0 || db_prepare(c, &Q_ORG_REPLAY, &st, &e) < 0)
        goto out;
    for (;;) {
        int step = db_step(st, &e);
        int64_t id = step == DB_ROW ? db_col_int(st, 0) : 0;
        const char *kind, *on, *why = NULL;

        if (id != org && org) { /* the end of an org's events: today's row */
            if (strcmp(name, want_name) || strcmp(sname, want_short) || parent != want_parent)
                why = "replay does not end in today's row";
            if (why && bad++ < 5)
                printf("#   org %" PRId64 ": %s (%s/%s/%" PRId64 ")\n", org, why, name, sname,
                       parent);
            why = NULL;
        }
        if (step != DB_ROW)
            break;
        rows++;
        kind = db_col_text(st, 1);
        on = db_col_text(st, 2);
        if (id != org) {
            org = id;
            snprintf(want_name, sizeof(want_name), "%s", db_col_text(st, 9));
            snprintf(want_short, sizeof(want_short), "%s", db_col_text(st, 10));
            want_parent = db_col_int(st, 11);
            if (strcmp(kind, "found") || !same(on, db_col_text(st, 12)))
                why = "the first event is not the founding";
            snprintf(name, sizeof(name), "%s", db_col_text(st, 4));
            snprintf(sname, sizeof(sname), "%s", db_col_text(st, 6));
            parent = db_col_int(st, 8);
        } else if (!strcmp(kind, "rename")) {
            if (!same(db_col_text(st, 3), name) || !same(db_col_text(st, 5), sname))
                why = "a rename does not start from the name the org had";
            snprintf(name, sizeof(name), "%s", db_col_text(st, 4));
            if (!db_col_is_null(st, 6))
                snprintf(sname, sizeof(sname), "%s", db_col_text(st, 6));
        } else if (!strcmp(kind, "move")) {
            if (db_col_int(st, 7) != parent)
                why = "a move does not start from the parent the org had";
            parent = db_col_int(st, 8);
        } else if (!strcmp(kind, "dissolve")) {
            if (!same(on, db_col_text(st, 13)))
                why = "a dissolution is not on the dissolution date";
        } else {
            why = "a second founding";
        }
        if (strcmp(on, TODAY) > 0)
            why = "an event after today";
        if (why && bad++ < 5)
            printf("#   org %" PRId64 " %s %s: %s\n", id, kind, on, why);
    }
    if (rows == 0)
        bad++;
out:
    if (e.code != E_OK) {
        printf("#   replay failed: %s (%s)\n", e.msg, e.detail);
        bad++;
    }
    db_stmt_free(&st);
    db_release(db, &c);
    return bad;
}

/* The org history holds renames, moves and a merger (with its dissolved community), replays
 * to today's tree, and the as-of tree before the newest of them is not today's. */
static void test_org_history(void)
{
    struct fixture f;
    struct demo_result res = { 0 };
    struct app app = { 0 };
    struct arena a;
    struct err e = { 0 };
    struct org_node *now = NULL, *then = NULL;
    const struct org_node *x;
    char row[4][256];
    int64_t root = 1;

    pin_today();
    arena_init(&a, 0);
    if (fixture_open(&f, "org_history") < 0)
        return;
    if (generate(&f, 3000, 20261123, &res) < 0)
        goto out;
    app.db = f.db;
    CHECK(qs(f.db, &Q_ORG_EVENTS, "rename") >= 3);
    CHECK(qs(f.db, &Q_ORG_EVENTS, "move") >= 1);
    CHECK(qs(f.db, &Q_ORG_EVENTS, "dissolve") >= 1);
    CHECK_EQ(qs(f.db, &Q_ORG_EVENTS, "found"), res.orgs);
    CHECK_EQ(replay_org_events(f.db), 0);
    CHECK_EQ(qi(f.db, &Q_ORG_PARENT_DATES), 0);
    CHECK_EQ(qi(f.db, &Q_DISSOLVED_BUSY), 0);

    CHECK_EQ(org_tree(&app, root, NULL, 0, &a, &now, &e), 0);
    /* The day before the newest move: the org sat under its old parent. */
    if (now && row4(f.db, &Q_LAST_MOVE, row)) {
        int64_t id = strtoll(row[0], NULL, 10), old_parent = strtoll(row[1], NULL, 10),
                new_parent = strtoll(row[2], NULL, 10);
        CHECK(old_parent != new_parent);
        CHECK_EQ(org_tree(&app, root, row[3], 0, &a, &then, &e), 0);
        x = find_node(now, id);
        CHECK(x && x->parent_id == new_parent);
        CHECK(find_node(find_node(now, new_parent), id) != NULL);
        x = then ? find_node(then, id) : NULL;
        CHECK(x && x->parent_id == old_parent);
        CHECK(then && find_node(then, old_parent) && find_node(find_node(then, old_parent), id));
    }
    /* The day before the newest rename: the old name. */
    if (now && row4(f.db, &Q_LAST_RENAME, row)) {
        int64_t id = strtoll(row[0], NULL, 10);
        CHECK(strcmp(row[1], row[2]) != 0);
        CHECK_EQ(org_tree(&app, root, row[3], 0, &a, &then, &e), 0);
        x = find_node(now, id);
        CHECK(x && !strcmp(x->name, row[2]));
        x = then ? find_node(then, id) : NULL;
        CHECK(x && !strcmp(x->name, row[1]));
        if (x)
            printf("# as of %s: %s (today %s)\n", row[3], x->name, row[2]);
    }
    /* A merged-in community: gone today, in the tree the day before it was dissolved. */
    if (now && row4(f.db, &Q_DISSOLVED, row)) {
        int64_t id = strtoll(row[0], NULL, 10);
        CHECK(find_node(now, id) == NULL);
        CHECK_EQ(org_tree(&app, root, row[2], 0, &a, &then, &e), 0);
        x = then ? find_node(then, id) : NULL;
        CHECK(x && !strcmp(x->name, row[1]) && x->nchildren > 0);
    }
    if (e.code != E_OK)
        printf("#   org_tree: %s\n", e.msg);

    /* A district of several streets: each has its own history. */
    fixture_close(&f);
    if (fixture_open(&f, "org_history_streets") < 0)
        goto out;
    if (generate_core(&f, 9000, 7, &res) < 0)
        goto out;
    CHECK(qi(f.db, &Q_STREETS) >= 2);
    CHECK_EQ(qi(f.db, &Q_STREETS_WITHOUT_HISTORY), 0);
    CHECK_EQ(replay_org_events(f.db), 0);
    CHECK_EQ(qi(f.db, &Q_ORG_PARENT_DATES), 0);
out:
    arena_release(&a);
    fixture_close(&f);
}

TAP_MAIN("domain/demo", TEST(test_default_street), TEST(test_id_numbers),
         TEST(test_member_dates_and_paths), TEST(test_member_history), TEST(test_org_history),
         TEST(test_bulk_schema), TEST(test_demo_logins), TEST(test_deterministic),
         TEST(test_refuses_bad_input))
