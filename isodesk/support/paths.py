"""Where bundled data and the user's files live.

One function finds ``norm_catalogs/`` and ``resources/`` in a source checkout, an installed
wheel and a frozen (PyInstaller) bundle alike: the wheel and the bundle carry both inside the
package as ``isodesk/_bundled`` (written by installer/bundle_data.py, with compiled translations).
``ISODESK_HOME`` moves all per-user files (settings, recent files, user catalogs) to one folder;
the tests use it so they never touch a real profile.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

APP_NAME = "isodesk"


@cache
def bundled(name: str) -> Path:
    """Path of a bundled top-level folder: ``norm_catalogs`` or ``resources``."""
    # In a frozen bundle PyInstaller sets __file__ to where the module would be inside the bundle
    # (.../_internal/isodesk/support/paths.pyc), so _bundled is found beside the package there too.
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled" / name,  # installed wheel, frozen bundle
                      package.parent / name):  # source checkout (and editable install)
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"isodesk's {name} folder is missing from this installation.")


def _home() -> Path | None:
    value = os.environ.get("ISODESK_HOME")
    return Path(value) if value else None


def user_data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_catalog_dir() -> Path:
    """Users put their own catalog files here (and Excel catalog import writes here)."""
    return user_data_dir() / "catalogs"
