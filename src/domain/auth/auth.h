/* auth.h: accounts, grants, sessions, login throttling and the permission check. Nothing
 * here knows about HTTP: the router turns cookies into auth_session_load calls and route
 * rows into auth_can checks. Passwords are argon2id (libsodium); session tokens are 256
 * random bits, stored only as SHA-256. */
#pragma once

#include "domain/audit/audit.h"
#include "domain/auth/perm.h"

struct cfg;

struct app;
struct arena;
struct auth_sessions;
struct db_conn;
struct err;

struct auth_grant {
    int64_t id;
    enum role role;
    int64_t org_id;
    const char *org_path;
    const char *org_name;
};

/* The signed-in caller, loaded per request into the request arena. */
struct auth_user {
    int64_t id;
    const char *username;
    const char *display_name;
    int64_t person_id; /* 0: none */
    bool must_change_password;
    struct auth_grant *grants;
    int ngrants;
    int64_t session_id;
    const char *csrf_token;
    bool session_renewed; /* this request slid the session's expiry: send the cookie again */
    bool totp_enabled;    /* logs in with a second factor (auth_totp.c) */
    /* a role of auth.totp_roles without a second factor yet: every permission is withheld
     * until it is enabled (the session may only enrol, read itself and sign out) */
    bool totp_setup_required;
};

/* Who is acting and from where, for audit rows. */
struct auth_actor {
    const struct auth_user *user; /* NULL: the command line */
    const char *source;           /* "POST /api/users" or "cli:user add" */
    const char *request_id;       /* NULL for the CLI */
    const char *client_ip;
};

/* The audit row of a change actor makes (result "ok", no digest): who, from where, which
 * request. The one way areas fill an audit_entry; strings are borrowed from actor. */
/* The account acting (for created_by / updated_by columns); 0 for the command line. */
int64_t auth_actor_user_id(const struct auth_actor *actor);
struct audit_entry auth_audit_entry(const struct auth_actor *actor, const char *action,
                                    const char *target_type, int64_t target_id, int64_t org_id);
/* Appends the audit row of a change actor made to one record, with the digest of after (the
 * record as written, audit_change_digest; the reference is taken, NULL allowed). */
int auth_audit_change(struct db_conn *c, const struct auth_actor *actor, const char *action,
                      const char *target_type, int64_t target_id, int64_t org_id, json_t *after,
                      struct err *err);

/* ---- sessions ---- */

/* The server's live sessions in memory (see auth_sessions.c); NULL in CLI commands. */
struct auth_sessions *auth_sessions_new(void);
void auth_sessions_free(struct auth_sessions **s);

struct login_result {
    const char *token;      /* goes into the cookie; never stored */
    const char *csrf_token; /* the client sends it back as X-CSRF-Token */
    int64_t retry_after_s;  /* set with E_THROTTLED */
    struct auth_user *user;
};

/* Checks the password (and, for an account with two-factor login, totp_code: a 6-digit code or
 * a recovery code; E_UNAUTHENTICATED at /totp_code when it is missing, not counted as a failure)
 * and opens a session; an old session token presented at login is ended (no fixation). Wrong
 * username, password and code fail alike (E_UNAUTHENTICATED); too many failures per username
 * or client address fail with E_THROTTLED and retry_after_s. */
int auth_login(struct app *app, const char *username, const char *password, const char *totp_code,
               const char *old_token, const struct auth_actor *actor, struct arena *a,
               struct login_result *out, struct err *err);
/* Finds the live session for a cookie token and slides its expiry (written at most once a
 * minute, then session_renewed is set). auth_gen is the database's 'auth' generation read for
 * this request: sessions loaded at that generation are answered from memory (app->sessions).
 * E_UNAUTHENTICATED when missing or expired. */
int auth_session_load(struct app *app, const char *token, int64_t auth_gen, struct arena *a,
                      struct auth_user **out, struct err *err);
int auth_logout(struct app *app, const struct auth_actor *actor, struct err *err);
/* Deletes expired sessions and login_throttle rows older than the throttle reset window (one
 * DELETE each). `serve` calls it at start; auth_login also does, at most once an hour. */
int auth_purge(struct app *app, struct err *err);

/* ---- two-factor login (auth_totp.c) ---- */

struct totp_setup {
    const char *secret; /* base32, for typing into the app by hand */
    const char *uri;    /* otpauth://totp/... */
    const char *qr_svg; /* the URI as an SVG QR code */
};
/* Starts (or restarts) enrolment: a new secret, pending until auth_totp_enable confirms it.
 * E_CONFLICT when two-factor login is already on. */
int auth_totp_setup(struct app *app, const struct auth_user *u, struct arena *a,
                    struct totp_setup *out, struct err *err);
/* Turns it on when code matches the pending secret; *codes_out gets the ten recovery codes
 * (NULL-terminated), shown once. Audited. */
int auth_totp_enable(struct app *app, const struct auth_user *u, const char *code,
                     const struct auth_actor *actor, struct arena *a, const char ***codes_out,
                     struct err *err);
/* Turns it off: by the user with their password, or by an admin (password NULL) for a lost
 * phone. Audited. */
int auth_totp_disable(struct app *app, int64_t user_id, const char *password,
                      const struct auth_actor *actor, struct err *err);
