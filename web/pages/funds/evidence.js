// evidence.js: 党建经费 → 使用与核查: the allocated activities of the scope's year and quarter
// (from GET /api/funds/plans) with what was allocated and spent. A community records what
// happened (use-form.js: day, participants, summary, spending lines with receipts) and uploads
// photos (JPEG/PNG; the server strips EXIF before keeping them); the district marks each
// recorded activity used as planned, partly or not, with a reason for the last two. Below, the
// variance report of the year (GET /api/funds/variance): approved, spent and the difference.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { fmtYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import UseForm from "./use-form.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export default {
  name: "FundsEvidence",
  components: { DataList, FormActions, UseForm },
  setup() {
    const now = todayCN();
    const year = ref(Number(now.slice(0, 4)));
    const quarter = ref(Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1);
    const rows = ref([]);
    const variance = ref(null);
    const level = ref("");
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const q = { org: scope.orgId, year: year.value };
      const r = await loadWith(loading, () => Promise.all([
        api("GET", withQuery("/api/funds/plans", { ...q, quarter: quarter.value, status: "allocated" })),
        api("GET", withQuery("/api/funds/variance", q)),
        api("GET", withQuery("/api/funds/ledger", q)),
      ]));
      if (!r) return;
      rows.value = r[0].items.flatMap((p) => p.activities.filter((a) => a.allocated_fen > 0).map((a) => ({ ...a, org_name: p.org_name })));
      variance.value = r[1];
      level.value = r[2].level;
    }
    watch([() => scope.orgId, year, quarter], load);
    onMounted(load);
    const years = computed(() => { const y = Number(now.slice(0, 4)); return [y + 1, y, y - 1]; });
    const canWrite = computed(() => can("funds.write") && level.value !== "district");
    const canCheck = computed(() => can("funds.review") && level.value === "district");
    const columns = [{ key: "title", label: "活动", width: 180 }, { key: "org_name", label: "社区", min: 150 },
                     { key: "money", label: "核定 / 支出（元）", width: 150 }, { key: "use", label: "开展情况", min: 200 },
                     { key: "photos", label: "照片", width: 150 }, { key: "check", label: "核查", min: 150 },
                     { key: "actions", label: "", width: 170, phone: "actions" }];
    const vcolumns = [{ key: "title", label: "活动", min: 170 }, { key: "org_name", label: "社区", min: 150 },
                      { key: "quarter", label: "季度", width: 70 }, { key: "approved_fen", label: "核定", width: 100 },
                      { key: "spent_fen", label: "支出", width: 100 }, { key: "variance_fen", label: "差额", width: 100 },
                      { key: "check_label", label: "核查", min: 130 }];
    const photoUrl = (a, id) => `/api/funds/activities/${a.id}/photos/${id}`;

    const using = ref(null);
    const useDone = () => { using.value = null; load(); };
    const fileInput = ref(null);
    const target = ref(null);
    function pick(a) {
      target.value = a;
      fileInput.value.value = "";
      fileInput.value.click();
    }
    async function upload(ev) {
      const f = ev.target.files[0];
      if (!f || !target.value) return;
      const form = new FormData();
      form.append("file", f, f.name);
      try {
        await api("POST", `/api/funds/activities/${target.value.id}/photos`, form);
        ElementPlus.ElMessage.success("照片已上传（已去除拍摄位置等信息）");
        load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }

    const showCheck = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const check = reactive({ a: null, result: "as_planned", reason: "" });
    function openCheck(a) {
      Object.assign(check, { a, result: a.check_result || "as_planned", reason: a.check_reason || "" });
      showCheck.value = true;
    }
    async function saveCheck() {
      await submitForm({ busy, errs, fields: ["result", "reason"] }, async () => {
        await api("POST", `/api/funds/activities/${check.a.id}/check`, { result: check.result, reason: check.reason || undefined });
        showCheck.value = false;
        ElementPlus.ElMessage.success("核查结论已保存");
        load();
      });
    }
    return { year, years, quarter, rows, variance, loading, canWrite, canCheck, columns, vcolumns, photoUrl, fmtYuan,
             using, useDone, fileInput, pick, upload, showCheck, busy, errs, check, openCheck, saveCheck };
  },
  template: `
    <div class="funds-evidence">
      <div class="toolbar">
        <el-select v-model="year" class="f-ev-year" style="width: 100px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <el-radio-group v-model="quarter" class="f-ev-quarter"><el-radio-button v-for="q in 4" :key="q" :value="q">{{ q }}季度</el-radio-button></el-radio-group>
      </div>
      <input ref="fileInput" type="file" accept="image/jpeg,image/png" class="photo-input" @change="upload" />
      <data-list :rows="rows" :columns="columns" :loading="loading" size="small" class="evidence-list" empty-text="本季度没有已分配经费的活动">
        <template #money="{ row }">{{ fmtYuan(row.allocated_fen) }} / <span :class="{ 'funds-over': row.spent_fen > row.allocated_fen }">{{ fmtYuan(row.spent_fen) }}</span></template>
        <template #use="{ row }">
          <template v-if="row.used_on">{{ row.used_on }}，{{ row.used_participants }} 人<div class="decision-reason">{{ row.summary }}</div>
            <div v-for="(s, k) in row.spending" :key="k" class="decision-reason">{{ s.category_label }} {{ fmtYuan(s.amount_fen) }} 元<template v-if="s.receipt_no">（收据 {{ s.receipt_no }}）</template></div></template>
          <span v-else class="form-hint">未登记</span>
        </template>
        <template #photos="{ row }">
          <div class="photo-grid"><el-image v-for="id in row.photo_ids" :key="id" :src="photoUrl(row, id)" :preview-src-list="row.photo_ids.map((x) => photoUrl(row, x))" fit="cover" class="photo-thumb" alt="活动照片" /></div>
          <span v-if="!row.photo_ids.length" class="form-hint">无</span>
        </template>
        <template #check="{ row }">
          <span v-if="row.check_result" :class="'check c-' + row.check_result">{{ row.check_label }}</span><span v-else class="form-hint">待核查</span>
          <div v-if="row.check_reason" class="decision-reason">{{ row.check_reason }}</div>
        </template>
        <template #actions="{ row }">
          <el-button v-if="canWrite && !row.used_on" size="small" type="primary" class="record-use" @click="using = row">登记使用</el-button>
          <el-button v-if="canWrite" size="small" class="upload-photo" @click="pick(row)">上传照片</el-button>
          <el-button v-if="canCheck && row.used_on" size="small" type="primary" class="check-use" @click="openCheck(row)">核查</el-button>
        </template>
      </data-list>

      <h3 class="section-title">{{ year }}年经费使用差异</h3>
      <data-list v-if="variance" :rows="variance.items" :columns="vcolumns" row-key="activity_id" size="small" class="variance-list" empty-text="本年度没有已分配经费的活动">
        <template #approved_fen="{ row }">{{ fmtYuan(row.approved_fen) }}</template>
        <template #spent_fen="{ row }">{{ fmtYuan(row.spent_fen) }}</template>
        <template #variance_fen="{ row }"><span :class="{ 'funds-over': row.variance_fen > 0, 'funds-under': row.variance_fen < 0 }">{{ fmtYuan(row.variance_fen) }}</span></template>
      </data-list>
      <p v-if="variance" class="form-hint variance-total">合计：核定 {{ fmtYuan(variance.total.approved_fen) }} 元，支出 {{ fmtYuan(variance.total.spent_fen) }} 元，差额 {{ fmtYuan(variance.total.variance_fen) }} 元。</p>

      <use-form v-if="using" :activity="using" @done="useDone" @cancel="using = null" />
      <el-dialog v-model="showCheck" title="核查经费使用" width="min(520px, 96vw)" class="check-dialog">
        <el-form label-position="top" @submit.prevent="saveCheck">
          <p v-if="check.a">{{ check.a.title }}：核定 {{ fmtYuan(check.a.allocated_fen) }} 元，支出 {{ fmtYuan(check.a.spent_fen) }} 元</p>
          <el-form-item label="结论" :error="errs.result">
            <el-radio-group v-model="check.result" class="f-check"><el-radio-button value="as_planned">按计划使用</el-radio-button><el-radio-button value="partly">部分</el-radio-button><el-radio-button value="not">未按计划</el-radio-button></el-radio-group>
          </el-form-item>
          <el-form-item label="理由" :error="errs.reason" :required="check.result !== 'as_planned'"><el-input v-model="check.reason" type="textarea" :rows="2" maxlength="500" class="f-check-reason" /></el-form-item>
          <form-actions label="保存" :busy="busy" @cancel="showCheck = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
