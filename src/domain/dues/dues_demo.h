/* dues_demo.h: the dues demo hook's store functions (dues_demo_store.c), seen only by
 * dues_demo.c and its store: set-based writes for the demo street. */
#pragma once

#include "domain/dues/dues_int.h"

struct dues_demo_pair {
    const char *category;
    int64_t base_fen;
};
/* One month's collection (see SQL_COLLECT). */
struct dues_demo_month {
    const char *month, *receipt_prefix, *paid_on, *late_paid_on, *warnings;
    int64_t skip_mod, only_mod, skip[2], now;
};

/* Standards from `from` for every current member of the street (unpriced: rule_id ''), and a
 * raise from change_from for some (DUES-CHANGE). */
int dues_demo_store_standards(struct db_conn *c, int64_t street, const char *from,
                              const char *change_from, int64_t now, struct err *err);
/* The distinct unpriced (category, base) pairs; pricing one writes k into its standards. */
int dues_demo_store_pairs(struct db_conn *c, struct arena *a, struct dues_demo_pair **out,
                          int64_t *n_out, struct err *err);
int dues_demo_store_price(struct db_conn *c, const struct dues_demo_pair *p,
                          const struct dues_calc *k, struct err *err);
int dues_demo_store_collect(struct db_conn *c, const struct dues_demo_month *m, struct err *err);
/* Two full members of branch other than the demo member login's person. */
int dues_demo_store_pick(struct db_conn *c, int64_t branch, int64_t login_person, struct arena *a,
                         int64_t **out, int64_t *n_out, struct err *err);
int dues_demo_store_entry_of(struct db_conn *c, int64_t member_id, const char *month,
                             int64_t *id_out, struct err *err);
