// authz/audit.js: authorization-matrix recipes for the audit area.
"use strict";
module.exports = () => ({
  "GET /api/audit": (org) => ({ path: `/api/audit?org=${org}` }),
  "GET /api/audit/export": (org) => ({ path: `/api/audit/export?org=${org}` }),
});
