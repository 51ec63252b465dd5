/* auth_sessions.c: live sessions kept in memory, so that a signed-in request does not read its
 * session, account and grants from the database every time. An entry is used only while the
 * database's 'auth' generation counter (migration 0007) still has the value it was loaded at:
 * logging out, disabling an account, changing a password or a grant, moving an org — from
 * this server, the CLI or plain SQL — moves the counter and every entry is read again once.
 * Direct-mapped by token hash under one mutex; each entry owns a small arena holding its copy
 * of the user. */
#include "core/compat.h"
#include "core/arena.h"
#include "domain/auth/auth_int.h"

#define SESSION_SLOTS 512

struct session_slot {
    char token_hash[65]; /* "" when empty */
    int64_t gen, last_seen_at, expires_at;
    struct arena arena;
    struct auth_user *user; /* in arena */
};

struct auth_sessions {
    pthread_mutex_t lock;
    struct session_slot slots[SESSION_SLOTS];
};

struct auth_sessions *auth_sessions_new(void)
{
    struct auth_sessions *s = calloc(1, sizeof(*s));

    ASSERT(s);
    pthread_mutex_init(&s->lock, NULL);
    for (int i = 0; i < SESSION_SLOTS; i++)
        arena_init(&s->slots[i].arena, 1024);
    return s;
}

void auth_sessions_free(struct auth_sessions **sp)
{
    struct auth_sessions *s = *sp;

    if (!s)
        return;
    for (int i = 0; i < SESSION_SLOTS; i++)
        arena_release(&s->slots[i].arena);
    pthread_mutex_destroy(&s->lock);
    free(s);
    *sp = NULL;
}

struct auth_user *auth_user_copy(const struct auth_user *u, struct arena *a)
{
    struct auth_user *c = arena_alloc(a, sizeof(*c));

    *c = *u;
    c->username = arena_strdup(a, u->username);
    c->display_name = arena_strdup(a, u->display_name);
    c->csrf_token = arena_strdup(a, u->csrf_token);
    c->grants = arena_alloc(a, sizeof(*c->grants) * (size_t)(u->ngrants ? u->ngrants : 1));
    for (int i = 0; i < u->ngrants; i++) {
        c->grants[i] = u->grants[i];
        c->grants[i].org_path = arena_strdup(a, u->grants[i].org_path);
        c->grants[i].org_name = arena_strdup(a, u->grants[i].org_name);
    }
    return c;
}

/* The token hash is hex SHA-256: its first 8 digits index the slots as well as any hash. */
static struct session_slot *slot_of(struct auth_sessions *s, const char *token_hash)
{
    uint32_t h = 0;

    for (int i = 0; i < 8 && token_hash[i]; i++) {
        char ch = token_hash[i];
        h = h << 4 | (uint32_t)(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
    }
    return &s->slots[h % SESSION_SLOTS];
}

bool auth_sessions_get(struct auth_sessions *s, const char *token_hash, int64_t gen,
                       struct arena *a, struct session_entry *out)
{
    struct session_slot *slot;
    bool hit;

    if (!s)
        return false;
    slot = slot_of(s, token_hash);
    pthread_mutex_lock(&s->lock);
    hit = slot->user && slot->gen == gen && !strcmp(slot->token_hash, token_hash);
    if (hit) {
        out->user = auth_user_copy(slot->user, a);
        out->last_seen_at = slot->last_seen_at;
        out->expires_at = slot->expires_at;
    }
    pthread_mutex_unlock(&s->lock);
    return hit;
}

void auth_sessions_put(struct auth_sessions *s, const char *token_hash, int64_t gen,
                       const struct session_entry *e)
{
    struct session_slot *slot;

    if (!s)
        return;
    slot = slot_of(s, token_hash);
    pthread_mutex_lock(&s->lock);
    if (!slot->user || slot->gen <= gen) { /* never replace a newer entry with an older one */
        arena_release(&slot->arena);
        snprintf(slot->token_hash, sizeof(slot->token_hash), "%s", token_hash);
        slot->gen = gen;
        slot->last_seen_at = e->last_seen_at;
        slot->expires_at = e->expires_at;
        slot->user = auth_user_copy(e->user, &slot->arena);
    }
    pthread_mutex_unlock(&s->lock);
}
