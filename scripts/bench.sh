#!/usr/bin/env bash
# Benchmarks of whole builds at 1×, 10× and 100× the demo catalogue (issue 8).
#
#   scripts/bench.sh            # 1×, 10×, 100×
#   scripts/bench.sh 1 10       # only these scales
#   STAGES=1 scripts/bench.sh   # also the criterion benchmarks of each stage (1×)
#   RUNS=5 scripts/bench.sh     # runs per measure (default 10, and 3 at 100×)
#
# Prints, per scale: median time of each stage (from the build's own timings), whole build
# and `check` medians (hyperfine), the whole build again with every template reduced to one
# line (« vide »: all the work besides tera's evaluation of the pages), peak memory, pages
# and bytes written, and the floor: the time to copy the output tree (`cp -r`), with
# build ÷ copy.
set -euo pipefail
cd "$(dirname "$0")/.."

scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 10 100)
today=2026-11-23

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        echo "installez : $*" >&2; exit 1
    fi
}
need hyperfine || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time

cargo build --release --quiet
bin="$PWD/target/release/cispgen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

growth=()
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

printf '\n%-6s %8s %8s %8s %8s %8s %8s | %9s %9s %9s %9s %9s %7s %8s %9s\n' \
    échelle load check resolve index render+w swap "build ms" "vide ms" "check ms" "cp -r ms" "build/cp" "RSS Mo" pages "Mo écrits"

for scale in "${scales[@]}"; do
    root="$work/x$scale"
    mkdir -p "$root"
    if [ "$scale" = 1 ]; then
        cp -r data "$root/"
    else
        "$bin" demo --scale "$scale" --root "$root" >/dev/null
    fi
    cp -r site.yaml content themes "$root/"
    out="$root/public"
    runs=${RUNS:-10}; [ "$scale" -ge 100 ] && runs=${RUNS:-3}

    # Stage timings: medians over the runs of the build's own report.
    : > "$work/stages"
    for _ in $(seq "$runs"); do
        "$bin" build --root "$root" --out "$out" --today "$today" 2>/dev/null | grep '^temps' >> "$work/stages"
    done
    stage() { sed -E "s/.*$1 ([0-9.]+).*/\1/" "$work/stages" | median; }
    load=$(stage chargement); chk=$(stage vérification); res=$(stage résolution)
    idx=$(stage index); ren=$(stage 'rendu et écriture'); wri=$(stage bascule)

    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/build.json" \
        "$bin build --root $root --out $out --today $today" >/dev/null 2>&1
    # The same build with every template reduced to one line: what the build costs besides
    # tera's evaluation of the pages (contexts, open data, maps, QR codes, index, writing).
    vide="$work/vide$scale"
    mkdir -p "$vide/themes"
    ln -s "$root/data" "$root/content" "$vide/"
    cp site.yaml "$vide/"
    cp -r themes/cisp "$vide/themes/"
    for t in "$vide"/themes/cisp/templates/*.html; do
        printf '<!doctype html><title>x</title>{{ site.titre | default(value="") }}\n' > "$t"
    done
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/vide.json" \
        "$bin build --root $vide --out $vide/public --today $today" >/dev/null 2>&1
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/check.json" \
        "$bin check --root $root --today $today" >/dev/null 2>&1 || true
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/cp.json" \
        --prepare "rm -rf $work/copie" "cp -r $out $work/copie" >/dev/null 2>&1
    ms() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000, 1))" "$1"; }
    build_ms=$(ms "$work/build.json"); check_ms=$(ms "$work/check.json"); cp_ms=$(ms "$work/cp.json")
    vide_ms=$(ms "$work/vide.json")
    ratio=$(python3 -c "print(round($build_ms / $cp_ms, 2))")

    rss_kb=$( { /usr/bin/time -f '%M' "$bin" build --root "$root" --out "$out" --today "$today" >/dev/null; } 2>&1 >/dev/null | tail -1 )
    pages=$(find "$out" -name '*.html' | wc -l)
    bytes=$(du -sb "$out" | cut -f1)

    printf '%-6s %8s %8s %8s %8s %8s %8s | %9s %9s %9s %9s %9s %7s %8s %9s\n' \
        "${scale}×" "$load" "$chk" "$res" "$idx" "$ren" "$wri" "$build_ms" "$vide_ms" "$check_ms" "$cp_ms" "$ratio" \
        "$((rss_kb / 1024))" "$pages" "$(python3 -c "print(round($bytes / 1e6, 1))")"
    # Growth from the previous scale: time and memory per page written, ÷ the previous
    # scale's. 1 is linear; n log n from 1× to 10× is about 1.3 (log 14,675 / log 1,783).
    if [ -n "${prev_pages:-}" ]; then
        growth+=("$(python3 -c "
import math
p, q = $prev_pages, $pages
t = ($build_ms / q) / ($prev_build / p)
m = ($rss_kb / q) / ($prev_rss / p)
nlogn = math.log(q) / math.log(p)
print(f'${prev_scale}× → ${scale}× : temps par page × {t:.2f}, mémoire par page × {m:.2f} (n log n : × {nlogn:.2f})')
")")
    fi
    prev_pages=$pages; prev_build=$build_ms; prev_rss=$rss_kb; prev_scale=$scale
    rm -rf "$root" "$vide"
done
echo
for g in "${growth[@]}"; do echo "croissance $g"; done
echo
echo "Médianes en ms (étapes : mesures internes de cispgen build ; build, check, cp -r : hyperfine)."
echo "vide : le même build, chaque gabarit réduit à une ligne (tout sauf l'évaluation des pages par tera et l'écriture de leurs octets)."
echo "Budgets (issue 19) : build ÷ cp -r ≤ 1,3 à chaque échelle ; 100× ≤ 1 Gio ; croissance ≤ n log n ; check ≤ 100 ms à 1×."

if [ "${STAGES:-0}" = 1 ]; then
    cargo bench --bench pipeline
fi
