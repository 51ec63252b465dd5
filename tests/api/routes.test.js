// routes.test.js: the route table against docs/openapi.json: every route is documented with
// the same method, every documented operation exists, and every route declares a permission.
// A new area documents its paths in its own fragment, src/domain/<area>/<area>.openapi.json
// ({"paths": {...}}, written by tools/new-area.sh), read here with docs/openapi.json; a path
// in two places fails.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cli, ROOT } = require("./lib/harness");

const routes = JSON.parse(cli(["routes"]).stdout);
const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "docs/openapi.json"), "utf8"));
const fragments = [];
for (const area of fs.readdirSync(path.join(ROOT, "src/domain")).sort()) {
  const file = path.join(ROOT, "src/domain", area, `${area}.openapi.json`);
  if (fs.existsSync(file)) fragments.push({ file: path.relative(ROOT, file), paths: JSON.parse(fs.readFileSync(file, "utf8")).paths });
}
const paths = { ...spec.paths };
for (const f of fragments) for (const [p, item] of Object.entries(f.paths)) {
  if (paths[p]) throw new Error(`${f.file}: ${p} is documented in docs/openapi.json or another fragment too`);
  paths[p] = item;
}

test("docs/openapi.json is OpenAPI 3.1", () => {
  assert.match(spec.openapi, /^3\.1\./);
  assert.ok(spec.info && spec.info.title);
});

test("every route in the route table is in docs/openapi.json", () => {
  assert.ok(routes.length > 0);
  for (const r of routes) {
    const item = paths[r.path];
    assert.ok(item, `${r.path} is missing from docs/openapi.json (or its area's fragment)`);
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
