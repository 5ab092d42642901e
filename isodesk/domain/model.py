"""The records of a project: what is assessed (requirements) and what was found (answers ...).

Plain dataclasses; the storage layer reads and writes them, the GUI and reports display them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from isodesk.domain.scales import ActionStatus, FindingType, Priority, Result, Treatment

LANGUAGES = ("nl", "en")


def text(values: dict[str, str], lang: str) -> str:
    """The text in ``lang``, falling back to the other language when that one is empty."""
    return values.get(lang) or next((v for v in values.values() if v), "")


@dataclass(frozen=True, slots=True)
class Link:
    """A catalog link from one requirement to an item of another standard.

    ``kind`` is ``same`` (the same requirement: one answer can serve both) or ``related`` (a
    neighbouring topic, shown for reference; answers are never shared).
    """

    key: str
    kind: str


LINK_KINDS = ("same", "related")


class Requirement(NamedTuple):
    """One catalog item as copied into a project (clause, sub-clause or Annex A control).

    A named tuple rather than a frozen dataclass: a project holds thousands and opening it
    builds them all, at a fraction of a frozen dataclass's cost per object. Never mutated, so
    the shared empty defaults are safe.
    """

    key: str  # "<catalog-id>:<ref>", stable across catalog updates
    catalog_id: str
    ref: str
    parent: str | None  # ref of the parent item, None at the top
    level: int  # 1 for chapters / Annex A, +1 per level
    position: int  # display order within the catalog
    assessable: bool
    kind: str  # "clause" or "control"
    title: dict[str, str]
    summary: dict[str, str] = {}
    questions: dict[str, list[str]] = {}
    evidence: dict[str, list[str]] = {}
    hs: str | None = None
    theme: str | None = None
    amendment: str | None = None
    # Explicit links to items of other standards (integrated systems), beyond the shared ``hs``.
    links: tuple[Link, ...] = ()
    # ISO/IEC 27002:2022 attributes of an Annex A control: attribute type → values ("#Preventive").
    attributes: dict[str, tuple[str, ...]] = {}
    # Keys of the earlier edition's items this one continues ("iso14001-2015:6.1.4",
    # "iso27001-2013:A.12.6.1"); empty for new items.
    continues: tuple[str, ...] = ()
    new_in_edition: bool = False  # introduced by this edition (no predecessor)
    # Whether the requirement changed against the items it continues (re-verify on transition);
    # None where the catalog does not say (no predecessor, or no superseded catalog).
    changed: bool | None = None
    # What maturity levels look like for this item: level ("1", "3", "5") → {nl, en}.
    anchors: dict[str, dict[str, str]] = {}
    note: dict[str, str] = {}  # a prompt for the assessor, not a requirement
    # What to check against the official standard text before relying on this item.
    verify: dict[str, str] = {}
    own_title: bool = False  # the standard has no title here (ISO 9001 4.4.1 ...): the title is ours

    def display_title(self, lang: str) -> str:
        """The title in ``lang``; one of our own (``own_title``) in square brackets."""
        title = text(self.title, lang)
        return f"[{title}]" if self.own_title else title

    @property
    def chapter(self) -> str:
        """Top-level ref: "7" for 7.1.5.2, "A.5" for Annex A control A.5.1."""
        parts = self.ref.split(".")
        return ".".join(parts[:2]) if parts[0] == "A" and len(parts) > 1 else parts[0]


@dataclass(frozen=True, slots=True)
class Answer:
    """What the assessor recorded for one requirement. A missing answer equals ``Answer(key)``.

    For an Annex A control the answer is also its line of the Statement of Applicability:
    ``applicable`` and ``justification`` are the SoA's, the implementation status follows from
    the result (``domain.soa``), and "not applicable" is the n.a. result.
    """

    key: str
    result: Result = Result.OPEN
    maturity: int | None = None
    findings: str = ""
    evidence: str = ""
    interviewee: str = ""
    assessed_on: date | None = None
    finding_type: FindingType | None = None
    # Key of the answer this one follows (integrated assessment across standards), or None.
    linked_to: str | None = None
    # SoA: None = not decided yet; True = applicable; n.a. results are never applicable.
    applicable: bool | None = None
    justification: str = ""
    client_comment: str = ""  # what the client wrote in the workbook's comment column
    # Carried over from an earlier assessment (follow-up, transition) and not yet re-verified.
    reverify: bool = False

    def with_changes(self, **changes) -> "Answer":
        return replace(self, **changes)

    @property
    def is_blank(self) -> bool:
        return self == Answer(self.key)


@dataclass(frozen=True, slots=True)
class Action:
    """A line of the action plan (plan van aanpak).

    ``id`` is the identity (a UUID, the same in every copy of the project); ``number`` is what
    users see ("A-12"), unique within a project and renumbered when a merge would collide.
    """

    id: str
    number: int
    title: str
    owner: str = ""
    deadline: date | None = None
    priority: Priority = Priority.MEDIUM
    status: ActionStatus = ActionStatus.OPEN
    quick_win: bool = False
    keys: tuple[str, ...] = ()  # linked requirements

    @property
    def label(self) -> str:
        return f"A-{self.number}"


@dataclass(frozen=True, slots=True)
class Risk:
    """A line of the risk register; score = likelihood × impact (1–25). Identity as Action."""

    id: str
    number: int
    description: str
    likelihood: int = 3
    impact: int = 3
    treatment: Treatment = Treatment.MITIGATE
    owner: str = ""
    keys: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def label(self) -> str:
        return f"R-{self.number}"


@dataclass(frozen=True, slots=True)
class Attachment:
    """Evidence attached to an answer (photo, document): the metadata; the content is read
    from the project file only when shown."""

    id: str  # UUID
    key: str  # the requirement it belongs to
    name: str  # file name as the user knows it
    media_type: str
    size: int  # bytes as stored
    caption: str = ""
    sha256: str = ""
    position: int = 0  # order on the answer


@dataclass(frozen=True, slots=True)
class Scope:
    """The scope statement (scopeverklaring): what is in and out, and why."""

    description: str = ""
    sites: str = ""
    processes: str = ""
    exclusions: str = ""
    justification: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """The consultant's own text about one part of the report: advice per standard (``key`` is
    the catalog id) or a remark per chapter (``key`` is "<catalog-id>:<chapter>")."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of the consultant's roadmap, in months counted from the report date
    (month 1 is the first month after it)."""

    start: int
    end: int
    title: str
    text: str = ""


REPORT_STATUSES = ("draft", "final")


def note_text(notes: tuple[Note, ...], key: str) -> str:
    """The text of the note ``key`` ("" when there is none)."""
    return next((n.text for n in notes if n.key == key), "")


def with_note(notes: tuple[Note, ...], key: str, text: str) -> tuple[Note, ...]:
    """``notes`` with the note ``key`` set to ``text`` (removed when empty), sorted by key."""
    rest = [n for n in notes if n.key != key]
    if text.strip():
        rest.append(Note(key, text.strip()))
    return tuple(sorted(rest, key=lambda n: n.key))


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """Project metadata shown on the report cover and the window title."""

    client: str
    title: str = ""
    sites: tuple[str, ...] = ()
    assessors: tuple[str, ...] = ()
    language: str = "nl"
    started_on: date | None = None
    report_date: date | None = None
    confidentiality: str = ""
    # Maturity labels 0..5 in the project language; empty = the default CMMI-style labels.
    maturity_labels: tuple[str, ...] = ()
    # Answer shared (Harmonized Structure) clauses once for all standards; None = the default,
    # on when the project holds several standards.
    share_answers: bool | None = None
    # The report the consultant signs: their own words (the generated sentences are used where
    # these are empty) ...
    conclusion: str = ""
    strengths: str = ""
    advice: tuple[Note, ...] = ()  # per standard
    remarks: tuple[Note, ...] = ()  # per chapter
    roadmap: tuple[Phase, ...] = ()
    # ... and its document control. A draft carries "CONCEPT" / "DRAFT" on every page.
    status: str = "draft"
    version: str = "0.1"
    reviewer: str = ""
    distribution: tuple[str, ...] = ()
    consultancy: str = ""  # the consultancy's name (its logo is the project's "logo" asset)
    consultancy_contact: str = ""


@dataclass(frozen=True, slots=True)
class BasedOn:
    """The project a project was made from: its id and how (``copy``, ``followup``,
    ``transition``)."""

    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    """A standard as held by a project (a copy of the catalog header)."""

    id: str
    standard: str
    edition: str
    title: dict[str, str]
    position: int = 0
    supersedes: str | None = None  # id of the catalog of the edition this one replaces

    @property
    def name(self) -> str:
        """Display name, e.g. "ISO 9001:2015"."""
        return f"{self.standard}:{self.edition}"
