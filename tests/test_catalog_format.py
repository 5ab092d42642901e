"""The catalog format's newer fields (norm_catalogs/FORMAT.md): links, supersedes/from, changed,
new_in_<edition>, iso27001_2013, attributes, anchors, note, verify, own_title. Every mistake is
named with file, line, item and field, including references into other catalogs."""
import shutil
import subprocess
import sys

import pytest

from isodesk.catalog import CatalogRegistry, load_catalog
from isodesk.domain.errors import CatalogError
from tests.conftest import ROOT


@pytest.fixture
def folder(tmp_path):
    """A copy of the bundled catalogs to break one at a time."""
    target = tmp_path / "norm_catalogs"
    shutil.copytree(ROOT / "norm_catalogs", target)
    return target


def _break(folder, name, old, new, count=1):
    path = folder / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


ITEM_OF = "item of "  # a missing field is reported at its item's [[item]] line


def _line_of(path, needle):
    offset = 0
    if needle.startswith(ITEM_OF):
        needle, offset = needle[len(ITEM_OF):], -1
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n + offset
    raise AssertionError(needle)


# (catalog, old text, new text, the line to report holds, message)
BROKEN_REFERENCES = [
    ("iso14001-2015", '"iso9001-2015:5.2.2"', '"iso9001-2015:5.2.9"', "iso9001-2015:5.2.9",
     "item 5.2: field links.same: iso9001-2015 has no item 5.2.9"),
    ("iso14001-2015", '"iso9001-2015:5.2.2"', '"iso9001-2099:5.2.2"', "iso9001-2099:5.2.2",
     "there is no catalog iso9001-2099"),
    ("iso14001-2015", '"iso9001-2015:5.2.2"', '"iso9001-2015:9.3"', "iso9001-2015:9.3",
     "iso9001-2015:9.3 is a heading"),
    ("iso45001-2018", 'links.related = ["iso9001-2015:8.4.1", "iso9001-2015:8.4.3"]',
     'links.related = ["iso9001-2015:8.4.1", "iso9001-2015:8.4.7"]', "iso9001-2015:8.4.7",
     "item 8.1.4.1: field links.related: iso9001-2015 has no item 8.4.7"),
    ("iso14001-2026", 'supersedes = "iso14001-2015"', 'supersedes = "iso14001-2014"', "supersedes",
     "field supersedes: there is no catalog iso14001-2014"),
    ("iso14001-2026", 'standard = "ISO 14001"\nedition = "2026"', 'standard = "ISO 14002"\nedition = "2026"',
     "supersedes", "iso14001-2015 is ISO 14001, not ISO 14002"),
    ("iso14001-2026", 'from = ["10.1", "10.3"]', 'from = ["10.1", "10.4"]', '"10.4"',
     "item 10.1: field from: iso14001-2015 has no item 10.4"),
]


@pytest.mark.parametrize("cat_id, old, new, needle, message", BROKEN_REFERENCES)
def test_references_to_other_catalogs_are_checked(folder, cat_id, old, new, needle, message):
    path = _break(folder, cat_id, old, new)
    registry = CatalogRegistry(folder)
    load_catalog(path, set(registry.hs))  # the file on its own is fine: only the target is wrong
    with pytest.raises(CatalogError) as info:
        registry.get(cat_id)
    assert str(info.value).startswith(f"{cat_id}.toml:{_line_of(path, needle)}: ")
    assert message in str(info.value)
    # a broken catalog does not hide the others
    ids = [c.id for c in registry.available()]
    assert cat_id not in ids and "iso9001-2015" in ids
    assert any(message in p for p in registry.problems)


