// dev_doc.test.js: an applicant's documents (发展党员材料, issue 17) over the API: a PDF, PNG,
// JPEG and .docx kept and downloaded byte for byte under their own name, listed by kind with
// what the steps recorded call for; the 入党志愿书 number entered once; a program renamed .pdf,
// an empty file, a too-large file and a name with a direction override refused with nothing
// written; a future date refused; delete audited, refused once step 25 (材料归档) is recorded;
// another branch's secretary and a member get nothing; the applicant (a resident) sees the
// list of their own documents without the cadres' notes, and cannot download.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, expectStatus, expectError, unseal } = require("./lib/harness");
const { zip } = require("./lib/xlsx");

const MAX_BYTES = 64 * 1024;
let srv, shuji, shequ, jiedao, dangyuan, other, branch, sibling;
before(async () => {
  srv = await startServer({ demo: {}, env: { DANGJIAN_DEV_DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
  [shuji, shequ, jiedao, dangyuan] = await Promise.all(["shuji", "shequ", "jiedao", "dangyuan"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  [[sibling]] = sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND id <> ${branch} AND dissolved_on IS NULL ORDER BY id LIMIT 1`);
  const r = cli(["user", "add", "--db", srv.db, "--batch", "-", "--password", "Other-Passw0rd", "--keep-password"],
    { input: `othershuji branch_secretary ${Number(sibling)}\n` });
  assert.equal(r.status, 0, r.stderr);
  other = await login(srv, "othershuji", "Other-Passw0rd");
});
after(async () => { await srv.stop(); });

const one = (q) => sql(srv.db, q)[0][0];
const count = (q) => Number(one(q));
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", "latin1")]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const DOCX = zip({
  "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
});
const EXE = Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), Buffer.alloc(120, 1), Buffer.from("This program cannot be run in DOS mode")]);

// A fresh applicant of the branch (a demo ID number with a valid check digit), walked to `to`.
let seq = 301;
function demoId(birth) {
  const first = `990101${birth}${String((seq += 2) % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((t, d, i) => t + Number(d) * w[i], 0);
  return first + "10X98765432"[sum % 11];
}
const DATES = { 2: "2022-03-01", 3: "2022-03-10", 4: "2022-03-11", 5: "2022-03-12", 6: "2022-09-01", 7: "2023-03-10", 8: "2023-03-11",
  9: "2023-03-12", 10: "2023-03-13", 11: "2023-03-20", 12: "2023-03-21", 13: "2023-03-22", 14: "2023-03-23", 15: "2023-03-31",
  16: "2023-04-01", 17: "2023-04-02", 18: "2023-04-03", 19: "2023-04-04", 20: "2023-04-05", 21: "2023-10-01", 22: "2024-03-31",
  23: "2024-04-01", 24: "2024-04-02", 25: "2024-04-03" };
function vote(date, kind) {
  const [[id]] = sql(srv.db, `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, 'party_congress', '发展党员表决', '${date}', '${date} 09:00', 'held', 0, 0 FROM org WHERE id = ${branch};
    INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, expected_n, present_n, yes_n, result, closed_at, created_at)
      SELECT 1, MAX(id), '表决', '${kind}', 'secret', 9, 8, 7, 'passed', 1, 0 FROM meeting RETURNING id;`);
  return Number(id);
}
async function applicant(to = 1) {
  const body = { name: "材料测试人", gender: "男", birth_date: "1995-05-05", id_number: demoId("19950505"), org_id: branch, applied_on: "2022-01-10" };
  const id = expectStatus(await shuji.request("POST", "/api/dev/applicants", { body }), 201).json.id;
  const [c1, c2] = sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 2`).map((r) => Number(r[0]));
  for (let k = 2; k <= to; k++) {
    const s = { step: k, date: DATES[k] };
    if (k === 5) s.people = [{ member_id: c1 }];
    if (k === 9) s.people = [{ member_id: c1 }, { member_id: c2 }];
    if (k === 10) s.decision = "passed";
    if (k === 11) s.training_days = 3;
    if (k === 15) s.vote_id = vote(DATES[k], "admission");
    if (k === 23) { s.decision = "on_time"; s.vote_id = vote(DATES[k], "full_member"); }
    if (k === 17 || k === 24) s.decision = "approved";
    expectStatus(await ([13, 16, 17, 18, 24].includes(k) ? jiedao : shuji).request("POST", `/api/dev/applicants/${id}/steps`, { body: s }), 201);
  }
  return id;
}
function upload(client, id, buf, filename, q = {}) {
  const form = new FormData();
  form.append("file", new Blob([buf]), filename);
  const qs = new URLSearchParams({ kind: "application", date: "2022-01-10", ...q }).toString();
  return client.request("POST", `/api/dev/applicants/${id}/documents?${qs}`, { raw: form });
}
const docs = (id) => count(`SELECT COUNT(*) FROM dev_document WHERE applicant_id = ${id}`);
const lastAudit = () => sql(srv.db, "SELECT action, target_id FROM audit ORDER BY id DESC LIMIT 1")[0];

test("PDF, PNG, JPEG and .docx are kept, listed by kind and downloaded byte for byte under their own name", async () => {
  const id = await applicant(7);
  const files = [["入党申请书.pdf", PDF, "application", "pdf", "application/pdf", {}],
    ["考察记录.png", PNG, "review", "png", "image/png", { kind: "review", date: "2022-09-01", note: "上半年考察" }],
    ["思想汇报.jpg", JPEG, "report", "jpeg", "image/jpeg", { kind: "report", date: "2022-06-30" }],
    ["思想汇报（二）.docx", DOCX, "report", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", { kind: "report", date: "2022-12-31", step: "6" }]];
  for (const [name, buf, kind, fileKind, type, q] of files) {
    const d = expectStatus(await upload(shuji, id, buf, name, q), 201).json;
    assert.deepEqual([d.file_name, d.kind, d.file_kind, d.content_type, d.size], [name, kind, fileKind, type, buf.length]);
    assert.equal(d.step, { application: 1, review: 6, report: 6 }[kind], "the kind's own step when none is given");
    assert.deepEqual(lastAudit(), ["dev.document_add", String(id)]);
    const res = await fetch(`${srv.url}/api/dev/applicants/${id}/documents/${d.id}`, { headers: { Cookie: shuji.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), type);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const cd = res.headers.get("content-disposition");
    assert.ok(cd.startsWith("attachment; ") && cd.endsWith(`filename*=UTF-8''${encodeURIComponent(name)}`), cd);
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(buf), `${name}: the bytes come back unchanged`);
  }
  const list = expectStatus(await shuji.request("GET", `/api/dev/applicants/${id}/documents`), 200).json;
  assert.deepEqual(list.items.map((d) => [d.kind_label, d.date]),
    [["入党申请书", "2022-01-10"], ["思想汇报", "2022-06-30"], ["思想汇报", "2022-12-31"], ["考察记录", "2022-09-01"]]);
  assert.equal(list.items[3].note, "上半年考察");
  assert.equal(list.items[0].uploaded_by_name, shuji.session.user.display_name);
  // Reached step 7: the application and the 培养考察材料 are due; 政审材料 (step 10) not yet.
  const need = Object.fromEntries(list.needs.map((n) => [n.kind, n]));
  assert.deepEqual([need.application.due, need.application.have, need.report.have, need.review.have], [true, 1, 2, 1]);
  assert.deepEqual([need.polreview.due, need.polreview.have, need.polreview.before, need.polreview.before_name], [false, 0, 12, "支部委员会审查"]);
  assert.equal(list.volunteer_number, null);
  // A document is found only under its own applicant's path.
  const other2 = await applicant(1);
  expectError(await shuji.request("GET", `/api/dev/applicants/${other2}/documents/${list.items[0].id}`), 404, "not_found");
});

test("wrong type, empty, too large, a hidden character in the name, a future date: refused, nothing written", async () => {
  const id = await applicant(1);
  let e = expectError(await upload(shuji, id, EXE, "入党申请书.pdf"), 400, "invalid", "/file");
  assert.match(e.message, /PDF/);
  expectError(await upload(shuji, id, Buffer.from("<html><script>alert(1)</script></html>"), "a.pdf"), 400, "invalid", "/file");
  expectError(await upload(shuji, id, Buffer.alloc(0), "空.pdf"), 400, "invalid", "/file");
  e = expectError(await upload(shuji, id, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]), "大文件.pdf"), 413, "limit", "/file");
  assert.match(e.message, /材料不能超过/);
  e = expectError(await upload(shuji, id, PDF, "申请书\u202Efdp.exe"), 400, "invalid", "/file");
  assert.match(e.message, /文件名/);
  expectError(await upload(shuji, id, PDF, "a.pdf", { date: "2999-01-01" }), 400, "invalid", "/date");
  expectError(await upload(shuji, id, PDF, "a.pdf", { kind: "diploma" }), 400, "invalid", "/kind");
  expectError(await upload(shuji, id, PDF, "a.pdf", { number: "No.1" }), 400, "invalid", "/number");
  const res = await shuji.request("POST", `/api/dev/applicants/${id}/documents?kind=application&date=2022-01-10`, { body: { file: "x" } });
  assert.equal(res.status, 400);
  assert.equal(docs(id), 0);
});

test("the 入党志愿书 number is entered once; delete is audited and closed after 材料归档 (step 25)", async () => {
  const id = await applicant(14);
  const v = expectStatus(await upload(shuji, id, PDF, "入党志愿书.pdf", { kind: "volunteer", date: "2023-03-23", number: "No.0012345" }), 201).json;
  assert.equal(v.number, "No.0012345");
  let e = expectError(await upload(shuji, id, PDF, "志愿书扫描件.pdf", { kind: "volunteer", date: "2023-03-23", number: "No.999" }), 409, "conflict", "/number");
  assert.match(e.message, /No\.0012345/);
  expectStatus(await upload(shuji, id, PNG, "志愿书第2页.png", { kind: "volunteer", date: "2023-03-23" }), 201);
  let list = expectStatus(await shuji.request("GET", `/api/dev/applicants/${id}/documents`), 200).json;
  assert.equal(list.volunteer_number, "No.0012345");
  // Delete: the list comes back without it, audited with its digest.
  list = expectStatus(await shuji.request("DELETE", `/api/dev/applicants/${id}/documents/${list.items[1].id}`), 200).json;
  assert.equal(list.items.length, 1);
  assert.deepEqual(lastAudit(), ["dev.document_delete", String(id)]);
  // A document that is not there.
  expectError(await shuji.request("DELETE", `/api/dev/applicants/${id}/documents/999999`), 404, "not_found");
  // Archived: a case walked to step 25 keeps its documents as filed.
  const done = await applicant(24);
  const d = expectStatus(await upload(shuji, done, PDF, "转正申请书.pdf", { kind: "conversion", date: "2024-03-31" }), 201).json;
  expectStatus(await shuji.request("POST", `/api/dev/applicants/${done}/steps`, { body: { step: 25, date: DATES[25] } }), 201);
  e = expectError(await shuji.request("DELETE", `/api/dev/applicants/${done}/documents/${d.id}`), 409, "conflict");
  assert.match(e.message, /材料归档/);
  expectError(await upload(shuji, done, PDF, "补充.pdf", { kind: "other", date: "2024-04-03" }), 409, "conflict");
  assert.equal(docs(done), 1);
  // The archive list: what is on file per kind and what is missing.
  const arch = expectStatus(await shuji.request("GET", `/api/dev/applicants/${done}/documents`), 200).json.needs;
  assert.deepEqual(arch.filter((n) => n.archived && n.due && !n.have).map((n) => n.kind),
    ["application", "report", "review", "polreview", "training", "volunteer"]);
});

test("another branch's secretary and a member without dev.read get nothing", async () => {
  const id = await applicant(1);
  const d = expectStatus(await upload(shuji, id, PDF, "支部材料.pdf"), 201).json;
  const base = `/api/dev/applicants/${id}/documents`;
  for (const [method, path] of [["GET", base], ["GET", `${base}/${d.id}`], ["DELETE", `${base}/${d.id}`]]) {
    for (const who of [other, dangyuan]) {
      const res = await who.request(method, path);
      assert.ok([403, 404].includes(res.status), `${method} ${path} as ${who.username}: ${res.status}`);
      assert.ok(!res.text.includes("支部材料"), "the name does not leak");
    }
  }
  assert.ok([403, 404].includes((await upload(other, id, PDF, "外来.pdf")).status));
  assert.equal(docs(id), 1);
});

test("the applicant's own documents: kinds, dates and names, without the cadres' notes; no download", async () => {
  const jumin = await login(srv, "jumin");
  const [[sealedIdn, birth]] = sql(srv.db, "SELECT p.id_number, p.birth_date FROM person p JOIN user_account u ON u.person_id = p.id WHERE u.username = 'jumin'");
  const idn = unseal(sealedIdn);
  const community = shequ.session.grants[0].org_id;
  const gender = Number(idn[16]) % 2 ? "男" : "女";
  const id = expectStatus(await shequ.request("POST", "/api/dev/applicants", { body: { name: "居民申请人", gender, birth_date: birth, id_number: idn, org_id: community, applied_on: "2025-01-10" } }), 201).json.id;
  const form = new FormData();
  form.append("file", new Blob([PDF]), "我的入党申请书.pdf");
  expectStatus(await shequ.request("POST", `/api/dev/applicants/${id}/documents?kind=application&date=2025-01-10&note=${encodeURIComponent("字迹潦草，需重写")}`, { raw: form }), 201);
  const mine = expectStatus(await jumin.request("GET", "/api/me/dev/documents"), 200).json.items;
  assert.deepEqual(mine.map((d) => [d.applicant_id, d.kind_label, d.date, d.file_name]), [[id, "入党申请书", "2025-01-10", "我的入党申请书.pdf"]]);
  assert.equal(mine[0].note, undefined, "the cadres' note is not shown to the applicant");
  assert.equal(mine[0].uploaded_by_name, undefined);
  assert.ok(!JSON.stringify(mine).includes("潦草"));
  expectError(await jumin.request("GET", `/api/dev/applicants/${id}/documents/${mine[0].id}`), 403, "forbidden");
  // Someone else's list is empty.
  assert.deepEqual(expectStatus(await dangyuan.request("GET", "/api/me/dev/documents"), 200).json.items, []);
});

test("the demo has documents: generated PDFs with the 志愿书 numbers, some kinds missing", async () => {
  assert.ok(count("SELECT COUNT(*) FROM dev_document WHERE note IS NULL AND number IS NULL AND kind = 'application'") >= 10);
  assert.ok(count("SELECT COUNT(*) FROM dev_document WHERE number LIKE 'DEMO-%'") >= 3);
  const [[id, a]] = sql(srv.db, "SELECT id, applicant_id FROM dev_document ORDER BY id LIMIT 1");
  const res = await fetch(`${srv.url}/api/dev/applicants/${a}/documents/${id}`, { headers: { Cookie: jiedao.cookie } });
  assert.equal(res.status, 200);
  const pdf = Buffer.from(await res.arrayBuffer()).toString("latin1");
  assert.match(pdf, /^%PDF-1\.4\n[\s\S]*Demo document - fictional[\s\S]*%%EOF\n$/);
  const xref = Number(pdf.match(/startxref\n(\d+)/)[1]);
  assert.equal(pdf.slice(xref, xref + 4), "xref", "startxref points at the table");
});
