// me.js: 我的: the member's own page, mobile first: who I am, my roles and orgs, and a way to
// change my password. My meetings, dues and activities are added as those areas arrive.
import { session } from "../lib/session.js";
import PasswordForm from "../components/password-form.js";
const { ref } = Vue;

export default {
  name: "MePage",
  components: { PasswordForm },
  setup() {
    const pwd = ref(false);
    return { session, pwd };
  },
  template: `
    <div class="page me-page">
      <div class="me-hero">
        <el-avatar :size="56" class="me-avatar">{{ (session.user.display_name || session.user.username).slice(0, 1) }}</el-avatar>
        <div>
          <div class="me-name">{{ session.user.display_name }}</div>
          <div class="me-sub">用户名：{{ session.user.username }}</div>
        </div>
      </div>
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">我的组织与身份</span></template>
        <div v-for="g in session.grants" :key="g.id" class="me-grant">
          <el-icon class="me-grant-icon"><OfficeBuilding /></el-icon>
          <div>
            <div class="me-grant-org">{{ g.org_name }}</div>
            <div class="me-grant-role">{{ g.role_label }}</div>
          </div>
        </div>
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">账号安全</span></template>
        <el-button v-if="!pwd" @click="pwd = true" icon="Lock">修改密码</el-button>
        <password-form v-else cancellable @done="pwd = false" @cancel="pwd = false" />
      </el-card>
    </div>`,
};
