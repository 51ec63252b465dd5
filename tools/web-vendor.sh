#!/bin/sh
# web-vendor.sh: copies the web UI's npm packages' prebuilt browser files (vue, element-plus and
# its zh-CN locale, the icons, echarts) with their licences into web/vendor/<name>@<version>/,
# the served folder (gitignored, cached 7 days, so the version is in the path). Vue is its
# runtime-only build: tools/web-compile.js precompiles the templates. It runs
# `npm ci` first when node_modules is older than package-lock.json. It does not bundle anything.
set -eu
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null 2>&1 || { echo "web-vendor: npm is missing: run make deps" >&2; exit 1; }
    echo "web-vendor: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
fi

ver() { node -p "require('./node_modules/$1/package.json').version"; }
out=web/vendor
tmp=web/.vendor.tmp
rm -rf "$tmp"

# copy PACKAGE DIRNAME FILE... : node_modules/PACKAGE/FILE → $tmp/DIRNAME@VERSION/basename(FILE)
copy() {
    pkg=$1 name=$2
    shift 2
    dir="$tmp/$name@$(ver "$pkg")"
    mkdir -p "$dir"
    for f in "$@"; do
        case $f in
        */*) mkdir -p "$dir/${f%/*}" ;;
        esac
        cp "node_modules/$pkg/$f" "$dir/$f"
    done
}
copy vue vue dist/vue.runtime.global.prod.js LICENSE
copy element-plus element-plus dist/index.full.min.js dist/index.css dist/locale/zh-cn.min.js LICENSE
copy @element-plus/icons-vue icons-vue dist/index.iife.min.js LICENSE
copy echarts echarts dist/echarts.min.js LICENSE NOTICE
# Flatten dist/ so the served paths are /vendor/vue@3.5.45/vue.global.prod.js etc.
for d in "$tmp"/*; do
    if [ -d "$d/dist" ]; then
        cp -R "$d/dist/." "$d/"
        rm -rf "$d/dist"
    fi
done

rm -rf "$out"
mv "$tmp" "$out"

# Every /vendor/ path the app names must exist (a version bump must update index.html too).
fail=0
for p in $(grep -ohE '/vendor/[^"'\'' ]+' web/index.html web/*.js web/lib/*.js web/pages/*.js web/components/*.js 2>/dev/null | sort -u); do
    if [ ! -f "web$p" ]; then
        echo "web-vendor: web$p is named by the app but missing (update the version in the app)" >&2
        fail=1
    fi
done
[ $fail -eq 0 ] || exit 1
touch "$out/.stamp"
echo "web-vendor: $(du -sh "$out" | cut -f1) in $out"
