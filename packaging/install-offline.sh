#!/usr/bin/env bash
# Install Rezerv on an air-gapped workstation from this folder: checks every wheel's SHA-256,
# then installs with --no-index (no network). Usage: ./install.sh [TARGET_VENV]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$HOME/.local/share/rezerv-venv}"
( cd "$here/wheels" && sha256sum --check --quiet ../SHA256SUMS )
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" -r "$here/requirements.lock"
"$venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" --no-deps rezerv
echo "installed: $venv/bin/rezerv"
