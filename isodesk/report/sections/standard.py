"""One section per standard: key figures, the chapter chart, the consultant's advice, counts and
remarks per chapter, and the gap list with the actions that address each gap."""
from __future__ import annotations

from isodesk.domain.scales import Priority, Result
from isodesk.domain.scoring import Score
from isodesk.report.charts import chapter_chart
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.escape import markup
from isodesk.report.gaps import priority_counts
from isodesk.report.model import Chart, Column, Figure, Figures, Para, Row, Table
from isodesk.report.sections.common import own_words
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    PRIORITY_COLOURS,
    RESULT_COLOURS,
    compliance_colour,
    text_colour_on,
)

RESULT_ORDER = (Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA, Result.OPEN)


def standard_section(ctx: ReportContext, std: StandardData) -> list:
    t = ctx.t
    story: list = [ctx.heading(std.info.name, 0)]
    story.append(Para(markup(ctx.catalog_title(std)), "lead"))
    story.append(_key_figures(ctx, std))
    drawing = chapter_chart(std.chapters, std.chapter_titles, ctx.lang)
    story.append(Chart(drawing, t.plain("chart_description", name=std.info.name)))

    advice = ctx.advice(std)
    if advice:
        story.append(ctx.heading(t["advice_one"], 1))
        story += own_words(advice)

    story.append(ctx.heading(t["chapter_scores"], 1))
    story.append(_chapter_table(ctx, std))
    remarks = [(chapter, ctx.remark(std, chapter)) for chapter in std.chapters
               if ctx.remark(std, chapter)]
    if remarks:
        story.append(ctx.heading(t["remarks"], 2, in_toc=False))
        for chapter, text in remarks:
            name = f"{t['chapter']} {chapter} {std.chapter_titles.get(chapter, '')}".strip()
            story.append(Para(markup(name), "label"))
            story += own_words(text)

    story.append(ctx.heading(t["gap_list"], 1))
    if std.gaps:
        story.append(Para(t.fill("gap_list_intro")))
        story.append(gap_table(ctx, std))
    else:
        key = "gap_list_empty" if std.score.assessed else "gap_list_unassessed"
        story.append(Para(t.fill(key)))
    return story


def _key_figures(ctx: ReportContext, std: StandardData) -> Figures:
    t, sc = ctx.t, std.score
    counts = priority_counts(std.gaps)
    accent = compliance_colour(sc.compliance) if sc.compliance is not None else ACCENT
    return Figures([
        Figure(t.percent(sc.compliance), "", t["compliance"], accent),
        Figure(t.maturity(sc.maturity), "", t["maturity"], ACCENT),
        Figure(str(sc.assessed), f"/ {sc.items}", t["assessed"], ACCENT),
        Figure(str(len(std.gaps)), t.plain("kpi_gaps", high=counts[Priority.HIGH]), t["gaps"],
               ACCENT),
    ])


def _chapter_table(ctx: ReportContext, std: StandardData) -> Table:
    t = ctx.t
    counts = [Column(t[f"short_{r.value}"], 44, "RIGHT", header=RESULT_COLOURS[r])
              for r in RESULT_ORDER]
    columns = [Column(t["items"], 32, "RIGHT"), *counts, Column(t["compliance"], 58, "CENTER"),
               Column(t["maturity_short"], 32, "CENTER")]
    columns.insert(0, Column(t["chapter"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = [_chapter_row(ctx, f"{chapter}  {std.chapter_titles.get(chapter, '')}".strip(), sc)
            for chapter, sc in std.chapters.items()]
    total = _chapter_row(ctx, t["total"], std.score)
    total.bold = True
    rows.append(total)
    return Table(columns, rows)


def _chapter_row(ctx: ReportContext, name: str, sc: Score) -> Row:
    t = ctx.t
    colour = compliance_colour(sc.compliance)
    return Row([name, str(sc.items), *(str(sc.counts[r]) for r in RESULT_ORDER),
                t.percent(sc.compliance), t.maturity(sc.maturity)],
               colours={7: (colour, text_colour_on(colour))})


def requirement_cell(ctx: ReportContext, req) -> str:
    """The requirement as a reader needs it: a recurring title ("Algemeen") with its parent and
    the one-line summary of what the requirement asks."""
    if not ctx.is_generic(req):
        return ctx.display_title(req)
    summary = ctx.summary_line(req)
    return f"{ctx.display_title(req)}\n{summary}" if summary else ctx.display_title(req)


def gap_table(ctx: ReportContext, std: StandardData) -> Table:
    t = ctx.t
    columns = [Column(t["priority"], 46), Column(t["ref"], 38), Column(t["requirement"], 118),
               Column(t["result"], 72), Column(t["actions_column"], 50)]
    columns.insert(4, Column(t["finding"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for gap in std.gaps:
        answer = gap.answer
        result = answer.result.label(ctx.lang)
        if answer.finding_type is not None:
            result += f"\n({answer.finding_type.label(ctx.lang).lower()})"
        actions = ", ".join(a.label for a in gap.actions) or t["no_action_yet"]
        colours = {0: PRIORITY_COLOURS[gap.priority], 3: RESULT_COLOURS[answer.result]}
        rows.append(Row([gap.priority.label(ctx.lang), gap.requirement.ref,
                         requirement_cell(ctx, gap.requirement), result,
                         answer.findings.strip() or t["dash"], actions], colours=colours))
        ctx.tick()
    return Table(columns, rows)
