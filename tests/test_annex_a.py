"""ISO/IEC 27001:2022 Annex A depth: the five ISO/IEC 27002:2022 attribute types per control,
the 11 controls new in 2022, and the correspondence with the 2013 Annex A (27002:2022 Annex B)."""
import json

import pytest

from isodesk.catalog.attributes import ATTRIBUTE_TYPES
from tests.conftest import run_isodesk

# The 114 controls of ISO/IEC 27001:2013 Annex A: objective → number of controls.
ANNEX_A_2013 = {
    "A.5.1": 2, "A.6.1": 5, "A.6.2": 2, "A.7.1": 2, "A.7.2": 3, "A.7.3": 1, "A.8.1": 4, "A.8.2": 3,
    "A.8.3": 3, "A.9.1": 2, "A.9.2": 6, "A.9.3": 1, "A.9.4": 5, "A.10.1": 2, "A.11.1": 6, "A.11.2": 9,
    "A.12.1": 4, "A.12.2": 1, "A.12.3": 1, "A.12.4": 4, "A.12.5": 1, "A.12.6": 2, "A.12.7": 1,
    "A.13.1": 3, "A.13.2": 4, "A.14.1": 3, "A.14.2": 9, "A.14.3": 1, "A.15.1": 3, "A.15.2": 2,
    "A.16.1": 7, "A.17.1": 3, "A.17.2": 1, "A.18.1": 5, "A.18.2": 3,
}
CONTROLS_2013 = {f"iso27001-2013:{objective}.{n}" for objective, count in ANNEX_A_2013.items()
                 for n in range(1, count + 1)}
NEW_IN_2022 = {"A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12",
               "A.8.16", "A.8.23", "A.8.28"}


@pytest.fixture(scope="module")
def controls(registry):
    return [r for r in registry.get("iso27001-2022").items if r.kind == "control" and r.assessable]


def test_all_93_controls_carry_the_five_attribute_types(controls):
    assert len(CONTROLS_2013) == 114 and len(controls) == 93
    for c in controls:
        assert list(c.attributes) == list(ATTRIBUTE_TYPES), c.key
        for kind, values in c.attributes.items():
            assert values and set(values) <= set(ATTRIBUTE_TYPES[kind]), (c.key, kind)


def test_attribute_values_as_27002_gives_them(registry):
    cat = registry.get("iso27001-2022")
    assert cat.item("A.5.1").attributes == {
        "control_type": ("#Preventive",),
        "security_properties": ("#Confidentiality", "#Integrity", "#Availability"),
        "cybersecurity_concepts": ("#Identify",),
        "operational_capabilities": ("#Governance",),
        "security_domains": ("#Governance_and_Ecosystem", "#Resilience"),
    }
    assert cat.item("A.5.7").attributes["control_type"] == ("#Preventive", "#Detective", "#Corrective")
    assert cat.item("A.5.30").attributes["security_properties"] == ("#Availability",)
    assert cat.item("A.5.30").attributes["security_domains"] == ("#Resilience",)
    assert cat.item("A.8.13").attributes["cybersecurity_concepts"] == ("#Recover",)
    assert cat.item("A.7.7").attributes["security_properties"] == ("#Confidentiality",)
    assert cat.item("A.5.22").attributes["operational_capabilities"] == (
        "#Supplier_relationships_security", "#Information_security_assurance")
    corrective = {r.ref for r in cat.items if "#Corrective" in r.attributes.get("control_type", ())}
    # 27002:2022 Table A.2, the view of #Corrective controls
    assert corrective == {"A.5.5", "A.5.6", "A.5.7", "A.5.24", "A.5.26", "A.5.28", "A.5.29", "A.5.30",
                          "A.5.35", "A.5.37", "A.6.4", "A.8.7", "A.8.13", "A.8.16"}


def test_eleven_controls_are_new_in_2022(controls):
    assert {c.ref for c in controls if c.new_in_edition} == NEW_IN_2022
    for c in controls:
        assert bool(c.continues) != c.new_in_edition, c.key


def test_every_2013_control_maps_to_at_least_one_2022_control(controls):
    continued = {key for c in controls for key in c.continues}
    assert continued == CONTROLS_2013
    mapped = {c.ref: set(c.continues) for c in controls}
    # well-known correspondences (27002:2022 Annex B)
    assert mapped["A.8.8"] == {"iso27001-2013:A.12.6.1", "iso27001-2013:A.18.2.3"}
    assert mapped["A.5.15"] == {"iso27001-2013:A.9.1.1", "iso27001-2013:A.9.1.2"}
    assert mapped["A.7.10"] == {"iso27001-2013:A.8.3.1", "iso27001-2013:A.8.3.2",
                                "iso27001-2013:A.8.3.3", "iso27001-2013:A.11.2.5"}
    assert mapped["A.8.32"] == {"iso27001-2013:A.12.1.2", "iso27001-2013:A.14.2.2",
                                "iso27001-2013:A.14.2.3", "iso27001-2013:A.14.2.4"}
    # an old SoA line "A.12.4.1 Event logging" lands on 8.15 Logging
    assert [c.ref for c in controls if "iso27001-2013:A.12.4.1" in c.continues] == ["A.8.15"]
    assert sorted(c.ref for c in controls if "iso27001-2013:A.18.2.3" in c.continues) == ["A.5.36", "A.8.8"]


def test_catalog_show_json_lists_attributes_new_and_2013_per_control():
    data = json.loads(run_isodesk("catalog", "show", "iso27001-2022", "--json").stdout)
    items = {i["ref"]: i for i in data["items"]}
    assert items["A.5.7"]["new_in_edition"] is True and items["A.5.7"]["continues"] == []
    assert items["A.8.15"]["continues"] == ["iso27001-2013:A.12.4.1", "iso27001-2013:A.12.4.2",
                                            "iso27001-2013:A.12.4.3"]
    assert items["A.8.15"]["attributes"]["control_type"] == ["#Detective"]
    controls = [i for i in data["items"] if i["kind"] == "control" and i["assessable"]]
    assert len(controls) == 93 and all(len(i["attributes"]) == 5 for i in controls)
    assert sum(i["new_in_edition"] for i in controls) == 11
    related = {p["key"]: p for p in items["A.5.19"]["linked"]}
    assert related["iso9001-2015:8.4.1"]["kind"] == "related"
