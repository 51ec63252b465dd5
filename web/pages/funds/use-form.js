// use-form.js: 党建经费 → 登记使用: what happened at an allocated activity (POST
// /api/funds/activities/{id}/use): the day held, participants, a short summary and the
// spending lines (category, amount typed in 元, date, receipt number). Full screen on a phone.
import { api } from "../../lib/api.js";
import { fieldErrors, showError, clearErrors } from "../../lib/forms.js";
import { isMobile } from "../../lib/viewport.js";
import { fmtYuan, parseYuan } from "../../lib/money.js";
import { scope } from "../../lib/session.js";
import { todayCN } from "../../lib/orglife.js";
const { ref, reactive, computed, onMounted } = Vue;

export default {
  name: "UseForm",
  props: { activity: { type: Object, required: true } },
  emits: ["done", "cancel"],
  setup(props, { emit }) {
    const show = ref(true);
    const busy = ref(false);
    const errs = fieldErrors();
    const categories = ref([]);
    const day = props.activity.date <= todayCN() ? props.activity.date : todayCN();
    const form = reactive({ held_on: day, participants: props.activity.participants, summary: "",
                            lines: props.activity.budget_lines.map((l) => ({ category: l.category, amount: fmtYuan(l.amount_fen), spent_on: day, receipt_no: "" })) });
    onMounted(async () => { categories.value = (await api("GET", `/api/funds/rules?org=${scope.orgId}`)).categories; });
    const total = computed(() => form.lines.reduce((t, l) => t + (parseYuan(l.amount).fen || 0), 0));
    const err = (p) => errs[p] || "";
    async function save() {
      clearErrors(errs);
      let bad = false;
      const spending = form.lines.map((l, k) => {
        const p = parseYuan(l.amount);
        if (p.error || !p.fen) { errs[`spending/${k}/amount_fen`] = p.error || "请输入金额"; bad = true; }
        return { category: l.category, amount_fen: p.fen, spent_on: l.spent_on, receipt_no: l.receipt_no || undefined };
      });
      if (bad) return;
      busy.value = true;
      try {
        await api("POST", `/api/funds/activities/${props.activity.id}/use`, { held_on: form.held_on, participants: Number(form.participants) || 0, summary: form.summary, spending });
        ElementPlus.ElMessage.success("使用情况已登记");
        show.value = false;
        emit("done");
      } catch (e) {
        showError(e, errs, ["held_on", "participants", "summary", "spending"]);
      } finally {
        busy.value = false;
      }
    }
    return { show, busy, errs, err, form, categories, total, save, fmtYuan, isMobile, emit };
  },
  template: `
    <el-dialog v-model="show" :title="'登记使用：' + activity.title" width="min(680px, 96vw)" :fullscreen="isMobile" class="use-dialog" @closed="emit('cancel')">
      <el-form label-position="top" class="use-form" @submit.prevent="save">
        <p class="form-hint">核定 {{ fmtYuan(activity.allocated_fen) }} 元。</p>
        <div class="plan-activity-row">
          <el-form-item label="实际开展日期" :error="errs.held_on" required><el-date-picker v-model="form.held_on" type="date" value-format="YYYY-MM-DD" class="f-held-on" /></el-form-item>
          <el-form-item label="实际参加人数" :error="errs.participants" required><el-input-number v-model="form.participants" :min="0" :max="100000" controls-position="right" class="f-used-participants" /></el-form-item>
        </div>
        <el-form-item label="活动小结" :error="errs.summary" required><el-input v-model="form.summary" type="textarea" :rows="3" maxlength="2000" class="f-summary" /></el-form-item>
        <div class="plan-lines-label">支出明细</div>
        <div v-for="(l, k) in form.lines" :key="k" class="plan-line">
          <el-select v-model="l.category" class="f-category" aria-label="类别"><el-option v-for="c in categories" :key="c.code" :value="c.code" :label="c.label" /></el-select>
          <el-input v-model="l.amount" inputmode="decimal" class="f-amount" aria-label="金额（元）"><template #append>元</template></el-input>
          <el-date-picker v-model="l.spent_on" type="date" value-format="YYYY-MM-DD" class="f-spent-on" style="width: 150px" />
          <el-input v-model="l.receipt_no" maxlength="40" placeholder="收据编号" class="f-receipt" style="width: 150px" />
          <div v-if="err('spending/' + k + '/amount_fen') || err('spending/' + k + '/spent_on') || err('spending/' + k + '/category')" class="el-form-item__error plan-line-error">
            {{ err('spending/' + k + '/amount_fen') || err('spending/' + k + '/spent_on') || err('spending/' + k + '/category') }}</div>
        </div>
        <el-button link type="primary" icon="Plus" @click="form.lines.push({ category: 'other', amount: '', spent_on: form.held_on, receipt_no: '' })">添加支出</el-button>
        <p class="plan-total">支出合计 {{ fmtYuan(total) }} 元</p>
        <div class="form-actions"><el-button @click="show = false">取消</el-button><el-button type="primary" native-type="submit" :loading="busy" class="save-use">登记</el-button></div>
      </el-form>
    </el-dialog>`,
};
