/* auth_policy.c: the permission table (code, zh-CN label, roles holding it), built at start-up
 * from the rows each area declares, and the names of roles. This is the only place that
 * answers what a role may do; scope (which orgs) comes from the grant. */
#include "core/compat.h"
#include "core/err.h"
#include "domain/auth/perm.h"

/* The three permissions the auth area fixes; every other row comes from an area's module row
 * through perm_table_init. */
static const struct perm_row SPECIAL_ROWS[] = {
    { PERM_NONE, "none", "未声明", 0 },
    { PERM_PUBLIC, "public", "公开", 0 },
    { PERM_SESSION, "session", "已登录用户", 0 },
};
static const struct perm_row *rows[PERM_COUNT];
static bool table_ready;

const char *const ROLE_NAMES[] = {
    "admin",       "org_admin", "branch_secretary", "branch_committee",
    "grid_worker", "member",    "resident",         "unit_liaison",
    NULL
};

const char *const ROLE_LABELS[ROLE_COUNT + 1] = {
    "平台管理员", "组织管理员", "支部书记",       "支部委员", "网格员",
    "党员",       "居民",       "共建单位联络人", NULL,
};

/* Puts one row in the table; E_INTERNAL when its id is out of range or taken, or its code is. */
static int table_put(const struct perm_row *r, struct err *err)
{
    if ((unsigned)r->id <= PERM_SESSION || r->id >= PERM_COUNT || !r->code || !r->label)
        return err_set(err, E_INTERNAL, "", "权限 %s 的编号或名称无效", r->code ? r->code : "?");
    if (rows[r->id])
        return err_set(err, E_INTERNAL, "", "权限 %s 声明了两次", r->code);
    for (int p = 0; p < PERM_COUNT; p++)
        if (rows[p] && strcmp(rows[p]->code, r->code) == 0)
            return err_set(err, E_INTERNAL, "", "权限代码 %s 重复", r->code);
    rows[r->id] = r;
    return 0;
}

int perm_table_init(const struct perm_row *const *lists, size_t n, struct err *err)
{
    memset(rows, 0, sizeof(rows));
    table_ready = false;
    for (int p = 0; p <= PERM_SESSION; p++)
        rows[p] = &SPECIAL_ROWS[p];
    for (size_t i = 0; i < n; i++)
        for (const struct perm_row *r = lists[i]; r && r->code; r++)
            if (table_put(r, err) < 0)
                goto fail;
    for (int p = 0; p < PERM_COUNT; p++)
        if (!rows[p]) {
            err_set(err, E_INTERNAL, "", "权限编号 %d 没有哪个模块声明（PERM_ROW 不在 .perms 中）",
                    p);
            goto fail;
        }
    table_ready = true;
    return 0;
fail:
    memset(rows, 0, sizeof(rows));
    return -1;
}

const struct perm_row *perm_row(enum perm p)
{
    if ((unsigned)p > PERM_SESSION && p < PERM_COUNT) {
        ASSERT(table_ready); /* perm_table_init runs at start-up (src/app/) */
        return rows[p];
    }
    return &SPECIAL_ROWS[(unsigned)p <= PERM_SESSION ? p : PERM_NONE];
}

const char *perm_name(enum perm p)
{
    return perm_row(p)->code;
}

const char *perm_label(enum perm p)
{
    return perm_row(p)->label;
}

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? ROLE_NAMES[r] : "?";
}

const char *role_label(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? ROLE_LABELS[r] : "?";
}

int role_parse(const char *s, enum role *out)
{
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (strcmp(ROLE_NAMES[i], s) == 0) {
            *out = (enum role)i;
            return 0;
        }
    }
    return -1;
}

bool role_has(enum role r, enum perm p)
{
    if (p == PERM_PUBLIC || p == PERM_SESSION)
        return true;
    if ((unsigned)r >= ROLE_COUNT || p <= PERM_SESSION || p >= PERM_COUNT)
        return false;
    return (perm_row(p)->roles & ROLE_BIT(r)) != 0;
}

uint64_t role_perms(enum role r)
{
    uint64_t set = 0;

    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
        if (role_has(r, (enum perm)p))
            set |= PERM_BIT(p);
    return set;
}
