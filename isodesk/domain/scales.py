"""The scales of a baseline assessment, with their Dutch and English labels.

Stored values are the short English codes (``conform``, ``partial`` ...); labels are for display
and for the Excel drop-downs. Lookups accept either language so imported text round-trips.
"""
from __future__ import annotations

from enum import Enum


class _Labelled(str, Enum):
    """A str enum whose members carry ``{lang: label}``; subclasses define ``_labels``."""

    @property
    def labels(self) -> dict[str, str]:
        return type(self)._labels()[self.value]

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels["en"])

    @classmethod
    def parse(cls, text: object):
        """Member for a code or a label in any language (case-insensitive), else None."""
        if isinstance(text, cls):
            return text
        needle = str(text or "").strip().casefold()
        if not needle:
            return None
        for member in cls:
            if needle == member.value.casefold() or needle in (
                label.casefold() for label in member.labels.values()
            ):
                return member
        return None

    @classmethod
    def _labels(cls) -> dict[str, dict[str, str]]:  # pragma: no cover - overridden
        raise TypeError


class Result(_Labelled):
    CONFORM = "conform"
    PARTIAL = "partial"
    NONCONFORM = "nonconform"
    NA = "na"
    OPEN = "open"  # not assessed yet

    @classmethod
    def _labels(cls):
        return {
            "conform": {"nl": "Voldoet", "en": "Conform"},
            "partial": {"nl": "Voldoet deels", "en": "Partially conform"},
            "nonconform": {"nl": "Voldoet niet", "en": "Not conform"},
            "na": {"nl": "Niet van toepassing", "en": "Not applicable"},
            "open": {"nl": "Niet beoordeeld", "en": "Not assessed"},
        }

    @property
    def is_gap(self) -> bool:
        return self in (Result.PARTIAL, Result.NONCONFORM)


class FindingType(_Labelled):
    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"
    OFI = "ofi"
    GOOD_PRACTICE = "good_practice"

    @classmethod
    def _labels(cls):
        return {
            "major": {"nl": "Grote afwijking", "en": "Major nonconformity"},
            "minor": {"nl": "Kleine afwijking", "en": "Minor nonconformity"},
            "observation": {"nl": "Observatie", "en": "Observation"},
            "ofi": {"nl": "Verbeterkans", "en": "Opportunity for improvement"},
            "good_practice": {"nl": "Goede praktijk", "en": "Good practice"},
        }


class Priority(_Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def _labels(cls):
        return {
            "high": {"nl": "Hoog", "en": "High"},
            "medium": {"nl": "Middel", "en": "Medium"},
            "low": {"nl": "Laag", "en": "Low"},
        }


class ActionStatus(_Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @classmethod
    def _labels(cls):
        return {
            "open": {"nl": "Open", "en": "Open"},
            "in_progress": {"nl": "In uitvoering", "en": "In progress"},
            "done": {"nl": "Gereed", "en": "Done"},
        }


class Treatment(_Labelled):
    MITIGATE = "mitigate"
    ACCEPT = "accept"
    AVOID = "avoid"
    TRANSFER = "transfer"

    @classmethod
    def _labels(cls):
        return {
            "mitigate": {"nl": "Verminderen", "en": "Mitigate"},
            "accept": {"nl": "Accepteren", "en": "Accept"},
            "avoid": {"nl": "Vermijden", "en": "Avoid"},
            "transfer": {"nl": "Overdragen", "en": "Transfer"},
        }


class Implementation(_Labelled):
    """Implementation status of an Annex A control in the Statement of Applicability.

    Derived from the control's result (``domain.soa``), never entered on its own, so the SoA
    and the checklist cannot contradict each other.
    """

    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    NOT_IMPLEMENTED = "not_implemented"
    UNDETERMINED = "undetermined"

    @classmethod
    def _labels(cls):
        return {
            "implemented": {"nl": "Geïmplementeerd", "en": "Implemented"},
            "partial": {"nl": "Deels geïmplementeerd", "en": "Partially implemented"},
            "not_implemented": {"nl": "Niet geïmplementeerd", "en": "Not implemented"},
            "undetermined": {"nl": "Nog niet bepaald", "en": "Not yet determined"},
        }


class Theme(_Labelled):
    """The four themes of ISO/IEC 27001:2022 Annex A (A.5 … A.8)."""

    ORGANIZATIONAL = "organizational"
    PEOPLE = "people"
    PHYSICAL = "physical"
    TECHNOLOGICAL = "technological"

    @classmethod
    def _labels(cls):
        return {
            "organizational": {"nl": "Organisatorisch", "en": "Organizational"},
            "people": {"nl": "Mensen", "en": "People"},
            "physical": {"nl": "Fysiek", "en": "Physical"},
            "technological": {"nl": "Technologisch", "en": "Technological"},
        }


# Compliance bands, the same in the GUI, the report and the workbook: green from 80 %, amber
# from 50 %, red below.
COMPLIANCE_GOOD = 80.0
COMPLIANCE_FAIR = 50.0


def compliance_band(compliance: float | None) -> str:
    """"good", "fair", "poor", or "none" when nothing was judged."""
    if compliance is None:
        return "none"
    if compliance >= COMPLIANCE_GOOD:
        return "good"
    return "fair" if compliance >= COMPLIANCE_FAIR else "poor"


MATURITY_LEVELS = range(0, 6)

DEFAULT_MATURITY_LABELS: dict[str, list[str]] = {
    "nl": ["Niet aanwezig", "Initieel / ad hoc", "Herhaalbaar", "Gedefinieerd", "Gemeten", "Optimaliserend"],
    "en": ["Not present", "Initial / ad hoc", "Repeatable", "Defined", "Measured", "Optimizing"],
}


def parse_maturity(value: object) -> int | None:
    """0–5 from an int, a float such as 3.0, or text starting with the digit ("3 - Defined").

    Returns None for empty input; raises ValueError for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and int(value) in MATURITY_LEVELS:
            return int(value)
        raise ValueError(value)
    text = str(value).strip()
    head = text.split()[0].rstrip(".-:") if text else ""
    if head.isdigit() and int(head) in MATURITY_LEVELS:
        return int(head)
    for labels in DEFAULT_MATURITY_LABELS.values():
        for level, label in enumerate(labels):
            if text.casefold() == label.casefold():
                return level
    raise ValueError(value)
