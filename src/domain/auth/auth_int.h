/* auth_int.h: rows and store functions of the auth area (auth_store.c), shared by auth.c
 * and auth_users.c only. */
#pragma once

#include "domain/auth/auth.h"

struct user_row {
    int64_t id;
    const char *username, *display_name, *password_hash, *status;
    int64_t person_id, failed_logins, last_login_at, created_at;
    bool must_change_password;
};

struct session_row {
    int64_t id, user_id, last_seen_at, expires_at;
    const char *csrf_token;
};

struct throttle_row {
    int64_t failures, last_failure_at, blocked_until;
};

int auth_store_user_by_name(struct db_conn *c, const char *username, struct arena *a,
                            struct user_row *out, struct err *err);
int auth_store_user_by_id(struct db_conn *c, int64_t id, struct arena *a, struct user_row *out,
                          struct err *err);
int auth_store_grants(struct db_conn *c, int64_t user_id, struct arena *a, struct auth_grant **out,
                      int *n_out, struct err *err);
int auth_store_user_insert(struct db_conn *c, const struct user_new *in, const char *hash,
                           int64_t now, int64_t *id_out, struct err *err);
int auth_store_user_login(struct db_conn *c, int64_t id, bool ok, int64_t now, struct err *err);
int auth_store_user_password(struct db_conn *c, int64_t id, const char *hash, bool must_change,
                             int64_t now, struct err *err);
/* The hashes of the account's last `limit` passwords, newest first, copied into a. */
int auth_store_password_history(struct db_conn *c, int64_t user_id, int64_t limit, struct arena *a,
                                const char ***out, int *n_out, struct err *err);
/* Records hash as the account's newest password and keeps only its `keep` newest (keep 0:
 * records nothing and deletes them all). */
int auth_store_password_history_add(struct db_conn *c, int64_t user_id, const char *hash,
                                    int64_t now, int64_t keep, struct err *err);
int auth_store_user_update(struct db_conn *c, int64_t id, const char *display_name,
                           const char *status, int64_t now, struct err *err);
int auth_store_user_page(struct db_conn *c, const struct user_query *q, struct arena *a,
                         struct user_row **out, int64_t *n_out, int64_t *total_out,
                         struct err *err);

int auth_store_grant_insert(struct db_conn *c, int64_t user_id, const char *role, int64_t org_id,
                            int64_t now, int64_t *id_out, struct err *err);
int auth_store_grant_delete(struct db_conn *c, int64_t user_id, int64_t grant_id, struct err *err);

int auth_store_session_insert(struct db_conn *c, const char *token_hash, int64_t user_id,
                              const char *csrf, int64_t now, int64_t expires, const char *ip,
                              int64_t *id_out, struct err *err);
int auth_store_session_find(struct db_conn *c, const char *token_hash, struct arena *a,
                            struct session_row *out, struct err *err);
int auth_store_session_touch(struct db_conn *c, int64_t id, int64_t now, int64_t expires,
                             struct err *err);
int auth_store_session_delete(struct db_conn *c, int64_t id, struct err *err);
int auth_store_session_delete_user(struct db_conn *c, int64_t user_id, struct err *err);
/* Deletes every session of user_id except keep_id (a password change ends the others). */
int auth_store_session_delete_others(struct db_conn *c, int64_t user_id, int64_t keep_id,
                                     struct err *err);

int auth_store_throttle_get(struct db_conn *c, const char *key, struct throttle_row *out,
                            struct err *err);
int auth_store_throttle_put(struct db_conn *c, const char *key, const struct throttle_row *t,
                            struct err *err);
int auth_store_throttle_clear(struct db_conn *c, const char *key, struct err *err);
/* Deletes sessions expired at now and throttle rows whose last failure is before
 * throttle_before (one statement each, outside any transaction the caller holds or not). */
int auth_store_purge(struct db_conn *c, int64_t now, int64_t throttle_before, struct err *err);

int auth_store_org_path(struct db_conn *c, int64_t org_id, struct arena *a, const char **out,
                        struct err *err);
