// authz/deliberation.js: authorization-matrix recipes for the deliberation area (see authz.test.js for
// what a recipe returns and the fixtures `fx` gives).
"use strict";
module.exports = () => ({
  "GET /api/deliberation": (org) => ({ path: `/api/deliberation?org=${org}` }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "deliberation.read": ["admin", "org_admin", "branch_secretary"],
};
