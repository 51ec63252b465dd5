/* members_bulk.c: what the importer needs of the roster: many rows upserted by ID number in
 * one transaction (new people written in chunks), and the match of an import row against the
 * stored member with the fields it would change. It owns no transaction; the importer does. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/members/members_int.h"

/* audit_change_digest(NULL, member_json(m)), the digest of "member.create", written without
 * the jansson tree (audit_create_digest): the importer makes one per new member. */
static void member_create_digest(const struct member_in *m, char out[65])
{
    struct audit_field f[ARRAY_LEN(MEMBER_FIELDS)];
    char keyed[ARRAY_LEN(MEMBER_FIELDS)][SEAL_INDEX_CHARS + 1];
    size_t n = 0;

    for (const struct field *sp = MEMBER_FIELDS; sp->name; sp++, n++) {
        const char *at = (const char *)m + sp->offset;
        f[n] = (struct audit_field){ .key = sp->name };
        if (sp->type == FIELD_T_ID) {
            memcpy(&f[n].num, at, sizeof(f[n].num));
            f[n].is_int = f[n].num != 0;
        } else {
            const char *v;
            memcpy(&v, at, sizeof(v));
            f[n].text = member_digest_text(sp->name, v, keyed[n]);
        }
    }
    audit_create_digest(f, n, out);
}

/* One new person and member of member_upsert_many, checked as insert_member checks it. */
struct new_row {
    size_t at; /* index in the caller's rows */
    struct member_in in;
    int64_t tenant_id, person_id, member_id;
    const char *org_path, *initials;
};

/* insert_member's checks and defaults for a person not yet known (pid 0), without writing. */
static int new_row_prepare(struct db_conn *c, const struct member_in *m, struct member_org *org,
                           struct arena *a, struct new_row *out, struct err *err)
{
    out->in = *m;
    if (member_blank(m->name))
        return err_set(err, E_INVALID, "/name", "请填写姓名");
    if (!m->org_id)
        return err_set(err, E_INVALID, "/org_id", "请选择所在党组织");
    if (member_blank(m->gender))
        return err_set(err, E_INVALID, "/gender", "请填写性别");
    if (!m->status)
        out->in.status = arena_strdup(a, "full");
    if (!m->category)
        out->in.category = arena_strdup(a, "community");
    if (org->id != m->org_id && member_store_org(c, m->org_id, a, org, err) < 0)
        return -1;
    if (org->dissolved_on)
        return err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能再登记党员");
    out->tenant_id = org->tenant_id;
    out->org_path = org->path;
    out->initials = member_initials_of(m->name, a);
    return 0;
}

/* What insert_member writes after the person and member rows, for the new rows nr[0..n) of
 * member_upsert_many: their tags, 'create' events and audit rows, several rows per statement. */
static int new_rows_finish(struct db_conn *c, const struct new_row *nr, size_t n,
                           const struct auth_actor *actor, const char *today, int64_t now,
                           struct arena *a, struct err *err)
{
    struct member_tag_row *tags;
    struct audit_entry *audit = arena_alloc(a, (n ? n : 1) * sizeof(*audit));
    int64_t *tenants = arena_alloc(a, (n ? n : 1) * sizeof(*tenants));
    int64_t *mids = arena_alloc(a, (n ? n : 1) * sizeof(*mids));
    const char **statuses = arena_alloc(a, (n ? n : 1) * sizeof(*statuses));
    size_t ntags = 0, cap = 0;

    for (size_t k = 0; k < n; k++)
        for (const char *p = nr[k].in.tags; p && *p; p++)
            cap += *p == ',';
    cap += n;
    tags = arena_alloc(a, cap * sizeof(*tags));
    for (size_t k = 0; k < n; k++) {
        const struct new_row *r = &nr[k];
        char *digest = arena_alloc(a, 65);
        /* The tags as member_store_tags_set splits them: empty pieces are skipped. */
        for (const char *p = r->in.tags; p && *p;) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            if (len > 0)
                tags[ntags++] = (struct member_tag_row){ r->member_id, p, len };
            p = end ? end + 1 : p + len;
        }
        tenants[k] = r->tenant_id;
        mids[k] = r->member_id;
        statuses[k] = r->in.status;
        member_create_digest(&r->in, digest);
        audit[k] = member_audit_entry(actor, "member.create", r->member_id, r->in.org_id, digest);
    }
    if (member_store_tags_insert_many(c, tags, ntags, err) < 0 ||
        member_store_create_events(c, tenants, mids, statuses, n, today, auth_actor_user_id(actor),
                                   now, err) < 0)
        return -1;
    return audit_append_many(c, audit, n, err);
}

int member_upsert_many(struct db_conn *c, const struct member_in *const *rows, size_t n,
                       const bool *absent, const struct auth_actor *actor, bool *created_out,
                       struct err *err)
{
    struct arena a;
    struct member_org org = { 0 };
    struct new_row *nr;
    size_t nnew = 0, k;
    char today[11];
    int64_t now = clock_now();
    int rc = -1;

