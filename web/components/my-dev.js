// my-dev.js: 我的入党申请 on 我的: the signed-in person's own applications (GET /api/me/dev): where
// each stands, today's deadlines and the steps recorded with their dates, so an applicant sees
// their progress without asking. Renders nothing for someone with no application; other
// people's names (联系人, 介绍人) are not part of the answer.
import { api } from "../lib/api.js";
import MyDevDocs from "./my-dev-docs.js";
const { ref, onMounted } = Vue;

export default {
  name: "MyDev",
  components: { MyDevDocs },
  setup() {
    const items = ref([]);
    onMounted(async () => {
      try {
        items.value = (await api("GET", "/api/me/dev")).items;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
    });
    return { items };
  },
  template: `
    <el-card v-for="a in items" :key="a.id" shadow="never" class="me-card my-dev">
      <template #header><span class="card-title">我的入党申请</span> <el-tag size="small">{{ a.status_label }}</el-tag></template>
      <p class="me-note">{{ a.org_name }} · {{ a.applied_on }} 递交入党申请书 · 第{{ '一二三四五'[a.stage - 1] }}阶段 {{ a.stage_label }}
        <template v-if="a.probation_ends_on"> · 预备期至 {{ a.probation_ends_on }}</template></p>
      <el-alert v-for="d in a.deadlines" :key="d.rule" :type="d.overdue ? 'warning' : 'info'" :closable="false" :title="d.message" class="dev-deadline" />
      <el-timeline class="my-dev-steps">
        <el-timeline-item v-for="s in a.steps.filter((x) => !x.withdrawn)" :key="s.id" :timestamp="s.date">第{{ s.step }}步 {{ s.name }}<template v-if="s.decision_label">（{{ s.decision_label }}）</template></el-timeline-item>
      </el-timeline>
      <p v-if="a.next_steps.length" class="me-note">下一步：{{ a.next_steps.map((n) => '第' + n.step + '步 ' + n.name).join('、') }}</p>
      <my-dev-docs :applicant-id="a.id" />
    </el-card>`,
};
