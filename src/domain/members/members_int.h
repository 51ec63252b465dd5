/* members_int.h: rows and store functions of the members area (members_store.c,
 * members_read_store.c), and the helpers its service files (members.c, _codes, _rules, _read,
 * _bulk) share; seen by src/domain/members only. Store functions take a connection; the
 * service owns the transaction. */
#pragma once
#include "core/seal.h"

#include "domain/audit/audit.h"
#include "domain/members/members.h"

struct db_stmt;

/* The member (if any) of the person with an ID number. */
struct member_key {
    int64_t person_id, member_id, org_id;
    const char *org_path, *status, *category;
};
/* The org a member row is written against. */
struct member_org {
    int64_t id, tenant_id;
    const char *path, *name, *dissolved_on, *type;
    int64_t parent_id; /* 0 for the root */
};
/* Sets the member's 党小组 (group_id 0: removes it). */
/* Sets a 预备党员's extended 预备期 end; *org_out their org. E_NOT_FOUND when no such 预备党员. */
int member_store_probation_extend(struct db_conn *c, int64_t member_id, const char *until,
                                  int64_t now, int64_t *org_out, struct err *err);
int member_store_group_set(struct db_conn *c, int64_t member_id, int64_t tenant_id,
                           int64_t group_id, int64_t now, int64_t by, struct err *err);
/* The versions of one rule (member_rule rows, by valid_from). */
struct member_rule_row {
    const char *valid_from, *valid_to;
    int64_t months;
};
struct member_rules {
    struct member_rule_row *v;
    int64_t n;
};
int member_store_rules(struct db_conn *c, const char *rule_id, struct arena *a,
                       struct member_rules *out, struct err *err);
/* Every 预备党员 with a joined_on in [path, upper), by org then joined_on (ends_on unset). */
int member_store_probationary(struct db_conn *c, const char *path, const char *upper,
                              struct arena *a, struct member_overdue **out, int64_t *n_out,
                              struct err *err);

int member_store_org(struct db_conn *c, int64_t org_id, struct arena *a, struct member_org *out,
                     struct err *err);
/* E_NOT_FOUND when no person has this ID number (member_id 0 when the person is no member). */
int member_store_key_by_id_number(struct db_conn *c, const char *id_number, struct arena *a,
                                  struct member_key *out, struct err *err);
int member_store_person_insert(struct db_conn *c, const struct member_in *m, int64_t tenant_id,
                               const char *initials, int64_t now, int64_t *id_out, struct err *err);
/* Sets the non-NULL fields of m on the person ("" clears). initials NULL: unchanged. */
int member_store_person_update(struct db_conn *c, int64_t person_id, const struct member_in *m,
                               const char *initials, int64_t now, struct err *err);
int member_store_member_insert(struct db_conn *c, const struct member_in *m, int64_t tenant_id,
                               int64_t person_id, const char *org_path, int64_t now,
                               int64_t *id_out, struct err *err);
int member_store_member_update(struct db_conn *c, int64_t member_id, const struct member_in *m,
                               const char *org_path, int64_t now, struct err *err);
/* Bulk inserts for member_upsert_many: exactly MEMBER_STORE_CHUNK rows in one statement.
 * m[i] is inserted with tenant_ids[i] (and initials[i] / person_ids[i], org_paths[i]);
 * ids_out[i] receives its new id. Persons need distinct ID numbers, members distinct
 * persons. A constraint failure fails the whole statement (E_CONFLICT "/id_number" …). */
#define MEMBER_STORE_CHUNK 128
int member_store_person_insert_chunk(struct db_conn *c, const struct member_in *const *m,
                                     const int64_t *tenant_ids, const char *const *initials,
                                     int64_t now, int64_t *ids_out, struct err *err);
int member_store_member_insert_chunk(struct db_conn *c, const struct member_in *const *m,
                                     const int64_t *tenant_ids, const int64_t *person_ids,
                                     const char *const *org_paths, int64_t now, int64_t *ids_out,
                                     struct err *err);
/* Replaces the member's tags with the comma-separated list (may be ""). */
int member_store_tags_set(struct db_conn *c, int64_t member_id, const char *tags, struct err *err);
/* Inserts the (member_id, tag) pairs t[0..n), MEMBER_STORE_CHUNK per statement; a pair
 * already stored is skipped. tag is t[i].len bytes (not NUL-terminated). */
struct member_tag_row {
    int64_t member_id;
    const char *tag;
    size_t len;
};
int member_store_tags_insert_many(struct db_conn *c, const struct member_tag_row *t, size_t n,
                                  struct err *err);
