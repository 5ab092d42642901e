#!/usr/bin/env bash
# Run the test suite (set-up included). Extra arguments go to pytest.
#   bash tools/test.sh [-k pattern]
source "$(dirname "$0")/setup.sh"
apt_install "${QT_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
setup_python "[test]"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
