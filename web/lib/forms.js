// forms.js: shows a server error on a form: every field error (JSON pointers "/id_number" in
// error.fields) goes inline under its field, anything else becomes a message at the top; and
// submitForm, the busy/clear/try/show-error frame every form write runs in.
const { reactive } = Vue;

// fieldErrors() → reactive {name: message}; use :error="errs.name" on <el-form-item>.
export function fieldErrors() {
  return reactive({});
}

export function clearErrors(errs) {
  for (const k of Object.keys(errs)) delete errs[k];
}

// Shows every field error of the answer (error.fields, else its one field) under its field,
// the first per field (a nested pointer such as /agenda/1/title is also kept under its whole
// path, errs["agenda/1/title"], for forms that show it at the item); the messages of fields the form does not have, or of an error about no
// field, go into one message at the top. Returns true when everything was shown inline.
export function showError(e, errs, known = []) {
  clearErrors(errs);
  const list = e.fields && e.fields.length ? e.fields : [{ field: e.field, message: e.message }];
  const rest = [];
  for (const f of list) {
    const name = (f.field || "").replace(/^\//, "").split("/")[0];
    if (name && (known.length === 0 || known.includes(name))) {
      if (!errs[name]) errs[name] = f.message; // under the field; a toast as well would say it twice
      const full = f.field.replace(/^\//, "");
      if (full !== name && !errs[full]) errs[full] = f.message;
    } else {
      rest.push(f.message);
    }
  }
  if (rest.length) ElementPlus.ElMessage.error(rest.join("；"));
  return rest.length === 0;
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
