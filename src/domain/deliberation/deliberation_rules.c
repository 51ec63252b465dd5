/* deliberation_rules.c: the deliberation area's pure rules: a roster's composition against the
 * rule rows, quorum, the checks on one ballot paper, and the ranking and budget-constrained
 * selection with its explanation lines. No database, no clock: the service reads the rows and
 * calls these (tests/unit/domain/deliberation_rules.c checks them by hand). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/deliberation/deliberation_int.h"

void delib_rules_wan(int64_t fen, char out[32])
{
    int64_t c = (fen + 5000) / 10000; /* hundredths of 万元, rounded half up */

    snprintf(out, 32, "%" PRId64 ".%02" PRId64 " 万元", c / 100, c % 100);
}

static void add_line(const char ***lines, int64_t *n, struct arena *a, const char *s)
{
    const char **v = arena_alloc(a, sizeof(*v) * (size_t)(*n + 1));

    if (*n)
        memcpy(v, *lines, sizeof(*v) * (size_t)*n);
    v[(*n)++] = arena_strdup(a, s);
    *lines = v;
}

void delib_rules_composition(const struct delib_rule *party, const struct delib_rule *resident,
                             struct delib_check *ck, struct arena *a)
{
    char line[300];

    ck->warnings = NULL;
    ck->nwarnings = 0;
    if (party && !(ck->party * party->den > ck->roster * party->num)) {
        snprintf(line, sizeof(line),
                 "%s：党员代表 %" PRId64 " 名，占名册 %" PRId64 " 名的 %" PRId64 "/%" PRId64
                 "，未超过 %" PRId64 "/%" PRId64 "（%s）",
                 party->rule_id, ck->party, ck->roster, ck->party, ck->roster, party->num,
                 party->den, party->source);
        add_line(&ck->warnings, &ck->nwarnings, a, line);
    }
    if (resident && ck->residents * resident->den < resident->num) {
        snprintf(line, sizeof(line), "%s：居民代表 %" PRId64 " 名，少于 %" PRId64 " 名（%s）",
                 resident->rule_id, ck->residents, resident->num / resident->den, resident->source);
        add_line(&ck->warnings, &ck->nwarnings, a, line);
    }
}

bool delib_rules_quorum(const struct delib_rule *q, int64_t present, int64_t roster)
{
    return roster > 0 && present * q->den >= roster * q->num;
}

static int64_t find_option(const struct delib_option *opts, int64_t n, int64_t id)
{
    for (int64_t i = 0; i < n; i++)
        if (opts[i].id == id)
            return i;
    return -1;
}

int delib_rules_vote(const struct delib_ballot *b, const struct delib_option *opts, int64_t nopts,
                     const struct delib_vote_in *v, int64_t *value, struct err *err)
{
    char field[64];
    int64_t limit = b->max_choices < nopts ? b->max_choices : nopts;

    memset(value, 0, sizeof(*value) * (size_t)nopts);
    if (v->nchoices < 1)
        return err_set(err, E_INVALID, "/choices", "请至少选择一项");
    if (strcmp(b->method, "score") != 0 && v->nchoices > limit)
        return err_set(err, E_INVALID, "/choices",
                       strcmp(b->method, "approval") == 0
                           ? "最多可选 %" PRId64 " 项，实选 %" PRId64 " 项"
                           : "排序最多 %" PRId64 " 项，实排 %" PRId64 " 项",
                       limit, v->nchoices);
    /* A borda paper ranks the top k, or every option when k covers them all. */
    for (int64_t i = 0; i < v->nchoices; i++) {
        int64_t k = find_option(opts, nopts, v->choices[i].option_id);
        snprintf(field, sizeof(field), "/choices/%" PRId64 "/option_id", i);
        if (k < 0)
            return err_set(err, E_INVALID, field, "第 %" PRId64 " 项不是本次表决的选项", i + 1);
        for (int64_t j = 0; j < i; j++)
            if (v->choices[j].option_id == v->choices[i].option_id)
                return err_set(err, E_INVALID, field, "第 %" PRId64 " 项重复选择了同一选项", i + 1);
        if (strcmp(b->method, "score") == 0) {
            snprintf(field, sizeof(field), "/choices/%" PRId64 "/score", i);
            if (v->choices[i].score < 0 || v->choices[i].score > b->max_score)
                return err_set(err, E_INVALID, field, "评分应在 0 到 %" PRId64 " 之间",
                               b->max_score);
            value[k] = v->choices[i].score;
        } else if (strcmp(b->method, "borda") == 0) {
            value[k] = nopts - 1 - i;
        } else {
            if (v->choices[i].score)
                return err_set(err, E_INVALID, field, "赞成票不填写分数");
            value[k] = 1;
        }
    }
    if (strcmp(b->method, "borda") == 0 && v->nchoices != limit)
        return err_set(err, E_INVALID, "/choices",
                       "排序不完整：须依次排出前 %" PRId64 " 项，实排 %" PRId64 " 项", limit,
                       v->nchoices);
    return 0;
}

