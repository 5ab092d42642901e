"""Transition to a new edition: Project → Add transition to ISO 14001:2026 and
``isodesk transition FILE --to iso14001-2026``.

The new edition's catalog names the edition it replaces (``supersedes``) and per item the old
items it continues (``from``); ``domain/transition.carry_over`` works out what the old answers
become. Here that is turned into one step on the open project:

* ``plan_transition`` checks that the project can take the new edition and prepares the
  carried answers: a carried answer of a changed requirement is marked *re-verify*, new clauses
  stay open. Integrated systems go on as they were, on the new edition: an unchanged answer
  that followed another standard's answer (ISO 14001 7.5.2 following ISO 9001 7.5.2) follows it
  in the new edition too, and another standard's answer that followed an old edition's answer
  (ISO 45001 7.2 following ISO 14001:2015 7.2) follows the new edition's carried answer, where
  the two are still the same requirement. Every other carried answer is the new edition's own.
* ``apply_transition`` writes the new edition and the carried answers in one transaction with
  one history entry ("transition to ISO 14001:2026"), then reads the project again.

Not an undo step: Undo takes back records, and a standard cannot be taken out of a project
again. The undo history ends at the transition (``ProjectSession.restructured``); the old
edition's answers are left exactly as they were, so nothing of the earlier assessment is lost.
Both editions stay in the project; reports show the new edition with a transition chapter
(``domain/transition.without_superseded``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from isodesk.app.session import ProjectSession
from isodesk.domain import limits, linking
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.model import Answer, CatalogInfo
from isodesk.domain.transition import Transition, carry_over
from isodesk.storage import now_stamp
from isodesk.support.i18n import N_, plural, tr

if TYPE_CHECKING:
    from isodesk.catalog import Catalog, CatalogRegistry

KIND = "transition"  # the history entry's kind


@dataclass(frozen=True)
class TransitionPlan:
    """What adding ``new`` to the project does; made by ``plan_transition``."""

    old: CatalogInfo  # the project's edition that ``new`` replaces
    new: Catalog
    moved: Transition  # domain/transition.carry_over's result
    answers: tuple[Answer, ...]  # what the new edition's items get, re-verify marks included
    followers: tuple[Change, ...]  # other standards' answers that follow the new edition now
    seen: dict[str, Answer]  # the project's answers as the plan found them

    @property
    def carried(self) -> int:
        return len(self.answers)

    @property
    def reverify(self) -> int:
        return sum(1 for a in self.answers if a.reverify)

    @property
    def new_items(self) -> list[str]:
        """Refs of the new edition's clauses without a predecessor (left open)."""
        return [r.ref for r in self.new.assessable if r.key in self.moved.new]

    @property
    def dropped(self) -> list[str]:
        """Refs of old answered items no item of the new edition continues."""
        return [key.split(":", 1)[1] for key in self.moved.dropped]

    def label(self) -> str:
        return tr("transition to {name}").format(name=self.new.info.name)

    def edit(self) -> Edit:
        return Edit(self.label(), (*(Change(Answer(a.key), a) for a in self.answers),
                                   *self.followers))

    def summary(self) -> str:
        """What the transition does, in a few sentences (the CLI prints it, the GUI asks it)."""
        carried = plural(self.carried, N_("{n} answer is carried over"),
                         N_("{n} answers are carried over"))
        if self.reverify:
            carried += "; " + plural(self.reverify, N_("{n} of them is marked to re-verify "
                                                       "because the requirement changed."),
                                     N_("{n} of them are marked to re-verify because the "
                                        "requirement changed."))
        else:
            carried += "."
        parts = [tr("{new} replaces {old}.").format(new=self.new.info.name, old=self.old.name),
                 carried]
        if self.new_items:
            parts.append(plural(len(self.new_items), N_("{n} new clause stays open:"),
                                N_("{n} new clauses stay open:")) + " "
                         + ", ".join(self.new_items) + ".")
        if self.dropped:
            parts.append(tr("No clause of {new} continues these answered items of {old}: "
                            "{refs}.").format(new=self.new.info.name, old=self.old.name,
                                              refs=", ".join(self.dropped)))
        parts.append(tr("The answers of {old} stay as they are.").format(old=self.old.name))
        return " ".join(parts)


