"""The document template: page layouts, running header and footer, the draft mark, headings for
the table of contents and PDF outline, and progress / cancel while reportlab lays out the pages.

Two-pass build (``multiBuild``): the first pass finds the page of every heading for the table of
contents and counts the pages; the next pass prints "page x of y". ``PageCounter`` asks for
another pass when the page count still changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
)

from isodesk.domain.errors import Cancelled
from isodesk.report import fonts
from isodesk.report.escape import markup
from isodesk.report.styles import (
    ACCENT,
    COVER_LEFT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    NAVY,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    RULE,
)
from isodesk.report.tables import fit_line

COVER = "cover"
BODY = "body"


class Progress:
    """One 0..1000 scale over the stages of a build, reported to ``progress(done, total)``,
    with ``cancel()`` checked at every step (raises Cancelled)."""

    TOTAL = 1000
    PREPARE_END = 150  # building the flowables
    PASS_SPAN = 400  # each of the first two layout passes; later passes hold at 950

    def __init__(self, callback: Callable[[int, int], None] | None,
                 cancel: Callable[[], bool] | None):
        self._callback = callback
        self._cancel = cancel
        self._last = -1

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("The report was cancelled; no file was written.")

    def report(self, value: int) -> None:
        self.check()
        value = min(max(value, self._last), self.TOTAL)
        if value != self._last and self._callback is not None:
            self._callback(value, self.TOTAL)
        self._last = value

    def preparing(self, done: int, total: int) -> None:
        self.report(self.PREPARE_END * done // max(total, 1))

    def laying_out(self, layout_pass: int, done: int, total: int) -> None:
        start = self.PREPARE_END + self.PASS_SPAN * min(layout_pass - 1, 2)
        span = self.PASS_SPAN if layout_pass <= 2 else 0
        self.report(start + span * min(done, total) // max(total, 1))

    def finished(self) -> None:
        self.report(self.TOTAL)


class Heading(Paragraph):
    """A heading that becomes a PDF outline entry and, for levels 0 and 1, a TOC entry."""

    def __init__(self, number: str, title: str, level: int, style, key: str,
                 in_toc: bool = True):
        label = f"{number}\u2003{title}" if number else title
        super().__init__(markup(label), style)
        self.level = level
        self.key = key
        self.plain = fonts.printable(f"{number} {title}".strip())
        self.toc_text = markup(f"{number}\u2002{title}" if number else title)
        self.in_toc = in_toc


class PageCounter(Flowable):
    """The story's last flowable: remembers on which page the document ended, and keeps
    multiBuild going until that count is stable, so "page x of y" is right. It is never
    satisfied after the first pass, which ReportDocument.layout_only relies on."""

    def __init__(self):
        super().__init__()
        self.total: int | None = None  # pages in the pass being built
        self.previous: int | None = None  # pages in the pass before: what the footer prints

    def isIndexing(self):
        return True

    def beforeBuild(self):
        self.previous = self.total

    def afterBuild(self):
        """Nothing to collect: draw() already noted the page count."""

    def notify(self, kind, stuff):
        """multiBuild sends every indexing flowable the TOC entries; the counter needs none."""

    def isSatisfied(self):
        return self.total is not None and self.total == self.previous

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.total = self.canv.getPageNumber()


HEADING_ROOM = 40.0  # a heading's own height with its spacing, roughly


def heading_break(keep: float) -> CondPageBreak:
    """Before a heading: start a new page when the heading and ``keep`` points of what follows
    (its first table rows, a chart) would not fit, so a heading never ends a page. keepWithNext
    would move a heading and a long table to a new page as a whole, leaving a near-empty page."""
    return CondPageBreak(HEADING_ROOM + keep)


@dataclass(frozen=True)
class PageText:
    """What the running header and footer print."""

    client: str
    title: str
    footer_left: str
    page_of: str  # template with {page} and {total}
    page_only: str  # template with {page}, first pass
    draft_mark: str = ""  # "CONCEPT" across every page of a draft; "" for a final report


def paint_draft_mark(canvas, mark: str) -> None:
    """A large, pale, diagonal draft mark: readable on every page, the text still legible."""
    if not mark:
        return
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFillAlpha(0.13)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    size = 96
    while size > 40 and canvas.stringWidth(mark, fonts.BOLD, size) > PAGE_HEIGHT * 0.8:
        size -= 4
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(0, -size / 3, mark)
    canvas.restoreState()


class ReportDocument(BaseDocTemplate):
    def __init__(self, target, texts: PageText, progress: Progress, counter: PageCounter,
                 cover_painter: Callable, weights: Callable[[Flowable], int], total_weight: int,
                 **info):
        super().__init__(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_LEFT,
                         rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, creator="isodesk",
                         # the canvas starts in an embedded font: no unembedded Helvetica
                         initialFontName=fonts.REGULAR, initialFontSize=9.5, **info)
        self.texts = texts
        self.progress = progress
        self.counter = counter
        self._weights = weights
        self._total_weight = total_weight
        self._pass = 0
        self._done = 0
        self.layout_only = False
        body = Frame(MARGIN_LEFT, MARGIN_BOTTOM, PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
                     PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(COVER_LEFT, 4.5 * cm, PAGE_WIDTH - COVER_LEFT - MARGIN_RIGHT,
                      PAGE_HEIGHT - 4.5 * cm - 2.2 * cm, id="cover", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(COVER, [cover], onPage=cover_painter),
                               PageTemplate(BODY, [body], onPage=self._furniture)])

    # ------------------------------------------------------------------ reportlab hooks
    def beforeDocument(self):
        self._pass += 1
        # The first pass only finds the pages of headings and the page count; it is never the
        # last one (the TOC and the page counter are unsatisfied after it), so the long tables
        # skip drawing there: that halves the time of big reports.
        self.layout_only = self._pass == 1
        self.canv.showOutline()  # open the bookmarks panel when the PDF is opened
        self._done = 0
        self.progress.laying_out(self._pass, 0, self._total_weight)

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level,
                                      closed=flowable.level >= 1)
            if flowable.in_toc:
                self.notify("TOCEntry", (flowable.level, flowable.toc_text, self.page,
                                         flowable.key))
        self._done += self._weights(flowable)
        self.progress.laying_out(self._pass, self._done, self._total_weight)

    # -------------------------------------------------------------- header and footer
    def _furniture(self, canvas, doc) -> None:
        paint_draft_mark(canvas, self.texts.draft_mark)
        canvas.saveState()
        width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        top = PAGE_HEIGHT - 1.45 * cm
        canvas.setFont(fonts.BOLD, 7.5)
        canvas.setFillColor(NAVY)
        client = fit_line(self.texts.client, width * 0.4, fonts.BOLD, 7.5)
        canvas.drawString(MARGIN_LEFT, top, client)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top,
                               fit_line(self.texts.title, width * 0.58, fonts.REGULAR, 7.5))
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_LEFT, top - 5, PAGE_WIDTH - MARGIN_RIGHT, top - 5)

        bottom = 1.2 * cm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_LEFT, bottom + 10, PAGE_WIDTH - MARGIN_RIGHT, bottom + 10)
        canvas.setFont(fonts.REGULAR, 7)
        canvas.drawString(MARGIN_LEFT, bottom,
                          fit_line(self.texts.footer_left, width * 0.7, fonts.REGULAR, 7))
        page = canvas.getPageNumber()
        total = self.counter.previous
        label = (self.texts.page_of.format(page=page, total=total) if total
                 else self.texts.page_only.format(page=page))
        canvas.setFont(fonts.BOLD, 7)
        canvas.setFillColor(NAVY)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, bottom, label)
        canvas.restoreState()

