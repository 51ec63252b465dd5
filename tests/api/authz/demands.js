// authz/demands.js: authorization-matrix recipes for grids and resident demands (群众诉求):
// the lists and statistics of an org; a grid made at a community (a 400 elsewhere: grids
// belong to communities); a fixture grid's workers (cleared) and households; a demand taken in
// on a fixture grid (a 400 unless the grid is a community's); a fixture demand's detail,
// handlers and 受理; a caller's own demands. Fixture grids are worked by the 网格员 login, so their scope is the org's.
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
  // Photos: an upload without a file (the one validation error, after the scope check); a
  // fixture photo of a fixture demand downloaded.
  "POST /api/demands/{id}/photos": (org) => ({ path: `/api/demands/${fx.demand(org)}/photos`, body: {}, ok: 400 }),
  "GET /api/demands/{id}/photos/{photo_id}": (org) => {
    const p = fx.demandPhoto(org);
    return { path: `/api/demands/${p.demand}/photos/${p.id}`, secrets: ["矩阵照片"] };
  },
  // A caller's own demands (session routes: being a 居民 is living in a registered household,
  // checked after the body): a blank description and a 回访 without an answer are one
  // validation error for everyone; the list answers every caller (empty without a household).
  "POST /api/me/demands": () => ({ path: "/api/me/demands", body: { category: "other", description: "  " }, ok: 400 }),
  "GET /api/me/demands": () => ({ path: "/api/me/demands" }),
  // The public board and Open311 (no login; a fixture demand taken up, its number JZ + its id).
  "GET /api/public/demands": () => ({ path: "/api/public/demands" }),
  "GET /open311/v2/services.json": () => ({ path: "/open311/v2/services.json" }),
  "GET /open311/v2/requests.json": () => ({ path: "/open311/v2/requests.json" }),
  "GET /open311/v2/requests/{id}": (org) => ({ path: `/open311/v2/requests/JZ${fx.takenDemand(org)}.json` }),
  "POST /api/me/demands/{id}/visit": () => ({ path: "/api/me/demands/1/visit", body: {}, ok: 400 }),
  "POST /api/me/demands/{id}/photos": () => ({ path: "/api/me/demands/1/photos", body: {}, ok: 400 }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "grids.read": ["admin", "org_admin", "grid_worker"],
  "grids.write": ["admin", "org_admin"],
  "demands.read": ["admin", "org_admin", "grid_worker"],
  "demands.intake": ["admin", "org_admin", "grid_worker"],
  "demands.handle": ["admin", "org_admin", "grid_worker"],
  "demands.admin": ["admin"],
};
