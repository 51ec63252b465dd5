/* orglife_copy.c: 照搬照抄 detection for meeting minutes. When minutes are saved, their MinHash
 * signature and LSH band keys (core/textsim.h) are stored, the meetings sharing a band key are
 * compared exactly, and near-identical pairs are kept with the passage they share; the
 * reviewing level lists them. The thresholds are settings (orglife.copy_*). A record on the
 * same topic in its own words shares only set phrases and is not flagged. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/textsim.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/orglife/orglife_int.h"

#define CANDIDATES_MAX 20
#define PASSAGE_SHOWN  600  /* bytes of the shared passage shown */
#define COPY_BATCH     2000 /* meetings a transaction when rechecking */
/* Stricter than TEXTSIM_COPY_CONTAINMENT: short honest records on one topic share its title
 * and set phrases, which reach 0.6-0.7 of a 150-character record (measured on the demo). */
#define COPY_CONTAINMENT 0.8

void orglife_copy_rule_of(const struct cfg *cfg, struct orglife_copy_rule *out)
{
    out->jaccard = cfg ? (double)cfg->orglife_copy_jaccard_pct / 100 : TEXTSIM_COPY_JACCARD;
    out->containment = cfg ? (double)cfg->orglife_copy_containment_pct / 100 : COPY_CONTAINMENT;
    out->passage_chars = cfg ? (size_t)cfg->orglife_copy_passage_chars : TEXTSIM_COPY_PASSAGE;
}

static int doc_of(const char *text, struct arena *a, struct textsim_doc *doc, struct err *err)
{
    return textsim_doc_build(text, strlen(text), NULL, a, doc, err);
}

/* Compares the saved minutes with one candidate; stores the pair when it is a copy. */
static int compare_one(struct db_conn *c, int64_t id, const struct textsim_doc *mine, int64_t other,
                       const struct orglife_copy_rule *rule, struct arena *a, struct err *err)
{
    struct orglife_copy_row row = { .meeting_id = id, .matches_meeting_id = other };
    struct textsim_passage p = { 0 };
    struct textsim_score score;
    struct textsim_doc theirs;
    const char *text;

    if (orglife_store_minutes(c, other, a, &text, err) < 0)
        return -1;
    if (!text || doc_of(text, a, &theirs, err) < 0) {
        err_clear(err);
        return 0;
    }
    textsim_compare(mine, &theirs, &score);
    textsim_passages(mine, &theirs, 0, a, &p, 1);
    if (score.jaccard < rule->jaccard && score.containment < rule->containment &&
        p.chars < rule->passage_chars)
        return 0;
    row.similarity = score.jaccard;
    row.containment = score.containment;
    row.passage_chars = (int64_t)p.chars;
    row.a_start = (int64_t)p.a_start;
    row.a_end = (int64_t)p.a_end;
    row.b_start = (int64_t)p.b_start;
    row.b_end = (int64_t)p.b_end;
    return orglife_store_copy_put(c, &row, clock_now(), err);
}

int orglife_copy_check(struct db_conn *c, int64_t meeting_id, const char *minutes,
                       const struct orglife_copy_rule *rule, struct arena *a, struct err *err)
{
    uint8_t blob[TEXTSIM_SIG_BYTES];
    uint64_t bands[TEXTSIM_BANDS];
    struct textsim_doc doc;
    struct textsim_sig sig;
    int64_t *cand, ncand;
    size_t nbands;

    if (orglife_store_sig_clear(c, meeting_id, err) < 0)
        return -1;
    if (!minutes || !*minutes)
        return 0;
    if (doc_of(minutes, a, &doc, err) < 0)
        return -1;
    textsim_sig_compute(&doc, &sig);
    nbands = textsim_sig_bands(&sig, bands);
    if (!nbands)
        return 0;
    textsim_sig_encode(&sig, blob);
    if (orglife_store_sig_put(c, meeting_id, blob, sizeof(blob), bands, nbands, clock_now(), err) <
            0 ||
        orglife_store_candidates(c, meeting_id, bands, nbands, CANDIDATES_MAX, a, &cand, &ncand,
                                 err) < 0)
        return -1;
    for (int64_t i = 0; i < ncand; i++)
        if (compare_one(c, meeting_id, &doc, cand[i], rule, a, err) < 0)
            return -1;
    return 0;
}

