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
    # Clause 10 in the Harmonized Structure order, marked "check against the NEN text" (verify).
    "iso14001-2026": """4 4.1 4.2 4.3 4.4 5 5.1 5.2 5.3 6 6.1 6.1.1 6.1.2 6.1.3 6.1.4 6.1.5 6.2 6.2.1
        6.2.2 6.3 7 7.1 7.2 7.3 7.4 7.4.1 7.4.2 7.4.3 7.5 7.5.1 7.5.2 7.5.3 8 8.1 8.2 9 9.1 9.1.1 9.1.2
        9.2 9.2.1 9.2.2 9.3 9.3.1 9.3.2 9.3.3 10 10.1 10.2""",
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


def test_climate_in_4_1_is_a_requirement_and_in_4_2_a_note(catalog):
    """Amd 1:2024 (worked into ISO 14001:2026): 4.1 requires deciding whether climate change is
    relevant; on 4.2 it adds a note, a prompt for the assessor rather than a checked requirement."""
    context, parties = catalog.item("4.1"), catalog.item("4.2")
    if catalog.info.edition != "2026":
        assert context.amendment == parties.amendment == "Amd 1:2024"
    assert "klimaat" in context.summary["nl"].lower() and "climate" in context.summary["en"].lower()
    assert "klimaat" not in parties.summary["nl"].lower()
    assert "climate" not in parties.summary["en"].lower()
    assert "klimaatverandering" in parties.note["nl"] and "climate change" in parties.note["en"]
    assert "prompt" in parties.note["en"] and "aandachtspunt" in parties.note["nl"]


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
        assert data[cat_id]["supersedes"] == cat.info.supersedes
    assert data["iso14001-2026"]["supersedes"] == "iso14001-2015"
    text = run_isodesk("catalogs").stdout
    line = next(line for line in text.splitlines() if line.startswith("iso9001-2015 "))
    assert "91 items, 65 assessable" in line
    assert "supersedes iso14001-2015" in next(line for line in text.splitlines()
                                               if line.startswith("iso14001-2026 "))


def test_own_titles_of_untitled_iso9001_paragraphs_are_marked(registry):
    cat = registry.get("iso9001-2015")
    untitled = """4.4.1 4.4.2 6.1.1 6.1.2 6.2.1 6.2.2 7.5.3.1 7.5.3.2 8.2.3.1 8.2.3.2 8.7.1 8.7.2 9.2.1
        9.2.2 10.2.1 10.2.2""".split()
    assert [r.ref for r in cat.items if r.own_title] == untitled
    assert cat.item("4.4.1").display_title("en") == "[Determining and managing processes]"
    assert cat.item("5.1.1").display_title("en") == "General"
    shown = run_isodesk("catalog", "show", "iso9001-2015").stdout
    assert "4.4.1  [Determining and managing processes]" in shown


DUTCH_TITLES = {"6.1": "Acties om risico's en kansen aan te pakken",
                "7.5.3": "Beheersing van gedocumenteerde informatie"}


def test_dutch_wording_is_consistent(catalog):
    for ref, title in DUTCH_TITLES.items():
        assert catalog.item(ref).title["nl"] == title
    for r in catalog.items:
        texts = [r.summary.get("nl", ""), *r.questions.get("nl", []), *r.evidence.get("nl", [])]
        for text in texts:
            assert "hebt u" not in text.lower(), r.key  # one verb form: "heeft u"
            assert "adequaat" not in text, r.key  # geschikt, passend en doeltreffend
            if catalog.info.standard in ("ISO 14001", "ISO 45001"):  # one term: contractanten
                assert "aannemer" not in text, r.key
        assert not re.search(r"\bscope\b", r.summary.get("nl", "")), r.key  # toepassingsgebied
    if catalog.id == "iso27001-2022":
        assert catalog.item("A").title["nl"].startswith("Bijlage A")
        assert [catalog.item(t).title["nl"] for t in ("A.5", "A.6", "A.7", "A.8")] == [
            "Organisatorische beheersmaatregelen", "Mensgerichte beheersmaatregelen",
            "Fysieke beheersmaatregelen", "Technologische beheersmaatregelen"]


