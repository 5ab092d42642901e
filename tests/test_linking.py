"""Integrated (KAM) systems: which items of the other standards an item is linked to, and which
of them can follow its answer (domain/linking.py), on the bundled catalogs."""

import pytest

from isodesk.domain import linking
from isodesk.domain.model import Answer
from isodesk.domain.scales import Result

Q, E15, E26, O, I = "iso9001-2015", "iso14001-2015", "iso14001-2026", "iso45001-2018", "iso27001-2022"


@pytest.fixture(scope="module")
def everything(registry):
    return [r for c in registry.available() for r in c.items]


@pytest.fixture(scope="module")
def by_key(everything):
    return {r.key: r for r in everything}


def _partners(by_key, everything, key, kind=None):
    return {p.requirement.key: p for p in linking.partners(by_key[key], everything)
            if kind is None or p.kind == kind}


def _same(by_key, everything, key):
    return set(_partners(by_key, everything, key, "same"))


def _keys(cat, *refs):
    return {f"{cat}:{r}" for r in refs}


# The shared clauses beyond a one-to-one HS match, as the issue lists them.
PARTIAL = {  # ISO 9001 sub-clause → its "same requirement" in the other standards
    "5.2.2": {E15: "5.2", E26: "5.2", O: "5.2", I: "5.2"},
    "6.1.2": {E15: "6.1.4", E26: "6.1.5", O: "6.1.4", I: "6.1.1"},
    "6.2.2": {E15: "6.2.2", E26: "6.2.2", O: "6.2.2", I: "6.2"},
    "7.5.3.2": {E15: "7.5.3", E26: "7.5.3", O: "7.5.3", I: "7.5.3"},
    "10.2.2": {E15: "10.2", E26: "10.2", O: "10.2", I: "10.2"},
}
BEYOND_HS = {  # ISO 14001 (both editions) ↔ ISO 45001, same number and topic
    E15: {"6.1.3": "6.1.3", "6.1.4": "6.1.4", "6.2.2": "6.2.2", "7.4.2": "7.4.2", "7.4.3": "7.4.3",
          "8.2": "8.2", "9.1.2": "9.1.2", "10.1": "10.1"},
    E26: {"6.1.3": "6.1.3", "6.1.5": "6.1.4", "6.2.2": "6.2.2", "7.4.2": "7.4.2", "7.4.3": "7.4.3",
          "8.2": "8.2", "9.1.2": "9.1.2"},
}


# Where the partner is split the same way (14001/45001 6.1.4 planning action = 9001 6.1.2), the
# pair is one to one; elsewhere the partner is the whole clause that 9001 splits in two.
ONE_TO_ONE = {"6.1.2": {E15, E26, O}, "6.2.2": {E15, E26, O}}


@pytest.mark.parametrize("ref", list(PARTIAL))
def test_partial_clauses_of_iso9001_link_to_the_whole_clause_elsewhere(by_key, everything, ref):
    found = _partners(by_key, everything, f"{Q}:{ref}", "same")
    assert set(found) == {f"{cat}:{other}" for cat, other in PARTIAL[ref].items()}
    for key, partner in found.items():
        # a part does not fill the whole (its other parts may differ) ...
        assert partner.follows == (key.split(":")[0] in ONE_TO_ONE.get(ref, ())), key
        # ... but the whole fills its parts
        assert f"{Q}:{ref}" in {r.key for r in linking.Links(everything).sharing(by_key[key])}, key


@pytest.mark.parametrize("env", [E15, E26])
def test_iso14001_and_iso45001_share_clauses_beyond_the_hs(by_key, everything, env):
    for ref, other in BEYOND_HS[env].items():
        found = _partners(by_key, everything, f"{env}:{ref}", "same")
        assert f"{O}:{other}" in found, ref
        assert found[f"{O}:{other}"].follows and found[f"{O}:{other}"].via == "link", ref
        back = _partners(by_key, everything, f"{O}:{other}", "same")
        assert back[f"{env}:{ref}"].follows, ref  # one-to-one: answered once, either way round


