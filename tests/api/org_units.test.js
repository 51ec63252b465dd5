// org_units.test.js: the units linked to an org (大党委成员单位, 共建单位): link with field
// errors in zh-CN, no second current link of the same unit and kind, withdrawal kept as
// history with its date checks, audit rows, and scope (a branch secretary cannot link units
// to the community).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError } = require("./lib/harness");

let srv, shequ, shuji, community;

before(async () => {
  srv = await startServer({ demo: { members: 300 } });
  shequ = await login(srv, "shequ");
  shuji = await login(srv, "shuji");
  community = shequ.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

test("link units, refuse a duplicate, list current ones first", async () => {
  const path = `/api/orgs/${community}/units`;
  const bad = expectError(await shequ.request("POST", path, { body: { unit_name: "澜川区第二小学", kind: "school" } }), 400, "invalid", "/kind");
  assert.match(bad.message, /类型/);
  expectError(await shequ.request("POST", path, { body: { kind: "co_building" } }), 400, "invalid", "/unit_name");
  expectError(await shequ.request("POST", path, { body: { unit_name: "澜川区第二小学", kind: "co_building", joined_on: "2099-01-01" } }), 400, "invalid", "/joined_on");
  // The demo community already has units; the answer is the whole list after the change.
  const before = expectStatus(await shequ.request("GET", path), 200).json.total;
  assert.ok(before > 0, "the demo links units to its communities");
  let r = expectStatus(await shequ.request("POST", path, { body: { unit_name: "澜川区第二小学", kind: "committee_member_unit", joined_on: "2024-03-01" } }), 201).json;
  assert.equal(r.total, before + 1);
  assert.equal(r.items.find((u) => u.unit_name === "澜川区第二小学").kind_label, "大党委成员单位");
  const dup = expectError(await shequ.request("POST", path, { body: { unit_name: "澜川区第二小学", kind: "committee_member_unit" } }), 409, "conflict", "/unit_name");
  assert.match(dup.message, /已是本组织的大党委成员单位/);
  // The same unit may also co-build: a different kind of link.
  r = expectStatus(await shequ.request("POST", path, { body: { unit_name: "澜川区第二小学", kind: "co_building" } }), 201).json;
  assert.equal(r.total, before + 2);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'org.unit_add' AND org_id = ${community}`)[0][0], "2");
});

test("withdrawal is recorded, not deleted; its date is checked; then the unit may be linked again", async () => {
  const path = `/api/orgs/${community}/units`;
  let r = expectStatus(await shequ.request("POST", path, { body: { unit_name: "宁田物业服务有限公司", kind: "co_building", joined_on: "2025-05-01" } }), 201).json;
  const unit = r.items.find((u) => u.unit_name === "宁田物业服务有限公司");
  expectError(await shequ.request("PATCH", `${path}/${unit.id}`, { body: { left_on: "2025-04-01" } }), 400, "invalid", "/left_on");
  expectError(await shequ.request("PATCH", `${path}/${unit.id}`, { body: {} }), 400, "invalid", "/left_on");
  r = expectStatus(await shequ.request("PATCH", `${path}/${unit.id}`, { body: { left_on: "2026-06-30" } }), 200).json;
  const left = r.items.find((u) => u.id === unit.id);
  assert.equal(left.left_on, "2026-06-30");
  assert.equal(r.items[r.items.length - 1].id, unit.id, "units that left are listed last");
  expectError(await shequ.request("PATCH", `${path}/${unit.id}`, { body: { left_on: "2026-07-01" } }), 409, "conflict");
  expectStatus(await shequ.request("POST", path, { body: { unit_name: "宁田物业服务有限公司", kind: "co_building" } }), 201);
  assert.equal(sql(srv.db, `SELECT count(*) FROM org_unit_link WHERE unit_name = '宁田物业服务有限公司'`)[0][0], "2");
  // A link of another org is not found through this one.
  const [[other]] = sql(srv.db, `SELECT id FROM org WHERE parent_id = ${community} LIMIT 1`);
  expectError(await shequ.request("PATCH", `/api/orgs/${other}/units/${unit.id}`, { body: { left_on: "2026-07-01" } }), 404, "not_found");
});

test("a branch secretary reads its own units but cannot link units to the community", async () => {
  const branch = shuji.session.grants[0].org_id;
  expectStatus(await shuji.request("GET", `/api/orgs/${branch}/units`), 200);
  const e = await shuji.request("POST", `/api/orgs/${community}/units`, { body: { unit_name: "越权单位", kind: "co_building" } });
  assert.ok([403, 404].includes(e.status), e.text);
  assert.equal(sql(srv.db, "SELECT count(*) FROM org_unit_link WHERE unit_name = '越权单位'")[0][0], "0");
});

test("a dissolved org takes no new units", async () => {
  const org = expectStatus(await shequ.request("POST", "/api/orgs", { body: { parent_id: community, name: "待撤销测试党支部", type: "branch", founded_on: "2025-01-01" } }), 201).json;
  expectStatus(await shequ.request("POST", `/api/orgs/${org.id}/events`, { body: { kind: "dissolve", effective_on: "2026-01-31" } }), 201);
  const e = expectError(await shequ.request("POST", `/api/orgs/${org.id}/units`, { body: { unit_name: "澜川区图书馆", kind: "co_building" } }), 409, "conflict");
  assert.match(e.message, /撤销/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM org_unit_link WHERE org_id = ${org.id}`)[0][0], "0");
});
