// shell.test.js: the app shell in a real browser: each demo role sees exactly the menu its
// permissions allow, throttled sign-in says how long to wait, the forced first-login password
// change, the user menu (change password, log out), 账号管理, 审计日志 and 我的 at 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, menuTitles, shot, noErrors, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

// The menu each demo login must see (their grants' permissions, src/domain/auth/auth_policy.c).
const MENUS = {
  admin: ["首页", "党员", "发展党员", "发展党员规则", "党费", "党建经费", "组织关系转接", "组织", "会议", "落实情况", "民主评议", "学习记录", "组织生活规则", "志愿服务", "民生实事", "议事协商", "诉求办理", "网格", "诉求统计", "账号管理", "审计日志", "我的"],
  jiedao: ["首页", "党员", "发展党员", "发展党员规则", "党费", "党建经费", "组织关系转接", "组织", "会议", "落实情况", "民主评议", "学习记录", "组织生活规则", "志愿服务", "民生实事", "议事协商", "诉求办理", "网格", "诉求统计", "账号管理", "审计日志", "我的"],
  shequ: ["首页", "党员", "发展党员", "发展党员规则", "党费", "党建经费", "组织关系转接", "组织", "会议", "落实情况", "民主评议", "学习记录", "组织生活规则", "志愿服务", "民生实事", "议事协商", "诉求办理", "网格", "诉求统计", "账号管理", "审计日志", "我的"],
  shuji: ["首页", "党员", "发展党员", "发展党员规则", "党费", "组织关系转接", "组织", "会议", "民主评议", "学习记录", "组织生活规则", "志愿服务", "民生实事", "议事协商", "我的"],
  weiyuan: ["首页", "党员", "发展党员", "发展党员规则", "党费", "组织关系转接", "组织", "会议", "民主评议", "学习记录", "组织生活规则", "志愿服务", "民生实事", "我的"],
  wangge: ["首页", "组织", "志愿服务", "民生实事", "诉求办理", "网格", "诉求统计", "我的"],
  dangyuan: ["我的"],
  jumin: ["首页", "我的诉求", "议事表决", "民生实事评议", "我的"],
  lianluo: ["首页", "我的"],
};

test("the login page is zh-CN and signs each demo role in to its own menu", async () => {
  const page = await env.newPage();
  await page.goto(env.srv.url + "/");
  await page.waitForSelector("button.login-submit");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(page.url(), /\/login$/);
  await shot(page, "login");
  await page.context().close();
  for (const [user, menu] of Object.entries(MENUS)) {
    const p = await env.newPage();
    await signIn(env, p, user);
    assert.deepEqual(await menuTitles(p), menu, `menu of ${user}`);
    // Group headings only when there are two groups or more: none over a 党员's lone 我的.
    const headings = await p.$$eval(".side-menu .el-menu-item-group__title", (els) => els.map((e) => e.textContent.trim()));
    if (menu.length === 1) assert.deepEqual(headings, [], `headings of ${user}`);
    if (user === "shequ") assert.deepEqual(headings, ["党员与组织", "组织生活", "服务群众", "系统"]);
    // A page outside the role's permissions sends it back to its first page.
    await p.goto(env.srv.url + "/audit");
    await p.waitForSelector(".layout .page");
    if (!menu.includes("审计日志")) assert.doesNotMatch(p.url(), /\/audit$/, `${user} reached /audit`);
    await p.context().close();
  }
  noErrors(env);
});

test("a wrong password shows on the field; throttling shows the wait time", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await page.goto(env.srv.url + "/login");
  await page.fill("input[name=username]", "lianluo");
  await page.fill("input[name=password]", "wrong-password");
  await page.click("button.login-submit");
  await page.waitForSelector(".el-form-item__error");
  assert.match(await page.textContent(".el-form-item__error"), /用户名或密码错误/);
  // Each attempt waits for its answer (the button is also disabled while one is on its way),
  // so only the throttle's wait can leave the button disabled.
  for (let i = 0; i < 6; i++) {
    // A button still waiting for the last answer is disabled too: wait for the answer first.
    await page.waitForSelector("button.login-submit:not(.is-loading)");
    if (await page.isDisabled("button.login-submit")) break;
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/session"),
      page.click("button.login-submit"),
    ]);
    await page.waitForSelector("button.login-submit:not(.is-loading)");
  }
  await page.waitForSelector(".login-alert");
  assert.match(await page.textContent(".login-alert"), /请 \d+ 秒后再试/);
  assert.ok(await page.isDisabled("button.login-submit"), "the button waits out the throttle");
  await shot(page, "login-throttled-360");
  await page.context().close();
});

