// member.js: one member's page with tabs 基本信息, 党籍信息, 联系卡 (ID number, phone and address
// masked; 显示 asks the server for the full value, which it audits, for permitted users; the
// card's own fields 服务专长, 服务承诺, 联系户, 服务时间 edited in a dialog), 历史 (status,
// category and org changes) and, for those who may read organizational life, 民主评议 (the
// member's results year by year, components/eval-history.js). 编辑 opens the edit form.
import { api } from "../lib/api.js";
import { can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fmtDateTime } from "../lib/format.js";
import { genderLabel } from "../lib/codes.js";
import { isMobile } from "../lib/viewport.js";
import { fieldErrors, clearErrors, submitForm } from "../lib/forms.js";
import EvalHistory from "../components/eval-history.js";

const CARD_FIELDS = [
  { key: "skills", label: "服务专长", max: 200, hint: "如 水电维修、法律咨询、书法" },
  { key: "pledge", label: "服务承诺", max: 500, hint: "面向群众的公开承诺" },
  { key: "households", label: "联系户", max: 500, hint: "如 3号楼2单元 6 户" },
  { key: "service_time", label: "服务时间", max: 100, hint: "如 工作日晚上、周末" },
];
const { ref, reactive, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/members/:id", title: "党员详情", perm: "members.read" }];

export default {
  name: "MemberPage",
  components: { EvalHistory },
  props: { id: { type: String, required: true } },
  setup(props) {
    const m = ref(null);
    const events = ref([]);
    const error = ref("");
    const tab = ref("basic");
    const revealed = reactive({});
    async function load() {
      try {
        m.value = await api("GET", `/api/members/${props.id}`);
      } catch (e) {
        error.value = e.status === 404 ? "没有找到这名党员，或您无权查看。" : e.message;
      }
    }
    async function loadEvents() {
      try {
        const r = await api("GET", `/api/members/${props.id}/events`);
        events.value = r.items || [];
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function reveal(field) {
      try {
        const r = await api("GET", `/api/members/${props.id}?reveal=${field}`);
        revealed[field] = r[field];
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    // 党员联系卡: loaded with its tab; 编辑联系卡 sends only the changed fields.
    const card = ref(null);
    const cardOpen = ref(false);
    const cardForm = reactive({});
    const cardErrs = fieldErrors();
    const busy = ref(false);
    async function loadCard() {
      try {
        card.value = await api("GET", `/api/members/${props.id}/card`);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    function openCard() {
      clearErrors(cardErrs);
      for (const f of CARD_FIELDS) cardForm[f.key] = card.value[f.key];
      cardOpen.value = true;
    }
    async function submitCard() {
      const body = {};
      for (const f of CARD_FIELDS) if (cardForm[f.key].trim() !== card.value[f.key]) body[f.key] = cardForm[f.key].trim();
      if (!Object.keys(body).length) {
        cardOpen.value = false;
        return;
      }
      await submitForm({ busy, errs: cardErrs, fields: CARD_FIELDS.map((f) => f.key) }, async () => {
        card.value = await api("PATCH", `/api/members/${props.id}/card`, body);
        ElementPlus.ElMessage.success("联系卡已保存");
        cardOpen.value = false;
      });
    }
    // 民主评议: loaded with its tab (GET /api/members/{id}/evaluations).
    const evals = ref(null);
    async function loadEvals() {
      try {
        evals.value = (await api("GET", `/api/members/${props.id}/evaluations`)).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    onMounted(load);
    const onTab = (name) => {
      if (name === "history" && !events.value.length) loadEvents();
      if (name === "contact" && !card.value) loadCard();
      if (name === "evaluations" && !evals.value) loadEvals();
    };
    const show = (v) => (v === null || v === undefined || v === "" || v === -1 ? "—" : v);
    return { m, events, evals, error, tab, revealed, reveal, onTab, show, CARD_FIELDS, card, cardOpen, cardForm, cardErrs, busy,
             openCard, submitCard, genderLabel, fmtDateTime, isMobile,
             canWrite: computed(() => can("members.write")), canReveal: computed(() => can("members.reveal_pii")),
             canOrglife: computed(() => can("orglife.read")), navigate };
  },
  template: `
    <div class="page member-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/members"><el-button type="primary">返回党员列表</el-button></app-link></template>
      </el-result>
      <template v-else-if="m">
        <div class="page-head">
          <div>
            <app-link to="/members" class="back-link"><el-icon><ArrowLeft /></el-icon> 党员</app-link>
            <h1 class="page-title">{{ m.name }} <el-tag size="small" :type="m.status === 'full' ? 'danger' : m.status === 'probationary' ? 'warning' : 'info'">{{ m.status_label }}</el-tag></h1>
          </div>
          <el-button v-if="canWrite" type="primary" icon="Edit" @click="navigate('/members/' + m.id + '/edit')">编辑</el-button>
        </div>
        <p class="page-desc">{{ m.org_name }}<template v-if="m.group_name"> · {{ m.group_name }}</template> · {{ m.category_label }}</p>
        <el-alert v-for="f in m.findings || []" :key="f.rule_id" type="warning" show-icon :closable="false" class="member-finding" :title="f.message" />
        <el-card shadow="never">
          <el-tabs v-model="tab" @tab-change="onTab" :stretch="isMobile" class="member-tabs">
            <el-tab-pane label="基本信息" name="basic">
              <el-descriptions :column="isMobile ? 1 : 2" border>
                <el-descriptions-item label="姓名">{{ m.name }}</el-descriptions-item>
                <el-descriptions-item label="曾用名">{{ show(m.former_name) }}</el-descriptions-item>
                <el-descriptions-item label="性别">{{ m.gender_label || genderLabel(m.gender) }}</el-descriptions-item>
                <el-descriptions-item label="民族">{{ show(m.ethnicity) }}</el-descriptions-item>
                <el-descriptions-item label="出生日期">{{ show(m.birth_date) }}</el-descriptions-item>
                <el-descriptions-item label="年龄">{{ m.age !== null && m.age >= 0 ? m.age + ' 岁' : '—' }}</el-descriptions-item>
                <el-descriptions-item label="学历">{{ show(m.education) }}</el-descriptions-item>
                <el-descriptions-item label="户籍所在地">{{ show(m.hukou) }}</el-descriptions-item>
                <el-descriptions-item label="工作单位">{{ show(m.work_unit) }}</el-descriptions-item>
                <el-descriptions-item label="职务">{{ show(m.post) }}</el-descriptions-item>
              </el-descriptions>
            </el-tab-pane>
            <el-tab-pane label="党籍信息" name="party">
              <el-descriptions :column="isMobile ? 1 : 2" border>
                <el-descriptions-item label="所在党组织">{{ m.org_name }}</el-descriptions-item>
                <el-descriptions-item label="党小组">{{ show(m.group_name) }}</el-descriptions-item>
                <el-descriptions-item label="党籍状态">{{ m.status_label }}</el-descriptions-item>
                <el-descriptions-item label="党员类别">{{ m.category_label }}</el-descriptions-item>
                <el-descriptions-item label="入党日期">{{ show(m.joined_on) }}</el-descriptions-item>
                <el-descriptions-item label="转正日期">{{ show(m.full_member_on) }}</el-descriptions-item>
                <el-descriptions-item label="党龄">{{ m.party_age !== null && m.party_age >= 0 ? m.party_age + ' 年' : '—' }}</el-descriptions-item>
                <el-descriptions-item label="标签">
                  <template v-if="m.tags && m.tags.length"><el-tag v-for="t in m.tags" :key="t" size="small" class="grant-tag">{{ t }}</el-tag></template>
                  <template v-else>—</template>
                </el-descriptions-item>
              </el-descriptions>
            </el-tab-pane>
            <el-tab-pane label="联系卡" name="contact">
              <el-descriptions :column="1" border class="contact-card">
                <el-descriptions-item v-for="f in [['id_number', '身份证号'], ['phone', '手机号码'], ['address', '现居住地址']]" :key="f[0]" :label="f[1]">
                  <span class="pii" :data-field="f[0]">{{ revealed[f[0]] || show(m[f[0]]) }}</span>
                  <el-button v-if="canReveal && m[f[0]] && !revealed[f[0]]" link type="primary" class="reveal-btn" @click="reveal(f[0])">显示</el-button>
                </el-descriptions-item>
                <el-descriptions-item v-for="f in CARD_FIELDS" :key="f.key" :label="f.label">
                  <span class="card-field" :data-field="f.key">{{ card ? show(card[f.key]) : '…' }}</span>
                </el-descriptions-item>
              </el-descriptions>
              <div v-if="canWrite && card" class="form-actions left"><el-button icon="Edit" class="card-edit" @click="openCard">编辑联系卡</el-button></div>
              <p class="form-hint">为保护个人信息，身份证号、电话和地址默认部分隐藏；点击“显示”会记入审计日志。</p>
              <el-dialog v-model="cardOpen" title="编辑党员联系卡" :width="isMobile ? '94%' : '560px'" destroy-on-close>
                <el-form :label-position="isMobile ? 'top' : 'right'" label-width="90px" class="card-form" @submit.prevent>
                  <el-form-item v-for="f in CARD_FIELDS" :key="f.key" :label="f.label" :error="cardErrs[f.key]">
                    <el-input v-model="cardForm[f.key]" :name="f.key" type="textarea" :autosize="{ minRows: 1, maxRows: 4 }" :maxlength="f.max" show-word-limit :placeholder="f.hint" />
                  </el-form-item>
                </el-form>
                <template #footer>
                  <el-button @click="cardOpen = false">取消</el-button>
                  <el-button type="primary" :loading="busy" class="card-save" @click="submitCard">保存</el-button>
                </template>
              </el-dialog>
            </el-tab-pane>
            <el-tab-pane label="历史" name="history">
              <el-timeline v-if="events.length">
                <el-timeline-item v-for="e in events" :key="e.id" :timestamp="e.effective_on || fmtDateTime(e.created_at)" placement="top">
                  <div class="event-title">{{ e.kind_label || e.kind }}</div>
                  <div v-if="e.old_value || e.new_value" class="event-body">{{ e.old_label || e.old_value || '—' }} → {{ e.new_label || e.new_value || '—' }}</div>
                  <div v-if="e.doc_no || e.note" class="form-hint">{{ [e.doc_no, e.note].filter(Boolean).join('；') }}</div>
                </el-timeline-item>
              </el-timeline>
              <el-empty v-else description="暂无变更记录" />
            </el-tab-pane>
            <el-tab-pane v-if="canOrglife" label="民主评议" name="evaluations">
              <eval-history v-if="evals" :items="evals" class="member-evaluations" />
              <div v-else class="tab-loading">正在加载…</div>
            </el-tab-pane>
          </el-tabs>
        </el-card>
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
