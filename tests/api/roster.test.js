// roster.test.js: the roster as cadres find it (issue 14): 转正 stores the decision date and
// dates the history by it, an ended 预备期 is a DEV-PROB-END finding on the member and in the
// org's advisories; one 学历 list with aliases; person names; 党小组 membership apart from the
// org relation; the dashboard's status chart counts the roll and adds up; the names of a
// community's ancestors; an export with full ID numbers imports back unchanged.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, sqlPlain, cli, expectStatus, expectError, today, shiftYears, PG, idHash } = require("./lib/harness");
const { demoId, buildXlsx } = require("./lib/xlsx");

let srv, shequ, shuji, community, branch;

before(async () => {
  srv = await startServer({ demo: {} });
  shequ = await login(srv, "shequ");
  shuji = await login(srv, "shuji");
  community = shequ.session.grants[0].org_id;
  branch = shuji.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const create = async (body) => expectStatus(await shequ.request("POST", "/api/members", { body: { org_id: branch, ...body } }), 201).json;

test("转正 stores the decision date as full_member_on and dates the history by it", async () => {
  const joined = shiftYears(today(), -2);
  const m = await create({ name: "转正测", id_number: demoId("19900101", "311"), status: "probationary", joined_on: joined });
  const decided = shiftYears(today(), -1);
  const r = expectStatus(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { status: "full", effective_on: decided, doc_no: "社党委〔2025〕1号" } }), 200).json;
  assert.equal(r.status, "full");
  assert.equal(r.full_member_on, decided);
  const ev = expectStatus(await shequ.request("GET", `/api/members/${m.id}/events`), 200).json.items;
  const conv = ev.find((e) => e.kind === "status");
  assert.equal(conv.effective_on, decided);
  assert.equal(conv.kind_label, "转正");
  // Given only the 转正 date, the history takes it too.
  const m2 = await create({ name: "转正乙", id_number: demoId("19900102", "321"), status: "probationary", joined_on: joined });
  expectStatus(await shequ.request("PATCH", `/api/members/${m2.id}`, { body: { status: "full", full_member_on: decided } }), 200);
  const ev2 = expectStatus(await shequ.request("GET", `/api/members/${m2.id}/events`), 200).json.items;
  assert.equal(ev2.find((e) => e.kind === "status").effective_on, decided);
});

test("DEV-PROB-END: an ended 预备期 is a finding on the member, in the list and in the org's advisories", async () => {
  const joined = shiftYears(today(), -3);
  const m = await create({ name: "逾期预备", id_number: demoId("19910101", "331"), status: "probationary", joined_on: joined });
  assert.equal(m.probation_ends_on, shiftYears(joined, 1));
  assert.deepEqual(m.findings.map((f) => f.rule_id), ["DEV-PROB-END"]);
  assert.match(m.findings[0].message, /预备期已于 .* 届满/);
  const fresh = await create({ name: "新预备", id_number: demoId("19910102", "341"), status: "probationary", joined_on: today() });
  assert.deepEqual(fresh.findings, []);
  const list = expectStatus(await shequ.request("GET", `/api/members?q=${encodeURIComponent("逾期预备")}`), 200).json.items;
  assert.equal(list[0].findings[0].rule_id, "DEV-PROB-END");
  const adv = expectStatus(await shequ.request("GET", `/api/orgs/${branch}`), 200).json.advisories;
  const a = adv.find((x) => x.code === "DEV-PROB-END");
  assert.ok(a, JSON.stringify(adv));
  assert.match(a.message, /逾期预备/);
  assert.doesNotMatch(a.message, /新预备/);
  const sub = expectStatus(await shequ.request("GET", `/api/orgs/${community}/advisories`), 200).json.items;
  assert.ok(sub.some((x) => x.code === "DEV-PROB-END" && x.org_id === branch));
  // The rule is a row, not a constant: a longer 预备期 in the row moves the end.
  const [[months]] = sql(srv.db, "SELECT months FROM member_rule WHERE rule_id = 'DEV-PROB-END'");
  assert.equal(months, "12");
});

test("学历: one list in the standard's wording; aliases are stored as it; demo uses it", async () => {
  const meta = expectStatus(await shequ.request("GET", "/api/meta"), 200).json;
  const list = meta.codes.member_education.map((r) => r.code);
  assert.deepEqual(list, ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"]);
  const m = await create({ name: "学历测", id_number: demoId("19880101", "351"), education: "本科" });
  assert.equal(m.education, "大学本科");
  const r = expectStatus(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { education: "大专" } }), 200).json;
  assert.equal(r.education, "大学专科");
  expectError(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { education: "幼儿园" } }), 400, "invalid", "/education");
  const stored = sql(srv.db, "SELECT DISTINCT education FROM person WHERE education IS NOT NULL AND education <> ''").map((x) => x[0]);
  for (const e of stored) assert.ok(list.includes(e), `stored 学历 ${e} is not in the list`);
  const stats = expectStatus(await shequ.request("GET", `/api/orgs/${community}/stats`), 200).json;
  for (const e of stats.by_education) assert.ok(e.key === "" || list.includes(e.key), e.key);
});

