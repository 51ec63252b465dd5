// authz/dev.js: authorization-matrix recipes for member development (发展党员): applying at an
// org (a 党小组 takes no applications: the one validation error there), the lists, an
// applicant's timeline and recording a step of a fixture applicant (a decision step 2 does not
// take, refused by the service after the scope check, so nothing is written).
"use strict";
module.exports = (fx) => ({
  "POST /api/dev/applicants": (org) => {
    const id = fx.demoId(); // its 17th digit gives the gender
    return {
      path: "/api/dev/applicants",
      body: { name: "矩阵申请人", gender: Number(id[16]) % 2 ? "男" : "女", birth_date: "1980-01-01", id_number: id, org_id: org, applied_on: fx.today() },
      ok: fx.orgType(org) === "group" ? 400 : 201,
    };
  },
  "GET /api/dev/applicants": (org) => ({ path: `/api/dev/applicants?org=${org}` }),
  "GET /api/dev/applicants/{id}": (org) => ({ path: `/api/dev/applicants/${fx.applicant(org)}` }),
  "POST /api/dev/applicants/{id}/steps": (org) => ({ path: `/api/dev/applicants/${fx.applicant(org)}/steps`, body: { step: 2, date: "2020-02-01", decision: "approved" }, ok: 400 }),
  // A reason too short for the field spec, refused after the scope check: nothing changes.
  "POST /api/dev/applicants/{id}/steps/{step_id}/withdraw": (org) => {
    const a = fx.applicant(org);
    return { path: `/api/dev/applicants/${a}/steps/${fx.devFirstStep(a)}/withdraw`, body: { reason: "误" }, ok: 400 };
  },
  "GET /api/me/dev": () => ({ path: "/api/me/dev" }),
  "GET /api/dev/pipeline": (org) => ({ path: `/api/dev/pipeline?org=${org}` }),
  "GET /api/dev/rules": (org) => ({ path: `/api/dev/rules?org=${org}&date=2026-06-01` }),
  // Switching the 2026 overlay's DEV26-OATH off for the org's subtree (a 党小组 sets no rules).
  "POST /api/dev/rule-switches": (org) => ({
    path: "/api/dev/rule-switches",
    body: { org_id: org, rule_row: fx.devRuleRow("DEV26-OATH", "xize-2026.05"), enabled: false, note: "矩阵：街道党工委会议确认" },
    ok: fx.orgType(org) === "group" ? 400 : 201,
  }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "dev.read": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "dev.write": ["admin", "org_admin", "branch_secretary"],
  "dev.approve": ["admin", "org_admin"],
  "dev.rules": ["admin", "org_admin"],
};
