"""Excel import: the round trip loses nothing, edits made in Excel arrive exactly, and every kind
of bad workbook gets one sentence while the project stays as it was."""
from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from isodesk.app.session import ProjectSession
from isodesk.app.workbook import apply_import
from isodesk.domain.errors import Cancelled, DataError
from isodesk.domain.scales import (
    ActionStatus,
    FindingType,
    Priority,
    Result,
    Treatment,
)
from isodesk.excel import layout as L
from isodesk.excel import sheets, workbook_file
from isodesk.excel.export import export_workbook
from isodesk.excel.importer import plan_import
from tests.conftest import run_isodesk


# ----------------------------------------------------------------------------- helpers
@pytest.fixture(scope="module")
def demo_exports(tmp_path_factory, _demo_master):
    """The untouched demo project exported in Dutch and in English (made once)."""
    folder = tmp_path_factory.mktemp("exports")
    session = ProjectSession.open(_demo_master, read_only=True)
    try:
        for lang in ("nl", "en"):
            export_workbook(session.snapshot(), folder / f"demo-{lang}.xlsx", language=lang)
    finally:
        session.close()
    return folder


@pytest.fixture
def workbook(demo_exports, tmp_path) -> Path:
    """A fresh copy of the Dutch export, for a test to edit."""
    path = tmp_path / "demo.xlsx"
    shutil.copyfile(demo_exports / "demo-nl.xlsx", path)
    return path


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path)
    yield session
    session.close()


def snapshot(session) -> tuple:
    return (dict(session.answers), dict(session.actions), dict(session.risks))


def action(session, number: int):
    """The action users know as A-<number>."""
    return next(a for a in session.actions.values() if a.number == number)


def risk(session, number: int):
    return next(r for r in session.risks.values() if r.number == number)


def edit(path: Path, sheet: str, changes: dict, layout=L.CHECKLIST, lang="nl") -> None:
    """Set cells through openpyxl, as a client's spreadsheet would: {row key: {field: value}}.

    The row key is a requirement key, an action/risk number, or ("new", n) for the n-th row
    below the last one.
    """
    wb = load_workbook(path)
    ws = wb[sheet]
    columns = {c.value: i + 1 for i, c in enumerate(ws[1]) if c.value}
    col = {c.field: columns.get(c.header[lang]) for c in layout.columns}
    rows = {ws.cell(r, col[layout.key.field]).value: r for r in range(2, ws.max_row + 1)}
    last = max((r for k, r in rows.items() if k is not None), default=1)
    for key, fields in changes.items():
        row = last + key[1] if isinstance(key, tuple) else rows[key]
        for name, value in fields.items():
            ws.cell(row, col[name]).value = value
    wb.save(path)


def plan_and_apply(session, path):
    plan = plan_import(session.snapshot(), path)
    apply_import(session, plan)
    return plan


# --------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_then_import_of_the_demo_changes_nothing(demo, demo_exports, lang):
    before = snapshot(demo)
    plan = plan_import(demo.snapshot(), demo_exports / f"demo-{lang}.xlsx")
    assert not plan.changes and plan.change_count == 0 and plan.rows == []
    assert plan.describe()[-1].startswith("No changes")
    assert snapshot(demo) == before


def test_round_trip_keeps_awkward_text(demo, tmp_path):
    awkward = {
        "iso9001-2015:4.1": "=SUM(A1:A3) is geen formule",
        "iso9001-2015:4.2": "  spaties voor en na  ",
        "iso9001-2015:4.3": "regel 1\r\nregel 2\n\nregel 4",
        "iso9001-2015:4.4.1": "-min, +plus, @at, 'quote, \"dubbel\", <tag> & ĳ ß 😀",
        "iso9001-2015:5.1.1": "123",
        "iso9001-2015:5.1.2": "x" * 5000,
    }
    for key, text in awkward.items():
        demo.set_answer(key, findings=text, evidence=text)
    out = tmp_path / "awkward.xlsx"
    export_workbook(demo.snapshot(), out)
    plan = plan_import(demo.snapshot(), out)
    assert not plan.changes, plan.describe()


