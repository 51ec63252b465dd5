// org-select.js: picks one org inside the current scope (v-model = org id). Users who may
// read orgs pick from the scope org's tree (children load on expand); others choose among
// the scope org and their grants' orgs under it.
import { session, scope, can } from "../lib/session.js";
import OrgTreeSelect from "./org-tree-select.js";
const { computed } = Vue;

export default {
  name: "OrgSelect",
  components: { OrgTreeSelect },
  props: { modelValue: Number, placeholder: { type: String, default: "请选择党组织" } },
  emits: ["update:modelValue"],
  setup() {
    const options = computed(() => {
      const list = [{ id: scope.orgId, name: scope.orgName }];
      for (const g of session.grants) {
        if (!list.some((o) => o.id === g.org_id) && g.org_path.startsWith(scope.orgPath)) list.push({ id: g.org_id, name: g.org_name });
      }
      return list;
    });
    const roots = computed(() => [{ id: scope.orgId, name: scope.orgName, path: scope.orgPath }]);
    return { options, roots, tree: computed(() => can("orgs.read")), scope };
  },
  template: `
    <org-tree-select v-if="tree" :key="scope.orgId" :model-value="modelValue" :roots="roots" :placeholder="placeholder"
                     @update:model-value="$emit('update:modelValue', $event)" class="org-select" />
    <el-select v-else :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" :placeholder="placeholder" filterable style="width: 100%">
      <el-option v-for="o in options" :key="o.id" :label="o.name" :value="o.id" />
    </el-select>`,
};