def candidates(session: ProjectSession, registry: CatalogRegistry) -> list[Catalog]:
    """The catalogs the project can make the transition to: a newer edition of one of its
    standards that it does not hold yet."""
    held = {c.id for c in session.catalogs}
    return [c for c in registry.available()
            if c.info.supersedes in held and c.id not in held]


def plan_transition(session: ProjectSession, registry: CatalogRegistry,
                    to_id: str) -> TransitionPlan:
    """The transition of the open project to the catalog ``to_id``; DataError (or
    CatalogError for an unknown id) with one sentence when the project cannot make it."""
    new = registry.get(to_id)
    held = {c.id: c for c in session.catalogs}
    if to_id in held:
        raise DataError("This project holds {name} already.", name=new.info.name)
    if not new.info.supersedes:
        raise DataError("{name} does not replace an earlier edition, so there is nothing to "
                        "carry over; add a standard by starting a new project.",
                        name=new.info.name)
    old = held.get(new.info.supersedes)
    if old is None:
        raise DataError("This project does not hold {old}, the edition {name} replaces.",
                        old=registry.get(new.info.supersedes).info.name, name=new.info.name)
    old_items = session.items_of(old.id)
    moved = carry_over(old_items, session.answers, new.items)
    links = linking.Links([*session.requirements, *new.items])
    by_key = {r.key: r for r in new.items}
    answers = []
    for key, answer in moved.carried.items():
        answer = _follow_again(session, links, by_key[key], moved.sources[key], answer)
        if key in moved.reverify:
            answer = replace(answer, reverify=True)
        _check_length(answer, moved.sources[key], old_items)
        answers.append(answer)
    order = {r.key: i for i, r in enumerate(new.items)}
    answers.sort(key=lambda a: order[a.key])
    followers = _followers(session, links, by_key, moved, {a.key: a for a in answers})
    return TransitionPlan(old, new, moved, tuple(answers), followers, dict(session.answers))


def _follow_again(session: ProjectSession, links: linking.Links, req, sources,
                  answer: Answer) -> Answer:
    """The carried answer following the answer its predecessor followed, when the requirement
    did not change and the two are still the same requirement (the new item can follow it)."""
    if req.changed or len(sources) != 1:
        return answer
    source = session.answer(sources[0]).linked_to
    if source is None or source not in session.by_key:
        return answer
    if req not in links.sharing(session.requirement(source)):
        return answer
    followed = session.answer(source)
    return replace(answer, linked_to=source,
                   **{name: getattr(followed, name) for name in linking.MIRRORED})


def _followers(session: ProjectSession, links: linking.Links, by_key, moved: Transition,
               carried: dict[str, Answer]) -> tuple[Change, ...]:
    """Answers of other standards that followed an old item's answer and from now on follow the
    unchanged item that continues it alone (its carried answer has the same values)."""
    successor = {}
    for key, sources in moved.sources.items():
        if len(sources) == 1 and not by_key[key].changed and not carried[key].linked_to:
            successor.setdefault(sources[0], []).append(key)
    changes = []
    for answer in session.answers.values():
        later = successor.get(answer.linked_to, ())
        follower = session.requirement(answer.key)
        new = [k for k in later if follower in links.sharing(by_key[k])]
        if len(new) == 1:
            changes.append(Change(answer, replace(answer, linked_to=new[0])))
    return tuple(changes)


def _check_length(answer: Answer, sources, old_items) -> None:
    """Answers combined from several old items (two clauses that became one) hold their texts
    side by side, which may pass the limit of a text."""
    try:
        limits.check_record(answer)
    except DataError:
        refs = [r.ref for r in old_items if r.key in sources]
        raise DataError("The texts of {refs} together are longer than one text may be "
                        "(32,767 characters); shorten them, then start the transition again.",
                        refs=" + ".join(refs)) from None


def apply_transition(session: ProjectSession, plan: TransitionPlan) -> Edit:
    """Add the new edition with the carried answers (one transaction, one history entry) and
    read the project again. Refuses when the old answers changed since the plan was made: what
    the user agreed to would no longer be what happens."""
    if session.answers != plan.seen:
        raise DataError("The project changed while the transition was being prepared; start "
                        "it again.")
    if any(c.id == plan.new.id for c in session.catalogs):
        raise DataError("This project holds {name} already.", name=plan.new.info.name)
    edit = plan.edit()
    session.store.add_catalog(plan.new.info, plan.new.items, plan.new.sha256, edit=edit,
                              at=now_stamp(), by=session.author, kind=KIND)
    session.restructured()
    return edit
