/* members_store.c: SQL of the members area's writes and small reads: persons, members, tags,
 * member events, the service card and the settings look-up. Reading member records and the
 * paged search are members_read_store.c's. No transactions are begun here. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/seal.h"
#include "db/db.h"
#include "domain/members/members_int.h"

static const struct db_sql SQL_ORG = {
    .name = "members.org",
    .sql = "SELECT id, tenant_id, path, name, dissolved_on, type, parent_id FROM org WHERE id = ?",
};
static const struct db_sql SQL_GROUP_SET = {
    .name = "members.group_set",
    .sql = "INSERT INTO member_group (member_id, tenant_id, group_id, assigned_at, assigned_by) "
           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET group_id = "
           "excluded.group_id, assigned_at = excluded.assigned_at, assigned_by = "
           "excluded.assigned_by",
};
static const struct db_sql SQL_GROUP_CLEAR = {
    .name = "members.group_clear",
    .sql = "DELETE FROM member_group WHERE member_id = ?",
};
static const struct db_sql SQL_KEY_BY_ID_NUMBER = {
    .name = "members.key_by_id_number",
    .sql = "SELECT p.id, m.id, m.org_id, m.org_path, m.status, m.category FROM person p "
           "LEFT JOIN member m ON m.person_id = p.id WHERE p.id_hash = ?",
};
/* One insert of a person or a member binds these columns in this order (bind_person,
 * bind_member); the chunk statements repeat the row MEMBER_STORE_CHUNK times. ID and phone
 * numbers are written sealed, the ID number's blind index beside it (core/seal.h). */
#define PERSON_INSERT                                                                              \
    "INSERT INTO person (tenant_id, name, former_name, gender, ethnicity, birth_date, "            \
    "id_number, id_hash, phone, address, hukou, education, name_initials, created_at, "            \
    "updated_at) "                                                                                 \
    "VALUES "
#define PERSON_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define MEMBER_INSERT                                                                              \
    "INSERT INTO member (tenant_id, person_id, org_id, org_path, status, category, "               \
    "joined_on, full_member_on, work_unit, post, created_at, updated_at) VALUES "
#define MEMBER_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
static const struct db_sql SQL_PERSON_INSERT = {
    .name = "members.person_insert",
    .sql = PERSON_INSERT PERSON_ROW " RETURNING id",
};
/* COALESCE keeps a column when the input is absent (NULL); NULLIF turns "" into a clear. */
#define KEEP(col) col " = NULLIF(COALESCE(?, " col "), '')"
/* The columns of a person update, in bind order (member_store_person_update). */
#define PERSON_SET_NAME "name = COALESCE(?, name), " KEEP("former_name") ", "
#define PERSON_SET_BIRTH                                                                           \
    "gender = COALESCE(?, gender), " KEEP("ethnicity") ", " KEEP("birth_date") ", "
#define PERSON_SET_NUMBERS KEEP("id_number") ", " KEEP("id_hash") ", " KEEP("phone") ", "
#define PERSON_SET_REST    KEEP("address") ", " KEEP("hukou") ", " KEEP("education") ", "
static const struct db_sql SQL_PERSON_UPDATE = {
    .name = "members.person_update",
    .sql = "UPDATE person SET " PERSON_SET_NAME PERSON_SET_BIRTH PERSON_SET_NUMBERS PERSON_SET_REST
           "name_initials = COALESCE(?, name_initials), updated_at = ? WHERE id = ?",
};
/* The importer's chunks: MEMBER_STORE_CHUNK rows per statement, so the statement-level work
 * (a savepoint per statement, which makes the FTS5 index flush its pending terms, and the
 * RETURNING buffer) is paid once per chunk, not once per row. RETURNING names each row's
 * key so ids are matched by value, not by the order rows come back in. */
