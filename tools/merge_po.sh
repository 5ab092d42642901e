#!/usr/bin/env bash
# Resolve a git merge conflict in resources/translations/nl.po: keep the translations of both
# sides, then rebuild the file from the source strings (tools/update_translations.py).
set -euo pipefail
cd "$(dirname "$0")/.."
po=resources/translations/nl.po
ours=$(mktemp) theirs=$(mktemp)
git show ":2:$po" > "$ours"
git show ":3:$po" > "$theirs"
cp "$ours" "$po"
"${PYTHON:-.venv/bin/python}" tools/update_translations.py --merge "$theirs"
rm -f "$ours" "$theirs"
git add "$po"
