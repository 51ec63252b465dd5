#!/bin/bash
# run.sh: `make bench`: every benchmark in one run, each next to its reference measured in
# the same run. Results are printed as markdown table rows for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh bench
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo
echo "| benchmark | dangjian req/s | p50 ms | p99 ms | reference (same run) | ratio |"
echo "|---|---|---|---|---|---|"
bench/health.sh
bench/members.sh
echo
bench/coldstart.sh
echo
bench/import.sh
echo
echo "| member list and search (cache off) | matches | latency |"
echo "|---|---|---|"
bench/search.sh
echo
echo "| benchmark | dangjian | reference (same run) | ratio |"
echo "|---|---|---|---|"
bench/stats.sh
bench/orglife.sh
bench/orglife_copy.sh
echo
echo "| PostgreSQL and SQLite, same run: median (range) of the rounds | | | | |"
echo "|---|---|---|---|---|"
bench/pg.sh
echo
echo "| soak | req/s | p50 ms | p99 ms | errors and memory | |"
echo "|---|---|---|---|---|---|"
bench/load.sh
echo
bench/vote.sh
echo
echo "| text similarity (src/core/textsim.h) | rate | detail |"
echo "|---|---|---|"
"${TEXTSIM_BENCH:-build/bench/textsim_bench}"
