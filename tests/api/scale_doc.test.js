// scale_doc.test.js: every table without a tenant_id column (the future Citus distribution
// key) is named in docs/scale.md's "Tables without tenant_id" list with its kind, and every
// table named there exists. A new area's table either carries tenant_id or is listed.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { cli, tmpdir, newDb, sql, ROOT, PG } = require("./lib/harness");

test("tables without tenant_id are exactly those docs/scale.md lists, each with a kind", () => {
  const dir = tmpdir();
  const db = newDb(dir);
  assert.equal(cli(["init", "--db", db]).status, 0);
  const query = PG
    ? "SELECT table_name FROM information_schema.tables t WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id') ORDER BY 1"
    : "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND m.name NOT LIKE 'person_fts%' AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'tenant_id') ORDER BY 1";
  const actual = sql(db, query).map((r) => r[0]);
  const doc = fs.readFileSync(path.join(ROOT, "docs/scale.md"), "utf8");
  const section = doc.split("### Tables without tenant_id")[1];
  assert.ok(section, "docs/scale.md has no 'Tables without tenant_id' section");
  const listed = {};
  for (const m of section.matchAll(/^\| `([a-z_]+)` \| (\w+) \| (.+) \|$/gm)) listed[m[1]] = m[2];
  for (const t of actual) {
    assert.ok(listed[t], `table ${t} has no tenant_id and is not listed in docs/scale.md`);
    assert.ok(["reference", "coordinator", "child"].includes(listed[t]), `${t}: unknown kind ${listed[t]}`);
  }
  assert.deepEqual(Object.keys(listed).sort(), [...actual].sort(), "docs/scale.md lists a table that does not exist or has tenant_id");
  fs.rmSync(dir, { recursive: true, force: true });
});
