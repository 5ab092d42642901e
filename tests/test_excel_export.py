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


def _letter(field: str, layout=L.CHECKLIST) -> str:
    return L.letter_of(layout.position(field))


def _row_of(ws, key: str):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            return {L.CHECKLIST.columns[i].field: cell for i, cell in enumerate(row)
                    if i < len(L.CHECKLIST.columns)}
    raise AssertionError(f"{key} not in {ws.title}")


def test_sheets_headers_and_layout(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    assert wb.sheetnames == ["Voorblad", "ISO 9001", "ISO-IEC 27001", "ISO 14001", "ISO 45001",
                             "VvT", "Plan van aanpak", "Risico's", "Keuzelijsten", "isodesk"]
    assert wb["Keuzelijsten"].sheet_state == "hidden"
    assert wb["isodesk"].sheet_state == "veryHidden"  # the base: what was exported
    ws = wb["ISO 9001"]
    assert [c.value for c in ws[1]] == [c.header["nl"] for c in L.CHECKLIST.columns]
    assert ws.freeze_panes == "D2"  # number and title stay in view while typing findings
    assert ws.column_dimensions["A"].hidden  # the key column
    assert ws.auto_filter.ref == f"A1:{L.letter_of(len(L.CHECKLIST.columns))}{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions[_letter("findings")].width >= 40  # findings are readable
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

    by_column = {area.split(":")[0].rstrip("0123456789"): formula
                 for area, formula in validations.items()}
    assert choices(by_column[_letter("result")]) == ["Voldoet", "Voldoet deels", "Voldoet niet",
                                                     "Niet van toepassing", "Niet beoordeeld"]
    assert choices(by_column[_letter("maturity")])[3] == "3 - Gedefinieerd"
    assert "Grote afwijking" in choices(by_column[_letter("finding_type")])
    # drop-downs on every answer row, none on a heading row
    rows = {row[0].value: n for n, row in enumerate(ws.iter_rows(), 1)}
    covered = set()
    for dv in ws.data_validations.dataValidation:
        for area in dv.sqref.ranges:
            covered.update(range(area.min_row, area.max_row + 1))
    for req in demo.items_of("iso9001-2015"):
        assert (rows[req.key] in covered) is req.assessable, req.key
    assert last in covered
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
    assert ws[f"{_letter('result')}1"].value == "Result"
    assert ws[f"{_letter('client_comment')}1"].value == "Client comment"
    row = _row_of(ws, "iso9001-2015:7.2")
    assert row["result"].value == "Partially conform"
    assert row["maturity"].value == "2 - Repeatable"
    assert row["assessed_on"].number_format == "yyyy-mm-dd"


def test_cover_sheet_speaks_to_the_client(demo, tmp_path):
    ws = load_workbook(_export(demo, tmp_path))["Voorblad"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    text = "\n".join(str(v) for row in rows for v in row if v)
    assert demo.info.client in text
    assert "ISO/IEC 27001:2022" in text
    assert date.today().strftime("%d-%m-%Y") in text
    # the confidentiality line, right under the title
    assert rows[1] == ["Vertrouwelijk", demo.info.confidentiality]
    assert ws["B2"].font.color.rgb.endswith("C00000")
    # plain language for a client: what to fill in, where remarks go, how to send it back
    assert "Toelichting klant" in text and "stuur het terug" in text
    assert "isodesk import" not in text and ".isodesk" not in text and "--" not in text


def test_cover_without_a_confidentiality_line_of_the_project(demo, tmp_path):
    demo.set_info(confidentiality="")
    ws = load_workbook(_export(demo, tmp_path, language="en"))["Cover"]
    assert ws["A2"].value == "Confidential"
    assert ws["B2"].value.startswith(f"This workbook holds confidential information of "
                                     f"{demo.info.client}")


def test_document_properties(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    assert wb.properties.title == f"Nulmeting — werkboek — {demo.info.client}"
    assert wb.properties.creator == "Anouk IJzerman, Joost Verbruggen"  # the assessors
    assert "ISO 9001:2015" in wb.properties.subject


def test_soa_actions_and_risks(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    soa = {row[0].value: [c.value for c in row] for row in wb["VvT"].iter_rows(min_row=2)}
    assert len(soa) == 93
    assert soa["iso27001-2022:A.8.25"][4:6] == ["Nee", "Geen eigen softwareontwikkeling."]
    actions = [[c.value for c in row] for row in wb["Plan van aanpak"].iter_rows(min_row=2)]
    first = next(a for a in demo.actions.values() if a.number == 1)
    assert actions[0][:4] == [first.id, 1, first.title, first.owner]  # hidden id, number
    assert actions[0][8] == "\n".join(first.keys)
    risks = [[c.value for c in row] for row in wb["Risico's"].iter_rows(min_row=2)]
    assert risks[0][3:5] == [4, 4]
    # the score is a formula that follows likelihood and impact, also on the empty rows
    assert risks[0][5] == '=IF(COUNT(D2:E2)=2,D2*E2,"")'
    row = len(demo.risks) + 5
    assert risks[row - 2][5] == f'=IF(COUNT(D{row}:E{row})=2,D{row}*E{row},"")'


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


# ------------------------------------------------------------------ a workbook for a client
def test_sheets_are_protected_and_only_input_cells_are_unlocked(demo, tmp_path):
    wb = load_workbook(_export(demo, tmp_path))
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title  # protection against slips, not a lock
        if ws.sheet_state == "visible":  # rows may grow and columns widen, no comments
            assert not ws.protection.formatRows and not ws.protection.formatColumns, ws.title
            assert ws.protection.objects and ws.protection.sort, ws.title
    ws = wb["ISO 9001"]
    inputs = {c.field for c in L.CHECKLIST.imported}
    assert inputs == {"result", "maturity", "findings", "evidence", "interviewee",
                      "finding_type", "assessed_on", "client_comment"}
    for key, assessable in (("iso9001-2015:7.2", True), ("iso9001-2015:7", False)):
        row = _row_of(ws, key)
        for field, cell in row.items():
            assert cell.protection.locked is not (assessable and field in inputs), (key, field)
    assert _row_of(ws, "iso9001-2015:7.2")["assessed_on"].number_format == "dd-mm-yyyy"
    soa = wb["VvT"]
    line = next(row for row in soa.iter_rows(min_row=2) if row[0].value == "iso27001-2022:A.5.1")
    assert [c.protection.locked for c in line] == [True, True, True, True, False, False, True]
    actions = wb["Plan van aanpak"]
    for row in (2, len(demo.actions) + 1, len(demo.actions) + 150):  # the empty rows too
        cells = actions[row]
        assert [c.protection.locked for c in cells] == [True, True] + [False] * 7, row
    risks = wb["Risico's"]
    assert risks.cell(2, L.RISKS.position("score")).protection.locked


def test_print_area_is_readable_on_a4_landscape(demo, tmp_path):
    """Fit to one page wide: the scale follows from the printed columns' widths. A column width
    unit is one digit of Calibri 11 (7 pixels at 96 dpi)."""
    wb = load_workbook(_export(demo, tmp_path))
    for title, layout in (("ISO 9001", L.CHECKLIST), ("VvT", L.SOA),
                          ("Plan van aanpak", L.ACTIONS), ("Risico's", L.RISKS)):
        ws = wb[title]
        first, last = layout.print_columns
        area = ws.print_area.split("!")[-1].replace("$", "")
        assert area.startswith(f"{L.letter_of(first)}1:{L.letter_of(last)}"), title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
        points = sum(round(ws.column_dimensions[L.letter_of(n)].width * 7) * 0.75
                     for n in range(first, last + 1))
        printable = (297 / 25.4 - ws.page_margins.left - ws.page_margins.right) * 72
        assert 11 * min(1.0, printable / points) >= 8, (title, points)
    first, last = L.CHECKLIST.print_columns
    checklist = [c.field for c in L.CHECKLIST.columns[first - 1:last]]
    assert "findings" in checklist and "client_comment" in checklist
    assert "questions" not in checklist and "key" not in checklist
    # the empty rows for new actions are not printed by the hundred
    last_printed = int(wb["Plan van aanpak"].print_area.rsplit("$", 1)[-1])
    assert last_printed < len(demo.actions) + 20


def test_rows_grow_with_their_text(demo, tmp_path):
    with zipfile.ZipFile(_export(demo, tmp_path)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    assert ' ht="' in sheet  # an estimate of the wrapped lines ...
    assert "customHeight" not in sheet  # ... that Excel and LibreOffice may still grow


def test_text_longer_than_a_cell_is_cut_with_a_mark_and_kept_whole_in_the_base(demo, tmp_path):
    from isodesk.excel import base
    from isodesk.excel.longtext import CELL_LIMIT

    long_text = "Back-up 😀😀😀😀.\n" * 2000  # 28,000 characters; Excel counts 36,000
    demo.set_answer("iso9001-2015:7.2", findings=long_text)
    wb = load_workbook(_export(demo, tmp_path))
    cell = _row_of(wb["ISO 9001"], "iso9001-2015:7.2")["findings"].value
    assert len(cell.encode("utf-16-le")) // 2 <= CELL_LIMIT
    assert cell.endswith("tekens staan in isodesk]")
    assert long_text.startswith(cell.rsplit("\n", 1)[0])
    kept = base.read(wb)
    assert kept.answers["iso9001-2015:7.2"].findings == long_text
    assert kept.project_id == demo.id and kept.client == demo.info.client
