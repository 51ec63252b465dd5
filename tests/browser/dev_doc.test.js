// dev_doc.test.js: 发展党员材料 in a real browser: the street's cadre uploads an applicant's
// 政审材料 through the dialog opened from the reminder (a program renamed .pdf is refused with
// the reason shown under the file field, nothing written), the reminder goes away and the
// document is listed with its kind, name and note; then the 发展党员工作全程纪实表 of a 正式党员
// of the demo at 1366 and 360 px and as printed (the sheet alone, serif type, every step, the
// linked vote's count and the rule outcomes), the 发展对象备案表 and the 材料归档清单 with a
// missing kind marked; and a resident applicant's 我的 listing the documents on file, without
// the cadres' note.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql, sqlPlain } = require("../api/lib/harness.js");

let env, dir;
before(async () => {
  env = await setup();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "devdoc-"));
});
after(async () => {
  if (env) await env.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const rows = (q) => sql(env.srv.db, q);
const file = (name, bytes) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

test("uploading a 政审材料: a wrong file refused under its field, the right one listed, the reminder gone", async () => {
  // A demo case past step 10 and before 归档, its 政审材料 taken off file for the test.
  const [[target]] = rows("SELECT id FROM dev_applicant WHERE last_step BETWEEN 12 AND 24 ORDER BY id LIMIT 1");
  sql(env.srv.db, `DELETE FROM dev_document WHERE applicant_id = ${target} AND kind = 'polreview'`);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${target}`);
  await page.waitForSelector(".dev-docs .doc-list, .dev-docs .doc-empty");
  assert.ok(await page.isVisible(".doc-missing[data-kind='polreview']"), "the reminder names the missing 政审材料");
  assert.match(await page.textContent(".doc-missing[data-kind='polreview']"), /尚未上传政审材料（第10步 进行政治审查），宜在第12步 支部委员会审查前备齐/);
  const before = rows(`SELECT COUNT(*) FROM dev_document WHERE applicant_id = ${target}`)[0][0];
  await page.click(".doc-missing[data-kind='polreview'] .doc-missing-add");
  await page.waitForSelector(".doc-dialog .f-doc-file");
  assert.match(await page.textContent(".doc-dialog .f-doc-kind"), /政审材料/);
  await page.setInputFiles(".doc-dialog .f-doc-file", file("政审结论.pdf", Buffer.from("MZ\x90\0 not a pdf", "latin1")));
  await page.click(".doc-dialog .doc-save");
  await page.waitForSelector(".doc-dialog .el-form-item__error");
  assert.match(await page.textContent(".doc-dialog .el-form-item__error"), /只能上传 PDF、PNG、JPEG 图片或 Word/);
  assert.equal(rows(`SELECT COUNT(*) FROM dev_document WHERE applicant_id = ${target}`)[0][0], before);
  await shot(page, "dev-doc-upload-refused-1366", { fullPage: false });
  await page.setInputFiles(".doc-dialog .f-doc-file", file("政审结论.pdf", "%PDF-1.4\n%%EOF\n"));
  await page.fill(".doc-dialog .f-doc-note textarea", "外调函两份已附");
  await page.click(".doc-dialog .doc-save");
  await page.waitForSelector(".doc-item[data-kind='polreview']");
  assert.equal(await page.isVisible(".doc-missing[data-kind='polreview']"), false);
  assert.match(await page.textContent(".doc-item[data-kind='polreview']"), /政审材料\s*政审结论\.pdf[\s\S]*外调函两份已附/);
  await shot(page, "dev-doc-list-1366");
  await page.context().close();
  noErrors(env);
});

test("the 全程纪实表 of a 正式党员 at 1366 and 360 px and as printed; the 备案表 and the 归档清单", async () => {
  const [[id, name]] = rows("SELECT id, name FROM dev_applicant WHERE last_step = 25 ORDER BY id LIMIT 1");
  // The demo's votes are taken as passed without a vote row: link one to step 15 here, as the
  // step form would have, to see its count on the sheet.
  sql(env.srv.db, `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, a.org_id, a.org_path, 'party_congress', '接收预备党员', s.done_on, s.done_on || ' 09:00', 'held', 0, 0
      FROM dev_applicant a JOIN dev_step s ON s.applicant_id = a.id AND s.step = 15 WHERE a.id = ${id};
    INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, expected_n, present_n, yes_n, no_n, abstain_n, result, closed_at, created_at)
      SELECT 1, MAX(id), '接收预备党员', 'admission', 'secret', 9, 8, 7, 1, 0, 'passed', 1, 0 FROM meeting;
    UPDATE dev_step SET meeting_id = (SELECT MAX(id) FROM meeting), vote_id = (SELECT MAX(id) FROM meeting_vote) WHERE applicant_id = ${id} AND step = 15;`);
  const nsteps = Number(rows(`SELECT COUNT(*) FROM dev_step WHERE applicant_id = ${id}`)[0][0]);
  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "jiedao");
  await page.goto(`${env.srv.url}/dev/applicants/${id}`);
  await page.waitForSelector(".dev-docs .doc-list");
  await page.click(".dev-print-button");
  await page.click(".el-dropdown-menu__item.print-record a");
  await page.waitForSelector(".dev-record .dev-steps-table");
  assert.equal((await page.textContent(".dev-record .sheet-title")).trim(), "发展党员工作全程纪实表");
  assert.match(await page.textContent(".dev-record .dev-head-table"), new RegExp(name));
  // Every step has a row; those recorded carry their date, and the outcome is in words.
  assert.equal(await page.locator(".dev-steps-table tr[data-step]").count(), 25 + (nsteps - 25));
  assert.equal(await page.locator(".dev-steps-table tr.step-blank").count(), 0);
  const text = await page.textContent(".dev-steps-table");
  assert.match(text, /预备期至|预备期满|预备期/);
  assert.doesNotMatch(text, /DEV-[A-Z]/, "rules in words");
  assert.match(await page.textContent(".dev-steps-table tr[data-step='15']"), /支部党员大会表决：应到 9 人，实到 8 人，赞成 7、反对 1、弃权 0（通过）/);
  assert.match(await page.textContent(".dev-record .sheet-signs"), /党支部书记（签字）/);
  await shot(page, "dev-print-record-1366");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".print-tools"), false);
  assert.equal(await page.isVisible(".side-menu"), false);
  assert.match(await page.evaluate(() => getComputedStyle(document.querySelector(".dev-record")).fontFamily), /Serif CJK SC/);
  await shot(page, "dev-print-record-print");
  await page.emulateMedia({ media: "screen" });
  // The 备案表 and the 归档清单 from the same toolbar.
  await page.click(".print-forms label:has-text('发展对象备案表')");
  await page.waitForSelector(".dev-filing");
  assert.match(await page.textContent(".dev-filing"), /确定为入党积极分子时间[\s\S]*上级党委备案意见[\s\S]*已于 \d{4}-\d{2}-\d{2} 备案/);
  await shot(page, "dev-print-filing-1366");
  await page.click(".print-forms label:has-text('材料归档清单')");
  await page.waitForSelector(".dev-archive");
  const missing = rows(`SELECT COUNT(*) FROM dev_document WHERE applicant_id = ${id}`)[0][0];
  assert.ok(Number(missing) >= 1);
  assert.equal(await page.locator(".dev-archive-table tr[data-kind]").count() >= 7, true);
  assert.match(await page.textContent(".dev-archive .sheet-signs"), /归档日期：\d{4}-\d{2}-\d{2}/);
  await shot(page, "dev-print-archive-1366");
  // On a phone: the sheet shows whole, nothing off screen.
  const phone = await env.newPage({ width: 360, height: 740 });
  await signIn(env, phone, "jiedao");
  await phone.goto(`${env.srv.url}/dev/applicants/${id}/print/record`);
  await phone.waitForSelector(".dev-record .dev-steps-table");
  assert.ok(await overflow(phone) <= 0, "nothing off screen at 360 px");
  await shot(phone, "dev-print-record-360");
  await phone.goto(`${env.srv.url}/dev/applicants/${id}`);
  await phone.waitForSelector(".dev-docs .doc-list");
  assert.ok(await overflow(phone) <= 0, "the applicant page at 360 px");
  await shot(phone, "dev-doc-list-360");
  await phone.locator(".dev-docs").scrollIntoViewIfNeeded();
  await shot(phone, "dev-doc-card-360", { fullPage: false });
  await page.context().close();
  await phone.context().close();
  noErrors(env);
});

test("我的: the applicant sees which documents the branch holds, not the cadres' note", async () => {
  const [[idn, birth]] = sqlPlain(env.srv.db, "SELECT p.id_number, p.birth_date FROM person p JOIN user_account u ON u.person_id = p.id WHERE u.username = 'jumin'");
  const shequ = await login(env.srv, "shequ");
  const r = await shequ.request("POST", "/api/dev/applicants", { body: { name: "居民申请人", gender: Number(idn[16]) % 2 ? "男" : "女", birth_date: birth, id_number: idn, org_id: shequ.session.grants[0].org_id, applied_on: "2025-01-10" } });
  assert.equal(r.status, 201, r.text);
  const form = new FormData();
  form.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "入党申请书扫描件.pdf");
  const up = await shequ.request("POST", `/api/dev/applicants/${r.json.id}/documents?kind=application&date=2025-01-10&note=${encodeURIComponent("原件存支部")}`, { raw: form });
  assert.equal(up.status, 201, up.text);
  const page = await env.newPage({ width: 360, height: 740 });
  await signIn(env, page, "jumin");
  await page.goto(env.srv.url + "/me");
  await page.waitForSelector(".my-dev .my-dev-doc");
  assert.match(await page.textContent(".my-dev-docs"), /入党申请书 · 2025-01-10 · 入党申请书扫描件\.pdf/);
  assert.doesNotMatch(await page.textContent(".my-dev"), /原件存支部/);
  assert.ok(await overflow(page) <= 0, "nothing off screen at 360 px");
  await page.locator(".my-dev-docs").scrollIntoViewIfNeeded();
  await shot(page, "dev-me-docs-360", { fullPage: false });
  await page.context().close();
  noErrors(env);
});
