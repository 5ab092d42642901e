"""Transition ISO 14001:2015 → ISO 14001:2026: the catalog data (supersedes, from, changed,
new_in_2026) and domain/transition.carry_over."""
from dataclasses import replace
from datetime import date

import pytest

from isodesk.domain.model import Answer
from isodesk.domain.scales import FindingType, Result
from isodesk.domain.transition import carry_over

OLD, NEW = "iso14001-2015", "iso14001-2026"
CHANGED = {"4.1", "4.3", "5.3", "6.1.1", "6.1.2", "6.1.4", "8.1", "9.3.1", "9.3.2", "9.3.3", "10.1"}
DAY = date(2025, 11, 3)


@pytest.fixture(scope="module")
def editions(registry):
    return registry.get(OLD), registry.get(NEW)


def _answer(ref, result, maturity=None, findings="", **more):
    return Answer(f"{OLD}:{ref}", Result(result), maturity, findings, assessed_on=DAY, **more)


def test_the_2026_catalog_continues_every_2015_requirement(editions):
    old, new = editions
    assert new.info.supersedes == OLD
    continued = {key for r in new.assessable for key in r.continues}
    assert {r.key for r in old.assessable} <= continued
    assert {r.ref for r in new.assessable if r.new_in_edition} == {"6.3"}
    assert {r.ref for r in new.assessable if r.changed} == CHANGED
    assert new.item("6.1.5").continues == (f"{OLD}:6.1.4",) and new.item("6.1.5").changed is False
    assert new.item("10.1").continues == (f"{OLD}:10.1", f"{OLD}:10.3")
    assert {r.ref for r in new.items if r.verify} >= {"10", "10.1", "10.2"}
    assert "NEN-EN-ISO 14001:2026" in new.item("10.1").verify["nl"]
    assert "NEN-EN-ISO 14001:2026" in new.item("10").verify["en"]


def test_answers_are_carried_and_changed_items_marked_for_re_verification(editions):
    old, new = editions
    answers = {a.key: a for a in [
        _answer("4.1", "conform", 3, "Contextanalyse 2024"),
        _answer("7.2", "partial", 2, "Opleidingsmatrix onvolledig", interviewee="J. de Vries"),
        _answer("6.1.4", "nonconform", 1, "Geen maatregelenplan", finding_type=FindingType.MINOR),
        _answer("9.3", "conform", 3, "Directiebeoordeling maart"),
        _answer("10.1", "conform", 4, "Verbeterregister op orde", interviewee="A. Jansen"),
        _answer("10.3", "partial", 2, "Geen trends", interviewee="B. Smit", finding_type=FindingType.OBSERVATION),
        Answer(f"{OLD}:5.2", Result.CONFORM, 3, linked_to="iso9001-2015:5.2.1"),  # a follower
        Answer(f"{OLD}:7.3"),  # blank: nothing to carry
    ]}
    t = carry_over(old.items, answers, new.items)

    unchanged = t.carried[f"{NEW}:7.2"]
    assert (unchanged.result, unchanged.maturity, unchanged.findings, unchanged.interviewee) == (
        Result.PARTIAL, 2, "Opleidingsmatrix onvolledig", "J. de Vries")
    assert f"{NEW}:7.2" not in t.reverify
    assert t.carried[f"{NEW}:6.1.5"].finding_type is FindingType.MINOR  # renumbered, unchanged
    assert f"{NEW}:6.1.5" not in t.reverify
    assert t.carried[f"{NEW}:4.1"].result is Result.CONFORM and f"{NEW}:4.1" in t.reverify
    for ref in ("9.3.1", "9.3.2", "9.3.3"):  # one 2015 clause became three
        assert t.carried[f"{NEW}:{ref}"].findings == "Directiebeoordeling maart"
        assert t.sources[f"{NEW}:{ref}"] == (f"{OLD}:9.3",)
        assert f"{NEW}:{ref}" in t.reverify

    merged = t.carried[f"{NEW}:10.1"]  # two 2015 clauses became one: the weaker answer wins
    assert (merged.result, merged.maturity) == (Result.PARTIAL, 2)
    assert merged.findings == "[10.1] Verbeterregister op orde\n[10.3] Geen trends"
    assert merged.interviewee == "A. Jansen, B. Smit"
    assert merged.finding_type is FindingType.OBSERVATION and merged.assessed_on == DAY
    assert t.sources[f"{NEW}:10.1"] == (f"{OLD}:10.1", f"{OLD}:10.3")

    follower = t.carried[f"{NEW}:5.2"]
    assert follower.linked_to is None and follower.result is Result.CONFORM
    assert all(a.key.startswith(f"{NEW}:") and a.key == k for k, a in t.carried.items())
    assert f"{NEW}:7.3" not in t.carried
    assert f"{NEW}:6.3" in t.new and f"{NEW}:6.3" not in t.carried
    assert t.reverify <= t.changed and t.changed == {f"{NEW}:{ref}" for ref in CHANGED}
    assert t.reverify == {f"{NEW}:{ref}" for ref in ("4.1", "9.3.1", "9.3.2", "9.3.3", "10.1")}
    assert t.dropped == ()


