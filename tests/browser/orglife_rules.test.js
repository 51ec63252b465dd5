// orglife_rules.test.js: 组织生活规则 in a real browser: a community admin reads the rules in
// force, sets a stricter 主题党日 rule for the community (shown as in force, set by it), is asked
// to confirm before loosening the verified 党员大会 rule, then ends a local rule; a branch
// secretary reads the page without the controls; both widths with nothing off screen. 首页's
// 组织生活提醒 lists a behind branch's overdue meetings and opens that branch's list.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];
const nextMonth = () => {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};
const rowOf = (page, list, text) => page.locator(`${list} .el-table__row:has-text('${text}')`).first();

async function pick(page, selectSel, label) {
  await page.click(`${selectSel} .el-select__wrapper`);
  await page.locator(`.el-select-dropdown__item:visible:has-text('${label}')`).first().click();
}

test("a community admin sets a stricter rule, confirms a loosening, and ends a rule", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('组织生活规则')");
  await page.waitForSelector(".rules-in-force .el-table__row");
  assert.match(await rowOf(page, ".rules-in-force", "党员大会").textContent(), /每季度至少1次.*LIFE-DAHUI.*统一规定/);
  assert.match(await page.textContent(".rules-local"), /没有设定地方规则/);

  // Stricter: 主题党日 twice a month from next month.
  await page.click("button.rule-set-btn");
  await page.waitForSelector(".rule-form input[name=source]");
  await page.fill(".rule-form .el-input-number input", "2");
  await page.fill(".rule-form input[name=source]", "　社区党委会议决定　");
  await page.click(".rule-form button[type=submit]");
  await page.waitForSelector(".el-message--success");
  const theme = rowOf(page, ".rules-local", "主题党日");
  await theme.waitFor();
  assert.match(await theme.textContent(), new RegExp(`每月至少2次.*${nextMonth()}-01.*长期.*社区党委会议决定`));
  const [community] = one("SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'");
  assert.deepEqual(one(`SELECT min_count, source FROM orglife_rule WHERE org_id = ${community} AND type = 'theme_day'`), ["2", "社区党委会议决定"]);

  // Looser than a verified row: the server asks for the confirmation, shown at 次数 with the box.
  await page.click("button.rule-set-btn");
  await page.waitForSelector(".rule-form input[name=source]");
  await pick(page, ".rule-form .el-form-item:has-text('会议类型')", "党员大会");
  await pick(page, ".rule-form .el-form-item:has-text('周期')", "每年");
  await page.fill(".rule-form .el-input-number input", "1");
  await page.fill(".rule-form input[name=source]", "试点方案");
  await page.click(".rule-form button[type=submit]");
  await page.waitForSelector(".rule-form .rule-loosen");
  await page.waitForSelector(".rule-form .el-form-item__error");
  assert.match(await page.textContent(".rule-form .el-form-item__error"), /LIFE-DAHUI/);
  await page.click(".rule-form .rule-loosen");
  await page.click(".rule-form button[type=submit]");
  await rowOf(page, ".rules-local", "党员大会").waitFor();
  assert.equal(one(`SELECT action FROM audit ORDER BY id DESC LIMIT 1`)[0], "orglife.rule_loosen");
  await shot(page, "orglife-rules-1366");

  // End the 党员大会 rule before it starts: refused at its field (the end must follow the start).
  await rowOf(page, ".rules-local", "党员大会").locator("button.rule-end-btn").click();
  await page.waitForSelector(".rule-end-form");
  await page.click(".rule-end-form button[type=submit]");
  await page.waitForSelector(".rule-end-form .el-form-item__error");
  assert.match(await page.textContent(".rule-end-form .el-form-item__error"), /晚于生效日期/);
  await page.fill(".rule-end-form input", `${Number(nextMonth().slice(0, 4)) + 1}-01`);
  await page.keyboard.press("Enter");
  await page.click(".rule-end-form button[type=submit]");
  await page.waitForSelector(".el-message--success:has-text('规则已结束')");
  assert.match(await rowOf(page, ".rules-local", "党员大会").textContent(), /前/);
  await page.context().close();
  noErrors(env);
});

test("组织生活规则 at 1366 and 360 px; a branch secretary reads it without the controls", async () => {
  for (const width of [1366, 360]) {
    for (const user of ["shequ", "shuji"]) {
      const page = await env.newPage({ width, height: 800 });
      await signIn(env, page, user);
      await page.goto(env.srv.url + "/orglife/rules");
      await page.waitForSelector(width > 767 ? ".rules-in-force .el-table__row" : ".rules-in-force .list-card");
      assert.equal(await page.locator("button.rule-set-btn").count(), user === "shequ" ? 1 : 0);
      assert.ok(await overflow(page) <= 0, `${user} at ${width}: nothing off screen`);
      await shot(page, `screens-orglife-rules-${user}-${width}`);
      await page.context().close();
    }
  }
  noErrors(env);
});

test("首页 reminds a community admin of overdue and due meetings, linking to the branch's list", async () => {
  for (const width of [1366, 360]) {
    const page = await env.newPage({ width, height: 900 });
    await signIn(env, page, "shequ");
    await page.goto(env.srv.url + "/");
    const first = page.locator(".orglife-reminders li.reminder-overdue").first();
    await first.waitFor();
    assert.match(await first.textContent(), /已逾期 \d+ 次未开/);
    assert.ok(await overflow(page) <= 0, `首页 at ${width}: nothing off screen`);
    await page.locator(".orglife-reminders").screenshot({ path: `build/screenshots/orglife-reminders-${width}.png` });
    if (width === 1366) {
      const label = (await first.locator("a").textContent()).split(" · ")[0].trim();
      await first.locator("a").click();
      await page.waitForURL(/\/meetings\?/);
      await page.waitForSelector(".meeting-list .el-table__row, .meeting-list .el-table__empty-text");
      assert.equal((await page.textContent(".org-filter")).trim(), label);
    }
    await page.context().close();
  }
  noErrors(env);
});
