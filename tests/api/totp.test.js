// totp.test.js: two-factor login (等保 level 3): enrolment with a QR code and a confirming code,
// login asking for the code, codes computed as an authenticator app does (RFC 6238, checked
// here with node's own HMAC-SHA1), one step of drift, no replay, one-time recovery codes,
// disabling with the password, an admin's reset for a lost phone, and auth.totp_roles, which
// withholds every permission from a listed role until it has enrolled.
"use strict";
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const { totpCode: codeOf } = require("./lib/totp");
const { startServer, login, sql, expectStatus, expectError, DEMO_PASSWORD, BIN, ROOT } = require("./lib/harness");
const { spawnSync } = require("node:child_process");

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });
async function server(env = {}) {
  const srv = await startServer({ demo: { members: 100 }, env });
  servers.push(srv);
  return srv;
}

const attempt = (srv, username, extra = {}) =>
  srv.request("POST", "/api/session", { body: { username, password: DEMO_PASSWORD, ...extra } });

async function enrol(client) {
  const setup = expectStatus(await client.request("POST", "/api/session/totp/setup"), 200).json;
  assert.match(setup.secret, /^[A-Z2-7]{32}$/);
  assert.ok(setup.uri.startsWith(`otpauth://totp/dangjian:${client.username}?secret=${setup.secret}`));
  assert.match(setup.qr_svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  const res = expectStatus(await client.request("POST", "/api/session/totp/enable", { body: { code: codeOf(setup.secret) } }), 200);
  return { secret: setup.secret, codes: res.json.recovery_codes };
}

test("enrolment: a wrong code is refused, the right one turns it on and gives ten recovery codes", async () => {
  const srv = await server();
  const shequ = await login(srv, "shequ");
  assert.deepEqual(expectStatus(await shequ.request("GET", "/api/session/totp"), 200).json, { enabled: false, required: false, recovery_codes_left: 0 });
  const setup = expectStatus(await shequ.request("POST", "/api/session/totp/setup"), 200).json;
  const wrong = String((Number(codeOf(setup.secret)) + 1) % 1000000).padStart(6, "0");
  expectError(await shequ.request("POST", "/api/session/totp/enable", { body: { code: wrong } }), 400, "invalid", "/code");
  assert.equal(sql(srv.db, "SELECT count(*) FROM user_totp WHERE enabled_at IS NOT NULL")[0][0], "0");
  // Typed as the app shows it ("123 456"), in full-width digits from a Chinese input method.
  const typed = codeOf(setup.secret).replace(/^(\d{3})/, "$1 ").replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const on = expectStatus(await shequ.request("POST", "/api/session/totp/enable", { body: { code: typed } }), 200).json;
  assert.equal(on.recovery_codes.length, 10);
  on.recovery_codes.forEach((c) => assert.match(c, /^[2-9a-z]{4}-[2-9a-z]{4}$/));
  // Kept as hashes only.
  assert.equal(sql(srv.db, `SELECT count(*) FROM user_recovery_code WHERE code_hash = '${on.recovery_codes[0]}'`)[0][0], "0");
  assert.equal(sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'user.totp_enable'")[0][0], "1");
  const state = expectStatus(await shequ.request("GET", "/api/session/totp"), 200).json;
  assert.deepEqual(state, { enabled: true, required: false, recovery_codes_left: 10 });
  expectError(await shequ.request("POST", "/api/session/totp/setup"), 409, "conflict");
});

test("login asks for the code, takes it once, within one step of drift, and counts a wrong one", async () => {
  const srv = await server();
  const { secret, codes } = await enrol(await login(srv, "shequ"));
  // Without a code: a question, not a failure.
  expectError(await attempt(srv, "shequ"), 401, "unauthenticated", "/totp_code");
  assert.equal(sql(srv.db, "SELECT count(*) FROM login_throttle")[0][0], "0");
  // The enrolment used this step's code: the next step's (a phone 30 s fast) is accepted, once.
  const next = codeOf(secret, 1);
  expectStatus(await attempt(srv, "shequ", { totp_code: `${next.slice(0, 3)} ${next.slice(3)}` }), 200);
  const replay = expectError(await attempt(srv, "shequ", { totp_code: next }), 401, "unauthenticated", "/totp_code");
  assert.match(replay.message, /动态验证码/);
  assert.equal(sql(srv.db, "SELECT failures FROM login_throttle WHERE key = 'user:shequ'")[0][0], "1");
  // Three steps away is too far.
  expectError(await attempt(srv, "shequ", { totp_code: codeOf(secret, 3) }), 401, "unauthenticated", "/totp_code");
  // A recovery code works once; upper case, spaces and a missing hyphen as typed from paper are fine.
  expectStatus(await attempt(srv, "shequ", { totp_code: ` ${codes[0].toUpperCase().replace("-", "")} ` }), 200);
  expectError(await attempt(srv, "shequ", { totp_code: codes[0] }), 401, "unauthenticated", "/totp_code");
  assert.equal(expectStatus(await (await login(srv, "jiedao")).request("GET", "/api/session/totp"), 200).json.enabled, false);
  // The wrong password with a right code still fails as a wrong password.
  const e = expectError(await srv.request("POST", "/api/session", { body: { username: "shequ", password: "Wrong-Passw0rd", totp_code: codeOf(secret, 2) } }), 401, "unauthenticated");
  assert.equal(e.field, "/password");
});

test("disable needs the password; an admin resets a lost phone, audited", async () => {
  const srv = await server();
  const shequ = await login(srv, "shequ");
  const { secret } = await enrol(shequ);
  expectError(await shequ.request("POST", "/api/session/totp/disable", { body: { password: "Not-the-passw0rd" } }), 400, "invalid", "/password");
  expectStatus(await shequ.request("POST", "/api/session/totp/disable", { body: { password: DEMO_PASSWORD } }), 200);
  expectStatus(await attempt(srv, "shequ"), 200);
  // Again on, then the street admin resets it (the user lost the phone).
  await enrol(await login(srv, "shequ"));
  expectError(await attempt(srv, "shequ"), 401, "unauthenticated", "/totp_code");
  const jiedao = await login(srv, "jiedao");
  const id = sql(srv.db, "SELECT id FROM user_account WHERE username = 'shequ'")[0][0];
  expectStatus(await jiedao.request("POST", `/api/users/${id}/totp-reset`), 200);
  expectStatus(await attempt(srv, "shequ"), 200);
  assert.equal(sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'user.totp_reset' AND result = 'ok'")[0][0], "1");
  // A branch secretary may not reset a community admin.
  const shuji = await login(srv, "shuji");
  expectError(await shuji.request("POST", `/api/users/${id}/totp-reset`), 403, "forbidden");
  void secret;
});

test("auth.totp_roles: a listed role gets no permission until it enrols, and cannot turn it off", async () => {
  const srv = await server({ DANGJIAN_AUTH_TOTP_ROLES: "org_admin" });
  const shequ = await login(srv, "shequ");
  assert.equal(shequ.session.user.totp_setup_required, true);
  assert.deepEqual(shequ.session.permissions, []);
  expectError(await shequ.request("GET", "/api/members"), 403, "forbidden");
  assert.equal(expectStatus(await shequ.request("GET", "/api/session/totp"), 200).json.required, true);
  // Other roles are not affected.
  expectStatus(await (await login(srv, "shuji")).request("GET", "/api/members"), 200);
  await enrol(shequ);
  expectStatus(await shequ.request("GET", "/api/members"), 200);
  expectError(await shequ.request("POST", "/api/session/totp/disable", { body: { password: DEMO_PASSWORD } }), 409, "conflict");
});

test("an unknown role in auth.totp_roles stops the server from starting", () => {
  const r = spawnSync(BIN, ["serve", "--db", servers[0].db, "--port", "0"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, DANGJIAN_AUTH_TOTP_ROLES: "admin,boss" }, timeout: 10000,
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /auth\.totp_roles.*boss/);
});