def test_edits_made_with_openpyxl_arrive_exactly(demo, workbook):
    before = snapshot(demo)
    edit(workbook, "ISO 9001", {
        "iso9001-2015:7.2": {"result": "Voldoet", "maturity": "3 - Gedefinieerd",
                             "findings": "Competentiematrix nu compleet.", "finding_type": None},
        "iso9001-2015:8.5.1": {"result": "Voldoet niet", "assessed_on": datetime(2026, 12, 1),
                               "interviewee": "K. Visser"},
    })
    # Not applicable in the SoA is the n.a. result; the implementation column is only shown
    # (it follows from the result), so what a client types there is not imported.
    edit(workbook, "VvT", {"iso27001-2022:A.5.1": {"applicable": "Nee",
                                                   "implementation": "Geïmplementeerd"}},
         layout=L.SOA)
    edit(workbook, "Plan van aanpak", {
        3: {"owner": "A. Nieuw", "status": "Gereed", "deadline": datetime(2027, 2, 1)},
        ("new", 1): {"title": "Nieuwe actie uit Excel", "priority": "Hoog",
                     "keys": "iso9001-2015:7.2"},
    }, layout=L.ACTIONS)
    edit(workbook, "Risico's", {2: {"likelihood": 5},
                                ("new", 1): {"description": "Nieuw risico", "impact": 2}},
         layout=L.RISKS)

    plan = plan_import(demo.snapshot(), workbook)
    by_field = {(r.key, r.field): (r.old, r.new) for r in plan.rows}
    assert by_field[("iso9001-2015:7.2", "result")] == ("Voldoet deels", "Voldoet")
    assert by_field[("iso9001-2015:7.2", "maturity")] == ("2 - Herhaalbaar", "3 - Gedefinieerd")
    assert by_field[("iso9001-2015:7.2", "finding type")] == ("Kleine afwijking", "–")
    assert by_field[("iso9001-2015:8.5.1", "assessed on")][1] == "01-12-2026"
    assert by_field[("action:3", "status")] == ("Open", "Gereed")
    assert by_field[("action:12", "title")] == ("–", "Nieuwe actie uit Excel")
    assert ("risk:7", "description") in by_field
    assert "iso9001-2015:7.2 result: Voldoet deels → Voldoet" in plan.describe()
    assert plan.change_count == 7  # 2 answers, 1 SoA line (on its answer), 2 actions, 2 risks
    assert by_field[("iso27001-2022:A.5.1", "applicable")][1] == "Nee"

    apply_import(demo, plan)
    answers, actions, risks = before
    a72 = demo.answer("iso9001-2015:7.2")
    assert (a72.result, a72.maturity, a72.findings, a72.finding_type) == (
        Result.CONFORM, 3, "Competentiematrix nu compleet.", None)
    assert (a72.evidence, a72.interviewee) == (answers["iso9001-2015:7.2"].evidence,
                                               answers["iso9001-2015:7.2"].interviewee)
    a851 = demo.answer("iso9001-2015:8.5.1")
    assert (a851.result, a851.assessed_on, a851.interviewee) == (
        Result.NONCONFORM, date(2026, 12, 1), "K. Visser")
    assert demo.soa("iso27001-2022:A.5.1").applicable is False
    assert demo.answer("iso27001-2022:A.5.1").result is Result.NA
    assert demo.soa("iso27001-2022:A.5.1").status is None  # not applicable: no status
    assert action(demo, 3).owner == "A. Nieuw" and action(demo, 3).status is ActionStatus.DONE
    assert action(demo, 3).deadline == date(2027, 2, 1)
    new = action(demo, 12)
    assert (new.title, new.priority, new.status, new.keys) == (
        "Nieuwe actie uit Excel", Priority.HIGH, ActionStatus.OPEN, ("iso9001-2015:7.2",))
    assert risk(demo, 2).likelihood == 5
    assert (risk(demo, 7).description, risk(demo, 7).impact, risk(demo, 7).likelihood,
            risk(demo, 7).treatment) == ("Nieuw risico", 2, 3, Treatment.MITIGATE)
    # nothing else moved
    changed = {"iso9001-2015:7.2", "iso9001-2015:8.5.1", "iso27001-2022:A.5.1"}
    assert {k: v for k, v in demo.answers.items() if k not in changed} == {
        k: v for k, v in answers.items() if k not in changed}
    assert {a.number: a for a in demo.actions.values() if a.number not in (3, 12)} == {
        a.number: a for a in actions.values() if a.number != 3}

    # One undo step takes all of it back, and the file agrees after reopening.
    assert demo.undo_label == "import demo.xlsx"
    demo.undo()
    assert snapshot(demo) == before
    demo.redo()
    path = demo.path
    demo.close()
    reopened = ProjectSession.open(path, read_only=True)
    try:
        assert reopened.answer("iso9001-2015:7.2").result is Result.CONFORM
        assert action(reopened, 12).title == "Nieuwe actie uit Excel"
    finally:
        reopened.close()


