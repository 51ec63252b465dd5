// evaluation.js: one 民主评议 round (GET /api/orglife/evaluations/{id}): its branch, year, date,
// grade set and meeting; the counts (正式党员, 已评定, 评为优秀, 预备党员); the server's warnings
// (优秀 over the local share, 基本合格 without measures, 不合格 to be handled), which advise and
// never block; and every subject by name with the self-evaluation, peer tallies, the
// committee's proposal and the grade decided. A 预备党员 is listed as 不参加评定. Holders of
// orglife.write record a subject in the dialog of pages/evaluation/subject-form.js.
import { api } from "../lib/api.js";
import { can } from "../lib/session.js";
import { fmtDateTime } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
import { peerText, gradeType } from "../lib/evalstudy.js";
import DataList from "../components/data-list.js";
import SubjectForm from "./evaluation/subject-form.js";
const { ref, computed, onMounted } = Vue;

// Labels of four characters at most on a phone's card, where they sit beside the values.
const columns = (phone) => [
  { key: "name", label: "姓名", width: 110 },
  { key: "self_text", label: "个人自评", min: 200 },
  { key: "peer", label: phone ? "互评测评" : "互评和民主测评（票）", min: 200 },
  { key: "proposed", label: phone ? "支委意见" : "支委会意见", width: 110 },
  { key: "final", label: "评定等次", width: 150 },
  { key: "actions", label: "", width: 90, phone: "actions" },
];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orglife/evaluations/:id", title: "民主评议详情", perm: "orglife.read" }];

export default {
  name: "EvaluationPage",
  components: { DataList, SubjectForm },
  props: { id: { type: String, required: true } },
  setup(props) {
    const r = ref(null);
    const error = ref("");
    async function load() {
      try {
        r.value = await api("GET", `/api/orglife/evaluations/${props.id}`);
      } catch (e) {
        error.value = e.status === 404 ? "没有找到这次民主评议，或您无权查看。" : e.message;
      }
    }
    onMounted(load);
    const editing = ref(null);
    const open = ref(false);
    function edit(s) {
      editing.value = s;
      open.value = true;
    }
    const done = computed(() => r.value && r.value.graded_n > 0 && r.value.decided_n >= r.value.graded_n);
    // The number of 优秀 the local share allows (EVAL-QUOTA): a reference, not a limit.
    const quotaMax = computed(() => {
      const q = r.value && r.value.excellent_quota;
      return q && q.den ? Math.floor((r.value.graded_n * q.num) / q.den) : null;
    });
    const over = computed(() => r.value && r.value.warnings.some((w) => w.rule_id === "EVAL-QUOTA"));
    const COLUMNS = computed(() => columns(isMobile.value));
    return { r, error, load, editing, open, edit, done, quotaMax, over, COLUMNS, peerText, gradeType, fmtDateTime, isMobile,
             canWrite: computed(() => can("orglife.write")) };
  },
  template: `
    <div class="page evaluation-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/orglife/evaluations"><el-button type="primary">返回民主评议</el-button></app-link></template>
      </el-result>
      <template v-else-if="r">
        <div class="page-head">
          <div class="org-head">
            <app-link to="/orglife/evaluations" class="back-link"><el-icon><ArrowLeft /></el-icon> 民主评议</app-link>
            <h1 class="page-title">{{ r.year }} 年度民主评议党员
              <el-tag size="small" :type="done ? 'success' : 'primary'" class="round-status">{{ done ? '已完成' : '进行中' }}</el-tag></h1>
          </div>
        </div>
        <p class="page-desc">{{ r.org_name }} · 评议日期 {{ r.held_on }} · {{ r.grade_set_label }}</p>
        <div class="kpis round-counts">
          <div class="kpi"><div class="kpi-label">正式党员</div><div class="kpi-value count-graded">{{ r.graded_n }}<small>人</small></div></div>
          <div class="kpi"><div class="kpi-label">已评定等次</div><div class="kpi-value count-decided">{{ r.decided_n }}<small>人</small></div></div>
          <div class="kpi" :class="{ warn: over }"><div class="kpi-label">评为优秀</div><div class="kpi-value count-excellent">{{ r.excellent_n }}<small>人</small></div>
            <div v-if="quotaMax !== null" class="kpi-sub">参考比例 {{ r.excellent_quota.num }}/{{ r.excellent_quota.den }}，约 {{ quotaMax }} 人</div></div>
          <div class="kpi"><div class="kpi-label">预备党员</div><div class="kpi-value count-probationary">{{ r.probationary_n }}<small>人</small></div>
            <div class="kpi-sub">参加评议，不评等次</div></div>
        </div>
        <el-alert v-for="(w, i) in r.warnings" :key="i" type="warning" show-icon :closable="false" class="round-warning" :data-rule="w.rule_id" :title="w.message" />
        <el-card shadow="never" class="me-card">
          <template #header><span class="card-title">评议对象</span><span class="card-sub">按姓名排列，预备党员在后</span></template>
          <data-list :rows="r.subjects" :columns="COLUMNS" row-key="person_id" :row-class="(s) => s.probationary ? 'subject-row is-probationary' : 'subject-row'" class="subject-list">
            <template #name="{ row }"><span class="subject-name">{{ row.name }}</span>
              <el-tag v-if="row.probationary" size="small" type="warning" class="tag-gap-left">预备党员</el-tag></template>
            <template #self_text="{ row }"><span class="clamp-2" :title="row.self_text || ''">{{ row.self_text || '—' }}</span></template>
            <template #peer="{ row }"><span class="peer-text">{{ peerText(row.peer, r.grades) }}</span></template>
            <template #proposed="{ row }">
              <span v-if="row.probationary" class="not-graded">—</span>
              <span v-else class="proposed-grade">{{ row.proposed_grade_label || '—' }}</span>
            </template>
            <template #final="{ row }">
              <span v-if="row.probationary" class="not-graded">不参加评定</span>
              <template v-else-if="row.final_grade">
                <el-tag size="small" :type="gradeType(row.final_grade)" class="final-grade">{{ row.final_grade_label }}</el-tag>
                <div v-if="row.note" class="subject-note" :title="row.note">整改措施：{{ row.note }}</div>
              </template>
              <span v-else class="not-decided">未评定</span>
            </template>
            <template #actions="{ row }">
              <el-button v-if="canWrite" size="small" :type="!row.probationary && !row.final_grade ? 'primary' : 'default'" plain class="subject-edit" @click="edit(row)">登记</el-button>
            </template>
          </data-list>
          <p class="form-hint">等次由支部党员大会评定，系统只记录。优秀比例为地方做法，超过时只作提示。</p>
        </el-card>
        <el-card v-if="r.meeting_id || r.note" shadow="never" class="me-card">
          <template #header><span class="card-title">评议说明</span></template>
          <p v-if="r.meeting_id"><app-link :to="'/meetings/' + r.meeting_id" class="link round-meeting">查看评议会议</app-link></p>
          <div v-if="r.note" class="pre-text round-note">{{ r.note }}</div>
        </el-card>
        <p class="form-hint">最后修改于 {{ fmtDateTime(r.updated_at) }}</p>
        <subject-form v-model="open" :round="r" :subject="editing" @saved="load" />
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
