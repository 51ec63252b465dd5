/* members.h: the member roster service: a natural person (person) with Party data (member),
 * tags and status history. Validation of business rules (ID number, dates, phone), create /
 * update by ID number, the one list query used by GET /api/members and the export, and
 * masking of personal data. Org lookups (org_names_in_scope …) live in domain/orgs/orgs.h.
 * Syntax is checked by MEMBER_FIELDS before anything here runs; HTTP lives in members_http.c. */
#pragma once

#include "core/json.h"

struct app;
struct arena;
struct auth_actor;
struct err;

/* One member as entered: HTTP body, CLI, import row. Strings are arena-owned; NULL = absent.
 * Dates are YYYY-MM-DD; gender is "M"/"F" (member_normalize also accepts 男/女); status and
 * category are the codes below (member_normalize also accepts their zh-CN labels). */
struct member_in {
    char *name, *former_name, *gender, *ethnicity, *birth_date, *id_number, *phone, *address,
        *hukou, *education;
    int64_t org_id;
    char *status, *category, *joined_on, *full_member_on, *work_unit, *post;
    char *tags; /* comma-separated tag names (，、 also accepted); "" clears on update */
};

/* The one field spec of struct member_in (JSON keys are the contract names: "name",
 * "id_number", "org_id", "tags" …). Labels are the zh-CN column names (姓名, 身份证号 …).
 * status/category/gender are plain strings here so import cells may carry zh-CN labels;
 * member_normalize maps and checks them. All are optional (a PATCH, an import row);
 * MEMBER_NEW_FIELDS is the same spec with what a new member needs required (name, id_number,
 * org_id), so an empty form is told every one of them at once. */
extern const struct field MEMBER_FIELDS[];
extern const struct field MEMBER_NEW_FIELDS[];

/* Codes and zh-CN labels. NULL-terminated, same order. */
extern const char *const MEMBER_STATUSES[];       /* probationary full suspended left deceased */
extern const char *const MEMBER_STATUS_FILTERS[]; /* the statuses and "current" (预备+正式) */
extern const char *const MEMBER_STATUS_LABELS[]; /* 预备党员 正式党员 停止党籍 出党 死亡 */
extern const char *const MEMBER_CATEGORIES[]; /* community mobile_out in_service retired … */
extern const char *const MEMBER_CATEGORY_LABELS[]; /* 组织关系在社区 外出流动 在职党员报到 … */
/* 学历 in the national standard's wording (研究生 大学本科 大学专科 中专 高中 初中 小学及以下;
 * code = label), NULL-terminated. */
extern const char *const MEMBER_EDUCATIONS[];
/* The MEMBER_EDUCATIONS entry for an entry or an alias (本科 → 大学本科, 大专 → 大学专科,
 * 硕士 → 研究生 …); NULL when it is neither. */
const char *member_education_code(const char *s);
/* A person's name as a roster holds it: CJK, Latin letters, single spaces between words and
 * the middle dot of minority names (look-alikes · ・ • ‧ ∙ ⋅ . become U+00B7, only between two
 * letters), 1–40 characters; full-width letters, ideographic and no-break spaces are folded
 * first. Replaces *name with the normalized text from a; else E_INVALID at field with a zh-CN
 * message naming label (姓名, 曾用名) and the character refused. Used by member_normalize, so
 * by the API, the form and the import alike. */
int member_name_normalize(char **name, const char *field, const char *label, struct arena *a,
                          struct err *err);
/* The label for a code, or the code itself when unknown. */
const char *member_status_label(const char *code);
const char *member_category_label(const char *code);

/* Normalizes m in place (strings re-allocated from a): ID number 15→18, full-width digits,
 * spaces, x→X; gender 男/女→M/F; status/category labels→codes; phone digits only; fills
 * birth_date and gender from the ID when absent. Then checks business rules: ID check digit
 * and region (demo instance: only "99…"), birth date and gender agree with the ID, mobile
 * number (PHONE-LOOSE), dates not in the future and ordered (birth < joined_on <=
 * full_member_on), age >= 18 at joining, full status needs full_member_on only when given…
 * Absent fields are left absent (a PATCH changes only what it names). Errors are E_INVALID
 * with the field's JSON pointer ("/id_number") and a zh-CN message saying what to fix. */
