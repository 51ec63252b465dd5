/* orglife_copy_store.c: SQL of copy detection (migration 0014_orglife): a meeting's signature
 * and band keys, the candidates sharing a key, stored pairs and the pairs of a subtree. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/textsim.h"
#include "db/db.h"
#include "domain/orglife/orglife_int.h"

static const struct db_sql SQL_SIG_DELETE = {
    .name = "orglife.sig_delete",
    .sql = "DELETE FROM meeting_sig WHERE meeting_id = ?",
};
static const struct db_sql SQL_BANDS_DELETE = {
    .name = "orglife.bands_delete",
    .sql = "DELETE FROM meeting_band WHERE meeting_id = ?",
};
static const struct db_sql SQL_COPIES_DELETE = {
    .name = "orglife.copies_delete",
    .sql = "DELETE FROM meeting_copy WHERE meeting_id = ?",
};
static const struct db_sql SQL_COPIED_DELETE = {
    .name = "orglife.copied_delete",
    .sql = "DELETE FROM meeting_copy WHERE matches_meeting_id = ?",
};
static const struct db_sql SQL_SIG_INSERT = {
    .name = "orglife.sig_insert",
    .sql = "INSERT INTO meeting_sig (meeting_id, sig, computed_at) VALUES (?, ?, ?)",
};
static const struct db_sql SQL_BAND_INSERT = {
    .name = "orglife.band_insert",
    .sql = "INSERT INTO meeting_band (band_key, meeting_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
};
/* The meetings sharing a band key, the newest 64 of each key only: a template
 * pasted by thousands of branches shares every key with all of them, and reading them all
 * would make each save slower than the last. ?key, ?meeting per band; then ?max. */
#define KEY_ROWS                                                                                   \
    "SELECT meeting_id FROM (SELECT meeting_id FROM meeting_band WHERE band_key = ? AND "          \
    "meeting_id <> ? ORDER BY band_key DESC, meeting_id DESC LIMIT 64) AS k"
#define KEY_ROWS4 KEY_ROWS " UNION ALL " KEY_ROWS " UNION ALL " KEY_ROWS " UNION ALL " KEY_ROWS
#define KEY_ROWS32                                                                                 \
    KEY_ROWS4 " UNION ALL " KEY_ROWS4 " UNION ALL " KEY_ROWS4 " UNION ALL " KEY_ROWS4              \
              " UNION ALL " KEY_ROWS4 " UNION ALL " KEY_ROWS4 " UNION ALL " KEY_ROWS4              \
              " UNION ALL " KEY_ROWS4
