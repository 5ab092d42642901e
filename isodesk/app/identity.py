"""Who is working: the name that history entries and change stamps carry.

In order: the name given for this run (the CLI's ``--assessor``, the GUI's settings), the
``ISODESK_ASSESSOR`` environment variable, the assessor name in the settings, and the operating
system's user name as a last resort.
"""
from __future__ import annotations

import getpass
import os

ENV_VAR = "ISODESK_ASSESSOR"


def default_author() -> str:
    name = os.environ.get(ENV_VAR, "").strip()
    if name:
        return name
    from isodesk.app.settings import Settings

    name = Settings.load().assessor.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems (no passwd entry)
        return "?"
