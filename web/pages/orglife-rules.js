// orglife-rules.js: 组织生活规则: how often each form of organizational life must be held below
// the current scope on a chosen date (GET /api/orglife/rules): the national row (统一规定) or a
// local rule of this org or one above it, with its rule ID and 依据; the local rules set here,
// above and below. A manager (orglife.rules) sets a local rule for this org's subtree from the
// first day of a month (stricter freely; looser than a verified national row only after ticking
// 确认放宽, which the audit log records) and ends one. Rules are rows, never code.
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { options } from "../lib/meta.js";
import { isMobile } from "../lib/viewport.js";
import { todayCN } from "../lib/orglife.js";
import { fieldErrors, submitForm, clearErrors } from "../lib/forms.js";
import { useScoped } from "../lib/scoped.js";
import DataList from "../components/data-list.js";
import FormActions from "../components/form-actions.js";
const { ref, reactive, computed, watch } = Vue;

export const routes = [{ path: "/orglife/rules", title: "组织生活规则", perm: "orglife.read",
                         menu: { group: "组织生活", icon: "SetUp", order: 40 } }];

// 每季度至少1次; 0 reads as no requirement.
export const ruleText = (r) => (r.min_count ? `${r.period_label}至少${r.min_count}次` : `${r.period_label}不作要求`);
const untilText = (d) => (d === "9999-12-31" ? "长期" : `${d} 前`);
const FIELDS = ["type", "period", "min_count", "valid_from", "source", "loosen"];

