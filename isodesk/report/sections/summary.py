"""The management summary: a few paragraphs built from the figures, the scores per standard, the
most important gaps and the quick wins."""
from __future__ import annotations

from datetime import date

from reportlab.platypus import Paragraph, Spacer

from isodesk.domain.scales import ActionStatus, Priority, Result
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.escape import Markup, markup
from isodesk.report.gaps import gap_rank, priority_counts
from isodesk.report.sections.common import text_colour_on
from isodesk.report.styles import CONTENT_WIDTH, PRIORITY_COLOURS, compliance_colour
from isodesk.report.tables import Column, Row, RowTable
from isodesk.report.texts import VERDICT_HIGH, VERDICT_LOW

TOP_GAPS = 8
FINDING_CHARS = 190  # a finding is cut to this length in the summary; the gap list has it all


def summary(ctx: ReportContext) -> list:
    s, t = ctx.styles, ctx.t
    story: list = ctx.heading(t["summary"], 0)
    story.append(Paragraph(_intro(ctx), s.body))
    overall = ctx.overall
    if overall.assessed == 0:
        story.append(Paragraph(t.fill("nothing_assessed"), s.body))
    else:
        story.append(Paragraph(_overall(ctx), s.body))
        if overall.counts[Result.OPEN]:
            story.append(Paragraph(t.fill("open_caveat", open=overall.counts[Result.OPEN],
                                          items=overall.items), s.small))
    story.append(Spacer(1, 4))
    story.append(_kpi_table(ctx))

    story += ctx.heading(t["scores_per_standard"], 1)
    for std in ctx.standards:
        story.append(Paragraph(_standard_line(ctx, std), s.body))

    story += ctx.heading(t["top_gaps"], 1)
    story += _top_gaps(ctx)
    story += ctx.heading(t["quick_wins"], 1)
    story += _quick_wins(ctx)
    story += ctx.heading(t["next_steps"], 1)
    actions = ctx.session.actions.values()
    if actions or ctx.session.risks:
        text = t.fill("next_steps_text", chapter=ctx.risks_number, actions=len(actions),
                      open=sum(1 for a in actions if a.status is not ActionStatus.DONE),
                      risks=len(ctx.session.risks))
    else:
        text = t.fill("next_steps_empty", chapter=ctx.risks_number)
    story.append(Paragraph(text, s.body))
    return story


def _intro(ctx: ReportContext) -> Markup:
    t, info = ctx.t, ctx.info
    standards = Markup(t.join_words([markup(std.info.name) for std in ctx.standards]))
    by = t.fill("by", names=Markup(t.join_words([markup(a) for a in info.assessors]))) \
        if info.assessors else ""
    start, end = info.started_on, info.report_date
    if start and end and start != end:
        when = t.fill("when_range", start=t.long_date(start), end=t.long_date(end))
    elif start or end:
        when = t.fill("when_day", day=t.long_date(end or start))
    else:
        when = None
    first = (t.fill("intro_when", when=when, client=info.client, by=Markup(by),
                    standards=standards) if when else
             t.fill("intro_nowhen", client=info.client, by=Markup(by), standards=standards))
    overall = ctx.overall
    second = t.fill("intro_method", items=overall.items, assessed=overall.assessed,
                    progress=t.percent(overall.progress))
    return Markup(f"{first} {second}")


def _overall(ctx: ReportContext) -> Markup:
    t, overall = ctx.t, ctx.overall
    maturity = (t.fill("overall_maturity", maturity=t.maturity(overall.maturity))
                if overall.maturity is not None else "")
    text = t.fill("overall", compliance=t.percent(overall.compliance), maturity=Markup(maturity))
    if overall.compliance is None:  # only n.a. answers so far
        return text
    verdict = ("verdict_high" if overall.compliance >= VERDICT_HIGH else
               "verdict_mid" if overall.compliance >= VERDICT_LOW else "verdict_low")
    return Markup(f"{text} {t.fill(verdict)}")


def _kpi_table(ctx: ReportContext) -> RowTable:
    t = ctx.t
    columns = [Column(t["standard"], CONTENT_WIDTH - 300),
               Column(t["assessed"], 75, "RIGHT"),
               Column(t["compliance"], 70, "CENTER"),
               Column(t["maturity"], 75, "CENTER"),
               Column(t["gaps_hml"], 80, "CENTER")]
    rows = []
    for std in ctx.standards:
        rows.append(_kpi_row(ctx, std.info.name, std.score, priority_counts(std.gaps)))
    if len(ctx.standards) > 1:
        all_gaps = [g for std in ctx.standards for g in std.gaps]
        total = _kpi_row(ctx, t["total"], ctx.overall, priority_counts(all_gaps))
        total.bold = True
        rows.append(total)
    return RowTable(columns, rows)


def _kpi_row(ctx: ReportContext, name: str, score, counts) -> Row:
    t = ctx.t
    hml = "/".join(str(counts[p]) for p in (Priority.HIGH, Priority.MEDIUM, Priority.LOW))
    colour = compliance_colour(score.compliance)
    return Row([name, t.plain("kpi_assessed", assessed=score.assessed, items=score.items),
                t.percent(score.compliance),
                t.maturity(score.maturity), hml],
               colours={2: (colour, text_colour_on(colour))})


