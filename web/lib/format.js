// format.js: dates, times, numbers and money for China (Asia/Shanghai, zh-CN digits grouping).
// Server times are unix seconds or ISO strings; dates are "YYYY-MM-DD" and shown as is.

const TZ = "Asia/Shanghai";
const dtf = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", hour12: false,
});
const df = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit",
});
const nf = new Intl.NumberFormat("zh-CN");
const mf = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });

function toDate(v) {
  if (v === null || v === undefined || v === "") return null;
  const d = typeof v === "number" ? new Date(v * 1000) : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parts(fmt, d) {
  const o = {};
  for (const p of fmt.formatToParts(d)) o[p.type] = p.value;
  return o;
}

// 2026-11-23 20:58
export function fmtDateTime(v) {
  const d = toDate(v);
  if (!d) return "—";
  const p = parts(dtf, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
}

// 2026-11-23 (a "YYYY-MM-DD" string is returned unchanged)
export function fmtDate(v) {
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = toDate(v);
  if (!d) return "—";
  const p = parts(df, d);
  return `${p.year}-${p.month}-${p.day}`;
}

// 2026年11月23日
export function fmtDateLong(v) {
  const s = fmtDate(v);
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : s;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? "—" : nf.format(n);
}

export function fmtMoneyCents(cents) {
  return cents === null || cents === undefined ? "—" : mf.format(cents / 100);
}

export function fmtPercent(part, whole) {
  if (!whole) return "—";
  return `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%`;
}
