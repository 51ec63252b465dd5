// members.test.js: the member roster API on the demo street: validation with field paths,
// ID normalization, search (FTS for 3+ characters, LIKE for 2, pinyin initials), filters,
// paging totals, masking, audited reveal, and scope (a branch secretary sees only their
// branch, by id and in search results).
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, sqlPlain, idHash, expectStatus, expectError, today, shiftYears, cli } = require("./lib/harness");

let srv, shequ, shuji, weiyuan, community, branch;

before(async () => {
  srv = await startServer({ demo: {} });
  shequ = await login(srv, "shequ");
  shuji = await login(srv, "shuji");
  weiyuan = await login(srv, "weiyuan");
  community = shequ.session.grants[0].org_id;
  branch = shuji.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const orgPath = (id) => sql(srv.db, `SELECT path FROM org WHERE id = ${id}`)[0][0];
const countIn = (path, where = "1 = 1") => Number(sql(srv.db,
  `SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path >= '${path}' AND m.org_path < '${path.slice(0, -1)}0' AND ${where}`)[0][0]);

test("create: bad ID number is 400 on /id_number with a useful message", async () => {
  const e = expectError(await shequ.request("POST", "/api/members", { body: { name: "测试", id_number: "990101198001010015", org_id: branch } }), 400, "invalid", "/id_number");
  assert.match(e.message, /校验/);
  expectError(await shequ.request("POST", "/api/members", { body: { name: "测试", id_number: "11010519491231002X", org_id: branch } }), 400, "invalid", "/id_number");
});

test("create: an empty body reports every required field at once (error.fields)", async () => {
  const e = expectError(await shequ.request("POST", "/api/members", { body: {} }), 400, "invalid", "/name");
  assert.deepEqual(e.fields.map((f) => f.field), ["/name", "/id_number", "/org_id"]);
  assert.deepEqual(e.fields.map((f) => f.message), ["姓名不能为空", "身份证号不能为空", "所在党组织不能为空"]);
  assert.equal(e.message, e.fields[0].message, "field/message stay the first, for older clients");
  // Wrong values and missing ones together, each once.
  const w = expectError(await shequ.request("POST", "/api/members", { body: { name: "", birth_date: "1980-02-30", org_id: 0, hobby: 1 } }), 400, "invalid");
  assert.deepEqual(w.fields.map((f) => f.field).sort(), ["/birth_date", "/hobby", "/id_number", "/name", "/org_id"]);
  // A rule checked after decoding is a single error, listed alone.
  const one = expectError(await shequ.request("POST", "/api/members", { body: { name: "测试", id_number: "990101198001010015", org_id: branch } }), 400, "invalid", "/id_number");
  assert.deepEqual(one.fields, [{ field: "/id_number", message: one.message }]);
});

test("list: every bad query parameter at once; full-width digits in a number are read", async () => {
  const e = expectError(await shequ.request("GET", "/api/members?size=abc&age_min=200&foo=1"), 400, "invalid", "/size");
  assert.deepEqual(e.fields.map((f) => f.field), ["/size", "/age_min", "/foo"]);
  assert.equal(e.fields[2].message, "不认识的查询参数：foo");
  const r = expectStatus(await shequ.request("GET", `/api/members?size=${encodeURIComponent("２")}`), 200).json;
  assert.equal(r.items.length, 2);
});

test("create: what a cadre types with a Chinese input method is normalized before the checks", async () => {
  const body = { name: "\u00a0全角\u3000", id_number: "\u3000９９０１０１１９７２０４０５１０９ｘ\u00a0", org_id: branch, phone: "１３９－０００１－２２２２", joined_on: "１９９５－０７－０１" };
  const m = expectStatus(await shequ.request("POST", "/api/members", { body }), 201).json;
  assert.equal(m.name, "全角");
  assert.equal(m.joined_on, "1995-07-01");
  const [id, phone] = sqlPlain(srv.db, `SELECT p.id_number, p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${m.id}`)[0];
  assert.equal(id, "99010119720405109X");
  assert.equal(phone, "13900012222");
});

test("create: 15-digit ID converted, lower-case x, birth and gender filled; history and audit", async () => {
  const r = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "单田芳", id_number: "990103621001004", org_id: branch, phone: "139 0000 1111", tags: "志愿者，老党员", joined_on: "1990-07-01", full_member_on: "1991-07-01" } }), 201);
  const m = r.json;
  assert.equal(m.birth_date, "1962-10-01");
  assert.equal(m.gender, "F");
  assert.equal(m.id_number.length, 18);
  assert.match(m.id_number, /^990103\*{8}\d{3}[\dX]$/);
  assert.equal(m.phone, "139****1111");
  assert.deepEqual(m.tags.sort(), ["志愿者", "老党员"].sort());
  assert.equal(m.status_label, "正式党员");
  const full = sqlPlain(srv.db, `SELECT p.id_number, p.name_initials FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${m.id}`)[0];
  assert.match(full[0], /^99010319621001004[\dX]$/);
  assert.equal(full[1], "stf");
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'member.create' AND target_id = ${m.id}`)[0][0], "1");
  assert.equal(sql(srv.db, `SELECT kind FROM member_event WHERE member_id = ${m.id}`)[0][0], "create");
  const x = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "张晓", id_number: "99010119850312007x", org_id: branch } }), 201);
  assert.equal(sqlPlain(srv.db, `SELECT p.id_number FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${x.json.id}`)[0][0], "99010119850312007X");
  expectError(await shequ.request("POST", "/api/members", { body: { name: "张晓", id_number: "99010119850312007X", org_id: branch } }), 409, "conflict", "/id_number");
});

test("党龄 counts from 转正 (DEV-PARTYAGE); a 预备党员 has none", async () => {
  const years = (from) => {
    const t = today();
    return Number(t.slice(0, 4)) - Number(from.slice(0, 4)) - (t.slice(5) < from.slice(5) ? 1 : 0);
  };
  const full = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "党龄测", id_number: "99010119400125001X", org_id: branch, status: "full", joined_on: "1960-01-25", full_member_on: "1961-01-25" } }), 201).json;
  assert.equal(full.party_age, years("1961-01-25"));
  assert.notEqual(full.party_age, years("1960-01-25"));
  const prob = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "预备测", id_number: "990101199601010012", org_id: branch, status: "probationary", joined_on: today() } }), 201).json;
  assert.equal(prob.party_age, null);
  // A full member whose 转正 date was never recorded: unknown, not counted from joining.
  const unknown = expectStatus(await shequ.request("POST", "/api/members", { body: { name: "未知转正", id_number: "990101196001010015", org_id: branch, status: "full", joined_on: "1990-01-01" } }), 201).json;
  assert.equal(unknown.party_age, null);
  assert.equal(expectStatus(await shequ.request("GET", `/api/members/${full.id}`), 200).json.party_age, full.party_age);
  const listed = expectStatus(await shequ.request("GET", `/api/members?org=${branch}&size=200`), 200).json.items;
  assert.equal(listed.find((m) => m.id === full.id).party_age, full.party_age);
  assert.equal(listed.find((m) => m.id === prob.id).party_age, null);
});

test("create with the ID number of a member: told where in scope; outside it, nothing about Party membership, and audited", async () => {
  // Inside the branch secretary's scope the duplicate is named, so the cadre can find it.
  const mine = sqlPlain(srv.db, `SELECT p.id_number FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} LIMIT 1`)[0][0];
  const e1 = expectError(await shuji.request("POST", "/api/members", { body: { name: "重复", id_number: mine, org_id: branch } }), 409, "conflict", "/id_number");
  assert.match(e1.message, /已登记为党员/);
  // A member of another community: the answer must not tell that this person is a member.
  const path = orgPath(community);
  const [otherId, theirs] = sqlPlain(srv.db, `SELECT m.id, p.id_number FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path NOT LIKE '${path}%' LIMIT 1`)[0];
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE result = 'denied'")[0][0]);
  const e2 = expectError(await shuji.request("POST", "/api/members", { body: { name: "重复", id_number: theirs, org_id: branch } }), 409, "conflict", "/id_number");
  assert.doesNotMatch(e2.message, /党员/);
  assert.match(e2.message, /无法在此登记/);
  const rows = sql(srv.db, `SELECT action, target_id FROM audit WHERE result = 'denied' ORDER BY id DESC LIMIT 1`);
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE result = 'denied'")[0][0]), before + 1);
  assert.deepEqual(rows[0], ["member.create", String(otherId)]);
  // The same answer as for a person who cannot be registered for any other reason: no member row.
  assert.equal(sql(srv.db, `SELECT count(*) FROM person WHERE name = '重复'`)[0][0], "0");
});

test("create: birth date or gender that contradict the ID; bad phone; too young at joining", async () => {
  const base = { name: "测试", id_number: "990101198001010014", org_id: branch };
  expectError(await shequ.request("POST", "/api/members", { body: { ...base, birth_date: "1980-01-02" } }), 400, "invalid", "/birth_date");
  expectError(await shequ.request("POST", "/api/members", { body: { ...base, gender: "F" } }), 400, "invalid", "/gender");
  expectError(await shequ.request("POST", "/api/members", { body: { ...base, phone: "12345678901" } }), 400, "invalid", "/phone");
  expectError(await shequ.request("POST", "/api/members", { body: { ...base, joined_on: "1997-01-01" } }), 400, "invalid", "/joined_on");
  expectError(await shequ.request("POST", "/api/members", { body: { ...base, joined_on: "2005-01-01", full_member_on: "2004-01-01" } }), 400, "invalid", "/full_member_on");
});

test("search: 3+ character substring (FTS), 2 characters (LIKE), pinyin initials", async () => {
  const path = orgPath(community);
  const [name, ini] = sql(srv.db, `SELECT p.name, p.name_initials FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path >= '${path}' AND length(p.name) = 3 ORDER BY m.id LIMIT 1`)[0];
  let r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&q=${encodeURIComponent(name)}`), 200);
  assert.equal(r.json.total, countIn(path, `p.name LIKE '%${name}%'`));
  assert.ok(r.json.items.every((m) => m.name.includes(name)));
  const two = name.slice(1);
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&q=${encodeURIComponent(two)}&size=200`), 200);
  assert.equal(r.json.total, countIn(path, `p.name LIKE '%${two}%'`));
  assert.ok(r.json.total >= 1);
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&q=${ini.toUpperCase()}&size=200`), 200);
  assert.equal(r.json.total, countIn(path, `(' ' || p.name_initials) LIKE '% ${ini}%'`));
  assert.ok(r.json.items.some((m) => m.name === name));
  r = expectStatus(await shequ.request("GET", `/api/members?q=stf`), 200);
  assert.ok(r.json.items.some((m) => m.name === "单田芳"), "zs-style initials find API-entered names (单 read shàn)");
});

