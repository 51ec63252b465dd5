// in_service.test.js: 在职党员到社区报到 (issue 18, RULES.md §9) over the API on the demo street:
// the demo community's three registrations with their year of services; a member of the tree
// and a person outside it registered (the person's phone typed full-width, stored sealed);
// both sides see a registration (双报到: the community, and the workplace branch, which may
// read the summary but not write); services, the yearly evaluation and the end recorded; every
// bad input refused with its field path and nothing written.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError, unseal } = require("./lib/harness");

let srv, jiedao, shuji, shequ, branch, community, otherCommunity;
before(async () => {
  srv = await startServer({ demo: {} });
  [jiedao, shuji, shequ] = await Promise.all(["jiedao", "shuji", "shequ"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  community = shequ.session.grants[0].org_id;
  otherCommunity = Number(sql(srv.db, `SELECT id FROM org WHERE type = 'community_committee' AND id <> ${community} AND dissolved_on IS NULL ORDER BY id LIMIT 1`)[0][0]);
});
after(async () => { await srv.stop(); });

const count = (q) => Number(sql(srv.db, q)[0][0]);
const year = Number(today().slice(0, 4));
const thisYear = year;
const writes = () => [count("SELECT COUNT(*) FROM xfer_report"), count("SELECT COUNT(*) FROM person"), count("SELECT COUNT(*) FROM xfer_report_service"),
  count("SELECT COUNT(*) FROM xfer_report_review"), count("SELECT COUNT(*) FROM audit")];

test("the demo community's in-service members: three registrations, the year's services counted as recorded", async () => {
  const list = expectStatus(await shequ.request("GET", "/api/in-service"), 200).json;
  assert.equal(list.year, year);
  assert.equal(list.items.length, 3);
  for (const r of list.items) {
    assert.equal(r.community_id, community);
    assert.equal(r.side, "community");
    assert.equal(r.ended_on, null);
    assert.equal(r.services, count(`SELECT COUNT(*) FROM xfer_report_service WHERE report_id = ${r.id} AND served_on LIKE '${year}-%'`));
    assert.equal(r.minutes, count(`SELECT COALESCE(SUM(minutes), 0) FROM xfer_report_service WHERE report_id = ${r.id} AND served_on LIKE '${year}-%'`));
  }
  assert.equal(list.items.filter((r) => r.member_id).length, 1, "one member of the tree, two whose relation lies outside it");
  // Last year's evaluation is on last year's summary.
  const s = expectStatus(await shequ.request("GET", `/api/in-service/${list.items[0].id}/summary?year=${year - 1}`), 200).json;
  assert.ok(["优秀", "良好"].includes(s.grade_label));
  assert.equal(s.total_minutes, s.items.reduce((t, i) => t + i.minutes, 0));
  assert.ok(s.items.every((i) => i.served_on.startsWith(`${year - 1}-`)));
});

test("a person outside the tree registers with the community: normalized, the phone sealed; bad input refused, nothing written", async () => {
  const body = { community_id: community, name: "\u00a0罗明远\u3000", gender: "男", phone: "１３８ １２３４ ５６７８", unit_org_name: "中共青溪区教育局机关委员会",
    work_unit: "青溪区教育局", skills: "书法", wishes: "给社区孩子上书法课" };
  const w = writes();
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, community_id: branch } }), 400, "invalid", "/community_id");
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, unit_org_name: "" } }), 400, "invalid", "/unit_org_name");
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, gender: "" } }), 400, "invalid", "/gender");
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, phone: "12345" } }), 400, "invalid", "/phone");
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, reported_on: "2999-01-01" } }), 400, "invalid", "/reported_on");
  // A member whose relation lies in the community itself has nothing to report.
  const [[own]] = sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' AND id NOT IN (SELECT member_id FROM xfer_report WHERE member_id IS NOT NULL) LIMIT 1`);
  const bad = expectError(await shequ.request("POST", "/api/in-service", { body: { community_id: community, member_id: Number(own) } }), 400, "invalid", "/member_id");
  assert.match(bad.message, /无需到本社区报到/);
  // Another community is not the community cadre's.
  expectError(await shequ.request("POST", "/api/in-service", { body: { ...body, community_id: otherCommunity } }), 404, "not_found");
  assert.deepEqual(writes(), w);

  const { id } = expectStatus(await shequ.request("POST", "/api/in-service", { body }), 201).json;
  const [[pid, name, gender, phone]] = sql(srv.db, `SELECT p.id, p.name, p.gender, p.phone FROM xfer_report r JOIN person p ON p.id = r.person_id WHERE r.id = ${id}`);
  assert.deepEqual([name, gender], ["罗明远", "M"]);
  assert.equal(unseal(phone), "13812345678");
  assert.equal(count(`SELECT COUNT(*) FROM member WHERE person_id = ${pid}`), 0, "not put on any roster");
  assert.equal(count(`SELECT COUNT(*) FROM audit WHERE action = 'transfer.report' AND target_id = ${id}`), 1);
  // The same person from the same workplace twice: refused, nothing written.
  const w2 = writes();
  expectError(await shequ.request("POST", "/api/in-service", { body }), 409, "conflict", "/name");
  assert.deepEqual(writes(), w2);
});

