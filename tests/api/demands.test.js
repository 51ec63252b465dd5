// demands.test.js: grids and resident demands (群众诉求, issue 20) over the API on the demo
// street: every household attached to a grid and building (none lost), a grid worker limited
// to their grids (households, demands, by id), grid workers set only from 网格员 accounts; the
// category catalog with its DEM-SLA rule rows (a change is a new dated row); intake with
// consent, typed text normalized and bad input refused with its field path and nothing
// written; the whole workflow from 受理 to a satisfied 回访, with 不满意 reopening once and
// then going to 督办, hop deadlines from the rule rows, out-of-order actions refused (409);
// an overdue demand listed and supervised; and the three rates checked against a hand count
// of the stored rows, per grid and rolled up the org tree.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, sqlPlain, today, expectStatus, expectError } = require("./lib/harness");

let srv, admin, jiedao, shequ, wangge, shuji, community, street;
before(async () => {
  srv = await startServer({ demo: {} });
  [admin, jiedao, shequ, wangge, shuji] = await Promise.all(["admin", "jiedao", "shequ", "wangge", "shuji"].map((u) => login(srv, u)));
  community = shequ.session.grants[0].org_id;
  street = jiedao.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
const userId = (name) => count(`SELECT id FROM user_account WHERE username = '${name}'`);
const get = async (who, p) => expectStatus(await who.request("GET", p), 200).json;
const act = (who, id, body) => who.request("POST", `/api/demands/${id}/actions`, { body });
let gridSeq = 0;
// A new grid of the demo community worked by the 网格员 login (besides their demo grids).
async function newGrid() {
  const g = expectStatus(await shequ.request("POST", "/api/grids", { body: { org_id: community, name: `测试网格${++gridSeq}` } }), 201).json;
  const own = (await get(wangge, "/api/grids")).items.map((x) => ({ user_id: userId("wangge") }));
  expectStatus(await shequ.request("PUT", `/api/grids/${g.id}/workers`, { body: { workers: [own[0]] } }), 200);
  return g.id;
}
const intake = async (grid, extra = {}) => expectStatus(await wangge.request("POST", "/api/demands",
  { body: { grid_id: grid, category: "environment", description: "楼道堆放杂物，影响通行", ...extra } }), 201).json;

test("grid geography: every household of the roster sits on a grid and a building of its community", async () => {
  const households = count("SELECT COUNT(*) FROM household");
  assert.ok(households > 1000);
  assert.equal(count("SELECT COUNT(*) FROM household WHERE grid_id IS NULL OR building_id IS NULL"), 0);
  // The grid keeps the household's community and its grid text; the building its building text.
  assert.equal(count("SELECT COUNT(*) FROM household h JOIN grid g ON g.id = h.grid_id WHERE g.org_id <> h.org_id OR g.name <> h.grid"), 0);
  assert.equal(count("SELECT COUNT(*) FROM household h JOIN building b ON b.id = h.building_id WHERE b.grid_id <> h.grid_id OR b.name <> h.building"), 0);
  // The community admin sees every grid of the community, with counts that add up.
  const grids = (await get(shequ, "/api/grids")).items;
  assert.ok(grids.length >= 2);
  assert.equal(grids.reduce((t, g) => t + g.households, 0), count(`SELECT COUNT(*) FROM household WHERE org_id = ${community}`));
  assert.equal(grids.reduce((t, g) => t + g.residents, 0),
    count(`SELECT COUNT(*) FROM resident r JOIN household h ON h.id = r.household_id WHERE h.org_id = ${community}`));
  const streetGrids = (await get(jiedao, "/api/grids")).items;
  assert.equal(streetGrids.reduce((t, g) => t + g.households, 0), households);
  const page = await get(shequ, `/api/grids/${grids[0].id}/households?size=5`);
  assert.equal(page.total, grids[0].households);
  assert.equal(page.items.length, 5);
  assert.ok(page.items.every((h) => h.grid_id === grids[0].id && h.building && h.address));
});

test("grid workers see only their grids' households and demands", async () => {
  const mine = await get(wangge, "/api/grids");
  assert.equal(mine.own_grids_only, true);
  const own = new Set(mine.items.map((g) => g.id));
  assert.ok(own.size >= 2);
  assert.ok(mine.items.every((g) => g.workers.some((w) => w.name === "网格员")));
  const all = (await get(shequ, "/api/grids")).items;
  const other = all.find((g) => !own.has(g.id));
  assert.ok(other, "the community has a grid the worker does not work");
  expectError(await wangge.request("GET", `/api/grids/${other.id}/households`), 404, "not_found");
  expectStatus(await wangge.request("GET", `/api/grids/${[...own][0]}/households`), 200);
  // Demands: the list holds only their grids (or ones dispatched to them); another grid's by id is 404.
  const list = await get(wangge, "/api/demands?size=200");
  assert.ok(list.total > 0);
  const wid = userId("wangge");
  assert.equal(list.total, count(`SELECT COUNT(*) FROM demand WHERE grid_id IN (SELECT grid_id FROM grid_worker WHERE user_id = ${wid}) OR handler_user_id = ${wid}`));
  const foreign = count(`SELECT MIN(id) FROM demand WHERE grid_id = ${other.id} AND (handler_user_id IS NULL OR handler_user_id <> ${wid})`);
  expectError(await wangge.request("GET", `/api/demands/${foreign}`), 404, "not_found");
  expectStatus(await shequ.request("GET", `/api/demands/${foreign}`), 200);
  expectError(await wangge.request("POST", `/api/demands/${foreign}/actions`, { body: { action: "accept" } }), 404, "not_found");
  // Intake on another grid is refused as not found, and nothing is written.
  const before = count("SELECT COUNT(*) FROM demand");
  expectError(await wangge.request("POST", "/api/demands", { body: { grid_id: other.id, category: "environment", description: "测试" } }), 404, "not_found", "/grid_id");
  assert.equal(count("SELECT COUNT(*) FROM demand"), before);
  // A branch secretary holds no demands permission.
  expectError(await shuji.request("GET", "/api/demands"), 403, "forbidden");
});

test("grid workers: only 网格员 accounts of the community or above; a community admin sets them", async () => {
  const g = expectStatus(await shequ.request("POST", "/api/grids", { body: { org_id: community, name: "  第九十九网格 " } }), 201).json;
  expectError(await shequ.request("POST", "/api/grids", { body: { org_id: community, name: "第九十九网格" } }), 409, "conflict", "/name");
  const branch = shuji.session.grants[0].org_id;
  expectError(await shequ.request("POST", "/api/grids", { body: { org_id: branch, name: "支部网格" } }), 400, "invalid", "/org_id");
  const cands = (await get(shequ, "/api/grids/worker-accounts")).items;
  assert.ok(cands.some((c) => c.user_id === userId("wangge")));
  assert.ok(!cands.some((c) => c.user_id === userId("shuji")));
  const e = expectError(await shequ.request("PUT", `/api/grids/${g.id}/workers`,
    { body: { workers: [{ user_id: userId("wangge") }, { user_id: userId("shuji") }] } }), 400, "invalid", "/workers/1/user_id");
  assert.match(e.message, /网格员/);
  assert.equal(count(`SELECT COUNT(*) FROM grid_worker WHERE grid_id = ${g.id}`), 0);
  const r = expectStatus(await shequ.request("PUT", `/api/grids/${g.id}/workers`, { body: { workers: [{ user_id: userId("wangge") }] } }), 200).json;
  assert.deepEqual(r.workers.map((w) => w.name), ["网格员"]);
  assert.equal(r.name, "第九十九网格");
  expectError(await wangge.request("PUT", `/api/grids/${g.id}/workers`, { body: { workers: [] } }), 403, "forbidden");
  assert.equal(count("SELECT COUNT(*) FROM audit WHERE action = 'grid.workers'"), 1);
});

test("categories: SLA hours are rule rows; a change is a new row from a date", async () => {
  const cats = await get(wangge, "/api/demands/categories");
  const env = cats.items.find((c) => c.code === "environment");
  assert.equal(env.sla_hours, 72);
  assert.equal(env.rule.id, "DEM-SLA");
  assert.deepEqual(cats.rules.map((r) => r.id).sort(), ["DEM-HOP", "DEM-RESPOND", "DEM-VISIT"]);
  expectError(await shequ.request("PATCH", "/api/demands/categories/other", { body: { sla_hours: 100 } }), 403, "forbidden");
  expectError(await admin.request("PATCH", "/api/demands/categories/nope", { body: { sort: 1 } }), 404, "not_found");
  expectError(await admin.request("PATCH", "/api/demands/categories/other", { body: { sla_hours: 0 } }), 400, "invalid", "/sla_hours");
  expectError(await admin.request("PATCH", "/api/demands/categories/other", { body: { valid_from: "2000-01-01", sla_hours: 5 } }), 400, "invalid", "/valid_from");
  const rows = count("SELECT COUNT(*) FROM demand_rule");
  const r = expectStatus(await admin.request("PATCH", "/api/demands/categories/other", { body: { sla_hours: 120, name: "其他诉求" } }), 200).json;
  const other = r.items.find((c) => c.code === "other");
  assert.equal(other.sla_hours, 120);
  assert.equal(other.rule.valid_from, today());
  assert.equal(other.name, "其他诉求");
  assert.equal(count("SELECT COUNT(*) FROM demand_rule"), rows + 1);
  assert.equal(count("SELECT COUNT(*) FROM demand_rule WHERE category = 'other' AND hours = 168"), 1, "the old row stays");
  expectError(await admin.request("PATCH", "/api/demands/categories/other", { body: { sla_hours: 96 } }), 409, "conflict", "/valid_from");
  // A demand taken in now gets the new limit.
  const grid = await newGrid();
  const d = await intake(grid, { category: "other" });
  const row = sql(srv.db, `SELECT due_at - created_at FROM demand WHERE id = ${d.id}`)[0];
  assert.equal(Number(row[0]), 120 * 3600);
});

test("intake: consent for contact data, typed text normalized, bad input refused and nothing written", async () => {
  const grid = await newGrid();
  const n0 = count("SELECT COUNT(*) FROM demand");
  const body = { grid_id: grid, category: "safety", description: "电动车在楼道充电" };
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, description: "   " } }), 400, "invalid", "/description");
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, description: "长".repeat(2001) } }), 400, "invalid", "/description");
  const big = await wangge.request("POST", "/api/demands", { body: { ...body, description: "x".repeat(10 * 1024 * 1024) } });
  assert.ok([400, 413].includes(big.status), `a 10 MB body: ${big.status}`);
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, category: "ufo" } }), 400, "invalid", "/category");
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, reporter_phone: "13812345678" } }), 400, "invalid", "/consent");
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, reporter_phone: "12345", consent: true, consent_note: "当面同意" } }), 400, "invalid", "/reporter_phone");
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, reporter_phone: "13812345678", consent: true } }), 400, "invalid", "/consent_note");
  expectError(await wangge.request("POST", "/api/demands", { body: { category: "safety", description: "无地址", address: "某路1号" } }), 400, "invalid", "/grid_id");
  expectError(await wangge.request("POST", "/api/demands", { body: { ...body, channel: "fax" } }), 400, "invalid", "/channel");
  assert.equal(count("SELECT COUNT(*) FROM demand"), n0, "nothing written");
  const d = expectStatus(await wangge.request("POST", "/api/demands", {
    body: { ...body, reporter_name: " 王 秀英 ", reporter_phone: "１３８ １２３４－５６７８", consent: true, consent_note: "当面口头同意", channel: "visit" } }), 201).json;
  assert.match(d.number, /^SQ\d{8}-\d{5}$/);
  assert.equal(d.status, "submitted");
  assert.deepEqual(sqlPlain(srv.db, `SELECT reporter_phone, consent, consent_note, intake_by FROM demand WHERE id = ${d.id}`)[0],
    ["13812345678", "1", "当面口头同意", String(userId("wangge"))]);
  // The list masks contact data; the detail shows it to those who may read residents' data.
  const listed = (await get(shequ, `/api/demands?grid=${grid}`)).items.find((x) => x.id === d.id);
  assert.equal(listed.reporter_phone, "138****5678");
  const detail = await get(shequ, `/api/demands/${d.id}`);
  assert.equal(detail.reporter_phone, "13812345678");
  assert.equal(detail.events.length, 1);
  assert.equal(detail.events[0].action, "intake");
  // A cadre may take one in by address for a community.
  const a = expectStatus(await shequ.request("POST", "/api/demands", { body: { org_id: community, category: "other", description: "建议增设快递柜", address: "青枫路6号门口" } }), 201).json;
  assert.equal((await get(shequ, `/api/demands/${a.id}`)).address, "青枫路6号门口");
  expectError(await shequ.request("POST", "/api/demands", { body: { org_id: shuji.session.grants[0].org_id, category: "other", description: "x", address: "y" } }), 400, "invalid", "/org_id");
  expectError(await shequ.request("POST", "/api/demands", { body: { org_id: street, category: "other", description: "x", address: "y" } }), 404, "not_found");
});

