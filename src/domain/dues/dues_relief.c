/* dues_relief.c: 少交 / 免交 of Party dues (DUES-HARDSHIP, RULES.md §6.3): the branch records
 * a member's application with its committee's agreement; the 上一级党委 approves or refuses.
 * One transaction each, audited. An approved relief lowers what its months expect (read by
 * the ledger, arrears, 党费交至 and the payment check through dues_relief_amount); the
 * software decides nothing. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dues/dues_int.h"

const char *const DUES_RELIEF_KINDS[] = { "reduce", "exempt", NULL };
const char *const DUES_RELIEF_KIND_LABELS[] = { "少交", "免交", NULL };
const char *const DUES_RELIEF_STATUSES[] = { "pending", "approved", "refused", NULL };
const char *const DUES_RELIEF_STATUS_LABELS[] = { "待上级党委审批", "已批准", "未批准", NULL };

/* The checks of the dates and months typed, no database needed. */
static int check_dates(const struct dues_relief_in *in, const char *today, struct err *err)
{
    if (dues_month_index(in->from_month) < 0)
        return err_set(err, E_INVALID, "/from_month", "起始月份须为“年-月”格式，例如 2026-03");
    if (dues_month_index(in->to_month) < 0)
        return err_set(err, E_INVALID, "/to_month", "截止月份须为“年-月”格式，例如 2026-12");
    if (strcmp(in->to_month, in->from_month) < 0)
        return err_set(err, E_INVALID, "/to_month", "截止月份（%s）不能早于起始月份（%s）",
                       in->to_month, in->from_month);
    if (strcmp(in->applied_on, today) > 0)
        return err_set(err, E_INVALID, "/applied_on", "申请日期不能晚于今天");
    if (strcmp(in->branch_agreed_on, in->applied_on) < 0 || strcmp(in->branch_agreed_on, today) > 0)
        return err_set(err, E_INVALID, "/branch_agreed_on",
                       "支部委员会同意日期应在申请日期（%s）和今天之间", in->applied_on);
    return 0;
}

