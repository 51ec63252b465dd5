// scoped.js: what a page shows for the org scope chosen at the top (session.js scope): loaded
// when the page opens and again whenever the scope changes, with a loading flag and errors as
// a message (api.js loadWith). fetch(orgId) answers the data; load() reloads by hand (after a
// date changes, say).
import { scope } from "./session.js";
import { loadWith } from "./api.js";
const { ref, watch, onMounted } = Vue;

export function useScoped(fetch, initial) {
  const data = ref(initial);
  const loading = ref(false);
  async function load() {
    if (!scope.orgId) return;
    const r = await loadWith(loading, () => fetch(scope.orgId));
    if (r !== undefined) data.value = r;
  }
  watch(() => scope.orgId, load);
  onMounted(load);
  return { data, loading, load };
}
