// my-dev-docs.js: 我的材料 inside 我的入党申请 (components/my-dev.js): the documents the branch
// holds for the signed-in person's application (GET /api/me/dev/documents): kind, date and
// file name, so an applicant sees what is on file. No download and no cadres' notes: the
// originals are with the branch. Renders nothing when there are none.
import { api } from "../lib/api.js";
const { ref, onMounted } = Vue;

export default {
  name: "MyDevDocs",
  props: { applicantId: { type: Number, required: true } },
  setup(props) {
    const items = ref([]);
    onMounted(async () => {
      try {
        items.value = (await api("GET", "/api/me/dev/documents")).items.filter((d) => d.applicant_id === props.applicantId);
      } catch {
        items.value = [];
      }
    });
    return { items };
  },
  template: `
    <div v-if="items.length" class="my-dev-docs">
      <div class="me-note">支部已存材料：</div>
      <ul class="my-dev-doc-list">
        <li v-for="d in items" :key="d.id" class="my-dev-doc">{{ d.kind_label }} · {{ d.date }} · {{ d.file_name }}</li>
      </ul>
    </div>`,
};
