// throttle.test.js: login back-off per username from one address, per username from every
// address and per address; the temporary lockout, Retry-After, that users behind one address
// (an office NAT) do not lock each other out, and that unknown usernames are throttled exactly
// like real ones.
// A server of its own: the per-address counter would disturb other test files.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, sql, expectStatus, expectError, DEMO_PASSWORD } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ demo: {} }); });
after(async () => { await srv.stop(); });

const attempt = (username, password) => srv.request("POST", "/api/session", { body: { username, password } });

const PAIR = "user:shuji@ip:127.0.0.1";

test("after 5 failures from one address a username is blocked there with 429 and Retry-After, even with the right password", async () => {
  for (let i = 0; i < 5; i++) expectError(await attempt("shuji", "wrong-password-" + i), 401, "unauthenticated");
  const blocked = await attempt("shuji", DEMO_PASSWORD);
  const e = expectError(blocked, 429, "throttled");
  assert.match(e.message, /秒后再试/);
  const wait = Number(blocked.headers.get("retry-after"));
  assert.ok(wait >= 1 && wait <= 15, `Retry-After ${wait}`);
  // Other accounts behind the same address are not affected by one account's failures.
  expectStatus(await attempt("weiyuan", DEMO_PASSWORD), 200);
  assert.equal(sql(srv.db, "SELECT failures FROM login_throttle WHERE key = 'user:shuji'")[0][0], "5");
});

test("an unknown username is throttled the same way, so 429 reveals nothing", async () => {
  for (let i = 0; i < 5; i++) expectError(await attempt("no-such-user", "wrong-password-" + i), 401, "unauthenticated");
  const e = expectError(await attempt("no-such-user", "whatever-it-is"), 429, "throttled");
  const f = expectError(await attempt("shuji", "whatever-it-is"), 429, "throttled");
  assert.equal(e.message.replace(/\d+/, "N"), f.message.replace(/\d+/, "N"));
});

test("the block doubles with each further failure up to a 15-minute lockout", async () => {
  // Pretend the first block has passed, then fail again: the next block is longer.
  sql(srv.db, `UPDATE login_throttle SET blocked_until = 0 WHERE key = '${PAIR}'`);
  expectError(await attempt("shuji", "wrong-again"), 401, "unauthenticated");
  const t = sql(srv.db, `SELECT failures, blocked_until - last_failure_at FROM login_throttle WHERE key = '${PAIR}'`)[0].map(Number);
  assert.deepEqual(t, [6, 30]);
  sql(srv.db, `UPDATE login_throttle SET failures = 20, blocked_until = 0 WHERE key = '${PAIR}'`);
  expectError(await attempt("shuji", "wrong-again"), 401, "unauthenticated");
  const lock = Number(sql(srv.db, `SELECT blocked_until - last_failure_at FROM login_throttle WHERE key = '${PAIR}'`)[0][0]);
  assert.equal(lock, 900);
  const blocked = await attempt("shuji", DEMO_PASSWORD);
  expectError(blocked, 429, "throttled");
  assert.ok(Number(blocked.headers.get("retry-after")) > 800);
});

test("a successful login clears the username's counters (not the address's)", async () => {
  sql(srv.db, "DELETE FROM login_throttle");
  for (let i = 0; i < 3; i++) await attempt("shuji", "wrong-" + i);
  expectStatus(await attempt("shuji", DEMO_PASSWORD), 200);
  assert.deepEqual(sql(srv.db, "SELECT key, failures FROM login_throttle"), [["ip:127.0.0.1", "3"]]);
});

test("a username guessed from many addresses is blocked everywhere after 20 failures", async () => {
  sql(srv.db, "DELETE FROM login_throttle");
  // 19 failures spread over other addresses (as if a botnet), then the 20th from here.
  sql(srv.db, "INSERT INTO login_throttle (key, failures, last_failure_at, blocked_until) VALUES ('user:shuji', 19, " + Math.floor(Date.now() / 1000) + ", 0)");
  expectError(await attempt("shuji", "wrong-20"), 401, "unauthenticated");
  expectError(await attempt("shuji", DEMO_PASSWORD), 429, "throttled");
  expectStatus(await attempt("weiyuan", DEMO_PASSWORD), 200);
});

test("one client address is blocked for every username after 100 failures (a whole office may share it)", async () => {
  sql(srv.db, "DELETE FROM login_throttle");
  for (let i = 0; i < 20; i++) expectError(await attempt(`spray-${i}`, "Password123!"), 401, "unauthenticated");
  expectStatus(await attempt("weiyuan", DEMO_PASSWORD), 200);
  sql(srv.db, "UPDATE login_throttle SET failures = 99 WHERE key = 'ip:127.0.0.1'");
  expectError(await attempt("spray-x", "Password123!"), 401, "unauthenticated");
  expectError(await attempt("weiyuan", DEMO_PASSWORD), 429, "throttled");
  assert.equal(sql(srv.db, "SELECT failures FROM login_throttle WHERE key = 'ip:127.0.0.1'")[0][0], "100");
});