#define ROWS2(r)   r ", " r
#define ROWS4(r)   ROWS2(r) ", " ROWS2(r)
#define ROWS8(r)   ROWS4(r) ", " ROWS4(r)
#define ROWS16(r)  ROWS8(r) ", " ROWS8(r)
#define ROWS32(r)  ROWS16(r) ", " ROWS16(r)
#define ROWS64(r)  ROWS32(r) ", " ROWS32(r)
#define ROWS128(r) ROWS64(r) ", " ROWS64(r)
#define ROWS_CHUNK ROWS128
_Static_assert(MEMBER_STORE_CHUNK == 128, "ROWS_CHUNK repeats a row MEMBER_STORE_CHUNK times");
/* Tags and events: SMALL_CHUNK rows per statement (ROWS32), the rest one by one. */
#define SMALL_CHUNK 32
static const struct db_sql SQL_PERSON_INSERT_CHUNK = {
    .name = "members.person_insert_chunk",
    .sql = PERSON_INSERT ROWS_CHUNK(PERSON_ROW) " RETURNING id, id_hash",
};
static const struct db_sql SQL_MEMBER_INSERT_CHUNK = {
    .name = "members.member_insert_chunk",
    .sql = MEMBER_INSERT ROWS_CHUNK(MEMBER_ROW) " RETURNING id, person_id",
};
static const struct db_sql SQL_MEMBER_INSERT = {
    .name = "members.member_insert",
    .sql = MEMBER_INSERT MEMBER_ROW " RETURNING id",
};
static const struct db_sql SQL_MEMBER_UPDATE = {
    .name = "members.member_update",
    .sql =
        "UPDATE member SET org_id = COALESCE(?, org_id), org_path = COALESCE(?, org_path), "
        "status = COALESCE(?, status), category = COALESCE(?, category), " KEEP(
            "joined_on") ", " KEEP("full_member_on") ", " KEEP("work_unit") ", " KEEP("post") ", "
                                                                                              "upda"
                                                                                              "ted_"
                                                                                              "at "
                                                                                              "= ? "
                                                                                              "WHER"
                                                                                              "E "
                                                                                              "id "
                                                                                              "= ?",
};
static const struct db_sql SQL_PROBATION_EXTEND = {
    .name = "members.probation_extend",
    .sql = "UPDATE member SET probation_extended_to = ?, updated_at = ? "
           "WHERE id = ? AND status = 'probationary' RETURNING org_id",
};
static const struct db_sql SQL_TAGS_CLEAR = {
    .name = "members.tags_clear",
    .sql = "DELETE FROM member_tag WHERE member_id = ?",
};
static const struct db_sql SQL_TAG_INSERT = {
    .name = "members.tag_insert",
    .sql = "INSERT INTO member_tag (member_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
};
#define TAG_ROW "(?, ?)"
static const struct db_sql SQL_TAG_INSERT_CHUNK = {
    .name = "members.tag_insert_chunk",
    .sql =
        "INSERT INTO member_tag (member_id, tag) VALUES " ROWS32(TAG_ROW) " ON CONFLICT DO NOTHING",
};
#define EVENT_INSERT                                                                               \
    "INSERT INTO member_event (tenant_id, member_id, kind, effective_on, old_value, "              \
    "new_value, doc_no, note, created_by, created_at) VALUES "
#define EVENT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
static const struct db_sql SQL_EVENT_INSERT = {
    .name = "members.event_insert",
    .sql = EVENT_INSERT EVENT_ROW,
};
static const struct db_sql SQL_EVENT_INSERT_CHUNK = {
    .name = "members.event_insert_chunk",
    .sql = EVENT_INSERT ROWS32(EVENT_ROW),
};
static const struct db_sql SQL_EVENTS = {
    .name = "members.events",
    .sql = "SELECT id, kind, effective_on, old_value, new_value, doc_no, note, created_at "
           "FROM member_event WHERE member_id = ? ORDER BY effective_on DESC, id DESC",
};
static const struct db_sql SQL_CARD_GET = {
    .name = "members.card_get",
    .sql = "SELECT skills, pledge, households, service_time, updated_at FROM member_card "
           "WHERE member_id = ?",
};
static const struct db_sql SQL_CARD_PUT = {
    .name = "members.card_put",
    .sql = "INSERT INTO member_card (member_id, skills, pledge, households, service_time, "
           "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO "
           "UPDATE SET skills = excluded.skills, pledge = excluded.pledge, "
           "households = excluded.households, service_time = excluded.service_time, "
           "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
};
static const struct db_sql SQL_SETTING = {
    .name = "members.setting",
    .sql = "SELECT value FROM setting WHERE key = ?",
};

