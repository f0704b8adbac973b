#!/usr/bin/env bash
# Publication d'un dépôt de données cisp.be : tout ce que font l'intégration continue de
# GitHub (.github/workflows/cisp.yml) et celle de GitLab (.gitlab-ci.yml), en un script
# qu'on peut aussi lancer sur son ordinateur. Écrit par « cispgen init ».
#
#   .cisp/publier.sh installer                  télécharge cispgen (version épinglée, empreinte vérifiée)
#   .cisp/publier.sh verifier [--depuis REF]    vérifie les données ; avec --depuis, d'abord les
#                                               fichiers modifiés depuis REF (une demande de fusion)
#   .cisp/publier.sh construire [--base-url URL]   construit le site dans public/
#   .cisp/publier.sh apercu --depuis REF [--base-url URL]
#                                               construit le site dans public/ et liste dans
#                                               apercu/pages-modifiees.txt les pages qui changent
#
# Variables (facultatives) : CISPGEN_BIN (un cispgen déjà là, copié au lieu d'être téléchargé),
# CISPGEN_HORS_LIGNE=1 (ne lit pas le catalogue déjà publié), CISPGEN_TODAY (AAAA-MM-JJ).
set -euo pipefail

# La version de cispgen et l'empreinte SHA-256 de son binaire Linux x86_64
# (cispgen-x86_64-unknown-linux-musl, listé dans SHA256SUMS de la version).
# Pour changer de version, changez les deux lignes ensemble.
CISPGEN_VERSION="${CISPGEN_VERSION:-0.1.0}"
CISPGEN_SHA256="${CISPGEN_SHA256:-}"
CISPGEN_DEPOT="${CISPGEN_DEPOT:-interfede/cispgen}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.cisp/bin/cispgen

dire() { echo "publier.sh : $*" >&2; }
echec() {
  dire "erreur : $*"
  exit 1
}

empreinte() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

installer() {
  mkdir -p .cisp/bin
  if [[ -n "${CISPGEN_BIN:-}" ]]; then
    [[ -x "$CISPGEN_BIN" ]] || echec "CISPGEN_BIN=$CISPGEN_BIN n'est pas un programme"
    cp "$CISPGEN_BIN" "$BIN"
  else
    [[ "$CISPGEN_SHA256" =~ ^[0-9a-f]{64}$ ]] ||
      echec "aucune empreinte SHA-256 épinglée : dans .cisp/publier.sh, écrivez sur la ligne CISPGEN_SHA256 celle de cispgen-x86_64-unknown-linux-musl (fichier SHA256SUMS de la version $CISPGEN_VERSION)"
    local url="${CISPGEN_URL:-https://github.com/$CISPGEN_DEPOT/releases/download/v$CISPGEN_VERSION/cispgen-x86_64-unknown-linux-musl}"
    dire "téléchargement de cispgen $CISPGEN_VERSION"
    curl --fail --silent --show-error --location --retry 3 --max-time 120 -o "$BIN.part" "$url" ||
      echec "téléchargement impossible : $url"
    local recu
    recu=$(empreinte "$BIN.part")
    if [[ "$recu" != "$CISPGEN_SHA256" ]]; then
      rm -f "$BIN.part"
      echec "empreinte SHA-256 inattendue pour $url : $recu au lieu de $CISPGEN_SHA256 ; rien n'est installé"
    fi
    chmod +x "$BIN.part"
    mv "$BIN.part" "$BIN"
  fi
  dire "installé : $("$BIN" --version)"
}

cispgen() {
  [[ -x "$BIN" ]] || echec "cispgen n'est pas installé : lancez d'abord .cisp/publier.sh installer"
  "$BIN" "$@"
}

# Les fichiers ajoutés ou modifiés depuis REF (git diff REF...HEAD), un par ligne.
modifies_depuis() {
  git -c core.quotePath=false diff --name-only --diff-filter=ACMR "$1...HEAD" -- || echec "git ne connaît pas « $1 » (récupérez l'historique : fetch-depth: 0)"
}

# empreintes DOSSIER : « empreinte ./chemin » de chaque page, triées par chemin (pour join).
empreintes() {
  (cd "$1" && find . -name '*.html' -type f -print0 | xargs -0 sha256sum | LC_ALL=C sort -k 2)
}

format() {
  if [[ "${GITHUB_ACTIONS:-}" == true ]]; then echo github; else echo human; fi
}