/* The 'create' events of n new members (new value statuses[i]), MEMBER_STORE_CHUNK per
 * statement, as n member_store_event_insert(..., "create", effective_on, NULL, statuses[i],
 * NULL, NULL, user_id, now) calls would write them. */
int member_store_create_events(struct db_conn *c, const int64_t *tenant_ids,
                               const int64_t *member_ids, const char *const *statuses, size_t n,
                               const char *effective_on, int64_t user_id, int64_t now,
                               struct err *err);
int member_store_event_insert(struct db_conn *c, int64_t tenant_id, int64_t member_id,
                              const char *kind, const char *effective_on, const char *old_value,
                              const char *new_value, const char *doc_no, const char *note,
                              int64_t user_id, int64_t now, struct err *err);

/* The member with this id, or (by_person) the member record of person id. */
int member_store_get(struct db_conn *c, int64_t id, bool by_person, struct arena *a,
                     struct member_view *out, struct err *err);

/* The search: prepared parameters of struct member_query (members_read.c fills them). */
struct member_search_args {
    const struct member_query *q;
    const char *upper;       /* orgpath_upper(q->org_path) */
    const char *statuses;    /* ",full," or ",probationary,full," for the status filter */
    const char *born_before; /* age_min: birth_date <= this */
    const char *born_after;  /* age_max: birth_date > this */
    const char *fts;         /* q of >= 3 characters (a name substring); NULL otherwise */
    const char *term_lo;     /* person_term range [term_lo, term_hi) for 2-character and */
    const char *term_hi;     /* ASCII-letter q (pinyin initials); NULL otherwise */
    const char *like_name;   /* "%q%" for a one-character q; NULL otherwise */
    int sort;                /* index into MEMBER_SORTS */
};
extern const char *const MEMBER_SORTS[]; /* "id", "-id", "joined_on" … NULL-terminated */
int member_store_search(struct db_conn *c, const struct member_search_args *s, struct arena *a,
                        struct member_view **out, int64_t *n_out, int64_t *total_out,
                        struct err *err);

int member_store_card_get(struct db_conn *c, int64_t member_id, struct arena *a,
                          struct member_card *out, struct err *err);
int member_store_card_put(struct db_conn *c, int64_t member_id, const struct member_card *card,
                          int64_t user_id, int64_t now, struct err *err);
int member_store_events(struct db_conn *c, int64_t member_id, struct arena *a,
                        struct member_event_view **out, int64_t *n_out, struct err *err);
/* The person's household (resident row); E_NOT_FOUND when none. */
int member_store_household(struct db_conn *c, int64_t person_id, struct arena *a,
                           struct member_household *out, struct err *err);

/* The value of a setting row; *out NULL when absent. */
int member_store_setting(struct db_conn *c, const char *key, struct arena *a, const char **out,
                         struct err *err);

/* ---- Shared by the service files. ---- */

/* MEMBER_FIELDS with its size, FIELD_END included, so the files of this folder can size
 * arrays by it; members_codes.c's definition fails to compile when the count differs. */
enum { MEMBER_FIELDS_LEN = 19 };
extern const struct field MEMBER_FIELDS[MEMBER_FIELDS_LEN];

/* members_codes.c. The code of a code or its label (NULL: neither); the status code of a
 * code, label or alias (NULL: none); E_INVALID "/status" unless from -> to is an allowed
 * change (or no change). */
const char *member_code_of(const char *const *codes, const char *const *labels, const char *s);
const char *member_status_code(const char *s);
int member_status_change_check(const char *from, const char *to, struct err *err);

/* members_rules.c. NULL or ""; the rules that need no database (date order and sanity, age at
 * joining, status and its dates, birth date and gender against the ID number). */
bool member_blank(const char *s);
int member_check(const struct member_in *m, struct err *err);

/* members.c. A stored view copied into a member_in (text from a; tags left NULL); the
 * member's audit row (digest hex or NULL); the actor's user id (0: none); the pinyin keys of
 * a name (from a; NULL for NULL). */
void member_view_to_in(const struct member_view *v, struct member_in *m, struct arena *a);
struct audit_entry member_audit_entry(const struct auth_actor *actor, const char *action,
                                      int64_t member_id, int64_t org_id, const char *digest);
char *member_initials_of(const char *name, struct arena *a);

/* A member field's text as the audit digest sees it: an ID or phone number as its blind index
 * (core/seal.h; a plain hash of a number is guessed in seconds), other text as it is, "" as
 * NULL. */
const char *member_digest_text(const char *field, const char *v, char buf[SEAL_INDEX_CHARS + 1]);
