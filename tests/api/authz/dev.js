// authz/dev.js: authorization-matrix recipes for the dev area (see authz.test.js for
// what a recipe returns and the fixtures `fx` gives).
"use strict";
module.exports = () => ({
  "GET /api/dev": (org) => ({ path: `/api/dev?org=${org}` }),
});

// The roles holding each permission the area declares, written out independently of its
// PERM_ROW rows (the oracle).
module.exports.policy = {
  "dev.read": ["admin", "org_admin", "branch_secretary"],
};
