// request_guard.test.js: what the server refuses before any handler runs (issue 15). Login CSRF:
// a JSON route takes only Content-Type: application/json, and a state-changing request from
// another site (Origin of another host, or Sec-Fetch-Site: cross-site) is refused, so a page
// elsewhere can neither sign a victim's browser into the attacker's account nor write with
// the victim's session. NUL bytes and non-canonical ids: a NUL anywhere in the path, query or
// headers is 400, and an id that is not a canonical decimal is 404.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError, DEMO_PASSWORD } = require("./lib/harness");

let srv, shequ, origin;
before(async () => {
  srv = await startServer({ demo: { members: 200 } });
  shequ = await login(srv, "shequ");
  origin = new URL(srv.url).origin;
});
after(async () => { await srv.stop(); });

const creds = JSON.stringify({ username: "shuji", password: DEMO_PASSWORD });
const loginWith = (headers, raw = creds) => srv.request("POST", "/api/session", { raw, headers });

test("login CSRF: a login body that is not declared JSON is refused, and no session is opened", async () => {
  for (const ct of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", undefined]) {
    const res = await loginWith(ct ? { "Content-Type": ct } : {}, ct === undefined ? new Blob([creds]) : creds);
    const e = expectError(res, 400, "invalid");
    assert.match(e.message, /application\/json/, String(ct));
    assert.equal(res.headers.get("set-cookie"), null, String(ct));
  }
  expectStatus(await loginWith({ "Content-Type": "application/json" }), 200);
  expectStatus(await loginWith({ "Content-Type": "Application/JSON; charset=utf-8" }), 200);
});

test("login CSRF: a login from another site is refused (Origin or Sec-Fetch-Site)", async () => {
  const json = { "Content-Type": "application/json" };
  for (const h of [{ Origin: "http://evil.example" }, { Origin: "null" }, { Origin: origin.replace(/:\d+$/, ":1") },
                   { Origin: "http://127.0.0.1.evil.example" }, { "Sec-Fetch-Site": "cross-site" },
                   { Origin: origin, "Sec-Fetch-Site": "cross-site" }]) {
    const res = await loginWith({ ...json, ...h });
    expectError(res, 403, "forbidden");
    assert.equal(res.headers.get("set-cookie"), null, JSON.stringify(h));
  }
  // The app's own pages, and clients that send neither header (curl, the tests), log in.
  for (const h of [{ Origin: origin }, { Origin: origin.toUpperCase() }, { "Sec-Fetch-Site": "same-origin" }, { "Sec-Fetch-Site": "none" }, {}])
    expectStatus(await loginWith({ ...json, ...h }), 200);
});

test("every state-changing route refuses another site and non-JSON bodies; reads are not affected", async () => {
  const c = await login(srv, "shequ");
  const org = c.session.grants[0].org_id;
  const [short] = sql(srv.db, `SELECT short_name FROM org WHERE id = ${org}`)[0];
  const patch = { body: { short_name: "跨站改名" } };
  expectError(await c.request("PATCH", `/api/orgs/${org}`, { ...patch, headers: { Origin: "https://evil.example" } }), 403, "forbidden");
  expectError(await c.request("PATCH", `/api/orgs/${org}`, { ...patch, headers: { "Sec-Fetch-Site": "cross-site" } }), 403, "forbidden");
  expectError(await c.request("PATCH", `/api/orgs/${org}`, { raw: JSON.stringify({ short_name: "跨站改名" }), headers: { "Content-Type": "text/plain" } }), 400, "invalid");
  assert.equal(sql(srv.db, `SELECT short_name FROM org WHERE id = ${org}`)[0][0], short);
  expectError(await c.request("DELETE", "/api/session", { headers: { Origin: "http://evil.example" } }), 403, "forbidden");
  expectStatus(await c.request("GET", "/api/session", { headers: { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" } }), 200);
  expectStatus(await c.request("DELETE", "/api/session", { headers: { Origin: origin, "Sec-Fetch-Site": "same-origin" } }), 200);
});

test("the roster upload keeps multipart/form-data (and refuses another site)", async () => {
  const form = () => { const f = new FormData(); f.append("file", new Blob(["姓名,身份证号码\n"]), "r.csv"); return f; };
  const ok = await shequ.request("POST", "/api/members/import?dry_run=1", { raw: form() });
  assert.notEqual(ok.status, 415);
  assert.ok(!(ok.json && ok.json.error && /application\/json/.test(ok.json.error.message)), ok.text);
  expectError(await shequ.request("POST", "/api/members/import?dry_run=1", { raw: form(), headers: { Origin: "http://evil.example" } }), 403, "forbidden");
  const e = expectError(await shequ.request("POST", "/api/members/import?dry_run=1", { body: { file: "x" } }), 400, "invalid");
  assert.match(e.message, /multipart\/form-data/);
});
