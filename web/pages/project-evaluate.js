// project-evaluate.js: 年度评议, the residents' phone form: the projects of the caller's
// community (GET /api/projects/evaluable), one at a time on one screen with large targets:
// three 1–5 ratings, 满意 / 基本满意 / 不满意 and an optional comment (POST
// /api/projects/{id}/evaluations; one per account and year: a second is refused).
import { api } from "../lib/api.js";
import { fmtYuan } from "../lib/money.js";
const { ref, reactive, onMounted, computed } = Vue;

// In the menu of residents (the ones who evaluate); a member with a grant in the community may
// open the address too (the server checks the community).
export const routes = [{ path: "/projects/evaluate", title: "民生实事评议", perm: "session", roles: ["resident"],
                         menu: { group: "服务群众", icon: "Star", order: 7 } }];

const RUBRIC = [["quality", "项目质量"], ["timeliness", "进度按时"], ["benefit", "群众受益"]];
const SAT = [["satisfied", "满意"], ["basically", "基本满意"], ["unsatisfied", "不满意"]];

export default {
  name: "ProjectEvaluatePage",
  setup() {
    const items = ref([]);
    const loaded = ref(false);
    const i = ref(0);
    const done = reactive({});
    const form = reactive({ quality: 0, timeliness: 0, benefit: 0, satisfaction: "", comment: "" });
    const busy = ref(false);
    onMounted(async () => {
      try { items.value = (await api("GET", "/api/projects/evaluable")).items; } catch (e) { ElementPlus.ElMessage.error(e.message); }
      loaded.value = true;
    });
    const cur = computed(() => items.value[i.value]);
    const ready = computed(() => form.quality && form.timeliness && form.benefit && form.satisfaction);
    async function submit() {
      busy.value = true;
      try {
        await api("POST", `/api/projects/${cur.value.id}/evaluations`, { quality: form.quality, timeliness: form.timeliness, benefit: form.benefit,
                                                                          satisfaction: form.satisfaction, comment: form.comment || undefined });
        done[cur.value.id] = "已提交，谢谢您的评议";
      } catch (e) {
        done[cur.value.id] = e.status === 409 ? "您今年已评议过这个项目" : "";
        if (e.status !== 409) ElementPlus.ElMessage.error(e.message);
      } finally { busy.value = false; }
    }
    function next(step) {
      i.value = (i.value + step + items.value.length) % items.value.length;
      Object.assign(form, { quality: 0, timeliness: 0, benefit: 0, satisfaction: "", comment: "" });
    }
    return { items, loaded, i, cur, form, ready, busy, done, submit, next, RUBRIC, SAT, fmtYuan };
  },
  template: `
    <div class="page eval-page">
      <div class="page-head"><h1 class="page-title">民生实事评议</h1></div>
      <el-empty v-if="loaded && !items.length" description="您所在社区暂无可评议的民生实事" />
      <el-card v-if="cur" shadow="never" class="eval-card">
        <div class="eval-count">{{ i + 1 }} / {{ items.length }}</div>
        <div class="eval-title">{{ cur.title }}</div>
        <div class="muted">{{ cur.year }} 年度 · {{ cur.body }} · 进度 {{ cur.progress }}%</div>
        <el-alert v-if="done[cur.id]" :title="done[cur.id]" type="success" :closable="false" class="eval-done" />
        <template v-else>
          <div v-for="r in RUBRIC" :key="r[0]" class="eval-row">
            <div class="eval-label">{{ r[1] }}</div>
            <div class="eval-scale">
              <button v-for="n in 5" :key="n" type="button" class="eval-dot" :class="{ on: form[r[0]] === n, ['eval-' + r[0] + '-' + n]: true }" @click="form[r[0]] = n">{{ n }}</button>
            </div>
          </div>
          <div class="eval-label">总体评价</div>
          <div class="eval-sat">
            <button v-for="s in SAT" :key="s[0]" type="button" class="eval-choice" :class="{ on: form.satisfaction === s[0], ['eval-sat-' + s[0]]: true }" @click="form.satisfaction = s[0]">{{ s[1] }}</button>
          </div>
          <el-input v-model="form.comment" type="textarea" :rows="2" maxlength="1000" placeholder="意见建议（选填）" class="eval-comment" />
          <el-button type="primary" size="large" class="eval-submit" :disabled="!ready" :loading="busy" @click="submit">提交评议</el-button>
        </template>
        <div v-if="items.length > 1" class="eval-nav">
          <el-button size="large" @click="next(-1)">上一个</el-button>
          <el-button size="large" class="eval-next" @click="next(1)">下一个</el-button>
        </div>
      </el-card>
    </div>`,
};
