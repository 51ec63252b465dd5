// my-messages.js: 我的消息, the signed-in account's own messages (GET /api/me/notifications):
// newest first with the unread ones marked, a link to the record a message is about (a demand:
// 我的诉求), 全部已读 and 更多 for older ones. Renders nothing for an account without messages.
// Used on 我的 and on 我的诉求. The text is shown as text.
import { api, withQuery } from "../lib/api.js";
import { fmtDateTime } from "../lib/format.js";
const { ref, onMounted } = Vue;

const LINK = { demand: "/my/demands" };

export default {
  name: "MyMessages",
  props: { links: { type: Boolean, default: true } }, // off on the page the links lead to
  setup() {
    const items = ref([]);
    const total = ref(0);
    const unread = ref(0);
    let page = 1;
    async function load(more = false) {
      page = more ? page + 1 : 1;
      try {
        const r = await api("GET", withQuery("/api/me/notifications", { page, size: 5 }));
        items.value = more ? items.value.concat(r.items) : r.items;
        total.value = r.total;
        unread.value = r.unread;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    async function readAll() {
      try {
        await api("POST", "/api/me/notifications/read", {});
        const stamp = new Date().toISOString();
        for (const m of items.value) if (!m.read_at) m.read_at = stamp;
        unread.value = 0;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    }
    onMounted(() => load());
    return { items, total, unread, load, readAll, fmtDateTime, LINK };
  },
  template: `
    <el-card v-if="total" shadow="never" class="me-card my-messages">
      <template #header>
        <div class="card-head">
          <span class="card-title">我的消息 <el-badge v-if="unread" :value="unread" class="msg-badge" /></span>
          <el-button v-if="unread" link type="primary" @click="readAll">全部已读</el-button>
        </div>
      </template>
      <div v-for="m in items" :key="m.id" class="msg-row" :class="{ 'msg-unread': !m.read_at }">
        <div class="msg-body">{{ m.body }}</div>
        <div class="msg-meta">{{ fmtDateTime(m.created_at) }}
          <a v-if="links && LINK[m.ref_type]" :href="LINK[m.ref_type]" class="msg-link">查看</a>
        </div>
      </div>
      <el-button v-if="items.length < total" link type="primary" class="msg-more" @click="load(true)">更多</el-button>
    </el-card>`,
};