int dues_relief_apply(struct app *app, const struct dues_relief_in *in0,
                      const struct auth_actor *actor, int64_t *id_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_relief_in in = *in0;
    struct dues_member_ref m;
    struct dues_std_row std;
    struct arena a;
    char today[11];
    bool found = false;
    int64_t other = 0, approver = 0;
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (!strcmp(in.kind, "exempt"))
        in.amount_fen = 0;
    if (check_dates(&in, today, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || dues_store_member(c, in.member_id, &a, &m, err) < 0)
        goto out;
    if (strcmp(m.status, "probationary") && strcmp(m.status, "full")) {
        err_set(err, E_CONFLICT, "/member_id", "%s不是预备党员或正式党员", m.name);
        goto out;
    }
    if (dues_store_standard_at(c, m.id, in.from_month, &a, &std, &found, err) < 0)
        goto out;
    if (!found) {
        err_set(err, E_CONFLICT, "/member_id", "%s在 %s 没有核定的党费标准，请先核定标准", m.name,
                in.from_month);
        goto out;
    }
    if (!strcmp(in.kind, "reduce") && (in.amount_fen <= 0 || in.amount_fen >= std.amount_fen)) {
        err_set(err, E_INVALID, "/amount_fen",
                "少交后的月交纳额应大于 0、小于核定标准 %" PRId64 ".%02" PRId64
                " 元；不交请选“免交”",
                std.amount_fen / 100, std.amount_fen % 100);
        goto out;
    }
    if (dues_store_relief_overlap(c, m.id, in.from_month, in.to_month, &other, err) < 0)
        goto out;
    if (other) {
        err_set(err, E_CONFLICT, "/from_month", "%s在这期间已有少交或免交申请（编号 %" PRId64 "）",
                m.name, other);
        goto out;
    }
    if (dues_store_relief_approver(c, m.id, &approver, err) < 0)
        goto out;
    if (!approver) {
        err_set(err, E_CONFLICT, "/member_id", "%s所在党组织之上没有党委，无法报批少交或免交",
                m.name);
        goto out;
    }
    if (dues_store_relief_insert(c, &m, &in, approver, auth_actor_user_id(actor), clock_now(),
                                 id_out, err) < 0 ||
        auth_audit_change(c, actor, "dues.relief", "member", m.id, m.org_id,
                          json_pack("{s:s, s:I, s:s, s:s, s:s}", "kind", in.kind, "amount_fen",
                                    (json_int_t)in.amount_fen, "from_month", in.from_month,
                                    "to_month", in.to_month, "reason", in.reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

static int get_in(struct db_conn *c, int64_t id, struct arena *a, struct dues_relief *out,
                  struct err *err)
{
    struct dues_relief *r;
    int64_t n;

    if (dues_store_reliefs(c, NULL, id, a, &r, &n, err) < 0)
        return -1;
    if (!n)
        return err_set(err, E_NOT_FOUND, "", "少交或免交申请不存在");
    *out = r[0];
    return 0;
}

int dues_relief_get(struct app *app, int64_t id, struct arena *a, struct dues_relief *out,
                    struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = get_in(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int dues_reliefs(struct app *app, const char *path, struct arena *a, struct dues_relief **out,
                 int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = dues_store_reliefs(c, path, 0, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

int dues_relief_decide(struct app *app, int64_t id, bool approve, const char *decided_on,
                       const char *body, const char *doc_no, const char *note,
                       const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_relief r;
    struct arena a;
    char today[11];
    int rc = -1;

    arena_init(&a, 2048);
    clock_today(today);
    if (!decided_on)
        decided_on = today;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        get_in(c, id, &a, &r, err) < 0)
        goto out;
    if (strcmp(decided_on, r.branch_agreed_on) < 0 || strcmp(decided_on, today) > 0) {
        err_set(err, E_INVALID, "/decided_on", "审批日期应在支部委员会同意（%s）之后、今天之前",
                r.branch_agreed_on);
        goto out;
    }
    if (dues_store_relief_decide(c, id, approve ? "approved" : "refused", decided_on, body, doc_no,
                                 note, auth_actor_user_id(actor), clock_now(), err) < 0 ||
        auth_audit_change(c, actor, "dues.relief_decide", "member", r.member_id, r.approver_org_id,
                          json_pack("{s:I, s:s, s:s, s:s, s:s?}", "relief_id", (json_int_t)id,
                                    "status", approve ? "approved" : "refused", "decided_on",
                                    decided_on, "body", body, "doc_no", doc_no),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int dues_relief_end(struct app *app, int64_t id, const char *to_month, const char *reason,
                    const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct dues_relief r;
    struct arena a;
    int rc = -1;

    arena_init(&a, 2048);
    if (dues_month_index(to_month) < 0)
        return err_set(err, E_INVALID, "/to_month", "截止月份须为“年-月”格式，例如 2026-12");
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        get_in(c, id, &a, &r, err) < 0)
        goto out;
    if (strcmp(r.status, "approved")) {
        err_set(err, E_CONFLICT, "/status", "只有已批准的少交或免交可以提前终止");
        goto out;
    }
    if (strcmp(to_month, r.from_month) < 0 || strcmp(to_month, r.to_month) >= 0) {
        err_set(err, E_INVALID, "/to_month", "提前终止的截止月份应在 %s 到 %s 之前", r.from_month,
                r.to_month);
        goto out;
    }
    if (dues_store_relief_end(c, id, to_month, reason, auth_actor_user_id(actor), clock_now(),
                              err) < 0 ||
        auth_audit_change(c, actor, "dues.relief_end", "member", r.member_id, r.approver_org_id,
                          json_pack("{s:I, s:s, s:s, s:s}", "relief_id", (json_int_t)id, "to_month",
                                    to_month, "was", r.to_month, "reason", reason),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}
