// money.js: money as people see and type it. The server keeps integer fen; the UI shows 元
// with two decimals and parses what is typed in 元 as a string (never through floating point):
// full-width digits and point (typed with a Chinese input method), blanks, thousands commas
// and a trailing 元 are accepted.
import { todayCN } from "./orglife.js";

// 1500 → "15.00"; -2500 → "-25.00"; null → "—".
export function fmtYuan(fen) {
  if (fen === null || fen === undefined) return "—";
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

// "１５．５ 元" → {fen: 1550}; "" → {fen: null}; bad text → {error: "…"} (zh-CN).
export function parseYuan(text) {
  const s = String(text ?? "")
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[\s\u3000,，]/g, "")
    .replace(/元$/, "");
  if (s === "") return { fen: null };
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return { error: "请输入金额（元），最多两位小数，例如 15.00" };
  return { fen: Number(m[1]) * 100 + Number((m[2] || "").padEnd(2, "0")) };
}

// The month n months from now in China, "YYYY-MM".
export function monthCN(n = 0) {
  const [y, m] = todayCN().split("-").map(Number);
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}
