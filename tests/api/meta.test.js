// meta.test.js: GET /api/meta, the codes and labels the web app shows: every module's code
// tables, the permission labels and the audit-action labels; a session is required, and the
// answer is the same whatever the caller may do.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError } = require("./lib/harness");

let srv;
before(async () => { srv = await startServer({ demo: { members: 100 } }); });
after(async () => { await srv.stop(); });

test("meta needs a session", async () => {
  expectError(await srv.request("GET", "/api/meta"), 401, "unauthenticated");
});

test("meta serves the code tables, permission and audit-action labels", async () => {
  const shequ = await login(srv, "shequ");
  const meta = expectStatus(await shequ.request("GET", "/api/meta"), 200).json;
  const label = (table, code) => meta.codes[table].find((r) => r.code === code)?.label;
  assert.equal(label("member_status", "full"), "正式党员");
  assert.equal(label("member_category", "mobile_out"), "外出流动");
  assert.equal(label("org_type", "community_committee"), "社区党委");
  assert.equal(label("org_event_kind", "move"), "隶属调整");
  assert.equal(label("org_unit_kind", "co_building"), "共建单位");
  assert.equal(label("role", "branch_secretary"), "支部书记");
  assert.equal(label("audit_target_type", "member"), "党员");
  assert.deepEqual(meta.codes.member_status.map((r) => r.code), ["probationary", "full", "suspended", "left", "deceased"]);
  const perm = meta.permissions.find((p) => p.code === "members.read");
  assert.deepEqual(perm, { code: "members.read", label: "查看党员名册", module: "members" });
  assert.ok(!meta.permissions.some((p) => ["none", "public", "session"].includes(p.code)));
  const action = meta.audit_actions.find((a) => a.code === "member.create");
  assert.deepEqual(action, { code: "member.create", label: "新增党员", target_type: "member", module: "members" });
  const codes = meta.audit_actions.map((a) => a.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of ["session.login", "grant.add", "org.create", "org.unit_add", "member.export_reveal"]) assert.ok(codes.includes(c), c);
  // The same answer for a caller who may do little.
  const wangge = await login(srv, "wangge");
  assert.deepEqual(expectStatus(await wangge.request("GET", "/api/meta"), 200).json, meta);
});

test("every audit action the server wrote is labelled in meta", async () => {
  const shequ = await login(srv, "shequ");
  const meta = expectStatus(await shequ.request("GET", "/api/meta"), 200).json;
  const rows = expectStatus(await shequ.request("GET", "/api/audit?size=200"), 200).json.items;
  assert.ok(rows.length > 0);
  for (const r of rows) assert.ok(meta.audit_actions.some((a) => a.code === r.action), r.action);
});

test("audit rows name their source and target in words; a refused permission is named in words", async () => {
  const admin = await login(srv, "admin");
  const rows = expectStatus(await admin.request("GET", "/api/audit?size=200"), 200).json.items;
  const latin = /^(GET|POST|PATCH|PUT|DELETE) \/|^cli:/;
  const login_ = rows.find((r) => r.source === "POST /api/session");
  assert.ok(login_, "a login row");
  assert.equal(login_.source_label, "网页：登录");
  // The demo data was written first, from the command line: the last page holds its rows.
  const { total } = expectStatus(await admin.request("GET", "/api/audit?size=200"), 200).json;
  const last = expectStatus(await admin.request("GET", `/api/audit?size=200&page=${Math.ceil(total / 200)}`), 200).json.items;
  const demo = last.find((r) => r.source === "cli:demo");
  assert.ok(demo, "a row written by the demo command");
  assert.equal(demo.source_label, "命令行：生成演示数据");
  for (const r of [...rows, ...last]) assert.doesNotMatch(r.source_label, latin, `${r.source} → ${r.source_label}`);
  const named = rows.filter((r) => r.target_type === "user");
  assert.ok(named.length > 0, "rows about accounts");
  for (const r of named) {
    const [[name, username]] = sql(srv.db, `SELECT display_name, username FROM user_account WHERE id = ${r.target_id}`);
    assert.equal(r.target_name, `${name}（${username}）`);
  }
  const shuji = await login(srv, "shuji");
  const e = expectError(await shuji.request("GET", "/api/audit"), 403, "forbidden");
  assert.doesNotMatch(e.message, /[a-z]+\.[a-z]+/, e.message);
  assert.match(e.message, /查看审计日志|审计/);
});
