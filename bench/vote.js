// vote.js: the vote-peak driver of bench/vote.sh. Against a running server whose database holds
// a body with N seated representatives, each with an account v<person_id>: the admin calls and
// opens a meeting and an approval ballot (choose up to 2 of 5), then every representative logs
// in (argon2id; `LOGIN_CONCURRENCY` at a time, by default one per core) and, separately timed,
// votes (`VOTE_CONCURRENCY` at a time); 200 of them try a second paper (each must be 409). After
// closing, the result's tally must equal the sum of the accepted papers and its voter count the
// accepted votes. Prints one JSON line with the numbers.
"use strict";
const os = require("node:os");
const [url, password, personsCsv] = process.argv.slice(2);
const persons = personsCsv.split(",").map(Number);
const LOGIN_C = Number(process.env.LOGIN_CONCURRENCY || os.cpus().length);
const VOTE_C = Number(process.env.VOTE_CONCURRENCY || 16);

async function req(method, path, { body, cookie, csrf } = {}) {
  const headers = {};
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers["X-CSRF-Token"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}
async function login(username) {
  const r = await req("POST", "/api/session", { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return { cookie: r.headers.get("set-cookie").split(";")[0], csrf: r.json.csrf_token };
}
async function must(status, p) {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.json;
}
// Runs work(i) for i < n with at most c at once; returns the elapsed ms.
async function pool(n, c, work) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(c, n) }, async () => {
    while (next < n) await work(next++);
  }));
  return performance.now() - t0;
}
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

(async () => {
  const admin = await login("admin");
  const a = (m, p, body) => req(m, p, { body, ...admin });
  const body = Number(process.env.BODY_ID);
  const meeting = (await must(201, a("POST", `/api/bodies/${body}/meetings`, { held_on: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), place: "街道会议中心", agenda: "年度民生实事项目表决" }))).id;
  await must(200, a("POST", `/api/deliberation/meetings/${meeting}/actions`, { action: "open" }));
  const ballot = (await must(201, a("POST", `/api/deliberation/meetings/${meeting}/ballots`, { title: "年度民生实事项目", method: "approval", max_choices: 2, winners: 2, secret: true,
    options: ["加装电梯", "口袋公园", "充电车棚", "适老扶手", "社区食堂"].map((title) => ({ title })) }))).id;
  await must(200, a("POST", `/api/ballots/${ballot}/actions`, { action: "open" }));
  const opts = (await must(200, a("GET", `/api/ballots/${ballot}`))).options.map((o) => o.id);

  const sessions = new Array(persons.length);
  const loginMs = [];
  const loginWall = await pool(persons.length, LOGIN_C, async (i) => {
    const t = performance.now();
    sessions[i] = await login(`v${persons[i]}`);
    loginMs.push(performance.now() - t);
  });

  // Paper i approves options (i mod 5) and, for even i, also ((i + 2) mod 5).
  const paper = (i) => (i % 2 ? [opts[i % 5]] : [opts[i % 5], opts[(i + 2) % 5]]);
  const expected = opts.map(() => 0);
  const voteMs = [];
  let accepted = 0, other = 0;
  const voteWall = await pool(persons.length, VOTE_C, async (i) => {
    const t = performance.now();
    const r = await req("POST", `/api/ballots/${ballot}/votes`, { body: { choices: paper(i).map((id) => ({ option_id: id })) }, ...sessions[i] });
    voteMs.push(performance.now() - t);
    if (r.status === 201) { accepted++; for (const id of paper(i)) expected[opts.indexOf(id)]++; } else other++;
  });
  let dup409 = 0;
  await pool(Math.min(200, persons.length), VOTE_C, async (i) => {
    const r = await req("POST", `/api/ballots/${ballot}/votes`, { body: { choices: [{ option_id: opts[4] }] }, ...sessions[i] });
    if (r.status === 409) dup409++;
  });
  await must(200, a("POST", `/api/ballots/${ballot}/actions`, { action: "close" }));
  const res = await must(200, a("GET", `/api/ballots/${ballot}/result`));
  const tally = opts.map((id) => res.tally.find((t) => t.option_id === id).value);
  const ok = res.voters === accepted && tally.every((v, k) => v === expected[k]) && dup409 === Math.min(200, persons.length) && other === 0;
  console.log(JSON.stringify({
    voters: persons.length, ballot,
    login: { concurrency: LOGIN_C, wall_s: +(loginWall / 1000).toFixed(1), p50_ms: +pct(loginMs, 50).toFixed(1), p99_ms: +pct(loginMs, 99).toFixed(1) },
    vote: { concurrency: VOTE_C, wall_s: +(voteWall / 1000).toFixed(2), p50_ms: +pct(voteMs, 50).toFixed(1), p99_ms: +pct(voteMs, 99).toFixed(1), max_ms: +Math.max(...voteMs).toFixed(1), per_s: Math.round(persons.length / (voteWall / 1000)) },
    accepted, refused: other, dup409, tally, expected, result_voters: res.voters, quorum_met: res.quorum_met, ok,
  }));
  if (!ok) process.exit(1);
})().catch((e) => { console.error(e); process.exit(1); });
