// dev.test.js: 发展党员 in a real browser: the street's pipeline board (every stage counted, the
// overdue items and the two forgotten 预备党员 of the demo) at 1366 and 360 px; a branch
// cadre's step refused by DEV-OBJ-MIN with its explanation shown under the form, nothing
// added to the timeline; and the street's 转正 approval turning the applicant into a 正式党员.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql, sqlPlain } = require("../api/lib/harness.js");

let env;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const one = (q) => sql(env.srv.db, q)[0];

test("the pipeline board: stages, overdue, forgotten 预备党员; readable on a phone", async () => {
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.click(".side-menu .el-menu-item:has-text('发展党员')");
  await page.waitForSelector(".dev-stages .kpi");
  assert.equal(await page.locator(".dev-stages .kpi").count(), 5);
  for (const v of await page.locator(".dev-stages .kpi-value").allTextContents()) assert.ok(Number.parseInt(v, 10) >= 1, v);
  await page.waitForSelector(".dev-applicants .el-table__row");
  assert.ok(await page.locator(".dev-overdue .el-table__row").count() >= 2);
  assert.equal(await page.locator(".dev-forgotten .el-table__row").count(), 2);
  assert.match(await page.textContent(".dev-forgotten"), /预备期已于\d{4}-\d{2}-\d{2}期满，尚未作出转正决定/);
  assert.doesNotMatch(await page.textContent(".dev-page"), /DEV-[A-Z]/, "rules in words, codes in tooltips");
  await shot(page, "dev-pipeline-1366");
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "jiedao");
  await phone.goto(env.srv.url + "/dev");
  await phone.waitForSelector(".dev-applicants .list-card");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "dev-pipeline-360");
  await shot(phone, "dev-pipeline-360-top", { fullPage: false });
  await page.context().close();
  await phone.context().close();
  noErrors(env);
});

test("a step refused by a rule shows each rule's explanation with the dates; nothing is recorded", async () => {
  const [id, activistOn] = one("SELECT a.id, s.done_on FROM dev_applicant a JOIN dev_step s ON s.applicant_id = a.id AND s.step = 3 WHERE a.status = 'activist' ORDER BY a.id LIMIT 1");
  const steps = () => Number(one(`SELECT COUNT(*) FROM dev_step WHERE applicant_id = ${id}`)[0]);
  const before = steps();
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${id}`);
  await page.waitForSelector(".dev-timeline .el-timeline-item");
  assert.equal(await page.locator(".dev-timeline .el-timeline-item").count(), before);
  await page.click(".f-step .el-select__wrapper");
  await page.click(".el-select-dropdown__item:visible:has-text('第7步')");
  await page.waitForSelector(".step-rule[data-rule='DEV-OBJ-MIN']");
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/dev/applicants/${id}/steps`));
  await page.click("button.save-step");
  assert.equal((await answer).status(), 409);
  await page.waitForSelector(".step-refused .refused-rule[data-rule='DEV-OBJ-MIN']");
  const text = await page.textContent(".step-refused");
  assert.ok(text.includes(activistOn), `names the 积极分子 date ${activistOn}: ${text}`);
  assert.equal(steps(), before);
  await shot(page, "dev-applicant-refused-1366");
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "jiedao");
  await phone.goto(`${env.srv.url}/dev/applicants/${id}`);
  await phone.waitForSelector(".dev-timeline .el-timeline-item");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "dev-applicant-360");
  await shot(phone, "dev-applicant-360-top", { fullPage: false });
  await page.context().close();
  await phone.context().close();
  noErrors(env);
});

test("转正: the street approves the 支部大会's 按期转正 and the applicant becomes a 正式党员", async () => {
  const [id] = one("SELECT id FROM dev_applicant WHERE status = 'probationary' AND last_step = 23 ORDER BY id LIMIT 1");
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${id}`);
  await page.waitForSelector(".dev-step-form");
  assert.match(await page.textContent(".f-step"), /第24步/);
  await page.click(".f-decision .el-radio:has-text('同意')");
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/dev/applicants/${id}/steps`));
  await page.click("button.save-step");
  assert.equal((await answer).status(), 201);
  await page.waitForSelector(".dev-status:has-text('正式党员')");
  await page.waitForSelector(".dev-timeline .el-timeline-item[data-step='24']");
  assert.equal(one(`SELECT m.status FROM dev_applicant a JOIN member m ON m.id = a.member_id WHERE a.id = ${id}`)[0], "full");
  await shot(page, "dev-applicant-full-1366");
  await page.context().close();
  noErrors(env);
});

test("step 15 offers the branch's closed admission vote of that day and records it", async () => {
  const [id, org] = one("SELECT id, org_id FROM dev_applicant WHERE status = 'candidate' AND last_step = 11 ORDER BY id LIMIT 1");
  const street = await login(env.srv, "jiedao");
  const day = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  for (const s of [12, 13, 14]) {
    const r = await street.request("POST", `/api/dev/applicants/${id}/steps`, { body: { step: s, date: day } });
    assert.equal(r.status, 201, r.text);
  }
  sql(env.srv.db, `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, 'party_congress', '讨论接收预备党员', '${day}', '${day} 09:00', 'held', 0, 0 FROM org WHERE id = ${org};
    INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, expected_n, present_n, yes_n, result, closed_at, created_at)
      SELECT 1, MAX(id), '接收预备党员表决', 'admission', 'secret', 9, 8, 7, 'passed', 1, 0 FROM meeting;`);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${id}`);
  await page.waitForSelector(".dev-step-form");
  assert.match(await page.textContent(".f-step"), /第15步/);
  await page.click(".f-vote .el-select__wrapper");
  await page.click(".el-select-dropdown__item:visible:has-text('接收预备党员表决')");
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/dev/applicants/${id}/steps`));
  await page.click("button.save-step");
  assert.equal((await answer).status(), 201);
  await page.waitForSelector(".dev-timeline .el-timeline-item[data-step='15'] .step-meeting");
  assert.equal(one(`SELECT COUNT(*) FROM dev_step WHERE applicant_id = ${id} AND step = 15 AND vote_id IS NOT NULL`)[0], "1");
  await shot(page, "dev-applicant-vote-1366");
  await page.context().close();
  noErrors(env);
});

test("我的: a resident who applied sees their own steps and deadlines on a phone", async () => {
  const [pid, idn, birth] = sqlPlain(env.srv.db, "SELECT p.id, p.id_number, p.birth_date FROM person p JOIN user_account u ON u.person_id = p.id WHERE u.username = 'jumin'")[0];
  const shequ = await login(env.srv, "shequ");
  const r = await shequ.request("POST", "/api/dev/applicants", { body: { name: "居民申请人", gender: Number(idn[16]) % 2 ? "男" : "女", birth_date: birth, id_number: idn, org_id: shequ.session.grants[0].org_id, applied_on: "2025-01-10" } });
  assert.equal(r.status, 201, r.text);
  assert.ok(Number(pid) > 0);
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "jumin");
  await page.goto(env.srv.url + "/me");
  await page.waitForSelector(".my-dev .el-timeline-item");
  assert.match(await page.textContent(".my-dev"), /第1步 递交入党申请书/);
  assert.match(await page.textContent(".my-dev"), /下一步：第2步 党组织派人谈话/);
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await shot(page, "dev-me-360", { fullPage: false });
  await page.context().close();
  noErrors(env);
});