test("学历: migration 0011 maps the old words of stored rows, and the counters follow", async () => {
  const ids = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id LIMIT 3`).map((r) => r[0]);
  sql(srv.db, `UPDATE person SET education = '本科' WHERE id = ${ids[0]}`);
  sql(srv.db, `UPDATE person SET education = '大专' WHERE id = ${ids[1]}`);
  sql(srv.db, `UPDATE person SET education = '硕士研究生' WHERE id = ${ids[2]}`);
  // Back to version 10, then migrate again: 0011 runs over the old words (the tables of 0011
  // and later dropped first, as they were not there at version 10).
  sql(srv.db, "DELETE FROM schema_version WHERE version >= 11");
  sql(srv.db, PG ? "DROP TRIGGER demands_org_path ON org" : "DROP TRIGGER demands_org_path");
  for (const t of ["proj_accountability", "proj_evaluation", "proj_note", "proj_milestone", "proj_photo", "project", "proj_objection", "proj_selection_item", "proj_selection", "proj_proposal_need", "proj_proposal", "proj_need", "proj_budget", "proj_rule"]) sql(srv.db, `DROP TABLE ${t}`); // they refer to demand
  for (const t of ["demand_assist", "demand_photo", "demand_event", "demand", "demand_rule", "demand_category", "grid_worker"]) sql(srv.db, `DROP TABLE ${t}`);
  sql(srv.db, "DROP INDEX household_grid; ALTER TABLE household DROP COLUMN grid_id; ALTER TABLE household DROP COLUMN building_id; DROP TABLE building; DROP TABLE grid");
  for (const t of ["notification", "delib_choice", "delib_voter", "delib_option", "delib_poll", "delib_presence", "delib_meeting", "delib_seat", "delib_body", "delib_rule", "volunteer_certificate", "volunteer_hours", "volunteer_post_record", "volunteer_claim", "volunteer_post", "volunteer_signup_event", "volunteer_signup", "volunteer_activity", "volunteer_team_member", "volunteer_team", "volunteer_rule", "fund_reward", "fund_photo", "fund_spend", "fund_allocation", "fund_line", "fund_activity", "fund_plan", "fund_budget", "fund_category", "fund_rule", "dues_relief", "xfer_report_review", "xfer_report_service", "xfer_report", "seal_check", "xfer_lost_decision", "xfer_lost_contact", "xfer_flow_meeting", "xfer_flow", "xfer_letter", "xfer", "xfer_rule", "dues_entry", "dues_standard", "dues_setting", "dues_rule", "dev_document", "dev_rule_switch", "dev_person", "dev_step", "dev_applicant", "dev_org", "dev_step_def", "dev_rule", "meeting_signin", "meeting_attachment", "study_record", "study_material", "eval_subject", "eval_round", "study_target_rule", "eval_rule", "meeting_voter", "meeting_vote", "vote_rule", "meeting_copy", "meeting_band", "meeting_sig", "meeting_attendance", "meeting_agenda", "meeting_year", "meeting", "orglife_rule", "user_recovery_code", "user_totp", "member_group", "member_rule"]) sql(srv.db, `DROP TABLE ${t}`);
  // Triggers (and on PostgreSQL their functions) of later migrations on tables that stay.
  const LATER = "(name LIKE 'generation_orglife_%' OR name IN ('meeting_org_path', 'dues_entry_org_path', 'xfer_org_path', 'volunteer_org_path', 'fund_org_path'))";
  const triggers = PG
    ? sql(srv.db, `SELECT name, tbl FROM (SELECT t.tgname AS name, c.relname AS tbl FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal) x WHERE ${LATER}`)
    : sql(srv.db, `SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND ${LATER}`);
  for (const [t, table] of triggers) sql(srv.db, PG ? `DROP TRIGGER ${t} ON ${table}` : `DROP TRIGGER ${t}`);
  if (PG) sql(srv.db, "DROP FUNCTION dj_meeting_org_path(); DROP FUNCTION dj_dues_entry_org_path(); DROP FUNCTION dj_demands_org_path(); DROP FUNCTION dj_bump_demands(); DROP FUNCTION dj_volunteer_org_path(); DROP FUNCTION dj_bump_volunteer()");
  sql(srv.db, "DELETE FROM generation WHERE name IN ('orglife', 'dev', 'dues', 'demands', 'transfers', 'volunteer', 'funds', 'projects', 'deliberation'); DROP INDEX org_post_org");
  sql(srv.db, "ALTER TABLE member DROP COLUMN probation_extended_to"); // 0020's column
  // The seal migration's column and, on PostgreSQL, the constraint it dropped; the values stay sealed
  // and the start-up pass gives them their blind index again.
  sql(srv.db, "DROP INDEX person_id_hash; ALTER TABLE person DROP COLUMN id_hash");
  if (PG) sql(srv.db, "ALTER TABLE person ADD CONSTRAINT person_id_number_key UNIQUE (id_number)");
  const r = cli(["migrate", "--db", srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(sql(srv.db, `SELECT education FROM person WHERE id IN (${ids.join(",")}) ORDER BY id`).map((x) => x[0]),
    ["大学本科", "大学专科", "研究生"]);
  assert.deepEqual(sql(srv.db, "SELECT count(*) FROM member_stat WHERE dim = 'education' AND key IN ('本科', '大专', '硕士研究生') AND n <> 0"), [["0"]]);
  const v = cli(["stats", "verify", "--db", srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test("names: CJK, middle dot (look-alikes normalized), Latin and spaces, 1–40; markup refused", async () => {
  const m = await create({ name: "阿依古丽・买买提", id_number: demoId("19870101", "361") });
  assert.equal(m.name, "阿依古丽·买买提");
  const l = await create({ name: "  John   Smith ", id_number: demoId("19870102", "371") });
  assert.equal(l.name, "John Smith");
  let e = expectError(await shequ.request("POST", "/api/members", { body: { org_id: branch, name: "<img src=x onerror=alert(1)>", id_number: demoId("19870103", "381") } }), 400, "invalid", "/name");
  assert.match(e.message, /姓名中不能有“<”/);
  e = expectError(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { name: "·买买提" } }), 400, "invalid", "/name");
  assert.match(e.message, /间隔号/);
  expectError(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { name: "张".repeat(41) } }), 400, "invalid", "/name");
  expectError(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { name: "张三3" } }), 400, "invalid", "/name");
});

test("names: the import refuses markup too, and takes 本科 as 大学本科", async () => {
  const [[bname]] = sql(srv.db, `SELECT name FROM org WHERE id = ${branch}`);
  const buf = buildXlsx([["姓名", "身份证号", "所在党组织", "学历"],
    ["<img src=x onerror=alert(1)>", demoId("19840101", "401"), bname, "本科"],
    ["热依拉•艾买提", demoId("19840102", "411"), bname, "本科"]]);
  const form = new FormData();
  form.append("file", new Blob([buf]), "names.xlsx");
  const r = expectStatus(await shequ.request("POST", "/api/members/import?skip_invalid=1", { raw: form }), 200).json;
  assert.deepEqual(r.errors.map((e) => [e.row, e.column]), [[2, "姓名"]]);
  assert.equal(r.created, 1);
  assert.deepEqual(sql(srv.db, `SELECT name, education FROM person WHERE id_hash = '${idHash(demoId("19840102", "411"))}'`), [["热依拉·艾买提", "大学本科"]]);
});

test("党小组: membership is an assignment; the relation stays with the branch", async () => {
  const [[gid, gname]] = sql(srv.db, `SELECT id, name FROM org WHERE parent_id = ${branch} AND type = 'group' AND dissolved_on IS NULL LIMIT 1`);
  const m = await create({ name: "小组测", id_number: demoId("19860101", "391") });
  assert.equal(m.group_id, null);
  const r = expectStatus(await shuji.request("PUT", `/api/members/${m.id}/group`, { body: { group_id: Number(gid) } }), 200).json;
  assert.equal(r.group_id, Number(gid));
  assert.equal(r.group_name, gname);
  assert.equal(r.org_id, branch);
  const list = expectStatus(await shuji.request("GET", `/api/members?q=${encodeURIComponent("小组测")}`), 200).json.items;
  assert.equal(list[0].group_name, gname);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'member.group' AND target_id = ${m.id}`)[0][0], "1");
  // Only a 党小组 of the member's own org.
  expectError(await shuji.request("PUT", `/api/members/${m.id}/group`, { body: { group_id: branch } }), 400, "invalid", "/group_id");
  // A move to another org ends the membership.
  const [[other]] = sql(srv.db, `SELECT id FROM org WHERE parent_id = ${community} AND id <> ${branch} AND type = 'branch' LIMIT 1`);
  const moved = expectStatus(await shequ.request("PATCH", `/api/members/${m.id}`, { body: { org_id: Number(other) } }), 200).json;
  assert.equal(moved.group_id, null);
  expectStatus(await shequ.request("PUT", `/api/members/${m.id}/group`, { body: { group_id: 0 } }), 200);
});

