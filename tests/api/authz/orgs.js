// authz/orgs.js: authorization-matrix recipes for the orgs area: orgs, their events and
// terms, co-building units (a fixture unit linked at the cell's org), advisories and stats.
"use strict";
module.exports = (fx) => ({
  "GET /api/orgs": (org) => ({ path: `/api/orgs?org=${org}` }),
  "POST /api/orgs": (org) => ({ path: "/api/orgs", body: { parent_id: org, type: fx.childType(org), name: `矩阵${fx.uniq()}` }, ok: 201 }),
  "GET /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}` }),
  "PATCH /api/orgs/{id}": (org) => ({ path: `/api/orgs/${org}`, body: { contact_name: "矩阵" } }),
  "GET /api/orgs/{id}/children": (org) => ({ path: `/api/orgs/${org}/children` }),
  "GET /api/orgs/{id}/tree": (org) => ({ path: `/api/orgs/${org}/tree?depth=1` }),
  "GET /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events` }),
  "POST /api/orgs/{id}/events": (org) => ({ path: `/api/orgs/${org}/events`, body: { kind: "rename", effective_on: fx.today(), new_name: `矩阵${fx.uniq()}` }, ok: 201 }),
  "GET /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms` }),
  "POST /api/orgs/{id}/terms": (org) => ({ path: `/api/orgs/${org}/terms`, body: { elected_on: "2024-01-01" }, ok: 201 }),
  "GET /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units` }),
  "POST /api/orgs/{id}/units": (org) => ({ path: `/api/orgs/${org}/units`, body: { unit_name: fx.uniq(), kind: "co_building" }, ok: 201 }),
  "PATCH /api/orgs/{id}/units/{unit}": (org) => ({ path: `/api/orgs/${org}/units/${fx.unit(org)}`, body: { left_on: "2026-01-01" } }),
  "GET /api/orgs/{id}/advisories": (org) => ({ path: `/api/orgs/${org}/advisories` }),
  "GET /api/orgs/{id}/stats": (org) => ({ path: `/api/orgs/${org}/stats` }),
});

// The roles holding each permission the orgs area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "orgs.read": ["admin", "org_admin", "branch_secretary", "branch_committee", "grid_worker"],
  "orgs.write": ["admin", "org_admin"],
};
