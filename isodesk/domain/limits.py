"""What a text field of a project may hold: at most MAX_TEXT_LENGTH characters of real text.

32,767 characters (some 13 pages) is what one Excel cell holds. Every text goes into a cell of
the exported workbook, which comes back by import: a longer text would be cut there, and the
cut text imported over the full one. It is far more than any finding, scope or justification,
and a project with every note at the maximum still reports in seconds. A lone surrogate (what Python makes of bytes that are not UTF-8, e.g. a Latin-1 command
line) is not text: SQLite cannot store it and no document can show it. Every way into a project
(GUI, command line, Excel import) passes through ``check_record`` when an edit is executed, and
refuses with one sentence.
"""
from __future__ import annotations

import dataclasses

from isodesk.domain.errors import DataError

MAX_TEXT_LENGTH = 32_767


def too_long(length: int) -> DataError:
    return DataError("A text may be at most 32,767 characters long (what an Excel cell holds); "
                     "this one has {length}.", length=length)


def check_text(value: str) -> str:
    """``value`` if it is text a project may hold; DataError otherwise."""
    if len(value) > MAX_TEXT_LENGTH:
        raise too_long(len(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DataError("A text contains bytes that are not UTF-8 text; type it again, or save "
                        "the file it came from as UTF-8.") from None
    return value


def check_record(record: object, before: object | None = None) -> None:
    """Check every text of a record (a dataclass): its str fields, and strs inside tuples.

    Fields equal to those of ``before`` are not checked: a text that got into a file before
    this limit existed must not stop an edit of another field of the same record.
    """
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if before is not None and getattr(before, field.name, None) == value:
            continue
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, str):
                check_text(item)
            elif dataclasses.is_dataclass(item):  # the report's notes and roadmap phases
                check_record(item)
