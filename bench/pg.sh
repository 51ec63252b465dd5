#!/bin/bash
# pg.sh: the same benchmarks on PostgreSQL and SQLite in one run, alternating the two drivers
# round by round (BENCH_PG_ROUNDS, at least 3) so a shared machine's drift hits both alike;
# each figure is reported as the median of the rounds and their range. A throwaway PostgreSQL
# cluster (tools/pg-cluster.sh, Unix socket, fsync off) is started in a temp folder and removed
# on exit, with its demo databases: they are generated in this run and not kept. The SQLite
# demo databases are lib.sh's, kept in $WORK.
#   - demo generation time on PostgreSQL, next to the same on SQLite into a fresh file;
#   - the member page P1 (authenticated GET /api/members?org=<community>&page=1&size=20 on 100k
#     members, wrk -t2 -c64, cache off, log.level=warn): PostgreSQL / SQLite req/s;
#   - the stats of a street and the whole district on 1M members (cache off): the first call
#     after the server starts, then the median of 20 calls; next to bench/stats.sql timed in
#     the sqlite3 CLI (.timer) and in psql (\timing, prepared as the driver prepares it).
# It does not measure writes, the cached paths (members.sh, stats.sh) or PostgreSQL over TCP.
source "$(dirname "$0")/lib.sh"
rounds=${BENCH_PG_ROUNDS:-3}
n_list=${BENCH_MEMBERS:-100000}
n_stats=${BENCH_STATS_MEMBERS:-1000000}
only=${BENCH_PG_ONLY:-} # "list" or "stats": one half only (each generates only its database)
[ "$rounds" -ge 3 ] || { echo "pg.sh: BENCH_PG_ROUNDS must be at least 3" >&2; exit 2; }
# The socket lives in the cluster's folder: keep its path short (sun_path is 108 bytes).
pgdir=$(mktemp -d /tmp/djpg.XXXXXX)
# shellcheck disable=SC2034 # stop_server (lib.sh) in the trap may run before any server
SERVER_PID=""
trap 'stop_server; "$ROOT/tools/pg-cluster.sh" stop "$pgdir"' EXIT
PG_URL=$("$ROOT/tools/pg-cluster.sh" start "$pgdir")
pg_url() { echo "${PG_URL/\/postgres\?//$1?}"; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# summary VALUES... (one per round): "median (min–max)" with the given printf format.
summary() {
    local fmt=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v f="$fmt" '{ v[NR] = $1 } END {
        m = (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)
        printf f " (" f "–" f ")", m, v[1], v[NR] }'
}
med() { printf '%s\n' "$@" | median; }
time_ms() {
    local o
    o=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $cookie" "$1") || {
        echo "curl failed on $1; the server is $(kill -0 "$SERVER_PID" 2>/dev/null && echo running || echo gone): $(tail -3 "$WORK/serve.err")" >&2
        return 1
    }
    echo "$o" | awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } { print $2 * 1000 }'
}
calls() { for _ in $(seq 1 20); do time_ms "$1"; done | median; }
secs_of() { # secs_of LOG CMD...: wall seconds of CMD, its output in LOG
    local log=$1 t0 t1
    shift
    t0=$(date +%s.%N)
    "$@" >"$log" 2>&1 || { echo "failed: $* : $(grep -v db_slow "$log" | tail -5)" >&2; exit 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'
}

# pg_db N: sets PG_DB to the URL of a PostgreSQL demo database with N members, generated once
# in this run (its time in GEN_PG[N]). When lib.sh has no SQLite database of that size yet, it
# is generated here too and timed (GEN_SQLITE[N]); a cached one is not generated again.
declare -A GEN_PG GEN_SQLITE
pg_db() {
    local n=$1 url
    url=$(pg_url "demo_$n")
    if [ -z "${GEN_PG[$n]:-}" ]; then
        echo "generating demo databases with $n members on PostgreSQL and SQLite..." >&2
        psql -q "$PG_URL" -c "CREATE DATABASE demo_$n" >/dev/null
        GEN_PG[$n]=$(secs_of "$WORK/pg-demo-$n.out" "$BIN" demo --db-url "$url" --members "$n" --password "$PASSWORD")
        if [ ! -f "$WORK/demo-$n.db" ]; then
            GEN_SQLITE[$n]=$(secs_of "$WORK/demo-$n.out" "$BIN" demo --db "$WORK/demo-$n.db" --members "$n" --password "$PASSWORD")
        fi
        psql -q "$url" -c "VACUUM ANALYZE" >/dev/null
    fi
    PG_DB=$url
}

# q DRIVER TARGET SQL: one value from the database (sqlite3 or psql).
q() {
    if [ "$1" = sqlite ]; then sqlite3 -separator ' ' "$2" "$3"; else psql -AtF ' ' "$2" -c "$3"; fi
}

# start DRIVER TARGET: the server on it with the answer cache off.
start() { DANGJIAN_CACHE_MAX_BYTES=0 start_server "$2"; }

# ---- generation ----
sizes=()
if [ "$only" != stats ]; then
    pg_db "$n_list"
    url_list=$PG_DB
    db_list=$(demo_db "$n_list")
    sizes+=("$n_list")
fi
if [ "$only" != list ]; then
    pg_db "$n_stats"
    url_stats=$PG_DB
    db_stats=$(demo_db "$n_stats")
    sizes+=("$n_stats")
fi
for n in "${sizes[@]}"; do
    if [ -n "${GEN_SQLITE[$n]:-}" ]; then
        printf "| \`dangjian demo --members %s\` | PostgreSQL %s s | SQLite %s s | %s× |\n" \
            "$n" "${GEN_PG[$n]}" "${GEN_SQLITE[$n]}" "$(ratio "${GEN_PG[$n]}" "${GEN_SQLITE[$n]}")"
    else
        printf "| \`dangjian demo --members %s\` | PostgreSQL %s s | SQLite: cached in %s, not timed | |\n" \
            "$n" "${GEN_PG[$n]}" "$WORK"
    fi
done

# ---- the member page P1, cache off ----
declare -A target
if [ "$only" != stats ]; then
    target=([sqlite]=$db_list [pg]=$url_list)
    declare -A rps p50 p99 last
    for d in sqlite pg; do rps[$d]=""; p50[$d]=""; p99[$d]=""; done
    ratios=()
    for r in $(seq 1 "$rounds"); do
        for d in sqlite pg; do
            org=$(q $d "${target[$d]}" "SELECT org_id FROM user_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'shequ'")
            start $d "${target[$d]}"
            cookie=$(login shequ)
            url="$SERVER_URL/api/members?org=$org&page=1&size=20"
            curl -s -H "Cookie: $cookie" "$url" >"$WORK/pg-members-$d.json"
            grep -q '"items"' "$WORK/pg-members-$d.json" || { echo "member list on $d failed: $(head -c 300 "$WORK/pg-members-$d.json")" >&2; exit 1; }
            read -r a b c < <(run_wrk "$url" "$cookie")
            stop_server
            last[$d]=$a
            rps[$d]+="$a "
            p50[$d]+="$b "
            p99[$d]+="$c "
            echo "round $r $d: $a req/s p50 $b p99 $c ms" >&2
        done
        ratios+=("$(ratio "${last[pg]}" "${last[sqlite]}")")
    done
    # The same page on both (the demo's seed is fixed), up to the rows' creation times.
    same() { sed -E 's/"(created|updated)_at":[0-9]+//g' "$1"; }
    cmp -s <(same "$WORK/pg-members-sqlite.json") <(same "$WORK/pg-members-pg.json") ||
        echo "note: the member page differs between the drivers" >&2
    for d in sqlite pg; do
        # shellcheck disable=SC2086
        printf "| member page P1, cache off, %s (%s members, %s rounds) | %s req/s | p50 %s ms | p99 %s ms |\n" \
            "$([ $d = pg ] && echo PostgreSQL || echo SQLite)" "$n_list" "$rounds" \
            "$(summary %.0f ${rps[$d]})" "$(summary %.2f ${p50[$d]})" "$(summary %.2f ${p99[$d]})"
    done
    # shellcheck disable=SC2086
    printf "| member page P1, PostgreSQL / SQLite req/s | %s× per round (%s) | | goal ≥ 0.5× |\n" \
        "$(summary %.2f "${ratios[@]}")" "${ratios[*]}"
fi
[ "$only" != list ] || exit 0

# ---- stats of a street and the district, cache off ----
target=([sqlite]=$db_stats [pg]=$url_stats)
horizon=$(date -d '+6 months' +%F)
# stats_sql ID PATH HI: bench/stats.sql with the values filled in (one statement a line).
stats_sql() {
    sed -e "s|:org|$1|g" -e "s|:lo|$2|g" -e "s|:hi|$3|g" -e "s|:horizon|$horizon|g" \
        "$ROOT/bench/stats.sql" | grep -v '^--'
}
# stats_psql ID PATH HI: the same statements for psql, each PREPAREd with the driver's
# parameter types (bigint for the org, text for the rest) and EXECUTEd with the values, as
# src/db/pg.c prepares and runs them.
stats_psql() {
    local i=0 line args types k
    while IFS= read -r line; do
        i=$((i + 1)) k=0 args="" types=""
        for p in org lo hi horizon; do
            case $line in *":$p"*) ;; *) continue ;; esac
            k=$((k + 1))
            if [ $p = org ]; then
                line=${line//:org/\$$k}
                types+="${types:+, }bigint" args+="${args:+, }$1"
            else
                line=${line//\':$p\'/\$$k}
                types+="${types:+, }text"
                case $p in lo) args+="${args:+, }'$2'" ;; hi) args+="${args:+, }'$3'" ;; horizon) args+="${args:+, }'$horizon'" ;; esac
            fi
        done
        echo "PREPARE s$i ($types) AS ${line%;};" >>"$WORK/pg-stats.prep"
        echo "EXECUTE s$i ($args);" >>"$WORK/pg-stats.exec"
    done < <(grep -v '^--' "$ROOT/bench/stats.sql")
}
# Sum each round's statement times (k statements a round) and print the median over rounds
# 2..21 (the first warms the caches).
round_sums() {
    awk -v k="$1" '{ t += $1; if (++n % k == 0) { if (n > k) print t; t = 0 } }' | median
}
nstmt=$(grep -c '^SELECT' "$ROOT/bench/stats.sql")
declare -A cold warm ref
orgs=$(q sqlite "$db_stats" "SELECT count(*) FROM org")
for level in street district; do
    if [ $level = street ]; then
        where="type = 'street' ORDER BY id LIMIT 1"
    else
        where="parent_id IS NULL"
    fi
    for d in sqlite pg; do cold[$d]=""; warm[$d]=""; ref[$d]=""; done
    for r in $(seq 1 "$rounds"); do
        for d in sqlite pg; do
            read -r id path < <(q $d "${target[$d]}" "SELECT id, path FROM org WHERE $where")
            hi="${path%/}0"
            start $d "${target[$d]}"
            cookie=$(login admin)
            c=$(time_ms "$SERVER_URL/api/orgs/$id/stats")
            w=$(calls "$SERVER_URL/api/orgs/$id/stats")
            stop_server
            if [ $d = sqlite ]; then
                { echo ".output /dev/null"; echo ".timer on"; for _ in $(seq 1 21); do stats_sql "$id" "$path" "$hi"; done; } >"$WORK/pg-stats.run"
                x=$(sqlite3 "${target[$d]}" <"$WORK/pg-stats.run" 2>&1 | awk '/^Run Time: real/ { print $4 * 1000 }' | round_sums "$nstmt")
                members=$(q sqlite "${target[$d]}" "SELECT count(*) FROM member WHERE org_path >= '$path' AND org_path < '$hi'")
            else
                : >"$WORK/pg-stats.prep"
                : >"$WORK/pg-stats.exec"
                stats_psql "$id" "$path" "$hi"
                { printf '%s\n' '\o /dev/null'; cat "$WORK/pg-stats.prep"; printf '%s\n' '\timing on'; for _ in $(seq 1 21); do cat "$WORK/pg-stats.exec"; done; } >"$WORK/pg-stats.run"
                x=$(psql -q -X "${target[$d]}" -f "$WORK/pg-stats.run" 2>&1 | awk '/^Time: / { print $2 }' | round_sums "$nstmt")
            fi
            if [ $d = pg ] && [ "$r" = "$rounds" ] && [ -n "${BENCH_PG_EXPLAIN:-}" ]; then
                # The plans and timings of each statement, for docs/benchmarks.md.
                { cat "$WORK/pg-stats.prep"; sed 's/^EXECUTE/EXPLAIN (ANALYZE, BUFFERS) EXECUTE/' "$WORK/pg-stats.exec"; } |
                    psql -X "${target[$d]}" >"$WORK/pg-explain-$level.txt" 2>&1
            fi
            cold[$d]+="$c " warm[$d]+="$w " ref[$d]+="$x "
            echo "round $r $level $d: first $c ms, warm $w ms, reference $x ms" >&2
        done
    done
    for d in sqlite pg; do
        # shellcheck disable=SC2086
        printf "| stats of the %s (%s members, %s orgs), cache off, %s | first call %s ms | warm p50 %s ms | %s %s ms | warm / reference %s× |\n" \
            "$level" "$members" "$orgs" "$([ $d = pg ] && echo PostgreSQL || echo SQLite)" \
            "$(summary %.1f ${cold[$d]})" "$(summary %.1f ${warm[$d]})" \
            "$([ $d = pg ] && echo "psql (PREPARE/EXECUTE) p50" || echo "sqlite3 CLI p50")" "$(summary %.1f ${ref[$d]})" \
            "$(ratio "$(med ${warm[$d]})" "$(med ${ref[$d]})")"
    done
    # shellcheck disable=SC2086
    printf "| stats of the %s, PostgreSQL / SQLite | first call %s× | warm %s× | | |\n" "$level" \
        "$(ratio "$(med ${cold[pg]})" "$(med ${cold[sqlite]})")" "$(ratio "$(med ${warm[pg]})" "$(med ${warm[sqlite]})")"
done
