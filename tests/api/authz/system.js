// authz/system.js: authorization-matrix recipes for the system area (see authz.test.js for
// what a recipe returns and the fixtures `fx` gives).
"use strict";
module.exports = () => ({
  "GET /api/health": () => ({ path: "/api/health" }),
  "GET /api/meta": () => ({ path: "/api/meta" }),
});