test("search: a renamed member is found by the new name's pieces and initials, not the old", async () => {
  const [[id, old]] = sql(srv.db, `SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_id = ${branch} AND length(p.name) = 3 ORDER BY m.id DESC LIMIT 1`);
  expectStatus(await shuji.request("PATCH", `/api/members/${id}`, { body: { name: "欧阳旻" } }), 200);
  const find = async (q) => expectStatus(await shuji.request("GET", `/api/members?q=${encodeURIComponent(q)}&size=200`), 200).json.items.map((m) => m.id);
  assert.ok((await find("欧阳")).includes(Number(id)), "a two-character piece of the new name");
  assert.ok((await find("阳旻")).includes(Number(id)));
  assert.ok((await find("oym")).includes(Number(id)), "the new name's initials (欧阳 as a surname: oy)");
  assert.ok(!(await find(old.slice(0, 2))).includes(Number(id)), "the old name's piece no longer finds it");
});

test("a search box left with only a pasted space, NBSP or U+3000 filters nothing", async () => {
  const all = expectStatus(await shequ.request("GET", "/api/members?size=1"), 200).json.total;
  for (const blank of ["%20", "%C2%A0", "%E3%80%80", "%E2%80%8B"]) {
    const r = expectStatus(await shequ.request("GET", `/api/members?size=1&q=${blank}&org=${blank}`), 200).json;
    assert.equal(r.total, all, `q=${blank}`);
  }
});