test("dashboard: the status chart counts the roll, departures apart, and every chart adds up", async () => {
  const jiedao = await login(srv, "jiedao");
  for (const [c, org] of [[jiedao, jiedao.session.grants[0].org_id], [shequ, community], [shuji, branch]]) {
    const s = expectStatus(await c.request("GET", `/api/orgs/${org}/stats`), 200).json;
    const sum = (v) => v.reduce((t, x) => t + x.count, 0);
    assert.deepEqual(s.by_status.map((x) => x.key).sort(), ["full", "probationary"].filter((k) => s.by_status.some((x) => x.key === k)).sort());
    assert.equal(sum(s.by_status), s.members);
    for (const k of ["by_category", "by_gender", "by_age", "by_education"]) assert.equal(sum(s[k]), s.members, k);
    // 在册 is what the roster lists as current members.
    const roll = expectStatus(await c.request("GET", `/api/members?org=${org}&status=current&size=1`), 200).json.total;
    assert.equal(s.members, roll);
    assert.ok(Array.isArray(s.departures));
    for (const d of s.departures) assert.ok(["left", "suspended", "deceased"].includes(d.key));
    const dead = s.departures.find((d) => d.key === "deceased");
    if (dead) assert.equal(dead.label, "去世");
  }
});

test("a community admin reads its ancestors' names, nothing below them", async () => {
  const o = expectStatus(await shequ.request("GET", `/api/orgs/${community}`), 200).json;
  const [[parent, pname]] = sql(srv.db, `SELECT p.id, p.name FROM org o JOIN org p ON p.id = o.parent_id WHERE o.id = ${community}`);
  assert.equal(o.parent_id, Number(parent));
  assert.equal(o.parent_name, pname);
  assert.ok(o.ancestors.length >= 1);
  assert.equal(o.ancestors[o.ancestors.length - 1].name, pname);
  for (const a of o.ancestors) assert.deepEqual(Object.keys(a).sort(), ["id", "name"]);
  expectError(await shequ.request("GET", `/api/orgs/${parent}`), 404, "not_found");
});

