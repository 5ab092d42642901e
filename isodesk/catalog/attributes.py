"""The five attribute types of ISO/IEC 27002:2022 (clause 4.2, Annex A) and their values.

Values are written as 27002 writes them, with the leading ``#``. A catalog's ``attributes`` table
on an Annex A control must give all five types, each with values from these lists only.
"""
from __future__ import annotations

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
