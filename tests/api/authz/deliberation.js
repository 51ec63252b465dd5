// authz/deliberation.js: authorization-matrix recipes for 议事协商: the bodies of an org, a body
// created at an org of the wrong type for its kind (400 after the scope check, nothing written),
// fixture bodies, seats, meetings and ballots read, or written with a malformed body (a role
// that is not one, an unknown action or method, one option, a reason too short: 400 after the
// scope check), and a meeting called (201). Voting is open to every
// signed-in caller (the roster decides): a malformed paper gives everyone the same 400.
"use strict";
module.exports = (fx) => ({
  "GET /api/bodies": (org) => ({ path: `/api/bodies?org=${org}` }),
  "POST /api/bodies": (org) => ({ path: "/api/bodies", body: { org_id: org, kind: fx.orgType(org) === "street" ? "community_council" : "street_assembly", name: `矩阵议事会${fx.uniq()}` }, ok: 400 }),
  "GET /api/bodies/{id}": (org) => ({ path: `/api/bodies/${fx.delibBody(org).id}` }),
  "POST /api/bodies/{id}/seats": (org) => {
    const b = fx.delibBody(org);
    return { path: `/api/bodies/${b.id}/seats`, body: { person_id: b.person_id, role: "mayor", joined_on: fx.today() }, ok: 400 };
  },
  "POST /api/deliberation/seats/{id}/end": (org) => ({ path: `/api/deliberation/seats/${fx.delibSeat(org)}/end`, body: { left_on: "1999-01-01" }, ok: 400 }),
  "POST /api/bodies/{id}/meetings": (org) => ({ path: `/api/bodies/${fx.delibBody(org).id}/meetings`, body: { held_on: fx.today(), place: "矩阵地点", agenda: "矩阵议程" }, ok: 201 }),
  "GET /api/deliberation/meetings/{id}": (org) => ({ path: `/api/deliberation/meetings/${fx.delibMeeting(org)}` }),
  "POST /api/deliberation/meetings/{id}/presence": (org) => ({ path: `/api/deliberation/meetings/${fx.delibMeeting(org)}/presence`, body: { person_id: 1, present: "也许" }, ok: 400 }),
  "POST /api/deliberation/meetings/{id}/actions": (org) => ({ path: `/api/deliberation/meetings/${fx.delibMeeting(org)}/actions`, body: { action: "fly" }, ok: 400 }),
  "POST /api/deliberation/meetings/{id}/ballots": (org) => ({ path: `/api/deliberation/meetings/${fx.delibMeeting(org)}/ballots`, body: { title: "矩阵表决", method: "lottery", options: [{ title: "甲" }, { title: "乙" }] }, ok: 400 }),
  // 问计 (projects_ballot_http.c): a bad method after the meeting's scope check.
  "POST /api/deliberation/meetings/{id}/proposal-ballots": (org) => ({ path: `/api/deliberation/meetings/${fx.delibMeeting(org)}/proposal-ballots`, body: { title: "矩阵表决", method: "lottery", proposals: [{ proposal_id: 1 }, { proposal_id: 2 }] }, ok: 400 }),
  "GET /api/ballots/{id}": (org) => ({ path: `/api/ballots/${fx.delibBallot(org)}` }),
  "PUT /api/ballots/{id}/options": (org) => ({ path: `/api/ballots/${fx.delibBallot(org)}/options`, body: { options: [{ title: "丙" }] }, ok: 400 }),
  "POST /api/ballots/{id}/actions": (org) => ({ path: `/api/ballots/${fx.delibBallot(org)}/actions`, body: { action: "fly" }, ok: 400 }),
  "POST /api/ballots/{id}/votes": () => ({ path: "/api/ballots/1/votes", body: { choices: "全选" }, ok: 400 }),
  "GET /api/ballots/{id}/result": (org) => ({ path: `/api/ballots/${fx.delibBallot(org)}/result` }),
  "POST /api/ballots/{id}/override": (org) => ({ path: `/api/ballots/${fx.delibBallot(org)}/override`, body: { option_ids: [], reason: "短" }, ok: 400 }),
  "GET /api/me/ballots": () => ({ path: "/api/me/ballots" }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "deliberation.read": ["admin", "org_admin", "branch_secretary"],
  "deliberation.write": ["admin", "org_admin"],
  "deliberation.override": ["admin"],
};
