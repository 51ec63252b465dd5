// branch-select.js: picks one branch-level org (党支部, 联合党支部, 流动党员党支部, 党总支) of
// the current scope (v-model = org id), for the 民主评议 and 学习记录 pages. A 支部书记's scope
// is their branch: it is chosen at once. `all` adds an empty choice (the whole scope); without
// it the first branch is chosen. Emits "pick" with the org ({id, name}) or null. A scope with
// more branches than one page is searched by name (the server's list, lib/evalstudy.js).
import { scope } from "../lib/session.js";
import { branchesOf } from "../lib/evalstudy.js";
const { ref, watch, onMounted } = Vue;

export default {
  name: "BranchSelect",
  props: { modelValue: { type: Number, default: null }, all: Boolean, placeholder: { type: String, default: "请选择党支部" } },
  emits: ["update:modelValue", "pick"],
  setup(props, { emit }) {
    const items = ref([]);
    const more = ref(false);
    const loading = ref(false);
    const pick = (id) => {
      emit("update:modelValue", id || null);
      emit("pick", items.value.find((o) => o.id === id) || null);
    };
    async function load(q = "") {
      if (!scope.orgId) return;
      loading.value = true;
      try {
        const r = await branchesOf(scope.orgId, (q || "").trim());
        items.value = r.items;
        if (!q) more.value = r.more;
        if (q) return;
        let id = props.modelValue;
        if (!items.value.some((o) => o.id === id)) id = props.all && items.value.length !== 1 ? null : items.value.length ? items.value[0].id : null;
        if (id !== props.modelValue) pick(id);
        else emit("pick", items.value.find((o) => o.id === id) || null);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
      } finally {
        loading.value = false;
      }
    }
    watch(() => scope.orgId, () => load());
    onMounted(() => load());
    return { items, more, loading, load, pick };
  },
  template: `
    <el-select :model-value="modelValue" @update:model-value="pick" filterable :remote="more" :remote-method="load" :loading="loading"
               :clearable="all" :placeholder="all ? '全部党支部' : placeholder" class="branch-pick" :disabled="!all && items.length === 1">
      <el-option v-for="o in items" :key="o.id" :label="o.name" :value="o.id" />
    </el-select>`,
};
