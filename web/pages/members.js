// members.js: 党员 list of the current scope: search by name or pinyin initials ("zs" finds
// 张三), filters (category, status, tag, age range), columns sorted by the server (?sort=),
// paging, column settings kept in the browser, and the buttons for 新增, 导入 and 导出 (xlsx of
// the same filters and order). On a phone the filters other than the name fold under 筛选.
// Rows open the member's page.
import { api, withQuery, download } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { genderLabel } from "../lib/codes.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

// sort: the API's sort value for {ascending, descending} of a sortable column.
const COLUMNS = [
  { key: "gender", label: "性别", width: 64 },
  { key: "age", label: "年龄", width: 80, sort: { ascending: "-birth_date", descending: "birth_date" } },
  { key: "org_name", label: "所在党组织", min: 200 },
  { key: "group_name", label: "党小组", width: 120 },
  { key: "category_label", label: "党员类别", width: 130 },
  { key: "status_label", label: "党籍状态", width: 100 },
  { key: "joined_on", label: "入党日期", width: 116, sort: { ascending: "joined_on", descending: "-joined_on" } },
  { key: "party_age", label: "党龄", width: 80, sort: { ascending: "-joined_on", descending: "joined_on" } },
  { key: "phone", label: "手机号码", width: 130 },
  { key: "education", label: "学历", width: 100 },
  { key: "tags", label: "标签", min: 120 },
];
const DEFAULT_COLS = ["gender", "age", "org_name", "category_label", "status_label", "joined_on", "phone"];
const COLS_KEY = "dj.members.columns";
const NAME_SORT = { ascending: "name", descending: "-name" };
const SORTS = [ // the same orders for the phone, where headers are few
  { value: "name", label: "姓名" },
  { value: "-birth_date", label: "年龄从小到大" },
  { value: "birth_date", label: "年龄从大到小" },
  { value: "joined_on", label: "入党日期从早到晚" },
  { value: "-joined_on", label: "入党日期从晚到早" },
];
const num = (v) => (v === undefined || v === null || v === "" || Number.isNaN(Number(v)) ? null : Number(v));

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/members", title: "党员", perm: "members.read", menu: { group: "党员与组织", icon: "User", order: 10 } }];

