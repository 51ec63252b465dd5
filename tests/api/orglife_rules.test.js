// orglife_rules.test.js: the frequency rules as an org admin sets them (RULES.md §4.2): the
// rules in force below an org, a stricter local rule that compliance applies at once, a looser
// one refused until confirmed (and audited as a loosening), a later rule ending the earlier one,
// the end of a local rule, and bad input refused with nothing written.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startServer, login, sql, today, expectStatus, expectError } = require("./lib/harness");

let srv, shuji, shequ, branch, community;
before(async () => {
  srv = await startServer({ demo: {} });
  [shuji, shequ] = await Promise.all(["shuji", "shequ"].map((u) => login(srv, u)));
  branch = shuji.session.grants[0].org_id;
  community = shequ.session.grants[0].org_id;
});
after(async () => { await srv.stop(); });

const year = () => today().slice(0, 4);
const ruleCount = () => Number(sql(srv.db, "SELECT COUNT(*) FROM orglife_rule")[0][0]);
const lastAudit = () => sql(srv.db, "SELECT action, target_id FROM audit ORDER BY id DESC LIMIT 1")[0];
const themeDay = (items, org) => items.find((i) => i.org_id === org && i.type === "theme_day");
const compliance = async (org) => expectStatus(await shequ.request("GET",
  `/api/orglife/compliance?org=${org}&from=${year()}-01-01&to=${today()}`), 200).json.items;

test("the national rules are in force below a community, each with its rule ID and source", async () => {
  const r = expectStatus(await shequ.request("GET", `/api/orglife/rules?org=${community}`), 200).json;
  const byType = Object.fromEntries(r.in_force.map((x) => [x.type, x]));
  assert.deepEqual([byType.party_congress.rule_id, byType.party_congress.period, byType.party_congress.min_count], ["LIFE-DAHUI", "quarter", 1]);
  assert.equal(byType.theme_day.period_label, "每月");
  assert.equal(byType.theme_day.org_id, null);
  assert.ok(byType.committee.source.includes("支部工作条例"));
  assert.equal(byType.talk, undefined, "谈心谈话 has no frequency row");
  // A branch secretary reads them but may not set them.
  expectStatus(await shuji.request("GET", `/api/orglife/rules?org=${branch}`), 200);
  expectError(await shuji.request("POST", "/api/orglife/rules", { body: { org_id: branch, type: "theme_day", period: "month", min_count: 2, valid_from: `${year()}-01-01`, source: "支部决定" } }), 403, "forbidden");
});

test("a stricter local rule applies to the subtree at once; a later one ends it; ending it restores the default", async () => {
  const before = themeDay(await compliance(branch), branch);
  const months = Number(today().slice(5, 7));
  const set = expectStatus(await shequ.request("POST", "/api/orglife/rules", {
    body: { org_id: branch, type: "theme_day", period: "month", min_count: 2, valid_from: `${year()}-01-01`, source: "　社区党委〔2026〕3号　" },
  }), 201).json;
  const mine = set.in_force.find((x) => x.type === "theme_day");
  assert.deepEqual([mine.org_id, mine.min_count, mine.rule_id, mine.source], [branch, 2, "LIFE-ZHUTI", "社区党委〔2026〕3号"]);
  const [action, target] = lastAudit();
  assert.equal(action, "orglife.rule_set");
  assert.equal(Number(target), mine.id);
  // Compliance counts twice a month for this branch now (its cached answer is not reused).
  assert.equal(themeDay(await compliance(branch), branch).expected, 2 * months);
  assert.notEqual(before.expected, 2 * months);

  // The community reads the branch's rule among the local rows around it, not as in force for itself.
  const atCommunity = expectStatus(await shequ.request("GET", `/api/orglife/rules?org=${community}`), 200).json;
  assert.equal(atCommunity.in_force.find((x) => x.type === "theme_day").org_id, null);
  assert.ok(atCommunity.local.some((x) => x.id === mine.id && x.org_name));

  // A second rule from a later month ends the first there; one on the same day is a conflict.
  const next = `${Number(year()) + 1}-01-01`;
  expectStatus(await shequ.request("POST", "/api/orglife/rules", {
    body: { org_id: branch, type: "theme_day", period: "month", min_count: 3, valid_from: next, source: "新规定" },
  }), 201);
  assert.equal(sql(srv.db, `SELECT valid_to FROM orglife_rule WHERE id = ${mine.id}`)[0][0], next);
  const n = ruleCount();
  expectError(await shequ.request("POST", "/api/orglife/rules", {
    body: { org_id: branch, type: "theme_day", period: "month", min_count: 4, valid_from: next, source: "重复" },
  }), 409, "conflict", "/valid_from");
  assert.equal(ruleCount(), n);

  // Ending the first from next month on: this year's earlier months keep it.
  const later = expectStatus(await shequ.request("GET", `/api/orglife/rules?org=${branch}&on=${next}`), 200).json;
  const third = later.in_force.find((x) => x.type === "theme_day");
  assert.equal(third.min_count, 3);
  expectStatus(await shequ.request("PATCH", `/api/orglife/rules/${third.id}`, { body: { valid_to: `${Number(year()) + 1}-06-01` } }), 200);
  assert.equal(lastAudit()[0], "orglife.rule_end");
  const july = expectStatus(await shequ.request("GET", `/api/orglife/rules?org=${branch}&on=${Number(year()) + 1}-07-01`), 200).json;
  assert.equal(july.in_force.find((x) => x.type === "theme_day").org_id, null, "the default applies again");
  // An ended rule is not extended; a national default is never ended here.
  expectError(await shequ.request("PATCH", `/api/orglife/rules/${third.id}`, { body: { valid_to: `${Number(year()) + 2}-01-01` } }), 409, "conflict", "/valid_to");
  const dflt = atCommunity.in_force.find((x) => x.type === "theme_day").id;
  expectError(await shequ.request("PATCH", `/api/orglife/rules/${dflt}`, { body: { valid_to: `${year()}-06-01` } }), 409, "conflict");
  sql(srv.db, `DELETE FROM orglife_rule WHERE org_id = ${branch}`);
});