def test_english_labels_into_a_dutch_project(demo, demo_exports, tmp_path):
    path = tmp_path / "en.xlsx"
    shutil.copyfile(demo_exports / "demo-en.xlsx", path)
    edit(path, "ISO 9001", {"iso9001-2015:7.2": {"result": "Not conform",
                                                 "finding_type": "Major nonconformity"}}, lang="en")
    edit(path, "SoA", {"iso27001-2022:A.5.10": {"applicable": "Yes"}}, layout=L.SOA, lang="en")
    plan_and_apply(demo, path)
    assert demo.answer("iso9001-2015:7.2").result is Result.NONCONFORM
    assert demo.answer("iso9001-2015:7.2").finding_type is FindingType.MAJOR
    assert demo.soa("iso27001-2022:A.5.10").applicable is True


def test_codes_and_mixed_case_are_accepted(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "  CONFORM ", "maturity": 4,
                                                     "finding_type": "ofi"}})
    plan_and_apply(demo, workbook)
    answer = demo.answer("iso9001-2015:7.2")
    assert (answer.result, answer.maturity, answer.finding_type) == (
        Result.CONFORM, 4, FindingType.OFI)


def test_moved_deleted_and_extra_columns(demo, workbook):
    wb = load_workbook(workbook)
    ws = wb["ISO 9001"]
    ws.move_range("D1:D200", cols=14)  # Resultaat to column R
    ws.delete_cols(L.CHECKLIST.position("interviewee"))  # Geïnterviewde
    ws["S1"] = "Opmerking klant"
    ws["S3"] = "mag genegeerd worden"
    wb.save(workbook)
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "Voldoet niet"}})
    plan = plan_import(demo.snapshot(), workbook)
    assert [(r.key, r.field) for r in plan.rows] == [("iso9001-2015:7.2", "result")]
    assert any("no column 'Geïnterviewde'" in str(note) for note in plan.notes)
    # the client's own column is named, not dropped without a word
    assert any("has a column 'Opmerking klant' (S) that isodesk does not import, with text in "
               "rows 3" in str(w) for w in plan.warnings), plan.warnings
    apply_import(demo, plan)
    assert demo.answer("iso9001-2015:7.2").interviewee  # kept, not cleared


def test_booleans_and_dates_stored_the_ways_other_programs_do(demo, workbook):
    # Controls not assessed yet: their applicability is the SoA's own decision.
    open_controls = [r.key for r in demo.controls()
                     if demo.answer(r.key).result is Result.OPEN and demo.soa(r.key).applicable]
    stored = [(0, False), ("onwaar", False), ("Nee", False), (None, None), ("", None)]
    changes = dict(zip(open_controls, stored))
    undecided = [r.key for r in demo.controls()
                 if demo.answer(r.key).result is Result.OPEN and demo.soa(r.key).applicable is None]
    changes |= dict(zip(undecided, [(True, True), ("WAAR", True), ("x", True), (1, True),
                                    ("Yes", True)]))
    assert len(changes) == 10
    edit(workbook, "VvT", {k: {"applicable": v[0]} for k, v in changes.items()}, layout=L.SOA)
    edit(workbook, "ISO 9001", {
        "iso9001-2015:7.2": {"assessed_on": "09-11-2026"},
        "iso9001-2015:7.3": {"assessed_on": "2026-11-10"},
        "iso9001-2015:7.4": {"assessed_on": 46336},  # a serial number without date format
    })
    plan = plan_and_apply(demo, workbook)
    assert len([r for r in plan.rows if r.field == "applicable"]) == len(changes)
    assert {k: demo.soa(k).applicable for k in changes} == {k: v[1] for k, v in changes.items()}
    assert all(demo.answer(k).result is Result.NA for k, v in changes.items() if v[1] is False)
    assert demo.answer("iso9001-2015:7.2").assessed_on == date(2026, 11, 9)
    assert demo.answer("iso9001-2015:7.3").assessed_on == date(2026, 11, 10)
    assert demo.answer("iso9001-2015:7.4").assessed_on == date(2026, 11, 10)


