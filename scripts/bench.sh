#!/usr/bin/env bash
# Whole builds at 1×, 10× and 100× the demo catalogue, against the copy of their own
# output (issue 19).
#
#   scripts/bench.sh            # 1×, 10×, 100×
#   scripts/bench.sh 1 10       # only these scales
#   RUNS=5 scripts/bench.sh     # runs per measure (default 10, and 3 at 100×)
#   VIDE=1 scripts/bench.sh     # also the build with every template reduced to one line
#   STAGES=1 scripts/bench.sh   # also the criterion benchmarks of each stage (1×)
#
# Per scale, builds and copies take turns, so that both meet the same machine:
# - build: `cispgen build` into its existing output folder, as people rebuild (a file
#   whose bytes did not change is not written again); its own stage timings; peak memory;
# - froid: one build into a folder that does not exist yet (every file written);
# - cp -r: the output tree copied into a new folder each time. Copies are deleted only
#   once a scale is measured: on this machine's file system (ext4, `discard`) a copy just
#   after deleting a large tree takes several times longer, for seconds.
# Then: the ratios build ÷ cp -r and froid ÷ cp -r, pages and bytes, and the growth from
# one scale to the next (time and memory per page).
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

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# Wall milliseconds and peak KiB of a command, appended to $1 as « ms kib ».
# Each starts with nothing left to flush from the one before (`sync`, not timed): the
# copies write tens of megabytes that the kernel would otherwise write back during the next
# build.
timed() {
    local file=$1; shift
    sync
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$work/out" 2>/dev/null
    awk '{printf "%.1f %d\n", $1 * 1000, $2}' "$work/t" >> "$file"
}
settle() { sync; sleep "${1:-5}"; }

rows=()
growth=()
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
    build=(build --root "$root" --out "$out" --today "$today")

    "$bin" "${build[@]}" >/dev/null 2>&1   # the output folder exists, as it does for people
    settle 2
    : > "$work/froid.t"
    timed "$work/froid.t" "$bin" build --root "$root" --out "$work/froid" --today "$today"
    froid_ms=$(cut -d' ' -f1 "$work/froid.t")
    "$bin" "${build[@]}" >/dev/null 2>&1
    : > "$work/build"; : > "$work/cp"; : > "$work/stages"
    for i in $(seq "$runs"); do
        timed "$work/build" "$bin" "${build[@]}"
        grep '^temps' "$work/out" >> "$work/stages" || true
        timed "$work/cp" cp -r "$out" "$work/copie-$i"
    done
    stage() { sed -E "s/.*$1 ([0-9.]+).*/\1/" "$work/stages" | median; }
    load=$(stage chargement); chk=$(stage vérification); res=$(stage résolution)
    idx=$(stage index); ren=$(stage 'rendu et écriture'); wri=$(stage bascule)
    build_ms=$(cut -d' ' -f1 "$work/build" | median)
    cp_ms=$(cut -d' ' -f1 "$work/cp" | median)
    rss_kb=$(cut -d' ' -f2 "$work/build" | sort -n | tail -1)
    pages=$(find "$out" -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    bytes=$(du -sb "$out" | cut -f1)

    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/check.json" \
        "$bin check --root $root --today $today" >/dev/null 2>&1 || true
    check_ms=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000, 1))" "$work/check.json")

    vide_ms=-
    if [ "${VIDE:-0}" = 1 ]; then
        # Every template reduced to one line: what a build costs besides tera's evaluation
        # of the pages and the writing of their bytes.
        vide="$work/vide$scale"
        mkdir -p "$vide/themes"
        ln -s "$root/data" "$root/content" "$vide/"
        cp site.yaml "$vide/"
        cp -r themes/cisp "$vide/themes/"
        for t in "$vide"/themes/cisp/templates/*.html; do
            printf '<!doctype html><title>x</title>{{ site.titre | default(value="") }}\n' > "$t"
        done
        "$bin" build --root "$vide" --out "$vide/public" --today "$today" >/dev/null 2>&1
        : > "$work/vide"
        for _ in $(seq "$runs"); do
            timed "$work/vide" "$bin" build --root "$vide" --out "$vide/public" --today "$today"
        done
        vide_ms=$(cut -d' ' -f1 "$work/vide" | median)
    fi

    rows+=("$(python3 - "$scale" "$load" "$chk" "$res" "$idx" "$ren" "$wri" "$build_ms" "$froid_ms" "$cp_ms" \
        "$vide_ms" "$check_ms" "$rss_kb" "$pages" "$files" "$bytes" <<'PY'
import sys
(scale, load, chk, res, idx, ren, wri, build, froid, cp, vide, check, rss, pages, files, octets) = sys.argv[1:]
b, f, c = float(build), float(froid), float(cp)
print(f"{scale + '×':<6} {load:>7} {chk:>7} {res:>7} {idx:>7} {ren:>9} {wri:>7} | {b:>9.0f} {c:>8.0f} {b / c:>8.2f} "
      f"{f:>9.0f} {f / c:>8.2f} {vide:>8} {check:>8} {int(rss) // 1024:>7} {pages:>7} {files:>7} {int(octets) / 1e6:>9.1f}")
PY
)")
    if [ -n "${prev_pages:-}" ]; then
        growth+=("$(python3 -c "
import math
p, q = $prev_pages, $pages
t = ($build_ms / q) / ($prev_build / p)
m = ($rss_kb / q) / ($prev_rss / p)
c = ($cp_ms / q) / ($prev_cp / p)
nlogn = math.log(q) / math.log(p)
verdict = 'tenu' if max(t, m) <= nlogn else 'NON TENU'
# The copy of the same bytes grows too (disk and page cache): build ÷ copy per step says
# what the build adds to the machine's own growth.
plancher = 'tenu' if t / c <= nlogn else 'NON TENU'
print(f'${prev_scale}× → ${scale}× : temps par page × {t:.2f}, mémoire par page × {m:.2f} (n log n : × {nlogn:.2f}) : {verdict} ; '
      f'copie par page × {c:.2f}, build par page ÷ copie par page × {t / c:.2f} : {plancher}')
")")
    fi
    prev_pages=$pages; prev_build=$build_ms; prev_rss=$rss_kb; prev_scale=$scale; prev_cp=$cp_ms
    rm -rf "$root" "$work"/copie-* "$work/froid" "${vide:-/nonexistent}"
    settle 10
done

echo
printf '%-6s %7s %7s %7s %7s %9s %7s | %9s %8s %8s %9s %8s %8s %8s %7s %7s %7s %9s\n' \
    échelle load check resolve index render+w swap "build ms" "cp -r ms" build/cp "froid ms" froid/cp "vide ms" "check ms" "RSS Mio" pages fichiers "Mo écrits"
for r in "${rows[@]}"; do echo "$r"; done
echo
for g in "${growth[@]}"; do echo "croissance $g"; done
echo
echo "Médianes en ms ; build et cp -r en alternance (étapes : mesures internes de cispgen build ; check : hyperfine)."
echo "build : dans le dossier de sortie existant (les fichiers inchangés ne sont pas réécrits) ; froid : un build dans un dossier neuf, une fois."
echo "Budgets (issue 19) : build ÷ cp -r ≤ 1,3 à chaque échelle ; mémoire ≤ 1 Gio à 100× ; croissance ≤ n log n."
echo "Machine : $(nproc) cœurs, $(free -g | awk '/^Mem/ {print $2}') Gio ; $(date -u +%F)."

if [ "${STAGES:-0}" = 1 ]; then
    cargo bench --bench pipeline
fi
