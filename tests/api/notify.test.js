// notify.test.js: messages to the resident who raised a demand (issue 20): 受理 and 办结 (with
// the request to evaluate) land in the inboxes of the resident's accounts (我的消息: unread
// count, mark read, nobody else's), and with consent go once to their phone through the sink
// (notify.file: one JSON line each, the phone sealed at rest); a demand without a phone or
// consent sends nothing by phone; the text names only the recipient's own demand; a sink that
// cannot be written leaves the message unsent with its error while the step itself succeeds.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { startServer, login, sql, tmpdir, expectStatus, expectError } = require("./lib/harness");

let srv, shequ, jumin, outbox, gridId;
before(async () => {
  outbox = path.join(tmpdir(), "outbox.jsonl");
  srv = await startServer({ demo: {}, env: { DANGJIAN_NOTIFY_FILE: outbox } });
  [shequ, jumin] = await Promise.all(["shequ", "jumin"].map((u) => login(srv, u)));
  const community = shequ.session.grants[0].org_id;
  gridId = Number(sql(srv.db, `SELECT MIN(id) FROM grid WHERE org_id = ${community}`)[0][0]);
});
after(async () => { await srv.stop(); });

const lines = () => (fs.existsSync(outbox) ? fs.readFileSync(outbox, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse) : []);
const act = async (who, id, body) => expectStatus(await who.request("POST", `/api/demands/${id}/actions`, { body }), 200);
const inbox = async (who) => expectStatus(await who.request("GET", "/api/me/notifications"), 200).json;
const ACCEPTED = /^您反映的诉求（编号 SQ\d{8}-\d{5}，[^，）]+）已受理，社区将按时限办理，可在“我的诉求”查看进度。$/;
const RESOLVED = /^您反映的诉求（编号 SQ\d{8}-\d{5}，[^，）]+）已办结。请在“我的诉求”中评价办理结果，社区也会回访听取您的意见。$/;

test("a resident's own demand: 受理 and 办结 in their inbox and once by phone; read marks; nobody else's", async () => {
  const before = (await inbox(jumin)).total;
  const d = expectStatus(await jumin.request("POST", "/api/me/demands", {
    body: { category: "environment", description: "楼下垃圾桶满了没人清运", reporter_phone: "13900002222" } }), 201).json;
  assert.equal((await inbox(jumin)).total, before, "taking it in sends nothing");
  await act(shequ, d.id, { action: "accept" });
  let box = await inbox(jumin);
  assert.equal(box.total, before + 1);
  assert.equal(box.unread, box.items.filter((m) => !m.read_at).length);
  const acc = box.items[0];
  assert.equal(acc.kind, "demand.accepted");
  assert.equal(acc.ref_type, "demand");
  assert.equal(acc.ref_id, d.id);
  assert.match(acc.body, ACCEPTED);
  assert.ok(acc.body.includes(d.number) && acc.body.includes("环境卫生"));
  // By phone, once: one line to the resident's phone with the same text.
  let sent = lines().filter((l) => l.text.includes(d.number));
  assert.equal(sent.length, 1);
  assert.equal(sent[0].to, "13900002222");
  assert.equal(sent[0].text, acc.body);
  // The phone is sealed at rest; the row is marked sent.
  const [phone, sentAt] = sql(srv.db, `SELECT phone, sent_at FROM notification WHERE ref_id = ${d.id} AND kind = 'demand.accepted'`)[0];
  assert.match(phone, /^s1:/);
  assert.ok(Number(sentAt) > 0);
  // 办结 with the request to evaluate; the 回访 itself sends nothing more.
  await act(shequ, d.id, { action: "close", note: "已联系环卫清运" });
  box = await inbox(jumin);
  assert.equal(box.total, before + 2);
  assert.equal(box.items[0].kind, "demand.resolved");
  assert.match(box.items[0].body, RESOLVED);
  sent = lines().filter((l) => l.text.includes(d.number));
  assert.equal(sent.length, 2);
  assert.equal(new Set(sent.map((l) => l.id)).size, 2, "no message written twice");
  // Nothing of the resident reaches anyone else's inbox.
  assert.ok(!JSON.stringify(await inbox(shequ)).includes(d.number));
  // Marking read: one, then all; another account's message id is not touched.
  expectStatus(await jumin.request("POST", "/api/me/notifications/read", { body: { id: box.items[0].id } }), 200);
  box = await inbox(jumin);
  assert.ok(box.items[0].read_at);
  assert.equal(box.unread, box.items.filter((m) => !m.read_at).length);
  expectStatus(await shequ.request("POST", "/api/me/notifications/read", { body: { id: box.items[1].id } }), 200);
  assert.equal((await inbox(jumin)).items[1].read_at, null);
  expectStatus(await jumin.request("POST", "/api/me/notifications/read", { body: {} }), 200);
  assert.equal((await inbox(jumin)).unread, 0);
  expectError(await jumin.request("POST", "/api/me/notifications/read", { body: { id: "x" } }), 400, "invalid", "/id");
});

test("staff intake: by phone only with consent; no phone, no message", async () => {
  const withPhone = expectStatus(await shequ.request("POST", "/api/demands", { body: { grid_id: gridId, category: "safety",
    description: "楼道消防栓箱门损坏", reporter_name: "赵大伯", reporter_phone: "13700003333", consent: true, consent_note: "电话中同意" } }), 201).json;
  const noPhone = expectStatus(await shequ.request("POST", "/api/demands", { body: { grid_id: gridId, category: "safety",
    description: "楼顶防雷设施松动" } }), 201).json;
  await act(shequ, withPhone.id, { action: "accept" });
  await act(shequ, noPhone.id, { action: "accept" });
  const sent = lines().filter((l) => l.text.includes(withPhone.number));
  assert.equal(sent.length, 1);
  assert.equal(sent[0].to, "13700003333");
  assert.match(sent[0].text, ACCEPTED);
  assert.ok(!sent[0].text.includes("赵大伯"), "the text names the demand, not the person");
  assert.equal(Number(sql(srv.db, `SELECT COUNT(*) FROM notification WHERE ref_id = ${noPhone.id}`)[0][0]), 0);
  assert.equal(lines().filter((l) => l.text.includes(noPhone.number)).length, 0);
});

test("a sink that cannot be written: the step succeeds, the message waits with its error", async () => {
  const broken = await startServer({ demo: {}, env: { DANGJIAN_NOTIFY_FILE: "/nonexistent-dir/outbox.jsonl" } });
  try {
    const cadre = await login(broken, "shequ");
    const grid = Number(sql(broken.db, `SELECT MIN(id) FROM grid WHERE org_id = ${cadre.session.grants[0].org_id}`)[0][0]);
    const d = expectStatus(await cadre.request("POST", "/api/demands", { body: { grid_id: grid, category: "other",
      description: "建议增设休息座椅", reporter_phone: "13600004444", consent: true, consent_note: "当面同意" } }), 201).json;
    expectStatus(await cadre.request("POST", `/api/demands/${d.id}/actions`, { body: { action: "accept" } }), 200);
    const [sentAt, attempts, error] = sql(broken.db, `SELECT sent_at, attempts, last_error FROM notification WHERE ref_id = ${d.id}`)[0];
    assert.equal(sentAt, "");
    assert.equal(attempts, "1");
    assert.match(error, /写入通知文件失败/);
  } finally {
    await broken.stop();
  }
});
