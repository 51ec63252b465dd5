// orgs.js: 组织 page: the org tree of the current scope (children load on expand), a search
// by name, and 历史日期 which shows the tree as it stood on that day (names and parents then).
// A node opens the org's page. Writes (新建下级组织, 更名…) live on the org's page.
import { api, withQuery } from "../lib/api.js";
import { scope } from "../lib/session.js";
import { route, navigate, setQuery } from "../lib/router.js";
import { fmtNumber } from "../lib/format.js";
import { isMobile } from "../lib/viewport.js";
const { ref, watch, onMounted } = Vue;

const leafOf = (o) => ({ ...o, leaf: o.children === 0 });

// This page's addresses, title, permission and menu place (menu.js builds the menu from these).
export const routes = [{ path: "/orgs", title: "组织", perm: "orgs.read", menu: { group: "党员与组织", icon: "OfficeBuilding", order: 20 } }];

export default {
  name: "OrgsPage",
  setup() {
    const q = ref(route.query.q || "");
    const asOf = ref(route.query.as_of || "");
    const results = ref(null); // search hits, null when not searching
    const history = ref(null); // the as-of tree, null when showing today's tree
    const error = ref("");
    const loading = ref(false);
    const treeKey = ref(0);
    async function load(n, resolve) {
      try {
        if (n.level === 0) {
          resolve([leafOf(await api("GET", `/api/orgs/${scope.orgId}`))]);
          return;
        }
        const r = await api("GET", `/api/orgs/${n.data.id}/children`);
        resolve(r.items.map(leafOf));
      } catch (e) {
        ElementPlus.ElMessage.error(e.message);
        resolve([]);
      }
    }
    async function refresh() {
      setQuery({ q: q.value.trim(), as_of: asOf.value || "" });
      error.value = "";
      results.value = null;
      history.value = null;
      loading.value = true;
      try {
        if (q.value.trim()) {
          const r = await api("GET", withQuery("/api/orgs", { org: scope.orgId, q: q.value.trim(), size: 100 }));
          results.value = r;
        } else if (asOf.value) {
          history.value = [await api("GET", withQuery(`/api/orgs/${scope.orgId}/tree`, { as_of: asOf.value }))];
        } else treeKey.value++;
      } catch (e) {
        error.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    function clearAsOf() {
      asOf.value = "";
      refresh();
    }
    watch(() => scope.orgId, refresh);
    onMounted(refresh);
    // The as-of tree opens its first level, as today's tree does.
    const opened = (root) => (root ? [root.id] : []);
    const open = (o) => navigate(`/orgs/${o.id}`);
    return { q, asOf, results, history, error, loading, treeKey, load, refresh, clearAsOf, opened, open, scope, fmtNumber, isMobile,
             treeProps: { label: "name", isLeaf: "leaf", children: "kids" }, histProps: { label: "name", children: "children" } };
  },
  template: `
    <div class="page orgs-page">
      <div class="page-head"><h1 class="page-title">组织</h1></div>
      <p class="page-desc">{{ scope.orgName }}及下级党组织。点击组织名称查看详情、沿革和班子。</p>
      <el-card shadow="never">
        <el-form :inline="!isMobile" class="filters" @submit.prevent="refresh">
          <el-form-item label="名称">
            <el-input v-model="q" name="q" placeholder="组织名称或简称" clearable prefix-icon="Search" @clear="refresh" />
          </el-form-item>
          <el-form-item label="历史日期">
            <el-date-picker v-model="asOf" type="date" value-format="YYYY-MM-DD" placeholder="查看某日的组织树" name="as_of"
                            class="as-of-picker" :disabled-date="(d) => d > new Date()" @change="refresh" />
          </el-form-item>
          <el-form-item>
            <el-button type="primary" native-type="submit" icon="Search">查询</el-button>
          </el-form-item>
        </el-form>
        <el-alert v-if="history && !q" type="info" :closable="false" show-icon class="as-of-alert">
          <template #title>正在查看 {{ asOf }} 的组织树（当时的名称和隶属关系）。<el-button link type="primary" @click="clearAsOf">回到今天</el-button></template>
        </el-alert>
        <div v-loading="loading" class="org-tree-wrap">
          <el-empty v-if="error" :description="error" />
          <template v-else-if="results">
            <p class="form-hint">找到 {{ fmtNumber(results.total) }} 个党组织{{ results.total > results.items.length ? '，只显示前 ' + results.items.length + ' 个，请输入更完整的名称' : '' }}</p>
            <ul class="org-results">
              <li v-for="o in results.items" :key="o.id">
                <app-link :to="'/orgs/' + o.id" class="link">{{ o.name }}</app-link>
                <el-tag size="small" type="info" class="org-type">{{ o.type_label }}</el-tag>
                <el-tag v-if="o.dissolved_on" size="small" type="warning">已撤销</el-tag>
              </li>
            </ul>
            <el-empty v-if="!results.items.length" description="没有名称相符的党组织" />
          </template>
          <el-tree v-else-if="history" :data="history" :props="histProps" node-key="id" :default-expanded-keys="opened(history[0])"
                   class="org-tree" :expand-on-click-node="false" @node-click="open">
            <template #default="{ data }">
              <span class="org-node"><span class="org-node-name">{{ data.name }}</span><span class="org-node-meta"><el-tag size="small" type="info" class="org-type">{{ data.type_label }}</el-tag></span></span>
            </template>
          </el-tree>
          <el-tree v-else :key="treeKey" lazy :load="load" :props="treeProps" node-key="id" :default-expanded-keys="[scope.orgId]"
                   class="org-tree" :expand-on-click-node="false" @node-click="open">
            <template #default="{ data }">
              <span class="org-node">
                <span class="org-node-name">{{ data.name }}</span>
                <span class="org-node-meta"><el-tag size="small" type="info" class="org-type">{{ data.type_label }}</el-tag><span v-if="data.members" class="org-node-count">{{ fmtNumber(data.members) }} 人</span></span>
              </span>
            </template>
          </el-tree>
        </div>
      </el-card>
    </div>`,
};
