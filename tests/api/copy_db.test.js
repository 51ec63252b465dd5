// copy_db.test.js: `dangjian copy-db` moves a whole installation (here the demo street's SQLite
// file) into an empty database — PostgreSQL when the suite runs on it, a new file otherwise —
// with every row, the audit chain verifying, and the same answers from a server on the copy.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cli, tmpdir, newDb, sql, startServer, login, expectStatus, DEMO_PASSWORD, PG } = require("./lib/harness");

test("copy-db: every table's rows, the audit chain and the same answers; a non-empty target is refused", async () => {
  const dir = tmpdir();
  const from = path.join(dir, "street.db");
  assert.equal(cli(["demo", "--db", from, "--members", "600", "--password", DEMO_PASSWORD]).status, 0);
  const to = newDb(dir, "copy.db");
  const r = cli(["copy-db", "--from", from, "--to", to]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /audit chain intact on the target: \d+ rows, head [0-9a-f]{64}/);
  // Every table of the source (its own catalog), but the migrations' record and the counters
  // the target's triggers keep, has the same rows on the target.
  const tables = sql(from, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'person_fts%' AND name NOT IN ('schema_version', 'member_stat') ORDER BY 1").map((x) => x[0]);
  assert.ok(tables.length >= 20, tables.join());
  for (const t of tables) assert.deepEqual(sql(to, `SELECT count(*) FROM ${t}`), sql(from, `SELECT count(*) FROM ${t}`), t);
  assert.deepEqual(sql(to, "SELECT id, path, name FROM org ORDER BY id"), sql(from, "SELECT id, path, name FROM org ORDER BY id"));
  const verify = cli(["audit", "verify", "--db", to]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  const stats = cli(["stats", "verify", "--db", to]);
  assert.equal(stats.status, 0, stats.stdout + stats.stderr);
  assert.deepEqual(sql(to, "SELECT org_id, dim, key, n FROM member_stat WHERE n > 0 ORDER BY 1, 2, 3"),
    sql(from, "SELECT org_id, dim, key, n FROM member_stat WHERE n > 0 ORDER BY 1, 2, 3"));

  // A server on the copy answers as one on the original, and new rows get new ids.
  const a = await startServer({ db: from });
  const b = await startServer({ db: to });
  try {
    const ca = await login(a, "shequ"), cb = await login(b, "shequ");
    const org = ca.session.grants[0].org_id;
    // Name search: one character (LIKE), two (term index), three or more (trigram index: FTS5
    // on SQLite, pg_trgm on PostgreSQL) and pinyin initials give the same members.
    const [[name, initials]] = sql(from, "SELECT p.name, p.name_initials FROM member m JOIN person p ON p.id = m.person_id WHERE length(p.name) >= 3 ORDER BY m.id LIMIT 1");
    const searches = [name.slice(0, 1), name.slice(1, 3), name, name.slice(-3), initials.split(" ")[0]]
      .map((q) => `/api/members?org=${org}&size=200&q=${encodeURIComponent(q)}`);
    for (const p of [`/api/orgs/${org}/stats`, `/api/members?org=${org}&size=50&sort=name`, `/api/orgs/${org}/tree`, ...searches]) {
      const want = expectStatus(await ca.request("GET", p), 200).json;
      assert.deepEqual(expectStatus(await cb.request("GET", p), 200).json, want, p);
      if (p.includes("q=")) assert.ok(want.total > 0, p);
    }
    const branch = (await login(b, "shuji")).session.grants[0].org_id;
    const made = expectStatus(await cb.request("POST", "/api/orgs", { body: { parent_id: branch, type: "group", name: "复制后新建党小组" } }), 201).json;
    assert.ok(made.id > Number(sql(from, "SELECT max(id) FROM org")[0][0]));
  } finally {
    await b.stop();
    await a.stop();
  }

  // PostgreSQL back down to a file: the same rows and chain (copy-db works either way).
  if (PG) {
    const back = path.join(dir, "back.db");
    const b = cli(["copy-db", "--from", to, "--to", back]);
    assert.equal(b.status, 0, b.stderr + b.stdout);
    for (const t of tables) assert.deepEqual(sql(back, `SELECT count(*) FROM ${t}`), sql(to, `SELECT count(*) FROM ${t}`), t);
    assert.equal(cli(["stats", "verify", "--db", back]).status, 0);
  }
  // A target that cannot be reached: one clear line, and the password in its URL never shown.
  const down = cli(["copy-db", "--from", from, "--to", "postgresql://cadre:Copy-Secret-9@127.0.0.1:1/dangjian"]);
  assert.equal(down.status, 1);
  assert.match(down.stderr, /无法连接 PostgreSQL/);
  assert.doesNotMatch(down.stdout + down.stderr, /Copy-Secret-9/);
  const again = cli(["copy-db", "--from", from, "--to", to]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /不是空的|已存在/);
  fs.rmSync(dir, { recursive: true, force: true });
});
