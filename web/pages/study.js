// study.js: 学习记录: each member's 学时 of the year against the target (GET
// /api/orglife/study-hours: 32 a year; 56 for a branch secretary or committee member, LIFE-TRAIN),
// listed by name as the server orders it (a table; on a phone one compact row each) — never ranked or sorted by hours, and nothing here
// measures time spent on a page — and the study materials of the scope (GET
// /api/orglife/materials?above=1: those of the chosen branch, or of the scope's org, and of the
// orgs over it). Holders of orglife.write 登记学习 (pages/study/record-form.js) and
// 发布材料 (pages/study/material-form.js). The branch and year live in the address bar.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, setQuery } from "../lib/router.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
import { recentYears, thisYear, hoursState, hoursPct } from "../lib/evalstudy.js";
import DataList from "../components/data-list.js";
import BranchSelect from "../components/branch-select.js";
import RecordForm from "./study/record-form.js";
import MaterialForm from "./study/material-form.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const HOUR_COLUMNS = [
  { key: "name", label: "姓名", width: 120 },
  { key: "org_name", label: "党组织", min: 200 },
  { key: "role", label: "身份", width: 170 },
  { key: "hours", label: "学时 / 目标", min: 180 },
  { key: "state", label: "完成情况", width: 120 },
];
const MATERIAL_COLUMNS = [
  { key: "title", label: "材料名称", min: 240 },
  { key: "kind_label", label: "类型", width: 80 },
  { key: "hours", label: "学时", width: 70 },
  { key: "published_on", label: "发布日期", width: 110 },
  { key: "org_name", label: "发布组织", min: 180 },
];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orglife/study", title: "学习记录", perm: "orglife.read", menu: { group: "组织生活", icon: "Reading", order: 35 } }];

