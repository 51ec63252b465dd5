#!/bin/bash
# orglife.sh: compliance of organizational life (GET /api/orglife/compliance) over this year
# for a street (per branch and per child org) and for the whole district (per child org) of a
# large demo database, next to the same SQL
# (bench/orglife.sql: the three statements the route runs, with its bindings) timed inside
# the sqlite3 CLI, per branch and summed per child org (by=child). The first call after start
# and the median of 20 warm calls (from the cache), then with the cache off three alternating
# rounds, each the median of 20 calls of the API and of 20 warm rounds of the SQL; printed as
# the median of the rounds with their range, with the answer's size.
source "$(dirname "$0")/lib.sh"
db=$(demo_db "${BENCH_ORGLIFE_MEMBERS:-1000000}")
trap 'stop_server' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f–%.1f", lo, hi }'; }
time_ms() { curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$1" | awk '{ print $1 * 1000 }'; }
calls() { for _ in $(seq 1 20); do time_ms "$1"; done | median; }
# sql_rounds FILE: the median over 20 warm rounds (after one to warm the cache) of the summed
# "Run Time: real" of the file's statements in one sqlite3 process.
sql_rounds() {
    local n
    n=$(grep -c '^SELECT' "$1")
    { echo ".output /dev/null"; echo ".timer on"; for _ in $(seq 1 21); do cat "$1"; done; } |
        sqlite3 "$db" 2>&1 |
        awk -v k="$n" '/^Run Time: real/ { t += $4 * 1000; if (++c % k == 0) { if (c > k) print t; t = 0 } }' | median
}

year=$(date +%Y)
from="$year-01-01" to=$(date +%F)
meetings=$(sqlite3 "$db" "SELECT count(*) FROM meeting")
for level in street district; do
    if [ $level = street ]; then
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE type = 'street' ORDER BY id LIMIT 1")
    else
        read -r id path < <(sqlite3 -separator ' ' "$db" "SELECT id, path FROM org WHERE parent_id IS NULL")
    fi
    sed -e "s|:path|$path|g" -e "s|:from|$from|g" -e "s|:to|$to|g" -e "s|:y0|$year|g" -e "s|:y1|$year|g" \
        "$ROOT/bench/orglife.sql" | grep -v '^--' >"$WORK/orglife-$level.sql"
    for by in branch child; do
        # A whole district per branch (280,000 items, about 81 MB) is refused as too large
        # (`limit`): a district reads by=child and drills down.
        [ $level = district ] && [ $by = branch ] && continue
        # As the page meets it: the first call after start, then warm calls (from the cache
        # while nothing changes).
        start_server "$db"
        cookie=$(login admin)
        url="$SERVER_URL/api/orglife/compliance?org=$id&from=$from&to=$to&by=$by"
        first=$(time_ms "$url")
        cached=$(calls "$url")
        read -r items bytes < <(curl -s -H "Cookie: $cookie" "$url" |
            node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length, Buffer.byteLength(s)))')
        stop_server
        # Computed every time (cache off), alternating with the SQL.
        DANGJIAN_CACHE_MAX_BYTES=0 start_server "$db"
        cookie=$(login admin)
        url="$SERVER_URL/api/orglife/compliance?org=$id&from=$from&to=$to&by=$by"
        api=() raw=()
        for _ in 1 2 3; do
            api+=("$(calls "$url")")
            raw+=("$(sql_rounds "$WORK/orglife-$level.sql")")
        done
        stop_server
        a=$(printf '%s\n' "${api[@]}" | median) r=$(printf '%s\n' "${raw[@]}" | median)
        printf "| compliance of the %s by %s, %s..%s (%s items, %s bytes; %s meetings in the database) | first call %.1f ms; warm p50 %.1f ms cached, %.1f ms cache off (rounds %s) | sqlite3 CLI %.1f ms (rounds %s) | cached %s×, cache off %s× |\n" \
            "$level" "$by" "$from" "$to" "$items" "$bytes" "$meetings" "$first" "$cached" "$a" \
            "$(printf '%s\n' "${api[@]}" | range)" "$r" "$(printf '%s\n' "${raw[@]}" | range)" \
            "$(ratio "$cached" "$r")" "$(ratio "$a" "$r")"
    done
done
