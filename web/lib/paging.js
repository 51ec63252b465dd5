// paging.js: the state of a paged list page: rows, total, page, size and loading, with load()
// (the current page) and search() (back to page 1). A failed load shows the server's message
// and keeps the rows shown. It does not know the URL: fetchPage({page, size}) builds the
// request (and may put the filters in the address bar) and answers {items, total}.
const { ref } = Vue;

export function pagedList(fetchPage, { page = 1, size = 20 } = {}) {
  const list = { rows: ref([]), total: ref(0), page: ref(page), size: ref(size), loading: ref(false) };
  list.load = async () => {
    list.loading.value = true;
    try {
      const r = await fetchPage({ page: list.page.value, size: list.size.value });
      list.rows.value = r.items;
      list.total.value = r.total;
    } catch (e) {
      ElementPlus.ElMessage.error(e.message);
    } finally {
      list.loading.value = false;
    }
  };
  list.search = () => {
    list.page.value = 1;
    return list.load();
  };
  return list;
}