def test_clearing_a_result_makes_it_not_assessed(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": None}})
    plan_and_apply(demo, workbook)
    assert demo.answer("iso9001-2015:7.2").result is Result.OPEN


def test_deleted_action_rows_are_not_deleted(demo, workbook):
    wb = load_workbook(workbook)
    wb["Plan van aanpak"].delete_rows(2, 2)  # actions 1 and 2
    wb.save(workbook)
    plan = plan_import(demo.snapshot(), workbook)
    assert not plan.changes
    assert any("action number(s) 1, 2" in str(note) for note in plan.notes)
    assert any("action number(s) 1, 2" in line for line in plan.describe())


# ------------------------------------------------------------------ integrated assessment
def test_changing_a_shared_answer_carries_to_its_followers(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.5.2": {"result": "Voldoet"}})
    plan_and_apply(demo, workbook)
    for key in ("iso14001-2015:7.5.2", "iso45001-2018:7.5.2", "iso27001-2022:7.5.2"):
        answer = demo.answer(key)
        assert answer.result is Result.CONFORM and answer.linked_to == "iso9001-2015:7.5.2"


def test_a_follower_given_the_same_new_values_stays_linked(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.5.2": {"result": "Voldoet"}})
    edit(workbook, "ISO 14001", {"iso14001-2015:7.5.2": {"result": "Voldoet"}})
    plan_and_apply(demo, workbook)
    assert demo.answer("iso14001-2015:7.5.2").linked_to == "iso9001-2015:7.5.2"


def test_editing_a_follower_makes_it_its_own_answer(demo, workbook):
    edit(workbook, "ISO 14001", {"iso14001-2015:7.5.2": {"findings": "Eigen milieudocumenten."}})
    plan_and_apply(demo, workbook)
    own = demo.answer("iso14001-2015:7.5.2")
    assert own.linked_to is None and own.findings == "Eigen milieudocumenten."
    assert own.result is Result.PARTIAL
    assert demo.answer("iso45001-2018:7.5.2").linked_to == "iso9001-2015:7.5.2"


# ------------------------------------------------------------------------------- the CLI
def test_cli_dry_run_then_import(demo_path, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "Voldoet"}})
    before = demo_path.read_bytes()
    r = run_isodesk("import", str(demo_path), str(workbook), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "iso9001-2015:7.2 result: Voldoet deels → Voldoet" in r.stdout
    assert "Dry run: 1 change(s) would be applied." in r.stdout
    assert demo_path.read_bytes() == before
    r = run_isodesk("import", str(demo_path), str(workbook))
    assert r.returncode == 0, r.stderr
    assert "Applied 1 change(s)." in r.stdout
    r = run_isodesk("import", str(demo_path), str(workbook))
    assert "No changes" in r.stdout


def test_cli_bad_workbook_is_one_line(demo_path, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "misschien"}})
    before = demo_path.read_bytes()
    r = run_isodesk("import", str(demo_path), str(workbook))
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"isodesk: Sheet ISO 9001, row {_row_number(workbook, 'iso9001-2015:7.2')}, column D "
        "(Resultaat): 'misschien' is not a result."]
    assert demo_path.read_bytes() == before


def _row_number(path, key, sheet="ISO 9001"):
    ws = load_workbook(path, read_only=True)[sheet]
    return next(n for n, row in enumerate(ws.iter_rows(values_only=True), 1) if row[0] == key)


# ------------------------------------------------------------------------- bad workbooks
def _refused(session, path, match):
    before = snapshot(session)
    with pytest.raises(DataError, match=match) as error:
        plan_import(session.snapshot(), path)
    assert "\n" not in str(error.value) and str(error.value).endswith(".")
    assert snapshot(session) == before
    return str(error.value)


def _rewrite(path: Path, replace: dict[str, bytes]) -> None:
    """Rewrite members of the xlsx zip."""
    with zipfile.ZipFile(path) as src:
        members = {info.filename: src.read(info.filename) for info in src.infolist()}
    members.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members.items():
            dst.writestr(name, data)


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                   for i in range(1, 10))
        + b']>')


