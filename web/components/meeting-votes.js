// meeting-votes.js: 表决 on a meeting's page (a 支部党员大会 or 支委会): each vote with its
// subject, kind, 无记名投票 or 举手表决, 应到 (voting 正式党员; 预备党员 have no vote), 实到, the
// tallies, and the result the server computed on closing with what it means in words. A
// cadre (orglife.write) opens a vote (with the members not counted in 应到 and why), records ballots (one tap per person, saved together; a
// voter who is absent gives a signed 书面意见), enters the counted paper ballots of a secret
// vote and closes the vote. A secret ballot is the member's own (我的): here only whether
// they voted, never what. The result is never chosen here.
import { api } from "../lib/api.js";
import { options, codeLabel } from "../lib/meta.js";
import { fieldErrors, submitForm } from "../lib/forms.js";
import { isMobile } from "../lib/viewport.js";
import FormActions from "./form-actions.js";
const { ref, reactive, computed, onMounted } = Vue;

const attends = (p) => !!p && (p.status === "present" || p.status === "online");

// What a closed vote's result means, in words, from its own figures: N (应到), the voting
// members present and the yes votes. The rule rows decide; this only says which line was not
// reached (a quorum or pass share other than half shows as 规定人数).
export function explainVote(v, liveCount) {
  const n = v.expected_n, p = v.result ? v.present_n : liveCount, y = v.yes_n;
  const head = `应到 ${n} 人，实到 ${p} 人`;
  if (v.result === "failed_quorum") return `${head}，${p * 2 <= n ? "未过半数" : "未达到规定人数"}：${v.result_label}`;
  if (v.result === "passed") return `${head}；赞成 ${y} 票，超过${y * 2 > n ? "应到" : "实到"}人数的半数：${v.result_label}`;
  if (v.result === "rejected") return `${head}，到会人数符合规定；赞成 ${y} 票，${y * 2 <= p ? "未过半数" : "未超过应到人数的半数"}：${v.result_label}`;
  return `表决进行中：应到 ${n} 人，已登记到会 ${p} 人${p * 2 <= n ? "，尚未过半数" : ""}`;
}

