"""The base inside an exported workbook: what was exported, for a three-way import.

A very hidden, protected sheet holds the project id, an id of this export, the client's name,
the workbook's language and the exported answers, actions and risks (JSON, compressed, as
base64 in cells of at most 32,000 characters; records read back with ``domain.serial``, so a
field added later reads as its default). Excel and LibreOffice keep a sheet through a re-save
(LibreOffice turns "very hidden" into "hidden", and keeps the protection); custom XML parts
are dropped by some programs, so the base is not kept in one.

Reading is strict: a base that does not decompress and parse is reported as damaged, and the
import goes on as for a workbook without a base (with a warning), never on a half base.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import zlib
from dataclasses import dataclass, replace
from datetime import date

from isodesk.domain.model import Action, Answer, Risk
from isodesk.domain.serial import from_dict
from isodesk.domain.snapshot import ProjectData
from isodesk.excel.texts import BASE_SHEET

FORMAT = 1
CHUNK = 32_000  # characters per cell, below Excel's 32,767
NOTICE = "isodesk: what was exported, to import the workbook without overwriting later work. Do not change."


@dataclass(frozen=True)
class Base:
    project_id: str
    export_id: str
    client: str
    language: str
    exported_at: str  # ISO 8601, UTC
    answers: dict[str, Answer]
    actions: dict[str, Action]
    risks: dict[str, Risk]

    def as_project(self, mine: ProjectData) -> ProjectData:
        """The exported state as a project beside ``mine``: what the workbook does not carry
        (details, scope, attachments) is taken from ``mine``, so a merge leaves it alone."""
        answers = {k: a for k, a in self.answers.items() if k in mine.by_key}
        return replace(mine, answers=answers, actions=dict(self.actions), risks=dict(self.risks),
                       stamps={})


class DamagedBase(Exception):
    """The base sheet is there but cannot be read."""


RECORDS = {"answers": Answer, "actions": Action, "risks": Risk}


def payload(data: ProjectData, export_id: str, language: str, exported_at: str) -> list[str]:
    """The cells of the base sheet's data column. Records are stored as rows of values under
    their field names (the JSON of 5,000 answers stays small and quick to write)."""
    document = {
        "format": FORMAT,
        "project": data.id,
        "export": export_id,
        "client": data.info.client,
        "language": language,
        "exported_at": exported_at,
    }
    for name, cls in RECORDS.items():
        fields = [f.name for f in dataclasses.fields(cls)]
        document[name] = {"fields": fields, "rows": [
            [getattr(record, f) for f in fields] for record in getattr(data, name).values()]}
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":"),
                     default=_plain).encode("utf-8")
    text = base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
    return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)]


def _plain(value):
    """What json cannot write itself: dates (enums are str, tuples lists already)."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _records(document: dict, name: str) -> list:
    table = document[name]
    fields = table["fields"]
    return [from_dict(RECORDS[name], dict(zip(fields, row))) for row in table["rows"]]


def write(workbook, data: ProjectData, export_id: str, language: str, exported_at: str) -> None:
    ws = workbook.create_sheet(BASE_SHEET)
    ws.append([NOTICE, FORMAT])
    for chunk in payload(data, export_id, language, exported_at):
        ws.append([chunk])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def find(workbook) -> str | None:
    """The base sheet's title, or None in a workbook without one (an older isodesk's)."""
    return BASE_SHEET if BASE_SHEET in workbook.sheetnames else None


def read(workbook) -> Base:
    """The base of ``workbook`` (which has a base sheet); DamagedBase if it cannot be read."""
    ws = workbook[BASE_SHEET]
    chunks = []
    for number, row in enumerate(ws.iter_rows(max_col=1, values_only=True), 1):
        if number > 1 and row and isinstance(row[0], str):
            chunks.append(row[0])
    try:
        document = json.loads(zlib.decompress(base64.b64decode("".join(chunks), validate=True)))
        if document.get("format") != FORMAT:
            raise DamagedBase(f"format {document.get('format')!r}")
        return Base(
            project_id=document["project"], export_id=document["export"],
            client=document.get("client", ""), language=document.get("language", "nl"),
            exported_at=document.get("exported_at", ""),
            answers={a.key: a for a in _records(document, "answers") if not a.is_blank},
            actions={a.id: a for a in _records(document, "actions")},
            risks={r.id: r for r in _records(document, "risks")},
        )
    except DamagedBase:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, zlib.error) as e:
        raise DamagedBase(type(e).__name__) from None
