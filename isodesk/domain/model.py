"""The records of a project: what is assessed (requirements) and what was found (answers ...).

Plain dataclasses; the storage layer reads and writes them, the GUI and reports display them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from isodesk.domain.scales import ActionStatus, FindingType, Priority, Result, Treatment

LANGUAGES = ("nl", "en")


def text(values: dict[str, str], lang: str) -> str:
    """The text in ``lang``, falling back to the other language when that one is empty."""
    return values.get(lang) or next((v for v in values.values() if v), "")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One catalog item as copied into a project (clause, sub-clause or Annex A control)."""

    key: str  # "<catalog-id>:<ref>", stable across catalog updates
    catalog_id: str
    ref: str
    parent: str | None  # ref of the parent item, None at the top
    level: int  # 1 for chapters / Annex A, +1 per level
    position: int  # display order within the catalog
    assessable: bool
    kind: str  # "clause" or "control"
    title: dict[str, str]
    summary: dict[str, str] = field(default_factory=dict)
    questions: dict[str, list[str]] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    hs: str | None = None
    theme: str | None = None
    amendment: str | None = None

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

    @property
    def name(self) -> str:
        """Display name, e.g. "ISO 9001:2015"."""
        return f"{self.standard}:{self.edition}"
