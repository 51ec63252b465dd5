// auth_deploy.test.js: settings for running behind a reverse proxy over https: the client
// address from X-Forwarded-For only for http.trusted_proxies (login throttling per real
// client), the Secure cookie flag, and the purge of expired sessions and stale throttle rows
// at start and on login. Servers of their own: per-address counters and settings differ.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { startServer, cli, sql, tmpdir, expectStatus, expectError, DEMO_PASSWORD } = require("./lib/harness");

const attempt = (srv, username, password, headers = {}) =>
  srv.request("POST", "/api/session", { body: { username, password }, headers });
const ipFailures = (srv, ip) => {
  const r = sql(srv.db, `SELECT failures FROM login_throttle WHERE key = 'ip:${ip}'`);
  return r.length ? Number(r[0][0]) : 0;
};

test("behind a trusted proxy each X-Forwarded-For client is throttled on its own", async () => {
  const srv = await startServer({ demo: { members: 100 }, env: { DANGJIAN_HTTP_TRUSTED_PROXIES: "192.0.2.1, 127.0.0.1" } });
  try {
    const a = { "X-Forwarded-For": "203.0.113.7" };
    for (let i = 0; i < 5; i++) expectError(await attempt(srv, "weiyuan", "Password123!", a), 401, "unauthenticated");
    expectError(await attempt(srv, "weiyuan", DEMO_PASSWORD, a), 429, "throttled");
    // Another client behind the same proxy is not affected.
    expectStatus(await attempt(srv, "weiyuan", DEMO_PASSWORD, { "X-Forwarded-For": "203.0.113.8" }), 200);
    assert.equal(ipFailures(srv, "203.0.113.7"), 5);
    assert.equal(ipFailures(srv, "127.0.0.1"), 0);
    // The right-most entry that is not a trusted proxy: what the client wrote itself (left)
    // is not believed, trusted hops (right) are skipped.
    await attempt(srv, "spray-b", "Password123!", { "X-Forwarded-For": "10.9.9.9, 203.0.113.9" });
    assert.equal(ipFailures(srv, "203.0.113.9"), 1);
    assert.equal(ipFailures(srv, "10.9.9.9"), 0);
    await attempt(srv, "spray-c", "Password123!", { "X-Forwarded-For": "203.0.113.10, 192.0.2.1, 127.0.0.1" });
    assert.equal(ipFailures(srv, "203.0.113.10"), 1);
    // X-Real-IP when there is no X-Forwarded-For; garbage falls back to the peer.
    await attempt(srv, "spray-d", "Password123!", { "X-Real-IP": "2001:db8::0:1" });
    assert.equal(ipFailures(srv, "2001:db8::1"), 1);
    await attempt(srv, "spray-e", "Password123!", { "X-Forwarded-For": "not-an-address" });
    assert.equal(ipFailures(srv, "127.0.0.1"), 1);
    // The session records the forwarded address too.
    const row = sql(srv.db, "SELECT COUNT(*) FROM session WHERE client_ip = '203.0.113.8'")[0][0];
    assert.equal(row, "1");
  } finally {
    await srv.stop();
  }
});

test("without http.trusted_proxies X-Forwarded-For is ignored", async () => {
  const srv = await startServer({ demo: { members: 100 } });
  try {
    for (let i = 0; i < 5; i++)
      expectError(await attempt(srv, "weiyuan", "Password123!", { "X-Forwarded-For": `203.0.113.${i + 1}` }), 401, "unauthenticated");
    expectError(await attempt(srv, "weiyuan", DEMO_PASSWORD, { "X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2" }), 429, "throttled");
    assert.equal(ipFailures(srv, "127.0.0.1"), 5);
    assert.equal(sql(srv.db, "SELECT COUNT(*) FROM login_throttle WHERE key LIKE 'ip:%' AND key <> 'ip:127.0.0.1'")[0][0], "0");
    // Without https the cookie is not marked Secure.
    sql(srv.db, "DELETE FROM login_throttle");
    const res = expectStatus(await attempt(srv, "shuji", DEMO_PASSWORD), 200);
    const cookie = res.headers.get("set-cookie");
    assert.match(cookie, /; HttpOnly; SameSite=Strict;/);
    assert.doesNotMatch(cookie, /Secure/);
  } finally {
    await srv.stop();
  }
});

test("a bad http.trusted_proxies address stops start-up", () => {
  const dir = tmpdir();
  const db = path.join(dir, "a.db");
  assert.equal(cli(["init", "--db", db]).status, 0);
  const r = cli(["serve", "--db", db, "--port", "0"], { env: { DANGJIAN_HTTP_TRUSTED_PROXIES: "127.0.0.1, nginx" } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /http\.trusted_proxies.*nginx/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("with http.secure_cookie the session cookie is Secure, HttpOnly and SameSite=Strict", async () => {
  const srv = await startServer({ demo: { members: 100 }, env: { DANGJIAN_HTTP_SECURE_COOKIE: "true" } });
  try {
    const res = expectStatus(await attempt(srv, "shuji", DEMO_PASSWORD), 200);
    const cookie = res.headers.get("set-cookie");
    assert.match(cookie, /^dj_session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /; HttpOnly(;|$)/);
    assert.match(cookie, /; SameSite=Strict(;|$)/);
    assert.match(cookie, /; Secure(;|$)/);
    // Logging out clears it with the same flags.
    const me = { Cookie: cookie.split(";")[0], "X-CSRF-Token": res.json.csrf_token };
    const out = expectStatus(await srv.request("DELETE", "/api/session", { headers: me }), 200);
    assert.match(out.headers.get("set-cookie"), /; Secure(;|$)/);
  } finally {
    await srv.stop();
  }
});

test("expired sessions and stale throttle rows are purged at start and then on login", async () => {
  const dir = tmpdir();
  const db = path.join(dir, "purge.db");
  assert.equal(cli(["demo", "--db", db, "--members", "100", "--password", DEMO_PASSWORD]).status, 0);
  const now = Math.floor(Date.now() / 1000);
  const plant = (tag) => sql(db, `
    INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
      SELECT 'expired-${tag}', id, 'x', ${now - 9000}, ${now - 9000}, ${now - 60} FROM user_account WHERE username = 'admin';
    INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
      SELECT 'live-${tag}', id, 'x', ${now}, ${now}, ${now + 3600} FROM user_account WHERE username = 'admin';
    INSERT INTO login_throttle (key, failures, last_failure_at, blocked_until) VALUES
      ('user:stale-${tag}', 3, ${now - 3700}, 0), ('user:recent-${tag}', 3, ${now - 60}, 0)`);
  const left = (tag) => sql(db, `SELECT token_hash FROM session WHERE token_hash LIKE '%-${tag}'
    UNION ALL SELECT key FROM login_throttle WHERE key LIKE '%-${tag}' ORDER BY 1`).map((r) => r[0]);
  plant("a");
  const srv = await startServer({ db });
  try {
    assert.deepEqual(left("a"), [`live-a`, `user:recent-a`], "purged at start");
    plant("b");
    expectStatus(await attempt(srv, "shuji", DEMO_PASSWORD), 200);
    assert.deepEqual(left("b"), [`live-b`, `user:recent-b`], "purged at the first login");
    plant("c");
    expectStatus(await attempt(srv, "shuji", DEMO_PASSWORD), 200);
    assert.deepEqual(left("c"), [`expired-c`, `live-c`, `user:recent-c`, `user:stale-c`], "at most once an hour");
  } finally {
    await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
