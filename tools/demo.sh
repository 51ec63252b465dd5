#!/bin/sh
# demo.sh: `make demo` after the build: (re)creates data/demo.db with the fictional demo
# street, prints the demo logins and serves it on http://127.0.0.1:8080 until Ctrl-C.
# DEMO_PASSWORD sets the logins' password (random when unset); DEMO_PORT the port.
set -eu
cd "$(dirname "$0")/.."
mkdir -p data
if [ -n "${DEMO_PASSWORD:-}" ]; then
    build/dangjian demo --db data/demo.db --force --password "$DEMO_PASSWORD"
else
    build/dangjian demo --db data/demo.db --force
fi
echo
echo "打开 Open http://127.0.0.1:${DEMO_PORT:-8080}/ （Ctrl-C 停止 / to stop）"
exec build/dangjian serve --db data/demo.db --port "${DEMO_PORT:-8080}"
