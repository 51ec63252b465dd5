// orglife_attach.test.js: a meeting's attachments and its sign-in link. A PDF, a PNG, a JPEG
// and a Word .docx are kept and come back byte for byte under their own (Chinese) name; a
// program renamed .pdf, an HTML page and a spreadsheet are refused by their bytes with nothing
// written; the size and count limits hold; another branch's cadre gets nothing. A member
// signs in through the link only inside the window around the meeting, only where expected,
// never over what the recorder recorded, and a replaced link stops working.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, expectStatus, expectError } = require("./lib/harness");
const { zip } = require("./lib/xlsx");

const MAX_BYTES = 64 * 1024;
const MAX_COUNT = 5;
let srv, shuji, dangyuan, other, branch, sibling, dangyuanPerson;
before(async () => {
  srv = await startServer({
    demo: {},
    env: { DANGJIAN_ORGLIFE_ATTACH_MAX_BYTES: String(MAX_BYTES), DANGJIAN_ORGLIFE_ATTACH_MAX_COUNT: String(MAX_COUNT) },
  });
  [shuji, dangyuan] = await Promise.all(["shuji", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  dangyuanPerson = dangyuan.session.user.person_id;
  [[sibling]] = sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND id <> ${branch} AND dissolved_on IS NULL ORDER BY id LIMIT 1`);
  sibling = Number(sibling);
  // The secretary of another branch.
  const r = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Other-Passw0rd", "--keep-password"],
    { input: `othershuji branch_secretary ${sibling}\n` });
  assert.equal(r.status, 0, r.stderr);
  other = await login(srv, "othershuji", "Other-Passw0rd");
});
after(async () => { await srv.stop(); });

// "YYYY-MM-DD HH:MM" in China Standard Time, minutes from now.
const cst = (min) => new Date(Date.now() + 8 * 3600 * 1000 + min * 60 * 1000).toISOString().slice(0, 16).replace("T", " ");
async function meeting(org, startMin, endMin, type = "theme_day") {
  const body = { org_id: org, type, topic: `签到测试${Math.random().toString(36).slice(2, 6)}`, starts_at: cst(startMin) };
  if (endMin !== undefined) body.ends_at = cst(endMin);
  return expectStatus(await shuji.request("POST", "/api/meetings", { body }), 201).json;
}
function upload(client, path, buf, filename) {
  const form = new FormData();
  form.append("file", new Blob([buf]), filename);
  return client.request("POST", path, { raw: form });
}
const attachments = (id) => Number(sql(srv.db, `SELECT COUNT(*) FROM meeting_attachment WHERE meeting_id = ${id}`)[0][0]);
const lastAudit = () => sql(srv.db, "SELECT action, target_id FROM audit ORDER BY id DESC LIMIT 1")[0];

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", "latin1")]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const DOCX = zip({
  "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
});
const XLSX = zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" });
const EXE = Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), Buffer.alloc(120, 1), Buffer.from("This program cannot be run in DOS mode")]);
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

test("PDF, PNG, JPEG and .docx are kept and downloaded byte for byte under their own name", async () => {
  const m = await meeting(branch, -60 * 24);
  const base = `/api/meetings/${m.id}/attachments`;
  const files = [["会议签到表.pdf", PDF, "pdf", "application/pdf"], ["现场照片.png", PNG, "png", "image/png"],
    ["photo.jpg", JPEG, "jpeg", "image/jpeg"],
    ["发言材料.docx", DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]];
  for (const [name, buf, kind, type] of files) {
    const a = expectStatus(await upload(shuji, base, buf, name), 201).json;
    assert.deepEqual([a.file_name, a.kind, a.content_type, a.size], [name, kind, type, buf.length]);
    assert.match(a.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(lastAudit(), ["meeting.attach", String(m.id)]);
    const res = await fetch(`${srv.url}${base}/${a.id}`, { headers: { Cookie: shuji.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), type);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const cd = res.headers.get("content-disposition");
    assert.ok(cd.startsWith("attachment; "), cd);
    assert.ok(cd.endsWith(`filename*=UTF-8''${encodeURIComponent(name)}`), cd);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(buf), `${name}: the bytes come back unchanged`);
  }
  const list = expectStatus(await shuji.request("GET", base), 200).json.items;
  assert.deepEqual(list.map((a) => a.file_name), files.map(([n]) => n));
  assert.ok(list.every((a) => a.uploaded_by_name && a.uploaded_at > 0));
  // A folder in the name and blanks around it are dropped.
  const named = expectStatus(await upload(shuji, base, PDF, "C:\\文件\\　 通知.pdf "), 201).json;
  assert.equal(named.file_name, "通知.pdf");

  // Delete: audited, gone from the list, its download 404.
  const left = expectStatus(await shuji.request("DELETE", `${base}/${list[1].id}`), 200).json.items;
  assert.deepEqual(left.map((a) => a.id), [list[0].id, list[2].id, list[3].id, named.id]);
  assert.deepEqual(lastAudit(), ["meeting.attach_delete", String(m.id)]);
  expectError(await shuji.request("GET", `${base}/${list[1].id}`), 404, "not_found");
  expectError(await shuji.request("DELETE", `${base}/${list[1].id}`), 404, "not_found");
});

test("a program renamed .pdf, an HTML page, a spreadsheet and an empty file are refused, nothing written", async () => {
  const m = await meeting(branch, -60 * 24);
  const base = `/api/meetings/${m.id}/attachments`;
  const audits = Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]);
  for (const [name, buf] of [["会议纪要.pdf", EXE], ["照片.png", HTML], ["page.html", HTML], ["名册.docx", XLSX], ["空.pdf", Buffer.alloc(0)]]) {
    const e = expectError(await upload(shuji, base, buf, name), 400, "invalid", "/file");
    assert.match(e.message, buf.length ? /PDF、PNG、JPEG.*Word/ : /空/, name);
  }
  // A name with a direction override (shown as 材料exe.pdf) is refused, whatever the bytes.
  expectError(await upload(shuji, base, PDF, "材料\u202Efdp.exe"), 400, "invalid", "/file");
  // Not multipart at all.
  expectError(await shuji.request("POST", base, { body: { file: "x" } }), 400, "invalid", "/file");
  assert.equal(attachments(m.id), 0);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]), audits);
});

test("size and count limits: 413 over orglife.attach_max_bytes, 409 past orglife.attach_max_count", async () => {
  const m = await meeting(branch, -60 * 24);
  const base = `/api/meetings/${m.id}/attachments`;
  const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length + 1, 0x20)]);
  const e = expectError(await upload(shuji, base, big, "大文件.pdf"), 413, "limit", "/file");
  assert.match(e.message, /不能超过/);
  // Far past the route's ceiling: refused before the handler.
  expectError(await upload(shuji, base, Buffer.concat([big, big, big]), "更大.pdf"), 413, "limit");
  assert.equal(attachments(m.id), 0);
  expectStatus(await upload(shuji, base, big.subarray(0, MAX_BYTES), "正好.pdf"), 201);
  for (let i = 1; i < MAX_COUNT; i++) expectStatus(await upload(shuji, base, PNG, `图${i}.png`), 201);
  expectError(await upload(shuji, base, PNG, "多一个.png"), 409, "conflict", "/file");
  assert.equal(attachments(m.id), MAX_COUNT);
});

test("another branch's secretary and a member without the permission get nothing", async () => {
  const m = await meeting(branch, -60 * 24);
  const base = `/api/meetings/${m.id}/attachments`;
  const a = expectStatus(await upload(shuji, base, PDF, "支部材料.pdf"), 201).json;
  for (const [method, path] of [["GET", base], ["GET", `${base}/${a.id}`], ["DELETE", `${base}/${a.id}`],
    ["GET", `/api/meetings/${m.id}/signin`], ["POST", `/api/meetings/${m.id}/signin`], ["GET", `/api/meetings/${m.id}/signin-qr.svg`]]) {
    for (const who of [other, dangyuan]) {
      const res = await who.request(method, path);
      assert.ok([403, 404].includes(res.status), `${method} ${path} as ${who.username}: ${res.status}`);
      assert.ok(!res.text.includes("支部材料"), "the name does not leak");
    }
  }
  const up = await upload(other, base, PDF, "外来.pdf");
  assert.ok([403, 404].includes(up.status));
  assert.equal(attachments(m.id), 1);
});

test("the sign-in link: QR code, window, expected members only, recorder's record stands, a new link replaces the old", async () => {
  const m = await meeting(branch, -10, 50);
  const link = expectStatus(await shuji.request("GET", `/api/meetings/${m.id}/signin`), 200).json;
  assert.equal(link.token, null);
  expectError(await shuji.request("GET", `/api/meetings/${m.id}/signin-qr.svg`), 404, "not_found");
  const made = expectStatus(await shuji.request("POST", `/api/meetings/${m.id}/signin`), 200).json;
  assert.match(made.token, /^[0-9a-f]{32}$/);
  assert.ok(made.url.endsWith(`/signin/${made.token}`), made.url);
  // 30 minutes before the start to 60 after the end, from the meeting's own times (not this
  // test's clock, which may have passed a minute since).
  const shift = (t, min) => new Date(Date.parse(`${t.replace(" ", "T")}:00Z`) + min * 60000).toISOString().slice(0, 16).replace("T", " ");
  assert.deepEqual([made.opens_at, made.closes_at, made.open, made.phase], [shift(m.starts_at, -30), shift(m.ends_at, 60), true, "open"]);
  assert.deepEqual(lastAudit(), ["meeting.signin_link", String(m.id)]);
  const qr = await fetch(`${srv.url}/api/meetings/${m.id}/signin-qr.svg`, { headers: { Cookie: shuji.cookie } });
  assert.equal(qr.status, 200);
  assert.equal(qr.headers.get("content-type"), "image/svg+xml");
  assert.match(await qr.text(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+".*<path fill="#000" d="M/);

  // The member sees the meeting and signs in: 出席, counted, the meeting held, audited.
  const seen = expectStatus(await dangyuan.request("GET", `/api/me/signin?token=${made.token}`), 200).json;
  assert.deepEqual([seen.topic, seen.expected, seen.my_status, seen.open], [m.topic, true, null, true]);
  const done = expectStatus(await dangyuan.request("POST", "/api/me/signin", { body: { token: ` ${made.token}` } }), 200).json;
  assert.deepEqual([done.my_status_label, done.already], ["出席", false]);
  assert.deepEqual(sql(srv.db, `SELECT status, signed_in_at IS NOT NULL FROM meeting_attendance WHERE meeting_id = ${m.id} AND person_id = ${dangyuanPerson}`), [["present", "1"]]);
  const after = expectStatus(await shuji.request("GET", `/api/meetings/${m.id}`), 200).json;
  assert.deepEqual([after.status, after.present_n], ["held", 1]);
  assert.deepEqual(lastAudit(), ["meeting.signin", String(m.id)]);
  // Twice: answered as done, nothing more written.
  const audits = Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]);
  assert.equal(expectStatus(await dangyuan.request("POST", "/api/me/signin", { body: { token: made.token } }), 200).json.already, true);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM audit")[0][0]), audits);

  // A new link: the old token is refused.
  const again = expectStatus(await shuji.request("POST", `/api/meetings/${m.id}/signin`), 200).json;
  assert.notEqual(again.token, made.token);
  let e = expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: made.token } }), 400, "invalid", "/token");
  assert.match(e.message, /签到码无效/);
  expectError(await dangyuan.request("GET", `/api/me/signin?token=${"0".repeat(32)}`), 400, "invalid", "/token");
  expectError(await dangyuan.request("POST", "/api/me/signin", { body: {} }), 400, "invalid", "/token");

  // 请假 recorded by the recorder stands: the member's sign-in does not overwrite it.
  const soon = await meeting(branch, 10, 70);
  expectStatus(await shuji.request("PUT", `/api/meetings/${soon.id}/attendance`, { body: [{ person_id: dangyuanPerson, status: "leave", reason: "外出" }] }), 200);
  const t2 = expectStatus(await shuji.request("POST", `/api/meetings/${soon.id}/signin`), 200).json.token;
  e = expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: t2 } }), 409, "conflict");
  assert.match(e.message, /请假/);
  assert.equal(sql(srv.db, `SELECT status FROM meeting_attendance WHERE meeting_id = ${soon.id} AND person_id = ${dangyuanPerson}`)[0][0], "leave");
});

test("sign-in is refused outside the window and for a member not expected, with nothing written", async () => {
  const token = async (m) => expectStatus(await shuji.request("POST", `/api/meetings/${m.id}/signin`), 200).json.token;
  const status = (m) => sql(srv.db, `SELECT COALESCE(status, '-') FROM meeting_attendance WHERE meeting_id = ${m.id} AND person_id = ${dangyuanPerson}`)[0][0];
  // Opens 30 minutes before the start.
  const later = await meeting(branch, 45, 90);
  assert.equal(expectStatus(await shuji.request("GET", `/api/meetings/${later.id}/signin`), 200).json.phase, "before");
  let e = expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: await token(later) } }), 409, "conflict");
  assert.match(e.message, /签到尚未开始/);
  assert.equal(status(later), "-");
  // Closes 60 minutes after the end (or the start, when no end is set).
  const past = await meeting(branch, -180, -70);
  assert.equal(expectStatus(await shuji.request("GET", `/api/meetings/${past.id}/signin`), 200).json.phase, "after");
  e = expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: await token(past) } }), 409, "conflict");
  assert.match(e.message, /签到已结束/);
  assert.equal(status(past), "-");
  const noEnd = await meeting(branch, -61);
  expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: await token(noEnd) } }), 409, "conflict");
  const justIn = await meeting(branch, -55);
  expectStatus(await dangyuan.request("POST", "/api/me/signin", { body: { token: await token(justIn) } }), 200);
  // Another branch's meeting: the member is not expected there.
  const body = { org_id: sibling, type: "theme_day", topic: "外支部会议", starts_at: cst(-5) };
  const admin = await login(srv, "admin");
  const foreign = expectStatus(await admin.request("POST", "/api/meetings", { body }), 201).json;
  const ft = expectStatus(await admin.request("POST", `/api/meetings/${foreign.id}/signin`), 200).json.token;
  const seen = expectStatus(await dangyuan.request("GET", `/api/me/signin?token=${ft}`), 200).json;
  assert.equal(seen.expected, false);
  e = expectError(await dangyuan.request("POST", "/api/me/signin", { body: { token: ft } }), 409, "conflict");
  assert.match(e.message, /不在这次会议的应到人员中/);
  assert.equal(Number(sql(srv.db, `SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ${foreign.id} AND person_id = ${dangyuanPerson}`)[0][0]), 0);
  // A 支委会 expects the committee only.
  const committee = await meeting(branch, -5, 30, "committee");
  const expectedHere = Number(sql(srv.db, `SELECT COUNT(*) FROM meeting_attendance WHERE meeting_id = ${committee.id} AND person_id = ${dangyuanPerson}`)[0][0]);
  const r = await dangyuan.request("POST", "/api/me/signin", { body: { token: await token(committee) } });
  assert.equal(r.status, expectedHere ? 200 : 409);
});
