// meeting.js: 议事协商 → 会议与表决: one meeting (GET /api/deliberation/meetings/{id}): presence
// marked on site (a representative who votes online counts present), opening the meeting (refused
// with the failing composition rules named) and closing it, ballots set up (method, choices,
// budget in 万元, secret), opened and closed, and each closed ballot's result: quorum, the
// tally, the selection and the explanation lines, with a printable sheet; a valid ballot over
// 民生实事 proposals gives the year's 实事清单 (据此确定实事清单). Text shown as text.
import { api, loadWith } from "../../lib/api.js";
import { can } from "../../lib/session.js";
import { fieldErrors, submitForm } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import DataList from "../../components/data-list.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive, watch, onMounted } = Vue;

// "12.5" (万元) → fen, as text arithmetic (no floating point); null when blank or bad.
function wanToFen(text) {
  const s = String(text ?? "").replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[．。]/g, ".").replace(/[\s,，万元]/g, "");
  const m = s.match(/^(\d{1,7})(?:\.(\d{1,6}))?$/);
  if (!m) return null;
  return Number(m[1]) * 1000000 + Number((m[2] || "").padEnd(6, "0"));
}
const fmtWan = (fen) => (fen === null || fen === undefined ? "—" : `${(fen / 1000000).toFixed(2)} 万元`);

