/* demands_flow.c: the workflow of a demand as data: each state with its class (open, fixed,
 * closed, as FixMyStreet classes its states) and one transition table (from, action, to,
 * what the action needs). Pure: no database, no clock; demands.c applies the result. The
 * 回访 outcome (满意 / 基本满意 close; 不满意 reopens once, then goes to 督办) is the only
 * branch the table cannot say by itself. */
#include "core/compat.h"
#include "core/err.h"
#include "core/json.h"
#include "domain/demands/demands_int.h"

const char *const DEMAND_STATUSES[] = { "submitted", "accepted",   "dispatched", "resolved",
                                        "reopened",  "supervised", "closed",     NULL };
const char *const DEMAND_STATUS_LABELS[] = { "待受理",   "已受理", "办理中", "已办结待回访",
                                             "重新办理", "督办中", "已结案", NULL };
static const enum demand_class STATUS_CLASS[] = { DEMAND_OPEN,  DEMAND_OPEN, DEMAND_OPEN,
                                                  DEMAND_FIXED, DEMAND_OPEN, DEMAND_OPEN,
                                                  DEMAND_CLOSED };
const char *const DEMAND_CLASSES[] = { "open", "fixed", "closed", NULL };
const char *const DEMAND_CLASS_LABELS[] = { "办理中", "已办结", "已结案", NULL };
const char *const DEMAND_ACTIONS[] = { "intake", "accept",       "dispatch",  "transfer", "return",
                                       "close",  "visit",        "supervise", "pause",    "resume",
                                       "assist", "assist_reply", NULL };
const char *const DEMAND_ACTION_LABELS[] = { "登记",     "受理",     "派单", "转办",     "退单",
                                             "办结",     "回访",     "督办", "暂停计时", "恢复计时",
                                             "请求协办", "协办回复", NULL };
const char *const DEMAND_CHANNELS[] = { "visit", "phone", "walk_in", "web", NULL };
const char *const DEMAND_CHANNEL_LABELS[] = { "入户走访（背包服务）", "电话", "来访", "网上",
                                              NULL };
const char *const DEMAND_ANSWERS[] = { "satisfied", "basically", "unsatisfied", NULL };
const char *const DEMAND_ANSWER_LABELS[] = { "满意", "基本满意", "不满意", NULL };
const char *const DEMAND_HANDLERS[] = { "grid_worker", "community", NULL };
const char *const DEMAND_HANDLER_LABELS[] = { "网格员", "社区", NULL };

struct transition {
    const char *from, *action, *to;
    unsigned needs;
};

/* The one transition table. "visit" leads to "closed" here; demand_flow_next turns a
 * 不满意 answer into "reopened" or "supervised". */
static const struct transition FLOW[] = {
    { "submitted", "accept", "accepted", 0 },
    { "submitted", "supervise", "supervised", DEMAND_NEED_NOTE | DEMAND_NEED_OVERDUE },
    { "accepted", "dispatch", "dispatched", DEMAND_NEED_HANDLER },
    { "accepted", "close", "resolved", DEMAND_NEED_NOTE },
    { "accepted", "supervise", "supervised", DEMAND_NEED_NOTE | DEMAND_NEED_OVERDUE },
    { "dispatched", "transfer", "dispatched", DEMAND_NEED_HANDLER | DEMAND_NEED_NOTE },
    { "dispatched", "return", "accepted", DEMAND_NEED_NOTE },
    { "dispatched", "close", "resolved", DEMAND_NEED_NOTE },
    { "dispatched", "supervise", "supervised", DEMAND_NEED_NOTE | DEMAND_NEED_OVERDUE },
    { "reopened", "dispatch", "dispatched", DEMAND_NEED_HANDLER },
    { "reopened", "close", "resolved", DEMAND_NEED_NOTE },
    { "reopened", "supervise", "supervised", DEMAND_NEED_NOTE | DEMAND_NEED_OVERDUE },
    { "supervised", "dispatch", "dispatched", DEMAND_NEED_HANDLER },
    /* Still late under 督办: the next level up supervises it (挂牌督办). */
    { "supervised", "supervise", "supervised", DEMAND_NEED_NOTE | DEMAND_NEED_OVERDUE },
    { "supervised", "close", "resolved", DEMAND_NEED_NOTE },
    { "resolved", "visit", "closed", DEMAND_NEED_ANSWER },
    /* The clocks of a demand being handled stop only for a recorded reason (waiting for the
     * resident) and run again on resume or on the next step (demand_act). */
    { "accepted", "pause", "accepted", DEMAND_NEED_NOTE },
    { "dispatched", "pause", "dispatched", DEMAND_NEED_NOTE },
    { "reopened", "pause", "reopened", DEMAND_NEED_NOTE },
    { "supervised", "pause", "supervised", DEMAND_NEED_NOTE },
    { "accepted", "resume", "accepted", 0 },
    { "dispatched", "resume", "dispatched", 0 },
    { "reopened", "resume", "reopened", 0 },
    { "supervised", "resume", "supervised", 0 },
    /* 协办: the handler asks a second account to help (the state stays); the helper replies. */
    { "dispatched", "assist", "dispatched", DEMAND_NEED_HANDLER | DEMAND_NEED_NOTE },
    { "supervised", "assist", "supervised", DEMAND_NEED_HANDLER | DEMAND_NEED_NOTE },
    { "accepted", "assist_reply", "accepted", DEMAND_NEED_NOTE },
    { "dispatched", "assist_reply", "dispatched", DEMAND_NEED_NOTE },
    { "reopened", "assist_reply", "reopened", DEMAND_NEED_NOTE },
    { "supervised", "assist_reply", "supervised", DEMAND_NEED_NOTE },
};

enum demand_class demand_status_class(const char *status)
{
    for (size_t i = 0; DEMAND_STATUSES[i]; i++)
        if (strcmp(DEMAND_STATUSES[i], status) == 0)
            return STATUS_CLASS[i];
    return DEMAND_OPEN;
}

const char *demand_class_of(const char *status)
{
    return DEMAND_CLASSES[demand_status_class(status)];
}

int demand_flow_next(const char *status, const char *action, const char *answer,
                     int64_t reopen_count, int64_t supervise_level, const char **to_out,
                     unsigned *needs_out, struct err *err)
{
    for (size_t i = 0; i < ARRAY_LEN(FLOW); i++) {
        if (strcmp(FLOW[i].from, status) || strcmp(FLOW[i].action, action))
            continue;
        *to_out = FLOW[i].to;
        *needs_out = FLOW[i].needs;
        if (strcmp(action, "visit") == 0 && answer && strcmp(answer, "unsatisfied") == 0)
            *to_out = reopen_count < 1 ? "reopened" : supervise_level < 1 ? "supervised" : "closed";
        return 0;
    }
    return err_set(err, E_CONFLICT, "/action", "诉求当前为“%s”，不能%s",
                   enum_label(DEMAND_STATUSES, DEMAND_STATUS_LABELS, status),
                   enum_label(DEMAND_ACTIONS, DEMAND_ACTION_LABELS, action));
}

bool demand_is_overdue(const struct demand_row *d, int64_t now)
{
    if (demand_status_class(d->status) != DEMAND_OPEN || d->paused_at)
        return false;
    return d->due_at < now || (d->hop_due && d->hop_due < now) ||
           (!d->first_response_at && d->respond_due < now);
}