test("workflow: 受理 → 派单 → 转办/退单 → 办结 → 回访; 不满意 reopens once, then 督办; out of order is 409", async () => {
  const grid = await newGrid();
  const d = await intake(grid);
  const wid = userId("wangge"), sid = userId("shequ");
  const state = async () => (await get(shequ, `/api/demands/${d.id}`));
  let e = expectError(await act(wangge, d.id, { action: "close", note: "x" }), 409, "conflict", "/action");
  assert.match(e.message, /待受理/);
  expectError(await act(wangge, d.id, { action: "fly" }), 400, "invalid", "/action");
  assert.equal(expectStatus(await act(wangge, d.id, { action: "accept" }), 200).json.status, "accepted");
  expectError(await act(shequ, d.id, { action: "dispatch" }), 400, "invalid", "/handler_user_id");
  expectError(await act(shequ, d.id, { action: "dispatch", handler_user_id: userId("shuji") + 100000 }), 400, "invalid", "/handler_user_id");
  assert.equal(expectStatus(await act(shequ, d.id, { action: "dispatch", handler_user_id: wid }), 200).json.status, "dispatched");
  expectError(await act(shequ, d.id, { action: "transfer", handler_user_id: sid }), 400, "invalid", "/note");
  expectStatus(await act(shequ, d.id, { action: "transfer", handler_user_id: sid, note: "需社区协调物业" }), 200);
  assert.equal((await state()).handler_name, "社区党委书记");
  expectStatus(await act(shequ, d.id, { action: "return", note: "不属于社区职责，退回重新派单" }), 200);
  let s = await state();
  assert.equal(s.status, "accepted");
  assert.equal(s.handler_user_id, null);
  expectStatus(await act(shequ, d.id, { action: "dispatch", handler_user_id: wid }), 200);
  expectError(await act(wangge, d.id, { action: "close" }), 400, "invalid", "/note");
  expectError(await act(wangge, d.id, { action: "visit", answer: "satisfied" }), 409, "conflict", "/action");
  assert.equal(expectStatus(await act(wangge, d.id, { action: "close", note: "已清理楼道，拍照留存" }), 200).json.status_class, "fixed");
  expectError(await act(shequ, d.id, { action: "visit" }), 400, "invalid", "/answer");
  expectError(await act(shequ, d.id, { action: "visit", answer: "unsatisfied" }), 400, "invalid", "/note");
  // First 不满意: reopened, with the category's whole limit again.
  assert.equal(expectStatus(await act(shequ, d.id, { action: "visit", answer: "unsatisfied", note: "杂物又堆回来了" }), 200).json.status, "reopened");
  s = await state();
  assert.equal(s.reopen_count, 1);
  assert.equal(s.satisfaction, "unsatisfied");
  assert.equal(s.satisfaction_reason, "杂物又堆回来了");
  expectStatus(await act(shequ, d.id, { action: "dispatch", handler_user_id: wid }), 200);
  expectStatus(await act(wangge, d.id, { action: "close", note: "联系物业清运并张贴告示" }), 200);
  // Second 不满意: 督办.
  assert.equal(expectStatus(await act(shequ, d.id, { action: "visit", answer: "unsatisfied", note: "还是没有根治" }), 200).json.status, "supervised");
  expectStatus(await act(jiedao, d.id, { action: "dispatch", handler_user_id: sid }), 200);
  expectStatus(await act(shequ, d.id, { action: "close", note: "街道督办，物业整改完毕" }), 200);
  const done = expectStatus(await act(shequ, d.id, { action: "visit", answer: "satisfied" }), 200).json;
  assert.deepEqual([done.status, done.status_class], ["closed", "closed"]);
  expectError(await act(shequ, d.id, { action: "accept" }), 409, "conflict", "/action");
  s = await state();
  assert.equal(s.satisfaction, "satisfied");
  assert.ok(s.closed_at);
  // Every hop is a row: who, when, why, and its deadline from the rule row.
  assert.deepEqual(s.events.map((x) => x.action), ["intake", "accept", "dispatch", "transfer", "return", "dispatch", "close", "visit", "dispatch", "close", "visit", "dispatch", "close", "visit"]);
  const hop = Number(sql(srv.db, "SELECT hours FROM demand_rule WHERE rule_id = 'DEM-HOP'")[0][0]);
  for (const x of s.events.filter((x) => ["dispatch", "transfer"].includes(x.action))) {
    assert.equal(x.rule_id, "DEM-HOP");
    assert.equal((Date.parse(x.deadline) - Date.parse(x.at)) / 3600000, hop);
    assert.ok(x.actor && x.handler);
  }
  assert.equal(s.events[4].note, "不属于社区职责，退回重新派单");
  assert.equal(s.events[7].note, "不满意：杂物又堆回来了");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'demand.act' AND target_id = ${d.id}`), 13);
});

test("overdue: listed, flagged and supervised; a demand on time cannot be", async () => {
  const grid = await newGrid();
  const late = await intake(grid);
  const ontime = await intake(grid);
  expectStatus(await act(wangge, late.id, { action: "accept" }), 200);
  expectError(await act(shequ, late.id, { action: "supervise", note: "督办" }), 409, "conflict", "/action");
  sql(srv.db, `UPDATE demand SET due_at = due_at - 100 * 3600, created_at = created_at - 100 * 3600 WHERE id = ${late.id}`);
  const list = await get(shequ, `/api/demands?grid=${grid}&overdue=true`);
  assert.deepEqual(list.items.map((x) => x.id), [late.id]);
  assert.equal(list.items[0].overdue, true);
  assert.equal((await get(shequ, `/api/demands?grid=${grid}`)).items.find((x) => x.id === ontime.id).overdue, false);
  expectError(await act(jiedao, late.id, { action: "supervise" }), 400, "invalid", "/note");
  const r = expectStatus(await act(jiedao, late.id, { action: "supervise", note: "超期未办结，街道督办" }), 200).json;
  assert.equal(r.status, "supervised");
  assert.equal((await get(shequ, `/api/demands/${late.id}`)).supervise_level, 1);
});

test("clocks pause only for a recorded reason; resuming moves the deadlines on by the time paused", async () => {
  const grid = await newGrid();
  const d = await intake(grid);
  expectError(await act(shequ, d.id, { action: "pause", note: "等待居民" }), 409, "conflict", "/action"); // 待受理
  expectStatus(await act(wangge, d.id, { action: "accept" }), 200);
  expectError(await act(shequ, d.id, { action: "resume" }), 409, "conflict", "/action");
  expectError(await act(shequ, d.id, { action: "pause" }), 400, "invalid", "/note");
  assert.equal(count(`SELECT COUNT(*) FROM demand WHERE id = ${d.id} AND paused_at IS NOT NULL`), 0);
  expectStatus(await act(shequ, d.id, { action: "pause", note: "等待居民补充漏水照片" }), 200);
  expectError(await act(shequ, d.id, { action: "pause", note: "再次暂停" }), 409, "conflict", "/action");
  // Paused for two hours and past its deadline meanwhile: not overdue, not listed as such, not
  // counted in the statistics' 超期.
  sql(srv.db, `UPDATE demand SET paused_at = paused_at - 7200, due_at = due_at - 200 * 3600 WHERE id = ${d.id}`);
  const due0 = count(`SELECT due_at FROM demand WHERE id = ${d.id}`);
  let s = await get(shequ, `/api/demands/${d.id}`);
  assert.ok(s.paused_at);
  assert.equal(s.overdue, false);
  assert.deepEqual((await get(shequ, `/api/demands?grid=${grid}&overdue=true`)).items, []);
  const m = await get(shequ, `/api/demands/metrics?org=${community}`);
  assert.equal(m.grids.find((g) => g.id === grid).overdue, 0);
  expectError(await act(jiedao, d.id, { action: "supervise", note: "督办" }), 409, "conflict", "/action");
  // Resumed: the deadline moves on by the two hours (and the seconds the test took).
  const r = expectStatus(await act(shequ, d.id, { action: "resume" }), 200).json;
  assert.equal(r.status, "accepted");
  const moved = count(`SELECT due_at FROM demand WHERE id = ${d.id}`) - due0;
  assert.ok(moved >= 7200 && moved < 7200 + 60, `moved ${moved} s`);
  s = await get(shequ, `/api/demands/${d.id}`);
  assert.equal(s.paused_at, null);
  assert.equal(s.overdue, true); // 200 hours late less two paused ones is still late
  // Paused again, then dispatched: the step resumes the clocks too.
  expectStatus(await act(shequ, d.id, { action: "pause", note: "约定周六上门" }), 200);
  expectStatus(await act(shequ, d.id, { action: "dispatch", handler_user_id: userId("wangge") }), 200);
  s = await get(shequ, `/api/demands/${d.id}`);
  assert.equal(s.paused_at, null);
  assert.deepEqual(s.events.map((e) => e.action), ["intake", "accept", "pause", "resume", "pause", "dispatch"]);
  assert.equal(s.events[2].note, "等待居民补充漏水照片");
  assert.equal(s.events[2].action_label, "暂停计时");
});

test("协办: the handler asks a second account, who replies; the state stays; asked twice or by the wrong one is refused", async () => {
  const grid = await newGrid();
  const d = await intake(grid);
  const wid = userId("wangge");
  expectStatus(await act(shequ, d.id, { action: "accept" }), 200);
  expectError(await act(shequ, d.id, { action: "assist", handler_user_id: wid, note: "x" }), 409, "conflict", "/action"); // not dispatched yet
  expectStatus(await act(shequ, d.id, { action: "dispatch", handler_user_id: wid }), 200);
  const helper = (await get(shequ, `/api/demands/${d.id}/handlers`)).items.find((h) => h.user_id === userId("jiedao"));
  assert.ok(helper, "the street's admin may help");
  expectError(await act(shequ, d.id, { action: "assist", handler_user_id: wid, note: "x" }), 400, "invalid", "/handler_user_id");
  expectError(await act(shequ, d.id, { action: "assist", handler_user_id: helper.user_id }), 400, "invalid", "/note");
  const r = expectStatus(await act(shequ, d.id, { action: "assist", handler_user_id: helper.user_id, note: "请街道城管科协调清运" }), 200).json;
  assert.equal(r.status, "dispatched");
  expectError(await act(shequ, d.id, { action: "assist", handler_user_id: helper.user_id, note: "再请一次" }), 409, "conflict", "/handler_user_id");
  let s = await get(shequ, `/api/demands/${d.id}`);
  assert.equal(s.handler_user_id, wid, "the main handler stays");
  assert.equal(s.assists.length, 1);
  assert.equal(s.assists[0].user_id, helper.user_id);
  assert.equal(s.assists[0].note, "请街道城管科协调清运");
  assert.equal(s.assists[0].done_at, null);
  const hop = count("SELECT hours FROM demand_rule WHERE rule_id = 'DEM-HOP' ORDER BY valid_from DESC LIMIT 1");
  assert.equal((Date.parse(s.assists[0].due_at) - Date.parse(s.assists[0].asked_at)) / 1000, hop * 3600);
  const ev = s.events[s.events.length - 1];
  assert.deepEqual([ev.action, ev.handler], ["assist", helper.name]);
  // The helper is told in their inbox and replies; nobody else can.
  const box = expectStatus(await jiedao.request("GET", "/api/me/notifications"), 200).json;
  assert.ok(box.items.some((m) => m.kind === "demand.assist" && m.ref_id === d.id && m.body.includes(d.number)));
  assert.equal((await get(jiedao, `/api/demands/${d.id}`)).my_assist_open, true);
  expectError(await act(shequ, d.id, { action: "assist_reply", note: "代为回复" }), 409, "conflict", "/action");
  expectError(await act(jiedao, d.id, { action: "assist_reply" }), 400, "invalid", "/note");
  expectStatus(await act(jiedao, d.id, { action: "assist_reply", note: "已安排城管科明早清运" }), 200);
  s = await get(shequ, `/api/demands/${d.id}`);
  assert.equal(s.assists[0].reply, "已安排城管科明早清运");
  assert.ok(s.assists[0].done_at);
  assert.equal(s.status, "dispatched");
  expectError(await act(jiedao, d.id, { action: "assist_reply", note: "又一次" }), 409, "conflict", "/action");
  // Answered, the same helper may be asked again.
  expectStatus(await act(shequ, d.id, { action: "assist", handler_user_id: helper.user_id, note: "清运后请复查" }), 200);
  // A 网格员 asked to help with a demand off their grids sees it and replies, and may do nothing else.
  const g = expectStatus(await shequ.request("POST", "/api/grids", { body: { org_id: community, name: "协办测试网格" } }), 201).json.id;
  const other = expectStatus(await shequ.request("POST", "/api/demands", { body: { grid_id: g, category: "other", description: "协办范围测试" } }), 201).json;
  expectStatus(await act(shequ, other.id, { action: "accept" }), 200);
  expectStatus(await act(shequ, other.id, { action: "dispatch", handler_user_id: userId("shequ") }), 200);
  expectError(await wangge.request("GET", `/api/demands/${other.id}`), 404, "not_found");
  expectStatus(await act(shequ, other.id, { action: "pause", note: "等居民回电" }), 200);
  expectStatus(await act(shequ, other.id, { action: "assist", handler_user_id: wid, note: "请网格员上门核实" }), 200);
  assert.equal((await get(wangge, `/api/demands/${other.id}`)).my_assist_open, true);
  assert.ok((await get(wangge, "/api/demands?mine=true&size=200")).items.some((x) => x.id === other.id));
  for (const body of [{ action: "close", note: "越权办结" }, { action: "transfer", handler_user_id: wid, note: "x" }, { action: "resume" }])
    expectError(await act(wangge, other.id, body), 403, "forbidden", "/action");
  expectStatus(await act(wangge, other.id, { action: "assist_reply", note: "已上门核实" }), 200);
  const after = await get(shequ, `/api/demands/${other.id}`);
  assert.equal(after.status, "dispatched");
  assert.ok(after.paused_at, "协办 and its reply leave the pause as it is");
});

test("metrics: 响应率 / 解决率 / 满意率 from the stored rows by hand, per grid and rolled up the org tree", async () => {
  // A grid of its own with known outcomes.
  const grid = await newGrid();
  const wid = userId("wangge");
  const [a, b, c, d] = [await intake(grid), await intake(grid), await intake(grid), await intake(grid)];
  for (const x of [a, b, c]) expectStatus(await act(wangge, x.id, { action: "accept" }), 200);
  for (const x of [a, b]) {
    expectStatus(await act(shequ, x.id, { action: "dispatch", handler_user_id: wid }), 200);
    expectStatus(await act(wangge, x.id, { action: "close", note: "已处理" }), 200);
  }
  expectStatus(await act(shequ, a.id, { action: "visit", answer: "satisfied" }), 200);
  expectStatus(await act(shequ, b.id, { action: "visit", answer: "unsatisfied", note: "不满意" }), 200);
  // c responded late: its response deadline moved before the response.
  sql(srv.db, `UPDATE demand SET respond_due = first_response_at - 1 WHERE id = ${c.id}`);
  const m = await get(shequ, `/api/demands/metrics?org=${community}`);
  const g = m.grids.find((x) => x.id === grid);
  assert.deepEqual([g.total, g.responded_in_time, g.resolved, g.visited, g.satisfied, g.closed], [4, 2, 1, 2, 1, 1]);
  assert.equal(g.response_rate, 0.5);
  assert.equal(g.resolve_rate, 0.25);
  assert.equal(g.satisfaction_rate, 0.5);
  assert.ok(d.id);
  // The community's totals recomputed from every stored row.
  const rows = sql(srv.db, `SELECT status, first_response_at, respond_due, satisfaction FROM demand WHERE org_id = ${community}`);
  const hand = {
    total: rows.length,
    responded: rows.filter(([, f, due]) => f !== "" && Number(f) <= Number(due)).length,
    resolved: rows.filter(([s]) => s === "resolved" || s === "closed").length,
    visited: rows.filter(([, , , sat]) => sat !== "").length,
    satisfied: rows.filter(([, , , sat]) => sat === "satisfied" || sat === "basically").length,
  };
  assert.deepEqual([m.total, m.responded_in_time, m.resolved, m.visited, m.satisfied],
    [hand.total, hand.responded, hand.resolved, hand.visited, hand.satisfied]);
  assert.equal(m.response_rate, Math.round(hand.responded / hand.total * 10000) / 10000);
  assert.equal(m.satisfaction_rate, Math.round(hand.satisfied / hand.visited * 10000) / 10000);
  assert.match(m.definitions.response_rate, /DEM-RESPOND/);
  // Rolled up: the street's per-community rows add up to the street's total, and the demo
  // community's row equals its own figures.
  const s = await get(jiedao, "/api/demands/metrics");
  assert.equal(s.orgs.reduce((t, o) => t + o.total, 0), s.total);
  assert.equal(s.total, count(`SELECT COUNT(*) FROM demand WHERE org_path LIKE (SELECT path FROM org WHERE id = ${street}) || '%'`));
  const row = s.orgs.find((o) => o.id === community);
  assert.deepEqual([row.total, row.resolved, row.satisfied, row.overdue], [m.total, m.resolved, m.satisfied, m.overdue]);
  // Per category: the rows add up to the total, and each matches a count of its rows.
  assert.equal(m.categories.reduce((t, x) => t + x.total, 0), m.total);
  const env = m.categories.find((x) => x.name === "环境卫生");
  assert.equal(env.total, count(`SELECT COUNT(*) FROM demand WHERE org_id = ${community} AND category = 'environment'`));
  // Per month of intake (Beijing time): the months add up, and each matches a count of its rows.
  assert.equal(m.months.reduce((t, x) => t + x.total, 0), m.total);
  for (const x of m.months) {
    const [y, mo] = x.name.split("-").map(Number);
    const start = Date.UTC(y, mo - 1, 1) / 1000 - 8 * 3600, end = Date.UTC(y, mo, 1) / 1000 - 8 * 3600;
    assert.equal(x.total, count(`SELECT COUNT(*) FROM demand WHERE org_id = ${community} AND created_at >= ${start} AND created_at < ${end}`), x.name);
  }
  // A period with nothing in it: no rates, not zero.
  const empty = await get(shequ, `/api/demands/metrics?from=2001-01-01&to=2001-01-31`);
  assert.equal(empty.total, 0);
  assert.equal(empty.response_rate, null);
  expectError(await shequ.request("GET", "/api/demands/metrics?from=2026-02-01&to=2026-01-01"), 400, "invalid", "/to");
  // A grid worker's figures cover only their grids.
  const w = await get(wangge, "/api/demands/metrics");
  assert.ok(w.total < m.total);
  assert.ok(w.grids.every((x) => x.id !== undefined));
});

test("a 居民 submits on their own household's grid, follows it, answers the 回访; another's is 404", async () => {
  const jumin = await login(srv, "jumin");
  const person = jumin.session.user.person_id;
  const [grid, building] = sql(srv.db, `SELECT h.grid_id, h.building_id FROM resident r JOIN household h ON h.id = r.household_id WHERE r.person_id = ${person}`)[0].map(Number);
  expectError(await jumin.request("POST", "/api/me/demands", { body: { category: "ufo", description: "x" } }), 400, "invalid", "/category");
  const d = expectStatus(await jumin.request("POST", "/api/me/demands", { body: { category: "facility", description: "单元门禁坏了", reporter_phone: "+86 139-0000-2222" } }), 201).json;
  assert.deepEqual(sqlPlain(srv.db, `SELECT grid_id, building_id, channel, consent, reporter_phone, reporter_person_id FROM demand WHERE id = ${d.id}`)[0].map(String),
    [String(grid), String(building), "web", "1", "13900002222", String(person)]);
  const mine = await get(jumin, "/api/me/demands");
  assert.deepEqual(mine.items.map((x) => x.id), [d.id]);
  expectError(await jumin.request("GET", "/api/demands"), 403, "forbidden");
  const other = count("SELECT MIN(id) FROM demand WHERE reporter_person_id IS NULL");
  expectError(await jumin.request("POST", `/api/me/demands/${other}/visit`, { body: { answer: "satisfied" } }), 404, "not_found");
  expectError(await jumin.request("POST", `/api/me/demands/${d.id}/visit`, { body: { answer: "satisfied" } }), 409, "conflict", "/action");
  // The staff handle it; the resident answers.
  expectStatus(await act(shequ, d.id, { action: "accept" }), 200);
  expectStatus(await act(shequ, d.id, { action: "close", note: "已更换门禁控制器" }), 200);
  const r = expectStatus(await jumin.request("POST", `/api/me/demands/${d.id}/visit`, { body: { answer: "basically", note: "修好了，希望更快" } }), 200).json;
  assert.equal(r.status, "closed");
  const detail = (await get(jumin, "/api/me/demands")).items.find((x) => x.id === d.id);
  assert.deepEqual(detail.events.map((e) => e.action), ["intake", "accept", "close", "visit"]);
  assert.equal(detail.events[3].actor, "居民");
  // An account whose person lives in no registered household has no demands of its own and
  // cannot submit one.
  assert.equal((await get(shequ, "/api/me/demands")).total, 0);
  expectError(await shequ.request("POST", "/api/me/demands", { body: { category: "other", description: "x" } }), 400, "invalid");
});

// A JPEG with a JFIF header, an EXIF segment carrying a position and a camera, a comment, a
// quantization table and a tiny scan; and a PNG with a text chunk.
function seg(marker, body) {
  const b = Buffer.from(body);
  return Buffer.concat([Buffer.from([0xff, marker, (b.length + 2) >> 8, (b.length + 2) & 0xff]), b]);
}
const JFIF = seg(0xe0, Buffer.from("4a46494600010100000100010000", "hex"));
const EXIF = seg(0xe1, Buffer.concat([Buffer.from("Exif\0\0"), Buffer.from("GPSLatitude=39.9042N GPSLongitude=116.4074E Make=Canon EOS")]));
const COM = seg(0xfe, "shot at home of 王秀英");
const DQT = seg(0xdb, Buffer.alloc(65, 1));
const SCAN = Buffer.concat([seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])), Buffer.from([0x12, 0x34, 0x56]), Buffer.from([0xff, 0xd9])]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, EXIF, COM, DQT, SCAN]);
function chunk(type, data) {
  const d = Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(d.length);
  return Buffer.concat([len, Buffer.from(type), d, Buffer.alloc(4)]);
}
const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", Buffer.from("00000001000000010806000000", "hex")),
  chunk("tEXt", "Comment\0GPS 39.9N 116.4E"), chunk("IDAT", Buffer.from([1, 2, 3])), chunk("IEND", "")]);
const photoUpload = (who, id, buf, name, base = "/api/demands") => {
  const form = new FormData();
  form.append("file", new Blob([buf]), name);
  return who.request("POST", `${base}/${id}/photos`, { raw: form });
};

test("photos: JPEG and PNG only, size checked, location and camera data stripped before storing", async () => {
  const grid = await newGrid();
  const d = await intake(grid);
  const r = expectStatus(await photoUpload(wangge, d.id, JPEG, "现场.jpg"), 201).json;
  const [size, stripped] = sql(srv.db, `SELECT size, stripped_bytes FROM demand_photo WHERE id = ${r.id}`)[0].map(Number);
  assert.equal(size, JPEG.length - EXIF.length - COM.length);
  assert.equal(stripped, EXIF.length + COM.length);
  const dl = await fetch(`${srv.url}/api/demands/${d.id}/photos/${r.id}`, { headers: { Cookie: wangge.cookie } });
  const bytes = Buffer.from(await dl.arrayBuffer());
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get("content-type"), "image/jpeg");
  assert.deepEqual(bytes, Buffer.concat([Buffer.from([0xff, 0xd8]), JFIF, DQT, SCAN]));
  for (const secret of ["Exif", "GPS", "Canon", "王秀英"]) assert.ok(!bytes.includes(Buffer.from(secret)), `kept ${secret}`);
  const p = expectStatus(await photoUpload(wangge, d.id, PNG, "现场.png"), 201).json;
  const png = Buffer.from(sql(srv.db, `SELECT hex(data) FROM demand_photo WHERE id = ${p.id}`.replace("hex(data)", srv.db.startsWith("postgresql:") ? "encode(data, 'hex')" : "hex(data)"))[0][0], "hex");
  assert.ok(!png.includes(Buffer.from("tEXt")) && !png.includes(Buffer.from("GPS")));
  assert.ok(png.includes(Buffer.from("IDAT")) && png.includes(Buffer.from("IEND")));
  const detail = await get(shequ, `/api/demands/${d.id}`);
  assert.deepEqual(detail.photos.map((x) => x.file_name), ["现场.jpg", "现场.png"]);
  // Not an image, a damaged one, too large, or another grid's demand: refused, nothing written.
  const n0 = count("SELECT COUNT(*) FROM demand_photo");
  expectError(await photoUpload(wangge, d.id, Buffer.from("%PDF-1.4\n%%EOF"), "a.jpg"), 400, "invalid", "/file");
  expectError(await photoUpload(wangge, d.id, Buffer.from("<html><script>alert(1)</script></html>"), "a.png"), 400, "invalid", "/file");
  expectError(await photoUpload(wangge, d.id, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(10)]), "bad.jpg"), 400, "invalid", "/file");
  const big = await photoUpload(wangge, d.id, Buffer.concat([JPEG.subarray(0, 4), Buffer.alloc(6 * 1024 * 1024)]), "big.jpg");
  assert.equal(big.status, 413);
  const other = count(`SELECT MIN(id) FROM demand WHERE grid_id NOT IN (SELECT grid_id FROM grid_worker WHERE user_id = ${userId("wangge")}) AND handler_user_id IS NULL`);
  expectError(await photoUpload(wangge, other, JPEG, "x.jpg"), 404, "not_found");
  assert.equal(count("SELECT COUNT(*) FROM demand_photo"), n0);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'demand.photo' AND target_id = ${d.id}`), 2);
});

