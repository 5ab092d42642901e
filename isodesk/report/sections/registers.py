"""The Statement of Applicability (ISO/IEC 27001), the risk register with its heat map and the
action plan."""
from __future__ import annotations

from isodesk.domain.scales import ActionStatus
from isodesk.report.charts import heat_map
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.model import Chart, Column, Para, Row, Table
from isodesk.report.styles import (
    CONTENT_WIDTH,
    IMPLEMENTATION_COLOURS,
    LIGHT_GREY,
    MUTED,
    PRIORITY_COLOURS,
    RED,
    SOFT_TEXT,
    STATUS_COLOURS,
    risk_colours,
)


def soa_section(ctx: ReportContext, std: StandardData) -> list:
    t = ctx.t
    story: list = [ctx.heading(f"{t['soa']} — {std.info.name}", 0)]
    entries = [ctx.session.soa(r.key) for r in std.controls]
    story.append(Para(t.fill(
        "soa_intro", name=std.info.name, controls=len(entries),
        applicable=sum(1 for e in entries if e.applicable is True),
        excluded=sum(1 for e in entries if e.applicable is False),
        undecided=sum(1 for e in entries if e.applicable is None))))

    columns = [Column(t["control"], 44), Column(t["requirement"], 134),
               Column(t["applicable"], 62), Column(t["implementation"], 84)]
    columns.insert(3, Column(t["justification"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows: list[Row] = []
    chapter = None
    for req, entry in zip(std.controls, entries):
        if req.chapter != chapter:  # a sub-heading per theme (A.5 organizational, ...)
            chapter = req.chapter
            rows.append(Row([f"{chapter}  {std.chapter_titles.get(chapter, '')}"], group=True))
        applicable = (t["yes"] if entry.applicable else t["no"] if entry.applicable is False
                      else t["undecided"])
        if entry.applicable is False:
            status, colours = t["dash"], (None, MUTED)
        else:
            status = entry.status.label(ctx.lang) if entry.status else t["dash"]
            colours = IMPLEMENTATION_COLOURS[entry.status]
        row_colours = {4: colours}
        if entry.applicable is None:
            row_colours[2] = (LIGHT_GREY, SOFT_TEXT)
        rows.append(Row([req.ref, ctx.title_of(req), applicable,
                         entry.justification.strip() or t["dash"], status], colours=row_colours))
        ctx.tick()
    story.append(Table(columns, rows))
    return story


def risks_and_actions(ctx: ReportContext) -> list:
    t = ctx.t
    story: list = [ctx.heading(t["risks_actions"], 0)]
    if ctx.risks:
        drawing = heat_map(ctx.risks, ctx.lang)
        story.append(ctx.heading(t["risk_register"], 1, keep=drawing.height + 40))
        story.append(Para(t.fill("risk_intro")))
        story.append(Chart(drawing, t["heat_map"]))
        story.append(_risk_table(ctx))
        story.append(Para(t.fill("risk_scale"), "small"))
    else:
        story.append(ctx.heading(t["risk_register"], 1))
        story.append(Para(t.fill("no_risks")))

    story.append(ctx.heading(t["action_plan"], 1))
    if ctx.actions:
        story.append(Para(t.fill("action_intro")))
        story.append(_action_table(ctx))
    else:
        story.append(Para(t.fill("no_actions")))
    return story


def _refs(ctx: ReportContext, keys) -> str:
    return ", ".join(ctx.short_ref(k) for k in keys) or ctx.t["dash"]


def _risk_table(ctx: ReportContext) -> Table:
    t = ctx.t
    columns = [Column("#", 28), Column(t["likelihood_short"], 20, "CENTER"),
               Column(t["impact_short"], 20, "CENTER"), Column(t["score"], 34, "CENTER"),
               Column(t["treatment"], 64), Column(t["owner"], 70), Column(t["linked"], 88)]
    columns.insert(1, Column(t["risk"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = [Row([r.label, r.description, str(r.likelihood), str(r.impact), str(r.score),
                 r.treatment.label(ctx.lang), r.owner or t["dash"], _refs(ctx, r.keys)],
                colours={4: risk_colours(r.score)})
            for r in ctx.risks]
    return Table(columns, rows)


def _action_table(ctx: ReportContext) -> Table:
    t = ctx.t
    columns = [Column("#", 28), Column(t["owner"], 66), Column(t["deadline"], 54),
               Column(t["priority"], 46), Column(t["status"], 58), Column(t["linked"], 84)]
    columns.insert(1, Column(t["action"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for a in ctx.actions:
        title = f"{a.title}\n{t['quick_win_mark']}" if a.quick_win else a.title
        colours = {4: PRIORITY_COLOURS[a.priority], 5: STATUS_COLOURS[a.status]}
        overdue = (a.deadline is not None and a.deadline < ctx.report_date
                   and a.status is not ActionStatus.DONE)
        if overdue:
            colours[3] = (None, RED)
        rows.append(Row([a.label, title, a.owner or t["dash"], t.date(a.deadline),
                         a.priority.label(ctx.lang), a.status.label(ctx.lang),
                         _refs(ctx, a.keys)], colours=colours))
    return Table(columns, rows)
