"""The roadmap: the consultant's phases (months from the report date) and a timeline of the
deadlines of the actions that are not done yet."""
from __future__ import annotations

from isodesk.domain.scales import ActionStatus
from isodesk.report.charts import timeline_chart
from isodesk.report.context import ReportContext
from isodesk.report.model import Chart, Column, Para, Row, Table
from isodesk.report.styles import CONTENT_WIDTH


def roadmap(ctx: ReportContext) -> list:
    t = ctx.t
    phases = ctx.info.roadmap
    pending = [a for a in ctx.actions if a.status is not ActionStatus.DONE]
    if not phases and not any(a.deadline for a in pending):
        return []
    drawing = timeline_chart(phases, pending, ctx.report_date, ctx.lang)
    story: list = [ctx.heading(t["roadmap"], 1, keep=drawing.height + 40)]
    story.append(Para(t.fill("roadmap_intro" if phases else "timeline_intro")))
    story.append(Chart(drawing, t["roadmap"]))
    if phases:
        columns = [Column(t["phase"], 130), Column(t["months"], 70)]
        columns.append(Column(t["what"], CONTENT_WIDTH - sum(c.width for c in columns)))
        rows = [Row([p.title, _months(ctx, p.start, p.end), p.text or t["dash"]])
                for p in phases]
        story.append(Table(columns, rows))
    return story


def _months(ctx: ReportContext, start: int, end: int) -> str:
    if start == end:
        return ctx.t.plain("month_single", start=start)
    return ctx.t.plain("months_range", start=start, end=end)