test("filters and paging totals match SQL counts", async () => {
  const path = orgPath(community);
  let r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&category=retired&size=7&page=2`), 200);
  assert.equal(r.json.total, countIn(path, "m.category = 'retired'"));
  assert.equal(r.json.items.length, 7);
  assert.equal(r.json.page, 2);
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&status=probationary`), 200);
  assert.equal(r.json.total, countIn(path, "m.status = 'probationary'"));
  // 在册: the members on the roll, as the dashboard counts them; the demo has members who died
  // or left, so this differs from the unfiltered total.
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&status=current&category=retired`), 200);
  assert.equal(r.json.total, countIn(path, "m.status IN ('probationary', 'full') AND m.category = 'retired'"));
  assert.ok(r.json.items.every((m) => m.status === "probationary" || m.status === "full"));
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&status=deceased`), 200);
  assert.equal(r.json.total, countIn(path, "m.status = 'deceased'"));
  assert.ok(r.json.total > 0, "the demo community has members who died");
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&tag=${encodeURIComponent("老党员")}`), 200);
  assert.equal(r.json.total, countIn(path, "EXISTS (SELECT 1 FROM member_tag t WHERE t.member_id = m.id AND t.tag = '老党员')"));
  r = expectStatus(await shequ.request("GET", `/api/members?org=${community}&age_min=60&age_max=69&sort=-birth_date`), 200);
  assert.ok(r.json.items.every((m) => m.age >= 60 && m.age <= 69));
  for (let i = 1; i < r.json.items.length; i++) assert.ok(r.json.items[i - 1].birth_date >= r.json.items[i].birth_date);
  assert.equal(r.json.total, countIn(path, `p.birth_date <= '${shiftYears(today(), -60)}' AND p.birth_date > '${shiftYears(today(), -70)}'`));
  expectError(await shequ.request("GET", `/api/members?sort=shoe`), 400, "invalid", "/sort");
});

test("masking in list and detail; reveal needs permission and is audited", async () => {
  const r = expectStatus(await shequ.request("GET", `/api/members?org=${branch}&size=5`), 200);
  for (const m of r.json.items) {
    assert.match(m.id_number, /^\d{6}\*{8}\d{3}[\dX]$/);
    assert.match(m.phone, /^\d{3}\*{4}\d{4}$/);
  }
  const id = r.json.items[0].id;
  const full = sqlPlain(srv.db, `SELECT p.id_number, p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${id}`)[0];
  let d = expectStatus(await shequ.request("GET", `/api/members/${id}`), 200);
  assert.notEqual(d.json.id_number, full[0]);
  const before = Number(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'member.reveal' AND target_id = ${id}`)[0][0]);
  d = expectStatus(await shuji.request("GET", `/api/members/${id}?reveal=id_number,phone`), 200);
  assert.equal(d.json.id_number, full[0]);
  assert.equal(d.json.phone, full[1]);
  const rows = sql(srv.db, `SELECT username, target_type, org_id FROM audit WHERE action = 'member.reveal' AND target_id = ${id} ORDER BY id`);
  assert.equal(rows.length, before + 1);
  assert.deepEqual(rows.at(-1), ["shuji", "member", String(d.json.org_id)]);
  // A branch committee member may read, not reveal.
  expectError(await weiyuan.request("GET", `/api/members/${id}?reveal=id_number`), 403, "forbidden");
  assert.equal(Number(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'member.reveal' AND target_id = ${id}`)[0][0]), before + 1);
});

test("a branch secretary cannot read another branch's member, nor see it in search or totals", async () => {
  const bpath = orgPath(branch);
  const [otherId, otherName] = sql(srv.db, `SELECT m.id, p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.org_path NOT LIKE '${bpath}%' ORDER BY m.id LIMIT 1`)[0];
  expectError(await shuji.request("GET", `/api/members/${otherId}`), 404, "not_found");
  expectError(await shuji.request("PATCH", `/api/members/${otherId}`, { body: { post: "x" } }), 404, "not_found");
  const r = expectStatus(await shuji.request("GET", `/api/members?q=${encodeURIComponent(otherName)}&size=200`), 200);
  for (const m of r.json.items) assert.ok(orgPath(m.org_id).startsWith(bpath), `${m.id} at ${orgPath(m.org_id)} is outside ${bpath}`);
  assert.ok(!r.json.items.some((m) => m.id === Number(otherId)));
  const all = expectStatus(await shuji.request("GET", `/api/members?size=1`), 200);
  assert.equal(all.json.total, countIn(bpath));
  expectError(await shuji.request("GET", `/api/members?org=${community}`), 404, "not_found");
});

test("patch: status change recorded with its decision; out-of-scope move refused", async () => {
  const id = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' ORDER BY id DESC LIMIT 1`)[0][0]);
  const r = expectStatus(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "suspended", effective_on: "2026-01-10", doc_no: "盛委〔2026〕3号" } }), 200);
  assert.equal(r.json.status, "suspended");
  const ev = expectStatus(await shequ.request("GET", `/api/members/${id}/events`), 200);
  const st = ev.json.items.find((e) => e.kind === "status");
  assert.equal(st.new_label, "停止党籍");
  assert.equal(st.effective_on, "2026-01-10");
  assert.equal(st.doc_no, "盛委〔2026〕3号");
  const other = sql(srv.db, `SELECT id FROM org WHERE path NOT LIKE '${orgPath(branch)}%' AND type = 'branch' LIMIT 1`)[0][0];
  expectError(await shuji.request("PATCH", `/api/members/${id}`, { body: { org_id: Number(other) } }), 404, "not_found", "/org_id");
});

