// grids.js: 群众诉求 → 网格: the grids of the current scope (网格 → 楼栋 → 户 of each community)
// with their 网格员 and counts (楼栋, 户, 居民, 办理中诉求), a grid's households in a drawer, and
// for org admins 新建网格 and 设置网格员 (accounts holding the 网格员 role at the community or
// above). A 网格员 sees only their own grids.
import { api, withQuery, loadWith } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
import DataList from "../components/data-list.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

export const routes = [{ path: "/grids", title: "网格", perm: "grids.read", menu: { group: "服务群众", icon: "Grid", order: 20 } }];

const COLUMNS = [
  { key: "name", label: "网格", width: 120 },
  { key: "org_name", label: "社区", min: 180 },
  { key: "workers", label: "网格员", min: 140 },
  { key: "buildings", label: "楼栋", width: 70 },
  { key: "households", label: "户", width: 80 },
  { key: "residents", label: "居民", width: 80 },
  { key: "open_demands", label: "办理中诉求", width: 100 },
  { key: "ops", label: "", width: 190, phone: "actions" },
];
const HH_COLUMNS = [
  { key: "building", label: "楼栋", width: 90 }, { key: "unit", label: "单元", width: 80 }, { key: "room", label: "房号", width: 80 },
  { key: "head_name", label: "户主", width: 100 }, { key: "residents", label: "人数", min: 70 },
];

