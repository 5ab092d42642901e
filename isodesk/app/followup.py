"""A follow-up assessment (hermeting): a new project that starts from the baseline (nulmeting).

``start_followup`` writes the follow-up as a copy of the open project (the same standards and
catalog copies, client, scope, answers, actions, risks, evidence and logo) with a new id and
``based_on`` kind ``followup``, in one atomic write:

- every answer is carried over marked *reverify* ("from the baseline, to re-verify") until the
  assessor touches it (``ProjectSession.answer_edit``), and without its assessment date, so a
  re-verified answer gets the date of the follow-up;
- the baseline as it was is kept inside the follow-up as the stored state ``baseline``, read-only:
  the answer panel shows it beside each item, the report and the progress view compare with it,
  also when the baseline's file is long gone;
- what belonged to the baseline's report is left behind (title, conclusion, strengths, advice,
  remarks, roadmap, report date, version and status), the follow-up gets its own;
- the states of other files the baseline keeps (its copy base, what was merged into it) are not
  the follow-up's and are dropped, so the follow-up is never mistaken for a copy to merge back.

The baseline's own history stays in the follow-up's edit log, so ``isodesk show`` tells an item's
story across both assessments. Which projects belong together (``ancestry``) is what
``app/compare.py`` checks before comparing two files.
"""
from __future__ import annotations

import os
import uuid
import weakref
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from isodesk.app.copy import BASE
from isodesk.app.lineage import SYNC
from isodesk.app.session import ProjectSession
from isodesk.domain.edits import Change, Edit, SnapshotChange
from isodesk.domain.errors import DataError, ProjectFileError
from isodesk.domain.model import Answer, BasedOn, CatalogInfo, ProjectInfo, Requirement
from isodesk.domain.serial import snapshot_from_dict, snapshot_to_dict
from isodesk.domain.snapshot import ProjectData
from isodesk.storage import ProjectStore, now_stamp
from isodesk.storage.lock import ProjectLock
from isodesk.support.i18n import tr

BASELINE = "baseline"
KIND = "followup"
def _not_inherited(name: str) -> bool:
    """The stored states a baseline keeps of other files (app/copy.py's base, app/lineage.py's
    sync points): the follow-up is no copy of those files and leaves them behind."""
    return name == BASE or name.startswith(SYNC)


@dataclass(frozen=True)
class Baseline:
    """The state a follow-up started from (read-only)."""

    data: ProjectData
    taken_at: str  # when the follow-up was started (ISO 8601, UTC)

    @property
    def project_id(self) -> str:
        return self.data.id

    @property
    def day(self) -> date:
        """The baseline's date as its report gave it: the report date, else the start, else
        the day the follow-up was made."""
        info = self.data.info
        return info.report_date or info.started_on or datetime.fromisoformat(self.taken_at).date()

    def answer(self, key: str) -> Answer | None:
        """The baseline's answer of ``key``; None when the baseline did not hold the item."""
        req = self.data.by_key.get(key)
        return self.data.answer(key) if req is not None and req.assessable else None


def start_followup(session: ProjectSession, destination: str | os.PathLike,
                   on: date | None = None, overwrite: bool = False) -> Path:
    """Write ``destination`` as a follow-up of the open project, dated ``on`` (default today);
    returns its path. The open project is not changed; the follow-up appears complete or not
    at all, and a file someone has open is never replaced."""
    if session.read_only and session.store.upgraded_from is not None:
        # Upgraded in memory only: the baseline has no lasting id for the follow-up to name.
        raise DataError("{name} uses an older file format; open it once for editing (that "
                        "upgrades it), then start the follow-up.", name=session.path.name)
    dest = Path(destination)
    if dest.exists() and not overwrite:
        raise ProjectFileError("{name} already exists.", name=dest.name)
    baseline = session.snapshot()
    at = now_stamp()
    day = on or date.today()
    state = snapshot_to_dict(baseline) | {
        "head": session.store.head(),
        "catalogs": [c.id for c in baseline.catalogs],
        # every project this one descends from, so a follow-up of a follow-up still belongs to
        # the first baseline
        "lineage": sorted(ancestry(session.store)),
    }
    dropped = [SnapshotChange(name, None, None) for name in session.store.snapshot_names()
               if _not_inherited(name)]
    edit = Edit(tr("follow-up of {name} ({client}), dated {date}").format(
                    name=session.path.name, client=baseline.info.client, date=day.isoformat()),
                (Change(baseline.info, _followup_info(baseline.info, day)),
                 *(Change(a, carried) for a in baseline.answers.values()
                   if (carried := replace(a, reverify=True, assessed_on=None)) != a)),
                snapshots=(SnapshotChange(BASELINE, None, (baseline.id, at, state)), *dropped))

    def prepare(followup: ProjectStore) -> None:
        followup.set_identity(str(uuid.uuid4()), BasedOn(baseline.id, KIND), at, session.author)
        followup.apply(edit, at, session.author, KIND)

    lock = ProjectLock(dest)  # held while writing: nobody opens the follow-up half-made
    lock.acquire()
    try:
        session.store.save_copy(dest, prepare)
    finally:
        lock.release()
    return dest


def _followup_info(info: ProjectInfo, day: date) -> ProjectInfo:
    """The baseline's project details for its follow-up: the client, sites, assessors, scope of
    distribution and the consultancy stay; what was written for the baseline's report goes."""
    return replace(info, title="", started_on=day, report_date=None, conclusion="",
                   strengths="", advice=(), remarks=(), roadmap=(), status="draft", version="0.1")


def ancestry(store: ProjectStore) -> frozenset[str]:
    """The ids of the projects a file belongs with: its own, the one it was made from, those it
    keeps states of (a copy's original, merged colleagues, a follow-up's baseline) and what
    those states descend from. Two files that share one are assessments of the same lineage."""
    own, based_on = store.identity()
    ids = {own, based_on.id if based_on else ""}
    for name in store.snapshot_names():
        found = store.snapshot(name)
        if found is None:
            continue
        project_id, _taken_at, data = found
        ids.add(project_id)
        ids.add((data.get("based_on") or {}).get("id", ""))
        ids.update(data.get("lineage", ()))
    return frozenset(ids - {""})


def load_baseline(store: ProjectStore, catalogs: tuple[CatalogInfo, ...],
                  requirements: tuple[Requirement, ...]) -> Baseline | None:
    """The baseline a follow-up keeps (None for any other project), read with the follow-up's
    copies of the standards the baseline held."""
    found = store.snapshot(BASELINE)
    if found is None:
        return None
    _project_id, taken_at, data = found
    held = set(data.get("catalogs") or (c.id for c in catalogs))
    data = snapshot_from_dict(data, tuple(c for c in catalogs if c.id in held),
                              tuple(r for r in requirements if r.catalog_id in held))
    return Baseline(data, taken_at)


def has_baseline(session: ProjectSession) -> bool:
    """Whether the open project is a follow-up (it keeps a baseline), without reading it."""
    return BASELINE in session.store.snapshot_names()


_loaded: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def baseline_of(session: ProjectSession) -> Baseline | None:
    """The open project's baseline, read once per session (it never changes)."""
    if session not in _loaded:
        _loaded[session] = load_baseline(session.store, tuple(session.catalogs),
                                         tuple(session.requirements))
    return _loaded[session]
