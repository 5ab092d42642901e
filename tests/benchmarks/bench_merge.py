"""diff and merge of two 5,000-item projects (target: under 200 ms each).
Run: python -m pytest tests/benchmarks/bench_merge.py -s"""
import shutil
import time
from dataclasses import replace

from isodesk.app.session import ProjectSession
from isodesk.domain.merge import diff, merge
from isodesk.domain.scales import Result


def _load(path):
    session = ProjectSession.open(path, read_only=True)
    try:
        return session.snapshot()
    finally:
        session.close()


def _sides(stress_project):
    """Three separately loaded states, as from three files: equal records are equal values,
    not the same objects (which would make the comparisons trivially fast)."""
    base, mine, theirs = _load(stress_project), _load(stress_project), _load(stress_project)
    keys = list(base.answers)
    mine = replace(mine, answers={**mine.answers, **{
        k: replace(mine.answers[k], result=Result.CONFORM, findings="mijn") for k in keys[:1000]}})
    theirs = replace(theirs, answers={**theirs.answers, **{
        k: replace(theirs.answers[k], maturity=1, findings="hun") for k in keys[4000:]}})
    return base, mine, theirs


def _best(fn, repeat=5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def test_diff_and_merge_of_5000_items(stress_project):
    base, mine, theirs = _sides(stress_project)
    t_diff = _best(lambda: diff(base, mine))
    t_merge = _best(lambda: merge(base, mine, theirs))
    result = merge(base, mine, theirs)
    assert not result.conflicts
    assert {k: result.merged.answers[k] for k in list(base.answers)[4000:]} == {
        k: theirs.answers[k] for k in list(base.answers)[4000:]}
    print(f"\ndiff of 5,000 items (1,000 changed): {t_diff * 1000:.1f} ms; three-way merge with "
          f"1,000 changes on each side: {t_merge * 1000:.1f} ms")
    assert t_diff < 0.2 and t_merge < 0.2


def _copies(stress_project, folder):
    """The stress project and a colleague's copy of it, 1,000 answers changed on each side."""
    from isodesk.app.copy import copy_project

    mine, theirs = folder / "mine.isodesk", folder / "theirs.isodesk"
    shutil.copyfile(stress_project, mine)
    lead = ProjectSession.open(mine, author="Lead")
    copy_project(lead, theirs)
    keys = [r.key for r in lead.assessable()]
    lead.replace_answers([replace(lead.answer(k), result=Result.CONFORM, findings="mijn")
                          for k in keys[:1000]], "lead's work")
    lead.close()
    jan = ProjectSession.open(theirs, author="Jan")
    jan.replace_answers([replace(jan.answer(k), maturity=1, findings="hun") for k in keys[4000:]],
                        "Jan's work")
    jan.close()
    return mine, theirs, keys


def test_file_merge_of_two_5000_item_copies(stress_project, tmp_path):
    from isodesk.app.merge import apply_merge, plan_merge

    mine, theirs, keys = _copies(stress_project, tmp_path)
    pristine = tmp_path / "pristine.isodesk"
    shutil.copyfile(mine, pristine)
    totals, applying = [], []
    for _ in range(3):
        shutil.copyfile(pristine, mine)
        start = time.perf_counter()
        session = ProjectSession.open(mine, author="Lead")  # as `isodesk merge` does
        opened = time.perf_counter()
        plan = plan_merge(session.snapshot(), mine, theirs)
        planned = time.perf_counter()
        edit = apply_merge(session, plan, "theirs")
        done = time.perf_counter()
        session.close()
        totals.append(done - start)
        applying.append((opened - start, planned - opened, done - planned))
    assert not plan.conflicts and len(edit.changes) == 1000
    merged = _load(mine)
    assert merged.answer(keys[0]).findings == "mijn" and merged.answer(keys[-1]).findings == "hun"
    best = min(range(3), key=lambda i: totals[i])
    opening, planning, writing = applying[best]
    print(f"\nfile merge of two 5,000-item copies, 1,000 changes on each side: "
          f"{totals[best] * 1000:.0f} ms (open {opening * 1000:.0f}, read the other file and "
          f"plan {planning * 1000:.0f}, write {writing * 1000:.0f})")
    assert totals[best] < 1.0
