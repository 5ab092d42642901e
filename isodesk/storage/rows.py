"""Converting between domain records and table rows (format 2)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date

from isodesk.domain.model import (
    Action,
    Answer,
    Attachment,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
)
from isodesk.domain.scales import ActionStatus, FindingType, Priority, Result, Treatment
from isodesk.domain.serial import from_dict, plain, to_dict


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------------- requirements
REQUIREMENT_COLUMNS = {"key", "catalog_id", "ref", "parent", "level", "position", "assessable",
                       "kind", "title", "summary", "questions", "evidence", "hs", "theme",
                       "amendment"}
# Catalog fields beyond the columns (links, attributes …) go to ``details``; new fields a
# catalog gains are kept without a change of file format.
REQUIREMENT_DETAILS = [name for name in Requirement._fields if name not in REQUIREMENT_COLUMNS]
_DEFAULTS = Requirement("", "", "", None, 1, 0, False, "clause", {})


def requirement_row(req: Requirement) -> dict:
    details = {name: getattr(req, name) for name in REQUIREMENT_DETAILS
               if getattr(req, name) != getattr(_DEFAULTS, name)}
    return {
        "key": req.key,
        "catalog_id": req.catalog_id,
        "ref": req.ref,
        "parent_ref": req.parent,
        "level": req.level,
        "position": req.position,
        "assessable": req.assessable,
        "kind": req.kind,
        "theme": req.theme,
        "hs": req.hs,
        "amendment": req.amendment,
        "title_nl": req.title.get("nl", ""),
        "title_en": req.title.get("en", ""),
        "summary_nl": req.summary.get("nl", ""),
        "summary_en": req.summary.get("en", ""),
        "questions": _json(req.questions),
        "evidence": _json(req.evidence),
        "details": _json({name: plain(value) for name, value in details.items()}) if details else "{}",
    }


REQUIREMENT_SELECT = ("key", "catalog_id", "ref", "parent_ref", "level", "position", "assessable",
                      "kind", "theme", "hs", "amendment", "title_nl", "title_en", "summary_nl",
                      "summary_en", "questions", "evidence", "details")


def requirements_from_rows(found: list[tuple]) -> list[Requirement]:
    """Rows in REQUIREMENT_SELECT order → requirements (the hot path of opening a project).

    The JSON columns of all rows are parsed in one ``json.loads`` call: thousands of small
    calls cost more than the parsing itself.
    """
    parsed = json.loads("[" + ",".join(f"[{r[15]},{r[16]},{r[17]}]" for r in found) + "]")
    out = []
    for row, (questions, evidence, details) in zip(found, parsed):
        (key, catalog_id, ref, parent, level, position, assessable, kind, theme, hs, amendment,
         title_nl, title_en, summary_nl, summary_en) = row[:15]
        req = Requirement(key, catalog_id, ref, parent, level, position, bool(assessable), kind,
                          {"nl": title_nl, "en": title_en}, {"nl": summary_nl, "en": summary_en},
                          questions, evidence, hs, theme, amendment)
        if details:
            req = _with_details(req, details)
        out.append(req)
    return out


def _with_details(req: Requirement, details: dict) -> Requirement:
    parsed = from_dict(Requirement, {"key": "", "catalog_id": "", "ref": "", "parent": None,
                                     "level": 1, "position": 0, "assessable": False,
                                     "kind": "clause", "title": {}, **details})
    return req._replace(**{name: getattr(parsed, name) for name in details
                           if name in REQUIREMENT_DETAILS})


CATALOG_COLUMNS = {"id", "standard", "edition", "title", "position"}
CATALOG_DETAILS = [f.name for f in dataclasses.fields(CatalogInfo) if f.name not in CATALOG_COLUMNS]


def catalog_row(info: CatalogInfo, sha256: str) -> dict:
    details = {name: getattr(info, name) for name in CATALOG_DETAILS}
    return {
        "id": info.id,
        "standard": info.standard,
        "edition": info.edition,
        "title_nl": info.title.get("nl", ""),
        "title_en": info.title.get("en", ""),
        "position": info.position,
        "source_sha256": sha256,
        "details": _json({name: plain(value) for name, value in details.items()}),
    }


def catalog_from_row(row) -> CatalogInfo:
    values = {"id": row["id"], "standard": row["standard"], "edition": row["edition"],
              "title": {"nl": row["title_nl"], "en": row["title_en"]}, "position": row["position"]}
    return from_dict(CatalogInfo, {**json.loads(row["details"] or "{}"), **values})


# ------------------------------------------------------------------------------ answers
ANSWER_COLUMNS = ("key", "result", "maturity", "findings", "evidence", "interviewee",
                  "assessed_on", "finding_type", "linked_to", "applicable", "justification",
                  "client_comment", "reverify")
# A row that says nothing (a cleared answer keeps its row for its stamp).
BLANK_ANSWER = ("result = 'open' AND maturity IS NULL AND findings = '' AND evidence = '' AND "
                "interviewee = '' AND assessed_on IS NULL AND finding_type IS NULL AND "
                "linked_to IS NULL AND applicable IS NULL AND justification = '' AND "
                "client_comment = '' AND NOT reverify")
STAMP_COLUMNS = ("updated_at", "updated_by")


def answer_row(a: Answer, at: str, by: str) -> dict:
    return {
        "key": a.key,
        "result": a.result.value,
        "maturity": a.maturity,
        "findings": a.findings,
        "evidence": a.evidence,
        "interviewee": a.interviewee,
        "assessed_on": _iso(a.assessed_on),
        "finding_type": a.finding_type.value if a.finding_type else None,
        "linked_to": a.linked_to,
        "applicable": a.applicable,
        "justification": a.justification,
        "client_comment": a.client_comment,
        "reverify": a.reverify,
        "updated_at": at,
        "updated_by": by,
    }


_RESULTS = {r.value: r for r in Result}
_FINDING_TYPES = {f.value: f for f in FindingType}
_DATES: dict[str, date] = {}  # assessed_on values repeat a lot: parse each once


def answer_from_tuple(t) -> Answer:
    """From a row in ANSWER_COLUMNS order (the hot load path: lookups, no enum calls)."""
    (key, result, maturity, findings, evidence, interviewee, assessed_on, finding_type, linked,
     applicable, justification, client_comment, reverify) = t[:13]
    if assessed_on:
        day = _DATES.get(assessed_on)
        if day is None:
            day = _DATES[assessed_on] = date.fromisoformat(assessed_on)
    else:
        day = None
    return Answer(key, _RESULTS[result], maturity, findings, evidence, interviewee, day,
                  _FINDING_TYPES[finding_type] if finding_type else None, linked,
                  None if applicable is None else bool(applicable), justification,
                  client_comment, bool(reverify))


# ------------------------------------------------------------------------ actions, risks
ACTION_COLUMNS = ("id", "number", "title", "owner", "deadline", "priority", "status", "quick_win")
RISK_COLUMNS = ("id", "number", "description", "likelihood", "impact", "treatment", "owner")


def action_row(a: Action, at: str, by: str) -> dict:
    return {
        "id": a.id,
        "number": a.number,
        "title": a.title,
        "owner": a.owner,
        "deadline": _iso(a.deadline),
        "priority": a.priority.value,
        "status": a.status.value,
        "quick_win": a.quick_win,
        "updated_at": at,
        "updated_by": by,
    }


def action_from_row(row, keys: tuple[str, ...]) -> Action:
    return Action(row["id"], row["number"], row["title"], row["owner"], _date(row["deadline"]),
                  Priority(row["priority"]), ActionStatus(row["status"]), bool(row["quick_win"]),
                  keys)


def risk_row(r: Risk, at: str, by: str) -> dict:
    return {
        "id": r.id,
        "number": r.number,
        "description": r.description,
        "likelihood": r.likelihood,
        "impact": r.impact,
        "treatment": r.treatment.value,
        "owner": r.owner,
        "updated_at": at,
        "updated_by": by,
    }


def risk_from_row(row, keys: tuple[str, ...]) -> Risk:
    return Risk(row["id"], row["number"], row["description"], row["likelihood"], row["impact"],
                Treatment(row["treatment"]), row["owner"], keys)


ATTACHMENT_COLUMNS = ("id", "key", "name", "media_type", "size", "caption", "sha256", "position")


def attachment_from_row(row) -> Attachment:
    return Attachment(*(row[name] for name in ATTACHMENT_COLUMNS))


# -------------------------------------------------------------------- project details
def info_json(info: ProjectInfo) -> str:
    return _json(to_dict(info))


def info_from_json(text: str) -> ProjectInfo:
    return from_dict(ProjectInfo, {"client": "", **json.loads(text)})


def scope_json(scope: Scope) -> str:
    return _json(to_dict(scope))


def scope_from_json(text: str) -> Scope:
    return from_dict(Scope, json.loads(text))
