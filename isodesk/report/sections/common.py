"""Small helpers the sections share."""
from __future__ import annotations

from isodesk.report.escape import markup
from isodesk.report.model import Para


def own_words(text: str, style: str = "own") -> list[Para]:
    """The consultant's text as paragraphs: a blank line starts a new one, a line break stays."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [Para(markup(p), style) for p in parts if p]
