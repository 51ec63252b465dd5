// receipts.js: 党费 → 交纳记录: the entries of one branch and month (GET /api/dues/payments):
// receipt number, member, amount, method, date, kind, the warnings stored with it (DUES-BACKPAY,
// DUES-EXTRA); holders of dues.write reverse an entry with a reason (a new 冲正 entry, the paid
// entry is never edited); 打印 opens the printable receipt list.
import { api, withQuery } from "../../lib/api.js";
import { pagedList } from "../../lib/paging.js";
import { isMobile } from "../../lib/viewport.js";
import { can } from "../../lib/session.js";
import { navigate } from "../../lib/router.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { fmtYuan, monthCN } from "../../lib/money.js";
import DataList from "../../components/data-list.js";
import BranchSelect from "../../components/branch-select.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, computed, watch } = Vue;

export default {
  name: "DuesReceipts",
  components: { DataList, BranchSelect, FormActions },
  setup() {
    const branch = ref(null);
    const month = ref(monthCN(-1));
    const canWrite = computed(() => can("dues.write"));
    const list = pagedList((p) => api("GET", withQuery("/api/dues/payments", { org: branch.value, month: month.value, ...p })), { size: 50 });
    const load = () => (branch.value && month.value ? list.load() : undefined);
    watch([branch, month], () => { if (branch.value && month.value) list.search(); });
    const columns = [{ key: "name", label: "姓名", min: 90 }, { key: "receipt_no", label: "收据编号", min: 130 },
                     { key: "amount_fen", label: "金额（元）", width: 100 }, { key: "method_label", label: "方式", width: 80 },
                     { key: "paid_on", label: "交纳日期", width: 110 }, { key: "kind_label", label: "类型", width: 110 },
                     { key: "warnings", label: "提示", min: 200 }, { key: "actions", label: "", width: 90, phone: "actions" }];
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const target = ref(null);
    const form = reactive({ reason: "" });
    function openReverse(row) {
      target.value = row;
      form.reason = "";
      show.value = true;
    }
    async function reverse() {
      await submitForm({ busy, errs, fields: ["reason"] }, async () => {
        await api("POST", `/api/dues/payments/${target.value.id}/reverse`, { reason: form.reason });
        show.value = false;
        ElementPlus.ElMessage.success("已冲正");
        load();
      });
    }
    const print = () => navigate(`/dues/receipts/${branch.value}/${month.value}`);
    return { branch, month, rows: list.rows, total: list.total, page: list.page, size: list.size, loading: list.loading, load, isMobile, canWrite, columns, show, busy, errs, target, form, openReverse, reverse, print, fmtYuan };
  },
  template: `
    <div class="dues-receipts">
      <div class="toolbar">
        <branch-select v-model="branch" />
        <el-date-picker v-model="month" type="month" value-format="YYYY-MM" :clearable="false" class="f-receipts-month" style="width: 140px" />
        <el-button v-if="branch" icon="Printer" class="print-receipts" @click="print">打印收据清单</el-button>
      </div>
      <data-list :rows="rows" :columns="columns" :loading="loading" size="small" empty-text="这个月没有交纳记录"
                 :row-class="(r) => r.kind === 'reversal' || r.reversed_by ? 'entry-reversed' : ''">
        <template #amount_fen="{ row }">{{ fmtYuan(row.amount_fen) }}</template>
        <template #kind_label="{ row }">{{ row.kind_label }}<template v-if="row.reversed_by">（已冲正）</template><template v-if="row.method === 'proxy' && row.paid_by">（{{ row.paid_by }}代缴）</template></template>
        <template #warnings="{ row }"><div class="entry-notes">
          <div v-for="w in row.warnings" :key="w.rule" class="entry-warning" :data-rule="w.rule" :title="'规则 ' + w.rule">{{ w.message }}</div>
          <div v-if="row.reason" class="entry-reason">{{ row.reason }}</div>
        </div></template>
        <template #actions="{ row }"><span class="entry-actions">
          <el-button v-if="canWrite && row.kind !== 'reversal' && !row.reversed_by" size="small" type="danger" plain class="reverse-entry" @click="openReverse(row)">冲正</el-button>
        </span></template>
      </data-list>
      <el-pagination v-if="total > size" class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
        :page-sizes="[50, 100, 200]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next'"
        @current-change="load" @size-change="load" background />
      <el-dialog v-model="show" title="冲正党费记录" width="min(460px, 94vw)" class="reverse-dialog">
        <p v-if="target" class="form-hint">{{ target.name }} {{ target.month }} {{ target.kind_label }} {{ fmtYuan(target.amount_fen) }} 元（收据 {{ target.receipt_no || '—' }}）。冲正会新增一条金额相反的记录，原记录保留不改。</p>
        <el-form label-position="top" @submit.prevent="reverse">
          <el-form-item label="冲正原因" :error="errs.reason"><el-input v-model="form.reason" maxlength="200" class="f-reason" /></el-form-item>
          <form-actions label="冲正" danger :busy="busy" @cancel="show = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
