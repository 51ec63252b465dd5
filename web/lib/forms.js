// forms.js: shows a server error on a form: a field error (JSON pointer "/id_number") goes
// inline under that field, anything else becomes a message at the top of the page; and
// submitForm, the busy/clear/try/show-error frame every form write runs in.
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

// Runs one form write: `busy` (a ref, optional) is true meanwhile and the form's errors are
// cleared first; a failure is shown by showError (on its field when `fields` has it, else as
// a message). `work` does the request and what follows a success. Returns whether it succeeded.
export async function submitForm({ busy, errs, fields = [] }, work) {
  if (busy) busy.value = true;
  clearErrors(errs);
  try {
    await work();
    return true;
  } catch (e) {
    showError(e, errs, fields);
    return false;
  } finally {
    if (busy) busy.value = false;
  }
}
