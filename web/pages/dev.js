// dev.js: 发展党员: the pipeline of the current scope (GET /api/dev/pipeline): how many are at
// each of the 5 stages, what is overdue, what falls due within 30 days and the 预备党员 past
// the 预备期 end without a 转正 decision; then every applicant (GET /api/dev/applicants) with a
// link to their timeline. Holders of dev.write register an application (step 1) in a dialog;
// a refusal by a rule (DEV-AGE) is shown with its explanation. Lists keep the server's order:
// a record of the work, not a ranking.
import { todayCN } from "../lib/orglife.js";
import { api, withQuery } from "../lib/api.js";
import { scope, can } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { fieldErrors, submitForm, clearErrors } from "../lib/forms.js";
import { useScoped } from "../lib/scoped.js";
import DataList from "../components/data-list.js";
const { ref, reactive, computed } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/dev", title: "发展党员", perm: "dev.read", menu: { group: "党员与组织", icon: "TrendCharts", order: 15 } }];


export default {
  name: "DevPage",
  components: { DataList },
  setup() {
    const { data, loading, load } = useScoped(async (org) => {
      const [p, l] = await Promise.all([api("GET", withQuery("/api/dev/pipeline", { org })),
                                        api("GET", withQuery("/api/dev/applicants", { org }))]);
      return { pipeline: p, applicants: l.items };
    }, { pipeline: null, applicants: [] });
    const pipeline = computed(() => data.value.pipeline);
    const applicants = computed(() => data.value.applicants);
    const itemColumns = [{ key: "name", label: "姓名", min: 100 }, { key: "org_name", label: "党组织", min: 180 },
                         { key: "due_on", label: "期限", width: 120 }, { key: "message", label: "说明", min: 260 }];
    const columns = [{ key: "name", label: "姓名", min: 100 }, { key: "org_name", label: "党组织", min: 180 },
                     { key: "status_label", label: "身份", width: 120 }, { key: "last_step_name", label: "已到步骤", min: 170 },
                     { key: "applied_on", label: "申请日期", width: 120 }];
    const sections = computed(() => (pipeline.value ? [
      { key: "overdue", title: "逾期", rows: pipeline.value.overdue, empty: "没有逾期的事项" },
      { key: "forgotten", title: "预备期满未转正", rows: pipeline.value.forgotten_probation, empty: "没有预备期已满仍未讨论转正的预备党员" },
      { key: "due", title: "30天内到期", rows: pipeline.value.due_soon, empty: "30天内没有到期的事项" },
    ] : []));

    // 登记入党申请 (step 1).
    const show = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const refused = ref(null);
    const form = reactive({ name: "", gender: "", birth_date: "", id_number: "", applied_on: todayCN() });
    function openNew() {
      Object.assign(form, { name: "", gender: "", birth_date: "", id_number: "", applied_on: todayCN() });
      refused.value = null;
      clearErrors(errs);
      show.value = true;
    }
    async function save() {
      refused.value = null;
      await submitForm({ busy, errs, fields: ["name", "gender", "birth_date", "id_number", "applied_on"] }, async () => {
        try {
          const r = await api("POST", "/api/dev/applicants", { ...form, org_id: scope.orgId });
          show.value = false;
          navigate(`/dev/applicants/${r.id}`);
        } catch (e) {
          if (e.rules.length) refused.value = e;
          else throw e;
        }
      });
    }
    return { pipeline, applicants, loading, itemColumns, columns, sections, scope, show, busy, errs, form, refused,
             openNew, save, canWrite: computed(() => can("dev.write")) };
  },
  template: `
    <div class="page dev-page">
      <div class="page-head">
        <h1 class="page-title">发展党员</h1>
        <el-button v-if="canWrite" type="primary" icon="Plus" class="new-applicant" @click="openNew">登记入党申请</el-button>
      </div>
      <p class="page-desc">{{ scope.orgName }}的发展党员工作：五个阶段二十五个步骤，按各步骤日期施行的规则检查。</p>
      <div v-if="pipeline" class="kpis dev-stages">
        <div v-for="s in pipeline.stages" :key="s.stage" class="kpi" :data-stage="s.stage">
          <div class="kpi-label">第{{ '一二三四五'[s.stage - 1] }}阶段 · {{ s.name }}</div>
          <div class="kpi-value">{{ s.count }}<small>人</small></div>
        </div>
      </div>
      <el-card v-for="sec in sections" :key="sec.key" shadow="never" class="dev-section" :class="'dev-' + sec.key">
        <template #header><span class="card-title">{{ sec.title }}</span> <el-tag v-if="sec.rows.length" size="small" :type="sec.key === 'due' ? 'warning' : 'danger'">{{ sec.rows.length }}</el-tag></template>
        <data-list :rows="sec.rows" :columns="itemColumns" row-key="applicant_id" size="small" :empty-text="sec.empty">
          <template #name="{ row }"><app-link :to="'/dev/applicants/' + row.applicant_id" class="link">{{ row.name }}</app-link></template>
          <template #message="{ row }"><span class="dev-message" :title="'规则 ' + row.rule">{{ row.message }}</span></template>
        </data-list>
      </el-card>
      <el-card shadow="never" class="dev-applicants">
        <template #header><span class="card-title">申请人</span></template>
        <data-list :rows="applicants" :columns="columns" :loading="loading" size="small" empty-text="当前范围内没有入党申请人">
          <template #name="{ row }"><app-link :to="'/dev/applicants/' + row.id" class="link">{{ row.name }}</app-link></template>
        </data-list>
      </el-card>
      <el-dialog v-model="show" title="登记入党申请" width="min(520px, 94vw)" class="new-applicant-dialog">
        <p class="form-hint">受理党组织：{{ scope.orgName }}。身份证号按名册规则校验，申请日须年满18周岁。</p>
        <el-alert v-if="refused" type="error" :closable="false" class="step-refused" title="规则不允许登记">
          <div v-for="(d, i) in refused.details" :key="i" class="refused-rule" :data-rule="refused.rules[i]" :title="'规则 ' + refused.rules[i]">{{ d }}</div>
        </el-alert>
        <el-form label-position="top" @submit.prevent="save">
          <el-form-item label="姓名" :error="errs.name"><el-input v-model="form.name" maxlength="40" class="f-name" /></el-form-item>
          <el-form-item label="性别" :error="errs.gender">
            <el-radio-group v-model="form.gender" class="f-gender"><el-radio value="男">男</el-radio><el-radio value="女">女</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item label="身份证号" :error="errs.id_number"><el-input v-model="form.id_number" maxlength="30" class="f-id" /></el-form-item>
          <el-form-item label="出生日期" :error="errs.birth_date"><el-date-picker v-model="form.birth_date" type="date" value-format="YYYY-MM-DD" class="f-birth" /></el-form-item>
          <el-form-item label="递交入党申请书日期" :error="errs.applied_on"><el-date-picker v-model="form.applied_on" type="date" value-format="YYYY-MM-DD" class="f-applied" /></el-form-item>
        </el-form>
        <template #footer><el-button @click="show = false">取消</el-button><el-button type="primary" :loading="busy" class="save-applicant" @click="save">登记</el-button></template>
      </el-dialog>
    </div>`,
};
