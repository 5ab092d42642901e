"""A follow-up's chapter "Voortgang sinds de nulmeting" / "Progress since the baseline": the
figures then and now, per standard a chart of its chapters then and now, and the gaps closed,
still open and new, and the actions done since the baseline (``domain/progress.py``)."""
from __future__ import annotations

from isodesk.domain.progress import Comparison, ItemChange
from isodesk.domain.scoring import Score, answers_for, score
from isodesk.report.charts import chapter_titles, progress_chart
from isodesk.report.context import ReportContext
from isodesk.report.escape import Markup
from isodesk.report.model import Chart, Column, Figure, Figures, Para, Row, Table
from isodesk.report.sections.standard import requirement_cell
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    RESULT_COLOURS,
    STATUS_COLOURS,
    compliance_colour,
    text_colour_on,
)
from isodesk.support.i18n import half_up


def progress_section(ctx: ReportContext) -> list:
    t, c = ctx.t, ctx.comparison
    before = score(answers_for(c.before.assessable(), c.before.answers))
    story: list = [ctx.heading(t["progress"], 0)]
    day = c.before.info.report_date or c.before.info.started_on
    story.append(Para(t.fill("progress_intro", baseline=t.long_date(day)) if day
                      else t.fill("progress_intro_undated")))
    if c.to_reverify:
        story.append(Para(t.fill("progress_reverify", n=len(c.to_reverify),
                                 items=ctx.overall.items), "note"))
    story.append(Para(_overall(ctx, before)))
    story.append(_key_figures(ctx, before))
    story.append(Para(t.fill("progress_actions", actions=t.count("n_actions",
                                                                  len(c.actions_done)))
                      if c.actions_done else t.fill("progress_no_actions")))

    story.append(ctx.heading(t["progress_per_standard"], 1))
    story.append(_standards_table(ctx))
    for std in c.standards:
        if std.total.after is None:  # a standard the follow-up no longer holds
            continue
        drawing = progress_chart(std.chapters, chapter_titles(c.after, std.catalog.id, ctx.lang),
                                 ctx.lang)
        # the heading starts a page where its chart does not fit below it (Word: keep with next)
        story.append(ctx.heading(std.catalog.name, 2, in_toc=False, keep=drawing.height + 16))
        story.append(Chart(drawing, t.plain("progress_chart_description", name=std.catalog.name)))
        story.append(Para(t.fill("progress_standard_line",
                                 before=_pct(ctx, std.total.before), after=_pct(ctx, std.total.after),
                                 mat_before=_mat(ctx, std.total.before),
                                 mat_after=_mat(ctx, std.total.after)), "small"))

    story += _gap_list(ctx, "gaps_closed", c.gaps_closed)
    story += _gap_list(ctx, "gaps_open", c.gaps_open)
    if c.gaps_new:
        story += _gap_list(ctx, "gaps_new", c.gaps_new)
    if c.actions_done:
        story.append(ctx.heading(t["actions_done"], 1))
        story.append(_actions_table(ctx, c))
    return story


def _pct(ctx: ReportContext, sc: Score | None) -> str:
    return ctx.t.percent(None if sc is None else sc.compliance)


def _mat(ctx: ReportContext, sc: Score | None) -> str:
    return ctx.t.maturity(None if sc is None else sc.maturity)


def _signed(ctx: ReportContext, before: float | None, after: float | None, decimals: int,
            points: bool) -> str:
    """The change from ``before`` to ``after`` with its sign ("+18 pp", "−0,4"), rounded as the
    figures beside it are, so the three numbers of a row add up."""
    if before is None or after is None:
        return ctx.t["dash"]
    delta = half_up(after, decimals) - half_up(before, decimals)
    text = ctx.t.number(abs(float(delta)), decimals) if decimals else str(abs(int(delta)))
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    value = f"{sign}{text}"
    return ctx.t.plain("progress_points", value=value) if points else value


def _overall(ctx: ReportContext, before: Score) -> Markup:
    t, after = ctx.t, ctx.overall
    maturity = (t.fill("progress_maturity", before=t.maturity(before.maturity),
                       after=t.maturity(after.maturity))
                if before.maturity is not None and after.maturity is not None else "")
    values = dict(before=t.percent(before.compliance), after=t.percent(after.compliance),
                  maturity=Markup(maturity))
    if len(ctx.standards) == 1:
        return t.fill("progress_overall_one", name=ctx.standards[0].info.name, **values)
    return t.fill("progress_overall", **values)


