// crash.test.js: a write the server acknowledged survives the server being killed. Clients
// create and change members while the server is SIGKILLed at a random moment, CRASH_KILLS times
// (5 by default; `make crash` runs more). After each restart on the same database every
// acknowledged create and change is there, every refused create is absent, and the database
// is whole: SQLite's integrity check passes, the audit chain verifies and the statistics
// counters equal a recount. Runs on SQLite, and on PostgreSQL under make check-pg.
"use strict";
const { test, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, cli, cjkNum, PG, unseal } = require("./lib/harness");
const { demoId } = require("./lib/xlsx");

const KILLS = Number(process.env.CRASH_KILLS || 5);
const CLIENTS = 4;
const first = { srv: null };
after(async () => { if (first.srv) first.srv.proc.kill("SIGKILL"); });

// Random integer in [lo, hi).
const rand = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One client's writes until the server dies: creates (some deliberately refused: an ID number
// already on the roll) and phone changes of members it created. Outcomes go into log. Client c
// changes only the members client c created, so a member's changes are sent one after another
// and the last acknowledged one is the last committed (two clients racing on one member could
// commit in one order and acknowledge in the other).
async function writeUntilDeath(client, c, branch, seqBase, log) {
  for (let i = 0; ; i++) {
    const seq = seqBase + i;
    try {
      const mine = log.created.filter((x) => x.client === c);
      if (i % 3 === 2 && mine.length > 0) {
        const m = mine[rand(0, mine.length)];
        const phone = `139${String(rand(0, 1e8)).padStart(8, "0")}`;
        log.tried.set(m.id, [...(log.tried.get(m.id) || []), phone]);
        const res = await client.request("PATCH", `/api/members/${m.id}`, { body: { phone } });
        if (res.status === 200) log.phone.set(m.id, phone);
      } else {
        const refused = i % 7 === 6 && log.created.length > 0;
        const id = refused ? log.created[0].id_number : demoId("19700101", String(seq % 1000).padStart(3, "0"), `99${String(100 + Math.floor(seq / 1000)).padStart(4, "0")}`);
        const name = refused ? "重复登记" : `压测${cjkNum(seq)}`;
        const res = await client.request("POST", "/api/members", { body: { name, id_number: id, org_id: branch } });
        if (res.status === 201) log.created.push({ id: res.json.id, id_number: id, name, client: c });
        else if (res.status >= 400 && res.status < 500) log.refused.push(name);
        else if (res.status !== 503) throw new Error(`unexpected ${res.status}: ${res.text}`);
      }
    } catch (e) {
      if (e.message.startsWith("unexpected")) throw e;
      return; // the connection died with the server: this write's outcome is unknown
    }
  }
}

async function clients(srv) {
  const shequ = await login(srv, "shequ");
  const branch = (await login(srv, "shuji")).session.grants[0].org_id;
  return { shequ, branch };
}

function checkWhole(db) {
  if (!PG) assert.equal(sql(db, "PRAGMA integrity_check")[0][0], "ok");
  const audit = cli(["audit", "verify", "--db", db]);
  assert.equal(audit.status, 0, `audit chain: ${audit.stdout}${audit.stderr}`);
  const stats = cli(["stats", "verify", "--db", db]);
  assert.equal(stats.status, 0, `statistics: ${stats.stdout}${stats.stderr}`);
}

test(`acknowledged writes survive ${KILLS} SIGKILLs under write load`, { timeout: 300000 }, async () => {
  let srv = await startServer({ demo: { members: 300 } });
  first.srv = srv;
  const db = srv.db;
  const log = { created: [], refused: [], phone: new Map(), tried: new Map() };
  for (let k = 0; k < KILLS; k++) {
    const { shequ, branch } = await clients(srv);
    const load = [];
    for (let c = 0; c < CLIENTS; c++) load.push(writeUntilDeath(shequ, c, branch, (k * CLIENTS + c) * 10000, log));
    await sleep(rand(300, 1500));
    srv.proc.kill("SIGKILL");
    await Promise.all(load);
    srv = await startServer({ db });
    first.srv = srv;

    const ids = log.created.map((m) => m.id);
    const found = new Set(sql(db, `SELECT id FROM member WHERE id IN (${ids.join(",") || 0})`).map((r) => Number(r[0])));
    const lost = ids.filter((id) => !found.has(id));
    assert.deepEqual(lost, [], `kill ${k + 1}: acknowledged creates lost`);
    const dup = sql(db, "SELECT count(*) FROM person WHERE name = '重复登记'")[0][0];
    assert.equal(Number(dup), 0, `kill ${k + 1}: a refused create was stored`);
    for (const [id, phone] of log.phone) {
      const stored = unseal(sql(db, `SELECT p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ${id}`)[0][0]);
      // A change sent after the last acknowledged one may have committed before the kill.
      const later = log.tried.get(id).slice(log.tried.get(id).lastIndexOf(phone));
      assert.ok(later.includes(stored), `kill ${k + 1}: member ${id} has phone ${stored}, acknowledged ${phone}`);
    }
    checkWhole(db);
  }
  console.log(`# crash: ${KILLS} kills, ${log.created.length} acknowledged creates, ${log.refused.length} refused, ${log.phone.size} members with acknowledged changes`);
  assert.ok(log.created.length > KILLS, `the load wrote too little to test anything (${log.created.length} creates)`);
  await srv.stop();
  first.srv = null;
});
