#!/bin/bash
# members.sh: the member list a cadre opens most — authenticated
# GET /api/members?org=<community>&page=1&size=20 on a 100k-member street — next to nginx
# serving a static file with the same response bytes; wrk -t2 -c64 with a Lua script that
# sends the session cookie. Measured twice: with the answer cache (pages repeat until the
# roster changes) and with it off (cache.max_bytes=0: every request runs the queries). Also
# the server's RSS under that load.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_MEMBERS:-100000}")
trap 'stop_server; stop_nginx 2>/dev/null || true' EXIT
org=$(sqlite3 "$db" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'")
nginx_row=""
for mode in cached uncached; do
    if [ $mode = cached ]; then cache=8m; else cache=0; fi
    DANGJIAN_CACHE_MAX_BYTES=$cache start_server "$db"
    cookie=$(login shequ)
    url="$SERVER_URL/api/members?org=$org&page=1&size=20"
    curl -s -H "Cookie: $cookie" "$url" >"$WORK/members.json"
    grep -q '"items"' "$WORK/members.json" || { echo "member list failed: $(head -c 300 "$WORK/members.json")" >&2; exit 1; }
    if [ -z "$nginx_row" ]; then
        start_nginx "$WORK/members.json"
        read -r n_rps n_p50 n_p99 < <(run_wrk "$NGINX_URL/file")
        nginx_row=1
    fi
    read -r d_rps d_p50 d_p99 < <(run_wrk "$url" "$cookie")
    rss=$(rss_kb "$SERVER_PID")
    stop_server
    printf "| GET /api/members?org=社区&size=20, %s (%s B, %s members) | %s | %s | %s | nginx %s req/s, p50 %s ms, p99 %s ms | %s× |\n" \
        "$mode" "$(stat -c %s "$WORK/members.json")" "${BENCH_MEMBERS:-100000}" "$d_rps" "$d_p50" "$d_p99" \
        "$n_rps" "$n_p50" "$n_p99" "$(ratio "$d_rps" "$n_rps")"
    echo "| server RSS under that load ($mode) | $rss KiB | | | | |"
done
