#!/usr/bin/env bash
# Whole builds at 1×, 10× and 100× the demo catalogue, against the copy of their own
# output (issue 19).
#
#   scripts/bench.sh            # 1×, 10×, 100×
#   scripts/bench.sh 1 10       # only these scales
#   ROUNDS=2 scripts/bench.sh   # rounds (default 4; per round 5 builds at 1×, 2 at 10×, 1 at others)
#   VIDE=1 scripts/bench.sh     # also the build with every template reduced to one line
#   STAGES=1 scripts/bench.sh   # also the criterion benchmarks of each stage (1×)
#
# The scales take turns, round after round, and in each round builds and copies take
# turns: builds and copies meet the same machine, so the ratios and the growth from one
# scale to the next are measured in one run, not minutes apart on a shared machine whose
# speed drifts. (The cold build is measured once per scale before the rounds, `check` and
# VIDE after them.)
# - build: `cispgen build` into its existing output folder, as people rebuild (a file
#   whose bytes did not change is not written again); its own stage timings; wall and
#   processor time; peak memory;
# - froid: one build into a folder that does not exist yet (every file written);
# - cp -r: the output tree copied into a new folder each time.
# Nothing is deleted before the end. After a large deletion, ext4 spends minutes of
# processor time in `recently_deleted` on every file it creates (perf): the same 3 GB copy
# took 24 s with nothing deleted before it and 100–146 s in the 10 minutes after deleting a
# tree that size. So the bench first waits until creating files costs what it should
# (`calme`), and a bench run just after another one waits for the first one's cleanup.
# Kept, the copies and the cold build's tree would fill the page cache (4 × 3 GB at 100×)
# and push out what a rebuild reads, so their pages are dropped once written (`oublie`).
#
#   CISPGEN_BIN=target/release/cispgen   # measure this binary instead of building one
#   ATTENTE=0                            # do not wait for the file system (`calme`)
set -euo pipefail
[ -z "${CISPGEN_BIN:-}" ] || CISPGEN_BIN=$(realpath "$CISPGEN_BIN")
cd "$(dirname "$0")/.."

scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 10 100)
rounds=${ROUNDS:-4}
[ "$rounds" -ge 1 ] 2>/dev/null || { echo "ROUNDS : un nombre de tours ≥ 1" >&2; exit 2; }
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

if [ -n "${CISPGEN_BIN:-}" ]; then
    bin=$CISPGEN_BIN
else
    cargo build --release --quiet
    bin="$PWD/target/release/cispgen"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Nothing is deleted before the end: at 100× about 25 GB stay until then.
for scale in "${scales[@]}"; do
    if [ "$scale" -ge 100 ] && [ "$(df -Pk "$work" | awk 'NR == 2 {print $4}')" -lt $((30 * 1024 * 1024)) ]; then
        echo "attention : moins de 30 Go libres dans $(dirname "$work") ; le banc à ${scale}× en garde environ 25 jusqu'à la fin (TMPDIR=… pour un autre dossier)" >&2
    fi
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# Wall ms, peak KiB and processor ms (user + system) of a command, appended to $1. Each
# starts with nothing left to flush from the one before (`sync`, not timed): a copy writes
# up to 3 GB that the kernel would otherwise write back during the next build.
timed() {
    local file=$1; shift
    sync
    if ! /usr/bin/time -f '%e %M %U %S' -o "$work/t" "$@" >"$work/out" 2>"$work/err"; then
        echo "échec : $*" >&2; tail -n 20 "$work/err" >&2; exit 1
    fi
    awk '{printf "%.1f %d %.1f\n", $1 * 1000, $2, ($3 + $4) * 1000}' "$work/t" >> "$file"
}
# Waits (up to ATTENTE minutes, 15 by default) until a copy of the 1× demo output costs less than 100 µs of
# processor per file created: 45 µs on a settled file system, 400–900 µs just after a
# deletion of a million files.
sondes=0
calme() {
    local n sys files
    files=$(find "$work/sonde" | wc -l)
    for n in $(seq $((${ATTENTE:-15} * 2))); do
        sync
        sondes=$((sondes + 1))
        /usr/bin/time -f '%S' -o "$work/t" cp -r "$work/sonde" "$work/sonde-$sondes"
        sys=$(cat "$work/t")
        if python3 -c "import sys; sys.exit(0 if $sys * 1e6 / $files < 100 else 1)"; then
            return
        fi
        echo "ext4 oublie encore un effacement récent ($sys s de processeur pour copier $files fichiers) : attente de 30 s" >&2
        sleep 30
    done
    [ "${ATTENTE:-15}" = 0 ] || echo "attention : le système de fichiers ne s'est pas calmé en ${ATTENTE:-15} minutes ; les copies en seront plus lentes" >&2
}
# Drops the page cache of a tree written for the measure (written back first: only clean
# pages can be dropped), without deleting it.
oublie() {
    sync
    python3 - "$1" <<'PY'
import os, sys
for d, _, files in os.walk(sys.argv[1]):
    for f in files:
        try:
            fd = os.open(os.path.join(d, f), os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
PY
}
per_round() { case $1 in 1) echo 5 ;; 10) echo 2 ;; *) echo 1 ;; esac; }

