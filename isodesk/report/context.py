"""Everything the sections share: the project's figures computed once, texts, styles, headings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from isodesk.domain.model import CatalogInfo, Requirement
from isodesk.domain.model import text as localized
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, MATURITY_LEVELS
from isodesk.domain.scoring import Score, answers_for, score
from isodesk.domain.snapshot import ProjectData
from isodesk.report.charts import chapter_titles
from isodesk.report.document import Heading, Progress, heading_break
from isodesk.report.gaps import Gap, collect_gaps
from isodesk.report.styles import Styles
from isodesk.report.texts import Texts


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
    def __init__(self, session: ProjectData, texts: Texts, styles: Styles, progress: Progress,
                 logo: bytes | None):
        self.session = session
        self.t = texts
        self.lang = texts.lang
        self.styles = styles
        self.progress = progress
        self.logo = logo
        self.info = session.info
        self.report_date: date = session.info.report_date or date.today()
        self.standards = [self._standard(cat) for cat in session.catalogs]
        self.overall = score(answers_for(session.assessable(), session.answers))
        names = ", ".join(s.info.name for s in self.standards)
        self.title = session.info.title.strip() or texts.plain("default_title", standards=names)
        self.maturity_labels = self._maturity_labels()
        self.soa_standards = [s for s in self.standards if s.controls]
        # summary, scope and method, one section per standard, the SoA(s), then risks & actions
        self.risks_number = 3 + len(self.standards) + len(self.soa_standards)
        # rows the sections build (checklist, gap lists, SoA): the unit of preparation progress
        self.prepare_total = (len(session.assessable()) + sum(len(s.gaps) for s in self.standards)
                              + sum(len(s.controls) for s in self.soa_standards))
        self._prepared = 0
        self._numbers: list[int] = []
        self._appendix = False
        self._keys = 0

    def _standard(self, cat: CatalogInfo) -> StandardData:
        items = self.session.items_of(cat.id)
        return StandardData(cat, items, self.session.score(cat.id),
                            self.session.chapter_scores(cat.id),
                            chapter_titles(self.session, cat.id, self.lang),
                            collect_gaps(items, self.session.answers))

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

    def title_of(self, req: Requirement) -> str:
        return localized(req.title, self.lang)

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

    # ------------------------------------------------------------------------ headings
    def heading(self, title: str, level: int, in_toc: bool = True) -> list:
        """A numbered heading (1, 1.2 / appendix A, A.1) preceded by a conditional page break."""
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[level]
        if level < 2:
            del self._numbers[level + 1:]
            if len(self._numbers) <= level:
                self._numbers.append(0)
            self._numbers[level] += 1
            number = self._format_number()
        else:
            number = ""
        self._keys += 1
        return [heading_break(), Heading(number, title, level, style, f"h{self._keys}",
                                         in_toc=in_toc and level < 2)]

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
