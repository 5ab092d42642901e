"""The step from file format 1 to 2: identity, change stamps, history, one record per control.

Format 1 kept the Statement of Applicability apart from the Annex A answers, and the two could
contradict each other (a control "not conform" in the checklist and "implemented" in the SoA).
Format 2 keeps applicability and justification on the control's answer and derives the
implementation status from the result. Where the checklist had no result yet, the SoA's
status becomes the result (implemented → conform, partially → partially conform, not started
→ not conform), so nothing the consultant recorded is lost. Where both had a judgement and
they differ, the checklist answer wins. Both kinds are listed in the upgrade's history entry
and returned for the upgrade message, so the consultant can review them.

Runs inside the migration's exclusive transaction on a plain sqlite3 connection, with foreign
keys off (the old tables are renamed, the new ones created from schema.py, the rows copied).
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from isodesk.domain.scales import Implementation, Result
from isodesk.domain.soa import STATUS

OLD_TABLES = ("meta", "catalog", "requirement", "answer", "soa", "action", "action_requirement",
              "risk", "risk_requirement", "asset")
# Format 1's implementation codes in format 2 terms.
OLD_STATUS = {"implemented": Implementation.IMPLEMENTED, "partial": Implementation.PARTIAL,
              "not_started": Implementation.NOT_IMPLEMENTED}
RESULT_OF = {status: result for result, status in STATUS.items()}


@dataclass(frozen=True)
class Reconciled:
    """An SoA entry of format 1 that disagreed with the control's answer."""

    key: str
    ref: str
    soa_applicable: bool | None
    soa_status: Implementation | None
    result: Result  # the control's result after the upgrade
    carried: bool = False  # True: the result came from the SoA; False: the checklist won

    def describe(self, lang: str) -> str:
        if self.soa_applicable is False:
            said = {"nl": "niet van toepassing", "en": "not applicable"}[lang]
        elif self.soa_status is not None:
            said = self.soa_status.label(lang).lower()
        else:
            said = {"nl": "van toepassing", "en": "applicable"}[lang]
        if self.carried:
            return {"nl": f"{self.ref} (VvT: {said} → {self.result.label('nl').lower()})",
                    "en": f"{self.ref} (SoA: {said} → {self.result.label('en').lower()})"}[lang]
        return {"nl": f"{self.ref} (VvT: {said}; checklist: {self.result.label('nl').lower()})",
                "en": f"{self.ref} (SoA: {said}; checklist: {self.result.label('en').lower()})"}[lang]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def upgrade(conn: sqlite3.Connection) -> list[Reconciled]:
    from isodesk.storage import schema  # SQLAlchemy, only while upgrading

    for name in OLD_TABLES:
        conn.execute(f"ALTER TABLE {name} RENAME TO old_{name}")
    for statement in schema.create_statements(list(schema.metadata.tables)):
        conn.execute(statement)
    stamp = _now()

    conn.execute("INSERT INTO meta (name, value, updated_at, updated_by) "
                 "SELECT name, value, ?, '' FROM old_meta", (stamp,))
    conn.execute("INSERT INTO meta (name, value, updated_at, updated_by) VALUES ('project', ?, ?, '')",
                 (json.dumps({"id": str(uuid.uuid4()), "based_on": None}), stamp))
    conn.execute("INSERT INTO catalog (id, standard, edition, title_nl, title_en, position, "
                 "source_sha256, details) SELECT id, standard, edition, title_nl, title_en, "
                 "position, source_sha256, '{}' FROM old_catalog")
    columns = ("key, catalog_id, ref, parent_ref, level, position, assessable, kind, theme, hs, "
               "amendment, title_nl, title_en, summary_nl, summary_en, questions, evidence")
    conn.execute(f"INSERT INTO requirement ({columns}, details) SELECT {columns}, '{{}}' "
                 "FROM old_requirement")
    reconciled = _answers(conn)
    _numbered(conn, "action", "action_requirement", "action_id",
              "title, owner, deadline, priority, status, quick_win")
    _numbered(conn, "risk", "risk_requirement", "risk_id",
              "description, likelihood, impact, treatment, owner")
    conn.execute("INSERT INTO asset SELECT name, media_type, data FROM old_asset")
    for name in reversed(OLD_TABLES):
        conn.execute(f"DROP TABLE old_{name}")
    _log(conn, stamp, reconciled)
    return reconciled


