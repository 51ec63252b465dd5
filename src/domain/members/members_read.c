/* members_read.c: reading the roster: one member (derived labels and ages), its history and
 * service card, masking of personal data for display, and the search with its filters. It
 * writes nothing (the reveal audit is members.c's). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/json.h"
#include "core/pinyin.h"
#include "db/db.h"
#include "domain/app.h"
#include "domain/members/members_int.h"
#include "domain/orgpath.h"

/* The date n years before today (29 Feb becomes 28 Feb in common years), into out[11]. */
static void years_ago(int64_t n, char out[11])
{
    char today[11];

    clock_today(today);
    date_add_months(today, (int)(-12 * n), out);
}

/* ---- views ---- */

/* DEV-PROB-END: the 预备期 ends joined_on + the months of the rule version in force on
 * joined_on (the date of the 支部大会 resolution); false when no version covers it. */
static bool probation_end(const struct member_rules *r, const char *joined_on, char out[11])
{
    for (int64_t i = 0; joined_on && i < r->n; i++) {
        if (strcmp(joined_on, r->v[i].valid_from) >= 0 && strcmp(joined_on, r->v[i].valid_to) < 0) {
            date_add_months(joined_on, (int)r->v[i].months, out);
            return true;
        }
    }
    return false;
}

const char *member_probation_message(const char *ends_on, struct arena *a)
{
    return arena_printf(a,
                        "预备期已于 %s 届满，尚未转正：请提交支部党员大会讨论按期转正、延长预备期"
                        "或取消预备党员资格",
                        ends_on);
}

int member_probation_overdue(struct db_conn *c, const char *path, const char *upper,
                             struct arena *a, struct member_overdue **out, int64_t *n_out,
                             struct err *err)
{
    struct member_rules rules;
    struct member_overdue *v;
    char today[11], end[11];
    int64_t n, k = 0;

    if (member_store_rules(c, "DEV-PROB-END", a, &rules, err) < 0 ||
        member_store_probationary(c, path, upper, a, &v, &n, err) < 0)
        return -1;
    clock_today(today);
    for (int64_t i = 0; i < n; i++) {
        /* ends_on comes in as the extended end (DEV-EXTEND) when there is one. */
        if (v[i].ends_on)
            snprintf(end, sizeof(end), "%s", v[i].ends_on);
        else if (!probation_end(&rules, v[i].joined_on, end))
            continue;
        if (strcmp(end, today) < 0) {
            v[k] = v[i];
            v[k++].ends_on = arena_strdup(a, end);
        }
    }
    *out = v;
    *n_out = k;
    return 0;
}

static void view_finish(struct member_view *v, const struct member_rules *rules, const char *today,
                        struct arena *a)
{
    char end[11];

    v->status_label = member_status_label(v->status);
    v->category_label = member_category_label(v->category);
    v->age = date_years_between(v->birth_date, today);
    /* 党龄 runs from 转正, the end of the 预备期 (DEV-PARTYAGE): none while probationary, and
     * unknown when the 转正 date was never recorded. */
    v->party_age = strcmp(v->status, "probationary") && v->full_member_on
                       ? date_years_between(v->full_member_on, today)
                       : -1;
    v->probation_ends_on = NULL;
    v->probation_overdue = false;
    if (!strcmp(v->status, "probationary") &&
        (v->probation_extended_to ? snprintf(end, sizeof(end), "%s", v->probation_extended_to) > 0
                                  : probation_end(rules, v->joined_on, end))) {
        v->probation_ends_on = arena_strdup(a, end);
        v->probation_overdue = strcmp(end, today) < 0;
    }
}

static char *mask_keep(const char *s, size_t head, size_t tail, size_t stars, struct arena *a)
{
    size_t n = strlen(s);
    char *out;

    if (n <= head + tail) {
        head = n > 2 ? 1 : 0;
        tail = 0;
    }
    out = arena_alloc(a, head + stars + tail + 1);
    memcpy(out, s, head);
    memset(out + head, '*', stars);
    memcpy(out + head + stars, s + n - tail, tail);
    out[head + stars + tail] = '\0';
    return out;
}

