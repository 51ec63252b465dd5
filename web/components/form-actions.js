// form-actions.js: a dialog form's footer: 取消 (emits "cancel") and the submit button, which
// shows `busy` and reads `label` (danger: true for a destructive write). It submits the form it
// sits in (native-type="submit"), so Enter and the button take the same path.
export default {
  name: "FormActions",
  props: { label: { type: String, required: true }, busy: Boolean, danger: Boolean },
  emits: ["cancel"],
  template: `
    <div class="form-actions">
      <el-button @click="$emit('cancel')">取消</el-button>
      <el-button :type="danger ? 'danger' : 'primary'" native-type="submit" :loading="busy">{{ label }}</el-button>
    </div>`,
};
