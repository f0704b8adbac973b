#!/bin/sh
# Installe cispgen depuis une version publiée (README, « Installer cispgen ») :
#   curl -fsSL https://raw.githubusercontent.com/interfede/cispgen/main/scripts/install.sh | sh
# Télécharge l'archive de ce système et SHA256SUMS de la même version, vérifie l'empreinte,
# puis installe le binaire dans ~/.local/bin (ou CISPGEN_DEST).
# Variables : CISPGEN_VERSION (ex. 0.1.0 ; par défaut la dernière), CISPGEN_DEST,
# CISPGEN_DEPOT (owner/nom du dépôt GitHub), CISPGEN_URL (adresse des fichiers, pour les tests).
set -eu

depot="${CISPGEN_DEPOT:-interfede/cispgen}"
dest="${CISPGEN_DEST:-$HOME/.local/bin}"
if [ -n "${CISPGEN_VERSION:-}" ]; then
  base="https://github.com/$depot/releases/download/v$CISPGEN_VERSION"
else
  base="https://github.com/$depot/releases/latest/download"
fi
base="${CISPGEN_URL:-$base}"

echec() {
  echo "install.sh : erreur : $*" >&2
  exit 1
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64 | Linux-amd64) cible=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) cible=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) cible=x86_64-apple-darwin ;;
  Darwin-arm64 | Darwin-aarch64) cible=aarch64-apple-darwin ;;
  *) echec "pas de cispgen publié pour $(uname -s) $(uname -m) : compilez-le (cargo install --locked --path .)" ;;
esac
archive="cispgen-$cible.tar.gz"

empreinte() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL -o "$tmp/$archive" "$base/$archive" || echec "téléchargement impossible : $base/$archive"
curl -fsSL -o "$tmp/SHA256SUMS" "$base/SHA256SUMS" || echec "téléchargement impossible : $base/SHA256SUMS"
attendue=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
[ -n "$attendue" ] || echec "$archive n'est pas dans SHA256SUMS"
recue=$(empreinte "$tmp/$archive")
[ "$recue" = "$attendue" ] || echec "empreinte SHA-256 inattendue pour $archive : $recue au lieu de $attendue ; rien n'est installé"
tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dest"
install -m 755 "$tmp/cispgen-$cible/cispgen" "$dest/cispgen"
echo "installé : $dest/cispgen ($("$dest/cispgen" --version))"
case ":$PATH:" in
  *":$dest:"*) ;;
  *) echo "ajoutez $dest au PATH (par exemple dans ~/.profile : export PATH=\"$dest:\$PATH\")" ;;
esac
