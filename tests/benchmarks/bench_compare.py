"""``isodesk compare`` of two 5,000-item projects (target: under 1 s): the stress project as the
baseline and its follow-up with 1,000 answers changed, each file opened and read as the command
does, compared and written as JSON.
Run: python -m pytest tests/benchmarks/bench_compare.py -s"""
import json
import shutil
import time
from dataclasses import replace
from datetime import date

from isodesk.app.compare import compare_sides, comparison_json, side_of
from isodesk.app.followup import start_followup
from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result


def _pair(stress_project, folder):
    baseline = folder / "nulmeting.isodesk"
    followup = folder / "hermeting.isodesk"
    shutil.copyfile(stress_project, baseline)
    session = ProjectSession.open(baseline)
    start_followup(session, followup, on=date(2027, 3, 1))
    session.close()
    session = ProjectSession.open(followup)
    keys = [r.key for r in session.assessable()]
    session.replace_answers([replace(session.answer(k), result=Result.CONFORM, maturity=4,
                                     reverify=False) for k in keys[:1000]], "re-verified")
    session.close()
    return baseline, followup


def _compare(old, new) -> dict:
    sides = []
    for path in (old, new):  # as cmd_compare: open read-only, snapshot and ancestry, close
        session = ProjectSession.open(path, read_only=True)
        try:
            sides.append(side_of(session))
        finally:
            session.close()
    return comparison_json(compare_sides(*sides), *sides)


def test_compare_of_two_5000_item_projects(stress_project, tmp_path):
    old, new = _pair(stress_project, tmp_path)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        data = _compare(old, new)
        json.dumps(data, ensure_ascii=False, indent=2)
        times.append(time.perf_counter() - start)
    changed = len(data["items"])
    assert 0 < changed <= 1000 and data["related"]
    print(f"\ncompare of two 5,000-item projects ({changed} items changed): "
          f"{min(times) * 1000:.0f} ms (best of 3; files opened, compared, JSON written)")
    assert min(times) < 1.0