    arena_init(&a, 64 * 1024);
    clock_today(today);
    nr = arena_alloc(&a, (n ? n : 1) * sizeof(*nr));
    /* Known people (members to update, persons to make members) go through member_upsert;
     * new people are collected and written in chunks. */
    for (size_t i = 0; i < n; i++) {
        struct member_key key;
        int64_t id;
        if (member_blank(rows[i]->id_number)) {
            err_set(err, E_INVALID, "/id_number", "请填写身份证号");
            goto out;
        }
        if (!absent || !absent[i]) {
            if (member_store_key_by_id_number(c, rows[i]->id_number, &a, &key, err) == 0) {
                if (member_upsert(c, rows[i], actor, &id, &created_out[i], err) < 0)
                    goto out;
                continue;
            }
            if (err->code != E_NOT_FOUND)
                goto out;
            err_clear(err);
        }
        if (new_row_prepare(c, rows[i], &org, &a, &nr[nnew], err) < 0)
            goto out;
        nr[nnew++].at = i;
    }
    for (k = 0; k + MEMBER_STORE_CHUNK <= nnew; k += MEMBER_STORE_CHUNK) {
        const struct member_in *m[MEMBER_STORE_CHUNK];
        const char *initials[MEMBER_STORE_CHUNK], *paths[MEMBER_STORE_CHUNK];
        int64_t tenants[MEMBER_STORE_CHUNK], pids[MEMBER_STORE_CHUNK], mids[MEMBER_STORE_CHUNK];
        for (int j = 0; j < MEMBER_STORE_CHUNK; j++) {
            m[j] = &nr[k + j].in;
            initials[j] = nr[k + j].initials;
            paths[j] = nr[k + j].org_path;
            tenants[j] = nr[k + j].tenant_id;
        }
        if (member_store_person_insert_chunk(c, m, tenants, initials, now, pids, err) < 0 ||
            member_store_member_insert_chunk(c, m, tenants, pids, paths, now, mids, err) < 0)
            goto out;
        for (int j = 0; j < MEMBER_STORE_CHUNK; j++) {
            nr[k + j].person_id = pids[j];
            nr[k + j].member_id = mids[j];
        }
    }
    for (; k < nnew; k++) {
        struct new_row *r = &nr[k];
        if (member_store_person_insert(c, &r->in, r->tenant_id, r->initials, now, &r->person_id,
                                       err) < 0 ||
            member_store_member_insert(c, &r->in, r->tenant_id, r->person_id, r->org_path, now,
                                       &r->member_id, err) < 0)
            goto out;
    }
    if (new_rows_finish(c, nr, nnew, actor, today, now, &a, err) < 0)
        goto out;
    for (k = 0; k < nnew; k++)
        created_out[nr[k].at] = true;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* Whether two comma-separated tag lists hold the same tags (in any order): each list's tags
 * are all in the other. */
static bool tags_same(const char *x, const char *y)
{
    const char *p;

    x = x ? x : "";
    y = y ? y : "";
    for (int pass = 0; pass < 2; pass++) {
        const char *from = pass ? y : x, *in = pass ? x : y;
        for (p = from; *p;) {
            const char *end = strchr(p, ',');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            bool found = false;
            for (const char *q = in; *q && !found;) {
                const char *qe = strchr(q, ',');
                size_t ql = qe ? (size_t)(qe - q) : strlen(q);
                found = ql == len && !memcmp(p, q, len);
                q += ql + (qe ? 1 : 0);
            }
            if (len && !found)
                return false;
            p += len + (end ? 1 : 0);
        }
    }
    return true;
}

int member_match_id_number(struct db_conn *c, const struct member_in *m, struct arena *a,
                           struct member_match *out, struct err *err)
{
    struct member_key key;
    struct member_view cur;
    struct member_in was = { 0 };

    if (member_store_key_by_id_number(c, m->id_number, a, &key, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        key.person_id = key.member_id = 0;
    }
    if (!key.member_id) {
        memset(out, 0, sizeof(*out));
        out->person_id = key.person_id;
        return 0;
    }
    if (member_store_get(c, key.member_id, false, a, &cur, err) < 0)
        return -1;
    member_view_to_in(&cur, &was, a);
    was.tags = cur.tags ? arena_strdup(a, cur.tags) : NULL;
    memset(out, 0, sizeof(*out));
    out->member_id = cur.id;
    out->person_id = cur.person_id;
    out->org_id = cur.org_id;
    out->org_path = cur.org_path;
    out->org_name = cur.org_name;
    out->name = cur.name;
    out->changed = arena_alloc(a, ARRAY_LEN(MEMBER_FIELDS) * sizeof(*out->changed));
    for (const struct field *f = MEMBER_FIELDS; f->name; f++) {
        const char *now_at = (const char *)m + f->offset, *was_at = (const char *)&was + f->offset;
        bool changed;
        if (f->type == FIELD_T_ID) {
            int64_t nv, wv;
            memcpy(&nv, now_at, sizeof(nv));
            memcpy(&wv, was_at, sizeof(wv));
            changed = nv && nv != wv;
        } else {
            const char *nv, *wv;
            memcpy(&nv, now_at, sizeof(nv));
            memcpy(&wv, was_at, sizeof(wv));
            if (!nv)
                continue; /* absent: unchanged */
            if (!strcmp(f->name, "tags"))
                changed = !tags_same(nv, wv);
            else
                changed = strcmp(nv, wv ? wv : "") != 0;
        }
        if (changed)
            out->changed[out->nchanged++] = f->label;
    }
    return 0;
}
