// pocket.js: 组织关系转接 → 口袋党员: members of the current scope whose introduction letter ran
// out without a 回执 (GET /api/transfers/pocket): the relation may sit in someone's pocket. Listed
// for the branch to follow up; the software changes nothing.
import { api, withQuery, loadWith } from "../../lib/api.js";
import { scope } from "../../lib/session.js";
import DataList from "../../components/data-list.js";
const { ref, watch, onMounted } = Vue;

export default {
  name: "TransferPocket",
  components: { DataList },
  props: { version: { type: Number, default: 0 } },
  setup(props) {
    const items = ref([]);
    const loading = ref(false);
    async function load() {
      if (!scope.orgId) return;
      const r = await loadWith(loading, () => api("GET", withQuery("/api/transfers/pocket", { org: scope.orgId })));
      if (r) items.value = r.items;
    }
    watch(() => [scope.orgId, props.version], load);
    onMounted(load);
    const columns = [{ key: "name", label: "党员", min: 80 }, { key: "org_name", label: "所在党组织", min: 170 },
                     { key: "reason_label", label: "情况", width: 140 }, { key: "since", label: "自何日起", width: 110 },
                     { key: "number", label: "介绍信", width: 100 }, { key: "to_org_name", label: "去向", min: 170 }];
    return { items, loading, columns, scope };
  },
  template: `
    <div class="transfer-pocket">
      <p class="form-hint">{{ scope.orgName }}：介绍信已过有效期仍未收到回执的党员，组织关系可能未落地（“口袋党员”）。请联系本人和接收党组织核实；系统只列出，不作处理。</p>
      <data-list :rows="items" :columns="columns" row-key="letter_id" :loading="loading" size="small" empty-text="没有需要跟进的党员" />
    </div>`,
};
