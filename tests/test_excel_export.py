"""Excel export: what a consultant and the client see in the workbook, and that writing it never
damages an existing file."""
from __future__ import annotations

import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import Cancelled, ProjectFileError
from isodesk.excel import layout as L
from isodesk.excel.export import export_workbook
from tests.conftest import run_isodesk


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path)
    yield session
    session.close()


def _export(session, folder: Path, name="out.xlsx", **kwargs) -> Path:
    out = folder / name
    export_workbook(session.snapshot(), out, **kwargs)
    return out


def _row_of(ws, key: str):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            return {L.CHECKLIST.columns[i].field: cell for i, cell in enumerate(row)
                    if i < len(L.CHECKLIST.columns)}
    raise AssertionError(f"{key} not in {ws.title}")


def test_sheets_headers_and_layout(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    assert wb.sheetnames == ["Voorblad", "ISO 9001", "ISO-IEC 27001", "ISO 14001", "ISO 45001",
                             "VvT", "Plan van aanpak", "Risico's", "Keuzelijsten"]
    assert wb["Keuzelijsten"].sheet_state == "hidden"
    ws = wb["ISO 9001"]
    assert [c.value for c in ws[1]] == [c.header["nl"] for c in L.CHECKLIST.columns]
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["A"].hidden  # the key column
    assert ws.auto_filter.ref == f"A1:L{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["H"].width >= 40  # findings are readable
    findings = _row_of(ws, "iso9001-2015:7.2")["findings"]
    assert findings.alignment.wrap_text
    # one row per catalog item, headings included, in catalog order
    keys = [row[0].value for row in ws.iter_rows(min_row=2)]
    assert keys == [r.key for r in demo.items_of("iso9001-2015")]


def test_answers_in_the_project_language(demo, tmp_path):
    ws = load_workbook(_export(demo, tmp_path))["ISO 9001"]
    row = _row_of(ws, "iso9001-2015:7.2")
    answer = demo.answer("iso9001-2015:7.2")
    assert row["result"].value == "Voldoet deels"
    assert row["maturity"].value == "2 - Herhaalbaar"
    assert row["findings"].value == answer.findings
    assert row["finding_type"].value == "Kleine afwijking"
    assert row["assessed_on"].value == datetime(2026, 11, 8)
    assert row["assessed_on"].number_format == "dd-mm-yyyy"
    assert row["questions"].value.startswith("• ")
    heading = _row_of(ws, "iso9001-2015:7")
    assert heading["result"].value is None and heading["title"].font.bold


def test_drop_downs_and_result_colours(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    ws, lists = wb["ISO 9001"], wb["Keuzelijsten"]
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    last = ws.max_row

    def choices(formula):
        area = formula.split("!")[1].replace("$", "")
        return [c.value for row in lists[area] for c in row]

    assert choices(validations[f"F2:F{last}"]) == ["Voldoet", "Voldoet deels", "Voldoet niet",
                                                   "Niet van toepassing", "Niet beoordeeld"]
    assert choices(validations[f"G2:G{last}"])[3] == "3 - Gedefinieerd"
    assert "Grote afwijking" in choices(validations[f"K2:K{last}"])
    rules = {r.formula[0]: r for cf in ws.conditional_formatting for r in cf.rules}
    assert set(rules) == {'"Voldoet"', '"Voldoet deels"', '"Voldoet niet"', '"Niet van toepassing"'}
    assert rules['"Voldoet niet"'].dxf.fill.fgColor.rgb.endswith("FFC7CE")
    soa = wb["VvT"]
    soa_lists = [dv.formula1 for dv in soa.data_validations.dataValidation]
    assert len(soa_lists) == 1  # applicable (the implementation follows from the result)
    actions = wb["Plan van aanpak"]
    ranges = [str(dv.sqref) for dv in actions.data_validations.dataValidation]
    assert all(int(r.split(":")[1][1:]) > len(demo.actions) + 100 for r in ranges)  # room for new rows


def test_english_export(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path, language="en"))
    assert wb.sheetnames[0] == "Cover" and "SoA" in wb.sheetnames and "Action plan" in wb.sheetnames
    ws = wb["ISO 9001"]
    assert ws["F1"].value == "Result"
    row = _row_of(ws, "iso9001-2015:7.2")
    assert row["result"].value == "Partially conform"
    assert row["maturity"].value == "2 - Repeatable"
    assert row["assessed_on"].number_format == "yyyy-mm-dd"


def test_cover_sheet_tells_how_to_fill_in_and_what_is_not_deleted(demo, tmp_path):
    ws = load_workbook(_export(demo, tmp_path))["Voorblad"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert demo.info.client in text
    assert "ISO/IEC 27001:2022" in text
    assert date.today().strftime("%d-%m-%Y") in text
    assert "NIET uit het project verwijderd" in text


def test_soa_actions_and_risks(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    soa = {row[0].value: [c.value for c in row] for row in wb["VvT"].iter_rows(min_row=2)}
    assert len(soa) == 93
    assert soa["iso27001-2022:A.8.25"][4:6] == ["Nee", "Geen eigen softwareontwikkeling."]
    actions = [[c.value for c in row] for row in wb["Plan van aanpak"].iter_rows(min_row=2)]
    first = next(a for a in demo.actions.values() if a.number == 1)
    assert actions[0][:3] == [1, first.title, first.owner]
    assert actions[0][7] == "\n".join(first.keys)
    risks = [[c.value for c in row] for row in wb["Risico's"].iter_rows(min_row=2)]
    assert risks[0][2:5] == [4, 4, 16]


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"klik\")", "+31 6 1234", "-1+2",
                                  "@SUM(A1)", "=1+1"])
def test_user_text_that_looks_like_a_formula_stays_text(demo, tmp_path, text):
    demo.set_answer("iso9001-2015:4.1", findings=text, interviewee=text)
    out = _export(demo, tmp_path)
    row = _row_of(load_workbook(out)["ISO 9001"], "iso9001-2015:4.1")
    for cell in (row["findings"], row["interviewee"]):
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text when the cell is edited
    with zipfile.ZipFile(out) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet2.xml")


def test_control_characters_do_not_break_the_export(demo, tmp_path):
    demo.set_answer("iso9001-2015:4.1", findings="regel 1\r\nregel 2\x07 einde")
    row = _row_of(load_workbook(_export(demo, tmp_path))["ISO 9001"], "iso9001-2015:4.1")
    assert row["findings"].value == "regel 1\nregel 2 einde"


def test_progress_reaches_the_end(demo, tmp_path):
    calls = []
    _export(demo, tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] > 300
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancel_writes_nothing(demo, tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")
    with pytest.raises(Cancelled):
        export_workbook(demo.snapshot(), out, cancel=lambda: True)
    assert out.read_bytes() == b"old workbook"
    assert [n for n in os.listdir(tmp_path) if "demo.isodesk" not in n] == ["out.xlsx"]


def test_read_only_destination_is_refused_and_kept(demo, tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")
    out.chmod(0o444)
    with pytest.raises(ProjectFileError, match="read-only"):
        export_workbook(demo.snapshot(), out)
    assert out.read_bytes() == b"old workbook"


@pytest.mark.parametrize("lock", ["~$out.xlsx", ".~lock.out.xlsx#"])
def test_workbook_open_in_excel_or_libreoffice_is_refused(demo, tmp_path, lock):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")
    (tmp_path / lock).write_text("someone")
    with pytest.raises(ProjectFileError, match="open in Excel or LibreOffice"):
        export_workbook(demo.snapshot(), out)
    assert out.read_bytes() == b"old workbook"


def test_failed_replace_keeps_the_old_file_and_no_temp_file(demo, tmp_path, monkeypatch):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")

    def locked(src, dst):  # what Windows does while Excel holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ProjectFileError, match="open in another program or read-only"):
        export_workbook(demo.snapshot(), out)
    assert out.read_bytes() == b"old workbook"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


@pytest.mark.parametrize("name, message", [
    ("out.csv", "ending in .xlsx"),
    ("missing/out.xlsx", "does not exist"),
])
def test_bad_destination(demo, tmp_path, name, message):
    with pytest.raises(ProjectFileError, match=message):
        export_workbook(demo.snapshot(), tmp_path / name)


def test_two_editions_of_one_standard_get_distinct_sheet_names():
    from isodesk.domain.model import CatalogInfo

    names = L.catalog_sheet_names([
        CatalogInfo("iso9001-2015", "ISO 9001", "2015", {}),
        CatalogInfo("iso9001-2026", "ISO 9001", "2026", {}),
        CatalogInfo("iso27001-2022", "ISO/IEC 27001", "2022", {}),
    ])
    assert names == {"iso9001-2015": "ISO 9001 2015", "iso9001-2026": "ISO 9001 2026",
                     "iso27001-2022": "ISO-IEC 27001"}


def test_cli_export(demo_path, tmp_path):
    out = tmp_path / "cli.xlsx"
    r = run_isodesk("export", str(demo_path), str(out))
    assert r.returncode == 0, r.stderr
    assert f"Exported to {out}." in r.stdout
    assert load_workbook(out, read_only=True).sheetnames[1] == "ISO 9001"
    r = run_isodesk("export", str(demo_path), str(tmp_path / "nope" / "x.xlsx"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
