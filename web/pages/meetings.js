// meetings.js: 会议: the branch's year month by month (pages/meetings/year-grid.js: held,
// planned and missing per type against the rules) and the meetings of the current scope as a
// list (components/data-list.js: a table on a wide screen, cards on a phone) filtered by type,
// status and date range, and by one org when the address names it (the links of 落实情况 do:
// /meetings?org=&type=&from=&to=). The filters live in the address bar. Rows open the meeting.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
import { typeName } from "../lib/orglife.js";
import DataList from "../components/data-list.js";
import YearGrid from "./meetings/year-grid.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const COLUMNS = [
  { key: "topic", label: "会议主题", min: 200 },
  { key: "starts_at", label: "时间", width: 150 },
  { key: "type", label: "类型", width: 120 },
  { key: "org_name", label: "党组织", min: 180 },
  { key: "status", label: "状态", width: 90 },
  { key: "attendance", label: "实到 / 应到", width: 110 },
];

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/meetings", title: "会议", perm: "orglife.read", menu: { group: "组织生活", icon: "Calendar", order: 10 } }];

export default {
  name: "MeetingsPage",
  components: { DataList, YearGrid },
  setup() {
    const q = route.query;
    const TYPES = options("meeting_type");
    const STATUSES = options("meeting_status");
    const filters = reactive({ org: Number(q.org) || null, org_name: q.org_name || "", type: q.type || "", status: q.status || "",
                               range: q.from && q.to ? [q.from, q.to] : null });
    const startOrg = filters.org; // the year shown first: the org the address names
    const query = () => ({ org: filters.org || scope.orgId, type: filters.type, status: filters.status,
                           from: filters.range ? filters.range[0] : "", to: filters.range ? filters.range[1] : "" });
    const list = pagedList((p) => {
      const { org, ...rest } = query();
      setQuery({ ...rest, org: filters.org || "", org_name: filters.org ? filters.org_name : "", page: p.page > 1 ? p.page : "" });
      return api("GET", withQuery("/api/meetings", { ...query(), ...p }));
    }, { page: Number(q.page) || 1 });
    const { rows, total, page, size, loading, load, search } = list;
    function reset() {
      Object.assign(filters, { org: null, org_name: "", type: "", status: "", range: null });
      search();
    }
    function clearOrg() {
      filters.org = null;
      filters.org_name = "";
      search();
    }
    // A cell of the year grid: that branch, type and month.
    function onPick(p) {
      Object.assign(filters, { org: p.org, org_name: "", type: p.type, status: "", range: [p.from, p.to] });
      search().then(() => {
        const first = rows.value.find((r) => r.org_id === p.org);
        if (first) filters.org_name = first.org_name;
        const el = document.querySelector(".meeting-list-card");
        if (el) el.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    }
    watch(() => scope.orgId, () => { filters.org = null; filters.org_name = ""; search(); });
    onMounted(load);
    // 实到 / 应到 of a held meeting; 未登记 until its attendance is taken.
    const attendance = (r) => (r.status !== "held" ? "—"
      : r.present_n + r.leave_n + r.absent_n + r.delivered_n ? `${r.present_n} / ${r.expected_n}` : "未登记");
    const statusType = (s) => ({ held: "success", planned: "primary", cancelled: "info" }[s] || "info");
    return { filters, startOrg, TYPES, STATUSES, rows, total, page, size, loading, load, search, reset, clearOrg, onPick, COLUMNS,
             typeName, statusType, attendance, fmtNumber, isMobile, scope, navigate, canWrite: computed(() => can("orglife.write")) };
  },
  template: `
    <div class="page meetings-page">
      <div class="page-head">
        <h1 class="page-title">会议</h1>
        <div class="head-actions">
          <el-button v-if="canWrite" type="primary" icon="Plus" class="new-meeting" @click="navigate('/meetings/new')">新建会议</el-button>
        </div>
      </div>
      <p class="page-desc">“三会一课”、主题党日、组织生活会等会议的安排与记录。</p>
      <el-card shadow="never" class="year-card">
        <template #header><span class="card-title">年度会议情况</span></template>
        <year-grid :scope-org-id="scope.orgId" :org-id="startOrg" @pick="onPick" />
      </el-card>
      <el-card shadow="never" class="meeting-list-card">
        <template #header><span class="card-title">会议列表</span><span class="card-sub">共 {{ fmtNumber(total) }} 次</span></template>
        <el-form :inline="!isMobile" class="filters" :class="{ 'filters-phone': isMobile }" @submit.prevent="search">
          <el-form-item v-if="filters.org" label="党组织">
            <el-tag closable @close="clearOrg" class="org-filter">{{ filters.org_name || '指定党组织' }}</el-tag>
          </el-form-item>
          <el-form-item label="类型">
            <el-select v-model="filters.type" placeholder="全部" clearable style="width: 150px" class="type-filter" @change="search">
              <el-option v-for="t in TYPES" :key="t.value" :label="t.label" :value="t.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="状态">
            <el-select v-model="filters.status" placeholder="全部" clearable style="width: 120px" class="status-filter" @change="search">
              <el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="日期" class="filter-range">
            <el-date-picker v-model="filters.range" type="daterange" value-format="YYYY-MM-DD" unlink-panels
              start-placeholder="起始日期" end-placeholder="截止日期" range-separator="至" class="range-filter" @change="search" />
          </el-form-item>
          <el-form-item class="filter-actions">
            <el-button type="primary" native-type="submit" icon="Search">查询</el-button>
            <el-button @click="reset">重置</el-button>
          </el-form-item>
        </el-form>
        <data-list :rows="rows" :columns="COLUMNS" :loading="loading" empty-text="没有符合条件的会议" class="meeting-list">
          <template #topic="{ row }"><app-link :to="'/meetings/' + row.id" class="link">{{ row.topic }}</app-link></template>
          <template #type="{ row }">{{ typeName(row) }}</template>
          <template #status="{ row }"><el-tag size="small" :type="statusType(row.status)">{{ row.status_label }}</el-tag></template>
          <template #attendance="{ row }">{{ attendance(row) }}</template>
        </data-list>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next'"
          :pager-count="isMobile ? 5 : 7" @current-change="load" @size-change="search" background />
      </el-card>
    </div>`,
};
