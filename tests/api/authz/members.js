// authz/members.js: authorization-matrix recipes for the members area: the roster, one
// member (a fixture member placed exactly at the cell's org), its events and its card.
"use strict";
module.exports = (fx) => {
  // A recipe on a fresh fixture member at org, whose name a refused call must not echo.
  const onMember = (org, make) => {
    const m = fx.member(org);
    return { ...make(m.id), secrets: [m.name] };
  };
  return {
    "GET /api/me/member": () => ({ path: "/api/me/member" }),
    "GET /api/me/household": () => ({ path: "/api/me/household" }),
    "GET /api/members": (org) => ({ path: `/api/members?org=${org}` }),
    "POST /api/members": (org) => ({ path: "/api/members", body: { name: "矩阵", id_number: fx.demoId(), org_id: org }, ok: 201 }),
    "GET /api/members/{id}": (org) => onMember(org, (id) => ({ path: `/api/members/${id}` })),
    "PATCH /api/members/{id}": (org) => onMember(org, (id) => ({ path: `/api/members/${id}`, body: { work_unit: "矩阵单位" } })),
    "PUT /api/members/{id}/group": (org) => onMember(org, (id) => ({ path: `/api/members/${id}/group`, body: { group_id: 0 } })),
    "GET /api/members/{id}/events": (org) => onMember(org, (id) => ({ path: `/api/members/${id}/events` })),
    "GET /api/members/{id}/card": (org) => onMember(org, (id) => ({ path: `/api/members/${id}/card` })),
    "PATCH /api/members/{id}/card": (org) => onMember(org, (id) => ({ path: `/api/members/${id}/card`, body: { skills: "矩阵专长" } })),
  };
};

// The roles holding each permission the members area declares (the oracle).
module.exports.policy = {
  "members.read": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "members.write": ["admin", "org_admin", "branch_secretary"],
  "members.reveal_pii": ["admin", "org_admin", "branch_secretary"],
};
