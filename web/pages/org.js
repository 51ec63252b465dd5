// org.js: one org's page. It loads the org (with its parent and direct sub-orgs, and its
// advisories, counted on the 提示 tab) and composes one component per tab from pages/org/:
// 基本信息 (basic.js), 沿革 (history.js), 班子与任期 (terms.js), 成员单位 (units.js) and 提示
// (advisories.js); holders of orgs.write get the header's buttons and dialogs (actions.js).
// 沿革, 班子与任期 and 成员单位 load when first opened.
import { api } from "../lib/api.js";
import { session, scope, setScope, can } from "../lib/session.js";
import { isMobile } from "../lib/viewport.js";
import OrgActions from "./org/actions.js";
import OrgBasic from "./org/basic.js";
import OrgHistory from "./org/history.js";
import OrgTerms from "./org/terms.js";
import OrgUnits from "./org/units.js";
import OrgAdvisories from "./org/advisories.js";
const { ref, computed, onMounted } = Vue;

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orgs/:id", title: "党组织详情", perm: "orgs.read" }];

export default {
  name: "OrgPage",
  components: { OrgActions, OrgBasic, OrgHistory, OrgTerms, OrgUnits, OrgAdvisories },
  props: { id: { type: String, required: true } },
  setup(props) {
    const org = ref(null);
    const parent = ref(null);
    const kids = ref([]);
    const advisories = ref(null);
    const error = ref("");
    const tab = ref("basic");
    const historyKey = ref(0); // bumped after a new event: 沿革 is read again
    const canWrite = computed(() => can("orgs.write"));
    const active = computed(() => org.value && !org.value.dissolved_on);

    const loadAdvisories = () =>
      api("GET", `/api/orgs/${props.id}/advisories`).then((r) => { advisories.value = r.items; }).catch(() => {});
    async function load() {
      try {
        org.value = await api("GET", `/api/orgs/${props.id}`);
      } catch (e) {
        error.value = e.status === 404 ? "没有找到这个党组织，或您无权查看。" : e.message;
        return;
      }
      // The parent is named by the server (a community admin may not read the orgs above) and
      // linked only where a grant of the user's lies at or above it (else its page is 404).
      const above = (org.value.ancestors || []).map((a) => a.id);
      parent.value = org.value.parent_id ? { id: org.value.parent_id, name: org.value.parent_name,
        readable: session.grants.some((g) => g.role === "admin" || above.includes(g.org_id)) } : null;
      api("GET", `/api/orgs/${props.id}/children`).then((r) => { kids.value = r.items; }).catch(() => {});
      loadAdvisories();
    }
    onMounted(load);
    async function onEvent() {
      await load();
      if (scope.orgId === org.value.id) setScope({ id: org.value.id, name: org.value.name, path: org.value.path });
      historyKey.value++;
      tab.value = "history";
    }
    return { org, parent, kids, advisories, error, tab, historyKey, canWrite, active, isMobile, loadAdvisories, onEvent };
  },
  template: `
    <div class="page org-page">
      <el-result v-if="error" icon="warning" title="无法查看" :sub-title="error">
        <template #extra><app-link to="/orgs"><el-button type="primary">返回组织</el-button></app-link></template>
      </el-result>
      <template v-else-if="org">
        <div class="page-head">
          <div class="org-head">
            <app-link to="/orgs" class="back-link"><el-icon><ArrowLeft /></el-icon> 组织</app-link>
            <h1 class="page-title">{{ org.name }}
              <el-tag size="small" type="info">{{ org.type_label }}</el-tag>
              <el-tag v-if="org.dissolved_on" size="small" type="warning">已于 {{ org.dissolved_on }} 撤销</el-tag>
            </h1>
          </div>
          <org-actions v-if="canWrite && active" :org="org" @updated="(o) => { org = o; }" @event="onEvent" />
        </div>
        <p class="page-desc">{{ [org.short_name, org.code].filter(Boolean).join(' · ') }}</p>
        <el-card shadow="never">
          <el-tabs v-model="tab" :stretch="isMobile" class="org-tabs">
            <el-tab-pane :label="isMobile ? '基本' : '基本信息'" name="basic">
              <org-basic :org="org" :parent="parent" :kids="kids" />
            </el-tab-pane>
            <el-tab-pane label="沿革" name="history" lazy>
              <org-history :key="historyKey" :org="org" />
            </el-tab-pane>
            <el-tab-pane :label="isMobile ? '班子' : '班子与任期'" name="terms" lazy>
              <org-terms :org-id="org.id" :writable="canWrite && active" @changed="loadAdvisories" />
            </el-tab-pane>
            <el-tab-pane :label="isMobile ? '单位' : '成员单位'" name="units" lazy>
              <org-units :org-id="org.id" :writable="canWrite && active" />
            </el-tab-pane>
            <el-tab-pane name="advisories">
              <template #label>提示<el-badge v-if="advisories && advisories.length" :value="advisories.length" type="warning" class="tab-badge" /></template>
              <org-advisories :org-id="org.id" :items="advisories" />
            </el-tab-pane>
          </el-tabs>
        </el-card>
      </template>
      <div v-else class="page-loading">正在加载…</div>
    </div>`,
};
