// dev-rules.js: 发展党员规则: the date and count rules of member development that apply below
// the current scope on a chosen date (GET /api/dev/rules): each rule in words with its
// parameters, the steps it checks, what a breach does and where it comes from; then the rules
// of the reported 2026 revision of the 细则 (unverified, shipped off). A manager (dev.rules)
// turns one on or off for this org's subtree once the 街道党工委 has confirmed it, naming the
// confirmation (POST /api/dev/rule-switches, audited); a switch below wins over one above.
// Rules are rows, never code.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { isMobile } from "../lib/viewport.js";
import { todayCN } from "../lib/orglife.js";
import { fmtDateTime } from "../lib/format.js";
import { fieldErrors, submitForm, clearErrors } from "../lib/forms.js";
import { useScoped } from "../lib/scoped.js";
import DataList from "../components/data-list.js";
import FormActions from "../components/form-actions.js";
const { ref, reactive, computed } = Vue;

export const routes = [{ path: "/dev/rules", title: "发展党员规则", perm: "dev.read",
                         menu: { group: "党员与组织", icon: "SetUp", order: 16 } }];

const SEVERITY = { block: "不符合不能记录", warn: "提示并记录", remind: "到期提醒", overdue: "逾期标记", computed: "自动计算" };
const CONFIDENCE = { verified: "已核实", secondary: "据权威转载", unverified: "待核实", local: "地方规定" };

// {"months": 1} → 1个月; the keys the rule rows use (migration 0017_dev).
export function paramText(p) {
  const parts = [];
  if (p.years) parts.push(`${p.years}周岁`);
  if (p.months) parts.push(`${p.months}个月`);
  if (p.min_months || p.max_months) parts.push(p.min_months ? `${p.min_months}至${p.max_months}个月` : `最长${p.max_months}个月`);
  if (p.max_count) parts.push(`最多${p.max_count}次`);
  if (p.min || p.max) parts.push(`${p.min}至${p.max}名`);
  if (p.count) parts.push(`${p.count}名`);
  if (p.days || p.hours) parts.push(`${p.days}天或${p.hours}学时`);
  if (p.working_days) parts.push(`${p.working_days}个工作日`);
  return parts.join("，") || "—";
}
const stepsText = (s) => (s.length >= 25 ? "每一步" : s.length ? s.map((k) => `第${k}步`).join("、") : "工作台期限");
const since = (d) => (d <= "1900-01-01" ? "—" : d);

