// not-found.js: shown for an address no page answers.
import { homePath } from "../menu.js";

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "*", title: "页面不存在", perm: "session" }];

export default {
  name: "NotFoundPage",
  setup() {
    return { home: homePath() };
  },
  template: `
    <el-result icon="warning" title="页面不存在" sub-title="您访问的页面不存在，或您没有查看它的权限。">
      <template #extra><app-link :to="home"><el-button type="primary">返回首页</el-button></app-link></template>
    </el-result>`,
};
