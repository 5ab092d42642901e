"""A client opens the workbook in LibreOffice Calc and saves it again (as .xlsx, or as .ods and
then .xlsx): the base, the protection and every value survive, so the import still sees
exactly what the client changed and nothing else."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from isodesk.app.session import ProjectSession
from isodesk.app.workbook import apply_import, import_work
from isodesk.domain.scales import Result
from isodesk.excel import layout as L
from isodesk.excel.export import export_workbook
from tests.test_excel_import import action, edit

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
AWKWARD = {
    "iso9001-2015:4.1": "=SUM(A1:A3) is geen formule",
    "iso9001-2015:4.2": "  spaties voor en na  ",
    "iso9001-2015:4.3": "regel 1\r\nregel 2\n\nregel 4",
    "iso9001-2015:4.4.1": "-min, +plus, @at, 'quote, \"dubbel\", <tag> & ĳ ß 😀",
    "iso9001-2015:5.1.1": "123",
    "iso9001-2015:5.1.2": "lang verslag " * 2500,  # one line LibreOffice breaks when saving
    "iso9001-2015:5.2.1": "Back-up 😀😀😀😀.\n" * 2000,  # more than a cell: cut with a mark
}


@pytest.fixture(scope="module")
def project(tmp_path_factory, _demo_master) -> Path:
    """The demo with awkward texts, as the master copy every test starts from."""
    path = tmp_path_factory.mktemp("lo-project") / "demo.isodesk"
    shutil.copyfile(_demo_master, path)
    session = ProjectSession.open(path)
    for key, text in AWKWARD.items():
        session.set_answer(key, findings=text, evidence=text)
    session.close()
    return path


def _convert(files: list[Path], to: str, out: Path, profile: Path) -> None:
    try:
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", to, "--outdir", str(out), *map(str, files)],
                       check=True, capture_output=True, timeout=240)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as e:
        pytest.fail(f"LibreOffice could not convert the workbooks: {e}")


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, project) -> dict[str, Path]:
    """The untouched and an edited export, saved again by LibreOffice: "xlsx" directly,
    "ods" through an OpenDocument spreadsheet and back."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    session = ProjectSession.open(project, read_only=True)
    untouched = folder / "untouched.xlsx"
    export_workbook(session.snapshot(), untouched)
    session.close()
    edited = folder / "edited.xlsx"
    shutil.copyfile(untouched, edited)
    edit(edited, "ISO 9001", {"iso9001-2015:7.2": {
        "result": "Voldoet", "maturity": "4 - Gemeten", "findings": "=geen formule, wel tekst",
        "assessed_on": datetime(2026, 12, 24), "client_comment": "Besproken in het MT."}})
    edit(edited, "VvT", {"iso27001-2022:A.8.25": {"applicable": True}}, layout=L.SOA)
    edit(edited, "Plan van aanpak", {("new", 1): {"title": "Via LibreOffice", "quick_win": "Ja"}},
         layout=L.ACTIONS)
    wb = load_workbook(edited)
    ws = wb["ISO 9001"]
    findings = L.CHECKLIST.position("findings") - 1
    for row in ws.iter_rows(min_row=2):  # text starting with = must be written as text
        if row[0].value == "iso9001-2015:7.2":
            row[findings].data_type = "s"
    wb.save(edited)
    profile = folder / "profile"
    _convert([untouched, edited], "xlsx", folder / "xlsx", profile)
    _convert([untouched, edited], "ods", folder / "ods", profile)
    _convert([folder / "ods" / "untouched.ods", folder / "ods" / "edited.ods"], "xlsx",
             folder / "ods-xlsx", profile)
    return {"xlsx": folder / "xlsx", "ods": folder / "ods-xlsx"}


@pytest.fixture
def demo(project, tmp_path):
    path = tmp_path / "demo.isodesk"
    shutil.copyfile(project, path)
    session = ProjectSession.open(path)
    yield session
    session.close()


@pytest.mark.parametrize("via", ["xlsx", "ods"])
def test_a_resaved_export_imports_without_changes(demo, resaved, via):
    before = dict(demo.answers)
    plan = import_work(demo, resaved[via] / "untouched.xlsx")()
    assert plan.three_way, [str(w) for w in plan.warnings]  # the base survived
    assert plan.is_empty and plan.warnings == [], plan.describe()[:5]
    assert demo.answers == before


@pytest.mark.parametrize("via", ["xlsx", "ods"])
def test_what_the_client_works_with_survives(resaved, via):
    wb = load_workbook(resaved[via] / "untouched.xlsx")
    assert wb["Keuzelijsten"].sheet_state == "hidden"
    assert wb["isodesk"].sheet_state in ("hidden", "veryHidden")  # LibreOffice: "hidden"
    ws = wb["ISO 9001"]
    assert ws.column_dimensions["A"].hidden
    assert any("Keuzelijsten" in dv.formula1 for dv in ws.data_validations.dataValidation)
    for sheet in wb.worksheets:
        assert sheet.protection.sheet, sheet.title
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "iso9001-2015:7.2")
    locked = {c.field: row[n].protection.locked for n, c in enumerate(L.CHECKLIST.columns)}
    assert not locked["result"] and not locked["client_comment"] and locked["title"]


@pytest.mark.parametrize("via", ["xlsx", "ods"])
def test_edits_made_before_the_resave_arrive_exactly(demo, resaved, via):
    demo.set_answer("iso9001-2015:8.5.1", findings="Na de export door de consultant.")
    plan = import_work(demo, resaved[via] / "edited.xlsx")()
    assert plan.conflicts == []
    assert sorted((r.key, r.field) for r in plan.rows if r.key.startswith(("iso9001-2015:7.2",
                                                                         "iso27001-2022:A.8",
                                                                         "action"))) == sorted([
        ("iso9001-2015:7.2", "result"), ("iso9001-2015:7.2", "maturity"),
        ("iso9001-2015:7.2", "findings"), ("iso9001-2015:7.2", "assessed on"),
        ("iso9001-2015:7.2", "client comment"),
        ("iso27001-2022:A.8.25", "applicable"), ("iso27001-2022:A.8.25", "result"),
        ("action:12", "title"), ("action:12", "quick win")])
    apply_import(demo, plan)
    answer = demo.answer("iso9001-2015:7.2")
    assert (answer.result, answer.maturity, answer.findings, answer.assessed_on,
            answer.client_comment) == (Result.CONFORM, 4, "=geen formule, wel tekst",
                                       date(2026, 12, 24), "Besproken in het MT.")
    assert demo.soa("iso27001-2022:A.8.25").applicable is True  # reopened: no longer n.a.
    assert action(demo, 12).title == "Via LibreOffice" and action(demo, 12).quick_win
    for key, text in AWKWARD.items():  # untouched by the client: kept exactly, long text whole
        assert demo.answer(key).findings == text, key
    assert demo.answer("iso9001-2015:8.5.1").findings == "Na de export door de consultant."