static const struct db_sql SQL_CANDIDATES = {
    .name = "orglife.candidates",
    .sql = "SELECT meeting_id FROM (" KEY_ROWS32 ") AS c GROUP BY meeting_id "
           "ORDER BY COUNT(*) DESC, meeting_id DESC LIMIT ?",
};
static const struct db_sql SQL_MINUTES = {
    .name = "orglife.minutes",
    .sql = "SELECT minutes FROM meeting WHERE id = ?",
};
static const struct db_sql SQL_WITH_MINUTES = {
    .name = "orglife.with_minutes",
    .sql = "SELECT id FROM meeting WHERE minutes IS NOT NULL AND meets_on >= ? AND meets_on <= ? "
           "ORDER BY meets_on, id",
};
static const struct db_sql SQL_COPY_COUNT = {
    .name = "orglife.copy_count",
    .sql = "SELECT COUNT(*) FROM meeting_copy",
};
static const struct db_sql SQL_COPY_INSERT = {
    .name = "orglife.copy_insert",
    .sql = "INSERT INTO meeting_copy (meeting_id, matches_meeting_id, similarity_pm, "
           "containment_pm, "
           "passage_chars, a_start, a_end, b_start, b_end, found_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};
static const struct db_sql SQL_COPIES = {
    .name = "orglife.copies",
    .sql = "SELECT c.meeting_id, c.matches_meeting_id, o.name, m.topic, m.meets_on, m.type, "
           "o2.name, m2.topic, m2.meets_on, c.similarity_pm, c.containment_pm, c.passage_chars, "
           "c.a_start, c.a_end, "
           "m.minutes, m2.org_path FROM meeting_copy c JOIN meeting m ON m.id = c.meeting_id "
           "JOIN org o ON o.id = m.org_id JOIN meeting m2 ON m2.id = c.matches_meeting_id "
           "JOIN org o2 ON o2.id = m2.org_id WHERE m.org_path LIKE ? || '%' OR m2.org_path LIKE "
           "? || '%' ORDER BY m.meets_on DESC, c.meeting_id DESC LIMIT 500",
};

int orglife_store_sig_clear(struct db_conn *c, int64_t meeting_id, struct err *err)
{
    return db_run_by_id(c, &SQL_SIG_DELETE, meeting_id, err) < 0 ||
                   db_run_by_id(c, &SQL_BANDS_DELETE, meeting_id, err) < 0 ||
                   db_run_by_id(c, &SQL_COPIES_DELETE, meeting_id, err) < 0 ||
                   db_run_by_id(c, &SQL_COPIED_DELETE, meeting_id, err) < 0
               ? -1
               : 0;
}

int orglife_store_sig_put(struct db_conn *c, int64_t meeting_id, const uint8_t *sig, size_t len,
                          const uint64_t *bands, size_t nbands, int64_t now, struct err *err)
{
    struct db_stmt *st = NULL;

    if (db_prepare(c, &SQL_SIG_INSERT, &st, err) < 0)
        return -1;
    db_bind_int(st, 1, meeting_id);
    db_bind_blob(st, 2, sig, len);
    db_bind_int(st, 3, now);
    if (db_run(&st, err) < 0)
        return -1;
    for (size_t i = 0; i < nbands; i++)
        if (db_run_args(c, &SQL_BAND_INSERT, DB_ARGS(DB_INT((int64_t)bands[i]), DB_INT(meeting_id)),
                        err) < 0)
            return -1;
    return 0;
}

int orglife_store_candidates(struct db_conn *c, int64_t meeting_id, const uint64_t *bands,
                             size_t nbands, int64_t max, struct arena *a, int64_t **out,
                             int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;
    int k = 1;

    ASSERT(nbands == TEXTSIM_BANDS);
    if (db_prepare(c, &SQL_CANDIDATES, &st, err) < 0)
        return -1;
    for (size_t i = 0; i < nbands; i++) {
        db_bind_int(st, k++, (int64_t)bands[i]);
        db_bind_int(st, k++, meeting_id);
    }
    db_bind_int(st, k++, max);
    return db_read_rows(&st, db_read_int, sizeof(**out), a, out, n_out, err);
}

int orglife_store_minutes(struct db_conn *c, int64_t meeting_id, struct arena *a, const char **out,
                          struct err *err)
{
    *out = NULL;
    return db_read_by_id(c, &SQL_MINUTES, meeting_id, db_read_text, a, out, "", "会议不存在", err);
}

int orglife_store_copy_put(struct db_conn *c, const struct orglife_copy_row *r, int64_t now,
                           struct err *err)
{
    return db_run_args(c, &SQL_COPY_INSERT,
                       DB_ARGS(DB_INT(r->meeting_id), DB_INT(r->matches_meeting_id),
                               DB_INT((int64_t)(r->similarity * 1000 + 0.5)),
                               DB_INT((int64_t)(r->containment * 1000 + 0.5)),
                               DB_INT(r->passage_chars), DB_INT(r->a_start), DB_INT(r->a_end),
                               DB_INT(r->b_start), DB_INT(r->b_end), DB_INT(now)),
                       err);
}

static void read_copy(struct db_stmt *st, struct arena *a, void *row)
{
    struct orglife_copy_view *v = row;

    v->s.meeting_id = db_col_int(st, 0);
    v->s.matches_meeting_id = db_col_int(st, 1);
    v->s.org_name = db_col_dup(st, 2, a);
    v->s.topic = db_col_dup(st, 3, a);
    v->s.meets_on = db_col_dup(st, 4, a);
    v->s.type = db_col_dup(st, 5, a);
    v->s.matches_org_name = db_col_dup(st, 6, a);
    v->s.matches_topic = db_col_dup(st, 7, a);
    v->s.matches_meets_on = db_col_dup(st, 8, a);
    v->s.similarity = (double)db_col_int(st, 9) / 1000;
    v->s.containment = (double)db_col_int(st, 10) / 1000;
    v->s.passage_chars = db_col_int(st, 11);
    v->a_start = db_col_int(st, 12);
    v->a_end = db_col_int(st, 13);
    v->minutes = db_col_dup(st, 14, a);
    v->matches_path = db_col_dup(st, 15, a);
}

int orglife_store_copies(struct db_conn *c, const char *path, struct arena *a,
                         struct orglife_copy_view **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_COPIES, DB_ARGS(DB_TEXT(path), DB_TEXT(path)), read_copy,
                             sizeof(**out), a, out, n_out, err);
}

int orglife_store_with_minutes(struct db_conn *c, const char *from, const char *to, struct arena *a,
                               int64_t **out, int64_t *n_out, struct err *err)
{
    return db_read_rows_args(c, &SQL_WITH_MINUTES, DB_ARGS(DB_TEXT(from), DB_TEXT(to)), db_read_int,
                             sizeof(**out), a, out, n_out, err);
}

int orglife_store_copy_count(struct db_conn *c, int64_t *n_out, struct err *err)
{
    struct db_stmt *st = NULL;

    *n_out = 0;
    if (db_prepare(c, &SQL_COPY_COUNT, &st, err) < 0)
        return -1;
    return db_read_one(&st, db_read_int, NULL, n_out, "", "", err);
}
