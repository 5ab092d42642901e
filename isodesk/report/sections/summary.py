"""The management summary: the figures in a few sentences, the consultant's conclusion (or the
generated one as its starting point), strengths, advice, the scores per standard, the most
important gaps, quick wins and what comes next."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

from isodesk.domain.scales import ActionStatus, FindingType, Priority, Result
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.escape import Markup, markup
from isodesk.report.gaps import gap_rank, priority_counts
from isodesk.report.model import Column, Para, Row, Table
from isodesk.report.sections.common import own_words
from isodesk.report.sections.roadmap import roadmap
from isodesk.report.sections.transition import transition_summary
from isodesk.report.styles import (
    CONTENT_WIDTH,
    PRIORITY_COLOURS,
    compliance_colour,
    hex_colour,
    text_colour_on,
)
from isodesk.report.texts import VERDICT_HIGH, VERDICT_LOW

TOP_GAPS = 8
FINDING_CHARS = 190  # a finding is cut to this length in the summary; the gap list has it all
MANDATORY_EXAMPLES = 3


def summary(ctx: ReportContext) -> list:
    t = ctx.t
    story: list = [ctx.heading(t["summary"], 0)]
    story.append(Para(_intro(ctx)))
    if ctx.empty:
        story.append(Para(t.fill("nothing_assessed")))
        return story
    overall = ctx.overall
    if ctx.thin:
        story.append(Para(t.fill("thin_data", assessed=overall.assessed, items=overall.items,
                                 progress=t.percent(overall.progress)), "note"))
    story.append(Para(_overall(ctx)))
    if overall.counts[Result.OPEN] and not ctx.thin:
        story.append(Para(t.fill("open_caveat", open=overall.counts[Result.OPEN],
                                 items=overall.items), "small"))
    story.append(_kpi_table(ctx))

    story.append(ctx.heading(t["conclusion"], 1))
    if ctx.info.conclusion.strip():
        story += own_words(ctx.info.conclusion)
    else:
        story.append(Para(generated_conclusion(ctx)))
    story += _strengths(ctx)
    advice = [(std, ctx.advice(std)) for std in ctx.standards if ctx.advice(std)]
    if advice:
        story.append(ctx.heading(t["advice"], 1))
        for std, text in advice:
            story.append(Para(markup(std.info.name), "label"))
            story += own_words(text)

    story.append(ctx.heading(t["scores_per_standard"], 1))
    for std in ctx.standards:
        story.append(Para(_standard_line(ctx, std)))
    story += transition_summary(ctx)

    story.append(ctx.heading(t["top_gaps"], 1))
    story += _top_gaps(ctx)
    story.append(ctx.heading(t["quick_wins"], 1))
    story += _quick_wins(ctx)
    story.append(ctx.heading(t["next_steps"], 1))
    story += _next_steps(ctx)
    story += roadmap(ctx)
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
    """The overall figures: "across all standards" only when there are several."""
    t, overall = ctx.t, ctx.overall
    maturity = (t.fill("overall_maturity", maturity=t.maturity(overall.maturity))
                if overall.maturity is not None else "")
    compliance = t.percent(overall.compliance)
    if ctx.thin and overall.compliance is not None:
        compliance += t["provisional_suffix"]
    if len(ctx.standards) == 1:
        return t.fill("overall_one", name=ctx.standards[0].info.name, compliance=compliance,
                      maturity=Markup(maturity))
    return t.fill("overall", compliance=compliance, maturity=Markup(maturity))


def generated_conclusion(ctx: ReportContext) -> Markup:
    """The verdict from the figures: the compliance band, but never "certification within
    reach" while mandatory clauses are not met, and no verdict at all on thin data."""
    t, overall = ctx.t, ctx.overall
    if overall.compliance is None:
        return Markup("")
    if ctx.thin:
        return t.fill("verdict_provisional")
    failing = ctx.mandatory(Result.NONCONFORM)
    unassessed = ctx.mandatory(Result.OPEN)
    if overall.compliance >= VERDICT_HIGH and not failing:
        verdict = "verdict_high"
    elif overall.compliance >= VERDICT_LOW:
        verdict = "verdict_mid"
    else:
        verdict = "verdict_low"
    parts = [t.fill(verdict)]
    if failing:
        examples = [f"{ctx.short_ref(r.key)} {ctx.display_title(r, parent_number=False)}"
                    for r in failing[:MANDATORY_EXAMPLES]]
        key = "open_mandatory_one" if len(failing) == 1 else "open_mandatory"
        parts.append(t.fill(key, n=len(failing), examples=t.join_words(examples)))
    if unassessed:
        parts.append(t.fill("unassessed_mandatory",
                            count=t.count("n_unassessed", len(unassessed))))
    return Markup(" ".join(parts))


