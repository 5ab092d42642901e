"""The transition chapter of a project that holds a new edition and the one it replaces (ISO
14001:2015 → ISO 14001:2026): how ready the new edition is, what changed, and per requirement
the old answer it builds on and where it stands now.

The report shows the new edition as the standard (``domain/transition.without_superseded``);
this chapter follows that standard's own chapter and is the only place the old edition's
answers appear.
"""
from __future__ import annotations

from collections import Counter

from isodesk.domain.model import CatalogInfo, Requirement, text
from isodesk.domain.transition import Readiness, carry_over, readiness, superseded
from isodesk.report.context import ReportContext, StandardData
from isodesk.report.escape import Markup
from isodesk.report.model import Column, Figure, Figures, Para, Row, Table
from isodesk.report.styles import (
    AMBER,
    CONTENT_WIDTH,
    DARK_TEXT,
    GREEN,
    GREY,
    LIGHT_GREY,
    RED,
    RESULT_COLOURS,
    SOFT_TEXT,
    WHITE,
)

READINESS_COLOURS = {
    Readiness.READY: (GREEN, WHITE),
    Readiness.REVERIFY: (AMBER, DARK_TEXT),
    Readiness.GAP: (RED, WHITE),
    Readiness.OPEN: (LIGHT_GREY, SOFT_TEXT),
    Readiness.NA: (GREY, WHITE),
}


def transitions(ctx: ReportContext) -> dict[str, CatalogInfo]:
    """Reported standard's catalog id → the edition it replaces, for the standards whose
    previous edition the project holds too."""
    return {new.id: ctx.whole.catalog(old_id)
            for old_id, new in superseded(ctx.whole.catalogs).items()}


def chapter_numbers(ctx: ReportContext) -> dict[str, int]:
    """New edition's id → the number of its transition chapter, which follows the standard's
    own chapter (summary 1, scope and method 2, then the standards)."""
    moved = transitions(ctx)
    numbers, number = {}, 2
    for std in ctx.standards:
        number += 1 + (std.info.id in moved)
        if std.info.id in moved:
            numbers[std.info.id] = number
    return numbers


def transition_summary(ctx: ReportContext) -> list:
    """A line per transition for the management summary."""
    story = []
    chapters = chapter_numbers(ctx)
    for std in ctx.standards:
        if std.info.id in chapters:
            counts = _counts(ctx, std)
            line = ctx.t.fill("transition_summary", new=std.info.name,
                              chapter=chapters[std.info.id], ready=counts[Readiness.READY],
                              items=len(_assessable(std)))
            story.append(Para(Markup(f"{line} {_todo(ctx, counts)}")))
    return story


def transition_section(ctx: ReportContext, std: StandardData, old: CatalogInfo) -> list:
    """The transition chapter of ``std``, the new edition of ``old``."""
    t = ctx.t
    names = {"old": old.name, "new": std.info.name}
    counts = _counts(ctx, std)
    story: list = [ctx.heading(t.plain("transition_title", **names), 0),
                   Para(t.fill("transition_intro", chapter=chapter_numbers(ctx)[std.info.id] - 1,
                               **names))]
    story.append(Figures([
        Figure(str(counts[state]),
               f"/ {len(_assessable(std))}" if state is Readiness.READY else "",
               t[label], READINESS_COLOURS[state][0])
        for state, label in ((Readiness.READY, "readiness_ready"),
                             (Readiness.REVERIFY, "readiness_reverify"),
                             (Readiness.GAP, "gaps"), (Readiness.OPEN, "readiness_open"))]))
    story.append(Para(Markup(t.fill("ready_line", ready=counts[Readiness.READY],
                                    items=len(_assessable(std)), new=std.info.name)
                             + " " + _todo(ctx, counts))))

    story.append(ctx.heading(t["changes"], 1))
    changes = [r for r in _assessable(std) if _change(ctx, r, old)]
    if changes:
        story.append(Para(t.fill("changes_intro", **names)))
        story.append(_changes_table(ctx, changes, old))
        if any(r.verify for r in changes):
            story.append(Para(t.fill("verify_note"), "small"))
    else:
        story.append(Para(t.fill("no_changes", **names)))

    story.append(ctx.heading(t["readiness"], 1))
    story.append(Para(t.fill("readiness_intro", **names)))
    story.append(_readiness_table(ctx, std, old))
    legend = t.fill("readiness_legend", **names)
    if any(r.verify for r in _assessable(std)):
        legend = Markup(f"{legend} {t.fill('verify_note')}")
    story.append(Para(legend, "small"))
    dropped = carry_over(ctx.whole.items_of(old.id), ctx.whole.answers, std.items).dropped
    if dropped:
        refs = ", ".join(ctx.whole.requirement(k).ref for k in dropped)
        story.append(Para(t.fill("dropped", refs=refs, **names)))
    return story


