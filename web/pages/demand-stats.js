// demand-stats.js: 群众诉求 → 诉求统计: 响应率, 解决率, 满意率, 平均结案时长 and 超期 of the demands
// taken in during a period (default: this year) under the current scope, each with its
// definition as the server states it, then one row per child org (rolled up over its subtree)
// one per grid and one per category, and the months as a chart with their table
// (components/demand-trend.js). A rate with nothing to count shows "—", not 0.
import { api, withQuery, loadWith } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { isMobile } from "../lib/viewport.js";
import DataList from "../components/data-list.js";
import DemandTrend from "../components/demand-trend.js";
const { ref, watch, onMounted } = Vue;

export const routes = [{ path: "/demands/stats", title: "诉求统计", perm: "demands.read", menu: { group: "服务群众", icon: "DataLine", order: 30 } }];

const pct = (v) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
const COLUMNS = [
  { key: "name", label: "名称", min: 180 }, { key: "total", label: "诉求数", width: 80 },
  { key: "response_rate", label: "响应率", width: 90 }, { key: "resolve_rate", label: "解决率", width: 90 },
  { key: "satisfaction_rate", label: "满意率", width: 90 }, { key: "avg_close_hours", label: "平均结案（小时）", width: 130 },
  { key: "overdue", label: "超期", width: 70 },
];

export default {
  name: "DemandStatsPage",
  components: { DataList, DemandTrend },
  setup() {
    const year = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4);
    const range = ref([`${year}-01-01`, `${year}-12-31`]);
    const m = ref(null);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const [from, to] = range.value || [];
      const r = await loadWith(loading, () => api("GET", withQuery("/api/demands/metrics", { org: scope.orgId, from, to })));
      if (r) m.value = r;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    return { range, m, loading, load, pct, columns: COLUMNS, isMobile, scope };
  },
  template: `
    <div class="page demand-stats-page">
      <div class="page-head"><h1 class="page-title">诉求统计</h1></div>
      <p class="page-desc">{{ scope.orgName }}：按登记日期统计。</p>
      <el-card shadow="never">
        <div class="toolbar">
          <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD" range-separator="至" start-placeholder="开始日期"
                          end-placeholder="结束日期" :clearable="false" @change="load" class="stats-range" />
        </div>
        <div v-if="m" class="kpis" v-loading="loading">
          <div class="kpi"><div class="kpi-label">诉求数</div><div class="kpi-value">{{ m.total }}</div></div>
          <div class="kpi" :title="m.definitions.response_rate"><div class="kpi-label">响应率</div><div class="kpi-value">{{ pct(m.response_rate) }}</div></div>
          <div class="kpi" :title="m.definitions.resolve_rate"><div class="kpi-label">解决率</div><div class="kpi-value">{{ pct(m.resolve_rate) }}</div></div>
          <div class="kpi" :title="m.definitions.satisfaction_rate"><div class="kpi-label">满意率</div><div class="kpi-value">{{ pct(m.satisfaction_rate) }}</div></div>
          <div class="kpi"><div class="kpi-label">平均结案（小时）</div><div class="kpi-value">{{ m.avg_close_hours === null ? '—' : m.avg_close_hours }}</div></div>
          <div class="kpi"><div class="kpi-label">超期</div><div class="kpi-value kpi-danger">{{ m.overdue }}</div></div>
        </div>
        <ul v-if="m" class="stats-defs form-hint">
          <li v-for="(text, k) in m.definitions" :key="k">{{ text }}</li>
        </ul>
      </el-card>
      <demand-trend v-if="m" :months="m.months" />
      <el-card v-if="m && m.orgs.length" shadow="never" class="stats-card">
        <template #header>下级组织</template>
        <data-list :rows="m.orgs" :columns="columns" size="small">
          <template #response_rate="{ row }">{{ pct(row.response_rate) }}</template>
          <template #resolve_rate="{ row }">{{ pct(row.resolve_rate) }}</template>
          <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
        </data-list>
      </el-card>
      <el-card v-if="m && m.categories.length" shadow="never" class="stats-card">
        <template #header>类别</template>
        <data-list :rows="m.categories" :columns="columns" size="small" row-key="name">
          <template #response_rate="{ row }">{{ pct(row.response_rate) }}</template>
          <template #resolve_rate="{ row }">{{ pct(row.resolve_rate) }}</template>
          <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
        </data-list>
      </el-card>
      <el-card v-if="m" shadow="never" class="stats-card">
        <template #header>网格</template>
        <data-list :rows="m.grids" :columns="columns" size="small" empty-text="期间没有诉求">
          <template #response_rate="{ row }">{{ pct(row.response_rate) }}</template>
          <template #resolve_rate="{ row }">{{ pct(row.resolve_rate) }}</template>
          <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
        </data-list>
      </el-card>
    </div>`,
};
