// arrears.js: 党费 → 欠缴: members of the current scope with months that have passed without
// dues paid in full (GET /api/dues/arrears): how many months, since when, how many in a row
// up to last month and the amount. Six in a row is flagged (DUES-ARREARS, one of the 自行脱党
// conditions): the list tells the branch to talk to the member; it decides nothing.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import { fmtYuan } from "../../lib/money.js";
import DataList from "../../components/data-list.js";
const { ref, watch, onMounted } = Vue;

export default {
  name: "DuesArrears",
  components: { DataList },
  setup() {
    const items = ref([]);
    const rule = ref("DUES-ARREARS");
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/dues/arrears", { org: scope.orgId })));
      if (r) [items.value, rule.value] = [r.items, r.rule];
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const columns = [{ key: "name", label: "姓名", min: 90 }, { key: "org_name", label: "党组织", min: 180 },
                     { key: "months_unpaid", label: "未交月数", width: 90 }, { key: "since", label: "自何月起", width: 100 },
                     { key: "consecutive", label: "连续未交（至上月）", width: 150 }, { key: "owed_fen", label: "欠交（元）", width: 110 }];
    const rowClass = (r) => (r.flagged ? "arrears-flagged" : "");
    return { items, rule, loading, columns, rowClass, fmtYuan, scope };
  },
  template: `
    <div class="dues-arrears">
      <p class="form-hint">{{ scope.orgName }}：已过月份未交足党费的党员。连续6个月不交纳党费的，标记提示（{{ rule }}），由党组织了解情况、研究决定；系统不改变任何人的党籍状态。</p>
      <data-list :rows="items" :columns="columns" row-key="member_id" :loading="loading" :row-class="rowClass" size="small" empty-text="没有欠缴党费的党员">
        <template #consecutive="{ row }">{{ row.consecutive }} 个月 <el-tag v-if="row.flagged" type="danger" size="small" class="arrears-flag" :title="'规则 ' + rule">连续6个月，需组织研究</el-tag></template>
        <template #owed_fen="{ row }">{{ fmtYuan(row.owed_fen) }}</template>
      </data-list>
    </div>`,
};
