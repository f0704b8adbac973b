#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer) for a bounded time, one after the
# other, and fails on the first crash (a panic, a failed assertion, a timeout or an
# out-of-memory). See fuzz/README.md.
#
#   scripts/fuzz.sh [seconds]      seconds per target (default 60)
#
# Stable Rust: cargo-fuzz needs nightly only for the sanitizers, so it runs with
# `--sanitizer none` and RUSTC_BOOTSTRAP=1 (for the `-Z` flags cargo-fuzz passes), with
# debug assertions on (`-a`: an overflow is a crash too). cargo-fuzz is installed from
# crates.io when missing (a few minutes, once per machine).
#
# Corpus: the seed corpus committed in fuzz/corpus/<target>/ is read, never written; what
# the fuzzer finds goes to target/fuzz/corpus/<target>/ (ignored by git, kept between runs
# on the same machine, so each run starts where the last one stopped). Crashes are written
# to target/fuzz/artifacts/<target>/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a <target> <file>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

SECS="${1:-60}"
if ! [[ "$SECS" =~ ^[0-9]+$ ]] || [[ "$SECS" -lt 1 ]]; then
  echo "usage: scripts/fuzz.sh [seconds per target]" >&2
  exit 2
fi
TARGETS=(load_check markdown)
# Inputs larger than this are not tried: a centre file is a few KiB (the loader refuses
# more than 1 MiB before parsing), a Markdown description a few hundred bytes.
MAX_LEN=32768

say() { echo "fuzz.sh: $*"; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo-fuzz missing: cargo install cargo-fuzz --locked (takes a few minutes)"
  cargo install cargo-fuzz --locked
fi
say "$(cargo fuzz --version)"

export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
WORK="$ROOT/target/fuzz"
mkdir -p "$WORK"

# Build both targets first: a build failure is not a crash, and the timed runs then
# measure fuzzing only.
for t in "${TARGETS[@]}"; do
  cargo fuzz build --sanitizer none --debug-assertions "$t"
done

summary=()
status=0
for t in "${TARGETS[@]}"; do
  corpus="$WORK/corpus/$t"
  artifacts="$WORK/artifacts/$t"
  log="$WORK/$t.log"
  mkdir -p "$corpus" "$artifacts"
  say "$t: ${SECS}s, corpus $corpus (+ seeds fuzz/corpus/$t)"
  rc=0
  cargo fuzz run --sanitizer none --debug-assertions "$t" "$corpus" "$ROOT/fuzz/corpus/$t" -- \
    -max_total_time="$SECS" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 || true)
  files=$(find "$corpus" -type f | wc -l)
  if [[ $rc -ne 0 ]]; then
    status=1
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|assert' "$log" | head -n 20 || true
    tail -n 40 "$log"
    summary+=("$t: CRASH (exit $rc) after ${execs:-?} execs — see $log and $artifacts/")
  else
    summary+=("$t: ok, ${execs:-?} execs in ${SECS}s (${speed:-?}/s), ${cov:-cov: ?}, corpus $files files, 0 crashes")
  fi
done

echo
say "summary"
for line in "${summary[@]}"; do
  echo "    $line"
done
exit "$status"
