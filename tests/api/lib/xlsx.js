// xlsx.js: tiny .xlsx writer and reader for the import/export tests, so fixtures are built in
// the test itself (shared strings, inline strings, numbers, date-formatted numbers, merged
// ranges) and exports can be checked without the server's own reader. Only what tests need.
"use strict";
const zlib = require("node:zlib");

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// files: {name: string|Buffer} → a deflated zip.
function zip(files) {
  const locals = [], centrals = [];
  let off = 0;
  for (const [name, body] of Object.entries(files)) {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
    const comp = zlib.deflateRawSync(data);
    const nm = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x800, 6);
    h.writeUInt16LE(8, 8); h.writeUInt32LE(crc, 14); h.writeUInt32LE(comp.length, 18);
    h.writeUInt32LE(data.length, 22); h.writeUInt16LE(nm.length, 26);
    locals.push(h, nm, comp);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8); c.writeUInt16LE(8, 10); c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(comp.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(nm.length, 28);
    c.writeUInt32LE(off, 42);
    centrals.push(c, nm);
    off += h.length + nm.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const n = Object.keys(files).length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(n, 8); end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

function unzip(buf) {
  const out = {};
  let e = buf.length - 22;
  while (e >= 0 && buf.readUInt32LE(e) !== 0x06054b50) e--;
  const n = buf.readUInt16LE(e + 10);
  let p = buf.readUInt32LE(e + 16);
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const lo = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nlen);
    const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
    const data = buf.subarray(start, start + csize);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : data;
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const colName = (i) => { let s = ""; i++; while (i > 0) { s = String.fromCharCode(65 + ((i - 1) % 26)) + s; i = Math.floor((i - 1) / 26); } return s; };

// rows: arrays of cells; a cell is a string (shared string), {n: number} (general number),
// {date: serial} (number with a yyyy-mm-dd style), {inline: "text"}, or null (no cell).
// opts.merges: ["A1:F1"]; opts.sheetName.
function buildXlsx(rows, opts = {}) {
  const strings = [], index = new Map();
  const si = (s) => { if (!index.has(s)) { index.set(s, strings.length); strings.push(s); } return index.get(s); };
  let sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  rows.forEach((row, r) => {
    if (!row) return;
    sheet += `<row r="${r + 1}">`;
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const ref = `${colName(c)}${r + 1}`;
      if (typeof v === "string") sheet += `<c r="${ref}" t="s"><v>${si(v)}</v></c>`;
      else if (v.inline !== undefined) sheet += `<c r="${ref}" t="inlineStr"><is><t>${esc(v.inline)}</t></is></c>`;
      else if (v.date !== undefined) sheet += `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
      else sheet += `<c r="${ref}"><v>${v.n}</v></c>`;
    });
    sheet += "</row>";
  });
  sheet += "</sheetData>";
  if (opts.merges && opts.merges.length) sheet += `<mergeCells count="${opts.merges.length}">${opts.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  sheet += "</worksheet>";
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`;
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zip({
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="${esc(opts.sheetName || "Sheet1")}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": sst,
    "xl/worksheets/sheet1.xml": sheet,
  });
}

const unesc = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

// Reads the first sheet: {rows: {rowNumber: [texts by column]}, merges: [refs], frozen}.
function readXlsx(buf) {
  const files = unzip(buf);
  const sstXml = files["xl/sharedStrings.xml"] ? files["xl/sharedStrings.xml"].toString("utf8") : "";
  const sst = [...sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unesc(t[1])).join(""));
  const xml = files["xl/worksheets/sheet1.xml"].toString("utf8");
  const rows = {};
  for (const rm of xml.matchAll(/<row [^>]*r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const cm of rm[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      let col = 0;
      for (const ch of cm[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      const t = (cm[2].match(/t="(\w+)"/) || [])[1];
      const inner = cm[3] || "";
      const v = (inner.match(/<v>([\s\S]*?)<\/v>/) || [])[1];
      let text = "";
      if (t === "s") text = sst[Number(v)];
      else if (t === "inlineStr") text = unesc((inner.match(/<t[^>]*>([\s\S]*?)<\/t>/) || [, ""])[1]);
      else if (v !== undefined) text = t === "str" || t === "e" || t === "b" ? unesc(v) : Number(v); // a number cell reads as a number
      cells[col - 1] = text;
    }
    rows[Number(rm[1])] = cells;
  }
  return { rows, merges: [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]), frozen: /<pane [^>]*state="frozen"/.test(xml), widths: /<col /.test(xml) };
}

// A valid demo ID number (prefix 99, DATA.md DEMO-ID) for a birth date and sequence.
// The 17 digits followed by their GB 11643 check character.
function withCheckDigit(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * w[i];
  return body17 + "10X98765432"[s % 11];
}

function demoId(birth = "19850312", seq = "001", region = "990105") {
  return withCheckDigit(region + birth + seq);
}

module.exports = { zip, unzip, buildXlsx, readXlsx, demoId, withCheckDigit };
