#!/bin/bash
# orglife_copy.sh: the 照搬照抄 check at district scale. A database holding a district's year of
# minutes (BENCH_COPY_MEETINGS, 1,690,000 by default: the 1M-member demo district holds that
# many meetings a year) is built once: the demo's org tree with generated minutes of about 450
# characters each, set phrases every record uses drawn from 60 and specific sentences drawn
# from 20,000, every 1,000th a lightly edited copy of an earlier one. Then `dangjian orglife
# copy-check` over the whole year (the batch recheck, once), and three alternating rounds of
# the recheck of one day's minutes against the year (what saving them costs, one by one)
# next to the candidate lookup the check runs (bench/orglife_copy.sql's statement with each
# meeting's own band keys) timed inside the sqlite3 CLI: per meeting, median and range.
source "$(dirname "$0")/lib.sh"
n=${BENCH_COPY_MEETINGS:-1690000}
db="$WORK/copy-$n.db"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f–%.3f", lo, hi }'; }
seconds() { sed -n 's/.*(checking \([0-9.]*\) s)$/\1/p'; }

year_from=$(date -d '-364 days' +%F) day=$(date +%F)
if [ ! -f "$db" ]; then
    echo "generating $n meetings with minutes..." >&2
    "$BIN" demo --db "$db.tmp" --members 2000 --password "$PASSWORD" >/dev/null
    sqlite3 "$db.tmp" "DELETE FROM meeting_copy; DELETE FROM meeting_band; DELETE FROM meeting_sig;
        DELETE FROM meeting_attendance; DELETE FROM meeting_voter; DELETE FROM meeting_vote;
        DELETE FROM meeting_agenda; DELETE FROM meeting_year; DELETE FROM meeting"
    sed -e "s|:n|$n|g" -e "s|:from|$year_from|g" "$ROOT/bench/orglife_copy.sql" | sqlite3 "$db.tmp"
    mv "$db.tmp" "$db"
    "$BIN" migrate --db "$db" >/dev/null
    "$BIN" orglife copy-check --db "$db" >"$WORK/copy-full.out"
fi
"$BIN" migrate --db "$db" >/dev/null # made by an older binary: bring it to this one's schema
meetings=$(sqlite3 "$db" "SELECT count(*) FROM meeting WHERE minutes IS NOT NULL")
full=$(sed -n 's/.*pairs, \([0-9.]*\) s (.*/\1/p' "$WORK/copy-full.out")
pairs=$(sqlite3 "$db" "SELECT count(*) FROM meeting_copy")
planted=$(sqlite3 "$db" "SELECT count(*) FROM meeting WHERE topic = '照抄'")
found=$(sqlite3 "$db" "SELECT count(DISTINCT m.id) FROM meeting m JOIN meeting_copy c ON c.meeting_id = m.id WHERE m.topic = '照抄'")

# The lookup the check runs for each of the day's meetings (orglife_copy_store.c), with its own
# band keys as literals.
sqlite3 "$db" "SELECT 'SELECT meeting_id FROM (' || group_concat('SELECT meeting_id FROM (SELECT meeting_id FROM meeting_band
    WHERE band_key = ' || b.band_key || ' AND meeting_id <> ' || b.meeting_id || ' ORDER BY band_key DESC, meeting_id DESC LIMIT 64) AS k',
    ' UNION ALL ') || ') AS c GROUP BY meeting_id ORDER BY COUNT(*) DESC, meeting_id DESC LIMIT 20;'
    FROM meeting_band b JOIN meeting m ON m.id = b.meeting_id WHERE m.meets_on = '$day' GROUP BY b.meeting_id" >"$WORK/copy-day.sql"
today_n=$(grep -c '^SELECT' "$WORK/copy-day.sql")
api=() raw=()
for _ in 1 2 3; do
    s=$("$BIN" orglife copy-check --db "$db" --from "$day" --to "$day" | seconds)
    api+=("$(awk -v s="$s" -v k="$today_n" 'BEGIN { printf "%.3f", s * 1000 / k }')")
    ms=$({ echo ".output /dev/null"; echo ".timer on"; cat "$WORK/copy-day.sql"; } | sqlite3 "$db" 2>&1 |
        awk '/^Run Time: real/ { t += $4 * 1000 } END { print t }')
    raw+=("$(awk -v s="$ms" -v k="$today_n" 'BEGIN { printf "%.3f", s / k }')")
done
a=$(printf '%s\n' "${api[@]}" | median) r=$(printf '%s\n' "${raw[@]}" | median)
printf "| copy check of a year of a district's minutes (%s meetings; %s near copies planted, %s found; %s pairs stored) | whole year rechecked in %s s (%.0f meetings/s) | — | — |\n" \
    "$meetings" "$planted" "$found" "$pairs" "$full" "$(awk -v n="$meetings" -v s="$full" 'BEGIN { print n / s }')"
printf "| copy check of one day's minutes against the year (%s meetings, one by one as when saved) | %.3f ms a meeting (rounds %s) | sqlite3 CLI candidate lookup alone %.3f ms (rounds %s) | %s× |\n" \
    "$today_n" "$a" "$(printf '%s\n' "${api[@]}" | range)" "$r" "$(printf '%s\n' "${raw[@]}" | range)" "$(ratio "$a" "$r")"
