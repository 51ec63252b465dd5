// audit.js: 审计日志: the audit rows inside the current scope, newest first, with paging; a
// table on a wide screen, cards on a phone (components/data-list.js). Actions and object types
// show the zh-CN labels the server's modules give them (/api/meta), the object its name and the
// source its words (source_label; the route or command itself in the tooltip); an action no
// module names shows its code. 导出 gives an auditor the rows of a date range as Excel.
import { api, withQuery, download } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { fmtDateTime, fmtNumber } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
import { actionLabel, codeLabel } from "../lib/meta.js";
import { pagedList } from "../lib/paging.js";
import DataList from "../components/data-list.js";
const { ref, watch, onMounted } = Vue;

const COLUMNS = [
  { key: "at", label: "时间", width: 150 },
  { key: "username", label: "操作人", min: 100 },
  { key: "action", label: "操作", min: 120 },
  { key: "target", label: "对象", min: 140 },
  { key: "result", label: "结果", width: 80 },
  { key: "source", label: "来源", min: 150 },
  { key: "request_id", label: "请求编号", width: 170, phone: false },
];


// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/audit", title: "审计日志", perm: "audit.read", menu: { group: "系统", icon: "Tickets", order: 20 } }];

export default {
  name: "AuditPage",
  components: { DataList },
  setup() {
    const list = pagedList((p) => api("GET", withQuery("/api/audit", { org: scope.orgId, ...p })));
    const { rows, total, page, size, loading, load } = list;
    watch(() => scope.orgId, list.search);
    onMounted(load);
    const actionName = actionLabel;
    const range = ref(null); // [from, to] as YYYY-MM-DD, or null: everything
    const exporting = ref(false);
    async function exportXlsx() {
      exporting.value = true;
      try {
        const [from, to] = range.value || [];
        await download(withQuery("/api/audit/export", { org: scope.orgId, from, to }), "审计日志.xlsx");
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        exporting.value = false;
      }
    }
    // 账号 张三（zhangsan）; the number only when the object is gone.
    const targetName = (r) => (r.target_type ? `${codeLabel("audit_target_type", r.target_type)} ${r.target_name || "#" + r.target_id}` : "—");
    return { rows, total, page, size, loading, load, actionName, targetName, fmtDateTime, fmtNumber, isMobile, scope, COLUMNS, range, exporting, exportXlsx };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h1 class="page-title">审计日志</h1>
        <div class="audit-export">
          <el-date-picker v-model="range" type="daterange" value-format="YYYY-MM-DD" unlink-panels
            start-placeholder="起始日期" end-placeholder="截止日期" range-separator="至" class="audit-range" />
          <el-button icon="Download" :loading="exporting" @click="exportXlsx" class="export-btn">导出 Excel</el-button>
        </div>
      </div>
      <p class="page-desc">{{ scope.orgName }}范围内的操作记录，共 {{ fmtNumber(total) }} 条，最新在前。记录不可修改。</p>
      <el-card shadow="never">
        <data-list :rows="rows" :columns="COLUMNS" :loading="loading" title="action" empty-text="暂无记录" class="audit-list">
          <template #at="{ row }">{{ fmtDateTime(row.at) }}</template>
          <template #action="{ row }">{{ actionName(row.action) }}</template>
          <template #target="{ row }">{{ targetName(row) }}</template>
          <template #result="{ row }"><el-tag :type="row.result === 'ok' ? 'success' : 'danger'" size="small">{{ row.result === 'ok' ? '成功' : '失败' }}</el-tag></template>
          <template #source="{ row }"><span :title="row.source">{{ row.source_label || row.source }}</span></template>
        </data-list>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
          @current-change="load" @size-change="load" background />
      </el-card>
    </div>`,
};