def _standard_line(ctx: ReportContext, std: StandardData) -> Markup:
    t = ctx.t
    sc = std.score
    if sc.compliance is None:
        return t.fill("std_not_assessed", name=std.info.name)
    maturity = ""
    if sc.maturity is not None:
        label = ctx.maturity_labels[int(sc.maturity)]
        maturity = t.fill("std_maturity", maturity=t.maturity(sc.maturity), label=label)
    counts = priority_counts(std.gaps)
    if not std.gaps:
        gaps = t.fill("no_gaps")
    elif len(std.gaps) == 1:
        gaps = t.fill("gap_count_one", priority=std.gaps[0].priority.label(ctx.lang).lower())
    else:
        gaps = t.fill("gap_count", n=len(std.gaps), high=counts[Priority.HIGH])
    line = t.fill("std_line", name=std.info.name, compliance=t.percent(sc.compliance),
                  maturity=Markup(maturity), gaps=gaps)
    judged = [(c, s.compliance) for c, s in std.chapters.items() if s.compliance is not None]
    if len(judged) >= 2:
        best = max(judged, key=lambda item: item[1])
        worst = min(judged, key=lambda item: item[1])
        if best[1] > worst[1]:
            line = Markup(line + " " + t.fill(
                "std_best_worst", best=_chapter_name(std, best[0]), best_pct=t.percent(best[1]),
                worst=_chapter_name(std, worst[0]), worst_pct=t.percent(worst[1])))
    return line


def _chapter_name(std: StandardData, chapter: str) -> str:
    title = std.chapter_titles.get(chapter, "")
    return f"{chapter} {title}".strip()


def _top_gaps(ctx: ReportContext) -> list:
    s, t = ctx.styles, ctx.t
    # stable sort: among equal ranks the standards' order, then each gap list's order
    ranked = sorted(((std, gap) for std in ctx.standards for gap in std.gaps),
                    key=lambda pair: gap_rank(pair[1]))
    if not ranked:
        key = "no_gaps_found" if ctx.overall.assessed else "nothing_assessed_yet"
        return [Paragraph(t.fill(key), s.body)]
    counts = priority_counts([gap for _, gap in ranked])
    story = [Paragraph(t.fill("top_gaps_intro", n=len(ranked), high=counts[Priority.HIGH],
                              medium=counts[Priority.MEDIUM], low=counts[Priority.LOW]), s.body)]
    # A finding recorded once and followed by other standards (integrated assessment) is one
    # line, naming the other standards, instead of the same text once per standard.
    also: dict[str, list[str]] = {}
    gap_keys = {gap.requirement.key for _, gap in ranked}
    for std, gap in ranked:
        if gap.answer.linked_to in gap_keys:
            also.setdefault(gap.answer.linked_to, []).append(std.info.name)
    lines = [(std, gap) for std, gap in ranked if gap.answer.linked_to not in gap_keys]
    for std, gap in lines[:TOP_GAPS]:
        story.append(Paragraph(_gap_line(ctx, std, gap, also.get(gap.requirement.key, [])),
                               s.bullet, bulletText="•"))
    return story


def _gap_line(ctx: ReportContext, std: StandardData, gap, others: list[str]) -> Markup:
    t = ctx.t
    colour = None if gap.priority is Priority.LOW else PRIORITY_COLOURS[gap.priority][0]
    label = markup(gap.priority.label(ctx.lang))
    prio = (f"<font color='{colour.hexval().replace('0x', '#')}'><b>{label}</b></font>"
            if colour is not None else f"<b>{label}</b>")
    text = (f"{prio}\u2002<b>{markup(std.info.name)} · {markup(gap.requirement.ref)}</b> "
            f"{markup(ctx.title_of(gap.requirement))}")
    finding = _shorten(gap.answer.findings)
    if finding:
        text += f" — {markup(finding)}"
    if others:
        text += " " + t.fill("also_applies", names=t.join_words(others))
    return Markup(text)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= FINDING_CHARS:
        return text
    cut = text[:FINDING_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _quick_wins(ctx: ReportContext) -> list:
    s, t = ctx.styles, ctx.t
    wins = [a for a in ctx.session.actions.values() if a.quick_win]
    if not wins:
        return [Paragraph(t.fill("no_quick_wins"), s.body)]
    wins.sort(key=lambda a: (a.status is ActionStatus.DONE, a.deadline or date.max, a.id))
    story = [Paragraph(t.fill("quick_wins_intro"), s.body)]
    for action in wins:
        deadline = t.fill("deadline_suffix", date=t.long_date(action.deadline)) \
            if action.deadline else ""
        done = t.fill("done_suffix") if action.status is ActionStatus.DONE else ""
        line = t.fill("quick_win_line", title=Markup(f"<b>{markup(action.title)}</b>"),
                      owner=action.owner or t["no_owner"], deadline=Markup(deadline),
                      done=Markup(done))
        story.append(Paragraph(line, s.bullet, bulletText="•"))
    return story

