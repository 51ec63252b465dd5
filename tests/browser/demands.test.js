// demands.test.js: 群众诉求 in a real browser: a 网格员 on a 360 px phone takes a demand in on a
// resident's behalf (category, text, their grid, phone with consent; a missing consent shown
// under its field) and accepts it; a community admin at 1366 px finds it in the queue,
// dispatches it, closes it with the result, records a 不满意 回访 (reopened) and sees every
// step in the timeline; the overdue filter shows only flagged rows; the grid page with its
// workers and a grid's households; the statistics page with the same figures as the API.
// Screenshots at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql, sqlPlain } = require("../api/lib/harness.js");

let env, number;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const pick = async (page, select, option) => {
  await page.click(select);
  await page.click(`.el-select-dropdown:visible .el-select-dropdown__item:has-text('${option}')`);
};

test("on a 360 px phone: a grid worker takes a demand in with consent, then accepts it", async () => {
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "wangge");
  await phone.goto(env.srv.url + "/demands");
  await phone.waitForSelector(".demands-page .list-card");
  assert.ok(await overflow(phone) <= 0, "the queue fits at 360 px");
  assert.match(await phone.textContent(".page-desc"), /只显示您负责网格的诉求/);
  await shot(phone, "demands-queue-360", { fullPage: false });
  await phone.click("text=登记诉求");
  await phone.waitForSelector(".demand-form");
  await pick(phone, ".demand-form .el-select >> nth=0", "安全隐患");
  await phone.fill("textarea[name=description]", "３号楼楼道内有电动车充电，存在火灾隐患");
  await pick(phone, ".demand-form .el-form-item:has-text('网格') .el-select", "网格");
  await phone.fill("input[name=reporter_phone]", "１３９ ００００ １１１１");
  assert.ok(await overflow(phone) <= 0, "the form fits at 360 px");
  await phone.click("button:has-text('登记')");
  await phone.waitForSelector(".el-form-item__error");
  assert.match(await phone.textContent(".el-form-item.is-error"), /本人同意/);
  await phone.click(".el-checkbox:has-text('居民本人同意')");
  await phone.fill("input[name=consent_note]", "当面口头同意");
  await shot(phone, "demands-intake-360");
  await phone.click("button:has-text('登记')");
  await phone.waitForSelector(".demand-page .demand-description");
  number = (await phone.textContent(".page-title")).replace("诉求", "").trim();
  assert.match(number, /^SQ\d{8}-\d{5}$/);
  assert.equal(await phone.textContent(".demand-description"), "3号楼楼道内有电动车充电，存在火灾隐患"); // typed digits normalized
  assert.deepEqual(sqlPlain(env.srv.db, `SELECT reporter_phone, consent FROM demand WHERE number = '${number}'`)[0], ["13900001111", "1"]);
  await phone.click(".demand-actions button:has-text('受理')");
  await phone.click(".el-dialog:visible button:has-text('确定')");
  await phone.waitForSelector(".demand-status .el-tag:has-text('已受理')");
  assert.ok(await overflow(phone) <= 0, "the demand fits at 360 px");
  await shot(phone, "demands-detail-360");
  await phone.context().close();
  noErrors(env);
});

test("at 1366 px: dispatch, close with the result, a 不满意 回访 reopens, the clocks paused and resumed; the timeline shows every step", async () => {
  assert.ok(number, "the phone test made a demand");
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('诉求办理')");
  await page.waitForSelector(".demands-page .el-table__row");
  await page.click(`text=${number}`);
  await page.waitForSelector(".demand-page .demand-actions");
  await page.click(".demand-actions button:has-text('派单')");
  await pick(page, ".el-dialog:visible .el-select", "网格员");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-status .el-tag:has-text('办理中')");
  // 协办: a second handler asked, listed with the deadline; the state stays 办理中.
  await page.click(".demand-actions button:has-text('请求协办')");
  await pick(page, ".el-dialog:visible .el-select", "社区党委书记");
  await page.fill(".el-dialog:visible textarea", "请社区协调物业配合处理");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-assists .assist-row:has-text('社区党委书记')");
  assert.match(await page.textContent(".demand-assists"), /待回复/);
  await page.waitForSelector(".demand-actions button:has-text('协办回复')");
  await page.click(".demand-actions button:has-text('协办回复')");
  await page.fill(".el-dialog:visible textarea", "已联系物业，明日处理");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-assists .el-tag:has-text('已回复')");
  await page.click(".demand-actions button:has-text('办结')");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".el-dialog:visible .el-form-item__error");
  assert.match(await page.textContent(".el-dialog:visible .el-form-item.is-error"), /办理结果/);
  await page.fill(".el-dialog:visible textarea", "已将电动车移出楼道，并张贴安全提示");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-status .el-tag:has-text('已办结待回访')");
  await page.click(".demand-actions button:has-text('回访')");
  await page.click(".el-dialog:visible .el-radio:has-text('不满意')");
  await page.fill(".el-dialog:visible textarea", "晚上又有人在楼道充电");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-status .el-tag:has-text('重新办理')");
  // The clocks paused for a reason (required), then resumed.
  await page.click(".demand-actions button:has-text('暂停计时')");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".el-dialog:visible .el-form-item__error");
  await page.fill(".el-dialog:visible textarea", "等待居民晚上在家时上门查看");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-status .demand-paused");
  assert.equal(await page.locator(".demand-actions button:has-text('暂停计时')").count(), 0);
  await shot(page, "demands-paused-1366");
  await page.click(".demand-actions button:has-text('恢复计时')");
  await page.click(".el-dialog:visible button:has-text('确定')");
  await page.waitForSelector(".demand-status .demand-paused", { state: "detached" });
  // A photo: uploaded from the detail page, shown as a thumbnail.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  await page.setInputFiles(".demand-photos .photo-input", { name: "现场.png", mimeType: "image/png", buffer: png });
  await page.waitForSelector(".demand-photos .photo-thumb img");
  assert.match(await page.textContent(".demand-photos"), /照片（1）/);
  const steps = await page.$$eval(".demand-timeline .timeline-head strong", (els) => els.map((e) => e.textContent));
  assert.deepEqual(steps, ["登记", "受理", "派单", "请求协办", "协办回复", "办结", "回访", "暂停计时", "恢复计时"]);
  assert.match(await page.textContent(".demand-timeline"), /不满意：晚上又有人在楼道充电/);
  assert.match(await page.textContent(".demand-timeline"), /DEM-HOP/);
  await shot(page, "demands-detail-1366");
  // The queue: only overdue rows with the filter, each flagged.
  await page.goto(env.srv.url + "/demands?overdue=true");
  await page.waitForSelector(".demands-page .el-table__row");
  const rows = await page.locator(".demands-page .el-table__row").count();
  assert.equal(await page.locator(".demands-page .el-table__row .overdue-tag").count(), rows);
  await shot(page, "demands-queue-1366");
  await page.context().close();
  noErrors(env);
});