test("我的: a member sees their own record, masked; an account without one gets null", async () => {
  const dangyuan = await login(srv, "dangyuan");
  const me = expectStatus(await dangyuan.request("GET", "/api/me/member"), 200).json.member;
  const [id, name, org] = sql(srv.db, `SELECT m.id, p.name, o.name FROM user_account u JOIN member m ON m.person_id = u.person_id JOIN person p ON p.id = m.person_id JOIN org o ON o.id = m.org_id WHERE u.username = 'dangyuan'`)[0];
  assert.equal(me.id, Number(id));
  assert.equal(me.name, name);
  assert.equal(me.org_name, org);
  assert.match(me.id_number, /\*{8}/);
  // The member role may not read the roster, yet sees its own record here.
  expectError(await dangyuan.request("GET", `/api/members/${id}`), 403, "forbidden");
  const jiedao = await login(srv, "jiedao");
  assert.equal(expectStatus(await jiedao.request("GET", "/api/me/member"), 200).json.member, null);
});

test("我的住户: a 居民 sees their own household; an account that is no resident gets null", async () => {
  const jumin = await login(srv, "jumin");
  const h = expectStatus(await jumin.request("GET", "/api/me/household"), 200).json.household;
  const [address, relation, org] = sql(srv.db, `SELECT h.address, r.relation, o.name FROM user_account u JOIN resident r ON r.person_id = u.person_id
    JOIN household h ON h.id = r.household_id JOIN org o ON o.id = h.org_id WHERE u.username = 'jumin'`)[0];
  assert.equal(h.address, address);
  assert.equal(h.relation, relation);
  assert.equal(h.org_name, org);
  for (const user of ["jiedao", "wangge"]) {
    const c = await login(srv, user);
    assert.deepEqual(expectStatus(await c.request("GET", "/api/me/household"), 200).json, { household: null });
  }
});

