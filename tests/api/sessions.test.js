// sessions.test.js: the server keeps signed-in sessions in memory (migration 0007's 'auth'
// counter says when they are stale). Whatever ends or narrows a session must take effect on
// the very next request, also when another process (the CLI, a manual SQL fix) makes the
// change; and the sliding expiry must reach the browser's cookie.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, expectStatus, expectError } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ demo: {} }); });
after(async () => { await srv.stop(); });

const userId = (name) => sql(srv.db, `SELECT id FROM user_account WHERE username = '${name}'`)[0][0];
// Two reads, so the second one is answered from memory if anything is.
async function signedIn(name) {
  const c = await login(srv, name);
  expectStatus(await c.request("GET", "/api/session"), 200);
  expectStatus(await c.request("GET", "/api/session"), 200);
  return c;
}

test("an account disabled in the database is signed out at the next request", async () => {
  const c = await signedIn("wangge");
  sql(srv.db, `UPDATE user_account SET status = 'disabled' WHERE username = 'wangge'`);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
  sql(srv.db, `UPDATE user_account SET status = 'active' WHERE username = 'wangge'`);
});

test("a session deleted by another process ends at once", async () => {
  const c = await signedIn("weiyuan");
  sql(srv.db, `DELETE FROM session WHERE user_id = ${userId("weiyuan")}`);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
});

test("a password reset from the command line ends the user's open sessions", async () => {
  const c = await signedIn("lianluo");
  const r = cli(["user", "passwd", "--db", srv.db, "--username", "lianluo", "--password", "Reset-by-cli-2026"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
});

test("a grant removed in the database narrows the session at once", async () => {
  const c = await signedIn("shuji");
  const branch = c.session.grants[0].org_id;
  expectStatus(await c.request("GET", `/api/members?org=${branch}`), 200);
  const saved = sql(srv.db, `SELECT role, org_id, created_at FROM user_grant WHERE user_id = ${userId("shuji")}`)[0];
  sql(srv.db, `DELETE FROM user_grant WHERE user_id = ${userId("shuji")}`);
  expectError(await c.request("GET", `/api/members?org=${branch}`), 403, "forbidden");
  assert.deepEqual((await c.request("GET", "/api/session")).json.grants, []);
  sql(srv.db, `INSERT INTO user_grant (user_id, role, org_id, created_at) VALUES (${userId("shuji")}, '${saved[0]}', ${saved[1]}, ${saved[2]})`);
  expectStatus(await c.request("GET", `/api/members?org=${branch}`), 200);
});

test("renaming or moving an org shows in the grants of sessions already open", async () => {
  const c = await signedIn("shequ");
  const org = c.session.grants[0].org_id;
  const [name] = sql(srv.db, `SELECT name FROM org WHERE id = ${org}`)[0];
  sql(srv.db, `UPDATE org SET name = name || '（测试更名）' WHERE id = ${org}`);
  assert.equal((await c.request("GET", "/api/session")).json.grants[0].org_name, `${name}（测试更名）`);
  sql(srv.db, `UPDATE org SET name = '${name}' WHERE id = ${org}`);
  assert.equal((await c.request("GET", "/api/session")).json.grants[0].org_name, name);
});

test("the sliding expiry is sent to the browser again, at most once a minute", async () => {
  const c = await signedIn("jiedao");
  const first = await c.request("GET", "/api/session");
  assert.equal(first.headers.get("set-cookie"), null, "a fresh session needs no new cookie");
  // Two minutes pass: the session was last seen (and its expiry slid) two minutes ago. (The counter moves so this
  // server reads the session again, as it would after any change elsewhere.)
  const uid = userId("jiedao");
  sql(srv.db, `UPDATE session SET last_seen_at = last_seen_at - 120, expires_at = expires_at - 120 WHERE user_id = ${uid};
               UPDATE generation SET n = n + 1 WHERE name = 'auth'`);
  const before = Number(sql(srv.db, `SELECT expires_at FROM session WHERE user_id = ${uid}`)[0][0]);
  const slid = expectStatus(await c.request("GET", "/api/session"), 200);
  const cookie = slid.headers.get("set-cookie");
  assert.ok(cookie, "the renewed session's cookie is sent again");
  assert.equal(cookie.split(";")[0], c.cookie, "same token, not a new session");
  assert.match(cookie, /HttpOnly; SameSite=Strict; Max-Age=[1-9]\d*/);
  assert.ok(Number(sql(srv.db, `SELECT expires_at FROM session WHERE user_id = ${uid}`)[0][0]) > before);
  const next = expectStatus(await c.request("GET", "/api/session"), 200);
  assert.equal(next.headers.get("set-cookie"), null, "not again within the minute");
});

test("a session past its expiry is refused even while held in memory", async () => {
  const c = await signedIn("jumin");
  sql(srv.db, `UPDATE session SET expires_at = 1 WHERE user_id = ${userId("jumin")};
               UPDATE generation SET n = n + 1 WHERE name = 'auth'`);
  const e = expectError(await c.request("GET", "/api/meta"), 401, "unauthenticated");
  assert.match(e.message, /过期/);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
});

test("sliding a session's expiry does not make other sessions stale", async () => {
  await signedIn("dangyuan");
  const gen = () => sql(srv.db, `SELECT n FROM generation WHERE name = 'auth'`)[0][0];
  const g = gen();
  sql(srv.db, `UPDATE session SET last_seen_at = last_seen_at - 1, expires_at = expires_at + 1`);
  assert.equal(gen(), g);
});

test("changing one's own password ends every other session of the user; the current one stays", async () => {
  const branch = sql(srv.db, `SELECT org_id FROM user_grant WHERE user_id = ${userId("shuji")}`)[0][0];
  const add = cli(["user", "add", "--db", srv.db, "--username", "t_selfpw", "--password", "Self-Passw0rd-1",
                   "--role", "member", "--org", String(branch)]);
  assert.equal(add.status, 0, add.stderr);
  sql(srv.db, `UPDATE user_account SET must_change_password = 0 WHERE username = 't_selfpw'`);
  const phone = await login(srv, "t_selfpw", "Self-Passw0rd-1");
  const laptop = await login(srv, "t_selfpw", "Self-Passw0rd-1");
  expectStatus(await phone.request("GET", "/api/session"), 200);
  expectStatus(await laptop.request("GET", "/api/session"), 200); // both now held in memory
  const other = await signedIn("dangyuan");
  expectStatus(await laptop.request("POST", "/api/session/password",
    { body: { old_password: "Self-Passw0rd-1", new_password: "Self-Passw0rd-2" } }), 200);
  assert.equal(expectStatus(await phone.request("GET", "/api/session"), 200).json.user, null);
  const kept = expectStatus(await laptop.request("GET", "/api/session"), 200);
  assert.equal(kept.json.user.username, "t_selfpw", "the session that changed the password stays signed in");
  expectStatus(await other.request("GET", "/api/session"), 200); // other users are not touched
  assert.equal(sql(srv.db, `SELECT count(*) FROM session WHERE user_id = ${userId("t_selfpw")}`)[0][0], "1");
});
