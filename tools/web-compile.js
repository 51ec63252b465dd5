// web-compile.js: precompiles the web UI's Vue templates so the browser never compiles code
// at run time and the page's CSP can forbid eval. Every .js file under web/ (except vendor/
// and gen/) is mirrored into web/gen/ (relative imports keep working); in each, a component's
// `template: `…`` becomes `render: (function () { … })()`, compiled by @vue/compiler-dom
// (installed with vue). The app then runs on Vue's runtime-only build. Templates must not
// interpolate ${…}: they are Vue templates, not JS strings; the build fails if one does.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { compile } = require("@vue/compiler-dom");

const ROOT = path.resolve(__dirname, "..");
const WEB = path.join(ROOT, "web");
const OUT = path.join(WEB, "gen");
// Per process: two builds (say make and make O=build/asan) may run this at once.
const TMP = path.join(WEB, `.gen.tmp-${process.pid}`);

function sources(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!["vendor", "gen", ".vendor.tmp"].includes(e.name) && !e.name.startsWith(".gen.tmp")) out.push(...sources(p));
    } else if (e.name.endsWith(".js")) out.push(p);
  }
  return out;
}

// Index of the backtick closing the template literal that starts at `start`.
function literalEnd(src, start, file) {
  for (let i = start; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "`") return i;
    else if (src[i] === "$" && src[i + 1] === "{") throw new Error(`${file}: a template must not use \${…}`);
  }
  throw new Error(`${file}: unterminated template`);
}

function renderFor(template, file) {
  const { code } = compile(template, {
    mode: "function",
    prefixIdentifiers: true,
    hoistStatic: true,
    cacheHandlers: true,
    onError(e) {
      throw new Error(`${file}: template error: ${e.message}`);
    },
  });
  return `render: (function () {\n${code}\n})()`;
}

function transform(src, file) {
  const marker = /\btemplate:\s*`/g;
  let out = "", last = 0, m;
  while ((m = marker.exec(src))) {
    const start = m.index + m[0].length;
    const end = literalEnd(src, start, file);
    // The literal's value, escapes resolved (it holds no ${…}, checked above).
    const template = Function(`"use strict"; return \`${src.slice(start, end)}\`;`)();
    out += src.slice(last, m.index) + renderFor(template, file);
    last = end + 1;
    marker.lastIndex = last;
  }
  return out + src.slice(last);
}

fs.rmSync(TMP, { recursive: true, force: true });
let templates = 0;
for (const file of sources(WEB)) {
  const rel = path.relative(WEB, file);
  const src = fs.readFileSync(file, "utf8");
  const out = transform(src, rel);
  if (out !== src) templates++;
  fs.mkdirSync(path.dirname(path.join(TMP, rel)), { recursive: true });
  fs.writeFileSync(path.join(TMP, rel), `// Generated from web/${rel} by tools/web-compile.js; edit that file.\n${out}`);
}
fs.writeFileSync(path.join(TMP, ".stamp"), "");
// Swap the new tree in; should another build swap its own in between, retry once.
for (let attempt = 0; ; attempt++) {
  fs.rmSync(OUT, { recursive: true, force: true });
  try {
    fs.renameSync(TMP, OUT);
    break;
  } catch (e) {
    if (attempt > 0 || !["ENOTEMPTY", "EEXIST"].includes(e.code)) throw e;
  }
}
console.log(`web-compile: ${templates} files with templates compiled into web/gen`);
