"""Values in cells, both ways: what the exporter writes, and what the importer accepts back.

The importer is lenient about *how* a value is stored (Excel, LibreOffice and openpyxl store
booleans, numbers and dates differently; labels may be Dutch or English) and strict about
*what* it means: anything it cannot read without guessing raises CellError, which the importer
turns into one sentence naming the sheet, row and column.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import cache

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel

from isodesk.domain.limits import MAX_TEXT_LENGTH
from isodesk.domain.scales import (
    DEFAULT_MATURITY_LABELS,
    ActionStatus,
    FindingType,
    Implementation,
    Priority,
    Result,
    Treatment,
    parse_maturity,
)
from isodesk.excel.messages import Msg
from isodesk.excel.texts import FALSE_WORDS, NO, TRUE_WORDS, YES
from isodesk.support.i18n import N_, format_date

SCALES = {
    "result": Result,
    "finding_type": FindingType,
    "priority": Priority,
    "status": ActionStatus,
    "treatment": Treatment,
    "implementation": Implementation,
}
# One sentence per scale (rather than "is not a {what}"): Dutch needs its own words for each.
NOT_A = {
    "result": N_("{value} is not a result"),
    "finding_type": N_("{value} is not a finding type"),
    "priority": N_("{value} is not a priority"),
    "status": N_("{value} is not a status"),
    "treatment": N_("{value} is not a treatment"),
    "implementation": N_("{value} is not an implementation status"),
}
# Spreadsheet serial numbers we accept in a date column whose date format got lost:
# 1 January 1990 to 31 December 2099. Anything else is more likely a typo than a date.
SERIAL_RANGE = (32874, 73050)
_DATE_TEXT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_KEY_SEPARATORS = re.compile(r"[\s,;]+")


class CellError(Exception):
    """A cell value the importer cannot accept; ``msg`` is the second half of a sentence (what
    is wrong), the importer puts the place in front of it."""

    def __init__(self, template: str, **params):
        self.msg = Msg(template, **params)
        super().__init__(str(self.msg))


def quote(value: object, limit: int = 40) -> str:
    """A cell value for a message: 'misschien', on one line, shortened."""
    text = " ".join(str(value).split())
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"


def clean_text(text: str) -> str:
    """Text as it survives a round trip through a workbook.

    XML cannot hold most control characters (openpyxl refuses them) and XML readers turn CR LF
    into LF, so both sides compare texts in this form.
    """
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def choice_text(raw) -> str:
    """A typed choice as it is meant: non-breaking, zero-width and repeated spaces (pasted from
    a web page or a document) are spaces, and spaces around it do not count."""
    return " ".join(str(raw).replace("\u200b", "").split())


def needs_text_guard(text: str) -> bool:
    """Text a spreadsheet would run as a formula when the cell is edited (OWASP CSV injection)."""
    return bool(text) and text[0] in "=+-@\t\r"


class Vocabulary:
    """The words of one export language, plus the project's maturity labels."""

    def __init__(self, lang: str, maturity_labels: tuple[str, ...] = ()):
        self.lang = lang
        self.maturity_labels = (list(maturity_labels) if len(maturity_labels) == 6
                                else DEFAULT_MATURITY_LABELS[lang])

    # ------------------------------------------------------------------- export: cell values
    def maturity(self, level: int | None) -> str | None:
        return None if level is None else f"{level} - {self.maturity_labels[level]}"

    def yes_no(self, value: bool | None) -> str | None:
        return None if value is None else (YES if value else NO)[self.lang]

    def scale(self, member) -> str | None:
        if member is None or member is Result.OPEN:  # an empty result cell reads as not assessed
            return None
        return member.label(self.lang)

    def choices(self, kind: str) -> list:
        """The drop-down list of a column kind (numbers for 1-5 levels, as the cells hold)."""
        if kind == "maturity":
            return [self.maturity(level) for level in range(6)]
        if kind == "bool":
            return [YES[self.lang], NO[self.lang]]
        if kind == "level":
            return list(range(1, 6))
        return [m.label(self.lang) for m in SCALES[kind]]

    # --------------------------------------------------------------- preview: readable values
    def display(self, kind: str, value) -> str:
        """One value as the import preview shows it (old → new)."""
        if value is None or value == () or value == "":
            return "–"
        if kind == "maturity":
            return self.maturity(value)
        if kind == "bool":
            return self.yes_no(value)
        if kind == "date":
            return format_date(value, self.lang)
        if kind == "keys":
            return ", ".join(value)
        if kind in SCALES:
            return value.label(self.lang)
        return str(value)

    # -------------------------------------------------------------------- import: parse cells
    def parse(self, kind: str, raw):
        """The model value of a cell of ``kind``; raises CellError."""
        if kind == "text":
            return parse_text(raw)
        if kind == "date":
            return parse_date(raw)
        if kind == "bool":
            return parse_bool(raw)
        if kind == "maturity":
            return self._parse_maturity(raw)
        if kind == "level":
            return parse_level(raw)
        if kind == "keys":
            return parse_keys(raw)
        if kind == "number":
            return parse_number(raw)
        if kind == "id":
            return parse_text(raw).strip() or None
        if kind in SCALES:
            return parse_scale(kind, raw)
        raise AssertionError(kind)

    def _parse_maturity(self, raw) -> int | None:
        value = choice_text(raw) if isinstance(raw, str) else raw
        if isinstance(value, str):
            wanted = value.casefold()
            for level, label in enumerate(self.maturity_labels):
                if wanted == label.casefold():
                    return level
        try:
            return parse_maturity(value)
        except ValueError:
            raise CellError("{value} is not a maturity level (0 to 5)", value=quote(raw)) from None


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(" ", "minutes")
    text = str(raw)
    if len(text) > MAX_TEXT_LENGTH:  # Excel itself stops there; a generated file need not
        raise CellError("the text has {length} characters, more than the {limit} a text may "
                        "hold", length=len(text), limit=f"{MAX_TEXT_LENGTH:,}")
    return text


