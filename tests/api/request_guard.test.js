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
  for (const h of [{ Origin: "http://evil.example" }, { Origin: "null" },
                   { Origin: "http://127.0.0.1.evil.example" }, { "Sec-Fetch-Site": "cross-site" },
                   { Origin: origin, "Sec-Fetch-Site": "cross-site" }]) {
    const res = await loginWith({ ...json, ...h });
    expectError(res, 403, "forbidden");
    assert.equal(res.headers.get("set-cookie"), null, JSON.stringify(h));
  }
  // The app's own pages, and clients that send neither header (curl, the tests), log in; so
  // does a page on the same host behind a proxy that passes Host without the port, and a
  // browser that says same-origin whatever the Origin looks like.
  for (const h of [{ Origin: origin }, { Origin: origin.toUpperCase() }, { Origin: origin.replace(/:\d+$/, ":8443") },
                   { "Sec-Fetch-Site": "same-origin" }, { "Sec-Fetch-Site": "none" }, {},
                   { Origin: "http://proxy.example", "Sec-Fetch-Site": "same-origin" }])
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
  const form = () => { const f = new FormData(); f.append("file", new Blob(["姓名,身份证号码,性别\n张示例,990101198001010014,男\n"]), "r.csv"); return f; };
  const ok = expectStatus(await shequ.request("POST", `/api/members/import?dry_run=1&org=${shequ.session.grants[0].org_id}`, { raw: form() }), 200);
  assert.equal(ok.json.committed, false);
  expectError(await shequ.request("POST", "/api/members/import?dry_run=1", { raw: form(), headers: { Origin: "http://evil.example" } }), 403, "forbidden");
  const e = expectError(await shequ.request("POST", "/api/members/import?dry_run=1", { body: { file: "x" } }), 400, "invalid");
  assert.match(e.message, /multipart\/form-data/);
});

// Sends bytes as they are (no URL normalization, NULs kept); returns {status, json}.
function rawRequest(text) {
  const net = require("node:net");
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname, () => sock.write(Buffer.from(text, "latin1")));
    let data = "";
    sock.setEncoding("utf8");
    sock.on("data", (d) => { data += d; });
    sock.on("end", () => {
      const body = data.slice(data.indexOf("\r\n\r\n") + 4);
      let json = null;
      try { json = JSON.parse(body); } catch { /* not JSON */ }
      resolve({ status: Number(data.split(" ")[1]), json, text: data });
    });
    sock.on("error", reject);
  });
}
const get = (target, headers = "") => rawRequest(`GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`);
function expectRawError(res, status, code, what) {
  assert.equal(res.status, status, `${what}: ${res.text.slice(0, 300)}`);
  assert.ok(res.json && res.json.error, `${what}: not the JSON error shape: ${res.text.slice(0, 300)}`);
  assert.equal(res.json.error.code, code, what);
  assert.match(res.json.error.request_id, /^[0-9a-f]{16}$/);
}

test("a NUL byte anywhere in the path, query or headers is 400 in the JSON shape", async () => {
  const cookie = `Cookie: ${shequ.cookie}\r\n`;
  const [id] = sql(srv.db, "SELECT id FROM member ORDER BY id LIMIT 1")[0];
  for (const [target, headers] of [
    ["/api/health\0x", ""], ["/api/health%00x", ""], ["/api/health?x=%00", ""], [`/api/members/${id}%00`, cookie],
    ["/api/members?q=%00", cookie], ["/api/members?q=%E5%BC%A0%00", cookie], ["/api/members?%00=1", cookie],
    ["/index.html%00.js", ""], ["/index.html\0.js", ""], ["/api/health", "X-Probe: a\0b\r\n"], ["/api/health", "Accept: */*\0q=1\r\nX-After: 1\r\n"],
  ]) expectRawError(await get(target, headers), 400, "invalid", JSON.stringify(target + headers));
  // Without the NUL the same requests answer.
  assert.equal((await get("/api/health")).status, 200);
  assert.equal((await get(`/api/members/${id}`, cookie)).status, 200);
  assert.equal((await get("/api/members?q=%E5%BC%A0", cookie)).status, 200);
});

test("ids in paths must be canonical decimals: 007, +7, 7.0, 0x7 and the like are 404", async () => {
  const [id] = sql(srv.db, "SELECT id FROM member ORDER BY id LIMIT 1")[0];
  const [org] = sql(srv.db, "SELECT id FROM org ORDER BY id LIMIT 1")[0];
  expectStatus(await shequ.request("GET", `/api/members/${id}`), 200);
  for (const bad of [`0${id}`, `00${id}`, `+${id}`, `%2B${id}`, `${id}.0`, ` ${id}`, `%20${id}`, `${id}%20`, `-${id}`, "0", `0x${Number(id).toString(16)}`, "99999999999999999999"])
    expectError(await shequ.request("GET", `/api/members/${bad}`), 404, "not_found");
  for (const bad of [`0${org}`, `+${org}`])
    expectError(await shequ.request("GET", `/api/orgs/${bad}`), 404, "not_found");
});
