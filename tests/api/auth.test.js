// auth.test.js: logging in and out, cookies, CSRF, session fixation, throttling and lockout
// without revealing which usernames exist, forced password change, password rules, user
// management inside the scope, and the audit chain with its tamper detection.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, unseal, cli, expectStatus, expectError, DEMO_PASSWORD, PG } = require("./lib/harness");

let srv, admin, shequ, community, branch, otherCommunity;
before(async () => {
  srv = await startServer({ demo: {} });
  admin = await login(srv, "admin");
  shequ = await login(srv, "shequ");
  community = shequ.session.grants[0].org_id;
  branch = (await login(srv, "shuji")).session.grants[0].org_id;
  otherCommunity = Number(sql(srv.db, `SELECT id FROM org WHERE type IN ('community_committee','general_branch') AND id <> ${community} LIMIT 1`)[0][0]);
});
after(async () => { await srv.stop(); });

test("login sets an HttpOnly SameSite=Strict cookie and returns the CSRF token, grants and permissions", async () => {
  const res = expectStatus(await srv.request("POST", "/api/session", { body: { username: "shuji", password: DEMO_PASSWORD } }), 200);
  const cookie = res.headers.get("set-cookie");
  assert.match(cookie, /^dj_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  assert.match(res.json.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(res.json.user.username, "shuji");
  assert.deepEqual(res.json.grants.map((g) => g.role), ["branch_secretary"]);
  assert.deepEqual(res.json.permissions.sort(), ["deliberation.read", "dev.read", "dev.write", "dues.read", "dues.write", "members.read", "members.reveal_pii", "members.write", "orglife.read", "orglife.write", "orgs.read", "projects.read", "transfers.read", "transfers.write", "volunteer.read", "volunteer.write"]);
  const me = expectStatus(await srv.request("GET", "/api/session", { headers: { Cookie: cookie.split(";")[0] } }), 200);
  assert.equal(me.json.user.username, "shuji");
  assert.equal(me.json.csrf_token, undefined, "the CSRF token is only handed out at login");
});

test("usernames are case-insensitive", async () => {
  expectStatus(await srv.request("POST", "/api/session", { body: { username: "ShuJi", password: DEMO_PASSWORD } }), 200);
});

test("API calls without a session are 401 in the error shape", async () => {
  expectError(await srv.request("GET", "/api/users"), 401, "unauthenticated");
  expectError(await srv.request("GET", "/api/users", { headers: { Cookie: "dj_session=forged-token-forged-token-forged-token-xx" } }), 401, "unauthenticated");
});

test("GET /api/session answers {user: null} without a session or with an ended one, not 401", async () => {
  assert.deepEqual(expectStatus(await srv.request("GET", "/api/session"), 200).json, { user: null });
  const forged = { headers: { Cookie: "dj_session=forged-token-forged-token-forged-token-xx" } };
  assert.deepEqual(expectStatus(await srv.request("GET", "/api/session", forged), 200).json, { user: null });
  const c = await login(srv, "shuji");
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user.username, "shuji");
  expectStatus(await c.request("DELETE", "/api/session"), 200);
  assert.deepEqual(expectStatus(await c.request("GET", "/api/session"), 200).json, { user: null });
});

test("malformed login bodies give field errors", async () => {
  expectError(await srv.request("POST", "/api/session", { raw: "{nope", headers: { "Content-Type": "application/json" } }), 400, "invalid");
  expectError(await srv.request("POST", "/api/session", { body: { username: "a" } }), 400, "invalid", "/password");
  expectError(await srv.request("POST", "/api/session", { body: { username: "a", password: "b", extra: 1 } }), 400, "invalid", "/extra");
});

test("writes need the session's CSRF token", async () => {
  const c = await login(srv, "weiyuan");
  const body = { old_password: "wrong-wrong-wrong", new_password: "Another-Pass-2026" };
  expectError(await c.request("POST", "/api/session/password", { body, noCsrf: true }), 403, "forbidden");
  expectError(await c.request("POST", "/api/session/password", { body, headers: { "X-CSRF-Token": c.csrf.replace(/^./, (ch) => (ch === "A" ? "B" : "A")) }, noCsrf: true }), 403, "forbidden");
  // With the right token the request reaches the handler (and fails on the old password).
  expectError(await c.request("POST", "/api/session/password", { body }), 400, "invalid", "/old_password");
});

test("logging in again rotates the token and ends the session presented (no fixation)", async () => {
  const first = await login(srv, "wangge");
  const res = expectStatus(await srv.request("POST", "/api/session", { body: { username: "wangge", password: DEMO_PASSWORD }, headers: { Cookie: first.cookie } }), 200);
  const second = res.headers.get("set-cookie").split(";")[0];
  assert.notEqual(second, first.cookie);
  assert.equal(expectStatus(await first.request("GET", "/api/session"), 200).json.user, null);
  expectStatus(await srv.request("GET", "/api/session", { headers: { Cookie: second } }), 200);
});

test("logout ends the session and clears the cookie", async () => {
  const c = await login(srv, "lianluo");
  const res = expectStatus(await c.request("DELETE", "/api/session"), 200);
  assert.match(res.headers.get("set-cookie"), /^dj_session=; .*Max-Age=0/);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
});

test("wrong password and unknown user are answered identically", async () => {
  const a = await srv.request("POST", "/api/session", { body: { username: "jumin", password: "not-the-password" } });
  const b = await srv.request("POST", "/api/session", { body: { username: "nobody-here", password: "not-the-password" } });
  expectError(a, 401, "unauthenticated");
  expectError(b, 401, "unauthenticated");
  const strip = (r) => JSON.stringify({ ...r.json.error, request_id: "" });
  assert.equal(strip(a), strip(b));
});

test("an org admin creates accounts only inside the scope, and cannot hand out admin", async () => {
  const mk = (username, org_id, role = "member") => ({ username, display_name: "测试账号", password: "Init-Passw0rd-1", role, org_id });
  const ok = expectStatus(await shequ.request("POST", "/api/users", { body: mk("t_inside", branch, "branch_committee") }), 201);
  assert.equal(ok.json.must_change_password, true);
  assert.equal(ok.json.grants[0].org_id, branch);
  expectError(await shequ.request("POST", "/api/users", { body: mk("t_outside", otherCommunity) }), 403, "forbidden", "/org_id");
  expectError(await shequ.request("POST", "/api/users", { body: mk("t_admin", branch, "admin") }), 403, "forbidden", "/org_id");
  expectError(await shequ.request("POST", "/api/users", { body: mk("t_inside", branch) }), 409, "conflict", "/username");
  expectError(await shequ.request("POST", "/api/users", { body: { ...mk("t_bad", branch), role: "king" } }), 400, "invalid", "/role");
  expectError(await shequ.request("POST", "/api/users", { body: mk("t b", branch) }), 400, "invalid", "/username");
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM user_account WHERE username IN ('t_outside','t_admin','t_bad')")[0][0], "0");
});

test("password rules: length, username, ID-number digits", async () => {
  const person = Number(sql(srv.db, "SELECT person_id FROM user_account WHERE username = 'dangyuan'")[0][0]);
  const idn = unseal(sql(srv.db, `SELECT id_number FROM person WHERE id = ${person}`)[0][0]);
  const body = (password) => ({ username: "t_rules", display_name: "规则", password, role: "member", org_id: branch });
  expectError(await shequ.request("POST", "/api/users", { body: body("short1") }), 400, "invalid", "/password");
  expectError(await shequ.request("POST", "/api/users", { body: body("xx-t_rules-2026") }), 400, "invalid", "/password");
  expectError(await shequ.request("POST", "/api/users", { body: body(idn) }), 400, "invalid", "/password");
  const c = await login(srv, "dangyuan");
  const r = await c.request("POST", "/api/session/password", { body: { old_password: DEMO_PASSWORD, new_password: "abc" + idn.slice(-6) + "xyz!" } });
  const e = expectError(r, 400, "invalid", "/new_password");
  assert.match(e.message, /身份证号/);
});

test("password rules: three of four character classes or a passphrase, no common passwords (issue 15)", async () => {
  const body = (password) => ({ username: "t_policy", display_name: "口令策略", password, role: "member", org_id: branch });
  for (const pw of ["aaaaaaaaaa", "1234567890", "password12", "abcdefghijk", "huoguo-chengdu"]) {
    const e = expectError(await shequ.request("POST", "/api/users", { body: body(pw) }), 400, "invalid", "/password");
    assert.match(e.message, /三类/, pw);
  }
  for (const pw of ["Password12", "Password123", "P@ssw0rd2024!", "Woaini1314!", "Dangjian@2026", "Qwerty12345", "1qaz2wsx3EDC"]) {
    const e = expectError(await shequ.request("POST", "/api/users", { body: body(pw) }), 400, "invalid", "/password");
    assert.match(e.message, /常见/, pw);
  }
  expectStatus(await shequ.request("POST", "/api/users", { body: body("chengdu huoguo mala tang") }), 201);
});

test("password rules: the last auth.password_history passwords of the account are refused (issue 15)", async () => {
  const made = expectStatus(await shequ.request("POST", "/api/users", { body: { username: "t_hist", display_name: "历史", password: "Hist-Start-0001", role: "member", org_id: branch } }), 201);
  const c = await login(srv, "t_hist", "Hist-Start-0001");
  const change = (old_password, new_password) => c.request("POST", "/api/session/password", { body: { old_password, new_password } });
  expectStatus(await change("Hist-Start-0001", "Hist-Second-002"), 200);
  expectStatus(await change("Hist-Second-002", "Hist-Third-0003"), 200);
  // Back to the first or the second: both are among the last 5.
  for (const pw of ["Hist-Start-0001", "Hist-Second-002"]) {
    const e = expectError(await change("Hist-Third-0003", pw), 400, "invalid", "/new_password");
    assert.match(e.message, /最近 5 次/);
  }
  // An admin reset may not hand back a recent one either.
  const e = expectError(await shequ.request("POST", `/api/users/${made.json.id}/password`, { body: { new_password: "Hist-Second-002" } }), 400, "invalid", "/new_password");
  assert.match(e.message, /最近 5 次/);
  expectStatus(await shequ.request("POST", `/api/users/${made.json.id}/password`, { body: { new_password: "Hist-Fourth-004" } }), 200);
  // Only hashes are kept, and only the last five per account.
  const rows = sql(srv.db, `SELECT password_hash FROM password_history WHERE user_id = ${made.json.id}`);
  assert.equal(rows.length, 4);
  assert.ok(rows.every((r) => r[0].startsWith("$argon2id$")));
});

test("password rules: an ID number's check character X counts as part of its digits", async () => {
  const [person, idn] = sql(srv.db, "SELECT id, id_number FROM person WHERE id NOT IN (SELECT person_id FROM user_account WHERE person_id IS NOT NULL) ORDER BY id")
    .map(([id, sealed]) => [id, unseal(sealed)]).find(([, plain]) => plain.endsWith("X"));
  const body = (password) => ({ username: "t_idx", display_name: "校验位", password, person_id: Number(person), role: "member", org_id: branch });
  const tail = idn.slice(-6); // e.g. 30231X
  for (const pw of [`Zq-pass-${tail}`, `Zq-pass-${tail.toLowerCase()}`, `${idn.slice(-9, -3)}-Zq-pass`]) {
    const e = expectError(await shequ.request("POST", "/api/users", { body: body(pw) }), 400, "invalid", "/password");
    assert.match(e.message, /身份证号/, pw);
  }
  // Five of its characters plus something else are fine.
  const ok = expectStatus(await shequ.request("POST", "/api/users", { body: body(`Zq-pass-${tail.slice(1)}-q`) }), 201);
  assert.equal(ok.json.person_id, Number(person));
});

test("a user's grants outside the caller's scope are not shown", async () => {
  const made = expectStatus(await admin.request("POST", "/api/users", { body: { username: "t_twoscope", display_name: "两处授权", password: "Init-Passw0rd-7", role: "member", org_id: branch } }), 201);
  const id = made.json.id;
  expectStatus(await admin.request("POST", `/api/users/${id}/grants`, { body: { role: "org_admin", org_id: otherCommunity } }), 201);
  const full = expectStatus(await admin.request("GET", `/api/users/${id}`), 200);
  assert.deepEqual(full.json.grants.map((g) => g.org_id).sort(), [branch, otherCommunity].sort());
  const path = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  const seen = expectStatus(await shequ.request("GET", `/api/users/${id}`), 200);
  assert.deepEqual(seen.json.grants.map((g) => [g.role, g.org_id]), [["member", branch]]);
  const list = expectStatus(await shequ.request("GET", "/api/users?size=200"), 200);
  const row = list.json.items.find((u) => u.id === id);
  assert.ok(row, "the user is listed (one grant is inside the scope)");
  assert.deepEqual(row.grants.map((g) => g.org_id), [branch]);
  for (const u of list.json.items)
    for (const g of u.grants) assert.ok(g.org_path.startsWith(path), `${u.username}: grant at ${g.org_path} outside ${path}`);
  assert.ok(!JSON.stringify(list.json).includes(`"org_id":${otherCommunity},`));
});

test("what a cadre types: full-width usernames, pasted no-break and ideographic spaces", async () => {
  // Typed with a Chinese input method in full-width mode, pasted with a no-break space.
  const made = expectStatus(await shequ.request("POST", "/api/users", { body: { username: "Ｔ＿ｆｕｌｌ１\u00a0", display_name: "\u3000全角　账号\u3000", password: "Init-Passw0rd-3", role: "member", org_id: branch } }), 201).json;
  assert.equal(made.username, "t_full1");
  assert.equal(made.display_name, "全角　账号");
  // Signing in the way it was typed finds the same account.
  const res = await srv.request("POST", "/api/session", { body: { username: "ｔ＿ｆｕｌｌ１", password: "Init-Passw0rd-3" } });
  expectStatus(res, 200);
  assert.equal(res.json.user.username, "t_full1");
});

test("a new account must change its initial password before doing anything else", async () => {
  expectStatus(await shequ.request("POST", "/api/users", { body: { username: "t_fresh", display_name: "新账号", password: "Init-Passw0rd-2", role: "org_admin", org_id: branch } }), 201);
  const c = await login(srv, "t_fresh", "Init-Passw0rd-2");
  assert.equal(c.session.user.must_change_password, true);
  const e = expectError(await c.request("GET", "/api/users"), 403, "forbidden");
  assert.match(e.message, /修改初始密码/);
  expectStatus(await c.request("POST", "/api/session/password", { body: { old_password: "Init-Passw0rd-2", new_password: "Fresh-Passw0rd-9" } }), 200);
  const again = await login(srv, "t_fresh", "Fresh-Passw0rd-9");
  assert.equal(again.session.user.must_change_password, false);
  expectStatus(await again.request("GET", "/api/users"), 200);
});

test("user lists and look-ups stay inside the scope, totals included", async () => {
  const path = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  const expected = Number(sql(srv.db, `SELECT COUNT(DISTINCT g.user_id) FROM user_grant g JOIN org o ON o.id = g.org_id WHERE o.path LIKE '${path}%'`)[0][0]);
  const res = expectStatus(await shequ.request("GET", "/api/users?size=200"), 200);
  assert.equal(res.json.total, expected);
  assert.equal(res.json.items.length, expected);
  for (const u of res.json.items) assert.ok(u.grants.some((g) => g.org_path.startsWith(path)), `${u.username} is outside ${path}`);
  assert.ok(!res.json.items.some((u) => u.username === "jiedao" || u.username === "admin"));
  const adminId = Number(sql(srv.db, "SELECT id FROM user_account WHERE username = 'admin'")[0][0]);
  expectError(await shequ.request("GET", `/api/users/${adminId}`), 404, "not_found");
  expectError(await shequ.request("GET", `/api/users?org=${otherCommunity}`), 404, "not_found", "/org");
  const all = expectStatus(await admin.request("GET", "/api/users?size=200"), 200);
  assert.ok(all.json.total > res.json.total);
});

test("disabling an account ends its sessions; an admin reset forces a new password", async () => {
  const c = await login(srv, "t_inside", "Init-Passw0rd-1");
  const id = c.session.user.id;
  expectStatus(await shequ.request("PATCH", `/api/users/${id}`, { body: { status: "disabled" } }), 200);
  assert.equal(expectStatus(await c.request("GET", "/api/session"), 200).json.user, null);
  expectError(await srv.request("POST", "/api/session", { body: { username: "t_inside", password: "Init-Passw0rd-1" } }), 401, "unauthenticated");
  expectStatus(await shequ.request("PATCH", `/api/users/${id}`, { body: { status: "active" } }), 200);
  expectStatus(await shequ.request("POST", `/api/users/${id}/password`, { body: { new_password: "Reset-Passw0rd-3" } }), 200);
  const d = await login(srv, "t_inside", "Reset-Passw0rd-3");
  assert.equal(d.session.user.must_change_password, true);
  const self = expectError(await shequ.request("PATCH", `/api/users/${shequ.session.user.id}`, { body: { status: "disabled" } }), 409, "conflict");
  assert.match(self.message, /自己/);
});

test("grants: add inside the scope, never remove the last one", async () => {
  const id = Number(sql(srv.db, "SELECT id FROM user_account WHERE username = 't_inside'")[0][0]);
  const added = expectStatus(await shequ.request("POST", `/api/users/${id}/grants`, { body: { role: "grid_worker", org_id: community } }), 201);
  assert.equal(added.json.grants.length, 2);
  expectError(await shequ.request("POST", `/api/users/${id}/grants`, { body: { role: "grid_worker", org_id: otherCommunity } }), 403, "forbidden");
  const g = added.json.grants.find((x) => x.role === "grid_worker");
  expectStatus(await shequ.request("DELETE", `/api/users/${id}/grants/${g.id}`), 200);
  const last = added.json.grants.find((x) => x.role !== "grid_worker");
  expectError(await shequ.request("DELETE", `/api/users/${id}/grants/${last.id}`), 409, "conflict");
});

test("the audit API shows rows of the caller's scope only; admins see everything", async () => {
  const path = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  const mine = expectStatus(await shequ.request("GET", "/api/audit?size=200"), 200);
  assert.ok(mine.json.total > 0);
  const orgs = new Map(sql(srv.db, "SELECT id, path FROM org").map(([id, p]) => [Number(id), p]));
  for (const r of mine.json.items) assert.ok(orgs.get(r.org_id).startsWith(path), `audit row ${r.id} outside the scope`);
  assert.ok(mine.json.items.some((r) => r.action === "user.create"));
  const all = expectStatus(await admin.request("GET", "/api/audit?size=200"), 200);
  assert.ok(all.json.total > mine.json.total);
  assert.ok(all.json.items.some((r) => r.action === "session.login" && r.result === "failed"));
  expectError(await (await login(srv, "shuji")).request("GET", "/api/audit"), 403, "forbidden");
});

test("audit verify passes on the untouched chain and names the first tampered row", () => {
  const ok = cli(["audit", "verify", "--db", srv.db]);
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /audit chain intact: \d+ rows, head [0-9a-f]{64}/);
  const n = Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]);
  assert.ok(n >= 10);
  // The triggers refuse changes through SQL; an attacker with the file drops them first.
  assert.throws(() => sql(srv.db, "UPDATE audit SET result = 'ok' WHERE id = 3"), /append-only/);
  // A database to tamper with: a copy of the file (SQLite), or the live one with the rows
  // restored from a saved copy and the triggers disabled (PostgreSQL, where the server's own
  // connections keep a database from being copied).
  if (PG) sql(srv.db, "CREATE TABLE audit_saved AS SELECT * FROM audit; ALTER TABLE audit DISABLE TRIGGER USER");
  const copy = (name) => {
    if (PG) {
      sql(srv.db, "DELETE FROM audit; INSERT INTO audit SELECT * FROM audit_saved");
      return srv.db;
    }
    const f = `${srv.dir}/${name}.db`;
    sql(srv.db, `VACUUM INTO '${f}'`);
    sql(f, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
    return f;
  };
  const edited = copy("edited");
  sql(edited, "UPDATE audit SET action = 'nothing.happened' WHERE id = 5");
  let r = cli(["audit", "verify", "--db", edited]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN at row 5: .*本行被改动/);
  const deleted = copy("deleted");
  sql(deleted, "DELETE FROM audit WHERE id = 4");
  r = cli(["audit", "verify", "--db", deleted]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN at row 5: .*缺少 1 行/);
  const reordered = copy("reordered");
  sql(reordered, "UPDATE audit SET id = -6 WHERE id = 6; UPDATE audit SET id = 6 WHERE id = 7; UPDATE audit SET id = 7 WHERE id = -6;");
  r = cli(["audit", "verify", "--db", reordered]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN at row 6/);
  const rehashed = copy("rehashed");
  // A row whose stored hash was altered no longer matches its content.
  sql(rehashed, "UPDATE audit SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE id = 2");
  r = cli(["audit", "verify", "--db", rehashed]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN at row 2/);
  if (PG) {
    copy("restored");
    sql(srv.db, "ALTER TABLE audit ENABLE TRIGGER USER; DROP TABLE audit_saved");
    assert.equal(cli(["audit", "verify", "--db", srv.db]).status, 0);
  }
});