static void read_org(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_org *o = row;

    o->id = db_col_int(st, 0);
    o->tenant_id = db_col_int(st, 1);
    o->path = db_col_dup(st, 2, a);
    o->name = db_col_dup(st, 3, a);
    o->dissolved_on = db_col_dup(st, 4, a);
    o->type = db_col_dup(st, 5, a);
    o->parent_id = db_col_int(st, 6);
}

int member_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct member_org *out,
                     struct err *err)
{
    return db_read_by_id(c, &SQL_ORG, org_id, read_org, a, out, "/org_id", "党组织不存在", err);
}

static void read_key(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_key *k = row;

    k->person_id = db_col_int(st, 0);
    k->member_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    k->org_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    k->org_path = db_col_dup(st, 3, a);
    k->status = db_col_dup(st, 4, a);
    k->category = db_col_dup(st, 5, a);
}

int member_store_key_by_id_number(struct db_conn *c, const char *id_number, struct arena *a,
                                  struct member_key *out, struct err *err)
{
    char idx[SEAL_INDEX_CHARS + 1];

    return db_read_one_args(c, &SQL_KEY_BY_ID_NUMBER, DB_ARGS(DB_TEXT(seal_index(id_number, idx))),
                            read_key, a, out, "/id_number", "没有该身份证号的人员", err);
}

/* A person's ID and phone numbers as stored: sealed, and the ID number's blind index. */
struct sealed_person {
    const char *id_number, *id_hash, *phone;
    char idx[SEAL_INDEX_CHARS + 1];
};

static void seal_person(const struct member_in *m, struct arena *a, struct sealed_person *s)
{
    s->id_number = seal_text(m->id_number, a);
    s->id_hash = seal_index(m->id_number, s->idx);
    s->phone = seal_text(m->phone, a);
}
/* The PERSON_ROW and MEMBER_ROW binds of one row, from *k on. */
static void bind_person(struct db_stmt *st, int *k, const struct member_in *m,
                        const struct sealed_person *sp, int64_t tenant_id, const char *initials,
                        int64_t now)
{
    const char *const opt[] = { m->ethnicity, m->birth_date, sp->id_number, sp->id_hash, sp->phone,
                                m->address,   m->hukou,      m->education,  initials };

    db_bind_int(st, (*k)++, tenant_id);
    db_bind_text(st, (*k)++, m->name);
    db_bind_opt_text(st, (*k)++, m->former_name);
    db_bind_text(st, (*k)++, m->gender);
    db_bind_opt_texts(st, k, opt, ARRAY_LEN(opt));
    db_bind_int(st, (*k)++, now);
    db_bind_int(st, (*k)++, now);
}

static void bind_member(struct db_stmt *st, int *k, const struct member_in *m, int64_t tenant_id,
                        int64_t person_id, const char *org_path, int64_t now)
{
    const char *const text[] = { org_path, m->status, m->category };
    const char *const opt[] = { m->joined_on, m->full_member_on, m->work_unit, m->post };

    db_bind_int(st, (*k)++, tenant_id);
    db_bind_int(st, (*k)++, person_id);
    db_bind_int(st, (*k)++, m->org_id);
    db_bind_texts(st, k, text, ARRAY_LEN(text));
    db_bind_opt_texts(st, k, opt, ARRAY_LEN(opt));
    db_bind_int(st, (*k)++, now);
    db_bind_int(st, (*k)++, now);
}

int member_store_person_insert(struct db_conn *c, const struct member_in *m, int64_t tenant_id,
                               const char *initials, int64_t now, int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct sealed_person sp;
    struct arena a;
    int k = 1, rc = -1;

    arena_init(&a, 0);
    seal_person(m, &a, &sp);
    if (db_prepare(c, &SQL_PERSON_INSERT, &st, err) == 0) {
        bind_person(st, &k, m, &sp, tenant_id, initials, now);
        rc = db_run_id(&st, id_out, err);
    }
    arena_release(&a);
    return rc;
}

