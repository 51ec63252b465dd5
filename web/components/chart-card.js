// chart-card.js: one dashboard chart (pie or bar, ECharts) with the same numbers in a table
// beside it, for screen readers and for reading exact values. rows: [{label, n}].
import { useChart } from "../lib/echarts.js";
import { fmtNumber, fmtPercent } from "../lib/format.js";
const { ref, computed } = Vue;

const COLORS = ["#c8161d", "#e6692e", "#f2b233", "#5b8ff9", "#5ad8a6", "#9270ca", "#ff9d4d", "#269a99", "#6dc8ec", "#945fb9"];

export default {
  name: "ChartCard",
  props: {
    title: { type: String, required: true },
    rows: { type: Array, default: () => [] },
    type: { type: String, default: "bar" },
    unit: { type: String, default: "人" },
  },
  setup(props) {
    const el = ref(null);
    const total = computed(() => props.rows.reduce((s, r) => s + r.n, 0));
    function option() {
      const data = props.rows.map((r) => ({ name: r.label, value: r.n }));
      const base = { color: COLORS, animation: false, textStyle: { fontFamily: "Noto Sans CJK SC, sans-serif" },
                     tooltip: { trigger: props.type === "pie" ? "item" : "axis" } };
      if (props.type === "pie") {
        // No legend: the table beside the chart names each slice with its colour swatch. The
        // share is written on the ring itself (labels outside would not fit a phone or a half
        // card); a slice too thin to hold it leaves it to the table.
        return { ...base, series: [{ type: "pie", radius: ["40%", "72%"], center: ["50%", "50%"], data,
                                     label: { show: true, position: "inside", fontSize: 11, color: "#fff",
                                              formatter: (p) => (p.percent >= 6 ? `${Math.round(p.percent)}%` : "") },
                                     labelLine: { show: false } }] };
      }
      // Bars lie down: category names (学历, 组织类型) read across, one per line, and never meet
      // at any width; the first category on top.
      return { ...base, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
               yAxis: { type: "category", inverse: true, data: data.map((d) => d.name), axisTick: { show: false },
                        axisLabel: { interval: 0, fontSize: 11 } },
               xAxis: { type: "value", minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 11 } },
               series: [{ type: "bar", data: data.map((d) => d.value), barMaxWidth: 18, itemStyle: { borderRadius: [0, 3, 3, 0] } }] };
    }
    useChart(el, option, () => props.rows);
    return { el, total, fmtNumber, fmtPercent, colors: COLORS };
  },
  template: `
    <el-card shadow="never" class="chart-card">
      <template #header><span class="card-title">{{ title }}</span></template>
      <div class="chart-body">
        <div ref="el" class="chart" role="img" :aria-label="title + '图表，数据见旁边的表格'"></div>
        <table class="chart-table">
          <caption class="sr-only">{{ title }}</caption>
          <thead><tr><th scope="col">类别</th><th scope="col" class="num">{{ unit === '人' ? '人数' : '数量' }}</th><th scope="col" class="num">占比</th></tr></thead>
          <tbody>
            <tr v-for="(r, i) in rows" :key="r.label"><td><span v-if="type === 'pie'" class="swatch" :style="{ background: colors[i % colors.length] }"></span>{{ r.label }}</td><td class="num">{{ fmtNumber(r.n) }}</td><td class="num">{{ fmtPercent(r.n, total) }}</td></tr>
            <tr v-if="!rows.length"><td colspan="3" class="empty">暂无数据</td></tr>
          </tbody>
          <tfoot v-if="rows.length"><tr><th scope="row">合计</th><td class="num">{{ fmtNumber(total) }}</td><td></td></tr></tfoot>
        </table>
      </div>
    </el-card>`,
};
