"""``build_report``: the baseline assessment report (nulmetingsrapport) of a project as PDF.

The PDF is built in memory and then written to a temp file beside ``out`` that replaces it, so a
cancelled or failed build leaves any earlier report untouched.
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Callable

from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from isodesk.domain.errors import DataError
from isodesk.domain.snapshot import ProjectData
from isodesk.report import fonts
from isodesk.report.context import ReportContext
from isodesk.report.document import (
    BODY,
    PageCounter,
    PageText,
    Progress,
    ReportDocument,
)
from isodesk.report.escape import markup
from isodesk.report.sections.appendix import appendix
from isodesk.report.sections.cover import cover, cover_painter
from isodesk.report.sections.method import scope_and_method
from isodesk.report.sections.registers import risks_and_actions, soa_section
from isodesk.report.sections.standard import standard_section
from isodesk.report.sections.summary import summary
from isodesk.report.styles import make_styles
from isodesk.report.texts import LANGUAGES, Texts
from isodesk.support.atomic import atomic_write


def build_report(session: ProjectData, out: Path, language: str | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None,
                 logo: bytes | None = None) -> None:
    """Write the report of the project snapshot ``session`` to ``out``.

    ``language``: "nl" or "en"; default the project's language. ``progress(done, total)`` is
    called as the work advances; when ``cancel()`` returns True the build stops with Cancelled
    and no file is written. ``logo``: image bytes for the cover (PNG, JPEG, GIF ...), or None.
    Everything comes from the snapshot, so a worker thread can build the report while the user
    goes on editing.
    """
    out = Path(out)
    if language is not None and language not in LANGUAGES:
        raise DataError(f"{language!r} is not a report language (use nl or en).")
    lang = language or (session.info.language if session.info.language in LANGUAGES else "nl")
    steps = Progress(progress, cancel)
    steps.report(0)

    texts = Texts(lang)
    ctx = ReportContext(session, texts, make_styles(), steps, logo or None)
    story = _story(ctx)
    counter = PageCounter()
    story.append(counter)

    buffer = BytesIO()
    info = session.info
    date_text = texts.long_date(ctx.report_date)
    footer = f"{date_text} · {info.confidentiality.strip()}" if info.confidentiality.strip() \
        else date_text
    page_text = PageText(client=fonts.printable(info.client), title=fonts.printable(ctx.title),
                         footer_left=fonts.printable(footer), page_of=texts["page_of"],
                         page_only=texts["page"])
    weight = _weight
    doc = ReportDocument(buffer, page_text, steps, counter, cover_painter(ctx), weight,
                         sum(weight(f) for f in story),
                         title=fonts.printable(ctx.title),
                         author=fonts.printable(", ".join(info.assessors)),
                         subject=fonts.printable(f"{texts['report_kind']} — {info.client}"))
    doc.multiBuild(story)
    _write(out, buffer.getvalue())
    steps.finished()


def _weight(flowable) -> int:
    """A flowable's share of the layout progress: its rows for tables, else one."""
    return getattr(flowable, "progress_rows", 1)


def _story(ctx: ReportContext) -> list:
    story = cover(ctx)
    story += [NextPageTemplate(BODY), PageBreak()]
    story += _contents(ctx)
    story += [PageBreak(), *summary(ctx)]
    story += [PageBreak(), *scope_and_method(ctx)]
    for std in ctx.standards:
        story += [PageBreak(), *standard_section(ctx, std)]
    for std in ctx.soa_standards:
        story += [PageBreak(), *soa_section(ctx, std)]
    story += [PageBreak(), *risks_and_actions(ctx)]
    story += appendix(ctx)
    return story


def _contents(ctx: ReportContext) -> list:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = list(ctx.styles.toc)
    return [Paragraph(markup(ctx.t["contents"]), ctx.styles.h1), toc]


def _write(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` so that it appears complete or not at all."""
    with atomic_write(out) as temp:
        temp.write_bytes(data)
