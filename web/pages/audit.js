// audit.js: 审计日志: the audit rows inside the current scope, newest first, with paging.
// Known actions are shown by their zh-CN names; a new action shows its code until named here.
import { api, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { fmtDateTime, fmtNumber } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
const { ref, watch, onMounted } = Vue;

const ACTIONS = {
  "session.login": "登录",
  "session.logout": "退出登录",
  "user.create": "创建账号",
  "user.update": "修改账号",
  "user.disable": "停用账号",
  "user.enable": "启用账号",
  "user.password_change": "修改密码",
  "user.password_reset": "重置密码",
  "grant.add": "增加授权",
  "grant.remove": "撤销授权",
  "member.create": "新增党员",
  "member.update": "修改党员信息",
  "member.reveal": "查看完整个人信息",
  "member.import": "导入党员",
  "member.export": "导出党员",
};
const TARGETS = { user: "账号", member: "党员", org: "组织", person: "人员" };

export default {
  name: "AuditPage",
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const size = ref(20);
    const loading = ref(false);
    async function load() {
      loading.value = true;
      try {
        const r = await api("GET", withQuery("/api/audit", { org: scope.orgId, page: page.value, size: size.value }));
        rows.value = r.items;
        total.value = r.total;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    watch(() => scope.orgId, () => { page.value = 1; load(); });
    onMounted(load);
    const actionName = (a) => ACTIONS[a] || a;
    const targetName = (r) => (r.target_type ? `${TARGETS[r.target_type] || r.target_type} #${r.target_id}` : "—");
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