def parse_scale(kind: str, raw):
    cls = SCALES[kind]
    if is_empty(raw):
        return Result.OPEN if cls is Result else None
    member = _words(cls).get(choice_text(raw).casefold()) if isinstance(raw, str) else None
    if member is None:
        raise CellError(NOT_A[kind], value=quote(raw))
    return member


@cache
def _words(cls) -> dict:
    """Every code and label of a scale (lower case) → its member, as ``cls.parse`` reads them
    (a dictionary: the importer reads thousands of these cells)."""
    words = {}
    for member in cls:
        for word in (member.value, *member.labels.values()):
            words.setdefault(word.casefold(), member)
    return words


def parse_date(raw) -> date | None:
    if is_empty(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if SERIAL_RANGE[0] <= raw <= SERIAL_RANGE[1]:
            return from_excel(raw).date()
        raise CellError("{value} is not a date", value=quote(raw))
    if isinstance(raw, (time, timedelta)):
        raise CellError("{value} is a time, not a date", value=quote(raw))
    text = choice_text(raw)
    match = _DATE_TEXT.match(text)
    try:
        if match:  # dd-mm-yyyy, the Dutch way; also with / or .
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise CellError("{value} is not a date (use a date such as 09-11-2026 or 2026-11-09)",
                        value=quote(raw)) from None


def ambiguous_date(raw) -> bool:
    """Whether a typed date reads as another date month-first (11/05/2026: 11 May or 5 November);
    the importer reads it day-first, as in the Netherlands and Flanders, and says so."""
    if not isinstance(raw, str):
        return False
    match = _DATE_TEXT.match(choice_text(raw))
    if not match:
        return False
    day, month = int(match.group(1)), int(match.group(2))
    return day != month and day <= 12 and month <= 12


def parse_bool(raw) -> bool | None:
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    word = choice_text(raw).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("{value} is not yes or no", value=quote(raw))


def parse_level(raw) -> int | None:
    if is_empty(raw):
        return None
    value = raw
    if isinstance(raw, str) and choice_text(raw).isdigit():
        value = int(choice_text(raw))
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and float(value).is_integer() and 1 <= value <= 5):
        return int(value)
    raise CellError("{value} is not a number from 1 to 5", value=quote(raw))


def parse_number(raw) -> int | None:
    """An action's or risk's visible number: 12, "12", "#12" or "A-12"."""
    if is_empty(raw):
        return None
    value = raw
    if isinstance(raw, str):
        text = choice_text(raw).lstrip("#")
        if text[:2].upper() in ("A-", "R-"):
            text = text[2:]
        if text.isdigit():
            value = int(text)
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and float(value).is_integer() and value > 0):
        return int(value)
    raise CellError("{value} is not a number", value=quote(raw))


def parse_keys(raw) -> tuple[str, ...]:
    if is_empty(raw):
        return ()
    return tuple(dict.fromkeys(t for t in _KEY_SEPARATORS.split(str(raw)) if t))
