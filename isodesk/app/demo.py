"""A realistic demo project: an installation company assessed against all four standards.

Used by ``isodesk demo FILE``, by ``isodesk`` without a file, and by the tests and screenshots.
Deterministic (seeded), so reports and screenshots of the demo are reproducible. It is the
report prospects see first, so it tells one consistent story: the work itself is in order, the
management system's own check is missing (no internal audits, no management review, in every
standard alike), no clause of chapters 4–10 is "not applicable", and the consultant's conclusion,
advice and roadmap say the same as the figures.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from isodesk.app.session import ProjectSession
from isodesk.catalog import CatalogRegistry
from isodesk.domain.errors import ProjectFileError
from isodesk.domain.model import Answer, Note, Phase, ProjectInfo, Scope
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
    ("iso9001-2015:7.5.2", "partial", 2,
     "Procedures en formulieren hebben geen versie of datum, en wie ze heeft goedgekeurd, is niet "
     "vastgelegd.",
     "Procedures and forms carry no version or date, and who approved them is not recorded.",
     "Procedurehandboek, formulieren werkplaats", "minor"),
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
    ("iso9001-2015:10.2.1", "partial", 2,
     "Klachten worden geregistreerd, maar oorzaakanalyse en effectiviteitscontrole ontbreken.",
     "Complaints are logged, but root-cause analysis and effectiveness checks are missing.",
     "Klachtenregister", "minor"),
    ("iso27001-2022:6.1.2", "partial", 2,
     "Risicoanalyse informatiebeveiliging uitgevoerd in 2024, criteria voor risicoacceptatie ontbreken.",
     "Information security risk assessment done in 2024; risk acceptance criteria are missing.",
     "Risicoanalyse IB 2024", "minor"),
    ("iso27001-2022:6.1.3", "partial", 1,
     "De Verklaring van Toepasselijkheid is tijdens deze nulmeting als eerste concept opgesteld; de "
     "maatregelen zijn nog niet aan de risico's gekoppeld en niet door de directie vastgesteld.",
     "The Statement of Applicability was drafted during this assessment; the controls are not yet "
     "linked to the risks and management has not approved it.",
     "Concept-VvT (hoofdstuk 7 van dit rapport)", "minor"),
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
     "high", "open", False, ["iso9001-2015:9.3.1", "iso9001-2015:9.3.2", "iso9001-2015:9.3.3",
                             "iso27001-2022:9.3.1", "iso27001-2022:9.3.2", "iso27001-2022:9.3.3",
                             "iso14001-2015:9.3", "iso45001-2018:9.3"]),
    ("Auditprogramma 2027 opstellen", "Draw up the 2027 audit programme", "S. Jansen", 60, "high",
     "in_progress", False, ["iso9001-2015:9.2.1", "iso9001-2015:9.2.2", "iso27001-2022:9.2.1",
                            "iso27001-2022:9.2.2", "iso14001-2015:9.2.1", "iso14001-2015:9.2.2",
                            "iso45001-2018:9.2.1", "iso45001-2018:9.2.2"]),
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

# One finding for the same gap in every standard (integrated management system): the clauses
# of each standard with these numbers get it, so no standard says the opposite of another.
SHARED = [
    (("9.2", "9.2.1", "9.2.2"), "nonconform", 0,
     "Er is geen auditprogramma en in 2025 zijn geen interne audits uitgevoerd.",
     "There is no audit programme and no internal audits were carried out in 2025.", "major"),
    (("9.3", "9.3.1", "9.3.2", "9.3.3"), "nonconform", 1,
     "Er is nog geen directiebeoordeling gehouden; de directie bespreekt kwaliteit, milieu, "
     "veiligheid en informatiebeveiliging ad hoc in het MT-overleg, zonder verslag of besluiten.",
     "No management review has been held yet; management discusses quality, environment, safety "
     "and information security ad hoc, without minutes or decisions.", "major"),
]

# Findings for the items without a story of their own: varied, as assessors write them.
GENERIC = {
    "conform": [
        ("Aantoonbaar ingericht; de werkwijze is beschreven en wordt in de praktijk gevolgd.",
         "Demonstrably in place; the way of working is described and followed in practice."),
        ("Werkt zoals beschreven; de registraties in de steekproef waren volledig en actueel.",
         "Works as described; the records in the sample were complete and up to date."),
        ("Ingericht en bekend bij de medewerkers die we spraken.",
         "In place and known to the staff we spoke to."),
        ("Goed geregeld; verantwoordelijkheden zijn duidelijk belegd.",
         "Well arranged; responsibilities are clearly assigned."),
        ("Aanwezig en toegepast; de laatste evaluatie is minder dan een jaar oud.",
         "Present and applied; the last evaluation is less than a year old."),
    ],
    "partial": [
        ("De werkwijze bestaat, maar is niet vastgelegd en hangt af van één persoon.",
         "The way of working exists but is not documented and depends on one person."),
        ("Beschreven, maar niet overal toegepast; in de steekproef ontbraken registraties.",
         "Described but not applied everywhere; records were missing in the sample."),
        ("De procedure is uit 2021 en sluit niet meer aan op de huidige praktijk.",
         "The procedure dates from 2021 and no longer matches current practice."),
        ("Ingericht voor het hoofdkantoor, nog niet voor het servicepunt in 's-Hertogenbosch.",
         "In place at the head office, not yet at the service point in 's-Hertogenbosch."),
        ("Registraties zijn er, maar de resultaten worden niet geëvalueerd.",
         "Records exist, but the results are not evaluated."),
    ],
    "nonconform": [
        ("Niet ingericht: er is geen afgesproken werkwijze en er zijn geen registraties.",
         "Not in place: there is no agreed way of working and there are no records."),
    ],
}
# SoA justifications per Annex A theme, in the words a consultant uses
JUSTIFICATIONS = {
    "A.5": [("Volgt uit de risicoanalyse informatiebeveiliging 2024.",
             "Follows from the 2024 information security risk assessment."),
            ("Nodig voor de contracten met opdrachtgevers in de utiliteitsbouw.",
             "Required by the contracts with clients in commercial building."),
            ("Wettelijke eis (AVG) voor de klant- en personeelsgegevens.",
             "Legal requirement (GDPR) for client and staff data.")],
    "A.6": [("Alle 62 medewerkers werken met klant- of personeelsgegevens.",
             "All 62 staff work with client or staff data."),
            ("Volgt uit de risicoanalyse informatiebeveiliging 2024.",
             "Follows from the 2024 information security risk assessment.")],
    "A.7": [("Kantoor, werkplaats en magazijn met gereedschap, voorraad en servers.",
             "Office, workshop and warehouse with tools, stock and servers."),
            ("Monteurs nemen laptops en klantdocumenten mee naar de bouwplaats.",
             "Fitters take laptops and client documents to the building sites.")],
    "A.8": [("ERP, planning en servicemeldingen draaien op eigen servers en in de cloud.",
             "ERP, planning and service calls run on own servers and in the cloud."),
            ("Volgt uit de risicoanalyse informatiebeveiliging 2024.",
             "Follows from the 2024 information security risk assessment.")],
}
# Not assessed yet: design changes and post-delivery activities are on the agenda of the
# follow-up visit with the work planners.
FOLLOW_UP_VISIT = {"iso9001-2015:8.3.6", "iso9001-2015:8.5.6"}
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
        **_report_fields(en),
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
                session.set_logo(_logo())
            finally:
                session.close()
    finally:
        lock.release()


def _logo() -> bytes:
    """The demo consultancy's logo: a compass rose beside its name, drawn here (no image file
    to ship or license)."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    from isodesk.support.paths import bundled

    scale = 4
    image = Image.new("RGBA", (720 * scale // 2, 200 * scale // 2), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    navy, teal = (31, 58, 95, 255), (42, 127, 158, 255)
    cx, cy, r = 100 * scale // 2, 100 * scale // 2, 80 * scale // 2
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), outline=navy, width=7 * scale // 2)
    for dx, dy, colour in ((0, -1, teal), (0, 1, navy), (1, 0, navy), (-1, 0, navy)):
        tip = (cx + dx * r * 0.85, cy + dy * r * 0.85)
        side = 0.2 * r
        pen.polygon([tip, (cx + dy * side, cy - dx * side), (cx - dy * side, cy + dx * side)],
                    fill=colour)
    fonts = bundled("resources") / "fonts"
    bold = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), 64 * scale // 2)
    regular = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 34 * scale // 2)
    pen.text((205 * scale // 2, 48 * scale // 2), "KOMPAS", font=bold, fill=navy)
    pen.text((208 * scale // 2, 122 * scale // 2), "kwaliteitsadvies", font=regular, fill=teal)
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _report_fields(en: bool) -> dict:
    """The consultant's own words and the document control of the demo's report."""
    def pick(nl: str, english: str) -> str:
        return english if en else nl

    return dict(
        status="final", version="1.0", reviewer="Karin Mertens",
        distribution=("M. de Vries (directeur)", "S. Jansen (KAM-coördinator)",
                      "P. Öztürk (IT-manager)"),
        consultancy="Kompas Kwaliteitsadvies",
        consultancy_contact="Stationsplein 4, 5611 AB Eindhoven · 040 123 45 67",
        conclusion=pick(
            "Van den Heuvel heeft het vakwerk goed op orde: de werkvoorbereiding, de LMRA op de "
            "bouwplaats, het leveranciersbeheer en de back-ups werken zoals beschreven. Wat "
            "ontbreekt, is de sturing op het managementsysteem zelf. Er zijn geen interne audits "
            "gehouden, er is geen directiebeoordeling en de kwaliteitsdoelstellingen zijn niet "
            "meetbaar; in alle vier de normen ontbreekt daardoor de controle in de PDCA-cyclus.\n\n"
            "Zolang die verplichte eisen openstaan, is certificatie niet haalbaar. Met het plan "
            "van aanpak is een certificatie-audit voor ISO 9001 en ISO 45001 over ongeveer negen "
            "maanden realistisch; ISO/IEC 27001 en ISO 14001 vragen daarna nog drie tot zes "
            "maanden, vooral voor patchbeheer en het register van wettelijke eisen.",
            "Van den Heuvel's craftsmanship is in good order: work planning, the last-minute risk "
            "analysis on site, supplier management and the backups work as described. What is "
            "missing is the steering of the management system itself. No internal audits have "
            "been held, there is no management review and the quality objectives are not "
            "measurable; in all four standards the check of the PDCA cycle is therefore missing."
            "\n\nAs long as these mandatory requirements are open, certification is out of "
            "reach. With the action plan, a certification audit for ISO 9001 and ISO 45001 is "
            "realistic in about nine months; ISO/IEC 27001 and ISO 14001 need three to six "
            "months more, mainly for patch management and the register of compliance "
            "obligations."),
        strengths=pick(
            "Een actueel, door de directie ondertekend kwaliteitsbeleid. Dagelijkse back-ups met "
            "een offline kopie en een hersteltest elk kwartaal. Een LMRA op iedere bouwplaats, "
            "volledig ingevuld. Leveranciers worden jaarlijks beoordeeld en de uitkomsten worden "
            "met inkoop besproken.",
            "A current quality policy signed by management. Daily backups with an offline copy "
            "and a restore test every quarter. A last-minute risk analysis on every site, filled "
            "in completely. Suppliers are evaluated every year and the results are discussed "
            "with purchasing."),
        advice=(
            Note("iso9001-2015", pick(
                "Stel eerst meetbare kwaliteitsdoelstellingen vast en plan het auditprogramma; "
                "houd binnen drie maanden de eerste directiebeoordeling, met de uitkomsten van "
                "de klanttevredenheid en de klachten als input.",
                "First set measurable quality objectives and plan the audit programme; hold the "
                "first management review within three months, with customer satisfaction and "
                "complaints as input.")),
            Note("iso27001-2022", pick(
                "Maak de Verklaring van Toepasselijkheid definitief en koppel elke maatregel aan "
                "de risico's. Patchbeheer heeft voorrang: dat is het grootste risico op een "
                "ransomware-incident.",
                "Finalise the Statement of Applicability and link each control to the risks. "
                "Patch management comes first: it is the largest ransomware risk.")),
            Note("iso14001-2015", pick(
                "Zet een register van wettelijke eisen op (F-gassen, omgevingsvergunning) en "
                "breid de milieuaspecten uit naar het werk bij klanten.",
                "Set up a register of compliance obligations (F-gas, environmental permit) and "
                "extend the environmental aspects to the work at client sites.")),
            Note("iso45001-2018", pick(
                "Actualiseer de RI&E met werken op hoogte en betrek de monteurs erbij; maak het "
                "melden van bijna-ongevallen eenvoudig, bijvoorbeeld via de werkbon-app.",
                "Update the risk assessment with working at height and involve the fitters; make "
                "reporting near misses easy, for instance through the work order app.")),
        ),
        remarks=(
            Note("iso9001-2015:9", pick(
                "Dit is het zwakste hoofdstuk: zonder interne audits en directiebeoordeling "
                "ontbreekt de controle op het systeem.",
                "This is the weakest chapter: without internal audits and management review "
                "nobody checks the system.")),
            Note("iso27001-2022:A.8", pick(
                "Wisselend beeld: de back-ups zijn voorbeeldig, maar een patchbeleid ontbreekt.",
                "A mixed picture: the backups are exemplary, but there is no patch policy.")),
        ),
        roadmap=(
            Phase(1, 3, pick("Sturing op orde", "Steering in place"), pick(
                "meetbare doelstellingen, auditprogramma, eerste directiebeoordeling, patchbeleid",
                "measurable objectives, audit programme, first management review, patch policy")),
            Phase(4, 6, pick("Invoeren en vastleggen", "Implement and record"), pick(
                "RI&E, register wettelijke eisen, definitieve VvT, bewustwordingstraining",
                "risk assessment, register of compliance obligations, final SoA, awareness")),
            Phase(7, 9, pick("Toetsen", "Check"), pick(
                "interne audits voor alle normen, tweede directiebeoordeling, certificatie-audit "
                "ISO 9001 en ISO 45001",
                "internal audits for all standards, second management review, certification "
                "audit ISO 9001 and ISO 45001")),
            Phase(10, 12, pick("Certificeren", "Certify"), pick(
                "certificatie-audit ISO/IEC 27001 en ISO 14001",
                "certification audit ISO/IEC 27001 and ISO 14001")),
        ),
    )


def _fill(session: ProjectSession, en: bool) -> None:
    rng = random.Random(2026)
    answers: dict[str, Answer] = {}
    special = {f[0] for f in FINDINGS}
    shared = {ref: story for story in SHARED for ref in story[0]}
    for req in session.assessable():
        if req.key in special or req.kind == "control" and rng.random() < 0.5:
            continue
        if req.key in FOLLOW_UP_VISIT:
            continue
        if req.kind == "clause" and req.ref in shared:
            _, result, maturity, nl, en_text, ftype = shared[req.ref]
            answers[req.key] = Answer(req.key, Result(result), maturity, en_text if en else nl,
                                      "", INTERVIEWEES[0], DAY - timedelta(days=1),
                                      FindingType(ftype))
            continue
        roll = rng.random()
        if roll < 0.12:
            continue  # not assessed yet
        # clauses of chapters 4–10 are never "not applicable" (and only their own stories are
        # not conform); Annex A controls may be excluded in the SoA, which is the n.a. result
        result = ("conform" if roll < 0.66 else "partial" if roll < 0.92 else
                  "na" if req.kind == "control" and roll < 0.95 else
                  "nonconform" if req.kind == "control" else "partial")
        maturity = None if result == "na" else {"conform": rng.choice([3, 3, 4]),
                                                "partial": rng.choice([1, 2, 2]),
                                                "nonconform": rng.choice([0, 1])}[result]
        texts = GENERIC.get(result)
        finding = rng.choice(texts)[1 if en else 0] if texts else ""
        answers[req.key] = Answer(
            req.key, Result(result), maturity, finding, "",
            rng.choice(INTERVIEWEES), DAY - timedelta(days=rng.randint(0, 2)))
    for key, result, maturity, nl, en_text, evidence, ftype in FINDINGS:
        if key in session.by_key:
            answers[key] = Answer(key, Result(result), maturity, en_text if en else nl, evidence,
                                  rng.choice(INTERVIEWEES), DAY - timedelta(days=1),
                                  FindingType(ftype) if ftype else None)
    session.replace_answers(answers.values(), "demo answers")

    # Integrated assessment: these 9001 answers serve the other standards too.
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
        elif session.answer(req.key).result is Result.NA:
            session.set_soa(req.key, applicable=False, justification=(
                "Komt binnen de scope niet voor." if not en else "Does not occur within the scope."))
        elif req.key in session.answers or rng.random() < 0.8:
            nl, en_text = rng.choice(JUSTIFICATIONS[req.chapter])
            session.set_soa(req.key, applicable=True, justification=en_text if en else nl)