def _strengths(ctx: ReportContext) -> list:
    t = ctx.t
    if ctx.info.strengths.strip():
        return [ctx.heading(t["strengths"], 1), *own_words(ctx.info.strengths)]
    good = _good_practices(ctx)
    if not good:
        return []
    story = [ctx.heading(t["strengths"], 1), Para(t.fill("strengths_generated"))]
    story += [Para(markup(line), bullet=True) for line in good]
    return story


def _good_practices(ctx: ReportContext) -> list[str]:
    lines = []
    for req in ctx.session.assessable():
        answer = ctx.session.answer(req.key)
        if (answer.finding_type is FindingType.GOOD_PRACTICE and answer.result is Result.CONFORM
                and not answer.linked_to):
            finding = _shorten(answer.findings)
            line = f"{ctx.short_ref(req.key)} {ctx.display_title(req, parent_number=False)}"
            lines.append(f"{line} — {finding}" if finding else line)
    return lines


def _kpi_table(ctx: ReportContext) -> Table:
    t = ctx.t
    columns = [Column(t["standard"], CONTENT_WIDTH - 310),
               Column(t["assessed"], 75, "RIGHT"),
               Column(t["compliance"], 70, "CENTER"),
               Column(t["maturity"], 75, "CENTER"),
               Column(t["gaps_hml"], 90, "CENTER")]
    rows = [_kpi_row(ctx, std.info.name, std.score, priority_counts(std.gaps))
            for std in ctx.standards]
    if len(ctx.standards) > 1:
        total = _kpi_row(ctx, t["total"], ctx.overall, priority_counts(ctx.gaps))
        total.bold = True
        rows.append(total)
    return Table(columns, rows)