export default {
  name: "DevRulesPage",
  components: { DataList, FormActions },
  setup() {
    const on = ref(todayCN());
    const { data, loading, load } = useScoped((org) => api("GET", withQuery("/api/dev/rules", { org, date: on.value })),
                                              { items: [], switchable: [] });
    const editable = computed(() => can("dev.rules"));

    const describe = (r) => ({ ...r, params: paramText(r.param), at: stepsText(r.steps), effect: SEVERITY[r.severity] || r.severity,
                               trust: CONFIDENCE[r.confidence] || r.confidence, since: since(r.valid_from) });
    // In the order of the steps they check: the rules of every step first, deadlines last.
    const firstStep = (r) => (r.steps.length >= 25 ? 0 : r.steps.length ? r.steps[0] : 26);
    const inForce = computed(() => data.value.items.map(describe).sort((a, b) => firstStep(a) - firstStep(b)));
    const switchable = computed(() => data.value.switchable.map((r) => ({
      ...describe(r),
      state: r.checked ? (r.enabled ? "已启用" : "未启用") : "暂未实现",
      by: r.switch ? `${r.switch.org_name}：${r.switch.note}（${fmtDateTime(r.switch.set_at)}）`
        : r.checked ? "出厂设置：未启用，待确认" : "须有节假日与调休日历，尚未实现",
    })));
    const COLS = [
      { key: "source", label: "规则", min: 300 },
      { key: "params", label: "参数", min: 110 },
      { key: "at", label: "检查时机", min: 110 },
      { key: "effect", label: "不符合时", min: 120 },
      { key: "version", label: "版本", min: 110 },
      { key: "trust", label: "来源", min: 100 },
    ];
    const SWITCH_COLS = computed(() => [
      { key: "source", label: "规则", min: 300 },
      { key: "params", label: "参数", min: 110 },
      { key: "since", label: "自", min: 110 },
      { key: "state", label: "在本组织", min: 90 },
      { key: "by", label: "设定", min: 240 },
      ...(editable.value ? [{ key: "actions", label: "操作", min: 90, phone: "actions" }] : []),
    ]);

    // 启用 / 停用 for this org's subtree, with the confirmation it rests on.
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ rule_row: 0, enabled: true, label: "", note: "" });
    function openSwitch(r) {
      Object.assign(form, { rule_row: r.id, enabled: !r.enabled, label: r.source, note: "" });
      clearErrors(errs);
      open.value = true;
    }
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["note", "rule_row", "org_id"] }, async () => {
        data.value = await api("POST", "/api/dev/rule-switches", { org_id: scope.orgId, rule_row: form.rule_row, enabled: form.enabled, note: form.note });
        on.value = data.value.date;
      });
      if (ok) {
        open.value = false;
        ElementPlus.ElMessage.success(form.enabled ? "已启用" : "已停用");
      }
    }
    return { on, load, loading, scope, editable, inForce, switchable, COLS, SWITCH_COLS, isMobile, open, busy, errs, form, openSwitch, submit };
  },
  template: `
    <div class="page rules-page dev-rules-page">
      <div class="page-head">
        <h1 class="page-title">发展党员规则</h1>
        <el-date-picker v-model="on" type="date" value-format="YYYY-MM-DD" :clearable="false" placeholder="查看日期" class="rules-on" @change="load" />
      </div>
      <p class="page-desc">{{ scope.orgName }}的发展党员工作在 {{ on }} 适用的时间和人数规定（《中国共产党发展党员工作细则》等）。每一步按记录日期当天施行的规定检查，检查结果随步骤保存；规定不符时能否记录见“不符合时”。</p>
      <el-card shadow="never">
        <data-list :rows="inForce" :columns="COLS" :loading="loading" size="small" class="dev-rules-in-force" empty-text="没有适用的规则">
          <template #source="{ row }"><span :title="'规则 ' + row.rule">{{ row.source }}</span></template>
        </data-list>
      </el-card>
      <h3 class="section-title">待确认的规则</h3>
      <p class="page-desc">据报道 2026 年修订的《细则》新增的规定，原文尚未核实，默认不启用。经街道党工委确认后，可为本组织及全部下级启用；下级的设定优先于上级。</p>
      <el-card shadow="never">
        <data-list :rows="switchable" :columns="SWITCH_COLS" :loading="loading" size="small" class="dev-rules-switchable" empty-text="没有待确认的规则">
          <template #source="{ row }"><span :title="'规则 ' + row.rule">{{ row.source }}</span></template>
          <template #actions="{ row }">
            <el-button v-if="row.checked || row.enabled" size="small" :type="row.enabled ? '' : 'primary'" class="rule-switch-btn" @click="openSwitch(row)">{{ row.enabled ? "停用" : "启用" }}</el-button>
            <span v-else class="form-hint" title="须有节假日与调休日历才能计算工作日">检查尚未实现</span>
          </template>
        </data-list>
      </el-card>

      <el-dialog v-model="open" :title="form.enabled ? '启用规则' : '停用规则'" :width="isMobile ? '94%' : '500px'">
        <p class="form-hint">{{ form.label }}</p>
        <p class="form-hint">适用于{{ scope.orgName }}及其全部下级党组织，自今日起按此检查；设定记入审计日志。</p>
        <el-form label-position="top" @submit.prevent="submit" class="rule-switch-form">
          <el-form-item label="确认依据（街道党工委的会议或文件）" :error="errs.note || errs.rule_row || errs.org_id" required>
            <el-input v-model="form.note" name="note" maxlength="200" placeholder="如：街道党工委2026年第6次会议确认" />
          </el-form-item>
          <form-actions :label="form.enabled ? '启用' : '停用'" :danger="!form.enabled" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
