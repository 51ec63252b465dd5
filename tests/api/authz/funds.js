// authz/funds.js: authorization-matrix recipes for the Party-building funds area (党建经费): the
// lists and the ledger of an org, a plan for a quarter whose activity is dated outside it (one
// validation error after the scope check, nothing written), a fixture draft plan with no
// activity (submitting it is refused for that; forwarding, reviewing and allocating it with a
// bad body: each one validation error after the scope check and before the check of which
// level may act), the street's forward of a quarter with nothing to forward, a budget whose
// reserve exceeds its amount, and a fixture activity's use, photos and check (likewise).
"use strict";
module.exports = (fx) => {
  const onPlan = (org, make) => make(fx.fundPlan(org));
  return {
    "GET /api/funds/rules": (org) => ({ path: `/api/funds/rules?org=${org}` }),
    "GET /api/funds/plans": (org) => ({ path: `/api/funds/plans?org=${org}&year=2026` }),
    "GET /api/funds/ledger": (org) => ({ path: `/api/funds/ledger?org=${org}&year=2026` }),
    "POST /api/funds/plans": (org) => ({ path: "/api/funds/plans", body: { org_id: org, year: 2999, quarter: 1, activities: [{ title: "矩阵活动", date: "2999-05-01", budget_lines: [{ category: "other", amount_fen: 100 }] }] }, ok: 400 }),
    "GET /api/funds/plans/{id}": (org) => onPlan(org, (id) => ({ path: `/api/funds/plans/${id}` })),
    "POST /api/funds/plans/{id}/submit": (org) => onPlan(org, (id) => ({ path: `/api/funds/plans/${id}/submit`, ok: 400 })),
    "POST /api/funds/plans/{id}/forward": (org) => onPlan(org, (id) => ({ path: `/api/funds/plans/${id}/forward`, body: { comments: [{ activity_id: 1, comment: "" }] }, ok: 400 })),
    "POST /api/funds/plans/{id}/review": (org) => onPlan(org, (id) => ({ path: `/api/funds/plans/${id}/review`, body: { decisions: [] }, ok: 400 })),
    "POST /api/funds/plans/{id}/allocate": (org) => onPlan(org, (id) => ({ path: `/api/funds/plans/${id}/allocate`, body: { override_reason: "超" }, ok: 400 })),
    "POST /api/funds/forward": (org) => ({ path: "/api/funds/forward", body: { org_id: org, year: 2999, quarter: 1 }, ok: 400 }),
    // Use, evidence and check on a fixture activity with no allocation: a bad body, or (photos)
    // a body that is not multipart, refused after the scope check; the photo is read.
    "POST /api/funds/activities/{id}/use": (org) => ({ path: `/api/funds/activities/${fx.fundActivity(org)}/use`, body: { held_on: "2000-02-30", participants: 1, summary: "矩阵", spending: [] }, ok: 400 }),
    "POST /api/funds/activities/{id}/photos": (org) => ({ path: `/api/funds/activities/${fx.fundActivity(org)}/photos`, body: { file: "x" }, ok: 400 }),
    "GET /api/funds/activities/{id}/photos/{photo_id}": (org) => { const p = fx.fundPhoto(org); return { path: `/api/funds/activities/${p.activity}/photos/${p.id}` }; },
    "POST /api/funds/activities/{id}/check": (org) => ({ path: `/api/funds/activities/${fx.fundActivity(org)}/check`, body: { result: "maybe" }, ok: 400 }),
    "GET /api/funds/review.xlsx": (org) => ({ path: `/api/funds/review.xlsx?org=${org}&year=2026&quarter=1` }),
    "GET /api/funds/rewards": (org) => ({ path: `/api/funds/rewards?org=${org}&year=2026` }),
    // No recipient for a branch commendation: refused after the scope check whatever the org
    // (a district needs the recipient, a community pays members only, others pay nothing).
    "POST /api/funds/rewards": (org) => ({ path: "/api/funds/rewards", body: { org_id: org, year: 2999, kind: "branch", title: "矩阵表彰", amount_fen: 1, awarded_on: "2999-07-01" }, ok: 400 }),
    "GET /api/funds/incentive": (org) => ({ path: `/api/funds/incentive?org=${org}&year=2026&quarter=1` }),
    "GET /api/funds/variance": (org) => ({ path: `/api/funds/variance?org=${org}&year=2026` }),
    "PUT /api/funds/budgets": (org) => ({ path: "/api/funds/budgets", body: { org_id: org, year: 2999, amount_fen: 100, reserve_fen: 200 }, ok: 400 }),
  };
};

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "funds.read": ["admin", "org_admin"],
  "funds.write": ["admin", "org_admin"],
  "funds.review": ["admin", "org_admin"],
};
