"""Texts at the maximum length go everywhere a text goes, in seconds: report, workbook, back."""
import random
import subprocess
import sys
import textwrap
import time

from isodesk.app.session import create_project
from isodesk.domain.limits import MAX_TEXT_LENGTH
from isodesk.excel.export import export_workbook
from isodesk.excel.importer import plan_import
from isodesk.report.builder import build_report
from tests.conftest import ROOT

WORDS = ("de organisatie heeft een procedure voor kalibratie maar die wordt niet altijd "
         "gevolgd door de monteurs op locatie").split()


def _text(seed: int, end: str) -> str:
    """Words up to exactly MAX_TEXT_LENGTH characters, ending in ``end`` (to find it again)."""
    rng = random.Random(seed)
    words = " ".join(rng.choice(WORDS) for _ in range(MAX_TEXT_LENGTH // 4))
    text = words[:MAX_TEXT_LENGTH - len(end) - 1].rstrip() + " " + end
    return text + "." * (MAX_TEXT_LENGTH - len(text))


def test_a_project_with_every_note_at_the_maximum(tmp_path, registry):
    path = tmp_path / "lang.isodesk"
    session = create_project(path, "Klant B.V.", ["iso27001-2022"], registry)
    try:
        keys = [r.key for r in session.assessable()][:8]
        for i, key in enumerate(keys):
            session.set_answer(key, result="nonconform", findings=_text(i, f"EINDE{i}"),
                               evidence=_text(100 + i, f"BEWIJS{i}"), interviewee=_text(200 + i, "WIE"))
        session.set_scope(**{name: _text(10 + i, name.upper()) for i, name in enumerate(
            ("description", "sites", "processes", "exclusions", "justification"))})
        session.add_action(_text(50, "ACTIE"), owner=_text(51, "EIGENAAR"), keys=keys[:1])
        session.add_risk(_text(52, "RISICO"), owner=_text(53, "RISICO-EIGENAAR"), keys=keys[:1])
        control = next(r.key for r in session.assessable() if r.kind == "control")
        session.set_soa(control, applicable=True, justification=_text(54, "VERANTWOORDING"))
        assert all(len(session.answer(k).findings) == MAX_TEXT_LENGTH for k in keys)

        start = time.perf_counter()
        build_report(session, tmp_path / "rapport.pdf")
        seconds = time.perf_counter() - start
        print(f"\nreport with every note at {MAX_TEXT_LENGTH:,} characters: {seconds:.1f} s")
        assert seconds < 30  # measured: 2 s
        text = subprocess.run(["pdftotext", str(tmp_path / "rapport.pdf"), "-"],
                              capture_output=True, text=True).stdout
        for end in [f"EINDE{i}" for i in range(len(keys))] + ["BEWIJS7", "DESCRIPTION", "ACTIE"]:
            assert end in text, end

        workbook = tmp_path / "werkboek.xlsx"
        export_workbook(session.snapshot(), workbook)
        plan = plan_import(session.snapshot(), workbook)
        assert plan.change_count == 0, "texts at the maximum survive the workbook whole"
    finally:
        session.close()


def test_project_details_at_the_maximum_still_make_a_report(tmp_path, registry):
    """Names do not belong on pages of their own, but a cover that overflows is no reason to
    refuse the report (reportlab refused such a table: "too large on page")."""
    session = create_project(tmp_path / "naam.isodesk", "Klant", ["iso9001-2015"], registry)
    try:
        session.set_info(client=_text(1, "KLANT"), title=_text(2, "TITEL"),
                         sites=(_text(3, "LOCATIE"),), confidentiality=_text(5, "GEHEIM"))
        build_report(session, tmp_path / "rapport.pdf")
    finally:
        session.close()
    text = subprocess.run(["pdftotext", str(tmp_path / "rapport.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert "KLANT" in text and "LOCATIE" in text


def test_a_huge_note_from_an_older_file_reports_in_bounded_memory(tmp_path, small_project):
    """Cutting a row over many pages must not copy the rest of it at every page end: a 3 MB
    note (written before the maximum existed) took half a GB that way, a 10 MB one ran out."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from isodesk.app.session import ProjectSession
        from isodesk.domain.edits import Change, Edit
        from isodesk.domain.model import Answer
        from isodesk.report.builder import build_report
        session = ProjectSession.open({str(small_project)!r})
        key = session.assessable()[0].key
        note = ("woord " * 500_000)[:3_000_000]
        session.store.apply(Edit("old", (Change(session.answer(key), Answer(key, findings=note)),)),
                            "2025-01-01T00:00:00", "oude versie")
        session.reload()
        build_report(session.snapshot(), Path({str(tmp_path / "groot.pdf")!r}))
        # VmHWM: this process's peak (ru_maxrss would include the forking test runner's)
        status = Path("/proc/self/status").read_text()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) < 300, f"{r.stdout.strip()} MB"