export default {
  name: "DelibMeeting",
  components: { DataList, FormActions },
  props: { meetingId: { type: Number, default: null } },
  setup(props) {
    const m = ref(null);
    const loading = ref(false);
    const results = reactive({});
    async function load() {
      if (!props.meetingId) return;
      const r = await loadWith(loading, () => api("GET", `/api/deliberation/meetings/${props.meetingId}`));
      if (!r) return;
      m.value = r;
      for (const b of r.ballots) if (b.status === "closed") results[b.id] = await api("GET", `/api/ballots/${b.id}/result`);
    }
    watch(() => props.meetingId, load);
    onMounted(load);
    async function act(path, action) {
      try { await api("POST", path, { action }); load(); } catch (e) { ElementPlus.ElMessage.error(e.message); }
    }
    async function mark(p, present) {
      try { await api("POST", `/api/deliberation/meetings/${m.value.id}/presence`, { person_id: p.person_id, present }); load(); } catch (e) { ElementPlus.ElMessage.error(e.message); }
    }
    const open = ref(false);
    const busy = ref(false);
    const errs = fieldErrors();
    const f = reactive({ title: "", method: "approval", max_choices: 1, max_score: 5, winners: 1, budget: "", secret: true, options: [{ title: "", cost: "" }, { title: "", cost: "" }] });
    async function addBallot() {
      const ok = await submitForm({ busy, errs, fields: ["title", "method", "max_choices", "max_score", "winners", "budget_fen", "options"] }, async () => {
        const budget = f.budget ? wanToFen(f.budget) : null;
        await api("POST", `/api/deliberation/meetings/${m.value.id}/ballots`, {
          title: f.title, method: f.method, secret: f.secret,
          max_choices: f.method === "score" ? undefined : f.max_choices,
          max_score: f.method === "score" ? f.max_score : undefined,
          winners: budget ? undefined : f.winners, budget_fen: budget || undefined,
          options: f.options.map((o) => ({ title: o.title, cost_fen: o.cost ? wanToFen(o.cost) ?? -1 : undefined })),
        });
        ElementPlus.ElMessage.success("表决已设立");
      });
      if (ok) { open.value = false; load(); }
    }
    const print = () => window.print();
    // 问计 → 实事清单: a valid ballot over 民生实事 proposals gives the year's list (its org and
    // year read from a selected proposal; POST /api/selections {ballot_id}).
    const fromProposals = (r) => r.quorum_met && r.tally.some((t) => t.selected && t.ref_kind === "proposal");
    async function toSelection(b) {
      const first = results[b.id].tally.find((t) => t.selected && t.ref_kind === "proposal");
      try {
        const p = await api("GET", `/api/proposals/${first.ref_id}`);
        const s = await api("POST", "/api/selections", { org_id: p.org_id, year: p.year, ballot_id: b.id,
                                                        basis: `${m.value.body_name} ${m.value.held_on} 会议表决“${b.title}”` });
        ElementPlus.ElMessage.success(`已确定${p.year}年度实事清单（${s.items.length} 项），请到“民生实事”公示`);
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
    }
    const presCols = [{ key: "name", label: "代表", min: 100 }, { key: "role_label", label: "身份", width: 110 }, { key: "how", label: "到会", width: 150, phone: "actions" }];
    const tallyCols = [{ key: "title", label: "选项", min: 140 }, { key: "rank", label: "名次", width: 70 }, { key: "value", label: "得票/得分", width: 100 },
                       { key: "cost_fen", label: "估算费用", width: 120 }, { key: "selected", label: "结果", width: 80 }];
    return { m, loading, results, act, mark, open, busy, errs, f, addBallot, presCols, tallyCols, can, isMobile, fmtWan, print,
             fromProposals, toSelection };
  },
  template: `
    <div class="delib-meeting">
      <el-empty v-if="!m" description="在“议事机构”中选择或召集一次会议" />
      <template v-else>
        <div class="delib-sheet">
          <h3 class="section-title">{{ m.body_name }} 议事会议 <el-tag size="small">{{ m.status_label }}</el-tag></h3>
          <p class="muted">{{ m.held_on }} · {{ m.place }} · 到会 {{ m.present }} / 名册 {{ m.roster }}</p>
          <p class="delib-agenda">{{ m.agenda }}</p>
        </div>
        <div class="toolbar no-print" v-if="can('deliberation.write')">
          <el-button v-if="m.status === 'planned'" type="primary" @click="act('/api/deliberation/meetings/' + m.id + '/actions', 'open')">开会</el-button>
          <el-button v-if="m.status === 'open'" @click="act('/api/deliberation/meetings/' + m.id + '/actions', 'close')">结束会议</el-button>
          <el-button v-if="m.status !== 'closed'" icon="Plus" @click="open = true">设立表决</el-button>
          <el-button icon="Printer" @click="print">打印会议纪要</el-button>
        </div>
        <h4 class="no-print">到会登记</h4>
        <data-list class="no-print" :rows="m.presence" :columns="presCols" size="small" empty-text="名册为空">
          <template #how="{ row }">
            <el-switch v-if="can('deliberation.write') && m.status !== 'closed'" :model-value="row.present" active-text="到会" @change="(v) => mark(row, v)" />
            <span v-else>{{ row.present ? '到会' : '未到' }}</span>
            <span v-if="row.how === 'online'" class="muted">（线上投票）</span>
          </template>
        </data-list>
        <div v-for="b in m.ballots" :key="b.id" class="delib-ballot">
          <h4>{{ b.title }} <el-tag size="small">{{ b.method_label }}</el-tag> <el-tag size="small" type="info">{{ b.status_label }}</el-tag>
            <el-tag v-if="b.secret" size="small" type="warning">无记名</el-tag></h4>
          <p class="muted">已投票 {{ b.voters }} 人<span v-if="b.budget_fen"> · 预算 {{ fmtWan(b.budget_fen) }}</span></p>
          <div class="toolbar no-print" v-if="can('deliberation.write')">
            <el-button v-if="b.status === 'draft'" size="small" type="primary" @click="act('/api/ballots/' + b.id + '/actions', 'open')">开始投票</el-button>
            <el-button v-if="b.status === 'open'" size="small" @click="act('/api/ballots/' + b.id + '/actions', 'close')">结束投票</el-button>
          </div>
          <template v-if="results[b.id]">
            <el-alert :type="results[b.id].quorum_met ? 'success' : 'error'" :closable="false" :title="results[b.id].lines[0]" />
            <data-list :rows="results[b.id].tally" :columns="tallyCols" size="small" empty-text="无计票">
              <template #cost_fen="{ row }">{{ fmtWan(row.cost_fen) }}</template>
              <template #selected="{ row }"><el-tag v-if="row.selected" type="success" size="small">入选</el-tag><span v-else class="muted">—</span></template>
            </data-list>
            <ol class="delib-lines"><li v-for="(l, i) in results[b.id].lines.slice(1)" :key="i">{{ l }}</li></ol>
            <p v-if="results[b.id].tie_rule" class="muted">同分规则：{{ results[b.id].tie_rule }}</p>
            <el-button v-if="fromProposals(results[b.id]) && can('projects.write')" size="small" type="primary" class="no-print to-selection"
                       @click="toSelection(b)">据此确定实事清单</el-button>
          </template>
        </div>
      </template>
      <el-dialog v-model="open" title="设立表决" :fullscreen="isMobile" width="600px">
        <el-form label-position="top" @submit.prevent="addBallot">
          <el-form-item label="表决事项" :error="errs.title"><el-input v-model="f.title" maxlength="100" /></el-form-item>
          <el-form-item label="表决方式" :error="errs.method">
            <el-radio-group v-model="f.method"><el-radio value="approval">赞成票</el-radio><el-radio value="score">评分</el-radio><el-radio value="borda">排序</el-radio></el-radio-group>
          </el-form-item>
          <el-form-item v-if="f.method !== 'score'" :label="f.method === 'approval' ? '每人最多选几项' : '排出前几名'" :error="errs.max_choices"><el-input-number v-model="f.max_choices" :min="1" :max="100" /></el-form-item>
          <el-form-item v-else label="满分" :error="errs.max_score"><el-input-number v-model="f.max_score" :min="1" :max="100" /></el-form-item>
          <el-form-item label="预算（万元，选填；填写后按名次在预算内选定）" :error="errs.budget_fen"><el-input v-model="f.budget" inputmode="decimal" maxlength="12" /></el-form-item>
          <el-form-item v-if="!f.budget" label="入选名额" :error="errs.winners"><el-input-number v-model="f.winners" :min="1" :max="100" /></el-form-item>
          <el-form-item><el-checkbox v-model="f.secret">无记名投票</el-checkbox></el-form-item>
          <el-form-item label="选项" :error="errs.options">
            <div v-for="(o, i) in f.options" :key="i" class="delib-option-row">
              <el-input v-model="o.title" :placeholder="'选项' + (i + 1)" maxlength="100" />
              <el-input v-if="f.budget" v-model="o.cost" placeholder="费用（万元）" inputmode="decimal" class="delib-cost" />
              <el-button link type="danger" icon="Delete" :disabled="f.options.length <= 2" @click="f.options.splice(i, 1)" />
            </div>
            <el-button link type="primary" icon="Plus" @click="f.options.push({ title: '', cost: '' })">增加选项</el-button>
          </el-form-item>
          <form-actions label="设立" :busy="busy" @cancel="open = false" />
        </el-form>
      </el-dialog>
    </div>`,
};
