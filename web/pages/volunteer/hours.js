// hours.js: 志愿服务 → 时长审核: hours the volunteers logged themselves, waiting for the organizer
// (GET /api/volunteer/hours?status=pending): 通过 (checked again for overlap) or 不通过 with a
// reason. The volunteer's note is shown as text.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope, can } from "../../lib/session.js";
import DataList from "../../components/data-list.js";
const { ref, watch, onMounted } = Vue;

export default {
  name: "VolHours",
  components: { DataList },
  setup() {
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/volunteer/hours", { org: scope.orgId, status: "pending", year })));
      if (r) items.value = r.items;
    }
    watch(() => scope.orgId, load);
    onMounted(load);
    async function review(h, decision) {
      let note;
      if (decision === "refuse") {
        try {
          note = (await ElementPlus.ElMessageBox.prompt("请填写不通过的原因", "不通过", { inputPattern: /\S/, inputErrorMessage: "请填写原因" })).value;
        } catch { return; }
      }
      try {
        await api("POST", `/api/volunteer/hours/${h.id}/review`, { decision, note });
        ElementPlus.ElMessage.success(decision === "approve" ? "已核实" : "已退回");
      } catch (e) { ElementPlus.ElMessage.error(e.message); }
      load();
    }
    const columns = [{ key: "name", label: "志愿者", min: 90 }, { key: "what", label: "活动或岗位", min: 150 }, { key: "start", label: "时间", width: 200 },
                     { key: "minutes", label: "时长", width: 90 }, { key: "note", label: "服务内容", min: 150 }, { key: "ops", label: "", width: 170, phone: "actions" }];
    return { items, loading, columns, review, can, scope };
  },
  template: `
    <div class="vol-hours">
      <p class="form-hint">{{ scope.orgName }}：志愿者本人登记、待核实的服务时长。通过前会再次检查与其他记录是否时间重叠。</p>
      <data-list :rows="items" :columns="columns" :loading="loading" size="small" empty-text="没有待审核的服务时长">
        <template #start="{ row }">{{ row.start }} – {{ row.end.slice(11) }}</template>
        <template #minutes="{ row }">{{ (row.minutes / 60).toFixed(1) }} 小时</template>
        <template #ops="{ row }">
          <template v-if="can('volunteer.write')">
            <el-button size="small" type="primary" class="vol-approve" @click="review(row, 'approve')">通过</el-button>
            <el-button size="small" @click="review(row, 'refuse')">不通过</el-button>
          </template>
        </template>
      </data-list>
    </div>`,
};
