/* orglife_store.c: SQL of meetings and their agenda (migration 0014_orglife): insert, update,
 * read one with its agenda, and a page of a subtree's meetings. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

static const struct db_sql SQL_ORG = {
    .name = "orglife.org",
    .sql =
        "SELECT id, tenant_id, path, name, type, founded_on, dissolved_on, COALESCE(parent_id, 0) "
        "FROM org WHERE id = ?",
};

/* The attendance row of the person the first parameter names (0: none), for my_status. */
#define MY_JOIN "LEFT JOIN meeting_attendance my ON my.meeting_id = m.id AND my.person_id = ? "
#define MEETING_COLS                                                                               \
    "m.id, m.org_id, o.name, m.org_path, m.type, m.custom_type, m.topic, m.meets_on, "             \
    "m.starts_at, m.ends_at, m.place, m.online, m.host_person_id, h.name, "                        \
    "m.recorder_person_id, r.name, m.status, m.guests, m.minutes, m.decisions, m.expected_n, "     \
    "m.present_n, m.leave_n, m.absent_n, m.delivered_n, m.created_at, m.updated_at, my.status "    \
    "FROM meeting m JOIN org o ON o.id = m.org_id LEFT JOIN person h ON h.id = m.host_person_id "  \
    "LEFT JOIN person r ON r.id = m.recorder_person_id " MY_JOIN

static const struct db_sql SQL_GET = {
    .name = "orglife.meeting_get",
    .sql = "SELECT " MEETING_COLS "WHERE m.id = ?",
};
static const struct db_sql SQL_AGENDA = {
    .name = "orglife.agenda",
    .sql = "SELECT title, minutes FROM meeting_agenda WHERE meeting_id = ? ORDER BY pos",
};
static const struct db_sql SQL_AGENDA_DELETE = {
    .name = "orglife.agenda_delete",
    .sql = "DELETE FROM meeting_agenda WHERE meeting_id = ?",
};
static const struct db_sql SQL_AGENDA_INSERT = {
    .name = "orglife.agenda_insert",
    .sql = "INSERT INTO meeting_agenda (meeting_id, pos, title, minutes) VALUES (?, ?, ?, ?)",
};
static const struct db_sql SQL_INSERT = {
    .name = "orglife.meeting_insert",
    .sql = "INSERT INTO meeting (tenant_id, org_id, org_path, type, custom_type, topic, meets_on, "
           "starts_at, ends_at, place, online, host_person_id, recorder_person_id, status, "
           "guests, minutes, decisions, created_by, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
};
static const struct db_sql SQL_UPDATE = {
    .name = "orglife.meeting_update",
    .sql = "UPDATE meeting SET type = ?, custom_type = ?, topic = ?, meets_on = ?, starts_at = ?, "
           "ends_at = ?, place = ?, online = ?, host_person_id = ?, recorder_person_id = ?, "
           "status = ?, guests = ?, minutes = ?, decisions = ?, updated_at = ? WHERE id = ?",
};
/* A page of the subtree's meetings, newest first; the person of MY_JOIN (0: anyone) narrows
 * to the meetings they were expected at or recorded in. T and I are the casts PostgreSQL needs
 * on a parameter that may be NULL (text) or 0 (bigint); empty for SQLite. Parameters: the
 * person, the path, each filter twice, the person again. */
#define PAGE_WHERE(T, I)                                                                           \
    "WHERE m.org_path LIKE ? || '%' AND (?" T " IS NULL OR m.meets_on >= ?) "                      \
    "AND (?" T " IS NULL OR m.meets_on <= ?) AND (?" T " IS NULL OR m.type = ?) "                  \
    "AND (?" T " IS NULL OR m.status = ?) AND (?" I " = 0 OR my.person_id IS NOT NULL) "
static const struct db_sql SQL_PAGE = {
    .name = "orglife.meeting_page",
    .sql = "SELECT " MEETING_COLS PAGE_WHERE("", "") "ORDER BY m.starts_at DESC, m.id DESC "
                                                     "LIMIT ? OFFSET ?",
    .pg = "SELECT " MEETING_COLS PAGE_WHERE("::text", "::bigint") "ORDER BY m.starts_at DESC, "
                                                                  "m.id DESC LIMIT ? OFFSET ?",
};
static const struct db_sql SQL_COUNT = {
    .name = "orglife.meeting_count",
    .sql = "SELECT COUNT(*) FROM meeting m " MY_JOIN PAGE_WHERE("", ""),
    .pg = "SELECT COUNT(*) FROM meeting m " MY_JOIN PAGE_WHERE("::text", "::bigint"),
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_org *o = row;

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->path = db_col_dup(st, 2, a);
    o->name = db_col_dup(st, 3, a);
    o->type = db_col_dup(st, 4, a);
    o->founded_on = db_col_dup(st, 5, a);
    o->dissolved_on = db_col_dup(st, 6, a);
    o->parent_id = db_col_int(st, 7);
}

int orglife_store_org(struct db_conn *c, int64_t id, struct arena *a, struct orglife_org *out,
                      struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, id, read_org, a, out, "/org_id", "党组织不存在", err);
}