def test_answers_no_new_item_continues_are_reported(editions):
    old, new = editions
    answers = {f"{OLD}:7.2": _answer("7.2", "conform", 3), f"{OLD}:7": Answer(f"{OLD}:7", Result.CONFORM)}
    without_7_2 = [r for r in new.items if r.ref != "7.2"]
    t = carry_over(old.items, answers, without_7_2)
    assert t.dropped == (f"{OLD}:7.2",)  # headings are never answered, so never dropped
    assert t.carried == {}


def test_combining_keeps_a_conform_and_na_pair_conform(editions):
    old, new = editions
    answers = {a.key: a for a in [_answer("10.1", "na"), _answer("10.3", "conform", 3)]}
    merged = carry_over(old.items, answers, new.items).carried[f"{NEW}:10.1"]
    assert merged.result is Result.CONFORM and merged.maturity == 3
    answers = {a.key: a for a in [_answer("10.1", "na"), replace(_answer("10.3", "na"))]}
    assert carry_over(old.items, answers, new.items).carried[f"{NEW}:10.1"].result is Result.NA


def test_an_iso27001_2013_soa_maps_onto_the_2022_controls(registry):
    """No 2013 catalog: the answers are keyed by the 2013 control and carried through
    iso27001_2013 (Requirement.continues)."""
    old = {a.key: a for a in [
        Answer("iso27001-2013:A.12.4.1", Result.CONFORM, 3, "Event logging centraal"),
        Answer("iso27001-2013:A.12.4.3", Result.PARTIAL, 2, "Beheerderslogging niet beschermd"),
        Answer("iso27001-2013:A.18.2.3", Result.NONCONFORM, 1, "Geen technische toets"),
    ]}
    t = carry_over(None, old, registry.get("iso27001-2022").items)
    logging = t.carried["iso27001-2022:A.8.15"]
    assert logging.result is Result.PARTIAL and logging.maturity == 2
    assert logging.findings == "[A.12.4.1] Event logging centraal\n[A.12.4.3] Beheerderslogging niet beschermd"
    assert {k for k, keys in t.sources.items() if "iso27001-2013:A.18.2.3" in keys} == {
        "iso27001-2022:A.5.36", "iso27001-2022:A.8.8"}
    assert "iso27001-2022:A.5.7" in t.new and t.reverify == frozenset()  # changed is not recorded


def test_a_project_with_both_editions_keeps_the_catalog_fields(tmp_path, registry):
    """The project file keeps what the catalog says (continues, changed, links, anchors ...),
    and the two editions in one project do not share answers: the newer continues the older."""
    from isodesk.app.session import ProjectSession, create_project

    path = tmp_path / "transitie.isodesk"
    create_project(path, "Milieu B.V.", [OLD, NEW, "iso45001-2018"], registry).close()
    s = ProjectSession.open(path)
    try:
        for cat_id in (OLD, NEW):
            assert [s.by_key[r.key] for r in registry.get(cat_id).items] == registry.get(cat_id).items
        assert s.catalog(NEW).supersedes == OLD
        s.set_answer(f"{NEW}:7.2", result="conform", maturity=3)
        assert s.answer(f"{OLD}:7.2").is_blank
        assert s.answer("iso45001-2018:7.2").linked_to == f"{NEW}:7.2"
        assert {p.requirement.catalog_id for p in s.partners(f"{NEW}:8.2")} == {"iso45001-2018"}
    finally:
        s.close()
