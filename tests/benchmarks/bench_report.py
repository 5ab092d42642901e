"""Benchmark of the PDF report.

* the demo project's report (nl), as PDF and as Word: the Word report in under 3 s;
* the stress project (5,000 answered items with notes) against a naive layout in the same run:
  a plain reportlab document that puts the same checklist rows in ONE LongTable of Paragraphs
  (repeatRows=1). Target: the full report, hyphenation on, in at most 0.2× the naive layout's
  time.

Run: ``python3 -m pytest -q tests/benchmarks/bench_report.py -s`` or
``python3 tests/benchmarks/bench_report.py``.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 0.2
WORD_SECONDS = 3.0


def _timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def naive_checklist(session, out: Path) -> None:
    """The appendix rows in one LongTable of Paragraphs: the layout the report must beat."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    from isodesk.report import fonts

    fonts.register()
    style = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=7.8, leading=9.6)
    rows = [["Ref", "Requirement", "Result", "Mat.", "Finding and evidence"]]
    for req in session.assessable():
        answer = session.answer(req.key)
        notes = "<br/>".join(escape(p) for p in (answer.findings, answer.evidence,
                                                 answer.interviewee) if p)
        rows.append([req.ref, Paragraph(escape(req.title["nl"]), style),
                     answer.result.label("nl"), "" if answer.maturity is None else str(answer.maturity),
                     Paragraph(notes, style)])
    table = LongTable(rows, colWidths=[44, 118, 70, 36, 214], repeatRows=1)
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm).build([table])


def run() -> dict:
    from isodesk.app.demo import write_demo
    from isodesk.app.session import ProjectSession
    from isodesk.catalog import CatalogRegistry
    from isodesk.report.builder import build_report
    from tests.benchmarks.stress import write_stress_project

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        demo = folder / "demo.isodesk"
        write_demo(demo, CatalogRegistry(ROOT / "norm_catalogs"))
        session = ProjectSession.open(demo, read_only=True)
        data = session.snapshot()
        results["demo report (s)"] = _timed(build_report, data, folder / "demo.pdf",
                                            language="nl")
        results["demo Word report (s)"] = _timed(build_report, data, folder / "demo.docx",
                                                 language="nl")
        session.close()

        stress = write_stress_project(folder / "stress.isodesk")
        session = ProjectSession.open(stress, read_only=True)
        calls = []
        results["stress report (s)"] = _timed(build_report, session.snapshot(),
                                              folder / "stress.pdf",
                                              progress=lambda done, total: calls.append(done))
        results["stress progress reports"] = len(calls)
        results["naive LongTable (s)"] = _timed(naive_checklist, session, folder / "naive.pdf")
        session.close()
    results["ratio"] = results["stress report (s)"] / results["naive LongTable (s)"]
    return results


def test_report_benchmark():
    results = run()
    for name, value in results.items():
        print(f"{name:>26}: {value:.2f}" if isinstance(value, float) else f"{name:>26}: {value}")
    assert results["ratio"] <= TARGET_RATIO
    assert results["demo Word report (s)"] < WORD_SECONDS


if __name__ == "__main__":
    test_report_benchmark()
