"""One checklist item with everything known about it: ``isodesk show FILE KEY``.

The history comes from the edit log: every committed change of the item's answer, newest
first, one line per field (who, when, before, after), plus what the upgrade to file format 2
did to its SoA entry, and its attachments coming and going (field ``attachment``: the file's
name before and after) and their captions (field ``attachment.caption``).
"""
from __future__ import annotations

from isodesk.app.followup import baseline_of
from isodesk.app.session import ProjectSession
from isodesk.domain.model import Answer
from isodesk.domain.serial import plain, to_dict
from isodesk.domain.soa import is_control
from isodesk.storage import attachments


def history(session: ProjectSession, key: str) -> list[dict]:
    entries = []
    blank = to_dict(Answer(key))
    for entry in session.store.history("answer", key) + session.store.history("soa", key):
        before = entry["before"] or blank
        after = entry["after"] or blank
        names = [n for n in dict.fromkeys([*before, *after])
                 if n not in ("type", "key") and before.get(n) != after.get(n)]
        for name in names:
            entries.append({"at": entry["at"], "by": entry["by"], "field": name,
                            "before": before.get(name), "after": after.get(name),
                            "seq": entry["seq"]})
    for entry in attachments.history(session.store, key):
        before, after = entry["before"], entry["after"]
        stamp = {"at": entry["at"], "by": entry["by"], "seq": entry["seq"]}
        if before is None or after is None:
            entries.append(stamp | {"field": "attachment", "before": before and before["name"],
                                    "after": after and after["name"]})
        elif before.get("caption") != after.get("caption"):
            entries.append(stamp | {"field": "attachment.caption", "attachment": after["name"],
                                    "before": before.get("caption"), "after": after.get("caption")})
    entries.sort(key=lambda e: e.pop("seq"), reverse=True)
    return entries


def _baseline(session: ProjectSession, key: str) -> dict | None:
    """A follow-up's baseline answer of the item (read-only); None for other projects and for
    items the baseline did not hold."""
    baseline = baseline_of(session)
    then = baseline.answer(key) if baseline else None
    if then is None:
        return None
    return {"date": baseline.day.isoformat(), "result": then.result.value,
            "maturity": then.maturity, "findings": then.findings}


def item_details(session: ProjectSession, key: str) -> dict:
    req = session.requirement(key)
    answer = session.answer(key)
    details = {
        "key": key,
        "ref": req.ref,
        "title": dict(req.title),
        "result": answer.result.value,
        "maturity": answer.maturity,
        "findings": answer.findings,
        "evidence": answer.evidence,
        "interviewee": answer.interviewee,
        "finding_type": answer.finding_type.value if answer.finding_type else None,
        "assessed_on": plain(answer.assessed_on),
        "client_comment": answer.client_comment,
        "reverify": answer.reverify,
        "linked_to": answer.linked_to,
        "linked": [p.requirement.key for p in session.partners(key)],
        "soa": None,
        "attachments": [{"id": a.id, "name": a.name, "media_type": a.media_type,
                         "bytes": a.size, "caption": a.caption}
                        for a in sorted((a for a in session.attachments.values() if a.key == key),
                                        key=lambda a: (a.position, a.name))],
        "history": history(session, key),
    }
    details["baseline"] = _baseline(session, key)
    if is_control(req):
        line = session.soa(key)
        details["soa"] = {"applicable": line.applicable, "justification": line.justification,
                          "status": line.status.value if line.status else None}
    stamp = session.stamps.get(("answer", key))
    details["updated_at"], details["updated_by"] = (stamp.at, stamp.by) if stamp else (None, None)
    return details
