/* auth_policy.c: the role → permission table and the names of roles and permissions. This is
 * the only place that says what a role may do; scope (which orgs) comes from the grant. */
#include "core/compat.h"
#include "domain/auth/perm.h"

static const char *const PERM_NAMES[PERM_COUNT] = {
    [PERM_NONE] = "none",
    [PERM_PUBLIC] = "public",
    [PERM_SESSION] = "session",
    [PERM_ORGS_READ] = "orgs.read",
    [PERM_ORGS_WRITE] = "orgs.write",
    [PERM_MEMBERS_READ] = "members.read",
    [PERM_MEMBERS_WRITE] = "members.write",
    [PERM_MEMBERS_REVEAL_PII] = "members.reveal_pii",
    [PERM_RESIDENTS_READ] = "residents.read",
    [PERM_RESIDENTS_WRITE] = "residents.write",
    [PERM_USERS_MANAGE] = "users.manage",
    [PERM_AUDIT_READ] = "audit.read",
};

const char *const ROLE_NAMES[] = {
    "admin",       "org_admin", "branch_secretary", "branch_committee",
    "grid_worker", "member",    "resident",         "unit_liaison",
    NULL
};

static const char *const ROLE_LABELS[ROLE_COUNT] = {
    "平台管理员", "组织管理员", "支部书记", "支部委员", "网格员", "党员", "居民", "共建单位联络人",
};

#define P(x) (1u << (x))
static const unsigned ROLE_PERMS[ROLE_COUNT] = {
    [ROLE_ADMIN] = ~0u,
    [ROLE_ORG_ADMIN] = P(PERM_ORGS_READ) | P(PERM_ORGS_WRITE) | P(PERM_MEMBERS_READ) |
                       P(PERM_MEMBERS_WRITE) | P(PERM_MEMBERS_REVEAL_PII) | P(PERM_RESIDENTS_READ) |
                       P(PERM_RESIDENTS_WRITE) | P(PERM_USERS_MANAGE) | P(PERM_AUDIT_READ),
    [ROLE_BRANCH_SECRETARY] = P(PERM_ORGS_READ) | P(PERM_MEMBERS_READ) | P(PERM_MEMBERS_WRITE) |
                              P(PERM_MEMBERS_REVEAL_PII),
    [ROLE_BRANCH_COMMITTEE] = P(PERM_ORGS_READ) | P(PERM_MEMBERS_READ),
    [ROLE_GRID_WORKER] = P(PERM_ORGS_READ) | P(PERM_RESIDENTS_READ) | P(PERM_RESIDENTS_WRITE),
    [ROLE_MEMBER] = 0,
    [ROLE_RESIDENT] = 0,
    [ROLE_UNIT_LIAISON] = 0,
};

const char *perm_name(enum perm p)
{
    return (unsigned)p < PERM_COUNT ? PERM_NAMES[p] : "none";
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
    return (ROLE_PERMS[r] & P(p)) != 0;
}
