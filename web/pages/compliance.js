// compliance.js: 落实情况: how each branch of the current scope kept its organizational life over
// a date range (this year unless chosen; GET /api/orglife/compliance): per branch and meeting
// type the rule (每月1次 …), 应开, 已开, 逾期 (highlighted), 即将到期, 参会率 and 参学率. Every
// figure links to the 会议 list filtered by that branch, type and range. A table on a wide
// screen, cards on a phone. Branches stay in the server's order: it is a record, not a ranking.
import { api, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { route, setQuery } from "../lib/router.js";
import { codeLabel } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { fmtRate, yearRange } from "../lib/orglife.js";
import DataList from "../components/data-list.js";
const { ref, computed, watch, onMounted } = Vue;

const COLUMNS = [
  { key: "name", label: "党组织 / 会议", min: 260 },
  { key: "rule", label: "要求", width: 100 },
  { key: "expected", label: "应开", width: 70 },
  { key: "held", label: "已开", width: 70 },
  { key: "overdue", label: "逾期", width: 70 },
  { key: "due_soon", label: "即将到期", width: 130 },
  { key: "attendance_rate", label: "参会率", width: 90 },
  { key: "study_rate", label: "参学率", width: 90 },
];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orglife/compliance", title: "落实情况", perm: "orglife.read", roles: ["admin", "org_admin"],
                         menu: { group: "组织生活", icon: "DataAnalysis", order: 20 } }];

export default {
  name: "CompliancePage",
  components: { DataList },
  setup() {
    const q = route.query;
    const range = ref(q.from && q.to ? [q.from, q.to] : yearRange());
    const items = ref([]);
    const loading = ref(false);
    const overdueOnly = ref(q.overdue === "1");
    async function load() {
      if (!range.value) range.value = yearRange();
      const [from, to] = range.value;
      const [dFrom, dTo] = yearRange();
      setQuery({ from: from !== dFrom ? from : "", to: to !== dTo ? to : "", overdue: overdueOnly.value ? "1" : "" });
      loading.value = true;
      try {
        items.value = (await api("GET", withQuery("/api/orglife/compliance", { org: scope.orgId, from, to }))).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    watch(() => scope.orgId, load);
    watch(overdueOnly, load);
    onMounted(load);
    const rows = computed(() => items.value.filter((i) => !overdueOnly.value || i.overdue > 0)
      .map((i) => ({ ...i, id: `${i.org_id}-${i.type}`, name: `${i.org_name} · ${i.type_label}` })));
    const totals = computed(() => ({
      branches: new Set(items.value.map((i) => i.org_id)).size,
      behind: new Set(items.value.filter((i) => i.overdue > 0).map((i) => i.org_id)).size,
      overdue: items.value.reduce((s, i) => s + i.overdue, 0),
    }));
    // The 会议 list of that branch, type and range (held ones for 已开).
    function link(row, status) {
      const [from, to] = range.value;
      return withQuery("/meetings", { org: row.org_id, org_name: row.org_name, type: row.type, status, from, to });
    }
    const rule = (r) => `${codeLabel("rule_period", r.period)}${r.min_count}次`;
    const rowClass = (r) => (r.overdue > 0 ? "row-overdue" : "");
    return { range, rows, totals, loading, overdueOnly, load, link, rule, rowClass, fmtRate, COLUMNS, isMobile, scope };
  },
  template: `
    <div class="page compliance-page">
      <div class="page-head">
        <h1 class="page-title">落实情况</h1>
        <div class="audit-export">
          <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD" unlink-panels :clearable="false"
            start-placeholder="起始日期" end-placeholder="截止日期" range-separator="至" class="audit-range compliance-range" @change="load" />
        </div>
      </div>
      <p class="page-desc">{{ scope.orgName }}各党支部按组织生活制度应开、已开的会议。共 {{ totals.branches }} 个党支部，其中 {{ totals.behind }} 个有逾期未开的会议（合计 {{ totals.overdue }} 次）。</p>
      <el-card shadow="never">
        <div class="compliance-tools"><el-checkbox v-model="overdueOnly" class="overdue-only">只看有逾期的</el-checkbox></div>
        <data-list :rows="rows" :columns="COLUMNS" :loading="loading" :row-class="rowClass" empty-text="当前范围内没有需要开展组织生活的党支部" class="compliance-list">
          <template #name="{ row }"><span class="c-org">{{ row.org_name }}</span> <span class="c-type">{{ row.type_label }}</span></template>
          <template #rule="{ row }"><span :title="'规则 ' + row.rule_id">{{ rule(row) }}</span></template>
          <template #expected="{ row }"><app-link :to="link(row, '')" class="link num">{{ row.expected }}</app-link></template>
          <template #held="{ row }"><app-link :to="link(row, 'held')" class="link num c-held">{{ row.held }}</app-link></template>
          <template #overdue="{ row }">
            <app-link v-if="row.overdue" :to="link(row, '')" class="link num overdue-cell">{{ row.overdue }}</app-link>
            <span v-else class="num ok-cell">0</span>
          </template>
          <template #due_soon="{ row }">
            <app-link v-if="row.due_soon" :to="link(row, '')" class="link num">{{ row.due_soon }}</app-link><span v-else class="num">0</span>
            <span v-if="row.next_due" class="form-hint next-due">（{{ row.next_due }} 前）</span>
          </template>
          <template #attendance_rate="{ row }"><app-link :to="link(row, 'held')" class="link num">{{ fmtRate(row.attendance_rate) }}</app-link></template>
          <template #study_rate="{ row }"><app-link :to="link(row, 'held')" class="link num">{{ fmtRate(row.study_rate) }}</app-link></template>
        </data-list>
        <p class="form-hint">逾期：已过的周期内未按要求召开的次数；即将到期：当前周期尚需召开的次数。参会率为出席（含线上）人数占应到人数之比，参学率另计入送学上门的人数。点击数字查看对应的会议。</p>
      </el-card>
    </div>`,
};
