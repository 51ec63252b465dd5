// authz/transfers.js: authorization-matrix recipes for transfers of organization relations:
// the queue and one transfer of the org (a fixture transfer into it), a transfer of a member
// to the org the member is already in (one validation error after the scope check, nothing
// written), accepting a fixture transfer into the org, and returning one with too short a
// reason (likewise a 400).
"use strict";
module.exports = (fx) => ({
  "GET /api/transfers": (org) => ({ path: `/api/transfers?org=${org}` }),
  "GET /api/transfers/receivers": (org) => ({ path: `/api/transfers/receivers?org=${org}&q=${encodeURIComponent("支部")}` }),
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
