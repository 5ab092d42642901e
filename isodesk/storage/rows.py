"""Converting between domain records and table rows."""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from isodesk.domain.model import (
    Action,
    Answer,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
    SoAEntry,
)
from isodesk.domain.scales import (
    ActionStatus,
    FindingType,
    Implementation,
    Priority,
    Result,
    Treatment,
)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def requirement_row(req: Requirement) -> dict:
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
        "questions": json.dumps(req.questions, ensure_ascii=False),
        "evidence": json.dumps(req.evidence, ensure_ascii=False),
    }


def requirement_from_row(row) -> Requirement:
    return Requirement(
        key=row["key"],
        catalog_id=row["catalog_id"],
        ref=row["ref"],
        parent=row["parent_ref"],
        level=row["level"],
        position=row["position"],
        assessable=bool(row["assessable"]),
        kind=row["kind"],
        title={"nl": row["title_nl"], "en": row["title_en"]},
        summary={"nl": row["summary_nl"], "en": row["summary_en"]},
        questions=json.loads(row["questions"]),
        evidence=json.loads(row["evidence"]),
        hs=row["hs"],
        theme=row["theme"],
        amendment=row["amendment"],
    )


def catalog_row(info: CatalogInfo, sha256: str) -> dict:
    return {
        "id": info.id,
        "standard": info.standard,
        "edition": info.edition,
        "title_nl": info.title.get("nl", ""),
        "title_en": info.title.get("en", ""),
        "position": info.position,
        "source_sha256": sha256,
    }


def catalog_from_row(row) -> CatalogInfo:
    return CatalogInfo(row["id"], row["standard"], row["edition"],
                       {"nl": row["title_nl"], "en": row["title_en"]}, row["position"])


ANSWER_COLUMNS = ("key", "result", "maturity", "findings", "evidence", "interviewee",
                  "assessed_on", "finding_type", "linked_to")


def answer_row(a: Answer, updated_at: str) -> dict:
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
        "updated_at": updated_at,
    }


_RESULTS = {r.value: r for r in Result}
_FINDING_TYPES = {f.value: f for f in FindingType}
_DATES: dict[str, date] = {}  # assessed_on values repeat a lot: parse each once


def answer_from_tuple(t) -> Answer:
    """From a row in ANSWER_COLUMNS order (the hot load path: lookups, no enum calls)."""
    key, result, maturity, findings, evidence, interviewee, assessed_on, finding_type, linked = t
    if assessed_on:
        day = _DATES.get(assessed_on)
        if day is None:
            day = _DATES[assessed_on] = date.fromisoformat(assessed_on)
    else:
        day = None
    return Answer(key, _RESULTS[result], maturity, findings, evidence, interviewee, day,
                  _FINDING_TYPES[finding_type] if finding_type else None, linked)


def soa_row(e: SoAEntry) -> dict:
    return {
        "key": e.key,
        "applicable": e.applicable,
        "justification": e.justification,
        "implementation": e.implementation.value if e.implementation else None,
    }


def soa_from_row(row) -> SoAEntry:
    return SoAEntry(
        row["key"],
        None if row["applicable"] is None else bool(row["applicable"]),
        row["justification"],
        Implementation(row["implementation"]) if row["implementation"] else None,
    )


def action_row(a: Action) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "owner": a.owner,
        "deadline": _iso(a.deadline),
        "priority": a.priority.value,
        "status": a.status.value,
        "quick_win": a.quick_win,
    }


def action_from_row(row, keys: tuple[str, ...]) -> Action:
    return Action(row["id"], row["title"], row["owner"], _date(row["deadline"]), Priority(row["priority"]),
                  ActionStatus(row["status"]), bool(row["quick_win"]), keys)


def risk_row(r: Risk) -> dict:
    return {
        "id": r.id,
        "description": r.description,
        "likelihood": r.likelihood,
        "impact": r.impact,
        "treatment": r.treatment.value,
        "owner": r.owner,
    }


def risk_from_row(row, keys: tuple[str, ...]) -> Risk:
    return Risk(row["id"], row["description"], row["likelihood"], row["impact"], Treatment(row["treatment"]),
                row["owner"], keys)


def info_json(info: ProjectInfo) -> str:
    data = asdict(info)
    data["started_on"] = _iso(info.started_on)
    data["report_date"] = _iso(info.report_date)
    return json.dumps(data, ensure_ascii=False)


def info_from_json(text: str) -> ProjectInfo:
    data = json.loads(text)
    return ProjectInfo(
        client=data.get("client", ""),
        title=data.get("title", ""),
        sites=tuple(data.get("sites", ())),
        assessors=tuple(data.get("assessors", ())),
        language=data.get("language", "nl"),
        started_on=_date(data.get("started_on")),
        report_date=_date(data.get("report_date")),
        confidentiality=data.get("confidentiality", ""),
        maturity_labels=tuple(data.get("maturity_labels", ())),
        share_answers=data.get("share_answers"),
    )


def scope_json(scope: Scope) -> str:
    return json.dumps(asdict(scope), ensure_ascii=False)


def scope_from_json(text: str) -> Scope:
    data = json.loads(text)
    return Scope(**{k: v for k, v in data.items() if k in Scope.__dataclass_fields__})
