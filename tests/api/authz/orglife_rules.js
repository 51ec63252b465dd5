// authz/orglife_rules.js: authorization-matrix recipes for the frequency rules page: reading
// the rules below an org, setting a local rule (a mid-month start date, refused by the service
// after the scope check, so nothing is written) and ending a fixture local rule of the org.
"use strict";
module.exports = (fx) => ({
  "GET /api/orglife/rules": (org) => ({ path: `/api/orglife/rules?org=${org}` }),
  "POST /api/orglife/rules": (org) => ({ path: "/api/orglife/rules", body: { org_id: org, type: "theme_day", period: "month", min_count: 2, valid_from: "2026-01-15", source: "矩阵规则" }, ok: 400 }),
  "PATCH /api/orglife/rules/{id}": (org) => ({ path: `/api/orglife/rules/${fx.localRule(org)}`, body: { valid_to: "2999-01-01" } }),
});

// The roles holding each permission the area declares (the oracle).
module.exports.policy = {
  "orglife.rules": ["admin", "org_admin"],
};
