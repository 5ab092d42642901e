"""User text into reportlab Paragraph markup, printed literally.

Paragraph parses an XML-like markup: a finding containing ``<b>``, ``&`` or ``<img src=...>``
would change the output, break the build or load a file. Every user string that goes into a
Paragraph passes through ``markup`` (or ``fill`` for templates); our own markup is a ``Markup``.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from isodesk.report.fonts import printable


class Markup(str):
    """Text that already is safe Paragraph markup (our own templates and tags)."""


def markup(text: object) -> Markup:
    """Escaped, printable Paragraph markup for a user string; line breaks are kept."""
    if isinstance(text, Markup):
        return text
    return Markup(escape(printable(text)).replace("\n", "<br/>"))


def fill(template: str, **values: object) -> Markup:
    """``template.format(**values)`` with every value escaped unless it is ``Markup``."""
    return Markup(template.format(**{name: markup(value) for name, value in values.items()}))