test("a list page larger than http.res_max is refused with limit, not cut short", async () => {
  const small = await startServer({ demo: { members: 300 }, env: { DANGJIAN_HTTP_RES_MAX: "4096" } });
  try {
    const client = await login(small, "shequ");
    expectStatus(await client.request("GET", "/api/members?size=2"), 200);
    const e = expectError(await client.request("GET", "/api/members?size=200"), 413, "limit");
    assert.match(e.message, /缩小/);
  } finally {
    await small.stop();
  }
});

test("status changes follow RULES.md: 死亡 is final, 停止党籍→正式 is 恢复党籍, effective_on bounded", async () => {
  const pick = (status) => Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = '${status}' AND joined_on IS NOT NULL ORDER BY id LIMIT 1`)[0][0]);
  const id = pick("full");
  const [[joined]] = sql(srv.db, `SELECT joined_on FROM member WHERE id = ${id}`);
  const todayCN = today();
  // effective_on: not in the future, not before the member joined.
  let e = expectError(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "suspended", effective_on: "2031-05-05" } }), 400, "invalid", "/effective_on");
  assert.match(e.message, /不能晚于今天/);
  const dayBefore = new Date(Date.parse(joined) - 86400000).toISOString().slice(0, 10);
  e = expectError(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "suspended", effective_on: dayBefore } }), 400, "invalid", "/effective_on");
  assert.match(e.message, /入党日期/);
  assert.equal(sql(srv.db, `SELECT status FROM member WHERE id = ${id}`)[0][0], "full");
  // 正式 → 预备 is no change RULES.md knows.
  e = expectError(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "probationary" } }), 400, "invalid", "/status");
  assert.match(e.message, /正式党员.*预备党员/);
  // 正式 → 停止党籍 → 正式: the second is 恢复党籍 in the history.
  expectStatus(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "suspended", effective_on: todayCN } }), 200);
  expectStatus(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "full", effective_on: todayCN, doc_no: "恢复〔2026〕1号" } }), 200);
  const ev = expectStatus(await shequ.request("GET", `/api/members/${id}/events`), 200).json.items.filter((x) => x.kind === "status");
  assert.deepEqual(ev.slice(0, 2).map((x) => x.kind_label), ["恢复党籍", "停止党籍"]);
  // 死亡 is final: 死亡 → 正式 is refused, naming both statuses.
  expectStatus(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "deceased", effective_on: todayCN } }), 200);
  e = expectError(await shequ.request("PATCH", `/api/members/${id}`, { body: { status: "full" } }), 400, "invalid", "/status");
  assert.match(e.message, /死亡/);
  assert.match(e.message, /正式党员/);
  assert.equal(sql(srv.db, `SELECT status FROM member WHERE id = ${id}`)[0][0], "deceased");
  // A 预备党员 is 转正, never 停止党籍 (LOST-PROBATION).
  const p = Number(sql(srv.db, `SELECT id FROM member WHERE org_path LIKE '${orgPath(community)}%' AND status = 'probationary' ORDER BY id LIMIT 1`)[0][0]);
  expectError(await shequ.request("PATCH", `/api/members/${p}`, { body: { status: "suspended" } }), 400, "invalid", "/status");
});

// The digest documented in docs/api.md: SHA-256 hex of
// json_dumps({"after":…,"before":…}, JSON_SORT_KEYS|JSON_COMPACT) over the MEMBER_FIELDS keys.
const MEMBER_KEYS = ["name", "former_name", "gender", "ethnicity", "birth_date", "id_number", "phone", "address", "hukou", "education", "org_id", "status", "category", "joined_on", "full_member_on", "work_unit", "post", "tags"];
function canonical(v) {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
}
function memberRecord(m) {
  const o = {};
  for (const k of MEMBER_KEYS) {
    let v = m[k];
    if (k === "tags") v = Array.isArray(v) ? v.join(",") : v;
    o[k] = v === "" || v === undefined ? null : v;
    // ID and phone numbers enter the digest keyed (their blind index), never plain.
    if ((k === "id_number" || k === "phone") && o[k]) o[k] = idHash(o[k]);
  }
  return o;
}

test("audit digest of member.update is the SHA-256 of the documented before/after serialization", async () => {
  const crypto = require("node:crypto");
  const id = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' AND id NOT IN (SELECT member_id FROM member_card) ORDER BY id LIMIT 1 OFFSET 3`)[0][0]);
  const get = async () => memberRecord(expectStatus(await shequ.request("GET", `/api/members/${id}?reveal=id_number,phone,address`), 200).json);
  const digestOf = async (body) => {
    const before = await get();
    expectStatus(await shequ.request("PATCH", `/api/members/${id}`, { body }), 200);
    const after = await get();
    const [[digest]] = sql(srv.db, `SELECT digest FROM audit WHERE action = 'member.update' AND target_id = ${id} ORDER BY id DESC LIMIT 1`);
    const want = crypto.createHash("sha256").update(canonical({ after, before })).digest("hex");
    return [digest, want];
  };
  const [d1, w1] = await digestOf({ work_unit: "审计测试单位" });
  assert.match(d1, /^[0-9a-f]{64}$/);
  assert.equal(d1, w1);
  const [d2, w2] = await digestOf({ post: "审计测试职务", tags: "志愿者,楼栋长" });
  assert.equal(d2, w2);
  assert.notEqual(d1, d2);
  // member.create carries one too ({"before":null, "after":…}).
  const [[cd]] = sql(srv.db, "SELECT digest FROM audit WHERE action = 'member.create' AND result = 'ok' ORDER BY id DESC LIMIT 1");
  assert.match(cd, /^[0-9a-f]{64}$/);
});

