// dev_rules.test.js: 发展党员规则 in a real browser: the street's cadre reads the rules in force
// in words (codes only in tooltips), turns on a rule of the reported 2026 revision for the
// street with the confirmation it rests on, and sees it apply; a branch secretary reads the
// same page without the switch. 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test("the street confirms a 2026 rule for its subtree; a branch secretary only reads", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.click(".side-menu .el-menu-item:has-text('发展党员规则')");
  await page.waitForSelector(".dev-rules-in-force .el-table__row");
  const text = await page.textContent(".dev-rules-in-force");
  assert.match(text, /收到入党申请书后一个月内派人谈话/);
  assert.match(text, /1个月/);
  assert.doesNotMatch(await page.textContent(".dev-rules-page"), /DEV-[A-Z]/, "rules in words, codes in tooltips");
  assert.doesNotMatch(text, /预审合格后一个月内/, "the 2026 rule is off as shipped");
  const row = page.locator(".dev-rules-switchable .el-table__row", { hasText: "预审合格后一个月内" });
  await row.locator("button.rule-switch-btn").click();
  await page.click(".rule-switch-form button[type=submit]");
  await page.waitForSelector(".rule-switch-form .el-form-item__error"); // the confirmation is required
  await page.fill(".rule-switch-form input[name=note]", "街道党工委2026年第6次会议确认");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/dev/rule-switches"));
  await page.click(".rule-switch-form button[type=submit]");
  assert.equal((await answer).status(), 201);
  await page.waitForSelector(".dev-rules-in-force .el-table__row:has-text('预审合格后一个月内')");
  assert.match(await row.textContent(), /已启用/);
  assert.match(await row.textContent(), /街道党工委2026年第6次会议确认/);
  assert.equal(Number(sql(env.srv.db, "SELECT COUNT(*) FROM audit WHERE action = 'dev.rule_switch'")[0][0]), 1);
  await shot(page, "dev-rules-1366");

  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "shuji");
  await phone.goto(env.srv.url + "/dev/rules");
  await phone.waitForSelector(".dev-rules-switchable .list-card");
  assert.equal(await phone.locator("button.rule-switch-btn").count(), 0);
  assert.match(await phone.textContent(".dev-rules-in-force"), /预审合格后一个月内/, "the street's switch holds below it");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "dev-rules-360");
  await page.context().close();
  await phone.context().close();
  noErrors(env);
});