def _key_figures(ctx: ReportContext, before: Score) -> Figures:
    t, c, after = ctx.t, ctx.comparison, ctx.overall
    accent = compliance_colour(after.compliance) if after.compliance is not None else ACCENT
    return Figures([
        Figure(t.percent(after.compliance),
               t.plain("progress_was", value=t.percent(before.compliance)), t["compliance"],
               accent),
        Figure(t.maturity(after.maturity),
               t.plain("progress_was", value=t.maturity(before.maturity)), t["maturity"], ACCENT),
        Figure(str(len(c.gaps_closed)), "", t["progress_closed_kpi"], ACCENT),
        Figure(str(len(c.gaps_open) + len(c.gaps_new)),
               t.plain("progress_new", n=len(c.gaps_new)) if c.gaps_new else "",
               t["progress_open_kpi"], ACCENT),
    ])


def _standards_table(ctx: ReportContext) -> Table:
    t = ctx.t
    numbers = [Column(t["progress_compliance_then"], 64, "CENTER"),
               Column(t["progress_compliance_now"], 62, "CENTER"),
               Column(t["progress_change"], 48, "CENTER"),
               Column(t["progress_maturity_then"], 56, "CENTER"),
               Column(t["progress_maturity_now"], 44, "CENTER"),
               Column(t["progress_change"], 44, "CENTER")]
    columns = [Column(t["standard"], CONTENT_WIDTH - sum(c.width for c in numbers)), *numbers]
    rows = []
    for std in ctx.comparison.standards:
        then, now = std.total.before, std.total.after
        then_c = None if then is None else then.compliance
        now_c = None if now is None else now.compliance
        then_m = None if then is None else then.maturity
        now_m = None if now is None else now.maturity
        colours = {}
        for column, value in ((1, then_c), (2, now_c)):
            if value is not None:
                colour = compliance_colour(value)
                colours[column] = (colour, text_colour_on(colour))
        rows.append(Row([std.catalog.name, t.percent(then_c), t.percent(now_c),
                         _signed(ctx, then_c, now_c, 0, True), t.maturity(then_m),
                         t.maturity(now_m), _signed(ctx, then_m, now_m, 1, False)],
                        colours=colours))
    return Table(columns, rows)


def _gap_list(ctx: ReportContext, key: str, changes: tuple[ItemChange, ...]) -> list:
    t = ctx.t
    story: list = [ctx.heading(t[key], 1)]
    if not changes:
        return story + [Para(t.fill(f"{key}_none"))]
    story.append(Para(t.fill(f"{key}_intro")))
    columns = [Column(t["standard"], 62), Column(t["ref"], 40),
               Column(t["progress_baseline"], 92), Column(t["progress_now"], 92)]
    columns.insert(2, Column(t["requirement"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = []
    for change in changes:
        std = ctx.standard_of(change.key)
        rows.append(Row([std.info.standard if std else change.requirement.catalog_id,
                         change.requirement.ref, requirement_cell(ctx, change.requirement),
                         _judgement(ctx, change.before), _judgement(ctx, change.after)],
                        colours={column: RESULT_COLOURS[answer.result]
                                 for column, answer in ((3, change.before), (4, change.after))
                                 if answer is not None}))
    return story + [Table(columns, rows)]


def _judgement(ctx: ReportContext, answer) -> str:
    if answer is None:
        return ctx.t["not_in_baseline"]
    label = answer.result.label(ctx.lang)
    label = label if answer.maturity is None else f"{label} ({answer.maturity})"
    # still the baseline's judgement: the reader must not take it for a new one
    return f"{label}\n{ctx.t['not_reverified']}" if answer.reverify else label


def _actions_table(ctx: ReportContext, c: Comparison) -> Table:
    t = ctx.t
    columns = [Column(t["action"], 40), Column(t["owner"], 110), Column(t["status"], 60)]
    columns.insert(1, Column(t["description"], CONTENT_WIDTH - sum(x.width for x in columns)))
    rows = []
    for action in c.actions_done:
        done = STATUS_COLOURS[action.status]
        rows.append(Row([action.label, action.title, action.owner or t["dash"],
                         action.status.label(ctx.lang)], colours={3: done}))
    return Table(columns, rows)
