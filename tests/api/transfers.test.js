// transfers.test.js: transfers of organization relations inside the system (组织关系转接,
// issue 18) over the API on the demo street: the demo's queues (out and in, a pending one past
// its XFER-ONLINE-LIMIT deadline), a transfer created by the sending branch with its deadline
// and accepted by the receiving org (the member moves only then, with the roster's history,
// in one transaction), one returned with a reason (the member stays), a 预备党员 accepted with
// the DEV-TRANSFER-IN note, every bad input of the issue refused with its field path and
// nothing written, and scope (a branch secretary sees nothing of other branches' transfers).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");
const { demoId } = require("./lib/xlsx");

let srv, jiedao, shuji, shequ, branch, community, other, group;
before(async () => {
  srv = await startServer({ demo: {} });
  [jiedao, shuji, shequ] = await Promise.all(["jiedao", "shuji", "shequ"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  community = shequ.session.grants[0].org_id;
  const cpath = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  // A branch of the street outside the demo community: the demo logins below it hold nothing.
  other = Number(sql(srv.db, `SELECT id FROM org WHERE type = 'branch' AND dissolved_on IS NULL AND path NOT LIKE '${cpath}%' ORDER BY id DESC LIMIT 1`)[0][0]);
  group = Number(sql(srv.db, `SELECT id FROM org WHERE type = 'group' AND parent_id = ${branch} LIMIT 1`)[0][0]);
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
const orgOf = (member) => Number(sql(srv.db, `SELECT org_id FROM member WHERE id = ${member}`)[0][0]);
const writes = () => [count("SELECT COUNT(*) FROM xfer"), count("SELECT COUNT(*) FROM audit"), count("SELECT COUNT(*) FROM member_event"),
  sql(srv.db, "SELECT group_concat(status, ',') FROM (SELECT status FROM xfer ORDER BY id) s")[0][0]];
function plusDays(d, n) {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
// Calendar-month addition, the day clamped to the month's last (RULES.md §13).
function plusMonths(d, n) {
  const [y, m, day] = d.split("-").map(Number);
  const i = y * 12 + (m - 1) + n;
  const yy = Math.floor(i / 12), mm = (i % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}
let seq = 200;
async function newMember(name, extra = {}) {
  const id = demoId("19850312", String(++seq), "990105");
  return expectStatus(await shuji.request("POST", "/api/members", { body: { name, id_number: id, org_id: branch, status: "full", joined_on: "2015-07-01", full_member_on: "2016-07-01", ...extra } }), 201).json.id;
}

test("the demo's queues: out of the branch past its deadline, into it pending, every state on the street", async () => {
  const out = expectStatus(await shuji.request("GET", "/api/transfers?box=out"), 200).json;
  assert.equal(out.total, 1);
  const late = out.items[0];
  assert.equal(late.status, "pending");
  assert.equal(late.status_label, "待接收");
  assert.equal(late.from_org_id, branch);
  assert.equal(late.overdue, true);
  assert.ok(late.due_on < today(), `${late.due_on} is before today`);
  assert.equal(late.due_on, plusDays(late.sent_on, 30));
  assert.equal(late.findings[0].rule, "XFER-ONLINE-LIMIT");
  // The member is still on the sending branch's roll (XFER-PENDING).
  assert.equal(orgOf(late.member_id), branch);
  const inbox = expectStatus(await shuji.request("GET", "/api/transfers?box=in"), 200).json;
  assert.equal(inbox.total, 1);
  assert.equal(inbox.items[0].to_org_id, branch);
  assert.equal(inbox.items[0].overdue, false);
  const all = expectStatus(await jiedao.request("GET", "/api/transfers"), 200).json;
  assert.deepEqual([...new Set(all.items.map((t) => t.status))].sort(), ["accepted", "pending", "returned"]);
  assert.equal(all.items[0].status, "pending", "pending first");
  const returned = all.items.find((t) => t.status === "returned");
  assert.ok(returned.reason.length > 2);
  const accepted = all.items.find((t) => t.status === "accepted");
  assert.equal(orgOf(accepted.member_id), accepted.to_org_id);
  assert.equal(count(`SELECT COUNT(*) FROM member_event WHERE member_id = ${accepted.member_id} AND kind = 'org' AND note = '组织关系转接（编号${accepted.id}）'`), 1);
  // Filters.
  const ret = expectStatus(await jiedao.request("GET", "/api/transfers?status=returned"), 200).json;
  assert.ok(ret.total >= 1 && ret.items.every((t) => t.status === "returned"));
  expectError(await jiedao.request("GET", "/api/transfers?box=sideways"), 400, "invalid", "/box");
});

test("a transfer accepted: created with its deadline, the member moves only on accept, with history", async () => {
  const m = await newMember("转接甲");
  const created = expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: other, note: "工作调动" } }), 201).json;
  assert.equal(created.status, "pending");
  assert.equal(created.due_on, plusDays(today(), 30));
  assert.equal(orgOf(m), branch, "nothing moves before acceptance");
  const t = expectStatus(await shuji.request("GET", `/api/transfers/${created.id}`), 200).json;
  assert.equal(t.member_name, "转接甲");
  assert.equal(t.to_org_id, other);
  assert.equal(t.note, "工作调动");
  assert.equal(t.findings[0].message, `接收党组织应在${created.due_on}前接收或退回（30天）`);
  // The sending branch cannot accept for the receiver.
  const w = writes();
  expectError(await shuji.request("POST", `/api/transfers/${created.id}/accept`), 400, "invalid", "/to_org_id");
  expectError(await shuji.request("POST", `/api/transfers/${created.id}/return`, { body: { reason: "不接收" } }), 400, "invalid", "/to_org_id");
  assert.deepEqual(writes(), w);
  const ok = expectStatus(await jiedao.request("POST", `/api/transfers/${created.id}/accept`), 200).json;
  assert.equal(ok.status, "accepted");
  assert.equal(orgOf(m), other);
  const ev = sql(srv.db, `SELECT old_value, new_value, effective_on, note FROM member_event WHERE member_id = ${m} AND kind = 'org'`);
  const [own, to] = [branch, other].map((o) => sql(srv.db, `SELECT name FROM org WHERE id = ${o}`)[0][0]);
  assert.deepEqual(ev, [[String(branch), String(other), today(), `组织关系转接（编号${created.id}）：由${own}转入${to}`]]);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.accept' AND target_id = ${created.id}`), 1);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.create' AND target_id = ${created.id}`), 1);
  const after = expectStatus(await jiedao.request("GET", `/api/transfers/${created.id}`), 200).json;
  assert.equal(after.decided_on, today());
  assert.equal(after.status_label, "已接收");
  // Settled: neither accepted nor returned again; the branch no longer sees it at all.
  expectError(await jiedao.request("POST", `/api/transfers/${created.id}/accept`), 409, "conflict", "/status");
  expectError(await jiedao.request("POST", `/api/transfers/${created.id}/return`, { body: { reason: "重复" } }), 409, "conflict", "/status");
  const mine = expectStatus(await shuji.request("GET", "/api/transfers?box=out&status=accepted"), 200).json;
  assert.equal(mine.items.find((x) => x.id === created.id).member_id, m, "the out queue keeps the history");
});

test("a transfer returned with its reason: the member stays", async () => {
  const m = await newMember("转接乙");
  const { id } = expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: other } }), 201).json;
  expectError(await jiedao.request("POST", `/api/transfers/${id}/return`, { body: { reason: " " } }), 400, "invalid", "/reason");
  expectError(await jiedao.request("POST", `/api/transfers/${id}/return`, { body: {} }), 400, "invalid", "/reason");
  const r = expectStatus(await jiedao.request("POST", `/api/transfers/${id}/return`, { body: { reason: "接收党组织不符，请重新选择" } }), 200).json;
  assert.equal(r.status, "returned");
  assert.equal(orgOf(m), branch);
  assert.equal(count(`SELECT COUNT(*) FROM member_event WHERE member_id = ${m} AND kind = 'org'`), 0);
  const t = expectStatus(await shuji.request("GET", `/api/transfers/${id}`), 200).json;
  assert.equal(t.reason, "接收党组织不符，请重新选择");
  assert.equal(t.status_label, "已退回");
  expectError(await jiedao.request("POST", `/api/transfers/${id}/accept`), 409, "conflict", "/status");
  // Returned, the member may be sent again.
  expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: community } }), 201);
});

test("a 预备党员 accepted gets DEV-TRANSFER-IN: 转正 discussion at most 6 months late, still dated from the 预备期 end", async () => {
  const joined = plusDays(today(), -200);
  const m = await newMember("转接丙", { status: "probationary", joined_on: joined, full_member_on: undefined });
  const ends = plusMonths(joined, 12);
  const latest = plusMonths(ends, 6);
  const { id } = expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: other } }), 201).json;
  const ok = expectStatus(await jiedao.request("POST", `/api/transfers/${id}/accept`), 200).json;
  const f = ok.findings.find((x) => x.rule === "DEV-TRANSFER-IN");
  assert.ok(f, JSON.stringify(ok.findings));
  assert.equal(f.version, "xize-2014");
  assert.equal(f.severity, "warn");
  assert.equal(f.message, `预备党员转入：预备期${ends}满，转正讨论可推迟，但不晚于${latest}（6个月）；转正时间仍自${ends}算起`);
  assert.equal(sql(srv.db, `SELECT status FROM member WHERE id = ${m}`)[0][0], "probationary");
  assert.equal(orgOf(m), other);
  const t = expectStatus(await jiedao.request("GET", `/api/transfers/${id}`), 200).json;
  assert.equal(t.member_status_label, "预备党员");
  assert.deepEqual(t.findings.map((x) => x.rule), ["XFER-ONLINE-LIMIT", "DEV-TRANSFER-IN"]);
});

test("bad input: each refused with a zh-CN message and its field, nothing written", async () => {
  const m = await newMember("转接丁");
  let w = writes();
  const same = expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: branch } }), 400, "invalid", "/to_org_id");
  assert.match(same.message, /组织关系已在/);
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: group } }), 400, "invalid", "/to_org_id");
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: 99999999 } }), 400, "invalid", "/to_org_id");
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m } }), 400, "invalid", "/to_org_id");
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: "x" } }), 400, "invalid", "/to_org_id");
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: 99999999, to_org_id: other } }), 404, "not_found");
  assert.deepEqual(writes(), w);
  // A second open transfer for the same member.
  expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: other } }), 201);
  w = writes();
  const twice = expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: community } }), 409, "conflict", "/member_id");
  assert.match(twice.message, /待接收/);
  assert.deepEqual(writes(), w);
  // A member no longer current cannot be transferred.
  const gone = await newMember("转接戊");
  sql(srv.db, `UPDATE member SET status = 'deceased' WHERE id = ${gone}`);
  w = writes();
  expectError(await shuji.request("POST", "/api/transfers", { body: { member_id: gone, to_org_id: other } }), 400, "invalid", "/member_id");
  assert.deepEqual(writes(), w);
  // Unknown transfer.
  expectError(await jiedao.request("POST", "/api/transfers/99999999/accept"), 404, "not_found");
});

test("a transfer whose member moved meanwhile is not accepted (returned instead), nothing written", async () => {
  const m = await newMember("转接己");
  const { id } = expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: m, to_org_id: other } }), 201).json;
  sql(srv.db, `UPDATE member SET org_id = ${community}, org_path = (SELECT path FROM org WHERE id = ${community}) WHERE id = ${m}`);
  const w = writes();
  expectError(await jiedao.request("POST", `/api/transfers/${id}/accept`), 409, "conflict", "/member_id");
  assert.deepEqual(writes(), w);
  assert.equal(orgOf(m), community);
});

test("scope: a branch secretary sees only transfers touching the branch; others' read as missing", async () => {
  const all = expectStatus(await jiedao.request("GET", "/api/transfers?size=200"), 200).json.items;
  const foreign = all.find((t) => t.from_org_id !== branch && t.to_org_id !== branch && t.status === "pending");
  assert.ok(foreign);
  expectError(await shuji.request("GET", `/api/transfers/${foreign.id}`), 404, "not_found");
  expectError(await shuji.request("POST", `/api/transfers/${foreign.id}/accept`), 404, "not_found");
  const mine = expectStatus(await shuji.request("GET", "/api/transfers?size=200"), 200).json.items;
  assert.ok(mine.length > 0 && mine.every((t) => t.from_org_id === branch || t.to_org_id === branch));
  expectError(await srv.request("GET", "/api/transfers"), 401, "unauthenticated");
  const dangyuan = await login(srv, "dangyuan");
  expectError(await dangyuan.request("GET", "/api/transfers"), 403, "forbidden");
});

test("receivers: any org of the tree by name (XFER-DIRECT), never a 党小组 or a dissolved org", async () => {
  const name = sql(srv.db, `SELECT name FROM org WHERE id = ${other}`)[0][0];
  const r = expectStatus(await shuji.request("GET", `/api/transfers/receivers?q=${encodeURIComponent(name.slice(-8))}`), 200).json;
  assert.ok(r.items.some((o) => o.id === other), "an org outside the caller's scope is offered");
  const all = expectStatus(await shuji.request("GET", "/api/transfers/receivers?q="), 200).json.items;
  assert.equal(all.length, 20);
  const types = sql(srv.db, `SELECT type, COALESCE(dissolved_on, '') FROM org WHERE id IN (${all.map((o) => o.id).join(",")})`);
  assert.ok(types.every(([t, d]) => t !== "group" && d === ""));
  const groupName = sql(srv.db, `SELECT name FROM org WHERE id = ${group}`)[0][0];
  assert.ok(!expectStatus(await shuji.request("GET", `/api/transfers/receivers?q=${encodeURIComponent(groupName)}`), 200).json.items.some((o) => o.id === group));
  const dangyuan = await login(srv, "dangyuan");
  expectError(await dangyuan.request("GET", "/api/transfers/receivers?q=x"), 403, "forbidden");
});

const monthNow = () => today().slice(0, 7);
const wide = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

test("口袋党员: the demo letter past its validity without a receipt, listed from the branch up; gone once receipted", async () => {
  for (const who of [shuji, shequ, jiedao]) {
    const p = expectStatus(await who.request("GET", "/api/transfers/pocket"), 200).json;
    assert.equal(p.items.length, 1);
    const [it] = p.items;
    assert.equal(it.reason, "letter_expired");
    assert.equal(it.reason_label, "介绍信逾期未回执");
    const [until, name] = sql(srv.db, `SELECT l.valid_until, p.name FROM xfer_letter l JOIN member m ON m.id = l.member_id JOIN person p ON p.id = m.person_id WHERE l.id = ${it.letter_id}`)[0];
    assert.equal(it.since, plusDays(until, 1));
    assert.equal(it.name, name);
    assert.ok(until < today());
  }
  const letter = expectStatus(await shuji.request("GET", "/api/transfers/pocket"), 200).json.items[0].letter_id;
  const l = expectStatus(await shuji.request("GET", `/api/transfer-letters/${letter}`), 200).json;
  assert.equal(l.expired, true);
  const expired = expectStatus(await shuji.request("GET", "/api/transfer-letters?status=expired"), 200).json;
  assert.deepEqual(expired.items.map((x) => x.id), [letter]);
  expectStatus(await shuji.request("POST", `/api/transfer-letters/${letter}/receipt`, { body: { received_on: today(), note: "回执迟到" } }), 200);
  assert.equal(expectStatus(await shuji.request("GET", "/api/transfers/pocket"), 200).json.items.length, 0);
});

test("an introduction letter: numbered per issuing org and year, valid by XFER-VALID, printed and receipted once", async () => {
  const m = await newMember("介绍信甲");
  const year = today().slice(0, 4);
  const before = count(`SELECT COUNT(*) FROM xfer_letter WHERE org_id = ${branch} AND year = ${year}`);
  const created = expectStatus(await shuji.request("POST", "/api/transfer-letters", { body: { member_id: m, to_org_name: " 中共青溪县临河镇委员会 ", dues_paid_to: wide(monthNow()) } }), 201).json;
  assert.equal(created.number, `${year}-${String(before + 1).padStart(3, "0")}`);
  assert.equal(created.valid_until, plusMonths(today(), 3));
  const l = expectStatus(await shuji.request("GET", `/api/transfer-letters/${created.id}`), 200).json;
  assert.equal(l.to_org_name, "中共青溪县临河镇委员会");
  assert.equal(l.dues_paid_to, monthNow());
  assert.equal(l.valid_rule, "XFER-VALID jiaoyu-2019");
  assert.equal(l.name, "介绍信甲");
  assert.match(l.id_number, /^\d{6}\*+\d{3}[\dX]$/, "masked as the roster masks it");
  assert.equal(l.age, Number(today().slice(0, 4)) - 1985 - (today().slice(5) < "03-12" ? 1 : 0));
  assert.equal(l.received_on, null);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.letter' AND target_id = ${created.id}`), 1);
  // The next letter of the org takes the next number.
  const m2 = await newMember("介绍信乙");
  const second = expectStatus(await shuji.request("POST", "/api/transfer-letters", { body: { member_id: m2, to_org_name: "中共江川县城关镇委员会", dues_paid_to: monthNow() } }), 201).json;
  assert.equal(second.number, `${year}-${String(before + 2).padStart(3, "0")}`);
  // Printed copies are counted.
  assert.equal(expectStatus(await shuji.request("POST", `/api/transfer-letters/${created.id}/printed`), 200).json.print_count, 1);
  assert.equal(expectStatus(await shuji.request("POST", `/api/transfer-letters/${created.id}/printed`), 200).json.print_count, 2);
  // The receipt: not before the letter, not in the future, then once only.
  expectError(await shuji.request("POST", `/api/transfer-letters/${created.id}/receipt`, { body: { received_on: plusDays(today(), -1) } }), 400, "invalid", "/received_on");
  expectError(await shuji.request("POST", `/api/transfer-letters/${created.id}/receipt`, { body: { received_on: plusDays(today(), 1) } }), 400, "invalid", "/received_on");
  const r = expectStatus(await shuji.request("POST", `/api/transfer-letters/${created.id}/receipt`, { body: { note: "回执已附存根" } }), 200).json;
  assert.equal(r.received_on, today());
  assert.equal(r.receipt_note, "回执已附存根");
  const w = writes();
  const again = expectError(await shuji.request("POST", `/api/transfer-letters/${created.id}/receipt`, { body: {} }), 409, "conflict", "/received_on");
  assert.match(again.message, /已于.*登记/);
  assert.deepEqual(writes(), w);
  const received = expectStatus(await shuji.request("GET", "/api/transfer-letters?status=received"), 200).json.items;
  assert.ok(received.some((x) => x.id === created.id));
});

