// volunteer.test.js: 志愿服务 in a real browser: a community organizer publishes an activity in
// the dialog (1366 px), approves the demo member's self-logged hour, sees the posts board and
// the points (by name) with the commendation candidates; the demo member signs up for the new
// activity on 我的 on a 360 px phone; the organizer, on a phone, checks the member in and (the
// slot passed) out, and the completed hours show in the member's record; the numbered
// certificate issued and printed. Screenshots at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const count = (q) => Number(sql(env.srv.db, q)[0][0]);
const day = (n) => new Date(Date.now() + 8 * 3600 * 1000 + n * 86400000).toISOString().slice(0, 10);
const TITLE = "浏览器测试：楼道清洁";

test("the organizer at 1366 px: publish an activity, approve a self-logged hour, posts, points and candidates", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('志愿服务')");
  await page.waitForSelector(".vol-activities .el-table__row");
  await page.click("button.vol-publish");
  await page.waitForSelector(".vol-publish-dialog input");
  const dlg = page.locator(".vol-publish-dialog");
  await dlg.locator(".el-form-item:has-text('活动名称') input").fill(TITLE);
  await dlg.locator(".el-form-item:has-text('地点') input").fill("幸福里小区5号楼");
  await dlg.locator(".vol-starts input").fill(`${day(3)} 09:00`);
  await dlg.locator(".vol-starts input").press("Enter");
  await dlg.locator(".vol-ends input").fill(`${day(3)} 11:00`);
  await dlg.locator(".vol-ends input").press("Enter");
  await dlg.locator(".el-form-item:has-text('招募人数') input").fill("2");
  await shot(page, "volunteer-publish-1366", { fullPage: false });
  const made = page.waitForResponse((r) => r.url().endsWith("/api/volunteer/activities") && r.request().method() === "POST");
  await dlg.locator("button[type=submit]").click();
  assert.equal((await made).status(), 201);
  await page.waitForSelector(`.vol-activities .el-table__row:has-text('${TITLE}')`);
  assert.equal(count(`SELECT capacity FROM volunteer_activity WHERE title = '${TITLE}'`), 2);
  await shot(page, "volunteer-activities-1366");
  // 时长审核: the demo member's own hour on the care post, approved.
  await page.click(".volunteer-tabs .el-tabs__item:has-text('时长审核')");
  await page.waitForSelector(".vol-hours .el-table__row button.vol-approve");
  await shot(page, "volunteer-hours-1366");
  const ok = page.waitForResponse((r) => /\/api\/volunteer\/hours\/\d+\/review$/.test(r.url()));
  await page.locator(".vol-hours .el-table__row button.vol-approve").first().click();
  assert.equal((await ok).status(), 200);
  assert.equal(count("SELECT COUNT(*) FROM volunteer_hours WHERE status = 'pending'"), 0);
  await page.click(".volunteer-tabs .el-tabs__item:has-text('公益岗位')");
  await page.waitForSelector(".vol-posts .el-table__row:has-text('独居老人关爱岗')");
  await shot(page, "volunteer-posts-1366");
  await page.click(".volunteer-tabs .el-tabs__item:has-text('积分与表彰')");
  await page.waitForSelector(".vol-points .el-table__row");
  assert.match(await page.textContent(".vol-points"), /不排名/);
  await page.waitForSelector(".vol-cands .el-collapse-item");
  await page.locator(".vol-cands .el-collapse-item__header").first().click();
  await page.waitForSelector(".vol-cands .vol-evidence");
  await shot(page, "volunteer-points-1366");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("button.vol-export")]);
  assert.match(dl.suggestedFilename(), /^志愿服务-.*\.xlsx$/);
  await page.click(".volunteer-tabs .el-tabs__item:has-text('队伍')");
  await page.waitForSelector(".vol-teams .el-table__row:has-text('社区党员志愿服务队')");
  await page.context().close();
  noErrors(env);
});