def _answers(conn: sqlite3.Connection) -> list[Reconciled]:
    soa = {row[0]: row[1:] for row in conn.execute(
        "SELECT key, applicable, justification, implementation FROM old_soa")}
    controls = {row[0]: row[1] for row in conn.execute(
        "SELECT key, ref FROM old_requirement WHERE kind = 'control' AND assessable")}
    answers = {row[0]: list(row) for row in conn.execute(
        "SELECT key, result, maturity, findings, evidence, interviewee, assessed_on, "
        "finding_type, linked_to, updated_at FROM old_answer")}
    reconciled = []
    extra: dict[str, tuple] = {}  # key → (applicable, justification)
    for key, (applicable, justification, implementation) in soa.items():
        if key not in controls:
            continue
        row = answers.get(key)
        result = Result(row[1]) if row else Result.OPEN
        old_status = OLD_STATUS.get(implementation) if implementation else None
        applicable = None if applicable is None else bool(applicable)
        disagrees = False
        if applicable is False:
            if result is Result.OPEN:  # the SoA's decision becomes the answer
                row = row or [key, "open", None, "", "", "", None, None, None, ""]
                row[1], row[2] = Result.NA.value, None
                answers[key] = row
                result = Result.NA
            elif result is not Result.NA:
                disagrees = True
        elif applicable is True and result is Result.NA:
            disagrees = True
        carried = False
        if old_status is not None and applicable is not False and result is Result.OPEN:
            row = row or [key, "open", None, "", "", "", None, None, None, ""]
            result = RESULT_OF[old_status]  # the SoA's judgement becomes the result
            row[1] = result.value
            answers[key] = row
            carried = True
        elif old_status is not None and applicable is not False and result is not Result.NA \
                and STATUS[result] is not old_status:
            disagrees = True
        if disagrees or carried:
            reconciled.append(Reconciled(key, controls[key], applicable, old_status, result,
                                         carried))
        settled = (False if result is Result.NA else True if result is not Result.OPEN
                   else applicable)
        extra[key] = (settled, justification or "")
        if key not in answers and (settled is not None or justification):
            answers[key] = [key, "open", None, "", "", "", None, None, None, ""]
    for key, row in answers.items():
        applicable, justification = extra.get(key, (None, ""))
        if key in controls and key not in extra:
            result = Result(row[1])
            applicable = False if result is Result.NA else True if result is not Result.OPEN else None
        conn.execute(
            "INSERT INTO answer (key, result, maturity, findings, evidence, interviewee, "
            "assessed_on, finding_type, linked_to, applicable, justification, client_comment, "
            "reverify, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, '')",
            (*row[:9], applicable, justification, row[9] or ""))
    reconciled.sort(key=lambda r: _natural(r.ref))
    return reconciled


def _natural(ref: str) -> list:
    return [int(p) if p.isdigit() else p for p in ref.split(".")]


def _numbered(conn, table: str, link_table: str, id_column: str, columns: str) -> None:
    """Integer ids become UUIDs; the old id stays as the number users see."""
    new_ids = {}
    for (old_id,) in conn.execute(f"SELECT id FROM old_{table} ORDER BY id").fetchall():
        new_ids[old_id] = str(uuid.uuid4())
    placeholders = ", ".join("?" * (len(columns.split(",")) + 2))
    for row in conn.execute(f"SELECT id, {columns} FROM old_{table} ORDER BY id").fetchall():
        conn.execute(f"INSERT INTO {table} (id, number, {columns}) VALUES ({placeholders})",
                     (new_ids[row[0]], row[0], *row[1:]))
    for owner, key in conn.execute(f"SELECT {id_column}, key FROM old_{link_table}").fetchall():
        conn.execute(f"INSERT INTO {link_table} ({id_column}, key) VALUES (?, ?)",
                     (new_ids[owner], key))


def _log(conn: sqlite3.Connection, stamp: str, reconciled: list[Reconciled]) -> None:
    label = "Upgraded from file format 1"
    kept = [r.describe("en") for r in reconciled if not r.carried]
    carried = [r.describe("en") for r in reconciled if r.carried]
    if kept:
        label += "; the SoA now follows the checklist for " + ", ".join(kept)
    if carried:
        label += "; results taken from the SoA for " + ", ".join(carried)
    cursor = conn.execute("INSERT INTO edit_log (at, by, label, kind) VALUES (?, '', ?, 'migration')",
                          (stamp, label))
    for position, r in enumerate(reconciled):
        before = {"applicable": r.soa_applicable,
                  "implementation": r.soa_status.value if r.soa_status else None}
        after = {"result": r.result.value}
        conn.execute("INSERT INTO edit_change (seq, position, record_type, record_id, before, after) "
                     "VALUES (?, ?, 'soa', ?, ?, ?)",
                     (cursor.lastrowid, position, r.key, json.dumps(before), json.dumps(after)))
