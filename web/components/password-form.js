// password-form.js: the change-own-password form (原密码, 新密码, 确认新密码) used by the forced
// change page and the user menu's dialog. Emits "done" after the server accepted it.
import { api } from "../lib/api.js";
import { fieldErrors, showError, clearErrors } from "../lib/forms.js";
const { reactive, ref } = Vue;

export default {
  name: "PasswordForm",
  emits: ["done", "cancel"],
  props: { cancellable: Boolean },
  setup(props, { emit }) {
    const form = reactive({ old_password: "", new_password: "", confirm: "" });
    const errs = fieldErrors();
    const busy = ref(false);
    async function submit() {
      clearErrors(errs);
      if (form.new_password !== form.confirm) {
        errs.confirm = "两次输入的新密码不一致";
        return;
      }
      busy.value = true;
      try {
        await api("POST", "/api/session/password",
                  { old_password: form.old_password, new_password: form.new_password });
        ElementPlus.ElMessage.success("密码已修改");
        emit("done");
      } catch (e) {
        showError(e, errs, ["old_password", "new_password"]);
      } finally {
        busy.value = false;
      }
    }
    return { form, errs, busy, submit, emit };
  },
  template: `
    <el-form label-position="top" @submit.prevent="submit" class="password-form">
      <el-form-item label="原密码" :error="errs.old_password" required>
        <el-input v-model="form.old_password" type="password" show-password autocomplete="current-password" name="old_password" />
      </el-form-item>
      <el-form-item label="新密码" :error="errs.new_password" required>
        <el-input v-model="form.new_password" type="password" show-password autocomplete="new-password" name="new_password" />
        <div class="form-hint">至少 10 个字符，含大写字母、小写字母、数字、符号中的三类（16 个字符以上的短语不限）；不能是常见密码或最近用过的密码，不能包含用户名或身份证号</div>
      </el-form-item>
      <el-form-item label="确认新密码" :error="errs.confirm" required>
        <el-input v-model="form.confirm" type="password" show-password autocomplete="new-password" name="confirm" />
      </el-form-item>
      <div class="form-actions">
        <el-button v-if="cancellable" @click="emit('cancel')">取消</el-button>
        <el-button type="primary" native-type="submit" :loading="busy">确认修改</el-button>
      </div>
    </el-form>`,
};
