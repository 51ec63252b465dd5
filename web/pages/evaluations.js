// evaluations.js: 民主评议: the evaluation rounds of the current scope (GET
// /api/orglife/evaluations) by branch and year, newest year first, each with how far it got
// (评定 n / 正式党员, 优秀, 预备党员 taking part without a grade); a row opens the round. 开展民主评议
// (orglife.write) opens a round for a branch: year, date, grade set (the rule's default when not
// chosen) and optionally the meeting that held it; the server lists the subjects from the
// roster on that date. The filters live in the address bar.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import { recentYears, thisYear } from "../lib/evalstudy.js";
import DataList from "../components/data-list.js";
import BranchSelect from "../components/branch-select.js";
import MeetingPick from "../components/meeting-pick.js";
import FormActions from "../components/form-actions.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const COLUMNS = [
  { key: "org_name", label: "党组织", min: 220 },
  { key: "year", label: "年度", width: 90 },
  { key: "held_on", label: "评议日期", width: 120 },
  { key: "progress", label: "已评定", width: 150 },
  { key: "excellent_n", label: "评为优秀", width: 100 },
  { key: "probationary_n", label: "预备党员", width: 170 },
];
const FIELDS = ["org_id", "year", "held_on", "grade_set", "meeting_id", "note"];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orglife/evaluations", title: "民主评议", perm: "orglife.read", menu: { group: "组织生活", icon: "Stamp", order: 30 } }];

