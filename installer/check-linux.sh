#!/usr/bin/env bash
# The Linux package as a consultant meets it: build it, install it, open a project from the "file
# manager" (xdg-open) in a real window under Xvfb, close it, uninstall. Needs root (or sudo) for
# dpkg; changes this machine (installs and finally purges the isodesk package). Called by .ci/run.
#   bash installer/check-linux.sh OUTDIR      (OUTDIR keeps the .deb and a screenshot)
# ISODESK_CHECK_DISPLAY picks the X display number for Xvfb (default 93).
source "$(dirname "$0")/../tools/setup.sh"  # cd's to the repository root
[ $# -eq 1 ] || { echo "usage: bash installer/check-linux.sh OUTDIR" >&2; exit 2; }
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

fail() { echo "check-linux: $*" >&2; exit 1; }
step() { echo "check-linux: $*" >&2; }

started=$SECONDS
bash installer/build-linux.sh "$OUT"
built=$SECONDS
# xdg-utils with libfile-mimeinfo-perl: xdg-mime/xdg-open outside a desktop session read the
# shared-mime-info database as file managers do; xdotool finds and drives the window.
apt_install xvfb xauth xdotool xdg-utils libfile-mimeinfo-perl shared-mime-info \
    desktop-file-utils imagemagick
VERSION="$(.venv/bin/python -c 'import isodesk; print(isodesk.__version__)')"
deb="$(ls "$OUT"/isodesk_"$VERSION"_*.deb)"

step "installing $(basename "$deb")"
$SUDO dpkg -i "$deb" >/dev/null || fail "dpkg -i failed (missing Depends?)"
[ "$(readlink -f "$(command -v isodesk)")" = /opt/isodesk/isodesk ] || fail "isodesk is not /opt/isodesk/isodesk"
[ "$(isodesk --version)" = "isodesk $VERSION" ] || fail "isodesk --version: $(isodesk --version)"

# A user of our own: an empty home, so nothing of root's settings or mime choices counts.
T="$(mktemp -d)"
export HOME="$T/home" ISODESK_HOME="$T/isodesk-home" XDG_CONFIG_HOME="$T/home/.config" \
       XDG_DATA_HOME="$T/home/.local/share"
mkdir -p "$HOME"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION
xvfb_pid=""
cleanup() { [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT

step "the installed command line: demo, report, Excel round trip"
(cd "$T" && isodesk demo Klant.isodesk --lang nl >/dev/null && isodesk report Klant.isodesk rapport.pdf >/dev/null \
    && isodesk export Klant.isodesk klant.xlsx >/dev/null \
    && isodesk import Klant.isodesk klant.xlsx --dry-run | grep -q "0 change") || fail "a command of the installed app failed"

step "file type and default application"
default="$(xdg-mime query default application/x-isodesk)"
[ "$default" = isodesk.desktop ] || fail "xdg-mime query default application/x-isodesk: '$default'"
cp "$T/Klant.isodesk" "$T/x.isodesk"
for name in Klant.isodesk x.isodesk; do
    type="$(xdg-mime query filetype "$T/$name")"
    [ "$type" = application/x-isodesk ] || fail "xdg-mime query filetype $name: '$type'"
done
cp "$T/Klant.isodesk" "$T/klant-zonder-extensie"  # renamed or mailed without its extension
type="$(xdg-mime query filetype "$T/klant-zonder-extensie")"
[ "$type" = application/x-isodesk ] || fail "by content: '$type' for a project without extension"
python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('create table t(x)')" "$T/other"
type="$(xdg-mime query filetype "$T/other")"
[ "$type" = application/vnd.sqlite3 ] || fail "another SQLite file is '$type', not application/vnd.sqlite3"

step "xdg-open Klant.isodesk in a real window (Xvfb)"
export DISPLAY=":${ISODESK_CHECK_DISPLAY:-93}"
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start on $DISPLAY (in use? set ISODESK_CHECK_DISPLAY)"
opened=$SECONDS
xdg-open "$T/Klant.isodesk" &
opener=$!
window="$(timeout 60 xdotool search --sync --onlyvisible --name 'Klant\.isodesk' | head -1)" \
    || fail "no isodesk window for Klant.isodesk within 60 s"
pid="$(xdotool getwindowpid "$window")"
[ "$(readlink -f "/proc/$pid/exe")" = /opt/isodesk/isodesk ] || fail "the window is not the installed isodesk's"
step "window '$(xdotool getwindowname "$window")' after $((SECONDS - opened)) s"
# A first start asks the user's name for the change history, over the project's window.
question="$(timeout 20 xdotool search --sync --onlyvisible --name '^(Your name|Uw naam)$' | head -1)" \
    || fail "the first start did not ask the user's name (for the change history)"
sleep 1  # let it paint, for the screenshot
import -window root "$OUT/isodesk-window.png"
xdotool windowfocus --sync "$question" key --clearmodifiers ctrl+a
xdotool type --delay 20 "Check Linux"
xdotool key --clearmodifiers Return
for _ in $(seq 50); do grep -q '"Check Linux"' "$ISODESK_HOME/config/settings.json" 2>/dev/null && break; sleep 0.1; done
grep -q '"Check Linux"' "$ISODESK_HOME/config/settings.json" 2>/dev/null \
    || fail "the name given at the first start was not kept in the settings"
xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "isodesk did not quit on Ctrl+Q"
wait "$opener" || fail "xdg-open (isodesk) exited with $?"

step "uninstall leaves the projects alone"
$SUDO dpkg --purge isodesk >/dev/null
[ ! -e /opt/isodesk ] && [ ! -e /usr/bin/isodesk ] || fail "files left after dpkg --purge"
[ -f "$T/Klant.isodesk" ] || fail "the project file is gone"
echo "check-linux: passed (build $((built - started)) s, checks $((SECONDS - built)) s;" \
     "$(du -h "$deb" | cut -f1) package, screenshot $OUT/isodesk-window.png)" >&2
