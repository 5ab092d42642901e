"""What the exporter writes in the informational cells of a row, for both sides.

The exporter writes these cells; the importer does not import them, but compares them with
what it would write, to tell the user when someone typed into them (the client's words belong
in the comment column) and to refuse rows whose number no longer matches their key.
"""
from __future__ import annotations

from isodesk.domain.model import Answer, Attachment, Requirement, text
from isodesk.domain.soa import soa_line
from isodesk.excel.texts import THEMES


def checklist_info(req: Requirement, lang: str) -> dict[str, str]:
    values = {"ref": req.ref, "title": text(req.title, lang), "summary": text(req.summary, lang)}
    if req.assessable:
        questions = req.questions.get(lang) or next((q for q in req.questions.values() if q), [])
        values["questions"] = "\n".join(f"• {q}" for q in questions)
    return values


def evidence_files(attachments: list[Attachment]) -> str:
    """The evidence column: one line per attached file, its caption after a dash. Not compared
    on import: a photo attached after the export is no text typed by the client."""
    return "\n".join(f"{a.name} — {a.caption.strip()}" if a.caption.strip() else a.name
                     for a in attachments)


def soa_info(req: Requirement, answer: Answer, lang: str) -> dict[str, str | None]:
    status = soa_line(answer).status
    return {"ref": req.ref, "title": text(req.title, lang),
            "theme": THEMES.get(req.theme, {}).get(lang),
            "implementation": status.label(lang) if status else None}
