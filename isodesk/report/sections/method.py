"""Scope statement and method: what was assessed, with whom, when, and the scales used."""
from __future__ import annotations

from collections import Counter

from isodesk.domain.scales import Priority, Result
from isodesk.report.context import ReportContext
from isodesk.report.escape import Markup, markup
from isodesk.report.model import Column, Definitions, Para, Row, Table
from isodesk.report.styles import CONTENT_WIDTH, PRIORITY_COLOURS, RESULT_COLOURS

MAX_INTERVIEWEES = 40
# A name in the sentence listing the interviewees; the checklist appendix has each one whole.
# (A paragraph of many pages is re-broken at every page end: one huge name took seconds.)
MAX_NAME_SHOWN = 120


def scope_and_method(ctx: ReportContext) -> list:
    t, scope = ctx.t, ctx.session.scope
    story: list = [ctx.heading(t["scope_method"], 0)]

    story.append(ctx.heading(t["scope"], 1))
    sites = scope.sites.strip() or ", ".join(ctx.info.sites)
    rows = [(t["scope_description"], scope.description), (t["scope_sites"], sites),
            (t["scope_processes"], scope.processes), (t["scope_exclusions"], scope.exclusions),
            (t["scope_justification"], scope.justification)]
    story.append(Definitions([(label, markup(value.strip() or t["not_recorded"]))
                              for label, value in rows]))

    story.append(ctx.heading(t["method"], 1))
    story.append(Para(t.fill("method_text")))
    story.append(Para(_interviewees(ctx)))
    dates = sorted(a.assessed_on for a in ctx.session.answers.values() if a.assessed_on)
    if dates and dates[0] != dates[-1]:
        story.append(Para(t.fill("assessed_between", first=t.long_date(dates[0]),
                                 last=t.long_date(dates[-1]))))
    elif dates:
        story.append(Para(t.fill("assessed_on_day", day=t.long_date(dates[0]))))

    story.append(ctx.heading(t["scales"], 1))
    story.append(ctx.heading(t["result_scale"], 2, in_toc=False))
    label_width = 110
    story.append(Table(
        [Column(t["result"], label_width), Column(t["meaning"], CONTENT_WIDTH - label_width)],
        [Row([r.label(ctx.lang), t[f"desc_{r.value}"]], colours={0: RESULT_COLOURS[r]})
         for r in Result]))
    story.append(Para(t.fill("compliance_formula"), "small"))

    story.append(ctx.heading(t["maturity_scale"], 2, in_toc=False))
    story.append(Table(
        [Column(t["level"], 50, "CENTER"), Column(t["description"], CONTENT_WIDTH - 50)],
        [Row([str(level), label]) for level, label in enumerate(ctx.maturity_labels)]))
    story.append(Para(t.fill("maturity_text"), "small"))

    story.append(ctx.heading(t["priority_scale"], 2, in_toc=False))
    story.append(Table(
        [Column(t["priority"], label_width), Column(t["rule"], CONTENT_WIDTH - label_width)],
        [Row([p.label(ctx.lang), t[f"rule_{p.value}"]], colours={0: PRIORITY_COLOURS[p]})
         for p in Priority]))
    story.append(Para(t.fill("risk_scale"), "small"))
    return story


def _interviewees(ctx: ReportContext) -> Markup:
    t = ctx.t
    counts = Counter(a.interviewee.strip() for a in ctx.session.answers.values()
                     if a.interviewee.strip() and not a.linked_to)
    if not counts:
        return t.fill("interviewed_none")
    names = [name if len(name) <= MAX_NAME_SHOWN else name[:MAX_NAME_SHOWN - 1] + "…"
             for name, _ in counts.most_common(MAX_INTERVIEWEES)]  # most items first
    if len(counts) > MAX_INTERVIEWEES:
        names.append("…")
    return t.fill("interviewed", names=Markup(t.join_words([markup(n) for n in names])))
