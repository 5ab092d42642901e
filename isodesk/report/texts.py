"""Every text of the report in Dutch and English, plus numbers and dates in the language's style.

Templates that contain ``{name}`` fields are filled through ``Texts.fill`` (values escaped for
Paragraph markup) or ``Texts.plain`` (for table cells and canvas strings, which print as-is).
"""
from __future__ import annotations

from datetime import date

from isodesk.domain.errors import DataError
from isodesk.report.escape import Markup, fill
from isodesk.support.i18n import format_number, half_up

LANGUAGES = ("nl", "en")

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

# key: (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    # cover, header and footer
    "report_kind": ("Nulmetingsrapport", "Baseline assessment report"),
    "default_title": ("Nulmeting {standards}", "Baseline assessment {standards}"),
    "client": ("Opdrachtgever", "Client"),
    "sites": ("Locaties", "Sites"),
    "standards": ("Normen", "Standards"),
    "date": ("Datum", "Date"),
    "assessors": ("Beoordelaars", "Assessors"),
    "period": ("Periode", "Period"),
    "page_of": ("Pagina {page} van {total}", "Page {page} of {total}"),
    "page": ("Pagina {page}", "Page {page}"),
    "contents": ("Inhoudsopgave", "Contents"),
    "appendix": ("Bijlage", "Appendix"),
    "draft_mark": ("CONCEPT", "DRAFT"),
    "default_confidentiality": ("Vertrouwelijk — uitsluitend bestemd voor {client}",
                                "Confidential — for {client} only"),
    "keywords": ("nulmeting, gap-analyse, {standards}", "baseline assessment, gap analysis, {standards}"),
    # document control
    "document_control": ("Documentbeheer", "Document control"),
    "version": ("Versie", "Version"),
    "status": ("Status", "Status"),
    "status_draft": ("Concept", "Draft"),
    "status_final": ("Definitief", "Final"),
    "authors": ("Opgesteld door", "Prepared by"),
    "reviewer": ("Gecontroleerd door", "Reviewed by"),
    "distribution": ("Verspreiding", "Distribution"),
    "consultancy": ("Adviesbureau", "Consultancy"),
    "contact": ("Contact", "Contact"),
    # management summary
    "summary": ("Managementsamenvatting", "Management summary"),
    "intro_when": (
        "{when} is bij {client}{by} een nulmeting uitgevoerd tegen {standards}.",
        "A baseline assessment against {standards} was carried out at {client}{by}{when}."),
    "intro_nowhen": (
        "Bij {client} is{by} een nulmeting uitgevoerd tegen {standards}.",
        "A baseline assessment against {standards} was carried out at {client}{by}."),
    "when_range": ("Van {start} tot en met {end}", " from {start} to {end}"),
    "when_day": ("Op {day}", " on {day}"),
    "by": (" door {names}", " by {names}"),
    "intro_method": (
        "Per eis is vastgesteld in hoeverre het managementsysteem eraan voldoet (naleving) en hoe "
        "volwassen de werkwijze is, op een schaal van 0 tot 5. Van de {items} eisen zijn er "
        "{assessed} beoordeeld ({progress}).",
        "For each requirement we established to what extent the management system meets it "
        "(compliance) and how mature the way of working is, on a scale from 0 to 5. Of the "
        "{items} requirements, {assessed} were assessed ({progress})."),
    "nothing_assessed": (
        "Er is nog geen enkele eis beoordeeld. Dit rapport bevat daarom nog geen scores, "
        "tekortkomingen of grafieken: het beschrijft de scope en de werkwijze van de nulmeting. "
        "Zodra er eisen zijn beoordeeld, volgen de resultaten per norm.",
        "No requirement has been assessed yet, so this report holds no scores, gaps or charts: it "
        "describes the scope and the method of the baseline assessment. Once requirements have "
        "been assessed, the results per standard follow."),
    "thin_data": (
        "Let op: pas {assessed} van de {items} eisen zijn beoordeeld ({progress}). De cijfers in "
        "dit rapport zijn daarom voorlopig en kunnen nog flink veranderen wanneer de overige eisen "
        "zijn beoordeeld.",
        "Note: only {assessed} of the {items} requirements have been assessed so far ({progress}). "
        "The figures in this report are therefore provisional and may still change considerably "
        "once the other requirements have been assessed."),
    "overall": (
        "Over alle normen samen voldoet de organisatie voor <b>{compliance}</b> aan de beoordeelde "
        "eisen{maturity}.",
        "Across all standards the organization meets <b>{compliance}</b> of the assessed "
        "requirements{maturity}."),
    "overall_one": (
        "Voor {name} voldoet de organisatie voor <b>{compliance}</b> aan de beoordeelde "
        "eisen{maturity}.",
        "For {name} the organization meets <b>{compliance}</b> of the assessed "
        "requirements{maturity}."),
    "provisional_suffix": (" (voorlopig)", " (provisional)"),
    "overall_maturity": (", bij een gemiddelde volwassenheid van <b>{maturity}</b>",
                         ", with an average maturity of <b>{maturity}</b>"),
    "verdict_high": (
        "Het managementsysteem is grotendeels ingericht: na het oplossen van de resterende "
        "tekortkomingen is certificatie binnen bereik.",
        "The management system is largely in place: once the remaining gaps are closed, "
        "certification is within reach."),
    "verdict_mid": (
        "Er ligt een goede basis, maar gerichte verbeteringen zijn nodig voordat een "
        "certificatie-audit zinvol is.",
        "There is a good foundation, but targeted improvements are needed before a certification "
        "audit makes sense."),
    "verdict_low": (
        "Er is een substantiële inspanning nodig om het managementsysteem aan de normen te laten "
        "voldoen.",
        "A substantial effort is needed for the management system to meet the standards."),
    "verdict_provisional": (
        "Met zo weinig beoordeelde eisen is een oordeel over de gereedheid voor certificatie nog "
        "niet te geven.",
        "With so few requirements assessed, no judgement on the readiness for certification can "
        "be given yet."),
    "open_mandatory_one": (
        "Er voldoet nog één verplichte eis uit de hoofdstukken 4 tot en met 10 niet: "
        "{examples}. Zolang die openstaat, is certificatie niet haalbaar.",
        "There is still one mandatory requirement from clauses 4 to 10 that is not met: "
        "{examples}. As long as it is open, certification is out of reach."),
    "open_mandatory": (
        "Er voldoen nog {n} verplichte eisen uit de hoofdstukken 4 tot en met 10 niet, waaronder "
        "{examples}. Zolang die openstaan, is certificatie niet haalbaar.",
        "There are still {n} mandatory requirements from clauses 4 to 10 that are not met, among "
        "them {examples}. As long as these are open, certification is out of reach."),
    "unassessed_mandatory": (
        "Daarnaast {count} uit de hoofdstukken 4 tot en met 10 nog niet beoordeeld.",
        "In addition, {count} from clauses 4 to 10 not been assessed yet."),
    "n_unassessed": ("is één verplichte eis|zijn {n} verplichte eisen",
                     "one mandatory requirement has|{n} mandatory requirements have"),
    "conclusion": ("Conclusie", "Conclusion"),
    "strengths": ("Sterke punten", "Strengths"),
    "strengths_generated": (
        "De beoordelaars zagen goede praktijken bij:",
        "The assessors saw good practice in:"),
    "advice": ("Advies per norm", "Advice per standard"),
    "advice_one": ("Advies", "Advice"),
    "remarks": ("Opmerkingen per hoofdstuk", "Remarks per chapter"),
    "open_caveat": (
        "Let op: {open} van de {items} eisen zijn nog niet beoordeeld; de percentages gaan alleen "
        "over de beoordeelde eisen.",
        "Note: {open} of the {items} requirements have not been assessed yet; the percentages only "
        "cover the assessed requirements."),
    "scores_per_standard": ("Scores per norm", "Scores per standard"),
    "std_not_assessed": ("{name} is nog niet beoordeeld.", "{name} has not been assessed yet."),
    "std_line": (
        "<b>{name}</b>: naleving {compliance}{maturity}. {gaps}",
        "<b>{name}</b>: compliance {compliance}{maturity}. {gaps}"),
    "std_maturity": (", volwassenheid {maturity} (niveau ‘{label}’ bereikt)",
                     ", maturity {maturity} (level ‘{label}’ reached)"),
    "std_best_worst": (
        "Het sterkst is hoofdstuk {best} ({best_pct}); de meeste aandacht vraagt hoofdstuk {worst} "
        "({worst_pct}).",
        "Strongest is chapter {best} ({best_pct}); chapter {worst} needs the most attention "
        "({worst_pct})."),
    "gap_count": ("Er zijn {gaps} gevonden, waarvan {high} met hoge prioriteit.",
                  "There are {gaps}, {high} of them with high priority."),
    "gap_count_one": ("Er is één tekortkoming gevonden, met {priority} prioriteit.",
                      "There is one gap, with {priority} priority."),
    "n_gaps": ("één tekortkoming|{n} tekortkomingen", "one gap|{n} gaps"),
    "n_actions": ("één actie|{n} acties", "one action|{n} actions"),
    "n_risks": ("één risico|{n} risico's", "one risk|{n} risks"),
    "no_gaps": ("Geen tekortkomingen.", "No gaps."),
    "top_gaps": ("Belangrijkste tekortkomingen", "Top gaps"),
    "top_gaps_intro": (
        "In totaal zijn er {gaps} vastgesteld: {high} met hoge, {medium} met middelhoge en {low} "
        "met lage prioriteit. De belangrijkste:",
        "In total {gaps} were found: {high} with high, {medium} with medium and {low} with low "
        "priority. The most important:"),
    "nothing_assessed_yet": ("Er zijn nog geen eisen beoordeeld.",
                             "No requirements have been assessed yet."),
    "no_gaps_found": ("Bij de beoordeelde eisen zijn geen tekortkomingen vastgesteld.",
                      "No gaps were found in the assessed requirements."),
    "also_applies": ("<i>(geldt ook voor {names})</i>", "<i>(also applies to {names})</i>"),
    "quick_wins": ("Quick wins", "Quick wins"),
    "quick_wins_intro": (
        "Acties die met beperkte inspanning snel resultaat opleveren:",
        "Actions that deliver results quickly with limited effort:"),
    "no_quick_wins": ("In het plan van aanpak zijn (nog) geen quick wins benoemd.",
                      "The action plan names no quick wins (yet)."),
    "quick_win_line": ("{title} — {owner}{deadline}{done}", "{title} — {owner}{deadline}{done}"),
    "deadline_suffix": (", uiterlijk {date}", ", by {date}"),
    "done_suffix": (" (gereed)", " (done)"),
    "no_owner": ("eigenaar nog niet bepaald", "owner not yet assigned"),
    "next_steps": ("Vervolg", "Next steps"),
    "next_steps_empty": (
        "Het plan van aanpak en het risicoregister (hoofdstuk {chapter}) zijn nog leeg: voor geen "
        "van de tekortkomingen is al een actie vastgelegd.",
        "The action plan and the risk register (chapter {chapter}) are still empty: no action has "
        "been recorded for any of the gaps yet."),
    "next_steps_text": (
        "Het plan van aanpak in hoofdstuk {chapter} bevat {actions}, waarvan {open} nog niet "
        "gereed; het risicoregister beschrijft {risks}.",
        "The action plan in chapter {chapter} holds {actions}, {open} of them not yet done; the "
        "risk register describes {risks}."),
    "coverage": (
        "Van de {gaps} hebben er {covered} een actie in het plan van aanpak; voor {uncovered} is "
        "nog geen actie vastgelegd.",
        "Of the {gaps}, {covered} have an action in the action plan; for {uncovered} no action "
        "has been recorded yet."),
    "coverage_all": ("Voor elke tekortkoming staat een actie in het plan van aanpak.",
                     "Every gap has an action in the action plan."),
    "coverage_none": ("Voor geen van de {gaps} is al een actie vastgelegd.",
                      "None of the {gaps} has an action yet."),
    "roadmap": ("Routekaart", "Roadmap"),
    "roadmap_intro": (
        "De routekaart van de adviseur, in maanden vanaf de rapportdatum; de punten zijn de "
        "deadlines van de acties die nog niet gereed zijn.",
        "The consultant's roadmap, in months from the report date; the dots are the deadlines of "
        "the actions not yet done."),
    "timeline_intro": (
        "De deadlines van de acties die nog niet gereed zijn, per maand vanaf de rapportdatum.",
        "The deadlines of the actions not yet done, per month from the report date."),
    "month_short": ("mnd {n}", "month {n}"),
    "phase": ("Fase", "Phase"),
    "months": ("Maanden", "Months"),
    "what": ("Wat", "What"),
    "months_range": ("maand {start}–{end}", "months {start}–{end}"),
    "month_single": ("maand {start}", "month {start}"),
    "overdue": ("verlopen", "overdue"),
    "no_deadline": ("zonder deadline: {labels}", "no deadline: {labels}"),
    # progress since the baseline (a follow-up's report)
    "progress": ("Voortgang sinds de nulmeting", "Progress since the baseline"),
    "progress_intro": (
        "Deze hermeting bouwt voort op de nulmeting van {baseline}. De oordelen van de nulmeting "
        "zijn overgenomen en per eis opnieuw beoordeeld; dit hoofdstuk zet de uitkomsten van "
        "toen en nu naast elkaar.",
        "This follow-up assessment builds on the baseline assessment of {baseline}. The "
        "baseline's judgements were carried over and re-assessed requirement by requirement; "
        "this chapter sets the outcomes of then and now side by side."),
    "progress_intro_undated": (
        "Deze hermeting bouwt voort op de nulmeting. De oordelen van de nulmeting zijn "
        "overgenomen en per eis opnieuw beoordeeld; dit hoofdstuk zet de uitkomsten van toen en "
        "nu naast elkaar.",
        "This follow-up assessment builds on the baseline assessment. The baseline's judgements "
        "were carried over and re-assessed requirement by requirement; this chapter sets the "
        "outcomes of then and now side by side."),
    "progress_reverify": (
        "Let op: {n} van de {items} eisen zijn nog niet opnieuw beoordeeld. Daar geldt nog het "
        "oordeel van de nulmeting, dus voor die eisen geven de cijfers de stand van toen weer.",
        "Note: {n} of the {items} requirements have not been re-assessed yet. The baseline's "
        "judgement still stands for them, so for those requirements the figures show the "
        "situation at the baseline."),
    "progress_overall": (
        "Over alle normen samen was de naleving bij de nulmeting {before} en is die nu "
        "<b>{after}</b>{maturity}.",
        "Across all standards compliance was {before} at the baseline and is now "
        "<b>{after}</b>{maturity}."),
    "progress_overall_one": (
        "Voor {name} was de naleving bij de nulmeting {before} en is die nu <b>{after}</b>"
        "{maturity}.",
        "For {name} compliance was {before} at the baseline and is now <b>{after}</b>{maturity}."),
    "progress_maturity": ("; de gemiddelde volwassenheid ging van {before} naar <b>{after}</b>",
                          "; average maturity went from {before} to <b>{after}</b>"),
    "progress_actions": (
        "In het plan van aanpak zijn sinds de nulmeting {actions} gereed gemeld.",
        "Since the baseline, {actions} of the action plan have been reported done."),
    "progress_no_actions": ("Sinds de nulmeting is in het plan van aanpak nog geen actie gereed "
                            "gemeld.",
                            "No action of the action plan has been reported done since the "
                            "baseline."),
    "progress_was": ("was {value}", "was {value}"),
    "progress_new": ("· {n} nieuw", "· {n} new"),
    "progress_closed_kpi": ("Opgelost", "Closed"),
    "progress_open_kpi": ("Nog open", "Still open"),
    "progress_per_standard": ("Scores bij de nulmeting en nu", "Scores at the baseline and now"),
    "progress_compliance_then": ("Naleving nulmeting", "Compliance baseline"),
    "progress_compliance_now": ("Naleving nu", "Compliance now"),
    "progress_maturity_then": ("Volw. nulmeting", "Mat. baseline"),
    "progress_maturity_now": ("Volw. nu", "Mat. now"),
    "progress_change": ("Verschil", "Change"),
    "progress_points": ("{value} pp", "{value} pp"),
    "progress_standard_line": (
        "Naleving {before} → {after}, volwassenheid {mat_before} → {mat_after}.",
        "Compliance {before} → {after}, maturity {mat_before} → {mat_after}."),
    "progress_chart": ("Naleving per hoofdstuk: nulmeting en nu (%)",
                       "Compliance per chapter: baseline and now (%)"),
    "progress_chart_description": ("Naleving per hoofdstuk van {name} bij de nulmeting en nu",
                                   "Compliance per chapter of {name} at the baseline and now"),
    "progress_baseline": ("Nulmeting", "Baseline"),
    "progress_now": ("Nu", "Now"),
    "progress_maturity_column": ("Volwassenheid", "Maturity"),
    "gaps_closed": ("Opgeloste tekortkomingen", "Gaps closed"),
    "gaps_closed_intro": ("De eisen die bij de nulmeting niet of deels voldeden en nu voldoen of "
                          "niet van toepassing zijn.",
                          "The requirements that were not or only partially conform at the "
                          "baseline and are now conform or not applicable."),
    "gaps_closed_none": ("Sinds de nulmeting is nog geen tekortkoming opgelost.",
                         "No gap of the baseline has been closed yet."),
    "gaps_open": ("Nog openstaande tekortkomingen", "Gaps still open"),
    "gaps_open_intro": ("De tekortkomingen uit de nulmeting die er nog steeds zijn, met het "
                        "oordeel van toen en nu.",
                        "The baseline's gaps that are still there, with the judgement then and "
                        "now."),
    "gaps_open_none": ("Er staan geen tekortkomingen uit de nulmeting meer open.",
                       "None of the baseline's gaps is still open."),
    "gaps_new": ("Nieuwe tekortkomingen", "New gaps"),
    "gaps_new_intro": ("Eisen die bij de nulmeting voldeden of niet beoordeeld waren en nu niet of "
                       "deels voldoen.",
                       "Requirements that were conform or not assessed at the baseline and are "
                       "now not or only partially conform."),
    "actions_done": ("Afgeronde acties", "Actions done"),
    "not_in_baseline": ("niet in de nulmeting", "not in the baseline"),
    "not_reverified": ("nog niet opnieuw beoordeeld", "not re-assessed yet"),
    # KPI table
    "standard": ("Norm", "Standard"),
    "items": ("Eisen", "Items"),
    "assessed": ("Beoordeeld", "Assessed"),
    "compliance": ("Naleving", "Compliance"),
    "maturity": ("Volwassenheid", "Maturity"),
    "maturity_short": ("Volw.", "Mat."),
    "gaps": ("Tekortkomingen", "Gaps"),
    "gaps_hml": ("Tekortkomingen H/M/L", "Gaps H/M/L"),
    "total": ("Totaal", "Total"),
    "not_assessed": ("niet beoordeeld", "not yet assessed"),
    "short_conform": ("Voldoet", "Conform"),
    "short_partial": ("Deels", "Partial"),
    "short_nonconform": ("Niet", "Not"),
    "short_na": ("N.v.t.", "N/A"),
    "short_open": ("Open", "Open"),
    "dash": ("–", "–"),
    # scope and method
    "scope_method": ("Scope en werkwijze", "Scope and method"),
    "scope": ("Scope", "Scope"),
    "scope_description": ("Omschrijving", "Description"),
    "scope_sites": ("Locaties", "Sites"),
    "scope_processes": ("Processen", "Processes"),
    "scope_exclusions": ("Uitsluitingen", "Exclusions"),
    "scope_justification": ("Onderbouwing", "Justification"),
    "not_recorded": ("Niet vastgelegd", "Not recorded"),
    "method": ("Werkwijze", "Method"),
    "method_text": (
        "Per eis van de norm is op basis van interviews en het ingeziene bewijs (documenten, "
        "registraties, waarnemingen) een oordeel gegeven, een volwassenheidsniveau bepaald en zijn "
        "bevindingen vastgelegd. Eisen die voor meerdere normen gelijk zijn (de Harmonized Structure "
        "en andere eisen die de normen delen) zijn één keer besproken en voor alle normen vastgelegd.",
        "For each requirement of the standard a judgement was given, a maturity level determined and "
        "findings recorded, based on interviews and the evidence seen (documents, records, "
        "observations). Requirements shared by several standards (the Harmonized Structure and "
        "other requirements the standards share) were discussed once and recorded for each standard."),
    "interviewed": ("Gesproken is met: {names}.", "Interviewed: {names}."),
    "interviewed_none": ("Er zijn (nog) geen geïnterviewden vastgelegd.",
                         "No interviewees have been recorded (yet)."),
    "assessed_between": ("De beoordelingen zijn vastgelegd van {first} tot en met {last}.",
                         "The assessments were recorded from {first} to {last}."),
    "assessed_on_day": ("De beoordelingen zijn vastgelegd op {day}.",
                        "The assessments were recorded on {day}."),
    "scales": ("Beoordelingsschalen", "Assessment scales"),
    "result_scale": ("Oordeel per eis", "Judgement per requirement"),
    "result": ("Oordeel", "Result"),
    "meaning": ("Betekenis", "Meaning"),
    "desc_conform": ("De eis is aantoonbaar ingericht en werkt in de praktijk.",
                     "The requirement is demonstrably in place and works in practice."),
    "desc_partial": ("De eis is deels ingericht; vastlegging of uitvoering is onvolledig.",
                     "The requirement is partly in place; recording or execution is incomplete."),
    "desc_nonconform": ("De eis is niet ingericht.", "The requirement is not in place."),
    "desc_na": ("De eis is niet van toepassing binnen de scope.",
                "The requirement does not apply within the scope."),
    "desc_open": ("De eis is (nog) niet beoordeeld.", "The requirement has not been assessed (yet)."),
    "compliance_formula": (
        "Naleving = (voldoet + ½ × voldoet deels) / (voldoet + voldoet deels + voldoet niet). Niet "
        "van toepassing en niet beoordeelde eisen tellen niet mee. In de grafieken is naleving van "
        "80% of meer groen, van 50% tot 80% oranje en onder 50% rood.",
        "Compliance = (conform + ½ × partially conform) / (conform + partially conform + not "
        "conform). Requirements that are not applicable or not assessed do not count. In the charts, "
        "compliance of 80% or more is green, 50% to 80% amber and below 50% red."),
    "maturity_scale": ("Volwassenheid (0–5)", "Maturity (0–5)"),
    "level": ("Niveau", "Level"),
    "description": ("Omschrijving", "Description"),
    "maturity_text": (
        "De gemiddelde volwassenheid is het gemiddelde over de beoordeelde eisen waarvoor een niveau "
        "is gegeven; het niveau dat volledig is bereikt is het gehele getal daarvan.",
        "Average maturity is the mean over the assessed requirements that were given a level; the "
        "level fully reached is its whole number."),
    "priority_scale": ("Prioriteit van tekortkomingen", "Priority of gaps"),
    "priority": ("Prioriteit", "Priority"),
    "rule": ("Wanneer", "When"),
    "rule_high": ("Een grote afwijking; voldoet niet zonder lichter bevindingstype; of gekoppeld "
                  "aan een hoog risico (score 15 of hoger).",
                  "A major nonconformity; not conform without a lighter finding type; or linked to "
                  "a high risk (score 15 or more)."),
    "rule_medium": ("Een kleine afwijking, of voldoet deels zonder bevindingstype; ook een lage "
                    "prioriteit die aan een middelgroot risico (8 tot en met 14) is gekoppeld.",
                    "A minor nonconformity, or partially conform without a finding type; also a low "
                    "priority linked to a medium risk (8 to 14)."),
    "rule_low": ("Voldoet deels, met als bevindingstype observatie, verbeterkans of goede praktijk.",
                 "Partially conform, with finding type observation, opportunity for improvement or "
                 "good practice."),
    "risk_scale": (
        "Risicoscore = kans × impact (elk 1–5): 15 of hoger is hoog (rood), 8 tot en met 14 middel "
        "(oranje), 7 of lager laag (groen).",
        "Risk score = likelihood × impact (each 1–5): 15 or more is high (red), 8 to 14 medium "
        "(amber), 7 or less low (green)."),
    # per standard
    "chapter_scores": ("Scores per hoofdstuk", "Scores per chapter"),
    "chapter": ("Hoofdstuk", "Chapter"),
    "chart_compliance": ("Naleving per hoofdstuk (%)", "Compliance per chapter (%)"),
    "chart_maturity": ("Volwassenheid per hoofdstuk (0–5)", "Maturity per chapter (0–5)"),
    "chart_description": ("Naleving en volwassenheid per hoofdstuk van {name}",
                          "Compliance and maturity per chapter of {name}"),
    "radar_unassessed": ("niet beoordeeld", "not yet assessed"),
    "chart_no_maturity": ("Nog geen volwassenheid gegeven", "No maturity given yet"),
    "gap_list": ("Gaplijst", "Gap list"),
    "gap_list_intro": (
        "Alle eisen die niet of deels voldoen, op volgorde van prioriteit, met de acties uit het "
        "plan van aanpak die ze oplossen.",
        "All requirements that are not or only partially conform, in order of priority, with the "
        "actions of the action plan that address them."),
    "no_action_yet": ("nog geen actie", "no action yet"),
    "action_suffix": ("<i>(actie {actions})</i>", "<i>(action {actions})</i>"),
    "no_action_suffix": ("<i>(nog geen actie)</i>", "<i>(no action yet)</i>"),
    "actions_column": ("Actie", "Action"),
    "gap_list_empty": ("Bij de beoordeelde eisen zijn geen tekortkomingen vastgesteld.",
                       "No gaps were found in the assessed requirements."),
    "gap_list_unassessed": ("Er zijn nog geen eisen van deze norm beoordeeld.",
                            "No requirement of this standard has been assessed yet."),
    "ref": ("Nr.", "Ref"),
    "requirement": ("Eis", "Requirement"),
    "finding": ("Bevinding", "Finding"),
    "findings_evidence": ("Bevinding en bewijs", "Finding and evidence"),
    "evidence_prefix": ("Bewijs: {text}", "Evidence: {text}"),
    "interviewed_on": ("Gesproken met {who}, {date}", "Interviewed {who}, {date}"),
    "interviewed_only": ("Gesproken met {who}", "Interviewed {who}"),
    "assessed_on_only": ("Beoordeeld op {date}", "Assessed on {date}"),
    "kpi_assessed": ("{assessed} van {items}", "{assessed} of {items}"),
    "kpi_gaps": ("· {high} hoog", "· {high} high"),
    # Statement of Applicability
    "soa": ("Verklaring van toepasselijkheid", "Statement of Applicability"),
    "soa_intro": (
        "De verklaring van toepasselijkheid van {name} geeft voor elke beheersmaatregel uit "
        "bijlage A aan of die van toepassing is, waarom, en hoe ver de invoering is. Van de "
        "{controls} maatregelen zijn er {applicable} van toepassing, {excluded} niet van toepassing "
        "en {undecided} nog niet bepaald.",
        "The Statement of Applicability of {name} states for each Annex A control whether it "
        "applies, why, and how far it has been implemented. Of the {controls} controls, "
        "{applicable} apply, {excluded} do not apply and {undecided} are still undecided."),
    "control": ("Maatregel", "Control"),
    "applicable": ("Toepasselijk", "Applicable"),
    "justification": ("Rechtvaardiging", "Justification"),
    "implementation": ("Invoering", "Implementation"),
    "yes": ("Ja", "Yes"),
    "no": ("Nee", "No"),
    "undecided": ("Nog te bepalen", "To be decided"),
    # risks and actions
    "risks_actions": ("Risico's en plan van aanpak", "Risks and action plan"),
    "risk_register": ("Risicoregister", "Risk register"),
    "risk_intro": ("De vastgelegde risico's op volgorde van nummer; de risicomatrix toont waar "
                   "ze liggen.",
                   "The recorded risks in order of number; the risk matrix shows where they lie."),
    "heat_map": ("Risicomatrix", "Risk matrix"),
    "likelihood": ("Kans", "Likelihood"),
    "impact": ("Impact", "Impact"),
    "no_risks": ("Er zijn (nog) geen risico's vastgelegd.", "No risks have been recorded (yet)."),
    "risk": ("Risico", "Risk"),
    "likelihood_short": ("K", "L"),
    "impact_short": ("I", "I"),
    "score": ("Score", "Score"),
    "treatment": ("Behandeling", "Treatment"),
    "owner": ("Eigenaar", "Owner"),
    "linked": ("Eisen", "Requirements"),
    "action_plan": ("Plan van aanpak", "Action plan"),
    "action_intro": (
        "De acties op volgorde van nummer. Een ster (★) markeert een quick win; rode deadlines "
        "zijn verstreken.",
        "The actions in order of number. A star (★) marks a quick win; red deadlines have "
        "passed."),
    "no_actions": ("Er zijn (nog) geen acties vastgelegd.", "No actions have been recorded (yet)."),
    "action": ("Actie", "Action"),
    "deadline": ("Deadline", "Deadline"),
    "quick_win_mark": ("★ quick win", "★ quick win"),
    # appendix
    "checklist": ("Volledige checklist", "Full checklist"),
    "checklist_intro": (
        "Alle eisen van {name} met oordeel, volwassenheid, bevindingen en gezien bewijs.",
        "All requirements of {name} with result, maturity, findings and evidence seen."),
    "same_answer_as": ("Zelfde antwoord als {ref}", "Same answer as {ref}"),
    # transition to a new edition
    "transition_title": ("Transitie van {old} naar {new}", "Transition from {old} to {new}"),
    "transition_intro": (
        "Dit project bevat de beoordeling tegen {old} en de transitie naar {new}. De antwoorden "
        "van {old} zijn per eis overgenomen bij de eisen van {new} die ze voortzetten. Waar de eis "
        "is gewijzigd, is het overgenomen antwoord gemarkeerd om opnieuw te toetsen; eisen die "
        "nieuw zijn in {new} zijn zonder voorgaand antwoord beoordeeld. {old} staat daarom niet "
        "als aparte norm in dit rapport: de cijfers en tekortkomingen van hoofdstuk {chapter} "
        "gaan over {new}.",
        "This project holds the assessment against {old} and the transition to {new}. The answers "
        "of {old} were carried over, requirement by requirement, to the requirements of {new} that "
        "continue them. Where the requirement changed, the carried-over answer was marked to be "
        "re-verified; requirements new in {new} were assessed without an earlier answer. {old} is "
        "therefore not reported as a standard of its own: the figures and gaps of chapter "
        "{chapter} are those of {new}."),
    "ready_line": ("Gereed voor {new}: {ready} van de {items} eisen (ze voldoen en zijn getoetst "
                   "aan de tekst van {new}).",
                   "Ready for {new}: {ready} of the {items} requirements (met, and checked "
                   "against the text of {new})."),
    "todo_line": ("Nog te doen: {items}.", "Still to do: {items}."),
    "nothing_todo": ("Er staat niets meer open.", "Nothing is left to do."),
    "n_reverify": ("één overgenomen antwoord opnieuw toetsen|{n} overgenomen antwoorden opnieuw "
                   "toetsen",
                   "re-verify one carried-over answer|re-verify {n} carried-over answers"),
    "n_gaps_close": ("één tekortkoming oplossen|{n} tekortkomingen oplossen",
                     "resolve one gap|resolve {n} gaps"),
    "n_to_assess": ("één eis beoordelen|{n} eisen beoordelen",
                    "assess one requirement|assess {n} requirements"),
    "transition_summary": ("Transitie naar {new} (hoofdstuk {chapter}): {ready} van de {items} "
                           "eisen gereed.",
                           "Transition to {new} (chapter {chapter}): {ready} of the {items} "
                           "requirements ready."),
    "readiness_ready": ("Gereed", "Ready"),
    "readiness_reverify": ("Opnieuw toetsen", "Re-verify"),
    "readiness_gap": ("Tekortkoming", "Gap"),
    "readiness_open": ("Niet beoordeeld", "Not assessed"),
    "readiness_na": ("N.v.t.", "N/A"),
    "changes": ("Wat er verandert", "What changes"),
    "changes_intro": (
        "De eisen van {new} die nieuw of gewijzigd zijn, of een ander nummer hebben dan in {old}, "
        "met wat {new} nu vraagt. De andere eisen zijn inhoudelijk gelijk gebleven; hun "
        "antwoorden zijn ongewijzigd overgenomen.",
        "The requirements of {new} that are new or changed, or numbered differently than in "
        "{old}, with what {new} now asks. The other requirements are unchanged in substance; "
        "their answers were carried over as they were."),
    "no_changes": ("Geen eis van {new} is nieuw, gewijzigd of hernummerd.",
                   "No requirement of {new} is new, changed or renumbered."),
    "change": ("Wijziging", "Change"),
    "asks_now": ("Wat de eis nu vraagt", "What it now asks"),
    "change_new": ("Nieuw", "New"),
    "change_changed": ("Gewijzigd", "Changed"),
    "change_renumbered": ("Hernummerd", "Renumbered"),
    "change_was": ("was {refs}", "was {refs}"),
    "verify_note": (
        "* Opgesteld op basis van openbare informatie over de nieuwe editie: te controleren aan "
        "de gepubliceerde tekst van de norm.",
        "* Drawn up from public reporting on the new edition: to be checked against the "
        "published text of the standard."),
    "readiness": ("Gereedheid per eis", "Readiness per requirement"),
    "readiness_intro": (
        "Per eis van {new}: het antwoord in {old} waarop het voortbouwt, het oordeel nu en hoe "
        "ver de eis is.",
        "Per requirement of {new}: the answer in {old} it builds on, the result now and how far "
        "the requirement is."),
    "in_old": ("In {old}", "In {old}"),
    "result_now": ("Oordeel nu", "Result now"),
    "readiness_column": ("Gereedheid", "Readiness"),
    "new_requirement": ("nieuwe eis", "new requirement"),
    "readiness_legend": (
        "Gereed: voldoet en is getoetst aan {new}. Opnieuw toetsen: het antwoord is overgenomen "
        "van {old}, maar de eis is gewijzigd; het oordeel ernaast is dat van {old}. "
        "Tekortkoming: voldoet deels of niet. Niet beoordeeld: nog geen oordeel, zoals bij nieuwe "
        "eisen.",
        "Ready: met and checked against {new}. Re-verify: the answer was carried over from {old} "
        "but the requirement changed; the result beside it is the one of {old}. Gap: partially "
        "or not conform. Not assessed: no result yet, as with new requirements."),
    "dropped": ("Niet overgenomen: geen eis van {new} zet deze beoordeelde eisen van {old} "
                "voort: {refs}.",
                "Not carried over: no requirement of {new} continues these assessed requirements "
                "of {old}: {refs}."),
    # Annex A by ISO/IEC 27002 attribute
    "by_attribute": ("Beheersmaatregelen per attribuut", "Controls by attribute"),
    "by_attribute_intro": (
        "ISO/IEC 27002:2022 geeft elke beheersmaatregel van bijlage A attributen van vijf "
        "soorten. Per waarde: hoeveel maatregelen die waarde hebben, hoeveel daarvan van "
        "toepassing zijn en hoe ver de invoering van die maatregelen is. Een maatregel telt mee "
        "bij elke waarde die hij heeft.",
        "ISO/IEC 27002:2022 gives every Annex A control attributes of five types. Per value: "
        "how many controls have it, how many of those apply and how far those are implemented. "
        "A control counts for every value it has."),
    "attr_control_type": ("Soort beheersmaatregel", "Control type"),
    "attr_security_properties": ("Informatiebeveiligingseigenschappen",
                                 "Information security properties"),
    "attr_cybersecurity_concepts": ("Cybersecurityconcepten", "Cybersecurity concepts"),
    "attr_operational_capabilities": ("Operationele capaciteiten", "Operational capabilities"),
    "attr_security_domains": ("Beveiligingsdomeinen", "Security domains"),
    "attribute_value": ("Waarde", "Value"),
    "controls": ("Maatregelen", "Controls"),
    "implemented_short": ("Ingevoerd", "Implemented"),
    # evidence appendix
    "evidence": ("Bewijs", "Evidence"),
    "evidence_intro": (
        "De foto's en documenten die als bewijs bij de eisen zijn vastgelegd, per norm en eis. "
        "De bestanden zelf zitten in het projectbestand.",
        "The photos and documents recorded as evidence with the requirements, by standard and "
        "requirement. The files themselves are kept in the project file."),
    "evidence_note": ("Bewijs in de bijlage: {what}.", "Evidence in the appendix: {what}."),
    "photo_count": ("één foto|{n} foto's", "one photo|{n} photos"),
    "document_count": ("één document|{n} documenten", "one document|{n} documents"),
    "documents": ("Documenten: {names}.", "Documents: {names}."),
    "photo_missing": ("Foto {name} kan niet worden gelezen.", "Photo {name} cannot be read."),
}

