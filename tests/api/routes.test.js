// routes.test.js: the route table against docs/openapi.json, which `dangjian openapi`
// generates from the route rows, their field specs and each area's fragment
// (src/domain/<area>/<area>.openapi.json): every route is documented with the same method,
// every documented operation exists, and every route declares a permission.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cli, ROOT } = require("./lib/harness");

const routes = JSON.parse(cli(["routes"]).stdout);
const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "docs/openapi.json"), "utf8"));
const paths = spec.paths;

test("docs/openapi.json is OpenAPI 3.1", () => {
  assert.match(spec.openapi, /^3\.1\./);
  assert.ok(spec.info && spec.info.title);
});

test("every route in the route table is in docs/openapi.json", () => {
  assert.ok(routes.length > 0);
  for (const r of routes) {
    const item = paths[r.path];
    assert.ok(item, `${r.path} is missing from docs/openapi.json`);
    assert.ok(item[r.method.toLowerCase()], `${r.method} ${r.path} is missing from docs/openapi.json`);
  }
});

test("every operation in docs/openapi.json exists in the route table", () => {
  for (const [p, item] of Object.entries(paths)) {
    for (const m of Object.keys(item).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k))) {
      assert.ok(routes.some((r) => r.path === p && r.method.toLowerCase() === m), `${m.toUpperCase()} ${p} is documented but not routed`);
    }
  }
});

test("every route declares its permission", () => {
  for (const r of routes) assert.notEqual(r.permission, "none", `${r.method} ${r.path}`);
});
