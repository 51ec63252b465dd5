// dues-months.js: a member's year of dues as twelve small cells (月 1–12): paid in full, part
// paid, unpaid (a month that has passed), not due yet (this month and later) or no standard;
// each cell's title gives 应交 and 已交 in 元. Used by the branch ledger on a phone and by 我的党费.
import { fmtYuan, monthCN } from "../lib/money.js";

export function monthState(c, now = monthCN()) {
  if (!c.expected_fen) return c.paid_fen > 0 ? "paid" : "none";
  if (c.paid_fen >= c.expected_fen) return "paid";
  if (c.month >= now) return c.paid_fen > 0 ? "part" : "open";
  return c.paid_fen > 0 ? "part" : "owed";
}

export default {
  name: "DuesMonths",
  props: { months: { type: Array, required: true } },
  setup() {
    const title = (c) => `${c.month}：应交 ${fmtYuan(c.expected_fen)} 元，已交 ${fmtYuan(c.paid_fen)} 元${c.extra_fen ? `，自愿多交 ${fmtYuan(c.extra_fen)} 元` : ""}`;
    return { title, state: (c) => monthState(c) };
  },
  template: `
    <div class="dues-months">
      <span v-for="c in months" :key="c.month" class="dues-month" :class="'m-' + state(c)" :data-month="c.month" :title="title(c)">{{ Number(c.month.slice(5)) }}</span>
    </div>`,
};
