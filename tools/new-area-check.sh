#!/bin/sh
# new-area-check.sh: proves tools/new-area.sh makes an area that passes untouched. In a copy of
# the working tree under /tmp (tracked and untracked files, plus the build directory so only
# the new files compile), it runs `tools/new-area.sh demo_area`, builds, checks format and
# source rules, then runs the module unit test and the routes, authz, meta and demo_area API
# tests; it removes the copy afterwards. Run by `make new-area-check` (part of `make check`).
set -eu
cd "$(dirname "$0")/.."
O=${O:-build}
tmp=$(mktemp -d /tmp/dangjian-new-area.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -C "$tmp" -xf -
# Only what a build reuses (not benchmark databases or the sanitizer build).
mkdir -p "$tmp/$O"
for d in src gen tests libdangjian.a dangjian; do
    [ ! -e "$O/$d" ] || cp -a "$O/$d" "$tmp/$O/"
done
[ ! -d node_modules ] || ln -s "$PWD/node_modules" "$tmp/node_modules"
cd "$tmp"
touch .marker
tools/new-area.sh demo_area
status=0
# The script edits no shared file: everything newer than the marker is the area's own.
shared=$(find . \( -path "./$O" -o -path ./node_modules \) -prune -o -type f -newer .marker -print |
    grep -v -e '^\./src/domain/demo_area/' -e '_demo_area\.\(sqlite\|pg\)\.sql$' \
        -e '^\./tests/api/authz/demo_area\.js$' -e '^\./tests/api/demo_area\.test\.js$' || true)
[ -z "$shared" ] || { echo "new-area-check: new-area.sh changed shared files:"; echo "$shared"; status=1; }
make -s O="$O" "$O/dangjian" "$O/tests/unit/domain/modules_test" >/dev/null || exit 1
# docs/openapi.json is generated, not edited: the one step after building, as new-area.sh says.
"$O/dangjian" openapi >docs/openapi.json
clang-format --dry-run --Werror src/domain/demo_area/*.c src/domain/demo_area/*.h || status=1
tools/checksrc.sh || status=1
"$O/tests/unit/domain/modules_test" >/dev/null || { echo "new-area-check: modules_test failed"; status=1; }
DANGJIAN_BIN="$O/dangjian" node --test --test-reporter=tap tests/api/routes.test.js \
    tests/api/authz.test.js tests/api/meta.test.js tests/api/demo_area.test.js 2>&1 |
    tools/tap-summary.sh new-area || status=1
exit $status
