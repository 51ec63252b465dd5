// incentive.js: 党建经费 → 竞争激励: the suggestion for the next quarter per community (GET
// /api/funds/incentive) from the quarter's activities: held of planned, evidence checked, and
// participation, weighted by the rule in force (FUND-INCENTIVE, its version and weights shown
// above), with every input, ratio and the arithmetic on each row so a cadre can explain it.
// It is a suggestion: the district decides the amounts.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import { fmtYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
const { ref, computed, watch, onMounted } = Vue;

const pct = (bp) => `${(bp / 100).toFixed(2)}%`;

export default {
  name: "FundsIncentive",
  components: { DataList },
  setup() {
    const now = todayCN();
    const year = ref(Number(now.slice(0, 4)));
    const quarter = ref(Math.max(1, Math.floor((Number(now.slice(5, 7)) - 1) / 3)));
    const data = ref(null);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/funds/incentive", { org: scope.orgId, year: year.value, quarter: quarter.value })));
      if (r) data.value = r;
    }
    watch([() => scope.orgId, year, quarter], load);
    onMounted(load);
    const years = computed(() => { const y = Number(now.slice(0, 4)); return [y, y - 1]; });
    const w = computed(() => (data.value && data.value.items.length ? data.value.items[0].weights : null));
    const columns = [{ key: "name", label: "社区", min: 170 }, { key: "held", label: "开展", width: 90 },
                     { key: "evidence", label: "凭证核查", width: 100 }, { key: "participation", label: "参与", width: 110 },
                     { key: "score", label: "得分", width: 80 }, { key: "suggested", label: "建议金额", width: 120 },
                     { key: "explain", label: "计算过程", min: 320 }];
    return { year, years, quarter, data, loading, columns, w, pct, fmtYuan };
  },
  template: `
    <div class="funds-incentive">
      <div class="toolbar">
        <el-select v-model="year" class="f-in-year" style="width: 100px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <el-radio-group v-model="quarter" class="f-in-quarter"><el-radio-button v-for="q in 4" :key="q" :value="q">{{ q }}季度</el-radio-button></el-radio-group>
      </div>
      <p v-if="data" class="form-hint incentive-rule">按 {{ data.year }} 年第 {{ data.quarter }} 季度的情况，建议 {{ data.for_year }} 年第 {{ data.for_quarter }} 季度的经费；
        规则 {{ data.rule ? data.rule.id + '（' + data.rule.version + '）' : '未设定' }}<template v-if="w">：开展 {{ pct(w.held_bp) }}、凭证核查 {{ pct(w.evidence_bp) }}、参与 {{ pct(w.participation_bp) }}（每项活动标准 {{ w.participants_per_activity }} 人），建议额在季度基数的 ±{{ pct(w.spread_bp) }} 之间</template>。
        群众满意度暂无数据，未计入。建议仅供参考，最终金额由区委组织部决定。</p>
      <data-list v-if="data" :rows="data.items" :columns="columns" row-key="org_id" :loading="loading" size="small" class="incentive-list" empty-text="没有社区">
        <template #held="{ row }">{{ row.inputs.held }}/{{ row.inputs.planned }}</template>
        <template #evidence="{ row }">{{ pct(row.ratios.evidence_bp) }}</template>
        <template #participation="{ row }">{{ row.inputs.participants }} 人次</template>
        <template #score="{ row }">{{ pct(row.score_bp) }}</template>
        <template #suggested="{ row }"><b>{{ fmtYuan(row.suggested_fen) }}</b> 元</template>
        <template #explain="{ row }"><span class="incentive-explain">{{ row.explain }}</span></template>
      </data-list>
    </div>`,
};
