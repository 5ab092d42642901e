"""A realistic demo project: an installation company assessed against all four standards.

Used by ``isodesk demo FILE``, by ``isodesk`` without a file, and by the tests and screenshots.
Deterministic (seeded), so reports and screenshots of the demo are reproducible.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from isodesk.app.session import ProjectSession
from isodesk.catalog import CatalogRegistry
from isodesk.domain.errors import ProjectFileError
from isodesk.domain.model import Answer, ProjectInfo, Scope
from isodesk.domain.scales import FindingType, Result
from isodesk.storage.lock import ProjectLock
from isodesk.support.atomic import atomic_write

DEMO_NORMS = ["iso9001-2015", "iso27001-2022", "iso14001-2015", "iso45001-2018"]
DAY = date(2026, 11, 9)

# (key, result, maturity, finding nl, finding en, evidence, finding type)
FINDINGS = [
    ("iso9001-2015:4.1", "partial", 2,
     "Interne en externe onderwerpen zijn in het MT besproken maar niet vastgelegd; klimaatverandering is niet beoordeeld.",
     "Internal and external issues were discussed by management but not recorded; climate change has not been considered.",
     "Notulen MT-overleg 12-03", "minor"),
    ("iso9001-2015:5.2.1", "conform", 3,
     "Kwaliteitsbeleid is actueel (2026), ondertekend door de directie en sluit aan op de strategie.",
     "Quality policy is current (2026), signed by the managing director and aligned with the strategy.",
     "Kwaliteitsbeleid v3.1", "good_practice"),
    ("iso9001-2015:6.2.1", "nonconform", 1,
     "Er zijn geen meetbare kwaliteitsdoelstellingen; de jaarplanning noemt alleen omzetdoelen.",
     "There are no measurable quality objectives; the annual plan only names revenue targets.",
     "Jaarplan 2026", "major"),
    ("iso9001-2015:7.1.5.2", "partial", 2,
     "Meetmiddelen (drukmeters, multimeters) hebben geen kalibratiestatus; twee van de vijf gecontroleerde meters waren over datum.",
     "Measuring equipment (pressure gauges, multimeters) has no calibration status; two of five checked were overdue.",
     "Kalibratieoverzicht Excel, steekproef werkplaats", "minor"),
    ("iso9001-2015:7.2", "partial", 2,
     "Competentiematrix bestaat voor monteurs, niet voor werkvoorbereiders; opleidingsbehoefte wordt niet structureel bepaald.",
     "A competence matrix exists for fitters, not for work planners; training needs are not determined systematically.",
     "Competentiematrix 2025", "minor"),
    ("iso9001-2015:7.5.3.2", "partial", 2,
     "Werkinstructies staan op de gedeelde schijf in meerdere versies; onduidelijk welke versie geldig is. <Let op: map 'oud'>",
     "Work instructions are on the shared drive in several versions; it is unclear which one is valid. <Note: folder 'old'>",
     "Schijf S:\\Kwaliteit\\Werkinstructies", "minor"),
    ("iso9001-2015:8.4.1", "conform", 3,
     "Leveranciers worden jaarlijks beoordeeld op levertijd en kwaliteit; resultaten besproken met inkoop.",
     "Suppliers are evaluated yearly on delivery and quality; results are discussed with purchasing.",
     "Leveranciersbeoordeling 2025", None),
    ("iso9001-2015:9.1.2", "partial", 2,
     "Klanttevredenheid wordt alleen na grote projecten gemeten; resultaten worden niet geanalyseerd.",
     "Customer satisfaction is measured only after large projects; results are not analysed.",
     "Enquêteresultaten 2025", "ofi"),
    ("iso9001-2015:9.2.2", "nonconform", 0,
     "Er is geen auditprogramma en in 2025 zijn geen interne audits uitgevoerd.",
     "There is no audit programme and no internal audits were carried out in 2025.",
     "", "major"),
    ("iso9001-2015:9.3.2", "nonconform", 1,
     "Er is geen directiebeoordeling uitgevoerd; de directie bespreekt kwaliteit ad hoc in het MT.",
     "No management review has been held; management discusses quality ad hoc.",
     "", "major"),
    ("iso9001-2015:10.2.1", "partial", 2,
     "Klachten worden geregistreerd, maar oorzaakanalyse en effectiviteitscontrole ontbreken.",
     "Complaints are logged, but root-cause analysis and effectiveness checks are missing.",
     "Klachtenregister", "minor"),
    ("iso27001-2022:6.1.2", "partial", 2,
     "Risicoanalyse informatiebeveiliging uitgevoerd in 2024, criteria voor risicoacceptatie ontbreken.",
     "Information security risk assessment done in 2024; risk acceptance criteria are missing.",
     "Risicoanalyse IB 2024", "minor"),
    ("iso27001-2022:6.1.3", "nonconform", 1,
     "Er is geen Verklaring van Toepasselijkheid; maatregelen zijn niet aan risico's gekoppeld.",
     "There is no Statement of Applicability; controls are not linked to risks.",
     "", "major"),
    ("iso27001-2022:A.5.15", "partial", 2,
     "Autorisaties in het ERP worden niet periodiek gecontroleerd; vertrokken medewerkers hadden nog toegang.",
     "ERP authorisations are not reviewed periodically; leavers still had access.",
     "Gebruikerslijst ERP 01-11", "minor"),
    ("iso27001-2022:A.5.24", "partial", 2,
     "Incidentprocedure bestaat maar is niet geoefend; meldplicht datalekken niet beschreven.",
     "Incident procedure exists but has not been tested; data-breach notification is not described.",
     "Procedure incidentbeheer v1.0", "minor"),
    ("iso27001-2022:A.8.13", "conform", 4,
     "Dagelijkse back-up met offline kopie; hersteltest elk kwartaal met verslag.",
     "Daily backup with offline copy; quarterly restore test with report.",
     "Back-uprapportage Q3, hersteltestverslag", "good_practice"),
    ("iso27001-2022:A.8.8", "nonconform", 1,
     "Geen patchbeleid voor servers; drie servers misten kritieke updates van > 90 dagen.",
     "No patch policy for servers; three servers lacked critical updates older than 90 days.",
     "Vulnerability scan 28-10", "major"),
    ("iso27001-2022:A.6.3", "partial", 2,
     "Bewustwordingstraining alleen bij indiensttreding; geen phishing-oefeningen.",
     "Awareness training only at onboarding; no phishing exercises.",
     "Introductieprogramma", "ofi"),
    ("iso27001-2022:A.7.1", "conform", 3,
     "Kantoor en magazijn met toegangspassen; bezoekersregistratie bij de receptie.",
     "Office and warehouse with access badges; visitor log at reception.",
     "Rondgang 09-11", None),
    ("iso14001-2015:6.1.2", "partial", 2,
     "Milieuaspecten zijn geïnventariseerd voor de werkplaats, niet voor werk op locatie bij klanten (afval, koudemiddelen).",
     "Environmental aspects were identified for the workshop, not for work at client sites (waste, refrigerants).",
     "Aspectenregister 2024", "minor"),
    ("iso14001-2015:6.1.3", "nonconform", 1,
     "Geen register van wettelijke eisen; F-gassenverordening en omgevingsvergunning niet geëvalueerd.",
     "No register of compliance obligations; F-gas regulation and environmental permit not evaluated.",
     "", "major"),
    ("iso14001-2015:8.2", "partial", 2,
     "Calamiteitenplan aanwezig, geen oefening met lekbakken/absorptiemiddel; noodnummers verouderd.",
     "Emergency plan present, no drill with spill kits; emergency numbers out of date.",
     "Calamiteitenplan 2023", "minor"),
    ("iso45001-2018:5.4", "partial", 2,
     "Werknemers worden via werkoverleg geïnformeerd, maar niet betrokken bij de RI&E.",
     "Workers are informed in team meetings but not involved in the risk assessment (RI&E).",
     "Notulen werkoverleg", "ofi"),
    ("iso45001-2018:6.1.2.1", "partial", 2,
     "RI&E is uit 2021 en dekt niet het werken op hoogte bij klanten.",
     "The risk assessment (RI&E) dates from 2021 and does not cover working at height at client sites.",
     "RI&E 2021, plan van aanpak", "minor"),
    ("iso45001-2018:8.1.2", "conform", 3,
     "LMRA wordt op iedere bouwplaats ingevuld; steekproef van tien formulieren volledig.",
     "A last-minute risk analysis is done on every site; a sample of ten forms was complete.",
     "LMRA-formulieren oktober", "good_practice"),
    ("iso45001-2018:10.2", "partial", 2,
     "Ongevallen worden gemeld, bijna-ongevallen nauwelijks (2 in 2025 bij 60 medewerkers).",
     "Accidents are reported, near misses hardly at all (2 in 2025 with 60 staff).",
     "Meldingenregister", "ofi"),
]

ACTIONS = [
    ("Directiebeoordeling plannen en uitvoeren", "Management review planned and held", "M. de Vries", 45,
     "high", "open", False, ["iso9001-2015:9.3.2", "iso14001-2015:9.3", "iso45001-2018:9.3"]),
    ("Auditprogramma 2027 opstellen", "Draw up the 2027 audit programme", "S. Jansen", 60, "high",
     "in_progress", False, ["iso9001-2015:9.2.2"]),
    ("Meetbare kwaliteitsdoelstellingen vaststellen", "Set measurable quality objectives", "M. de Vries", 30,
     "high", "open", False, ["iso9001-2015:6.2.1"]),
    ("Kalibratiestickers op alle meetmiddelen", "Calibration labels on all measuring equipment", "R. Bakker", 14,
     "medium", "open", True, ["iso9001-2015:7.1.5.2"]),
    ("Oude versies werkinstructies archiveren", "Archive old versions of work instructions", "S. Jansen", 7,
     "medium", "done", True, ["iso9001-2015:7.5.3.2"]),
    ("Verklaring van Toepasselijkheid opstellen", "Draw up the Statement of Applicability", "P. Öztürk", 60,
     "high", "open", False, ["iso27001-2022:6.1.3"]),
    ("Patchbeleid en maandelijkse patchronde", "Patch policy and monthly patch round", "P. Öztürk", 21,
     "high", "in_progress", False, ["iso27001-2022:A.8.8"]),
    ("Autorisaties ERP opschonen", "Clean up ERP authorisations", "P. Öztürk", 10, "medium", "open", True,
     ["iso27001-2022:A.5.15"]),
    ("Register wettelijke eisen milieu", "Register of environmental compliance obligations", "R. Bakker", 90,
     "high", "open", False, ["iso14001-2015:6.1.3"]),
    ("RI&E actualiseren incl. werken op hoogte", "Update the RI&E including working at height", "L. Peeters",
     75, "high", "open", False, ["iso45001-2018:6.1.2.1"]),
    ("Noodnummers in calamiteitenplan bijwerken", "Update emergency numbers in the emergency plan", "L. Peeters",
     5, "low", "open", True, ["iso14001-2015:8.2"]),
]

RISKS = [
    ("Certificatie-audit vertraagt door ontbrekende interne audits en directiebeoordeling",
     "Certification audit delayed by missing internal audits and management review", 4, 4, "mitigate",
     "M. de Vries", ["iso9001-2015:9.2.2", "iso9001-2015:9.3.2"]),
    ("Ransomware via niet-gepatchte servers", "Ransomware through unpatched servers", 3, 5, "mitigate",
     "P. Öztürk", ["iso27001-2022:A.8.8"]),
    ("Datalek door niet-ingetrokken accounts van vertrokken medewerkers",
     "Data breach through accounts of leavers not revoked", 3, 4, "mitigate", "P. Öztürk",
     ["iso27001-2022:A.5.15"]),
    ("Boete bij lekkage koudemiddel (F-gassen)", "Fine after refrigerant leak (F-gas)", 2, 3, "mitigate",
     "R. Bakker", ["iso14001-2015:6.1.3"]),
    ("Valongeval bij werken op hoogte", "Fall when working at height", 2, 5, "mitigate", "L. Peeters",
     ["iso45001-2018:6.1.2.1"]),
    ("Afhankelijkheid van één ERP-leverancier", "Dependence on a single ERP supplier", 2, 3, "accept",
     "M. de Vries", []),
]

GENERIC = {
    "conform": ("Aantoonbaar ingericht en werkt in de praktijk.", "In place and working in practice."),
    "partial": ("Deels ingericht; vastlegging of uitvoering is niet volledig.",
                "Partly in place; recording or execution is incomplete."),
    "nonconform": ("Niet ingericht.", "Not in place."),
    "na": ("Niet van toepassing binnen de scope.", "Not applicable within the scope."),
}
INTERVIEWEES = ["M. de Vries (directeur)", "S. Jansen (KAM-coördinator)", "P. Öztürk (IT-manager)",
                "R. Bakker (hoofd werkplaats)", "L. Peeters (preventiemedewerker)"]


def write_demo(path: Path, registry: CatalogRegistry, language: str = "nl",
               overwrite: bool = False) -> None:
    en = language == "en"
    info = ProjectInfo(
        client="Van den Heuvel Installatietechniek B.V.",
        title="Nulmeting ISO 9001, 27001, 14001 en 45001" if not en
        else "Baseline assessment ISO 9001, 27001, 14001 and 45001",
        sites=("Eindhoven (hoofdkantoor en werkplaats)", "'s-Hertogenbosch (servicepunt)"),
        assessors=("Anouk IJzerman", "Joost Verbruggen"),
        language=language,
        started_on=DAY - timedelta(days=3),
        report_date=DAY,
        confidentiality="Vertrouwelijk — uitsluitend voor Van den Heuvel Installatietechniek B.V."
        if not en else "Confidential — for Van den Heuvel Installatietechniek B.V. only",
    )
    scope = Scope(
        description="Ontwerp, installatie en onderhoud van klimaat- en elektrotechnische installaties "
        "in de utiliteitsbouw." if not en else
        "Design, installation and maintenance of HVAC and electrical installations in commercial buildings.",
        sites="Eindhoven, 's-Hertogenbosch",
        processes="Verkoop, werkvoorbereiding, montage, service en onderhoud, inkoop, IT-beheer" if not en
        else "Sales, work planning, installation, service and maintenance, purchasing, IT management",
        exclusions="ISO 9001 8.3 (ontwerp) valt binnen de scope; geen uitsluitingen." if not en
        else "ISO 9001 8.3 (design) is in scope; no exclusions.",
        justification="Integraal managementsysteem voor alle vestigingen en medewerkers (62 fte)." if not en
        else "Integrated management system for all sites and staff (62 FTE).",
    )
    catalogs = [registry.get(n) for n in DEMO_NORMS]
    path = Path(path)
    if path.exists() and not overwrite:
        raise ProjectFileError("{name} already exists.", name=path.name)
    # The demo takes hundreds of edits: build it beside the target and swap it in whole, so a
    # full disk or a kill never leaves half a demo; the lock keeps it from replacing a demo
    # that is open.
    lock = ProjectLock(path)
    lock.acquire()
    try:
        with atomic_write(path, create=False) as tmp:
            session = ProjectSession.create(tmp, info, catalogs, scope=scope)
            try:
                _fill(session, en)
            finally:
                session.close()
    finally:
        lock.release()


def _fill(session: ProjectSession, en: bool) -> None:
    rng = random.Random(2026)
    answers: dict[str, Answer] = {}
    special = {f[0] for f in FINDINGS}
    for req in session.assessable():
        if req.key in special or req.kind == "control" and rng.random() < 0.5:
            continue
        roll = rng.random()
        if roll < 0.18:
            continue  # not assessed yet
        result = ("conform" if roll < 0.62 else "partial" if roll < 0.86 else
                  "nonconform" if roll < 0.96 else "na")
        maturity = None if result == "na" else {"conform": rng.choice([3, 3, 4]),
                                                "partial": rng.choice([1, 2, 2]),
                                                "nonconform": rng.choice([0, 1])}[result]
        answers[req.key] = Answer(
            req.key, Result(result), maturity, GENERIC[result][1 if en else 0], "",
            rng.choice(INTERVIEWEES), DAY - timedelta(days=rng.randint(0, 2)))
    for key, result, maturity, nl, en_text, evidence, ftype in FINDINGS:
        if key in session.by_key:
            answers[key] = Answer(key, Result(result), maturity, en_text if en else nl, evidence,
                                  rng.choice(INTERVIEWEES), DAY - timedelta(days=1),
                                  FindingType(ftype) if ftype else None)
    session.replace_answers(answers.values(), "demo answers")

    # Integrated assessment: the 9001 management-review inputs serve the other standards too.
    for key in ("iso9001-2015:9.3.2", "iso9001-2015:7.5.2"):
        if session.hs_partners(key):
            session.link_partners(key)

    for nl, en_text, owner, days, priority, status, quick, keys in ACTIONS:
        session.add_action(en_text if en else nl, owner=owner, deadline=DAY + timedelta(days=days),
                           priority=priority, status=status, quick_win=quick,
                           keys=[k for k in keys if k in session.by_key])
    for nl, en_text, likelihood, impact, treatment, owner, keys in RISKS:
        session.add_risk(en_text if en else nl, likelihood=likelihood, impact=impact,
                         treatment=treatment, owner=owner,
                         keys=[k for k in keys if k in session.by_key])
    _fill_soa(session, rng, en)


def _fill_soa(session: ProjectSession, rng: random.Random, en: bool) -> None:
    """The SoA decisions on the Annex A answers: the implementation status follows from each
    control's result, so the SoA and the checklist tell the same story."""
    not_applicable = {"iso27001-2022:A.8.25", "iso27001-2022:A.8.26", "iso27001-2022:A.8.27",
                      "iso27001-2022:A.8.28", "iso27001-2022:A.8.29", "iso27001-2022:A.8.30",
                      "iso27001-2022:A.8.31"}
    for req in session.controls():
        if req.key in not_applicable:
            session.set_soa(req.key, applicable=False, justification=(
                "Geen eigen softwareontwikkeling." if not en else "No in-house software development."))
        elif req.key in session.answers or rng.random() < 0.8:
            session.set_soa(req.key, applicable=True, justification=(
                "Volgt uit risicoanalyse IB 2024." if not en else "Follows from the 2024 risk assessment."))