int auth_store_person_id_number(struct db_conn *c, int64_t person_id, struct arena *a,
                                const char **out, struct err *err);

/* The common passwords and password parts the rules refuse: lower-case ASCII, at least 3
 * characters, sorted; generated from common_passwords.txt (tools/embed-wordlist.sh). */
extern const char *const AUTH_COMMON_PASSWORDS[];
extern const size_t AUTH_COMMON_PASSWORDS_LEN;

/* Shared helpers of auth.c and auth_users.c. */
void auth_token_hash(const char *token, char out[65]);
/* argon2id verification, bounded like hashing; a NULL hash verifies a dummy and fails. */
bool auth_password_matches(const char *hash, const char *password);

/* ---- live sessions in memory (auth_sessions.c) ---- */

struct session_entry {
    struct auth_user *user; /* with session_id and csrf_token */
    int64_t last_seen_at, expires_at;
};

/* A copy of u (strings and grants) in a. */
struct auth_user *auth_user_copy(const struct auth_user *u, struct arena *a);
/* The entry for token_hash loaded at auth generation gen, its user copied into a; false when
 * there is none (and always when s is NULL). */
bool auth_sessions_get(struct auth_sessions *s, const char *token_hash, int64_t gen,
                       struct arena *a, struct session_entry *out);
/* Keeps e (copied) as loaded at generation gen, replacing whatever shared its slot unless that
 * is newer. */
void auth_sessions_put(struct auth_sessions *s, const char *token_hash, int64_t gen,
                       const struct session_entry *e);

/* A username as stored and looked up: full-width letters and digits (typed in a Chinese input
 * method's full-width mode) as ASCII, then lower-case; in place. */
void auth_username_fold(char *s);

/* auth_totp.c: sets u->totp_enabled and u->totp_setup_required (u's grants loaded). */
int auth_totp_state(struct db_conn *c, const struct cfg *cfg, struct auth_user *u, struct err *err);
/* The second factor at login: 0 when the account has none or code is valid (the step or the
 * recovery code is used up in c's transaction); E_UNAUTHENTICATED at /totp_code otherwise. */
int auth_totp_login(struct db_conn *c, int64_t user_id, const char *code, int64_t now,
                    struct err *err);
/* auth_users.c: loads the target account's grants and checks the actor may see (all=false) or
 * change (all=true) it. Out of scope reads as not found, so ids outside reveal nothing. */
int auth_target_in_scope(struct db_conn *c, const struct auth_actor *actor, int64_t user_id,
                         bool all, struct arena *a, struct auth_grant **g_out, int *n_out,
                         struct err *err);

/* auth_totp_store.c */
struct totp_row {
    const char *secret; /* base32 */
    bool enabled;
    int64_t last_step;
};
int auth_store_totp_get(struct db_conn *c, int64_t user_id, struct arena *a, struct totp_row *out,
                        bool *found, struct err *err);
/* A new pending secret (replaces a pending one; an enabled one stays). */
int auth_store_totp_pending(struct db_conn *c, int64_t user_id, const char *secret, int64_t now,
                            struct err *err);
int auth_store_totp_enable(struct db_conn *c, int64_t user_id, int64_t now, int64_t step,
                           struct err *err);
/* Records step as taken (only forward). */
int auth_store_totp_step(struct db_conn *c, int64_t user_id, int64_t step, struct err *err);
/* Deletes the secret and the recovery codes. */
int auth_store_totp_delete(struct db_conn *c, int64_t user_id, struct err *err);
int auth_store_codes_replace(struct db_conn *c, int64_t user_id, const char *const *hashes, int n,
                             struct err *err);
/* Marks the unused code with this hash used; *used false when there is none. */
int auth_store_code_use(struct db_conn *c, int64_t user_id, const char *hash, int64_t now,
                        bool *used, struct err *err);
int auth_store_codes_left(struct db_conn *c, int64_t user_id, int64_t *out, struct err *err);