test("letters: bad input refused with its field, nothing written", async () => {
  const m = await newMember("介绍信丙");
  const n0 = count("SELECT COUNT(*) FROM xfer_letter");
  const body = { member_id: m, to_org_name: "中共青溪县临河镇委员会", dues_paid_to: monthNow() };
  const next = plusMonths(today(), 1).slice(0, 7);
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, dues_paid_to: next } }), 400, "invalid", "/dues_paid_to");
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, dues_paid_to: "2026-13" } }), 400, "invalid", "/dues_paid_to");
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, to_org_name: " " } }), 400, "invalid", "/to_org_name");
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, issued_on: plusDays(today(), 1) } }), 400, "invalid", "/issued_on");
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, org_id: group } }), 400, "invalid", "/org_id");
  assert.equal(count("SELECT COUNT(*) FROM xfer_letter"), n0);
  expectStatus(await shuji.request("POST", "/api/transfer-letters", { body }), 201);
  expectError(await shuji.request("POST", "/api/transfer-letters", { body }), 409, "conflict", "/member_id");
  // A member with an in-system transfer pending gets no letter.
  const t = await newMember("介绍信丁");
  expectStatus(await shuji.request("POST", "/api/transfers", { body: { member_id: t, to_org_id: other } }), 201);
  expectError(await shuji.request("POST", "/api/transfer-letters", { body: { ...body, member_id: t } }), 409, "conflict", "/member_id");
  assert.equal(count("SELECT COUNT(*) FROM xfer_letter"), n0 + 1);
  // A letter issued by the community (above the branch) is the community's, numbered there.
  const c = expectStatus(await shequ.request("POST", "/api/transfer-letters", { body: { ...body, member_id: await newMember("介绍信戊"), org_id: community } }), 201).json;
  assert.equal(Number(sql(srv.db, `SELECT org_id FROM xfer_letter WHERE id = ${c.id}`)[0][0]), community);
  // Scope: another branch's letter reads as missing.
  const foreign = Number(sql(srv.db, `SELECT id FROM xfer_letter WHERE org_id <> ${branch} AND org_id <> ${community} LIMIT 1`)[0][0]);
  expectError(await shuji.request("GET", `/api/transfer-letters/${foreign}`), 404, "not_found");
  expectError(await shuji.request("POST", `/api/transfer-letters/${foreign}/receipt`, { body: {} }), 404, "not_found");
});

