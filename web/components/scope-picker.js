// scope-picker.js: the org scope switcher in the header. Every page lists and counts inside
// the chosen org's subtree. Users who may read orgs pick any org in the tree under their
// grants (loaded level by level); others choose among their grants' orgs.
import { session, scope, setScope, can } from "../lib/session.js";
import OrgTreeSelect from "./org-tree-select.js";
const { computed } = Vue;

export default {
  name: "ScopePicker",
  components: { OrgTreeSelect },
  setup() {
    const options = computed(() => {
      const seen = new Set();
      return session.grants
        .filter((g) => !seen.has(g.org_id) && seen.add(g.org_id))
        .map((g) => ({ id: g.org_id, name: g.org_name, path: g.org_path }));
    });
    // The tree's top level: grant orgs not already inside another grant's subtree.
    const roots = computed(() => options.value.filter((o) => !options.value.some((p) => p !== o && o.path.startsWith(p.path))));
    const tree = computed(() => can("orgs.read"));
    function pick(id) {
      const o = options.value.find((x) => x.id === id);
      if (o) setScope(o);
    }
    return { options, roots, tree, scope, pick, setScope };
  },
  template: `
    <div class="scope-picker" title="当前组织范围">
      <el-icon class="scope-icon"><OfficeBuilding /></el-icon>
      <org-tree-select v-if="tree" :key="roots.map((r) => r.id).join()" :model-value="scope.orgId" :roots="roots"
                       @pick="setScope" class="scope-select" aria-label="组织范围" />
      <el-select v-else-if="options.length > 1" :model-value="scope.orgId" @update:model-value="pick"
                 size="default" class="scope-select" aria-label="组织范围">
        <el-option v-for="o in options" :key="o.id" :label="o.name" :value="o.id" />
      </el-select>
      <span v-else class="scope-name">{{ scope.orgName }}</span>
    </div>`,
};
