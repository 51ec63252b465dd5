// totp.test.js: two-factor login in a real browser: a community admin enrols on 我的 (scans the
// QR code; here the key shown beside it feeds an independent RFC 6238 implementation), sees the
// ten recovery codes once, signs out, and signs in again answering the 动态验证码 question.
// Screenshots of the enrolment and the login step at 1366 and 360 px.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, DEMO_PASSWORD } = require("./lib/browser.js");
const { totpCode } = require("../api/lib/totp.js");

let env;
before(async () => { env = await setup({ demo: { members: 300 } }); });
after(async () => { if (env) await env.close(); });

for (const [width, height, tag] of [[1366, 900, "1366"], [360, 740, "360"]]) {
  test(`enrol on 我的 and sign in with the code (${tag} px)`, async () => {
    const user = tag === "1366" ? "shequ" : "jiedao";
    const page = await env.newPage({ width, height });
    await signIn(env, page, user);
    await page.goto(`${env.srv.url}/me`);
    await page.click("button:has-text('启用双因素认证')");
    await page.waitForSelector("img.totp-qr");
    const secret = (await page.textContent(".totp-secret")).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await shot(page, `totp-enrol-${tag}`);
    // A wrong code shows under the field.
    await page.fill("input[name=totp_enable_code]", "000000" === totpCode(secret) ? "111111" : "000000");
    await page.click("button:has-text('确认启用')");
    await page.waitForSelector(".el-form-item__error");
    await page.fill("input[name=totp_enable_code]", totpCode(secret));
    await page.click("button:has-text('确认启用')");
    await page.waitForSelector(".totp-codes li");
    assert.equal(await page.locator(".totp-codes li").count(), 10);
    await shot(page, `totp-codes-${tag}`);
    await page.click("button:has-text('我已保存')");
    await page.waitForSelector(".totp-head .el-tag:has-text('已启用')");

    // Sign in again: the password, then the question for the code.
    const again = await env.newPage({ width, height });
    await again.goto(`${env.srv.url}/login`);
    await again.fill("input[name=username]", user);
    await again.fill("input[name=password]", DEMO_PASSWORD);
    await again.click("button.login-submit");
    await again.waitForSelector("input[name=totp_code]");
    await shot(again, `totp-login-${tag}`);
    await again.fill("input[name=totp_code]", totpCode(secret, 1)); // the enrolment used this step's
    await again.click("button.login-submit");
    await again.waitForSelector(".layout");
    noErrors(env);
  });
}

test("a role that must use two-factor login lands on 我的 until it enrols (auth.totp_roles)", async () => {
  const required = await setup({ demo: { members: 100 }, env: { DANGJIAN_AUTH_TOTP_ROLES: "org_admin" } });
  try {
    const page = await required.newPage({ width: 1366, height: 900 });
    await signIn(required, page, "shequ");
    await page.goto(`${required.srv.url}/members`);
    await page.waitForSelector(".totp-alert");
    assert.equal(new URL(page.url()).pathname, "/me");
    assert.match(await page.textContent(".totp-alert"), /须使用双因素认证/);
    await shot(page, "totp-required-1366");
    await page.context().close();
    noErrors(required);
  } finally {
    await required.close();
  }
});
