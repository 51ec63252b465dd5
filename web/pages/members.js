// members.js: 党员 list of the current scope: search by name or pinyin initials ("zs" finds
// 张三), filters (category, status), paging, column settings kept in the browser, and the
// buttons for 新增, 导入 and 导出 (xlsx of the same filters). Rows open the member's page.
import { api, withQuery, download } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { STATUSES, CATEGORIES, genderLabel } from "../lib/codes.js";
import { isMobile } from "../lib/viewport.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

const COLUMNS = [
  { key: "gender", label: "性别", width: 64 },
  { key: "age", label: "年龄", width: 64 },
  { key: "org_name", label: "所在党组织", min: 200 },
  { key: "category_label", label: "党员类别", width: 130 },
  { key: "status_label", label: "党籍状态", width: 100 },
  { key: "joined_on", label: "入党日期", width: 110 },
  { key: "party_age", label: "党龄", width: 64 },
  { key: "phone", label: "联系电话", width: 130 },
  { key: "education", label: "学历", width: 100 },
  { key: "tags", label: "标签", min: 120 },
];
const DEFAULT_COLS = ["gender", "age", "org_name", "category_label", "status_label", "joined_on", "phone"];
const COLS_KEY = "dj.members.columns";

export default {
  name: "MembersPage",
  setup() {
    const q = route.query;
    const filters = reactive({ q: q.q || "", category: q.category || "", status: q.status || "" });
    const page = ref(Number(q.page) || 1);
    const size = ref(Number(q.size) || 20);
    const rows = ref([]);
    const total = ref(0);
    const loading = ref(false);
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(COLS_KEY) || "null");
    } catch {
      saved = null;
    }
    const cols = ref(Array.isArray(saved) ? saved : DEFAULT_COLS);
    watch(cols, (v) => localStorage.setItem(COLS_KEY, JSON.stringify(v)));
    const shown = computed(() => COLUMNS.filter((c) => cols.value.includes(c.key) && (!isMobile.value || c.key === "status_label")));
    const query = () => ({ org: scope.orgId, q: filters.q.trim(), category: filters.category, status: filters.status });
    async function load() {
      loading.value = true;
      setQuery({ q: filters.q.trim(), category: filters.category, status: filters.status,
                 page: page.value > 1 ? page.value : "", size: size.value !== 20 ? size.value : "" });
      try {
        const r = await api("GET", withQuery("/api/members", { ...query(), page: page.value, size: size.value }));
        rows.value = r.items;
        total.value = r.total;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    function search() {
      page.value = 1;
      load();
    }
    function reset() {
      Object.assign(filters, { q: "", category: "", status: "" });
      search();
    }
    watch(() => scope.orgId, search);
    onMounted(load);
    const exporting = ref(false);
    async function exportXlsx() {
      exporting.value = true;
      try {
        await download(withQuery("/api/members/export", query()), "党员名册.xlsx");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        exporting.value = false;
      }
    }
    const open = (row) => navigate(`/members/${row.id}`);
    const cell = (row, key) => {
      const v = row[key];
      if (key === "gender") return row.gender_label || genderLabel(v);
      if (key === "tags") return v && v.length ? v.join("、") : "—";
      return v === null || v === undefined || v === "" ? "—" : v;
    };
    return { filters, page, size, rows, total, loading, load, search, reset, cols, shown, COLUMNS,
             STATUSES, CATEGORIES, exporting, exportXlsx, open, cell, fmtNumber, isMobile, scope,
             canWrite: computed(() => can("members.write")), navigate };
  },
  template: `
    <div class="page members-page">
      <div class="page-head">
        <h1 class="page-title">党员</h1>
        <div class="head-actions">
          <el-button v-if="canWrite" type="primary" icon="Plus" @click="navigate('/members/new')">新增党员</el-button>
          <el-button v-if="canWrite" icon="Upload" @click="navigate('/members/import')">导入</el-button>
          <el-button icon="Download" :loading="exporting" @click="exportXlsx" class="export-btn">导出</el-button>
        </div>
      </div>
      <p class="page-desc">{{ scope.orgName }}及下级组织的党员，共 {{ fmtNumber(total) }} 人。</p>
      <el-card shadow="never">
        <el-form :inline="!isMobile" class="filters" @submit.prevent="search">
          <el-form-item label="姓名">
            <el-input v-model="filters.q" name="q" placeholder="姓名或拼音首字母，如 zs" clearable prefix-icon="Search" @clear="search" />
          </el-form-item>
          <el-form-item label="党员类别">
            <el-select v-model="filters.category" placeholder="全部" clearable style="width: 160px" @change="search">
              <el-option v-for="c in CATEGORIES" :key="c.value" :label="c.label" :value="c.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="党籍状态">
            <el-select v-model="filters.status" placeholder="全部" clearable style="width: 130px" @change="search">
              <el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" />
            </el-select>
          </el-form-item>
          <el-form-item>
            <el-button type="primary" native-type="submit" icon="Search">查询</el-button>
            <el-button @click="reset">重置</el-button>
            <el-popover v-if="!isMobile" placement="bottom-end" :width="200" trigger="click">
              <template #reference><el-button icon="Setting" aria-label="列设置">列设置</el-button></template>
              <el-checkbox-group v-model="cols" class="col-settings">
                <el-checkbox v-for="c in COLUMNS" :key="c.key" :value="c.key">{{ c.label }}</el-checkbox>
              </el-checkbox-group>
            </el-popover>
          </el-form-item>
        </el-form>
        <el-table :data="rows" v-loading="loading" stripe @row-click="open" class="click-rows" empty-text="没有符合条件的党员">
          <el-table-column label="姓名" min-width="90" fixed>
            <template #default="{ row }">
              <app-link :to="'/members/' + row.id" class="link">{{ row.name }}</app-link>
              <div v-if="isMobile" class="row-sub">{{ [row.gender_label, row.age !== null ? row.age + '岁' : '', row.category_label].filter(Boolean).join(' · ') }}</div>
            </template>
          </el-table-column>
          <el-table-column v-for="c in shown" :key="c.key" :label="c.label" :width="c.width" :min-width="c.min">
            <template #default="{ row }">{{ cell(row, c.key) }}</template>
          </el-table-column>
        </el-table>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
          :pager-count="isMobile ? 5 : 7" @current-change="load" @size-change="search" background />
      </el-card>
    </div>`,
};
