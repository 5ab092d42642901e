"""Text longer than a spreadsheet cell holds (32,767 characters): cut with a mark, restored.

Excel refuses (and LibreOffice cuts) longer cell text. The exporter writes the first part and
a mark saying how much follows; the whole text travels in the workbook's base sheet. On import,
a cell that still reads as exported is the project's whole text; a cell the client edited that
still ends with the mark is the client's text followed by the rest of the original; a cell
whose mark was removed cannot be completed, so the project keeps its text (and the importer
says so). A round trip never shortens a note.
"""
from __future__ import annotations

import re

CELL_LIMIT = 32_767  # what a cell holds, counted in UTF-16 code units as Excel counts
MARKS = {"nl": "[… nog {n} tekens staan in isodesk]",
         "en": "[… {n} more characters are kept in isodesk]"}
_MARK = re.compile(r"\n?\[… (?:nog )?(\d+) (?:more characters are kept in isodesk|tekens staan "
                   r"in isodesk)\]\s*$")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fits(text: str) -> bool:
    # A code point is one or two UTF-16 units: short texts need no encoding to know.
    return len(text) * 2 <= CELL_LIMIT or _units(text) <= CELL_LIMIT


def split(text: str, lang: str) -> tuple[str, str]:
    """(what the cell shows, what the base sheet alone holds) of a text too long for a cell."""
    room = CELL_LIMIT - _units("\n" + MARKS[lang].format(n=len(text)))
    cut = min(len(text), room)
    excess = _units(text[:cut]) - room
    if excess > 0:  # characters outside the BMP take two units: drop as many as units over
        cut -= excess
    return text[:cut], text[cut:]


def cell_text(text: str, lang: str) -> str:
    """``text`` as its cell holds it."""
    if fits(text):
        return text
    head, rest = split(text, lang)
    return f"{head}\n{MARKS[lang].format(n=len(rest))}"


def restore(cell: str, whole: str, lang: str) -> str | None:
    """The text a client meant with ``cell``, given the project's ``whole`` text that did not
    fit its cell; None when the mark is gone and the end of the text cannot be known."""
    mark = _MARK.search(cell)
    if mark is None:
        return None
    return cell[:mark.start()] + split(whole, lang)[1]
