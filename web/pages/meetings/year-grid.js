// year-grid.js: part of the 会议 page: one branch's year, month by month and type by type:
// what was held (已开), what is planned (计划), what a finished period lacks (未开) and what
// the current period still needs (待开), measured against the rules that GET
// /api/orglife/compliance applies to that branch (its period and expected count). A table on
// a wide screen, a list of months on a phone. A branch is chosen among those the compliance
// answer names (a branch secretary has one), `orgId` (the list's org filter) first. Emits "pick" {org, type, from, to} when a cell is
// clicked, for the list below. It does not judge anyone: no ranking, no score.
import { api, withQuery } from "../../lib/api.js";
import { options, codeLabel } from "../../lib/meta.js";
import { isMobile } from "../../lib/viewport.js";
import { allMeetings, todayCN, yearRange } from "../../lib/orglife.js";
const { ref, computed, watch, onMounted } = Vue;

const PERIODS = { month: 12, quarter: 4, year: 1 };
const periodLabel = (p) => codeLabel("rule_period", p);
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const pad = (n) => String(n).padStart(2, "0");
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
// How many meetings a rule asks for in each of its periods (a 支部 with two 党小组 expects two
// 党小组会 a month); a branch founded during the year expects fewer periods, each once.
const perPeriod = (rule) => {
  const n = PERIODS[rule.period] || 12;
  return rule.expected >= n ? Math.max(1, Math.round(rule.expected / n)) : 1;
};

