"""The numbers of ``isodesk info`` (and the JSON other tools read)."""
from __future__ import annotations

from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result
from isodesk.storage import FORMAT_VERSION

COUNT_NAMES = {
    Result.CONFORM: "conform",
    Result.PARTIAL: "partial",
    Result.NONCONFORM: "nonconform",
    Result.NA: "na",
    Result.OPEN: "open",
}


def project_summary(session: ProjectSession) -> dict:
    info = session.info
    based_on = session.based_on
    standards = []
    for cat in session.catalogs:
        s = session.score(cat.id)
        standards.append({
            "id": cat.id,
            "name": cat.name,
            "items": s.items,
            "counts": {COUNT_NAMES[r]: s.counts[r] for r in Result},
            "compliance": None if s.compliance is None else round(s.compliance, 1),
            "maturity": None if s.maturity is None else round(s.maturity, 2),
            "progress": round(s.progress, 1),
        })
    return {
        "id": session.id,
        "format": FORMAT_VERSION,
        "based_on": {"id": based_on.id, "kind": based_on.kind} if based_on else None,
        "client": info.client,
        "title": info.title,
        "language": info.language,
        "assessors": list(info.assessors),
        "sites": list(info.sites),
        "standards": standards,
        "actions": len(session.actions),
        "risks": len(session.risks),
    }


def format_summary(data: dict) -> str:
    lines = [f"Client:    {data['client']}"]
    if data["assessors"]:
        lines.append(f"Assessor:  {', '.join(data['assessors'])}")
    for std in data["standards"]:
        c = std["counts"]
        comp = "–" if std["compliance"] is None else f"{std['compliance']:.1f}%"
        mat = "–" if std["maturity"] is None else f"{std['maturity']:.2f}"
        lines.append(
            f"{std['name']:<22} {std['items']:>4} items  conform {c['conform']}, partial "
            f"{c['partial']}, not conform {c['nonconform']}, n/a {c['na']}, open {c['open']}  "
            f"compliance {comp}  maturity {mat}"
        )
    lines.append(f"Actions: {data['actions']}  Risks: {data['risks']}")
    return "\n".join(lines)