test("a resident adds photos to their own demand (stripped), not to another's nor a closed one; at most demands.photo_max_count", async () => {
  const jumin = await login(srv, "jumin");
  const mine = expectStatus(await jumin.request("POST", "/api/me/demands", { body: { category: "facility", description: "单元门坏了关不上" } }), 201).json;
  const r = expectStatus(await photoUpload(jumin, mine.id, JPEG, "门.jpg", "/api/me/demands"), 201).json;
  assert.deepEqual(r.photos.map((x) => x.file_name), ["门.jpg"]);
  assert.equal(Number(sql(srv.db, `SELECT stripped_bytes FROM demand_photo WHERE id = ${r.id}`)[0][0]), EXIF.length + COM.length);
  const listed = (await get(jumin, "/api/me/demands")).items.find((x) => x.id === mine.id);
  assert.equal(listed.photos.length, 1);
  // The staff see it on the demand.
  assert.deepEqual((await get(shequ, `/api/demands/${mine.id}`)).photos.map((x) => x.file_name), ["门.jpg"]);
  // Another person's demand: not found; not an image: refused.
  const other = count(`SELECT MIN(id) FROM demand WHERE reporter_person_id IS NULL`);
  expectError(await photoUpload(jumin, other, JPEG, "x.jpg", "/api/me/demands"), 404, "not_found");
  expectError(await photoUpload(jumin, mine.id, Buffer.from("%PDF-1.4\n%%EOF"), "a.jpg", "/api/me/demands"), 400, "invalid", "/file");
  // The cap (9): the ninth is taken, the tenth refused; nothing written.
  for (let i = 2; i <= 9; i++) expectStatus(await photoUpload(shequ, mine.id, PNG, `${i}.png`), 201);
  expectError(await photoUpload(jumin, mine.id, PNG, "10.png", "/api/me/demands"), 409, "conflict", "/file");
  assert.equal(count(`SELECT COUNT(*) FROM demand_photo WHERE demand_id = ${mine.id}`), 9);
  // A closed demand takes no more from the resident.
  const closed = expectStatus(await jumin.request("POST", "/api/me/demands", { body: { category: "facility", description: "楼道灯坏了" } }), 201).json;
  for (const body of [{ action: "accept" }, { action: "close", note: "已更换灯泡" }, { action: "visit", answer: "satisfied" }]) await act(shequ, closed.id, body);
  expectError(await photoUpload(jumin, closed.id, PNG, "晚了.png", "/api/me/demands"), 409, "conflict", "/file");
});

