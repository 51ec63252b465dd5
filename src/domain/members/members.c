/* members.c: the member roster service's writes: create / update / upsert by ID number (each
 * write with its audit row and member_event history in one transaction), the service card
 * and the reveal audit. Rules are members_rules.c's, reads members_read.c's, the importer's
 * bulk path members_bulk.c's. It does not parse HTTP or files. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/cfg.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/idcard.h"
#include "core/json.h"
#include "core/pinyin.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/members/members_int.h"
#include "domain/orgpath.h"

/* Copies a view into a member_in (for merging a patch over the stored record). */
void member_view_to_in(const struct member_view *v, struct member_in *m, struct arena *a)
{
#define DUP(s) ((s) ? arena_strdup(a, (s)) : NULL)
    m->name = DUP(v->name);
    m->former_name = DUP(v->former_name);
    m->gender = DUP(v->gender);
    m->ethnicity = DUP(v->ethnicity);
    m->birth_date = DUP(v->birth_date);
    m->id_number = DUP(v->id_number);
    m->phone = DUP(v->phone);
    m->address = DUP(v->address);
    m->hukou = DUP(v->hukou);
    m->education = DUP(v->education);
    m->org_id = v->org_id;
    m->status = DUP(v->status);
    m->category = DUP(v->category);
    m->joined_on = DUP(v->joined_on);
    m->full_member_on = DUP(v->full_member_on);
    m->work_unit = DUP(v->work_unit);
    m->post = DUP(v->post);
    m->tags = NULL; /* unchanged unless the patch names tags */
#undef DUP
}

/* Lays the non-NULL fields of patch over m. */
static void merge(struct member_in *m, const struct member_in *patch)
{
#define OVER(f)                                                                                    \
    if (patch->f)                                                                                  \
    m->f = patch->f
    OVER(name);
    OVER(former_name);
    OVER(gender);
    OVER(ethnicity);
    OVER(birth_date);
    OVER(id_number);
    OVER(phone);
    OVER(address);
    OVER(hukou);
    OVER(education);
    OVER(status);
    OVER(category);
    OVER(joined_on);
    OVER(full_member_on);
    OVER(work_unit);
    OVER(post);
    OVER(tags);
    if (patch->org_id)
        m->org_id = patch->org_id;
#undef OVER
}

const char *member_digest_text(const char *field, const char *v, char buf[SEAL_INDEX_CHARS + 1])
{
    if (v && *v && (!strcmp(field, "id_number") || !strcmp(field, "phone")))
        return seal_index(v, buf);
    return v && *v ? v : NULL;
}

/* A member record as the audit digest sees it (audit_change_digest): an object with every
 * MEMBER_FIELDS key, text as strings ("" and NULL as null; ID and phone numbers keyed,
 * member_digest_text), org_id as an integer; tags is the comma-separated list as stored. */
static json_t *member_json(const struct member_in *m)
{
    json_t *o = json_object();
    char buf[SEAL_INDEX_CHARS + 1];

    ASSERT(o);
    for (const struct field *f = MEMBER_FIELDS; f->name; f++) {
        const char *at = (const char *)m + f->offset;
        if (f->type == FIELD_T_ID) {
            int64_t v;
            memcpy(&v, at, sizeof(v));
            json_object_set_new(o, f->name, v ? jint(v) : json_null());
        } else {
            const char *v;
            memcpy(&v, at, sizeof(v));
            v = member_digest_text(f->name, v, buf);
            json_object_set_new(o, f->name, v ? jstr(v) : json_null());
        }
    }
    return o;
}

/* The member's audit row; digest is hex (audit_change_digest) or NULL. */
struct audit_entry member_audit_entry(const struct auth_actor *actor, const char *action,
                                      int64_t member_id, int64_t org_id, const char *digest)
{
    struct audit_entry e = auth_audit_entry(actor, action, "member", member_id, org_id);

    e.digest = digest;
    return e;
}

/* Appends the member's audit row. */
static int audit_member(struct db_conn *c, const struct auth_actor *actor, const char *action,
                        int64_t member_id, int64_t org_id, const char *digest, struct err *err)
{
    struct audit_entry e = member_audit_entry(actor, action, member_id, org_id, digest);

    return audit_append(c, &e, err);
}

int person_add(struct db_conn *c, int64_t tenant_id, const struct member_in *in, struct arena *a,
               int64_t now, int64_t *id_out, struct err *err)
{
    if (member_blank(in->name))
        return err_set(err, E_INVALID, "/name", "请填写姓名");
    if (member_blank(in->gender))
        return err_set(err, E_INVALID, "/gender", "请填写性别");
    return member_store_person_insert(c, in, tenant_id, member_initials_of(in->name, a), now,
                                      id_out, err);
}

