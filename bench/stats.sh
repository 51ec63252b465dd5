#!/bin/bash
# stats.sh: the dashboard's subtree statistics (GET /api/orgs/{id}/stats) on a large demo
# database, for a street and for the whole district, next to the same SQL (bench/stats.sql:
# the counters of migration 0009, the org types, the branch sizes and the terms)
# timed inside the sqlite3 CLI (.timer, median of 20 warm rounds). The API is measured as
# the dashboard meets it: the first call after start (computed), then the median of 20 warm
# calls (answered from the cache until the roster changes), and the median of 20 calls with
# the cache off (cache.max_bytes=0: computed every time). Also the server's RSS afterwards.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_STATS_MEMBERS:-1000000}")
trap 'stop_server' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
time_ms() { curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$1" | awk '{ print $1 * 1000 }'; }
calls() { for _ in $(seq 1 20); do time_ms "$1"; done | median; }

orgs=$(sqlite3 "$db" "SELECT count(*) FROM org")
for level in street district; do
    if [ $level = street ]; then
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE type = 'street' ORDER BY id LIMIT 1")
    else
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE parent_id IS NULL")
    fi
    hi="${path%/}0"
    members=$(sqlite3 "$db" "SELECT count(*) FROM member WHERE org_path >= '$path' AND org_path < '$hi'")

    start_server "$db"
    cookie=$(login admin)
    first=$(time_ms "$SERVER_URL/api/orgs/$id/stats")
    warm=$(calls "$SERVER_URL/api/orgs/$id/stats")
    rss=$(rss_kb "$SERVER_PID")
    stop_server
    DANGJIAN_CACHE_MAX_BYTES=0 start_server "$db"
    cookie=$(login admin)
    time_ms "$SERVER_URL/api/orgs/$id/stats" >/dev/null # warms SQLite's page cache
    uncached=$(calls "$SERVER_URL/api/orgs/$id/stats")
    stop_server

    # The statements with the org, its subtree bounds and the terms' horizon (today plus six
    # months) filled in as the server binds them.
    sed -e "s|:org|$id|g" -e "s|:lo|$path|g" -e "s|:hi|$hi|g" \
        -e "s|:horizon|$(date -d '+6 months' +%F)|g" \
        "$ROOT/bench/stats.sql" | grep -v '^--' >"$WORK/stats-$level.sql"
    nstmt=$(grep -c '^SELECT' "$WORK/stats-$level.sql")
    # One sqlite3 process runs the statements 21 times with .timer on; the first round warms
    # the cache, and each later round's "Run Time: real" values are summed.
    { echo ".output /dev/null"; echo ".timer on"; for _ in $(seq 1 21); do cat "$WORK/stats-$level.sql"; done; } >"$WORK/stats-$level.run"
    raw=$(sqlite3 "$db" <"$WORK/stats-$level.run" 2>&1 | awk -v k="$nstmt" '/^Run Time: real/ { t += $4 * 1000; if (++n % k == 0) { if (n > k) print t; t = 0 } }' | median)
    printf "| stats of the %s (%s members, %s orgs in the database) | first call %.1f ms; warm p50 %.1f ms (cached), %.1f ms (cache off) | sqlite3 CLI p50 %.1f ms | cached %s×, cache off %s× |\n" \
        "$level" "$members" "$orgs" "$first" "$warm" "$uncached" "$raw" "$(ratio "$warm" "$raw")" "$(ratio "$uncached" "$raw")"
    echo "| server RSS after the $level's stats ($members members) | $rss KiB | | |"
done