test("a household submits at most demands.own_per_day demands of its own in 24 hours (429, nothing written), also when they arrive together", async () => {
  const jumin = await login(srv, "jumin");
  const person = jumin.session.user.person_id;
  const household = `SELECT r2.person_id FROM resident r1 JOIN resident r2 ON r2.household_id = r1.household_id WHERE r1.person_id = ${person}`;
  const mine = () => count(`SELECT COUNT(*) FROM demand WHERE reporter_person_id IN (${household})`);
  while (mine() < 3) expectStatus(await jumin.request("POST", "/api/me/demands", { body: { category: "other", description: "建议增加休息座椅" } }), 201);
  // Four at the same instant with room for two: exactly two pass (the count is read inside the write).
  const together = await Promise.all([1, 2, 3, 4].map((i) => jumin.request("POST", "/api/me/demands", { body: { category: "other", description: `同时提交第${i}件` } })));
  assert.deepEqual(together.map((x) => x.status).sort(), [201, 201, 429, 429]);
  assert.equal(mine(), 5);
  const r = await jumin.request("POST", "/api/me/demands", { body: { category: "other", description: "再来一件" } });
  const e = expectError(r, 429, "throttled");
  assert.match(e.message, /24小时内已自行提交 5 件/);
  assert.equal(r.headers.get("retry-after"), "3600");
  assert.equal(mine(), 5);
  // Staff intake for the same grid is not capped by it.
  const grid = Number(sql(srv.db, `SELECT h.grid_id FROM resident r JOIN household h ON h.id = r.household_id WHERE r.person_id = ${person}`)[0][0]);
  expectStatus(await shequ.request("POST", "/api/demands", { body: { grid_id: grid, category: "other", description: "代为登记" } }), 201);
});