export default {
  name: "EvaluationsPage",
  components: { DataList, BranchSelect, MeetingPick, FormActions },
  setup() {
    const q = route.query;
    const filters = reactive({ org: Number(q.org) || null, year: Number(q.year) || null });
    const list = pagedList((p) => {
      setQuery({ org: filters.org || "", year: filters.year || "", page: p.page > 1 ? p.page : "" });
      return api("GET", withQuery("/api/orglife/evaluations", { org: filters.org || scope.orgId, year: filters.year, ...p }));
    }, { page: Number(q.page) || 1 });
    watch(() => scope.orgId, () => { filters.org = null; list.search(); });
    onMounted(list.load);

    // 开展民主评议
    const open = ref(false);
    const form = reactive({ org_id: null, year: thisYear(), held_on: "", grade_set: "", meeting_id: null, note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    function start() {
      Object.assign(form, { org_id: filters.org || form.org_id, year: filters.year || thisYear(), held_on: "", grade_set: "", meeting_id: null, note: "" });
      open.value = true;
    }
    // The round's date may be in its year or the first half of the next, never after today.
    const meetingFrom = computed(() => `${form.year}-01-01`);
    const meetingTo = computed(() => `${form.year + 1}-06-30`);
    function onMeeting(m) {
      if (m && !form.held_on) form.held_on = m.starts_at.slice(0, 10);
    }
    function submit() {
      const body = { org_id: form.org_id, year: form.year };
      if (form.held_on) body.held_on = form.held_on;
      if (form.grade_set) body.grade_set = form.grade_set;
      if (form.meeting_id) body.meeting_id = form.meeting_id;
      if (form.note.trim()) body.note = form.note.trim();
      return submitForm({ busy, errs, fields: FIELDS }, async () => {
        const r = await api("POST", "/api/orglife/evaluations", body);
        open.value = false;
        ElementPlus.ElMessage.success(`已开展${r.org_name}${r.year}年度民主评议，评议对象 ${r.subjects_n} 人`);
        navigate(`/orglife/evaluations/${r.id}`);
      });
    }
    return { ...list, filters, COLUMNS, YEARS: recentYears(6), GRADE_SETS: options("eval_grade_set"), isMobile, scope,
             open, form, errs, busy, start, submit, meetingFrom, meetingTo, onMeeting, canWrite: computed(() => can("orglife.write")) };
  },
  template: `
    <div class="page evaluations-page">
      <div class="page-head">
        <h1 class="page-title">民主评议</h1>
        <div class="head-actions">
          <el-button v-if="canWrite" type="primary" icon="Plus" class="new-round" @click="start">开展民主评议</el-button>
        </div>
      </div>
      <p class="page-desc">民主评议党员一般每年开展一次：个人自评、党员互评、民主测评，支委会提出评定意见，支部党员大会评定等次。预备党员参加评议，不评定等次。</p>
      <el-card shadow="never">
        <el-form :inline="!isMobile" class="filters" :class="{ 'filters-phone': isMobile }" @submit.prevent="search">
          <el-form-item label="党支部">
            <branch-select v-model="filters.org" all class="round-branch" @update:model-value="search" />
          </el-form-item>
          <el-form-item label="年度">
            <el-select v-model="filters.year" placeholder="全部年度" clearable style="width: 130px" class="round-year" @change="search">
              <el-option v-for="y in YEARS" :key="y" :label="y + ' 年'" :value="y" />
            </el-select>
          </el-form-item>
        </el-form>
        <data-list :rows="rows" :columns="COLUMNS" :loading="loading" empty-text="还没有开展民主评议" class="round-list">
          <template #org_name="{ row }"><app-link :to="'/orglife/evaluations/' + row.id" class="link round-link">{{ row.org_name }}</app-link></template>
          <template #year="{ row }">{{ row.year }} 年</template>
          <template #progress="{ row }"><span class="num">{{ row.decided_n }} / {{ row.graded_n }} 人</span>
            <el-tag v-if="row.graded_n && row.decided_n >= row.graded_n" size="small" type="success" class="tag-gap-left">已完成</el-tag></template>
          <template #excellent_n="{ row }"><span class="num">{{ row.excellent_n }} 人</span></template>
          <template #probationary_n="{ row }"><span class="num">{{ row.probationary_n }} 人</span><span v-if="row.probationary_n" class="not-graded">（不评等次）</span></template>
        </data-list>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total" hide-on-single-page
          :layout="isMobile ? 'prev, pager, next' : 'total, prev, pager, next'" :pager-count="isMobile ? 5 : 7" @current-change="load" background />
      </el-card>
      <el-dialog v-model="open" title="开展民主评议" :width="isMobile ? '94%' : '560px'" destroy-on-close>
        <el-form :label-position="isMobile ? 'top' : 'right'" label-width="100px" class="round-form" @submit.prevent="submit">
          <el-form-item label="党支部" :error="errs.org_id" required>
            <branch-select v-model="form.org_id" class="round-form-branch" />
          </el-form-item>
          <el-form-item label="评议年度" :error="errs.year" required>
            <el-select v-model="form.year" class="round-form-year" style="width: 100%">
              <el-option v-for="y in YEARS" :key="y" :label="y + ' 年'" :value="y" />
            </el-select>
          </el-form-item>
          <el-form-item label="评议会议" :error="errs.meeting_id">
            <meeting-pick v-model="form.meeting_id" :org-id="form.org_id" :from="meetingFrom" :to="meetingTo" @pick="onMeeting" />
          </el-form-item>
          <el-form-item label="评议日期" :error="errs.held_on">
            <el-date-picker v-model="form.held_on" type="date" value-format="YYYY-MM-DD" placeholder="不填为今天" class="round-form-date" style="width: 100%" />
            <div class="form-hint">评议对象按这一天的党员名册确定；往年的评议不填日期时为当年 12 月 31 日。</div>
          </el-form-item>
          <el-form-item label="评定等次" :error="errs.grade_set">
            <el-select v-model="form.grade_set" placeholder="按规则默认" clearable style="width: 100%" class="round-form-grades">
              <el-option v-for="g in GRADE_SETS" :key="g.value" :label="g.label" :value="g.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="说明" :error="errs.note">
            <el-input v-model="form.note" type="textarea" :autosize="{ minRows: 2, maxRows: 5 }" maxlength="1000" show-word-limit name="note" />
          </el-form-item>
          <form-actions label="开展评议" :busy="busy" @cancel="open = false" class="round-form-actions" />
        </el-form>
      </el-dialog>
    </div>`,
};
