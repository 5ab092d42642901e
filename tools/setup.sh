# Sourced by tools/run.sh and tools/test.sh: installs what isodesk needs on this machine, once.
#   - Debian/Ubuntu packages (only when run as root or with sudo): Qt's runtime libraries, and for
#     the tests Xvfb, poppler-utils (pdftoppm/pdftotext), LibreOffice Calc and Writer (Writer
#     opens the Word report in a test) and strace (kills a writer or a merge at a chosen write:
#     tests/fixtures/make_hot_journal.py, the merge tests);
#   - a virtual environment .venv with isodesk and its Python dependencies (pip install -e), with
#     an extra when asked: "[test]" for tools/test.sh, "[freeze]" (PyInstaller) for installer/.
# Re-runs are cheap: packages already present and an unchanged pyproject.toml install nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

apt_install() {
    command -v dpkg >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "isodesk needs these system packages: ${missing[*]} (install them as root)." >&2
            return 0
        fi
    fi
    echo "Installing system packages: ${missing[*]}" >&2
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Qt's xcb/offscreen plugins load these even without a screen.
QT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
             libxcb-image0 fonts-dejavu-core)
TEST_PACKAGES=(xvfb xauth poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui strace)

setup_python() {
    local extra="$1"
    local python="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        "$python" -m venv .venv
    fi
    # One stamp per extra: the tests' "[test]" and the frozen build's "[freeze]" don't undo each other.
    local stamp=".venv/.isodesk-installed${extra}"
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "Installing isodesk's Python dependencies into .venv ..." >&2
        .venv/bin/python -m pip install -q --upgrade pip >/dev/null
        .venv/bin/python -m pip install -q -e ".${extra}"
        echo "$want" > "$stamp"
    fi
}