test("流动党员: the demo's flows, an outflow with its 活动证 and meetings at the destination, an inflow, the return", async () => {
  const demo = expectStatus(await shuji.request("GET", "/api/flows"), 200).json.items;
  const out = demo.find((f) => f.direction === "out" && f.home_org_id === branch);
  assert.ok(out && out.card_no && out.meetings >= 3, JSON.stringify(out));
  assert.equal(out.direction_label, "外出（流出）");
  const inflow = demo.find((f) => f.direction === "in" && f.org_id === branch);
  assert.ok(inflow && inflow.home_org_id !== branch);
  assert.equal(inflow.findings[0].rule, "FLOW-DEF", "the demo's 8-month inflow is flagged as a live one would be");
  const one = expectStatus(await shuji.request("GET", `/api/flows/${out.id}`), 200).json;
  assert.equal(one.meeting_records.length, out.meetings);
  assert.ok(one.meeting_records.every((m) => m.met_on >= out.starts_on && m.dest_org_name === out.dest_org_name));

  const m = await newMember("流动甲");
  const starts = plusDays(today(), -10);
  const f = expectStatus(await shuji.request("POST", "/api/flows", { body: { member_id: m, direction: "out", place: "云岭市南湖区", reason: "务工",
    contact: "微信 liudongjia", dest_org_name: "中共云岭市南湖区滨江街道工作委员会", starts_on: starts, ends_on: plusMonths(starts, 4),
    card_no: "宁流证〔2026〕901号", card_valid_until: plusMonths(starts, 4) } }), 201).json;
  assert.deepEqual(f.findings, []);
  // Meetings at the destination, entered by the home branch; one outside the period refused.
  expectStatus(await shuji.request("POST", `/api/flows/${f.id}/meetings`, { body: { met_on: plusDays(today(), -3), topic: "主题党日：学习贯彻" } }), 201);
  expectError(await shuji.request("POST", `/api/flows/${f.id}/meetings`, { body: { met_on: plusDays(starts, -1), topic: "支部党员大会" } }), 400, "invalid", "/met_on");
  expectError(await shuji.request("POST", `/api/flows/${f.id}/meetings`, { body: { met_on: plusDays(today(), 1), topic: "支部党员大会" } }), 400, "invalid", "/met_on");
  const got = expectStatus(await shuji.request("GET", `/api/flows/${f.id}`), 200).json;
  assert.equal(got.meeting_records.length, 1);
  assert.equal(got.card_no, "宁流证〔2026〕901号");
  assert.equal(got.card_expired, false);
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.flow' AND target_id = ${f.id}`), 1);
  // A second open flow of the same member.
  expectError(await shuji.request("POST", "/api/flows", { body: { member_id: m, direction: "out", place: "江川县", reason: "务工", dest_org_name: "中共江川县委员会", starts_on: today() } }), 409, "conflict", "/member_id");
  // The return, once.
  expectError(await shuji.request("POST", `/api/flows/${f.id}/return`, { body: { returned_on: plusDays(starts, -1) } }), 400, "invalid", "/returned_on");
  assert.equal(expectStatus(await shuji.request("POST", `/api/flows/${f.id}/return`, { body: {} }), 200).json.returned_on, today());
  expectError(await shuji.request("POST", `/api/flows/${f.id}/return`, { body: {} }), 409, "conflict", "/returned_on");
  // A long absence is flagged: the relation should move (FLOW-DEF, XFER-WHEN).
  const long = expectStatus(await shuji.request("POST", "/api/flows", { body: { member_id: m, direction: "out", place: "江川县", reason: "长期务工", dest_org_name: "中共江川县委员会", starts_on: today(), ends_on: plusMonths(today(), 7) } }), 201).json;
  assert.equal(long.findings[0].rule, "FLOW-DEF");
  assert.match(long.findings[0].message, /应转接正式组织关系/);
  // An inflow registered by the 流入地 (the branch) for a member of another org.
  const guest = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${other} AND status = 'full' AND id NOT IN (SELECT member_id FROM xfer_flow) ORDER BY id LIMIT 1`)[0][0]);
  const inf = expectStatus(await shuji.request("POST", "/api/flows", { body: { member_id: guest, direction: "in", org_id: branch, place: "本社区", reason: "随子女居住", starts_on: plusDays(today(), -30) } }), 201).json;
  const row = sql(srv.db, `SELECT org_id, home_org_id FROM xfer_flow WHERE id = ${inf.id}`)[0].map(Number);
  assert.deepEqual(row, [branch, other]);
  assert.equal(expectStatus(await shuji.request("GET", `/api/flows/${inf.id}`), 200).json.home_org_id, other);
});

test("流动党员: bad input refused with its field, nothing written", async () => {
  const m = await newMember("流动乙");
  const n0 = count("SELECT COUNT(*) FROM xfer_flow");
  const body = { member_id: m, direction: "out", place: "云岭市", reason: "务工", dest_org_name: "中共云岭市委员会", starts_on: today() };
  const bad = expectError(await shuji.request("POST", "/api/flows", { body: { ...body, ends_on: plusDays(today(), -1) } }), 400, "invalid", "/ends_on");
  assert.match(bad.message, /不能早于外出日期/);
  expectError(await shuji.request("POST", "/api/flows", { body: { ...body, dest_org_name: "" } }), 400, "invalid", "/dest_org_name");
  expectError(await shuji.request("POST", "/api/flows", { body: { ...body, card_no: "宁流证1号" } }), 400, "invalid", "/card_valid_until");
  expectError(await shuji.request("POST", "/api/flows", { body: { ...body, card_no: "宁流证1号", card_valid_until: plusDays(today(), -1) } }), 400, "invalid", "/card_valid_until");
  expectError(await shuji.request("POST", "/api/flows", { body: { ...body, direction: "in", org_id: branch } }), 400, "invalid", "/org_id");
  expectError(await shuji.request("POST", "/api/flows", { body: { ...body, direction: "sideways" } }), 400, "invalid", "/direction");
  assert.equal(count("SELECT COUNT(*) FROM xfer_flow"), n0);
  // Scope: a flow of another branch reads as missing.
  const foreign = Number(sql(srv.db, `SELECT id FROM xfer_flow WHERE org_id <> ${branch} AND home_org_id <> ${branch} LIMIT 1`)[0][0]);
  expectError(await shuji.request("GET", `/api/flows/${foreign}`), 404, "not_found");
  expectError(await shuji.request("POST", `/api/flows/${foreign}/meetings`, { body: { met_on: today(), topic: "主题党日" } }), 404, "not_found");
});

test("流动党员: the meetings at the destination of a period, for the member's 民主评议 (by person, as the round keys its subjects)", async () => {
  const out = expectStatus(await shuji.request("GET", "/api/flows"), 200).json.items.find((f) => f.direction === "out" && f.home_org_id === branch && f.meetings >= 3);
  const person = Number(sql(srv.db, `SELECT person_id FROM member WHERE id = ${out.member_id}`)[0][0]);
  const all = expectStatus(await shuji.request("GET", `/api/flows/records?person=${person}&from=2000-01-01&to=${today()}`), 200).json;
  assert.equal(all.member_id, out.member_id);
  assert.equal(all.items.length, out.meetings);
  assert.ok(all.items.every((r) => r.direction === "out" && r.topic.length > 1));
  const first = all.items[0].met_on;
  const none = expectStatus(await shuji.request("GET", `/api/flows/records?person=${person}&from=2000-01-01&to=${plusDays(first, -1)}`), 200).json;
  assert.equal(none.items.length, 0);
  expectError(await shuji.request("GET", `/api/flows/records?person=${person}&from=2026-12-31&to=2026-01-01`), 400, "invalid", "/to");
  const foreign = Number(sql(srv.db, `SELECT m.person_id FROM xfer_flow f JOIN member m ON m.id = f.member_id WHERE f.home_org_id <> ${branch} AND m.org_id <> ${branch} LIMIT 1`)[0][0]);
  expectError(await shuji.request("GET", `/api/flows/records?person=${foreign}&from=2000-01-01&to=${today()}`), 404, "not_found");
});

test("失联: the ladder of unpaid dues months (LOST-R3/R5/R6) and contact (LOST-R-CONTACT), attempts and decisions recorded, nothing changed", async () => {
  const ladder = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items;
  // The dues demo's member 6 months behind is a 自行脱党 review candidate.
  const r6 = ladder.find((l) => l.rung === "LOST-R6");
  assert.ok(r6 && r6.unpaid_months >= 6, JSON.stringify(ladder));
  assert.match(r6.rung_message, /连续\d+个月未交党费(、\d+个月未参加组织生活)?：列为自行脱党审查对象/);
  const arrears = expectStatus(await shuji.request("GET", "/api/dues/arrears"), 200).json.items;
  for (const l of ladder.filter((x) => x.rung)) {
    const a = arrears.find((x) => x.member_id === l.member_id);
    assert.equal(l.unpaid_months, a ? a.consecutive : 0);
    const months = Math.max(l.unpaid_months, l.absent_months);
    assert.equal(l.rung, months >= 6 ? "LOST-R6" : months >= 5 ? "LOST-R5" : "LOST-R3");
  }
  assert.ok(arrears.filter((a) => a.consecutive >= 3).every((a) => ladder.some((l) => l.member_id === a.member_id)));
  // The demo's member not reached for 8 months.
  const lostOne = ladder.find((l) => l.contact_rule === "LOST-R-CONTACT");
  assert.ok(lostOne);
  assert.equal(lostOne.attempts, 4);
  assert.ok(lostOne.last_reached < lostOne.unreached_since);
  assert.equal(lostOne.decision, "keep");
  assert.equal(lostOne.decision_label, "继续教育帮助");
  // A member reached again drops off the contact rung.
  expectStatus(await shuji.request("POST", "/api/lost/contacts", { body: { member_id: lostOne.member_id, tried_on: today(), method: "visit", reached: true, note: "已见到本人" } }), 201);
  assert.ok(!expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.some((l) => l.member_id === lostOne.member_id && l.contact_rule));
  // Decisions: 停止党籍 needs its document number; recorded with date and body, the roster untouched.
  const status = sql(srv.db, `SELECT status FROM member WHERE id = ${r6.member_id}`)[0][0];
  const w = writes();
  expectError(await shuji.request("POST", "/api/lost/decisions", { body: { member_id: r6.member_id, decision: "stop", decided_on: today(), body: "党支部大会" } }), 400, "invalid", "/doc_no");
  expectError(await shuji.request("POST", "/api/lost/decisions", { body: { member_id: r6.member_id, decision: "stop", decided_on: plusDays(today(), 1), body: "党支部大会", doc_no: "宁街党〔2026〕9号" } }), 400, "invalid", "/decided_on");
  expectError(await shuji.request("POST", "/api/lost/contacts", { body: { member_id: r6.member_id, tried_on: plusDays(today(), 1), method: "phone", reached: false } }), 400, "invalid", "/tried_on");
  expectError(await shuji.request("POST", "/api/lost/contacts", { body: { member_id: r6.member_id, tried_on: today(), method: "pigeon", reached: false } }), 400, "invalid", "/method");
  assert.deepEqual(writes(), w);
  expectStatus(await shuji.request("POST", "/api/lost/decisions", { body: { member_id: r6.member_id, decision: "stop", decided_on: today(), body: "党支部大会", doc_no: "宁街党〔2026〕9号" } }), 201);
  const after = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((l) => l.member_id === r6.member_id);
  assert.equal(after.decision_label, "停止党籍");
  assert.equal(after.doc_no, "宁街党〔2026〕9号");
  assert.equal(sql(srv.db, `SELECT status FROM member WHERE id = ${r6.member_id}`)[0][0], status, "the software records, people change the roster");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.lost' AND target_id = ${r6.member_id}`), 1);
  // Scope: another branch's member cannot be recorded.
  const foreign = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${other} LIMIT 1`)[0][0]);
  expectError(await shuji.request("POST", "/api/lost/contacts", { body: { member_id: foreign, tried_on: today(), method: "phone", reached: false } }), 404, "not_found");
});

// Whole calendar months from a to b (YYYY-MM-DD), as the server counts them (date_months_between).
function monthsBetween(a, b) {
  let n = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  if (plusMonths(a, n) > b) n--;
  return n;
}

test("三不: months without organizational life (from the last taken part, a destination meeting counting) join the ladder, with the relation not transferred", async () => {
  // The oracle from the raw tables: per current member of the community, the last held meeting
  // taken part in (出席, 线上, 送学上门, approved 请假) or at a destination, and the first expected
  // one missed after it.
  const cpath = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  const rows = sql(srv.db, `SELECT mb.id, mt.meets_on, a.expected, a.status, a.leave_approved FROM member mb
    JOIN meeting_attendance a ON a.person_id = mb.person_id JOIN meeting mt ON mt.id = a.meeting_id
    WHERE mt.status = 'held' AND mb.org_path LIKE '${cpath}%' AND mb.status IN ('probationary', 'full')`);
  const dest = Object.fromEntries(sql(srv.db, `SELECT f.member_id, MAX(fm.met_on) FROM xfer_flow f JOIN xfer_flow_meeting fm ON fm.flow_id = f.id GROUP BY f.member_id`));
  const took = {}, missed = {}, lastMissed = {};
  for (const [id, on, expected, status, approved] of rows) {
    if (["present", "online", "delivered"].includes(status) || (status === "leave" && approved === "1")) took[id] = took[id] > on ? took[id] : on;
  }
  for (const [id, on, expected, status, approved] of rows) {
    const miss = expected === "1" && (status === "absent" || (status === "leave" && approved === "0"));
    if (miss && on > (took[id] || "") && !(missed[id] <= on)) missed[id] = on;
    if (miss && on > (took[id] || "") && !(lastMissed[id] >= on)) lastMissed[id] = on;
  }
  const want = {};
  for (const id of Object.keys(missed)) {
    const last = [took[id], dest[id]].filter(Boolean).sort().pop();
    if (last && last >= lastMissed[id]) continue;
    const months = monthsBetween(last || missed[id], today());
    if (months >= 3) want[id] = months;
  }
  const ladder = expectStatus(await shequ.request("GET", "/api/lost"), 200).json.items;
  const got = Object.fromEntries(ladder.filter((l) => l.no_orglife).map((l) => [l.member_id, l.absent_months]));
  assert.deepEqual(got, want);
  // The demo's drifting member: 6 months of dues unpaid, no organizational life for 7 months
  // or more (the last meeting taken part in falls before that).
  const drifting = ladder.find((l) => l.no_dues && l.no_orglife);
  assert.ok(drifting, JSON.stringify(ladder));
  assert.deepEqual([drifting.unpaid_months, drifting.rung, drifting.sanbu], [6, "LOST-R6", 2]);
  assert.ok(drifting.absent_months >= 7, String(drifting.absent_months));
  assert.equal(drifting.rung_message, `连续6个月未交党费、${drifting.absent_months}个月未参加组织生活：列为自行脱党审查对象，由支部大会讨论决定`);

  // A member of the branch: took part 5 months ago, missed the meeting after → LOST-R5 by
  // organizational life alone, not by dues.
  const x = await newMember("范晓晨");
  const person = Number(sql(srv.db, `SELECT person_id FROM member WHERE id = ${x}`)[0][0]);
  const meet = async (date, status) => {
    const m = expectStatus(await shuji.request("POST", "/api/meetings", { body: { org_id: branch, type: "theme_day", topic: `主题党日 ${date}`, starts_at: `${date} 14:30` } }), 201).json;
    expectStatus(await shuji.request("PUT", `/api/meetings/${m.id}/attendance`, { body: [{ person_id: person, status }] }), 200);
  };
  const tookOn = plusMonths(today(), -5), missOn = plusMonths(today(), -4);
  await meet(tookOn, "present");
  await meet(missOn, "absent");
  let l = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((i) => i.member_id === x);
  assert.deepEqual([l.absent_months, l.last_attended, l.absent_since, l.unpaid_months, l.rung, l.no_orglife, l.no_dues, l.relation, l.sanbu],
    [5, tookOn, tookOn, 0, "LOST-R5", true, false, null, 1]);
  assert.equal(l.rung_message, "5个月未参加组织生活：报上级党组织");

  // Away for 7 months without a transfer: the relation is not transferred (FLOW-DEF); then a
  // meeting at the destination after the miss ends the organizational-life condition.
  const away = plusMonths(today(), -7);
  const flow = expectStatus(await shuji.request("POST", "/api/flows", { body: { member_id: x, direction: "out", place: "云岭市", reason: "务工", dest_org_name: "中共云岭市委员会", starts_on: away } }), 201).json.id;
  l = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((i) => i.member_id === x);
  assert.deepEqual([l.relation, l.relation_label, l.relation_since, l.sanbu], ["flow_long", "长期外出未转接组织关系", away, 2]);
  const metThere = plusDays(missOn, 10);
  expectStatus(await shuji.request("POST", `/api/flows/${flow}/meetings`, { body: { met_on: metThere, topic: "流入地支部主题党日" } }), 201);
  l = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((i) => i.member_id === x);
  assert.deepEqual([l.absent_months, l.no_orglife, l.rung, l.relation, l.sanbu], [0, false, null, "flow_long", 1]);
  // Missing a home meeting after the destination's: the clock runs again from the destination's.
  await meet(plusMonths(today(), -1), "absent");
  l = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((i) => i.member_id === x);
  assert.deepEqual([l.absent_since, l.last_attended, l.absent_months, l.rung, l.no_orglife], [metThere, metThere, monthsBetween(metThere, today()), "LOST-R3", true]);
  // Back home: the relation mark goes, the organizational-life one stays.
  expectStatus(await shuji.request("POST", `/api/flows/${flow}/return`, { body: {} }), 200);
  l = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items.find((i) => i.member_id === x);
  assert.deepEqual([l.relation, l.no_orglife, l.sanbu], [null, true, 1]);
});

test("党费交至 from the dues ledger: a letter without it takes the month paid up to; without a ledger it must be typed", async () => {
  const month = (n) => plusMonths(today(), n).slice(0, 7);
  // The demo's member 6 months behind paid up to 7 months ago; most of the branch up to last month.
  const behind = (expectStatus(await shuji.request("GET", "/api/dues/arrears"), 200).json.items).find((a) => a.consecutive === 6 && a.months_unpaid === 6);
  assert.ok(behind, "the demo's member 6 months in arrears");
  assert.equal(expectStatus(await shuji.request("GET", `/api/dues/paid-to?member_id=${behind.member_id}`), 200).json.paid_to, month(-7));
  const [[payer]] = sql(srv.db, `SELECT m.id FROM member m WHERE m.org_id = ${branch} AND m.status = 'full'
    AND NOT EXISTS (SELECT 1 FROM dues_standard s WHERE s.member_id = m.id AND s.from_month > '${month(-12)}')
    AND (SELECT COUNT(DISTINCT e.month) FROM dues_entry e WHERE e.member_id = m.id AND e.kind = 'payment' AND e.month >= '${month(-12)}') = 12
    AND NOT EXISTS (SELECT 1 FROM dues_entry e WHERE e.member_id = m.id AND e.kind = 'reversal') ORDER BY m.id LIMIT 1`);
  assert.equal(expectStatus(await shuji.request("GET", `/api/dues/paid-to?member_id=${payer}`), 200).json.paid_to, month(-1));
  const letter = expectStatus(await shuji.request("POST", "/api/transfer-letters", { body: { member_id: Number(payer), to_org_name: "中共云岭市某某镇委员会" } }), 201).json;
  assert.equal(sql(srv.db, `SELECT dues_paid_to FROM xfer_letter WHERE id = ${letter.id}`)[0][0], month(-1));
  // A member without a dues standard: 党费交至 must be typed; typed, it is kept as typed.
  const x = await newMember("许一帆");
  assert.equal(expectStatus(await shuji.request("GET", `/api/dues/paid-to?member_id=${x}`), 200).json.paid_to, null);
  const n0 = count("SELECT COUNT(*) FROM xfer_letter");
  const bad = expectError(await shuji.request("POST", "/api/transfer-letters", { body: { member_id: x, to_org_name: "中共云岭市某某镇委员会" } }), 400, "invalid", "/dues_paid_to");
  assert.match(bad.message, /许一帆/);
  assert.equal(count("SELECT COUNT(*) FROM xfer_letter"), n0);
  const typed = expectStatus(await shuji.request("POST", "/api/transfer-letters", { body: { member_id: x, to_org_name: "中共云岭市某某镇委员会", dues_paid_to: month(-2) } }), 201).json;
  assert.equal(sql(srv.db, `SELECT dues_paid_to FROM xfer_letter WHERE id = ${typed.id}`)[0][0], month(-2));
  // Another branch's member is not the branch secretary's to read.
  const foreign = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${other} LIMIT 1`)[0][0]);
  expectError(await shuji.request("GET", `/api/dues/paid-to?member_id=${foreign}`), 404, "not_found");
});