int orglife_copy_check_ids(struct db_conn *c, const int64_t *ids, int64_t n,
                           const struct orglife_copy_rule *rule, struct err *err)
{
    for (int64_t i = 0; i < n; i++) {
        struct arena one;
        const char *minutes;
        int bad;

        arena_init(&one, 1 << 16);
        bad = orglife_store_minutes(c, ids[i], &one, &minutes, err) < 0 ||
              orglife_copy_check(c, ids[i], minutes, rule, &one, err) < 0;
        arena_release(&one);
        if (bad)
            return -1;
    }
    return 0;
}

/* One transaction of the recheck: ids[0..n). */
static int recheck_batch(struct app *app, const int64_t *ids, int64_t n,
                         const struct orglife_copy_rule *rule, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        orglife_copy_check_ids(c, ids, n, rule, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int orglife_copy_recheck(struct app *app, const char *from, const char *to,
                         void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
                         int64_t *checked_out, int64_t *pairs_out, struct err *err)
{
    struct orglife_copy_rule rule;
    struct db_conn *c = NULL;
    int64_t *ids, n = 0;
    struct arena a;
    int rc = -1;

    *checked_out = *pairs_out = 0;
    orglife_copy_rule_of(app->cfg, &rule);
    arena_init(&a, 1 << 20);
    if (db_acquire(app->db, &c, err) < 0)
        goto out;
    rc = orglife_store_with_minutes(c, from, to, &a, &ids, &n, err);
    db_release(app->db, &c);
    if (rc < 0)
        goto out;
    rc = -1;
    if (progress)
        progress(0, n, arg);
    for (int64_t i = 0; i < n; i += COPY_BATCH) {
        int64_t k = n - i < COPY_BATCH ? n - i : COPY_BATCH;

        if (recheck_batch(app, ids + i, k, &rule, err) < 0)
            goto out;
        *checked_out = i + k;
        if (progress)
            progress(i + k, n, arg);
    }
    if (db_acquire(app->db, &c, err) < 0)
        goto out;
    rc = orglife_store_copy_count(c, pairs_out, err);
    db_release(app->db, &c);
out:
    arena_release(&a);
    return rc;
}

/* At most PASSAGE_SHOWN bytes of text[start, end), cut on a character boundary. */
static const char *passage_of(const char *text, int64_t start, int64_t end, struct arena *a)
{
    size_t len = text ? strlen(text) : 0;
    size_t s = (size_t)start, e = (size_t)end;

    if (!text || start < 0 || s >= e || e > len)
        return NULL;
    if (e - s > PASSAGE_SHOWN) {
        e = s + PASSAGE_SHOWN;
        while (e > s && ((unsigned char)text[e] & 0xC0) == 0x80)
            e--;
    }
    return arena_strndup(a, text + s, e - s);
}

int orglife_copy_suspects(struct app *app, const char *org_path, struct arena *a,
                          struct orglife_copy_suspect **out, int64_t *n_out, struct err *err)
{
    struct orglife_copy_view *v;
    struct orglife_copy_suspect *items;
    struct db_conn *c = NULL;
    int64_t n;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = orglife_store_copies(c, org_path, a, &v, &n, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    items = arena_alloc(a, sizeof(*items) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) {
        items[i] = v[i].s;
        items[i].passage = passage_of(v[i].minutes, v[i].a_start, v[i].a_end, a);
        if (strncmp(v[i].matches_path, org_path, strlen(org_path))) {
            items[i].matches_org_name = NULL;
            items[i].matches_topic = NULL;
            items[i].matches_meets_on = NULL;
        }
    }
    *out = items;
    *n_out = n;
    return 0;
}
