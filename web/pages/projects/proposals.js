// proposals.js: 民生实事 → 项目建议: the year's proposals (GET /api/proposals) with cost, the
// responsible body and the needs behind them; 提出建议 (POST /api/proposals), 可行性审查
// (可行 with the reviewed cost, 不可行 with a required explanation) and 撤回 with a reason;
// 提交议事表决 (问计): the feasible proposals put to a 议事协商 meeting's budget ballot
// (POST /api/deliberation/meetings/{id}/proposal-ballots; titles, costs and the year's budget
// come from the records, nothing is typed again).
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import { todayCN } from "../../lib/orglife.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted } = Vue;

const REASONS = [["duplicated", "与其他建议重复"], ["started", "已在实施"], ["unfeasible", "无法实施"], ["done", "已经完成"], ["other", "其他"]];

export default {
  name: "ProjProposals",
  components: { DataList, FormActions },
  setup() {
    const year = ref(Number(todayCN().slice(0, 4)));
    const items = ref([]);
    const needs = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/proposals", { org: scope.orgId, year: year.value })));
      if (r) items.value = r.items;
      try { needs.value = (await api("GET", withQuery("/api/needs", { org: scope.orgId, year: year.value, status: "open" }))).items; } catch { needs.value = []; }
    }
    watch(() => [scope.orgId, year.value], load);
    onMounted(load);
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const form = reactive({ title: "", description: "", cost: "", body: "", need_ids: [] });
    async function submit() {
      const cost = parseYuan(form.cost);
      if (cost.error || cost.fen === null) { errs.cost_fen = cost.error || "请填写估算金额"; return; }
      const ok = await submitForm({ busy, errs, fields: ["org_id", "title", "description", "cost_fen", "body", "needs"] }, async () => {
        await api("POST", "/api/proposals", { org_id: scope.orgId, year: year.value, title: form.title, description: form.description || undefined,
                                              cost_fen: cost.fen, body: form.body, needs: form.need_ids.map((id) => ({ need_id: id })) });
        ElementPlus.ElMessage.success("建议已提出");
      });
      if (ok) { open.value = false; Object.assign(form, { title: "", description: "", cost: "", body: "", need_ids: [] }); load(); }
    }
    const review = reactive({ open: false, row: null, verdict: "feasible", cost: "", note: "", busy: false });
    const rerrs = fieldErrors();
    function startReview(row) { Object.assign(review, { open: true, row, verdict: "feasible", cost: fmtYuan(row.cost_fen), note: "" }); }
    async function submitReview() {
      const cost = parseYuan(review.cost);
      const busy2 = ref(false);
      const ok = await submitForm({ busy: busy2, errs: rerrs, fields: ["verdict", "cost_fen", "note"] }, async () => {
        await api("POST", `/api/proposals/${review.row.id}/review`, { verdict: review.verdict, note: review.note || undefined,
                                                                       cost_fen: review.verdict === "feasible" && cost.fen !== null && !cost.error ? cost.fen : undefined });
        ElementPlus.ElMessage.success("审查结论已记录");
      });
      if (ok) { review.open = false; load(); }
    }
    async function retire(row) {
      let reason;
      try {
        reason = (await ElementPlus.ElMessageBox.prompt(`撤回原因：${REASONS.map((r) => r[1]).join("、")}（请输入其一）`, `撤回“${row.title}”`,
          { inputPattern: new RegExp(`^(${REASONS.map((r) => r[1]).join("|")})$`), inputErrorMessage: "请输入列出的原因之一" })).value;
      } catch { return; }
      try {
        await api("POST", `/api/proposals/${row.id}/retire`, { reason: REASONS.find((r) => r[1] === reason)[0] });
        ElementPlus.ElMessage.success("已撤回");
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    const columns = [{ key: "title", label: "建议", min: 170 }, { key: "cost_fen", label: "估算（元）", width: 120 }, { key: "body", label: "责任单位", min: 120 },
                     { key: "need_ids", label: "依据需求", width: 100 }, { key: "status_label", label: "审查", min: 150 }, { key: "ops", label: "", width: 150, phone: "actions" }];
    // 问计: the meetings of the bodies here (a community council, a street assembly) not closed.
    const vote = reactive({ open: false, meetings: [], meeting_id: null, proposal_ids: [], title: "", method: "approval", max_choices: 3, secret: true });
    const verrs = fieldErrors();
    const vbusy = ref(false);
    const feasible = () => items.value.filter((p) => p.status === "feasible" && !p.selected);
    async function startVote() {
      Object.assign(vote, { open: true, meeting_id: null, proposal_ids: feasible().map((p) => p.id), title: `${year.value}年民生实事项目票决` });
      try {
        const bodies = (await api("GET", withQuery("/api/bodies", { org: scope.orgId }))).items;
        const details = await Promise.all(bodies.map((b) => api("GET", `/api/bodies/${b.id}`)));
        vote.meetings = details.flatMap((d) => (d.meetings || []).filter((m) => m.status !== "closed"));
      } catch (e) { vote.meetings = []; ElementPlus.ElMessage.error(e.message); }
    }
    async function submitVote() {
      if (!vote.meeting_id) { verrs.meeting_id = "请选择议事会议"; return; }
      const ok = await submitForm({ busy: vbusy, errs: verrs, fields: ["title", "method", "max_choices", "secret", "proposals"] }, async () => {
        await api("POST", `/api/deliberation/meetings/${vote.meeting_id}/proposal-ballots`, {
          title: vote.title, method: vote.method, max_choices: vote.method === "approval" ? vote.max_choices : undefined,
          secret: vote.secret, proposals: vote.proposal_ids.map((id) => ({ proposal_id: id })) });
        ElementPlus.ElMessage.success("已建立表决，请在“议事协商”中开会、开启表决");
      });
      if (ok) vote.open = false;
    }
    return { year, items, needs, loading, columns, open, busy, errs, form, submit, review, rerrs, startReview, submitReview, retire, can, scope, isMobile, fmtYuan,
             vote, verrs, vbusy, feasible, startVote, submitVote };
  },
  template: `
    <div class="proj-proposals">
      <div class="toolbar">
        <el-input-number v-model="year" :min="2000" :max="2999" :controls="false" class="year-input" />
        <el-button v-if="can('projects.write')" type="primary" icon="Plus" class="proposal-new" @click="open = true">提出建议</el-button>
        <el-button v-if="can('deliberation.write')" icon="Finished" class="proposal-vote" :disabled="feasible().length < 2" @click="startVote">提交议事表决</el-button>
      </div>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="这一年度还没有项目建议">
        <template #cost_fen="{ row }">{{ fmtYuan(row.cost_fen) }}</template>
        <template #need_ids="{ row }">{{ row.need_ids.join('、') }}</template>
        <template #status_label="{ row }">
          <el-tag size="small" :type="row.status === 'feasible' ? 'success' : row.status === 'unfeasible' ? 'danger' : 'info'">{{ row.status_label }}</el-tag>
          <div v-if="row.feasibility_note" class="proj-note-text">{{ row.feasibility_note }}</div>
          <div v-if="row.retire_reason" class="proj-note-text">{{ row.retire_reason_label }}</div>
          <div v-if="row.selected" class="proj-note-text">已列入实事清单</div>
        </template>
        <template #ops="{ row }">
          <template v-if="can('projects.write') && row.status !== 'retired' && !row.selected">
            <el-button size="small" type="primary" class="proposal-review" @click="startReview(row)">审查</el-button>
            <el-button size="small" @click="retire(row)">撤回</el-button>
          </template>
        </template>
      </data-list>
      <el-dialog v-model="open" title="提出项目建议" :fullscreen="isMobile" width="560px">
        <el-form label-position="top" @submit.prevent="submit">
          <p class="form-hint">{{ scope.orgName }} · {{ year }} 年度</p>
          <el-form-item label="项目名称" :error="errs.title || errs.org_id"><el-input v-model="form.title" maxlength="100" /></el-form-item>
          <el-form-item label="估算金额（元）" :error="errs.cost_fen"><el-input v-model="form.cost" inputmode="decimal" /></el-form-item>
          <el-form-item label="责任单位" :error="errs.body"><el-input v-model="form.body" maxlength="100" /></el-form-item>
          <el-form-item label="依据的需求" :error="errs.needs">
            <el-select v-model="form.need_ids" multiple class="need-pick" placeholder="选择需求池中的需求">
              <el-option v-for="n in needs" :key="n.id" :label="n.id + ' ' + n.title" :value="n.id" />
            </el-select>
          </el-form-item>
          <el-form-item label="项目内容（选填）" :error="errs.description"><el-input v-model="form.description" type="textarea" :rows="3" maxlength="2000" /></el-form-item>
          <form-actions label="提出" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="vote.open" title="提交议事表决（问计）" :fullscreen="isMobile" width="560px" class="proposal-vote-dialog">
        <el-form label-position="top" @submit.prevent="submitVote">
          <p class="form-hint">表决的选项就是下列建议（名称、核定金额），预算为{{ year }}年度民生实事预算；入选名单按得票在预算内依次确定。</p>
          <el-form-item label="议事会议" :error="verrs.meeting_id">
            <el-select v-model="vote.meeting_id" placeholder="选择议事会议" class="need-pick">
              <el-option v-for="m in vote.meetings" :key="m.id" :label="m.body_name + ' · ' + m.held_on + ' · ' + m.status_label" :value="m.id" />
            </el-select>
            <div v-if="!vote.meetings.length" class="form-hint">还没有未结束的议事会议：请先在“议事协商”中召集会议。</div>
          </el-form-item>
          <el-form-item label="表决的建议" :error="verrs.proposals">
            <el-select v-model="vote.proposal_ids" multiple class="need-pick">
              <el-option v-for="p in feasible()" :key="p.id" :label="p.title + '（' + fmtYuan(p.cost_fen) + ' 元）'" :value="p.id" />
            </el-select>
          </el-form-item>
          <el-form-item label="表决事项" :error="verrs.title"><el-input v-model="vote.title" maxlength="100" /></el-form-item>
          <el-form-item label="表决方式" :error="verrs.method">
            <el-radio-group v-model="vote.method"><el-radio value="approval">赞成票（限选）</el-radio><el-radio value="borda">排序</el-radio><el-radio value="score">评分</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item v-if="vote.method === 'approval'" label="每人最多选几项" :error="verrs.max_choices"><el-input-number v-model="vote.max_choices" :min="1" :max="100" /></el-form-item>
          <el-form-item :error="verrs.secret"><el-checkbox v-model="vote.secret">无记名投票</el-checkbox></el-form-item>
          <form-actions label="建立表决" :busy="vbusy" @cancel="vote.open = false" />
        </el-form>
      </el-dialog>
      <el-dialog v-model="review.open" title="可行性审查" :fullscreen="isMobile" width="480px">
        <el-form v-if="review.row" label-position="top" @submit.prevent="submitReview">
          <p class="form-hint">{{ review.row.title }}</p>
          <el-form-item label="结论" :error="rerrs.verdict">
            <el-radio-group v-model="review.verdict"><el-radio value="feasible">可行</el-radio><el-radio value="unfeasible">不可行</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item v-if="review.verdict === 'feasible'" label="核定金额（元）" :error="rerrs.cost_fen"><el-input v-model="review.cost" inputmode="decimal" /></el-form-item>
          <el-form-item :label="review.verdict === 'feasible' ? '说明（选填）' : '不可行的理由'" :error="rerrs.note"><el-input v-model="review.note" type="textarea" :rows="3" maxlength="1000" /></el-form-item>
          <form-actions label="记录结论" @cancel="review.open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