void member_mask(struct member_view *v, unsigned reveal, struct arena *a)
{
    if (v->id_number && !(reveal & MEMBER_REVEAL_ID))
        v->id_number = mask_keep(v->id_number, 6, 4, strlen(v->id_number) == 18 ? 8 : 4, a);
    if (v->phone && !(reveal & MEMBER_REVEAL_PHONE))
        v->phone = mask_keep(v->phone, 3, 4, 4, a);
    if (v->address && !(reveal & MEMBER_REVEAL_ADDRESS)) {
        /* Keep the first half (at most 10 characters): district and street, not the room. */
        size_t chars = utf8_len(v->address), keep = chars / 2 > 10 ? 10 : chars / 2;
        const char *p = v->address;
        for (size_t i = 0; i < keep; i++)
            utf8_next(&p);
        v->address = arena_printf(a, "%.*s****", (int)(p - v->address), v->address);
    }
}

int member_reveal_parse(const char *s, unsigned *out, struct err *err)
{
    unsigned bits = 0;

    while (s && *s) {
        const char *end = strchr(s, ',');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (n == 9 && !strncmp(s, "id_number", n))
            bits |= MEMBER_REVEAL_ID;
        else if (n == 5 && !strncmp(s, "phone", n))
            bits |= MEMBER_REVEAL_PHONE;
        else if (n == 7 && !strncmp(s, "address", n))
            bits |= MEMBER_REVEAL_ADDRESS;
        else if (n > 0)
            return err_set(err, E_INVALID, "/reveal",
                           "reveal 只能是 id_number、phone、address（用逗号分隔）");
        s = end ? end + 1 : s + n;
    }
    *out = bits;
    return 0;
}

static int get_view(struct app *app, int64_t id, bool by_person, struct arena *a,
                    struct member_view *out, struct err *err)
{
    struct db_conn *c = NULL;
    struct member_rules rules;
    char today[11];
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_get(c, id, by_person, a, out, err);
    if (rc == 0)
        rc = member_store_rules(c, "DEV-PROB-END", a, &rules, err);
    db_release(app->db, &c);
    if (rc == 0) {
        clock_today(today);
        view_finish(out, &rules, today, a);
    }
    return rc;
}

int member_get(struct app *app, int64_t id, struct arena *a, struct member_view *out,
               struct err *err)
{
    return get_view(app, id, false, a, out, err);
}

int member_of_person(struct app *app, int64_t person_id, struct arena *a, struct member_view *out,
                     struct err *err)
{
    return get_view(app, person_id, true, a, out, err);
}