export default {
  name: "MembersPage",
  setup() {
    const q = route.query;
    const STATUSES = options("member_status");
    const CATEGORIES = options("member_category");
    // 党籍状态 defaults to 在册 (预备+正式, as the dashboard counts); "all" includes members who
    // died, left or are suspended. The address bar keeps only a choice other than the default.
    const filters = reactive({ q: q.q || "", category: q.category || "", status: q.status || "current", tag: q.tag || "",
                               age_min: num(q.age_min), age_max: num(q.age_max) });
    const sort = ref(q.sort || "");
    const more = ref(false); // the phone's folded filters
    // The header showing the current order (el-table's default-sort).
    const sortedBy = computed(() => {
      if (!sort.value) return {};
      if (NAME_SORT.ascending === sort.value) return { prop: "name", order: "ascending" };
      if (NAME_SORT.descending === sort.value) return { prop: "name", order: "descending" };
      for (const c of COLUMNS) {
        if (!c.sort) continue;
        for (const order of ["ascending", "descending"]) if (c.sort[order] === sort.value) return { prop: c.key, order };
      }
      return {};
    });
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(COLS_KEY) || "null");
    } catch {
      saved = null;
    }
    const cols = ref(Array.isArray(saved) ? saved : DEFAULT_COLS);
    watch(cols, (v) => localStorage.setItem(COLS_KEY, JSON.stringify(v)));
    const shown = computed(() => COLUMNS.filter((c) => cols.value.includes(c.key) && (!isMobile.value || c.key === "status_label")));
    const query = () => ({ org: scope.orgId, q: filters.q.trim(), category: filters.category,
                           status: filters.status === "all" ? "" : filters.status,
                           tag: filters.tag.trim(), age_min: filters.age_min, age_max: filters.age_max, sort: sort.value });
    const statusText = computed(() => ({ current: "在册党员", all: "全部党员（含已故、出党等）" }[filters.status]
      || ((STATUSES.find((x) => x.value === filters.status) || {}).label || "党员")));
    const active = computed(() => [filters.category, filters.status === "current" ? "" : filters.status, filters.tag.trim(),
                                   filters.age_min, filters.age_max, sort.value]
      .filter((v) => v !== "" && v !== null).length);
    // The filters, page and size (other than the defaults) are kept in the address bar.
    const list = pagedList((p) => {
      const { org, ...shown } = query();
      shown.status = filters.status === "current" ? "" : filters.status;
      setQuery({ ...shown, page: p.page > 1 ? p.page : "", size: p.size !== 20 ? p.size : "" });
      return api("GET", withQuery("/api/members", { ...query(), ...p }));
    }, { page: Number(q.page) || 1, size: Number(q.size) || 20 });
    const { rows, total, page, size, loading, load, search } = list;
    function reset() {
      Object.assign(filters, { q: "", category: "", status: "current", tag: "", age_min: null, age_max: null });
      sort.value = "";
      search();
    }
    function onSort({ prop, order }) {
      const c = prop === "name" ? { sort: NAME_SORT } : COLUMNS.find((x) => x.key === prop);
      sort.value = order && c && c.sort ? c.sort[order] : "";
      search();
    }
    watch(() => scope.orgId, search);
    onMounted(load);
    const exporting = ref(false);
    // full: with whole ID numbers, phones and addresses (members.reveal_pii; audited), the
    // file the importer takes back unchanged.
    async function exportXlsx(full) {
      if (full === true) {
        try {
          await ElementPlus.ElMessageBox.confirm("导出的名册将包含完整的身份证号、手机号码和住址，此操作会记入审计日志。请妥善保管文件。",
            "导出完整信息", { confirmButtonText: "导出", cancelButtonText: "取消", type: "warning" });
        } catch { return; }
      }
      exporting.value = true;
      try {
        const q = full === true ? { ...query(), reveal: "id_number,phone,address" } : query();
        await download(withQuery("/api/members/export", q), full === true ? "党员名册（完整信息）.xlsx" : "党员名册.xlsx");
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
      if (key === "org_name" && row.group_name) return `${v} · ${row.group_name}`; // 党小组
      return v === null || v === undefined || v === "" ? "—" : v;
    };
    return { filters, statusText, sort, sortedBy, onSort, more, active, SORTS, page, size, rows, total, loading, load, search, reset, cols, shown, COLUMNS,
             STATUSES, CATEGORIES, exporting, exportXlsx, open, cell, fmtNumber, isMobile, scope,
             canWrite: computed(() => can("members.write")), canReveal: computed(() => can("members.reveal_pii")), navigate };
  },
  template: `
    <div class="page members-page">
      <div class="page-head">
        <h1 class="page-title">党员</h1>
        <div class="head-actions">
          <el-button v-if="canWrite" type="primary" icon="Plus" @click="navigate('/members/new')">新增党员</el-button>
          <el-button v-if="canWrite" icon="Upload" @click="navigate('/members/import')">导入</el-button>
          <el-dropdown v-if="canReveal" split-button :disabled="exporting" @click="exportXlsx(false)" @command="exportXlsx(true)" class="export-btn">
            导出
            <template #dropdown><el-dropdown-menu><el-dropdown-item command="full" class="export-full">导出完整信息（含身份证号，可再导入）</el-dropdown-item></el-dropdown-menu></template>
          </el-dropdown>
          <el-button v-else icon="Download" :loading="exporting" @click="exportXlsx(false)" class="export-btn">导出</el-button>
        </div>
      </div>
      <p class="page-desc">{{ scope.orgName }}及下级组织的{{ statusText }}，共 {{ fmtNumber(total) }} 人。</p>
      <el-card shadow="never">
        <el-form :inline="!isMobile" class="filters" :class="{ 'filters-phone': isMobile }" @submit.prevent="search">
          <el-form-item label="姓名" class="filter-q">
            <div class="filter-q-row">
              <el-input v-model="filters.q" name="q" :placeholder="isMobile ? '姓名或拼音首字母' : '姓名或拼音首字母，如 zs'" clearable prefix-icon="Search" @clear="search" />
              <el-button v-if="isMobile" class="more-filters" :type="active ? 'primary' : ''" plain icon="Filter" @click="more = !more">
                筛选<template v-if="active">（{{ active }}）</template>
              </el-button>
            </div>
          </el-form-item>
          <template v-if="!isMobile || more">
          <el-form-item label="党员类别">
            <el-select v-model="filters.category" placeholder="全部" clearable style="width: 160px" @change="search">
              <el-option v-for="c in CATEGORIES" :key="c.value" :label="c.label" :value="c.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="党籍状态">
            <el-select v-model="filters.status" style="width: 150px" @change="search">
              <el-option value="current" label="在册党员" />
              <el-option value="all" label="全部（含已故等）" />
              <el-option v-for="s in STATUSES" :key="s.value" :label="s.label" :value="s.value" />
            </el-select>
          </el-form-item>
          <el-form-item label="标签">
            <el-input v-model="filters.tag" name="tag" placeholder="如 退役军人" clearable style="width: 140px" maxlength="20" @clear="search" />
          </el-form-item>
          <el-form-item label="年龄" class="filter-age">
            <div class="age-range">
              <el-input-number v-model="filters.age_min" name="age_min" :min="0" :max="150" :controls="false" placeholder="最小" aria-label="最小年龄" />
              <span class="age-sep">至</span>
              <el-input-number v-model="filters.age_max" name="age_max" :min="0" :max="150" :controls="false" placeholder="最大" aria-label="最大年龄" />
              <span class="age-sep">岁</span>
            </div>
          </el-form-item>
          <el-form-item v-if="isMobile" label="排序">
            <el-select v-model="sort" placeholder="默认（登记顺序）" clearable @change="search" class="sort-select">
              <el-option v-for="o in SORTS" :key="o.value" :label="o.label" :value="o.value" />
            </el-select>
          </el-form-item>
          </template>
          <el-form-item class="filter-actions">
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
        <el-table :data="rows" v-loading="loading" stripe @row-click="open" class="click-rows" empty-text="没有符合条件的党员"
                  :default-sort="sortedBy" @sort-change="onSort">
          <el-table-column label="姓名" prop="name" min-width="90" fixed sortable="custom" :sort-orders="['ascending', 'descending', null]">
            <template #default="{ row }">
              <app-link :to="'/members/' + row.id" class="link">{{ row.name }}</app-link>
              <el-tag v-for="f in row.findings || []" :key="f.rule_id" type="warning" size="small" class="finding-tag" :title="f.message">预备期已满</el-tag>
              <div v-if="isMobile" class="row-sub">{{ [row.gender_label, row.age !== null ? row.age + '岁' : '', row.category_label].filter(Boolean).join(' · ') }}</div>
            </template>
          </el-table-column>
          <el-table-column v-for="c in shown" :key="c.key" :prop="c.key" :label="c.label" :width="c.width" :min-width="c.min"
                           :sortable="c.sort ? 'custom' : false" :class-name="c.sort ? 'col-' + c.key : ''">
            <template #default="{ row }">{{ cell(row, c.key) }}</template>
          </el-table-column>
        </el-table>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
          :pager-count="isMobile ? 5 : 7" @current-change="load" @size-change="search" background />
      </el-card>
    </div>`,
};
