// flow-records.js: the organizational life a member attended at the destinations of their flows
// in a period (GET /api/flows/records), shown in the 民主评议 dialog (pages/evaluation/
// subject-form.js) as FLOW-IN-DUTY asks: the 流入地's record counts in the evaluation. Nothing
// shows for a member with none, or for a reader without transfers.read.
import { api, withQuery } from "../../lib/api.js";
import { can } from "../../lib/session.js";
const { ref, watch } = Vue;

export default {
  name: "FlowRecords",
  props: { personId: { type: Number, required: true }, from: { type: String, required: true }, to: { type: String, required: true } },
  setup(props) {
    const items = ref([]);
    async function load() {
      items.value = [];
      if (!can("transfers.read")) return;
      try {
        items.value = (await api("GET", withQuery("/api/flows/records", { person: props.personId, from: props.from, to: props.to }))).items;
      } catch {
        // the dialog works without the record (a member out of the reader's scope)
      }
    }
    watch(() => [props.personId, props.from, props.to], load, { immediate: true });
    return { items };
  },
  template: `
    <el-form-item v-if="items.length" label="流入地组织生活" class="flow-records">
      <div class="xfer-notes">
        <div v-for="r in items" :key="r.met_on + r.topic" class="flow-record">{{ r.met_on }} {{ r.topic }}<span v-if="r.dest_org_name">（{{ r.dest_org_name }}）</span></div>
        <div class="form-hint">流动党员在流入地参加组织生活的记录，作为民主评议的重要依据。</div>
      </div>
    </el-form-item>`,
};