test("CLI user add / list / passwd", () => {
  const add = cli(["user", "add", "--db", srv.db, "--username", "cli_user", "--password", "Cli-Passw0rd-1", "--role", "grid_worker", "--org", String(community)]);
  assert.equal(add.status, 0, add.stderr);
  assert.match(add.stdout, /must change password/);
  const list = cli(["user", "list", "--db", srv.db]);
  assert.match(list.stdout, new RegExp(`cli_user .*grid_worker@${community}`));
  const bad = cli(["user", "add", "--db", srv.db, "--username", "cli_x1", "--password", "short", "--role", "member", "--org", String(community)]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /密码至少 10 个字符/);
  const common = cli(["user", "add", "--db", srv.db, "--username", "cli_x3", "--password", "Zhongguo2024", "--role", "member", "--org", String(community)]);
  assert.equal(common.status, 1);
  assert.match(common.stderr, /常见/);
  const missing = cli(["user", "add", "--db", srv.db, "--username", "cli_x2"]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /缺少 --password/);
  const pw = cli(["user", "passwd", "--db", srv.db, "--username", "cli_user", "--password", "Cli-Passw0rd-2"]);
  assert.equal(pw.status, 0, pw.stderr);
  const audit = sql(srv.db, "SELECT source FROM audit WHERE source LIKE 'cli:user%'").map((r) => r[0]);
  assert.deepEqual(audit, ["cli:user add", "cli:user passwd"]);
});

