// audit.test.js: the audit log exported for an auditor: GET /api/audit/export gives the rows of
// the caller's scope (the same as GET /api/audit) as an .xlsx with Chinese headers and labels,
// for a date range in Beijing time, and the export is itself an audit row.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, expectStatus, expectError, today } = require("./lib/harness");
const { readXlsx } = require("./lib/xlsx");

let srv, shequ;
before(async () => {
  srv = await startServer({ demo: { members: 300 } });
  shequ = await login(srv, "shequ");
});
after(async () => { await srv.stop(); });

async function exportRows(query) {
  const res = await fetch(`${srv.url}/api/audit/export${query}`, { headers: { Cookie: shequ.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-disposition"), /filename\*=UTF-8''%E5%AE%A1%E8%AE%A1/);
  const wb = readXlsx(Buffer.from(await res.arrayBuffer()));
  return wb.rows;
}

test("the export holds the scope's rows with Chinese headers and labels, and is audited", async () => {
  const listed = expectStatus(await shequ.request("GET", "/api/audit?size=1"), 200).json.total;
  const rows = await exportRows("");
  assert.match(rows[1][0], new RegExp(`审计日志（最早 至 今天，共 ${listed} 条）`));
  assert.deepEqual(rows[2].slice(0, 6), ["时间（北京时间）", "账号", "操作", "对象", "组织编号", "结果"]);
  const data = Object.keys(rows).map(Number).filter((r) => r > 2).map((r) => rows[r]);
  assert.equal(data.length, listed);
  const login = data.find((r) => r[1] === "shequ" && r[2] === "登录");
  assert.ok(login, "shequ's login is there, labelled");
  assert.equal(login[5], "成功");
  assert.match(login[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.match(login[8], /^[0-9a-f]{64}$/);
  // The export is itself a row, seen by the next export.
  const after = await exportRows("");
  assert.ok(Object.values(after).some((r) => r[1] === "shequ" && r[2] === "导出审计记录"));
});

test("a date range in Beijing time; an empty range; to before from is refused", async () => {
  const d = today();
  const all = await exportRows("");
  const todays = await exportRows(`?from=${d}&to=${d}`);
  assert.equal(Object.keys(todays).length, Object.keys(all).length + 1); // + the export between
  const next = new Date(Date.parse(d) + 86400000).toISOString().slice(0, 10);
  const none = await exportRows(`?from=${next}`);
  assert.match(none[1][0], /共 0 条/);
  expectError(await shequ.request("GET", `/api/audit/export?from=${next}&to=${d}`), 400, "invalid", "/to");
  expectError(await shequ.request("GET", "/api/audit/export?from=2026-02-30"), 400, "invalid", "/from");
});
