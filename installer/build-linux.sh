#!/usr/bin/env bash
# Build the frozen isodesk (PyInstaller, installer/isodesk.spec) and a Debian package of it.
#   bash installer/build-linux.sh OUTDIR
# OUTDIR gets isodesk_<version>_<arch>.deb. The package installs the app to /opt/isodesk, the
# command /usr/bin/isodesk, a desktop entry, the icon (hicolor) and the file type
# application/x-isodesk (by extension and by content), so a double-click on a project opens it.
# Needs Debian/Ubuntu; installs what it needs itself (as tools/run.sh does). Work files: build/linux.
source "$(dirname "$0")/../tools/setup.sh"  # cd's to the repository root
[ $# -eq 1 ] || { echo "usage: bash installer/build-linux.sh OUTDIR" >&2; exit 2; }
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
started=$SECONDS

# binutils: PyInstaller reads the libraries' headers; dpkg-dev: dpkg-shlibdeps for Depends;
# libwayland-*: linked by Qt's Wayland plugin, so the bundle carries them.
apt_install "${QT_PACKAGES[@]}" binutils dpkg-dev desktop-file-utils \
    libwayland-client0 libwayland-cursor0 libwayland-egl1
setup_python "[freeze]"

WORK="$ROOT/build/linux"
VERSION="$(.venv/bin/python -c 'import isodesk; print(isodesk.__version__)')"
ARCH="$(dpkg --print-architecture)"
rm -rf "$WORK/dist" "$WORK/deb"
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$WORK/dist" \
    --workpath "$WORK/pyinstaller" installer/isodesk.spec
frozen=$SECONDS

# Every library the bundle links must be in it or on the system (caught here, not by a user).
# ldd with the library path the bootloader sets at start-up.
missing="$(find "$WORK/dist/isodesk" -name '*.so*' -type f \
    -exec env LD_LIBRARY_PATH="$WORK/dist/isodesk/_internal" ldd {} + 2>/dev/null \
    | grep 'not found' | sort -u || true)"
[ -z "$missing" ] || { echo "The bundle links libraries that are not there:"$'\n'"$missing" >&2; exit 1; }

ROOTFS="$WORK/deb"
ICONS="$WORK/icons"
.venv/bin/python installer/render_icons.py "$ICONS"
mkdir -p "$ROOTFS/opt" "$ROOTFS/usr/bin" "$ROOTFS/DEBIAN" "$ROOTFS/usr/share/doc/isodesk"
cp -a "$WORK/dist/isodesk" "$ROOTFS/opt/isodesk"
ln -s /opt/isodesk/isodesk "$ROOTFS/usr/bin/isodesk"
install -D -m 644 installer/linux/isodesk.desktop "$ROOTFS/usr/share/applications/isodesk.desktop"
install -D -m 644 installer/linux/isodesk-mime.xml "$ROOTFS/usr/share/mime/packages/isodesk.xml"
desktop-file-validate "$ROOTFS/usr/share/applications/isodesk.desktop"
hicolor="$ROOTFS/usr/share/icons/hicolor"
for kind_name in apps/isodesk mimetypes/application-x-isodesk; do
    install -D -m 644 resources/icons/isodesk.svg "$hicolor/scalable/$kind_name.svg"
    for size in 16 24 32 48 64 128 256 512; do
        install -D -m 644 "$ICONS/isodesk-$size.png" "$hicolor/${size}x${size}/$kind_name.png"
    done
done
cat > "$ROOTFS/usr/share/doc/isodesk/copyright" <<EOF
isodesk $VERSION. Bundled: Python, Qt 6 and PySide6 (LGPLv3), SQLAlchemy, openpyxl, reportlab,
Pillow and their libraries under their own licences; DejaVu fonts (licence below).

$(cat resources/fonts/LICENSE)
EOF

# Depends: the packages of the system libraries the bundle links but does not carry (libc,
# OpenGL/EGL, ...), with the minimum versions dpkg-shlibdeps derives from the symbols used.
# dpkg-shlibdeps also names the packages of libraries the bundle carries its own copy of (it
# looks sonames up in the system's symbols files), so its list is cut to the external ones.
mapfile -t elves < <(find "$ROOTFS/opt/isodesk" -type f -name '*.so*'; echo "$ROOTFS/opt/isodesk/isodesk")
carried="$(find "$ROOTFS/opt/isodesk" -name '*.so*' -printf '%f\n' | sort -u)"
linked="$(objdump -p "${elves[@]}" 2>/dev/null | awk '$1 == "NEEDED" {print $2}' | sort -u)"
external_packages=" $(comm -23 <(echo "$linked") <(echo "$carried") | sed 's|^|*/|' \
    | xargs -d '\n' dpkg -S 2>/dev/null | cut -d: -f1 | sort -u | tr '\n' ' ')"
shlibs="$WORK/shlibdeps"
rm -rf "$shlibs" && mkdir -p "$shlibs/debian"
printf 'Source: isodesk\n\nPackage: isodesk\nArchitecture: any\n' > "$shlibs/debian/control"
libdirs="$(find "$ROOTFS/opt/isodesk" -name '*.so*' -printf '-l%h\n' | sort -u)"
# shellcheck disable=SC2086  # one -l option per folder
depends="$(cd "$shlibs" && dpkg-shlibdeps -O --ignore-missing-info $libdirs "${elves[@]}" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p' | tr ',' '\n' | sed 's/^ //' \
    | while read -r package rest; do
          if [[ "$external_packages" == *" $package "* ]]; then echo "$package${rest:+ $rest}"; fi
      done | paste -sd, | sed 's/,/, /g')"
[ -n "$depends" ] || { echo "found no package dependencies: dpkg-shlibdeps or dpkg -S failed" >&2; exit 1; }

cat > "$ROOTFS/DEBIAN/control" <<EOF
Package: isodesk
Version: $VERSION
Architecture: $ARCH
Maintainer: isodesk packaging <packaging@isodesk.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOTFS" | cut -f1)
Depends: $depends
Recommends: xdg-utils, shared-mime-info, desktop-file-utils
Section: misc
Priority: optional
Description: ISO gap analyses (nulmetingen), offline
 isodesk takes a consultant or internal auditor through ISO 9001:2015, ISO/IEC 27001:2022
 (with the Statement of Applicability), ISO 14001:2015 and ISO 45001:2018 clause by clause,
 keeps everything in one local project file, exchanges Excel workbooks with the client and
 writes the baseline assessment report as PDF. Dutch and English. No network access.
EOF
# The mime, desktop and icon caches are refreshed by the triggers of shared-mime-info,
# desktop-file-utils and the icon theme: no maintainer scripts needed.
deb="$OUT/isodesk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$deb" >/dev/null
echo "Built $deb ($(du -h "$deb" | cut -f1); app folder $(du -sh "$WORK/dist/isodesk" | cut -f1)):" \
     "frozen app $((frozen - started)) s, package $((SECONDS - frozen)) s." >&2
