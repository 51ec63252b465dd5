/* auth_policy.c: the permission table (code, zh-CN label, roles holding it) and the names of
 * roles. This is the only place that says what a role may do; scope (which orgs) comes from
 * the grant. */
#include "core/compat.h"
#include "domain/auth/perm.h"

/* Shorthands for the roles column; the platform admin holds every permission. */
#define ADMIN       ROLE_BIT(ROLE_ADMIN)
#define ORG_ADMIN   ROLE_BIT(ROLE_ORG_ADMIN)
#define SECRETARY   ROLE_BIT(ROLE_BRANCH_SECRETARY)
#define COMMITTEE   ROLE_BIT(ROLE_BRANCH_COMMITTEE)
#define GRID_WORKER ROLE_BIT(ROLE_GRID_WORKER)
#define MANAGERS    (ADMIN | ORG_ADMIN)

static const struct perm_row PERM_ROWS[PERM_COUNT] = {
    [PERM_NONE] = { "none", "未声明", 0 },
    [PERM_PUBLIC] = { "public", "公开", 0 },
    [PERM_SESSION] = { "session", "已登录用户", 0 },
    [PERM_ORGS_READ] = { "orgs.read", "查看党组织",
                         MANAGERS | SECRETARY | COMMITTEE | GRID_WORKER },
    [PERM_ORGS_WRITE] = { "orgs.write", "管理党组织", MANAGERS },
    [PERM_MEMBERS_READ] = { "members.read", "查看党员名册", MANAGERS | SECRETARY | COMMITTEE },
    [PERM_MEMBERS_WRITE] = { "members.write", "管理党员名册", MANAGERS | SECRETARY },
    [PERM_MEMBERS_REVEAL_PII] = { "members.reveal_pii", "查看党员完整个人信息",
                                  MANAGERS | SECRETARY },
    [PERM_RESIDENTS_READ] = { "residents.read", "查看居民信息", MANAGERS | GRID_WORKER },
    [PERM_RESIDENTS_WRITE] = { "residents.write", "管理居民信息", MANAGERS | GRID_WORKER },
    [PERM_USERS_MANAGE] = { "users.manage", "管理账号与授权", MANAGERS },
    [PERM_AUDIT_READ] = { "audit.read", "查看审计日志", MANAGERS },
};

const char *const ROLE_NAMES[] = {
    "admin",       "org_admin", "branch_secretary", "branch_committee",
    "grid_worker", "member",    "resident",         "unit_liaison",
    NULL
};

const char *const ROLE_LABELS[ROLE_COUNT + 1] = {
    "平台管理员", "组织管理员", "支部书记",       "支部委员", "网格员",
    "党员",       "居民",       "共建单位联络人", NULL,
};

const struct perm_row *perm_row(enum perm p)
{
    return &PERM_ROWS[(unsigned)p < PERM_COUNT ? p : PERM_NONE];
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
    return (PERM_ROWS[p].roles & ROLE_BIT(r)) != 0;
}

uint64_t role_perms(enum role r)
{
    uint64_t set = 0;

    for (int p = PERM_SESSION + 1; p < PERM_COUNT; p++)
        if (role_has(r, (enum perm)p))
            set |= PERM_BIT(p);
    return set;
}