test("any account's intake is capped per hour and a free address per day (429, nothing written), also when they arrive together", async () => {
  const capped = await startServer({ demo: {}, env: { DANGJIAN_DEMANDS_INTAKE_PER_HOUR: "4", DANGJIAN_DEMANDS_ADDRESS_PER_DAY: "2" } });
  try {
    const [cadre, worker] = await Promise.all(["shequ", "wangge"].map((u) => login(capped, u)));
    const org = cadre.session.grants[0].org_id;
    const n = (q) => Number(sql(capped.db, q)[0][0]);
    const cadreId = n("SELECT id FROM user_account WHERE username = 'shequ'");
    const hourAgo = Math.floor(Date.now() / 1000) - 3600; // the demo's own demands lie further back
    const byCadre = () => n(`SELECT COUNT(*) FROM demand WHERE intake_by = ${cadreId} AND created_at >= ${hourAgo}`);
    const at = (address, i) => cadre.request("POST", "/api/demands", { body: { org_id: org, category: "other", description: `地址诉求${i}`, address } });
    // One address: two in 24 hours, the third refused with its field.
    expectStatus(await at("青枫路6号门口", 1), 201);
    expectStatus(await at("青枫路6号门口", 2), 201);
    const e = expectError(await at("青枫路6号门口", 3), 429, "throttled", "/address");
    assert.match(e.message, /24小时内已登记 2 件/);
    // The account: four in an hour; two more at the same instant both refused.
    const grid = n(`SELECT MIN(id) FROM grid WHERE org_id = ${org}`);
    const together = await Promise.all([1, 2, 3].map((i) => cadre.request("POST", "/api/demands", { body: { grid_id: grid, category: "other", description: `同时登记${i}` } })));
    assert.deepEqual(together.map((x) => x.status).sort(), [201, 201, 429]);
    assert.equal(byCadre(), 4);
    const r = await cadre.request("POST", "/api/demands", { body: { grid_id: grid, category: "other", description: "第五件" } });
    assert.match(expectError(r, 429, "throttled").message, /1小时内已登记 4 件/);
    assert.equal(r.headers.get("retry-after"), "3600");
    assert.equal(byCadre(), 4, "nothing written");
    // Another account is counted on its own.
    const wgrid = n(`SELECT MIN(grid_id) FROM grid_worker WHERE user_id = (SELECT id FROM user_account WHERE username = 'wangge')`);
    expectStatus(await worker.request("POST", "/api/demands", { body: { grid_id: wgrid, category: "other", description: "网格员登记" } }), 201);
  } finally {
    await capped.stop();
  }
});