def test_lead_auditor_content_fixes(registry):
    q, o, i = (registry.get(c) for c in ("iso9001-2015", "iso45001-2018", "iso27001-2022"))
    contractors = o.item("8.1.4.2").summary["en"]
    for source in ("contractors' activities that affect the organization",
                   "the organization's own activities that affect contractors' workers",
                   "contractors' activities that affect others at the workplace"):
        assert source in contractors
    assert "contingency actions" in q.item("8.2.1").summary["en"]
    assert "noodmaatregelen vast" in q.item("8.2.1").summary["nl"]
    assert "periodic revalidation" in q.item("8.5.1").summary["en"]
    assert "hervalidatie" in q.item("8.5.1").summary["nl"]
    assert "beheerst de organisatie de unieke identificatie" in q.item("8.5.2").summary["nl"]
    review = i.item("A.5.35").evidence
    assert not any("penetrat" in e.lower() for e in review["en"] + review["nl"])
    assert "independent review of the ISMS" in review["en"][0]


@pytest.mark.parametrize("cat_id, terms", [
    ("iso45001-2018", ["preventieadviseur", "globaal preventieplan", "jaaractieplan", "EDPBW", "CPBW",
                       "RI&E (NL) of risicoanalyse (BE)", "Toezicht op het Welzijn op het Werk"]),
    ("iso14001-2015", ["VLAREM", "OVAM", "IMJV"]),
    ("iso14001-2026", ["VLAREM", "OVAM", "IMJV"]),
    ("iso27001-2022", ["CyberFundamentals", "Gegevensbeschermingsautoriteit"]),
])
def test_flemish_clients_find_their_own_terms(registry, cat_id, terms):
    text = " ".join(t for r in registry.get(cat_id).items
                    for t in [r.summary.get("nl", ""), *r.questions.get("nl", []), *r.evidence.get("nl", [])])
    for term in terms:
        assert term in text, term


def test_maturity_anchors_on_every_item_of_the_hs_core(catalog):
    core = [r for r in catalog.assessable if r.hs]
    assert core
    for r in core:
        assert sorted(r.anchors) == ["1", "3", "5"], r.key
        for level in r.anchors.values():
            assert level["nl"] and level["en"] and level["nl"] != level["en"]
    assert not any(r.anchors for r in catalog.items if not r.hs)
    # the same HS clause reads the same in every standard: two consultants score alike
    assert catalog.item("4.1").anchors["3"]["en"].startswith("A documented context analysis")


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


def test_catalog_show_marks_new_changed_and_what_to_verify():
    shown = run_isodesk("catalog", "show", "iso14001-2026").stdout
    assert "  6.3  Planning of changes  [new]" in shown
    assert "  4.1  Understanding the organization and its context  [changed]" in shown
    assert "  7.2  Competence\n" in shown
    assert "! Check against the NEN-EN-ISO 14001:2026 text: the order of clause 10." in shown
    data = json.loads(run_isodesk("catalog", "show", "iso14001-2026", "--json").stdout)
    assert data["supersedes"] == "iso14001-2015"
    items = {i["ref"]: i for i in data["items"]}
    assert items["6.1.5"]["continues"] == ["iso14001-2015:6.1.4"] and items["6.1.5"]["changed"] is False
    assert items["6.3"]["new_in_edition"] is True and items["6.3"]["changed"] is None
    assert items["10.1"]["verify"]["en"].startswith("Check against the NEN-EN-ISO 14001:2026 text")
    assert items["4.1"]["anchors"]["5"]["nl"]
    assert items["4.2"]["note"]["en"].startswith("The standard keeps the note from Amd 1:2024")


def test_catalog_show_json_lists_links_both_ways():
    data = json.loads(run_isodesk("catalog", "show", "iso9001-2015", "--json").stdout)
    items = {i["ref"]: i for i in data["items"]}
    inputs = {p["key"]: p for p in items["9.3.2"]["linked"]}
    assert inputs["iso14001-2015:9.3"] == {"key": "iso14001-2015:9.3", "kind": "same", "via": "link",
                                           "follows": False}
    assert inputs["iso27001-2022:9.3.2"]["via"] == "hs" and inputs["iso27001-2022:9.3.2"]["follows"]
    assert {p["kind"] for p in items["8.4.1"]["linked"]} == {"related"}
    assert items["9.3"]["linked"] == []  # headings are not linked
