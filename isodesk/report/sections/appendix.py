"""The appendix: the full checklist of every standard, one table per chapter."""
from __future__ import annotations

from isodesk.domain.model import Answer, Requirement
from isodesk.report.context import ReportContext
from isodesk.report.model import Column, PageBreak, Para, Row, Table
from isodesk.report.sections.evidence import evidence_note
from isodesk.report.styles import CONTENT_WIDTH, RESULT_COLOURS


def appendix(ctx: ReportContext) -> list:
    t = ctx.t
    ctx.start_appendix()
    story: list = [PageBreak(), ctx.heading(t["checklist"], 0)]
    for index, std in enumerate(ctx.standards):
        if index:
            story.append(PageBreak())
        story.append(ctx.heading(std.info.name, 1))
        story.append(Para(t.fill("checklist_intro", name=std.info.name)))
        for chapter, items in _chapters(std.items):
            title = std.chapter_titles.get(chapter, "")
            story.append(ctx.heading(f"{chapter}  {title}".strip(), 2))
            story.append(_checklist_table(ctx, items))
    return story


def _chapters(items: list[Requirement]) -> list[tuple[str, list[Requirement]]]:
    """Items grouped by chapter (display order); chapters without assessable items are left out,
    and the chapter's own heading item is left out (it is the heading above the table)."""
    groups: dict[str, list[Requirement]] = {}
    for req in items:
        if req.ref != req.chapter:
            groups.setdefault(req.chapter, []).append(req)
    return [(chapter, reqs) for chapter, reqs in groups.items()
            if any(r.assessable for r in reqs)]


def _checklist_table(ctx: ReportContext, items: list[Requirement]) -> Table:
    t = ctx.t
    columns = [Column(t["ref"], 44), Column(t["requirement"], 118), Column(t["result"], 70),
               Column(t["maturity_short"], 36, "CENTER")]
    columns.append(Column(t["findings_evidence"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for req in items:
        if not req.assessable:
            rows.append(Row([f"{req.ref}  {ctx.title_of(req)}"], group=True))
            continue
        answer = ctx.session.answer(req.key)
        rows.append(Row([req.ref, ctx.title_of(req), answer.result.label(ctx.lang),
                         t["dash"] if answer.maturity is None else str(answer.maturity),
                         _notes(ctx, answer)],
                        colours={2: RESULT_COLOURS[answer.result]}))
        ctx.tick()
    return Table(columns, rows)


def _notes(ctx: ReportContext, answer: Answer) -> str:
    t = ctx.t
    parts = []
    source = ctx.whole.by_key.get(answer.linked_to) if answer.linked_to else None
    if source is not None:  # an integrated assessment: answered once, for both standards
        parts.append(t.plain("same_answer_as", ref=f"{ctx.whole.catalog(source.catalog_id).name} "
                                                   f"{source.ref}"))
    if answer.findings.strip():
        parts.append(answer.findings.strip())
    if answer.evidence.strip():
        parts.append(t.plain("evidence_prefix", text=answer.evidence.strip()))
    parts.append(evidence_note(ctx, answer.key))
    who, when = answer.interviewee.strip(), answer.assessed_on
    if who and when:
        parts.append(t.plain("interviewed_on", who=who, date=t.date(when)))
    elif who:
        parts.append(t.plain("interviewed_only", who=who))
    elif when:
        parts.append(t.plain("assessed_on_only", date=t.date(when)))
    return "\n".join(filter(None, parts))
