"""Dutch and English for the application's own strings (gettext .po catalogs, stdlib only).

Source strings are English; ``resources/translations/<lang>.po`` holds the translations. An
installed wheel or frozen bundle carries ``<lang>.mo`` compiled from it at build time
(``compile_mo``), read with stdlib gettext. A source checkout has no .mo: the .po is compiled in
memory on first use, so the translation a developer edits is the one that runs, through the same
reader. Qt's own dialogs get Qt's translator in the GUI.
"""
from __future__ import annotations

import ast
import gettext
import io
import locale
import os
import struct
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from isodesk.support.paths import bundled

LANGUAGES = {"nl": "Nederlands", "en": "English"}
_current = "en"


def system_language() -> str:
    """"nl" when the system locale is Dutch (Netherlands or Flanders), else "en"."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith(("nl", "dutch")) else "en"


def parse_po(text: str) -> dict[str, str]:
    """msgid → msgstr from the text of a .po file (no plurals or contexts needed here)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current = None

    def flush():
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                entries[key] = value

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [ast.literal_eval(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [ast.literal_eval(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        elif not line or line.startswith("#"):
            current = None if not line else current
    flush()
    return entries


def compile_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo file for ``entries`` (msgid → msgstr), as msgfmt writes it: header, two
    tables of (length, offset) sorted by msgid, then the NUL-terminated UTF-8 strings."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **entries}
    keys = sorted(entries)
    ids = [key.encode("utf-8") for key in keys]
    strs = [entries[key].encode("utf-8") for key in keys]
    header_size, table_size = 7 * 4, len(keys) * 8
    offset = header_size + 2 * table_size
    id_table, str_table = [], []
    for table, strings in ((id_table, ids), (str_table, strs)):
        for data in strings:
            table += [len(data), offset]
            offset += len(data) + 1
    return b"".join([
        struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0),
        struct.pack(f"<{len(id_table)}I", *id_table),
        struct.pack(f"<{len(str_table)}I", *str_table),
        *(data + b"\0" for data in ids + strs),
    ])


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    folder: Path = bundled("resources") / "translations"
    try:
        data = (folder / f"{lang}.mo").read_bytes()
    except OSError:  # a source checkout: compile the .po being edited
        try:
            data = compile_mo(parse_po((folder / f"{lang}.po").read_text(encoding="utf-8")))
        except OSError:
            return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(data))


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _current


def tr(text: str, lang: str | None = None) -> str:
    """``text`` in the current (or given) language; the English text when untranslated."""
    lang = lang or _current
    return text if lang == "en" else _translations(lang).gettext(text)


def localize(error: Exception) -> str:
    """The sentence of an IsodeskError in the current language (its template translated)."""
    template = getattr(error, "template", None)
    if template is None:
        return str(error)
    translated = tr(template)
    try:
        return translated.format(**error.params) if error.params else translated
    except (KeyError, IndexError, ValueError):
        return str(error)


def N_(text: str) -> str:
    """Marks a string for translation where it is defined; ``tr()`` translates it where shown."""
    return text


def format_date(value, lang: str | None = None) -> str:
    """dd-mm-jjjj for Dutch, YYYY-MM-DD for English; empty for None."""
    if value is None:
        return ""
    return value.strftime("%d-%m-%Y") if (lang or _current) == "nl" else value.isoformat()


def parse_date(text: str):
    """A date typed by a user: dd-mm-jjjj (also with / or .), or YYYY-MM-DD; None when empty.
    ValueError for anything else."""
    from datetime import date

    value = text.strip()
    if not value:
        return None
    parts = value.replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    if len(parts[0]) == 4:
        year, month, day = map(int, parts)
    else:
        day, month, year = map(int, parts)
        if len(parts[2]) == 2:
            year += 2000
    return date(year, month, day)


def plural(n: int, one: str, other: str) -> str:
    """``one`` or ``other`` (both marked with N_) for the count ``n``, translated and filled in.
    Dutch and English share the rule: singular for exactly 1."""
    return tr(one if n == 1 else other).format(n=n)


def half_up(value: float, decimals: int) -> Decimal | int:
    """``value`` rounded half away from zero, as people round (62.5 % → 63 %, not Python's
    round-half-even); through its shortest repr, so 2.675 (stored as 2.67499…) rounds as
    written."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(rounded) if decimals == 0 else rounded


def format_number(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """Rounded half up, with a decimal comma in Dutch: the same figure in the GUI and the
    report."""
    text = str(half_up(value, decimals))
    return text.replace(".", ",") if (lang or _current) == "nl" else text
