// authz/audit.js: authorization-matrix recipes for the audit area.
"use strict";
module.exports = () => ({
  "GET /api/audit": (org) => ({ path: `/api/audit?org=${org}` }),
  "GET /api/audit/export": (org) => ({ path: `/api/audit/export?org=${org}` }),
});

// The roles holding each permission the audit area declares (the oracle).
module.exports.policy = {
  "audit.read": ["admin", "org_admin"],
};