# (catalog, old text, new text, the line to report holds, message)
BROKEN_FIELDS = [
    ("iso14001-2015", '"iso9001-2015:5.2.2"', '"iso14001-2015:5.3"', "iso14001-2015:5.3",
     "item 5.2: field links.same: iso14001-2015:5.3 is in this catalog"),
    ("iso14001-2015", 'links.same = ["iso9001-2015:5.2.2"]', 'links.similar = ["iso9001-2015:5.2.2"]',
     "links.similar", "unknown link kind 'similar'"),
    ("iso14001-2015", '"iso9001-2015:5.2.2"', '"iso9001-2015 5.2.2"', "iso9001-2015 5.2.2", "is not a key like"),
    ("iso14001-2026", 'from = ["6.1.4"]', 'from = ["six"]', '"six"', "item 6.1.5: field from"),
    ("iso14001-2026", 'supersedes = "iso14001-2015"\n', "", 'from = ["4"]',
     "field from: needs supersedes"),
    ("iso14001-2026", 'from = ["7.2"]\nchanged = false\n', 'from = ["7.2"]\n', ITEM_OF + 'ref = "7.2"',
     "item 7.2: field changed: is missing"),
    ("iso14001-2026", "new_in_2026 = true\n", "", ITEM_OF + 'ref = "6.3"',
     "item 6.3: field from: give from = [...] (the iso14001-2015 items it continues) or new_in_2026 = true"),
    ("iso14001-2026", "new_in_2026 = true", "new_in_2022 = true", "new_in_2022",
     "unknown field (this edition's is new_in_2026)"),
    ("iso14001-2026", 'from = ["6.2.1"]\nchanged = false', 'from = ["6.2.1"]\nchanged = "no"', 'changed = "no"',
     "item 6.2.1: field changed: must be true or false"),
    ("iso27001-2022", 'attributes.control_type = ["#Preventive"]', 'attributes.control_type = ["#Preventative"]',
     "#Preventative", "item A.5.1: field attributes.control_type: '#Preventative' is not a value of control_type"),
    ("iso27001-2022", 'attributes.security_domains = ["#Governance_and_Ecosystem", "#Resilience"]\n', "",
     "attributes.control_type", "item A.5.1: field attributes: attribute type security_domains is missing"),
    ("iso27001-2022", 'iso27001_2013 = ["A.5.1.1", "A.5.1.2"]', 'iso27001_2013 = ["A.5.1.1", "A.19.1.2"]',
     '"A.19.1.2"', "item A.5.1: field iso27001_2013: 'A.19.1.2' is not a clause number like A.12.6.1"),
    ("iso27001-2022", "new_in_2022 = true", "new_in_2022 = false", "new_in_2022 = false",
     "item A.5.7: field new_in_2022: leave it out instead of false"),
    ("iso27001-2022", 'iso27001_2013 = ["A.8.1.4"]\n', "", ITEM_OF + 'ref = "A.5.11"',
     "item A.5.11: field iso27001_2013: give iso27001_2013 = [...] or new_in_2022 = true"),
    ("iso14001-2026", 'links.same = ["iso45001-2018:7.4.2"]', 'links.same = ["iso14001-2015:7.4.2"]',
     "iso14001-2015:7.4.2", "item 7.4.2: field links.same: iso14001-2015:7.4.2 is in the edition this one supersedes"),
    ("iso9001-2015", '"Determining and managing processes" }\nown_title = true',
     '"Determining and managing processes" }\nown_title = "yes"', 'own_title = "yes"',
     "item 4.4.1: field own_title: must be true or false"),
]


@pytest.mark.parametrize("cat_id, old, new, needle, message", BROKEN_FIELDS)
def test_field_errors_name_file_line_item_field(folder, cat_id, old, new, needle, message):
    path = _break(folder, cat_id, old, new)
    with pytest.raises(CatalogError) as info:
        CatalogRegistry(folder).get(cat_id)
    assert str(info.value).startswith(f"{cat_id}.toml:{_line_of(path, needle)}: "), str(info.value)
    assert message in str(info.value)


def test_fields_only_where_they_mean_something(folder):
    path = _break(folder, "iso9001-2015", 'ref = "4.4"\n', 'ref = "4.4"\nlinks.related = ["iso14001-2015:4.4"]\n')
    with pytest.raises(CatalogError, match="item 4.4: field links: only assessable items carry links"):
        load_catalog(path)
    path = _break(folder, "iso14001-2015", 'ref = "4.1"\n', 'ref = "4.1"\nattributes.control_type = ["#Preventive"]\n')
    with pytest.raises(CatalogError, match="item 4.1: field attributes: only Annex A controls"):
        load_catalog(path)
    path = _break(folder, "iso45001-2018", 'ref = "4.1"\n', 'ref = "4.1"\niso27001_2013 = ["A.5.1.1"]\n')
    with pytest.raises(CatalogError, match="only Annex A controls map to ISO/IEC 27001:2013"):
        load_catalog(path)


def test_hs_anchors_are_read_and_given_to_items_without_their_own(folder):
    path = _break(folder, "iso14001-2015", 'ref = "7.2"\ntitle = { nl = "Competentie", en = "Competence" }\n',
                  'ref = "7.2"\ntitle = { nl = "Competentie", en = "Competence" }\n'
                  'anchors.1 = { nl = "Eigen niveau een.", en = "Own level one." }\n'
                  'anchors.5 = { nl = "Eigen niveau vijf.", en = "Own level five." }\n')
    registry = CatalogRegistry(folder)
    competence = registry.get("iso14001-2015").item("7.2")
    assert competence.anchors == {"1": {"nl": "Eigen niveau een.", "en": "Own level one."},
                                  "5": {"nl": "Eigen niveau vijf.", "en": "Own level five."}}
    assert registry.get("iso9001-2015").item("7.2").anchors == registry.hs_anchors["7.2"]
    _break(folder, "harmonized-structure", "anchors.5 = {", "anchors.7 = {")
    with pytest.raises(CatalogError, match=r"harmonized-structure.toml:\d+: item 4.1: field anchors: '7'"):
        CatalogRegistry(folder)
    assert path.exists()


def test_validate_command_checks_references(folder):
    path = _break(folder, "iso14001-2026", 'from = ["9.3"]', 'from = ["9.4"]')
    run = subprocess.run([sys.executable, "-m", "isodesk.catalog.validate", str(path),
                          str(ROOT / "norm_catalogs" / "iso14001-2026.toml")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert f"iso14001-2026.toml:{_line_of(path, '9.4')}: item 9.3: field from: iso14001-2015 has no item 9.4" in run.stderr
    assert "iso14001-2026.toml: OK, 49 items, 35 assessable, 13 marked to verify" in run.stdout
