// authz/transfers.js: authorization-matrix recipes for transfers of organization relations:
// the queue and one transfer of the org (a fixture transfer into it), the 口袋党员 list, letters
// (a letter with a future 党费交至 month and a receipt dated before the letter: each a 400
// after the scope check; a fixture letter read and printed), 流动党员 (a period ending before it
// starts and a return before the flow: 400s; a meeting recorded on a fixture flow), 失联 (a
// contact dated in the future, a 停止党籍 without its document number: 400s), a transfer of a member
// to the org the member is already in (one validation error after the scope check, nothing
// written), accepting a fixture transfer into the org, and returning one with too short a
// reason (likewise a 400); 在职党员报到: the registrations of the org, a registration without
// the workplace org (or at an org that is no community: a 400 either way), a fixture
// registration's summary read, and a service, an evaluation and an end each dated before it
// (400s).
"use strict";
module.exports = (fx) => ({
  "GET /api/transfers": (org) => ({ path: `/api/transfers?org=${org}` }),
  "GET /api/transfers/receivers": (org) => ({ path: `/api/transfers/receivers?org=${org}&q=${encodeURIComponent("支部")}` }),
  "GET /api/transfers/pocket": (org) => ({ path: `/api/transfers/pocket?org=${org}` }),
  "GET /api/transfer-letters": (org) => ({ path: `/api/transfer-letters?org=${org}` }),
  "POST /api/transfer-letters": (org) => ({ path: "/api/transfer-letters", body: { member_id: fx.member(org).id, to_org_name: "矩阵外部党组织", dues_paid_to: "2999-01" }, ok: 400 }),
  "GET /api/transfer-letters/{id}": (org) => ({ path: `/api/transfer-letters/${fx.transferLetter(org)}` }),
  "POST /api/transfer-letters/{id}/receipt": (org) => ({ path: `/api/transfer-letters/${fx.transferLetter(org)}/receipt`, body: { received_on: "2000-01-01" }, ok: 400 }),
  "POST /api/transfer-letters/{id}/printed": (org) => ({ path: `/api/transfer-letters/${fx.transferLetter(org)}/printed`, body: {} }),
  "GET /api/flows": (org) => ({ path: `/api/flows?org=${org}` }),
  "POST /api/flows": (org) => ({ path: "/api/flows", body: { member_id: fx.member(org).id, direction: "out", place: "矩阵", reason: "务工", dest_org_name: "矩阵外部党组织", starts_on: "2026-01-10", ends_on: "2026-01-01" }, ok: 400 }),
  "GET /api/flows/records": (org) => ({ path: `/api/flows/records?person=${fx.member(org).person_id}&from=2026-01-01&to=2026-12-31` }),
  "GET /api/flows/{id}": (org) => ({ path: `/api/flows/${fx.transferFlow(org)}` }),
  "POST /api/flows/{id}/meetings": (org) => ({ path: `/api/flows/${fx.transferFlow(org)}/meetings`, body: { met_on: fx.today(), topic: "矩阵主题党日" }, ok: 201 }),
  "POST /api/flows/{id}/return": (org) => ({ path: `/api/flows/${fx.transferFlow(org)}/return`, body: { returned_on: "2000-01-01" }, ok: 400 }),
  "GET /api/lost": (org) => ({ path: `/api/lost?org=${org}` }),
  "POST /api/lost/contacts": (org) => ({ path: "/api/lost/contacts", body: { member_id: fx.member(org).id, tried_on: "2999-01-01", method: "phone", reached: false }, ok: 400 }),
  "POST /api/lost/decisions": (org) => ({ path: "/api/lost/decisions", body: { member_id: fx.member(org).id, decision: "stop", decided_on: "2026-01-05", body: "矩阵党支部" }, ok: 400 }),
  "GET /api/in-service": (org) => ({ path: `/api/in-service?org=${org}` }),
  "POST /api/in-service": (org) => ({ path: "/api/in-service", body: { community_id: org, name: "矩阵报到人", gender: "M" }, ok: 400 }),
  "GET /api/in-service/{id}/summary": (org) => ({ path: `/api/in-service/${fx.inService(org)}/summary?year=2026` }),
  "POST /api/in-service/{id}/services": (org) => ({ path: `/api/in-service/${fx.inService(org)}/services`, body: { served_on: "2000-01-01", minutes: 60, kind: "other", content: "矩阵服务" }, ok: 400 }),
  "PUT /api/in-service/{id}/review": (org) => ({ path: `/api/in-service/${fx.inService(org)}/review`, body: { year: 2000, grade: "good", comment: "矩阵评价" }, ok: 400 }),
  "POST /api/in-service/{id}/end": (org) => ({ path: `/api/in-service/${fx.inService(org)}/end`, body: { ended_on: "2000-01-01", reason: "矩阵迁出" }, ok: 400 }),
  "GET /api/transfers/{id}": (org) => ({ path: `/api/transfers/${fx.transfer(org)}` }),
  "POST /api/transfers": (org) => ({ path: "/api/transfers", body: { member_id: fx.member(org).id, to_org_id: org }, ok: 400 }),
  "POST /api/transfers/{id}/accept": (org) => ({ path: `/api/transfers/${fx.transfer(org)}/accept`, body: {} }),
  "POST /api/transfers/{id}/return": (org) => ({ path: `/api/transfers/${fx.transfer(org)}/return`, body: { reason: "退" }, ok: 400 }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "transfers.read": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "transfers.write": ["admin", "org_admin", "branch_secretary", "branch_committee"],
};
