// my-evaluations.js: 我的民主评议 on 我的: the signed-in person's own evaluation results (GET
// /api/me/evaluations), newest year first (components/eval-history.js). Shown only to an
// account linked to a person; a person never evaluated sees that there is nothing yet.
import { api } from "../lib/api.js";
import { session } from "../lib/session.js";
import EvalHistory from "./eval-history.js";
const { ref, onMounted } = Vue;

export default {
  name: "MyEvaluations",
  components: { EvalHistory },
  setup() {
    const items = ref([]);
    const loaded = ref(false);
    const error = ref("");
    onMounted(async () => {
      if (!session.user.person_id) return;
      try {
        items.value = (await api("GET", "/api/me/evaluations")).items;
        loaded.value = true;
      } catch (e) {
        error.value = e.message;
      }
    });
    return { items, loaded, error, linked: !!session.user.person_id };
  },
  template: `
    <el-card v-if="linked" shadow="never" class="me-card my-evaluations">
      <template #header><span class="card-title">我的民主评议</span></template>
      <el-alert v-if="error" type="error" :title="error" :closable="false" />
      <eval-history v-else-if="loaded" :items="items" />
    </el-card>`,
};
