#!/bin/bash
# lib.sh: shared pieces of the benchmarks: a scratch folder, starting dangjian and nginx on
# free ports, logging in, running wrk and reading its numbers. Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${DANGJIAN_BIN:-$ROOT/build/dangjian}
WORK=${BENCH_WORK:-$ROOT/build/bench}
DURATION=${BENCH_DURATION:-10s}
PASSWORD=Bench-Passw0rd
mkdir -p "$WORK"
# One key file for every benchmark database (ID and phone numbers are sealed, core/seal.h), so
# copies of a database open like the original; made by the first command that needs it.
export DANGJIAN_CRYPTO_KEY_FILE=${DANGJIAN_CRYPTO_KEY_FILE:-$WORK/bench.key}

# demo_db N: path of a demo database with N members, generated once and reused (brought up to
# the binary's schema when it was made by an older one).
demo_db() {
    local n=$1 db="$WORK/demo-$1.db"
    if [ ! -f "$db" ]; then
        echo "generating a demo database with $n members..." >&2
        "$BIN" demo --db "$db" --members "$n" --password "$PASSWORD" >/dev/null
    fi
    "$BIN" migrate --db "$db" >/dev/null
    echo "$db"
}

# start_server DB: starts dangjian on a free port on a database file or a postgresql:// URL;
# sets SERVER_PID and SERVER_URL.
start_server() {
    local out="$WORK/serve.out" flag=--db
    case $1 in postgres://* | postgresql://*) flag=--db-url ;; esac
    DANGJIAN_LOG_LEVEL=warn "$BIN" serve "$flag" "$1" --port 0 >"$out" 2>"$WORK/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 1 200); do
        SERVER_URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out")
        [ -n "$SERVER_URL" ] && return 0
        sleep 0.05
    done
    echo "server did not start: $(cat "$WORK/serve.err")" >&2
    exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

# login USER: prints the session cookie ("dj_session=...").
login() {
    curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$SERVER_URL/api/session" |
        sed -n 's/^Set-Cookie: \(dj_session=[^;]*\).*/\1/ip' | tr -d '\r'
}

# start_nginx FILE: serves FILE at /file on a free port; sets NGINX_PID and NGINX_URL.
start_nginx() {
    local dir="$WORK/nginx" port
    mkdir -p "$dir/html" "$dir/logs"
    cp "$1" "$dir/html/file"
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    cat >"$dir/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        root $dir/html;
        location / { }
    }
}
CONF
    nginx -c "$dir/nginx.conf" -p "$dir" &
    NGINX_PID=$!
    NGINX_URL="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$NGINX_URL/file" && return 0
        sleep 0.05
    done
    echo "nginx did not start: $(cat "$dir/logs/error.log")" >&2
    exit 1
}

stop_nginx() {
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
}

# run_wrk URL [COOKIE]: runs wrk -t2 -c64 and prints "req_per_s p50_ms p99_ms".
run_wrk() {
    local url=$1 cookie=${2:-} out
    if [ -n "$cookie" ]; then
        out=$(BENCH_COOKIE=$cookie wrk -t2 -c64 -d"$DURATION" --latency -s "$ROOT/bench/cookie.lua" "$url")
    else
        out=$(wrk -t2 -c64 -d"$DURATION" --latency "$url")
    fi
    echo "$out" >>"$WORK/wrk.log"
    echo "$out" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        END { if (bad > 0) print "wrk: " bad " non-2xx answers" > "/dev/stderr"; printf "%.0f %.3f %.3f\n", rps, p50, p99 }'
}

# rss_kb PID: resident set size in KiB.
rss_kb() {
    awk '/VmRSS/ { print $2 }' "/proc/$1/status"
}

# ratio A B: A / B with two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}
