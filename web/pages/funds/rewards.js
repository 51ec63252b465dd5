// rewards.js: 党建经费 → 奖励基金: the scope's reward fund for a year (GET /api/funds/rewards):
// for the district the reserves held back from every community's budget, for a community the
// shares sent to it; what was paid and what is left, and every payout. The district records
// its 七一 commendations of branches and members and the shares it sends down; a community
// commends its own members from its share (POST /api/funds/rewards, never over what is left).
// 打印表彰名单 opens the printable list.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, showError, clearErrors } from "../../lib/forms.js";
import { navigate } from "../../lib/router.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import OrgSelect from "../../components/org-select.js";
import PersonSelect from "../../components/person-select.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "FundsRewards",
  components: { DataList, FormActions, OrgSelect, PersonSelect },
  setup() {
    const year = ref(Number(todayCN().slice(0, 4)));
    const data = ref(null);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/funds/rewards", { org: scope.orgId, year: year.value })));
      if (r) data.value = r;
    }
    watch([() => scope.orgId, year], load);
    onMounted(load);
    const years = computed(() => { const y = Number(todayCN().slice(0, 4)); return [y, y - 1, y - 2]; });
    const canPay = computed(() => can("funds.write") && data.value && (data.value.level === "district" || data.value.level === "community"));
    const kinds = computed(() => (data.value && data.value.level === "district"
      ? [["branch", "表彰先进党组织"], ["member", "表彰优秀党员"], ["share", "下拨社区奖励基金"]] : [["member", "表彰优秀党员"]]));
    const columns = [{ key: "title", label: "表彰", min: 140 }, { key: "recipient", label: "对象", min: 200 },
                     { key: "amount_fen", label: "金额（元）", width: 110 }, { key: "awarded_on", label: "日期", width: 110 },
                     { key: "evidence", label: "事迹与依据", min: 200 }];

    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ kind: "member", recipient_org_id: null, person_id: null, title: "", amount: "", awarded_on: "", evidence: "" });
    function open() {
      Object.assign(form, { kind: kinds.value[0][0], recipient_org_id: null, person_id: null, title: "", amount: "", awarded_on: `${year.value}-07-01`, evidence: "" });
      clearErrors(errs);
      show.value = true;
    }
    async function save() {
      clearErrors(errs);
      const p = parseYuan(form.amount);
      if (p.error || !p.fen) { errs.amount_fen = p.error || "请输入金额"; return; }
      const body = { org_id: scope.orgId, year: year.value, kind: form.kind, title: form.title, amount_fen: p.fen, awarded_on: form.awarded_on };
      if (form.kind === "member") body.person_id = form.person_id || undefined;
      else body.recipient_org_id = form.recipient_org_id || undefined;
      if (form.evidence.trim()) body.evidence = form.evidence;
      busy.value = true;
      try {
        await api("POST", "/api/funds/rewards", body);
        show.value = false;
        ElementPlus.ElMessage.success("已记录");
        load();
      } catch (e) {
        showError(e, errs, ["kind", "recipient_org_id", "person_id", "title", "amount_fen", "awarded_on", "evidence"]);
      } finally {
        busy.value = false;
      }
    }
    const print = () => navigate(`/funds/rewards/${scope.orgId}/${year.value}/print`);
    return { year, years, data, loading, canPay, kinds, columns, show, busy, errs, form, open, save, print, fmtYuan, scope };
  },
  template: `
    <div class="funds-rewards">
      <div class="toolbar">
        <el-select v-model="year" class="f-rw-year" style="width: 100px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <el-button v-if="canPay" type="primary" icon="Plus" class="new-reward" @click="open">记录支出</el-button>
        <el-button v-if="data && data.items.length" icon="Printer" class="print-rewards" @click="print">打印表彰名单</el-button>
      </div>
      <div v-if="data" class="kpis rewards-kpis">
        <div class="kpi"><div class="kpi-label">{{ data.level === 'district' ? '各社区预留合计' : '下拨所得' }}</div><div class="kpi-value">{{ fmtYuan(data.pool_fen) }}<small>元</small></div></div>
        <div class="kpi"><div class="kpi-label">已支出</div><div class="kpi-value">{{ fmtYuan(data.paid_fen) }}<small>元</small></div></div>
        <div class="kpi"><div class="kpi-label">余额</div><div class="kpi-value">{{ fmtYuan(data.left_fen) }}<small>元</small></div></div>
      </div>
      <p v-if="data && data.level !== 'district' && data.level !== 'community'" class="form-hint">奖励基金由区委组织部统一管理，社区使用下拨部分；请切换到区或社区查看。</p>
      <data-list v-if="data" :rows="data.items" :columns="columns" :loading="loading" size="small" class="rewards-list" empty-text="本年度没有奖励基金支出">
        <template #title="{ row }">{{ row.title }}<div v-if="row.kind_label !== row.title" class="decision-reason">{{ row.kind_label }}</div></template>
        <template #recipient="{ row }">{{ row.recipient_name }}<div v-if="row.recipient_org_name" class="decision-reason">{{ row.recipient_org_name }}</div></template>
        <template #amount_fen="{ row }">{{ fmtYuan(row.amount_fen) }}</template>
      </data-list>
      <el-dialog v-model="show" title="奖励基金支出" width="min(560px, 96vw)" class="reward-dialog">
        <el-form label-position="top" @submit.prevent="save">
          <el-form-item label="类别" :error="errs.kind"><el-radio-group v-model="form.kind" class="f-kind"><el-radio-button v-for="k in kinds" :key="k[0]" :value="k[0]">{{ k[1] }}</el-radio-button></el-radio-group></el-form-item>
          <el-form-item v-if="form.kind === 'member'" label="受表彰的党员" :error="errs.person_id" required><person-select v-model="form.person_id" :org-id="scope.orgId" class="f-person" /></el-form-item>
          <el-form-item v-else :label="form.kind === 'share' ? '下拨给社区' : '受表彰的党组织'" :error="errs.recipient_org_id" required><org-select v-model="form.recipient_org_id" class="f-recipient" /></el-form-item>
          <el-form-item label="表彰名称" :error="errs.title" required><el-input v-model="form.title" maxlength="50" placeholder="例如 优秀共产党员" class="f-reward-title" /></el-form-item>
          <div class="plan-activity-row">
            <el-form-item label="金额" :error="errs.amount_fen" required><el-input v-model="form.amount" inputmode="decimal" class="f-reward-amount"><template #append>元</template></el-input></el-form-item>
            <el-form-item label="日期" :error="errs.awarded_on" required><el-date-picker v-model="form.awarded_on" type="date" value-format="YYYY-MM-DD" class="f-awarded-on" /></el-form-item>
          </div>
          <el-form-item label="事迹与依据" :error="errs.evidence"><el-input v-model="form.evidence" type="textarea" :rows="2" maxlength="1000" class="f-evidence" /></el-form-item>
          <form-actions label="记录" :busy="busy" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
