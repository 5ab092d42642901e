"""What an installed isodesk carries besides its code, in one place for the wheel and the frozen app.

``write_bundle(dest)`` copies ``norm_catalogs/`` and ``resources/`` from the source tree into
``dest`` and writes a compiled ``.mo`` beside every ``.po``. The wheel puts ``dest`` at
``isodesk/_bundled`` (wheel_build.py), the PyInstaller spec at the same place inside the bundle,
so ``isodesk.support.paths.bundled()`` finds the data the same way in both.
Standard library only: it runs inside the wheel build and inside PyInstaller.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("norm_catalogs", "resources")


def write_bundle(dest: Path) -> Path:
    sys.path.insert(0, str(ROOT))  # the build tools run outside an installed isodesk
    try:
        from isodesk.support.i18n import compile_mo, parse_po
    finally:
        sys.path.remove(str(ROOT))
    if dest.exists():
        shutil.rmtree(dest)  # nothing stale from an earlier build
    for name in FOLDERS:
        shutil.copytree(ROOT / name, dest / name)
    for po in (dest / "resources" / "translations").glob("*.po"):
        po.with_suffix(".mo").write_bytes(compile_mo(parse_po(po.read_text(encoding="utf-8"))))
    return dest