test("loosening a verified rule needs the confirmation and is audited as a loosening", async () => {
  const body = { org_id: branch, type: "party_congress", period: "year", min_count: 2, valid_from: `${year()}-01-01`, source: "试点方案" };
  const n = ruleCount();
  const e = expectError(await shequ.request("POST", "/api/orglife/rules", { body }), 409, "conflict", "/min_count");
  assert.match(e.message, /LIFE-DAHUI/);
  assert.match(e.message, /每季度/);
  assert.equal(ruleCount(), n);
  const ok = expectStatus(await shequ.request("POST", "/api/orglife/rules", { body: { ...body, loosen: true } }), 201).json;
  assert.equal(ok.in_force.find((x) => x.type === "party_congress").min_count, 2);
  assert.equal(lastAudit()[0], "orglife.rule_loosen");
  // Loosening a secondary rule (主题党日 every quarter) needs no confirmation, and is still
  // audited as a loosening.
  expectStatus(await shequ.request("POST", "/api/orglife/rules", { body: { ...body, type: "theme_day", period: "quarter", min_count: 1 } }), 201);
  assert.equal(lastAudit()[0], "orglife.rule_loosen");
  sql(srv.db, `DELETE FROM orglife_rule WHERE org_id = ${branch}`);
});

test("bad rule input: a clear error on its field, nothing written", async () => {
  const good = { org_id: branch, type: "theme_day", period: "month", min_count: 2, valid_from: `${year()}-01-01`, source: "社区党委决定" };
  const n = ruleCount();
  const cases = [
    [{ valid_from: `${year()}-01-15` }, 400, "/valid_from", /1日/],
    [{ valid_from: "2026-13-01" }, 400, "/valid_from"],
    [{ type: "talk" }, 400, "/type", /谈心谈话/],
    [{ type: "meetup" }, 400, "/type"],
    [{ period: "week" }, 400, "/period"],
    [{ min_count: 101 }, 400, "/min_count"],
    [{ source: "" }, 400, "/source"],
    [{ org_id: 999999 }, 404, ""],
  ];
  for (const [patch, status, field, msg] of cases) {
    const r = await shequ.request("POST", "/api/orglife/rules", { body: { ...good, ...patch } });
    assert.equal(r.status, status, `${JSON.stringify(patch)}: ${r.status} ${JSON.stringify(r.json)}`);
    if (field) assert.equal(r.json.error.field, field, JSON.stringify(patch));
    if (msg) assert.match(r.json.error.message, msg);
  }
  assert.equal(ruleCount(), n);
});
