/* transfers_letter.c: introduction letters (介绍信) for transfers outside the system
 * (XFER-ONLINE): issue a numbered letter (per issuing org and year) with its validity
 * (XFER-VALID's row in force on the day) and 党费交至 (XFER-DUES, entered: the dues area has no
 * "paid up to" read), record the 回执 (XFER-RECEIPT), count printed copies, and list the
 * 口袋党员 whose letter ran out without a receipt. Each write is one transaction with its audit
 * row; nothing here changes the roster (the member stays until the org records the move). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/audit/audit.h"
#include "domain/auth/auth.h"
#include "domain/dues/dues.h"
#include "domain/members/members.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"
#include "domain/transfers/transfers_int.h"

const char *const TRANSFER_POCKET_REASONS[] = { "letter_expired", NULL };
const char *const TRANSFER_POCKET_REASON_LABELS[] = { "介绍信逾期未回执", NULL };

/* A month YYYY-MM that is a real month and not after this one. */
static int month_ok(const char *month, const char *today, const char *field, struct err *err)
{
    char d[11];
    int y, m, dd;

    if (!month || strlen(month) != 7 ||
        (snprintf(d, sizeof(d), "%s-01", month), date_parse(d, &y, &m, &dd) < 0))
        return err_set(err, E_INVALID, field, "党费交至月份应为“年-月”，如 2026-03");
    if (strncmp(month, today, 7) > 0)
        return err_set(err, E_INVALID, field, "党费交至月份（%s）不能晚于本月", month);
    return 0;
}

/* The checks that need no transaction: a current member, an issuing org at or above the
 * member's org, dates. */
static int check_letter(struct app *app, const struct transfer_letter_in *in, const char *today,
                        struct arena *a, struct member_view *m, struct org_view *issuer,
                        struct err *err)
{
    if (member_get(app, in->member_id, a, m, err) < 0) {
        if (err->code == E_NOT_FOUND)
            snprintf(err->field, sizeof(err->field), "/member_id");
        return -1;
    }
    if (strcmp(m->status, "probationary") && strcmp(m->status, "full"))
        return err_set(err, E_INVALID, "/member_id", "%s的党籍状态为“%s”，不能开具介绍信", m->name,
                       m->status_label);
    if (org_get(app, in->org_id ? in->org_id : m->org_id, a, issuer, err) < 0) {
        if (err->code != E_NOT_FOUND)
            return -1;
        err_clear(err);
        return err_set(err, E_INVALID, "/org_id", "开具介绍信的党组织不存在");
    }
    if (!orgpath_within(m->org_path, issuer->path))
        return err_set(err, E_INVALID, "/org_id", "介绍信应由%s或其上级党组织开具，%s不是",
                       m->org_name, issuer->name);
    if (strcmp(in->issued_on, today) > 0)
        return err_set(err, E_INVALID, "/issued_on", "开具日期（%s）不能晚于今天（%s）",
                       in->issued_on, today);
    return in->dues_paid_to ? month_ok(in->dues_paid_to, today, "/dues_paid_to", err) : 0;
}

/* 党费交至 when not typed: from the dues ledger (dues.h), or a request to type it. */
static int dues_paid_to_or_ask(struct app *app, struct transfer_letter_in *in, const char *name,
                               struct arena *a, struct err *err)
{
    const char *to;

    if (in->dues_paid_to)
        return 0;
    if (dues_paid_to(app, in->member_id, a, &to, err) < 0)
        return -1;
    if (!to)
        return err_set(err, E_INVALID, "/dues_paid_to",
                       "党费台账中没有%s交清党费的月份，请填写党费交至月份", name);
    in->dues_paid_to = arena_strdup(a, to);
    return 0;
}

