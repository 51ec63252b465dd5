// authz/projects.js: authorization-matrix recipes for the 民生实事 area: the lists of an org,
// creates that fail a business check after the scope check (a demand need without its demand,
// a proposal from a need that does not exist, a selection without a budget), a budget set
// (a community's succeeds, another org's is refused as not a community), and fixture records
// (a need, a proposal, a draft selection, a selection whose 公示 ended, a project) read, or
// written with a bad body after the scope check. Objections and evaluations need only a
// session (the community check is the handler's): a bad body is refused for everyone alike.
"use strict";
const COMMUNITY = ["community_committee", "general_branch"];
module.exports = (fx) => {
  const on = (kind, make) => (org) => make(fx[kind](org), org);
  return {
    "GET /api/needs": (org) => ({ path: `/api/needs?org=${org}` }),
    "POST /api/needs": (org) => ({ path: "/api/needs", body: { org_id: org, year: 2999, title: "矩阵需求", source_kind: "demand" }, ok: 400 }),
    "GET /api/needs/{id}": on("projNeed", (id) => ({ path: `/api/needs/${id}` })),
    "POST /api/needs/{id}/merge": on("projNeed", (id) => ({ path: `/api/needs/${id}/merge`, body: { into: "x" }, ok: 400 })),
    "GET /api/proposals": (org) => ({ path: `/api/proposals?org=${org}&year=2026` }),
    "POST /api/proposals": (org) => ({ path: "/api/proposals", body: { org_id: org, year: 2999, title: "矩阵建议", cost_fen: 1, body: "矩阵单位", needs: [{ need_id: 999999999 }] }, ok: 400 }),
    "GET /api/proposals/{id}": on("projProposal", (id) => ({ path: `/api/proposals/${id}` })),
    "POST /api/proposals/{id}/review": on("projProposal", (id) => ({ path: `/api/proposals/${id}/review`, body: { verdict: "maybe" }, ok: 400 })),
    "POST /api/proposals/{id}/retire": on("projProposal", (id) => ({ path: `/api/proposals/${id}/retire`, body: { reason: "bored" }, ok: 400 })),
    "GET /api/project-budgets": (org) => ({ path: `/api/project-budgets?org=${org}&year=2999` }),
    "POST /api/project-budgets": (org) => ({ path: "/api/project-budgets", body: { org_id: org, year: 2999, amount_fen: 100 }, ok: COMMUNITY.includes(fx.orgType(org)) ? 200 : 400 }),
    "GET /api/selections": (org) => ({ path: `/api/selections?org=${org}` }),
    "POST /api/selections": (org) => ({ path: "/api/selections", body: { org_id: org, year: 2998, basis: "矩阵会议", proposals: [{ proposal_id: 999999999 }] }, ok: 400 }),
    "GET /api/selections/{id}": on("projSelection", (id) => ({ path: `/api/selections/${id}` })),
    "POST /api/selections/{id}/publish": on("projSelection", (id) => ({ path: `/api/selections/${id}/publish` })),
    "POST /api/selections/{id}/objections": () => ({ path: "/api/selections/1/objections", body: { content: "" }, ok: 400 }),
    "POST /api/selections/{id}/objections/{objection_id}/answer": on("projSelection", (id) => ({ path: `/api/selections/${id}/objections/1/answer`, body: { answer: "" }, ok: 400 })),
    "POST /api/selections/{id}/adopt": on("projSelectionEnded", (id) => ({ path: `/api/selections/${id}/adopt` })),
    "GET /api/projects": (org) => ({ path: `/api/projects?org=${org}` }),
    "GET /api/projects/evaluable": () => ({ path: "/api/projects/evaluable" }),
    "GET /api/projects/{id}": on("project", (id) => ({ path: `/api/projects/${id}` })),
    "GET /api/projects/{id}/chain": on("project", (id) => ({ path: `/api/projects/${id}/chain` })),
    "POST /api/projects/{id}/milestones": on("project", (id) => ({ path: `/api/projects/${id}/milestones`, body: { title: "矩阵节点", planned_on: "2999-01-01", weight: 0 }, ok: 400 })),
    "POST /api/projects/{id}/milestones/{milestone_id}/done": on("project", (id) => ({ path: `/api/projects/${id}/milestones/1/done`, body: { done_on: "2000-02-30" }, ok: 400 })),
    "POST /api/projects/{id}/status": on("project", (id) => ({ path: `/api/projects/${id}/status`, body: { status: "paused" }, ok: 400 })),
    "POST /api/projects/{id}/notes": on("project", (id) => ({ path: `/api/projects/${id}/notes`, body: { content: "" }, ok: 400 })),
    "POST /api/projects/{id}/evaluations": () => ({ path: "/api/projects/1/evaluations", body: { quality: 9, timeliness: 1, benefit: 1, satisfaction: "satisfied" }, ok: 400 }),
    "POST /api/projects/{id}/accountability": on("project", (id) => ({ path: `/api/projects/${id}/accountability`, body: { failure: "", responsible: "矩阵", deadline: "2999-01-01" }, ok: 400 })),
    "POST /api/projects/{id}/accountability/{account_id}/close": on("project", (id) => ({ path: `/api/projects/${id}/accountability/1/close`, body: { outcome: "" }, ok: 400 })),
    "POST /api/projects/{id}/photos": on("project", (id) => ({ path: `/api/projects/${id}/photos`, body: { file: "x" }, ok: 400 })),
    "GET /api/projects/{id}/photos/{photo_id}": (org) => { const p = fx.projPhoto(org); return { path: `/api/projects/${p.project}/photos/${p.id}` }; },
    "GET /api/public/projects": () => ({ path: "/api/public/projects?year=2000" }),
  };
};

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "projects.read": ["admin", "org_admin", "branch_secretary", "branch_committee", "grid_worker"],
  "projects.write": ["admin", "org_admin"],
};
