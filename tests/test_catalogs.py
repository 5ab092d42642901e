"""The four bundled catalogs: structure as in the standards, complete bilingual content."""
import json
import re

import pytest

from isodesk.catalog import load_catalog
from isodesk.domain.errors import CatalogError
from tests.conftest import ROOT, run_isodesk

HS_CORE = ["4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "5.2", "5.3", "6", "6.1", "6.2", "7",
           "7.1", "7.2", "7.3", "7.4", "7.5", "8", "8.1", "9", "9.1", "9.2", "9.3", "10"]

EXPECTED = {
    "iso9001-2015": """4 4.1 4.2 4.3 4.4 4.4.1 4.4.2 5 5.1 5.1.1 5.1.2 5.2 5.2.1 5.2.2 5.3 6 6.1 6.1.1
        6.1.2 6.2 6.2.1 6.2.2 6.3 7 7.1 7.1.1 7.1.2 7.1.3 7.1.4 7.1.5 7.1.5.1 7.1.5.2 7.1.6 7.2 7.3
        7.4 7.5 7.5.1 7.5.2 7.5.3 7.5.3.1 7.5.3.2 8 8.1 8.2 8.2.1 8.2.2 8.2.3 8.2.3.1 8.2.3.2 8.2.4
        8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 8.4 8.4.1 8.4.2 8.4.3 8.5 8.5.1 8.5.2 8.5.3 8.5.4
        8.5.5 8.5.6 8.6 8.7 8.7.1 8.7.2 9 9.1 9.1.1 9.1.2 9.1.3 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2
        9.3.3 10 10.1 10.2 10.2.1 10.2.2 10.3""",
    "iso14001-2015": """4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.1.4 6.2 6.2.1 6.2.2 7
        7.1 7.2 7.3 7.4 7.4.1 7.4.2 7.4.3 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 9 9.1 9.1.1 9.1.2 9.2
        9.2.1 9.2.2 9.3 10 10.1 10.2 10.3""",
    "iso45001-2018": """4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 5.4 6 6.1 6.1.1 6.1.2 6.1.2.1 6.1.2.2 6.1.2.3
        6.1.3 6.1.4 6.2 6.2.1 6.2.2 7 7.1 7.2 7.3 7.4 7.4.1 7.4.2 7.4.3 7.5 7.5.1 7.5.2 7.5.3 8 8.1
        8.1.1 8.1.2 8.1.3 8.1.4 8.1.4.1 8.1.4.2 8.1.4.3 8.2 9 9.1 9.1.1 9.1.2 9.2 9.2.1 9.2.2 9.3
        10 10.1 10.2 10.3""",
    "iso27001-2022": """4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.2 6.3 7 7.1 7.2 7.3
        7.4 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 8.3 9 9.1 9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1
        10.2""",
}
ANNEX_A = {"A.5": (37, "organizational"), "A.6": (8, "people"), "A.7": (14, "physical"),
           "A.8": (34, "technological")}


@pytest.fixture(scope="module", params=list(EXPECTED))
def catalog(request, registry):
    return registry.get(request.param)


def test_clause_numbers_match_the_standard(catalog):
    clauses = [r.ref for r in catalog.items if r.kind == "clause"]
    assert clauses == EXPECTED[catalog.id].split()


def test_annex_a_has_93_controls_in_4_themes(registry):
    cat = registry.get("iso27001-2022")
    controls = [r for r in cat.items if r.kind == "control" and r.assessable]
    assert len(controls) == 93
    for theme_ref, (count, theme) in ANNEX_A.items():
        refs = [r.ref for r in controls if r.parent == theme_ref]
        assert refs == [f"{theme_ref}.{n}" for n in range(1, count + 1)]
        assert {r.theme for r in controls if r.parent == theme_ref} == {theme}
    assert cat.item("A.5.7").title["en"] == "Threat intelligence"
    assert cat.item("A.8.34").title["en"].startswith("Protection of information systems")


def test_every_assessable_item_is_complete_in_both_languages(catalog):
    keys = [r.key for r in catalog.items]
    assert len(keys) == len(set(keys))
    for r in catalog.assessable:
        for lang in ("nl", "en"):
            assert r.title[lang] and len(r.summary[lang]) > 40, (r.key, lang)
            assert len(r.questions[lang]) >= 2, (r.key, lang)
            assert all(len(q) > 15 for q in r.questions[lang]), (r.key, lang)
            assert len(r.evidence[lang]) >= 1, (r.key, lang)
        assert r.summary["nl"] != r.summary["en"]