test("a new account must change its initial password before anything else", async () => {
  const admin = await login(env.srv, "shequ");
  const grants = admin.session.grants;
  const res = await admin.request("POST", "/api/users", {
    body: { username: "xinzhanghao", display_name: "新账号", password: "Chushi-Mima-2026",
            role: "branch_committee", org_id: grants[0].org_id },
  });
  assert.equal(res.status, 201, res.text);
  const page = await env.newPage();
  await signIn(env, page, "xinzhanghao", "Chushi-Mima-2026");
  await page.waitForSelector(".password-form");
  assert.match(page.url(), /\/password$/);
  await shot(page, "password-forced");
  // Any other address comes back here.
  await page.goto(env.srv.url + "/me");
  await page.waitForSelector(".password-form");
  assert.match(page.url(), /\/password$/);
  await page.fill("input[name=old_password]", "Chushi-Mima-2026");
  await page.fill("input[name=new_password]", "short");
  await page.fill("input[name=confirm]", "short");
  await page.click(".password-form button[type=submit]");
  await page.waitForSelector(".el-form-item__error");
  assert.match(await page.textContent(".el-form-item__error"), /至少 10 个字符/);
  await page.fill("input[name=new_password]", "Xin-Mima-2026-ok");
  await page.fill("input[name=confirm]", "Xin-Mima-2026-ok");
  await page.click(".password-form button[type=submit]");
  await page.waitForSelector(".layout");
  assert.doesNotMatch(page.url(), /\/password$/);
  await page.context().close();
});

test("账号管理: list, create with a field error, detail with grants", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('账号管理')");
  await page.waitForSelector(".el-table__row");
  assert.match(page.url(), /\/users$/);
  await shot(page, "users");
  await page.click("button:has-text('新建账号')");
  const dlg = page.locator(".el-dialog");
  await dlg.locator("input[name=username]").fill("wangxiaoming");
  await dlg.locator("input[name=display_name]").fill("王小明");
  await dlg.locator("input[name=password]").fill("short");
  await dlg.locator("button[type=submit]").click();
  await page.waitForSelector(".el-dialog .el-form-item__error");
  assert.match(await dlg.locator(".el-form-item__error").first().textContent(), /至少 10 个字符/);
  await shot(page, "users-create-error", { fullPage: false });
  await dlg.locator("input[name=password]").fill("Chushi-Mima-2026");
  await dlg.locator("button[type=submit]").click();
  await page.waitForSelector(".el-table__row:has-text('wangxiaoming')");
  await page.click(".el-table__row:has-text('wangxiaoming')");
  await page.waitForSelector(".el-drawer .el-descriptions");
  await shot(page, "users-detail", { fullPage: false });
  await page.context().close();
  noErrors(env);
});

test("审计日志 lists the sign-ins and account changes", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.click(".side-menu .el-menu-item:has-text('审计日志')");
  await page.waitForSelector(".el-table__row");
  const text = await page.textContent(".el-table");
  assert.match(text, /登录/);
  assert.match(text, /创建账号/);
  await shot(page, "audit");
  await page.context().close();
});

test("我的 at 360 px, the user menu changes the password and logs out", async () => {
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "dangyuan");
  await page.waitForSelector(".me-page .me-member");
  const [org] = sql(env.srv.db, "SELECT o.name FROM user_account u JOIN member m ON m.person_id = u.person_id JOIN org o ON o.id = m.org_id WHERE u.username = 'dangyuan'")[0];
  const card = await page.textContent(".me-member");
  assert.ok(card.includes(org), `我的党员信息 shows the member's org ${org}: ${card}`);
  assert.match(card, /入党日期/);
  assert.match(card, /\*{4}/, "phone and ID number are masked");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await shot(page, "me-360");
  await page.click(".menu-toggle");
  await page.waitForSelector(".menu-drawer .el-menu-item");
  await shot(page, "menu-drawer-360", { fullPage: false });
  await page.keyboard.press("Escape");
  await page.click(".user-chip");
  await page.click(".el-dropdown-menu__item:has-text('修改密码')");
  await page.waitForSelector(".el-dialog .password-form");
  await shot(page, "password-dialog-360", { fullPage: false });
  await page.click(".el-dialog button:has-text('取消')");
  await page.click(".user-chip");
  await page.click(".el-dropdown-menu__item:has-text('退出登录')");
  await page.waitForSelector("button.login-submit");
  await page.goto(env.srv.url + "/me");
  await page.waitForSelector("button.login-submit");
  assert.match(page.url(), /\/login\?next=%2Fme$/);
  await page.context().close();
  noErrors(env);
});
