/* demo_int.h: declarations shared by the files of src/domain/demo only: the row structs and
 * insert functions of demo_store.c (the only place with SQL) and the invented name tables of
 * demo_names.c. Nothing here is part of the module's public interface (demo.h). */
#pragma once

#include "core/buf.h"

struct arena;
struct db_conn;
struct err;

/* ---- demo_store.c: store functions take a connection inside the caller's transaction. ---- */

struct demo_org_row {
    int64_t id, tenant_id, parent_id; /* parent_id 0: the root (NULL) */
    const char *path;                 /* "/1/2/5/" */
    int64_t depth;
    const char *type, *name, *short_name, *code, *founded_on;
    const char *contact_name, *contact_phone, *address, *area;
};

struct demo_person_row {
    int64_t id, tenant_id;
    const char *name, *former_name, *gender, *ethnicity, *birth_date, *id_number, *phone, *address,
        *hukou;
    const char *education, *name_initials;
};

struct demo_member_row {
    int64_t id, tenant_id, person_id, org_id;
    const char *org_path, *status, *category, *joined_on, *full_member_on, *work_unit, *post;
};

struct demo_household_row {
    int64_t id, tenant_id, org_id;
    const char *grid, *building, *unit, *room, *address;
};

struct demo_resident_row {
    int64_t id, tenant_id, person_id, household_id;
    const char *relation, *moved_in_on;
};

/* A status history row (member_event): kind "create" (admission, new_value "probationary")
 * or "status" (old_value -> new_value), with the decision's document number (NULL: none). */
struct demo_member_event_row {
    int64_t tenant_id, member_id;
    const char *kind, *effective_on, *old_value, *new_value, *doc_no, *note;
};

/* An org_event row as org_event_add writes it: old_name and old_short_name are the org's
 * names before the event (the as-of tree puts them back), new_short_name is NULL when the
 * short name did not change; parents are 0 (NULL) unless kind is "move". */
struct demo_org_event_row {
    int64_t tenant_id, org_id, old_parent_id, new_parent_id;
    const char *kind, *effective_on, *doc_no, *note;
    const char *old_name, *new_name, *old_short_name, *new_short_name;
};

/* An org as the history pass reads it back (text copied into the caller's arena; a missing
 * short name or area is "", a missing founding date NULL). */
struct demo_hist_org {
    int64_t id, parent_id, depth; /* parent_id 0: the root */
    const char *path, *type, *name, *short_name, *area, *founded_on;
};

/* Sets *rows_out to the number of orgs, persons and households already stored. */
int demo_store_count_existing(struct db_conn *c, int64_t *rows_out, struct err *err);
/* Inserts one row each, with is_synthetic = 1 and created_at (and updated_at) = now. */
int demo_store_org_insert(struct db_conn *c, const struct demo_org_row *r, int64_t now,
                          struct err *err);
int demo_store_person_insert(struct db_conn *c, const struct demo_person_row *r, int64_t now,
                             struct err *err);
int demo_store_member_insert(struct db_conn *c, const struct demo_member_row *r, int64_t now,
                             struct err *err);
/* The orgs that get linked units (streets and communities): id, type, short name, founded. */
struct demo_unit_org {
    int64_t id;
    const char *type, *short_name, *founded_on;
};
int demo_store_unit_orgs(struct db_conn *c, struct arena *a, struct demo_unit_org **out,
                         int64_t *n_out, struct err *err);
/* One org_unit_link row (left_on NULL: still linked). */
int demo_store_unit_insert(struct db_conn *c, int64_t org_id, const char *unit_name,
                           const char *kind, const char *joined_on, const char *left_on,
                           int64_t now, struct err *err);
int demo_store_member_event_insert(struct db_conn *c, const struct demo_member_event_row *r,
                                   int64_t now, struct err *err);
int demo_store_org_event_insert(struct db_conn *c, const struct demo_org_event_row *r, int64_t now,
                                struct err *err);
/* Marks an org inserted by demo_store_org_insert as dissolved on the given day. */
int demo_store_org_dissolve(struct db_conn *c, int64_t id, const char *dissolved_on,
                            struct err *err);
/* Every org in id order, into a (for the history pass, after all orgs are in). */
int demo_store_hist_orgs(struct db_conn *c, struct arena *a, struct demo_hist_org **out,
                         int64_t *n_out, struct err *err);
int demo_store_member_tag_insert(struct db_conn *c, int64_t member_id, const char *tag,
                                 struct err *err);
int demo_store_household_insert(struct db_conn *c, const struct demo_household_row *r, int64_t now,
                                struct err *err);
int demo_store_resident_insert(struct db_conn *c, const struct demo_resident_row *r, int64_t now,
                               struct err *err);
/* The rows of 0003_roster a believable demo needs: the "instance.demo" setting, 成立 events
 * (carrying the name and parent an org was founded with, taken from the oldest 更名 and
 * 隶属调整 events already stored), current terms of the orgs not dissolved with their 书记
 * and committee posts. Set-based; after the orgs, members and history events. */
