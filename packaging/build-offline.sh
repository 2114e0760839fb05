#!/usr/bin/env bash
# Build an offline installer for air-gapped workstations: a folder with every pinned wheel
# (requirements.lock) plus Rezerv's own wheel and an install script that never touches a network.
#   packaging/build-offline.sh [OUTDIR]      (run on a connected build machine of the same kind)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/rezerv-offline}"
py="${PYTHON:-python3}"
rm -rf "$out"
mkdir -p "$out/wheels"
"$py" -m pip wheel --quiet --wheel-dir "$out/wheels" -r requirements.lock
"$py" -m pip wheel --quiet --no-deps --wheel-dir "$out/wheels" .
cp requirements.lock "$out/"
cp packaging/install-offline.sh "$out/install.sh"
( cd "$out/wheels" && sha256sum ./*.whl > ../SHA256SUMS )
echo "offline installer in $out ($(du -sh "$out" | cut -f1))"
