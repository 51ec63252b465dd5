// dev.test.js: member development (发展党员, issue 17) over the API: one applicant walked from
// application to 转正 (a block, a warning and an overdue finding on the way, the roster row
// created on admission and made 正式 on 转正 with its history), the approving committee's steps
// refused to the community, the pipeline (overdue, forgotten 预备党员), the rules in force by
// date (the 2026 overlay off until enabled), and bad input refused with the rule ID or field
// path and nothing written. The votes of steps 15 and 23 are closed votes of the branch's
// 支部党员大会 written as fixtures (the vote flow is orglife's and tested there).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError, unseal, idHash } = require("./lib/harness");

let srv, admin, jiedao, shequ, shuji, branch;
before(async () => {
  srv = await startServer({ demo: {} });
  [admin, jiedao, shequ, shuji] = await Promise.all(["admin", "jiedao", "shequ", "shuji"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const one = (q) => sql(srv.db, q)[0][0];
const count = (q) => Number(one(q));

// A demo ID number (prefix 99) for a birth date YYYYMMDD; odd seq: male.
let seq = 101;
function demoId(birth, s = (seq += 2)) {
  const first = `990101${birth}${String(s % 1000).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((t, d, i) => t + Number(d) * w[i], 0);
  return first + "10X98765432"[sum % 11];
}
const dashed = (b) => `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`;
let nameSeq = 0;
const names = ["林晓岚", "周明远", "陈思源", "吴晓彤", "郑嘉禾", "王若溪", "冯子墨", "蒋雨桐"];
function applicantBody(over = {}) {
  const birth = over.birth || "19950505";
  return { name: names[nameSeq++ % names.length], gender: "男", birth_date: dashed(birth), id_number: demoId(birth), org_id: branch, applied_on: "2022-01-10", ...over, birth: undefined };
}
async function apply(over) {
  const r = expectStatus(await shuji.request("POST", "/api/dev/applicants", { body: applicantBody(over) }), 201).json;
  return r.id;
}
const step = (who, id, body) => who.request("POST", `/api/dev/applicants/${id}/steps`, { body });
const idNumber = (id) => unseal(one(`SELECT id_number FROM dev_applicant WHERE id = ${id}`));
const detail = async (id) => expectStatus(await shuji.request("GET", `/api/dev/applicants/${id}`), 200).json;
// The 正式党员 of the branch (培养联系人, 入党介绍人).
const fullMembers = () => sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 3`).map((r) => Number(r[0]));
const probationaryMember = () => Number(one(`SELECT id FROM member WHERE status = 'probationary' ORDER BY id LIMIT 1`));
// A closed vote of the branch's 支部党员大会 held on date: {id}.
function vote(date, kind, result = "passed") {
  const [[id]] = sql(srv.db, `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, created_at, updated_at)
      SELECT 1, id, path, 'party_congress', '发展党员表决', '${date}', '${date} 09:00', 'held', 0, 0 FROM org WHERE id = ${branch};
    INSERT INTO meeting_vote (tenant_id, meeting_id, subject, kind, method, expected_n, present_n, yes_n, result, closed_at, created_at)
      SELECT 1, MAX(id), '表决', '${kind}', 'secret', 9, 8, 7, '${result}', 1, 0 FROM meeting RETURNING id;`);
  return Number(id);
}
let admissionVote; // the admission vote of the walk to 转正, reused (and refused) by another case
const rowsWritten = () => count("SELECT (SELECT COUNT(*) FROM dev_applicant) * 1000 + (SELECT COUNT(*) FROM dev_step)");
// Records steps from..to with the dates given (step k on dates[k]); the people and decisions
// the rules need.
async function walk(id, from, to, dates) {
  const [c1, c2] = fullMembers();
  for (let k = from; k <= to; k++) {
    const body = { step: k, date: dates[k] };
    if (k === 5) body.people = [{ member_id: c1 }];
    if (k === 9) body.people = [{ member_id: c1 }, { member_id: c2 }];
    if (k === 10) body.decision = "passed";
    if (k === 11) body.training_days = 3;
    if (k === 17 || k === 24) body.decision = "approved";
    expectStatus(await step([13, 16, 17, 18, 24].includes(k) ? jiedao : shuji, id, body), 201);
  }
}
const DATES = { 2: "2022-03-01", 3: "2022-03-10", 4: "2022-03-11", 5: "2022-03-12", 6: "2022-09-01", 7: "2023-03-10", 8: "2023-03-11",
  9: "2023-03-12", 10: "2023-03-13", 11: "2023-03-20", 12: "2023-03-21", 13: "2023-03-22", 14: "2023-03-23", 15: "2023-03-31",
  16: "2023-04-01", 17: "2023-04-02", 18: "2023-04-03", 19: "2023-04-04", 20: "2023-04-05", 21: "2023-10-01", 22: "2024-03-20",
  23: "2024-04-01", 24: "2024-04-02", 25: "2024-04-03" };

test("the demo street: applicants at every stage, overdue ones, one extended, two forgotten 预备党员", async () => {
  const street = jiedao.session.grants[0].org_id;
  const p = expectStatus(await jiedao.request("GET", `/api/dev/pipeline?org=${street}`), 200).json;
  for (const s of p.stages) assert.ok(s.count >= 1, `stage ${s.stage} ${s.name} has applicants`);
  assert.deepEqual([...new Set(p.overdue.map((x) => x.rule))].sort(), ["DEV-APPROVE", "DEV-TALK"]);
  assert.equal(p.forgotten_probation.length, 2);
  assert.ok(p.due_soon.some((x) => x.rule === "DEV-CONV-APPROVE"));
  assert.equal(count("SELECT COUNT(*) FROM dev_applicant WHERE extensions = 1 AND status = 'probationary'"), 1);
  // ID numbers carry the demo prefix; the generated roster is left as it is (no member rows).
  assert.deepEqual(sql(srv.db, "SELECT id_number FROM dev_applicant").map(([v]) => unseal(v)).filter((v) => !v.startsWith("99")), []);
  assert.equal(count("SELECT COUNT(*) FROM dev_applicant WHERE member_id IS NOT NULL"), 0);
  // Every demo step went through the rules: their outcomes are stored with it.
  assert.equal(count("SELECT COUNT(*) FROM dev_step WHERE findings NOT LIKE '%DEV-STEP-ORDER%'"), 0);
});

test("one applicant from application to 转正: a block, a warning, an overdue finding; the roster follows", async () => {
  const id = await apply({ birth: "19950505" });
  let d = await detail(id);
  assert.equal(d.status, "applicant");
  assert.equal(d.stage, 1);
  assert.equal(d.id_number, `${idNumber(id).slice(0, 6)}********${idNumber(id).slice(14)}`); // masked
  assert.deepEqual(d.steps.map((s) => s.step), [1]);
  assert.ok(d.steps[0].findings.some((f) => f.rule === "DEV-AGE" && f.result === "pass" && f.version === "xize-2014"));
  assert.deepEqual(d.next_steps.map((s) => s.step), [2]);

  // DEV-TALK: the talk more than a month after the application is recorded, marked overdue.
  let r = expectStatus(await step(shuji, id, { step: 2, date: "2022-03-01", body: "支部书记" }), 201).json;
  const talk = r.findings.find((f) => f.rule === "DEV-TALK");
  assert.equal(talk.result, "overdue");
  assert.equal(talk.inputs.due_on, "2022-02-10");
  assert.match(talk.message, /2022-02-10/);
  await walk(id, 3, 6, DATES);
  assert.equal((await detail(id)).status, "activist");

  // DEV-OBJ-MIN: one day short of 12 months after 确定积极分子 (2022-03-10) is refused.
  const before = rowsWritten();
  let e = expectError(await step(shuji, id, { step: 7, date: "2023-03-09" }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-OBJ-MIN"]);
  assert.equal(e.details.length, 1);
  assert.match(e.details[0], /2022-03-10/);
  assert.match(e.details[0], /2023-03-09/);
  assert.equal(rowsWritten(), before);
  await walk(id, 7, 12, DATES);
  assert.equal((await detail(id)).status, "candidate");

  // 预审 is the street's: the community and the branch are refused (AUTH-APPROVE).
  expectError(await step(shuji, id, { step: 13, date: "2023-03-22" }), 403, "forbidden");
  expectError(await step(shequ, id, { step: 13, date: "2023-03-22" }), 403, "forbidden");
  // DEV-LEAVING: leaving the unit within 3 months of 预审 is a warning stored with the step.
  r = expectStatus(await step(jiedao, id, { step: 13, date: "2023-03-22", leaving_on: "2023-05-01" }), 201).json;
  // The 预审 is the street's to withdraw too.
  expectError(await shuji.request("POST", `/api/dev/applicants/${id}/steps/${r.id}/withdraw`, { body: { reason: "误记" } }), 403, "forbidden");
  const warn = r.findings.find((f) => f.rule === "DEV-LEAVING");
  assert.equal(warn.result, "warn");
  assert.match(warn.message, /2023-05-01/);
  await walk(id, 14, 14, DATES);

  // Step 15 needs the branch's passed admission vote on that date.
  e = expectError(await step(shuji, id, { step: 15, date: "2023-03-31", vote_id: vote("2023-03-31", "admission", "rejected") }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-VOTE"]);
  admissionVote = vote("2023-03-31", "admission");
  expectStatus(await step(shuji, id, { step: 15, date: "2023-03-31", vote_id: admissionVote }), 201);
  await walk(id, 16, 16, DATES);
  // 审批: the member row is created, 预备党员 from the step-15 resolution date.
  assert.equal(count(`SELECT COUNT(*) FROM member m JOIN person p ON p.id = m.person_id WHERE p.id_hash = '${idHash(idNumber(id))}'`), 0);
  r = expectStatus(await step(jiedao, id, { step: 17, date: "2023-04-02", decision: "approved" }), 201).json;
  assert.equal(r.findings.find((f) => f.rule === "DEV-PROB-END").value, "2024-03-31");
  // The admission changed the roster: it is corrected there, not withdrawn here.
  e = expectError(await jiedao.request("POST", `/api/dev/applicants/${id}/steps/${r.id}/withdraw`, { body: { reason: "误记" } }), 409, "conflict", "/step_id");
  assert.match(e.message, /党员名册/);
  d = await detail(id);
  assert.equal(d.status, "probationary");
  assert.equal(d.probation_ends_on, "2024-03-31");
  const member = expectStatus(await admin.request("GET", `/api/members/${d.member_id}`), 200).json;
  assert.equal(member.status, "probationary");
  assert.equal(member.joined_on, "2023-03-31");
  assert.equal(member.org_id, branch);
  await walk(id, 18, 22, DATES);

  // Past the 预备期 end without a 转正 decision: a forgotten 预备党员 in the pipeline.
  let p = expectStatus(await shuji.request("GET", `/api/dev/pipeline?org=${branch}`), 200).json;
  assert.ok(p.forgotten_probation.some((x) => x.applicant_id === id && x.due_on === "2024-03-31" && x.rule === "DEV-PROB-END"));

  // 转正 is discussed once the 预备期 is over (2024-03-31): the day before is refused.
  e = expectError(await step(shuji, id, { step: 23, date: "2024-03-30", vote_id: vote("2024-03-30", "full_member"), decision: "on_time" }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-PROB-END"]);
  assert.match(e.details[0], /2024-03-31/);
  expectStatus(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: vote("2024-04-01", "full_member"), decision: "on_time" }), 201);
  expectError(await step(shequ, id, { step: 24, date: "2024-04-02", decision: "approved" }), 403, "forbidden");
  expectStatus(await step(jiedao, id, { step: 24, date: "2024-04-02", decision: "approved" }), 201);
  d = await detail(id);
  assert.equal(d.status, "full");
  const full = expectStatus(await admin.request("GET", `/api/members/${d.member_id}`), 200).json;
  assert.equal(full.status, "full");
  assert.equal(full.full_member_on, "2024-03-31"); // DEV-PARTYAGE: from the 预备期 end
  assert.deepEqual(sql(srv.db, `SELECT kind, old_value, new_value, effective_on FROM member_event WHERE member_id = ${d.member_id} AND kind = 'status'`),
    [["status", "probationary", "full", "2024-03-31"]]);
  await walk(id, 25, 25, DATES);
  d = await detail(id);
  assert.deepEqual(d.steps.map((s) => s.step), Array.from({ length: 25 }, (_, i) => i + 1));
  assert.deepEqual(d.next_steps, []);
  p = expectStatus(await shuji.request("GET", `/api/dev/pipeline?org=${branch}`), 200).json;
  assert.ok(!p.forgotten_probation.some((x) => x.applicant_id === id));
  // Every step's rule outcomes were stored with it, with rule id, version, inputs and result.
  for (const s of d.steps) for (const f of s.findings) assert.ok(f.rule && f.version && f.result && f.inputs, JSON.stringify(f));
});

test("an extension of the 预备期: once, 6–12 months; the end moves", async () => {
  const id = await apply({ birth: "19960606" });
  await walk(id, 2, 14, DATES);
  // VOTE-ONE-BY-ONE: the vote that admitted the applicant of the test above is not this one's.
  assert.ok(admissionVote, "the walk above recorded its admission vote");
  const e15 = expectError(await step(shuji, id, { step: 15, date: "2023-03-31", vote_id: admissionVote }), 409, "conflict");
  assert.deepEqual(e15.rules, ["DEV-VOTE"]);
  assert.match(e15.details[0], /单独表决/);
  expectStatus(await step(shuji, id, { step: 15, date: "2023-03-31", vote_id: vote("2023-03-31", "admission") }), 201);
  await walk(id, 16, 22, DATES);
  const v = vote("2024-04-01", "full_member");
  let e = expectError(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: v, decision: "extend", extend_months: 13 }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-EXTEND"]);
  expectError(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: v, decision: "extend" }), 400, "invalid", "/extend_months");
  expectError(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: v, decision: "on_time", extend_months: 6 }), 400, "invalid", "/extend_months");
  expectStatus(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: v, decision: "extend", extend_months: 6 }), 201);
  const approval = expectStatus(await step(jiedao, id, { step: 24, date: "2024-04-02", decision: "approved" }), 201).json;
  const d = await detail(id);
  assert.equal(d.status, "probationary");
  assert.equal(d.probation_ends_on, "2024-09-30");
  // The roster's 预备期 end follows the extension (not 12 months from joining), audited.
  const m = expectStatus(await admin.request("GET", `/api/members/${d.member_id}`), 200).json;
  assert.equal(m.probation_ends_on, "2024-09-30");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'member.probation' AND target_id = ${d.member_id}`), 1);
  // It changed the roster, so it is not withdrawn here.
  expectError(await jiedao.request("POST", `/api/dev/applicants/${id}/steps/${approval.id}/withdraw`, { body: { reason: "误记" } }), 409, "conflict", "/step_id");
  assert.equal(d.extensions, 1);
  assert.deepEqual(d.next_steps.map((s) => s.step), [21, 22, 23]);
  e = expectError(await step(shuji, id, { step: 23, date: "2024-10-08", vote_id: vote("2024-10-08", "full_member"), decision: "extend", extend_months: 6 }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-EXTEND"]);
  assert.match(e.details[0], /只能延长1次/);
});

test("bad input: order, dates, introducers, age, ID numbers; each refused with its rule or field, nothing written", async () => {
  const id = await apply({ birth: "19970707", applied_on: "2024-01-10" });
  let before = rowsWritten();
  let e = expectError(await step(shuji, id, { step: 3, date: "2024-02-01" }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-STEP-ORDER"]);
  assert.match(e.details[0], /第2步/);
  e = expectError(await step(shuji, id, { step: 2, date: "2024-01-09" }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-STEP-DATE"]);
  assert.match(e.details[0], /2024-01-09.*2024-01-10/);
  const tomorrow = new Date(Date.now() + 32 * 3600 * 1000).toISOString().slice(0, 10);
  e = expectError(await step(shuji, id, { step: 2, date: tomorrow }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-STEP-DATE"]);
  assert.match(e.details[0], new RegExp(today()));
  expectError(await step(shuji, id, { step: 26, date: "2024-02-01" }), 400, "invalid", "/step");
  expectError(await step(shuji, id, { step: 2, date: "2024-02-30" }), 400, "invalid", "/date");
  assert.equal(rowsWritten(), before);

  // Introducers: two 正式党员, not a 预备党员, not the applicant.
  const dates = { ...DATES };
  for (let k = 2; k <= 8; k++) dates[k] = `202${k < 7 ? 4 : 5}-0${k < 7 ? 2 : 3}-${String(k + 10)}`;
  await walk(id, 2, 8, dates);
  const [c1] = fullMembers();
  before = rowsWritten();
  e = expectError(await step(shuji, id, { step: 9, date: "2025-03-20", people: [{ member_id: c1 }] }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-INTRO"]);
  assert.match(e.details[0], /2名正式党员，现为1名/);
  e = expectError(await step(shuji, id, { step: 9, date: "2025-03-20", people: [{ member_id: c1 }, { member_id: probationaryMember() }] }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-INTRO"]);
  assert.match(e.details[0], /不是正式党员/);
  // The applicant registered on the roster by mistake, then named as introducer.
  const a = await detail(id);
  const self = expectStatus(await admin.request("POST", "/api/members", { body: { name: a.name, id_number: idNumber(id), org_id: branch, status: "full", joined_on: "2020-01-01", full_member_on: "2021-01-01" } }), 201).json.id;
  e = expectError(await step(shuji, id, { step: 9, date: "2025-03-20", people: [{ member_id: c1 }, { member_id: self }] }), 409, "conflict");
  assert.match(e.details[0], /申请人本人/);
  e = expectError(await step(shuji, id, { step: 9, date: "2025-03-20", people: [{ member_id: c1 }, { member_id: c1 }] }), 409, "conflict");
  assert.match(e.details[0], /重复/);
  assert.equal(rowsWritten(), before);

  // Applications: under 18 on the application date, check digit, ID against birth date.
  before = rowsWritten();
  e = expectError(await shuji.request("POST", "/api/dev/applicants", { body: applicantBody({ birth: "20060311", applied_on: "2024-03-10" }) }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-AGE"]);
  assert.match(e.details[0], /2024-03-10.*2024-03-11/);
  expectStatus(await shuji.request("POST", "/api/dev/applicants", { body: applicantBody({ birth: "20060311", applied_on: "2024-03-11" }) }), 201);
  before = rowsWritten();
  const bad = applicantBody({ birth: "19900101" });
  bad.id_number = bad.id_number.slice(0, 17) + (bad.id_number[17] === "1" ? "2" : "1");
  expectError(await shuji.request("POST", "/api/dev/applicants", { body: bad }), 400, "invalid", "/id_number");
  const other = applicantBody({ birth: "19900101" });
  other.birth_date = "1990-01-02";
  e = expectError(await shuji.request("POST", "/api/dev/applicants", { body: other }), 400, "invalid", "/birth_date");
  assert.match(e.message, /1990-01-01/);
  const missing = expectError(await shuji.request("POST", "/api/dev/applicants", { body: {} }), 400, "invalid");
  assert.deepEqual(missing.fields.map((f) => f.field).sort(), ["/applied_on", "/id_number", "/name", "/org_id"]);
  // A number Excel turned into 9.90101E+17 is named as such.
  e = expectError(await shuji.request("POST", "/api/dev/applicants", { body: { ...applicantBody(), id_number: "9.90101E+17" } }), 400, "invalid", "/id_number");
  assert.match(e.message, /科学计数法/);
  // One already applied, and a 正式党员's, are refused.
  expectError(await shuji.request("POST", "/api/dev/applicants", { body: { ...applicantBody(), id_number: idNumber(id), birth_date: a.birth_date } }), 409, "conflict", "/id_number");
  const memberId = unseal(one(`SELECT p.id_number FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${fullMembers()[0]}`));
  e = expectError(await shuji.request("POST", "/api/dev/applicants", { body: { ...applicantBody(), id_number: memberId, birth_date: undefined, gender: undefined } }), 409, "conflict", "/id_number");
  assert.match(e.message, /已登记为党员/);
  assert.equal(rowsWritten(), before);
  // What people type: full-width digits and a lower-case x, 女 as f, birth date and gender
  // left to the ID number.
  const typed = applicantBody({ birth: "19920202" });
  const fw = typed.id_number.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).toLowerCase();
  const made = expectStatus(await shuji.request("POST", "/api/dev/applicants", { body: { ...typed, id_number: ` ${fw} `, gender: undefined, birth_date: undefined } }), 201).json;
  const got = await detail(made.id);
  assert.equal(got.birth_date, "1992-02-02");
  assert.equal(got.gender, Number(typed.id_number[16]) % 2 ? "M" : "F");
  assert.equal(idNumber(made.id), typed.id_number.toUpperCase());
});

test("one open case per person: refused while it runs, a new application once it ended", async () => {
  const id = await apply({ birth: "19960606" });
  const again = { ...applicantBody({ birth: "19960606" }), id_number: idNumber(id) };
  expectError(await shuji.request("POST", "/api/dev/applicants", { body: again }), 409, "conflict", "/id_number");
  sql(srv.db, `UPDATE dev_applicant SET status = 'cancelled' WHERE id = ${id}`);
  const next = expectStatus(await shuji.request("POST", "/api/dev/applicants", { body: again }), 201).json;
  assert.notEqual(next.id, id);
});

test("pipeline: stages, an overdue talk, approval steps of the approving committee only", async () => {
  const id = await apply({ birth: "19980808", applied_on: "2020-05-01" });
  const p = expectStatus(await shequ.request("GET", `/api/dev/pipeline?org=${branch}`), 200).json;
  assert.deepEqual(p.stages.map((s) => s.stage), [1, 2, 3, 4, 5]);
  assert.ok(p.stages[0].count >= 1);
  const o = p.overdue.find((x) => x.applicant_id === id);
  assert.equal(o.rule, "DEV-TALK");
  assert.equal(o.due_on, "2020-06-01");
  const list = expectStatus(await shuji.request("GET", `/api/dev/applicants?org=${branch}&status=applicant`), 200).json;
  assert.ok(list.items.some((x) => x.id === id));
  assert.ok(list.items.every((x) => x.status === "applicant"));
  // Without a street with approval power above, 预审 cannot be recorded by anyone.
  const id2 = await apply({ birth: "19980809", applied_on: "2020-05-01" });
  await walk(id2, 2, 12, { ...DATES, 2: "2020-05-10", 3: "2020-05-11", 4: "2020-05-12", 5: "2020-05-13", 6: "2020-06-01", 7: "2021-05-11", 8: "2021-05-12", 9: "2021-05-13", 10: "2021-05-14", 11: "2021-05-15", 12: "2021-05-16" });
  sql(srv.db, "UPDATE dev_org SET can_approve_members = 0");
  try {
    const e = expectError(await step(admin, id2, { step: 13, date: "2021-05-17" }), 409, "conflict");
    assert.deepEqual(e.rules, ["AUTH-APPROVE"]);
  } finally {
    sql(srv.db, "UPDATE dev_org SET can_approve_members = 1");
  }
});

test("rules in force by date: xize-2014 rows with parameters; the 2026 overlay only once enabled", async () => {
  let r = expectStatus(await shuji.request("GET", "/api/dev/rules?date=2026-06-01"), 200).json;
  const obj = r.items.find((x) => x.rule === "DEV-OBJ-MIN");
  assert.deepEqual([obj.version, obj.severity, obj.param.months, obj.steps], ["xize-2014", "block", 12, [7]]);
  assert.ok(!r.items.some((x) => x.rule.startsWith("DEV26-")));
  sql(srv.db, "UPDATE dev_rule SET enabled = 1 WHERE rule_set = 'xize-2026.05'");
  try {
    r = expectStatus(await shuji.request("GET", "/api/dev/rules?date=2026-06-01"), 200).json;
    assert.equal(r.items.find((x) => x.rule === "DEV26-MEETING").param.months, 1);
    r = expectStatus(await shuji.request("GET", "/api/dev/rules?date=2026-05-17"), 200).json;
    assert.ok(!r.items.some((x) => x.rule.startsWith("DEV26-")));
  } finally {
    sql(srv.db, "UPDATE dev_rule SET enabled = 0 WHERE rule_set = 'xize-2026.05'");
  }
  expectError(await shuji.request("GET", "/api/dev/rules?date=2026-02-30"), 400, "invalid", "/date");
});

test("the 2026 overlay: a street confirms a rule for its subtree, a community below may turn it off; baseline rows stay", async () => {
  const street = jiedao.session.grants[0].org_id, community = shequ.session.grants[0].org_id;
  assert.ok(one(`SELECT path FROM org WHERE id = ${branch}`).startsWith(one(`SELECT path FROM org WHERE id = ${community}`)));
  const row = (rule, version) => Number(one(`SELECT id FROM dev_rule WHERE rule_id = '${rule}' AND rule_set = '${version}'`));
  const meeting = row("DEV26-MEETING", "xize-2026.05");
  const inForce = async (org, who = shuji) => expectStatus(await who.request("GET", `/api/dev/rules?org=${org}&date=2026-06-01`), 200).json;
  let r = await inForce(branch);
  assert.ok(!r.items.some((x) => x.rule === "DEV26-MEETING"));
  const sw = r.switchable.find((x) => x.id === meeting);
  assert.deepEqual([sw.enabled, sw.switch, sw.confidence], [false, null, "unverified"]);

  const audits = () => count("SELECT COUNT(*) FROM audit WHERE action = 'dev.rule_switch'");
  const before = audits();
  const body = { org_id: street, rule_row: meeting, enabled: true, note: "街道党工委2026年6月会议确认" };
  expectError(await shuji.request("POST", "/api/dev/rule-switches", { body: { ...body, org_id: branch } }), 403, "forbidden");
  expectError(await jiedao.request("POST", "/api/dev/rule-switches", { body: { ...body, note: "确认" } }), 400, "invalid", "/note");
  let e = expectError(await jiedao.request("POST", "/api/dev/rule-switches", { body: { ...body, rule_row: row("DEV-AGE", "xize-2014") } }), 409, "conflict", "/rule_row");
  assert.match(e.message, /DEV-AGE/);
  expectError(await jiedao.request("POST", "/api/dev/rule-switches", { body: { ...body, rule_row: 999999 } }), 404, "not_found", "/rule_row");
  // 公示 in working days needs a holiday calendar: not checked yet, so not switched on.
  e = expectError(await jiedao.request("POST", "/api/dev/rule-switches", { body: { ...body, rule_row: row("DEV26-PUBLICITY", "xize-2026.05") } }), 409, "conflict", "/rule_row");
  assert.match(e.message, /尚未实现/);
  assert.equal(r.switchable.find((x) => x.rule === "DEV26-PUBLICITY").checked, false);
  assert.equal(audits(), before);

  r = expectStatus(await jiedao.request("POST", "/api/dev/rule-switches", { body }), 201).json;
  assert.ok(r.items.some((x) => x.rule === "DEV26-MEETING"));
  r = await inForce(branch);
  assert.equal(r.items.find((x) => x.rule === "DEV26-MEETING").version, "xize-2026.05");
  assert.equal(r.switchable.find((x) => x.id === meeting).switch.org_id, street);
  assert.equal(r.switchable.find((x) => x.id === meeting).switch.note, body.note);
  // The community below turns it off for itself: the deepest switch wins.
  expectStatus(await shequ.request("POST", "/api/dev/rule-switches", { body: { ...body, org_id: community, enabled: false, note: "社区党委：待区委组织部通知" } }), 201);
  r = await inForce(branch);
  assert.ok(!r.items.some((x) => x.rule === "DEV26-MEETING"));
  assert.equal(r.switchable.find((x) => x.id === meeting).switch.org_id, community);
  assert.ok((await inForce(street, jiedao)).items.some((x) => x.rule === "DEV26-MEETING"));
  assert.equal(audits(), before + 2);
  // The row as shipped is untouched; set back for the other tests.
  assert.equal(count(`SELECT enabled FROM dev_rule WHERE id = ${meeting}`), 0);
  sql(srv.db, "DELETE FROM dev_rule_switch");
});

test("a street created after the area was installed approves too, unless a dev_org row says otherwise", async () => {
  const district = Number(one("SELECT id FROM org WHERE depth = 0"));
  const street = expectStatus(await admin.request("POST", "/api/orgs", { body: { parent_id: district, type: "street", name: "新设街道党工委", founded_on: "2025-01-01" } }), 201).json.id;
  const community = expectStatus(await admin.request("POST", "/api/orgs", { body: { parent_id: street, type: "community_committee", name: "新设社区党委", founded_on: "2025-01-01" } }), 201).json.id;
  const id = expectStatus(await admin.request("POST", "/api/dev/applicants", { body: applicantBody({ birth: "19940404", org_id: community }) }), 201).json.id;
  // Out of order, so nothing is written; the approving committee is found (no AUTH-APPROVE).
  let e = expectError(await step(admin, id, { step: 13, date: "2025-03-01" }), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-STEP-ORDER"]);
  // A dev_org row takes the power away (the county's decision, by SQL for now): AUTH-APPROVE.
  sql(srv.db, `INSERT INTO dev_org (org_id, can_approve_members) VALUES (${street}, 0)`);
  e = expectError(await step(admin, id, { step: 13, date: "2025-03-01" }), 409, "conflict");
  assert.deepEqual(e.rules.sort(), ["AUTH-APPROVE", "DEV-STEP-ORDER"]);
});

test("a step recorded by mistake is withdrawn: the last one only, with a reason; the case goes back; roster steps stay", async () => {
  const id = await apply({ birth: "19930303", applied_on: "2022-01-10" });
  await walk(id, 2, 3, DATES);
  let d = await detail(id);
  assert.equal(d.status, "activist");
  const [s1, s2, s3] = d.steps;
  const withdraw = (who, stepId, body = { reason: "日期记错，应为3月15日" }) => who.request("POST", `/api/dev/applicants/${id}/steps/${stepId}/withdraw`, { body });
  const audits = () => count("SELECT COUNT(*) FROM audit WHERE action = 'dev.withdraw'");
  const before = audits();
  expectError(await withdraw(shuji, s3.id, {}), 400, "invalid", "/reason");
  let e = expectError(await withdraw(shuji, s2.id), 409, "conflict", "/step_id");
  assert.match(e.message, /最后记录的一步（第3步/);
  expectError(await withdraw(shuji, 999999), 404, "not_found", "/step_id");
  assert.equal(audits(), before);
  d = expectStatus(await withdraw(shuji, s3.id), 200).json;
  assert.equal(d.status, "applicant");
  assert.equal(d.last_step, 2);
  assert.deepEqual(d.next_steps.map((x) => x.step), [3]);
  const gone = d.steps.find((x) => x.id === s3.id);
  assert.equal(gone.withdrawn.reason, "日期记错，应为3月15日");
  assert.equal(audits(), before + 1);
  expectError(await withdraw(shuji, s3.id), 409, "conflict", "/step_id"); // already withdrawn
  // Recorded again with the right date; the withdrawn one stays in the record.
  expectStatus(await step(shuji, id, { step: 3, date: "2022-03-15" }), 201);
  d = await detail(id);
  assert.equal(d.status, "activist");
  assert.deepEqual(d.steps.map((x) => [x.step, Boolean(x.withdrawn)]), [[1, false], [2, false], [3, true], [3, false]]);
  // The application itself is not withdrawn (only ended by the procedure).
  await withdraw(shuji, d.steps[3].id);
  e = expectError(await withdraw(shuji, s1.id), 409, "conflict", "/step_id");
  await withdraw(shuji, s2.id);
  e = expectError(await withdraw(shuji, s1.id), 409, "conflict", "/step_id");
  assert.match(e.message, /入党申请本身不能撤回/);
});

test("DEV-TRAIN: short training is refused; the approving committee may override it with a reason, kept with the step", async () => {
  const id = await apply({ birth: "19991009", applied_on: "2021-01-10" });
  await walk(id, 2, 10, { ...DATES, 2: "2021-01-20", 3: "2021-02-01", 4: "2021-02-02", 5: "2021-02-03", 6: "2021-06-01", 7: "2022-02-01", 8: "2022-02-02", 9: "2022-02-03", 10: "2022-02-04" });
  const body = { step: 11, date: "2022-02-10", training_days: 2, training_hours: 16 };
  let e = expectError(await step(shuji, id, body), 409, "conflict");
  assert.deepEqual(e.rules, ["DEV-TRAIN"]);
  assert.match(e.details[0], /2天、16学时，不足3天或24学时/);
  e = expectError(await step(shuji, id, { ...body, override_reason: "驻外工作，已线上补学" }), 409, "conflict");
  assert.match(e.details[0], /特殊情况须由有审批权限的上级党委确认/);
  const r = expectStatus(await step(jiedao, id, { ...body, override_reason: "驻外工作，已线上补学" }), 201).json;
  const t = r.findings.find((f) => f.rule === "DEV-TRAIN");
  assert.equal(t.result, "overridden");
  assert.equal(t.inputs.override_reason, "驻外工作，已线上补学");
  const s = (await detail(id)).steps.find((x) => x.step === 11);
  assert.equal(s.override_reason, "驻外工作，已线上补学");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'dev.step' AND target_id = ${id}`), 10);
});