char *member_initials_of(const char *name, struct arena *a)
{
    char keys[PINYIN_MAX_KEYS * 34];

    if (!name)
        return NULL;
    pinyin_name_keys(name, keys, sizeof(keys));
    return arena_strdup(a, keys);
}

/* Inserts person (or updates person_id's) and the member; history and audit rows. */
static int insert_member(struct db_conn *c, const struct member_in *m, int64_t person_id,
                         const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct arena a;
    struct member_org org;
    struct member_in in = *m;
    char today[11], digest[65];
    int64_t now = clock_now(), pid = person_id;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (member_blank(in.name)) {
        err_set(err, E_INVALID, "/name", "请填写姓名");
        goto out;
    }
    if (!in.org_id) {
        err_set(err, E_INVALID, "/org_id", "请选择所在党组织");
        goto out;
    }
    if (member_blank(in.gender)) {
        err_set(err, E_INVALID, "/gender", "请填写性别");
        goto out;
    }
    if (!in.status)
        in.status = arena_strdup(&a, "full");
    if (!in.category)
        in.category = arena_strdup(&a, "community");
    if (member_store_org(c, in.org_id, &a, &org, err) < 0)
        goto out;
    if (org.dissolved_on) {
        err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能再登记党员");
        goto out;
    }
    if (pid == 0) {
        if (member_store_person_insert(c, &in, org.tenant_id, member_initials_of(in.name, &a), now,
                                       &pid, err) < 0)
            goto out;
    } else if (member_store_person_update(c, pid, &in, member_initials_of(in.name, &a), now, err) <
               0) {
        goto out;
    }
    audit_change_digest(NULL, member_json(&in), digest);
    if (member_store_member_insert(c, &in, org.tenant_id, pid, org.path, now, id_out, err) < 0 ||
        (in.tags && member_store_tags_set(c, *id_out, in.tags, err) < 0) ||
        member_store_event_insert(c, org.tenant_id, *id_out, "create", today, NULL, in.status, NULL,
                                  NULL, auth_actor_user_id(actor), now, err) < 0 ||
        audit_member(c, actor, "member.create", *id_out, in.org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* 转正 (预备 → 正式, DEV-23): the 转正 date is stored as full_member_on, and the history records
 * the change on the decision's date. */
static bool converting(const char *from, const char *to)
{
    return from && to && !strcmp(from, "probationary") && !strcmp(to, "full");
}

/* Writes merged (already checked) over the stored member cur, with history and audit. */
static int apply_update(struct db_conn *c, const struct member_view *cur,
                        const struct member_in *merged, const struct member_change_note *note,
                        const struct auth_actor *actor, struct err *err)
{
    struct arena a;
    struct member_org org;
    const char *path = NULL;
    char today[11], old_org[24], new_org[24], digest[65];
    const char *on = note && note->effective_on ? note->effective_on : NULL;
    struct member_in before = { 0 }, after = *merged;
    const char *doc = note ? note->doc_no : NULL, *txt = note ? note->note : NULL;
    int64_t now = clock_now(), uid = auth_actor_user_id(actor);
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (!on && converting(cur->status, merged->status) && !member_blank(merged->full_member_on))
        on = merged->full_member_on;
    if (!on)
        on = today;
    if (member_blank(merged->name) || member_blank(merged->gender)) {
        err_set(err, E_INVALID, member_blank(merged->name) ? "/name" : "/gender", "%s不能为空",
                member_blank(merged->name) ? "姓名" : "性别");
        goto out;
    }
    if (cur->id_number && merged->id_number && !*merged->id_number) {
        err_set(err, E_INVALID, "/id_number", "身份证号不能清空");
        goto out;
    }
    if (member_status_change_check(cur->status, merged->status, err) < 0)
        goto out;
    /* The date a change took effect: not ahead of today, not before the member joined. */
    if (strcmp(on, today) > 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期（%s）不能晚于今天（%s）", on, today);
        goto out;
    }
    if (!member_blank(merged->joined_on) && strcmp(on, merged->joined_on) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期（%s）不能早于入党日期（%s）", on,
                merged->joined_on);
        goto out;
    }
    if (member_store_org(c, merged->org_id, &a, &org, err) < 0)
        goto out;
    if (merged->org_id != cur->org_id) {
        if (org.dissolved_on) {
            err_set(err, E_INVALID, "/org_id", "该党组织已撤销，不能转入");
            goto out;
        }
        path = org.path;
    }
    if (member_store_person_update(
            c, cur->person_id, merged,
            strcmp(merged->name, cur->name) ? member_initials_of(merged->name, &a) : NULL, now,
            err) < 0 ||
        member_store_member_update(c, cur->id, merged, path, now, err) < 0 ||
        (path && cur->group_id && member_store_group_set(c, cur->id, 0, 0, now, uid, err) < 0) ||
        (merged->tags && member_store_tags_set(c, cur->id, merged->tags, err) < 0))
        goto out;
    snprintf(old_org, sizeof(old_org), "%" PRId64, cur->org_id);
    snprintf(new_org, sizeof(new_org), "%" PRId64, merged->org_id);
    if (strcmp(cur->status, merged->status) &&
        member_store_event_insert(c, org.tenant_id, cur->id, "status", on, cur->status,
                                  merged->status, doc, txt, uid, now, err) < 0)
        goto out;
    if (strcmp(cur->category, merged->category) &&
        member_store_event_insert(c, org.tenant_id, cur->id, "category", on, cur->category,
                                  merged->category, doc, txt, uid, now, err) < 0)
        goto out;
    if (path && member_store_event_insert(c, org.tenant_id, cur->id, "org", on, old_org, new_org,
                                          doc, txt, uid, now, err) < 0)
        goto out;
    member_view_to_in(cur, &before, &a);
    before.tags = cur->tags ? arena_strdup(&a, cur->tags) : NULL;
    if (!after.tags)
        after.tags = before.tags;
    audit_change_digest(member_json(&before), member_json(&after), digest);
    if (audit_member(c, actor, "member.update", cur->id, merged->org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int member_upsert(struct db_conn *c, const struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, bool *created_out, struct err *err)
{
    struct arena a;
    struct member_key key;
    struct member_view cur;
    struct member_in merged;
    int rc = -1;

    if (member_blank(m->id_number))
        return err_set(err, E_INVALID, "/id_number", "请填写身份证号");
    arena_init(&a, 2048);
    if (member_store_key_by_id_number(c, m->id_number, &a, &key, err) < 0) {
        if (err->code != E_NOT_FOUND)
            goto out;
        err_clear(err);
        key.person_id = key.member_id = 0;
    }
    if (!key.member_id) {
        if (insert_member(c, m, key.person_id, actor, id_out, err) < 0)
            goto out;
        *created_out = true;
        rc = 0;
        goto out;
    }
    if (member_store_get(c, key.member_id, false, &a, &cur, err) < 0)
        goto out;
    memset(&merged, 0, sizeof(merged));
    member_view_to_in(&cur, &merged, &a);
    merge(&merged, m);
    if (member_check(&merged, err) < 0 || apply_update(c, &cur, &merged, NULL, actor, err) < 0)
        goto out;
    *id_out = cur.id;
    *created_out = false;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

/* The ID number being registered is already a member's. A caller who may see that member is
 * told so; anyone else gets an answer that does not say the person is a Party member elsewhere
 * (an existence oracle), and the attempt is audited, readable above the member's org. Sets err;
 * commits the audit row on c (nothing else was written). */
static void already_member(struct db_conn *c, const struct auth_actor *actor,
                           const struct member_key *key, struct err *err)
{
    struct audit_entry e;

    if (!actor->user || auth_can(actor->user, PERM_MEMBERS_READ, key->org_path)) {
        err_set(err, E_CONFLICT, "/id_number", "该身份证号已登记为党员，请在名册中查找后修改");
        return;
    }
    e = member_audit_entry(actor, "member.create", key->member_id, key->org_id, NULL);
    e.result = "denied";
    if (audit_append(c, &e, err) < 0 || db_tx_commit(c, err) < 0)
        return;
    err_set(err, E_CONFLICT, "/id_number", "该身份证号无法在此登记，请联系上级党组织核实");
}

int member_create(struct app *app, struct member_in *m, const struct auth_actor *actor,
                  int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_key key;
    int rc = -1;

    arena_init(&a, 2048);
    if (member_blank(m->id_number)) {
        err_set(err, E_INVALID, "/id_number", "请填写身份证号");
        goto out;
    }
    if (member_normalize(app, m, &a, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0)
        goto out;
    if (member_store_key_by_id_number(c, m->id_number, &a, &key, err) == 0) {
        if (key.member_id) {
            already_member(c, actor, &key, err);
            goto out;
        }
    } else if (err->code == E_NOT_FOUND) {
        err_clear(err);
        key.person_id = 0;
    } else {
        goto out;
    }
    if (insert_member(c, m, key.person_id, actor, id_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int member_update(struct app *app, int64_t id, struct member_in *patch,
                  const struct member_change_note *note, const struct auth_actor *actor,
                  struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_view cur;
    struct member_in merged = { 0 };
    int rc = -1;

    arena_init(&a, 2048);
    if (patch->id_number && !*patch->id_number) {
        err_set(err, E_INVALID, "/id_number", "身份证号不能清空");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        member_store_get(c, id, false, &a, &cur, err) < 0)
        goto out;
    /* The status change first: its message says more than the rules of the new status. */
    if (patch->status && member_status_code(patch->status) &&
        member_status_change_check(cur.status, member_status_code(patch->status), err) < 0)
        goto out;
    member_view_to_in(&cur, &merged, &a);
    merge(&merged, patch);
    /* A patch naming birth date or gender alone must agree with the stored ID number, and
     * a new ID number re-derives them unless the patch names them too. */
    if (patch->id_number && !patch->birth_date)
        merged.birth_date = NULL;
    if (patch->id_number && !patch->gender)
        merged.gender = NULL;
    if (converting(cur.status, merged.status) && member_blank(merged.full_member_on)) {
        char today[11];
        clock_today(today);
        merged.full_member_on =
            arena_strdup(&a, note && note->effective_on ? note->effective_on : today);
    }
    if (member_normalize(app, &merged, &a, err) < 0 ||
        apply_update(c, &cur, &merged, note, actor, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int member_move(struct db_conn *c, int64_t id, int64_t org_id,
                const struct member_change_note *note, const struct auth_actor *actor,
                struct err *err)
{
    struct arena a;
    struct member_view cur;
    struct member_in merged = { 0 };
    int rc = -1;

    arena_init(&a, 2048);
    if (member_store_get(c, id, false, &a, &cur, err) < 0)
        goto out;
    member_view_to_in(&cur, &merged, &a);
    merged.org_id = org_id;
    if (apply_update(c, &cur, &merged, note, actor, err) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

static json_t *card_json(const struct member_card *k)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "skills", k->skills, "pledge", k->pledge, "households",
                     k->households, "service_time", k->service_time);
}

int member_card_update(struct app *app, int64_t id, int64_t org_id, const struct member_card *in,
                       const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_card cur, next;
    char digest[65];
    int rc = -1;

    arena_init(&a, 0);
    if (db_acquire(app->db, &c, err) < 0)
        goto out;
    if (db_tx_begin(c, err) < 0 || member_store_card_get(c, id, &a, &cur, err) < 0)
        goto out;
    next = cur;
    next.skills = in->skills ? in->skills : cur.skills;
    next.pledge = in->pledge ? in->pledge : cur.pledge;
    next.households = in->households ? in->households : cur.households;
    next.service_time = in->service_time ? in->service_time : cur.service_time;
    audit_change_digest(cur.updated_at ? card_json(&cur) : NULL, card_json(&next), digest);
    if (member_store_card_put(c, id, &next, auth_actor_user_id(actor), clock_now(), err) < 0 ||
        audit_member(c, actor, "member.card", id, org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int member_reveal_audit(struct app *app, const struct member_view *v, unsigned fields,
                        const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    char what[64], digest[65];
    int rc = -1;

    snprintf(what, sizeof(what), "%s%s%s", fields & MEMBER_REVEAL_ID ? "id_number," : "",
             fields & MEMBER_REVEAL_PHONE ? "phone," : "",
             fields & MEMBER_REVEAL_ADDRESS ? "address," : "");
    audit_digest(what, strlen(what), digest);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        audit_member(c, actor, "member.reveal", v->id, v->org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int member_group_set(struct app *app, int64_t id, int64_t group_id, const struct auth_actor *actor,
                     struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct member_view cur;
    struct member_org g = { 0 };
    char digest[65], what[64];
    int rc = -1;

    arena_init(&a, 1024);
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        member_store_get(c, id, false, &a, &cur, err) < 0)
        goto out;
    if (group_id) {
        if (member_store_org(c, group_id, &a, &g, err) < 0) {
            err_refine(err, "/group_id", NULL);
            goto out;
        }
        if (strcmp(g.type, "group") || g.parent_id != cur.org_id || g.dissolved_on) {
            err_set(err, E_INVALID, "/group_id",
                    "只能编入本人所在党组织（%s）下设的党小组，“%s”不是", cur.org_name, g.name);
            goto out;
        }
    }
    snprintf(what, sizeof(what), "group:%" PRId64 "->%" PRId64, cur.group_id, group_id);
    audit_digest(what, strlen(what), digest);
    if (member_store_group_set(c, id, g.tenant_id, group_id, clock_now(), auth_actor_user_id(actor),
                               err) < 0 ||
        audit_member(c, actor, "member.group", id, cur.org_id, digest, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int member_probation_extend(struct db_conn *c, int64_t member_id, const char *until,
                            const struct auth_actor *actor, struct err *err)
{
    char digest[65], what[64];
    int64_t org_id;

    if (member_store_probation_extend(c, member_id, until, clock_now(), &org_id, err) < 0) {
        if (err->code == E_NOT_FOUND)
            err->code = E_CONFLICT;
        return -1;
    }
    snprintf(what, sizeof(what), "probation_extended_to:%s", until);
    audit_digest(what, strlen(what), digest);
    return audit_member(c, actor, "member.probation", member_id, org_id, digest, err);
}