test("grids and statistics: workers and households; the rates as the API gives them", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('网格')");
  await page.waitForSelector(".grids-page .el-table__row");
  assert.ok(await page.locator(".grids-page .el-table__row:has-text('网格员')").count() >= 2);
  await page.click(".grids-page .el-table__row >> nth=0 >> button:has-text('户')");
  await page.waitForSelector(".el-drawer .el-table__row");
  await shot(page, "demands-grids-1366", { fullPage: false });
  await page.keyboard.press("Escape");
  await page.click(".side-menu .el-menu-item:has-text('诉求统计')");
  await page.waitForSelector(".demand-stats-page .kpis .kpi");
  const api = await login(env.srv, "shequ");
  const year = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4);
  const m = (await api.request("GET", `/api/demands/metrics?from=${year}-01-01&to=${year}-12-31`)).json;
  const kpi = await page.$$eval(".demand-stats-page .kpi-value", (els) => els.map((e) => e.textContent.trim()));
  assert.equal(kpi[0], String(m.total));
  assert.equal(kpi[1], `${(m.response_rate * 100).toFixed(1)}%`);
  assert.equal(kpi[3], `${(m.satisfaction_rate * 100).toFixed(1)}%`);
  // The months: a chart (its bars) and the table with the API's numbers.
  await page.waitForSelector(".demand-trend .trend-chart svg path", { state: "attached" });
  const months = await page.$$eval(".demand-trend .el-table__row", (rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent.trim())));
  assert.deepEqual(months, m.months.map((x) => [x.name, String(x.total)]));
  assert.equal(m.months.reduce((t, x) => t + x.total, 0), m.total);
  await shot(page, "demands-stats-1366");
  await page.context().close();
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shequ");
  await phone.goto(env.srv.url + "/demands/stats");
  await phone.waitForSelector(".demand-stats-page .kpis .kpi");
  assert.ok(await overflow(phone) <= 0, "the statistics fit at 360 px");
  await shot(phone, "demands-stats-360");
  await phone.goto(env.srv.url + "/grids");
  await phone.waitForSelector(".grids-page .list-card");
  assert.ok(await overflow(phone) <= 0, "the grids fit at 360 px");
  await shot(phone, "demands-grids-360", { fullPage: false });
  await phone.context().close();
  noErrors(env);
});

test("a 居民 on a 360 px phone: 我的诉求, submit one and see it with its timeline; the 受理 message, read", async () => {
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "jumin");
  await phone.goto(env.srv.url + "/my/demands");
  await phone.waitForSelector(".my-demands-page .demand-form");
  await pick(phone, ".my-demands-page .demand-form .el-select", "公共设施维修");
  await phone.fill(".my-demands-page textarea[name=description]", "小区东门路灯不亮，晚上出行不安全");
  await phone.click(".my-demands-page button:has-text('提交')");
  await phone.waitForSelector(".my-demand:has-text('小区东门路灯不亮')");
  assert.match(await phone.textContent(".my-demand"), /待受理/);
  assert.match(await phone.textContent(".my-demand"), /登记 → 待受理/);
  assert.ok(await overflow(phone) <= 0, "我的诉求 fits at 360 px");
  // A photo of it, from the phone.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  await phone.setInputFiles(".my-demand .my-photo-add input", { name: "路灯.png", mimeType: "image/png", buffer: png });
  await phone.waitForSelector(".my-demand:has-text('照片 1 张')");
  await shot(phone, "demands-mine-360");
  // The community takes it up: the resident finds the message on top, unread, and reads it.
  const id = Number(sql(env.srv.db, "SELECT MAX(id) FROM demand WHERE description = '小区东门路灯不亮，晚上出行不安全'")[0][0]);
  const cadre = await login(env.srv, "shequ");
  assert.equal((await cadre.request("POST", `/api/demands/${id}/actions`, { body: { action: "accept" } })).status, 200);
  await phone.reload();
  await phone.waitForSelector(".my-messages .msg-unread");
  assert.match(await phone.textContent(".my-messages .msg-row"), /已受理，社区将按时限办理/);
  assert.ok(await overflow(phone) <= 0, "the messages fit at 360 px");
  await shot(phone, "demands-messages-360", { fullPage: false });
  await phone.click(".my-messages button:has-text('全部已读')");
  await phone.waitForSelector(".my-messages .msg-unread", { state: "detached" });
  await phone.context().close();
  noErrors(env);
});
