/* transfers_flow_store.c: the SQL of 流动党员 (registration cards, activity certificates,
 * meetings at the destination, return), as named statements, and the mapping of rows to
 * structs in the caller's arena. It checks no rule (transfers_flow.c does) and begins no
 * transaction. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/transfers/transfers_int.h"

/* org_id 0 ("out"): the registering org is the member's own. */
static const struct db_sql SQL_INSERT = {
    .name = "transfers.flow_insert",
    .sql = "INSERT INTO xfer_flow (tenant_id, member_id, direction, org_id, org_path, home_org_id, "
           "home_path, dest_org_id, dest_org_name, place, reason, contact, starts_on, ends_on, "
           "card_no, card_valid_until, findings, created_by, created_at) SELECT m.tenant_id, "
           "m.id, ?, o.id, o.path, m.org_id, m.org_path, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
           "FROM member m JOIN org o ON o.id = COALESCE(?, m.org_id) WHERE m.id = ? RETURNING id",
};
static const struct db_sql SQL_OPEN_OF = {
    .name = "transfers.flow_open_of",
    .sql = "SELECT id FROM xfer_flow WHERE member_id = ? AND returned_on IS NULL LIMIT 1",
};
#define FLOW_COLS                                                                                  \
    "f.id, f.member_id, f.org_id, f.home_org_id, COALESCE(f.dest_org_id, 0), "                     \
    "(SELECT COUNT(*) FROM xfer_flow_meeting x WHERE x.flow_id = f.id), f.direction, p.name, "     \
    "o.name, f.org_path, h.name, f.home_path, COALESCE(d.name, f.dest_org_name), f.place, "        \
    "f.reason, f.contact, f.starts_on, f.ends_on, f.card_no, f.card_valid_until, f.returned_on, "  \
    "f.findings, CASE WHEN f.returned_on IS NULL AND f.card_valid_until < ? THEN 1 ELSE 0 END"
#define FLOW_FROM                                                                                  \
    " FROM xfer_flow f JOIN member m ON m.id = f.member_id JOIN person p ON p.id = m.person_id "   \
    "JOIN org o ON o.id = f.org_id JOIN org h ON h.id = f.home_org_id "                            \
    "LEFT JOIN org d ON d.id = f.dest_org_id "
static const struct db_sql SQL_GET = {
    .name = "transfers.flow_get",
    .sql = "SELECT " FLOW_COLS FLOW_FROM "WHERE f.id = ?",
};
static const struct db_sql SQL_LIST = {
    .name = "transfers.flows",
    .sql = "SELECT " FLOW_COLS FLOW_FROM "WHERE f.org_path LIKE ? || '%' OR f.home_path LIKE ? "
           "|| '%' ORDER BY CASE WHEN f.returned_on IS NULL THEN 0 ELSE 1 END, f.starts_on DESC, "
           "f.id DESC LIMIT 500",
};
static const struct db_sql SQL_MEETINGS = {
    .name = "transfers.flow_meetings",
    .sql = "SELECT id, flow_id, met_on, topic, dest_org_name, note FROM xfer_flow_meeting "
           "WHERE flow_id = ? ORDER BY met_on, id",
};
static const struct db_sql SQL_MEETING_INSERT = {
    .name = "transfers.flow_meeting_insert",
    .sql = "INSERT INTO xfer_flow_meeting (flow_id, met_on, topic, dest_org_name, note, "
           "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_RETURN = {
    .name = "transfers.flow_return",
    .sql = "UPDATE xfer_flow SET returned_on = ? WHERE id = ? AND returned_on IS NULL "
           "RETURNING id",
};

static const struct db_sql SQL_RECORDS = {
    .name = "transfers.flow_records",
    .sql = "SELECT x.flow_id, f.direction, x.met_on, x.topic, COALESCE(x.dest_org_name, o.name), "
           "x.note FROM xfer_flow_meeting x JOIN xfer_flow f ON f.id = x.flow_id "
           "JOIN org o ON o.id = f.org_id WHERE f.member_id = ? AND x.met_on >= ? "
           "AND x.met_on <= ? ORDER BY x.met_on, x.id",
};

static void read_record(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_flow_record *r = row;

    r->flow_id = db_col_int(st, 0);
    r->direction = db_col_dup(st, 1, a);
    r->met_on = db_col_dup(st, 2, a);
    r->topic = db_col_dup(st, 3, a);
    r->dest_org_name = db_col_dup(st, 4, a);
    r->note = db_col_dup(st, 5, a);
}

