// subject-form.js: part of a 民主评议 round's page: the dialog where a cadre records one
// subject (PUT /api/orglife/evaluations/{id}/members/{person_id}): the self-evaluation, the
// peer and democratic-test tallies per grade, the committee's proposal, the grade the branch
// decided (from the round's grade set) with the meeting that decided it, and the shortcomings
// and improvement measures, required for 不合格 (EVAL-FAIL). A 预备党员 gets no grade fields
// (EVAL-PROBATION). Choosing 优秀 past the round's 优秀 share only warns (EVAL-QUOTA, a local
// practice): the branch decides. Sends only what changed; emits "saved" with the answer.
import { api } from "../../lib/api.js";
import { isMobile } from "../../lib/viewport.js";
import { fieldErrors, clearErrors, submitForm } from "../../lib/forms.js";
import MeetingPick from "../../components/meeting-pick.js";
import FormActions from "../../components/form-actions.js";
import FlowRecords from "../transfers/flow-records.js";
const { ref, reactive, computed, watch } = Vue;

const FIELDS = ["self_text", "peer", "proposed_grade", "final_grade", "meeting_id", "note"];

export default {
  name: "EvalSubjectForm",
  components: { MeetingPick, FormActions, FlowRecords },
  props: { modelValue: Boolean, round: { type: Object, required: true }, subject: { type: Object, default: null } },
  emits: ["update:modelValue", "saved"],
  setup(props, { emit }) {
    const form = reactive({ self_text: "", peer: {}, proposed_grade: "", final_grade: "", meeting_id: null, note: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    watch(() => [props.modelValue, props.subject], () => {
      const s = props.subject;
      if (!props.modelValue || !s) return;
      clearErrors(errs);
      Object.assign(form, {
        self_text: s.self_text || "", peer: { ...s.peer }, proposed_grade: s.proposed_grade || "", final_grade: s.final_grade || "",
        meeting_id: s.final_meeting_id || (s.final_grade ? null : props.round.meeting_id), note: s.note || "",
      });
    }, { immediate: true });
    const close = () => emit("update:modelValue", false);
    const from = computed(() => `${props.round.year}-01-01`);
    const to = computed(() => `${props.round.year + 1}-06-30`);
    const needsNote = computed(() => form.final_grade === "unqualified");
    const notePrompt = computed(() => (form.final_grade === "unqualified" || form.final_grade === "basic"));
    // 优秀 in this round if this subject were 优秀 too, against the share the rule suggests.
    const quotaNote = computed(() => {
      const r = props.round, q = r.excellent_quota;
      if (form.final_grade !== "excellent" || !q || !q.den) return "";
      const others = r.subjects.filter((s) => s.person_id !== props.subject.person_id && s.final_grade === "excellent").length;
      if ((others + 1) * q.den <= r.graded_n * q.num) return "";
      return `评为优秀的将有 ${others + 1} 人，超过正式党员 ${r.graded_n} 人的 ${q.num}/${q.den}。这是地方做法，仅作提示，由支部决定。`;
    });
    function body() {
      const s = props.subject, b = {};
      const text = (v) => v.trim() || null;
      if (text(form.self_text) !== (s.self_text || null)) b.self_text = text(form.self_text);
      const peer = {};
      for (const g of props.round.grades) if ((form.peer[g.code] || 0) !== (s.peer[g.code] || 0)) peer[g.code] = form.peer[g.code] || 0;
      if (Object.keys(peer).length) b.peer = peer;
      if (!s.probationary) {
        if ((form.proposed_grade || null) !== s.proposed_grade) b.proposed_grade = form.proposed_grade || null;
        if ((form.final_grade || null) !== s.final_grade) b.final_grade = form.final_grade || null;
        if (form.final_grade && (form.meeting_id || null) !== s.final_meeting_id) b.meeting_id = form.meeting_id || null;
        if (text(form.note) !== (s.note || null)) b.note = text(form.note);
      }
      return b;
    }
    function submit() {
      if (needsNote.value && !form.note.trim()) {
        clearErrors(errs);
        errs.note = "评定为不合格的，须写明存在的不足和整改措施";
        return;
      }
      const b = body();
      if (!Object.keys(b).length) {
        close();
        return;
      }
      return submitForm({ busy, errs, fields: FIELDS }, async () => {
        const r = await api("PUT", `/api/orglife/evaluations/${props.round.id}/members/${props.subject.person_id}`, b);
        ElementPlus.ElMessage.success(`已保存${r.name}的评议情况`);
        emit("saved", r);
        close();
      });
    }
    return { form, errs, busy, from, to, needsNote, notePrompt, quotaNote, submit, close, isMobile };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" :title="subject ? '登记评议：' + subject.name : ''"
               :width="isMobile ? '94%' : '620px'" destroy-on-close class="subject-dialog">
      <el-form v-if="subject" :label-position="isMobile ? 'top' : 'right'" label-width="120px" class="subject-form" @submit.prevent="submit">
        <el-alert v-if="subject.probationary" type="info" :closable="false" show-icon class="subject-probationary"
                  title="预备党员参加民主评议，但不评定等次。" />
        <el-form-item label="个人自评" :error="errs.self_text">
          <el-input v-model="form.self_text" type="textarea" name="self_text" :autosize="{ minRows: 2, maxRows: 6 }" maxlength="5000" show-word-limit />
        </el-form-item>
        <el-form-item label="互评和测评票数" :error="errs.peer">
          <div class="peer-inputs">
            <label v-for="g in round.grades" :key="g.code" class="peer-input">
              <span class="peer-label">{{ g.label }}</span>
              <el-input-number v-model="form.peer[g.code]" :min="0" :max="100000" :step="1" step-strictly controls-position="right" size="small" :name="'peer_' + g.code" />
            </label>
          </div>
        </el-form-item>
        <flow-records :person-id="subject.person_id" :from="from" :to="to" />
        <template v-if="!subject.probationary">
          <el-form-item label="支委会评定意见" :error="errs.proposed_grade">
            <el-radio-group v-model="form.proposed_grade" class="grade-radios proposed-grade">
              <el-radio value="">未提出</el-radio>
              <el-radio v-for="g in round.grades" :key="g.code" :value="g.code">{{ g.label }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item label="评定等次" :error="errs.final_grade">
            <el-radio-group v-model="form.final_grade" class="grade-radios final-grade">
              <el-radio value="">未评定</el-radio>
              <el-radio v-for="g in round.grades" :key="g.code" :value="g.code">{{ g.label }}</el-radio>
            </el-radio-group>
            <div class="form-hint">由支部党员大会评定；系统只记录，不替支部评定。</div>
          </el-form-item>
          <el-alert v-if="quotaNote" type="warning" :closable="false" show-icon class="quota-note" :title="quotaNote" />
          <el-form-item v-if="form.final_grade" label="评定会议" :error="errs.meeting_id">
            <meeting-pick v-model="form.meeting_id" :org-id="round.org_id" :from="from" :to="to" />
          </el-form-item>
          <el-form-item v-if="notePrompt || form.note" label="不足与整改措施" :error="errs.note" :required="needsNote">
            <el-input v-model="form.note" type="textarea" name="note" :autosize="{ minRows: 2, maxRows: 6 }" maxlength="2000" show-word-limit
                      :placeholder="needsNote ? '评定为不合格的，须写明整改措施' : '指出存在的不足，提出整改措施'" />
          </el-form-item>
        </template>
        <form-actions label="保存" :busy="busy" @cancel="close" class="subject-actions" />
      </el-form>
    </el-dialog>`,
};
