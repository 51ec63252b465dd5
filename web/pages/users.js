// users.js: 账号管理: the accounts inside the current scope, creating an account (initial
// password, must be changed at first login), and per account: rename, disable/enable, reset
// the password, add and revoke grants. Field errors from the server show on their fields.
import { api, withQuery } from "../lib/api.js";
import { scope, session } from "../lib/session.js";
import { fmtDateTime, fmtNumber } from "../lib/format.js";
import { fieldErrors, clearErrors, submitForm } from "../lib/forms.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { pagedList } from "../lib/paging.js";
import OrgSelect from "../components/org-select.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/users", title: "账号管理", perm: "users.manage", menu: { group: "系统", icon: "UserFilled", order: 10 } }];

export default {
  name: "UsersPage",
  components: { OrgSelect },
  setup() {
    // Only the roles this user may hand out (the server refuses the others with 403).
    const ROLES = computed(() => options("role").filter((r) => session.grantable_roles.includes(r.value)));
    const list = pagedList((p) => api("GET", withQuery("/api/users", { org: scope.orgId, ...p })));
    const { rows, total, page, size, loading, load } = list;
    watch(() => scope.orgId, list.search);
    onMounted(load);

    // Create
    const createOpen = ref(false);
    const nu = reactive({ username: "", display_name: "", password: "", role: "member", org_id: null, person_id: null });
    // 关联党员: the person the account belongs to, found by name in the roster (its 我的).
    const people = ref([]);
    const peopleLoading = ref(false);
    async function findPeople(q) {
      if (!q) { people.value = []; return; }
      peopleLoading.value = true;
      try {
        const r = await api("GET", withQuery("/api/members", { q, status: "current", size: 20 }));
        people.value = r.items.map((m) => ({ value: m.person_id, label: `${m.name}（${m.org_name}）`, name: m.name }));
      } catch (e) {
        people.value = [];
      } finally {
        peopleLoading.value = false;
      }
    }
    function pickPerson(pid) {
      const p = people.value.find((x) => x.value === pid);
      if (p && !nu.display_name) nu.display_name = p.name;
    }
    const nuErrs = fieldErrors();
    const busy = ref(false);
    function openCreate() {
      Object.assign(nu, { username: "", display_name: "", password: "", role: "member", org_id: scope.orgId, person_id: null });
      people.value = [];
      clearErrors(nuErrs);
      createOpen.value = true;
    }
    async function create() {
      await submitForm({ busy, errs: nuErrs, fields: ["username", "display_name", "password", "role", "org_id", "person_id"] }, async () => {
        const body = { ...nu };
        if (!body.person_id) delete body.person_id;
        await api("POST", "/api/users", body);
        ElementPlus.ElMessage.success(`账号 ${nu.username} 已创建，首次登录须修改密码`);
        createOpen.value = false;
        load();
      });
    }

    // Detail drawer
    const cur = ref(null);
    const edit = reactive({ display_name: "" });
    const grant = reactive({ role: "member", org_id: null });
    const grantErrs = fieldErrors();
    async function open(row) {
      try {
        cur.value = await api("GET", `/api/users/${row.id}`);
        edit.display_name = cur.value.display_name;
        Object.assign(grant, { role: "member", org_id: scope.orgId });
        clearErrors(grantErrs);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function refresh() {
      cur.value = await api("GET", `/api/users/${cur.value.id}`);
      load();
    }
    async function patch(body, done) {
      try {
        await api("PATCH", `/api/users/${cur.value.id}`, body);
        ElementPlus.ElMessage.success(done);
        await refresh();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function toggle() {
      const disable = cur.value.status === "active";
      if (disable) {
        try {
          await ElementPlus.ElMessageBox.confirm(`停用后 ${cur.value.username} 将无法登录，确定停用吗？`, "停用账号", { type: "warning", confirmButtonText: "停用", cancelButtonText: "取消" });
        } catch {
          return;
        }
      }
      patch({ status: disable ? "disabled" : "active" }, disable ? "账号已停用" : "账号已启用");
    }
    async function resetPassword() {
      let value;
      try {
        ({ value } = await ElementPlus.ElMessageBox.prompt(`为 ${cur.value.username} 设置新的初始密码（至少 10 个字符，含大写字母、小写字母、数字、符号中的三类），对方下次登录须修改。`, "重置密码", {
          confirmButtonText: "重置", cancelButtonText: "取消", inputType: "password",
          inputValidator: (v) => (v && v.length >= 10) || "密码至少 10 个字符",
        }));
      } catch {
        return;
      }
      try {
        await api("POST", `/api/users/${cur.value.id}/password`, { new_password: value });
        ElementPlus.ElMessage.success("密码已重置，下次登录须修改");
        await refresh();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function addGrant() {
      await submitForm({ errs: grantErrs, fields: ["role", "org_id"] }, async () => {
        await api("POST", `/api/users/${cur.value.id}/grants`, grant);
        ElementPlus.ElMessage.success("授权已增加");
        await refresh();
      });
    }
    async function revoke(g) {
      try {
        await ElementPlus.ElMessageBox.confirm(`撤销“${g.role_label}（${g.org_name}）”授权？`, "撤销授权", { type: "warning", confirmButtonText: "撤销", cancelButtonText: "取消" });
      } catch {
        return;
      }
      try {
        await api("DELETE", `/api/users/${cur.value.id}/grants/${g.id}`);
        ElementPlus.ElMessage.success("授权已撤销");
        await refresh();
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    return { rows, total, page, size, loading, load, createOpen, nu, nuErrs, busy, openCreate, create, people, peopleLoading, findPeople, pickPerson,
             cur, edit, grant, grantErrs, open, patch, toggle, resetPassword, addGrant, revoke,
             ROLES, fmtDateTime, fmtNumber, isMobile, scope };
  },
  template: `
    <div class="page">
      <div class="page-head">
        <h1 class="page-title">账号管理</h1>
        <el-button type="primary" icon="Plus" @click="openCreate">新建账号</el-button>
      </div>
      <p class="page-desc">{{ scope.orgName }}及下级组织的登录账号，共 {{ fmtNumber(total) }} 个。</p>
      <el-card shadow="never">
        <el-table :data="rows" v-loading="loading" stripe @row-click="open" class="click-rows" empty-text="暂无账号">
          <el-table-column prop="username" label="用户名" min-width="110" />
          <el-table-column prop="display_name" label="姓名" min-width="120" />
          <el-table-column label="角色与组织" min-width="260" v-if="!isMobile">
            <template #default="{ row }">
              <el-tag v-for="g in row.grants" :key="g.id" class="grant-tag" size="small" effect="plain">{{ g.role_label }} · {{ g.org_name }}</el-tag>
            </template>
          </el-table-column>
          <el-table-column label="状态" width="90">
            <template #default="{ row }">
              <el-tag :type="row.status === 'active' ? 'success' : 'info'" size="small">{{ row.status === 'active' ? '正常' : '已停用' }}</el-tag>
              <el-tag v-if="row.must_change_password" type="warning" size="small" class="grant-tag">待改密</el-tag>
            </template>
          </el-table-column>
          <el-table-column label="最近登录" width="150" v-if="!isMobile">
            <template #default="{ row }">{{ row.last_login_at ? fmtDateTime(row.last_login_at) : '从未登录' }}</template>
          </el-table-column>
        </el-table>
        <el-pagination class="pager" v-model:current-page="page" v-model:page-size="size" :total="total"
          :page-sizes="[20, 50, 100]" :layout="isMobile ? 'prev, pager, next' : 'total, sizes, prev, pager, next, jumper'"
          @current-change="load" @size-change="load" background />
      </el-card>

      <el-dialog v-model="createOpen" title="新建账号" :width="isMobile ? '94%' : '480px'">
        <el-form label-position="top" @submit.prevent="create">
          <el-form-item label="用户名" :error="nuErrs.username" required><el-input v-model="nu.username" name="username" placeholder="3–64 个字符，登录用" /></el-form-item>
          <el-form-item label="姓名" :error="nuErrs.display_name" required><el-input v-model="nu.display_name" name="display_name" /></el-form-item>
          <el-form-item label="初始密码" :error="nuErrs.password" required>
            <el-input v-model="nu.password" type="password" show-password name="password" autocomplete="new-password" />
            <div class="form-hint">至少 10 个字符，含大写字母、小写字母、数字、符号中的三类，不能是常见密码；对方首次登录时须修改</div>
          </el-form-item>
          <el-form-item label="角色" :error="nuErrs.role" required>
            <el-select v-model="nu.role" style="width: 100%"><el-option v-for="r in ROLES" :key="r.value" :label="r.label" :value="r.value" /></el-select>
          </el-form-item>
          <el-form-item label="授权组织" :error="nuErrs.org_id" required><org-select v-model="nu.org_id" /></el-form-item>
          <el-form-item label="关联党员" :error="nuErrs.person_id">
            <el-select v-model="nu.person_id" filterable remote clearable :remote-method="findPeople" :loading="peopleLoading"
                       placeholder="输入姓名或拼音首字母，在党员名册中查找" style="width: 100%" class="person-select" @change="pickPerson">
              <el-option v-for="p in people" :key="p.value" :label="p.label" :value="p.value" />
            </el-select>
            <div class="form-hint">党员本人的账号请关联其党员档案，登录后“我的”才会显示本人信息</div>
          </el-form-item>
          <div class="form-actions">
            <el-button @click="createOpen = false">取消</el-button>
            <el-button type="primary" native-type="submit" :loading="busy">创建</el-button>
          </div>
        </el-form>
      </el-dialog>

      <el-drawer :model-value="!!cur" @update:model-value="(v) => { if (!v) cur = null }" :size="isMobile ? '100%' : '520px'" :title="cur ? '账号：' + cur.username : ''">
        <template v-if="cur">
          <el-descriptions :column="1" border size="small">
            <el-descriptions-item label="用户名">{{ cur.username }}</el-descriptions-item>
            <el-descriptions-item label="状态">{{ cur.status === 'active' ? '正常' : '已停用' }}{{ cur.must_change_password ? '（下次登录须修改密码）' : '' }}</el-descriptions-item>
            <el-descriptions-item label="创建时间">{{ fmtDateTime(cur.created_at) }}</el-descriptions-item>
            <el-descriptions-item label="最近登录">{{ cur.last_login_at ? fmtDateTime(cur.last_login_at) : '从未登录' }}</el-descriptions-item>
          </el-descriptions>
          <h3 class="section-title">姓名</h3>
          <div class="inline-form">
            <el-input v-model="edit.display_name" name="edit_display_name" />
            <el-button @click="patch({ display_name: edit.display_name }, '姓名已保存')">保存</el-button>
          </div>
          <h3 class="section-title">授权</h3>
          <el-table :data="cur.grants" size="small" empty-text="没有授权">
            <el-table-column prop="role_label" label="角色" width="120" />
            <el-table-column prop="org_name" label="组织" />
            <el-table-column label="" width="70">
              <template #default="{ row }"><el-button link type="danger" @click="revoke(row)">撤销</el-button></template>
            </el-table-column>
          </el-table>
          <el-form label-position="top" class="grant-form" @submit.prevent="addGrant">
            <el-form-item label="角色" :error="grantErrs.role">
              <el-select v-model="grant.role" style="width: 100%"><el-option v-for="r in ROLES" :key="r.value" :label="r.label" :value="r.value" /></el-select>
            </el-form-item>
            <el-form-item label="组织" :error="grantErrs.org_id"><org-select v-model="grant.org_id" /></el-form-item>
            <el-button native-type="submit" icon="Plus">增加授权</el-button>
          </el-form>
          <h3 class="section-title">安全</h3>
          <div class="form-actions left">
            <el-button @click="resetPassword" icon="Key">重置密码</el-button>
            <el-button :type="cur.status === 'active' ? 'danger' : 'success'" plain @click="toggle">{{ cur.status === 'active' ? '停用账号' : '启用账号' }}</el-button>
          </div>
        </template>
      </el-drawer>
    </div>`,
};