int member_normalize(struct app *app, struct member_in *m, struct arena *a, struct err *err);
/* A person who is not a member of the tree (an in-service member whose relation lies in a
 * workplace org outside it, reporting to a community): in, normalized by member_normalize
 * before the caller's transaction (男/女, full-width digits, the phone checked), with name and
 * gender (E_INVALID "/name", "/gender"); the phone is stored sealed. Writes in c's
 * transaction. */
struct db_conn;
int person_add(struct db_conn *c, int64_t tenant_id, const struct member_in *in, struct arena *a,
               int64_t now, int64_t *id_out, struct err *err);

/* The calls below that take a connection run inside the caller's transaction (importers,
 * other areas' services), so several of them commit or roll back together. */
struct db_conn;

/* Inserts, or updates the member with the same ID number (m->id_number must be set and
 * normalized; on update only non-NULL fields change), inside the caller's transaction on c,
 * and appends the audit row ("member.create" / "member.update", target member). The caller
 * checks the actor may write at m->org_id (and at the existing member's org on update). New
 * members need name, org_id, status (default "full"),
 * category (default "community"). E_NOT_FOUND for an unknown org_id; E_INVALID for missing
 * required fields. */
int member_upsert(struct db_conn *c, const struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, bool *created_out, struct err *err);

/* member_upsert for n rows with distinct ID numbers (the importer's batches), with the same
 * checks, history and one audit row per member; created_out[i] says whether rows[i] was
 * created. New people are written MEMBER_STORE_CHUNK rows per statement, with their tags,
 * events and audit rows. absent (NULL: every row is looked up) lets a caller that has just
 * looked an ID number up skip the second look-up: absent[i] says no person had rows[i]'s ID
 * number; should one have it by now, its insert fails with E_CONFLICT like a duplicate. On
 * failure the caller's transaction holds part of the batch and err does not say which row
 * failed: roll back, and use member_upsert row by row to find it. */
int member_upsert_many(struct db_conn *c, const struct member_in *const *rows, size_t n,
                       const bool *absent, const struct auth_actor *actor, bool *created_out,
                       struct err *err);

/* The list query shared by GET /api/members and the export. org_path is required (the
 * caller's scope, from http_scope_path); NULL/0 fields mean "no filter". q matches a name
 * substring (FTS5 trigram for >= 3 characters, LIKE below) or pinyin initials ("zs").
 * sort: "name", "-name", "joined_on", "-joined_on", "birth_date", "-birth_date", "id"
 * (default "id"). page from 1; size 1..10000 (the export pages through with large sizes). */
/* The filters of a member list, as the list route and the roster export decode them from a
 * query string (MEMBER_FILTER_FIELDS) and member_search applies them. */
struct member_filter {
    char *q, *category, *status, *tag, *sort;
    int64_t age_min, age_max; /* 0: no bound */
};
/* The field-spec rows (core/json.h) of the struct member_filter m inside query struct T. */
#define MEMBER_FILTER_FIELDS(T, m)                                                                 \
    FIELD_STR(T, m.q, "q", "搜索词", FIELD_OPTIONAL, 0, 50),                                       \
        FIELD_ENUM(T, m.category, "category", "党员类别", FIELD_OPTIONAL, MEMBER_CATEGORIES),      \
        FIELD_ENUM(T, m.status, "status", "党籍状态", FIELD_OPTIONAL, MEMBER_STATUS_FILTERS),      \
        FIELD_STR(T, m.tag, "tag", "标签", FIELD_OPTIONAL, 1, 20),                                 \
        FIELD_INT(T, m.age_min, "age_min", "最小年龄", FIELD_OPTIONAL, 0, 150),                    \
        FIELD_INT(T, m.age_max, "age_max", "最大年龄", FIELD_OPTIONAL, 0, 150),                    \
        FIELD_STR(T, m.sort, "sort", "排序", FIELD_ASCII, 1, 20)
struct member_query {
    const char *org_path;
    struct member_filter f;
    int64_t page, size;
};

/* Every display field of one member. Strings come from the arena given to the call; NULL
 * when unknown. Personal data is unmasked until member_mask runs. */
