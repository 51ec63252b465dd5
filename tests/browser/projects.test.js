// projects.test.js: 民生实事 in a real browser on the demo street: the community cadre at 1366
// px registers a need, proposes a project from it and reviews it feasible, sees the year's
// adopted list with its 公示 and objections, opens a project under way and marks a milestone
// done (the bar moves by its weight); the 居民 login evaluates a project on a 360 px phone in
// one screen with large targets (a second time is refused); the public page without login at
// 1366 and 360 px shows the chain and no reporter's name. Screenshots at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const count = (q) => Number(sql(env.srv.db, q)[0][0]);
const NEED = "浏览器测试：小区充电桩不足";

test("the cadre at 1366 px: need → proposal → review, the list and its 公示, a milestone done", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('民生实事')");
  await page.waitForSelector(".proj-needs .el-table__row");
  await page.click("button.need-new");
  const dlg = page.locator(".el-dialog:has-text('登记需求')");
  await dlg.locator(".el-form-item:has-text('需求') input").first().fill(NEED);
  await dlg.locator(".el-form-item:has-text('来源') .el-select").click();
  await page.locator(".el-select-dropdown__item:has-text('居民建议')").click();
  const made = page.waitForResponse((r) => r.url().endsWith("/api/needs") && r.request().method() === "POST");
  await dlg.locator("button[type=submit]").click();
  assert.equal((await made).status(), 201);
  await page.waitForSelector(`.proj-needs .el-table__row:has-text('${NEED}')`);
  await shot(page, "projects-needs-1366");
  // 项目建议: from the new need, then 可行.
  await page.click(".projects-tabs .el-tabs__item:has-text('项目建议')");
  await page.waitForSelector(".proj-proposals .el-table__row");
  await page.click("button.proposal-new");
  const pd = page.locator(".el-dialog:has-text('提出项目建议')");
  await pd.locator(".el-form-item:has-text('项目名称') input").fill("增设充电桩");
  await pd.locator(".el-form-item:has-text('估算金额') input").fill("３５０００");
  await pd.locator(".el-form-item:has-text('责任单位') input").fill("物业公司");
  await pd.locator(".need-pick").click();
  await page.locator(`.el-select-dropdown__item:has-text('${NEED}')`).click();
  await pd.locator(".el-form-item:has-text('项目名称') input").click();
  const prop = page.waitForResponse((r) => r.url().endsWith("/api/proposals") && r.request().method() === "POST");
  await pd.locator("button[type=submit]").click();
  assert.equal((await prop).status(), 201);
  assert.equal(count("SELECT cost_fen FROM proj_proposal WHERE title = '增设充电桩'"), 3500000);
  await page.locator(".proj-proposals .el-table__row:has-text('增设充电桩') button.proposal-review").click();
  const rd = page.locator(".el-dialog:has-text('可行性审查')");
  await rd.waitFor();
  await shot(page, "projects-review-1366", { fullPage: false });
  const rev = page.waitForResponse((r) => /\/api\/proposals\/\d+\/review$/.test(r.url()));
  await rd.locator("button[type=submit]").click();
  assert.equal((await rev).status(), 200);
  await page.waitForSelector(".proj-proposals .el-table__row:has-text('增设充电桩') .el-tag:has-text('可行')");
  await shot(page, "projects-proposals-1366");
  // 实事清单与公示: the demo's adopted list.
  await page.click(".projects-tabs .el-tabs__item:has-text('实事清单与公示')");
  await page.waitForSelector(".proj-selection .el-tag:has-text('已确定')");
  await shot(page, "projects-selections-1366");
  // 项目进展: a project under way; one milestone done moves the bar by its weight.
  await page.click(".projects-tabs .el-tabs__item:has-text('项目进展')");
  await page.waitForSelector(".proj-progress .el-table__row");
  await page.locator(".proj-progress .el-table__row:has-text('健身器材更新') button.project-open").click();
  await page.waitForSelector(".el-drawer .proj-ms");
  const before = count("SELECT COUNT(*) FROM proj_milestone WHERE done_on IS NOT NULL");
  // A site photo: uploaded through the file input, shown as a thumbnail.
  const seg = (marker, bytes) => Buffer.concat([Buffer.from([0xff, marker, (bytes.length + 2) >> 8, (bytes.length + 2) & 0xff]), bytes]);
  // A real JPEG drawn by the browser, with a position in an EXIF segment put in after SOI.
  const drawn = Buffer.from(await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 120; c.height = 90;
    const x = c.getContext("2d");
    x.fillStyle = "#7fb3d5"; x.fillRect(0, 0, 120, 90);
    x.fillStyle = "#6e8b3d"; x.fillRect(0, 60, 120, 30);
    x.fillStyle = "#c0392b"; x.fillRect(45, 35, 30, 30);
    return c.toDataURL("image/jpeg").split(",")[1];
  }), "base64");
  const JPEG = Buffer.concat([drawn.subarray(0, 2), seg(0xe1, Buffer.from("Exif\0\0GPS 31.2304N 121.4737E")), drawn.subarray(2)]);
  const up = page.waitForResponse((r) => /\/api\/projects\/\d+\/photos$/.test(r.url()));
  await page.setInputFiles(".el-drawer input.photo-input", { name: "现场.jpg", mimeType: "image/jpeg", buffer: JPEG });
  assert.equal((await up).status(), 201);
  await page.waitForSelector(".el-drawer img.photo-thumb");
  await shot(page, "projects-progress-1366", { fullPage: false });
  const toggled = page.waitForResponse((r) => /\/milestones\/\d+\/done$/.test(r.url()));
  await page.locator(".el-drawer .proj-ms:has(.ms-todo) button.ms-toggle").first().click();
  assert.equal((await toggled).status(), 200);
  await page.waitForFunction(() => /\d+%/.test(document.querySelector(".el-drawer .proj-bar-big").textContent));
  assert.equal(count("SELECT COUNT(*) FROM proj_milestone WHERE done_on IS NOT NULL"), before + 1);
  // 健身器材更新: weights 3, 5, 2 with the first done (30%), then the second: 80%.
  await page.waitForSelector(".el-drawer .proj-bar-big:has-text('80%')");
  noErrors(env);
});

