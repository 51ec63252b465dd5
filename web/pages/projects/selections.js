// selections.js: 民生实事 → 实事清单与公示: the year's budget (GET/POST /api/project-budgets), the
// selection of each community (GET /api/selections) with its ranked items, 公示期 and
// objections; 确定清单 (POST /api/selections: feasible proposals in rank order, refused over the
// budget), 公示 (publish), answering each objection, 登记异议 on a resident's behalf and 确定立项
// (adopt: only after the window and with every objection answered). Objections are text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted, computed } = Vue;

export default {
  name: "ProjSelections",
  components: { FormActions },
  setup() {
    const year = ref(Number(todayCN().slice(0, 4)));
    const items = ref([]);
    const budget = ref(null);
    const feasible = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/selections", { org: scope.orgId, year: year.value })));
      if (r) items.value = r.items;
      try { budget.value = (await api("GET", withQuery("/api/project-budgets", { org: scope.orgId, year: year.value }))).amount_fen; } catch { budget.value = null; }
      try { feasible.value = (await api("GET", withQuery("/api/proposals", { org: scope.orgId, year: year.value, status: "feasible" }))).items; } catch { feasible.value = []; }
    }
    watch(() => [scope.orgId, year.value], load);
    onMounted(load);
    async function setBudget() {
      let v;
      try { v = (await ElementPlus.ElMessageBox.prompt("年度民生实事预算（元）", `${scope.orgName} ${year.value} 年度预算`, { inputValue: budget.value === null ? "" : fmtYuan(budget.value) })).value; } catch { return; }
      const p = parseYuan(v);
      if (p.error || p.fen === null) { ElementPlus.ElMessage.error(p.error || "请填写金额"); return; }
      try { await api("POST", "/api/project-budgets", { org_id: scope.orgId, year: year.value, amount_fen: p.fen }); ElementPlus.ElMessage.success("预算已设定"); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ basis: "", ids: [] });
    const picked = computed(() => form.ids.reduce((t, id) => t + ((feasible.value.find((p) => p.id === id) || {}).cost_fen || 0), 0));
    async function submit() {
      const ok = await submitForm({ busy, errs, fields: ["org_id", "year", "basis", "proposals"] }, async () => {
        await api("POST", "/api/selections", { org_id: scope.orgId, year: year.value, basis: form.basis, proposals: form.ids.map((id) => ({ proposal_id: id })) });
        ElementPlus.ElMessage.success("清单已确定，待公示");
      });
      if (ok) { open.value = false; Object.assign(form, { basis: "", ids: [] }); load(); }
    }
    async function act(s, what, body) {
      try {
        await api("POST", `/api/selections/${s.id}/${what}`, body);
        ElementPlus.ElMessage.success(what === "publish" ? "已公示" : "已确定立项");
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    async function ask(title, label) {
      try { return (await ElementPlus.ElMessageBox.prompt(label, title, { inputType: "textarea", inputPattern: /\S\S/, inputErrorMessage: "至少两个字" })).value; } catch { return null; }
    }
    async function answer(s, o) {
      const text = await ask("答复异议", o.content);
      if (text === null) return;
      try { await api("POST", `/api/selections/${s.id}/objections/${o.id}/answer`, { answer: text }); ElementPlus.ElMessage.success("已答复"); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    async function objection(s) {
      const text = await ask("代居民登记异议", "异议内容（居民电话或来访提出的）");
      if (text === null) return;
      try { await api("POST", `/api/selections/${s.id}/objections`, { content: text }); ElementPlus.ElMessage.success("异议已登记"); } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    return { year, items, budget, feasible, loading, open, busy, errs, form, picked, submit, setBudget, act, answer, objection, can, scope, isMobile, fmtYuan };
  },
  template: `
    <div class="proj-selections" v-loading="loading">
      <div class="toolbar">
        <el-input-number v-model="year" :min="2000" :max="2999" :controls="false" class="year-input" />
        <span class="proj-budget">年度预算：{{ budget === null ? '未设定' : fmtYuan(budget) + ' 元' }}</span>
        <el-button v-if="can('projects.write')" size="small" @click="setBudget">设定预算</el-button>
        <el-button v-if="can('projects.write')" type="primary" icon="Plus" class="selection-new" @click="open = true">确定清单</el-button>
      </div>
      <el-empty v-if="!loading && !items.length" description="这一年度还没有实事清单" />
      <el-card v-for="s in items" :key="s.id" shadow="never" class="proj-selection">
        <template #header>
          <div class="proj-sel-head">
            <span class="card-title">{{ s.org_name }} {{ s.year }} 年度实事清单</span>
            <el-tag size="small" :type="s.status === 'adopted' ? 'success' : s.status === 'publicity' ? 'warning' : 'info'">{{ s.status_label }}</el-tag>
          </div>
        </template>
        <div class="form-hint">依据：{{ s.basis }}<template v-if="s.ballot_id"> · 表决 {{ s.ballot_id }}</template></div>
        <div class="form-hint">合计 {{ fmtYuan(s.total_fen) }} 元 / 预算 {{ fmtYuan(s.budget_fen) }} 元
          <template v-if="s.publicity_from"> · 公示期 {{ s.publicity_from }} 至 {{ s.publicity_until }}（{{ s.publicity_days }} 天）</template></div>
        <ol class="proj-items">
          <li v-for="i in s.items" :key="i.rank">{{ i.title }} <span class="muted">{{ fmtYuan(i.cost_fen) }} 元</span></li>
        </ol>
        <div v-if="s.objections.length" class="proj-objections">
          <div class="sub-title">异议（{{ s.answered_count }}/{{ s.objection_count }} 已答复）</div>
          <div v-for="o in s.objections" :key="o.id" class="proj-objection">
            <div>{{ o.content }} <el-tag size="small" type="info">{{ o.channel === 'staff' ? '代登记' : '居民本人' }}</el-tag></div>
            <div v-if="o.answer" class="proj-answer">答复：{{ o.answer }}</div>
            <el-button v-else-if="can('projects.write')" size="small" type="primary" class="objection-answer" @click="answer(s, o)">答复</el-button>
          </div>
        </div>
        <div v-if="can('projects.write')" class="proj-actions">
          <el-button v-if="s.status === 'draft'" type="primary" class="selection-publish" @click="act(s, 'publish')">公示</el-button>
          <el-button v-if="s.window_open" @click="objection(s)">代登记异议</el-button>
          <el-button v-if="s.status === 'publicity'" type="success" class="selection-adopt" :disabled="s.window_open || s.answered_count < s.objection_count" @click="act(s, 'adopt')">确定立项</el-button>
          <span v-if="s.status === 'publicity' && (s.window_open || s.answered_count < s.objection_count)" class="muted">公示期满且异议全部答复后可确定立项</span>
        </div>
      </el-card>
      <el-dialog v-model="open" title="确定年度实事清单" :fullscreen="isMobile" width="560px">
        <el-form label-position="top" @submit.prevent="submit">
          <p class="form-hint">{{ scope.orgName }} · {{ year }} 年度 · 预算 {{ budget === null ? '未设定' : fmtYuan(budget) + ' 元' }}</p>
          <el-form-item label="入选项目（按排序依次选择，仅可行的建议）" :error="errs.proposals || errs.year || errs.org_id">
            <el-select v-model="form.ids" multiple class="selection-pick" placeholder="选择可行的建议">
              <el-option v-for="p in feasible" :key="p.id" :label="p.title + '（' + fmtYuan(p.cost_fen) + ' 元）'" :value="p.id" />
            </el-select>
          </el-form-item>
          <p class="form-hint" :class="{ 'over-budget': budget !== null && picked > budget }">已选合计 {{ fmtYuan(picked) }} 元</p>
          <el-form-item label="确定依据（会议名称、日期）" :error="errs.basis"><el-input v-model="form.basis" maxlength="1000" /></el-form-item>
          <form-actions label="确定" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
