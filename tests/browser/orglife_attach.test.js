// orglife_attach.test.js: a meeting's attachments and sign-in link in a real browser: a branch
// secretary uploads a 签到表 PDF on the meeting's page and sees it listed (a program renamed
// .pdf is refused with the server's message), makes the sign-in code and sees its QR code; a
// 党员 opens the link signed out on a 360 px phone, signs in, taps 签到 and is recorded 出席.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { setup, signIn, shot, noErrors, overflow, login } = require("./lib/browser.js");
const { sql } = require("../api/lib/harness.js");

let env, meetingId, token;
before(async () => { env = await setup(); });
after(async () => { if (env) await env.close(); });

const cst = (min) => new Date(Date.now() + 8 * 3600 * 1000 + min * 60 * 1000).toISOString().slice(0, 16).replace("T", " ");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

test("a branch secretary uploads an attachment, sees it listed, and makes the sign-in QR code", async () => {
  const shuji = await login(env.srv, "shuji");
  const branch = shuji.session.grants[0].org_id;
  const m = await shuji.request("POST", "/api/meetings", {
    body: { org_id: branch, type: "theme_day", topic: "十二月主题党日", starts_at: cst(-5), ends_at: cst(55), place: "党群服务中心" },
  });
  assert.equal(m.status, 201, m.text);
  meetingId = m.json.id;

  const page = await env.newPage({ width: 1366, height: 900 });
  await signIn(env, page, "shuji");
  await page.goto(`${env.srv.url}/meetings/${meetingId}`);
  await page.waitForSelector(".meeting-attachments .attach-empty");
  // A program renamed .pdf: the server's message, nothing listed.
  const refused = page.waitForResponse((r) => r.url().endsWith("/attachments") && r.request().method() === "POST");
  await page.setInputFiles(".attach-input", { name: "会议纪要.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\0program", "latin1") });
  assert.equal((await refused).status(), 400);
  await page.waitForSelector(".el-message--error");
  assert.match(await page.textContent(".el-message--error"), /PDF、PNG、JPEG/);
  assert.equal(await page.locator(".attach-item").count(), 0);
  // The real 签到表.
  await page.setInputFiles(".attach-input", { name: "签到表.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.waitForSelector(".attach-item .attach-name:has-text('签到表.pdf')");
  assert.match(await page.textContent(".attach-item .attach-meta"), /PDF 文档/);
  assert.equal(sql(env.srv.db, `SELECT file_name FROM meeting_attachment WHERE meeting_id = ${meetingId}`)[0][0], "签到表.pdf");
  // The link downloads the same bytes.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".attach-item .attach-name")]);
  assert.equal(download.suggestedFilename(), "签到表.pdf");
  assert.ok(require("node:fs").readFileSync(await download.path()).equals(PDF));

  await page.click("button.signin-make");
  await page.waitForSelector(".signin-qr");
  await page.waitForFunction(() => document.querySelector(".signin-qr").naturalWidth > 0);
  token = sql(env.srv.db, `SELECT token FROM meeting_signin WHERE meeting_id = ${meetingId}`)[0][0];
  assert.match(await page.textContent(".signin-url"), new RegExp(`/signin/${token}$`));
  assert.match(await page.textContent(".signin-phase"), /正在签到/);
  await shot(page, "orglife-attach-meeting-1366");
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(200);
  assert.ok(await overflow(page) <= 0, "no sideways scroll at 360 px");
  await shot(page, "orglife-attach-meeting-360");
  noErrors(env);
});

test("a 党员 opens the link on a 360 px phone, signs in and taps 签到", async () => {
  assert.ok(token, "the first test made the link");
  const page = await env.newPage({ width: 360, height: 780 });
  await page.goto(`${env.srv.url}/signin/${token}`);
  await page.waitForSelector("input[name=username]");
  await page.fill("input[name=username]", "dangyuan");
  await page.fill("input[name=password]", "Demo-Passw0rd");
  await page.click("button.login-submit");
  await page.waitForSelector(".signin-page .signin-go");
  assert.match(await page.textContent(".signin-page"), /十二月主题党日/);
  assert.match(await page.textContent(".signin-page"), /不获取位置/);
  assert.ok(await overflow(page) <= 0, "no sideways scroll at 360 px");
  await shot(page, "orglife-signin-360");
  await page.click(".signin-go");
  await page.waitForSelector(".signin-done");
  const person = sql(env.srv.db, "SELECT person_id FROM user_account WHERE username = 'dangyuan'")[0][0];
  assert.equal(sql(env.srv.db, `SELECT status FROM meeting_attendance WHERE meeting_id = ${meetingId} AND person_id = ${person}`)[0][0], "present");
  await shot(page, "orglife-signin-done-360");
  await page.setViewportSize({ width: 1366, height: 800 });
  await shot(page, "orglife-signin-done-1366");
  // A code that does not exist: the page says so.
  await page.goto(`${env.srv.url}/signin/${"0".repeat(32)}`);
  await page.waitForSelector(".signin-error");
  assert.match(await page.textContent(".signin-error"), /签到码无效/);
  noErrors(env);
});
