/* audit.c: the hash chain. hash = SHA-256 over prev_hash and every field of the row (id
 * included, so moving a row breaks the chain), fields separated by 0x1f. It does not
 * detect removal of the newest rows by itself: audit verify prints the head hash so an
 * operator can keep it elsewhere. */
#include "core/compat.h"
#include <sodium.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_int.h"

void audit_digest(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

/* The canonical {"after":…,"before":…} text, malloc'd (free()). */
static char *change_dumps(json_t *before, json_t *after)
{
    json_t *o = json_object();
    char *s;

    ASSERT(o);
    json_object_set_new(o, "before", before ? before : json_null());
    json_object_set_new(o, "after", after ? after : json_null());
    s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(o);
    ASSERT(s);
    return s;
}

char *audit_change_text(json_t *before, json_t *after, struct arena *a)
{
    char *s = change_dumps(before, after), *out = arena_strdup(a, s);

    free(s);
    return out;
}

void audit_change_digest(json_t *before, json_t *after, char out[65])
{
    char *s = change_dumps(before, after);

    audit_digest(s, strlen(s), out);
    free(s);
}

static void put_int(struct buf *b, int64_t v)
{
    if (v)
        buf_printf(b, "%" PRId64, v);
    buf_putc(b, 0x1f);
}

static void put_str(struct buf *b, const char *s)
{
    if (s)
        buf_puts(b, s);
    buf_putc(b, 0x1f);
}

void audit_row_hash(const struct audit_row *r, char out[65])
{
    struct buf b;

    buf_init(&b, NULL, 1 << 16);
    put_int(&b, r->id);
    put_int(&b, r->at);
    put_int(&b, r->e.user_id);
    put_str(&b, r->e.username);
    put_str(&b, r->e.source);
    put_str(&b, r->e.action);
    put_str(&b, r->e.target_type);
    put_int(&b, r->e.target_id);
    put_int(&b, r->e.org_id);
    put_str(&b, r->e.result);
    put_str(&b, r->e.request_id);
    put_str(&b, r->e.digest);
    put_str(&b, r->prev_hash);
    audit_digest(b.p, b.len, out);
    buf_release(&b);
}

int audit_append(struct db_conn *c, const struct audit_entry *e, struct err *err)
{
    struct audit_row r = { 0 };
    char last_hash[65] = { 0 };
    int64_t last_id = 0;

    if (audit_store_last(c, &last_id, last_hash, err) < 0)
        return -1;
    r.id = last_id + 1;
    r.at = clock_now();
    r.e = *e;
    memcpy(r.prev_hash, last_id ? last_hash : AUDIT_GENESIS, 65);
    audit_row_hash(&r, r.hash);
    return audit_store_insert(c, &r, err);
}

struct verify_state {
    struct audit_verify_result *out;
    int64_t prev_id;
    char prev_hash[65];
};

static int verify_row(void *cls, const struct audit_row *r)
{
    struct verify_state *s = cls;
    char h[65];

    s->out->rows++;
    if (r->id != s->prev_id + 1) {
        snprintf(s->out->reason, sizeof(s->out->reason),
                 "编号不连续：第 %" PRId64 " 行之前缺少 %" PRId64 " 行（被删除或调换）", r->id,
                 r->id - s->prev_id - 1);
    } else if (strcmp(r->prev_hash, s->prev_hash) != 0) {
        snprintf(s->out->reason, sizeof(s->out->reason), "与上一行的哈希不衔接（上一行被改动）");
    } else {
        audit_row_hash(r, h);
        if (strcmp(h, r->hash) != 0)
            snprintf(s->out->reason, sizeof(s->out->reason), "本行内容与其哈希不符（本行被改动）");
        else {
            s->prev_id = r->id;
            memcpy(s->prev_hash, h, 65);
            return 0;
        }
    }
    s->out->bad_id = r->id;
    return 1; /* stop */
}

int audit_verify(struct db *db, struct audit_verify_result *out, struct err *err)
{
    struct verify_state s = { .out = out, .prev_id = 0 };

    memset(out, 0, sizeof(*out));
    memcpy(s.prev_hash, AUDIT_GENESIS, 65);
    if (audit_store_walk(db, verify_row, &s, err) < 0)
        return -1;
    memcpy(out->head_hash, s.prev_hash, 65);
    return 0;
}

int audit_list(struct db *db, const struct audit_query *q, struct arena *a,
               struct audit_row **rows_out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(db, &c, err) < 0)
        return -1;
    rc = audit_store_page(c, q, a, rows_out, n_out, total_out, err);
    db_release(db, &c);
    return rc;
}