test("介绍信: the full ID number for the printed letter only to members.reveal_pii holders, each view audited", async () => {
  const weiyuan = await login(srv, "weiyuan");
  const [[id, member]] = sql(srv.db, `SELECT id, member_id FROM xfer_letter WHERE org_id = ${branch} ORDER BY id LIMIT 1`);
  const masked = expectStatus(await shuji.request("GET", `/api/transfer-letters/${id}`), 200).json.id_number;
  assert.match(masked, /^\d{6}\*+\d{3}[\dX]$/);
  const audits = () => count(`SELECT COUNT(*) FROM audit WHERE action = 'member.reveal' AND target_id = ${member}`);
  const n0 = audits();
  // The 组织委员 reads the letter, but not the full number.
  assert.equal(expectStatus(await weiyuan.request("GET", `/api/transfer-letters/${id}`), 200).json.id_number, masked);
  expectError(await weiyuan.request("GET", `/api/transfer-letters/${id}?reveal=id_number`), 403, "forbidden", "/reveal");
  expectError(await shuji.request("GET", `/api/transfer-letters/${id}?reveal=shoe_size`), 400, "invalid", "/reveal");
  assert.equal(audits(), n0);
  const full = expectStatus(await shuji.request("GET", `/api/transfer-letters/${id}?reveal=id_number`), 200).json.id_number;
  assert.match(full, /^99\d{15}[\dX]$/);
  assert.equal(full.slice(0, 6), masked.slice(0, 6));
  assert.equal(audits(), n0 + 1);
});

