// orglife.js: what the 组织生活 pages share: loading a meeting with its attendance, its type as people name it (the custom
// name for 其他), the attendance counts (应到/实到/请假/缺席/送学上门) of an attendance list,
// rates as percentages, this year's date range (Asia/Shanghai) and every page of a meeting
// list. Codes and labels come from meta.js (module orglife); nothing here is a copy of them.
import { api, withQuery } from "./api.js";
const { ref, onMounted } = Vue;

// A meeting page's data: {m, people, error} refs, loaded on mount from GET /api/meetings/{id}
// and its attendance; error says why there is nothing to show. `then` sees both once loaded.
export function useMeeting(id, then) {
  const m = ref(null), people = ref([]), error = ref("");
  onMounted(async () => {
    try {
      const [meeting, att] = await Promise.all([api("GET", `/api/meetings/${id}`), api("GET", `/api/meetings/${id}/attendance`)]);
      m.value = meeting;
      people.value = att.items;
      if (then) then(meeting, att.items);
    } catch (e) {
      error.value = e.status === 404 ? "没有找到这次会议，或您无权查看。" : e.message;
    }
  });
  return { m, people, error };
}

// 主题党日; for type "custom" the name the branch gave it (会议类型名称).
export const typeName = (m) => (m.type === "custom" && m.custom_type ? m.custom_type : m.type_label);

// The counts of GET /api/meetings/{id}/attendance items: 应到 is the expected people, 实到
// those present in person or online (as the compliance rate counts them).
export function attendCounts(items) {
  const c = { expected: 0, present: 0, online: 0, leave: 0, absent: 0, delivered: 0, unmarked: 0 };
  for (const a of items) {
    if (a.expected) c.expected++;
    if (!a.status) c.unmarked++;
    else if (a.status === "present" || a.status === "online") {
      c.present++;
      if (a.status === "online") c.online++;
    } else c[a.status]++;
  }
  return c;
}

// 0.849 → "84.9%"; null (no meeting recorded yet) → "—".
export const fmtRate = (r) => (r === null || r === undefined ? "—" : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

// Today as "YYYY-MM-DD" in China.
export const todayCN = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

// Now as "YYYY-MM-DD HH:MM" in China, comparable with a meeting's starts_at.
export const nowCN = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ");

// [from, to] of the current year: 1 January to 31 December.
export function yearRange(year = Number(todayCN().slice(0, 4))) {
  return [`${year}-01-01`, `${year}-12-31`];
}

// Every meeting of a query, page by page (the API gives at most 200 a page); stops at `limit`.
export async function allMeetings(query, limit = 2000) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await api("GET", withQuery("/api/meetings", { ...query, page, size: 200 }));
    out.push(...r.items);
    if (!r.items.length || out.length >= r.total || out.length >= limit) return out;
  }
}