def test_one_management_review_serves_the_three_subclauses(by_key, everything):
    subclauses = _keys(Q, "9.3.1", "9.3.2", "9.3.3") | _keys(I, "9.3.1", "9.3.2", "9.3.3")
    for whole in (f"{E15}:9.3", f"{O}:9.3"):
        followers = {r.key for r in linking.Links(everything).sharing(by_key[whole])}
        assert subclauses <= followers, whole
    assert f"{O}:9.3" in {r.key for r in linking.Links(everything).sharing(by_key[f"{E15}:9.3"])}
    inputs = _partners(by_key, everything, f"{Q}:9.3.2")
    assert inputs[f"{E15}:9.3"].kind == "same" and not inputs[f"{E15}:9.3"].follows
    assert inputs[f"{I}:9.3.2"].follows and inputs[f"{I}:9.3.2"].via == "hs"
    # the 2026 edition has 9.3.1-9.3.3 itself: one to one with 9001, whole-to-part with 45001
    assert _partners(by_key, everything, f"{E26}:9.3.2")[f"{Q}:9.3.2"].follows
    assert _partners(by_key, everything, f"{O}:9.3")[f"{E26}:9.3.2"].follows
    assert not _partners(by_key, everything, f"{E26}:9.3.2")[f"{O}:9.3"].follows


def test_hs_core_links_every_standard(by_key, everything):
    expected = {cat: f"{cat}:4.1" for cat in (Q, E15, E26, O, I)}
    for key in expected.values():
        assert _same(by_key, everything, key) == set(expected.values()) - {key} - (
            {f"{E15}:4.1", f"{E26}:4.1"} if key.startswith("iso14001") else set())


def test_two_editions_of_one_standard_are_not_partners(by_key, everything):
    """A transition project holds ISO 14001:2015 and :2026: the new edition continues the old,
    it does not mirror it."""
    for key in (f"{E26}:4.1", f"{E26}:7.2", f"{E26}:10.2"):
        cats = {k.split(":")[0] for k in _partners(by_key, everything, key)}
        assert E15 not in cats and Q in cats, key


def test_topic_links_are_related_and_never_shared(by_key, everything):
    purchasing = _partners(by_key, everything, f"{Q}:8.4.1")
    assert {f"{O}:8.1.4.1", f"{O}:8.1.4.2", f"{O}:8.1.4.3", f"{I}:A.5.19"} <= set(purchasing)
    assert all(p.kind == "related" and not p.follows for p in purchasing.values())
    assert linking.Links(everything).sharing(by_key[f"{Q}:8.4.1"]) == []
    supplier_controls = set()
    for ref in ("A.5.19", "A.5.20", "A.5.21", "A.5.22"):
        found = _partners(by_key, everything, f"{I}:{ref}", "related")
        assert any(k.startswith(f"{Q}:8.4.") for k in found), ref
        supplier_controls |= {k for k in found if k.startswith(f"{O}:8.1.4.")}
    assert supplier_controls == _keys(O, "8.1.4.1", "8.1.4.2", "8.1.4.3")


def test_without_catalog_links_only_the_hs_links_remain(by_key, everything):
    """Requirements as a project stored them before links were kept: HS partners one to one."""
    bare = [r._replace(links=()) for r in everything]
    key = f"{Q}:5.2.1"
    found = {r.key for r in linking.Links(bare).sharing(next(r for r in bare if r.key == key))}
    assert found == {f"{E15}:5.2", f"{E26}:5.2", f"{O}:5.2", f"{I}:5.2"}


def test_links_are_written_once_and_do_not_repeat_an_hs_match(registry, by_key):
    written = {}
    for cat in registry.available():
        for r in cat.items:
            for link in r.links:
                pair = frozenset((r.key, link.key))
                assert pair not in written, f"{r.key} ↔ {link.key} is written twice"
                written[pair] = link.kind
                other = by_key[link.key]
                assert not (r.hs and r.hs == other.hs), f"{r.key} ↔ {link.key} share hs already"
    assert len(written) == sum(len(r.links) for c in registry.available() for r in c.items)


def test_an_answer_flows_into_covered_items_only(by_key, everything):
    """What the session does with sharing_partners: mirror the answer into blank followers."""
    source = Answer(f"{E15}:9.3", Result.PARTIAL, 2, "Geen input over klachten")
    followers = [linking.mirror(source, r.key) for r in linking.Links(everything).sharing(by_key[source.key])]
    assert {f.key for f in followers} >= _keys(Q, "9.3.1", "9.3.2", "9.3.3")
    assert all(f.linked_to == source.key and f.result is Result.PARTIAL for f in followers)