test("取消预备党员资格 approved: the case ends and the roster records 出党", async () => {
  const id = await apply({ birth: "19961111", applied_on: "2022-01-10" });
  await walk(id, 2, 14, DATES);
  expectStatus(await step(shuji, id, { step: 15, date: "2023-03-31", vote_id: vote("2023-03-31", "admission") }), 201);
  await walk(id, 16, 22, DATES);
  expectStatus(await step(shuji, id, { step: 23, date: "2024-04-01", vote_id: vote("2024-04-01", "full_member"), decision: "cancel" }), 201);
  expectStatus(await step(jiedao, id, { step: 24, date: "2024-04-02", decision: "approved" }), 201);
  const d = await detail(id);
  assert.equal(d.status, "cancelled");
  assert.deepEqual(d.next_steps, []);
  assert.equal(one(`SELECT status FROM member WHERE id = ${d.member_id}`), "left");
  expectError(await step(shuji, id, { step: 25, date: "2024-04-03" }), 409, "conflict");
});

test("the applicant's own timeline: a resident sees their application, nobody else's, without other people's names", async () => {
  const jumin = await login(srv, "jumin");
  const [[pid, sealedIdn, birth]] = sql(srv.db, "SELECT p.id, p.id_number, p.birth_date FROM person p JOIN user_account u ON u.person_id = p.id WHERE u.username = 'jumin'");
  const idn = unseal(sealedIdn);
  const community = shequ.session.grants[0].org_id;
  const gender = Number(idn[16]) % 2 ? "男" : "女";
  const r = expectStatus(await shequ.request("POST", "/api/dev/applicants", { body: { name: "居民申请人", gender, birth_date: birth, id_number: idn, org_id: community, applied_on: "2025-01-10" } }), 201).json;
  assert.equal(Number(one(`SELECT person_id FROM dev_applicant WHERE id = ${r.id}`)), Number(pid));
  const mine = expectStatus(await jumin.request("GET", "/api/me/dev"), 200).json;
  assert.deepEqual(mine.items.map((x) => x.id), [r.id]);
  assert.deepEqual(mine.items[0].steps.map((s) => s.step), [1]);
  assert.ok(mine.items[0].deadlines.some((d) => d.rule === "DEV-TALK" && d.overdue));
  // Its own records only; the cadres' routes stay closed to a resident.
  const dangyuan = await login(srv, "dangyuan");
  assert.deepEqual(expectStatus(await dangyuan.request("GET", "/api/me/dev"), 200).json.items, []);
  expectError(await jumin.request("GET", `/api/dev/applicants/${r.id}`), 403, "forbidden");
});
