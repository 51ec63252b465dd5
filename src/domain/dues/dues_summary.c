/* dues_summary.c: the dues summary of an org subtree for a year, per direct child org (a
 * street's communities, a community's branches), from the same ledger rows as the branch grid:
 * members, expected and paid in the year, what was due up to last month, outstanding, the
 * members who owe. The collection rate is left to the reader (paid of due). */
#include "core/compat.h"
#include "core/arena.h"
#include "core/err.h"
#include "domain/app.h"
#include "domain/dues/dues.h"
#include "domain/orgpath.h"
#include "domain/orgs/orgs.h"

static void add_row(struct dues_sum_row *s, const struct dues_row *r, int year, int last_mi)
{
    int64_t t[4] = { 0 }, due = 0;

    dues_row_totals(r, year, last_mi, t);
    for (int k = 0; k < 12 && year * 12 + k <= last_mi; k++)
        due += r->months[k].expected_fen;
    s->members++;
    s->members_owing += t[3] > 0;
    s->expected_fen += t[0];
    s->paid_fen += t[1];
    s->due_fen += due;
    s->outstanding_fen += t[3];
}

int dues_summary(struct app *app, int64_t org_id, const char *path, int year, struct arena *a,
                 struct dues_sum_row **out, int64_t *n_out, struct dues_sum_row *total_out,
                 struct err *err)
{
    struct org_view self, *kids;
    struct dues_row *rows;
    struct dues_sum_row *s, total = { 0 };
    int64_t nk, nr;
    int last = dues_last_due_month();

    if (org_get(app, org_id, a, &self, err) < 0 ||
        org_children(app, org_id, false, a, &kids, &nk, err) < 0 ||
        dues_ledger(app, path, year, a, &rows, &nr, err) < 0)
        return -1;
    /* s[0..nk) the children, s[nk] the org itself (its own members). */
    s = arena_alloc(a, (size_t)(nk + 1) * sizeof(*s));
    for (int64_t k = 0; k < nk; k++)
        s[k] = (struct dues_sum_row){ .org_id = kids[k].id, .name = kids[k].name };
    s[nk] = (struct dues_sum_row){ .org_id = self.id, .name = self.name };
    for (int64_t i = 0; i < nr; i++) {
        int64_t k = 0;
        while (k < nk && !orgpath_within(rows[i].org_path, kids[k].path))
            k++;
        add_row(&s[k], &rows[i], year, last);
        add_row(&total, &rows[i], year, last);
    }
    total.org_id = self.id;
    total.name = self.name;
    *out = s;
    *n_out = s[nk].members ? nk + 1 : nk;
    *total_out = total;
    return 0;
}