int transfers_store_flow_records(struct db_conn *c, int64_t member_id, const char *from,
                                 const char *to, struct arena *a, struct transfer_flow_record **out,
                                 int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_RECORDS,
                             DB_ARGS(DB_INT(member_id), DB_TEXT(from), DB_TEXT(to)), read_record,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_store_flow_insert(struct db_conn *c, const struct transfer_flow_row *r,
                                int64_t *id_out, struct err *err)
{
    struct arena a;
    arena_init(&a, 0);
    /* The contact (a phone, mostly) is sealed at rest (core/seal.h). */
    int rc = db_run_id_args(
        c, &SQL_INSERT,
        DB_ARGS(DB_TEXT(r->direction), DB_OPT_ID(r->dest_org_id), DB_OPT_TEXT(r->dest_org_name),
                DB_TEXT(r->place), DB_TEXT(r->reason), DB_OPT_TEXT(seal_text(r->contact, &a)),
                DB_TEXT(r->starts_on), DB_OPT_TEXT(r->ends_on), DB_OPT_TEXT(r->card_no),
                DB_OPT_TEXT(r->card_valid_until), DB_TEXT(r->findings), DB_OPT_ID(r->created_by),
                DB_INT(r->created_at), DB_OPT_ID(r->org_id), DB_INT(r->member_id)),
        id_out, err);
    arena_release(&a);
    return rc;
}

int transfers_store_flow_open_of(struct db_conn *c, int64_t member_id, int64_t *id_out,
                                 struct err *err)
{
    *id_out = 0;
    return db_read_opt_args(c, &SQL_OPEN_OF, DB_ARGS(DB_INT(member_id)), db_read_int, NULL, id_out,
                            NULL, err);
}

static void read_flow(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_flow_view *v = row;

    v->id = db_col_int(st, 0);
    v->member_id = db_col_int(st, 1);
    v->org_id = db_col_int(st, 2);
    v->home_org_id = db_col_int(st, 3);
    v->dest_org_id = db_col_int(st, 4);
    v->meetings = db_col_int(st, 5);
    v->direction = db_col_dup(st, 6, a);
    v->name = db_col_dup(st, 7, a);
    v->org_name = db_col_dup(st, 8, a);
    v->org_path = db_col_dup(st, 9, a);
    v->home_org_name = db_col_dup(st, 10, a);
    v->home_path = db_col_dup(st, 11, a);
    v->dest_org_name = db_col_dup(st, 12, a);
    v->place = db_col_dup(st, 13, a);
    v->reason = db_col_dup(st, 14, a);
    v->contact = db_col_unseal(st, 15, a);
    v->starts_on = db_col_dup(st, 16, a);
    v->ends_on = db_col_dup(st, 17, a);
    v->card_no = db_col_dup(st, 18, a);
    v->card_valid_until = db_col_dup(st, 19, a);
    v->returned_on = db_col_dup(st, 20, a);
    v->findings = db_col_dup(st, 21, a);
    v->card_expired = db_col_int(st, 22) != 0;
}

int transfers_store_flow_get(struct db_conn *c, int64_t id, const char *today, struct arena *a,
                             struct transfer_flow_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_TEXT(today), DB_INT(id)), read_flow, a, out, "",
                            "流动党员登记不存在", err);
}

int transfers_store_flows(struct db_conn *c, const char *path, const char *today, struct arena *a,
                          struct transfer_flow_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_LIST, DB_ARGS(DB_TEXT(today), DB_TEXT(path), DB_TEXT(path)),
                             read_flow, sizeof(**out), a, out, n_out, err);
}

static void read_meeting(struct db_stmt *st, struct arena *a, void *row)
{
    struct transfer_flow_meeting *m = row;

    m->id = db_col_int(st, 0);
    m->flow_id = db_col_int(st, 1);
    m->met_on = db_col_dup(st, 2, a);
    m->topic = db_col_dup(st, 3, a);
    m->dest_org_name = db_col_dup(st, 4, a);
    m->note = db_col_dup(st, 5, a);
}

int transfers_store_flow_meetings(struct db_conn *c, int64_t flow_id, struct arena *a,
                                  struct transfer_flow_meeting **out, int64_t *n_out,
                                  struct err *err)
{
    return db_read_rows_args(c, &SQL_MEETINGS, DB_ARGS(DB_INT(flow_id)), read_meeting,
                             sizeof(**out), a, out, n_out, err);
}

int transfers_store_flow_meeting_insert(struct db_conn *c, int64_t flow_id, const char *met_on,
                                        const char *topic, const char *dest_org_name,
                                        const char *note, int64_t by, int64_t at, int64_t *id_out,
                                        struct err *err)
{
    return db_run_id_args(c, &SQL_MEETING_INSERT,
                          DB_ARGS(DB_INT(flow_id), DB_TEXT(met_on), DB_TEXT(topic),
                                  DB_OPT_TEXT(dest_org_name), DB_OPT_TEXT(note), DB_OPT_ID(by),
                                  DB_INT(at)),
                          id_out, err);
}

int transfers_store_flow_return(struct db_conn *c, int64_t id, const char *returned_on,
                                struct err *err)
{
    int64_t got = 0;

    if (db_read_opt_args(c, &SQL_RETURN, DB_ARGS(DB_TEXT(returned_on), DB_INT(id)), db_read_int,
                         NULL, &got, NULL, err) < 0)
        return -1;
    if (!got)
        return err_set(err, E_CONFLICT, "/returned_on", "该流动党员已登记返回，不能重复登记");
    return 0;
}
