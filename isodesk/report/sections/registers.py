"""The Statement of Applicability (ISO/IEC 27001), the risk register and the action plan."""
from __future__ import annotations

from datetime import date

from reportlab.platypus import Paragraph

from isodesk.domain.scales import ActionStatus
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.gaps import PRIORITY_ORDER
from isodesk.report.styles import (
    CONTENT_WIDTH,
    IMPLEMENTATION_COLOURS,
    LIGHT_GREY,
    MUTED,
    PRIORITY_COLOURS,
    RED,
    STATUS_COLOURS,
    risk_colours,
)
from isodesk.report.tables import Column, Row, RowTable


def soa_section(ctx: ReportContext, std: StandardData) -> list:
    s, t = ctx.styles, ctx.t
    story: list = ctx.heading(f"{t['soa']} — {std.info.name}", 0)
    entries = [ctx.session.soa(r.key) for r in std.controls]
    story.append(Paragraph(t.fill(
        "soa_intro", name=std.info.name, controls=len(entries),
        applicable=sum(1 for e in entries if e.applicable is True),
        excluded=sum(1 for e in entries if e.applicable is False),
        undecided=sum(1 for e in entries if e.applicable is None)), s.body))

    columns = [Column(t["control"], 54), Column(t["requirement"], 134),
               Column(t["applicable"], 62), Column(t["implementation"], 78)]
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
            row_colours[2] = (LIGHT_GREY, MUTED)
        rows.append(Row([req.ref, ctx.title_of(req), applicable,
                         entry.justification.strip() or t["dash"], status], colours=row_colours))
        ctx.tick()
    story.append(RowTable(columns, rows))
    return story


def risks_and_actions(ctx: ReportContext) -> list:
    s, t = ctx.styles, ctx.t
    story: list = ctx.heading(t["risks_actions"], 0)
    story += ctx.heading(t["risk_register"], 1)
    risks = sorted(ctx.session.risks.values(), key=lambda r: (-r.score, r.id))
    if risks:
        story.append(Paragraph(t.fill("risk_intro"), s.body))
        story.append(_risk_table(ctx, risks))
        story.append(Paragraph(t.fill("risk_scale"), s.small))
    else:
        story.append(Paragraph(t.fill("no_risks"), s.body))

    story += ctx.heading(t["action_plan"], 1)
    actions = sorted(ctx.session.actions.values(), key=lambda a: (
        a.status is ActionStatus.DONE, PRIORITY_ORDER[a.priority], a.deadline or date.max, a.id))
    if actions:
        story.append(Paragraph(t.fill("action_intro"), s.body))
        story.append(_action_table(ctx, actions))
    else:
        story.append(Paragraph(t.fill("no_actions"), s.body))
    return story


def _refs(ctx: ReportContext, keys) -> str:
    return ", ".join(ctx.short_ref(k) for k in keys) or ctx.t["dash"]


def _risk_table(ctx: ReportContext, risks) -> RowTable:
    t = ctx.t
    columns = [Column("#", 22, "RIGHT"), Column(t["likelihood_short"], 20, "CENTER"),
               Column(t["impact_short"], 20, "CENTER"), Column(t["score"], 34, "CENTER"),
               Column(t["treatment"], 64), Column(t["owner"], 70), Column(t["linked"], 92)]
    columns.insert(1, Column(t["risk"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = [Row([str(r.id), r.description, str(r.likelihood), str(r.impact), str(r.score),
                 r.treatment.label(ctx.lang), r.owner or t["dash"], _refs(ctx, r.keys)],
                colours={4: risk_colours(r.score)})
            for r in risks]
    return RowTable(columns, rows)


def _action_table(ctx: ReportContext, actions) -> RowTable:
    t = ctx.t
    columns = [Column("#", 22, "RIGHT"), Column(t["owner"], 70), Column(t["deadline"], 56),
               Column(t["priority"], 48), Column(t["status"], 60), Column(t["linked"], 84)]
    columns.insert(1, Column(t["action"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for a in actions:
        title = f"{a.title}\n{t['quick_win_mark']}" if a.quick_win else a.title
        colours = {4: PRIORITY_COLOURS[a.priority], 5: STATUS_COLOURS[a.status]}
        overdue = (a.deadline is not None and a.deadline < ctx.report_date
                   and a.status is not ActionStatus.DONE)
        if overdue:
            colours[3] = (None, RED)
        rows.append(Row([str(a.id), title, a.owner or t["dash"], t.date(a.deadline),
                         a.priority.label(ctx.lang), a.status.label(ctx.lang),
                         _refs(ctx, a.keys)], colours=colours))
    return RowTable(columns, rows)
