"""Storage benchmarks (issue: foundation). Run: python -m pytest tests/benchmarks/bench_storage.py -s

- median single-edit commit time (target ≤ 10 ms on local disk);
- open the 5,000-item stress project and load all answers, as a ratio against a plain sqlite3
  SELECT of the same rows in the same run (target ≤ 3×).
"""
import sqlite3
import statistics
import time

from isodesk.app.session import ProjectSession
from isodesk.storage import ProjectStore


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_edit_commit_time(stress_project):
    session = ProjectSession.open(stress_project)
    keys = [r.key for r in session.assessable()][:200]
    times = []
    for i, key in enumerate(keys):
        start = time.perf_counter()
        session.set_answer(key, maturity=i % 6, findings=f"bench {i}")
        times.append(time.perf_counter() - start)
    session.close()
    median_ms = statistics.median(times) * 1000
    print(f"\nsingle edit commit: median {median_ms:.2f} ms, p95 "
          f"{sorted(times)[int(len(times) * .95)] * 1000:.2f} ms over {len(times)} edits")
    assert median_ms <= 10


def test_open_and_load_answers_vs_raw_select(stress_project):
    def raw():
        conn = sqlite3.connect(stress_project)
        rows = conn.execute("SELECT key, result, maturity, findings, evidence, interviewee, "
                            "assessed_on, finding_type, linked_to FROM answer").fetchall()
        conn.close()
        return rows

    def ours():
        store = ProjectStore.open(stress_project, read_only=True)
        answers = store.answers()
        store.close()
        return answers

    assert len(raw()) == len(ours()) == 5000
    t_raw = _median(raw, 15)
    t_ours = _median(ours, 15)
    print(f"\nopen + load 5,000 answers: {t_ours * 1000:.1f} ms; raw sqlite3 SELECT "
          f"{t_raw * 1000:.1f} ms; ratio {t_ours / t_raw:.2f}×")
    assert t_ours / t_raw <= 3
