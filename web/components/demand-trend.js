// demand-trend.js: 诉求统计's month-by-month chart (ECharts, SVG): the demands taken in each
// month as bars and their 解决率 and 满意率 as lines on a percent axis, with the same numbers
// in the month table below it (DataList: a table, cards on a phone) for reading exact values
// and for screen readers. months: the metrics route's rows (name "2026-12", total, rates).
import { useChart } from "../lib/echarts.js";
import DataList from "./data-list.js";
const { ref } = Vue;

const pct = (v) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
const COLUMNS = [
  { key: "name", label: "月份", min: 90 }, { key: "total", label: "诉求数", width: 90 },
  { key: "response_rate", label: "响应率", width: 90 }, { key: "resolve_rate", label: "解决率", width: 90 },
  { key: "satisfaction_rate", label: "满意率", width: 90 }, { key: "overdue", label: "超期", width: 70 },
];

export default {
  name: "DemandTrend",
  components: { DataList },
  props: { months: { type: Array, default: () => [] } },
  setup(props) {
    const el = ref(null);
    const rate = (v) => (v === null ? null : Math.round(v * 1000) / 10);
    // Every month from the first to the last on the axis: a month without demands is a zero
    // bar with no rates, not a gap that joins its neighbours.
    function filled() {
      const m = props.months;
      if (!m.length) return [];
      const by = new Map(m.map((x) => [x.name, x]));
      const out = [];
      let [y, mo] = m[0].name.split("-").map(Number);
      for (;;) {
        const name = `${y}-${String(mo).padStart(2, "0")}`;
        out.push(by.get(name) || { name, total: 0, resolve_rate: null, satisfaction_rate: null });
        if (name === m[m.length - 1].name || out.length > 240) return out;
        mo = mo === 12 ? 1 : mo + 1;
        y += mo === 1 ? 1 : 0;
      }
    }
    function option() {
      const m = filled();
      return {
        color: ["#c8161d", "#5b8ff9", "#f2b233"], animation: false,
        textStyle: { fontFamily: "Noto Sans CJK SC, sans-serif" },
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: ["诉求数", "解决率", "满意率"] },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: m.map((x) => x.name.slice(2)), axisTick: { show: false }, axisLabel: { fontSize: 11 } },
        yAxis: [{ type: "value", minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 11 } },
                { type: "value", min: 0, max: 100, splitNumber: 2, axisLabel: { fontSize: 11, formatter: "{value}%" }, splitLine: { show: false } }],
        series: [
          { name: "诉求数", type: "bar", data: m.map((x) => x.total), barMaxWidth: 22, itemStyle: { borderRadius: [3, 3, 0, 0] } },
          { name: "解决率", type: "line", yAxisIndex: 1, data: m.map((x) => rate(x.resolve_rate)), connectNulls: false },
          { name: "满意率", type: "line", yAxisIndex: 1, data: m.map((x) => rate(x.satisfaction_rate)), connectNulls: false },
        ],
      };
    }
    useChart(el, () => (props.months.length ? option() : null), () => props.months);
    return { el, pct, columns: COLUMNS };
  },
  template: `
    <el-card shadow="never" class="stats-card demand-trend">
      <template #header>按月趋势</template>
      <div v-if="months.length" ref="el" class="trend-chart" role="img" aria-label="按月诉求数、解决率和满意率图表，数据见下表"></div>
      <data-list :rows="months" :columns="columns" size="small" row-key="name" empty-text="期间没有诉求">
        <template #response_rate="{ row }">{{ pct(row.response_rate) }}</template>
        <template #resolve_rate="{ row }">{{ pct(row.resolve_rate) }}</template>
        <template #satisfaction_rate="{ row }">{{ pct(row.satisfaction_rate) }}</template>
      </data-list>
    </el-card>`,
};
