"""The five attribute types of ISO/IEC 27002:2022 (clause 4.2, Annex A) and their values.

Values are written as 27002 writes them, with the leading ``#``. A catalog's ``attributes`` table
on an Annex A control must give all five types, each with values from these lists only.
"""
from __future__ import annotations

from typing import Iterable

from isodesk.domain.model import Requirement

ATTRIBUTE_TYPES: dict[str, tuple[str, ...]] = {
    "control_type": ("#Preventive", "#Detective", "#Corrective"),
    "security_properties": ("#Confidentiality", "#Integrity", "#Availability"),
    "cybersecurity_concepts": ("#Identify", "#Protect", "#Detect", "#Respond", "#Recover"),
    "operational_capabilities": (
        "#Governance", "#Asset_management", "#Information_protection", "#Human_resource_security",
        "#Physical_security", "#System_and_network_security", "#Application_security",
        "#Secure_configuration", "#Identity_and_access_management",
        "#Threat_and_vulnerability_management", "#Continuity", "#Supplier_relationships_security",
        "#Legal_and_compliance", "#Information_security_event_management",
        "#Information_security_assurance",
    ),
    "security_domains": ("#Governance_and_Ecosystem", "#Protection", "#Defence", "#Resilience"),
}


def value_label(value: str) -> str:
    """"#Threat and vulnerability management" for ``#Threat_and_vulnerability_management``:
    27002's value, readable in a table cell or a list."""
    return value.replace("_", " ")


def grouped(controls: Iterable[Requirement],
            attribute_type: str) -> list[tuple[str, list[Requirement]]]:
    """The controls under each value of ``attribute_type``, in 27002's order of the values. A
    control with several values (#Confidentiality and #Integrity) is under each of them; values
    no control has are left out."""
    groups: dict[str, list[Requirement]] = {value: [] for value in ATTRIBUTE_TYPES[attribute_type]}
    for control in controls:
        for value in control.attributes.get(attribute_type, ()):
            groups.setdefault(value, []).append(control)
    return [(value, items) for value, items in groups.items() if items]