def _assessable(std: StandardData) -> list[Requirement]:
    return [r for r in std.items if r.assessable]


def _counts(ctx: ReportContext, std: StandardData) -> Counter:
    return Counter(readiness(ctx.session.answer(r.key)) for r in _assessable(std))


def _todo(ctx: ReportContext, counts: Counter) -> Markup:
    t = ctx.t
    parts = [t.count(key, counts[state]) for key, state in (
        ("n_reverify", Readiness.REVERIFY), ("n_gaps_close", Readiness.GAP),
        ("n_to_assess", Readiness.OPEN)) if counts[state]]
    return t.fill("todo_line", items=t.join_words(parts)) if parts else t.fill("nothing_todo")


def _old_refs(req: Requirement, old: CatalogInfo) -> list[str]:
    return [key.split(":", 1)[1] for key in req.continues if key.startswith(old.id + ":")]


def _change(ctx: ReportContext, req: Requirement, old: CatalogInfo) -> str:
    """What happened to ``req`` since ``old`` as a table cell; "" when nothing did."""
    t = ctx.t
    if req.new_in_edition or not req.continues:
        return t["change_new"]
    refs = _old_refs(req, old)
    moved = refs != [req.ref]
    if not req.changed and not moved:
        return ""
    kind = t["change_changed"] if req.changed else t["change_renumbered"]
    return f"{kind}\n{t.plain('change_was', refs=' + '.join(refs))}" if moved else kind


def _mark(req: Requirement) -> str:
    """The ref, with a star when the catalog asks to check it against the published text."""
    return f"{req.ref} *" if req.verify else req.ref


def _changes_table(ctx: ReportContext, items: list[Requirement], old: CatalogInfo) -> Table:
    t = ctx.t
    columns = [Column(t["ref"], 42), Column(t["requirement"], 110), Column(t["change"], 70)]
    columns.append(Column(t["asks_now"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows = [Row([_mark(r), ctx.display_title(r), _change(ctx, r, old),
                 " ".join(text(r.summary, ctx.lang).split()) or t["dash"]]) for r in items]
    return Table(columns, rows)


def _readiness_table(ctx: ReportContext, std: StandardData, old: CatalogInfo) -> Table:
    t = ctx.t
    columns = [Column(t["ref"], 42), Column(t.plain("in_old", old=old.name), 110),
               Column(t["result_now"], 84), Column(t["readiness_column"], 76)]
    columns.insert(1, Column(t["requirement"], CONTENT_WIDTH - sum(c.width for c in columns)))
    rows: list[Row] = []
    chapter = None
    for req in _assessable(std):
        if req.chapter != chapter:
            chapter = req.chapter
            rows.append(Row([f"{chapter}  {std.chapter_titles.get(chapter, '')}".strip()],
                            group=True))
        answer = ctx.session.answer(req.key)
        state = readiness(answer)
        earlier = [f"{ref} {ctx.whole.answer(f'{old.id}:{ref}').result.label(ctx.lang)}"
                   for ref in _old_refs(req, old)]
        rows.append(Row([_mark(req), ctx.display_title(req),
                         "\n".join(earlier) or t["new_requirement"],
                         answer.result.label(ctx.lang), t[f"readiness_{state.value}"]],
                        colours={3: RESULT_COLOURS[answer.result], 4: READINESS_COLOURS[state]}))
    return Table(columns, rows)
