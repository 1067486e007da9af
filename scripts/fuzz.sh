#!/usr/bin/env bash
# Fuzz every reader (issue 17): build the cargo-fuzz targets in fuzz/ with
# optimisation, debug assertions and AddressSanitizer, run each for SECONDS
# (default 60), then print a table of executions, coverage and crashes.
#
#   scripts/fuzz.sh [SECONDS]            every target
#   FUZZ_TARGETS="xls doc" scripts/fuzz.sh 600
#   FUZZ_NO_BUILD=1 scripts/fuzz.sh 60   with the targets as last built
#
# Needs the nightly toolchain and `cargo install cargo-fuzz`. Runs at nice 19,
# FUZZ_JOBS targets at a time (default 2). A target that crashes is restarted
# until its time is up; every crash input is kept in fuzz/artifacts/<target>/
# (minimise with `cargo +nightly fuzz tmin -O -a <target> <input>`, then
# commit it under tests/fuzz-regressions/<target>/ with the fix).
#
# Limits, as a run configures them (`Limits::default()`): one allocation may
# not exceed read_memory_mb = 512 MB (-malloc_limit_mb); the whole process,
# with AddressSanitizer's shadow memory and quarantine on top, 2 GB
# (-rss_limit_mb); one input, twice the 15 s read timeout (-timeout).
set -euo pipefail

secs="${1:-60}"
jobs="${FUZZ_JOBS:-2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/fuzz"
all_targets="zipguard docx xlsx xls ods doc read_file"
targets="${FUZZ_TARGETS:-$all_targets}"
flags=(-rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=30 -max_len=65536 -print_final_stats=1)

cd "$root"
if [[ -z "${FUZZ_NO_BUILD:-}" ]]; then
    echo "== build (cargo +nightly fuzz build -O -a)"
    nice -n 19 cargo +nightly fuzz build -O -a
fi
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
bin="$fuzz/target/$triple/release"

dict_for() {
    case "$1" in
        docx | xlsx | zipguard) echo "$fuzz/dict/ooxml.dict" ;;
        ods) echo "$fuzz/dict/ods.dict" ;;
        xls | doc) echo "$fuzz/dict/cfb-biff.dict" ;;
        read_file)
            cat "$fuzz"/dict/*.dict > "$fuzz/target/all.dict"
            echo "$fuzz/target/all.dict"
            ;;
    esac
}

# Run one target until `secs` have passed, restarting after a crash.
run_target() {
    local t="$1" log="$fuzz/logs/$1.log" stats="$fuzz/logs/$1.stats"
    local corpus="$fuzz/corpus/$t" artifacts="$fuzz/artifacts/$t/"
    mkdir -p "$corpus" "$artifacts"
    : > "$log"
    local start now left crashes=0 execs=0 restarts=0 before after from line n
    local dict
    dict="$(dict_for "$t")"
    start=$(date +%s)
    while :; do
        now=$(date +%s)
        left=$((secs - (now - start)))
        ((left > 0)) || break
        before=$(find "$artifacts" -type f | wc -l)
        from=$(($(wc -l < "$log") + 1))
        nice -n 19 "$bin/$t" "${flags[@]}" -max_total_time="$left" \
            -dict="$dict" -artifact_prefix="$artifacts" "$corpus" "$fuzz/seeds/$t" \
            >> "$log" 2>&1 || true
        after=$(find "$artifacts" -type f | wc -l)
        crashes=$((crashes + after - before))
        # Executions of this segment: its final stats, else its last status line.
        n=$(tail -n +"$from" "$log" | grep -aoP 'stat::number_of_executed_units: \K[0-9]+|^#\K[0-9]+' | tail -n 1 || true)
        execs=$((execs + ${n:-0}))
        echo "--- segment end ($n executions)" >> "$log"
        ((after > before)) || break
        # A crash: drop its input from the working corpus, go on fuzzing.
        for a in $(find "$artifacts" -type f -newer "$stats" 2> /dev/null); do
            h=$(sha1sum < "$a" | cut -c1-40)
            rm -f "$corpus/$h"
        done
        restarts=$((restarts + 1))
        ((restarts < 20)) || break
    done
    line=$(grep -aP '^#[0-9]+\s+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)
    local cov ft corp
    cov=$(grep -oP 'cov: \K[0-9]+' <<< "$line" || echo "?")
    ft=$(grep -oP 'ft: \K[0-9]+' <<< "$line" || echo "?")
    corp=$(find "$corpus" -type f | wc -l)
    printf '%s %s %s %s %s %s %s\n' "$t" "$(($(date +%s) - start))" "$execs" "$cov" "$ft" "$corp" "$crashes" > "$stats"
}

mkdir -p "$fuzz/logs"
echo "== fuzz ${secs}s per target, $jobs at a time: $targets"
running=0
for t in $targets; do
    rm -f "$fuzz/logs/$t.stats"
    touch "$fuzz/logs/$t.stats"
    run_target "$t" &
    running=$((running + 1))
    if ((running >= jobs)); then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

echo
printf '%-10s %8s %12s %8s %8s %8s %8s\n' target seconds executions cov features corpus crashes
total=0
for t in $targets; do
    name=$t s=? e=? c=? f=? k=? x=0
    read -r name s e c f k x < "$fuzz/logs/$t.stats" || true
    printf '%-10s %8s %12s %8s %8s %8s %8s\n' "$name" "$s" "$e" "$c" "$f" "$k" "$x"
    total=$((total + x))
done
echo
echo "logs: fuzz/logs/<target>.log; crash inputs: fuzz/artifacts/<target>/"
exit $((total > 0))