def test_dutch_reads_dutch(catalog):
    """A cheap guard against English left in the Dutch fields: common Dutch words appear."""
    dutch = re.compile(r"\b(de|het|een|van|en|is|wordt|zijn|u|uw|hoe|wat|welke|wie|voor|met|"
                       r"op|te|in|of|hun|dat|die|er|zich|bij|naar|worden)\b", re.IGNORECASE)
    for r in catalog.assessable:
        assert dutch.search(r.summary["nl"]), r.key
        assert all(dutch.search(q) for q in r.questions["nl"]), r.key


def test_climate_amendment_in_4_1_and_4_2(catalog):
    for ref in ("4.1", "4.2"):
        item = catalog.item(ref)
        assert item.amendment == "Amd 1:2024"
        assert "klimaat" in item.summary["nl"].lower()
        assert "climate" in item.summary["en"].lower()


def test_harmonized_structure_references(registry):
    """HS refs exist in the HS list, are unique per standard, and the core links across all four."""
    by_hs = {}
    for cat_id in EXPECTED:
        cat = registry.get(cat_id)
        refs = [r.hs for r in cat.items if r.hs]
        assert len(refs) == len(set(refs)), cat_id
        assert set(refs) <= set(registry.hs), cat_id
        for r in cat.items:
            if r.hs:
                by_hs.setdefault(r.hs, {})[cat_id] = r
    for hs in HS_CORE:
        assert set(by_hs[hs]) == set(EXPECTED), f"HS {hs} missing in some standard"
    # Where the standards differ (issue: 27001 orders 10.1/10.2 the HS way, 14001 has no 6.3,
    # 45001 covers change in 8.1.3):
    assert by_hs["10.1"]["iso27001-2022"].ref == "10.1"
    assert by_hs["10.1"]["iso9001-2015"].ref == "10.3"
    assert by_hs["10.2"]["iso9001-2015"].ref == "10.2.1"
    assert "iso14001-2015" not in by_hs["6.3"]
    assert by_hs["6.3"]["iso45001-2018"].ref == "8.1.3"


def test_catalogs_command_reflects_the_files():
    data = {c["id"]: c for c in json.loads(run_isodesk("catalogs", "--json").stdout)}
    for cat_id, refs in EXPECTED.items():
        cat = load_catalog(ROOT / "norm_catalogs" / f"{cat_id}.toml")
        assert data[cat_id]["items"] == len(cat.items)
        assert data[cat_id]["assessable"] == len(cat.assessable)


@pytest.mark.parametrize("mutation, message", [
    (lambda t: t.replace('ref = "4.2"', 'ref = "4.1"', 1), "appears twice"),
    (lambda t: t.replace('hs = "4.2"', 'hs = "99.9"', 1), "not a Harmonized Structure clause"),
    (lambda t: t.replace("questions.nl", "questionz.nl", 1), "unknown field"),
    (lambda t: t.replace('[catalog]', '[catalog]\nbogus = 1', 1), "unknown field 'bogus'"),
    (lambda t: t + '\n[[item]]\nref = "12.1.1"\ntitle = { nl = "x", en = "y" }\n', "parent 12.1"),
    (lambda t: t.replace('ref = "4"', 'ref = "4', 1), "not valid TOML"),
])
def test_validation_errors_name_file_line_item_field(tmp_path, registry, mutation, message):
    text = (ROOT / "norm_catalogs" / "iso14001-2015.toml").read_text(encoding="utf-8")
    bad = tmp_path / "iso14001-2015.toml"
    bad.write_text(mutation(text), encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as info:
        load_catalog(bad, set(registry.hs))
    assert str(info.value).startswith("iso14001-2015.toml")


def test_user_catalog_folder(tmp_path, isodesk_home):
    from isodesk.catalog import CatalogRegistry
    from isodesk.support.paths import user_catalog_dir

    folder = user_catalog_dir()
    folder.mkdir(parents=True)
    text = (ROOT / "norm_catalogs" / "iso14001-2015.toml").read_text(encoding="utf-8")
    (folder / "eigen-norm.toml").write_text(text.replace('id = "iso14001-2015"', 'id = "eigen-norm"'),
                                            encoding="utf-8")
    (folder / "kapot.toml").write_text("[catalog]\nid = 'kapot'\n", encoding="utf-8")
    reg = CatalogRegistry.default()
    ids = [c.id for c in reg.available()]
    assert "eigen-norm" in ids and "kapot" not in ids
    assert reg.get("eigen-norm").user
    assert any("kapot.toml" in p for p in reg.problems)
