"""Render the app icon (resources/icons/isodesk.svg) for the installers: PNGs at the sizes desktops
ask for, a Windows .ico and a macOS .icns, each size drawn from the SVG rather than scaled from
one bitmap, so 16 px stays sharp. Qt draws (PySide6's QtSvg), Pillow writes the .ico and .icns.

    python installer/render_icons.py OUTDIR
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "isodesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest a .ico holds


def render_pngs(out: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (QPainter needs it)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    pngs = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        pngs[size] = out / f"isodesk-{size}.png"
        if not image.save(str(pngs[size])):
            raise SystemExit(f"cannot write {pngs[size]}")
    return pngs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(out)
    from PIL import Image

    images = {size: Image.open(path) for size, path in pngs.items()}
    images[256].save(out / "isodesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    images[1024].save(out / "isodesk.icns",
                      append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