mkdir -p "$work/demo1"
cp -r data site.yaml content themes "$work/demo1/"
timed "$work/sonde.t" "$bin" build --root "$work/demo1" --out "$work/sonde" --today "$today"
calme

# Each scale: its catalogue, its output folder as people have it, one cold build.
for scale in "${scales[@]}"; do
    root="$work/x$scale"
    mkdir -p "$root"
    if [ "$scale" = 1 ]; then
        cp -r data "$root/"
    else
        "$bin" demo --scale "$scale" --root "$root" >/dev/null
    fi
    cp -r site.yaml content themes "$root/"
    timed "$work/prep.t" "$bin" build --root "$root" --out "$root/public" --today "$today"
    timed "$work/froid-$scale" "$bin" build --root "$root" --out "$work/froid-$scale.d" --today "$today"
    oublie "$work/froid-$scale.d"
    timed "$work/prep.t" "$bin" build --root "$root" --out "$root/public" --today "$today"
    : > "$work/build-$scale"; : > "$work/cp-$scale"; : > "$work/stages-$scale"
done
calme

for round in $(seq "$rounds"); do
    for scale in "${scales[@]}"; do
        root="$work/x$scale"
        for i in $(seq "$(per_round "$scale")"); do
            timed "$work/build-$scale" "$bin" build --root "$root" --out "$root/public" --today "$today"
            grep '^temps' "$work/out" >> "$work/stages-$scale" || true
            timed "$work/cp-$scale" cp -r "$root/public" "$work/copie-$scale-$round-$i"
            oublie "$work/copie-$scale-$round-$i"
        done
    done
done

