// audit.js: 审计日志: the audit rows inside the current scope, newest first, with paging.
// Actions and object types show the zh-CN labels the server's modules give them (/api/meta);
// an action no module names shows its code.
import { api, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { fmtDateTime, fmtNumber } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
import { actionLabel, codeLabel } from "../lib/meta.js";
import { pagedList } from "../lib/paging.js";
const { watch, onMounted } = Vue;


// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/audit", title: "审计日志", perm: "audit.read", menu: { group: "系统", icon: "Tickets", order: 20 } }];

export default {
  name: "AuditPage",
  setup() {
    const list = pagedList((p) => api("GET", withQuery("/api/audit", { org: scope.orgId, ...p })));
    const { rows, total, page, size, loading, load } = list;
    watch(() => scope.orgId, list.search);
    onMounted(load);
    const actionName = actionLabel;
    const targetName = (r) => (r.target_type ? `${codeLabel("audit_target_type", r.target_type)} #${r.target_id}` : "—");
    return { rows, total, page, size, loading, load, actionName, targetName, fmtDateTime, fmtNumber, isMobile, scope };
  },
  template: `
    <div class="page">
      <div class="page-head"><h1 class="page-title">审计日志</h1></div>
      <p class="page-desc">{{ scope.orgName }}范围内的操作记录，共 {{ fmtNumber(total) }} 条，最新在前。记录不可修改。</p>
      <el-card shadow="never">
        <el-table :data="rows" v-loading="loading" stripe empty-text="暂无记录">
          <el-table-column label="时间" width="150"><template #default="{ row }">{{ fmtDateTime(row.at) }}</template></el-table-column>
          <el-table-column label="操作人" prop="username" min-width="100"><template #default="{ row }">{{ row.username || '—' }}</template></el-table-column>
          <el-table-column label="操作" min-width="120"><template #default="{ row }">{{ actionName(row.action) }}</template></el-table-column>
          <el-table-column label="对象" min-width="110" v-if="!isMobile"><template #default="{ row }">{{ targetName(row) }}</template></el-table-column>
          <el-table-column label="结果" width="80">
            <template #default="{ row }"><el-tag :type="row.result === 'ok' ? 'success' : 'danger'" size="small">{{ row.result === 'ok' ? '成功' : '失败' }}</el-tag></template>
          </el-table-column>
          <el-table-column label="来源" prop="source" min-width="170" v-if="!isMobile" />
          <el-table-column label="请求编号" prop="request_id" width="170" v-if="!isMobile" />
        </el-table>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
          @current-change="load" @size-change="load" background />
      </el-card>
    </div>`,
};
