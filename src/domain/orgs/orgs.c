/* orgs.c: the organization network service's writes: creating and changing orgs (names and
 * parents change only through recorded events), each with its audit row. Reads and the tree
 * are orgs_read.c's, terms orgs_terms.c's, advisories and statistics orgs_stats.c's.
 * Permission checks are the caller's (orgs_http.c). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/seal.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs_int.h"

const char *const ORG_TYPES[] = { "district",       "street", "community_committee",
                                  "general_branch", "branch", "joint_branch",
                                  "mobile_branch",  "group",  NULL };
const char *const ORG_TYPE_LABELS[] = { "区委组织部",     "街道党工委", "社区党委",
                                        "社区党总支",     "党支部",     "联合党支部",
                                        "流动党员党支部", "党小组",     NULL };
const char *const ORG_EVENT_KINDS[] = { "found", "rename", "move", "dissolve", NULL };
const char *const ORG_EVENT_KIND_LABELS[] = { "成立", "更名", "隶属调整", "撤销", NULL };

int org_type_index(const char *type)
{
    for (int i = 0; type && ORG_TYPES[i]; i++)
        if (!strcmp(ORG_TYPES[i], type))
            return i;
    return -1;
}

const char *org_type_label(const char *type)
{
    return enum_label(ORG_TYPES, ORG_TYPE_LABELS, type);
}

bool org_type_fits(const char *parent, const char *child)
{
    static const char *const allowed[][6] = {
        /* district */ { "street", NULL },
        /* street */
        { "community_committee", "general_branch", "branch", "joint_branch", "mobile_branch",
          NULL },
        /* community_committee */
        { "general_branch", "branch", "joint_branch", "mobile_branch", NULL },
        /* general_branch */ { "branch", "joint_branch", "mobile_branch", NULL },
        /* branch */ { "group", NULL },
        /* joint_branch */ { "group", NULL },
        /* mobile_branch */ { "group", NULL },
        /* group */ { NULL },
    };
    int p = org_type_index(parent);

    if (p < 0)
        return false;
    for (int i = 0; allowed[p][i]; i++)
        if (!strcmp(allowed[p][i], child))
            return true;
    return false;
}

int audit_org(struct db_conn *c, const struct auth_actor *actor, const char *action,
              const char *target_type, int64_t target, int64_t org_id, json_t *before,
              json_t *after, struct err *err)
{
    char digest[65];
    struct audit_entry e = auth_audit_entry(actor, action, target_type, target, org_id);

    if (before || after) {
        audit_change_digest(before, after, digest);
        e.digest = digest;
    }
    return audit_append(c, &e, err);
}

/* "" as NULL: a cleared field reads as null in a digest. */
const char *org_nz(const char *s)
{
    return s && *s ? s : NULL;
}

/* An org's plain fields as the audit digest sees them (org.create, org.update); the contact
 * phone keyed (core/seal.h), as a plain hash of a phone number is guessed in seconds. */
static json_t *org_fields_json(int64_t parent_id, const char *type, const char *name,
                               const char *short_name, const char *code, const char *founded_on,
                               const char *contact_name, const char *contact_phone,
                               const char *address, const char *area)
{
    char keyed[SEAL_INDEX_CHARS + 1];

    contact_phone = seal_index(org_nz(contact_phone), keyed);
    return json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "parent_id",
                     (json_int_t)parent_id, "type", org_nz(type), "name", org_nz(name),
                     "short_name", org_nz(short_name), "code", org_nz(code), "founded_on",
                     org_nz(founded_on), "contact_name", org_nz(contact_name), "contact_phone",
                     org_nz(contact_phone), "address", org_nz(address), "area", org_nz(area));
}

/* org_fields_json of an org as read, with the non-NULL fields of patch laid over it. */
static json_t *org_view_json(const struct org_view *v, const struct org_in *patch)
{
#define OVER(f) (patch && patch->f ? patch->f : v->f)
    return org_fields_json(v->parent_id, OVER(type), v->name, OVER(short_name), OVER(code),
                           OVER(founded_on), OVER(contact_name), OVER(contact_phone), OVER(address),
                           OVER(area));
#undef OVER
}

/* The fields an org event changes, as the audit digest sees them (org.event). */
static json_t *org_state_json(const char *name, const char *short_name, int64_t parent_id,
                              const char *dissolved_on)
{
    return json_pack("{s:s?, s:s?, s:I, s:s?}", "name", org_nz(name), "short_name",
                     org_nz(short_name), "parent_id", (json_int_t)parent_id, "dissolved_on",
                     org_nz(dissolved_on));
}

/* ---- writes ---- */

