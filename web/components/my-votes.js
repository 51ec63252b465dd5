// my-votes.js: 我的表决 on 我的: the open 无记名投票 of meetings the signed-in member holds a vote
// in (GET /api/me/votes). Once recorded present the member casts their own ballot, once, after
// a confirmation; afterwards the vote reads 已投票. What they chose is not kept on this page
// after sending, and the server stores no link between voter and choice, so it is never shown.
// Hidden when there is nothing to vote on.
import { api } from "../lib/api.js";
import { session } from "../lib/session.js";
import { options } from "../lib/meta.js";
const { ref, computed, onMounted } = Vue;

export default {
  name: "MyVotes",
  setup() {
    const items = ref([]);
    const error = ref("");
    const rowErr = ref({});
    const busy = ref(0);
    async function load() {
      try {
        items.value = (await api("GET", "/api/me/votes")).items;
      } catch (e) {
        error.value = e.message;
      }
    }
    onMounted(() => { if (session.user.person_id) load(); });
    const choices = computed(() => options("vote_choice").filter((c) => c.value !== "invalid"));
    async function cast(v, c) {
      try {
        await ElementPlus.ElMessageBox.confirm(`对“${v.subject}”投“${c.label}”票？无记名投票，提交后不能更改。`, "投票",
          { type: "warning", confirmButtonText: `投${c.label}票`, cancelButtonText: "取消" });
      } catch {
        return;
      }
      busy.value = v.id;
      rowErr.value = {};
      try {
        await api("POST", `/api/me/votes/${v.id}/ballot`, { choice: c.value, how: "present" });
        ElementPlus.ElMessage.success("已投票");
      } catch (e) {
        rowErr.value = { [v.id]: e.message };
      } finally {
        busy.value = 0;
      }
      await load();
    }
    return { items, error, rowErr, busy, choices, cast };
  },
  template: `
    <el-card v-if="items.length || error" shadow="never" class="me-card my-votes">
      <template #header><span class="card-title">我的表决</span></template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <div v-for="v in items" :key="v.id" class="my-vote" :data-vote="v.id">
        <div class="my-meeting-head">
          <span class="my-meeting-topic my-vote-subject">{{ v.subject }}</span>
          <el-tag v-if="v.voted" size="small" type="success" class="my-vote-done">已投票</el-tag>
          <el-tag v-else size="small" type="warning">待投票</el-tag>
        </div>
        <div class="my-meeting-sub">{{ v.kind_label }} · 无记名投票 · {{ v.topic }}</div>
        <div class="my-meeting-sub">{{ v.starts_at }} · {{ v.org_name }}</div>
        <div v-if="!v.voted && v.present" class="my-vote-choices" role="group" :aria-label="v.subject + ' 投票'">
          <el-button v-for="c in choices" :key="c.value" :class="'my-vote-' + c.value" :loading="busy === v.id" @click="cast(v, c)">{{ c.label }}</el-button>
        </div>
        <div v-else-if="!v.voted" class="form-hint">会议登记您到会后即可投票</div>
        <div v-if="rowErr[v.id]" class="attend-row-error">{{ rowErr[v.id] }}</div>
      </div>
    </el-card>`,
};
