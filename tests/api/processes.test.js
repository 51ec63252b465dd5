// processes.test.js: state that must not live in one process. Two servers on one database
// (a SQLite file, or a PostgreSQL database as several app servers behind a load balancer)
// share sign-ins and sign-outs; on PostgreSQL a database restart mid-run fails no request
// (a statement or BEGIN outside a transaction runs again on a revived connection). Cached answers across servers
// are covered by cache.test.js.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const { startServer, login, cli, expectStatus, expectError, PG, ROOT, DEMO_PASSWORD } = require("./lib/harness");
const { demoId } = require("./lib/xlsx");

let a, b;
before(async () => {
  a = await startServer({ demo: {} });
  b = await startServer({ db: a.db });
});
after(async () => {
  await b.stop();
  await a.stop();
});

// The same signed-in client (cookie and CSRF token) talking to another server.
function on(srv, client) {
  return {
    ...client,
    request(method, p, opts = {}) {
      const headers = { Cookie: client.cookie, ...(opts.headers || {}) };
      if (method !== "GET") headers["X-CSRF-Token"] = client.csrf;
      return srv.request(method, p, { ...opts, headers });
    },
  };
}

test("a session opened on one server works on the other, and signing out on either ends it on both", async () => {
  const onA = await login(a, "shequ");
  const onB = on(b, onA);
  assert.equal(expectStatus(await onB.request("GET", "/api/session"), 200).json.user.username, "shequ");
  expectStatus(await onA.request("GET", "/api/members?size=1"), 200);
  expectStatus(await onB.request("GET", "/api/members?size=1"), 200);
  expectStatus(await onB.request("DELETE", "/api/session"), 200);
  assert.equal(expectStatus(await onA.request("GET", "/api/session"), 200).json.user, null);
  assert.equal(expectStatus(await onB.request("GET", "/api/session"), 200).json.user, null);
});

test("an account disabled through one server is signed out of the other at its next request", async () => {
  const admin = await login(a, "shequ");
  const user = await login(b, "wangge");
  expectStatus(await user.request("GET", "/api/session"), 200);
  const id = user.session.user.id;
  expectStatus(await admin.request("PATCH", `/api/users/${id}`, { body: { status: "disabled" } }), 200);
  assert.equal(expectStatus(await user.request("GET", "/api/session"), 200).json.user, null);
  expectStatus(await admin.request("PATCH", `/api/users/${id}`, { body: { status: "active" } }), 200);
});

test("after a database restart every read and write succeeds: dropped connections are revived",
  { skip: !PG && "PostgreSQL only: an embedded SQLite file cannot be restarted" }, async () => {
    // A cluster of its own, so restarting it does not disturb the test files running beside.
    const dir = fs.mkdtempSync("/tmp/dangjian-pg-"); // under /tmp: the server runs as postgres
    const tool = `${ROOT}/tools/pg-cluster.sh`;
    const run = (...args) => {
      const r = spawnSync(tool, args, { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    const url = run("start", dir);
    const servers = [];
    try {
      assert.equal(cli(["demo", "--db", url, "--members", "300", "--password", DEMO_PASSWORD]).status, 0);
      servers.push(await startServer({ db: url }), await startServer({ db: url }));
      const client = await login(servers[0], "shequ");
      const branch = (await login(servers[0], "shuji")).session.grants[0].org_id;
      // Several requests at once, so each server's pool holds several connections to lose.
      const burst = (srv, from) => Promise.all([0, 1, 2, 3, 4, 5].map((i) =>
        on(srv, client).request("GET", `/api/members?size=5&page=${from + i}`)));
      for (const srv of servers) for (const res of await burst(srv, 1)) expectStatus(res, 200);
      run("restart", dir);
      // Reads outside a transaction run again on a revived connection: none fails.
      for (const srv of servers) for (const res of await burst(srv, 10)) expectStatus(res, 200);
      // So does a write: its BEGIN meets the dropped connection first.
      for (const srv of servers) {
        const body = { name: "重启后", id_number: demoId("19800101", String(700 + servers.indexOf(srv))), org_id: branch };
        expectStatus(await on(srv, client).request("POST", "/api/members", { body }), 201);
      }
    } finally {
      for (const srv of servers) await srv.stop();
      run("stop", dir);
    }
  });
