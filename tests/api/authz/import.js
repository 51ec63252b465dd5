// authz/import.js: authorization-matrix recipes for the roster import and export (io/),
// with a finished import job scoped to the cell's org as the fixture.
"use strict";
module.exports = (fx) => ({
  // A JSON body (no file): in scope the handler answers 400 after the scope check.
  "POST /api/members/import": (org) => ({ path: `/api/members/import?org=${org}&dry_run=1`, body: {}, ok: 400 }),
  "GET /api/members/export": (org) => ({ path: `/api/members/export?org=${org}` }),
  "GET /api/members/import-template": (org) => ({ path: `/api/members/import-template?org=${org}` }),
  "GET /api/import-jobs/{id}": (org) => ({ path: `/api/import-jobs/${fx.importJob(org)}` }),
  "GET /api/import-jobs/{id}/errors.xlsx": (org) => ({ path: `/api/import-jobs/${fx.importJob(org)}/errors.xlsx` }),
});
