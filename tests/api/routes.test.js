// routes.test.js: the route table against docs/openapi.json, which `dangjian openapi`
// generates from the route rows, their field specs and each area's fragment
// (src/domain/<area>/<area>.openapi.json): every route is documented with the same method,
// every documented operation exists, every route declares a permission, and the committed
// file is what the generator writes today (compared after normalising key order and spacing).
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cli, ROOT } = require("./lib/harness");

const routes = JSON.parse(cli(["routes"]).stdout);
const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "docs/openapi.json"), "utf8"));
const paths = spec.paths;
const generated = cli(["openapi"]);

// The same JSON text for the same value: keys sorted at every level, no spacing.
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

// The JSON pointer of the first place where a and b differ, to say where to look.
function firstDiff(a, b, at = "") {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff(a[k], b[k], `${at}/${String(k).replace(/~/g, "~0").replace(/\//g, "~1")}`);
      if (d !== null) return d;
    }
  }
  return at || "/";
}

test("docs/openapi.json is what `dangjian openapi` generates", () => {
  assert.equal(generated.status, 0, `dangjian openapi failed: ${generated.stderr}`);
  const want = JSON.parse(generated.stdout);
  assert.ok(
    canonical(spec) === canonical(want),
    `docs/openapi.json differs from the generated document at ${firstDiff(spec, want)}; ` +
      "it is generated from the route rows, their field specs and the areas' *.openapi.json " +
      "fragments, so do not edit it: run `build/dangjian openapi > docs/openapi.json`",
  );
});

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
