// flows.js: 组织关系转接 → 流动党员: the registration cards of the current scope (GET /api/flows):
// outflows of its members and inflows registered here, open first: where, why, the period, the
// 流动党员活动证 (number, validity; marked when it ran out while the member is away), the
// organizational life recorded at the destination and the return. 登记外出 opens flow-create.js;
// either side records a meeting at the destination and the return.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import FlowCreate from "./flow-create.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "TransferFlows",
  components: { DataList, FormActions, FlowCreate },
  props: { version: { type: Number, default: 0 } },
  emits: ["changed"],
  setup(props, { emit }) {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/flows", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => [scope.orgId, props.version], load);
    onMounted(load);
    const canWrite = computed(() => can("transfers.write"));
    const columns = [{ key: "name", label: "党员", min: 80 }, { key: "direction_label", label: "流向", width: 100 },
                     { key: "where", label: "流出→流入", min: 220 }, { key: "period", label: "外出期间", width: 190 },
                     { key: "card", label: "活动证", min: 170 }, { key: "meetings", label: "组织生活", width: 80 },
                     { key: "actions", label: "", width: 190, phone: "actions" }];
    const showCreate = ref(false);
    const created = () => { emit("changed"); load(); };
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const target = ref(null);
    const form = reactive({ met_on: "", topic: "", note: "" });
    function openMeeting(row) {
      target.value = row;
      Object.assign(form, { met_on: todayCN(), topic: "", note: "" });
      show.value = true;
    }
    async function addMeeting() {
      await submitForm({ busy, errs, fields: ["met_on", "topic", "note"] }, async () => {
        await api("POST", `/api/flows/${target.value.id}/meetings`, { met_on: form.met_on, topic: form.topic, note: form.note || undefined });
        show.value = false;
        ElementPlus.ElMessage.success("已记录");
        load();
      });
    }
    async function back(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`登记${row.name}今天返回？`, "返回登记", { confirmButtonText: "登记", cancelButtonText: "取消" });
      } catch {
        return;
      }
      try {
        await api("POST", `/api/flows/${row.id}/return`, {});
        ElementPlus.ElMessage.success("已登记返回");
        load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    return { items, loading, columns, canWrite, showCreate, created, show, busy, errs, target, form, openMeeting, addMeeting, back, scope };
  },
  template: `
    <div class="transfer-flows">
      <div class="toolbar">
        <el-button v-if="canWrite" size="small" type="primary" plain icon="Position" class="new-flow" @click="showCreate = true">登记外出</el-button>
        <span class="form-hint">外出不足6个月或暂不能转接组织关系的党员，持《流动党员活动证》在流入地参加组织生活（无表决权、选举权和被选举权）。</span>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="没有流动党员登记" :row-class="(r) => r.returned_on ? 'flow-returned' : ''">
        <template #where="{ row }"><span class="flow-where">{{ row.home_org_name }} → {{ row.direction === 'in' ? row.org_name : (row.dest_org_name || row.place) }}</span>
          <div class="xfer-notes"><span>{{ row.place }}，{{ row.reason }}</span><span v-if="row.contact">；{{ row.contact }}</span></div>
          <div v-for="f in row.findings" :key="f.rule" class="xfer-finding" :title="'规则 ' + f.rule">{{ f.message }}</div></template>
        <template #period="{ row }">{{ row.starts_on }} 至 {{ row.ends_on || '未定' }}<div v-if="row.returned_on" class="letter-received">{{ row.returned_on }} 已返回</div></template>
        <template #card="{ row }"><span v-if="row.card_no">{{ row.card_no }}<div class="xfer-notes">有效期至 {{ row.card_valid_until }} <el-tag v-if="row.card_expired" type="danger" size="small">已过期</el-tag></div></span><span v-else>—</span></template>
        <template #meetings="{ row }"><span class="flow-meetings">{{ row.meetings }} 次</span></template>
        <template #actions="{ row }"><span class="xfer-actions" v-if="canWrite && !row.returned_on">
          <el-button size="small" class="flow-meeting" @click="openMeeting(row)">记录组织生活</el-button>
          <el-button size="small" type="primary" plain class="flow-return" @click="back(row)">返回</el-button>
        </span></template>
      </data-list>
      <flow-create v-model="showCreate" @created="created" />
      <el-dialog v-model="show" title="记录在流入地参加的组织生活" width="min(460px, 94vw)" class="flow-meeting-dialog">
        <p v-if="target" class="form-hint">{{ target.name }}：{{ target.dest_org_name || target.org_name }}（{{ target.starts_on }} 起）</p>
        <el-form label-position="top" @submit.prevent="addMeeting">
          <el-form-item label="参加日期" :error="errs.met_on"><el-date-picker v-model="form.met_on" type="date" value-format="YYYY-MM-DD" class="f-met-on" style="width: 100%" /></el-form-item>
          <el-form-item label="组织生活内容" :error="errs.topic"><el-input v-model="form.topic" maxlength="100" class="f-topic" placeholder="如：主题党日、支部党员大会" /></el-form-item>
          <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" maxlength="200" class="f-meeting-note" /></el-form-item>
          <form-actions label="记录" :busy="busy" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
