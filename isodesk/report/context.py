"""Everything the sections share: the project's figures computed once, texts, heading numbers."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable

from isodesk.domain.model import Attachment, CatalogInfo, Requirement, note_text
from isodesk.domain.model import text as localized
from isodesk.domain.progress import compare
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, MATURITY_LEVELS, Result
from isodesk.domain.scoring import Score, answers_for, score
from isodesk.domain.snapshot import ProjectData
from isodesk.domain.transition import without_superseded
from isodesk.report.charts import chapter_titles
from isodesk.report.document import Progress
from isodesk.report.gaps import Gap, collect_gaps
from isodesk.report.model import Heading
from isodesk.report.texts import Texts

# Below this share of assessed items (or this many items) the figures are called provisional.
THIN_SHARE = 60.0
THIN_ITEMS = 20
HEADING_KEEP = 3.2 * 28.35  # a heading keeps about its first three table rows on its page


@dataclass(frozen=True)
class StandardData:
    info: CatalogInfo
    items: list[Requirement]  # every item of the catalog, display order
    score: Score
    chapters: dict[str, Score]
    chapter_titles: dict[str, str]
    gaps: list[Gap]

    @property
    def controls(self) -> list[Requirement]:
        """The Annex A controls (the Statement of Applicability's lines); empty for most."""
        return [r for r in self.items if r.kind == "control" and r.assessable]


class ReportContext:
    def __init__(self, session: ProjectData, texts: Texts, progress: Progress,
                 logo: bytes | None, baseline: ProjectData | None = None,
                 content: Callable[[Attachment], bytes | None] | None = None):
        # A transition project is reported with the new edition in place of the one it
        # replaces; the transition chapter reads the old edition's answers from ``whole``.
        self.whole = session
        session = without_superseded(session)
        self.session = session
        # A follow-up's report compares with the baseline it started from (sections/progress).
        self.comparison = compare(baseline, session) if baseline is not None else None
        self.t = texts
        self.lang = texts.lang
        self.progress = progress
        self.logo = logo
        self.content = content  # the bytes of an attachment (the evidence appendix's photos)
        self.evidence: dict[str, list[Attachment]] = {}  # by requirement, in their order
        for attachment in sorted(session.attachments.values(), key=lambda a: (a.position, a.name)):
            self.evidence.setdefault(attachment.key, []).append(attachment)
        self.info = session.info
        self.report_date: date = session.info.report_date or date.today()
        self.actions = sorted(session.actions.values(), key=lambda a: a.number)
        self.risks = sorted(session.risks.values(), key=lambda r: r.number)
        self.standards = [self._standard(cat) for cat in session.catalogs]
        self.overall = score(answers_for(session.assessable(), session.answers))
        self.gaps = [g for std in self.standards for g in std.gaps]
        self.maturity_labels = self._maturity_labels()
        self.soa_standards = [s for s in self.standards if s.controls]
        self.empty = self.overall.assessed == 0
        self.thin = not self.empty and (self.overall.progress < THIN_SHARE
                                        or self.overall.assessed < THIN_ITEMS)
        # rows the sections build (checklist, gap lists, SoA): the unit of preparation progress
        self.prepare_total = (len(session.assessable()) + len(self.gaps)
                              + sum(len(s.controls) for s in self.soa_standards)
                              + len(session.attachments))
        self._prepared = 0
        self._numbers: list[int] = []
        self._appendix = False
        self._keys = 0
        self._duplicates = {cat.id: Counter(localized(r.title, self.lang)
                                            for r in session.items_of(cat.id))
                            for cat in session.catalogs}

    def _standard(self, cat: CatalogInfo) -> StandardData:
        items = self.session.items_of(cat.id)
        return StandardData(cat, items, self.session.score(cat.id),
                            self.session.chapter_scores(cat.id),
                            chapter_titles(self.session, cat.id, self.lang),
                            collect_gaps(items, self.session.answers, self.actions, self.risks))

    def _maturity_labels(self) -> list[str]:
        """The project's own labels when the report is in the project's language."""
        own = list(self.info.maturity_labels)
        if self.lang == self.info.language and len(own) == len(MATURITY_LEVELS) and all(own):
            return own
        return DEFAULT_MATURITY_LABELS[self.lang]

    def tick(self, rows: int = 1) -> None:
        """Count prepared rows: reports progress and checks cancel."""
        self._prepared += rows
        self.progress.preparing(self._prepared, self.prepare_total)

    # --------------------------------------------------------------- the project's texts
    @property
    def own_language(self) -> bool:
        """The report is in the language the consultant wrote the project's texts in."""
        return self.lang == self.info.language

    @property
    def title(self) -> str:
        """The project's title in its own language; in the other language the standard title,
        so the cover never mixes two languages."""
        if self.info.title.strip() and self.own_language:
            return self.info.title.strip()
        names = self.t.join_words(list(dict.fromkeys(s.info.standard for s in self.standards)))
        return self.t.plain("default_title", standards=names)

    @property
    def confidentiality(self) -> str:
        if self.info.confidentiality.strip() and self.own_language:
            return self.info.confidentiality.strip()
        return self.t.plain("default_confidentiality", client=self.info.client)

    def advice(self, std: StandardData) -> str:
        return note_text(self.info.advice, std.info.id)

    def remark(self, std: StandardData, chapter: str) -> str:
        return note_text(self.info.remarks, f"{std.info.id}:{chapter}")

    # ------------------------------------------------------------------ requirements
    def title_of(self, req: Requirement) -> str:
        return req.display_title(self.lang)  # a title of our own (own_title) in brackets

    def display_title(self, req: Requirement, parent_number: bool = True) -> str:
        """The title a reader understands on its own: a one-word title that recurs in the
        standard ("Algemeen") gets its parent ("8.3 Ontwerp en ontwikkeling — Algemeen"; without
        the parent's number where the item's own number stands before it)."""
        title = self.title_of(req)
        if not self.is_generic(req):
            return title
        parent = self.session.by_key[f"{req.catalog_id}:{req.parent}"]
        number = f"{parent.ref} " if parent_number else ""
        return f"{number}{self.title_of(parent)} — {title}"

    def is_generic(self, req: Requirement) -> bool:
        title = localized(req.title, self.lang)
        return (len(title.split()) == 1 and self._duplicates[req.catalog_id][title] > 1
                and f"{req.catalog_id}:{req.parent}" in self.session.by_key)

    def summary_line(self, req: Requirement) -> str:
        """The first sentence of the requirement's summary (in our own words)."""
        summary = " ".join(localized(req.summary, self.lang).split())
        end = summary.find(". ")
        return summary[:end + 1] if end > 0 else summary

    def catalog_title(self, std: StandardData) -> str:
        return localized(std.info.title, self.lang)

    def standard_of(self, key: str) -> StandardData | None:
        catalog_id = key.split(":", 1)[0]
        return next((s for s in self.standards if s.info.id == catalog_id), None)

    def short_ref(self, key: str) -> str:
        """"ISO 9001 9.2.2" for a requirement key (the standard without its edition)."""
        req = self.session.by_key.get(key)
        std = self.standard_of(key)
        if req is None or std is None:
            return key
        return f"{std.info.standard} {req.ref}"

    def mandatory(self, result: Result) -> list[Requirement]:
        """The clauses of chapters 4–10 (not the Annex A controls, which a SoA may exclude)
        with ``result``."""
        return [r for r in self.session.assessable() if r.kind == "clause"
                and self.session.answer(r.key).result is result]

    # ------------------------------------------------------------------------ headings
    def heading(self, title: str, level: int, in_toc: bool = True,
                keep: float = HEADING_KEEP) -> Heading:
        """A numbered heading (1, 1.2 / appendix A, A.1); level 2 is not numbered."""
        if level < 2:
            del self._numbers[level + 1:]
            if len(self._numbers) <= level:
                self._numbers.append(0)
            self._numbers[level] += 1
            number = self._format_number()
        else:
            number = ""
        self._keys += 1
        return Heading(number, title, level, f"h{self._keys}", in_toc and level < 2, keep)

    def start_appendix(self) -> None:
        self._appendix = True
        self._numbers = []

    def _format_number(self) -> str:
        if not self._appendix:
            return ".".join(str(n) for n in self._numbers)
        letter = chr(ord("A") + self._numbers[0] - 1)
        rest = [str(n) for n in self._numbers[1:]]
        if not rest:
            return f"{self.t['appendix']} {letter}"
        return ".".join([letter, *rest])
