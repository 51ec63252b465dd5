// member-search.js: the member picker of dialogs (发起转接, 开具介绍信, 登记外出, 在职党员报到, 少交免交):
// current members of the selected org's subtree found in the roster by name or pinyin initials
// (GET /api/members?org=&q=&status=current), each offered with the org it belongs to.
import { api, withQuery } from "./api.js";
import { scope } from "./session.js";
const { ref } = Vue;

export function useMemberSearch() {
  const members = ref([]);
  const loading = ref(false);
  async function find(q) {
    if (!scope.orgId) return;
    loading.value = true;
    try {
      const r = await api("GET", withQuery("/api/members", { org: scope.orgId, q: (q || "").trim(), status: "current", size: 20 }));
      members.value = r.items.map((m) => ({ value: m.id, label: m.name, sub: m.org_name }));
    } catch (e) {
      ElementPlus.ElMessage.error(e.message);
    } finally {
      loading.value = false;
    }
  }
  return { members, loading, find };
}
