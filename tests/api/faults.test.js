// faults.test.js: a failure half-way through a change leaves nothing behind. The server runs
// on the fault-injection driver (db.driver = fake: SQLite, except that the chosen run of a
// chosen statement fails as a lost connection would); each write must answer 503 with the
// JSON error shape and roll back every row it had written, and the next write must succeed.
"use strict";
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, expectStatus, expectError, PG, cjkNum, unseal } = require("./lib/harness");
const { buildXlsx, demoId } = require("./lib/xlsx");

const skip = PG ? "the fault-injection driver wraps SQLite" : false;
const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

async function faulty(spec) {
  const srv = await startServer({ demo: { members: 300 }, env: { DANGJIAN_DB_DRIVER: "fake", DANGJIAN_FAKE_FAIL: spec } });
  servers.push(srv);
  return srv;
}
const counts = (db) => sql(db, "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM member), (SELECT count(*) FROM member_event), (SELECT count(*) FROM audit), (SELECT sum(n) FROM member_stat)")[0];

test("a member whose history row cannot be written is not created at all", { skip }, async () => {
  // The member's 'create' event is written after its person, member and tag rows.
  const srv = await faulty("INSERT INTO member_event@1");
  const shequ = await login(srv, "shequ");
  const branch = (await login(srv, "shuji")).session.grants[0].org_id;
  const before = counts(srv.db);
  const body = { name: "故障测试", id_number: demoId("19800101", "551"), org_id: branch, tags: "志愿者" };
  expectError(await shequ.request("POST", "/api/members", { body }), 503, "unavailable");
  const mid = counts(srv.db);
  assert.deepEqual(mid.slice(0, 3), before.slice(0, 3));
  assert.equal(mid[3], before[3], "no audit row for a change that did not happen");
  assert.equal(mid[4], before[4], "statistics counters unchanged");
  const made = expectStatus(await shequ.request("POST", "/api/members", { body }), 201).json;
  assert.equal(made.name, "故障测试");
  assert.equal(Number(counts(srv.db)[1]), Number(before[1]) + 1);
});

test("an import that fails on its last chunk commits none of its rows", { skip }, async () => {
  const srv = await faulty("INSERT INTO member_event@2");
  const shequ = await login(srv, "shequ");
  const [[branchName]] = sql(srv.db, "SELECT name FROM org WHERE type = 'branch' ORDER BY id LIMIT 1");
  const rows = [["姓名", "身份证号码", "性别", "所属支部"]];
  for (let i = 0; i < 300; i++) rows.push([`导入${cjkNum(i)}`, demoId("19800101", String(600 + i)), i % 2 ? "男" : "女", branchName]);
  const form = new FormData();
  form.append("file", new Blob([buildXlsx(rows)]), "roster.xlsx");
  const before = counts(srv.db);
  const res = await shequ.request("POST", "/api/members/import", { raw: form });
  assert.ok(res.status === 503 || (res.status === 200 && res.json.committed === false), res.text);
  assert.deepEqual(counts(srv.db).slice(0, 3), before.slice(0, 3));
  assert.equal(counts(srv.db)[4], before[4]);
  assert.equal(counts(srv.db)[3], before[3], "no audit row for rows that were not written");
  // The same file again (the fault is spent): every row once, nothing left over from the first try.
  const again = new FormData();
  again.append("file", new Blob([buildXlsx(rows)]), "roster.xlsx");
  const ok = expectStatus(await shequ.request("POST", "/api/members/import", { raw: again }), 200).json;
  assert.equal(ok.committed, true);
  assert.equal(ok.created, 300);
  assert.equal(Number(counts(srv.db)[1]), Number(before[1]) + 300);
});

