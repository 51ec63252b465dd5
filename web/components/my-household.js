// my-household.js: 我的住户, the signed-in resident's household (GET /api/me/household): the
// address, the community it lies in, the grid and how they belong to it. Renders nothing for
// an account that is no registered resident; emits "loaded" with the household (or null).
import { api } from "../lib/api.js";
const { ref, onMounted } = Vue;

// The community itself, from its Party committee's name: 中共盛香园社区委员会 → 盛香园社区.
const community = (orgName) => orgName.replace(/^中共/, "").replace(/(党?委员会|党委|党总支部?|党支部)$/, "") || orgName;

export default {
  name: "MyHousehold",
  emits: ["loaded"],
  setup(props, { emit }) {
    const household = ref(null);
    onMounted(async () => {
      try {
        household.value = (await api("GET", "/api/me/household")).household;
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      }
      emit("loaded", household.value);
    });
    return { household, community };
  },
  template: `
    <el-card v-if="household" shadow="never" class="me-card my-household">
      <template #header><span class="card-title">我的住户</span></template>
      <el-descriptions :column="1" size="small" border>
        <el-descriptions-item label="住址">{{ household.address }}</el-descriptions-item>
        <el-descriptions-item label="所在社区">{{ community(household.org_name) }}</el-descriptions-item>
        <el-descriptions-item v-if="household.grid" label="网格">{{ household.grid }}</el-descriptions-item>
        <el-descriptions-item label="与户主关系">{{ household.relation }}</el-descriptions-item>
        <el-descriptions-item v-if="household.moved_in_on" label="入住日期">{{ household.moved_in_on }}</el-descriptions-item>
      </el-descriptions>
      <div class="me-note">您以居民身份登记在本社区；住户信息有误请联系社区或网格员更正。</div>
    </el-card>`,
};