test("an overdue demand goes to 督办 at the next level up by itself, one level per lapse, never while paused", async () => {
  const auto = await startServer({ demo: {}, env: { DANGJIAN_DEMANDS_AUTO_SUPERVISE: "true", DANGJIAN_SERVE_TICK_SECONDS: "1" } });
  try {
    const cadre = await login(auto, "shequ");
    const n = (q) => Number(sql(auto.db, q)[0][0]);
    const org = cadre.session.grants[0].org_id;
    const path = sql(auto.db, `SELECT path FROM org WHERE id = ${org}`)[0][0];
    const above = path.split("/").filter(Boolean).map(Number).slice(0, -1).reverse(); // parent first
    const name = (id) => sql(auto.db, `SELECT name FROM org WHERE id = ${id}`)[0][0];
    // The demo's overdue demands were escalated at start: none is left overdue and unsupervised.
    const now = () => Math.floor(Date.now() / 1000);
    assert.equal(n(`SELECT COUNT(*) FROM demand WHERE status IN ('submitted', 'accepted', 'dispatched', 'reopened') AND paused_at IS NULL AND due_at < ${now() - 5}`), 0);
    const grid = n(`SELECT MIN(id) FROM grid WHERE org_id = ${org}`);
    const d = expectStatus(await cadre.request("POST", "/api/demands", { body: { grid_id: grid, category: "other", description: "自动督办测试" } }), 201).json;
    expectStatus(await cadre.request("POST", `/api/demands/${d.id}/actions`, { body: { action: "accept" } }), 200);
    const waitLevel = async (level) => {
      for (let i = 0; i < 50 && n(`SELECT supervise_level FROM demand WHERE id = ${d.id}`) < level; i++) await new Promise((r) => setTimeout(r, 100));
      return (await cadre.request("GET", `/api/demands/${d.id}`)).json;
    };
    // Paused and late: left alone.
    expectStatus(await cadre.request("POST", `/api/demands/${d.id}/actions`, { body: { action: "pause", note: "等居民回家" } }), 200);
    sql(auto.db, `UPDATE demand SET due_at = ${now() - 3600} WHERE id = ${d.id}`);
    let s = await waitLevel(1);
    assert.equal(s.supervise_level, 0);
    // Running and late: the street supervises it, by the system, naming itself.
    expectStatus(await cadre.request("POST", `/api/demands/${d.id}/actions`, { body: { action: "resume" } }), 200);
    sql(auto.db, `UPDATE demand SET due_at = ${now() - 3600} WHERE id = ${d.id}`);
    s = await waitLevel(1);
    assert.equal(s.status, "supervised");
    assert.equal(s.supervise_level, 1);
    const step = s.events[s.events.length - 1];
    assert.equal(step.action, "supervise");
    assert.equal(step.actor, null);
    assert.equal(step.note, `超期未办结，系统自动提交${name(above[0])}督办`);
    assert.equal(step.rule_id, "DEM-HOP");
    // The whole deadline stays past, but under 督办 only the hop counts: it does not climb tick by tick.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(n(`SELECT supervise_level FROM demand WHERE id = ${d.id}`), 1);
    assert.equal(n(`SELECT COUNT(*) FROM audit WHERE action = 'demand.act' AND target_id = ${d.id} AND source = 'tick:demands.escalate'`), 1);
    // Still late after the street's hop: the level above it, if there is one.
    sql(auto.db, `UPDATE demand SET hop_due = ${now() - 60} WHERE id = ${d.id}`);
    s = await waitLevel(2);
    if (above.length >= 2) {
      assert.equal(s.supervise_level, 2);
      assert.equal(s.events[s.events.length - 1].note, `超期未办结，系统自动提交${name(above[1])}督办`);
    } else {
      assert.equal(s.supervise_level, 1);
    }
  } finally {
    await auto.stop();
  }
});