test("a member of the tree is registered by the member's side: the workplace branch may, a community cadre holding only the community may not (404, nothing shown)", async () => {
  const [[foreign]] = sql(srv.db, `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE m.status = 'full'
    AND o.path LIKE (SELECT path FROM org WHERE id = ${otherCommunity}) || '%' ORDER BY m.id LIMIT 1`);
  const w = writes();
  expectError(await shequ.request("POST", "/api/in-service", { body: { community_id: community, member_id: Number(foreign) } }), 404, "not_found");
  assert.deepEqual(writes(), w);
  const [[own]] = sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' AND id NOT IN (SELECT member_id FROM xfer_report WHERE member_id IS NOT NULL) ORDER BY id LIMIT 1`);
  const { id } = expectStatus(await shuji.request("POST", "/api/in-service", { body: { community_id: otherCommunity, member_id: Number(own), skills: "财会" } }), 201).json;
  assert.equal(expectStatus(await shuji.request("GET", "/api/in-service"), 200).json.items.find((r) => r.id === id).side, "unit");
});

test("a member of the tree reports to another community: both sides see it; the workplace reads the summary but does not write", async () => {
  const [[m, mname]] = sql(srv.db, `SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND m.status = 'full'
    AND m.id NOT IN (SELECT member_id FROM xfer_report WHERE member_id IS NOT NULL) ORDER BY m.id DESC LIMIT 1`);
  const { id } = expectStatus(await jiedao.request("POST", "/api/in-service", { body: { community_id: otherCommunity, member_id: Number(m), skills: "水电维修" } }), 201).json;
  const again = expectError(await jiedao.request("POST", "/api/in-service", { body: { community_id: otherCommunity, member_id: Number(m) } }), 409, "conflict", "/member_id");
  assert.match(again.message, /已在社区报到/);
  // The branch and its community (the workplace side) list it as such.
  const mine = expectStatus(await shuji.request("GET", "/api/in-service"), 200).json.items.find((r) => r.id === id);
  assert.deepEqual([mine.side, mine.name, mine.unit_org_id, mine.community_id], ["unit", mname, branch, otherCommunity]);
  assert.equal(expectStatus(await shequ.request("GET", "/api/in-service"), 200).json.items.find((r) => r.id === id).side, "unit");
  // Services: recorded by the community (the street here), not by the workplace.
  const svc = { served_on: today(), minutes: 90, kind: "skill", content: "为独居老人检修线路" };
  expectError(await shuji.request("POST", `/api/in-service/${id}/services`, { body: svc }), 404, "not_found");
  const w = writes();
  expectError(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: { ...svc, minutes: 0 } }), 400, "invalid", "/minutes");
  expectError(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: { ...svc, minutes: 1441 } }), 400, "invalid", "/minutes");
  expectError(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: { ...svc, kind: "sleeping" } }), 400, "invalid", "/kind");
  expectError(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: { ...svc, served_on: "2020-01-01" } }), 400, "invalid", "/served_on");
  expectError(await jiedao.request("PUT", `/api/in-service/${id}/review`, { body: { year: year - 1, grade: "good", comment: "表现良好" } }), 400, "invalid", "/year");
  expectError(await jiedao.request("PUT", `/api/in-service/${id}/review`, { body: { year, grade: "perfect", comment: "表现良好" } }), 400, "invalid", "/grade");
  assert.deepEqual(writes(), w);
  expectStatus(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: svc }), 201);
  expectStatus(await jiedao.request("POST", `/api/in-service/${id}/services`, { body: { ...svc, minutes: 60, kind: "publicity", content: "宣讲安全用电" } }), 201);
  expectStatus(await jiedao.request("PUT", `/api/in-service/${id}/review`, { body: { year, grade: "good", comment: "按时参加服务" } }), 200);
  expectStatus(await jiedao.request("PUT", `/api/in-service/${id}/review`, { body: { year, grade: "excellent", comment: "主动认领服务，居民评价好" } }), 200);
  // The workplace reads the yearly summary (the 反馈表).
  const s = expectStatus(await shuji.request("GET", `/api/in-service/${id}/summary?year=${year}`), 200).json;
  assert.deepEqual([s.items.length, s.total_minutes, s.grade, s.grade_label, s.comment], [2, 150, "excellent", "优秀", "主动认领服务，居民评价好"]);
  assert.deepEqual(s.items.map((i) => i.kind_label), ["专业技能服务", "政策宣讲"]);
  // The end: once; services after it refused.
  expectError(await jiedao.request("POST", `/api/in-service/${id}/end`, { body: { reason: "搬" } }), 400, "invalid", "/reason");
  const ended = expectStatus(await jiedao.request("POST", `/api/in-service/${id}/end`, { body: { reason: "迁出本社区" } }), 200).json;
  assert.deepEqual([ended.ended_on, ended.end_reason], [today(), "迁出本社区"]);
  expectError(await jiedao.request("POST", `/api/in-service/${id}/end`, { body: { reason: "迁出本社区" } }), 409, "conflict", "/ended_on");
  // Ended, the member may register again (moved back).
  expectStatus(await jiedao.request("POST", "/api/in-service", { body: { community_id: otherCommunity, member_id: Number(m) } }), 201);
});

