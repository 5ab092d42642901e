"""ProjectSession: an open project, its in-memory view, and the undo history.

Every method that changes the project builds an Edit, writes it through the store in one
committed transaction, updates the in-memory records, and tells subscribers (the GUI views)
what changed. Undo applies the inverse edit, which is committed just the same.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from isodesk.app.identity import default_author
from isodesk.app.settings import Settings
from isodesk.domain import limits, linking, soa
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.model import (
    Action,
    Answer,
    Attachment,
    BasedOn,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
)
from isodesk.domain.scales import (
    ActionStatus,
    FindingType,
    Priority,
    Result,
    Treatment,
    parse_maturity,
)
from isodesk.domain.scoring import Score, score, score_by_chapter
from isodesk.domain.snapshot import ProjectData, Stamp
from isodesk.domain.soa import SoALine, is_control
from isodesk.storage import ProjectStore, now_stamp
from isodesk.support.i18n import N_, tr

if TYPE_CHECKING:  # the catalog loader is only needed to create projects, not to open them
    from isodesk.catalog import Catalog, CatalogRegistry

Listener = Callable[[Edit], None]
# How an undo label names the answer fields an edit changed ("Undo: result 4.1 (ISO 9001)").
FIELD_WORDS = {"result": N_("result"), "maturity": N_("maturity"), "findings": N_("finding"),
               "evidence": N_("evidence"), "interviewee": N_("interviewee"),
               "finding_type": N_("finding type"), "assessed_on": N_("date"),
               "applicable": N_("applicability"), "justification": N_("justification"),
               "client_comment": N_("client comment"), "reverify": N_("re-verification")}


def _coerce_answer_field(name: str, value):
    """Validate one answer field given by a user (CLI, import, GUI); DataError if invalid."""
    if name == "result":
        result = Result.parse(value)
        if result is None:
            raise DataError("{value} is not a result (use conform, partial, nonconform, na or open).", value=repr(value))
        return result
    if name == "maturity":
        try:
            return parse_maturity(value)
        except ValueError:
            raise DataError("{value} is not a maturity level (0–5).", value=repr(value)) from None
    if name == "finding_type":
        if value in (None, ""):
            return None
        ftype = FindingType.parse(value)
        if ftype is None:
            raise DataError("{value} is not a finding type.", value=repr(value))
        return ftype
    if name == "assessed_on":
        if value in (None, "") or isinstance(value, date):
            return value or None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise DataError("{value} is not a date (use YYYY-MM-DD).", value=repr(value)) from None
    if name in ("findings", "evidence", "interviewee", "justification", "client_comment"):
        return "" if value is None else str(value)
    if name in ("applicable", "reverify"):
        if value is None and name == "applicable" or isinstance(value, bool):
            return value
        raise DataError("{value} is not yes or no.", value=repr(value))
    raise DataError("Unknown answer field {name}.", name=repr(name))


class ProjectSession:
    def __init__(self, store: ProjectStore, author: str | None = None):
        self.store = store
        self.author = author or default_author()  # who the edits of this session are by
        self.path = store.path
        self.read_only = store.read_only
        self._listeners: list[Listener] = []
        self._execute_listeners: list[Listener] = []  # new edits only (not undo/redo)
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        self._origin: object = None
        self._joinable = False  # the last undo step may take the next edit of its group
        self.reload()

    # --------------------------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False,
             author: str | None = None) -> "ProjectSession":
        return cls(ProjectStore.open(path, read_only=read_only), author)

    @classmethod
    def create(
        cls,
        path: str | os.PathLike,
        info: ProjectInfo,
        catalogs: Iterable[Catalog],
        scope: Scope | None = None,
        overwrite: bool = False,
        author: str | None = None,
        project_id: str | None = None,
        based_on: BasedOn | None = None,
    ) -> "ProjectSession":
        entries = []
        for position, cat in enumerate(catalogs):
            entries.append((replace(cat.info, position=position), cat.items, cat.sha256))
        if not entries:
            raise DataError("Choose at least one standard for the project.")
        limits.check_record(info)
        if scope is not None:
            limits.check_record(scope)
        author = author or default_author()
        return cls(ProjectStore.create(path, info, entries, scope=scope, overwrite=overwrite,
                                       project_id=project_id, based_on=based_on, author=author),
                   author)

    def close(self) -> None:
        self.store.close()

    def reload(self) -> None:
        loaded = self.store.load()
        self.id, self.based_on = loaded.id, loaded.based_on
        self.info: ProjectInfo = loaded.info
        self.scope: Scope = loaded.scope
        self.catalogs: list[CatalogInfo] = loaded.catalogs
        self.requirements: list[Requirement] = loaded.requirements
        self.by_key: dict[str, Requirement] = {r.key: r for r in self.requirements}
        self._links: linking.Links | None = None
        self.answers: dict[str, Answer] = loaded.answers
        self.actions: dict[str, Action] = {a.id: a for a in loaded.actions}
        self.risks: dict[str, Risk] = {r.id: r for r in loaded.risks}
        self.attachments: dict[str, Attachment] = {a.id: a for a in loaded.attachments}
        self.stamps: dict[tuple[str, str], Stamp] = loaded.stamps
        self._numbers = dict(loaded.numbers)

    def restructured(self) -> None:
        """Read the project again after its standards changed (a transition added one). The
        undo history ends here: its steps were made on the project as it was, and Undo cannot
        take a standard away again."""
        self.reload()
        self._undo.clear()
        self._redo.clear()
        self._joinable = False

    def snapshot(self) -> ProjectData:
        """The project as it is now, as a plain value for exports, reports and merges."""
        return ProjectData(
            id=self.id, info=self.info, scope=self.scope, catalogs=tuple(self.catalogs),
            requirements=tuple(self.requirements), answers=dict(self.answers),
            actions=dict(self.actions), risks=dict(self.risks),
            attachments=dict(self.attachments), based_on=self.based_on, stamps=dict(self.stamps))

    def subscribe(self, listener: Listener) -> None:
        """``listener(edit)`` after every applied change: new edits, undo (with the inverse
        edit) and redo."""
        self._listeners.append(listener)

    def subscribe_executed(self, listener: Callable[[Edit, bool], None]) -> None:
        """``listener(edit, joined)`` after each *new* edit: the GUI mirrors the undo history.
        ``joined``: the edit became part of the last undo step (same group)."""
        self._execute_listeners.append(listener)

    # ------------------------------------------------------------------------------- reads
    def answer(self, key: str) -> Answer:
        return self.answers.get(key) or Answer(key)

    def requirement(self, key: str) -> Requirement:
        try:
            return self.by_key[key]
        except KeyError:
            raise DataError("{key} is not an item of this project.", key=key) from None

    def catalog(self, catalog_id: str) -> CatalogInfo:
        for cat in self.catalogs:
            if cat.id == catalog_id:
                return cat
        raise DataError("This project does not hold {catalog_id}.", catalog_id=catalog_id)

    def items_of(self, catalog_id: str) -> list[Requirement]:
        return [r for r in self.requirements if r.catalog_id == catalog_id]

    def assessable(self, catalog_id: str | None = None) -> list[Requirement]:
        return [r for r in self.requirements
                if r.assessable and (catalog_id is None or r.catalog_id == catalog_id)]

    def score(self, catalog_id: str) -> Score:
        return score(self.answer(r.key) for r in self.assessable(catalog_id))

    def chapter_scores(self, catalog_id: str) -> dict[str, Score]:
        return score_by_chapter(self.items_of(catalog_id), self.answers)

    def hs_partners(self, key: str) -> list[Requirement]:
        """The items of the other standards that can follow the answer of ``key`` (same HS
        clause or a catalog link of kind "same"; domain/linking.py)."""
        return self.links.sharing(self.requirement(key))

    def partners(self, key: str) -> list[linking.Partner]:
        """Every linked item of the other standards, with its kind (same / related)."""
        return self.links.partners(self.requirement(key))

    @property
    def links(self) -> linking.Links:
        """The project's links among its standards, worked out once on first use."""
        if self._links is None:
            self._links = linking.Links(self.requirements)
        return self._links

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    # ------------------------------------------------------------------------ applying edits
    @contextlib.contextmanager
    def acting_for(self, origin: object) -> Iterator[None]:
        """Edits made inside the block carry ``origin`` (the view that made them), so that view
        can skip its own refresh."""
        previous, self._origin = self._origin, origin
        try:
            yield
        finally:
            self._origin = previous

    def execute(self, edit: Edit, kind: str = "edit") -> Edit:
        """Commit ``edit`` and make it undoable. Empty edits are ignored.

        An edit with the same ``group`` as the edit just before it joins that one's undo step
        (one note typed over several seconds is one Undo); an undo or redo in between closes
        the step.
        """
        if edit.is_empty:
            return edit
        for change in edit.changes:
            if change.after is not None:
                limits.check_record(change.after, change.before)
        if edit.origin is None and self._origin is not None:
            edit = replace(edit, origin=self._origin)
        self._apply(edit, kind)
        joined = edit.group is not None and self._joinable and self._undo[-1].group == edit.group
        self._joinable = True
        if joined:
            self._undo[-1] = self._undo[-1].followed_by(edit)
            if self._undo[-1].is_empty:  # typed and wiped again: nothing left to undo
                self._undo.pop()
                self._joinable = False
        else:
            self._undo.append(edit)
        self._redo.clear()
        self._notify(edit)  # after the history is up to date: listeners may ask can_undo
        for listener in list(self._execute_listeners):
            listener(edit, joined)
        return edit

    def undo(self) -> Edit | None:
        if not self._undo:
            return None
        edit = self._undo[-1]
        # An undo is made by whoever asks for it now, not by the view that made the edit: that
        # view must refresh too.
        inverse = replace(edit.inverse(), origin=self._origin)
        self._apply(inverse, "undo")
        self._redo.append(self._undo.pop())
        self._joinable = False
        self._notify(inverse)
        return edit

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        edit = replace(self._redo[-1], origin=self._origin)
        self._apply(edit, "redo")
        self._undo.append(self._redo.pop())
        self._joinable = False
        self._notify(edit)
        return self._undo[-1]

    def _notify(self, edit: Edit) -> None:
        for listener in list(self._listeners):
            listener(edit)

    def _apply(self, edit: Edit, kind: str = "edit") -> None:
        at = now_stamp()
        self.store.apply(edit, at, self.author, kind)  # raises before anything in memory changes
        stamp = Stamp(at, self.author)
        for change in edit.changes:
            record = change.after if change.after is not None else change.before
            if isinstance(record, Answer):
                if change.after is None or change.after.is_blank:
                    self.answers.pop(record.key, None)
                else:
                    self.answers[record.key] = change.after
                self.stamps[("answer", record.key)] = stamp
            elif isinstance(record, Action):
                self._put(self.actions, record.id, change.after)
                self.stamps[("action", record.id)] = stamp
            elif isinstance(record, Risk):
                self._put(self.risks, record.id, change.after)
                self.stamps[("risk", record.id)] = stamp
            elif isinstance(record, Attachment):
                self._put(self.attachments, record.id, change.after)
                self.stamps[("attachment", record.id)] = stamp
            elif isinstance(record, ProjectInfo):
                self.info = change.after
                self.stamps[("info", "info")] = stamp
            elif isinstance(record, Scope):
                self.scope = change.after
                self.stamps[("scope", "scope")] = stamp

    @staticmethod
    def _put(table: dict, record_id: str, record) -> None:
        if record is None:
            table.pop(record_id, None)
        else:
            table[record_id] = record

    # ------------------------------------------------------------------------------ answers
    def answer_edit(self, key: str, label: str | None = None, group: str | None = None,
                    **fields) -> Edit:
        """The edit that sets ``fields`` on the answer of ``key`` (validated), and mirrors the
        change to answers that follow it. Editing a follower makes it its own answer.

        A first result stamps today as the assessment date (unless a date is given). With
        shared answers on (``shares_answers``), the linked clauses of the other standards that
        have no answer of their own follow this one.
        """
        req = self.requirement(key)
        if not req.assessable:
            raise DataError("{key} is a heading; answer its sub-clauses instead.", key=key)
        values = {name: _coerce_answer_field(name, value) for name, value in fields.items()}
        before = self.answer(key)
        if (before.linked_to and before.reverify
                and before.with_changes(**{**values, "reverify": True}) == before):
            # A carried-over follower confirmed as it is: its answer is its source's, so the
            # source is re-verified, and with it every answer that follows it.
            return self.answer_edit(before.linked_to, label, group, reverify=False)
        after = before.with_changes(**values)
        if (after.result is not Result.OPEN and after.assessed_on is None
                and "assessed_on" not in values):
            after = after.with_changes(assessed_on=date.today())
        if after.reverify and values and "reverify" not in values:
            # Touched: re-verified, also when the assessor confirms the value it had (choosing
            # the same result is how a carried answer is confirmed).
            after = after.with_changes(reverify=False)
        if after != before and before.linked_to:
            after = after.with_changes(linked_to=None)
        if is_control(req):  # the SoA decision follows the result (one record per control)
            after = after.with_changes(applicable=soa.applicability(after))
        changes = [Change(before, after)]
        following = linking.followers(key, self.answers.values())
        if self.shares_answers and after != before and not after.linked_to:
            taken = {f.key for f in following}
            following += [self.answer(p.key) for p in self.hs_partners(key)
                          if p.key not in taken and self.answer(p.key).is_blank]
        for follower in following:
            changes.append(Change(follower, linking.mirror(after, follower.key)))
        return Edit(label or self._answer_label(req, fields), tuple(changes), group)

    def _answer_label(self, req: Requirement, fields) -> str:
        words = ", ".join(tr(FIELD_WORDS.get(name, name)) for name in fields) or tr("answer")
        return tr("{what} {ref} ({standard})").format(
            what=words, ref=req.ref, standard=self.catalog(req.catalog_id).standard)

    def set_answer(self, key: str, group: str | None = None, **fields) -> Edit:
        return self.execute(self.answer_edit(key, group=group, **fields))

    @property
    def shares_answers(self) -> bool:
        """Answer shared clauses once: the project's choice, by default on with several
        standards."""
        if self.info.share_answers is not None:
            return self.info.share_answers
        return len(self.catalogs) > 1

    def replace_answers(self, answers: Iterable[Answer], label: str) -> Edit:
        """One edit that writes many answers at once (imports); validated by the caller."""
        changes = []
        for new in answers:
            self.requirement(new.key)
            old = self.answer(new.key)
            if old != new:
                changes.append(Change(old, new))
        return self.execute(Edit(label, tuple(changes)))

    def link_partners(self, key: str) -> Edit:
        """Apply the answer of ``key`` to the same HS clause in the project's other standards."""
        source = self.answer(key)
        partners = self.hs_partners(key)
        if not partners:
            raise DataError("{key} has no matching clause in the project's other standards.", key=key)
        changes = [Change(self.answer(p.key), linking.mirror(source, p.key)) for p in partners]
        if source.linked_to:  # a follower that becomes a source keeps its own values
            changes.insert(0, Change(source, source.with_changes(linked_to=None)))
        req = self.requirement(key)
        return self.execute(Edit(tr("apply {ref} ({standard}) to the other standards").format(
            ref=req.ref, standard=self.catalog(req.catalog_id).standard), tuple(changes)))

    def unlink(self, key: str) -> Edit:
        answer = self.answer(key)
        req = self.requirement(key)
        return self.execute(Edit(tr("unlink {ref} ({standard})").format(
            ref=req.ref, standard=self.catalog(req.catalog_id).standard),
            (Change(answer, answer.with_changes(linked_to=None)),)))

    # ----------------------------------------------------------------------- SoA, actions, risks
    def soa(self, key: str) -> SoALine:
        """The SoA line of an Annex A control (read off its answer)."""
        return soa.soa_line(self.answer(key))

    def controls(self) -> list[Requirement]:
        return [r for r in self.requirements if is_control(r)]

    def set_soa(self, key: str, applicable: bool | None = ..., justification: str = ...) -> Edit:
        """Decide a control's applicability and/or its justification (on its answer)."""
        req = self.requirement(key)
        if not is_control(req):
            raise DataError("{key} is not an Annex A control.", key=key)
        before = self.answer(key)
        after = before
        if applicable is not ...:
            after = soa.with_applicability(after, applicable)
        if justification is not ...:
            after = after.with_changes(justification=str(justification or ""))
        if after != before and before.linked_to:
            after = after.with_changes(linked_to=None)
        return self.execute(Edit(tr("SoA {ref}").format(ref=req.ref), (Change(before, after),)))

    def _check_keys(self, keys: Iterable[str]) -> tuple[str, ...]:
        keys = tuple(dict.fromkeys(keys))
        for key in keys:
            self.requirement(key)
        return keys

    def add_action(self, title: str, **fields) -> Action:
        if not str(title).strip():
            raise DataError("An action needs a title.")
        action = self._action_values(
            Action(str(uuid.uuid4()), self._next_number(Action), str(title).strip()), fields)
        self.execute(Edit(tr("add action {title}").format(title=_short(action.title)),
                          (Change(None, action),)))
        return action

    def _next_number(self, record_type: type) -> int:
        """The next visible number: never one that an action (risk) has or had."""
        table = self.actions if record_type is Action else self.risks
        self._numbers[record_type] = max([self._numbers[record_type],
                                          *(r.number for r in table.values())]) + 1
        return self._numbers[record_type]

    def update_action(self, action_id: str, **fields) -> Edit:
        before = self.actions[action_id]
        return self.execute(Edit(tr("action {title}").format(title=_short(before.title)),
                                 (Change(before, self._action_values(before, fields)),)))

    def delete_action(self, action_id: str) -> Edit:
        before = self.actions[action_id]
        return self.execute(Edit(tr("delete action {title}").format(title=_short(before.title)),
                                 (Change(before, None),)))

    def action_draft(self, key: str) -> dict:
        """The fields of a new action for the finding of ``key``: its first line as the title,
        high priority for a nonconformity (a major one in particular)."""
        answer = self.answer(key)
        req = self.requirement(key)
        title = answer.findings.split("\n", 1)[0].strip() or tr("Resolve gap in {ref}").format(ref=req.ref)
        high = answer.result is Result.NONCONFORM or answer.finding_type is FindingType.MAJOR
        return {"title": title[:200], "priority": Priority.HIGH if high else Priority.MEDIUM,
                "keys": [key]}

    def risk_draft(self, key: str) -> dict:
        """The fields of a new risk for the finding of ``key``."""
        answer = self.answer(key)
        req = self.requirement(key)
        description = answer.findings.split("\n", 1)[0].strip() or tr("Risk from {ref}").format(ref=req.ref)
        return {"description": description[:300], "keys": [key]}

    def _action_values(self, action: Action, fields: dict) -> Action:
        if "priority" in fields and not isinstance(fields["priority"], Priority):
            fields["priority"] = Priority.parse(fields["priority"]) or _bad("priority", fields["priority"])
        if "status" in fields and not isinstance(fields["status"], ActionStatus):
            fields["status"] = ActionStatus.parse(fields["status"]) or _bad("status", fields["status"])
        if "keys" in fields:
            fields["keys"] = self._check_keys(fields["keys"])
        return replace(action, **fields)

    def add_risk(self, description: str, **fields) -> Risk:
        if not str(description).strip():
            raise DataError("A risk needs a description.")
        risk = self._risk_values(
            Risk(str(uuid.uuid4()), self._next_number(Risk), str(description).strip()), fields)
        self.execute(Edit(tr("add risk {title}").format(title=_short(risk.description)),
                          (Change(None, risk),)))
        return risk

    def update_risk(self, risk_id: str, **fields) -> Edit:
        before = self.risks[risk_id]
        return self.execute(Edit(tr("risk {title}").format(title=_short(before.description)),
                                 (Change(before, self._risk_values(before, fields)),)))

    def delete_risk(self, risk_id: str) -> Edit:
        before = self.risks[risk_id]
        return self.execute(Edit(tr("delete risk {title}").format(title=_short(before.description)),
                                 (Change(before, None),)))

    def _risk_values(self, risk: Risk, fields: dict) -> Risk:
        for name in ("likelihood", "impact"):
            if name in fields:
                value = fields[name]
                if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                    raise DataError("{field} must be a number from 1 to 5, not {value}.", field=name.capitalize(), value=repr(value))
        if "treatment" in fields and not isinstance(fields["treatment"], Treatment):
            fields["treatment"] = Treatment.parse(fields["treatment"]) or _bad("treatment", fields["treatment"])
        if "keys" in fields:
            fields["keys"] = self._check_keys(fields["keys"])
        return replace(risk, **fields)

    def set_info(self, **fields) -> Edit:
        return self.execute(Edit(tr("project details"),
                                 (Change(self.info, replace(self.info, **fields)),)))

    def set_scope(self, **fields) -> Edit:
        return self.execute(Edit(tr("scope"), (Change(self.scope, replace(self.scope, **fields)),)))

    def asset(self, name: str) -> bytes | None:
        """A file the project keeps (the report logo)."""
        found = self.store.asset(name)
        return found[1] if found else None

    def set_logo(self, data: bytes | None) -> None:
        """Keep the consultancy's logo in the project (None removes it), scaled down to what
        the report's cover prints, so every copy of the project prints the same cover."""
        from isodesk.report.images import fit_image

        if not data:
            self.store.set_asset("logo", None, None)
            return
        scaled = fit_image(data)
        if scaled is None:
            raise DataError("The logo is not an image isodesk can read (use PNG or JPEG).")
        self.store.set_asset("logo", "image/png", scaled)

    def save_copy(self, destination: str | os.PathLike) -> None:
        self.store.save_copy(destination)