export default {
  name: "MeetingYearGrid",
  props: { scopeOrgId: { type: Number, default: null }, orgId: { type: Number, default: null } },
  emits: ["pick"],
  setup(props, { emit }) {
    const thisYear = Number(todayCN().slice(0, 4));
    const year = ref(thisYear);
    const YEARS = [thisYear - 2, thisYear - 1, thisYear];
    const rules = ref([]); // compliance items of the scope
    const branch = ref(null);
    const meetings = ref([]);
    const loading = ref(false);
    const branches = computed(() => {
      const seen = new Map();
      for (const r of rules.value) if (!seen.has(r.org_id)) seen.set(r.org_id, r.org_name);
      return [...seen].map(([id, name]) => ({ id, name }));
    });
    async function loadRules() {
      if (!props.scopeOrgId) return;
      loading.value = true;
      try {
        const [from, to] = yearRange(year.value);
        const r = await api("GET", withQuery("/api/orglife/compliance", { org: props.scopeOrgId, from, to }));
        rules.value = r.items;
        if (props.orgId && branches.value.some((b) => b.id === props.orgId)) branch.value = props.orgId;
        else if (!branches.value.some((b) => b.id === branch.value)) branch.value = branches.value.length ? branches.value[0].id : null;
        await loadMeetings();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    async function loadMeetings() {
      if (!branch.value) { meetings.value = []; return; }
      const [from, to] = yearRange(year.value);
      try {
        meetings.value = await allMeetings({ org: branch.value, from, to });
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    watch(() => props.scopeOrgId, loadRules);
    watch(year, loadRules);
    watch(branch, (v, old) => { if (old !== null && v !== old) loadMeetings(); });
    onMounted(loadRules);

    // One row per type: the branch's rule rows first (in the server's order), then any other
    // type it held meetings of (谈心谈话, 其他: no frequency required).
    const rows = computed(() => {
      const today = todayCN();
      const nowMonth = today.slice(0, 4) === String(year.value) ? Number(today.slice(5, 7))
        : (year.value < Number(today.slice(0, 4)) ? 13 : 0);
      const mine = rules.value.filter((r) => r.org_id === branch.value);
      const types = [...mine.map((r) => r.type)];
      for (const m of meetings.value) if (!types.includes(m.type) && m.status !== "cancelled") types.push(m.type);
      const labels = Object.fromEntries(options("meeting_type").map((o) => [o.value, o.label]));
      return types.map((type) => {
        const rule = mine.find((r) => r.type === type) || null;
        const held = Array(13).fill(0), planned = Array(13).fill(0);
        for (const m of meetings.value) {
          if (m.type !== type) continue;
          const mo = Number(m.meets_on.slice(5, 7));
          if (m.status === "held") held[mo]++;
          else if (m.status === "planned") planned[mo]++;
        }
        const cells = MONTHS.map((mo) => ({ month: mo, held: held[mo], planned: planned[mo], state: "" }));
        if (rule) {
          const n = PERIODS[rule.period] || 12, span = 12 / n;
          // A branch founded during the year expects fewer periods: the first ones are not due.
          const per = perPeriod(rule);
          const skip = rule.expected >= n ? 0 : n - rule.expected;
          for (let p = 0; p < n; p++) {
            const months = MONTHS.slice(p * span, (p + 1) * span);
            const got = months.reduce((s, mo) => s + held[mo], 0);
            const end = months[months.length - 1];
            const cell = cells[end - 1];
            if (p < skip) cell.state = "";
            else if (got >= per) cell.state = "ok";
            else if (end < nowMonth) cell.state = "missing";
            else if (months[0] <= nowMonth) cell.state = "due";
            cell.need = per - got;
            cell.per = per;
          }
        }
        return { type, label: labels[type] || type, rule, cells,
                 note: rule ? `${periodLabel(rule.period)}${perPeriod(rule)}次` : "不作频次要求" };
      });
    });
    // The phone's month list: for each month the types with anything to say.
    const months = computed(() => MONTHS.map((mo) => ({
      month: mo,
      items: rows.value.map((r) => ({ type: r.type, label: r.label, ...r.cells[mo - 1] }))
        .filter((c) => c.held || c.planned || c.state === "missing" || c.state === "due"),
    })));
    const current = computed(() => (todayCN().slice(0, 4) === String(year.value) ? Number(todayCN().slice(5, 7)) : 0));
    // On a phone the current year opens on the last three months and any month with 未开.
    const whole = ref(false);
    const shownMonths = computed(() => (whole.value || !current.value ? months.value
      : months.value.filter((m) => (m.month <= current.value && m.month > current.value - 3) || m.items.some((c) => c.state === "missing"))));
    function pick(type, mo) {
      const y = year.value;
      emit("pick", { org: branch.value, type, from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDay(y, mo))}` });
    }
    return { year, YEARS, branch, branches, rows, months, shownMonths, whole, MONTHS, loading, current, pick, isMobile };
  },
  template: `
    <div class="year-grid" v-loading="loading">
      <div class="year-grid-head">
        <el-select v-model="year" class="year-select" aria-label="年度">
          <el-option v-for="y in YEARS" :key="y" :label="y + '年'" :value="y" />
        </el-select>
        <el-select v-if="branches.length > 1" v-model="branch" filterable class="branch-select" aria-label="党组织">
          <el-option v-for="b in branches" :key="b.id" :label="b.name" :value="b.id" />
        </el-select>
        <span v-else-if="branches.length" class="year-grid-org">{{ branches[0].name }}</span>
      </div>
      <el-empty v-if="!loading && !branches.length" description="当前范围内没有需要开展组织生活的党支部" :image-size="70" />
      <div v-else-if="!isMobile" class="year-table-wrap">
        <table class="year-table">
          <thead><tr><th class="year-type">会议类型</th><th v-for="m in MONTHS" :key="m" :class="{ 'is-now': m === current }">{{ m }}月</th></tr></thead>
          <tbody>
            <tr v-for="r in rows" :key="r.type">
              <th class="year-type">{{ r.label }}<div class="year-note">{{ r.note }}</div></th>
              <td v-for="c in r.cells" :key="c.month" :class="['cell-' + (c.state || 'none'), { 'is-now': c.month === current }]"
                  @click="pick(r.type, c.month)" :title="r.label + ' ' + c.month + '月'">
                <span v-if="c.held" class="chip chip-held">已开{{ c.held > 1 ? ' ' + c.held : '' }}</span>
                <span v-if="c.planned" class="chip chip-planned">计划{{ c.planned > 1 ? ' ' + c.planned : '' }}</span>
                <span v-if="c.state === 'missing'" class="chip chip-missing">{{ c.need < c.per ? '缺 ' + c.need : '未开' }}</span>
                <span v-else-if="c.state === 'due'" class="chip chip-due">待开</span>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <div v-else class="year-months">
        <div v-for="m in shownMonths" :key="m.month" class="year-month" :class="{ 'is-now': m.month === current }">
          <div class="year-month-name">{{ m.month }}月</div>
          <div class="year-month-items">
            <button v-for="c in m.items" :key="c.type" type="button" class="year-month-item" @click="pick(c.type, m.month)">
              <span class="year-month-type">{{ c.label }}</span>
              <span v-if="c.held" class="chip chip-held">已开{{ c.held > 1 ? ' ' + c.held : '' }}</span>
              <span v-if="c.planned" class="chip chip-planned">计划</span>
              <span v-if="c.state === 'missing'" class="chip chip-missing">{{ c.need < c.per ? '缺 ' + c.need : '未开' }}</span>
              <span v-else-if="c.state === 'due'" class="chip chip-due">待开</span>
            </button>
            <span v-if="!m.items.length" class="year-month-empty">—</span>
          </div>
        </div>
        <el-button v-if="shownMonths.length < months.length" text type="primary" class="whole-year" @click="whole = true">显示全年</el-button>
      </div>
      <div class="year-legend">
        <span class="chip chip-held">已开</span>已召开
        <span class="chip chip-planned">计划</span>已安排
        <span class="chip chip-missing">未开</span>期间已过、未按要求召开（缺 n：少开 n 次）
        <span class="chip chip-due">待开</span>本期尚需召开
        <span class="year-legend-note">季度、年度要求标在该期最后一个月。点击格子可在下方列出当月会议。</span>
      </div>
    </div>`,
};