struct member_view {
    int64_t id, person_id, org_id;
    const char *org_name, *org_path;
    const char *name, *former_name, *gender, *ethnicity, *birth_date, *id_number, *phone, *address,
        *hukou, *education;
    int64_t age; /* years; -1 when birth_date is unknown */
    const char *status, *status_label, *category, *category_label;
    const char *joined_on, *full_member_on;
    int64_t party_age; /* 党龄 in whole years from full_member_on (转正); -1: 预备 or unknown */
    const char *work_unit, *post;
    const char *tags; /* comma-separated, "" when none */
    int64_t created_at, updated_at;
    int64_t group_id;              /* the 党小组 the member is in (member_group); 0: none */
    const char *group_name;        /* its name; NULL when none */
    const char *probation_ends_on; /* a 预备党员's 预备期 end (DEV-PROB-END); NULL otherwise */
    const char *probation_extended_to; /* the end of an extended 预备期 (DEV-EXTEND) or NULL */
    bool probation_overdue;            /* that day has passed and the member is still 预备 */
};

/* One page of members in q->org_path's subtree, with the total. *out holds *n_out views from
 * a. E_INVALID (field "/sort" …) for a bad sort or filter. */
int member_search(struct app *app, const struct member_query *q, struct arena *a,
                  struct member_view **out, int64_t *n_out, int64_t *total_out, struct err *err);
/* One member by id (unmasked; the caller checks scope with v->org_path / org_id and masks).
 * E_NOT_FOUND when missing. */
int member_get(struct app *app, int64_t id, struct arena *a, struct member_view *out,
               struct err *err);
/* The member record of a person (a user's own, for 我的): the current one when there are
 * several. E_NOT_FOUND when the person is not a member. Unmasked, like member_get. */
int member_of_person(struct app *app, int64_t person_id, struct arena *a, struct member_view *out,
                     struct err *err);

/* A person's household as a resident (我的 of a 居民): where it is and how they belong to it. */
struct member_household {
    int64_t org_id;          /* the community it lies in */
    const char *org_name;    /* that community's org */
    const char *address;     /* the full address */
    const char *grid;        /* NULL when not recorded */
    const char *relation;    /* 户主, 配偶, 子女, 父母, 其他 */
    const char *moved_in_on; /* YYYY-MM-DD; NULL when not recorded */
};
/* The household the person lives in; E_NOT_FOUND when they are no registered resident. Text
 * comes from a. */
int member_household_of_person(struct app *app, int64_t person_id, struct arena *a,
                               struct member_household *out, struct err *err);

/* Masking used by the API and the export: ID number keeps the first 6 and last 4
 * characters (990101********0014), phone the first 3 and last 4 (138****5678), the address
 * its first 6 characters then "****". reveal bits leave those fields as they are. */
#define MEMBER_REVEAL_ID      (1u << 0)
#define MEMBER_REVEAL_PHONE   (1u << 1)
#define MEMBER_REVEAL_ADDRESS (1u << 2)
void member_mask(struct member_view *v, unsigned reveal, struct arena *a);
/* Parses a `reveal` parameter, "id_number,phone,address" (any of them, in any order; empty
 * items are skipped, NULL is none), into MEMBER_REVEAL_* bits in *out. An unknown item is
 * E_INVALID "/reveal", *out untouched. Shared by the member view and the roster export. */
int member_reveal_parse(const char *s, unsigned *out, struct err *err);

/* ---- the service used by the HTTP routes (each call is one transaction with its audit) ---- */

/* Normalizes m and creates person + member (name, id_number, org_id required). The caller
 * checks the actor may write at m->org_id. E_CONFLICT ("/id_number") when the ID number is
 * already registered as a member. */
int member_create(struct app *app, struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, struct err *err);
/* How a change is recorded in member_event (status, category and org changes): the date it
 * took effect (default today), the decision's document number and a note; all optional. */
struct member_change_note {
    char *effective_on, *doc_no, *note;
};
/* Applies the non-NULL fields of patch ("" clears an optional text field) to member id,
 * re-checking every rule on the merged record. A status change must be one RULES.md allows
 * (member_status_change_label; else E_INVALID "/status"), and note->effective_on may be
 * neither after today nor before the member's joined_on (E_INVALID "/effective_on"). The caller
 * checks the actor may write at the member's org and, for a move, at patch->org_id. */
int member_update(struct app *app, int64_t id, struct member_in *patch,
                  const struct member_change_note *note, const struct auth_actor *actor,
                  struct err *err);
/* Moves member id to org_id inside the caller's transaction on c (a transfer accepted by the
 * receiving org): the roster's org change with its member_event history ("org", on
 * note->effective_on or today, with doc_no and note), the 党小组 left, audited
 * ("member.update"). E_NOT_FOUND for an unknown member or org; E_INVALID "/org_id" for a
 * dissolved org. The caller checks the actor may do it. */