@pytest.mark.parametrize("case, match", [
    ("text", "is not an Excel workbook"),
    ("zip", "is a zip file but not an Excel workbook"),
    ("truncated", "is damaged"),
    ("encrypted", "is protected with a password; remove the password in Excel and try again"),
    ("xls", "old Excel 97–2003 workbook"),
    ("ods", "OpenDocument spreadsheet"),
    ("folder", "is a folder"),
    ("missing", "does not exist"),
])
def test_files_that_are_not_workbooks(demo, workbook, tmp_path, case, match):
    path = tmp_path / "in.xlsx"
    if case == "text":
        path.write_text("Ref;Result\n4.1;conform\n")
    elif case == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes.txt", "hello")
    elif case == "truncated":
        path.write_bytes(workbook.read_bytes()[:3000])
    elif case == "encrypted":  # what Excel writes: a Compound File with an EncryptedPackage
        path.write_bytes(workbook_file.OLE_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                         + bytes(50) + workbook_file.ENCRYPTED_STREAM + bytes(3000))
    elif case == "xls":
        path.write_bytes(workbook_file.OLE_MAGIC + bytes(4000) + "Workbook".encode("utf-16-le"))
    elif case == "ods":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    elif case == "folder":
        path.mkdir()
    _refused(demo, path, match)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet2.xml"])
def test_xml_bomb_is_refused(demo, workbook, member):
    with zipfile.ZipFile(workbook) as z:
        original = z.read(member)
    body = original.split(b"?>", 1)[-1]  # without the XML declaration, if any
    tag_end = body.index(b">") + 1  # put an entity reference inside the root element
    bomb = BOMB + body[:tag_end] + b"&lol9;" + body[tag_end:]  # a billion "lol"s as text
    _rewrite(workbook, {member: bomb})
    _refused(demo, workbook, "XML entity definitions")


def test_zip_bomb_is_refused_before_unpacking(demo, workbook, monkeypatch):
    monkeypatch.setattr(workbook_file, "MAX_MEMBER_BYTES", 120_000)  # one demo sheet is larger
    _refused(demo, workbook, r"too large to import: its part xl/worksheets/sheet\d+.xml unpacks")


def test_huge_sheet_is_refused_with_bounded_memory(demo, workbook, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 5_000)  # the real limit is 100,000: same code path
    wb = load_workbook(workbook)
    ws = wb["Risico's"]
    for n in range(6_000):
        ws.append([None, f"risico {n}"])
    wb.save(workbook)
    tracemalloc.start()
    try:
        message = _refused(demo, workbook, "Sheet Risico's has more than 5,000 rows")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "imports at most that many" in message
    assert peak < 40 * 2**20, peak
    seen = []
    with pytest.raises(DataError):  # progress is reported while reading
        plan_import(demo.snapshot(), workbook, progress=lambda done, total: seen.append(done))
    assert len(seen) > 10 and seen == sorted(seen)


def test_planning_and_exporting_work_in_a_worker_thread(demo, workbook, tmp_path):
    """The GUI runs both in a QThreadPool worker; the project's SQLite connection may only be
    used by the thread that opened it, so neither may touch the database."""
    import threading

    edit(workbook, "Plan van aanpak", {("new", 1): {"title": "Uit een thread"}}, layout=L.ACTIONS)
    results = {}

    def work():
        try:
            results["plan"] = plan_import(demo.snapshot(), workbook)
            export_workbook(demo.snapshot(), tmp_path / "thread.xlsx")
        except Exception as e:  # noqa: BLE001 - reported to the test below
            results["error"] = e

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert "error" not in results, results.get("error")
    apply_import(demo, results["plan"])  # on the session's own thread, as the GUI does
    assert action(demo, 12).title == "Uit een thread"


def test_cancel_stops_the_import_and_changes_nothing(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "Voldoet"}})
    before = snapshot(demo)
    with pytest.raises(Cancelled):
        plan_import(demo.snapshot(), workbook, cancel=lambda: True)
    assert snapshot(demo) == before


def test_missing_sheet(demo, workbook):
    wb = load_workbook(workbook)
    del wb["ISO 14001"]
    wb.save(workbook)
    _refused(demo, workbook, "has no sheet 'ISO 14001' for ISO 14001:2015")


def test_missing_key_column(demo, workbook):
    wb = load_workbook(workbook)
    wb["ISO 9001"].delete_cols(1)
    wb.save(workbook)
    _refused(demo, workbook, "Sheet ISO 9001 has no column 'Sleutel' in its first 10 rows")


def test_header_below_inserted_rows_is_found(demo, workbook):
    wb = load_workbook(workbook)
    wb["ISO 9001"].insert_rows(1, 3)
    wb["ISO 9001"]["B1"] = "Ingevuld door de klant"
    wb.save(workbook)
    assert not plan_import(demo.snapshot(), workbook).changes