export default {
  name: "GridsPage",
  components: { DataList },
  setup() {
    const items = ref([]);
    const ownOnly = ref(false);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/grids", { org: scope.orgId })));
      if (r) [items.value, ownOnly.value] = [r.items, r.own_grids_only];
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    const canWrite = computed(() => can("grids.write"));
    const communities = computed(() => {
      const m = new Map();
      for (const g of items.value) m.set(g.org_id, g.org_name);
      return [...m].map(([id, name]) => ({ id, name }));
    });
    // 户 drawer
    const hh = reactive({ open: false, grid: null, rows: [], total: 0, page: 1, loading: false });
    async function households(g, page = 1) {
      Object.assign(hh, { open: true, grid: g, page });
      const r = await loadWith({ set value(v) { hh.loading = v; } }, () => api("GET", withQuery(`/api/grids/${g.id}/households`, { page, size: 20 })));
      if (r) [hh.rows, hh.total] = [r.items, r.total];
    }
    // 新建网格
    const create = reactive({ open: false, org_id: null, name: "", note: "" });
    const cErrs = fieldErrors();
    const busy = ref(false);
    async function saveCreate() {
      const ok = await submitForm({ busy, errs: cErrs, fields: ["org_id", "name", "note"] }, async () => {
        await api("POST", "/api/grids", { org_id: create.org_id || undefined, name: create.name, note: create.note || undefined });
        ElementPlus.ElMessage.success("已新建网格");
      });
      if (ok) { create.open = false; load(); }
    }
    // 设置网格员
    const workers = reactive({ open: false, grid: null, ids: [], choices: [] });
    const wErrs = fieldErrors();
    async function editWorkers(g) {
      Object.assign(workers, { open: true, grid: g, ids: g.workers.map((w) => w.user_id) });
      try { workers.choices = (await api("GET", withQuery("/api/grids/worker-accounts", { org: g.org_id }))).items; } catch (e) { ElementPlus.ElMessage.error(e.message); }
    }
    async function saveWorkers() {
      const ok = await submitForm({ busy, errs: wErrs, fields: ["workers"] }, async () => {
        await api("PUT", `/api/grids/${workers.grid.id}/workers`, { workers: workers.ids.map((user_id) => ({ user_id })) });
        ElementPlus.ElMessage.success("已设置网格员");
      });
      if (ok) { workers.open = false; load(); }
    }
    const totals = computed(() => items.value.reduce((t, g) => ({ households: t.households + g.households, residents: t.residents + g.residents }), { households: 0, residents: 0 }));
    return { items, ownOnly, loading, columns: COLUMNS, hhColumns: HH_COLUMNS, canWrite, communities, hh, households, create, cErrs, busy,
             saveCreate, workers, wErrs, editWorkers, saveWorkers, totals, isMobile, scope };
  },
  template: `
    <div class="page grids-page">
      <div class="page-head">
        <h1 class="page-title">网格</h1>
        <el-button v-if="canWrite" type="primary" @click="create.open = true">新建网格</el-button>
      </div>
      <p class="page-desc">{{ scope.orgName }}：{{ items.length }} 个网格，{{ totals.households }} 户，{{ totals.residents }} 名居民。<span v-if="ownOnly">只显示您负责的网格。</span></p>
      <el-card shadow="never">
        <data-list :rows="items" :columns="columns" :loading="loading" title="name" empty-text="没有网格">
          <template #name="{ row }">{{ row.name }}</template>
          <template #workers="{ row }">
            <span v-if="row.workers.length">{{ row.workers.map((w) => w.name).join('、') }}</span>
            <el-tag v-else type="warning" size="small">未配备网格员</el-tag>
          </template>
          <template #ops="{ row }">
            <el-button size="small" @click="households(row)">户</el-button>
            <el-button v-if="canWrite" size="small" @click="editWorkers(row)">设置网格员</el-button>
          </template>
        </data-list>
      </el-card>
      <el-drawer v-model="hh.open" :title="hh.grid ? hh.grid.org_name + ' ' + hh.grid.name + ' 的户' : ''" :size="isMobile ? '100%' : '640px'">
        <data-list :rows="hh.rows" :columns="hhColumns" :loading="hh.loading" title="room" size="small" empty-text="没有户" />
        <el-pagination v-if="hh.total > 20" class="pager" layout="prev, pager, next" :total="hh.total" :page-size="20"
                       :current-page="hh.page" @current-change="(p) => households(hh.grid, p)" />
      </el-drawer>
      <el-dialog v-model="create.open" title="新建网格" :width="isMobile ? '94%' : '440px'" append-to-body>
        <el-form label-position="top" @submit.prevent="saveCreate">
          <el-form-item label="社区" required :error="cErrs.org_id">
            <el-select v-model="create.org_id" placeholder="请选择社区" class="w-full">
              <el-option v-for="c in communities" :key="c.id" :label="c.name" :value="c.id" />
            </el-select>
          </el-form-item>
          <el-form-item label="网格名称" required :error="cErrs.name"><el-input v-model="create.name" maxlength="40" placeholder="例如：第9网格" /></el-form-item>
          <el-form-item label="说明" :error="cErrs.note"><el-input v-model="create.note" maxlength="200" placeholder="覆盖范围，例如：3号楼至6号楼" /></el-form-item>
        </el-form>
        <template #footer><el-button @click="create.open = false">取消</el-button><el-button type="primary" :loading="busy" @click="saveCreate">保存</el-button></template>
      </el-dialog>
      <el-dialog v-model="workers.open" :title="workers.grid ? '设置网格员：' + workers.grid.name : ''" :width="isMobile ? '94%' : '440px'" append-to-body>
        <el-form label-position="top" @submit.prevent="saveWorkers">
          <el-form-item label="网格员" :error="wErrs.workers">
            <el-select v-model="workers.ids" multiple filterable placeholder="选择网格员账号" class="w-full">
              <el-option v-for="a in workers.choices" :key="a.user_id" :label="a.name + '（' + a.org_name + '）'" :value="a.user_id" />
            </el-select>
          </el-form-item>
          <p class="form-hint">只能选择在本社区或上级组织有“网格员”角色的账号。</p>
        </el-form>
        <template #footer><el-button @click="workers.open = false">取消</el-button><el-button type="primary" :loading="busy" @click="saveWorkers">保存</el-button></template>
      </el-dialog>
    </div>`,
};
