// compliance.js: 落实情况: how each branch of the current scope kept its organizational life over
// a date range (this year unless chosen; GET /api/orglife/compliance): per branch and meeting
// type the rule (每月1次 …), 应开, 已开, 逾期 (highlighted), 即将到期, 参会率 and 参学率. Every
// figure links to the 会议 list filtered by that branch, type and range. One row per branch and
// one column per type (components/data-list.js: a table on a wide screen, a card per branch on
// a phone). Branches stay in the server's order: it is a record, not a ranking.
import { api, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { route, setQuery } from "../lib/router.js";
import { codeLabel, options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { fmtRate, yearRange } from "../lib/orglife.js";
import DataList from "../components/data-list.js";
const { ref, computed, watch, onMounted } = Vue;


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
    const shown = computed(() => items.value.filter((i) => !overdueOnly.value || i.overdue > 0));
    // The types any branch has a rule for, in the order of the meeting_type table, as the columns.
    const columns = computed(() => {
      const used = new Set(items.value.map((i) => i.type));
      return [{ key: "org_name", label: "党组织", min: 180 },
              ...options("meeting_type").filter((t) => used.has(t.value)).map((t) => ({ key: t.value, label: t.label, min: 132 }))];
    });
    const rows = computed(() => {
      const out = [];
      for (const i of shown.value) {
        let r = out.find((x) => x.id === i.org_id);
        if (!r) out.push((r = { id: i.org_id, org_name: i.org_name, cells: {} }));
        r.cells[i.type] = i;
      }
      return out;
    });
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
    const types = computed(() => columns.value.slice(1).map((c) => c.key));
    const rowClass = (r) => (Object.values(r.cells).some((c) => c.overdue > 0) ? "row-overdue" : "");
    return { range, rows, columns, types, totals, loading, overdueOnly, load, link, rule, rowClass, fmtRate, isMobile, scope };
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
        <data-list :rows="rows" :columns="columns" :loading="loading" :row-class="rowClass" size="small"
                   empty-text="当前范围内没有需要开展组织生活的党支部" class="compliance-list">
          <template #org_name="{ row }"><span class="c-org">{{ row.org_name }}</span></template>
          <template v-for="t in types" :key="t" #[t]="{ row }">
            <div v-if="row.cells[t]" class="c-cell" :class="{ 'c-overdue': row.cells[t].overdue }" :data-type="t" :title="rule(row.cells[t]) + '（规则 ' + row.cells[t].rule_id + '）'">
              <div class="c-main">
                <app-link :to="link(row.cells[t], 'held')" class="link num c-held">{{ row.cells[t].held }}</app-link><span class="c-sep">/</span><app-link :to="link(row.cells[t], '')" class="link num c-expected">{{ row.cells[t].expected }}</app-link>
                <app-link v-if="row.cells[t].overdue" :to="link(row.cells[t], '')" class="overdue-cell">逾期 {{ row.cells[t].overdue }}</app-link>
                <app-link v-else-if="row.cells[t].due_soon" :to="link(row.cells[t], '')" class="due-cell" :title="row.cells[t].next_due ? row.cells[t].next_due + ' 前' : ''">待开 {{ row.cells[t].due_soon }}</app-link>
              </div>
              <div class="c-rates">
                <app-link :to="link(row.cells[t], 'held')" class="c-rate">参会 {{ fmtRate(row.cells[t].attendance_rate) }}</app-link>
                <app-link :to="link(row.cells[t], 'held')" class="c-rate">参学 {{ fmtRate(row.cells[t].study_rate) }}</app-link>
              </div>
            </div>
            <span v-else class="c-none">不适用</span>
          </template>
        </data-list>
        <p class="form-hint">每格为“已开 / 应开”次数。逾期：已过的周期内未按要求召开的次数；即将到期：当前周期尚需召开的次数。参会率为出席（含线上）人数占应到人数之比，参学率另计入送学上门的人数。点击数字查看对应的会议。</p>
      </el-card>
    </div>`,
};
