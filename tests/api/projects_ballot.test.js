// projects_ballot.test.js: 问计, the link between 民生实事 and 议事协商 (issue 21): a community's
// feasible proposals put to a council meeting's vote as a budget ballot (titles, costs and ids
// from the proposals, the budget the year's: nothing typed twice); a ballot that fails quorum
// yields no selection (409), a valid one yields the year's selection in its rank order with the
// budget line by line and the ballot recorded; bad input refused with nothing written.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");

const Y = 2031; // a year the demo leaves empty
let srv, shequ, community;
const reps = [];
const count = (q) => Number(sql(srv.db, q)[0][0]);

before(async () => {
  srv = await startServer({ demo: {} });
  shequ = await login(srv, "shequ");
  community = shequ.session.grants[0].org_id;
  const path = sql(srv.db, `SELECT path FROM org WHERE id = ${community}`)[0][0];
  const free = "NOT EXISTS (SELECT 1 FROM user_account u WHERE u.person_id = p.person_id)";
  const party = sql(srv.db, `SELECT p.person_id FROM member p WHERE p.org_path LIKE '${path}%' AND p.status = 'full' AND ${free} ORDER BY p.id LIMIT 5`).map((r) => Number(r[0]));
  const residents = sql(srv.db, `SELECT p.person_id FROM resident p JOIN household h ON h.id = p.household_id WHERE h.org_id = ${community} AND NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = p.person_id) AND ${free} ORDER BY p.person_id LIMIT 3`).map((r) => Number(r[0]));
  const all = [...party, ...residents];
  sql(srv.db, `INSERT INTO user_account (username, display_name, password_hash, person_id, must_change_password, created_at, updated_at) SELECT 'pb' || p.id, p.name, (SELECT password_hash FROM user_account WHERE username = 'jumin'), p.id, 0, 0, 0 FROM person p WHERE p.id IN (${all.join(",")})`);
  sql(srv.db, `INSERT INTO user_grant (user_id, role, org_id, created_at) SELECT id, 'resident', ${community}, 0 FROM user_account WHERE username LIKE 'pb%'`);
  for (const p of all) reps.push({ person: p, party: party.includes(p), client: await login(srv, `pb${p}`) });
});
after(async () => { await srv.stop(); });

const post = async (path, body, status = 201) => expectStatus(await shequ.request("POST", path, { body }), status).json;

