"""The workbook's own words in Dutch and English: sheet names, the cover sheet, yes/no.

Kept here rather than in the gettext catalog because the importer must recognise the words of
*both* languages at once (a workbook exported in Dutch can be imported into an English project).
Column headers live with the column definitions in layout.py.
"""
from __future__ import annotations

from isodesk.domain.scales import Theme

SHEETS = {
    "cover": {"nl": "Voorblad", "en": "Cover"},
    "soa": {"nl": "VvT", "en": "SoA"},
    "actions": {"nl": "Plan van aanpak", "en": "Action plan"},
    "risks": {"nl": "Risico's", "en": "Risks"},
    "lists": {"nl": "Keuzelijsten", "en": "Lists"},
}

YES = {"nl": "Ja", "en": "Yes"}
NO = {"nl": "Nee", "en": "No"}
# Every spelling of a yes/no cell that Excel, LibreOffice or a person produces, lower case.
TRUE_WORDS = {"ja", "yes", "j", "y", "x", "true", "waar", "1", "✓", "✔"}
FALSE_WORDS = {"nee", "no", "n", "false", "onwaar", "0", "-"}

THEMES = {theme.value: theme.labels for theme in Theme}

# The sheet holding what was exported (the base of a three-way import); very hidden.
BASE_SHEET = "isodesk"

COVER = {
    "title": {"nl": "Nulmeting — werkboek", "en": "Baseline assessment — workbook"},
    "client": {"nl": "Klant", "en": "Client"},
    "project": {"nl": "Project", "en": "Project"},
    "standards": {"nl": "Normen", "en": "Standards"},
    "sites": {"nl": "Locaties", "en": "Sites"},
    "assessors": {"nl": "Assessoren", "en": "Assessors"},
    "exported": {"nl": "Geëxporteerd op", "en": "Exported on"},
    "confidential": {"nl": "Vertrouwelijk", "en": "Confidential"},
    "how": {"nl": "Zo vult u dit werkboek in", "en": "How to fill in this workbook"},
    "legend": {"nl": "Kleuren in de kolom Resultaat", "en": "Colours in the Result column"},
}
# Shown when the project has no confidentiality line of its own.
CONFIDENTIAL = {
    "nl": "Dit werkboek bevat vertrouwelijke gegevens van {client}. Deel het alleen met de "
          "mensen die het invullen en met de assessoren.",
    "en": "This workbook holds confidential information of {client}. Share it only with the "
          "people who fill it in and with the assessors.",
}

INSTRUCTIONS = {
    "nl": [
        "Elke norm heeft een eigen blad met één regel per eis. Vul in wat u weet: kies Resultaat, "
        "Volwassenheid en Soort bevinding uit de keuzelijst in de cel, en typ Bevindingen, Bewijs, "
        "Geïnterviewde en Datum.",
        "Alleen de gele cellen kunt u invullen. Nummer, titel, eis en auditvragen liggen vast; "
        "wilt u daar iets over kwijt, schrijf het dan in de kolom Toelichting klant.",
        "Sorteer of verplaats geen regels en geef de bladen geen andere naam: zo blijft elk "
        "antwoord bij de juiste eis.",
        "Een nieuwe actie of een nieuw risico: vul een lege regel onder aan het blad Plan van "
        "aanpak of Risico's in en laat Nr. leeg. De score van een risico rekent zichzelf uit.",
        "Een actie of risico dat weg mag, laat u staan; meld het aan de assessor.",
        "Typ waarden, geen formules. Een datum typt u als 09-11-2026.",
        "Sla het werkboek op als Excel-werkmap (.xlsx) en stuur het terug naar de assessor. "
        "Alleen wat u verandert, wordt overgenomen; wat de assessor intussen heeft bijgewerkt, "
        "blijft staan.",
    ],
    "en": [
        "Each standard has its own sheet with one row per requirement. Fill in what you know: "
        "pick Result, Maturity and Finding type from the list in the cell, and type Findings, "
        "Evidence, Interviewee and Date.",
        "Only the yellow cells can be filled in. Number, title, requirement and audit questions "
        "are fixed; anything you want to say about them goes in the column Client comment.",
        "Do not sort or move rows and do not rename the sheets: that keeps every answer with its "
        "requirement.",
        "A new action or risk: fill in an empty row at the bottom of the sheet Action plan or "
        "Risks and leave No. empty. A risk's score works itself out.",
        "An action or risk that should go: leave it in place and tell the assessor.",
        "Type values, not formulas. Type a date as 2026-11-09.",
        "Save the workbook as an Excel workbook (.xlsx) and send it back to the assessor. Only "
        "what you change is taken over; what the assessor updated in the meantime stays.",
    ],
}

# Custom catalog workbooks (docs/excel-catalog-layout.md).
CATALOG_SHEETS = {
    "info": {"nl": "Catalogus", "en": "Catalog"},
    "items": {"nl": "Eisen", "en": "Items"},
}
CATALOG_FIELDS = {
    "id": {"nl": "Id", "en": "Id"},
    "standard": {"nl": "Norm", "en": "Standard"},
    "edition": {"nl": "Editie", "en": "Edition"},
    "title_nl": {"nl": "Titel nl", "en": "Title nl"},
    "title_en": {"nl": "Titel en", "en": "Title en"},
}
KINDS = {
    "clause": {"nl": "Eis", "en": "Clause"},
    "control": {"nl": "Beheersmaatregel", "en": "Control"},
}
