// data-list.js: a list that is a table on a wide screen and a stack of cards on a phone (every
// field readable, no column off screen). columns: [{key, label, width, min, phone}], where
// phone: false leaves a field off the card and phone: "actions" puts it at the card's foot,
// unlabelled (buttons). A column's cell is the slot named after its key ({row}), else the
// row's value ("—" when empty). The card's heading is the column named by `title` (default
// the first). It fetches nothing: the page hands it rows (with pagedList for paged lists).
import { isMobile } from "../lib/viewport.js";

const show = (v) => (v === null || v === undefined || v === "" ? "—" : v);

export default {
  name: "DataList",
  props: {
    rows: { type: Array, default: () => [] },
    columns: { type: Array, required: true },
    loading: Boolean,
    title: { type: String, default: "" },
    rowKey: { type: String, default: "id" },
    rowClass: { type: Function, default: null },
    emptyText: { type: String, default: "暂无数据" },
    size: { type: String, default: "default" },
  },
  setup(props) {
    const head = () => props.title || props.columns[0].key;
    const fields = () => props.columns.filter((c) => c.key !== head() && c.phone !== false && c.phone !== "actions");
    const actions = () => props.columns.filter((c) => c.phone === "actions");
    const cls = (row) => (props.rowClass ? props.rowClass(row) : "");
    return { isMobile, show, head, fields, actions, cls };
  },
  template: `
    <div class="data-list">
      <el-table v-if="!isMobile" :data="rows" v-loading="loading" stripe :size="size" :empty-text="emptyText"
                :row-class-name="({ row }) => cls(row)">
        <el-table-column v-for="c in columns" :key="c.key" :label="c.label" :width="c.width" :min-width="c.min">
          <template #default="{ row }"><slot :name="c.key" :row="row">{{ show(row[c.key]) }}</slot></template>
        </el-table-column>
      </el-table>
      <div v-else class="card-list" v-loading="loading">
        <div v-for="(row, i) in rows" :key="row[rowKey] === undefined ? i : row[rowKey]" class="list-card" :class="cls(row)">
          <div class="list-card-title"><slot :name="head()" :row="row">{{ show(row[head()]) }}</slot></div>
          <div v-for="c in fields()" :key="c.key" class="list-card-field">
            <span class="list-card-label">{{ c.label }}</span>
            <span class="list-card-value"><slot :name="c.key" :row="row">{{ show(row[c.key]) }}</slot></span>
          </div>
          <div v-for="c in actions()" :key="c.key" class="list-card-actions"><slot :name="c.key" :row="row" /></div>
        </div>
        <el-empty v-if="!loading && !rows.length" :description="emptyText" :image-size="80" />
      </div>
    </div>`,
};
