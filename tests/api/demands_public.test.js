// demands_public.test.js: the demands area's public face, called without signing in (issue 20):
// the public board shows a closed demand with the reporter's name, the neighbour's surname,
// phone and door numbers removed (the stored text untouched), never a "do not publish" one;
// its counts by community and grid match a hand count of the stored rows, with every cell
// under demands.public_min_count suppressed and a lone small cell hiding the next smallest
// (the rule recomputed here); the Open311 GeoReport v2 read API answers with the spec's field
// names, our states mapped to open/closed, the same redacted text, and refuses bad input.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError } = require("./lib/harness");

let srv, shequ, wangge, community;
before(async () => {
  srv = await startServer({ demo: {} });
  [shequ, wangge] = await Promise.all(["shequ", "wangge"].map((u) => login(srv, u)));
  community = shequ.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
const anon = async (p) => expectStatus(await srv.request("GET", p), 200).json;
const act = async (id, body) => expectStatus(await shequ.request("POST", `/api/demands/${id}/actions`, { body }), 200);

let gridId;
async function grid() {
  if (gridId) return gridId;
  gridId = expectStatus(await shequ.request("POST", "/api/grids", { body: { org_id: community, name: "公开栏测试网格" } }), 201).json.id;
  return gridId;
}
// A demand taken in by the community on the test grid, walked to 结案 (closed) unless open.
async function demand(description, { note = "已处理完毕", open = false, extra = {} } = {}) {
  const d = expectStatus(await shequ.request("POST", "/api/demands", {
    body: { grid_id: await grid(), category: "facility", description, consent: true, consent_note: "当面同意", ...extra },
  }), 201).json;
  if (open) return d;
  await act(d.id, { action: "accept" });
  await act(d.id, { action: "close", note });
  await act(d.id, { action: "visit", answer: "satisfied" });
  return d;
}

test("a closed demand is published without names, phone or door numbers; a do-not-publish one never", async () => {
  const text = "我是欧阳明远，电话１３９１２３４５６７８，住5号楼3单元502室，楼上邓先生家水管漏水";
  const d = await demand(text, { note: "已联系邓先生维修，并电话13912345678告知欧阳明远", extra: { reporter_name: "欧阳明远", reporter_phone: "13912345678" } });
  const hidden = await demand("我家门口路灯不亮，不希望公开", { extra: { no_publish: true } });
  const board = await anon(`/api/public/demands?org=${community}&size=50`);
  const item = board.items.find((x) => x.number === d.number);
  assert.ok(item, "the closed demand is on the board");
  assert.equal(item.summary, "我是某某，电话***，住5号楼3单元***室，楼上某先生家水管漏水");
  assert.equal(item.reply, "已联系某先生维修，并电话***告知某某");
  assert.equal(item.category, "facility");
  assert.equal(item.org_name, board.org.name);
  const raw = JSON.stringify(board);
  for (const secret of ["欧阳明远", "13912345678", "１３９", "502", "邓先生", hidden.number])
    assert.ok(!raw.includes(secret), `the board leaks ${secret}`);
  // An item names its community, not its grid (grid counts are published only as suppressed cells).
  assert.ok(!("grid_name" in item) && !JSON.stringify(board.items).includes("公开栏测试网格"));
  // The stored text is untouched: the redaction is on the way out.
  assert.equal(sql(srv.db, `SELECT description FROM demand WHERE id = ${d.id}`)[0][0], "我是欧阳明远，电话13912345678，住5号楼3单元502室，楼上邓先生家水管漏水");
  // Only closed (已结案) demands are on the board; the list total is the stored count.
  const open = await demand("小区南门台阶破损", { open: true });
  const all = await anon(`/api/public/demands?org=${community}&size=50&page=1`);
  assert.ok(!JSON.stringify(all).includes(open.number));
  const since = Math.floor(Date.parse(`${all.from}T00:00:00+08:00`) / 1000);
  const path = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  assert.equal(all.total, count(`SELECT COUNT(*) FROM demand WHERE status = 'closed' AND no_publish = 0 AND created_at >= ${since} AND org_path LIKE '${path}%'`));
  // Bad input is refused with its field.
  expectError(await srv.request("GET", "/api/public/demands?org=999999"), 404, "not_found", "/org");
  expectError(await srv.request("GET", "/api/public/demands?from=2026-02-30"), 400, "invalid", "/from");
  expectError(await srv.request("GET", "/api/public/demands?size=51"), 400, "invalid", "/size");
  expectError(await srv.request("GET", "/api/public/demands?from=2026-05-01&to=2026-04-01"), 400, "invalid", "/to");
});

// The suppression rule, written again: cells under k hidden; a lone hidden cell hides the
// smallest other too; a rate needs k answers.
function suppress(cells, k) {
  for (const c of cells) c.suppressed = c.total < k;
  if (cells.length > 1 && cells.filter((c) => c.suppressed).length === 1) {
    const rest = cells.filter((c) => !c.suppressed).sort((a, b) => a.total - b.total);
    rest[0].suppressed = true;
  }
  return cells.map((c) => ({ id: c.id, total: c.suppressed ? null : c.total,
    satisfaction_rate: c.suppressed || c.visited < k ? null : Math.round((c.satisfied * 1000) / c.visited) / 1000 }));
}

test("counts by community and grid match a hand count, small cells suppressed", async () => {
  await grid();
  // Three closed demands on the test grid so far or now: under the minimum of 5.
  while (count(`SELECT COUNT(*) FROM demand WHERE grid_id = ${gridId} AND status = 'closed' AND no_publish = 0`) < 3)
    await demand("公共座椅损坏");
  const check = async () => {
    const board = await anon(`/api/public/demands?org=${community}&size=1`);
    assert.equal(board.min_count, 5);
    const since = Math.floor(Date.parse(`${board.from}T00:00:00+08:00`) / 1000);
    const rows = sql(srv.db, `SELECT grid_id, COUNT(*), SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END),
        SUM(CASE WHEN satisfaction IN ('satisfied', 'basically') THEN 1 ELSE 0 END) FROM demand
        WHERE org_id = ${community} AND status = 'closed' AND no_publish = 0 AND grid_id IS NOT NULL AND created_at >= ${since}
        GROUP BY grid_id ORDER BY grid_id`).map((r) => ({ id: Number(r[0]), total: Number(r[1]), visited: Number(r[2]), satisfied: Number(r[3]) }));
    const want = suppress(rows, 5);
    const got = board.by_grid.map((c) => ({ id: c.id, total: c.total, satisfaction_rate: c.satisfaction_rate }))
      .sort((a, b) => a.id - b.id);
    assert.deepEqual(got, want);
    assert.ok(board.by_grid.every((c) => c.suppressed === (c.total === null)));
    return board.by_grid.find((c) => c.id === gridId);
  };
  let mine = await check();
  assert.equal(mine.suppressed, true);
  assert.equal(mine.total, null);
  assert.equal(mine.satisfaction_rate, null);
  while (count(`SELECT COUNT(*) FROM demand WHERE grid_id = ${gridId} AND status = 'closed' AND no_publish = 0`) < 6)
    await demand("健身器材松动");
  mine = await check();
  assert.equal(mine.total, 6); // the demo grids have 5 or more each, so nothing else is small
  // The community cell is the stored count of its closed, published demands.
  const board = await anon(`/api/public/demands?org=${community}&size=1`);
  const since = Math.floor(Date.parse(`${board.from}T00:00:00+08:00`) / 1000);
  const mineOrg = board.by_org.find((c) => c.id === community);
  assert.equal(mineOrg.total, count(`SELECT COUNT(*) FROM demand WHERE org_id = ${community} AND status = 'closed' AND no_publish = 0 AND created_at >= ${since}`));
  assert.equal(board.by_category.reduce((t, c) => t + (c.total || 0), 0) <= board.total, true);
});

const SPEC_REQUEST = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
  "address_id", "zipcode", "lat", "long", "media_url"];

test("Open311 GeoReport v2: spec field names, open/closed, public data only", async () => {
  const services = await anon("/open311/v2/services.json");
  assert.ok(services.length >= 5);
  for (const s of services)
    assert.deepEqual(Object.keys(s).sort(), ["description", "group", "keywords", "metadata", "service_code", "service_name", "type"]);
  assert.ok(services.some((s) => s.service_code === "facility" && s.service_name === "公共设施维修" && s.type === "realtime" && s.metadata === false));

  const closed = await demand("单元门禁损坏，联系电话13700001111", { note: "已更换门禁" });
  const open = await demand("楼道灯不亮", { open: true });
  const untouched = await demand("刚登记还没人看", { open: true });
  await act(open.id, { action: "accept" }); // taken up: published as open; untouched is not
  const hidden = await demand("不公开的诉求", { open: true, extra: { no_publish: true } });
  const both = await anon(`/open311/v2/requests.json?service_request_id=${closed.number},${open.number},${hidden.number},${untouched.number}`);
  assert.equal(both.length, 2);
  for (const r of both) assert.deepEqual(Object.keys(r).sort(), [...SPEC_REQUEST].sort());
  const c = both.find((r) => r.service_request_id === closed.number);
  assert.equal(c.status, "closed");
  assert.equal(c.service_code, "facility");
  assert.equal(c.description, "单元门禁损坏，联系电话***");
  assert.equal(c.status_notes, "已更换门禁");
  assert.match(c.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(c.address, c.agency_responsible); // the community, never the grid or a door
  expectError(await srv.request("GET", `/open311/v2/requests/${untouched.number}.json`), 404, "not_found");
  assert.equal(both.find((r) => r.service_request_id === open.number).status, "open");
  // One by path, .json only; an unpublished one is not found.
  const one = await anon(`/open311/v2/requests/${closed.number}.json`);
  assert.deepEqual(one, [c]);
  expectError(await srv.request("GET", `/open311/v2/requests/${hidden.number}.json`), 404, "not_found");
  expectError(await srv.request("GET", `/open311/v2/requests/${closed.number}.xml`), 404, "not_found");
  // Filters: status, service_code, a date window (W3C times).
  const openOnly = await anon(`/open311/v2/requests.json?status=open&service_code=facility`);
  assert.ok(openOnly.length > 0 && openOnly.every((r) => r.status === "open" && r.service_code === "facility"));
  assert.ok(openOnly.some((r) => r.service_request_id === open.number));
  const future = await anon("/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z");
  assert.deepEqual(future, []);
  const window = await anon(`/open311/v2/requests.json?start_date=2000-01-01T00:00:00%2B08:00&end_date=2099-01-01`);
  assert.ok(window.some((r) => r.service_request_id === closed.number));
  assert.ok(!JSON.stringify(window).includes(hidden.number));
  expectError(await srv.request("GET", "/open311/v2/requests.json?status=pending"), 400, "invalid", "/status");
  expectError(await srv.request("GET", "/open311/v2/requests.json?start_date=2026-13-01"), 400, "invalid", "/start_date");
});
