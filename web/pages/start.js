// start.js: 首页 of the roles whose areas have not arrived yet (网格员, 居民, 共建单位联络人):
// for each such grant, what the user can do here today and what is coming, with links; a
// 居民 sees their household (not the community's Party committee). Other roles have the
// dashboard (home.js) or 我的 as their first page; the menu shows this page only to these roles.
import { session } from "../lib/session.js";
import MyHousehold from "../components/my-household.js";
const { computed } = Vue;

// What each role can do here today ([menu title, path, what for]) and what its areas will add.
const GUIDE = {
  grid_worker: {
    can: [["组织", "/orgs", "查看本社区的党组织、党支部和党小组，了解各支部的书记和联系方式"],
          ["我的", "/me", "查看本人账号和授权，修改密码"]],
    coming: ["网格内住户与居民信息的登记和维护", "入户走访记录与民情日志", "群众诉求的登记、转办和回访"],
  },
  resident: {
    can: [["我的", "/me", "查看本人的住户信息，修改密码"]],
    coming: ["向社区反映诉求，查看办理进度", "报名参加志愿服务和社区活动", "查看社区公示，参与居民议事协商"],
  },
  unit_liaison: {
    can: [["我的", "/me", "查看本人账号和所联络的社区，修改密码"]],
    coming: ["本单位与社区的共建项目和资源清单", "认领社区需求，登记共建活动", "本单位在职党员到社区报到的情况"],
  },
};

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/start", title: "首页", perm: "session", roles: ["grid_worker", "resident", "unit_liaison"],
                         menu: { group: "", icon: "HomeFilled", order: 0 } }];

export default {
  name: "StartPage",
  components: { MyHousehold },
  setup() {
    const cards = computed(() => session.grants.filter((g) => GUIDE[g.role]).map((g) => ({ ...g, ...GUIDE[g.role] })));
    const name = computed(() => session.user.display_name || session.user.username);
    const resident = computed(() => cards.value.some((c) => c.role === "resident"));
    return { cards, name, resident };
  },
  template: `
    <div class="page start-page">
      <div class="page-head"><h1 class="page-title">您好，{{ name }}</h1></div>
      <p class="page-desc">这里是社区党建与基层治理平台。下面是您现在可以做的事，以及即将上线的功能。</p>
      <my-household v-if="resident" />
      <el-card v-for="c in cards" :key="c.id" shadow="never" class="me-card start-role">
        <template #header>
          <span class="card-title">{{ c.role_label }}</span>
          <span v-if="c.role !== 'resident'" class="start-org">{{ c.org_name }}</span>
        </template>
        <h3 class="section-title">现在可以</h3>
        <ul class="start-list">
          <li v-for="[title, to, what] in c.can" :key="to"><app-link :to="to" class="link">{{ title }}</app-link>：{{ what }}</li>
        </ul>
        <h3 class="section-title">即将上线</h3>
        <ul class="start-list start-coming">
          <li v-for="w in c.coming" :key="w">{{ w }}</li>
        </ul>
      </el-card>
    </div>`,
};
