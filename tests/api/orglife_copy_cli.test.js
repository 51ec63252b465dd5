// orglife_copy_cli.test.js: `dangjian orglife copy-check` reruns the 照搬照抄 check over minutes
// that reached the database without it (a bulk load): a near copy is then flagged against its
// original and an honest record on the same topic is not; a template pasted by many branches
// is flagged for every one of them (each with its most similar few); a bad date is refused.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, expectStatus } = require("./lib/harness");

let srv, shequ, branches;
before(async () => {
  srv = await startServer({ demo: {} });
  shequ = await login(srv, "shequ");
  branches = sql(srv.db, `SELECT id, path FROM org WHERE type = 'branch' AND dissolved_on IS NULL ORDER BY id LIMIT 3`);
});
after(async () => { await srv.stop(); });

// Fictional minutes; the copy changes the branch, the date and a few words.
const ORIGINAL = "三月五日上午，第一党支部召开支部党员大会，传达学习街道党工委关于老旧小区改造的工作部署。" +
  "支部书记介绍了本社区三个小区的改造进度，组织委员通报了楼门长意见征集情况。与会党员围绕加装电梯、" +
  "地下管网更新和停车位重新划线等问题逐项讨论，提出了十二条意见建议。会议决定成立党员先锋岗，每栋楼确定一名党员联系人，" +
  "在施工期间每周收集一次居民反映的问题，由支部汇总后报社区党委。";
const COPY = ORIGINAL.replace("第一党支部", "第二党支部").replace("三月五日", "三月九日").replace("十二条", "九条");
const HONEST = "本月党员大会我们第三党支部也学了老旧小区改造的部署。大家说得最多的是施工噪音和老人出行，" +
  "有的党员建议把材料堆放点挪到小区东门外，还有人提出给行动不便的老人家里装扶手。会上分了工：" +
  "两名退休党员负责每天下午在施工现场看一看，年轻党员负责在业主群里回答居民的问题。";
const FROM = "2001-03-01", TO = "2001-03-31";

function insertMeeting(b, day, minutes, topic = "老旧小区改造") {
  return Number(sql(srv.db, `INSERT INTO meeting (tenant_id, org_id, org_path, type, topic, meets_on, starts_at, status, minutes, created_at, updated_at)
    VALUES (1, ${b[0]}, '${b[1]}', 'party_congress', '${topic}', '${day}', '${day} 09:00', 'held', '${minutes}', 0, 0) RETURNING id`)[0][0]);
}
const suspects = async () => expectStatus(await shequ.request("GET", "/api/orglife/copy-suspects"), 200).json.items;

test("minutes loaded in bulk are checked by copy-check: the copy flagged, the honest record not", async () => {
  const original = insertMeeting(branches[0], "2001-03-05", ORIGINAL);
  const copy = insertMeeting(branches[1], "2001-03-09", COPY);
  const honest = insertMeeting(branches[2], "2001-03-12", HONEST);
  assert.ok(!(await suspects()).some((i) => i.meeting_id === copy), "not checked yet");
  const r = cli(["orglife", "copy-check", "--db", srv.db, "--from", FROM, "--to", TO]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /checked 3 meetings, \d+ pairs/);
  const items = await suspects();
  assert.ok(items.some((i) => i.meeting_id === copy && i.matches_meeting_id === original), JSON.stringify(items.slice(0, 3)));
  assert.ok(!items.some((i) => [i.meeting_id, i.matches_meeting_id].includes(honest)));
  // Running it again changes nothing.
  const before = sql(srv.db, "SELECT meeting_id, matches_meeting_id FROM meeting_copy ORDER BY 1, 2");
  assert.equal(cli(["orglife", "copy-check", "--db", srv.db, "--from", FROM, "--to", TO]).status, 0);
  assert.deepEqual(sql(srv.db, "SELECT meeting_id, matches_meeting_id FROM meeting_copy ORDER BY 1, 2"), before);
});

test("a template pasted by 120 branches is flagged for each, with its 20 most similar at most", async () => {
  const ids = [];
  for (let i = 0; i < 120; i++) ids.push(insertMeeting(branches[i % 3], `2002-0${1 + (i % 9)}-1${i % 10}`, ORIGINAL.replace("三月五日上午，", ""), "模板"));
  const r = cli(["orglife", "copy-check", "--db", srv.db, "--from", "2002-01-01", "--to", "2002-12-31"]);
  assert.equal(r.status, 0, r.stderr);
  const per = new Map(sql(srv.db, `SELECT meeting_id, COUNT(*) FROM meeting_copy WHERE meeting_id IN (${ids.join(",")}) GROUP BY meeting_id`).map(([m, n]) => [Number(m), Number(n)]));
  // Each is found from its later side: every one but the first has pairs, none more than 20.
  const later = ids.filter((id) => id !== Math.min(...ids));
  assert.ok(later.filter((id) => !per.has(id)).length <= 1, `flagged: ${per.size} of ${ids.length}`);
  assert.ok([...per.values()].every((n) => n <= 20));
});

test("copy-check refuses a date that is not one", () => {
  const r = cli(["orglife", "copy-check", "--db", srv.db, "--from", "2001-13-01"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /YYYY-MM-DD/);
});