test("a skip-invalid import killed mid-way: its job says which rows were committed, and the same file completes it", { skip }, async () => {
  // The job row is updated in the transaction of each chunk; the third chunk's update blocks
  // (TEXT@N!), so the process is killed with two chunks (1,024 rows) committed and one written
  // but not committed.
  const fs = require("node:fs");
  const srv = await startServer({ demo: { members: 300 }, env: { DANGJIAN_DB_DRIVER: "fake", DANGJIAN_FAKE_FAIL: "UPDATE import_job SET total@3!" } });
  let next;
  try {
    const shequ = await login(srv, "shequ");
    const [[branchName]] = sql(srv.db, "SELECT name FROM org WHERE type = 'branch' ORDER BY id LIMIT 1");
    const rows = [["姓名", "身份证号码", "性别", "所属支部"]];
    const ids = [];
    for (let i = 0; i < 1500; i++) {
      ids.push(demoId(`${1950 + (i % 40)}0317`, String(100 + Math.floor(i / 40)).padStart(3, "0")));
      rows.push([`中断${cjkNum(i)}`, ids[i], i % 100 === 50 ? "未知" : null, branchName]); // 15 bad rows
    }
    const post = (client, q) => {
      const form = new FormData();
      form.append("file", new Blob([buildXlsx(rows)]), "roster.xlsx");
      return client.request("POST", `/api/members/import?skip_invalid=1${q}`, { raw: form });
    };
    const job = expectStatus(await post(shequ, "&async=1"), 202).json.job_id;
    const kept = () => Number(sql(srv.db, `SELECT accepted FROM import_job WHERE id = ${job}`)[0][0]);
    for (let i = 0; i < 400 && kept() < 1024; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(kept(), 1024);
    await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => { srv.proc.on("exit", r); srv.proc.kill("SIGKILL"); });
    const inDb = sql(srv.db, "SELECT p.id_number FROM person p JOIN member m ON m.person_id = p.id WHERE p.name LIKE '中断%'").map((r) => unseal(r[0]));
    assert.equal(inDb.length, 1024);

    next = await startServer({ db: srv.db });
    const client = await login(next, "shequ");
    const j = expectStatus(await client.request("GET", `/api/import-jobs/${job}`), 200).json;
    assert.equal(j.state, "failed");
    assert.equal(j.committed, true);
    assert.deepEqual([j.accepted, j.created, j.updated], [1024, 1024, 0]);
    assert.match(j.message, /已提交 1024 行（新增 1024，更新 0）/);
    // committed_rows names exactly the rows whose members are in the database (Excel row =
    // data row + 2), and the rows read up to there (done) are those or rejected.
    const listed = j.committed_rows.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => ids[a + k - 2]));
    assert.deepEqual([...listed].sort(), [...inDb].sort());
    const last = j.committed_rows[j.committed_rows.length - 1][1];
    assert.equal(j.done, last - 1);
    assert.equal(j.rejected, Math.floor((last - 2 - 50) / 100) + 1);
    // The same file again: the rest is created, the committed rows matched, none twice.
    const r = expectStatus(await post(client, ""), 200).json;
    assert.deepEqual([r.accepted, r.rejected, r.created, r.updated], [1485, 15, 1485 - 1024, 1024]);
    const [[n, distinct]] = sql(srv.db, "SELECT COUNT(*), COUNT(DISTINCT p.id_hash) FROM person p JOIN member m ON m.person_id = p.id WHERE p.name LIKE '中断%'");
    assert.deepEqual([Number(n), Number(distinct)], [1485, 1485]);
  } finally {
    if (next) await next.stop();
    fs.rmSync(srv.dir, { recursive: true, force: true });
  }
});

test("a skip-invalid import that fails on its second chunk: its job keeps the first chunk's count", { skip }, async () => {
  // The second chunk's job-row update fails as a lost connection would: the chunk rolls back.
  const srv = await faulty("UPDATE import_job SET total@2");
  const shequ = await login(srv, "shequ");
  const [[branchName]] = sql(srv.db, "SELECT name FROM org WHERE type = 'branch' ORDER BY id LIMIT 1");
  const rows = [["姓名", "身份证号码", "所属支部"]];
  for (let i = 0; i < 700; i++) rows.push([`半途${cjkNum(i)}`, demoId(`${1950 + (i % 40)}0419`, String(100 + Math.floor(i / 40)).padStart(3, "0")), branchName]);
  const form = new FormData();
  form.append("file", new Blob([buildXlsx(rows)]), "roster.xlsx");
  expectError(await shequ.request("POST", "/api/members/import?skip_invalid=1", { raw: form }), 503, "unavailable");
  const [[state, accepted, created, committed, result]] = sql(srv.db, "SELECT state, accepted, created, committed, result FROM import_job ORDER BY id DESC LIMIT 1");
  assert.deepEqual([state, Number(accepted), Number(created), Number(committed)], ["failed", 512, 512, 1]);
  assert.deepEqual(JSON.parse(result).committed_rows, [[2, 513]]);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM person WHERE name LIKE '半途%'")[0][0]), 512);
});
