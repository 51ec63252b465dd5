// orgs.test.js: the org network API on the demo street: tree today and as of a past date
// after 更名 and 隶属调整 events, creation under type rules, terms with rule-derived length,
// RULES.md §3.1 advisories and the stats dashboard against counts computed with sqlite3.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError, today, shiftYears, cli } = require("./lib/harness");

let srv, jiedao, shequ, shuji, community, street;

before(async () => {
  srv = await startServer({ demo: {} });
  jiedao = await login(srv, "jiedao");
  shequ = await login(srv, "shequ");
  shuji = await login(srv, "shuji");
  street = jiedao.session.grants[0].org_id;
  community = shequ.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const path = (id) => sql(srv.db, `SELECT path FROM org WHERE id = ${id}`)[0][0];
const up = (p) => `${p.slice(0, -1)}0`;
const find = (node, id) => node.id === id ? node : node.children.map((c) => find(c, id)).find(Boolean);

test("org JSON contract and children", async () => {
  const r = expectStatus(await shequ.request("GET", `/api/orgs/${community}`), 200);
  for (const k of ["id", "parent_id", "name", "type", "path"]) assert.ok(k in r.json, k);
  const kids = expectStatus(await shequ.request("GET", `/api/orgs/${community}/children`), 200);
  assert.equal(kids.json.total, Number(sql(srv.db, `SELECT count(*) FROM org WHERE parent_id = ${community} AND dissolved_on IS NULL`)[0][0]));
});

test("tree as of a past date after 更名 and 隶属调整", async () => {
  const [a, b] = sql(srv.db, `SELECT id FROM org WHERE parent_id = ${community} AND type = 'branch' ORDER BY id LIMIT 2`).map((x) => Number(x[0]));
  const oldName = sql(srv.db, `SELECT name FROM org WHERE id = ${a}`)[0][0];
  const group = Number(sql(srv.db, `SELECT id FROM org WHERE parent_id = ${a} AND type = 'group' LIMIT 1`)[0][0]);
  const e1 = expectStatus(await shequ.request("POST", `/api/orgs/${a}/events`, { body: { kind: "rename", effective_on: "2026-02-01", new_name: "改名后的党支部", doc_no: "盛委〔2026〕5号" } }), 201);
  const e2 = expectStatus(await shequ.request("POST", `/api/orgs/${group}/events`, { body: { kind: "move", effective_on: "2026-03-01", new_parent_id: b } }), 201);
  // event_id is the new row's id (not a constant).
  assert.equal(e1.json.event_id, Number(sql(srv.db, `SELECT max(id) FROM org_event WHERE org_id = ${a}`)[0][0]));
  assert.equal(e2.json.event_id, Number(sql(srv.db, `SELECT max(id) FROM org_event WHERE org_id = ${group}`)[0][0]));
  assert.ok(e2.json.event_id > e1.json.event_id);
  assert.equal(e1.json.items.find((e) => e.id === e1.json.event_id).kind, "rename");
  assert.ok(path(group).startsWith(path(b)));
  let t = expectStatus(await shequ.request("GET", `/api/orgs/${community}/tree`), 200).json;
  assert.equal(find(t, a).name, "改名后的党支部");
  assert.ok(find(find(t, b), group));
  t = expectStatus(await shequ.request("GET", `/api/orgs/${community}/tree?as_of=2026-01-15`), 200).json;
  assert.equal(find(t, a).name, oldName);
  assert.ok(find(find(t, a), group), "the group sat under its old branch then");
  assert.ok(!find(find(t, b), group));
  t = expectStatus(await shequ.request("GET", `/api/orgs/${community}/tree?as_of=2026-02-15`), 200).json;
  assert.equal(find(t, a).name, "改名后的党支部");
  assert.ok(find(find(t, a), group));
  expectError(await shequ.request("GET", `/api/orgs/${community}/tree?as_of=1990-01-01`), 404, "not_found");
  // Members of the moved group follow its path.
  assert.equal(sql(srv.db, `SELECT count(*) FROM member WHERE org_id = ${group} AND org_path <> '${path(group)}'`)[0][0], "0");
  const ev = expectStatus(await shequ.request("GET", `/api/orgs/${a}/events`), 200);
  assert.deepEqual(ev.json.items.map((e) => e.kind), ["rename", "found"]);
  expectError(await shequ.request("PATCH", `/api/orgs/${a}`, { body: { name: "直接改名" } }), 400, "invalid", "/name");
});

test("create under type rules; dissolve refuses an org with members", async () => {
  const r = expectStatus(await shequ.request("POST", "/api/orgs", { body: { parent_id: community, type: "branch", name: "新建第九党支部", founded_on: "2026-05-01", doc_no: "盛委〔2026〕9号" } }), 201);
  assert.equal(r.json.path, `${path(community)}${r.json.id}/`);
  expectError(await shequ.request("POST", "/api/orgs", { body: { parent_id: r.json.id, type: "street", name: "不合规" } }), 400, "invalid", "/type");
  const busy = sql(srv.db, `SELECT org_id FROM member WHERE org_path >= '${path(community)}' AND org_path < '${up(path(community))}' LIMIT 1`)[0][0];
  expectError(await shequ.request("POST", `/api/orgs/${busy}/events`, { body: { kind: "dissolve", effective_on: "2026-06-01" } }), 409, "conflict");
  expectStatus(await shequ.request("POST", `/api/orgs/${r.json.id}/events`, { body: { kind: "dissolve", effective_on: "2026-06-01" } }), 201);
  const t = expectStatus(await shequ.request("GET", `/api/orgs/${community}/tree?as_of=2026-05-15`), 200).json;
  assert.ok(find(t, r.json.id));
  const now = expectStatus(await shequ.request("GET", `/api/orgs/${community}/tree`), 200).json;
  assert.ok(!find(now, r.json.id));
});

test("terms: length from the rule rows; posts; expired term is an advisory", async () => {
  const branch = shuji.session.grants[0].org_id;
  const mid = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' LIMIT 1`)[0][0]);
  const r = expectStatus(await shequ.request("POST", `/api/orgs/${branch}/terms`, { body: { elected_on: "2020-03-01", posts: [{ post: "书记", member_id: mid }] } }), 201);
  const cur = r.json.items.find((t) => t.current);
  assert.equal(cur.years, 5); // a community branch: TERM-COMMUNITY
  assert.equal(cur.ends_on, "2025-03-01");
  assert.equal(cur.expired, true);
  assert.equal(cur.posts[0].post, "书记");
  const adv = expectStatus(await shequ.request("GET", `/api/orgs/${community}/advisories`), 200);
  assert.ok(adv.json.items.some((x) => x.org_id === branch && x.code === "TERM-EXPIRED"));
  expectError(await shequ.request("POST", `/api/orgs/${branch}/terms`, { body: { elected_on: "2020-03-01", posts: [{ post: "队长", member_id: mid }] } }), 400, "invalid", "/posts/0/post");
  expectError(await shuji.request("POST", `/api/orgs/${branch}/terms`, { body: { elected_on: "2021-03-01" } }), 403, "forbidden");
});

test("terms: nested posts are checked by the field spec, every bad item at once, within the depth limit", async () => {
  const branch = shuji.session.grants[0].org_id;
  const terms = () => sql(srv.db, `SELECT count(*) FROM org_term WHERE org_id = ${branch}`)[0][0];
  const before = terms();
  const e = expectError(await shequ.request("POST", `/api/orgs/${branch}/terms`, { body: { posts: [{ post: "书记" }, { post: "委员", member_id: "7" }, 5] } }), 400, "invalid", "/posts/0/member_id");
  assert.deepEqual(e.fields, [
    { field: "/posts/0/member_id", message: "班子职务第 1 项：任职党员不能为空" },
    { field: "/posts/1/member_id", message: "班子职务第 2 项：任职党员应为整数" },
    { field: "/posts/2", message: "班子职务第 3 项应为对象" },
    { field: "/elected_on", message: "选举日期不能为空" },
  ]);
  const many = Array.from({ length: 21 }, () => ({ post: "委员", member_id: 1 }));
  const m = expectError(await shequ.request("POST", `/api/orgs/${branch}/terms`, { body: { elected_on: "2021-03-01", posts: many } }), 400, "invalid", "/posts");
  assert.equal(m.message, "班子职务最多 20 项");
  expectError(await shequ.request("POST", `/api/orgs/${branch}/terms`, { body: { elected_on: "2021-03-01", posts: [{ post: "委员", member_id: 1, x: 1 }] } }), 400, "invalid", "/posts/0/x");
  // http.json_depth (32) holds for nested input too; the hand parser never checked it.
  const deep = `{"elected_on":"2021-03-01","posts":[{"post":${"[".repeat(40)}${"]".repeat(40)}}]}`;
  expectError(await shequ.request("POST", `/api/orgs/${branch}/terms`, { raw: deep, headers: { "Content-Type": "application/json" } }), 413, "limit");
  assert.equal(terms(), before, "nothing was recorded");
});

test("advisories follow RULES.md §3.1 against sqlite3 counts", async () => {
  const p = path(street);
  const adv = expectStatus(await jiedao.request("GET", `/api/orgs/${street}/advisories`), 200).json.items;
  const sizes = sql(srv.db, `SELECT o.id, (SELECT count(*) FROM member m WHERE m.org_path >= o.path AND m.org_path < substr(o.path, 1, length(o.path) - 1) || '0' AND m.status = 'full') FROM org o WHERE o.path >= '${p}' AND o.path < '${up(p)}' AND o.type IN ('branch', 'joint_branch', 'mobile_branch') AND o.dissolved_on IS NULL`);
  const small = sizes.filter(([, n]) => Number(n) < 3).map(([id]) => Number(id)).sort();
  assert.deepEqual(adv.filter((a) => a.code === "BRANCH-TOO-SMALL").map((a) => a.org_id).sort(), small);
  const expired = Number(sql(srv.db, `SELECT count(*) FROM org_term t JOIN org o ON o.id = t.org_id WHERE o.path >= '${p}' AND o.path < '${up(p)}' AND t.ended_on IS NULL AND t.ends_on < '${today()}' AND o.dissolved_on IS NULL`)[0][0]);
  assert.equal(adv.filter((a) => a.code === "TERM-EXPIRED").length, expired);
  assert.ok(adv.every((a) => a.message.length > 0));
  // The message says it in words; the rule code is a field of its own (a tooltip in the UI).
  for (const a of adv) assert.doesNotMatch(a.message, /[A-Z]{3,}-[A-Z]/, a.message);
  const RULES = { "BRANCH-TOO-SMALL": "ORG-BRANCH", "BRANCH-NEEDS-COMMITTEE": "ORG-COMMITTEE", "BRANCH-TOO-LARGE": "ORG-SIZE", "TERM-EXPIRED": "TERM-SHIFT" };
  for (const a of adv) assert.equal(a.rule, RULES[a.code], a.code);
  // An org's page shows its own advisories, exactly those of the subtree list that are about it.
  const withAdvice = [...new Set(adv.map((a) => a.org_id))].slice(0, 4);
  assert.ok(withAdvice.length > 0, "the demo street has advisories");
  for (const id of [street, ...withAdvice]) {
    const own = expectStatus(await jiedao.request("GET", `/api/orgs/${id}`), 200).json.advisories;
    assert.deepEqual(own.map((a) => a.code).sort(), adv.filter((a) => a.org_id === id).map((a) => a.code).sort(), `org ${id}`);
  }
});

test("stats equal counts computed with sqlite3", async () => {
  const p = path(community), u = up(p);
  // One member who has left: counted by status, not among the active members.
  sql(srv.db, `UPDATE member SET status = 'left' WHERE id = (SELECT max(id) FROM member m WHERE m.org_path >= '${p}' AND m.org_path < '${up(p)}')`);
  const s = expectStatus(await shequ.request("GET", `/api/orgs/${community}/stats`), 200).json;
  const active = `m.org_path >= '${p}' AND m.org_path < '${u}' AND m.status IN ('probationary', 'full')`;
  const q = (x) => Number(sql(srv.db, x)[0][0]);
  assert.equal(s.members, q(`SELECT count(*) FROM member m WHERE ${active}`));
  assert.equal(s.probationary, q(`SELECT count(*) FROM member m WHERE ${active} AND m.status = 'probationary'`));
  assert.equal(s.new_this_year, q(`SELECT count(*) FROM member m WHERE ${active} AND m.joined_on >= '${today().slice(0, 4)}-01-01'`));
  const byCat = Object.fromEntries(sql(srv.db, `SELECT category, count(*) FROM member m WHERE ${active} GROUP BY 1`).map(([k, n]) => [k, Number(n)]));
  assert.deepEqual(Object.fromEntries(s.by_category.map((c) => [c.key, c.count])), byCat);
  const byGender = Object.fromEntries(sql(srv.db, `SELECT p.gender, count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE ${active} GROUP BY 1`).map(([k, n]) => [k, Number(n)]));
  assert.deepEqual(Object.fromEntries(s.by_gender.map((c) => [c.key, c.count])), byGender);
  assert.equal(s.by_age.reduce((t, c) => t + c.count, 0), s.members);
  // Age bands by the birth date on today's date: born after today minus 31 years is 30 or under.
  const bounds = [0, 1, 2, 3, 4, 5].map((i) => shiftYears(today(), -(31 + 10 * i)));
  const band = (b) => (!b ? "unknown" : `a${bounds.filter((x) => b <= x).length}`);
  const byAge = {};
  for (const [b] of sql(srv.db, `SELECT p.birth_date FROM member m JOIN person p ON p.id = m.person_id WHERE ${active}`)) byAge[band(b)] = (byAge[band(b)] || 0) + 1;
  assert.deepEqual(Object.fromEntries(s.by_age.map((c) => [c.key, c.count])), byAge);
  assert.equal(s.by_education.reduce((t, c) => t + c.count, 0), s.members);
  const byType = Object.fromEntries(sql(srv.db, `SELECT type, count(*) FROM org WHERE path >= '${p}' AND path < '${u}' AND dissolved_on IS NULL GROUP BY 1`).map(([k, n]) => [k, Number(n)]));
  assert.deepEqual(Object.fromEntries(s.orgs_by_type.map((c) => [c.key, c.count])), byType);
  const adv = expectStatus(await shequ.request("GET", `/api/orgs/${community}/advisories`), 200);
  assert.equal(s.advisories, adv.json.total);
  // Status: the roll (预备, 正式) in by_status, every other status in departures.
  const byStatus = Object.fromEntries(sql(srv.db, `SELECT status, count(*) FROM member m WHERE m.org_path >= '${p}' AND m.org_path < '${u}' GROUP BY 1`).map(([k, n]) => [k, Number(n)]));
  assert.deepEqual(Object.fromEntries([...s.by_status, ...s.departures].map((c) => [c.key, c.count])), byStatus);
  assert.equal(s.departures.find((c) => c.key === "left").count, byStatus.left);
  assert.deepEqual(s.by_status.map((c) => c.key).sort(), ["full", "probationary"]);
  // Education: most common first.
  assert.deepEqual(s.by_education.map((c) => c.count), s.by_education.map((c) => c.count).sort((x, y) => y - x));
  // Terms expiring: current terms of live orgs ending from today to six months ahead (the day
  // clamped to the month's end, as the server does).
  const [y, m, d] = today().split("-").map(Number);
  const hy = y + Math.floor((m + 5) / 12), hm = (m + 5) % 12 + 1;
  const horizon = `${hy}-${String(hm).padStart(2, "0")}-${String(Math.min(d, new Date(Date.UTC(hy, hm, 0)).getUTCDate())).padStart(2, "0")}`;
  assert.ok(s.terms_expiring > 0, "the demo has terms ending within six months");
  assert.equal(s.terms_expiring, q(`SELECT count(*) FROM org_term t JOIN org o ON o.id = t.org_id WHERE o.path >= '${p}' AND o.path < '${u}' AND t.ended_on IS NULL AND o.dissolved_on IS NULL AND t.ends_on >= '${today()}' AND t.ends_on < '${horizon}'`));
  // Expired current terms are counted too (the KPI 即将或已到期换届 is terms_due).
  const expired = q(`SELECT count(*) FROM org_term t JOIN org o ON o.id = t.org_id WHERE o.path >= '${p}' AND o.path < '${u}' AND t.ended_on IS NULL AND o.dissolved_on IS NULL AND t.ends_on < '${today()}'`);
  assert.ok(expired > 0, "the demo has expired current terms");
  assert.equal(s.terms_expired, expired);
  assert.equal(s.terms_due, s.terms_expiring + expired);
  expectError(await shuji.request("GET", `/api/orgs/${community}/stats`), 404, "not_found");
});

test("org writes carry an audit digest (SHA-256 hex of before/after), different per change", async () => {
  const hex = (action) => sql(srv.db, `SELECT digest FROM audit WHERE action = '${action}' ORDER BY id DESC LIMIT 1`)[0][0];
  const branch = shuji.session.grants[0].org_id;
  expectStatus(await shequ.request("PATCH", `/api/orgs/${branch}`, { body: { contact_phone: "13800000001" } }), 200);
  const d1 = hex("org.update");
  expectStatus(await shequ.request("PATCH", `/api/orgs/${branch}`, { body: { contact_phone: "13800000002" } }), 200);
  const d2 = hex("org.update");
  assert.match(d1, /^[0-9a-f]{64}$/);
  assert.match(d2, /^[0-9a-f]{64}$/);
  assert.notEqual(d1, d2);
  for (const a of ["org.create", "org.event", "org.term"]) assert.match(hex(a) || "", /^[0-9a-f]{64}$/, a);
});

test("the subtree counters behind the statistics equal a recount after this file's writes", () => {
  const r = cli(["stats", "verify", "--db", srv.db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /stats match a recount/);
  // A counter changed behind the triggers' back is found and named.
  sql(srv.db, "UPDATE member_stat SET n = n + 1 WHERE org_id = (SELECT min(org_id) FROM member_stat) AND dim = 'status' AND key = 'full'");
  const bad = cli(["stats", "verify", "--db", srv.db]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /org \d+ status=full: 存储 stored \d+，重新计数 recount \d+/);
  sql(srv.db, "UPDATE member_stat SET n = n - 1 WHERE org_id = (SELECT min(org_id) FROM member_stat) AND dim = 'status' AND key = 'full'");
});

test("every demo term ends its term's years after its election, 29 Feb becoming 28 Feb on both drivers", () => {
  const addYears = (d, n) => {
    const y = Number(d.slice(0, 4)) + n;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}${d.slice(4) === "-02-29" && !leap ? "-02-28" : d.slice(4)}`;
  };
  const rows = sql(srv.db, "SELECT elected_on, term_years, ends_on FROM org_term WHERE is_synthetic = 1");
  assert.ok(rows.length > 50, `${rows.length} terms`);
  for (const [e, y, end] of rows) assert.equal(end, addYears(e, Number(y)), `elected ${e} for ${y} years`);
  assert.equal(addYears("2024-02-29", 5), "2029-02-28");
});