int transfer_letter_create(struct app *app, const struct transfer_letter_in *in0,
                           const struct auth_actor *actor, struct arena *a, int64_t *id_out,
                           const char **number_out, const char **valid_until_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct transfer_letter_in in = *in0;
    struct member_view m;
    struct org_view issuer;
    struct transfer_rule r;
    struct transfer_letter_row row = { 0 };
    struct transfer_letter_view v;
    char today[11], until[11];
    int64_t open = 0, months;
    bool has = false;
    int rc = -1;

    clock_today(today);
    if (!in.issued_on)
        in.issued_on = today;
    if (check_letter(app, &in, today, a, &m, &issuer, err) < 0 ||
        dues_paid_to_or_ask(app, &in, m.name, a, err) < 0 || db_acquire(app->db, &c, err) < 0 ||
        db_tx_begin(c, err) < 0 || transfers_store_open_of(c, in.member_id, &open, err) < 0)
        goto out;
    if (open) {
        err_set(err, E_CONFLICT, "/member_id",
                "%s有一笔系统内转接待接收，请先由接收党组织办结或退回", m.name);
        goto out;
    }
    if (transfers_store_letter_open_of(c, in.member_id, today, &open, err) < 0)
        goto out;
    if (open) {
        err_set(err, E_CONFLICT, "/member_id",
                "%s已有一封尚在有效期内、未收到回执的介绍信，不能重复开具", m.name);
        goto out;
    }
    if (transfers_store_rule(c, "XFER-VALID", in.issued_on, a, &r, &has, err) < 0)
        goto out;
    months = has ? transfer_rule_param(&r, "months", 3) : 3;
    date_add_months(in.issued_on, (int)months, until);
    row.member_id = in.member_id;
    row.org_id = issuer.id;
    row.year = strtoll(in.issued_on, NULL, 10);
    row.to_org_name = in.to_org_name;
    row.issued_on = in.issued_on;
    row.valid_until = arena_strdup(a, until);
    row.valid_rule = has ? arena_printf(a, "%s %s", r.rule_id, r.rule_set) : "XFER-VALID default";
    row.dues_paid_to = in.dues_paid_to;
    row.member_status = m.status;
    row.note = in.note;
    row.created_by = auth_actor_user_id(actor);
    row.created_at = clock_now();
    if (transfers_store_letter_insert(c, &row, id_out, err) < 0 ||
        transfers_store_letter_get(c, *id_out, today, a, &v, err) < 0 ||
        auth_audit_change(c, actor, "transfer.letter", "transfer_letter", *id_out, issuer.id,
                          json_pack("{s:I, s:s, s:s, s:s, s:s}", "member_id",
                                    (json_int_t)in.member_id, "number", v.number, "to_org_name",
                                    in.to_org_name, "valid_until", until, "dues_paid_to",
                                    in.dues_paid_to),
                          err) < 0)
        goto out;
    *number_out = v.number;
    *valid_until_out = row.valid_until;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfer_letter_get(struct app *app, int64_t id, struct arena *a,
                        struct transfer_letter_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_letter_get(c, id, today, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int transfer_letters_list(struct app *app, const char *path, const char *status, int64_t page,
                          int64_t size, struct arena *a, struct transfer_letter_view **out,
                          int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_letters(c, path, status, today, page, size, a, out, n_out, total_out, err);
    db_release(app->db, &c);
    return rc;
}

int transfer_letter_receipt(struct app *app, int64_t id, const char *received_on, const char *note,
                            const struct auth_actor *actor, struct err *err)
{
    struct db_conn *c = NULL;
    struct arena a;
    struct transfer_letter_view v;
    char today[11];
    const char *on;
    int rc = -1;

    arena_init(&a, 1024);
    clock_today(today);
    on = received_on ? received_on : today;
    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_letter_get(c, id, today, &a, &v, err) < 0)
        goto out;
    if (v.received_on) {
        err_set(err, E_CONFLICT, "/received_on", "这封介绍信的回执已于%s登记，不能重复登记",
                v.received_on);
        goto out;
    }
    if (strcmp(on, today) > 0 || strcmp(on, v.issued_on) < 0) {
        err_set(err, E_INVALID, "/received_on", "回执日期应在开具日期（%s）和今天（%s）之间",
                v.issued_on, today);
        goto out;
    }
    if (transfers_store_letter_receipt(c, id, on, note, auth_actor_user_id(actor), err) < 0 ||
        auth_audit_change(c, actor, "transfer.receipt", "transfer_letter", id, v.org_id,
                          json_pack("{s:I, s:s}", "id", (json_int_t)id, "received_on", on),
                          err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, &a, rc, err);
}

int transfer_letter_printed(struct app *app, int64_t id, int64_t *count_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc = -1;

    if (db_acquire(app->db, &c, err) < 0 || db_tx_begin(c, err) < 0 ||
        transfers_store_letter_printed(c, id, count_out, err) < 0)
        goto out;
    rc = 0;
out:
    return db_tx_finish(app->db, &c, NULL, rc, err);
}

int transfers_pocket(struct app *app, const char *path, struct arena *a,
                     struct transfer_pocket **out, int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    char today[11];
    int rc;

    clock_today(today);
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = transfers_store_pocket(c, path, today, a, out, n_out, err);
    db_release(app->db, &c);
    if (rc < 0)
        return -1;
    /* Pocketed since the first day past the letter's validity. */
    for (int64_t i = 0; i < *n_out; i++) {
        int y, m, d;
        if (date_parse((*out)[i].since, &y, &m, &d) == 0) {
            date_from_days(date_to_days(y, m, d) + 1, &y, &m, &d);
            (*out)[i].since = arena_printf(a, "%04d-%02d-%02d", y, m, d);
        }
    }
    return 0;
}
