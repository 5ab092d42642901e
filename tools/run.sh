#!/usr/bin/env bash
# Start isodesk (set-up included). Without a FILE it opens a demo project.
#   bash tools/run.sh [FILE.isodesk]
source "$(dirname "$0")/setup.sh"
apt_install "${QT_PACKAGES[@]}"
setup_python ""
exec .venv/bin/python -m isodesk "$@"
