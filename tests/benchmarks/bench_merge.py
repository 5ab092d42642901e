"""diff and merge of two 5,000-item projects (target: under 200 ms each).
Run: python -m pytest tests/benchmarks/bench_merge.py -s"""
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