test("CLI user add --batch: one initial password hashed once, one transaction, all or none", async () => {
  const before = Number(sql(srv.db, "SELECT COUNT(*) FROM user_account")[0][0]);
  // A bad line anywhere (here an org that does not exist on line 4) creates nobody.
  const lines = `# 网格员批量开通\nbatch_a grid_worker ${community} 网格员 甲\n\nbatch_b member ${branch}\nbatch_c member 999999\n`;
  const bad = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1"], { input: lines });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /第 5 行 line 5（batch_c），未新建任何账号/);
  assert.match(bad.stderr, /\(\/2\/org_id\)/);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM user_account")[0][0]), before);
  // Syntax is checked per line before anything is written.
  for (const [input, re] of [["batch_x king 1\n", /第 1 行 line 1: 角色无效/], ["b$d member 1\n", /第 1 行 line 1: 用户名只能包含/],
    ["batch_x member\n", /第 1 行 line 1: 应为/], ["batch_x member 0\n", /第 1 行 line 1: 组织编号应为正整数/], ["# nothing\n", /没有账号/]]) {
    const r = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1"], { input });
    assert.equal(r.status, 2, input);
    assert.match(r.stderr, re, input);
  }
  // A file saved by Excel or Notepad as GBK is refused with the fix named, before the server
  // could ever read the text back.
  const gbk = Buffer.concat([Buffer.from("batch_gbk member 1 "), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from("\n")]);
  const enc = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1"], { input: gbk });
  assert.equal(enc.status, 2);
  assert.match(enc.stderr, /第 1 行 line 1: 不是 UTF-8 编码的文字/);
  // The username rules hold for a single account from the command line too.
  const short = cli(["user", "add", "--db", srv.db, "--username", "ab", "--password", "Batch-Passw0rd-1", "--role", "member", "--org", String(branch)]);
  assert.equal(short.status, 1);
  assert.match(short.stderr, /用户名应为 3 到 64 个字符/);
  assert.equal(cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1", "--role", "member"], { input: "" }).status, 2);
  assert.equal(cli(["user", "add", "--db", srv.db, "--batch", "-"], { input: lines }).status, 2, "--password is required");
  // The password rules hold for every account of the batch.
  const weak = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "batch_b-1234"], { input: `batch_a member ${branch}\nbatch_b member ${branch}\n` });
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /第 2 行 line 2（batch_b）.*\n.*\(\/1\/password\)/);
  const common = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Password@2024"], { input: `batch_a member ${branch}\n` });
  assert.equal(common.status, 1);
  assert.match(common.stderr, /常见.*\n?.*\(\/0\/password\)/);
  // UTF-8 with the byte-order mark Windows editors write is read as it is meant.
  const ok = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1"], { input: "\uFEFF" + lines.replace("999999", String(branch)) });
  assert.equal(ok.status, 0, ok.stderr);
  const ids = [...ok.stdout.matchAll(/created user (\S+) \(id (\d+)\)/g)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(ids.map((x) => x[0]), ["batch_a", "batch_b", "batch_c"]);
  assert.match(ok.stdout, /共新建 3 个账号 3 accounts created；首次登录须修改密码/);
  const rows = sql(srv.db, `SELECT u.id, u.display_name, u.must_change_password, u.password_hash, g.role, g.org_id FROM user_account u
    JOIN user_grant g ON g.user_id = u.id WHERE u.username LIKE 'batch\\_%' ESCAPE '\\' ORDER BY u.id`);
  assert.deepEqual(rows.map((r) => [Number(r[0]), r[1], r[2], r[4], Number(r[5])]), [
    [ids[0][1], "网格员 甲", "1", "grid_worker", community], [ids[1][1], "batch_b", "1", "member", branch], [ids[2][1], "batch_c", "1", "member", branch]]);
  assert.match(rows[0][3], /^\$argon2id\$/);
  assert.ok(rows.every((r) => r[3] === rows[0][3]), "the shared initial password is hashed once");
  const c = await login(srv, "batch_c", "Batch-Passw0rd-1");
  assert.equal(c.session.user.must_change_password, true);
  expectError(await srv.request("POST", "/api/session", { body: { username: "batch_a", password: "Batch-Passw0rd-2" } }), 401, "unauthenticated");
  // Each account is audited on its own, as from the CLI.
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM audit WHERE source = 'cli:user add' AND action = 'user.create' AND target_id IN (${ids.map((x) => x[1])})`)[0][0], "3");
  // The command line's batch file: full-width digits, blanks from Excel, the role's Chinese name.
  const r = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Batch-Passw0rd-1"], { input: `ｔ_batch_fw\u00a0网格员\u3000${String(branch).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} 批量\u3000\n` });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(sql(srv.db, "SELECT u.display_name, g.role, g.org_id FROM user_account u JOIN user_grant g ON g.user_id = u.id WHERE u.username = 't_batch_fw'")[0], ["批量", "grid_worker", String(branch)]);
});
