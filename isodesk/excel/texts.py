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

COVER = {
    "title": {"nl": "Nulmeting — werkboek", "en": "Baseline assessment — workbook"},
    "client": {"nl": "Klant", "en": "Client"},
    "project": {"nl": "Project", "en": "Project"},
    "standards": {"nl": "Normen", "en": "Standards"},
    "sites": {"nl": "Locaties", "en": "Sites"},
    "assessors": {"nl": "Assessoren", "en": "Assessors"},
    "exported": {"nl": "Geëxporteerd op", "en": "Exported on"},
    "how": {"nl": "Zo vult u dit werkboek in", "en": "How to fill in this workbook"},
    "legend": {"nl": "Kleuren in de kolom Resultaat", "en": "Colours in the Result column"},
}

INSTRUCTIONS = {
    "nl": [
        "Elke norm heeft een eigen blad. Vul per eis Resultaat, Volwassenheid, Bevindingen, Bewijs, "
        "Geïnterviewde, Soort bevinding en Datum in; kies Resultaat, Volwassenheid en Soort "
        "bevinding uit de keuzelijst in de cel.",
        "Nr., Titel, Eis en Auditvragen zijn ter informatie: wijzigingen daarin worden niet ingelezen.",
        "Laat de verborgen kolom Sleutel en de kolom Nr. op de bladen Plan van aanpak en Risico's "
        "ongewijzigd en verander geen bladnamen: isodesk herkent de regels daaraan. Kolommen "
        "verplaatsen of toevoegen mag.",
        "Een nieuwe actie of een nieuw risico: voeg onderaan een regel toe en laat Nr. leeg.",
        "Regels die u van het blad Plan van aanpak of Risico's verwijdert, worden bij het inlezen "
        "NIET uit het project verwijderd; verwijder die acties en risico's in isodesk zelf.",
        "Typ waarden, geen formules: een cel met een formule wordt bij het inlezen geweigerd "
        "(gebruik Kopiëren en Plakken speciaal → Waarden).",
        "Datums als datum, bijvoorbeeld 09-11-2026.",
        "Lees het werkboek weer in met Bestand → Importeren in isodesk of met "
        "'isodesk import PROJECT.isodesk WERKBOEK.xlsx'. U ziet eerst wat er verandert; er "
        "verandert niets als het werkboek een fout bevat.",
    ],
    "en": [
        "Each standard has its own sheet. For each requirement fill in Result, Maturity, Findings, "
        "Evidence, Interviewee, Finding type and Date; pick Result, Maturity and Finding type from "
        "the drop-down list in the cell.",
        "Ref, Title, Requirement and Audit questions are for information: changes to them are not "
        "imported.",
        "Leave the hidden column Key and the column No. on the sheets Action plan and Risks as they "
        "are, and do not rename sheets: isodesk matches the rows by them. Moving or adding columns "
        "is fine.",
        "A new action or risk: add a row at the bottom and leave No. empty.",
        "Rows you delete from the sheets Action plan or Risks are NOT deleted from the project when "
        "the workbook is imported; delete those actions and risks in isodesk itself.",
        "Type values, not formulas: a cell with a formula is refused on import (use Copy and Paste "
        "special → Values).",
        "Dates as dates, for example 2026-11-09.",
        "Import the workbook with File → Import in isodesk or with "
        "'isodesk import PROJECT.isodesk WORKBOOK.xlsx'. You see what will change first; nothing "
        "changes if the workbook contains an error.",
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
