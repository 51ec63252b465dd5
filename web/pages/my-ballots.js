// my-ballots.js: 议事表决, a representative's voting page on a phone: each ballot open now in a
// body whose roster holds them (GET /api/me/ballots), on one screen with large targets:
// approval (tap up to k), score (a stepper per option) or ranking (tap in order of preference;
// tap again to take back). In the menu of residents; a Party member on a roster opens it by
// its address (/my/ballots). The paper is sent once (POST /api/ballots/{id}/votes); a second is
// refused by the server (409). Option titles are shown as text.
import { api, loadWith } from "../lib/api.js";
const { ref, reactive, onMounted } = Vue;

export const routes = [{ path: "/my/ballots", title: "议事表决", perm: "session", roles: ["resident"],
                         menu: { group: "服务群众", icon: "Finished", order: 6 } }];

export default {
  name: "MyBallotsPage",
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const picks = reactive({}); // ballot id -> [option ids] in order, or {option id: score}
    async function load() {
      const r = await loadWith(loading, () => api("GET", "/api/me/ballots"));
      if (!r) return;
      items.value = r.items;
      for (const b of r.items) if (!picks[b.id]) picks[b.id] = b.method === "score" ? Object.fromEntries(b.options.map((o) => [o.id, 0])) : [];
    }
    onMounted(load);
    function tap(b, o) {
      const p = picks[b.id];
      const i = p.indexOf(o.id);
      if (i >= 0) p.splice(i, 1);
      else if (p.length < b.max_choices) p.push(o.id);
      else ElementPlus.ElMessage.warning(b.method === "approval" ? `最多选 ${b.max_choices} 项` : `只需排出前 ${b.max_choices} 名`);
    }
    const place = (b, o) => picks[b.id].indexOf(o.id) + 1;
    const need = (b) => (b.method === "borda" ? Math.min(b.max_choices, b.options.length) : 1);
    const ready = (b) => b.method === "score" || (b.method === "borda" ? picks[b.id].length === need(b) : picks[b.id].length >= 1);
    const hint = (b) => (b.method === "approval" ? `点选赞成的项目，最多 ${b.max_choices} 项` : b.method === "borda" ? `按优先顺序依次点选，排出前 ${need(b)} 名` : `为每个选项打分（0–${b.max_score} 分）`);
    const busy = ref(0);
    async function send(b) {
      const choices = b.method === "score"
        ? Object.entries(picks[b.id]).map(([id, s]) => ({ option_id: Number(id), score: s }))
        : picks[b.id].map((id) => ({ option_id: id }));
      try {
        await ElementPlus.ElMessageBox.confirm("投票提交后不能更改。确认提交？", "提交投票", { confirmButtonText: "提交", cancelButtonText: "再看看" });
      } catch { return; }
      busy.value = b.id;
      try {
        await api("POST", `/api/ballots/${b.id}/votes`, { choices });
        ElementPlus.ElMessage.success("投票已提交");
        load();
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      busy.value = 0;
    }
    return { items, loading, picks, tap, place, ready, hint, send, busy };
  },
  template: `
    <div class="page my-ballots-page" v-loading="loading">
      <div class="page-head"><h1 class="page-title">议事表决</h1></div>
      <el-empty v-if="!loading && !items.length" description="目前没有需要您参加的表决" />
      <el-card v-for="b in items" :key="b.id" shadow="never" class="vote-card">
        <div class="vote-head">
          <div class="vote-title">{{ b.title }}</div>
          <div class="muted">{{ b.body_name }} · {{ b.held_on }} · {{ b.method_label }}<span v-if="b.secret"> · 无记名</span></div>
        </div>
        <el-result v-if="b.voted" icon="success" title="您已投票" sub-title="感谢参与，结果将在投票结束后公布" />
        <template v-else>
          <p class="vote-hint">{{ hint(b) }}</p>
          <div class="vote-options">
            <template v-if="b.method !== 'score'">
              <button v-for="o in b.options" :key="o.id" type="button" class="vote-option" :class="{ chosen: place(b, o) > 0 }" @click="tap(b, o)">
                <span class="vote-mark">{{ place(b, o) ? (b.method === 'borda' ? place(b, o) : '✓') : '' }}</span>
                <span class="vote-text">{{ o.title }}</span>
              </button>
            </template>
            <div v-else v-for="o in b.options" :key="o.id" class="vote-option vote-score">
              <span class="vote-text">{{ o.title }}</span>
              <el-input-number v-model="picks[b.id][o.id]" :min="0" :max="b.max_score" size="large" />
            </div>
          </div>
          <el-button type="primary" size="large" class="vote-send" :disabled="!ready(b)" :loading="busy === b.id" @click="send(b)">提交投票</el-button>
        </template>
      </el-card>
    </div>`,
};
