/* demo_int.h: declarations shared by the files of src/domain/demo only (what areas' demo
 * hooks may use too is in demo_kit.h): the row structs and
 * insert functions of demo_store.c and demo_bulk_store.c (the only places with SQL) and the
 * invented name tables of demo_names.c, and the generator state and helpers the demo_*.c parts
 * share. Nothing here is part of the module's public interface (demo.h). */
#pragma once

#include "core/buf.h"
#include "domain/demo/demo.h"
#include "domain/demo/demo_kit.h"

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
/* The "instance.demo" setting (0003_roster): this database holds the demo street. */
int demo_store_setting_demo(struct db_conn *c, int64_t now, struct err *err);
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
extern const char *const DEMO_STREET_A, *const DEMO_STREET_B; /* one character each */
extern const char *const DEMO_COMM_A, *const DEMO_COMM_B;     /* one character each */
extern const char *const DEMO_COMM_SUFFIX;                    /* 苑 里 园 ... */
extern const char *const DEMO_ESTATE_WORDS, *const DEMO_ESTATE_SUFFIX;
extern const char *const DEMO_ROAD_SUFFIX;
extern const char *const DEMO_OUT_CITIES;     /* destination cities of 流动党员 */
extern const char *const DEMO_OTHER_COUNTIES; /* fictional places of registration */
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

/* ---- The generator (demo.c and the demo_*.c parts): shared state and helpers. ---- */

enum {
    BRANCH_MIN = 10,        /* the smallest branch (RULES.md §12) */
    BUILDINGS_PER_GRID = 6, /* buildings per 网格 */
    DOC_BYTES = 64,         /* a document number, "桂社党〔2019〕12号" */
};

/* A bounded string builder for the per-person and per-household texts, which are written
 * millions of times on a large run: the same bytes as sfmt with "%s" and "%d", without the
 * format parsing. Output stops at the buffer's end, as snprintf's does. */
struct sb {
    char *p, *end; /* end: the byte kept for the terminating NUL */
};

struct gchar {
    char ch[4];
    char ini;
};

struct pool {
    int n;
    struct gchar c[POOL_MAX];
};

/* The issued ID numbers (demo_rand.c). */
struct idset {
    uint64_t *slot;
    size_t cap, len; /* cap is a power of two */
};

enum cat {
    CAT_COMMUNITY,
    CAT_MOBILE_OUT,
    CAT_IN_SERVICE,
    CAT_RETIRED,
    CAT_UNEMPLOYED,
    CAT_NEW_ORG,
    CAT_STUDENT,
    CAT_OTHER,
    CAT_N
};

enum kind { KIND_RES, KIND_RETIRED, KIND_JOINT, KIND_MOBILE, KIND_N };

enum tag {
    TAG_HARDSHIP = 1u << 0,
    TAG_VETERAN = 1u << 1,
    TAG_VOLUNTEER = 1u << 2,
    TAG_WORKER = 1u << 3,
};

struct pgen {
    char name[32], ini[16], birth[11], id[19], phone[12];
    char gender[2]; /* "M" or "F" */
    int64_t birth_days;
    int by, age;
    int surname_bytes; /* the surname's length in name */
    const char *ethnicity, *education, *hukou;
};

struct mplan {
    struct pgen p;
    int cat, kind, branch, estate;
    bool probationary, secretary;
    int64_t joined_days, full_days;
    unsigned tags;
};

struct branch {
    int kind, estate, size, ordinal, ngroups;
    int64_t id;
    int secretary; /* member index */
    char path[96], name[160], short_name[96], code[24];
};

struct street {
    int64_t id, founded_days;
    char path[64], code[16];
    char abbr[4];  /* its first character, for document numbers ("青街党工〔2019〕3号") */
    char name[48]; /* "青枫街道" */
    char road[32]; /* its main road, "青枫路" */
};

struct estate {
    char name[32], road[32];
    int road_no, units, floors, rooms, grid_base;
    int64_t buildings;
    int nbranches, anchors, households;
};

struct gen {
    struct db_conn *c;
    struct rng rng;
    /* Streams of their own for the data added later (former names, status history, org
     * history), so that drawing them leaves every name, ID number and date drawn from rng
     * as it was. */
    struct rng r_former, r_event, r_org;
    struct err *err;
    int64_t now, today_days, tenant;
    int ty;
    int64_t next_org, next_person, next_member, next_household, next_resident;
    struct idset ids;
    struct pool given[2][DEMO_ERAS];   /* [0] male, [1] female */
    int surname_cum[128], eth_cum[32]; /* running sums of the weights */
    struct words street_a, street_b, comm_a, comm_b, comm_suffix, estate_words, estate_suffix,
        road_suffix, company, cities, counties, units, posts_service, posts_neworg;
    /* name sequences (see street_stem_next and comm_name_next) */
    int street_pos, comm_pos;
    int street_start, street_stride, comm_start, comm_stride;
    struct demo_result res;
    bool want_member, want_resident;
};

