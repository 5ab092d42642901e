"""``diff`` and ``merge`` as properties: whatever the two sides did, one-sided work arrives and
two-sided disagreements are named, never decided silently."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from isodesk.domain.merge import WHOLE, changes_between, diff, merge
from isodesk.domain.model import Action, Answer, ProjectInfo, Risk, Scope
from isodesk.domain.scales import ActionStatus, Result
from isodesk.domain.snapshot import ProjectData

KEYS = [f"iso9001-2015:{n}" for n in ("4.1", "4.2", "5.1.1", "6.2.1", "7.2", "9.2.2")]
texts = st.sampled_from(["", "ok", "Notulen MT", "geen audit", "ß & <x>"])
answers = st.builds(Answer, st.sampled_from(KEYS), st.sampled_from(list(Result)),
                    st.one_of(st.none(), st.integers(0, 5)), texts, texts, texts)
actions = st.builds(Action, st.uuids().map(str), st.integers(1, 30), st.sampled_from(["A", "B", "C"]),
                    texts, st.none(), status=st.sampled_from(list(ActionStatus)))
risks = st.builds(Risk, st.uuids().map(str), st.integers(1, 30), st.sampled_from(["R", "S"]),
                  st.integers(1, 5), st.integers(1, 5))


def _project(answer_list, action_list, risk_list, client="Klant B.V.") -> ProjectData:
    return ProjectData(
        id="p", info=ProjectInfo(client), scope=Scope(), catalogs=(), requirements=(),
        answers={a.key: a for a in answer_list if not a.is_blank},
        actions={a.id: a for a in _unique_numbers(action_list)},
        risks={r.id: r for r in _unique_numbers(risk_list)})


def _unique_numbers(records):
    seen, out = set(), []
    for record in records:
        if record.number not in seen:
            seen.add(record.number)
            out.append(record)
    return out


projects = st.builds(_project, st.lists(answers, max_size=6), st.lists(actions, max_size=4),
                     st.lists(risks, max_size=3), st.sampled_from(["Klant B.V.", "Klant NV"]))


@st.composite
def edited(draw, base: ProjectData) -> ProjectData:
    """``base`` after a few edits of the kinds a user makes."""
    answers_now = dict(base.answers)
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True)):
        current = answers_now.get(key) or Answer(key)
        new = replace(current, result=draw(st.sampled_from(list(Result))),
                      findings=draw(texts))
        if new.is_blank:
            answers_now.pop(key, None)
        else:
            answers_now[key] = new
    actions_now = dict(base.actions)
    for ident in draw(st.lists(st.sampled_from(sorted(actions_now) or ["-"]), max_size=2, unique=True)):
        if ident in actions_now:
            if draw(st.booleans()):
                actions_now[ident] = replace(actions_now[ident], owner=draw(texts))
            else:
                del actions_now[ident]
    for new in draw(st.lists(actions, max_size=2)):
        number = max([a.number for a in actions_now.values()], default=0) + 1
        actions_now[new.id] = replace(new, number=number)
    client = draw(st.sampled_from([base.info.client, "Anders B.V."]))
    return replace(base, answers=answers_now, actions=actions_now, info=ProjectInfo(client))


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_one_side_unchanged_gives_the_other(data):
    base = data.draw(projects)
    x = data.draw(edited(base))
    assert merge(base, x, base).merged == x  # theirs did nothing: mine stays
    result = merge(base, base, x)  # mine did nothing: theirs arrives whole
    assert result.merged == x and result.conflicts == ()
    assert merge(base, x, base).conflicts == ()


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_different_records_never_conflict_and_both_arrive(data):
    base = data.draw(projects)
    mine = data.draw(edited(base))
    touched = {(c.kind, c.ident) for c in diff(base, mine)}
    theirs = data.draw(edited(base))
    if touched & {(c.kind, c.ident) for c in diff(base, theirs)}:
        return  # overlapping edits are the next test's business
    result = merge(base, mine, theirs)
    assert result.conflicts == ()
    merged = result.merged
    for change in diff(base, mine):
        assert _value(merged, change) == change.after
    for change in diff(base, theirs):
        if change.kind in ("action", "risk") and change.field == "number":
            continue  # a new record's number may move to make room
        assert _value(merged, change) == _renumbered(change, merged)


def _value(data, change):
    table = {"answer": data.answers, "action": data.actions, "risk": data.risks,
             "info": {"info": data.info}, "scope": {"scope": data.scope}}[change.kind]
    record = table.get(change.ident)
    if record is None and change.kind == "answer":
        record = Answer(change.ident)
    if change.field == WHOLE:
        return record
    return getattr(record, change.field)


def _renumbered(change, merged):
    """A whole new action arrives with possibly another number."""
    if change.field == WHOLE and change.after is not None and change.kind in ("action", "risk"):
        arrived = _value(merged, change)
        return replace(change.after, number=arrived.number)
    return change.after


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_both_sides_changing_one_field_differently_is_a_conflict(data):
    base = data.draw(projects)
    key = data.draw(st.sampled_from(KEYS))
    old = base.answer(key)
    mine_text, theirs_text = data.draw(st.lists(texts.filter(lambda t: t != old.findings),
                                                min_size=2, max_size=2, unique=True))
    mine = replace(base, answers={**base.answers, key: replace(old, findings=mine_text)})
    theirs = replace(base, answers={**base.answers, key: replace(old, findings=theirs_text)})
    result = merge(base, mine, theirs)
    assert [(c.ident, c.field, c.mine, c.theirs) for c in result.conflicts] == [
        (key, "findings", mine_text, theirs_text)]
    assert result.merged.answer(key).findings == mine_text  # undecided: nothing overwritten
    assert result.resolved("theirs").answer(key).findings == theirs_text
    assert result.resolved({("answer", key, "findings"): "theirs"}).answer(key).findings == theirs_text


def test_actions_added_on_both_sides_are_both_kept_with_distinct_numbers():
    base = _project([], [], [])
    mine = replace(base, actions={"m": Action("m", 1, "Auditprogramma opstellen")})
    theirs = replace(base, actions={"t": Action("t", 1, "Patchbeleid"),
                                    "u": Action("u", 2, "Back-up testen")})
    merged = merge(base, mine, theirs).merged
    assert {a.title for a in merged.actions.values()} == {"Auditprogramma opstellen", "Patchbeleid",
                                                          "Back-up testen"}
    numbers = sorted(a.number for a in merged.actions.values())
    assert numbers == [1, 2, 3] and merged.actions["m"].number == 1


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict():
    action = Action("a", 1, "Directiebeoordeling")
    base = _project([], [action], [])
    mine = replace(base, actions={"a": replace(action, owner="M. de Vries")})
    theirs = replace(base, actions={})
    result = merge(base, mine, theirs)
    assert [(c.kind, c.ident, c.field) for c in result.conflicts] == [("action", "a", WHOLE)]
    assert "a" in result.merged.actions
    assert "a" not in result.resolved("theirs").actions


def test_diff_names_fields_and_changes_between_rebuilds():
    base = _project([Answer(KEYS[0], Result.PARTIAL, 2, "oud")], [], [])
    after = replace(base, answers={KEYS[0]: Answer(KEYS[0], Result.CONFORM, 2, "nieuw")})
    assert [(c.field, c.before, c.after) for c in diff(base, after)] == [
        ("result", Result.PARTIAL, Result.CONFORM), ("findings", "oud", "nieuw")]
    assert diff(base, base) == []
    assert [(c.before.result, c.after.result) for c in changes_between(base, after)] == [
        (Result.PARTIAL, Result.CONFORM)]


def test_merge_of_two_large_projects_names_every_conflict():
    keys = [f"stress-1:{i}" for i in range(5000)]
    base = _project([Answer(k, Result.PARTIAL, 2, "basis") for k in keys], [], [])
    mine = replace(base, answers={**base.answers, **{k: Answer(k, Result.CONFORM, 3, "mijn")
                                                     for k in keys[:1000]}})
    theirs = replace(base, answers={**base.answers, **{k: Answer(k, Result.NONCONFORM, 1, "hun")
                                                       for k in keys[500:1500]}})
    result = merge(base, mine, theirs)
    assert len(result.conflicts) == 500 * 3  # result, maturity and findings of 500 items
    assert result.merged.answer(keys[1200]).findings == "hun"  # theirs only: arrives
    assert result.merged.answer(keys[200]).findings == "mijn"
