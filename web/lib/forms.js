// forms.js: shows a server error on a form: a field error (JSON pointer "/id_number") goes
// inline under that field, anything else becomes a message at the top of the page.
const { reactive } = Vue;

// fieldErrors() → reactive {name: message}; use :error="errs.name" on <el-form-item>.
export function fieldErrors() {
  return reactive({});
}

export function clearErrors(errs) {
  for (const k of Object.keys(errs)) delete errs[k];
}

// Returns true when the error was shown inline on a field the form has.
export function showError(e, errs, known = []) {
  clearErrors(errs);
  const name = (e.field || "").replace(/^\//, "").split("/")[0];
  if (name && (known.length === 0 || known.includes(name))) {
    errs[name] = e.message; // shown under the field; a toast as well would say it twice
    return true;
  }
  ElementPlus.ElMessage.error(e.message);
  return false;
}