/* Unused recovery codes left. */
int auth_totp_codes_left(struct app *app, int64_t user_id, int64_t *out, struct err *err);
/* The roles of auth.totp_roles as ROLE_BIT()s; E_INVALID naming an unknown role. */
int auth_totp_roles(const struct cfg *cfg, unsigned *roles_out, struct err *err);

/* ---- permission checks (pure) ---- */

/* Whether u holds p for the org at org_path (a grant at or above it carries p); never while
 * u->totp_setup_required. */
bool auth_can(const struct auth_user *u, enum perm p, const char *org_path);
/* Whether u holds p anywhere. */
bool auth_can_any(const struct auth_user *u, enum perm p);
/* The path of the widest grant carrying p (for default list scope); NULL when none. A
 * platform admin's grant at the root covers everything. */
const char *auth_scope_root(const struct auth_user *u, enum perm p);
/* Looks up an org's path (E_NOT_FOUND). */
int auth_org_path(struct app *app, int64_t org_id, struct arena *a, const char **path_out,
                  struct err *err);

/* ---- passwords and accounts ---- */

/* Password rules: 10–128 characters, not containing the username, not an ID number or a
 * 6-character run of the person's ID number (digits and the check character X, any case);
 * below 16 characters at least three of lower-case, upper-case, digits and other characters
 * (16 or more: a passphrase, any characters); and not common: at least 4 characters must be
 * left once the words of common_passwords.txt (also written with look-alikes such as @ for
 * a, 0 for o), years and runs such as 1234, abcd or aaa are taken out. id_number may be NULL.
 * The account's earlier passwords are checked by auth_password_change, not here. Errors are
 * E_INVALID at /new_password with a zh-CN message naming the rule. */
int auth_password_check(const char *password, const char *username, const char *id_number,
                        struct err *err);
/* argon2id hash (interactive limits); at most a few run at once so logins cannot exhaust
 * memory. out holds crypto_pwhash_STRBYTES. */
int auth_password_hash(const char *password, char *out, struct err *err);

struct user_new {
    char *username;
    char *display_name;
    char *password;
    int64_t person_id;
    bool must_change_password;
    char *role;
    int64_t org_id;
};

/* Whether u may hand out role at the org of one of its grants (so at some org below it):
 * what the new-account and grant dialogs offer (GET /api/session "grantable_roles"). */
bool auth_may_grant_somewhere(const struct auth_user *u, enum role role);

/* Creates an account with one grant. actor->user NULL (CLI) may create any role; otherwise
 * the caller must hold users.manage at org_id and may not hand out admin unless admin. */
int auth_user_create(struct app *app, const struct user_new *in, const struct auth_actor *actor,
                     int64_t *id_out, struct err *err);
/* Creates n accounts (in[0..n-1], each checked as by auth_user_create) in one transaction:
 * all of them or none. A password several of them share (an initial password handed out to
 * a batch) is hashed once and that hash stored for each. ids_out receives n ids. On failure
 * err->field is "/<i>/<field>" for the i-th account, e.g. "/3/password". */
int auth_user_create_many(struct app *app, const struct user_new *in, size_t n,
                          const struct auth_actor *actor, int64_t *ids_out, struct err *err);
/* Username syntax: 3–64 bytes of ASCII letters, digits and _ . - (E_INVALID at /username). */
int auth_username_check(const char *username, struct err *err);
/* Sets a new password (admin reset when actor differs; must_change decides the flag).
 * For a user changing their own password, old_password must match. Either way the user's
 * sessions end: all of them on a reset, every one but the caller's own (actor->user's
 * session_id, which stays valid with the same token) on a change of one's own password. */
int auth_password_change(struct app *app, int64_t user_id, const char *old_password,
                         const char *new_password, bool must_change, const struct auth_actor *actor,
                         struct err *err);
int auth_user_find_by_name(struct app *app, const char *username, int64_t *id_out, struct err *err);

struct user_view {
    int64_t id;
    const char *username, *display_name, *status;
    int64_t person_id, last_login_at, created_at;
    bool must_change_password;
    struct auth_grant *grants;
    int ngrants;
};
struct user_query {
    const char *org_path; /* NULL: all (admin) */
    int64_t page, size;
    const struct auth_user *viewer; /* only grants in its users.manage scope; NULL: all (CLI) */
};
int auth_user_list(struct app *app, const struct user_query *q, struct arena *a,
                   struct user_view **out, int64_t *n_out, int64_t *total_out, struct err *err);
/* One user, if the caller may see them (a grant of theirs lies in the caller's
 * users.manage scope); otherwise E_NOT_FOUND. Only grants inside that scope are returned. */
int auth_user_get(struct app *app, const struct auth_actor *actor, int64_t id, struct arena *a,
                  struct user_view *out, struct err *err);
/* Enables or disables an account (ends its sessions when disabled) and/or renames it. Every
 * grant of the target must lie in the caller's scope. */
int auth_user_update(struct app *app, const struct auth_actor *actor, int64_t id,
                     const char *display_name, const char *status, struct err *err);
int auth_grant_add(struct app *app, const struct auth_actor *actor, int64_t user_id,
                   const char *role, int64_t org_id, int64_t *grant_id_out, struct err *err);
int auth_grant_remove(struct app *app, const struct auth_actor *actor, int64_t user_id,
                      int64_t grant_id, struct err *err);
