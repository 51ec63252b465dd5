// authz/dues.js: authorization-matrix recipes for Party dues (党费): the calculator and the
// lists of an org, a standard for a member placed at the org, a payment of a future month and
// a batch with a bad month (each one validation error after the scope check, nothing
// written), 党费交至 of a member placed at the org, reversing a fixture entry with too short a reason (likewise), the member's own
// dues, the settings (set at a district or street only: a 400 below), 少交/免交: the list, an
// application ending before it starts, and a decision dated before the branch agreed (400s
// after the scope check; the fixture's deciding org is the org itself).
"use strict";
module.exports = (fx) => ({
  "GET /api/dues/standard": (org) => ({ path: `/api/dues/standard?org=${org}&category=employed&base_fen=300000` }),
  "POST /api/dues/standards": (org) => ({ path: "/api/dues/standards", body: { member_id: fx.member(org).id, category: "retired", base_fen: 500000, from_month: "2026-01" }, ok: 201 }),
  "POST /api/dues/payments": (org) => ({ path: "/api/dues/payments", body: { member_id: fx.member(org).id, month: "2999-01", amount_fen: 20, method: "cash" }, ok: 400 }),
  "POST /api/dues/payments/batch": (org) => ({ path: "/api/dues/payments/batch", body: { org_id: org, month: "2026-13", items: [{ member_id: fx.member(org).id, amount_fen: 20 }] }, ok: 400 }),
  "POST /api/dues/payments/{id}/reverse": (org) => ({ path: `/api/dues/payments/${fx.duesEntry(org)}/reverse`, body: { reason: "冲" }, ok: 400 }),
  "GET /api/dues/payments": (org) => ({ path: `/api/dues/payments?org=${org}` }),
  "GET /api/dues/ledger": (org) => ({ path: `/api/dues/ledger?org=${org}` }),
  "GET /api/dues/ledger.xlsx": (org) => ({ path: `/api/dues/ledger.xlsx?org=${org}` }),
  "GET /api/dues/summary": (org) => ({ path: `/api/dues/summary?org=${org}` }),
  "GET /api/dues/arrears": (org) => ({ path: `/api/dues/arrears?org=${org}` }),
  "GET /api/dues/paid-to": (org) => ({ path: `/api/dues/paid-to?member_id=${fx.member(org).id}` }),
  "GET /api/me/dues": () => ({ path: "/api/me/dues" }),
  "GET /api/dues/reliefs": (org) => ({ path: `/api/dues/reliefs?org=${org}` }),
  "POST /api/dues/reliefs": (org) => ({ path: "/api/dues/reliefs", body: { member_id: fx.member(org).id, kind: "exempt", from_month: "2026-03", to_month: "2026-01", reason: "矩阵困难", applied_on: "2026-01-05", branch_agreed_on: "2026-01-06" }, ok: 400 }),
  "POST /api/dues/reliefs/{id}/decide": (org) => ({ path: `/api/dues/reliefs/${fx.duesRelief(org)}/decide`, body: { approve: true, decided_on: "2000-01-01", body: "矩阵党委" }, ok: 400 }),
  "POST /api/dues/reliefs/{id}/end": (org) => ({ path: `/api/dues/reliefs/${fx.duesRelief(org)}/end`, body: { to_month: "2026-13", reason: "矩阵收入恢复" }, ok: 400 }),
  "GET /api/dues/settings": (org) => ({ path: `/api/dues/settings?org=${org}` }),
  // The default rounding again (other cells read it); only a district or street has settings.
  "PUT /api/dues/settings": (org) => ({ path: "/api/dues/settings", body: { org_id: org, rounding: "half_fen", deduct_items: [{ name: "个人所得税" }] },
    ok: ["district", "street"].includes(fx.orgType(org)) ? 200 : 400 }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "dues.read": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "dues.write": ["admin", "org_admin", "branch_secretary", "branch_committee"],
  "dues.settings": ["admin", "org_admin"],
};