def _kpi_row(ctx: ReportContext, name: str, score, counts) -> Row:
    t = ctx.t
    hml = "/".join(str(counts[p]) for p in (Priority.HIGH, Priority.MEDIUM, Priority.LOW))
    colour = compliance_colour(score.compliance)
    return Row([name, t.plain("kpi_assessed", assessed=score.assessed, items=score.items),
                t.percent(score.compliance), t.maturity(score.maturity), hml],
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
        gaps = t.fill("gap_count", gaps=t.count("n_gaps", len(std.gaps)),
                      high=counts[Priority.HIGH])
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
    t = ctx.t
    # stable sort: among equal ranks the standards' order, then each gap list's order
    ranked = sorted(((std, gap) for std in ctx.standards for gap in std.gaps),
                    key=lambda pair: gap_rank(pair[1]))
    if not ranked:
        return [Para(t.fill("no_gaps_found"))]
    counts = priority_counts([gap for _, gap in ranked])
    story = [Para(t.fill("top_gaps_intro", gaps=t.count("n_gaps", len(ranked)),
                         high=counts[Priority.HIGH], medium=counts[Priority.MEDIUM],
                         low=counts[Priority.LOW]))]
    # The same finding in several clauses or standards (integrated assessment: one answer
    # followed by the others, or the same words recorded for each) is one line that names the
    # other standards, instead of the same text again and again.
    lines: list[tuple[StandardData, object, list[str]]] = []
    seen: dict[tuple, tuple[str, list[str]]] = {}  # finding -> (its line's standard, others)
    clauses = _clause_groups(ctx, [gap for _, gap in ranked])
    for std, gap in ranked:
        same = _same_finding(gap, clauses)
        if same not in seen:
            seen[same] = (std.info.name, [])
            lines.append((std, gap, seen[same][1]))
            continue
        name, others = seen[same]
        other = gap.requirement.ref if std.info.name == name else std.info.name
        if other not in others:
            others.append(other)
    for std, gap, others in lines[:TOP_GAPS]:
        story.append(Para(_gap_line(ctx, std, gap, others), bullet=True))
    return story


def _same_finding(gap, clauses: dict[str, str]) -> tuple[str, str]:
    """What makes gaps one line: the same finding's words (without words, the answer they
    follow) within one clause (``_clause_groups``)."""
    words = " ".join(gap.answer.findings.split()).casefold()
    return (clauses[gap.requirement.key], words or gap.answer.linked_to or gap.requirement.key)


def _clause_groups(ctx: ReportContext, gaps) -> dict[str, str]:
    """Per gap's requirement, one name for the clause it is part of: its clause of the shared
    structure ("9.3" for 9.3.1 to 9.3.3), joined with the items the catalogs link to it as the
    same requirement (ISO 14001 9.3 and ISO 9001 9.3.1; ISO 14001 and ISO 45001 6.1.3)."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    keys = {gap.requirement.key for gap in gaps}
    for gap in gaps:
        req = gap.requirement
        parent[root(req.key)] = root("clause " + ".".join((req.hs or req.ref).split(".")[:2]))
        for partner in ctx.session.partners(req.key):
            if partner.kind == "same" and partner.requirement.key in keys:
                parent[root(partner.requirement.key)] = root(req.key)
    return {key: root(key) for key in keys}


def _gap_line(ctx: ReportContext, std: StandardData, gap, others: list[str]) -> Markup:
    t = ctx.t
    colour = None if gap.priority is Priority.LOW else PRIORITY_COLOURS[gap.priority][0]
    label = markup(gap.priority.label(ctx.lang))
    prio = (f"<font color='{hex_colour(colour)}'><b>{label}</b></font>"
            if colour is not None else f"<b>{label}</b>")
    text = (f"{prio}\u2002<b>{markup(std.info.name)} · {markup(gap.requirement.ref)}</b> "
            f"{markup(ctx.display_title(gap.requirement, parent_number=False))}")
    finding = _shorten(gap.answer.findings)
    if finding:
        text += f" — {markup(finding)}"
    text += " " + t.fill("action_suffix", actions=", ".join(a.label for a in gap.actions)) \
        if gap.actions else " " + t.fill("no_action_suffix")
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
    t = ctx.t
    wins = [a for a in ctx.actions if a.quick_win]
    if not wins:
        return [Para(t.fill("no_quick_wins"))]
    wins.sort(key=lambda a: (a.status is ActionStatus.DONE, a.deadline or date.max, a.number))
    story = [Para(t.fill("quick_wins_intro"))]
    for action in wins:
        deadline = t.fill("deadline_suffix", date=t.long_date(action.deadline)) \
            if action.deadline else ""
        done = t.fill("done_suffix") if action.status is ActionStatus.DONE else ""
        line = t.fill("quick_win_line", title=Markup(
            f"<b>{markup(action.label)} {markup(action.title)}</b>"),
            owner=action.owner or t["no_owner"], deadline=Markup(deadline), done=Markup(done))
        story.append(Para(line, bullet=True))
    return story


def _next_steps(ctx: ReportContext) -> list:
    t = ctx.t
    actions = ctx.actions
    if not actions and not ctx.risks:
        return [Para(t.fill("next_steps_empty", chapter=ctx.risks_number))]
    story = [Para(t.fill("next_steps_text", chapter=ctx.risks_number,
                         actions=t.count("n_actions", len(actions)),
                         open=sum(1 for a in actions if a.status is not ActionStatus.DONE),
                         risks=t.count("n_risks", len(ctx.risks))))]
    gaps = ctx.gaps
    if gaps:
        covered = sum(1 for g in gaps if g.has_action)
        if covered == len(gaps):
            story.append(Para(t.fill("coverage_all")))
        elif covered == 0:
            story.append(Para(t.fill("coverage_none", gaps=t.count("n_gaps", len(gaps)))))
        else:
            story.append(Para(t.fill("coverage", gaps=t.count("n_gaps", len(gaps)),
                                     covered=covered, uncovered=len(gaps) - covered)))
    return story


def plain_text(text: Markup) -> str:
    """Markup as the plain text a reader sees (for the GUI's suggestions)."""
    return unescape(re.sub(r"<br/>", "\n", re.sub(r"<(?!br/)[^>]+>", "", text)))


def suggested_conclusion(ctx: ReportContext) -> str:
    """The generated conclusion as plain text: the consultant's starting point."""
    return plain_text(generated_conclusion(ctx))
