"""The embedded TTF family (DejaVu Sans), and cleaning text down to characters it can print.

The built-in PDF fonts lack glyphs such as ``ĳ``, so the report embeds DejaVu Sans from
``resources/fonts``. Characters the family has no glyph for (most emoji, rare scripts, control
characters, lone surrogates) become a visible U+FFFD instead of an invisible box or a crash.
"""
from __future__ import annotations

from functools import cache

from isodesk.support.paths import bundled

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = "DejaVuSans"
REPLACEMENT = "\ufffd"


@cache
def register() -> frozenset[int]:
    """Register the family with reportlab (once); returns the code points all four faces cover."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = bundled("resources") / "fonts"
    covered: set[int] | None = None
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        font = TTFont(name, str(folder / f"{name}.ttf"))
        pdfmetrics.registerFont(font)
        glyphs = set(font.face.charToGlyph)
        covered = glyphs if covered is None else covered & glyphs
    # <b>/<i> inside Paragraph markup map to the faces of the family.
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    # reportlab's chart renderer starts every Drawing in its default font (Helvetica, which a
    # PDF then references unembedded) before the shapes set ours.
    from reportlab.graphics.shapes import STATE_DEFAULTS

    STATE_DEFAULTS["fontName"] = REGULAR
    covered -= set(range(0x20))  # control characters have glyphs in some fonts but no meaning
    covered.add(ord("\n"))
    # reportlab writes the text layer (ToUnicode) of characters beyond U+FFFF wrongly, so PDF
    # readers could not search or copy them (DejaVu's emoticons, for one): replace those too.
    covered = {c for c in covered if c <= 0xFFFF}
    return frozenset(covered)


def printable(text: object) -> str:
    """``text`` with tabs as spaces, CR/LF as newlines and unprintable characters replaced."""
    value = "" if text is None else str(text)
    if "\r" in value or "\t" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    covered = register()
    if covered.issuperset(map(ord, value)):  # the common case: nothing to replace
        return value
    return "".join(ch if ord(ch) in covered else REPLACEMENT for ch in value)