static void read_meeting(struct db_stmt *st, struct arena *a, void *row)
{
    struct meeting_view *v = row;
    char **text[] = { &v->org_name, &v->org_path,  &v->type,    &v->custom_type, &v->topic,
                      &v->meets_on, &v->starts_at, &v->ends_at, &v->place };

    v->id = db_col_int(st, 0);
    v->org_id = db_col_int(st, 1);
    for (size_t i = 0; i < ARRAY_LEN(text); i++)
        *text[i] = db_col_dup(st, 2 + (int)i, a);
    v->online = db_col_int(st, 11) != 0;
    v->host_person_id = db_col_int(st, 12);
    v->host_name = db_col_dup(st, 13, a);
    v->recorder_person_id = db_col_int(st, 14);
    v->recorder_name = db_col_dup(st, 15, a);
    v->status = db_col_dup(st, 16, a);
    v->guests = db_col_dup(st, 17, a);
    v->minutes = db_col_dup(st, 18, a);
    v->decisions = db_col_dup(st, 19, a);
    v->expected_n = db_col_int(st, 20);
    v->present_n = db_col_int(st, 21);
    v->leave_n = db_col_int(st, 22);
    v->absent_n = db_col_int(st, 23);
    v->delivered_n = db_col_int(st, 24);
    v->created_at = db_col_int(st, 25);
    v->updated_at = db_col_int(st, 26);
    v->my_status = db_col_dup(st, 27, a);
}

static void read_agenda(struct db_stmt *st, struct arena *a, void *row)
{
    struct meeting_agenda_item *it = row;

    it->title = db_col_dup(st, 0, a);
    it->minutes = db_col_dup(st, 1, a);
}

int orglife_store_meeting_get(struct db_conn *c, int64_t id, struct arena *a,
                              struct meeting_view *out, struct err *err)
{
    return db_read_one_args(c, &SQL_GET, DB_ARGS(DB_INT(0), DB_INT(id)), read_meeting, a, out, "",
                            "会议不存在", err) < 0
               ? -1
               : db_read_rows_args(c, &SQL_AGENDA, DB_ARGS(DB_INT(id)), read_agenda,
                                   sizeof(*out->agenda), a, &out->agenda, &out->nagenda, err);
}

/* Binds the meeting's fields from type to decisions in the order SQL_INSERT and SQL_UPDATE
 * share, from *k on. */
static void bind_fields(struct db_stmt *st, int *k, const struct meeting_in *in,
                        const char *meets_on)
{
    const char *const head[] = { in->type,      in->custom_type, in->topic, meets_on,
                                 in->starts_at, in->ends_at,     in->place };
    const char *const tail[] = { in->status, in->guests, in->minutes, in->decisions };

    db_bind_opt_texts(st, k, head, ARRAY_LEN(head));
    db_bind_int(st, (*k)++, in->online);
    db_bind_opt_id(st, (*k)++, in->host_person_id);
    db_bind_opt_id(st, (*k)++, in->recorder_person_id);
    db_bind_opt_texts(st, k, tail, ARRAY_LEN(tail));
}

int orglife_store_meeting_insert(struct db_conn *c, const struct orglife_org *org,
                                 const struct meeting_in *in, const char *meets_on, int64_t user_id,
                                 int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, k++, org->tenant_id);
    db_bind_int(st, k++, org->id);
    db_bind_text(st, k++, org->path);
    bind_fields(st, &k, in, meets_on);
    db_bind_opt_id(st, k++, user_id);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, now);
    return db_run_id(&st, id_out, err);
}

int orglife_store_meeting_update(struct db_conn *c, int64_t id, const struct meeting_in *in,
                                 const char *meets_on, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_UPDATE, &st, err) < 0)
        return -1;
    bind_fields(st, &k, in, meets_on);
    db_bind_int(st, k++, now);
    db_bind_int(st, k++, id);
    return db_run(&st, err);
}

int orglife_store_agenda_replace(struct db_conn *c, int64_t id,
                                 const struct meeting_agenda_item *ag, int64_t n, struct err *err)
{
    if (db_run_by_id(c, &SQL_AGENDA_DELETE, id, err) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (db_run_args(c, &SQL_AGENDA_INSERT,
                        DB_ARGS(DB_INT(id), DB_INT(i + 1), DB_TEXT(ag[i].title),
                                DB_OPT_TEXT(ag[i].minutes)),
                        err) < 0)
            return -1;
    return 0;
}

/* The page filter's parameters, the same for the count and the listing. */
static void bind_page_filter(struct db_stmt *st, int *k, const void *arg)
{
    const struct meeting_query *q = arg;
    const char *const pairs[] = { q->from, q->to, q->type, q->status };

    db_bind_int(st, (*k)++, q->person_id);
    db_bind_text(st, (*k)++, q->org_path);
    for (size_t i = 0; i < ARRAY_LEN(pairs); i++) {
        db_bind_text(st, (*k)++, pairs[i]);
        db_bind_text(st, (*k)++, pairs[i]);
    }
    db_bind_int(st, (*k)++, q->person_id);
}

static const struct db_list PAGE = { &SQL_COUNT, &SQL_PAGE, read_meeting,
                                     sizeof(struct meeting_view) };

int orglife_store_meeting_page(struct db_conn *c, const struct meeting_query *q, struct arena *a,
                               struct meeting_view **out, int64_t *n_out, int64_t *total_out,
                               struct err *err)
{
    struct db_page p = { q->page, q->size, bind_page_filter, q };

    return db_read_page(c, &PAGE, &p, a, out, n_out, total_out, err);
}
