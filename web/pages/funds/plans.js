// plans.js: 党建经费 → 活动计划: the plans under the scope for a year and quarter (GET
// /api/funds/plans), one card per community with its activities, budget lines, the street's
// comments and the district's decisions. By the scope's level: a community (or its street)
// fills in a plan (plan-form.js) and submits it; a street forwards every submitted plan of
// its communities in one action, with a comment per activity; the district reviews each
// activity (review.js) and allocates the approved amounts, an allocation over the budget left
// only with an override reason.
import { api, withQuery, loadWith, download } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import { navigate } from "../../lib/router.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
import PlanForm from "./plan-form.js";
import PlanReview from "./review.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const STATUS_TAG = { draft: "info", submitted: "warning", forwarded: "primary", reviewed: "success", allocated: "success" };

export default {
  name: "FundsPlans",
  components: { DataList, FormActions, PlanForm, PlanReview },
  setup() {
    const now = todayCN();
    const year = ref(Number(now.slice(0, 4)));
    const quarter = ref(Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1);
    const plans = ref([]);
    const level = ref("");
    const communities = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const q = { org: scope.orgId, year: year.value };
      const [p, l] = await loadWith(loading, () => Promise.all([
        api("GET", withQuery("/api/funds/plans", { ...q, quarter: quarter.value })),
        api("GET", withQuery("/api/funds/ledger", q)),
      ])) || [];
      if (!p) return;
      plans.value = p.items;
      level.value = l.level;
      communities.value = l.level === "street" || l.level === "community" ? l.items : [];
    }
    watch([() => scope.orgId, year, quarter], load);
    onMounted(load);
    const years = computed(() => { const y = Number(now.slice(0, 4)); return [y + 1, y, y - 1]; });
    const canWrite = computed(() => can("funds.write") && communities.value.length > 0);
    const canReview = computed(() => can("funds.review") && level.value === "district");
    const submitted = computed(() => plans.value.filter((p) => p.status === "submitted"));
    const columns = [{ key: "title", label: "活动", min: 160 }, { key: "date", label: "日期", width: 110 },
                     { key: "participants", label: "人数", width: 70 }, { key: "lines", label: "预算明细", min: 180 },
                     { key: "requested_fen", label: "申请", width: 100 }, { key: "street_comment", label: "街道意见", min: 140 },
                     { key: "decision", label: "审核", min: 160 }];
    const linesText = (a) => a.budget_lines.map((l) => `${l.category_label} ${fmtYuan(l.amount_fen)}`).join("；");

    // New plan.
    const showForm = ref(false);
    const formDone = () => { showForm.value = false; load(); };

    async function act(plan, what, body) {
      try {
        await api("POST", `/api/funds/plans/${plan.id}/${what}`, body);
        ElementPlus.ElMessage.success(what === "submit" ? "已提交街道" : "已完成");
        load();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }

    // The street's one action: every submitted plan, with a comment per activity.
    const showForward = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const comments = reactive({});
    function openForward() {
      for (const k of Object.keys(comments)) delete comments[k];
      showForward.value = true;
    }
    async function forwardAll() {
      const list = Object.entries(comments).filter(([, c]) => c && c.trim()).map(([id, c]) => ({ activity_id: Number(id), comment: c }));
      await submitForm({ busy, errs }, async () => {
        const r = await api("POST", "/api/funds/forward", { org_id: scope.orgId, year: year.value, quarter: quarter.value, comments: list });
        showForward.value = false;
        ElementPlus.ElMessage.success(`已报送 ${r.forwarded} 份社区计划`);
        load();
      });
    }

    // The district: review one plan, then allocate.
    const reviewing = ref(null);
    const reviewDone = () => { reviewing.value = null; load(); };
    const showAlloc = ref(false);
    const alloc = reactive({ plan: null, override_reason: "", over: "" });
    async function allocate(plan) {
      alloc.plan = plan;
      alloc.override_reason = "";
      alloc.over = "";
      try {
        const r = await api("POST", `/api/funds/plans/${plan.id}/allocate`, {});
        ElementPlus.ElMessage.success(`已分配 ${fmtYuan(r.allocated_fen)} 元`);
        load();
      } catch (e) {
        if (e.field !== "/override_reason") return ElementPlus.ElMessage.error(e.message);
        alloc.over = e.message;
        showAlloc.value = true;
      }
    }
    async function allocateOver() {
      await submitForm({ busy, errs, fields: ["override_reason"] }, async () => {
        const r = await api("POST", `/api/funds/plans/${alloc.plan.id}/allocate`, { override_reason: alloc.override_reason });
        showAlloc.value = false;
        ElementPlus.ElMessage.success(`已超预算分配 ${fmtYuan(r.allocated_fen)} 元`);
        load();
      });
    }
    const exportReview = () => download(withQuery("/api/funds/review.xlsx", { org: scope.orgId, year: year.value, quarter: quarter.value }),
                                        `党建活动计划审核表-${year.value}年第${quarter.value}季度.xlsx`);
    const printPlan = (p) => navigate(`/funds/plans/${p.id}/print`);
    return { printPlan, exportReview, year, years, quarter, plans, level, communities, loading, canWrite, canReview, submitted, columns, linesText,
             showForm, formDone, act, showForward, busy, errs, comments, openForward, forwardAll,
             reviewing, reviewDone, showAlloc, alloc, allocate, allocateOver, fmtYuan, STATUS_TAG, scope, isMobile, can };
  },
  template: `
    <div class="funds-plans">
      <div class="toolbar">
        <el-select v-model="year" class="f-year" style="width: 100px"><el-option v-for="y in years" :key="y" :value="y" :label="y + '年'" /></el-select>
        <el-radio-group v-model="quarter" class="f-quarter"><el-radio-button v-for="q in 4" :key="q" :value="q">{{ q }}季度</el-radio-button></el-radio-group>
        <el-button v-if="canWrite" type="primary" icon="Plus" class="new-plan" @click="showForm = true">填报计划</el-button>
        <el-button v-if="plans.length && (level === 'district' || level === 'street')" icon="Download" class="export-review" @click="exportReview">导出审核表</el-button>
        <el-button v-if="level === 'street' && can('funds.write') && submitted.length" type="warning" icon="Promotion" class="forward-all" @click="openForward">报送本季度 {{ submitted.length }} 份计划</el-button>
      </div>
      <p v-if="level === 'district'" class="form-hint">区委组织部审核看板：逐项同意、调整金额或不同意（后两者须说明理由），全部审核后分配经费。</p>
      <p v-else-if="level === 'street'" class="form-hint">街道汇总：所属社区提交的计划在此汇总，可逐项填写意见后一次报送区委组织部。</p>
      <el-empty v-if="!loading && !plans.length" description="本季度还没有活动计划" />
      <el-card v-for="p in plans" :key="p.id" shadow="never" class="plan-card" :data-plan="p.id">
        <template #header>
          <div class="plan-head">
            <span class="plan-org">{{ p.org_name }}</span>
            <el-tag :type="STATUS_TAG[p.status]" size="small" class="plan-status">{{ p.status_label }}</el-tag>
            <span class="plan-sum">申请 {{ fmtYuan(p.requested_fen) }} 元<template v-if="p.status === 'reviewed' || p.status === 'allocated'">，核定 {{ fmtYuan(p.approved_fen) }} 元</template></span>
            <span class="plan-actions">
              <el-button size="small" icon="Printer" class="print-plan" @click="printPlan(p)">打印</el-button>
              <el-button v-if="p.status === 'draft' && can('funds.write')" size="small" type="primary" class="submit-plan" @click="act(p, 'submit')">提交街道</el-button>
              <el-button v-if="canReview && (p.status === 'forwarded' || p.status === 'reviewed')" size="small" type="primary" class="review-plan" @click="reviewing = p">审核</el-button>
              <el-button v-if="canReview && p.status === 'reviewed'" size="small" type="success" class="allocate-plan" @click="allocate(p)">分配经费</el-button>
            </span>
          </div>
        </template>
        <data-list :rows="p.activities" :columns="columns" size="small" class="plan-activities">
          <template #lines="{ row }">{{ linesText(row) }}</template>
          <template #requested_fen="{ row }">{{ fmtYuan(row.requested_fen) }} 元</template>
          <template #decision="{ row }">
            <span v-if="row.decision" :class="'decision d-' + row.decision">{{ row.decision_label }}<template v-if="row.decision !== 'refused'">：{{ fmtYuan(row.approved_fen) }} 元</template></span>
            <span v-else class="form-hint">待审核</span>
            <div v-if="row.reason" class="decision-reason">{{ row.reason }}</div>
          </template>
        </data-list>
      </el-card>

      <plan-form v-if="showForm" :communities="communities" :year="year" :quarter="quarter" @done="formDone" @cancel="showForm = false" />
      <plan-review v-if="reviewing" :plan="reviewing" @done="reviewDone" @cancel="reviewing = null" />

      <el-dialog v-model="showForward" title="报送区委组织部" width="min(720px, 96vw)" :fullscreen="isMobile" class="forward-dialog">
        <el-form label-position="top" @submit.prevent="forwardAll">
          <div v-for="p in submitted" :key="p.id" class="forward-plan">
            <h4>{{ p.org_name }}（申请 {{ fmtYuan(p.requested_fen) }} 元）</h4>
            <el-form-item v-for="a in p.activities" :key="a.id" :label="a.title + '：' + fmtYuan(a.requested_fen) + ' 元'">
              <el-input v-model="comments[a.id]" maxlength="500" placeholder="街道意见（可不填）" class="f-comment" />
            </el-form-item>
          </div>
          <form-actions :label="'报送 ' + submitted.length + ' 份计划'" :busy="busy" @cancel="showForward = false" />
        </el-form>
      </el-dialog>

      <el-dialog v-model="showAlloc" title="超出剩余预算" width="min(520px, 96vw)" class="alloc-dialog">
        <el-form label-position="top" @submit.prevent="allocateOver">
          <el-alert :title="alloc.over" type="warning" :closable="false" show-icon class="alloc-over" />
          <el-form-item label="超预算说明" :error="errs.override_reason" required>
            <el-input v-model="alloc.override_reason" type="textarea" :rows="3" maxlength="500" class="f-override" />
          </el-form-item>
          <form-actions label="仍然分配" :busy="busy" danger @cancel="showAlloc = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
