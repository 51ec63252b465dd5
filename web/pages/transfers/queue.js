// queue.js: 组织关系转接 → one queue (box "out" or "in") of the current scope (GET
// /api/transfers): member, the other side, sent on, the deadline (marked when passed while
// pending), status, the findings stored with it (the deadline's only while pending) (XFER-ONLINE-LIMIT, DEV-TRANSFER-IN) and a
// return's reason. On the receiving side a pending transfer is accepted (after a confirmation)
// or returned with a reason; a 400 on the sending side says only the receiver may.
import { api, withQuery } from "../../lib/api.js";
import { pagedList } from "../../lib/paging.js";
import { scope, can } from "../../lib/session.js";
import { isMobile } from "../../lib/viewport.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "TransferQueue",
  components: { DataList, FormActions },
  props: { box: { type: String, required: true }, version: { type: Number, default: 0 } },
  emits: ["changed"],
  setup(props, { emit }) {
    const status = ref("");
    const list = pagedList((p) => api("GET", withQuery("/api/transfers", { org: scope.orgId, box: props.box, status: status.value || undefined, ...p })), { size: 20 });
    const load = () => (scope.orgId ? list.load() : undefined);
    watch(() => [scope.orgId, status.value, props.version], () => { if (scope.orgId) list.search(); });
    onMounted(load);
    const incoming = props.box === "in";
    const canWrite = computed(() => can("transfers.write"));
    const columns = [{ key: "member_name", label: "党员", min: 90 },
                     { key: "from_org_name", label: "转出党组织", min: 150 }, { key: "to_org_name", label: "接收党组织", min: 150 },
                     { key: "sent_on", label: "发起日期", width: 100 }, { key: "due_on", label: "接收期限", width: 112 },
                     { key: "status_label", label: "状态", width: 96 }, { key: "findings", label: "提示与说明", min: 190 },
                     { key: "actions", label: "", width: 140, phone: "actions" }];
    const rowClass = (r) => (r.overdue ? "transfer-overdue" : "");
    // The deadline's note matters while the transfer waits; a settled one keeps its other notes.
    const notes = (r) => r.findings.filter((f) => r.status === "pending" || f.rule !== "XFER-ONLINE-LIMIT");
    async function accept(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(`接收${row.member_name}的组织关系？接收后该党员转入${row.to_org_name}，并记入党员变动记录。`, "接收组织关系",
          { type: "warning", confirmButtonText: "接收", cancelButtonText: "取消" });
      } catch {
        return;
      }
      try {
        const r = await api("POST", `/api/transfers/${row.id}/accept`);
        const devNotes = r.findings.filter((f) => f.rule === "DEV-TRANSFER-IN").map((f) => f.message);
        ElementPlus.ElMessage({ type: devNotes.length ? "warning" : "success", message: devNotes.length ? `已接收。${devNotes.join("；")}` : "已接收", duration: devNotes.length ? 8000 : 3000 });
        emit("changed");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const target = ref(null);
    const form = reactive({ reason: "" });
    function openReturn(row) {
      target.value = row;
      form.reason = "";
      show.value = true;
    }
    async function doReturn() {
      await submitForm({ busy, errs, fields: ["reason"] }, async () => {
        await api("POST", `/api/transfers/${target.value.id}/return`, { reason: form.reason });
        show.value = false;
        ElementPlus.ElMessage.success("已退回");
        emit("changed");
      });
    }
    return { status, rows: list.rows, total: list.total, page: list.page, size: list.size, loading: list.loading, load, columns, rowClass, notes,
             incoming, canWrite, accept, show, busy, errs, target, form, openReturn, doReturn, isMobile, scope };
  },
  template: `
    <div class="transfer-queue" :class="'queue-' + box">
      <div class="toolbar">
        <el-radio-group v-model="status" size="small" class="queue-status">
          <el-radio-button value="">全部</el-radio-button>
          <el-radio-button value="pending">待接收</el-radio-button>
          <el-radio-button value="accepted">已接收</el-radio-button>
          <el-radio-button value="returned">已退回</el-radio-button>
        </el-radio-group>
        <span class="form-hint">{{ scope.orgName }}{{ incoming ? '接收的' : '转出的' }}组织关系，共 {{ total }} 笔</span>
      </div>
      <data-list :rows="rows" :columns="columns" :loading="loading" :row-class="rowClass" size="small"
                 :empty-text="incoming ? '没有转入的组织关系' : '没有转出的组织关系'">
        <template #member_name="{ row }">{{ row.member_name }}<el-tag v-if="row.member_status === 'probationary'" size="small" type="info" class="xfer-probationary">预备党员</el-tag></template>
        <template #due_on="{ row }"><span v-if="!row.due_on">—</span><span v-else-if="row.status !== 'pending'" class="xfer-due">{{ row.due_on }}</span>
          <span v-else class="xfer-due">{{ row.due_on }}<el-tag v-if="row.overdue" type="danger" size="small" class="xfer-overdue">已超期</el-tag></span></template>
        <template #status_label="{ row }"><el-tag size="small" :type="row.status === 'pending' ? 'warning' : row.status === 'accepted' ? 'success' : 'info'" class="xfer-status">{{ row.status_label }}</el-tag>
          <div v-if="row.decided_on" class="xfer-decided">{{ row.decided_on }}</div></template>
        <template #findings="{ row }"><div class="xfer-notes">
          <div v-if="row.note" class="xfer-note">备注：{{ row.note }}</div>
          <div v-if="row.reason" class="xfer-reason">退回原因：{{ row.reason }}</div>
          <div v-for="f in notes(row)" :key="f.rule" class="xfer-finding" :data-rule="f.rule" :title="'规则 ' + f.rule + '（' + f.version + '）'">{{ f.message }}</div>
        </div></template>
        <template #actions="{ row }"><span class="xfer-actions">
          <template v-if="incoming && canWrite && row.status === 'pending'">
            <el-button size="small" type="primary" class="accept-transfer" @click="accept(row)">接收</el-button>
            <el-button size="small" type="danger" plain class="return-transfer" @click="openReturn(row)">退回</el-button>
          </template>
        </span></template>
      </data-list>
      <el-pagination v-if="total > size" class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
        :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next'"
        @current-change="load" @size-change="load" background />
      <el-dialog v-model="show" title="退回组织关系转接" width="min(460px, 94vw)" class="return-dialog">
        <p v-if="target" class="form-hint">{{ target.member_name }}：{{ target.from_org_name }} → {{ target.to_org_name }}（{{ target.sent_on }} 发起）。退回后该党员仍在原党组织，转出党组织可重新办理。</p>
        <el-form label-position="top" @submit.prevent="doReturn">
          <el-form-item label="退回原因" :error="errs.reason"><el-input v-model="form.reason" maxlength="200" type="textarea" :rows="3" class="f-reason" /></el-form-item>
          <form-actions label="退回" danger :busy="busy" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