int demo_store_roster_extras(struct db_conn *c, const char *today, int64_t now, struct err *err);
/* Bulk-load settings for the generator's connection, outside any transaction: a large page
 * cache, foreign-key and CHECK constraints not evaluated, an in-memory rollback journal
 * (SQLite only; a no-op on PostgreSQL). demo_store_bulk_end restores the connection defaults
 * (WAL, foreign keys and CHECK constraints on, default cache) and is called whether or not the
 * load succeeded. */
int demo_store_bulk_begin(struct db_conn *c, struct err *err);
void demo_store_bulk_end(struct db_conn *c);

/* Bulk mode for the fresh database, inside the generator's transaction. _drop reads the
 * CREATE INDEX and CREATE TRIGGER text of the tables the generator fills from the schema into
 * *s and drops them. After the rows are in, _indexes_restore creates the indexes again and
 * rebuilds the person_fts index; after the set-based roster extras, _triggers_restore creates
 * the triggers again and moves the generation counter once. A failure leaves the schema to
 * the caller's rollback. The struct owns heap memory: _init before use, _release after. */
struct demo_bulk_schema {
    struct buf indexes, triggers; /* SQL scripts, one statement per line */
};
void demo_bulk_schema_init(struct demo_bulk_schema *s);
void demo_bulk_schema_release(struct demo_bulk_schema *s);
int demo_store_bulk_schema_drop(struct db_conn *c, struct demo_bulk_schema *s, struct err *err);
int demo_store_bulk_indexes_restore(struct db_conn *c, const struct demo_bulk_schema *s,
                                    struct err *err);
int demo_store_bulk_triggers_restore(struct db_conn *c, const struct demo_bulk_schema *s,
                                     struct err *err);

/* ---- demo_names.c: invented, fictional name material (DATA.md §2 recipe). ---- */

/* A surname with its initials for name_initials (surname readings: 曾 z, 覃 q, 任 r) and a
 * weight in units of 0.01 %: Zipf-like, about 7 % at rank 1 down to 0.2 % at rank 100, plus
 * 1.5 % compound surnames. */
struct demo_surname {
    const char *s, *ini;
    int w;
};
extern const struct demo_surname DEMO_SURNAMES[];
extern const size_t DEMO_SURNAMES_LEN;

/* Given-name character pools by era of birth and gender. Each pool is a string of entries
 * "<one CJK character><initial letter>", e.g. "国g建j"; all characters are in level 1 of the
 * 通用规范汉字表. Eras: 0 before 1950, 1 1950-69, 2 1970-89, 3 1990-2004, 4 from 2005. */
enum { DEMO_ERAS = 5 };
extern const char *const DEMO_GIVEN_M[DEMO_ERAS];
extern const char *const DEMO_GIVEN_F[DEMO_ERAS];

/* Full names never generated verbatim: the ten most common in China (DATA.md §2). */
extern const char *const DEMO_COMMON_NAMES[];
extern const size_t DEMO_COMMON_NAMES_LEN;

/* Place-name material: two-character pools joined into street, community, estate and road
 * names, plus suffixes. Entries are separated by spaces. */
extern const char DEMO_DISTRICT[]; /* the fictional district, e.g. "澜川" */
extern const char *const DEMO_STREET_A, *const DEMO_STREET_B; /* one character each */
extern const char *const DEMO_COMM_A, *const DEMO_COMM_B;     /* one character each */
extern const char *const DEMO_COMM_SUFFIX;                    /* 苑 里 园 ... */
extern const char *const DEMO_ESTATE_WORDS, *const DEMO_ESTATE_SUFFIX;
extern const char *const DEMO_ROAD_SUFFIX;
extern const char *const DEMO_COMPANY_WORDS;  /* invented company name stems */
extern const char *const DEMO_OUT_CITIES;     /* destination cities of 流动党员 */
extern const char *const DEMO_OTHER_COUNTIES; /* fictional places of registration */
extern const char *const DEMO_WORK_UNITS;     /* public-sector employers (district-prefixed) */
extern const char *const DEMO_POSTS_SERVICE, *const DEMO_POSTS_NEWORG;

/* Ethnic groups with weights in units of 0.01 % (汉族 about 93 %). */
struct demo_weighted {
    const char *s;
    int w;
};
extern const struct demo_weighted DEMO_ETHNICITIES[];
extern const size_t DEMO_ETHNICITIES_LEN;

/* Education levels (小学 .. 博士研究生) with weights per 1000 by birth band and membership:
 * band 0 before 1950, 1 1950-64, 2 1965-79, 3 from 1980. */
enum { DEMO_EDU_LEVELS = 8, DEMO_EDU_BANDS = 4 };
extern const char *const DEMO_EDUCATION[DEMO_EDU_LEVELS];
extern const int DEMO_EDU_MEMBER[DEMO_EDU_BANDS][DEMO_EDU_LEVELS];
extern const int DEMO_EDU_RESIDENT[DEMO_EDU_BANDS][DEMO_EDU_LEVELS];
