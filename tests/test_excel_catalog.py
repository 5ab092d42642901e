"""A custom catalog from an Excel workbook (docs/excel-catalog-layout.md)."""
from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from isodesk.app.session import create_project
from isodesk.catalog import CatalogRegistry
from isodesk.domain.errors import CatalogError, DataError
from isodesk.excel.catalog_import import import_catalog_workbook
from isodesk.support.paths import user_catalog_dir
from tests.conftest import ROOT, run_isodesk

HEADERS = ["Ref", "Parent", "Title nl", "Title en", "Summary nl", "Summary en", "Questions nl",
           "Questions en", "Evidence nl", "Evidence en", "Kind", "Theme", "HS"]
INFO = [("Id", "intern-kader"), ("Standard", "Intern kader"), ("Edition", "2025"),
        ("Title nl", "Intern beheerskader"), ("Title en", "Internal control framework")]


def item(ref, parent=None, title="Titel", summary="Samenvatting.", questions="• Vraag 1?\n• Vraag 2?",
         evidence="Document", **extra):
    row = {"Ref": ref, "Parent": parent, "Title nl": f"{title} {ref}", "Title en": f"Title {ref}",
           "Summary nl": summary, "Summary en": summary and "Summary.",
           "Questions nl": questions, "Questions en": questions and "Question 1?\nQuestion 2?",
           "Evidence nl": evidence, "Evidence en": evidence and "Document"}
    row.update(extra)
    return row


ITEMS = [
    item("1", summary=None, questions=None, evidence=None),
    item("1.1", "1", HS="5.2"),
    item("1.2", "1"),
    item("A", summary=None, questions=None, evidence=None, Kind="Control"),
    item("A.1", "A", Kind="Beheersmaatregel", Theme="Organisatorisch"),
]


def workbook(path: Path, items=ITEMS, info=INFO, headers=HEADERS,
             sheets=("Catalog", "Items")) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheets[0]
    for row in info:
        ws.append(row)
    items_ws = wb.create_sheet(sheets[1])
    items_ws.append(headers)
    for row in items:
        items_ws.append([row.get(h) for h in HEADERS])
    wb.save(path)
    return path


def test_import_makes_a_catalog_projects_can_use(tmp_path, registry):
    path = import_catalog_workbook(workbook(tmp_path / "kader.xlsx"))
    assert path == user_catalog_dir() / "intern-kader.toml"
    catalogs = CatalogRegistry(ROOT / "norm_catalogs", user_catalog_dir())
    catalog = catalogs.get("intern-kader")
    assert catalog.user and catalog.info.name == "Intern kader:2025"
    assert catalog.info.title == {"nl": "Intern beheerskader", "en": "Internal control framework"}
    assert [r.ref for r in catalog.items] == ["1", "1.1", "1.2", "A", "A.1"]
    assert [r.ref for r in catalog.assessable] == ["1.1", "1.2", "A.1"]
    one = catalog.item("1.1")
    assert one.questions == {"nl": ["Vraag 1?", "Vraag 2?"], "en": ["Question 1?", "Question 2?"]}
    assert one.hs == "5.2" and one.parent == "1"
    control = catalog.item("A.1")
    assert control.kind == "control" and control.theme == "organizational"
    session = create_project(tmp_path / "p.isodesk", "Klant", ["intern-kader"], catalogs)
    try:
        session.set_answer("intern-kader:1.1", result="conform")
        session.set_soa("intern-kader:A.1", applicable=True)  # a control gets an SoA line
        assert session.score("intern-kader").counts
    finally:
        session.close()


def test_dutch_sheet_names_and_headers(tmp_path):
    dutch = ["Nr.", "Bovenliggend", "Titel nl", "Titel en", "Samenvatting nl", "Samenvatting en",
             "Vragen nl", "Vragen en", "Bewijs nl", "Bewijs en", "Soort", "Thema", "HS"]
    info = [("Id", "intern-kader"), ("Norm", "Intern kader"), ("Editie", "2025"),
            ("Titel nl", "Kader"), ("Titel en", "Framework")]
    path = import_catalog_workbook(workbook(tmp_path / "k.xlsx", info=info, headers=dutch,
                                            sheets=("Catalogus", "Eisen")))
    assert tomllib.loads(path.read_text(encoding="utf-8"))["catalog"]["title"]["en"] == "Framework"


def test_text_is_written_safely_and_read_back_identically(tmp_path):
    tricky = 'Aanhalingstekens " en \\ backslash, tab\t, ĳ 😀, DEL\x7f en [toml] = "nee"'
    items = [item("1", summary=None, questions=None, evidence=None),
             item("1.1", "1", summary=tricky, questions=f"{tricky}\n2. Tweede?",
                  evidence="- één\n- twee")]
    path = import_catalog_workbook(workbook(tmp_path / "k.xlsx", items=items))
    catalog = CatalogRegistry(ROOT / "norm_catalogs", user_catalog_dir()).get("intern-kader")
    one = catalog.item("1.1")
    assert one.summary["nl"] == tricky
    assert one.questions["nl"] == [tricky, "Tweede?"]
    assert one.evidence["nl"] == ["één", "twee"]
    assert "\\u007f" in path.read_text(encoding="utf-8")  # TOML wants DEL escaped


