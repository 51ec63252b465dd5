// authz/demands.js: authorization-matrix recipes for grids and resident demands (群众诉求):
// the lists and statistics of an org; a grid made at a community (a 400 elsewhere: grids
// belong to communities); a fixture grid's workers (cleared) and households; a demand taken in
// on a fixture grid (a 400 unless the grid is a community's); a fixture demand's detail,
// handlers and 受理; a 居民's own demands. Fixture grids are worked by the 网格员 login, so their scope is the org's.
"use strict";
module.exports = (fx) => ({
  "GET /api/grids": (org) => ({ path: `/api/grids?org=${org}` }),
  "POST /api/grids": (org) => ({ path: "/api/grids", body: { org_id: org, name: fx.uniq() },
    ok: fx.orgType(org) === "community_committee" ? 201 : 400 }),
  "PUT /api/grids/{id}/workers": (org) => ({ path: `/api/grids/${fx.grid(org)}/workers`, body: { workers: [] } }),
  "GET /api/grids/{id}/households": (org) => ({ path: `/api/grids/${fx.grid(org)}/households` }),
  "GET /api/grids/worker-accounts": (org) => ({ path: `/api/grids/worker-accounts?org=${org}` }),
  "GET /api/demands/categories": () => ({ path: "/api/demands/categories" }),
  "PATCH /api/demands/categories/{code}": () => ({ path: "/api/demands/categories/other", body: { enabled: true } }),
  "GET /api/demands": (org) => ({ path: `/api/demands?org=${org}` }),
  "POST /api/demands": (org) => ({ path: "/api/demands", body: { grid_id: fx.grid(org), category: "environment", description: "矩阵诉求：楼道堆物" },
    ok: fx.orgType(org) === "community_committee" ? 201 : 400 }),
  "GET /api/demands/metrics": (org) => ({ path: `/api/demands/metrics?org=${org}` }),
  "GET /api/demands/{id}": (org) => ({ path: `/api/demands/${fx.demand(org)}` }),
  "GET /api/demands/{id}/handlers": (org) => ({ path: `/api/demands/${fx.demand(org)}/handlers` }),
  "POST /api/demands/{id}/actions": (org) => ({ path: `/api/demands/${fx.demand(org)}/actions`, body: { action: "accept" } }),
  // A 居民's own: submitted on their household's grid; a fixture 已办结 demand of the 居民 login,
  // read, and answered 不满意 without a reason (one validation error).
  "POST /api/me/demands": () => ({ path: "/api/me/demands", body: { category: "other", description: "矩阵诉求：建议增设快递柜" }, ok: 201 }),
  "GET /api/me/demands": () => ({ path: "/api/me/demands" }),
  "GET /api/me/demands/{id}": (org) => ({ path: `/api/me/demands/${fx.myDemand(org)}` }),
  "POST /api/me/demands/{id}/visit": (org) => ({ path: `/api/me/demands/${fx.myDemand(org)}/visit`, body: { answer: "unsatisfied" }, ok: 400 }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "grids.read": ["admin", "org_admin", "grid_worker"],
  "grids.write": ["admin", "org_admin"],
  "demands.read": ["admin", "org_admin", "grid_worker"],
  "demands.intake": ["admin", "org_admin", "grid_worker"],
  "demands.handle": ["admin", "org_admin", "grid_worker"],
  "demands.submit": ["resident"],
  "demands.admin": ["admin"],
};
