// org-tree-select.js: picks one org from the org tree (v-model = org id; "pick" also hands over
// {id, name, path}). The top level is `roots`; deeper levels load on expand from
// /api/orgs/{id}/children, so the server decides what the caller may see. It does not search
// orgs that were never expanded; the 组织 page's search does that.
import { api } from "../lib/api.js";
const { ref, watch } = Vue;

const node = (o) => ({ id: o.id, name: o.name, path: o.path || "", leaf: o.children === 0 });

export default {
  name: "OrgTreeSelect",
  props: {
    modelValue: Number,
    roots: { type: Array, required: true }, // [{id, name, path, children?}]
    placeholder: { type: String, default: "请选择党组织" },
    size: { type: String, default: "default" },
    ariaLabel: { type: String, default: "党组织" },
  },
  emits: ["update:modelValue", "pick"],
  setup(props, { emit }) {
    const known = new Map();
    // The chosen org's name shows even before its branch of the tree is loaded.
    const cache = ref([]);
    async function remember(id) {
      if (!id || known.has(id)) {
        if (id && known.has(id)) cache.value = [known.get(id)];
        return;
      }
      try {
        const o = await api("GET", `/api/orgs/${id}`);
        known.set(o.id, node(o));
        cache.value = [known.get(o.id)];
      } catch {
        cache.value = [];
      }
    }
    for (const r of props.roots) known.set(r.id, node(r));
    watch(() => props.modelValue, remember, { immediate: true });
    async function load(n, resolve) {
      if (n.level === 0) {
        resolve(props.roots.map((r) => known.get(r.id) || node(r)));
        return;
      }
      try {
        const r = await api("GET", `/api/orgs/${n.data.id}/children`);
        const kids = r.items.map(node);
        for (const k of kids) known.set(k.id, k);
        resolve(kids);
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
        resolve([]);
      }
    }
    function change(id) {
      emit("update:modelValue", id);
      const o = known.get(id);
      if (o) emit("pick", { id: o.id, name: o.name, path: o.path });
    }
    const treeProps = { label: "name", value: "id", isLeaf: "leaf" };
    return { load, change, cache, treeProps };
  },
  template: `
    <el-tree-select :model-value="modelValue" @update:model-value="change" lazy :load="load" :props="treeProps"
      node-key="id" :cache-data="cache" check-strictly :render-after-expand="false" :placeholder="placeholder"
      :size="size" :aria-label="ariaLabel" popper-class="org-tree-popper" class="org-tree-select" />`,
};