export default {
  name: "OrglifeRulesPage",
  components: { DataList, FormActions },
  setup() {
    const on = ref(todayCN());
    const { data, loading, load } = useScoped((org) => api("GET", withQuery("/api/orglife/rules", { org, on: on.value })),
                                              { in_force: [], local: [] });
    const editable = computed(() => can("orglife.rules"));

    const origin = (r) => (r.org_id ? `${r.org_name}设定` : "统一规定");
    // The national rows hold since 1900-01-01: no date worth showing.
    const since = (d) => (d <= "1900-01-01" ? "—" : d);
    const inForce = computed(() => data.value.in_force.map((r) => ({ ...r, rule: ruleText(r), origin: origin(r), since: since(r.valid_from) })));
    const local = computed(() => data.value.local.map((r) => ({ ...r, rule: ruleText(r), until: untilText(r.valid_to) })));
    const COLS = [
      { key: "type_label", label: "会议类型", min: 120 },
      { key: "rule", label: "要求", min: 130 },
      { key: "rule_id", label: "规则编号", min: 130 },
      { key: "origin", label: "来源", min: 150 },
      { key: "source", label: "依据", min: 260 },
      { key: "since", label: "生效日期", min: 110 },
    ];
    const LOCAL_COLS = computed(() => [
      { key: "org_name", label: "党组织", min: 160 },
      { key: "type_label", label: "会议类型", min: 110 },
      { key: "rule", label: "要求", min: 130 },
      { key: "valid_from", label: "自", min: 110 },
      { key: "until", label: "至", min: 110 },
      { key: "source", label: "依据", min: 220 },
      ...(editable.value ? [{ key: "actions", label: "操作", min: 90, phone: "actions" }] : []),
    ]);

    // 设定地方规则: the types with a rule (every one has a national row), the period and count
    // prefilled from the rule in force.
    const types = computed(() => data.value.in_force.map((r) => ({ value: r.type, label: r.type_label })));
    const periods = computed(() => options("rule_period"));
    const setOpen = ref(false);
    const setBusy = ref(false);
    const setErrs = fieldErrors();
    const form = reactive({ type: "", period: "month", min_count: 1, month: "", source: "", loosen: false });
    const needsLoosen = ref(false);
    function openSet(type) {
      const r = data.value.in_force.find((x) => x.type === type) || data.value.in_force[0];
      Object.assign(form, { type: r.type, period: r.period, min_count: r.min_count, month: nextMonth(), source: "", loosen: false });
      needsLoosen.value = false;
      clearErrors(setErrs);
      setOpen.value = true;
    }
    watch(() => form.type, (t) => {
      const r = data.value.in_force.find((x) => x.type === t);
      if (r && setOpen.value) Object.assign(form, { period: r.period, min_count: r.min_count });
    });
    async function submitSet() {
      const ok = await submitForm({ busy: setBusy, errs: setErrs, fields: FIELDS }, async () => {
        data.value = await api("POST", "/api/orglife/rules", {
          org_id: scope.orgId, type: form.type, period: form.period, min_count: form.min_count,
          valid_from: form.month ? `${form.month}-01` : "", source: form.source, loosen: form.loosen,
        });
      });
      if (ok) {
        setOpen.value = false;
        on.value = todayCN();
        ElementPlus.ElMessage.success("地方规则已设定");
      } else if (setErrs.min_count && /确认放宽/.test(setErrs.min_count)) {
        needsLoosen.value = true;
      }
    }

    // 结束: from the first day of a month on, the rule above applies again.
    const endOpen = ref(false);
    const endBusy = ref(false);
    const endErrs = fieldErrors();
    const ending = reactive({ id: 0, label: "", month: "" });
    function openEnd(r) {
      Object.assign(ending, { id: r.id, label: `${r.org_name} · ${r.type_label} · ${r.rule}`, month: nextMonth() });
      clearErrors(endErrs);
      endOpen.value = true;
    }
    async function submitEnd() {
      const ok = await submitForm({ busy: endBusy, errs: endErrs, fields: ["valid_to"] }, async () => {
        data.value = await api("PATCH", `/api/orglife/rules/${ending.id}`, { valid_to: ending.month ? `${ending.month}-01` : "" });
      });
      if (ok) {
        endOpen.value = false;
        ElementPlus.ElMessage.success("规则已结束");
      }
    }
    return { on, load, loading, scope, editable, inForce, local, COLS, LOCAL_COLS, types, periods, isMobile,
             setOpen, setBusy, setErrs, form, needsLoosen, openSet, submitSet,
             endOpen, endBusy, endErrs, ending, openEnd, submitEnd };
  },
  template: `
    <div class="page rules-page">
      <div class="page-head">
        <h1 class="page-title">组织生活规则</h1>
        <div class="audit-export">
          <el-date-picker v-model="on" type="date" value-format="YYYY-MM-DD" :clearable="false" placeholder="查看日期" class="rules-on" @change="load" />
          <el-button v-if="editable" type="primary" @click="openSet('theme_day')" class="rule-set-btn">设定地方规则</el-button>
        </div>
      </div>
      <p class="page-desc">{{ scope.orgName }}下各党支部在 {{ on }} 适用的召开频次。统一规定来自《中国共产党支部工作条例（试行）》等；本组织或上级可设定更严的地方规则，落实情况按当期适用的规则计算。</p>
      <el-card shadow="never">
        <data-list :rows="inForce" :columns="COLS" :loading="loading" size="small" class="rules-in-force" empty-text="没有适用的规则" />
      </el-card>
      <h3 class="section-title">地方规则</h3>
      <el-card shadow="never">
        <data-list :rows="local" :columns="LOCAL_COLS" :loading="loading" size="small" class="rules-local" empty-text="本组织及上下级没有设定地方规则">
          <template #actions="{ row }">
            <el-button v-if="row.valid_to === '9999-12-31'" size="small" @click="openEnd(row)" class="rule-end-btn">结束</el-button>
          </template>
        </data-list>
        <p class="form-hint">地方规则适用于设定它的党组织及其全部下级，下级的规则优先于上级。</p>
      </el-card>

      <el-dialog v-model="setOpen" title="设定地方规则" :width="isMobile ? '94%' : '500px'">
        <p class="form-hint">适用于{{ scope.orgName }}及其全部下级党组织，自所选月份的1日起生效；本组织原有的同类规则到那时结束。</p>
        <el-form label-position="top" @submit.prevent="submitSet" class="rule-form">
          <el-form-item label="会议类型" :error="setErrs.type" required>
            <el-select v-model="form.type" name="type" style="width: 100%"><el-option v-for="t in types" :key="t.value" :label="t.label" :value="t.value" /></el-select>
          </el-form-item>
          <el-row :gutter="12">
            <el-col :span="12"><el-form-item label="周期" :error="setErrs.period" required>
              <el-select v-model="form.period" name="period" style="width: 100%"><el-option v-for="p in periods" :key="p.value" :label="p.label" :value="p.value" /></el-select>
            </el-form-item></el-col>
            <el-col :span="12"><el-form-item label="每周期至少召开（次）" :error="setErrs.min_count" required>
              <el-input-number v-model="form.min_count" :min="0" :max="100" name="min_count" style="width: 100%" />
            </el-form-item></el-col>
          </el-row>
          <el-form-item label="生效月份" :error="setErrs.valid_from" required>
            <el-date-picker v-model="form.month" type="month" value-format="YYYY-MM" placeholder="选择月份" name="valid_from" style="width: 100%" />
          </el-form-item>
          <el-form-item label="依据（文件名称、文号或会议决定）" :error="setErrs.source" required>
            <el-input v-model="form.source" name="source" maxlength="200" placeholder="如：XX街道党工委〔2026〕5号" />
          </el-form-item>
          <el-form-item v-if="needsLoosen" :error="setErrs.loosen">
            <el-checkbox v-model="form.loosen" name="loosen" class="rule-loosen">确认放宽（将记入审计日志）</el-checkbox>
          </el-form-item>
          <form-actions label="设定" :busy="setBusy" @cancel="setOpen = false" />
        </el-form>
      </el-dialog>

      <el-dialog v-model="endOpen" title="结束地方规则" :width="isMobile ? '94%' : '440px'">
        <p class="form-hint">{{ ending.label }}。自所选月份的1日起不再适用，此后按上级规则或统一规定。</p>
        <el-form label-position="top" @submit.prevent="submitEnd" class="rule-end-form">
          <el-form-item label="自哪个月起不再适用" :error="endErrs.valid_to" required>
            <el-date-picker v-model="ending.month" type="month" value-format="YYYY-MM" name="valid_to" style="width: 100%" />
          </el-form-item>
          <form-actions label="结束规则" danger :busy="endBusy" @cancel="endOpen = false" />
        </el-form>
      </el-dialog>
    </div>`,
};

// The first month after this one, as YYYY-MM.
function nextMonth() {
  const [y, m] = todayCN().slice(0, 7).split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