int member_move(struct db_conn *c, int64_t id, int64_t org_id,
                const struct member_change_note *note, const struct auth_actor *actor,
                struct err *err);
/* Appends the "member.reveal" audit row for a full view of fields (MEMBER_REVEAL_* bits) of
 * member v. The caller has checked members.reveal_pii at v->org_path. */
int member_reveal_audit(struct app *app, const struct member_view *v, unsigned fields,
                        const struct auth_actor *actor, struct err *err);

struct member_event_view {
    int64_t id;
    const char *kind, *effective_on, *old_value, *new_value, *doc_no, *note;
    int64_t created_at;
};
/* The member's history, newest first. */
int member_events(struct app *app, int64_t id, struct arena *a, struct member_event_view **out,
                  int64_t *n_out, struct err *err);

/* 党员联系卡 (migration 0008). On input NULL = unchanged; on output "" when never filled
 * (updated_at 0). */
struct member_card {
    char *skills, *pledge, *households, *service_time;
    int64_t updated_at;
};
extern const struct field MEMBER_CARD_FIELDS[];
int member_card_get(struct app *app, int64_t id, struct arena *a, struct member_card *out,
                    struct err *err);
/* Changes the fields given (creating the card on first use) and appends the audit row
 * "member.card" with the before/after digest. The caller checks the member is in scope. */
int member_card_update(struct app *app, int64_t id, int64_t org_id, const struct member_card *in,
                       const struct auth_actor *actor, struct err *err);

/* Whether this is a demo instance: config id.demo_prefix, or the database's setting row
 * "instance.demo" = "1" written by `dangjian demo`. Read once per database and cached. */
int member_demo_instance(struct app *app, bool *demo_out, struct err *err);

/* The member registered under m->id_number (m normalized), and what writing m over it
 * (member_upsert) would change: the zh-CN labels (MEMBER_FIELDS, e.g. "学历") of the
 * non-NULL fields of m that differ from the stored record (tags compared as a set). Used by
 * the importer to refuse renames and moves and to report updates. Memory from a. When the ID
 * number is no member's, returns 0 with member_id 0 and person_id the person who has it (0:
 * nobody; member_upsert_many's absent). */
struct member_match {
    int64_t member_id, person_id, org_id;
    const char *org_path, *org_name, *name;
    const char **changed;
    size_t nchanged;
};
int member_match_id_number(struct db_conn *c, const struct member_in *m, struct arena *a,
                           struct member_match *out, struct err *err);

/* The name RULES.md gives a status change (from → to codes): 转正, 停止党籍, 恢复党籍 …; NULL
 * when the change is not allowed (出党 and 死亡 are final). member_update and the importer
 * refuse the others with E_INVALID "/status". */
const char *member_status_change_label(const char *from, const char *to);

/* DEV-PROB-END findings: the 预备党员 of the subtree [path, upper) whose 预备期 (joined_on plus
 * the months of the member_rule version in force on joined_on) ended before today, by org. The
 * orgs area's advisories read it on c. Memory from a. */
struct member_overdue {
    int64_t member_id, org_id;
    const char *org_name, *name, *joined_on, *ends_on;
};
int member_probation_overdue(struct db_conn *c, const char *path, const char *upper,
                             struct arena *a, struct member_overdue **out, int64_t *n_out,
                             struct err *err);
/* Records that a 预备党员's 预备期 was extended to until (DEV-EXTEND, approved by the upper
 * committee), in the caller's transaction on c, audited ("member.probation"): the roster's
 * 预备期 end and its overdue advisory follow it. E_CONFLICT when the member is not 预备. */
int member_probation_extend(struct db_conn *c, int64_t member_id, const char *until,
                            const struct auth_actor *actor, struct err *err);
/* The zh-CN finding shown for an overdue 预备期 ending on ends_on (member pages, advisories). */
const char *member_probation_message(const char *ends_on, struct arena *a);

/* Puts member id in 党小组 group_id (0: out of any), recorded with the audit row
 * "member.group". The group must be a 党小组 (org type "group") directly under the member's
 * own org and not dissolved: else E_INVALID "/group_id". The member's org (its relation)
 * does not change. The caller checks the actor may write at the member's org. */
int member_group_set(struct app *app, int64_t id, int64_t group_id, const struct auth_actor *actor,
                     struct err *err);
