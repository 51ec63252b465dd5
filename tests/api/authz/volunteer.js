// authz/volunteer.js: authorization-matrix recipes for volunteer service (志愿服务): the lists of
// an org, a team created at the org, an activity and a post whose period ends before it starts
// (each one validation error after the scope check, nothing written), a fixture activity's
// roster, a fixture self-logged record reviewed with an unknown decision (likewise a 400), a
// member's record and a certificate for a year out of range (400). The self-service routes
// (sign-up, moves, hours, claims, record cards) are open to every signed-in caller for
// themselves and are sent with a malformed body: the same 400 for everyone.
"use strict";
module.exports = (fx) => ({
  "GET /api/volunteer/teams": (org) => ({ path: `/api/volunteer/teams?org=${org}` }),
  "POST /api/volunteer/teams": (org) => ({ path: "/api/volunteer/teams", body: { org_id: org, name: `矩阵服务队${fx.uniq()}` }, ok: 201 }),
  "GET /api/volunteer/activities": (org) => ({ path: `/api/volunteer/activities?org=${org}` }),
  "POST /api/volunteer/activities": (org) => ({ path: "/api/volunteer/activities", body: { org_id: org, title: "矩阵活动", place: "矩阵地点", starts_at: "2030-01-01 10:00", ends_at: "2030-01-01 09:00", capacity: 3 }, ok: 400 }),
  "GET /api/volunteer/activities/{id}": (org) => ({ path: `/api/volunteer/activities/${fx.volActivity(org)}` }),
  "POST /api/volunteer/activities/{id}/signups": () => ({ path: "/api/volunteer/activities/1/signups", body: { person_id: "某人" }, ok: 400 }),
  "POST /api/volunteer/signups/{id}/actions": () => ({ path: "/api/volunteer/signups/1/actions", body: { action: "fly" }, ok: 400 }),
  "POST /api/volunteer/hours": () => ({ path: "/api/volunteer/hours", body: { activity_id: 1, start: "昨天", end: "今天" }, ok: 400 }),
  "GET /api/volunteer/hours": (org) => ({ path: `/api/volunteer/hours?org=${org}&status=pending` }),
  "POST /api/volunteer/hours/{id}/review": (org) => ({ path: `/api/volunteer/hours/${fx.volHours(org)}/review`, body: { decision: "maybe" }, ok: 400 }),
  "GET /api/volunteer/posts": (org) => ({ path: `/api/volunteer/posts?org=${org}` }),
  "POST /api/volunteer/posts": (org) => ({ path: "/api/volunteer/posts", body: { org_id: org, name: "矩阵岗位", kind: "care", duties: "矩阵职责", starts_on: "2030-02-01", ends_on: "2030-01-01" }, ok: 400 }),
  "POST /api/volunteer/posts/{id}/claims": () => ({ path: "/api/volunteer/posts/1/claims", body: { from_on: "明天", to_on: "2030-01-01" }, ok: 400 }),
  "POST /api/volunteer/claims/{id}/records": () => ({ path: "/api/volunteer/claims/1/records", body: { done_on: "今天", content: "矩阵履职" }, ok: 400 }),
  "GET /api/volunteer/people/{id}/record": (org) => ({ path: `/api/volunteer/people/${fx.member(org).person_id}/record` }),
  "POST /api/volunteer/people/{id}/certificate": (org) => ({ path: `/api/volunteer/people/${fx.member(org).person_id}/certificate`, body: { year: 1999 }, ok: 400 }),
  "GET /api/points": (org) => ({ path: `/api/points?org=${org}` }),
  "GET /api/volunteer/export.xlsx": (org) => ({ path: `/api/volunteer/export.xlsx?org=${org}` }),
  "GET /api/volunteer/commendations": (org) => ({ path: `/api/volunteer/commendations?org=${org}` }),
  "GET /api/me/volunteer": () => ({ path: "/api/me/volunteer" }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "volunteer.read": ["admin", "org_admin", "branch_secretary", "branch_committee", "grid_worker"],
  "volunteer.write": ["admin", "org_admin", "branch_secretary", "branch_committee"],
};
