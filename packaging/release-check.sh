#!/usr/bin/env bash
# Reproducibility: two release builds of this commit, in different folders, give identical
# tarballs, .deb files and SBOMs. Prints one line per artifact; exits 1 on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
out=build/release-check
rm -rf "$out"
for n in a b; do
    REZERV_MINISIGN_KEY= "$py" packaging/build_release.py --dist "$out/dist-$n" --work "$out/work-$n" >/dev/null
done
status=0
for f in "$out"/dist-a/*; do
    name=$(basename "$f")
    [ "$name" = UNSIGNED.txt ] && continue
    if cmp -s "$f" "$out/dist-b/$name"; then
        echo "identical  $name  $(sha256sum < "$f" | cut -c1-16)"
    else
        echo "DIFFERENT  $name"; status=1
    fi
done
exit $status