test("LOST-R-STOP: 停止党籍 24 months ago with no decision since lists the member for 除名 review; 23 months or a later decision do not", async () => {
  const [[m1], [m2]] = sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' AND id NOT IN (SELECT member_id FROM xfer_lost_decision) ORDER BY id DESC LIMIT 2`);
  const decide = (m, decision, on) => shuji.request("POST", "/api/lost/decisions", { body: { member_id: Number(m), decision, decided_on: on, body: "党支部大会", doc_no: "宁街党〔2024〕1号" } });
  expectStatus(await decide(m1, "stop", plusMonths(today(), -24)), 201);
  expectStatus(await decide(m2, "stop", plusDays(plusMonths(today(), -24), 1)), 201);
  let ladder = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items;
  const one = ladder.find((l) => l.member_id === Number(m1));
  assert.equal(one.stop_rule, "LOST-R-STOP");
  assert.equal(one.stop_message, `自${plusMonths(today(), -24)}停止党籍已满24个月：仍无联系的，列为除名审查对象，由党组织决定`);
  assert.ok(!ladder.some((l) => l.member_id === Number(m2) && l.stop_rule), "a day short of 24 months");
  // Contact restored later: the reminder ends.
  expectStatus(await decide(m1, "restore", today()), 201);
  ladder = expectStatus(await shuji.request("GET", "/api/lost"), 200).json.items;
  assert.ok(!ladder.some((l) => l.member_id === Number(m1) && l.stop_rule));
});
