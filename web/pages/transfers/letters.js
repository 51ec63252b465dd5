// letters.js: 组织关系转接 → 介绍信: introduction letters issued in the current scope for
// transfers outside the system (GET /api/transfer-letters): number (year + sequence of the
// issuing org), member, receiving org, issued on, valid until (marked when it ran out without a
// receipt), 党费交至, copies printed and the 回执. 开具介绍信 opens letter-create.js; 打印 the
// printable letter with its 存根 and 回执; 登记回执 records the receipt once (XFER-RECEIPT).
import { api, withQuery } from "../../lib/api.js";
import { pagedList } from "../../lib/paging.js";
import { scope, can } from "../../lib/session.js";
import { isMobile } from "../../lib/viewport.js";
import { navigate } from "../../lib/router.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import LetterCreate from "./letter-create.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "TransferLetters",
  components: { DataList, FormActions, LetterCreate },
  props: { version: { type: Number, default: 0 } },
  emits: ["changed"],
  setup(props, { emit }) {
    const status = ref("");
    const list = pagedList((p) => api("GET", withQuery("/api/transfer-letters", { org: scope.orgId, status: status.value || undefined, ...p })), { size: 20 });
    const load = () => (scope.orgId ? list.load() : undefined);
    watch(() => [scope.orgId, status.value, props.version], () => { if (scope.orgId) list.search(); });
    onMounted(load);
    const canWrite = computed(() => can("transfers.write"));
    const columns = [{ key: "name", label: "党员", min: 80 }, { key: "number", label: "编号", width: 100 },
                     { key: "to_org_name", label: "接收党组织", min: 170 }, { key: "issued_on", label: "开具日期", width: 100 },
                     { key: "valid_until", label: "有效期至", width: 120 }, { key: "dues_paid_to", label: "党费交至", width: 86 },
                     { key: "received_on", label: "回执", min: 110 }, { key: "actions", label: "", width: 170, phone: "actions" }];
    const rowClass = (r) => (r.expired ? "letter-expired" : "");
    const showCreate = ref(false);
    const created = (r) => { emit("changed"); navigate(`/transfers/letters/${r.id}/print`); };
    const print = (row) => navigate(`/transfers/letters/${row.id}/print`);
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const target = ref(null);
    const form = reactive({ received_on: "", note: "" });
    function openReceipt(row) {
      target.value = row;
      Object.assign(form, { received_on: todayCN(), note: "" });
      show.value = true;
    }
    async function receipt() {
      await submitForm({ busy, errs, fields: ["received_on", "note"] }, async () => {
        await api("POST", `/api/transfer-letters/${target.value.id}/receipt`, { received_on: form.received_on || undefined, note: form.note || undefined });
        show.value = false;
        ElementPlus.ElMessage.success("回执已登记");
        emit("changed");
      });
    }
    return { status, rows: list.rows, total: list.total, page: list.page, size: list.size, loading: list.loading, load, columns, rowClass,
             canWrite, showCreate, created, print, show, busy, errs, target, form, openReceipt, receipt, isMobile, scope };
  },
  template: `
    <div class="transfer-letters">
      <div class="toolbar">
        <el-radio-group v-model="status" size="small" class="letter-status">
          <el-radio-button value="">全部</el-radio-button>
          <el-radio-button value="open">有效</el-radio-button>
          <el-radio-button value="received">已回执</el-radio-button>
          <el-radio-button value="expired">逾期未回执</el-radio-button>
        </el-radio-group>
        <el-button v-if="canWrite" size="small" type="primary" plain icon="Document" class="new-letter" @click="showCreate = true">开具介绍信</el-button>
      </div>
      <p class="form-hint">接收党组织不在本系统时开具纸质介绍信（存根、介绍信、回执）；回执寄回后登记。</p>
      <data-list :rows="rows" :columns="columns" :loading="loading" :row-class="rowClass" size="small" empty-text="没有介绍信">
        <template #valid_until="{ row }"><span class="xfer-due">{{ row.valid_until }}<el-tag v-if="row.expired" type="danger" size="small" class="letter-expired-tag">逾期</el-tag></span></template>
        <template #received_on="{ row }"><span v-if="row.received_on" class="letter-received">{{ row.received_on }} 已回执</span><span v-else class="letter-waiting">未回执</span></template>
        <template #actions="{ row }"><span class="xfer-actions">
          <el-button size="small" icon="Printer" class="print-letter" @click="print(row)">打印</el-button>
          <el-button v-if="canWrite && !row.received_on" size="small" type="primary" plain class="receipt-letter" @click="openReceipt(row)">登记回执</el-button>
        </span></template>
      </data-list>
      <el-pagination v-if="total > size" class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
        :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next'"
        @current-change="load" @size-change="load" background />
      <letter-create v-model="showCreate" @created="created" />
      <el-dialog v-model="show" title="登记介绍信回执" width="min(460px, 94vw)" class="receipt-dialog">
        <p v-if="target" class="form-hint">第{{ target.number }}号：{{ target.name }} → {{ target.to_org_name }}（{{ target.issued_on }} 开具）。回执只能登记一次。</p>
        <el-form label-position="top" @submit.prevent="receipt">
          <el-form-item label="回执日期" :error="errs.received_on"><el-date-picker v-model="form.received_on" type="date" value-format="YYYY-MM-DD" class="f-received-on" style="width: 100%" /></el-form-item>
          <el-form-item label="说明" :error="errs.note"><el-input v-model="form.note" maxlength="200" class="f-receipt-note" placeholder="如：回执已附存根" /></el-form-item>
          <form-actions label="登记" :busy="busy" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