void delib_rules_select(struct delib_result *r, int64_t *pos, int64_t winners, struct arena *a)
{
    const char *unit = strcmp(r->method, "approval") == 0 ? "票" : "分";
    int64_t n = r->ntally, left = r->budget_fen;
    char line[400], need[32], have[32];

    /* Insertion sort: value descending, then the place on the ballot (the stated tie rule). */
    for (int64_t i = 1; i < n; i++) {
        struct delib_tally t = r->tally[i];
        int64_t p = pos[i], j = i;
        int64_t *posv = pos;
        while (j > 0 && (r->tally[j - 1].value < t.value ||
                         (r->tally[j - 1].value == t.value && posv[j - 1] > p))) {
            r->tally[j] = r->tally[j - 1];
            posv[j] = posv[j - 1];
            j--;
        }
        r->tally[j] = t;
        posv[j] = p;
    }
    r->tie_rule = "得分相同时按选项在选票上的顺序排列，靠前者优先";
    r->selected_ids = arena_alloc(a, sizeof(int64_t) * (size_t)(n ? n : 1));
    r->selected_refs = arena_alloc(a, sizeof(int64_t) * (size_t)(n ? n : 1));
    r->nselected = 0;
    r->spent_fen = 0;
    for (int64_t i = 0; i < n; i++) {
        struct delib_tally *t = &r->tally[i];
        t->rank = i + 1;
        t->selected = false;
        if (!r->quorum_met)
            continue;
        if (r->budget_fen) {
            delib_rules_wan(t->cost_fen, need);
            delib_rules_wan(left, have);
            if (t->cost_fen <= left) {
                left -= t->cost_fen;
                t->selected = true;
                char rest[32];
                delib_rules_wan(left, rest);
                snprintf(line, sizeof(line),
                         "第%" PRId64 "名 %s（%" PRId64 " %s）需 %s，剩余预算 %s，入选；余 %s",
                         i + 1, t->title, t->value, unit, need, have, rest);
            } else {
                snprintf(line, sizeof(line),
                         "第%" PRId64 "名 %s（%" PRId64 " %s）需 %s，剩余预算 %s，不足，跳过",
                         i + 1, t->title, t->value, unit, need, have);
            }
        } else if (r->nselected < winners) {
            t->selected = true;
            snprintf(line, sizeof(line),
                     "第%" PRId64 "名 %s（%" PRId64 " %s），入选（名额 %" PRId64 "）", i + 1,
                     t->title, t->value, unit, winners);
        } else {
            snprintf(line, sizeof(line), "第%" PRId64 "名 %s（%" PRId64 " %s），名额已满，未入选",
                     i + 1, t->title, t->value, unit);
        }
        if (t->selected) {
            r->selected_ids[r->nselected] = t->option_id;
            r->selected_refs[r->nselected++] = t->ref_id;
        }
        add_line(&r->lines, &r->nlines, a, line);
    }
    if (r->budget_fen)
        r->spent_fen = r->budget_fen - left;
}
