"""Reading a report back as a reader would: the text of each PDF page, a Word file's paragraphs,
and the report model's paragraphs as plain text."""
from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_pages(path: Path) -> list[str]:
    """The text of every page, in drawing order (pdftotext -raw)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def section(pages: list[str], start: str, stop: str) -> str:
    """The text from the page where heading ``start`` begins up to the page of ``stop``
    (the contents page, pages[1], is skipped)."""
    first = next(i for i, p in enumerate(pages) if i > 1 and start in p)
    last = next(i for i, p in enumerate(pages) if i > first and stop in p)
    return "".join(pages[first:last])


def squash(text: str) -> str:
    """Text without whitespace and hyphens: table cells wrap and hyphenate findings over
    several lines."""
    return "".join(text.split()).replace("-", "")


def docx_text(path: Path) -> str:
    """Every paragraph of a Word file, body and tables, one a line."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def model_paragraphs(report) -> list[str]:
    """The plain text of every paragraph of a report model."""
    from isodesk.report.model import Para
    from isodesk.report.sections.summary import plain_text

    return [plain_text(b.text) for b in report.blocks if isinstance(b, Para)]