/* The community being generated. */
struct comm {
    int64_t id, founded_days;
    const struct street *street;
    bool big;     /* a 社区党委 (else a 社区党总支) */
    char abbr[4]; /* the first character of its name, for document numbers */
    int street_index, county;
    char path[64], name[64], road[32], street_name[48], street_road[32], hukou[128];
    char addr_prefix[96]; /* "澜川区青枫街道" */
    int m, nbranches, nestates;
    struct mplan *mem;
    struct branch *br;
    struct estate *est;
    bool is_demo_target;
};

/* A bounded builder: output stops at the buffer's end, as snprintf's does. */
void demo_sb_init(struct sb *b, char *out, size_t size);
void demo_sb_mem(struct sb *b, const char *s, size_t n);
void demo_sb_str(struct sb *b, const char *s);
/* v in decimal, zero-padded to width digits. */
void demo_sb_uint(struct sb *b, int64_t v, int width);
double demo_rng_unit(struct rng *r); /* [0, 1) */
/* An index drawn by weight w[0..n-1], or by running sums cum[0..n-1]. */
int demo_rng_weighted(struct rng *r, const int *w, int n);
int demo_rng_weighted_cum(struct rng *r, const int *cum, int n);

/* Parse a pool of "<CJK character><initial>" entries. */
void demo_pool_parse(const char *s, struct pool *out);
/* Adds k; false when it was there already. */
bool demo_idset_add(struct idset *s, uint64_t k);
/* Day numbers (days since 1970-01-01): n years on, completed years between. */
int64_t demo_days_add_years(int64_t days, int n);
int demo_age_on(int64_t birth_days, int64_t today_days);
/* An invented document number "<abbr><issuer>〔<year of day>〕<n>号". */
void demo_doc_no(struct rng *r, const char *abbr, const char *issuer, int64_t day,
                 char out[DOC_BYTES]);
/* A day in [lo, hi] into *out; false when the window is empty. */
bool demo_day_in(struct rng *r, int64_t lo, int64_t hi, int64_t *out);
int64_t demo_max64(int64_t a, int64_t b);
int64_t demo_min64(int64_t a, int64_t b);

/* demo_people.c. A name for someone born in year by (*surname_bytes_out, when not NULL, gets
 * the surname's length); a former name drawn from g->r_former ("" when none came up); a
 * mobile number; a whole person but the address; a birth date for someone `age` today. */
void demo_make_name(struct gen *g, bool female, int by, char name[32], char ini[16],
                    int *surname_bytes_out);
void demo_make_former_name(struct gen *g, const struct pgen *p, char out[32]);
void demo_make_phone(struct gen *g, char out[12]);
void demo_make_person(struct gen *g, const struct comm *cc, bool female, int64_t birth_days,
                      bool member, struct pgen *p);
int64_t demo_birth_for_age(struct gen *g, int age);

/* demo_orgs.c. A stride coprime to n for the name permutations; the next street stem and
 * community name (false when used up); a founding day between two years (after `after`, not
 * after today) into out; one org row, counted. The community's branches and estates are
 * planned, then its orgs inserted (community, branches, 党小组). */
int demo_coprime_stride(struct gen *g, int n);
bool demo_street_stem_next(struct gen *g, char *out, size_t outsz);
bool demo_comm_name_next(struct gen *g, char *stem, size_t stemsz, char *full, size_t fullsz);
int64_t demo_founded(struct gen *g, int from_year, int to_year, int64_t after, char out[11]);
int demo_org_insert(struct gen *g, const struct demo_org_row *r);
void demo_plan_branches(struct gen *g, struct comm *cc, struct arena *a);
void demo_plan_estates(struct gen *g, struct comm *cc);
int demo_insert_community_orgs(struct gen *g, struct comm *cc, const struct street *street,
                               int comm_index, bool big);

/* demo_members.c. Categories, people and dates of a community's roster; one member row with
 * its status history and tags, for the person person_id. */
void demo_plan_roster(struct gen *g, struct comm *cc);
int demo_insert_member(struct gen *g, struct comm *cc, struct mplan *mp, int64_t person_id);

/* demo_households.c. Household k of estate e, with its family (anchor: the member who heads
 * it, or NULL). */
int demo_insert_household(struct gen *g, struct comm *cc, int e, int k, struct mplan *anchor);

/* demo_org_history.c: after every org is in. */
int demo_gen_org_history(struct gen *g);
