"""The evidence appendix: per standard and requirement the photos (scaled to fit, two to a row,
with their captions) and the documents recorded as evidence; and the note in the gap list and
the checklist that points a reader to it.

The report never reads the project file: the bytes of a photo come from ``ctx.content`` (the
caller's ``content(attachment)``), one photo at a time as the appendix is built, and are
scaled down for print (``images.print_photo``).
"""
from __future__ import annotations

from isodesk.domain.model import Attachment, Requirement
from isodesk.report.context import ReportContext
from isodesk.report.escape import markup
from isodesk.report.images import print_photo
from isodesk.report.model import PageBreak, Para, Photo, Photos

PHOTO_KEEP = 7.6 * 28.35  # a photo's row (7 cm and its caption) stays with its heading
FINDING_CHARACTERS = 300  # the finding as a reminder; the checklist has all of it


def _is_photo(attachment: Attachment) -> bool:
    return attachment.media_type.startswith("image/")


def evidence_note(ctx: ReportContext, key: str) -> str:
    """"Evidence in the appendix: 2 photos and one document." ("" without attachments)."""
    found = ctx.evidence.get(key)
    if not found:
        return ""
    t = ctx.t
    photos = sum(1 for a in found if _is_photo(a))
    parts = [t.count("photo_count", photos) if photos else "",
             t.count("document_count", len(found) - photos) if len(found) > photos else ""]
    return t.plain("evidence_note", what=t.join_words(parts))


def evidence_appendix(ctx: ReportContext) -> list:
    """The appendix, after the checklist; nothing when the project has no attachments."""
    if not ctx.evidence:
        return []
    t = ctx.t
    story: list = [PageBreak(), ctx.heading(t["evidence"], 0), Para(t.fill("evidence_intro"))]
    for std in ctx.standards:
        items = [req for req in std.items if req.key in ctx.evidence]
        if not items:
            continue
        story.append(ctx.heading(std.info.name, 1))
        for req in items:
            story += _item(ctx, req)
    return story


def _item(ctx: ReportContext, req: Requirement) -> list:
    t = ctx.t
    found = ctx.evidence[req.key]
    photos = [a for a in found if _is_photo(a)]
    documents = [a for a in found if not _is_photo(a)]
    answer = ctx.session.answer(req.key)
    finding = " ".join(answer.findings.split())
    if len(finding) > FINDING_CHARACTERS:
        finding = finding[:FINDING_CHARACTERS - 1].rstrip() + "…"
    summary = answer.result.label(ctx.lang) + (f" — {finding}" if finding else "")
    story: list = [ctx.heading(f"{req.ref}  {ctx.display_title(req)}", 2, in_toc=False,
                               keep=PHOTO_KEEP if photos else 0.0),
                   Para(markup(summary), "small")]
    printed, missing = [], []
    for attachment in photos:
        data = ctx.content(attachment) if ctx.content else None
        fitted = print_photo(data) if data else None
        ctx.tick()
        if fitted is None:
            missing.append(attachment)
            continue
        label = attachment.caption or attachment.name
        printed.append(Photo(*fitted, caption=label, description=label))
    if printed:
        story.append(Photos(printed))
    story += [Para(t.fill("photo_missing", name=a.name), "small") for a in missing]
    if documents:
        ctx.tick(len(documents))
        names = ", ".join(f"{a.name} ({_size(ctx, a.size)})"
                          + (f" — {a.caption}" if a.caption else "") for a in documents)
        story.append(Para(t.fill("documents", names=names)))
    return story


def _size(ctx: ReportContext, size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{ctx.t.number(size / 1024 / 1024)} MB"
