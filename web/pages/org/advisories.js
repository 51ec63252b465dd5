// advisories.js: the 提示 tab of the org page: the server's advisories for the org (RULES.md
// §3.1), each in words; the rule it comes from (ORG-COMMITTEE …) is in the tooltip for those
// who look rules up. The page loads the list (its count is on the tab).
export default {
  name: "OrgAdvisories",
  props: { orgId: { type: Number, required: true }, items: Array },
  template: `
    <div class="org-advisories">
      <template v-if="items && items.length">
        <el-alert v-for="(a, i) in items" :key="i" :type="a.severity === 'error' ? 'error' : 'warning'" :closable="false" show-icon class="advisory">
          <template #title>
            <span :title="a.rule ? '规则 ' + a.rule : undefined">
              <app-link v-if="a.org_id !== orgId" :to="'/orgs/' + a.org_id" class="link">{{ a.org_name }}</app-link><span v-else>本组织</span>：{{ a.message }}
            </span>
          </template>
        </el-alert>
      </template>
      <el-empty v-else description="没有需要处理的提示" />
    </div>`,
};
