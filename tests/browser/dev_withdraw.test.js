// dev_withdraw.test.js: a street cadre withdraws a step recorded by mistake on a phone: the
// reason is required, the step stays in the timeline struck through as 已撤回, and the form
// offers the step again. The step is marked in the database, not deleted.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

test("撤回: the last step of a case, with a reason, kept and struck through", async () => {
  const scope = sql(env.srv.db, "SELECT o.path FROM user_account u JOIN user_grant g ON g.user_id = u.id JOIN org o ON o.id = g.org_id WHERE u.username = 'jiedao'")[0][0];
  const [id, stepId, step] = sql(env.srv.db, `SELECT a.id, s.id, s.step FROM dev_applicant a JOIN dev_step s ON s.applicant_id = a.id
    WHERE a.org_path LIKE '${scope}%' AND a.status IN ('applicant', 'activist', 'candidate') AND a.last_step > 1
      AND a.last_step NOT IN (13, 16, 17, 18, 24) AND s.step = a.last_step AND s.withdrawn_at IS NULL ORDER BY a.id LIMIT 1`)[0];
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${id}`);
  await page.waitForSelector(".dev-timeline .el-timeline-item");
  assert.equal(await page.locator("button.step-withdraw-btn").count(), 1, "only the last step offers 撤回");
  await page.click("button.step-withdraw-btn");
  await page.click(".withdraw-form button[type=submit]");
  await page.waitForSelector(".withdraw-form .el-form-item__error");
  await page.fill(".withdraw-form input[name=reason]", "日期记错，应为上周五");
  const answer = page.waitForResponse((r) => r.url().endsWith(`/steps/${stepId}/withdraw`));
  await page.click(".withdraw-form button[type=submit]");
  assert.equal((await answer).status(), 200);
  await page.waitForSelector(".step-withdrawn .step-withdrawn-reason:has-text('日期记错，应为上周五')");
  assert.match(await page.textContent(".f-step"), new RegExp(`第${step}步`), "the step is offered again");
  assert.equal(Number(sql(env.srv.db, `SELECT COUNT(*) FROM dev_step WHERE id = ${stepId} AND withdrawn_at IS NOT NULL`)[0][0]), 1);
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await shot(page, "dev-withdraw-360");
  await page.context().close();
  noErrors(env);
});
