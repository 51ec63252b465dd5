// reliefs.js: 党费 → 少交免交 (DUES-HARDSHIP): the applications of the current scope (GET
// /api/dues/reliefs), pending first, with the months, the amount (少交) or none (免交), the
// reason, the branch committee's agreement and the decision. 登记申请 records a member's
// application once the 党支部委员会 agreed; the 上一级党委 (the org above the member's) sees
// 审批 and approves or refuses with its document number, and may end an approved one early
// (提前终止: income recovered). Only an approved relief changes what the months expect. Amounts are typed in 元. Text is shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { fmtYuan, parseYuan, monthCN } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import { useMemberSearch } from "../../lib/member-search.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const clear = (errs) => { for (const k of Object.keys(errs)) delete errs[k]; };

export default {
  name: "DuesReliefs",
  components: { DataList, FormActions },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/dues/reliefs", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const canWrite = computed(() => can("dues.write"));
    const columns = [{ key: "name", label: "党员", min: 90 }, { key: "org_name", label: "党组织", min: 170 },
                     { key: "what", label: "少交 / 免交", min: 190 }, { key: "reason", label: "原因", min: 170 },
                     { key: "status", label: "审批", min: 200 }, { key: "actions", label: "", width: 90, phone: "actions" }];
    const busy = ref(false);
    const errs = fieldErrors();

    const showApply = ref(false);
    const form = reactive({ member_id: null, kind: "exempt", amount: "", from_month: "", to_month: "", reason: "", applied_on: "", branch_agreed_on: "" });
    const { members, loading: finding, find } = useMemberSearch();
    function openApply() {
      Object.assign(form, { member_id: null, kind: "exempt", amount: "", from_month: monthCN(0), to_month: monthCN(0), reason: "", applied_on: todayCN(), branch_agreed_on: todayCN() });
      clear(errs);
      find("");
      showApply.value = true;
    }
    async function apply() {
      const body = { member_id: form.member_id, kind: form.kind, from_month: form.from_month, to_month: form.to_month, reason: form.reason,
                     applied_on: form.applied_on, branch_agreed_on: form.branch_agreed_on };
      if (form.kind === "reduce") {
        const p = parseYuan(form.amount);
        if (p.error || p.fen === null) { clear(errs); errs.amount_fen = p.error || "请填写少交后每月交纳的金额（元），如 0.50"; return; }
        body.amount_fen = p.fen;
      }
      await submitForm({ busy, errs, fields: ["member_id", "kind", "amount_fen", "from_month", "to_month", "reason", "applied_on", "branch_agreed_on"] }, async () => {
        await api("POST", "/api/dues/reliefs", body);
        showApply.value = false;
        ElementPlus.ElMessage.success("已登记申请，待上级党委审批");
        load();
      });
    }

    const showDecide = ref(false);
    const target = ref(null);
    const decision = reactive({ approve: true, decided_on: "", body: "", doc_no: "", note: "" });
    function openDecide(row) {
      target.value = row;
      Object.assign(decision, { approve: true, decided_on: todayCN(), body: scope.orgName, doc_no: "", note: "" });
      clear(errs);
      showDecide.value = true;
    }
    async function decide() {
      await submitForm({ busy, errs, fields: ["approve", "decided_on", "body", "doc_no", "note"] }, async () => {
        await api("POST", `/api/dues/reliefs/${target.value.id}/decide`, { approve: decision.approve, decided_on: decision.decided_on, body: decision.body,
          doc_no: decision.doc_no || undefined, note: decision.note || undefined });
        showDecide.value = false;
        ElementPlus.ElMessage.success(decision.approve ? "已批准" : "已登记不予批准");
        load();
      });
    }
    const showEnd = ref(false);
    const ending = reactive({ to_month: "", reason: "" });
    function openEnd(row) {
      target.value = row;
      Object.assign(ending, { to_month: row.from_month, reason: "" });
      clear(errs);
      showEnd.value = true;
    }
    async function end() {
      await submitForm({ busy, errs, fields: ["to_month", "reason"] }, async () => {
        await api("POST", `/api/dues/reliefs/${target.value.id}/end`, { ...ending });
        showEnd.value = false;
        ElementPlus.ElMessage.success("已提前终止");
        load();
      });
    }
    const statusType = (s) => ({ pending: "warning", approved: "success", refused: "info" }[s]);
    return { items, loading, columns, canWrite, busy, errs, showApply, form, members, finding, find, openApply, apply,
             showDecide, target, decision, openDecide, decide, showEnd, ending, openEnd, end, fmtYuan, statusType, scope };
  },
  template: `
    <div class="dues-reliefs">
      <div class="toolbar">
        <el-button v-if="canWrite" size="small" type="primary" plain icon="Plus" class="new-relief" @click="openApply">登记申请</el-button>
        <span class="form-hint">生活困难的党员可申请少交或免交党费：本人申请，党支部委员会同意，报上一级党委批准（DUES-HARDSHIP）。批准后，所列月份按批准的数额计算应交。</span>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="没有少交或免交申请">
        <template #what="{ row }"><b>{{ row.kind_label }}</b> {{ row.from_month }} 至 {{ row.to_month }}<div class="xfer-notes" v-if="row.original_to_month">原批准至 {{ row.original_to_month }}，已提前终止：{{ row.ended_reason }}</div><div class="xfer-notes" v-if="row.kind === 'reduce'">每月交纳 {{ fmtYuan(row.amount_fen) }} 元</div></template>
        <template #reason="{ row }"><div class="xfer-notes">{{ row.reason }}<div>{{ row.applied_on }} 申请，{{ row.branch_agreed_on }} 支委会同意</div></div></template>
        <template #status="{ row }"><el-tag :type="statusType(row.status)" size="small" class="relief-status">{{ row.status_label }}</el-tag>
          <div class="xfer-notes" v-if="row.decided_on">{{ row.decided_on }} {{ row.decided_body }}<span v-if="row.doc_no">（{{ row.doc_no }}）</span><div v-if="row.decision_note">{{ row.decision_note }}</div></div></template>
        <template #actions="{ row }"><el-button v-if="row.can_decide" size="small" type="primary" plain class="relief-decide" @click="openDecide(row)">审批</el-button>
          <el-button v-if="row.can_end" size="small" class="relief-end" @click="openEnd(row)">提前终止</el-button></template>
      </data-list>
      <el-dialog v-model="showApply" title="登记少交或免交党费申请" width="min(520px, 94vw)" class="relief-dialog">
        <el-form label-position="top" @submit.prevent="apply">
          <el-form-item label="党员" :error="errs.member_id">
            <el-select v-model="form.member_id" filterable remote :remote-method="find" :loading="finding" placeholder="输入姓名或拼音首字母" class="f-relief-member" style="width: 100%" popper-class="relief-member-pop">
              <el-option v-for="m in members" :key="m.value" :label="m.label" :value="m.value"><span>{{ m.label }}</span><span class="option-sub">{{ m.sub }}</span></el-option>
            </el-select>
          </el-form-item>
          <div class="letter-form-row">
            <el-form-item label="类型" :error="errs.kind"><el-radio-group v-model="form.kind" class="f-kind"><el-radio value="exempt">免交</el-radio><el-radio value="reduce">少交</el-radio></el-radio-group></el-form-item>
            <el-form-item v-if="form.kind === 'reduce'" label="少交后每月交纳（元）" :error="errs.amount_fen"><el-input v-model="form.amount" inputmode="decimal" class="f-amount" placeholder="如 0.50" /></el-form-item>
          </div>
          <div class="letter-form-row">
            <el-form-item label="起始月份" :error="errs.from_month"><el-date-picker v-model="form.from_month" type="month" value-format="YYYY-MM" :clearable="false" class="f-from-month" style="width: 100%" /></el-form-item>
            <el-form-item label="截止月份" :error="errs.to_month"><el-date-picker v-model="form.to_month" type="month" value-format="YYYY-MM" :clearable="false" class="f-to-month" style="width: 100%" /></el-form-item>
          </div>
          <el-form-item label="原因" :error="errs.reason"><el-input v-model="form.reason" maxlength="200" class="f-reason" placeholder="如：长期患病，无固定收入" /></el-form-item>
          <div class="letter-form-row">
            <el-form-item label="申请日期" :error="errs.applied_on"><el-date-picker v-model="form.applied_on" type="date" value-format="YYYY-MM-DD" :clearable="false" class="f-applied-on" style="width: 100%" /></el-form-item>
            <el-form-item label="支部委员会同意日期" :error="errs.branch_agreed_on"><el-date-picker v-model="form.branch_agreed_on" type="date" value-format="YYYY-MM-DD" :clearable="false" class="f-branch-agreed-on" style="width: 100%" /></el-form-item>
          </div>
          <form-actions label="登记" :busy="busy" @cancel="showApply = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="showDecide" :title="target ? '审批：' + target.name + target.kind_label + '党费' : ''" width="min(460px, 94vw)" class="relief-decide-dialog">
        <p v-if="target" class="form-hint">{{ target.from_month }} 至 {{ target.to_month }}，{{ target.kind === 'reduce' ? '每月交纳 ' + fmtYuan(target.amount_fen) + ' 元' : '免交' }}；{{ target.reason }}</p>
        <el-form label-position="top" @submit.prevent="decide">
          <el-form-item label="审批结果" :error="errs.approve"><el-radio-group v-model="decision.approve" class="f-approve"><el-radio :value="true">批准</el-radio><el-radio :value="false">不予批准</el-radio></el-radio-group></el-form-item>
          <div class="letter-form-row">
            <el-form-item label="审批日期" :error="errs.decided_on"><el-date-picker v-model="decision.decided_on" type="date" value-format="YYYY-MM-DD" class="f-decided-on" style="width: 100%" /></el-form-item>
            <el-form-item label="文号" :error="errs.doc_no"><el-input v-model="decision.doc_no" maxlength="60" class="f-doc-no" /></el-form-item>
          </div>
          <el-form-item label="审批党组织" :error="errs.body"><el-input v-model="decision.body" maxlength="60" class="f-body" /></el-form-item>
          <el-form-item label="意见" :error="errs.note"><el-input v-model="decision.note" maxlength="200" class="f-note" /></el-form-item>
          <form-actions label="确定" :busy="busy" @cancel="showDecide = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="showEnd" :title="target ? '提前终止：' + target.name + target.kind_label + '党费' : ''" width="min(420px, 94vw)" class="relief-end-dialog">
        <p v-if="target" class="form-hint">原批准 {{ target.from_month }} 至 {{ target.to_month }}；终止后，截止月份之后按核定标准交纳。</p>
        <el-form label-position="top" @submit.prevent="end">
          <el-form-item label="新的截止月份" :error="errs.to_month"><el-date-picker v-model="ending.to_month" type="month" value-format="YYYY-MM" :clearable="false" class="f-end-month" style="width: 100%" /></el-form-item>
          <el-form-item label="原因" :error="errs.reason"><el-input v-model="ending.reason" maxlength="200" class="f-end-reason" placeholder="如：收入已恢复" /></el-form-item>
          <form-actions label="终止" :busy="busy" @cancel="showEnd = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
