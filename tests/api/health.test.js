// health.test.js: the server's edge: /api/health, the JSON error shape for bad requests,
// request limits, security headers and static files.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, rawGet, expectStatus, expectError, cli, PG } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ args: ["--web-root", "web"] }); });
after(async () => { await srv.stop(); });

test("health reports status, version, driver and the latest schema version", async () => {
  const res = expectStatus(await srv.request("GET", "/api/health"), 200);
  assert.equal(res.json.status, "ok");
  assert.equal(res.json.db, PG ? "postgres" : "sqlite");
  assert.match(res.json.version, /^\d+\.\d+\.\d+$/);
  const routesOut = cli(["version"]);
  assert.ok(routesOut.stdout.includes(res.json.version));
  assert.ok(Number.isInteger(res.json.schema_version) && res.json.schema_version >= 1);
  assert.match(res.headers.get("content-type"), /^application\/json/);
});

test("every API answer carries the security headers", async () => {
  const res = await srv.request("GET", "/api/health");
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("referrer-policy"), "no-referrer");
  assert.match(res.headers.get("content-security-policy"), /frame-ancestors 'none'/);
  assert.equal(res.headers.get("cache-control"), "no-store");
});

test("an unknown API route is a 404 in the error shape", async () => {
  const e = expectError(await srv.request("GET", "/api/no-such-thing"), 404, "not_found");
  assert.match(e.message, /接口不存在/);
});

test("a wrong method on a known route is a 405 in the error shape", async () => {
  const res = await srv.request("POST", "/api/health", { body: {} });
  expectError(res, 405, "method_not_allowed");
  assert.ok(res.headers.get("allow"));
  expectError(await srv.request("DELETE", "/api/health"), 405, "method_not_allowed");
});

test("an oversized body is refused with 413 and the server keeps serving", async () => {
  const big = "x".repeat(2 * 1024 * 1024);
  expectError(await srv.request("POST", "/api/health", { raw: big }), 413, "limit");
  expectStatus(await srv.request("GET", "/api/health"), 200);
});

test("error counts by code show up in health", async () => {
  await srv.request("GET", "/api/nothing-here");
  const res = expectStatus(await srv.request("GET", "/api/health"), 200);
  assert.ok(res.json.errors.not_found >= 1);
});

test("the web UI is served with content types and revalidation", async () => {
  const home = expectStatus(await srv.request("GET", "/"), 200);
  assert.match(home.headers.get("content-type"), /^text\/html/);
  assert.match(home.text, /<html lang="zh-CN">/);
  const etag = home.headers.get("etag");
  assert.ok(etag);
  const again = await srv.request("GET", "/", { headers: { "If-None-Match": etag } });
  assert.equal(again.status, 304);
  const js = expectStatus(await srv.request("GET", "/app.js"), 200);
  assert.match(js.headers.get("content-type"), /^text\/javascript/);
  assert.match(js.headers.get("content-security-policy"), /default-src/);
});

test("client-side routes fall back to index.html; missing files are 404", async () => {
  const page = expectStatus(await srv.request("GET", "/members/12"), 200);
  assert.match(page.text, /<html lang="zh-CN">/);
  expectError(await srv.request("GET", "/missing.js"), 404, "not_found");
});

test("paths that climb out of the web root are refused", async () => {
  for (const p of ["/../Makefile", "/%2e%2e/Makefile", "/..%2fMakefile", "/./index.html",
                   "/a/../../Makefile", "/..", "//etc/passwd"]) {
    const res = await rawGet(srv.url, p);
    assert.equal(res.status, 404, `${p} -> ${res.status}`);
    assert.ok(!res.text.includes("GNU Makefile"), `${p} leaked a file`);
  }
});
