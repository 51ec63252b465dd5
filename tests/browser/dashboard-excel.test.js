// dashboard-excel.test.js: 首页 renders its ECharts charts with a table beside each (desktop
// and 360 px); the import wizard lists a file's per-row errors and imports the good rows;
// 导出 downloads an xlsx that is a real workbook (a zip with xl/worksheets); 审计日志 exports its
// rows as Excel.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");
// An 18-digit ID number in the demo region "99" with its check digit (GB 11643).
const { withCheckDigit: idNumber, readXlsx } = require("../api/lib/xlsx.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });


test("首页 shows the scope's charts, each with its table", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.waitForSelector(".home-page .kpi");
  await page.waitForFunction(() => document.querySelectorAll(".home-page .chart svg").length >= 6);
  const tables = await page.$$eval(".home-page .chart-table", (ts) => ts.map((t) => t.querySelectorAll("tbody tr").length));
  assert.equal(tables.length, 6);
  assert.ok(tables.every((n) => n > 0), `every chart has rows: ${tables}`);
  const total = await page.textContent(".kpi:first-child .kpi-value");
  const [n] = sql(env.srv.db, "SELECT count(*) FROM member WHERE org_path LIKE '/1/2/3/%' AND status IN ('full','probationary')")[0];
  assert.equal(total.replace(/[^\d]/g, ""), n);
  // Terms due: expiring within six months plus those already past their end (the server's
  // count is checked against SQL in the API tests).
  const stats = await page.evaluate(async () => (await fetch("/api/orgs/3/stats")).json());
  const due = page.locator(".kpi", { hasText: "即将或已到期换届" });
  assert.equal((await due.locator(".kpi-value").textContent()).replace(/[^\d]/g, ""), String(stats.terms_due));
  assert.equal(stats.terms_due, stats.terms_expiring + stats.terms_expired);
  if (stats.terms_expired) assert.match(await due.locator(".kpi-note").textContent(), new RegExp(`已届满 ${stats.terms_expired} 个`));
  await shot(page, "home");
  await page.context().close();
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.waitForFunction(() => document.querySelectorAll(".home-page .chart svg").length >= 6);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than the phone`);
  await shot(phone, "home-360");
  await phone.context().close();
  noErrors(env);
});

test("the import wizard lists per-row errors, then imports the good rows", async () => {
  const [org] = sql(env.srv.db, "SELECT name FROM org WHERE id = 4")[0];
  const good = idNumber("99010119850315123");
  const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
  const csv = ["姓名,性别,身份证号,所在党组织,党员状态,人员类别,入党日期",
               `赵新民,男,${good},${org},正式党员,组织关系在社区,2010-07-01`,
               `钱错号,男,${bad},${org},正式党员,组织关系在社区,2010-07-01`,
               `,女,${idNumber("99010119900101234")},${org},正式党员,组织关系在社区,2015-07-01`].join("\r\n");
  const file = path.join(env.srv.dir, "党员导入.csv");
  fs.writeFileSync(file, "\ufeff" + csv + "\r\n");
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.click("button:has-text('导入')");
  await page.waitForSelector(".import-page .import-upload");
  await shot(page, "import-choose");
  await page.setInputFiles(".import-upload input[type=file]", file);
  await page.waitForSelector(".import-file");
  await page.click("button:has-text('下一步：检查')");
  await page.waitForSelector(".import-errors .el-table__row");
  const errors = await page.textContent(".import-errors");
  assert.match(errors, /身份证/);
  assert.match(errors, /姓名/);
  assert.match(await page.textContent(".import-summary"), /1 行可以导入，2 行有错误/);
  await shot(page, "import-errors");
  assert.ok(await page.isDisabled("button:has-text('确认导入')"), "errors block the import until skipped");
  await page.click(".skip-invalid");
  await page.click("button:has-text('确认导入')");
  await page.waitForSelector(".import-page .el-result");
  assert.match(await page.textContent(".import-page .el-result"), /成功导入 1 行/);
  await shot(page, "import-done");
  assert.equal(sql(env.srv.db, "SELECT count(*) FROM person WHERE name = '赵新民'")[0][0], "1");
  await page.context().close();
  noErrors(env);
});

test("导出 downloads the list as an xlsx workbook", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/members`);
  await page.waitForSelector(".members-page .el-table__row");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".export-btn")]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(env.srv.dir, "export.xlsx");
  await download.saveAs(file);
  const buf = fs.readFileSync(file);
  assert.equal(buf.subarray(0, 2).toString(), "PK", "an xlsx is a zip");
  assert.ok(buf.includes(Buffer.from("xl/worksheets/sheet1.xml")), "the zip holds a worksheet");
  await page.context().close();
  noErrors(env);
});

test("审计日志 exports the rows as Excel, named in Chinese, with the date range chosen", async () => {
  for (const [width, tag] of [[1366, "1366"], [360, "360"]]) {
    const page = await env.newPage({ width, height: 800 });
    await signIn(env, page, "shequ");
    await page.goto(`${env.srv.url}/audit`);
    await page.waitForSelector(".audit-export .export-btn");
    await shot(page, `audit-export-${tag}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(".audit-export .export-btn")]);
    assert.equal(download.suggestedFilename(), "审计日志.xlsx");
    const file = path.join(env.srv.dir, `audit-${tag}.xlsx`);
    await download.saveAs(file);
    const wb = readXlsx(fs.readFileSync(file));
    assert.match(wb.rows[1][0], /^审计日志（最早 至 今天，共 \d+ 条）$/);
    assert.equal(wb.rows[2][0], "时间（北京时间）");
    if (width === 1366) {
      // A range chosen in the picker reaches the export: today (Beijing) to today.
      const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
      await page.fill(".audit-range input[placeholder='起始日期']", today);
      await page.fill(".audit-range input[placeholder='截止日期']", today);
      await page.press(".audit-range input[placeholder='截止日期']", "Enter");
      await page.click(".page-title"); // close the panel
      const [ranged] = await Promise.all([page.waitForEvent("download"), page.click(".audit-export .export-btn")]);
      const f2 = path.join(env.srv.dir, "audit-range.xlsx");
      await ranged.saveAs(f2);
      assert.match(readXlsx(fs.readFileSync(f2)).rows[1][0], new RegExp(`^审计日志（${today} 至 ${today}，共 \\d+ 条）$`));
    }
    await page.context().close();
  }
  noErrors(env);
});
