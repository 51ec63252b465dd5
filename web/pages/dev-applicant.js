// dev-applicant.js: one applicant for membership (发展党员): who they are, the deadlines they
// have today, and the timeline of the steps recorded, each with the outcome of every rule that
// checked it (warnings, overdue and computed dates shown, passes counted). Holders of dev.write
// record the next step in a form that lists, before saving, which rules will check it (in words;
// GET /api/dev/rules on the step's date) and, for the 支部党员大会 steps, offers the
// branch's closed votes of that date (orglife's meetings and votes); a step a rule refuses is shown with
// each rule and its explanation, naming the dates (error.rules / error.details).
import { todayCN } from "../lib/orglife.js";
import { api, withQuery } from "../lib/api.js";
import { can } from "../lib/session.js";
import { fieldErrors, submitForm, clearErrors } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
import FormActions from "../components/form-actions.js";
import DevDocs from "./dev/docs.js";
const { ref, reactive, computed, watch, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/dev/applicants/:id", title: "申请人", perm: "dev.read" }];

const RESULT = { pass: ["通过", "success"], block: ["不允许", "danger"], warn: ["提醒", "warning"], overdue: ["逾期", "danger"],
                 remind: ["超过一般期限", "warning"], computed: ["计算", "info"], overridden: ["特殊情况", "warning"] };
const DECISIONS = { 10: [["passed", "合格"], ["failed", "不合格"]], 17: [["approved", "同意"], ["rejected", "不同意"]],
                    23: [["on_time", "按期转正"], ["extend", "延长预备期"], ["cancel", "取消预备党员资格"]],
                    24: [["approved", "同意"], ["rejected", "不同意"]] };

export default {
  name: "DevApplicantPage",
  components: { FormActions, DevDocs },
  props: { id: { type: String, required: true } },
  setup(props) {
    const a = ref(null);
    const error = ref("");
    async function load() {
      try {
        a.value = await api("GET", `/api/dev/applicants/${props.id}`);
        if (a.value.next_steps.length && !a.value.next_steps.some((s) => s.step === form.step)) form.step = a.value.next_steps[0].step;
      } catch (e) {
        error.value = e.message;
      }
    }
    const notable = (s) => s.findings.filter((f) => f.result !== "pass");
    const passed = (s) => s.findings.filter((f) => f.result === "pass").length;
    // The dot's colour: red for an overdue step, amber for a warning or an override.
    const stepType = (s) => (s.withdrawn ? "info" : s.findings.some((f) => f.result === "overdue" || f.result === "block") ? "danger"
      : s.findings.some((f) => ["warn", "remind", "overridden"].includes(f.result)) ? "warning" : "primary");

    // The step form.
    const form = reactive({ step: 0, date: todayCN(), body: "", decision: "", vote_id: null, people: [], training_days: null,
                            training_hours: null, override_reason: "", extend_months: null, leaving_on: "", note: "" });
    const busy = ref(false);
    const errs = fieldErrors();
    const refused = ref(null);
    const rules = ref([]);
    async function loadRules() {
      if (!form.date) return;
      try {
        rules.value = (await api("GET", withQuery("/api/dev/rules", { date: form.date, org: a.value ? a.value.org_id : "" }))).items;
      } catch {
        rules.value = [];
      }
    }
    watch(() => form.date, loadRules);
    // The closed votes of the case org's 支部党员大会 held on the step's date, of the kind the
    // step needs (接收预备党员 for 15, 预备党员转正 for 23): DEV-VOTE checks the same.
    const votes = ref([]);
    async function loadVotes() {
      votes.value = [];
      if (!a.value || (form.step !== 15 && form.step !== 23) || !form.date) return;
      const kind = form.step === 15 ? "admission" : "full_member";
      try {
        const ms = (await api("GET", withQuery("/api/meetings", { org: a.value.org_id, type: "party_congress", from: form.date, to: form.date })))
          .items.filter((m) => m.org_id === a.value.org_id);
        for (const m of ms) {
          for (const v of (await api("GET", `/api/meetings/${m.id}/votes`)).items) {
            if (v.kind === kind && v.result) votes.value.push({ value: v.id, label: `${m.topic} · ${v.subject}（${v.result_label}）` });
          }
        }
      } catch {
        votes.value = [];
      }
    }
    watch(() => [form.step, form.date], loadVotes);
    const applying = computed(() => rules.value.filter((r) => r.steps.includes(form.step) && !r.rule.startsWith("DEV-STEP-")));
    // 正式党员 of the roster for 培养联系人 / 入党介绍人 (member ids).
    const members = ref([]);
    async function findMembers(q) {
      if (!a.value) return;
      try {
        const r = await api("GET", withQuery("/api/members", { org: a.value.org_id, q: (q || "").trim(), status: "full", size: 20 }));
        members.value = r.items.map((m) => ({ value: m.id, label: m.name }));
      } catch {
        members.value = [];
      }
    }
    async function save() {
      refused.value = null;
      const body = { step: form.step, date: form.date };
      for (const k of ["body", "decision", "override_reason", "leaving_on", "note"]) if (form[k]) body[k] = form[k];
      for (const k of ["vote_id", "training_days", "training_hours", "extend_months"]) if (form[k]) body[k] = form[k];
      if (form.people.length) body.people = form.people.map((id) => ({ member_id: id }));
      await submitForm({ busy, errs, fields: Object.keys(form) }, async () => {
        try {
          const r = await api("POST", `/api/dev/applicants/${props.id}/steps`, body);
          const shown = r.findings.filter((f) => f.result !== "pass");
          ElementPlus.ElMessage.success(shown.length ? `已记录；${shown.map((f) => f.message).join("；")}` : "已记录");
          Object.assign(form, { body: "", decision: "", vote_id: null, people: [], training_days: null, training_hours: null,
                                override_reason: "", extend_months: null, leaving_on: "", note: "" });
          await load();
        } catch (e) {
          if (e.rules.length) refused.value = e;
          else throw e;
        }
      });
    }
    onMounted(async () => {
      await load();
      await loadRules();
    });
    // 撤回: the last step still standing (not the application itself), recorded by mistake.
    const lastStanding = computed(() => (a.value ? [...a.value.steps].reverse().find((s) => !s.withdrawn) : null));
    const canWithdraw = (s) => can("dev.write") && lastStanding.value && s.id === lastStanding.value.id && s.step > 1;
    const wOpen = ref(false);
    const wBusy = ref(false);
    const wErrs = fieldErrors();
    const withdrawing = reactive({ id: 0, label: "", reason: "" });
    function openWithdraw(s) {
      Object.assign(withdrawing, { id: s.id, label: `第${s.step}步 ${s.name}（${s.date}）`, reason: "" });
      clearErrors(wErrs);
      wOpen.value = true;
    }
    async function submitWithdraw() {
      const ok = await submitForm({ busy: wBusy, errs: wErrs, fields: ["reason", "step_id"] }, async () => {
        a.value = await api("POST", `/api/dev/applicants/${props.id}/steps/${withdrawing.id}/withdraw`, { reason: withdrawing.reason });
      });
      if (ok) {
        wOpen.value = false;
        if (a.value.next_steps.length) form.step = a.value.next_steps[0].step;
        ElementPlus.ElMessage.success("已撤回");
      }
    }
    return { a, error, notable, passed, stepType, RESULT, DECISIONS, form, busy, errs, refused, applying, members, findMembers, save, votes,
             canWrite: computed(() => can("dev.write")), canWithdraw, wOpen, wBusy, wErrs, withdrawing, openWithdraw, submitWithdraw, isMobile };
  },
  template: `
    <div class="page dev-applicant-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/dev"><el-button type="primary">返回发展党员</el-button></app-link></template>
      </el-result>
      <template v-else-if="a">
        <div class="page-head">
          <div class="org-head">
            <app-link to="/dev" class="back-link"><el-icon><ArrowLeft /></el-icon> 发展党员</app-link>
            <h1 class="page-title">{{ a.name }} <el-tag size="small" class="dev-status">{{ a.status_label }}</el-tag></h1>
          </div>
        </div>
        <p class="page-desc">{{ a.org_name }} · {{ a.gender === 'M' ? '男' : '女' }} · 出生 {{ a.birth_date }} · 身份证号 {{ a.id_number }} ·
          {{ a.applied_on }} 递交入党申请书 · 第{{ '一二三四五'[a.stage - 1] }}阶段 {{ a.stage_label }}
          <template v-if="a.probation_ends_on"> · 预备期至 {{ a.probation_ends_on }}<template v-if="a.extensions">（已延长）</template></template></p>
        <el-alert v-for="d in a.deadlines" :key="d.rule" :type="d.overdue ? 'error' : 'warning'" :closable="false" show-icon class="dev-deadline"
                  :title="d.message"><span class="rule-id" :title="'规则 ' + d.rule">期限 {{ d.due_on }}</span></el-alert>
        <el-card shadow="never" class="dev-timeline-card">
          <template #header><span class="card-title">步骤</span></template>
          <el-timeline class="dev-timeline">
            <el-timeline-item v-for="s in a.steps" :key="s.id" :timestamp="s.date" placement="top" :data-step="s.step"
                              :type="stepType(s)" :class="{ 'step-withdrawn': s.withdrawn }">
              <div class="step-head"><b>第{{ s.step }}步 {{ s.name }}</b>
                <el-tag v-if="s.decision_label" size="small" class="step-decision">{{ s.decision_label }}</el-tag>
                <el-tag v-if="s.withdrawn" size="small" type="info" class="step-withdrawn-tag">已撤回</el-tag>
                <el-button v-if="canWithdraw(s)" link size="small" class="step-withdraw-btn" @click="openWithdraw(s)">撤回</el-button></div>
              <div v-if="s.withdrawn" class="step-line step-withdrawn-reason">撤回原因：{{ s.withdrawn.reason }}（不计入发展程序）</div>
              <div v-if="s.body" class="step-line">负责：{{ s.body }}</div>
              <div v-if="s.meeting_id" class="step-line">支部党员大会表决：<app-link :to="'/meetings/' + s.meeting_id" class="link step-meeting">查看会议</app-link></div>
              <div v-if="s.people.length" class="step-line">{{ s.step === 5 ? '培养联系人' : '入党介绍人' }}：{{ s.people.map((p) => p.name).join('、') }}</div>
              <div v-if="s.training_days || s.training_hours" class="step-line">集中培训 {{ s.training_days || 0 }} 天、{{ s.training_hours || 0 }} 学时</div>
              <div v-if="s.extend_months" class="step-line">延长预备期 {{ s.extend_months }} 个月</div>
              <div v-if="s.override_reason" class="step-line">特殊情况理由：{{ s.override_reason }}</div>
              <div v-if="s.note" class="step-line">{{ s.note }}</div>
              <div class="step-findings">
                <div v-for="f in notable(s)" :key="f.rule" class="finding" :data-result="f.result">
                  <el-tag size="small" :type="RESULT[f.result][1]">{{ RESULT[f.result][0] }}</el-tag>
                  <span class="finding-text" :title="'规则 ' + f.rule + '（' + f.version + '）'">{{ f.message }}</span>
                </div>
                <span v-if="passed(s)" class="findings-passed">规则检查 {{ passed(s) }} 项通过</span>
              </div>
            </el-timeline-item>
          </el-timeline>
        </el-card>
        <dev-docs :applicant="a" :key="a.steps.length" />
        <el-card v-if="canWrite && a.next_steps.length" shadow="never" class="dev-step-form">
          <template #header><span class="card-title">记录下一步</span></template>
          <el-alert v-if="refused" type="error" :closable="false" class="step-refused" title="规则不允许记录此步骤">
            <div v-for="(d, i) in refused.details" :key="i" class="refused-rule" :data-rule="refused.rules[i]" :title="'规则 ' + refused.rules[i]">{{ d }}</div>
          </el-alert>
          <el-form label-position="top" class="step-form" @submit.prevent>
            <div class="form-grid">
              <el-form-item label="步骤" :error="errs.step">
                <el-select v-model="form.step" class="f-step">
                  <el-option v-for="n in a.next_steps" :key="n.step" :value="n.step" :label="'第' + n.step + '步 ' + n.name" />
                </el-select>
              </el-form-item>
              <el-form-item label="日期" :error="errs.date"><el-date-picker v-model="form.date" type="date" value-format="YYYY-MM-DD" class="f-date" /></el-form-item>
            </div>
            <div class="step-rules" v-if="applying.length">
              <div class="form-hint">保存前将按 {{ form.date }} 施行的规则检查：</div>
              <div v-for="r in applying" :key="r.rule" class="step-rule" :data-rule="r.rule" :title="'规则 ' + r.rule + '（' + r.version + '）'">{{ r.source }}</div>
            </div>
            <el-form-item v-if="DECISIONS[form.step]" label="决定" :error="errs.decision">
              <el-radio-group v-model="form.decision" class="f-decision">
                <el-radio v-for="d in DECISIONS[form.step]" :key="d[0]" :value="d[0]">{{ d[1] }}</el-radio>
              </el-radio-group>
            </el-form-item>
            <el-form-item v-if="form.step === 5 || form.step === 9" :label="form.step === 5 ? '培养联系人（1至2名正式党员）' : '入党介绍人（2名正式党员）'" :error="errs.people">
              <el-select v-model="form.people" multiple filterable remote :remote-method="findMembers" @focus="findMembers('')" placeholder="输入姓名或拼音首字母" class="f-people">
                <el-option v-for="m in members" :key="m.value" :value="m.value" :label="m.label" />
              </el-select>
            </el-form-item>
            <el-form-item v-if="form.step === 15 || form.step === 23" label="支部党员大会的表决（须为该日期本支部的会议）" :error="errs.vote_id">
              <el-select v-if="votes.length" v-model="form.vote_id" placeholder="请选择表决" class="f-vote">
                <el-option v-for="v in votes" :key="v.value" :value="v.value" :label="v.label" />
              </el-select>
              <template v-else>
                <el-input-number v-model="form.vote_id" :min="1" :controls="false" placeholder="表决编号" class="f-vote" />
                <div class="form-hint">{{ form.date }} 本支部没有已结束的相应表决；可填写表决编号。</div>
              </template>
            </el-form-item>
            <div v-if="form.step === 11" class="form-grid">
              <el-form-item label="培训天数" :error="errs.training_days"><el-input-number v-model="form.training_days" :min="0" class="f-days" /></el-form-item>
              <el-form-item label="培训学时" :error="errs.training_hours"><el-input-number v-model="form.training_hours" :min="0" class="f-hours" /></el-form-item>
            </div>
            <el-form-item v-if="form.step === 11" label="特殊情况理由（不足3天或24学时时，由上级党委填写）" :error="errs.override_reason">
              <el-input v-model="form.override_reason" maxlength="500" class="f-override" />
            </el-form-item>
            <el-form-item v-if="form.step === 23 && form.decision === 'extend'" label="延长预备期（6至12个月）" :error="errs.extend_months">
              <el-input-number v-model="form.extend_months" :min="1" :max="24" class="f-extend" />
            </el-form-item>
            <el-form-item v-if="form.step === 13" label="预计离开本单位日期（如有）" :error="errs.leaving_on">
              <el-date-picker v-model="form.leaving_on" type="date" value-format="YYYY-MM-DD" class="f-leaving" />
            </el-form-item>
            <el-form-item label="负责机构或人员" :error="errs.body"><el-input v-model="form.body" maxlength="100" class="f-body" /></el-form-item>
            <el-form-item label="备注" :error="errs.note"><el-input v-model="form.note" type="textarea" maxlength="2000" class="f-note" /></el-form-item>
          </el-form>
          <el-button type="primary" :loading="busy" class="save-step" @click="save">保存</el-button>
        </el-card>
        <el-dialog v-model="wOpen" title="撤回误记的步骤" :width="isMobile ? '94%' : '460px'">
          <p class="form-hint">{{ withdrawing.label }}。撤回后该步骤不计入发展程序，记录仍保留，可重新记录；撤回记入审计日志。</p>
          <el-form label-position="top" @submit.prevent="submitWithdraw" class="withdraw-form">
            <el-form-item label="撤回原因" :error="wErrs.reason || wErrs.step_id" required>
              <el-input v-model="withdrawing.reason" name="reason" maxlength="200" placeholder="如：日期记错，应为3月15日" />
            </el-form-item>
            <form-actions label="撤回" danger :busy="wBusy" @cancel="wOpen = false" />
          </el-form>
        </el-dialog>
      </template>
    </div>`,
};
