// form_errors.test.js: a form shows every field error of the server's answer at once
// (error.fields, docs/errors.md) under its field: an empty 新增党员 form (its 所在党组织 preset to
// the user's org) marks 姓名 and 身份证号 together, not just the first (web/lib/forms.js).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors } = require("./lib/browser.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

function errorUnder(page, label) {
  return page.locator(`.member-form .el-form-item:has(> .el-form-item__label:text-is('${label}')) .el-form-item__error`);
}

test("an empty 新增党员 form shows every required field's error at once", async () => {
  const page = await env.newPage();
  await signIn(env, page, "shequ");
  await page.goto(`${env.srv.url}/members/new`);
  await page.waitForSelector(".member-form input[name=name]");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/members") && r.request().method() === "POST");
  await page.click(".member-form button[type=submit]");
  const res = await answer;
  assert.equal(res.status(), 400);
  assert.deepEqual((await res.json()).error.fields.map((f) => f.field), ["/name", "/id_number"]);
  for (const [label, message] of [["姓名", "姓名不能为空"], ["身份证号", "身份证号不能为空"]]) {
    await errorUnder(page, label).waitFor();
    assert.equal((await errorUnder(page, label).textContent()).trim(), message);
  }
  assert.equal(await page.locator(".el-message--error").count(), 0, "no toast repeats what the fields say");
  await shot(page, "member-new-every-error");
  await page.context().close();
  noErrors(env);
});
