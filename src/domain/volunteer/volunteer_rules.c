/* volunteer_rules.c: the volunteer area's pure rules: service times, the one sign-up
 * transition table (报名 / 候补 / 确认 / 完成 / 取消 / 缺席), the checks on an hours record and
 * points from verified facts under versioned rule rows with yearly caps. No database, no
 * clock: the service (volunteer.c) reads rows and the time and calls these. */
#include "core/compat.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "domain/volunteer/volunteer_int.h"

/* The one transition table of a sign-up. "join" is what a new sign-up (or one signed up again
 * after cancelling) takes while a seat is free, "wait" when none is; "promote" gives a freed
 * seat to the first on the waitlist. Check-in and check-out are the organizer's (no forced
 * self check-in, RULES.md PTS-NO-FORCE); check-out completes the sign-up and records hours. */
static const struct transition {
    const char *from, *action, *to;
} TRANSITIONS[] = {
    { NULL, "join", "signed" },
    { NULL, "wait", "waitlist" },
    { "cancelled", "join", "signed" },
    { "cancelled", "wait", "waitlist" },
    { "waitlist", "promote", "signed" },
    { "waitlist", "cancel", "cancelled" },
    { "signed", "confirm", "confirmed" },
    { "signed", "checkin", "confirmed" },
    { "signed", "cancel", "cancelled" },
    { "signed", "absent", "absent" },
    { "confirmed", "checkin", "confirmed" },
    { "confirmed", "checkout", "completed" },
    { "confirmed", "cancel", "cancelled" },
    { "confirmed", "absent", "absent" },
};

const char *volunteer_transition(const char *from, const char *action)
{
    for (size_t i = 0; i < sizeof(TRANSITIONS) / sizeof(TRANSITIONS[0]); i++) {
        const struct transition *t = &TRANSITIONS[i];
        if (strcmp(t->action, action) != 0)
            continue;
        if ((!from && !t->from) || (from && t->from && strcmp(from, t->from) == 0))
            return t->to;
    }
    return NULL;
}

bool volunteer_status_holds_seat(const char *status)
{
    return !strcmp(status, "signed") || !strcmp(status, "confirmed") ||
           !strcmp(status, "completed");
}

static int digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int volunteer_time_parse(const char *s, char out[17], int64_t *min_out)
{
    char date[11];
    int y, m, d, hh, mm;
    size_t len = s ? strlen(s) : 0;

    if ((len != 16 && len != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
        return -1;
    if (len == 19 && (s[16] != ':' || digits(s + 17, 2) < 0 || digits(s + 17, 2) > 59))
        return -1;
    memcpy(date, s, 10);
    date[10] = '\0';
    hh = digits(s + 11, 2);
    mm = digits(s + 14, 2);
    if (date_parse(date, &y, &m, &d) < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        return -1;
    memcpy(out, s, 16);
    out[10] = ' ';
    out[16] = '\0';
    *min_out = date_to_days(y, m, d) * 1440 + hh * 60 + mm;
    return 0;
}

int volunteer_hours_check(int64_t start_min, int64_t end_min, int64_t max_minutes, struct err *err)
{
    if (end_min <= start_min)
        return err_set(err, E_INVALID, "/end", "结束时间须晚于开始时间");
    if (end_min - start_min > max_minutes)
        return err_set(err, E_INVALID, "/end", "一条服务记录不能超过%" PRId64 "小时，请分开登记",
                       max_minutes / 60);
    return 0;
}

const struct volunteer_rule *volunteer_rule_at(const struct volunteer_rule *rules, size_t n,
                                               const char *rule_id, const char *action,
                                               const char *date)
{
    const struct volunteer_rule *best = NULL;

    for (size_t i = 0; i < n; i++) {
        const struct volunteer_rule *r = &rules[i];
        if (!r->enabled || strcmp(r->valid_from, date) > 0 || strcmp(r->valid_to, date) < 0)
            continue;
        if (rule_id ? strcmp(r->rule_id, rule_id) != 0 : !r->action || strcmp(r->action, action))
            continue;
        if (!best || strcmp(r->valid_from, best->valid_from) > 0)
            best = r;
    }
    return best;
}

/* The item of rule_id in row, added when missing (at most 4 rules a person). */
static struct volunteer_points_item *item_of(struct volunteer_points_row *row,
                                             const struct volunteer_rule *r)
{
    for (int i = 0; i < row->nitems; i++)
        if (!strcmp(row->items[i].rule_id, r->rule_id))
            return &row->items[i];
    if (row->nitems == 4)
        return NULL;
    row->items[row->nitems] = (struct volunteer_points_item){
        r->rule_id, r->version, r->action, 0, 0, 0, r->cap_per_year
    };
    return &row->items[row->nitems++];
}

/* Adds the points of the facts [i, j) of one person under one rule row to item. */
static void earn(struct volunteer_points_item *it, const struct volunteer_rule *r, int64_t qty)
{
    it->qty += qty;
    it->raw += (qty / (r->unit > 0 ? r->unit : 1)) * r->points;
    it->version = r->version;
    it->cap = r->cap_per_year;
}

int volunteer_points_compute(const struct volunteer_rule *rules, size_t nr,
                             const struct volunteer_fact *facts, size_t nf, struct arena *a,
                             struct volunteer_points_row **rows_out, int64_t *n_out)
{
    struct volunteer_points_row *rows = arena_alloc(a, sizeof(*rows) * (nf ? nf : 1));
    bool *used = arena_alloc(a, sizeof(*used) * (nf ? nf : 1));
    int64_t n = 0;
    size_t i = 0;

    while (i < nf) {
        struct volunteer_points_row *row = &rows[n++];
        size_t j = i;

        *row =
            (struct volunteer_points_row){ .person_id = facts[i].person_id, .name = facts[i].name };
        /* Facts of one person under one rule row are summed before dividing by the unit, so
         * two 30-minute services make one hour — wherever they sit among the person's facts
         * (hours and post records interleave by date). */
        while (j < nf && facts[j].person_id == row->person_id)
            j++;
        for (size_t k = i; k < j; k++) {
            const struct volunteer_rule *r =
                volunteer_rule_at(rules, nr, NULL, facts[k].action, facts[k].on);
            int64_t qty = 0;
            if (!r || used[k])
                continue;
            for (size_t q = k; q < j; q++)
                if (!used[q] && !strcmp(facts[q].action, facts[k].action) &&
                    volunteer_rule_at(rules, nr, NULL, facts[q].action, facts[q].on) == r) {
                    qty += facts[q].qty;
                    used[q] = true;
                }
            struct volunteer_points_item *it = item_of(row, r);
            if (it)
                earn(it, r, qty);
        }
        for (int t = 0; t < row->nitems; t++) {
            struct volunteer_points_item *it = &row->items[t];
            it->points = it->cap >= 0 && it->raw > it->cap ? it->cap : it->raw;
            row->total += it->points;
        }
        i = j;
    }
    *rows_out = rows;
    *n_out = n;
    return 0;
}
