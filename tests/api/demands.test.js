// demands.test.js: the demands area's API: the list needs a session and answers the paged shape.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, expectStatus, expectError } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ demo: {} }); });
after(async () => { await srv.stop(); });

test("GET /api/demands needs a session and lists a page", async () => {
  expectError(await srv.request("GET", "/api/demands"), 401, "unauthenticated");
  const shequ = await login(srv, "shequ");
  const page = expectStatus(await shequ.request("GET", "/api/demands"), 200).json;
  assert.deepEqual(Object.keys(page).sort(), ["items", "page", "size", "total"]);
});
