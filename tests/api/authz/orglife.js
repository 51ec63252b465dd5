// authz/orglife.js: authorization-matrix recipes for the organizational-life area: meetings (a
// fixture meeting of the cell's org), their attendance (a fixture member of the org; at a 党小组
// that member is not in the group, so the call is refused on /items/0/person_id), votes (a
// fixture vote in a held meeting), the caller's own meetings and ballot, compliance and copies.
"use strict";
module.exports = (fx) => {
  const onMeeting = (org, make) => make(fx.meeting(org));
  const meetingType = (org) => (fx.orgType(org) === "group" ? "group" : "theme_day");
  return {
    "GET /api/meetings": (org) => ({ path: `/api/meetings?org=${org}` }),
    "POST /api/meetings": (org) => ({ path: "/api/meetings", body: { org_id: org, type: meetingType(org), topic: "矩阵会议", starts_at: `${fx.today()} 23:00` }, ok: 201 }),
    "GET /api/meetings/{id}": (org) => onMeeting(org, (id) => ({ path: `/api/meetings/${id}` })),
    "PATCH /api/meetings/{id}": (org) => onMeeting(org, (id) => ({ path: `/api/meetings/${id}`, body: { topic: "矩阵会议改" } })),
    "GET /api/meetings/{id}/attendance": (org) => onMeeting(org, (id) => ({ path: `/api/meetings/${id}/attendance` })),
    "PUT /api/meetings/{id}/attendance": (org) => {
      const m = fx.member(org);
      return onMeeting(org, (id) => ({ path: `/api/meetings/${id}/attendance`, body: [{ person_id: m.person_id, status: "present" }], ok: fx.orgType(org) === "group" ? 400 : 200, secrets: [m.name] }));
    },
    "GET /api/me/meetings": () => ({ path: "/api/me/meetings" }),
    // Votes: an invalid body where the call would otherwise depend on the caller's own vote.
    "GET /api/meetings/{id}/votes": (org) => onMeeting(org, (id) => ({ path: `/api/meetings/${id}/votes` })),
    "POST /api/meetings/{id}/votes": (org) => onMeeting(org, (id) => ({ path: `/api/meetings/${id}/votes`, body: { subject: "矩", kind: "decision", method: "open" }, ok: 400 })),
    "POST /api/meetings/{id}/votes/{vote}/ballots": (org) => { const v = fx.vote(org); return { path: `/api/meetings/${v.meeting}/votes/${v.id}/ballots`, body: { person_id: 1, choice: "maybe", how: "present" }, ok: 400 }; },
    "PUT /api/meetings/{id}/votes/{vote}/tally": (org) => { const v = fx.vote(org); return { path: `/api/meetings/${v.meeting}/votes/${v.id}/tally`, body: { yes: -1, no: 0, abstain: 0 }, ok: 400 }; },
    "POST /api/meetings/{id}/votes/{vote}/close": (org) => { const v = fx.vote(org); return { path: `/api/meetings/${v.meeting}/votes/${v.id}/close` }; },
    "GET /api/me/votes": () => ({ path: "/api/me/votes" }),
    "POST /api/me/votes/{vote}/ballot": () => ({ path: "/api/me/votes/1/ballot", body: { choice: "maybe", how: "present" }, ok: 400 }),
    "GET /api/orglife/copy-suspects": (org) => ({ path: `/api/orglife/copy-suspects?org=${org}` }),
    "GET /api/orglife/compliance": (org) => ({ path: `/api/orglife/compliance?org=${org}&from=2026-01-01&to=2026-03-31` }),
  };
};

// The roles holding each permission the area declares (the oracle).
module.exports.policy = {
  "orglife.read": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "orglife.write": ["admin", "org_admin", "branch_secretary", "branch_committee"],
};