test("党员联系卡: empty until filled, changed field by field, validated and audited", async () => {
  const id = Number(sql(srv.db, `SELECT id FROM member WHERE org_id = ${branch} AND status = 'full' AND id NOT IN (SELECT member_id FROM member_card) ORDER BY id LIMIT 1`)[0][0]);
  const empty = expectStatus(await shuji.request("GET", `/api/members/${id}/card`), 200).json;
  assert.deepEqual(empty, { skills: "", pledge: "", households: "", service_time: "", updated_at: null });
  let card = expectStatus(await shuji.request("PATCH", `/api/members/${id}/card`, { body: { skills: "水电维修", pledge: "随叫随到" } }), 200).json;
  assert.equal(card.skills, "水电维修");
  assert.equal(card.pledge, "随叫随到");
  assert.ok(card.updated_at > 0);
  card = expectStatus(await shuji.request("PATCH", `/api/members/${id}/card`, { body: { households: "3号楼 2 单元 6 户" } }), 200).json;
  assert.equal(card.skills, "水电维修", "fields not named stay as they were");
  assert.equal(card.households, "3号楼 2 单元 6 户");
  assert.deepEqual(expectStatus(await weiyuan.request("GET", `/api/members/${id}/card`), 200).json, card);
  expectError(await shuji.request("PATCH", `/api/members/${id}/card`, { body: { pledge: "承".repeat(501) } }), 400, "invalid", "/pledge");
  expectError(await shuji.request("PATCH", `/api/members/${id}/card`, { body: { hobby: "x" } }), 400, "invalid", "/hobby");
  expectError(await weiyuan.request("PATCH", `/api/members/${id}/card`, { body: { skills: "x" } }), 403, "forbidden");
  const rows = sql(srv.db, `SELECT action, target_id, length(digest) FROM audit WHERE action = 'member.card' ORDER BY id`);
  assert.deepEqual(rows.slice(-2).map((r) => r.slice(0, 2)), [["member.card", String(id)], ["member.card", String(id)]]);
  assert.ok(rows.slice(-2).every((r) => r[2] === "64"));
});

test("the subtree counters behind the statistics equal a recount after this file's writes", () => {
  const r = cli(["stats", "verify", "--db", srv.db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /stats match a recount/);
});
