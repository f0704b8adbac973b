#!/usr/bin/env bash
# The project's test command (README, « Tests »); CI runs it through .ci/run.
#
# Installs what the tests need (scripts/install-test-deps.sh), then runs every check
# (all of them, even after a failure, so that one run reports everything; the exit code
# is non-zero if any failed):
#   fmt      cargo fmt --all -- --check
#   clippy   cargo clippy --all-targets -- -D warnings
#   cargo    cargo test --release (unit, integration and doc tests; release so that the
#            build is shared with the site build below)
#   site     builds the demo site with the release binary, --today 2026-11-23 (and
#            again under --base-url https://org.github.io/cisp/)
#   vnu      the Nu HTML Checker on every page of that site: any error fails
#   browser  node --test tests/browser/ on that site (axe-core, map, print, no
#            third-party request), served on 127.0.0.1
#   bench    scripts/bench.sh, one round at 1× with that binary (runs, prints its table)
#   fuzz     scripts/fuzz.sh: each cargo-fuzz target for FUZZ_SECONDS (default 60)
#
# Environment: KEEP_SITE=1 keeps the built site (its path is printed); CISPGEN_TODAY
# changes the build date (default 2026-11-23).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TODAY="${CISPGEN_TODAY:-2026-11-23}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cispgen-test.XXXXXX")
SITE="$WORK/public"
# The same site under a sub-path (GitHub Pages project site), for sous-chemin.test.mjs.
SITE_CISP="$WORK/public-cisp"
cleanup() {
  if [[ "${KEEP_SITE:-}" == 1 ]]; then
    echo "test.sh: built site kept in $SITE"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

TOTAL_START=$(date +%s)
SUMMARY=()
FAILED=()

# phase NAME COMMAND...: runs COMMAND (with set -e inside), prints its duration and records
# the outcome. A failing phase does not stop the next ones (each run reports every
# failure), except where a phase needs an earlier one: see `needs`.
phase() {
  local name=$1
  shift
  echo
  echo "=== test.sh: [$name] start: $*"
  local start rc
  start=$(date +%s)
  set +e
  (
    set -euo pipefail
    "$@"
  )
  rc=$?
  set -e
  local secs=$(($(date +%s) - start))
  if [[ $rc -eq 0 ]]; then
    SUMMARY+=("$(printf '%-8s %5ss  ok' "$name" "$secs")")
    echo "=== test.sh: [$name] ok in ${secs}s"
  else
    SUMMARY+=("$(printf '%-8s %5ss  FAILED (exit %s)' "$name" "$secs" "$rc")")
    FAILED+=("$name")
    echo "=== test.sh: [$name] FAILED (exit $rc) after ${secs}s"
  fi
}

# needs NAME...: true when none of these phases failed; otherwise records the skip.
needs() {
  local skipping=$1
  shift
  local dep f
  for dep in "$@"; do
    for f in "${FAILED[@]}"; do
      if [[ "$f" == "$dep" ]]; then
        echo
        echo "=== test.sh: [$skipping] SKIPPED: phase $dep failed"
        SUMMARY+=("$(printf '%-8s %5s   SKIPPED (%s failed)' "$skipping" "-" "$dep")")
        FAILED+=("$skipping")
        return 1
      fi
    done
  done
}

print_summary() {
  echo
  echo "=== test.sh: summary"
  local line
  for line in "${SUMMARY[@]}"; do
    echo "    $line"
  done
  echo "    total    $(($(date +%s) - TOTAL_START))s"
}

run_fmt() {
  local out
  if out=$(cargo fmt --all -- --check 2>&1); then
    echo "cargo fmt: every file is formatted"
    return 0
  fi
  echo "cargo fmt --check: these files are not formatted (run: cargo fmt --all):"
  cargo fmt --all -- --check -l 2>&1 | sed "s|^$PWD/|    |" | sort -u || true
  echo "first differences:"
  printf '%s\n' "$out" | head -n 80 || true
  return 1
}

build_site() {
  # The binary that `cargo test --release` built for the integration tests: a separate
  # `cargo build` would compile every dependency again with other features (dev-
  # dependencies unify features in test builds), five minutes in CI.
  cargo test --release --locked --no-run 2>&1 | tail -n 1
  "$TARGET_DIR/release/cispgen" build --out "$SITE" --today "$TODAY"
  "$TARGET_DIR/release/cispgen" build --out "$SITE_CISP" --today "$TODAY" \
    --base-url https://org.github.io/cisp/
  echo "site: $SITE ($(find "$SITE" -name '*.html' | wc -l) pages)"
}

run_vnu() {
  local jar=tests/browser/node_modules/vnu-jar/build/dist/vnu.jar
  local log="$WORK/vnu.txt"
  java -version 2>&1 | head -n1
  local rc=0
  java -Xss2m -jar "$jar" --errors-only --skip-non-html --format gnu "$SITE" >"$log" 2>&1 || rc=$?
  local errors
  errors=$(grep -c ': error' "$log" || true)
  if [[ $rc -ne 0 || $errors -ne 0 ]]; then
    sed "s|$SITE/||" "$log" | head -n 200
    echo "vnu: $errors error(s) (exit $rc) in $(find "$SITE" -name '*.html' | wc -l) pages"
    return 1
  fi
  echo "vnu: 0 errors in $(find "$SITE" -name '*.html' | wc -l) pages"
}

run_bench() {
  # The README's bench command, one round at 1× (a whole pass takes 20 minutes), with the
  # binary built above: the script runs and prints its table. Benchmarks measure, tests do
  # not time: no figure is checked.
  local out
  if ! out=$(CISPGEN_BIN="$TARGET_DIR/release/cispgen" ROUNDS=1 ATTENTE=0 VIDE=0 STAGES=0 scripts/bench.sh 1); then
    printf '%s\n' "$out"
    return 1
  fi
  printf '%s\n' "$out" | tail -n 12
  printf '%s\n' "$out" | grep -E '^1× +[0-9.]+ ' >/dev/null
}

run_browser_tests() {
  CISPGEN_SITE="$SITE" CISPGEN_SITE_CISP="$SITE_CISP" node --test tests/browser/
}

phase deps scripts/install-test-deps.sh
if needs fmt deps; then phase fmt run_fmt; fi
if needs clippy deps; then phase clippy cargo clippy --locked --all-targets -- -D warnings; fi
if needs cargo deps; then phase cargo cargo test --release --locked --no-fail-fast; fi
if needs site deps; then phase site build_site; fi
if needs vnu deps site; then phase vnu run_vnu; fi
if needs browser deps site; then phase browser run_browser_tests; fi
if needs bench deps site; then phase bench run_bench; fi
if needs fuzz deps; then phase fuzz scripts/fuzz.sh "${FUZZ_SECONDS:-60}"; fi
print_summary
if ((${#FAILED[@]})); then
  echo "=== test.sh: FAILED: ${FAILED[*]}"
  exit 1
fi
echo "=== test.sh: all phases passed"