def _short(text: str, limit: int = 40) -> str:
    """A record's text as part of an undo label."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bad(name: str, value) -> None:
    raise DataError("{value} is not a valid {name}.", value=repr(value), name=name)


def create_project(path: str | os.PathLike, client: str, norms: list[str], registry: CatalogRegistry,
                   language: str = "nl", assessors: Iterable[str] = (), author: str | None = None,
                   **info) -> ProjectSession:
    """Create a project with the standards ``norms`` (catalog ids) from ``registry``."""
    if not client.strip():
        raise DataError("The client name is empty.")
    if language not in ("nl", "en"):
        raise DataError("{language} is not a report language (use nl or en).", language=repr(language))
    catalogs = [registry.get(n) for n in dict.fromkeys(norms)]
    settings = Settings.load()
    info.setdefault("consultancy", settings.consultancy)
    info.setdefault("consultancy_contact", settings.consultancy_contact)
    project = ProjectInfo(client=client.strip(), language=language,
                          assessors=tuple(a for a in assessors if a.strip()),
                          started_on=info.pop("started_on", None) or date.today(), **info)
    session = ProjectSession.create(Path(path), project, catalogs, author=author)
    if settings.logo_path:
        try:
            session.set_logo(Path(settings.logo_path).read_bytes())
        except (OSError, DataError):
            pass  # a moved or broken default logo: the project starts without one
    return session