int member_household_of_person(struct app *app, int64_t person_id, struct arena *a,
                               struct member_household *out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_household(c, person_id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

int member_events(struct app *app, int64_t id, struct arena *a, struct member_event_view **out,
                  int64_t *n_out, struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_events(c, id, a, out, n_out, err);
    db_release(app->db, &c);
    return rc;
}

const struct field MEMBER_CARD_FIELDS[] = {
    FIELD_STR(struct member_card, skills, "skills", "服务专长", FIELD_OPTIONAL, 0, 200),
    FIELD_STR(struct member_card, pledge, "pledge", "服务承诺", FIELD_OPTIONAL, 0, 500),
    FIELD_STR(struct member_card, households, "households", "联系户", FIELD_OPTIONAL, 0, 500),
    FIELD_STR(struct member_card, service_time, "service_time", "服务时间", FIELD_OPTIONAL, 0, 100),
    FIELD_END,
};

int member_card_get(struct app *app, int64_t id, struct arena *a, struct member_card *out,
                    struct err *err)
{
    struct db_conn *c = NULL;
    int rc;

    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_card_get(c, id, a, out, err);
    db_release(app->db, &c);
    return rc;
}

/* "%q%" with LIKE wildcards in q escaped by '\'. */
static char *like_pattern(const char *prefix, const char *q, struct arena *a)
{
    struct buf b;

    buf_init(&b, a, 512);
    buf_puts(&b, prefix);
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    return arena_strdup(a, buf_cstr(&b));
}

int member_search(struct app *app, const struct member_query *q, struct arena *a,
                  struct member_view **out, int64_t *n_out, int64_t *total_out, struct err *err)
{
    struct db_conn *c = NULL;
    struct member_rules rules;
    struct member_search_args s = { .q = q };
    char upper[ORG_PATH_MAX], before[11], after[11], today[11];
    int rc;

    ASSERT(q->org_path);
    if (q->page < 1 || q->size < 1 || q->size > 10000)
        return err_set(err, E_INVALID, "/size", "分页参数无效");
    s.sort = 0;
    if (q->f.sort && *q->f.sort) {
        s.sort = -1;
        for (int i = 0; MEMBER_SORTS[i]; i++)
            if (!strcmp(MEMBER_SORTS[i], q->f.sort))
                s.sort = i;
        if (s.sort < 0)
            return err_set(err, E_INVALID, "/sort",
                           "排序方式应为 id、name、joined_on、birth_date 之一（前加 - 表示倒序）");
    }
    if (q->f.category && !member_code_of(MEMBER_CATEGORIES, MEMBER_CATEGORIES, q->f.category))
        return err_set(err, E_INVALID, "/category", "党员类别无效：%s", q->f.category);
    if (q->f.status && !member_code_of(MEMBER_STATUS_FILTERS, MEMBER_STATUS_FILTERS, q->f.status))
        return err_set(err, E_INVALID, "/status", "党员状态无效：%s", q->f.status);
    if (q->f.status)
        s.statuses = !strcmp(q->f.status, "current") ? ",probationary,full,"
                                                     : arena_printf(a, ",%s,", q->f.status);
    if (q->f.age_min > 0 && q->f.age_max > 0 && q->f.age_min > q->f.age_max)
        return err_set(err, E_INVALID, "/age_min", "最小年龄不能大于最大年龄");
    orgpath_upper(q->org_path, upper);
    s.upper = upper;
    if (q->f.age_min > 0) {
        years_ago(q->f.age_min, before);
        s.born_before = before;
    }
    if (q->f.age_max > 0) {
        years_ago(q->f.age_max + 1, after);
        s.born_after = after;
    }
    if (q->f.q && *q->f.q) {
        bool letters = true;
        for (const char *p = q->f.q; *p; p++)
            letters &= isalpha((unsigned char)*p) != 0;
        if (letters) {
            /* Pinyin initials (and Latin names, whose keys are their letters): a prefix of
             * any of the name's keys; '{' sorts right after 'z'. */
            char *low = arena_strdup(a, q->f.q);
            for (char *p = low; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            s.term_lo = arena_printf(a, "i:%s", low);
            s.term_hi = arena_printf(a, "i:%s{", low);
        } else if (utf8_len(q->f.q) == 2) {
            /* A two-character piece of the name: exactly one term; "\x01" bounds it. */
            s.term_lo = arena_printf(a, "b:%s", q->f.q);
            s.term_hi = arena_printf(a, "b:%s\x01", q->f.q);
        } else if (utf8_len(q->f.q) >= 3) {
            s.fts = q->f.q; /* the store quotes it for the trigram index */
        } else {
            s.like_name = like_pattern("%", q->f.q, a);
        }
    }
    if (db_acquire(app->db, &c, err) < 0)
        return -1;
    rc = member_store_search(c, &s, a, out, n_out, total_out, err);
    if (rc == 0)
        rc = member_store_rules(c, "DEV-PROB-END", a, &rules, err);
    db_release(app->db, &c);
    if (rc == 0) {
        clock_today(today);
        for (int64_t i = 0; i < *n_out; i++)
            view_finish(&(*out)[i], &rules, today, a);
    }
    return rc;
}