rows=()
growth=()
for scale in "${scales[@]}"; do
    root="$work/x$scale"
    out="$root/public"
    stage() { sed -E "s/.*$1 ([0-9.]+).*/\1/" "$work/stages-$scale" | median; }
    load=$(stage chargement); chk=$(stage vérification); res=$(stage résolution)
    idx=$(stage index); ren=$(stage 'rendu et écriture'); wri=$(stage bascule)
    build_ms=$(cut -d' ' -f1 "$work/build-$scale" | median)
    cpu_ms=$(cut -d' ' -f3 "$work/build-$scale" | median)
    cp_ms=$(cut -d' ' -f1 "$work/cp-$scale" | median)
    froid_ms=$(cut -d' ' -f1 "$work/froid-$scale")
    rss_kb=$(cut -d' ' -f2 "$work/build-$scale" | sort -n | tail -1)
    n=$(wc -l < "$work/build-$scale")
    pages=$(find "$out" -name '*.html' | wc -l)
    files=$(find "$out" -type f | wc -l)
    bytes=$(du -sb "$out" | cut -f1)

    rm -f "$work/check.json"
    hyperfine --style none --warmup 1 --runs 5 --export-json "$work/check.json" \
        "'$bin' check --root '$root' --today $today" >/dev/null 2>&1 || true
    check_ms=-
    [ -s "$work/check.json" ] &&
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
        for _ in $(seq "$n"); do
            timed "$work/vide" "$bin" build --root "$vide" --out "$vide/public" --today "$today"
        done
        vide_ms=$(cut -d' ' -f1 "$work/vide" | median)
    fi

    rows+=("$(python3 - "$scale" "$load" "$chk" "$res" "$idx" "$ren" "$wri" "$build_ms" "$cpu_ms" "$froid_ms" "$cp_ms" \
        "$vide_ms" "$check_ms" "$rss_kb" "$pages" "$files" "$bytes" "$n" <<'PY'
import sys
(scale, load, chk, res, idx, ren, wri, build, cpu, froid, cp, vide, check, rss, pages, files, octets, n) = sys.argv[1:]
b, f, c = float(build), float(froid), float(cp)
print(f"{scale + '×':<6} {load:>7} {chk:>7} {res:>7} {idx:>7} {ren:>9} {wri:>7} | {b:>9.0f} {float(cpu):>8.0f} {c:>8.0f} {b / c:>8.2f} "
      f"{f:>9.0f} {f / c:>8.2f} {vide:>8} {check:>8} {int(rss) // 1024:>7} {pages:>7} {files:>7} {int(octets) / 1e6:>9.1f} {n:>4}")
PY
)")
    if [ -n "${prev_pages:-}" ]; then
        growth+=("$(python3 -c "
import math
p, q = $prev_pages, $pages
t = ($build_ms / q) / ($prev_build / p)
u = ($cpu_ms / q) / ($prev_cpu / p)
m = ($rss_kb / q) / ($prev_rss / p)
c = ($cp_ms / q) / ($prev_cp / p)
nlogn = math.log(q) / math.log(p)
verdict = 'tenu' if max(t, m) <= nlogn else 'NON TENU'
print(f'${prev_scale}× → ${scale}× : par page, temps × {t:.2f}, processeur × {u:.2f}, mémoire × {m:.2f} '
      f'(n log n : × {nlogn:.2f}) : {verdict} ; copie × {c:.2f}')
")")
    fi
    prev_pages=$pages; prev_build=$build_ms; prev_cpu=$cpu_ms; prev_rss=$rss_kb; prev_scale=$scale; prev_cp=$cp_ms
done

echo
printf '%-6s %7s %7s %7s %7s %9s %7s | %9s %8s %8s %8s %9s %8s %8s %8s %7s %7s %7s %9s %4s\n' \
    échelle load check resolve index render+w swap "build ms" "cpu ms" "cp -r ms" build/cp "froid ms" froid/cp "vide ms" "check ms" "RSS Mio" pages fichiers "Mo écrits" n
for r in "${rows[@]}"; do echo "$r"; done
echo
for g in "${growth[@]}"; do echo "croissance $g"; done
echo
echo "Médianes de n builds en ms ; les échelles à tour de rôle, $rounds tours ; dans un tour, build et cp -r en alternance."
echo "Étapes : mesures internes de cispgen build ; cpu : processeur (utilisateur + système) ; check : hyperfine."
echo "build : dans le dossier de sortie existant (les fichiers inchangés ne sont pas réécrits) ; froid : un build dans un dossier neuf, une fois."
echo "Budgets (issue 19) : build ÷ cp -r ≤ 1,3 à chaque échelle ; mémoire ≤ 1 Gio à 100× ; croissance ≤ n log n."
echo "Machine : $(nproc) cœurs, $(free -g | awk '/^Mem/ {print $2}') Gio ; $(date -u +%F)."

if [ "${STAGES:-0}" = 1 ]; then
    cargo bench --bench pipeline
fi
