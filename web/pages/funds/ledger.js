// ledger.js: 党建经费 → 经费台账: the scope's year (GET /api/funds/ledger): per child org (a
// district's streets, a street's communities, a community itself) the budget, the reward fund
// held back, allocated, spent and remaining (budget − reserve − allocated; red below zero,
// an allocation over the budget recorded with its override), the scope's total under them,
// and a bar chart of budget, allocated and spent per row (ECharts, vendored; the table holds
// the exact numbers).
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import { useChart } from "../../lib/echarts.js";
import { todayCN } from "../../lib/orglife.js";
import { fmtYuan } from "../../lib/money.js";
import DataList from "../../components/data-list.js";
const { ref, computed, watch, onMounted } = Vue;

// The org name without "中共" and the committee words, to fit a chart's axis.
const shortName = (n) => n.replace(/^中共/, "").replace(/(工作委员会|委员会|总支部委员会)$/, "");

export default {
  name: "FundsLedger",
  components: { DataList },
  setup() {
    const year = ref(Number(todayCN().slice(0, 4)));
    const data = ref(null);
    const loading = ref(false);
    const el = ref(null);
    function option() {
      if (!data.value || !data.value.items.length) return null;
      const items = data.value.items;
      const yuan = (k) => items.map((r) => r[k] / 100);
      return {
        animation: false, color: ["#5b8ff9", "#c8161d", "#5ad8a6"], textStyle: { fontFamily: "Noto Sans CJK SC, sans-serif" },
        tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        yAxis: { type: "category", inverse: true, data: items.map((r) => shortName(r.name)), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 11 } },
        xAxis: { type: "value", name: "元", splitNumber: 3, axisLabel: { fontSize: 11 } },
        series: [{ name: "预算", type: "bar", data: yuan("budget_fen"), barMaxWidth: 10 },
                 { name: "已分配", type: "bar", data: yuan("allocated_fen"), barMaxWidth: 10 },
                 { name: "已使用", type: "bar", data: yuan("spent_fen"), barMaxWidth: 10 }],
      };
    }
    useChart(el, option, () => data.value);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/funds/ledger", { org: scope.orgId, year: year.value })));
      if (r) data.value = r;
    }
    watch([() => scope.orgId, year], load);
    onMounted(load);
    const years = computed(() => { const y = Number(todayCN().slice(0, 4)); return [y + 1, y, y - 1]; });
    // A community's ledger is its own row only: no 合计 repeating it.
    const rows = computed(() => {
      if (!data.value) return [];
      const d = data.value;
      return d.level === "community" ? d.items : [...d.items, { ...d.total, name: "合计", total: true }];
    });
    const height = computed(() => `${Math.max(160, (data.value ? data.value.items.length : 0) * 42 + 48)}px`);
    const columns = [{ key: "name", label: "党组织", min: 200 }, { key: "budget_fen", label: "预算", width: 120 },
                     { key: "reserve_fen", label: "奖励基金", width: 120 }, { key: "allocated_fen", label: "已分配", width: 120 },
                     { key: "spent_fen", label: "已使用", width: 120 }, { key: "remaining_fen", label: "剩余", width: 120 }];
    return { year, years, data, rows, loading, columns, el, height, fmtYuan, scope };
  },
  template: `
    <div class="funds-ledger">
      <div class="toolbar">
        <el-select v-model="year" class="f-ledger-year" style="width: 100px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <span class="form-hint">{{ scope.orgName }}，金额单位：元。剩余 = 预算 − 预留的奖励基金 − 已分配；各行之和等于合计。</span>
      </div>
      <data-list :rows="rows" :columns="columns" row-key="org_id" :loading="loading" size="small" :row-class="(r) => r.total ? 'summary-total' : ''" class="ledger-table" empty-text="没有社区">
        <template #budget_fen="{ row }">{{ fmtYuan(row.budget_fen) }}</template>
        <template #reserve_fen="{ row }">{{ fmtYuan(row.reserve_fen) }}</template>
        <template #allocated_fen="{ row }">{{ fmtYuan(row.allocated_fen) }}</template>
        <template #spent_fen="{ row }">{{ fmtYuan(row.spent_fen) }}</template>
        <template #remaining_fen="{ row }"><span :class="{ 'funds-over': row.remaining_fen < 0 }">{{ fmtYuan(row.remaining_fen) }}</span></template>
      </data-list>
      <div v-if="data && data.items.length" ref="el" class="funds-chart" :style="{ height }" role="img" aria-label="预算、已分配、已使用对比图（数值见上表）"></div>
    </div>`,
};