def test_the_written_file_is_validated_before_it_is_moved_into_place(tmp_path, monkeypatch):
    from isodesk.excel import catalog_import

    monkeypatch.setattr(catalog_import, "_toml", lambda info, items: "[catalog]\nid = 1\n")
    with pytest.raises(DataError, match="The catalog is not valid: .*format must be 1"):
        import_catalog_workbook(workbook(tmp_path / "k.xlsx"))
    assert list(user_catalog_dir().iterdir()) == []


def test_existing_id_needs_replace(tmp_path):
    import_catalog_workbook(workbook(tmp_path / "k.xlsx"))
    changed = [dict(ITEMS[0]), *ITEMS[1:3]]
    with pytest.raises(CatalogError, match="exists already; import with replace"):
        import_catalog_workbook(workbook(tmp_path / "k2.xlsx", items=changed))
    path = import_catalog_workbook(workbook(tmp_path / "k2.xlsx", items=changed), replace=True)
    assert "A.1" not in path.read_text(encoding="utf-8")


def test_a_bundled_id_is_refused(tmp_path):
    info = [("Id", "iso9001-2015"), *INFO[1:]]
    with pytest.raises(CatalogError, match="already has a catalog with id iso9001-2015"):
        import_catalog_workbook(workbook(tmp_path / "k.xlsx", info=info))


@pytest.mark.parametrize("items, match", [
    ([item("1", summary=None, questions=None, evidence=None), item("1.1", "1")], None),  # valid
    ([item("1.1")], "the parent 1 of 1.1 must be on a row above it"),
    ([item("1"), item("1")], r"row 3, column A \(Ref\): ref 1 appears twice \(also row 2\)"),
    ([item("1", summary=None, questions=None, evidence=None), item("1.1", "2")],
     r"column B \(Parent\): the parent of 1.1 is 1, not 2"),
    ([item("1", questions="Maar één vraag?")],
     r"column G \(Questions nl\): 1 needs at least 2 audit questions"),
    ([item("1", evidence=None)], r"column I \(Evidence nl\): 1 needs at least 1 piece"),
    ([item("1", summary=None)], r"column E \(Summary nl\): 1 is assessable"),
    ([item("4.1.a")], r"'4.1.a' is not a ref like 7.1.5.2"),
    ([item(4.1)], r"column A \(Ref\): '4.1' is stored as a number or date"),
    ([item(datetime(2026, 1, 4))], "is stored as a number or date"),
    ([item("1", HS="99")], r"column M \(HS\): '99' is not a Harmonized Structure clause"),
    ([item("1", summary=None, questions=None, evidence=None), item("1.1", "1", HS="5.2"),
      item("1.2", "1", HS="5.2")], "HS 5.2 is already used by 1.1"),
    ([item("1", Kind="Hoofdstuk")], "'Hoofdstuk' is not one of Clause, Control"),
    ([item("1", Theme="Financieel")], "'Financieel' is not one of Organizational"),
    ([item("1", **{"Title en": None})], r"column D \(Title en\): 1 needs a title"),
    ([item("1", **{"Title nl": "=A1"})], "contains a formula"),
    ([], "has no items below its header row"),
])
def test_problems_name_sheet_row_and_column(tmp_path, items, match):
    path = workbook(tmp_path / "k.xlsx", items=items)
    if match is None:
        assert import_catalog_workbook(path).exists()
        return
    with pytest.raises(DataError, match=match) as error:
        import_catalog_workbook(path)
    assert str(error.value).startswith("Sheet Items")
    assert not user_catalog_dir().exists() or list(user_catalog_dir().iterdir()) == []


@pytest.mark.parametrize("info, match", [
    (INFO[1:], "Sheet Catalog needs a row 'Id'"),
    ([("Id", "Intern Kader!"), *INFO[1:]], "may only hold lower-case letters"),
    ([*INFO[:2], ("Edition", None), *INFO[3:]], "needs a row 'Edition'"),
])
def test_catalog_sheet_problems(tmp_path, info, match):
    with pytest.raises(DataError, match=match):
        import_catalog_workbook(workbook(tmp_path / "k.xlsx", info=info))


def test_missing_sheet(tmp_path):
    with pytest.raises(DataError, match="has no sheet 'Items' \\(or 'Eisen'\\)"):
        import_catalog_workbook(workbook(tmp_path / "k.xlsx", sheets=("Catalog", "Blad2")))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_text("ref,title\n")
    with pytest.raises(DataError, match="is not an Excel workbook"):
        import_catalog_workbook(path)


def test_cli_catalog_import(tmp_path):
    path = workbook(tmp_path / "k.xlsx")
    home = tmp_path / "home"
    r = run_isodesk("catalog", "import", str(path), env={"ISODESK_HOME": str(home)})
    assert r.returncode == 0, r.stderr
    assert "Imported the catalog into" in r.stdout
    r = run_isodesk("catalogs", env={"ISODESK_HOME": str(home)})
    assert "intern-kader" in r.stdout and "(user catalog)" in r.stdout
    r = run_isodesk("catalog", "import", str(path), env={"ISODESK_HOME": str(home)})
    assert r.returncode == 1 and "--replace" in r.stderr and "Traceback" not in r.stderr
    r = run_isodesk("catalog", "import", str(path), "--replace", env={"ISODESK_HOME": str(home)})
    assert r.returncode == 0, r.stderr