int org_create(struct app *app, const struct org_in *in, const struct auth_actor *actor,
               int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row parent;
    struct org_event_in ev = { 0 };
    char today[11], *path;
    int64_t now = clock_now();
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (org_type_index(in->type) < 0) {
        err_set(err, E_INVALID, "/type", "组织类型无效");
        goto out;
    }
    if (in->founded_on && strcmp(in->founded_on, today) > 0) {
        err_set(err, E_INVALID, "/founded_on", "成立日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0)
        goto out;
    if (!in->parent_id) {
        /* A root (a district's 区委组织部): its own tenant, path "/<id>/", depth 0. */
        if (strcmp(in->type, "district") != 0) {
            err_set(err, E_INVALID, "/type", "没有上级的根组织只能是区委组织部（district）");
            goto out;
        }
        memset(&parent, 0, sizeof(parent));
        parent.path = "/";
        parent.depth = -1;
    } else if (org_store_row(c, in->parent_id, &a, &parent, err) < 0) {
        err_refine(err, "/parent_id", NULL);
        goto out;
    }
    if (parent.dissolved_on) {
        err_set(err, E_INVALID, "/parent_id", "上级党组织已撤销");
        goto out;
    }
    if (in->parent_id && !org_type_fits(parent.type, in->type)) {
        err_set(err, E_INVALID, "/type", "%s下不能设立%s", org_type_label(parent.type),
                org_type_label(in->type));
        goto out;
    }
    if (org_store_insert(c, in, &parent, now, id_out, err) < 0)
        goto out;
    path = arena_printf(&a, "%s%" PRId64 "/", parent.path, *id_out);
    if (strlen(path) >= ORG_PATH_MAX) {
        err_set(err, E_INVALID, "/parent_id", "组织层级太深");
        goto out;
    }
    ev.kind = arena_strdup(&a, "found");
    ev.effective_on = in->founded_on ? in->founded_on : today;
    ev.doc_no = in->doc_no;
    ev.new_name = in->name;
    ev.new_short_name = in->short_name;
    ev.new_parent_id = parent.id;
    if (org_store_set_path(c, *id_out, path, parent.depth + 1,
                           parent.tenant_id ? parent.tenant_id : *id_out, err) < 0 ||
        org_store_event_insert(c, parent.tenant_id ? parent.tenant_id : *id_out, *id_out, &ev, NULL,
                               NULL, 0, auth_actor_user_id(actor), now, NULL, err) < 0 ||
        audit_org(c, actor, "org.create", "org", *id_out, *id_out, NULL,
                  org_fields_json(parent.id, in->type, in->name, in->short_name, in->code,
                                  ev.effective_on, in->contact_name, in->contact_phone, in->address,
                                  in->area),
                  err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int org_update(struct app *app, int64_t id, const struct org_in *in, const struct auth_actor *actor,
               struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur, parent;
    struct org_view was;
    char today[11];
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    if (in->name)
        return arena_release(&a),
               err_set(err, E_INVALID, "/name",
                       "更名请登记“更名”事件（POST /api/orgs/{id}/events），以便保留历史");
    if (in->parent_id)
        return arena_release(&a),
               err_set(err, E_INVALID, "/parent_id",
                       "调整隶属关系请登记“隶属调整”事件（POST /api/orgs/{id}/events）");
    if (in->type && org_type_index(in->type) < 0)
        return arena_release(&a), err_set(err, E_INVALID, "/type", "组织类型无效");
    if (in->founded_on && *in->founded_on && strcmp(in->founded_on, today) > 0)
        return arena_release(&a), err_set(err, E_INVALID, "/founded_on", "成立日期不能晚于今天");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, id, &a, &cur, err) < 0 || org_store_get(c, id, &a, &was, err) < 0)
        goto out;
    if (in->type && cur.parent_id) {
        if (org_store_row(c, cur.parent_id, &a, &parent, err) < 0)
            goto out;
        if (!org_type_fits(parent.type, in->type)) {
            err_set(err, E_INVALID, "/type", "%s下不能设立%s", org_type_label(parent.type),
                    org_type_label(in->type));
            goto out;
        }
    }
    if (org_store_update(c, id, in, clock_now(), err) < 0 ||
        audit_org(c, actor, "org.update", "org", id, id, org_view_json(&was, NULL),
                  org_view_json(&was, in), err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

/* The "move" event: org_id (cur) goes under in->new_parent_id, with its subtree's paths. */
static int event_move(struct db_conn *c, struct arena *a, int64_t org_id,
                      const struct org_event_in *in, const struct org_row *cur, int64_t now,
                      struct err *err)
{
    struct org_row np;
    char *new_path;

    if (!in->new_parent_id)
        return err_set(err, E_INVALID, "/new_parent_id", "请选择新的上级党组织");
    if (in->new_parent_id == cur->parent_id)
        return err_set(err, E_INVALID, "/new_parent_id", "新的上级党组织与现在相同");
    if (org_store_row(c, in->new_parent_id, a, &np, err) < 0) {
        err_refine(err, "/new_parent_id", NULL);
        return -1;
    }
    if (orgpath_within(np.path, cur->path))
        return err_set(err, E_INVALID, "/new_parent_id", "不能把党组织调整到它自己的下级组织之下");
    if (np.dissolved_on || !org_type_fits(np.type, cur->type))
        return err_set(err, E_INVALID, "/new_parent_id", "%s下不能设立%s", org_type_label(np.type),
                       org_type_label(cur->type));
    new_path = arena_printf(a, "%s%" PRId64 "/", np.path, org_id);
    return org_store_move(c, org_id, np.id, cur->path, new_path, np.depth + 1 - cur->depth, now,
                          err);
}

/* Applies event in (kind rename, move or dissolve) to org_id (cur) on c. */
static int event_apply(struct db_conn *c, struct arena *a, int64_t org_id,
                       const struct org_event_in *in, const struct org_row *cur, int64_t now,
                       struct err *err)
{
    int64_t members, orgs;

    if (!strcmp(in->kind, "found"))
        return err_set(err, E_INVALID, "/kind", "“成立”在创建党组织时自动记录");
    if (!strcmp(in->kind, "rename")) {
        if (!in->new_name || !*in->new_name)
            return err_set(err, E_INVALID, "/new_name", "请填写新名称");
        return org_store_rename(c, org_id, in->new_name, in->new_short_name, now, err);
    }
    if (!strcmp(in->kind, "move"))
        return event_move(c, a, org_id, in, cur, now, err);
    if (strcmp(in->kind, "dissolve"))
        return err_set(err, E_INVALID, "/kind", "变更类型应为 rename、move 或 dissolve");
    if (org_store_subtree_busy(c, cur->path, org_id, &members, &orgs, err) < 0)
        return -1;
    if (members || orgs)
        return err_set(err, E_CONFLICT, "",
                       "该党组织下还有 %" PRId64 " 名党员、%" PRId64
                       " 个下级组织，请先转出党员、撤销下级组织",
                       members, orgs);
    return org_store_dissolve(c, org_id, in->effective_on, now, err);
}

int org_event_add(struct app *app, int64_t org_id, const struct org_event_in *in,
                  const struct auth_actor *actor, int64_t *event_id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct org_row cur;
    const char *last = NULL;
    char today[11];
    int64_t now = clock_now(), eid = 0;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    *event_id_out = 0;
    if (strcmp(in->effective_on, today) > 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能晚于今天");
        goto out;
    }
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        org_store_row(c, org_id, &a, &cur, err) < 0 ||
        org_store_last_event_date(c, org_id, &a, &last, err) < 0)
        goto out;
    if (cur.dissolved_on) {
        err_set(err, E_CONFLICT, "", "该党组织已于 %s 撤销", cur.dissolved_on);
        goto out;
    }
    if (last && strcmp(in->effective_on, last) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能早于该组织上一次变更（%s）", last);
        goto out;
    }
    if (cur.founded_on && strcmp(in->effective_on, cur.founded_on) < 0) {
        err_set(err, E_INVALID, "/effective_on", "生效日期不能早于成立日期（%s）", cur.founded_on);
        goto out;
    }
    if (event_apply(c, &a, org_id, in, &cur, now, err) < 0)
        goto out;
    if (org_store_event_insert(c, cur.tenant_id, org_id, in, cur.name, cur.short_name,
                               !strcmp(in->kind, "move") ? cur.parent_id : 0,
                               auth_actor_user_id(actor), now, &eid, err) < 0 ||
        audit_org(
            c, actor, "org.event", "org", org_id, org_id,
            org_state_json(cur.name, cur.short_name, cur.parent_id, cur.dissolved_on),
            org_state_json(!strcmp(in->kind, "rename") ? in->new_name : cur.name,
                           !strcmp(in->kind, "rename") && in->new_short_name ? in->new_short_name
                                                                             : cur.short_name,
                           !strcmp(in->kind, "move") ? in->new_parent_id : cur.parent_id,
                           !strcmp(in->kind, "dissolve") ? in->effective_on : cur.dissolved_on),
            err) < 0)
        goto out;
    rc = 0;
out:
    rc = db_tx_finish(app->db, &c, &a, rc, err);
    if (rc == 0)
        *event_id_out = eid;
    return rc;
}