verifier() {
  local depuis=""
  while (($#)); do
    case "$1" in
      --depuis) depuis="${2:-}"; shift 2 || echec "--depuis attend une référence git" ;;
      *) echec "option inconnue pour verifier : $1" ;;
    esac
  done
  local rc=0
  if [[ -n "$depuis" ]]; then
    local liste fichiers=()
    liste=$(modifies_depuis "$depuis")
    [[ -z "$liste" ]] || mapfile -t fichiers <<<"$liste"
    dire "${#fichiers[@]} fichier(s) modifié(s) depuis $depuis"
    cispgen check --format "$(format)" --files "${fichiers[@]}" || rc=$?
  else
    cispgen check --format "$(format)" || rc=$?
  fi
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    { echo '### Fraîcheur des données'; echo '```'; cispgen report || true; echo '```'; } >>"$GITHUB_STEP_SUMMARY"
  fi
  return "$rc"
}

# construire_dans DOSSIER [URL] : le site dans DOSSIER, à l'adresse URL.
construire_dans() {
  local out=$1 url=${2:-}
  local options=(--out "$out")
  [[ -n "$url" ]] && options+=(--base-url "$url")
  [[ -n "${CISPGEN_TODAY:-}" ]] && options+=(--today "$CISPGEN_TODAY")
  # Pour « Nouveautés » : le catalogue déjà publié (absent à la première publication) et
  # son historique (absent si le site publié vient d'une version plus ancienne), que
  # cispgen lit à côté du catalogue.
  if [[ -n "$url" && "${CISPGEN_HORS_LIGNE:-}" != 1 ]] &&
    curl --fail --silent --location --max-time 20 -o .cisp/catalogue-precedent.json "${url%/}/donnees/catalogue.json"; then
    rm -f .cisp/nouveautes-precedent.json
    curl --fail --silent --location --max-time 20 -o .cisp/nouveautes-precedent.json "${url%/}/donnees/nouveautes.json" ||
      rm -f .cisp/nouveautes-precedent.json
    options+=(--previous .cisp/catalogue-precedent.json)
  fi
  cispgen build "${options[@]}"
}

construire() {
  local url=""
  while (($#)); do
    case "$1" in
      --base-url) url="${2:-}"; shift 2 || echec "--base-url attend une adresse" ;;
      *) echec "option inconnue pour construire : $1" ;;
    esac
  done
  construire_dans public "$url"
}

apercu() {
  local url="" depuis=""
  while (($#)); do
    case "$1" in
      --base-url) url="${2:-}"; shift 2 || echec "--base-url attend une adresse" ;;
      --depuis) depuis="${2:-}"; shift 2 || echec "--depuis attend une référence git" ;;
      *) echec "option inconnue pour apercu : $1" ;;
    esac
  done
  [[ -n "$depuis" ]] || echec "apercu attend --depuis REF (la branche visée par la demande de fusion)"
  construire_dans public "$url"
  # Le même site avant la demande : la différence, page par page.
  local avant
  avant=$(mktemp -d)
  git worktree add --quiet --detach "$avant/depot" "$depuis" || echec "git ne connaît pas « $depuis »"
  local rc=0
  (cd "$avant/depot" && "$OLDPWD/$BIN" build --out "$avant/public" ${url:+--base-url "$url"} ${CISPGEN_TODAY:+--today "$CISPGEN_TODAY"} >/dev/null) || rc=$?
  mkdir -p apercu
  if [[ $rc -eq 0 ]]; then
    empreintes "$avant/public" >"$avant/avant.txt"
    empreintes public >"$avant/apres.txt"
    LC_ALL=C join -1 2 -2 2 -a 1 -a 2 -e - -o 0,1.1,2.1 "$avant/avant.txt" "$avant/apres.txt" |
      awk '$2 != $3 { print ($2 == "-" ? "ajoutée" : ($3 == "-" ? "retirée" : "modifiée")) " : /" substr($1, 3) }' \
        >apercu/pages-modifiees.txt
  else
    echo "(le site d'avant la demande ne se construit pas : pas de comparaison)" >apercu/pages-modifiees.txt
  fi
  git worktree remove --force "$avant/depot"
  rm -rf "$avant"
  dire "$(wc -l <apercu/pages-modifiees.txt) page(s) modifiée(s) : apercu/pages-modifiees.txt"
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    { echo '### Pages modifiées par la demande'; echo '```'; head -n 100 apercu/pages-modifiees.txt; echo '```'; } >>"$GITHUB_STEP_SUMMARY"
  fi
}

etape="${1:-}"
shift || true
case "$etape" in
  installer) installer "$@" ;;
  verifier) verifier "$@" ;;
  construire) construire "$@" ;;
  apercu) apercu "$@" ;;
  *) echec "étape inconnue « $etape » : écrivez installer, verifier, construire ou apercu" ;;
esac
