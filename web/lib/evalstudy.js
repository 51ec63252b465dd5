// evalstudy.js: what the 民主评议 and 学习记录 pages share: the branch-level orgs of a scope
// (evaluation rounds and study records belong to a 党支部 or 党总支), the years one may pick,
// a subject's peer tallies as one line, a grade's tag colour, and 学时 against the target as
// people say it. Labels come from the server (grade labels, meta.js code tables); no copies.
import { api, withQuery } from "./api.js";
import { todayCN } from "./orglife.js";

// The org types an evaluation round or a study record is kept for (orglife_eval.c BRANCH_TYPES).
export const BRANCH_TYPES = ["general_branch", "branch", "joint_branch", "mobile_branch"];

// The live branch-level orgs under (and including) org, in tree order; q narrows by name.
// At most 200 of each type: a larger scope is searched by name.
export async function branchesOf(org, q = "") {
  const lists = await Promise.all(BRANCH_TYPES.map((type) => api("GET", withQuery("/api/orgs", { org, type, q, size: 200 }))));
  const all = lists.flatMap((l) => l.items);
  all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { items: all, more: lists.some((l) => l.total > l.items.length) };
}

export const thisYear = () => Number(todayCN().slice(0, 4));

// This year and the n - 1 before it, newest first.
export const recentYears = (n = 5) => Array.from({ length: n }, (_, i) => thisYear() - i);

// {excellent: 3, qualified: 9, basic: 1, unqualified: 0} over the round's grades →
// "优秀 3 · 合格 9 · 基本合格 1 · 不合格 0"; "—" when no vote was entered.
export function peerText(peer, grades) {
  if (!peer || !grades.some((g) => peer[g.code])) return "—";
  return grades.map((g) => `${g.label} ${peer[g.code] || 0}`).join(" · ");
}

// The tag colour of a grade: 优秀 red (the party colour), 基本合格 orange, 不合格 grey-dark.
export const gradeType = (code) => ({ excellent: "danger", qualified: "success", basic: "warning", unqualified: "info" }[code] || "info");

// "还差 6 学时" / "已达到" for a year's hours against its target.
export const hoursState = (y) => (y.hours >= y.target ? "已达到" : `还差 ${y.target - y.hours} 学时`);

// The share of the target reached, 0–100, for a progress bar.
export const hoursPct = (y) => (y.target ? Math.min(100, Math.round((y.hours * 100) / y.target)) : 0);