test("export with full ID numbers (audited) imports back unchanged", async () => {
  const url = `${srv.url}/api/members/export?org=${branch}&reveal=id_number,phone,address`;
  const res = await fetch(url, { headers: { Cookie: shuji.cookie } });
  assert.equal(res.status, 200);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'member.export_reveal'")[0][0] >= "1", true);
  // Every stored field of the branch's members and their persons (not the write times).
  const roster = () => sqlPlain(srv.db, `SELECT m.id, m.org_id, m.status, m.category, m.joined_on, m.full_member_on, m.work_unit, m.post,
    p.name, p.former_name, p.gender, p.ethnicity, p.birth_date, p.id_number, p.phone, p.address, p.hukou, p.education,
    (SELECT group_concat(t.tag, ',') FROM (SELECT tag FROM member_tag WHERE member_id = m.id ORDER BY tag) t)
    FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path LIKE '%/${branch}/%' ORDER BY m.id`);
  const before = roster();
  const form = new FormData();
  form.append("file", new Blob([buf]), "export.xlsx");
  const r = expectStatus(await shuji.request("POST", `/api/members/import?org=${branch}`, { raw: form }), 200).json;
  assert.equal(r.rejected, 0, JSON.stringify(r.errors));
  assert.equal(r.created, 0);
  assert.ok(r.rows > 0);
  assert.equal(r.unchanged, r.rows);
  assert.deepEqual(roster(), before);
});

test("accounts: the session lists only the roles its holder may grant; person_id links an account", async () => {
  assert.ok(!shequ.session.grantable_roles.includes("admin"));
  assert.ok(shequ.session.grantable_roles.includes("member"));
  assert.deepEqual(shuji.session.grantable_roles, []);
  const admin = await login(srv, "admin");
  assert.ok(admin.session.grantable_roles.includes("admin"));
  // What is offered is what the server accepts.
  for (const role of ["admin", ...shequ.session.grantable_roles]) {
    const r = await shequ.request("POST", "/api/users", { body: { username: `grant_${role}`, display_name: "授权测", password: "Grant-Pass-2026!", role, org_id: community } });
    assert.equal(r.status, role === "admin" ? 403 : 201, `${role}: ${r.text}`);
  }
  const [[pid]] = sql(srv.db, `SELECT person_id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id DESC LIMIT 1`);
  const u = expectStatus(await shequ.request("POST", "/api/users", { body: { username: "linked_one", display_name: "关联测", password: "Grant-Pass-2026!", role: "member", org_id: branch, person_id: Number(pid) } }), 201).json;
  assert.equal(u.person_id, Number(pid));
});
