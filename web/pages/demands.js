// demands.js: 群众诉求 → 诉求办理: the demands of the current scope as a work queue, newest
// first, with filters (状态, 网格, 类别, 只看超期, 只看派给我的) kept in the address bar, overdue ones
// flagged, and 登记诉求 for those who take demands in. A 网格员 sees only their grids' demands
// (and those dispatched to them): the server filters, the page only says so. Rows open the
// demand (pages/demand.js). Free text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { fmtDateTime } from "../lib/format.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
import DataList from "../components/data-list.js";
const { reactive, ref, watch, onMounted } = Vue;

export const routes = [{ path: "/demands", title: "诉求办理", perm: "demands.read", menu: { group: "服务群众", icon: "ChatDotRound", order: 10 } }];

const COLUMNS = [
  { key: "number", label: "编号", width: 150 },
  { key: "category_name", label: "类别", width: 110 },
  { key: "description", label: "诉求内容", min: 220 },
  { key: "grid_name", label: "网格", width: 110 },
  { key: "status_label", label: "状态", width: 130 },
  { key: "handler_name", label: "承办人", width: 100 },
  { key: "due_at", label: "办结时限", width: 140 },
];

export default {
  name: "DemandsPage",
  components: { DataList },
  setup() {
    const q = route.query;
    const filters = reactive({ status: q.status || "", grid: q.grid || "", category: q.category || "",
                               overdue: q.overdue === "true", mine: q.mine === "true" });
    const grids = ref([]);
    const cats = ref([]);
    const ownOnly = ref(false);
    const STATUSES = options("demand_status");
    const list = pagedList(async ({ page, size }) => {
      const query = { org: scope.orgId, status: filters.status, grid: filters.grid, category: filters.category,
                      overdue: filters.overdue ? "true" : "", mine: filters.mine ? "true" : "" };
      setQuery({ ...query, org: "", page: page > 1 ? page : "" });
      return api("GET", withQuery("/api/demands", { ...query, page, size }));
    });
    async function loadGrids() {
      if (!scope.orgId || !can("grids.read")) return;
      try {
        const r = await api("GET", withQuery("/api/grids", { org: scope.orgId }));
        grids.value = r.items;
        ownOnly.value = r.own_grids_only;
      } catch { grids.value = []; }
    }
    onMounted(async () => {
      list.load();
      loadGrids();
      try { cats.value = (await api("GET", "/api/demands/categories")).items; } catch { cats.value = []; }
    });
    watch(() => scope.orgId, () => { list.search(); loadGrids(); });
    const rowClass = (r) => (r.overdue ? "demand-overdue" : "");
    const statusType = (r) => (r.overdue ? "danger" : { open: "warning", fixed: "success", closed: "info" }[r.status_class] || "info");
    return { filters, grids, cats, ownOnly, STATUSES, list, columns: COLUMNS, rowClass, statusType, fmtDateTime, isMobile, navigate, scope,
             canIntake: can("demands.intake") };
  },
  template: `
    <div class="page demands-page">
      <div class="page-head">
        <h1 class="page-title">诉求办理</h1>
        <el-button v-if="canIntake" type="primary" @click="navigate('/demands/new')">登记诉求</el-button>
      </div>
      <p class="page-desc">{{ scope.orgName }}的群众诉求：受理、派单、办结、回访。<span v-if="ownOnly">您是网格员，只显示您负责网格的诉求和派给您的诉求。</span></p>
      <el-card shadow="never">
        <div class="toolbar demand-filters">
          <el-select v-model="filters.status" placeholder="全部状态" clearable @change="list.search()" class="filter-status" aria-label="状态">
            <el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" />
          </el-select>
          <el-select v-model="filters.grid" placeholder="全部网格" clearable filterable @change="list.search()" class="filter-grid" aria-label="网格">
            <el-option v-for="g in grids" :key="g.id" :label="g.org_name + ' ' + g.name" :value="String(g.id)" />
          </el-select>
          <el-select v-model="filters.category" placeholder="全部类别" clearable @change="list.search()" class="filter-category" aria-label="类别">
            <el-option v-for="c in cats" :key="c.code" :label="c.name" :value="c.code" />
          </el-select>
          <el-checkbox v-model="filters.overdue" @change="list.search()">只看超期</el-checkbox>
          <el-checkbox v-model="filters.mine" @change="list.search()">派给我的</el-checkbox>
        </div>
        <data-list :rows="list.rows.value" :columns="columns" :loading="list.loading.value" :row-class="rowClass" title="description" empty-text="没有符合条件的诉求">
          <template #number="{ row }"><app-link :to="'/demands/' + row.id">{{ row.number }}</app-link></template>
          <template #description="{ row }"><app-link :to="'/demands/' + row.id" class="demand-text">{{ row.description }}</app-link></template>
          <template #status_label="{ row }">
            <el-tag :type="statusType(row)" size="small">{{ row.status_label }}</el-tag>
            <el-tag v-if="row.overdue" type="danger" effect="dark" size="small" class="overdue-tag">超期</el-tag>
          </template>
          <template #due_at="{ row }">{{ fmtDateTime(row.due_at) }}</template>
        </data-list>
        <el-pagination v-if="list.total.value > list.size.value" class="pager" :layout="isMobile ? 'prev, pager, next' : 'total, prev, pager, next'"
                       :total="list.total.value" :page-size="list.size.value" v-model:current-page="list.page.value" @current-change="list.load()" />
        <p v-else class="form-hint">共 {{ list.total.value }} 件</p>
      </el-card>
    </div>`,
};