test("问计: proposals to a council's budget ballot; no quorum, no selection; a valid ballot gives the year's list", async () => {
  // The year's budget and three feasible proposals (12, 8 and 5 万元) and one not reviewed.
  await post("/api/project-budgets", { org_id: community, year: Y, amount_fen: 20000000 }, 200);
  const need = (await post("/api/needs", { org_id: community, year: Y, title: "居民议事会收集的意见", source_kind: "meeting" })).id;
  const proposal = async (title, cost, feasible = true) => {
    const p = await post("/api/proposals", { org_id: community, year: Y, title, cost_fen: cost, body: "社区居委会", needs: [{ need_id: need }] });
    if (feasible) await post(`/api/proposals/${p.id}/review`, { verdict: "feasible" }, 200);
    return p.id;
  };
  const A = await proposal("小区路灯改造", 12000000), B = await proposal("老年助餐点", 8000000), C = await proposal("楼道清理", 5000000);
  const pending = await proposal("加装电梯", 90000000, false);
  // The council: 5 Party members and 3 residents (the rules hold).
  const council = (await post("/api/bodies", { org_id: community, kind: "community_council", name: "社区议事会（问计测试）" })).id;
  for (const r of reps) await post(`/api/bodies/${council}/seats`, { person_id: r.person, role: r.party ? "party_rep" : "resident_rep", joined_on: today() });
  const meeting = async () => {
    const m = (await post(`/api/bodies/${council}/meetings`, { held_on: today(), place: "社区党群服务中心", agenda: `${Y}年民生实事项目排序` })).id;
    await post(`/api/deliberation/meetings/${m}/actions`, { action: "open" }, 200);
    return m;
  };
  const m1 = await meeting();
  const ballotBody = (ids) => ({ title: `${Y}年民生实事项目票决`, method: "approval", max_choices: 2, secret: true, proposals: ids.map((id) => ({ proposal_id: id })) });
  // Bad input: a proposal not reviewed, one twice, too few; nothing written.
  const polls0 = count("SELECT COUNT(*) FROM delib_poll");
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${m1}/proposal-ballots`, { body: ballotBody([A, pending]) }), 400, "invalid", "/proposals/1/proposal_id");
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${m1}/proposal-ballots`, { body: ballotBody([A, A]) }), 400, "invalid", "/proposals/1/proposal_id");
  expectError(await shequ.request("POST", `/api/deliberation/meetings/${m1}/proposal-ballots`, { body: ballotBody([A]) }), 400, "invalid", "/proposals");
  expectError(await shequ.request("POST", "/api/deliberation/meetings/99999999/proposal-ballots", { body: ballotBody([A, B]) }), 404, "not_found");
  assert.equal(count("SELECT COUNT(*) FROM delib_poll"), polls0);
  // The ballot's options are the proposals: titles, costs and ids, and the year's budget.
  const b1 = (await post(`/api/deliberation/meetings/${m1}/proposal-ballots`, ballotBody([A, B, C]))).id;
  const got = expectStatus(await shequ.request("GET", `/api/ballots/${b1}`), 200).json;
  assert.deepEqual(got.options.map((o) => [o.title, o.cost_fen, o.ref_kind, o.ref_id]),
    [["小区路灯改造", 12000000, "proposal", A], ["老年助餐点", 8000000, "proposal", B], ["楼道清理", 5000000, "proposal", C]]);
  assert.equal(got.budget_fen, 20000000);
  const opt = Object.fromEntries(got.options.map((o) => [o.ref_id, o.id]));
  const vote = (r, ids) => r.client.request("POST", `/api/ballots/${ids.ballot}/votes`, { body: { choices: ids.picks.map((p) => ({ option_id: ids.opt[p] })) } });
  // First meeting: 4 of 8 vote (quorum is 2/3): the ballot is invalid and gives no list.
  await post(`/api/ballots/${b1}/actions`, { action: "open" }, 200);
  for (const r of reps.slice(0, 4)) expectStatus(await vote(r, { ballot: b1, opt, picks: [A, B] }), 201);
  const sel = (ballot_id, extra = {}) => shequ.request("POST", "/api/selections", { body: { org_id: community, year: Y, basis: "社区议事会票决", ballot_id, ...extra } });
  expectError(await sel(b1), 409, "conflict", "/ballot_id"); // still open
  await post(`/api/ballots/${b1}/actions`, { action: "close" }, 200);
  const r1 = expectStatus(await shequ.request("GET", `/api/ballots/${b1}/result`), 200).json;
  assert.equal(r1.quorum_met, false);
  const e = expectError(await sel(b1), 409, "conflict", "/ballot_id");
  assert.match(e.message, /未达到法定人数/);
  // Second meeting: 6 of 8 vote. Approvals: A 5, B 4, C 3; budget 20 万: A (12) and B (8) fit, C does not.
  await post(`/api/deliberation/meetings/${m1}/actions`, { action: "close" }, 200);
  const m2 = await meeting();
  const b2 = (await post(`/api/deliberation/meetings/${m2}/proposal-ballots`, ballotBody([A, B, C]))).id;
  const opt2 = Object.fromEntries(expectStatus(await shequ.request("GET", `/api/ballots/${b2}`), 200).json.options.map((o) => [o.ref_id, o.id]));
  await post(`/api/ballots/${b2}/actions`, { action: "open" }, 200);
  const papers = [[A, B], [A, B], [A, C], [A, B], [A, C], [B, C]];
  for (let i = 0; i < papers.length; i++) expectStatus(await vote(reps[i], { ballot: b2, opt: opt2, picks: papers[i] }), 201);
  await post(`/api/ballots/${b2}/actions`, { action: "close" }, 200);
  const r2 = expectStatus(await shequ.request("GET", `/api/ballots/${b2}/result`), 200).json;
  assert.equal(r2.quorum_met, true);
  assert.deepEqual(r2.tally.map((t) => [t.ref_id, t.value, t.selected]), [[A, 5, true], [B, 4, true], [C, 3, false]]);
  // Listing proposals as well is refused; the selection comes from the ballot alone.
  expectError(await sel(b2, { proposals: [{ proposal_id: C }] }), 400, "invalid", "/proposals");
  const s = expectStatus(await sel(b2), 201).json;
  assert.equal(s.ballot_id, b2);
  assert.deepEqual(s.items.map((i) => [i.rank, i.proposal_id, i.cost_fen]), [[1, A, 12000000], [2, B, 8000000]]);
  assert.equal(s.total_fen, 20000000);
  assert.equal(count(`SELECT ballot_id FROM proj_selection WHERE id = ${s.id}`), b2);
  // Its proposals are listed now: the same ballot cannot give a second list.
  assert.match(expectError(await sel(b2), 400, "invalid", "/proposals/0/proposal_id").message, /已列入另一份实事清单/);
});
