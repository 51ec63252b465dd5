// my-meetings.js: 我的会议 on 我的: the meetings the signed-in person was expected at or is
// recorded in (GET /api/me/meetings), newest first, ten at a time with 加载更多, with how they
// attended once it is recorded (本人：出席, 请假 …). A meeting
// links to its page only for those who may read meetings (a 支部书记); a 党员 sees the list.
// Shown only to an account linked to a person on the roll.
import { api, withQuery } from "../lib/api.js";
import { session, can } from "../lib/session.js";
import { typeName } from "../lib/orglife.js";
const { ref, onMounted } = Vue;

export default {
  name: "MyMeetings",
  setup() {
    const items = ref([]);
    const total = ref(0);
    const page = ref(0);
    const loading = ref(false);
    const error = ref("");
    async function more() {
      loading.value = true;
      try {
        const r = await api("GET", withQuery("/api/me/meetings", { page: page.value + 1, size: 10 }));
        items.value.push(...r.items);
        total.value = r.total;
        page.value++;
      } catch (e) {
        error.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(() => { if (session.user.person_id) more(); });
    const statusType = (s) => ({ held: "success", planned: "primary", cancelled: "info" }[s] || "info");
    return { items, total, loading, error, more, typeName, statusType, linked: !!session.user.person_id, canOpen: can("orglife.read") };
  },
  template: `
    <el-card v-if="linked" shadow="never" class="me-card my-meetings">
      <template #header><span class="card-title">我的会议</span></template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <ul v-else-if="items.length" class="my-meeting-list">
        <li v-for="m in items" :key="m.id" class="my-meeting">
          <div class="my-meeting-head">
            <app-link v-if="canOpen" :to="'/meetings/' + m.id" class="link my-meeting-topic">{{ m.topic }}</app-link>
            <span v-else class="my-meeting-topic">{{ m.topic }}</span>
            <el-tag size="small" :type="statusType(m.status)">{{ m.status_label }}</el-tag>
          </div>
          <div class="my-meeting-sub">{{ m.starts_at }} · {{ typeName(m) }}<template v-if="m.place"> · {{ m.place }}</template></div>
          <div class="my-meeting-sub">{{ m.org_name }}<template v-if="m.my_status_label"> · 本人：<span class="my-meeting-attend">{{ m.my_status_label }}</span></template></div>
        </li>
      </ul>
      <div v-else-if="!loading" class="form-hint">暂无会议</div>
      <div v-if="items.length < total" class="form-actions left">
        <el-button text type="primary" :loading="loading" @click="more" class="my-meetings-more">加载更多</el-button>
      </div>
    </el-card>`,
};
