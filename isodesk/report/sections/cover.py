"""The cover page (title, client, sites, standards, date, assessors, the consultancy and its
logo, the confidentiality line), and the contents and document control after it."""
from __future__ import annotations

from isodesk.report.context import ReportContext
from isodesk.report.escape import Markup, markup
from isodesk.report.model import Contents, Cover, Definitions, Heading


def cover(ctx: ReportContext) -> Cover:
    t, info = ctx.t, ctx.info
    # the catalog title up to its first dash: "Kwaliteitsmanagementsystemen", without "— Eisen"
    standards = [f"{std.info.name} — {ctx.catalog_title(std).split(' — ')[0]}"
                 for std in ctx.standards]
    period = ""
    if info.started_on and info.started_on != ctx.report_date:
        period = f"{t.long_date(info.started_on)} – {t.long_date(ctx.report_date)}"
    rows = [(t["client"], [info.client]), (t["sites"], list(info.sites)),
            (t["standards"], standards), (t["date"], [t.long_date(ctx.report_date)]),
            (t["period"], [period] if period else []), (t["assessors"], list(info.assessors)),
            (t["version"], [_version(ctx)])]
    return Cover(kind=t["report_kind"].upper(), title=ctx.title, client=info.client,
                 rows=[(label, lines) for label, lines in rows if any(lines)], logo=ctx.logo,
                 confidentiality=ctx.confidentiality, consultancy=info.consultancy.strip(),
                 contact=info.consultancy_contact.strip())


def _version(ctx: ReportContext) -> str:
    t, info = ctx.t, ctx.info
    status = t["status_final"] if info.status == "final" else t["status_draft"]
    version = info.version.strip()
    return f"{version} ({status.lower()})" if version else status


def front_matter(ctx: ReportContext) -> list:
    """The contents, then the document control: version, status, date, authors, reviewer,
    distribution and the consultancy, what a reader checks before relying on the report."""
    t, info = ctx.t, ctx.info
    lines = lambda items: Markup("<br/>".join(markup(i) for i in items))  # noqa: E731
    rows = [(t["version"], markup(info.version.strip() or t["dash"])),
            (t["status"], markup(t["status_final"] if info.status == "final"
                                 else t["status_draft"])),
            (t["date"], markup(t.long_date(ctx.report_date))),
            (t["authors"], lines(info.assessors) if info.assessors else markup(t["dash"])),
            (t["reviewer"], markup(info.reviewer.strip() or t["dash"])),
            (t["distribution"], lines(info.distribution) if info.distribution
             else markup(t["dash"]))]
    consultancy = [x for x in (info.consultancy.strip(), info.consultancy_contact.strip()) if x]
    if consultancy:
        rows.append((t["consultancy"], lines(consultancy)))
    return [Contents(t["contents"]),
            Heading("", t["document_control"], 0, "document-control", in_toc=False),
            Definitions(rows)]
