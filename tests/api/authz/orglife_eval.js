// authz/orglife_eval.js: authorization-matrix recipes for 民主评议 and 学习记录 (rounds, a
// subject's record on a fixture round of the cell's org, a member's history, materials, study
// records, yearly hours, the caller's own). The area reuses orglife.read/orglife.write, whose
// policy authz/orglife.js exports, so this file exports none.
"use strict";
const BRANCH_TYPES = ["branch", "joint_branch", "mobile_branch", "general_branch"];

module.exports = (fx) => {
  // A round per call needs a year of its own at the org: the years after the newest demo
  // branch was founded, skipping last year (the demo's rounds), taken in turn.
  const y = Number(fx.today().slice(0, 4));
  const years = [y, y - 2, y - 3, y - 4, y - 5];
  let seq = 0;
  return {
    "GET /api/orglife/evaluations": (org) => ({ path: `/api/orglife/evaluations?org=${org}` }),
    "POST /api/orglife/evaluations": (org) => ({
      path: "/api/orglife/evaluations", body: { org_id: org, year: years[seq++ % years.length] },
      ok: BRANCH_TYPES.includes(fx.orgType(org)) ? 201 : 400,
    }),
    "GET /api/orglife/evaluations/{id}": (org) => {
      const r = fx.evalRound(org);
      return { path: `/api/orglife/evaluations/${r.id}`, secrets: [r.name] };
    },
    "PUT /api/orglife/evaluations/{id}/members/{person_id}": (org) => {
      const r = fx.evalRound(org);
      return { path: `/api/orglife/evaluations/${r.id}/members/${r.person_id}`, body: { self_text: "矩阵自评", peer: { qualified: 1 } }, secrets: [r.name] };
    },
    "GET /api/members/{id}/evaluations": (org) => {
      const m = fx.member(org);
      return { path: `/api/members/${m.id}/evaluations`, secrets: [m.name] };
    },
    "GET /api/me/evaluations": () => ({ path: "/api/me/evaluations" }),
    "GET /api/orglife/materials": (org) => ({ path: `/api/orglife/materials?org=${org}` }),
    "POST /api/orglife/materials": (org) => ({ path: "/api/orglife/materials", body: { org_id: org, title: "矩阵学习材料", kind: "document", hours: 2, published_on: fx.today() }, ok: 201 }),
    "POST /api/orglife/study": (org) => {
      const m = fx.member(org);
      return { path: "/api/orglife/study", body: { org_id: org, items: [{ person_id: m.person_id, title: "矩阵学习", studied_on: fx.today(), hours: 1 }] }, ok: 201, secrets: [m.name] };
    },
    "GET /api/orglife/study-hours": (org) => ({ path: `/api/orglife/study-hours?org=${org}&year=${y}` }),
    "GET /api/me/study": () => ({ path: "/api/me/study" }),
    // Most demo logins have no member row, so the call is made invalid on purpose (0 学时):
    // every allowed caller gets the same 400, before who they are matters.
    "POST /api/me/study": () => ({ path: "/api/me/study", body: { title: "矩阵自学", studied_on: fx.today(), hours: 0 }, ok: 400 }),
  };
};
