// summary.js: 党费 → 汇总: the current scope's year per direct child org (GET /api/dues/summary):
// members, what was due up to last month, paid, the collection rate (paid of due), outstanding
// and how many members owe, with the scope's total; for a street the communities, for a
// community its branches.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import { fmtPercent } from "../../lib/format.js";
import { fmtYuan, monthCN } from "../../lib/money.js";
import DataList from "../../components/data-list.js";
const { ref, computed, watch, onMounted } = Vue;

export default {
  name: "DuesSummary",
  components: { DataList },
  setup() {
    const year = ref(Number(monthCN().slice(0, 4)));
    const data = ref(null);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/dues/summary", { org: scope.orgId, year: year.value })));
      if (r) data.value = r;
    }
    watch([() => scope.orgId, year], load);
    onMounted(load);
    const years = computed(() => { const y = Number(monthCN().slice(0, 4)); return [y, y - 1, y - 2]; });
    const rows = computed(() => (data.value ? [...data.value.items, { ...data.value.total, name: "合计", total: true }] : []));
    const columns = [{ key: "name", label: "党组织", min: 200 }, { key: "members", label: "党员", width: 80 },
                     { key: "due_fen", label: "截至上月应交（元）", width: 150 }, { key: "paid", label: "已交（元）", width: 120 },
                     { key: "rate", label: "交纳率", width: 90 }, { key: "outstanding_fen", label: "欠交（元）", width: 110 },
                     { key: "members_owing", label: "欠交人数", width: 90 }];
    const paidOfDue = (r) => r.due_fen - r.outstanding_fen;
    return { year, years, rows, loading, columns, fmtYuan, fmtPercent, paidOfDue, scope };
  },
  template: `
    <div class="dues-summary">
      <div class="toolbar">
        <el-select v-model="year" class="f-summary-year" style="width: 110px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <span class="form-hint">{{ scope.orgName }}各下级组织；交纳率 = 截至上月已交足的金额 ÷ 截至上月应交。</span>
      </div>
      <data-list :rows="rows" :columns="columns" row-key="org_id" :loading="loading" size="small" :row-class="(r) => r.total ? 'summary-total' : ''" empty-text="没有党员">
        <template #due_fen="{ row }">{{ fmtYuan(row.due_fen) }}</template>
        <template #paid="{ row }">{{ fmtYuan(paidOfDue(row)) }}</template>
        <template #rate="{ row }"><span class="summary-rate">{{ fmtPercent(paidOfDue(row), row.due_fen) }}</span></template>
        <template #outstanding_fen="{ row }"><span :class="{ 'dues-owed': row.outstanding_fen > 0 }">{{ fmtYuan(row.outstanding_fen) }}</span></template>
      </data-list>
    </div>`,
};
