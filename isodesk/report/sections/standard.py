"""One section per standard: key figures, the chapter chart, counts per chapter and the gap list."""
from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from isodesk.domain.scales import Priority, Result
from isodesk.domain.scoring import Score
from isodesk.report.charts import chapter_chart
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.escape import Markup, markup
from isodesk.report.gaps import priority_counts
from isodesk.report.sections.common import text_colour_on
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    PRIORITY_COLOURS,
    RESULT_COLOURS,
    ZEBRA,
    compliance_colour,
)
from isodesk.report.tables import Column, Row, RowTable

GUTTER = 8
RESULT_ORDER = (Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA, Result.OPEN)


def standard_section(ctx: ReportContext, std: StandardData) -> list:
    s, t = ctx.styles, ctx.t
    story: list = ctx.heading(std.info.name, 0)
    story.append(Paragraph(markup(ctx.catalog_title(std)), s.lead))
    story.append(_key_figures(ctx, std))
    story.append(Spacer(1, 14))
    story.append(chapter_chart(std.chapters, std.chapter_titles, ctx.lang))
    story.append(Spacer(1, 6))

    story += ctx.heading(t["chapter_scores"], 1)
    story.append(_chapter_table(ctx, std))

    story += ctx.heading(t["gap_list"], 1)
    if std.gaps:
        story.append(Paragraph(t.fill("gap_list_intro"), s.body))
        story.append(gap_table(ctx, std))
    else:
        key = "gap_list_empty" if std.score.assessed else "gap_list_unassessed"
        story.append(Paragraph(t.fill(key), s.body))
    return story


def _key_figures(ctx: ReportContext, std: StandardData) -> Table:
    s, t, sc = ctx.styles, ctx.t, std.score
    counts = priority_counts(std.gaps)
    figures = [
        (t.percent(sc.compliance), t["compliance"]),
        (t.maturity(sc.maturity), t["maturity"]),
        (_with_note(sc.assessed, f"/ {sc.items}"), t["assessed"]),
        (_with_note(len(std.gaps), t.plain("kpi_gaps", high=counts[Priority.HIGH])), t["gaps"]),
    ]
    values, labels = [], []
    for index, (value, label) in enumerate(figures):
        if index:  # an empty gutter column between the boxes
            values.append("")
            labels.append("")
        values.append(Paragraph(markup(value), s.kpi_value))
        labels.append(Paragraph(markup(label), s.kpi_label))
    box = (CONTENT_WIDTH - GUTTER * (len(figures) - 1)) / len(figures)
    widths = [box if i % 2 == 0 else GUTTER for i in range(2 * len(figures) - 1)]
    table = Table([values, labels], colWidths=widths, hAlign="LEFT")
    commands = [
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 7),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
    ]
    for column in range(0, len(widths), 2):
        accent = compliance_colour(sc.compliance) if column == 0 and sc.compliance is not None \
            else ACCENT
        commands += [("BACKGROUND", (column, 0), (column, -1), ZEBRA),
                     ("LINEBEFORE", (column, 0), (column, -1), 2.5, accent)]
    table.setStyle(TableStyle(commands))
    return table


def _with_note(number: int, note: str) -> Markup:
    """A key figure with a smaller grey note after it: "59 / 65", "25 · 5 high"."""
    return Markup(f"{number} <font size='9' color='#6B7785'>{markup(note)}</font>")


def _chapter_table(ctx: ReportContext, std: StandardData) -> RowTable:
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
    return RowTable(columns, rows)


def _chapter_row(ctx: ReportContext, name: str, sc: Score) -> Row:
    t = ctx.t
    colour = compliance_colour(sc.compliance)
    return Row([name, str(sc.items), *(str(sc.counts[r]) for r in RESULT_ORDER),
                t.percent(sc.compliance),
                t.maturity(sc.maturity)],
               colours={7: (colour, text_colour_on(colour))})


def gap_table(ctx: ReportContext, std: StandardData) -> RowTable:
    t = ctx.t
    columns = [Column(t["priority"], 50), Column(t["ref"], 44), Column(t["requirement"], 112),
               Column(t["result"], 74)]
    columns.append(Column(t["finding"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for gap in std.gaps:
        answer = gap.answer
        result = answer.result.label(ctx.lang)
        if answer.finding_type is not None:
            result += f"\n({answer.finding_type.label(ctx.lang).lower()})"
        rows.append(Row([gap.priority.label(ctx.lang), gap.requirement.ref,
                         ctx.title_of(gap.requirement), result,
                         answer.findings.strip() or t["dash"]],
                        colours={0: PRIORITY_COLOURS[gap.priority],
                                 3: RESULT_COLOURS[answer.result]}))
        ctx.tick()
    return RowTable(columns, rows)
