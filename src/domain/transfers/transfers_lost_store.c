/* transfers_lost_store.c: the SQL of 失联 records: contact attempts and the decisions people
 * recorded, as named statements, and their summaries per member of a subtree. It checks no
 * rule (transfers_lost.c does) and begins no transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/transfers/transfers_int.h"

static const struct db_sql SQL_CONTACTS = {
    .name = "transfers.lost_contacts",
    .sql = "SELECT m.id, m.org_id, p.name, o.name, s.n, s.last_reached, (SELECT MIN(x.tried_on) "
           "FROM xfer_lost_contact x WHERE x.member_id = m.id AND x.reached = 0 AND x.tried_on > "
           "COALESCE(s.last_reached, '')) FROM (SELECT member_id, COUNT(*) AS n, MAX(CASE WHEN "
           "reached = 1 THEN tried_on END) AS last_reached FROM xfer_lost_contact GROUP BY "
           "member_id) s JOIN member m ON m.id = s.member_id JOIN person p ON p.id = m.person_id "
           "JOIN org o ON o.id = m.org_id WHERE m.org_path LIKE ? || '%' ORDER BY m.id",
};
static const struct db_sql SQL_DECISIONS = {
    .name = "transfers.lost_decisions",
    .sql = "SELECT m.id, m.org_id, p.name, o.name, d.decision, d.decided_on, d.doc_no "
           "FROM xfer_lost_decision d JOIN member m ON m.id = d.member_id "
           "JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id "
           "WHERE m.org_path LIKE ? || '%' AND d.id = (SELECT MAX(y.id) FROM xfer_lost_decision y "
           "WHERE y.member_id = d.member_id) ORDER BY m.id",
};
static const struct db_sql SQL_FLOW_ATTENDED = {
    .name = "transfers.lost_flow_attended",
    .sql = "SELECT m.id, m.org_id, p.name, o.name, MAX(fm.met_on) FROM xfer_flow f "
           "JOIN xfer_flow_meeting fm ON fm.flow_id = f.id JOIN member m ON m.id = f.member_id "
           "JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id "
           "WHERE m.org_path LIKE ? || '%' GROUP BY m.id, m.org_id, p.name, o.name ORDER BY m.id",
};
static const struct db_sql SQL_FLOWS_LONG = {
    .name = "transfers.lost_flows_long",
    .sql = "SELECT m.id, m.org_id, p.name, o.name, MIN(f.starts_on) FROM xfer_flow f "
           "JOIN member m ON m.id = f.member_id JOIN person p ON p.id = m.person_id "
           "JOIN org o ON o.id = m.org_id WHERE f.direction = 'out' AND f.returned_on IS NULL "
           "AND f.starts_on <= ? AND m.org_path LIKE ? || '%' AND m.status IN ('probationary', "
           "'full') AND NOT EXISTS (SELECT 1 FROM xfer t WHERE t.member_id = m.id AND t.status "
           "IN ('pending', 'accepted') AND t.sent_on >= f.starts_on) "
           "GROUP BY m.id, m.org_id, p.name, o.name ORDER BY m.id",
};
static const struct db_sql SQL_CONTACT_INSERT = {
    .name = "transfers.lost_contact_insert",
    .sql = "INSERT INTO xfer_lost_contact (tenant_id, member_id, tried_on, method, reached, note, "
           "recorded_by, recorded_at) SELECT tenant_id, id, ?, ?, ?, ?, ?, ? FROM member "
           "WHERE id = ? RETURNING id",
};
static const struct db_sql SQL_DECISION_INSERT = {
    .name = "transfers.lost_decision_insert",
    .sql = "INSERT INTO xfer_lost_decision (tenant_id, member_id, decision, decided_on, body, "
           "doc_no, note, recorded_by, recorded_at) SELECT tenant_id, id, ?, ?, ?, ?, ?, ?, ? "
           "FROM member WHERE id = ? RETURNING id",
};

static void read_contact(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_lost *l = row;

    l->member_id = db_col_int(st, 0);
    l->org_id = db_col_int(st, 1);
    l->name = db_col_dup(st, 2, a);
    l->org_name = db_col_dup(st, 3, a);
    l->attempts = db_col_int(st, 4);
    l->last_reached = db_col_dup(st, 5, a);
    l->unreached_since = db_col_dup(st, 6, a);
}

int transfers_store_contacts(struct db_conn *c, const char *path, struct arena *a,
                             struct transfer_lost **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_CONTACTS, DB_ARGS(DB_TEXT(path)), read_contact, sizeof(**out),
                             a, out, n_out, err);
}

static void read_decision(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_lost *l = row;

    l->member_id = db_col_int(st, 0);
    l->org_id = db_col_int(st, 1);
    l->name = db_col_dup(st, 2, a);
    l->org_name = db_col_dup(st, 3, a);
    l->decision = db_col_dup(st, 4, a);
    l->decided_on = db_col_dup(st, 5, a);
    l->doc_no = db_col_dup(st, 6, a);
}

int transfers_store_decisions(struct db_conn *c, const char *path, struct arena *a,
                              struct transfer_lost **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_DECISIONS, DB_ARGS(DB_TEXT(path)), read_decision,
                             sizeof(**out), a, out, n_out, err);
}

/* The member columns shared by the dated rows (id, org, name, org name). */
static void read_dated(struct db_stmt *st, struct arena *a, struct transfer_lost *l)
{
    l->member_id = db_col_int(st, 0);
    l->org_id = db_col_int(st, 1);
    l->name = db_col_dup(st, 2, a);
    l->org_name = db_col_dup(st, 3, a);
}

static void read_attended(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_lost *l = row;

    read_dated(st, a, l);
    l->last_attended = db_col_dup(st, 4, a);
}

static void read_flow_long(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_lost *l = row;

    read_dated(st, a, l);
    l->relation = "flow_long";
    l->relation_since = db_col_dup(st, 4, a);
}

int transfers_store_flow_attended(struct db_conn *c, const char *path, struct arena *a,
                                  struct transfer_lost **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_FLOW_ATTENDED, DB_ARGS(DB_TEXT(path)), read_attended,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_store_flows_long(struct db_conn *c, const char *path, const char *started_by,
                               struct arena *a, struct transfer_lost **out, int64_t *n_out,
                               struct err *err)
{
    return db_read_rows_args(c, &SQL_FLOWS_LONG, DB_ARGS(DB_TEXT(started_by), DB_TEXT(path)),
                             read_flow_long, sizeof(**out), a, out, n_out, err);
}

int transfers_store_contact_insert(struct db_conn *c, int64_t member_id, const char *tried_on,
                                   const char *method, bool reached, const char *note, int64_t by,
                                   int64_t at, int64_t *id_out, struct err *err)
{
    return db_run_id_args(c, &SQL_CONTACT_INSERT,
                          DB_ARGS(DB_TEXT(tried_on), DB_TEXT(method), DB_INT(reached ? 1 : 0),
                                  DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(at), DB_INT(member_id)),
                          id_out, err);
}

int transfers_store_decision_insert(struct db_conn *c, int64_t member_id, const char *decision,
                                    const char *decided_on, const char *body, const char *doc_no,
                                    const char *note, int64_t by, int64_t at, int64_t *id_out,
                                    struct err *err)
{
    return db_run_id_args(c, &SQL_DECISION_INSERT,
                          DB_ARGS(DB_TEXT(decision), DB_TEXT(decided_on), DB_TEXT(body),
                                  DB_OPT_TEXT(doc_no), DB_OPT_TEXT(note), DB_OPT_ID(by), DB_INT(at),
                                  DB_INT(member_id)),
                          id_out, err);
}