test("on a 360 px phone: the cadre's project cards; a 居民 evaluates in one screen; twice is refused", async () => {
  const org = await env.newPage({ width: 360, height: 740 });
  await signIn(env, org, "shequ");
  await org.goto(env.srv.url + "/projects");
  await org.waitForSelector(".proj-needs .list-card");
  assert.ok(await overflow(org) <= 0, "the need cards fit at 360 px");
  await shot(org, "projects-needs-360", { fullPage: false });
  await org.click(".projects-tabs .el-tabs__item:has-text('进展')");
  await org.waitForSelector(".proj-progress .list-card");
  assert.ok(await overflow(org) <= 0, "the project cards fit at 360 px");
  await shot(org, "projects-progress-360", { fullPage: false });

  const me = await env.newPage({ width: 360, height: 740 });
  await signIn(env, me, "jumin");
  await me.goto(env.srv.url + "/projects/evaluate");
  await me.waitForSelector(".eval-card .eval-title");
  assert.ok(await overflow(me) <= 0, "the evaluation form fits at 360 px");
  for (const k of ["quality-5", "timeliness-4", "benefit-5"]) await me.click(`button.eval-${k}`);
  await me.click("button.eval-sat-satisfied");
  const box = await me.locator("button.eval-dot").first().boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, "large targets");
  await shot(me, "projects-evaluate-360", { fullPage: false });
  const ev = me.waitForResponse((r) => /\/api\/projects\/\d+\/evaluations$/.test(r.url()));
  await me.click("button.eval-submit");
  assert.equal((await ev).status(), 201);
  await me.waitForSelector(".eval-done:has-text('已提交')");
  assert.equal(count("SELECT COUNT(*) FROM proj_evaluation WHERE user_id IS NOT NULL"), 1);
  // Leave and come back: the same project again is refused by the server.
  await me.reload();
  await me.waitForSelector(".eval-card .eval-title");
  for (const k of ["quality-1", "timeliness-1", "benefit-1"]) await me.click(`button.eval-${k}`);
  await me.click("button.eval-sat-unsatisfied");
  const again = me.waitForResponse((r) => /\/api\/projects\/\d+\/evaluations$/.test(r.url()));
  await me.click("button.eval-submit");
  assert.equal((await again).status(), 409);
  await me.waitForSelector(".eval-done:has-text('已评议过')");
  assert.equal(count("SELECT COUNT(*) FROM proj_evaluation WHERE user_id IS NOT NULL"), 1);
  noErrors(env);
});

test("the public page without login at 1366 and 360 px: the chain, no reporter's name", async () => {
  const names = sql(env.srv.db, "SELECT DISTINCT d.reporter_name FROM demand d JOIN proj_need n ON n.demand_id = d.id WHERE d.reporter_name IS NOT NULL").map((r) => r[0]);
  for (const [w, h] of [[1366, 900], [360, 740]]) {
    const page = await env.newPage({ width: w, height: h });
    await page.goto(env.srv.url + "/public/projects");
    await page.waitForSelector(".public-project .pub-title");
    const text = await page.textContent(".public-page");
    assert.match(text, /来自需求/);
    for (const n of names) assert.ok(!text.includes(n), `the public page shows ${n}`);
    assert.ok(await overflow(page) <= 0, `nothing off screen at ${w} px`);
    await shot(page, `projects-public-${w}`, { fullPage: w > 400 });
    if (w > 400) {
      await page.click(".pub-years .el-radio-button:first-child");
      await page.waitForSelector(".public-project:has-text('问责')");
      await shot(page, "projects-public-lastyear-1366");
    }
  }
  noErrors(env);
});