int member_store_person_update(struct db_conn *c, int64_t person_id, const struct member_in *m,
                               const char *initials, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;
    struct sealed_person sp;
    struct arena a;
    int k = 1, rc = -1;

    arena_init(&a, 0);
    seal_person(m, &a, &sp);
    const char *const text[] = { m->name,       m->former_name, m->gender,    m->ethnicity,
                                 m->birth_date, sp.id_number,   sp.id_hash,   sp.phone,
                                 m->address,    m->hukou,       m->education, initials };
    if (db_prepare(c, &SQL_PERSON_UPDATE, &st, err) == 0) {
        db_bind_texts(st, &k, text, ARRAY_LEN(text));
        db_bind_int(st, k++, now);
        db_bind_int(st, k++, person_id);
        rc = db_conflict_on(db_run(&st, err), "/id_number", NULL, err);
    }
    arena_release(&a);
    return rc;
}

int member_store_member_insert(struct db_conn *c, const struct member_in *m, int64_t tenant_id,
                               int64_t person_id, const char *org_path, int64_t now,
                               int64_t *id_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    if (db_prepare(c, &SQL_MEMBER_INSERT, &st, err) < 0)
        return -1;
    bind_member(st, &k, m, tenant_id, person_id, org_path, now);
    return db_run_id(&st, id_out, err);
}

int member_store_member_update(struct db_conn *c, int64_t member_id, const struct member_in *m,
                               const char *org_path, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_MEMBER_UPDATE,
                       DB_ARGS(DB_OPT_ID(m->org_id), DB_TEXT(org_path), DB_TEXT(m->status),
                               DB_TEXT(m->category), DB_TEXT(m->joined_on),
                               DB_TEXT(m->full_member_on), DB_TEXT(m->work_unit), DB_TEXT(m->post),
                               DB_INT(now), DB_INT(member_id)),
                       err);
}

int member_store_tags_set(struct db_conn *c, int64_t member_id, const char *tags, struct err *err)
{
    struct db_stmt *st = NULL;
    const char *p = tags;

    if (db_run_by_id(c, &SQL_TAGS_CLEAR, member_id, err) < 0)
        return -1;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0) {
            if (db_prepare(c, &SQL_TAG_INSERT, &st, err) < 0)
                return -1;
            db_bind_int(st, 1, member_id);
            db_bind_textn(st, 2, p, n);
            if (db_run(&st, err) < 0)
                return -1;
        }
        p = end ? end + 1 : p + n;
    }
    return 0;
}

/* Binds row i of a batch from *k on. */
typedef void (*bind_row_fn)(struct db_stmt *st, int *k, size_t i, const void *ctx);

/* Inserts n rows with bind: SMALL_CHUNK rows per run of many while that many are left, then
 * the rest one by one with one. */
static int insert_chunked(struct db_conn *c, const struct db_sql *one, const struct db_sql *many,
                          size_t n, bind_row_fn bind, const void *ctx, struct err *err)
{
    struct db_stmt *st = NULL;
    size_t i = 0;

    while (i < n) {
        bool chunk = n - i >= SMALL_CHUNK;
        int k = 1;
        if (db_prepare(c, chunk ? many : one, &st, err) < 0)
            return -1;
        for (size_t end = i + (chunk ? SMALL_CHUNK : 1); i < end; i++)
            bind(st, &k, i, ctx);
        if (db_run(&st, err) < 0)
            return -1;
    }
    return 0;
}

static void bind_tag(struct db_stmt *st, int *k, size_t i, const void *ctx)
{
    const struct member_tag_row *t = ctx;

    db_bind_int(st, (*k)++, t[i].member_id);
    db_bind_textn(st, (*k)++, t[i].tag, t[i].len);
}

int member_store_tags_insert_many(struct db_conn *c, const struct member_tag_row *t, size_t n,
                                  struct err *err)
{
    return insert_chunked(c, &SQL_TAG_INSERT, &SQL_TAG_INSERT_CHUNK, n, bind_tag, t, err);
}

/* The EVENT_ROW binds of a 'create' event, from *k on. */
/* The 'create' events of a batch: row i is member_ids[i] with statuses[i]. */
struct create_events {
    const int64_t *tenant_ids, *member_ids;
    const char *const *statuses;
    const char *effective_on;
    int64_t user_id, now;
};

