#!/bin/sh
# fuzz.sh: runs every libFuzzer target built in DIR/tests/fuzz from its seed corpus
# (tests/fuzz/corpus/NAME, copied so the run's finds stay out of the tree) with the given
# libFuzzer options, prints executions per target, and fails when a target crashes, leaks or
# times out (the input that did it is kept under build/fuzz-crashes/). Targets run FUZZ_JOBS
# (default: one per core) at a time. Usage:
#   tools/fuzz.sh DIR -max_total_time=30 | -runs=10000000
set -eu
dir=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crashes=$(pwd)/build/fuzz-crashes
mkdir -p "$crashes"
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

# Runs one target; its report line goes to $work/NAME.out, and NAME.failed marks a failure.
run_target() {
    bin=$1
    shift
    name=$(basename "$bin" _fuzz)
    mkdir -p "$work/$name"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp tests/fuzz/corpus/"$name"/* "$work/$name/" 2>/dev/null || true
    fi
    log="$work/$name.log"
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$bin" "$@" -rss_limit_mb=2048 -timeout=10 -max_len=262144 -print_final_stats=1 \
        -artifact_prefix="$crashes/$name-" "$work/$name" >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
        echo "# fuzz $name: ${execs:-?} executions in ${secs:-?} s, corpus $(ls "$work/$name" | wc -l) inputs, no crash" >"$work/$name.out"
    else
        { echo "# fuzz $name: FAILED (input kept in $crashes/)"; tail -40 "$log"; } >"$work/$name.out"
        touch "$work/$name.failed"
    fi
}

# The targets run side by side, FUZZ_JOBS (default: one per core) at a time.
running=0
for bin in "$dir"/tests/fuzz/*_fuzz; do
    run_target "$bin" "$@" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
failed=0
for bin in "$dir"/tests/fuzz/*_fuzz; do
    name=$(basename "$bin" _fuzz)
    if [ -e "$work/$name.failed" ]; then
        cat "$work/$name.out" >&2
        failed=1
    else
        cat "$work/$name.out"
    fi
done
exit $failed
