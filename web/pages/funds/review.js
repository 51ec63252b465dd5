// review.js: 党建经费 → 审核: the district's decision on each activity of a forwarded plan
// (POST /api/funds/plans/{id}/review): 同意 (the requested amount), 调整金额 (an amount in 元
// and a reason) or 不同意 (a reason), with the street's comment beside it. Activities already
// decided start from their decision; only those changed or undecided are sent.
import { api } from "../../lib/api.js";
import { fieldErrors, showError } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import FormActions from "../../components/form-actions.js";
const { ref, reactive } = Vue;

const VERB = { approved: "approve", adjusted: "adjust", refused: "refuse" };

export default {
  name: "PlanReview",
  components: { FormActions },
  props: { plan: { type: Object, required: true } },
  emits: ["done", "cancel"],
  setup(props, { emit }) {
    const show = ref(true);
    const busy = ref(false);
    const errs = fieldErrors();
    const rows = reactive(props.plan.activities.map((a) => ({
      a, decision: VERB[a.decision] || "approve", amount: a.decision === "adjusted" ? fmtYuan(a.approved_fen) : "", reason: a.reason || "", error: "",
    })));
    async function save() {
      let bad = false;
      const decisions = rows.map((r) => {
        r.error = "";
        const d = { activity_id: r.a.id, decision: r.decision };
        if (r.decision === "adjust") {
          const p = parseYuan(r.amount);
          if (p.error || !p.fen) { r.error = p.error || "请输入调整后的金额"; bad = true; }
          d.amount_fen = p.fen;
        }
        if (r.decision !== "approve") d.reason = r.reason;
        return d;
      });
      if (bad) return;
      busy.value = true;
      try {
        await api("POST", `/api/funds/plans/${props.plan.id}/review`, { decisions });
        ElementPlus.ElMessage.success("审核决定已保存");
        show.value = false;
        emit("done");
      } catch (e) {
        const m = /^\/decisions\/(\d+)\//.exec(e.field || "");
        if (m) rows[Number(m[1])].error = e.message;
        else showError(e, errs);
      } finally {
        busy.value = false;
      }
    }
    return { show, busy, errs, rows, save, fmtYuan, isMobile, emit };
  },
  template: `
    <el-dialog v-model="show" :title="'审核：' + plan.org_name + ' ' + plan.year + '年第' + plan.quarter + '季度'" width="min(760px, 96vw)" :fullscreen="isMobile" class="review-dialog" @closed="emit('cancel')">
      <el-form label-position="top" class="review-form" @submit.prevent="save">
        <div v-for="(r, i) in rows" :key="r.a.id" class="review-row">
          <div class="review-title">{{ i + 1 }}. {{ r.a.title }}（{{ r.a.date }}，{{ r.a.participants }} 人，申请 {{ fmtYuan(r.a.requested_fen) }} 元）</div>
          <div v-if="r.a.street_comment" class="review-comment">街道意见：{{ r.a.street_comment }}</div>
          <el-radio-group v-model="r.decision" class="f-decision">
            <el-radio-button value="approve">同意</el-radio-button>
            <el-radio-button value="adjust">调整金额</el-radio-button>
            <el-radio-button value="refuse">不同意</el-radio-button>
          </el-radio-group>
          <div v-if="r.decision !== 'approve'" class="review-detail">
            <el-input v-if="r.decision === 'adjust'" v-model="r.amount" inputmode="decimal" class="f-review-amount" aria-label="调整后金额（元）" placeholder="调整后金额"><template #append>元</template></el-input>
            <el-input v-model="r.reason" maxlength="500" class="f-reason" :placeholder="r.decision === 'adjust' ? '调整理由（必填）' : '不同意的理由（必填）'" />
          </div>
          <div v-if="r.error" class="el-form-item__error review-error">{{ r.error }}</div>
        </div>
        <form-actions label="保存审核决定" :busy="busy" @cancel="show = false" />
      </el-form>
    </el-dialog>`,
};