/* The EVENT_ROW binds of row i's 'create' event, from *k on. */
static void bind_create_event(struct db_stmt *st, int *k, size_t i, const void *ctx)
{
    const struct create_events *e = ctx;

    db_bind_int(st, (*k)++, e->tenant_ids[i]);
    db_bind_int(st, (*k)++, e->member_ids[i]);
    db_bind_text(st, (*k)++, "create");
    db_bind_text(st, (*k)++, e->effective_on);
    db_bind_null(st, (*k)++);
    db_bind_text(st, (*k)++, e->statuses[i]);
    db_bind_null(st, (*k)++);
    db_bind_null(st, (*k)++);
    if (e->user_id)
        db_bind_int(st, (*k)++, e->user_id);
    else
        db_bind_null(st, (*k)++);
    db_bind_int(st, (*k)++, e->now);
}

int member_store_create_events(struct db_conn *c, const int64_t *tenant_ids,
                               const int64_t *member_ids, const char *const *statuses, size_t n,
                               const char *effective_on, int64_t user_id, int64_t now,
                               struct err *err)
{
    const struct create_events e = { tenant_ids, member_ids, statuses, effective_on, user_id, now };

    return insert_chunked(c, &SQL_EVENT_INSERT, &SQL_EVENT_INSERT_CHUNK, n, bind_create_event, &e,
                          err);
}

int member_store_event_insert(struct db_conn *c, int64_t tenant_id, int64_t member_id,
                              const char *kind, const char *effective_on, const char *old_value,
                              const char *new_value, const char *doc_no, const char *note,
                              int64_t user_id, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_EVENT_INSERT,
                       DB_ARGS(DB_INT(tenant_id), DB_INT(member_id), DB_TEXT(kind),
                               DB_TEXT(effective_on), DB_TEXT(old_value), DB_TEXT(new_value),
                               DB_OPT_TEXT(doc_no), DB_OPT_TEXT(note), DB_OPT_ID(user_id),
                               DB_INT(now)),
                       err);
}

static void read_card(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_card *card = row;

    card->skills = db_col_dup(st, 0, a);
    card->pledge = db_col_dup(st, 1, a);
    card->households = db_col_dup(st, 2, a);
    card->service_time = db_col_dup(st, 3, a);
    card->updated_at = db_col_int(st, 4);
}

int member_store_card_get(struct db_conn *c, int64_t member_id, struct arena *a,
                          struct member_card *out, struct err *err)
{
    bool found;

    if (db_read_opt_args(c, &SQL_CARD_GET, DB_ARGS(DB_INT(member_id)), read_card, a, out, &found,
                         err) < 0)
        return -1;
    if (!found) {
        out->skills = out->pledge = out->households = out->service_time = arena_strdup(a, "");
        out->updated_at = 0;
    }
    return 0;
}

int member_store_card_put(struct db_conn *c, int64_t member_id, const struct member_card *card,
                          int64_t user_id, int64_t now, struct err *err)
{
    return db_run_args(c, &SQL_CARD_PUT,
                       DB_ARGS(DB_INT(member_id), DB_TEXT(card->skills), DB_TEXT(card->pledge),
                               DB_TEXT(card->households), DB_TEXT(card->service_time), DB_INT(now),
                               DB_OPT_ID(user_id)),
                       err);
}

static void read_events(struct db_stmt *st, struct arena *a, void *row)
{
    struct member_event_view *r = row;

    r->id = db_col_int(st, 0);
    r->kind = db_col_dup(st, 1, a);
    r->effective_on = db_col_dup(st, 2, a);
    r->old_value = db_col_dup(st, 3, a);
    r->new_value = db_col_dup(st, 4, a);
    r->doc_no = db_col_dup(st, 5, a);
    r->note = db_col_dup(st, 6, a);
    r->created_at = db_col_int(st, 7);
}

int member_store_events(struct db_conn *c, int64_t member_id, struct arena *a,
                        struct member_event_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_EVENTS, DB_ARGS(DB_INT(member_id)), read_events, sizeof(**out),
                             a, out, n_out, err);
}

