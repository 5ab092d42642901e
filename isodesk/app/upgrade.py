"""What to tell the user after a project file was upgraded to the current format."""
from __future__ import annotations

from isodesk.app.session import ProjectSession
from isodesk.storage import FORMAT_VERSION
from isodesk.storage.migrations import backup_path
from isodesk.support.i18n import language, tr


def upgrade_message(session: ProjectSession) -> str | None:
    """One paragraph for a project that this open upgraded on disk; None otherwise."""
    store = session.store
    if store.upgraded_from is None or store.read_only:
        return None
    lang = language()
    backup = backup_path(session.path, store.upgraded_from)
    parts = [tr("{name} was upgraded to file format {version}; the old file is kept as {backup}.")
             .format(name=session.path.name, version=FORMAT_VERSION, backup=backup.name)]
    kept = [n.describe(lang) for n in store.upgrade_notes if not n.carried]
    carried = [n.describe(lang) for n in store.upgrade_notes if n.carried]
    if kept:
        parts.append(tr("The SoA now follows the checklist for {n} control(s) where the two "
                        "disagreed: {controls}.").format(n=len(kept), controls=", ".join(kept)))
    if carried:
        parts.append(tr("The SoA status became the result of {n} control(s) that had no result "
                        "yet: {controls}.").format(n=len(carried), controls=", ".join(carried)))
    if kept or carried:
        parts.append(tr("Please review them; each item's history shows the change."))
    return " ".join(parts)