test("on a 360 px phone: the member signs up on 我的; the organizer checks in and out; the hours show", async () => {
  const me = await env.newPage({ width: 360, height: 740 });
  await signIn(env, me, "dangyuan");
  await me.goto(env.srv.url + "/me");
  const card = me.locator(`.my-volunteer .my-vol-activity:has-text('${TITLE}')`);
  await card.waitFor();
  const signed = me.waitForResponse((r) => /\/api\/volunteer\/activities\/\d+\/signups$/.test(r.url()));
  await card.locator("button.my-vol-signup").click();
  assert.equal((await signed).status(), 201);
  await card.locator(".el-tag:has-text('报名')").waitFor();
  assert.ok(await overflow(me) <= 0, "nothing off screen at 360 px");
  await me.locator(".my-volunteer").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await shot(me, "volunteer-me-360", { fullPage: false });
  // The organizer's roster on a phone: check in; the slot passes; check out.
  const org = await env.newPage({ width: 360, height: 740 });
  await signIn(env, org, "shequ");
  await org.goto(env.srv.url + "/volunteer");
  await org.waitForSelector(".vol-activities .list-card");
  assert.ok(await overflow(org) <= 0, "the activity cards fit at 360 px");
  await shot(org, "volunteer-activities-360", { fullPage: false });
  await org.locator(`.vol-activities .list-card:has-text('${TITLE}') button.vol-roster`).click();
  await org.waitForSelector(".vol-roster-dialog .vol-signup");
  await org.locator(".vol-roster-dialog button.vol-checkin").first().click();
  await org.waitForSelector(".vol-roster-dialog button.vol-checkout");
  assert.ok(await overflow(org) <= 0, "the roster fits at 360 px");
  await shot(org, "volunteer-roster-360", { fullPage: false });
  const id = count(`SELECT id FROM volunteer_activity WHERE title = '${TITLE}'`);
  const start = `${day(-1)} 09:00`, end = `${day(-1)} 11:00`;
  const min = (t) => Date.parse(`${t.replace(" ", "T")}:00Z`) / 60000;
  sql(env.srv.db, `UPDATE volunteer_activity SET starts_at = '${start}', ends_at = '${end}', start_min = ${min(start)}, end_min = ${min(end)} WHERE id = ${id}`);
  const out = org.waitForResponse((r) => /\/api\/volunteer\/signups\/\d+\/actions$/.test(r.url()));
  await org.locator(".vol-roster-dialog button.vol-checkout").first().click();
  assert.equal((await out).status(), 200);
  await org.waitForSelector(".vol-roster-dialog .el-tag:has-text('完成')");
  assert.equal(count(`SELECT minutes FROM volunteer_hours WHERE activity_id = ${id} AND status = 'verified'`), 120);
  await org.context().close();
  await me.reload();
  await me.waitForSelector(`.my-volunteer .my-vol-hour:has-text('${TITLE.slice(0, 6)}')`);
  await shot(me, "volunteer-me-record-360");
  await me.context().close();
  noErrors(env);
});

test("the numbered service certificate: issued by the organizer, printed on A4", async () => {
  const person = count("SELECT person_id FROM user_account WHERE username = 'dangyuan'");
  const year = day(-1).slice(0, 4);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/volunteer/certificate/${person}/${year}`);
  await page.click("button.vol-issue");
  await page.waitForSelector(".vol-cert-sheet .vol-cert-no");
  const no = sql(env.srv.db, `SELECT number FROM volunteer_certificate WHERE person_id = ${person}`)[0][0];
  assert.match(await page.textContent(".vol-cert-no"), new RegExp(no));
  assert.ok(await page.locator(".vol-cert-sheet tbody tr").count() >= 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".print-tools").isVisible(), false, "the buttons do not print");
  await shot(page, "volunteer-certificate-print");
  await page.context().close();
  noErrors(env);
});
