"""An appendix per standard with Annex A controls that carry ISO/IEC 27002:2022 attributes: per
attribute type a table of its values with how many controls apply and how far they are
implemented (the SoA seen by control type, security property, cybersecurity concept,
operational capability and security domain)."""
from __future__ import annotations

from isodesk.catalog.attributes import ATTRIBUTE_TYPES, grouped, value_label
from isodesk.domain.scales import Implementation
from isodesk.domain.scoring import score
from isodesk.report.context import ReportContext
from isodesk.report.model import Column, PageBreak, Para, Row, Table
from isodesk.report.styles import CONTENT_WIDTH, compliance_colour, text_colour_on


def attribute_appendix(ctx: ReportContext) -> list:
    t = ctx.t
    standards = [(std, [r for r in std.controls if r.attributes]) for std in ctx.soa_standards]
    standards = [(std, controls) for std, controls in standards if controls]
    if not standards:
        return []
    story: list = [PageBreak(), ctx.heading(t["by_attribute"], 0),
                   Para(t.fill("by_attribute_intro"))]
    for std, controls in standards:
        story.append(ctx.heading(std.info.name, 1))
        for attribute_type in ATTRIBUTE_TYPES:
            story.append(ctx.heading(t[f"attr_{attribute_type}"], 2))
            story.append(_table(ctx, grouped(controls, attribute_type)))
    return story


def _table(ctx: ReportContext, groups) -> Table:
    t = ctx.t
    columns = [Column(t[name], 66, "RIGHT") for name in ("controls", "applicable",
                                                         "implemented_short")]
    columns += [Column(t["short_partial"], 44, "RIGHT"), Column(t["short_nonconform"], 44, "RIGHT"),
                Column(t["compliance"], 58, "CENTER")]
    columns.insert(0, Column(t["attribute_value"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for value, controls in groups:
        lines = [ctx.session.soa(r.key) for r in controls]
        status = [line.status for line in lines if line.applicable]
        sc = score(ctx.session.answer(r.key) for r in controls)
        colour = compliance_colour(sc.compliance)
        rows.append(Row([value_label(value), str(len(controls)),
                         str(sum(1 for line in lines if line.applicable)),
                         str(status.count(Implementation.IMPLEMENTED)),
                         str(status.count(Implementation.PARTIAL)),
                         str(status.count(Implementation.NOT_IMPLEMENTED)),
                         t.percent(sc.compliance)],
                        colours={6: (colour, text_colour_on(colour))}))
    return Table(columns, rows)