export default {
  name: "MeetingVotes",
  components: { FormActions },
  props: { meeting: { type: Object, required: true }, people: { type: Array, required: true }, canWrite: Boolean },
  setup(props) {
    const votes = ref([]);
    const loaded = ref(false);
    const error = ref("");
    const base = () => `/api/meetings/${props.meeting.id}/votes`;
    async function load() {
      try {
        votes.value = (await api("GET", base())).items;
      } catch (e) {
        error.value = e.message;
      } finally {
        loaded.value = true;
      }
    }
    onMounted(load);
    const votable = computed(() => ["party_congress", "committee"].includes(props.meeting.type) && props.meeting.status !== "cancelled");
    const byId = computed(() => Object.fromEntries(props.people.map((p) => [p.person_id, p])));
    const nameOf = (id) => (byId.value[id] ? byId.value[id].name : `#${id}`);
    // The voters of a vote as the page knows them: expected, not 预备, not excluded.
    const votersOf = (v) => props.people.filter((p) => p.expected && !p.probationary && !v.excluded.some((e) => e.person_id === p.person_id));
    const liveCount = (v) => votersOf(v).filter(attends).length;
    const explain = (v) => explainVote(v, liveCount(v));
    const resultType = (r) => ({ passed: "success", rejected: "danger", failed_quorum: "warning" }[r] || "primary");
    const choices = computed(() => options("vote_choice").filter((c) => c.value !== "invalid"));
    const choiceLabel = (c) => codeLabel("vote_choice", c);

    // 发起表决
    const createOpen = ref(false);
    const busy = ref(false);
    const form = reactive({ subject: "", kind: "decision", method: "open", resolution: "", excluded: [] });
    const errs = fieldErrors();
    // Who may be left out of 应到 (VOTE-ELIGIBLE): the meeting's expected 正式党员.
    const eligible = computed(() => props.people.filter((p) => p.expected && !p.probationary));
    const excludedErr = computed(() => (Object.keys(errs).some((k) => k.startsWith("excluded/")) ? "" : errs.excluded));
    function openCreate() {
      Object.assign(form, { subject: "", kind: "decision", method: "open", resolution: "", excluded: [] });
      for (const k of Object.keys(errs)) delete errs[k];
      createOpen.value = true;
    }
    async function create() {
      await submitForm({ busy, errs, fields: ["subject", "kind", "method", "resolution", "excluded"] }, async () => {
        const body = { subject: form.subject, kind: form.kind, method: form.method };
        if (form.resolution.trim()) body.resolution = form.resolution;
        if (form.excluded.length) body.excluded = form.excluded.map((e) => ({ person_id: e.person_id, reason: e.reason }));
        votes.value = (await api("POST", base(), body)).items;
        createOpen.value = false;
        ElementPlus.ElMessage.success("已发起表决");
      });
    }

    // 登记表决: choices picked per person (one tap each), saved together; a refused one keeps
    // its pick and shows the server's message under that person.
    const ballotsOf = ref(0); // the vote whose ballots are open
    const picks = reactive({});
    const rowErrs = reactive({});
    const saving = ref(false);
    function toggleBallots(v) {
      ballotsOf.value = ballotsOf.value === v.id ? 0 : v.id;
      for (const k of Object.keys(picks)) delete picks[k];
      for (const k of Object.keys(rowErrs)) delete rowErrs[k];
    }
    const votedOf = (v, p) => v.voters.find((x) => x.person_id === p.person_id);
    // Who can be recorded here: an open vote's voters, or an absent voter's 书面意见.
    const recordable = (v, p) => v.method === "open" || !attends(p);
    const picked = computed(() => Object.keys(picks).length);
    async function saveBallots(v) {
      saving.value = true;
      for (const k of Object.keys(rowErrs)) delete rowErrs[k];
      let ok = 0;
      for (const [id, choice] of Object.entries(picks)) {
        const person = byId.value[id];
        try {
          const r = await api("POST", `${base()}/${v.id}/ballots`, { person_id: Number(id), choice, how: attends(person) ? "present" : "written" });
          votes.value = r.items;
          delete picks[id];
          ok++;
        } catch (e) {
          rowErrs[id] = e.message;
        }
      }
      saving.value = false;
      if (ok) ElementPlus.ElMessage.success(`已登记 ${ok} 张表决票`);
      if (!picked.value) ballotsOf.value = 0;
    }

    // 录入计票 (a secret vote's counted paper ballots)
    const tallyOf = ref(null);
    const tally = reactive({ yes: 0, no: 0, abstain: 0, invalid: 0 });
    const tallyErrs = fieldErrors();
    function openTally(v) {
      Object.assign(tally, { yes: v.paper ? v.yes_n : 0, no: v.paper ? v.no_n : 0, abstain: v.paper ? v.abstain_n : 0, invalid: v.paper ? v.invalid_n : 0 });
      for (const k of Object.keys(tallyErrs)) delete tallyErrs[k];
      tallyOf.value = v;
    }
    async function saveTally() {
      await submitForm({ busy, errs: tallyErrs, fields: ["yes", "no", "abstain", "invalid"] }, async () => {
        votes.value = (await api("PUT", `${base()}/${tallyOf.value.id}/tally`, { ...tally })).items;
        tallyOf.value = null;
        ElementPlus.ElMessage.success("计票结果已录入");
      });
    }

    // 结束表决
    async function close(v) {
      try {
        await ElementPlus.ElMessageBox.confirm(
          `结束“${v.subject}”的表决？结束后不能再投票；结果按应到 ${v.expected_n} 人、实到 ${liveCount(v)} 人和票数依规则计算。`,
          "结束表决", { type: "warning", confirmButtonText: "结束表决", cancelButtonText: "取消" });
      } catch {
        return;
      }
      try {
        votes.value = (await api("POST", `${base()}/${v.id}/close`)).items;
        const done = votes.value.find((x) => x.id === v.id);
        ElementPlus.ElMessage.success(`表决已结束：${done.result_label}`);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    return { votes, loaded, error, votable, nameOf, votersOf, liveCount, explain, resultType, choices, choiceLabel, attends,
             createOpen, busy, form, errs, eligible, excludedErr, openCreate, create, kinds: computed(() => options("vote_kind")), methods: computed(() => options("vote_method")),
             ballotsOf, picks, rowErrs, saving, picked, toggleBallots, votedOf, recordable, saveBallots,
             tallyOf, tally, tallyErrs, openTally, saveTally, close, isMobile };
  },
  template: `
    <el-card v-if="votable || votes.length" shadow="never" class="me-card meeting-votes">
      <template #header>
        <div class="card-head">
          <span class="card-title">表决</span>
          <el-button v-if="canWrite && votable" size="small" type="primary" icon="Plus" class="vote-new" @click="openCreate">发起表决</el-button>
        </div>
      </template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <div v-else-if="votes.length" class="vote-list">
        <div v-for="v in votes" :key="v.id" class="vote-item" :data-vote="v.id" :class="v.result ? 'vote-closed' : 'vote-open'">
          <div class="vote-head">
            <span class="vote-subject">{{ v.subject }}</span>
            <el-tag size="small" :type="v.result ? resultType(v.result) : 'primary'" class="vote-status">{{ v.result ? v.result_label : '进行中' }}</el-tag>
          </div>
          <div class="vote-sub">{{ v.kind_label }} · {{ v.method_label }}<template v-if="v.candidate_name"> · 表决对象：{{ v.candidate_name }}</template></div>
          <div class="vote-figures">
            <span>应到 <b class="v-expected">{{ v.expected_n }}</b></span>
            <span>实到 <b class="v-present">{{ v.result ? v.present_n : liveCount(v) }}</b></span>
            <span>赞成 <b class="v-yes">{{ v.yes_n }}</b></span>
            <span>反对 <b class="v-no">{{ v.no_n }}</b></span>
            <span>弃权 <b class="v-abstain">{{ v.abstain_n }}</b></span>
            <span v-if="v.invalid_n">废票 <b>{{ v.invalid_n }}</b></span>
            <span v-if="v.written_n">其中书面意见 <b>{{ v.written_n }}</b></span>
          </div>
          <div class="vote-explain" :class="'explain-' + (v.result || 'open')" :title="v.quorum_rule ? '规则 ' + v.quorum_rule + '、' + v.pass_rule : ''">{{ explain(v) }}</div>
          <div class="vote-note">应到为会议当日有表决权的正式党员，预备党员不计入<template v-if="v.paper">；票数据纸质选票录入</template></div>
          <div v-if="v.excluded.length" class="vote-note">不计入应到人数：<span v-for="e in v.excluded" :key="e.person_id" class="vote-excluded">{{ nameOf(e.person_id) }}（{{ e.reason }}）</span></div>
          <div v-if="v.resolution" class="vote-note pre-text">决议：{{ v.resolution }}</div>
          <div v-if="canWrite && !v.result" class="vote-actions">
            <el-button size="small" class="vote-ballots" @click="toggleBallots(v)">{{ ballotsOf === v.id ? '收起' : (v.method === 'open' ? '登记表决' : '投票情况') }}</el-button>
            <el-button v-if="v.method === 'secret'" size="small" class="vote-tally" @click="openTally(v)">录入纸质计票</el-button>
            <el-button size="small" type="danger" plain class="vote-close" @click="close(v)">结束表决</el-button>
          </div>
          <div v-if="ballotsOf === v.id" class="ballot-list">
            <div v-if="v.method === 'secret'" class="form-hint">无记名投票由到会党员本人在“我的”中投票，此处只显示是否已投；未到会的党员可登记会前书面意见（记名）。</div>
            <div v-for="p in votersOf(v)" :key="p.person_id" class="ballot-row" :data-person="p.person_id" :class="{ 'has-error': rowErrs[p.person_id] }">
              <div class="ballot-who">
                <span class="ballot-name">{{ p.name }}</span>
                <el-tag size="small" :type="attends(p) ? 'success' : 'info'" class="tag-gap-left">{{ attends(p) ? '到会' : '未到会' }}</el-tag>
              </div>
              <div v-if="votedOf(v, p)" class="ballot-done">
                <template v-if="votedOf(v, p).choice">{{ votedOf(v, p).how === 'written' ? '书面意见：' : '' }}{{ choiceLabel(votedOf(v, p).choice) }}</template>
                <template v-else>已投票</template>
              </div>
              <div v-else-if="recordable(v, p)" class="ballot-choices" role="radiogroup" :aria-label="p.name + '的表决意见'">
                <span v-if="!attends(p)" class="ballot-how">书面意见</span>
                <button v-for="c in choices" :key="c.value" type="button" role="radio" :aria-checked="picks[p.person_id] === c.value"
                        class="ballot-choice" :class="['choice-' + c.value, { active: picks[p.person_id] === c.value }]" @click="picks[p.person_id] = c.value">{{ c.label }}</button>
              </div>
              <div v-else class="ballot-done ballot-waiting">未投票</div>
              <div v-if="rowErrs[p.person_id]" class="attend-row-error">{{ rowErrs[p.person_id] }}</div>
            </div>
            <div v-if="!votersOf(v).length" class="form-hint">没有有表决权的应到人员</div>
            <div class="ballot-save">
              <span class="form-hint">已选 {{ picked }} 人</span>
              <el-button type="primary" size="small" :loading="saving" :disabled="!picked" class="ballot-submit" @click="saveBallots(v)">保存表决票</el-button>
            </div>
          </div>
        </div>
      </div>
      <div v-else-if="loaded" class="form-hint">本次会议没有表决事项</div>

      <el-dialog v-model="createOpen" title="发起表决" :width="isMobile ? '94%' : '520px'" append-to-body>
        <el-form label-position="top" class="vote-form" @submit.prevent="create">
          <el-form-item label="表决事项" :error="errs.subject" required>
            <el-input v-model="form.subject" name="subject" maxlength="200" placeholder="如：接收张某某为预备党员" />
          </el-form-item>
          <el-form-item label="表决类型" :error="errs.kind" required>
            <el-select v-model="form.kind" class="vote-kind" style="width: 100%"><el-option v-for="k in kinds" :key="k.value" :label="k.label" :value="k.value" /></el-select>
          </el-form-item>
          <el-form-item label="表决方式" :error="errs.method" required>
            <el-radio-group v-model="form.method" class="vote-method"><el-radio-button v-for="k in methods" :key="k.value" :value="k.value">{{ k.label }}</el-radio-button></el-radio-group>
            <div class="form-hint">无记名投票由到会党员本人在“我的”中投票，或清点纸质选票后录入票数；不保存谁投了什么。</div>
          </el-form-item>
          <el-form-item label="不计入应到人数的党员" :error="excludedErr" class="vote-excluded-block">
            <div v-for="(e, i) in form.excluded" :key="i" class="vote-excluded-row">
              <el-form-item :error="errs['excluded/' + i + '/person_id']" label-width="0" class="vote-excluded-field">
                <el-select v-model="e.person_id" filterable placeholder="选择党员" class="excluded-person" style="width: 100%">
                  <el-option v-for="p in eligible" :key="p.person_id" :label="p.name" :value="p.person_id" />
                </el-select>
              </el-form-item>
              <el-form-item :error="errs['excluded/' + i + '/reason']" label-width="0" class="vote-excluded-field">
                <el-input v-model="e.reason" :name="'excluded_' + i + '_reason'" maxlength="100" placeholder="理由，如 出国（境）学习" />
              </el-form-item>
              <el-button icon="Delete" text type="danger" class="excluded-remove" @click="form.excluded.splice(i, 1)" aria-label="删除" />
            </div>
            <el-button size="small" icon="Plus" class="excluded-add" @click="form.excluded.push({ person_id: null, reason: '' })">添加</el-button>
            <div class="form-hint">因出国（境）、长期外出等原因不能参加的，经支部研究可不计入应到会有表决权人数，须写明理由。</div>
          </el-form-item>
          <el-form-item label="决议内容" :error="errs.resolution">
            <el-input v-model="form.resolution" name="resolution" type="textarea" :rows="2" maxlength="2000" />
          </el-form-item>
          <div class="form-hint">应到会有表决权人数按会议当日名册计算，预备党员不计入；结果在结束表决时依规则计算。</div>
          <form-actions label="发起表决" :busy="busy" @cancel="createOpen = false" />
        </el-form>
      </el-dialog>

      <el-dialog :model-value="!!tallyOf" @update:model-value="(o) => { if (!o) tallyOf = null }" title="录入纸质计票" :width="isMobile ? '94%' : '460px'" append-to-body>
        <el-form v-if="tallyOf" label-position="top" class="tally-form" @submit.prevent="saveTally">
          <p class="form-hint">{{ tallyOf.subject }}：清点后的纸质选票；已登记的书面意见自动计入，票数不能多于到会有表决权的人数（{{ liveCount(tallyOf) }} 人）。</p>
          <div class="tally-grid">
            <el-form-item label="赞成票" :error="tallyErrs.yes"><el-input-number v-model="tally.yes" name="yes" :min="0" :controls="false" /></el-form-item>
            <el-form-item label="反对票" :error="tallyErrs.no"><el-input-number v-model="tally.no" name="no" :min="0" :controls="false" /></el-form-item>
            <el-form-item label="弃权票" :error="tallyErrs.abstain"><el-input-number v-model="tally.abstain" name="abstain" :min="0" :controls="false" /></el-form-item>
            <el-form-item label="废票" :error="tallyErrs.invalid"><el-input-number v-model="tally.invalid" name="invalid" :min="0" :controls="false" /></el-form-item>
          </div>
          <form-actions label="录入" :busy="busy" @cancel="tallyOf = null" />
        </el-form>
      </el-dialog>
    </el-card>`,
};