# A follow-up assessment's report (hermeting) says so where a baseline's says "nulmeting".
FOLLOWUP_STRINGS: dict[str, tuple[str, str]] = {
    "report_kind": ("Rapport hermeting", "Follow-up assessment report"),
    "default_title": ("Hermeting {standards}", "Follow-up assessment {standards}"),
    "keywords": ("hermeting, nulmeting, gap-analyse, {standards}",
                 "follow-up assessment, baseline assessment, gap analysis, {standards}"),
    "intro_when": ("{when} is bij {client}{by} een hermeting uitgevoerd tegen {standards}.",
                   "A follow-up assessment against {standards} was carried out at "
                   "{client}{by}{when}."),
    "intro_nowhen": ("Bij {client} is{by} een hermeting uitgevoerd tegen {standards}.",
                     "A follow-up assessment against {standards} was carried out at "
                     "{client}{by}."),
    "nothing_assessed": (
        "Er is nog geen enkele eis beoordeeld. Dit rapport bevat daarom nog geen scores, "
        "tekortkomingen of grafieken: het beschrijft de scope en de werkwijze van de hermeting.",
        "No requirement has been assessed yet, so this report holds no scores, gaps or charts: it "
        "describes the scope and the method of the follow-up assessment."),
}

VERDICT_HIGH = 85.0  # overall compliance from which certification is "within reach"
VERDICT_LOW = 60.0  # below this a "substantial effort" is needed


