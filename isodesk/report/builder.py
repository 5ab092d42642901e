"""``build_report``: the baseline assessment report (nulmetingsrapport) of a project, as PDF or
as an editable Word file, from one report model (``model.py``).

The file is built in memory and then written to a temp file beside ``out`` that replaces it, so
a cancelled or failed build leaves any earlier report untouched.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from isodesk.domain.errors import DataError
from isodesk.domain.model import Attachment
from isodesk.domain.snapshot import ProjectData
from isodesk.report.context import ReportContext
from isodesk.report.document import Progress
from isodesk.report.model import PageBreak, Report
from isodesk.report.sections.appendix import appendix
from isodesk.report.sections.attributes import attribute_appendix
from isodesk.report.sections.cover import cover, front_matter
from isodesk.report.sections.evidence import evidence_appendix
from isodesk.report.sections.method import scope_and_method
from isodesk.report.sections.progress import progress_section
from isodesk.report.sections.registers import risks_and_actions, soa_section
from isodesk.report.sections.standard import standard_section
from isodesk.report.sections.summary import summary
from isodesk.report.sections.transition import transition_section, transitions
from isodesk.report.texts import LANGUAGES, Texts
from isodesk.support.atomic import atomic_write

FORMATS = (".pdf", ".docx")


def build_report(session: ProjectData, out: Path, language: str | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None,
                 logo: bytes | None = None, baseline: ProjectData | None = None,
                 content: Callable[[Attachment], bytes | None] | None = None) -> None:
    """Write the report of the project snapshot ``session`` to ``out`` (.pdf or .docx).

    ``language``: "nl" or "en"; default the project's language. ``progress(done, total)`` is
    called as the work advances; when ``cancel()`` returns True the build stops with Cancelled
    and no file is written. ``logo``: image bytes for the cover (PNG, JPEG, GIF ...), or None.
    ``baseline``: for a follow-up assessment, the baseline it started from: the report is then
    the follow-up's (hermeting) with the chapter on the progress since the baseline.
    ``content(attachment)``: the bytes of an evidence photo for the evidence appendix (the
    caller reads them from the project file; without it the appendix names the photos only).
    Everything comes from the snapshot, so a worker thread can build the report while the user
    goes on editing.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise DataError("{name} is no report file name (use .pdf or .docx).", name=out.name)
    steps = Progress(progress, cancel)
    steps.report(0)
    report = compose(session, language, steps, logo, baseline, content)
    if suffix == ".pdf":
        from isodesk.report.pdf_render import render_pdf

        data = render_pdf(report, steps)
    else:
        from isodesk.report.word import render_docx

        data = render_docx(report, steps)
    with atomic_write(out) as temp:
        temp.write_bytes(data)
    steps.finished()


def report_context(data: ProjectData, language: str | None = None,
                   progress: Progress | None = None, logo: bytes | None = None,
                   baseline: ProjectData | None = None,
                   content: Callable[[Attachment], bytes | None] | None = None) -> ReportContext:
    """The figures and texts of a report, without building it (the GUI's suggestions)."""
    if language is not None and language not in LANGUAGES:
        raise DataError("{language} is not a report language (use nl or en).",
                        language=repr(language))
    lang = language or (data.info.language if data.info.language in LANGUAGES else "nl")
    return ReportContext(data, Texts(lang, followup=baseline is not None),
                         progress or Progress(None, None), logo or None, baseline, content)


def compose(data: ProjectData, language: str | None, progress: Progress,
            logo: bytes | None, baseline: ProjectData | None = None,
            content: Callable[[Attachment], bytes | None] | None = None) -> Report:
    """The report model: every block of every chapter, in order."""
    ctx = report_context(data, language, progress, logo, baseline, content)
    t, info = ctx.t, ctx.info
    # summary, (a follow-up's progress,) scope and method, one chapter per standard and per
    # SoA (a standard's transition chapter follows its own), then risks & actions
    results = [] if ctx.empty else ctx.standards + ctx.soa_standards
    replaced = transitions(ctx)  # new edition's id → the edition it replaces
    ctx.risks_number = (3 + len(results) + (0 if ctx.empty else len(replaced))
                        + (ctx.comparison is not None))
    blocks: list = [cover(ctx), *front_matter(ctx), PageBreak(), *summary(ctx)]
    if ctx.comparison is not None:
        blocks += [PageBreak(), *progress_section(ctx)]
    blocks += [PageBreak(), *scope_and_method(ctx)]
    if not ctx.empty:
        for std in ctx.standards:
            blocks += [PageBreak(), *standard_section(ctx, std)]
            if std.info.id in replaced:
                blocks += [PageBreak(), *transition_section(ctx, std, replaced[std.info.id])]
        for std in ctx.soa_standards:
            blocks += [PageBreak(), *soa_section(ctx, std)]
    if not ctx.empty or ctx.actions or ctx.risks:
        blocks += [PageBreak(), *risks_and_actions(ctx)]
    if not ctx.empty:  # an empty checklist is no news: the short report ends here
        blocks += appendix(ctx)
        blocks += attribute_appendix(ctx)
        blocks += evidence_appendix(ctx)
    date_text = t.long_date(ctx.report_date)
    names = ", ".join(s.info.name for s in ctx.standards)
    return Report(
        blocks=blocks, language=ctx.lang, title=ctx.title, client=info.client,
        footer=f"{date_text} · {ctx.confidentiality}",
        draft_mark="" if info.status == "final" else t["draft_mark"],
        author=", ".join(info.assessors) or info.consultancy,
        subject=f"{t['report_kind']} — {info.client}",
        keywords=t.plain("keywords", standards=names),
        page_of=t["page_of"], page_only=t["page"])