int member_store_setting(struct db_conn *c, const char *key, struct arena *a, const char **out,
                         struct err *err)
{
    *out = NULL;
    return db_read_opt_args(c, &SQL_SETTING, DB_ARGS(DB_TEXT(key)), db_read_text, a, out, NULL,
                            err);
}

int member_store_person_insert_chunk(struct db_conn *c, const struct member_in *const *m,
                                     const int64_t *tenant_ids, const char *const *initials,
                                     int64_t now, int64_t *ids_out, struct err *err)
{
    struct db_stmt *st = NULL;
    struct sealed_person sp[MEMBER_STORE_CHUNK];
    struct arena a;
    int rc, k = 1, got = 0;

    if (db_prepare(c, &SQL_PERSON_INSERT_CHUNK, &st, err) < 0)
        return -1;
    arena_init(&a, 0);
    for (int i = 0; i < MEMBER_STORE_CHUNK; i++) {
        ASSERT(m[i]->id_number && *m[i]->id_number);
        ids_out[i] = 0;
        seal_person(m[i], &a, &sp[i]);
        bind_person(st, &k, m[i], &sp[i], tenant_ids[i], initials[i], now);
    }
    /* Rows come back in the order they were given in practice; look there first. */
    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *idn = db_col_text(st, 1);
        for (int j = 0; idn && j < MEMBER_STORE_CHUNK; j++) {
            int i = (got + j) % MEMBER_STORE_CHUNK;
            if (!ids_out[i] && !strcmp(sp[i].id_hash, idn)) {
                ids_out[i] = db_col_int(st, 0);
                got++;
                break;
            }
        }
    }
    db_stmt_free(&st);
    arena_release(&a);
    if (rc < 0) {
        if (err->code == E_CONFLICT)
            err_refine(err, "/id_number", NULL);
        return -1;
    }
    if (got != MEMBER_STORE_CHUNK)
        return err_set(err, E_INTERNAL, "", "保存人员失败");
    return 0;
}

int member_store_member_insert_chunk(struct db_conn *c, const struct member_in *const *m,
                                     const int64_t *tenant_ids, const int64_t *person_ids,
                                     const char *const *org_paths, int64_t now, int64_t *ids_out,
                                     struct err *err)
{
    struct db_stmt *st = NULL;
    int rc, k = 1, got = 0;

    if (db_prepare(c, &SQL_MEMBER_INSERT_CHUNK, &st, err) < 0)
        return -1;
    for (int i = 0; i < MEMBER_STORE_CHUNK; i++) {
        ids_out[i] = 0;
        bind_member(st, &k, m[i], tenant_ids[i], person_ids[i], org_paths[i], now);
    }
    while ((rc = db_step(st, err)) == DB_ROW) {
        int64_t pid = db_col_int(st, 1);
        for (int j = 0; j < MEMBER_STORE_CHUNK; j++) {
            int i = (got + j) % MEMBER_STORE_CHUNK;
            if (!ids_out[i] && person_ids[i] == pid) {
                ids_out[i] = db_col_int(st, 0);
                got++;
                break;
            }
        }
    }
    db_stmt_free(&st);
    if (rc < 0)
        return -1;
    if (got != MEMBER_STORE_CHUNK)
        return err_set(err, E_INTERNAL, "", "保存党员失败");
    return 0;
}

int member_store_group_set(struct db_conn *c, int64_t member_id, int64_t tenant_id,
                           int64_t group_id, int64_t now, int64_t by, struct err *err)
{
    if (!group_id)
        return db_run_by_id(c, &SQL_GROUP_CLEAR, member_id, err);
    return db_run_args(
        c, &SQL_GROUP_SET,
        DB_ARGS(DB_INT(member_id), DB_INT(tenant_id), DB_INT(group_id), DB_INT(now), DB_OPT_ID(by)),
        err);
}

int member_store_probation_extend(struct db_conn *c, int64_t member_id, const char *until,
                                  int64_t now, int64_t *org_out, struct err *err)
{
    return db_read_one_args(c, &SQL_PROBATION_EXTEND,
                            DB_ARGS(DB_TEXT(until), DB_INT(now), DB_INT(member_id)), db_read_int,
                            NULL, org_out, "", "该党员不是预备党员，不能延长预备期", err);
}
