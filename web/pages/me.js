// me.js: 我的: the member's own page, mobile first: who I am, my Party record (党员信息: org,
// status, 党龄, category), a resident's household (components/my-household.js), my roles and
// orgs (a 居民 by their household, not the community's Party committee), and account security
// (password, two-factor login), 我的表决 (components/my-votes.js: open secret ballots to cast)
// 我的入党申请 (components/my-dev.js: an applicant's own steps) and 我的会议
// (components/my-meetings.js), 我的党费 (components/my-dues.js) and 我的志愿服务
// (components/my-volunteer.js), 我的消息 (components/my-messages.js). Activities are added as
// that area arrives.
import { api } from "../lib/api.js";
import { session } from "../lib/session.js";
import PasswordForm from "../components/password-form.js";
import TotpSetup from "../components/totp-setup.js";
import MyHousehold from "../components/my-household.js";
import MyMeetings from "../components/my-meetings.js";
import MyLearning from "../components/my-learning.js";
import MyVotes from "../components/my-votes.js";
import MyDev from "../components/my-dev.js";
import MyDues from "../components/my-dues.js";
import MyVolunteer from "../components/my-volunteer.js";
import MyMessages from "../components/my-messages.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/me", title: "我的", perm: "session", menu: { group: "系统", icon: "Avatar", order: 90 } }];

export default {
  name: "MePage",
  components: { PasswordForm, TotpSetup, MyHousehold, MyMeetings, MyVotes, MyLearning, MyDev, MyDues, MyVolunteer, MyMessages },
  setup() {
    const pwd = ref(false);
    const member = ref(null);
    const loaded = ref(false);
    const household = ref(null);
    const error = ref("");
    onMounted(async () => {
      try {
        member.value = (await api("GET", "/api/me/member")).member;
        loaded.value = true;
      } catch (e) {
        error.value = e.message;
      }
    });
    // An account with no member record: say why the page is empty and whom to ask.
    const unlinked = computed(() => loaded.value && !member.value && session.grants.some((g) => g.role === "member"));
    const show = (v) => (v === null || v === undefined || v === "" || v === -1 ? "—" : v);
    // The member's own name once the record is known; the account's display name otherwise.
    const displayName = computed(() => (member.value && member.value.name) || session.user.display_name || session.user.username);
    return { session, pwd, member, household, error, show, displayName, unlinked };
  },
  template: `
    <div class="page me-page">
      <div class="me-hero">
        <el-avatar :size="56" class="me-avatar">{{ displayName.slice(0, 1) }}</el-avatar>
        <div>
          <div class="me-name">{{ displayName }}</div>
          <div class="me-sub">用户名：{{ session.user.username }}</div>
        </div>
      </div>
      <my-messages />
      <my-votes />
      <el-card v-if="member" shadow="never" class="me-card me-member">
        <template #header>
          <span class="card-title">我的党员信息</span>
          <el-tag size="small" class="me-status" :type="member.status === 'full' ? 'danger' : member.status === 'probationary' ? 'warning' : 'info'">{{ member.status_label }}</el-tag>
        </template>
        <el-descriptions :column="1" size="small" border>
          <el-descriptions-item label="所在党组织">{{ member.org_name }}</el-descriptions-item>
          <el-descriptions-item v-if="member.group_name" label="党小组">{{ member.group_name }}</el-descriptions-item>
          <el-descriptions-item label="党员类别">{{ member.category_label }}</el-descriptions-item>
          <el-descriptions-item label="入党日期">{{ show(member.joined_on) }}</el-descriptions-item>
          <el-descriptions-item label="转正日期">{{ show(member.full_member_on) }}</el-descriptions-item>
          <el-descriptions-item label="党龄">{{ member.party_age !== null && member.party_age >= 0 ? member.party_age + ' 年' : '—' }}</el-descriptions-item>
          <el-descriptions-item label="手机">{{ show(member.phone) }}</el-descriptions-item>
          <el-descriptions-item label="身份证号">{{ show(member.id_number) }}</el-descriptions-item>
          <el-descriptions-item v-if="member.tags.length" label="标签">
            <el-tag v-for="t in member.tags" :key="t" size="small" class="tag-gap">{{ t }}</el-tag>
          </el-descriptions-item>
        </el-descriptions>
        <el-alert v-for="f in member.findings || []" :key="f.rule_id" type="warning" :closable="false" class="member-finding" :title="f.message" />
        <div class="me-note">信息有误请联系所在支部更正；个人信息已脱敏显示。</div>
      </el-card>
      <el-alert v-else-if="error" type="error" :title="error" :closable="false" class="me-card" />
      <el-alert v-else-if="unlinked" type="info" show-icon :closable="false" class="me-card me-unlinked"
        :title="session.user.person_id ? '您的账号关联的人员不在党员名册中' : '您的账号尚未关联党员档案'">
        <p>因此这里暂时看不到您的党员信息。请联系所在党支部书记或社区党委的账号管理员，请其在“账号管理”中为您的账号关联党员档案（按姓名在党员名册中查找本人）。</p>
      </el-alert>
      <my-dev />
      <my-dues />
      <my-volunteer />
      <my-meetings />
      <my-learning />
      <my-household @loaded="(h) => { household = h; }" />
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">我的组织与身份</span></template>
        <div v-for="g in session.grants" :key="g.id" class="me-grant">
          <el-icon class="me-grant-icon"><OfficeBuilding /></el-icon>
          <div>
            <div class="me-grant-org">{{ g.role === 'resident' && household ? household.address : g.org_name }}</div>
            <div class="me-grant-role">{{ g.role_label }}</div>
          </div>
        </div>
      </el-card>
      <el-card shadow="never" class="me-card">
        <template #header><span class="card-title">账号安全</span></template>
        <el-button v-if="!pwd" @click="pwd = true" icon="Lock">修改密码</el-button>
        <password-form v-else cancellable @done="pwd = false" @cancel="pwd = false" />
        <el-divider />
        <totp-setup />
      </el-card>
    </div>`,
};