export default {
  name: "StudyPage",
  components: { DataList, BranchSelect, RecordForm, MaterialForm },
  setup() {
    const q = route.query;
    const filters = reactive({ org: Number(q.org) || null, year: Number(q.year) || thisYear() });
    const query = () => ({ org: filters.org || scope.orgId, year: filters.year });
    const hours = pagedList((p) => {
      setQuery({ org: filters.org || "", year: filters.year !== thisYear() ? filters.year : "", page: p.page > 1 ? p.page : "" });
      return api("GET", withQuery("/api/orglife/study-hours", { ...query(), ...p }));
    }, { page: Number(q.page) || 1, size: 50 });
    // The materials the chosen branch's (or the scope's) members may study: published by it or
    // by an org over it (above); a branch's own show when that branch is chosen.
    const materials = pagedList((p) => api("GET", withQuery("/api/orglife/materials", { ...query(), above: 1, ...p })), { size: 10 });
    const reload = () => { hours.search(); materials.search(); };
    watch(() => scope.orgId, () => { filters.org = null; reload(); });
    onMounted(() => { hours.load(); materials.load(); });
    const recording = ref(false);
    const publishing = ref(false);
    // The 党组织 column only when the list spans more than one org.
    const hourColumns = computed(() => (new Set(hours.rows.value.map((r) => r.org_id)).size > 1 ? HOUR_COLUMNS : HOUR_COLUMNS.filter((c) => c.key !== "org_name")));
    const role = (r) => [r.probationary ? "预备党员" : "正式党员", r.leader ? "班子成员" : ""].filter(Boolean).join(" · ");
    return { filters, hours, materials, reload, recording, publishing, role, hoursState, hoursPct, hourColumns, HOUR_COLUMNS, MATERIAL_COLUMNS,
             YEARS: recentYears(5), isMobile, scope, canWrite: computed(() => can("orglife.write")) };
  },
  template: `
    <div class="page study-page">
      <div class="page-head">
        <h1 class="page-title">学习记录</h1>
        <div class="head-actions" v-if="canWrite">
          <el-button type="primary" icon="EditPen" class="record-study" @click="recording = true">登记学习</el-button>
          <el-button icon="Plus" class="new-material" @click="publishing = true">发布材料</el-button>
        </div>
      </div>
      <p class="page-desc">党员每年参加集中学习培训一般不少于 32 学时，基层党组织书记和班子成员不少于 56 学时。送学上门计入学时。</p>
      <el-form :inline="!isMobile" class="filters" :class="{ 'filters-phone': isMobile }" @submit.prevent="reload">
        <el-form-item label="党支部">
          <branch-select v-model="filters.org" all class="study-branch" @update:model-value="reload" />
        </el-form-item>
        <el-form-item label="年度">
          <el-select v-model="filters.year" style="width: 120px" class="study-year" @change="reload">
            <el-option v-for="y in YEARS" :key="y" :label="y + ' 年'" :value="y" />
          </el-select>
        </el-form-item>
      </el-form>
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">{{ filters.year }} 年度学时</span><span class="card-sub">按姓名排列，共 {{ hours.total.value }} 人</span></template>
        <ul v-if="isMobile" class="hours-rows" v-loading="hours.loading.value">
          <li v-for="row in hours.rows.value" :key="row.person_id" class="hours-row">
            <div class="hours-row-head"><span class="hours-name">{{ row.name }}</span><span class="num hours-value">{{ row.hours }} / {{ row.target }} 学时</span></div>
            <el-progress :percentage="hoursPct(row)" :show-text="false" :stroke-width="5" :color="row.met ? '#67c23a' : '#e6a23c'" />
            <div class="hours-row-sub"><span>{{ role(row) }}<template v-if="hourColumns.length === HOUR_COLUMNS.length"> · {{ row.org_name }}</template></span>
              <span :class="row.met ? 'hours-met' : 'hours-short'">{{ hoursState(row) }}</span></div>
          </li>
          <el-empty v-if="!hours.loading.value && !hours.rows.value.length" description="没有党员" :image-size="60" />
        </ul>
        <data-list v-else :rows="hours.rows.value" :columns="hourColumns" :loading="hours.loading.value" row-key="person_id" empty-text="没有党员" class="hours-list">
          <template #name="{ row }"><span class="hours-name">{{ row.name }}</span></template>
          <template #role="{ row }">{{ role(row) }}</template>
          <template #hours="{ row }">
            <div class="hours-cell" :title="'目标 ' + row.target + ' 学时（规则 ' + row.rule_id + '）'">
              <span class="num hours-value">{{ row.hours }} / {{ row.target }}</span>
              <el-progress :percentage="hoursPct(row)" :show-text="false" :stroke-width="6" :color="row.met ? '#67c23a' : '#e6a23c'" class="hours-bar" />
            </div>
          </template>
          <template #state="{ row }"><span :class="row.met ? 'hours-met' : 'hours-short'">{{ hoursState(row) }}</span></template>
        </data-list>
        <el-pagination class="pager" v-model:current-page="hours.page.value" :page-size="hours.size.value" :total="hours.total.value" hide-on-single-page
          :layout="isMobile ? 'prev, pager, next' : 'total, prev, pager, next'" :pager-count="isMobile ? 5 : 7" @current-change="hours.load" background />
        <p class="form-hint">学时按登记的学习记录累计（含本人登记和组织登记）；名单按姓名排列，不作排名。</p>
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">学习材料</span><span class="card-sub">本组织及上级组织 {{ filters.year }} 年发布，共 {{ materials.total.value }} 份</span></template>
        <data-list :rows="materials.rows.value" :columns="MATERIAL_COLUMNS" :loading="materials.loading.value" empty-text="本年度还没有发布学习材料" class="material-list">
          <template #title="{ row }"><span class="material-title">{{ row.title }}</span></template>
          <template #hours="{ row }"><span class="num">{{ row.hours }}</span></template>
        </data-list>
        <el-pagination class="pager" v-model:current-page="materials.page.value" :page-size="materials.size.value" :total="materials.total.value" hide-on-single-page
          layout="prev, pager, next" @current-change="materials.load" background />
      </el-card>
      <record-form v-model="recording" :org-id="filters.org" @saved="hours.load" />
      <material-form v-model="publishing" :org-id="filters.org || scope.orgId" @saved="materials.search" />
    </div>`,
};