class Texts:
    """The report's texts and formats for one language."""

    def __init__(self, language: str, followup: bool = False):
        if language not in LANGUAGES:
            raise DataError(f"{language!r} is not a report language (use nl or en).")
        self.lang = language
        self._index = LANGUAGES.index(language)
        self._strings = STRINGS | FOLLOWUP_STRINGS if followup else STRINGS

    def __getitem__(self, key: str) -> str:
        return self._strings[key][self._index]

    def plain(self, key: str, **values: object) -> str:
        """A template filled for a table cell or the canvas (no markup)."""
        return self[key].format(**values)

    def fill(self, key: str, **values: object) -> Markup:
        """A template filled for a Paragraph, every value escaped unless it is Markup."""
        return fill(self[key], **values)

    def count(self, key: str, n: int) -> str:
        """"één tekortkoming" / "12 tekortkomingen": the singular|plural template ``key``."""
        one, many = self[key].split("|")
        return (one if n == 1 else many).format(n=n)

    # ------------------------------------------------------------------ numbers and dates
    def number(self, value: float, decimals: int = 1) -> str:
        """Rounded half up, as people round (2.25 → 2.3), with a decimal comma in Dutch."""
        return format_number(value, decimals, self.lang)

    def percent(self, value: float | None) -> str:
        """"63%" for 62.5 (half up, not Python's round-half-even)."""
        return self["dash"] if value is None else f"{half_up(value, 0):d}%"

    def maturity(self, value: float | None) -> str:
        return self["dash"] if value is None else self.number(value)

    def date(self, value: date | None) -> str:
        """Short date for tables: 09-11-2026 (nl), 2026-11-09 (en)."""
        if value is None:
            return self["dash"]
        return value.strftime("%d-%m-%Y") if self.lang == "nl" else value.isoformat()

    def long_date(self, value: date | None) -> str:
        """Date for prose and the cover: 9 november 2026 / 9 November 2026."""
        if value is None:
            return self["dash"]
        return f"{value.day} {MONTHS[self.lang][value.month - 1]} {value.year}"

    def join_words(self, words: list[str]) -> str:
        """"A, B en C" / "A, B and C"."""
        words = [w for w in words if w]
        if len(words) <= 1:
            return "".join(words)
        last = " en " if self.lang == "nl" else " and "
        return ", ".join(words[:-1]) + last + words[-1]
