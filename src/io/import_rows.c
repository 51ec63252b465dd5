/* import_rows.c: one data row through the generic importer: its cells decoded (import_cells.c),
 * the area's check run even when cells are bad (so every error of the row is listed), then the
 * row accepted into the batch or rejected; and the keys already seen in the file. Writing the
 * batch is import_batch.c's; finding the header import_engine.c's. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "io/import_engine.h"
#include "io/import_engine_int.h"

/* ---- keys seen in the file: open addressing ---- */

uint64_t import_key_hash(const char *k)
{
    uint64_t h = 1469598103934665603ull;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ull;
    return h;
}

/* The key at the start of a slot (NULL: empty). */
static const char *slot_key(const char *slot)
{
    const char *key;

    memcpy(&key, slot, sizeof(key));
    return key;
}

/* Doubles the table (1024 slots at first) and puts every entry back. */
static void keys_grow(struct import_keys *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    char *slots = calloc(cap, t->size);

    ASSERT(slots && t->size >= sizeof(const char *));
    for (size_t i = 0; i < t->cap; i++) {
        const char *key = slot_key(t->slots + i * t->size);
        if (!key)
            continue;
        size_t k = import_key_hash(key) & (cap - 1);
        while (slot_key(slots + k * t->size))
            k = (k + 1) & (cap - 1);
        memcpy(slots + k * t->size, t->slots + i * t->size, t->size);
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
}

void *import_keys_slot(struct import_keys *t, const char *key)
{
    const char *at;
    size_t k;

    if ((t->n + 1) * 2 > t->cap)
        keys_grow(t);
    k = import_key_hash(key) & (t->cap - 1);
    while ((at = slot_key(t->slots + k * t->size)) && strcmp(at, key))
        k = (k + 1) & (t->cap - 1);
    return t->slots + k * t->size;
}

void import_keys_release(struct import_keys *t)
{
    free(t->slots);
    *t = (struct import_keys){ .size = t->size };
}

int64_t import_seen(struct import_run *s, const char *key, int64_t row)
{
    struct id_seen *e = import_keys_slot(&s->seen, key);

    if (e->key)
        return e->row;
    *e = (struct id_seen){ arena_strdup(&s->seen_arena, key), row };
    s->seen.n++;
    return 0;
}

/* ---- one data row ---- */

void import_note_update(struct import_run *run, struct import_row *row, int64_t id,
                        const char *name, const char *const *fields, size_t n)
{
    UNUSED(run);
    row->matched = true;
    row->match_id = id;
    row->match_name = name;
    row->match_fields = fields;
    row->match_n = n;
}

/* Records what an accepted row does to the record it matched (in the result arena). */
static void update_record(struct import_run *s, const struct import_row *row)
{
    struct import_result *r = s->r;
    struct import_update *u;

    if (row->match_n == 0) {
        r->unchanged++;
        return;
    }
    if (r->nupdates % 256 == 0) {
        struct import_update *n = arena_alloc(s->a, (size_t)(r->nupdates + 256) * sizeof(*n));
        if (r->nupdates)
            memcpy(n, r->updates, (size_t)r->nupdates * sizeof(*n));
        r->updates = n;
    }
    u = &r->updates[r->nupdates++];
    u->row = row->row;
    u->id = row->match_id;
    u->name = arena_strdup(s->a, row->match_name ? row->match_name : "");
    u->nfields = row->match_n;
    u->fields = arena_alloc(s->a, row->match_n * sizeof(*u->fields));
    for (size_t i = 0; i < row->match_n; i++)
        u->fields[i] = row->match_fields[i];
}

/* Counts an accepted row and, when rows are written, adds it to the batch (written when full). */
static int row_accept(struct import_run *s, const struct import_row *row)
{
    s->r->accepted++;
    if (row->matched)
        update_record(s, row);
    if (s->o->dry_run) {
        s->r->created += !row->matched;
        s->r->updated += row->matched;
        return 0;
    }
    if (!s->o->skip_invalid && !s->writing)
        return 0;
    if (s->npend == s->pend_cap) {
        s->pend_cap = s->pend_cap ? s->pend_cap * 2 : BATCH_ROWS;
        s->pend = realloc(s->pend, s->pend_cap * sizeof(*s->pend));
        ASSERT(s->pend);
    }
    s->pend[s->npend++] = *row;
    if (s->npend >= BATCH_ROWS &&
        (s->o->skip_invalid ? import_batch_flush(s) : import_batch_write(s)) < 0)
        return -1;
    return 0;
}

int import_row_process(struct import_run *s, int64_t row, const struct sheet_cell *cells, size_t n)
{
    /* Rows that will be written wait in the batch; the others live until the next row. */
    bool pending = !s->o->dry_run && (s->o->skip_invalid || s->writing);
    struct arena *ra = pending ? &s->batch_arena : &s->row_arena;
    struct import_row r = { .row = row, .ncells = n, .arena = ra };
    struct import_row_errs re = { 0 };

    r.ord = ++s->r->rows;
    r.rec = arena_alloc(ra, s->area->rec_size);
    r.texts = arena_alloc(ra, (n ? n : 1) * sizeof(*r.texts));
    r.ref = arena_alloc(ra, (s->ntable ? s->ntable : 1) * sizeof(*r.ref));
    for (size_t i = 0; i < n; i++)
        r.texts[i] = import_number_text(&cells[i], ra);
    import_cells_decode(s, &r, cells, &re);
    if (s->area->check(s->ctx, s, &r, &re, s->err) < 0)
        return -1;
    if (re.n > 0) {
        /* All-or-nothing: the rows before this one are written first, as they would have
         * been one by one, so a row failing in the database is still reported. */
        if (!s->o->dry_run && !s->o->skip_invalid && s->writing && import_batch_write(s) < 0)
            return -1;
        import_reject(s, &r, &re);
        return 0;
    }
    return row_accept(s, &r);
}