test("the 反馈表 carries the volunteer service verified in the volunteer area that year, not typed again", async () => {
  // A member of the demo branch with verified volunteer hours on two days or more of a year
  // (this one, or last one early in January) reports to another community (registered by the
  // street) from that year's 1 January.
  const served = (y) => sql(srv.db, `SELECT m.id, m.person_id FROM member m WHERE m.org_id = ${branch} AND m.status = 'full'
    AND m.id NOT IN (SELECT member_id FROM xfer_report WHERE member_id IS NOT NULL)
    AND (SELECT COUNT(DISTINCT substr(h.start_at, 1, 10)) FROM volunteer_hours h WHERE h.person_id = m.person_id AND h.status = 'verified' AND h.start_at LIKE '${y}-%') >= 2 ORDER BY m.id LIMIT 1`);
  const year = served(thisYear).length ? thisYear : thisYear - 1;
  const [[m, person]] = served(year);
  const { id } = expectStatus(await jiedao.request("POST", "/api/in-service", { body: { community_id: otherCommunity, member_id: Number(m), reported_on: `${year}-01-01` } }), 201).json;
  const s = expectStatus(await jiedao.request("GET", `/api/in-service/${id}/summary?year=${year}`), 200).json;
  const rec = expectStatus(await jiedao.request("GET", `/api/volunteer/people/${person}/record?year=${year}`), 200).json;
  const verified = rec.hours.filter((h) => h.status === "verified");
  // Registered from 1 January: the whole year's verified hours count.
  assert.ok(verified.length > 0);
  assert.deepEqual(s.volunteer_items.map((v) => v.id).sort((x, y) => x - y), verified.map((h) => h.id).sort((x, y) => x - y));
  assert.equal(s.volunteer_minutes, verified.reduce((t, h) => t + h.minutes, 0));
  assert.ok(s.volunteer_items.every((v) => v.kind_label === "志愿服务" && v.served_on.startsWith(`${year}-`)));
  assert.equal(s.items.length, 0, "nothing typed on the 服务登记卡");
  // Ended mid-year: only the hours while registered.
  const days = [...new Set(verified.map((h) => h.start.slice(0, 10)))].sort();
  assert.ok(days.length > 1, "the demo volunteer served on several days");
  const end = days[Math.floor(days.length / 2) - 1];
  expectStatus(await jiedao.request("POST", `/api/in-service/${id}/end`, { body: { ended_on: end, reason: "迁出本社区" } }), 200);
  const s2 = expectStatus(await jiedao.request("GET", `/api/in-service/${id}/summary?year=${year}`), 200).json;
  assert.deepEqual(s2.volunteer_items.map((v) => v.id).sort((x, y) => x - y), verified.filter((h) => h.start.slice(0, 10) <= end).map((h) => h.id).sort((x, y) => x - y));
  assert.ok(s2.volunteer_items.length < verified.length);
  // A person the volunteer area does not know: no volunteer service, no error.
  const demo = expectStatus(await shequ.request("GET", "/api/in-service"), 200).json.items.find((r) => !r.member_id);
  assert.deepEqual(expectStatus(await shequ.request("GET", `/api/in-service/${demo.id}/summary?year=${year}`), 200).json.volunteer_items, []);
});
