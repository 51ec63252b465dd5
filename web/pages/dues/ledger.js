// ledger.js: 党费 → 支部台账: one branch's year (GET /api/dues/ledger): per member the standard
// and, per month, what was due and what was paid (a table of twelve month columns on a wide
// screen, a card with twelve cells on a phone), and the year's totals. Holders of dues.write
// enter a whole month for the branch in one dialog (POST /api/dues/payments/batch: one request,
// one transaction; every unpaid member checked with the amount still due, amounts typed in 元)
// and export the year as a workbook.
import { api, withQuery, download, loadWith } from "../../lib/api.js";
import { can } from "../../lib/session.js";
import { isMobile } from "../../lib/viewport.js";
import { fieldErrors, clearErrors, showError } from "../../lib/forms.js";
import { todayCN } from "../../lib/orglife.js";
import { fmtYuan, parseYuan, monthCN } from "../../lib/money.js";
import DataList from "../../components/data-list.js";
import BranchSelect from "../../components/branch-select.js";
import DuesMonths, { monthState } from "../../components/dues-months.js";
const { ref, reactive, computed, watch } = Vue;

export default {
  name: "DuesLedger",
  components: { DataList, BranchSelect, DuesMonths },
  setup() {
    const branch = ref(null);
    const year = ref(Number(monthCN().slice(0, 4)));
    const data = ref(null);
    const loading = ref(false);
    const canWrite = computed(() => can("dues.write"));
    async function load() {
      if (!branch.value) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/dues/ledger", { org: branch.value, year: year.value })));
      if (r) data.value = r;
    }
    watch([branch, year], load);
    const years = computed(() => { const y = Number(monthCN().slice(0, 4)); return [y, y - 1, y - 2]; });
    const columns = [{ key: "name", label: "姓名", min: 90 }, { key: "standard", label: "月标准（元）", width: 110 },
                     { key: "months", label: "各月", min: 200 }, { key: "expected_fen", label: "应交（元）", width: 100 },
                     { key: "paid_fen", label: "已交（元）", width: 100 }, { key: "outstanding_fen", label: "欠交（元）", width: 100 }];
    const monthCols = Array.from({ length: 12 }, (_, i) => i);

    // 整月登记: the month's unpaid members, each with what is still due.
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const entry = reactive({ month: monthCN(), method: "cash", paid_on: todayCN(), rows: [] });
    async function openBatch() {
      entry.month = monthCN();
      entry.paid_on = todayCN();
      await fillRows();
      show.value = true;
    }
    async function fillRows() {
      clearErrors(errs);
      const y = Number(entry.month.slice(0, 4));
      const l = y === year.value && data.value ? data.value : await api("GET", withQuery("/api/dues/ledger", { org: branch.value, year: y }));
      const k = Number(entry.month.slice(5)) - 1;
      entry.rows = l.items.filter((r) => r.months[k].expected_fen > r.months[k].paid_fen).map((r) => ({
        member_id: r.member_id, name: r.name, due: r.months[k].expected_fen - r.months[k].paid_fen,
        amount: fmtYuan(r.months[k].expected_fen - r.months[k].paid_fen), on: true, receipt_no: "", error: "",
      }));
    }
    const chosen = computed(() => entry.rows.filter((r) => r.on));
    const total = computed(() => chosen.value.reduce((t, r) => t + (parseYuan(r.amount).fen || 0), 0));
    async function saveBatch() {
      let bad = false;
      const items = chosen.value.map((r) => {
        const p = parseYuan(r.amount);
        r.error = p.error || (p.fen ? "" : "请输入金额");
        if (r.error) bad = true;
        const it = { member_id: r.member_id, amount_fen: p.fen };
        if (r.receipt_no.trim()) it.receipt_no = r.receipt_no;
        return it;
      });
      if (bad || !items.length) { if (!items.length) ElementPlus.ElMessage.warning("请至少勾选一名党员"); return; }
      busy.value = true;
      try {
        const r = await api("POST", "/api/dues/payments/batch", { org_id: branch.value, month: entry.month, method: entry.method, paid_on: entry.paid_on, items });
        show.value = false;
        ElementPlus.ElMessage.success(`已登记 ${r.count} 人 ${entry.month} 的党费`);
        load();
      } catch (e) {
        const m = /^\/items\/(\d+)\//.exec(e.field || "");
        if (m) chosen.value[Number(m[1])].error = e.message;
        else showError(e, errs, ["month", "paid_on", "method"]);
      } finally {
        busy.value = false;
      }
    }
    const exportXlsx = () => download(withQuery("/api/dues/ledger.xlsx", { org: branch.value, year: year.value }), `党费台账-${year.value}.xlsx`);
    const cellClass = (c) => `dues-cell m-${monthState(c)}`;
    return { branch, year, years, data, loading, canWrite, columns, monthCols, show, busy, errs, entry, chosen, total,
             openBatch, fillRows, saveBatch, exportXlsx, fmtYuan, cellClass, isMobile };
  },
  template: `
    <div class="dues-ledger">
      <div class="toolbar">
        <branch-select v-model="branch" />
        <el-select v-model="year" class="f-year" style="width: 110px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <el-button v-if="canWrite && branch" type="primary" icon="Plus" class="batch-entry" @click="openBatch">整月登记</el-button>
        <el-button v-if="branch" icon="Download" class="export-ledger" @click="exportXlsx">导出台账</el-button>
      </div>
      <div v-if="data" class="kpis dues-totals">
        <div class="kpi"><div class="kpi-label">全年应交</div><div class="kpi-value">{{ fmtYuan(data.totals.expected_fen) }}<small>元</small></div></div>
        <div class="kpi"><div class="kpi-label">已交</div><div class="kpi-value">{{ fmtYuan(data.totals.paid_fen) }}<small>元</small></div></div>
        <div class="kpi"><div class="kpi-label">欠交（已过月份）</div><div class="kpi-value dues-owed">{{ fmtYuan(data.totals.outstanding_fen) }}<small>元</small></div></div>
        <div class="kpi"><div class="kpi-label">自愿多交</div><div class="kpi-value">{{ fmtYuan(data.totals.extra_fen) }}<small>元</small></div></div>
      </div>
      <el-table v-if="data && !isMobile" :data="data.items" v-loading="loading" size="small" border class="dues-grid" row-key="member_id">
        <el-table-column prop="name" label="姓名" fixed width="90" />
        <el-table-column label="月标准" width="80" align="right"><template #default="{ row }">{{ fmtYuan(row.amount_fen) }}</template></el-table-column>
        <el-table-column v-for="k in monthCols" :key="k" :label="(k + 1) + '月'" min-width="62" align="right">
          <template #default="{ row }"><span :class="cellClass(row.months[k])" :title="'应交 ' + fmtYuan(row.months[k].expected_fen) + ' 元'">{{ row.months[k].paid_fen || row.months[k].expected_fen ? fmtYuan(row.months[k].paid_fen) : '' }}</span></template>
        </el-table-column>
        <el-table-column label="欠交" width="80" align="right"><template #default="{ row }"><span :class="{ 'dues-owed': row.outstanding_fen > 0 }">{{ fmtYuan(row.outstanding_fen) }}</span></template></el-table-column>
      </el-table>
      <data-list v-else-if="data" :rows="data.items" :columns="columns" row-key="member_id" :loading="loading" size="small" class="dues-cards" empty-text="该支部没有党员">
        <template #standard="{ row }">{{ row.category_label }} {{ fmtYuan(row.amount_fen) }}</template>
        <template #months="{ row }"><dues-months :months="row.months" /></template>
        <template #expected_fen="{ row }">{{ fmtYuan(row.expected_fen) }}</template>
        <template #paid_fen="{ row }">{{ fmtYuan(row.paid_fen) }}</template>
        <template #outstanding_fen="{ row }"><span :class="{ 'dues-owed': row.outstanding_fen > 0 }">{{ fmtYuan(row.outstanding_fen) }}</span></template>
      </data-list>
      <p v-if="data" class="form-hint">单元格为当月已交金额；红色为已过月份未交足，灰色为本月及以后尚未交纳。</p>
      <el-dialog v-model="show" title="整月登记党费" width="min(640px, 96vw)" :fullscreen="isMobile" class="batch-dialog">
        <el-form label-position="top" class="batch-form" @submit.prevent="saveBatch">
          <div class="batch-head">
            <el-form-item label="月份" :error="errs.month"><el-date-picker v-model="entry.month" type="month" value-format="YYYY-MM" :clearable="false" class="f-batch-month" @change="fillRows" /></el-form-item>
            <el-form-item label="交纳方式"><el-radio-group v-model="entry.method" class="f-method"><el-radio-button value="cash">现金</el-radio-button><el-radio-button value="transfer">转账</el-radio-button></el-radio-group></el-form-item>
            <el-form-item label="交纳日期" :error="errs.paid_on"><el-date-picker v-model="entry.paid_on" type="date" value-format="YYYY-MM-DD" :clearable="false" class="f-paid-on" /></el-form-item>
          </div>
          <p v-if="!entry.rows.length" class="form-hint">{{ entry.month }} 所有党员都已交足。</p>
          <div v-for="r in entry.rows" :key="r.member_id" class="batch-row" :class="{ off: !r.on }">
            <el-checkbox v-model="r.on" class="batch-on">{{ r.name }}</el-checkbox>
            <span class="batch-due">应交 {{ fmtYuan(r.due) }}</span>
            <el-input v-model="r.amount" :disabled="!r.on" inputmode="decimal" class="batch-amount" aria-label="金额（元）"><template #append>元</template></el-input>
            <el-input v-model="r.receipt_no" :disabled="!r.on" maxlength="40" placeholder="收据编号" class="batch-receipt" />
            <div v-if="r.error" class="el-form-item__error batch-error">{{ r.error }}</div>
          </div>
          <p class="batch-sum">共 {{ chosen.length }} 人，合计 {{ fmtYuan(total) }} 元</p>
          <div class="form-actions"><el-button @click="show = false">取消</el-button><el-button type="primary" native-type="submit" :loading="busy" class="save-batch">登记 {{ chosen.length }} 人</el-button></div>
        </el-form>
      </el-dialog>
    </div>`,
};