@pytest.mark.parametrize("sheet, layout, key, fields, match", [
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"key": "iso9001-2015:99.9"},
     r"column A \(Sleutel\): 'iso9001-2015:99.9' is not an item of this project"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"key": "iso9001-2015:7.3"},
     "iso9001-2015:7.3 appears twice"),
    ("ISO 14001", L.CHECKLIST, "iso14001-2015:4.1", {"key": "iso9001-2015:4.1"},
     r"iso9001-2015:4.1 appears twice \(also sheet ISO 9001, row \d+\)"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"result": "misschien"},
     r"column D \(Resultaat\): 'misschien' is not a result\.$"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"maturity": 7},
     "'7' is not a maturity level"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"maturity": "hoog"},
     "'hoog' is not a maturity level"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"finding_type": "ramp"},
     "'ramp' is not a finding type"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"result": "=IF(1,\"Voldoet\")"},
     r"column D \(Resultaat\): contains a formula \(=IF"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"assessed_on": "volgende week"},
     "'volgende week' is not a date"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"assessed_on": "31-02-2026"},
     "'31-02-2026' is not a date"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7", {"result": "Voldoet"},
     "7 is a heading; answer its sub-clauses instead"),
    ("ISO 9001", L.CHECKLIST, "iso9001-2015:7.2", {"key": None},
     "this row has answers but no key"),
    ("VvT", L.SOA, "iso27001-2022:A.5.1", {"applicable": "misschien"},
     "'misschien' is not yes or no"),
    ("VvT", L.SOA, "iso27001-2022:A.5.1", {"key": "iso27001-2022:5.1"},
     "iso27001-2022:5.1 is not an Annex A control"),
    ("Plan van aanpak", L.ACTIONS, ("new", 1), {"number": 99, "title": "x"},
     "there is no action 99 in this workbook"),
    ("Plan van aanpak", L.ACTIONS, ("new", 1), {"number": 3, "title": "x"},
     "number 3 belongs to another row"),
    ("Plan van aanpak", L.ACTIONS, 2, {"title": None}, r"column C \(Actie\): this cell must not be empty"),
    ("Plan van aanpak", L.ACTIONS, 2, {"keys": "iso9001-2015:7.2, iso9001:bestaat-niet"},
     "'iso9001:bestaat-niet' is not an item of this project"),
    ("Plan van aanpak", L.ACTIONS, ("new", 1), {"owner": "Iemand"},
     "this cell must not be empty"),
    ("Risico's", L.RISKS, 1, {"likelihood": 9}, "'9' is not a number from 1 to 5"),
    ("Risico's", L.RISKS, 1, {"number": "een"}, "'een' is not a number"),
])
def test_bad_values_name_sheet_row_and_column(demo, workbook, sheet, layout, key, fields, match):
    edit(workbook, sheet, {key: fields}, layout=layout)
    message = _refused(demo, workbook, match)
    assert message.startswith(f"Sheet {sheet}, row ")


def test_all_problems_are_counted(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "misschien"},
                                "iso9001-2015:7.3": {"result": "welletjes"},
                                "iso9001-2015:7.4": {"maturity": 9}})
    _refused(demo, workbook, r"'misschien' is not a result \(and 2 more problems in the workbook\)")


def test_error_values_are_refused(demo, workbook, tmp_path):
    # openpyxl writes an error cell for "#N/A"; Excel does the same for a failed lookup.
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "#N/A"}})
    _refused(demo, workbook, "contains the error value #N/A")


def test_stale_plan_is_refused(demo, workbook):
    edit(workbook, "ISO 9001", {"iso9001-2015:7.2": {"result": "Voldoet"}})
    plan = plan_import(demo.snapshot(), workbook)
    demo.set_answer("iso9001-2015:7.2", findings="intussen gewijzigd")
    with pytest.raises(DataError, match="project changed after the import preview"):
        apply_import(demo, plan)
    assert demo.answer("iso9001-2015:7.2").result is Result.PARTIAL


def test_a_plain_spreadsheet_is_refused(demo, tmp_path):
    wb = Workbook()
    wb.active.append(["Nr.", "Resultaat"])
    wb.active.append(["4.1", "Voldoet"])
    wb.save(tmp_path / "plain.xlsx")
    _refused(demo, tmp_path / "plain.xlsx", "has no sheet 'ISO 9001'")
