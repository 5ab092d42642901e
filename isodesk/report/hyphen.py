"""Breaking a word that is wider than its column, the way a Dutch typesetter would.

A word is broken at a hyphen or slash it already has, else at a syllable boundary from pyphen's
dictionaries (nl_NL, en_GB) with a visible hyphen, and only as a last resort (a code, a URL
without separators) between letters, with a hyphen too: never a word cut without one.
"""
from __future__ import annotations

from functools import cache, lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}
HYPHEN = "-"
OWN_BREAKS = "-/\\_"  # a line may end after these without an extra hyphen


@cache
def _dictionary(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=DICTIONARIES.get(lang, "nl_NL"))


def _candidates(word: str, lang: str) -> list[tuple[int, bool]]:
    """Break positions (index, needs a hyphen), best first within the same length."""
    own = {i + 1 for i, ch in enumerate(word[:-1]) if ch in OWN_BREAKS}
    syllables = set(_dictionary(lang).positions(word)) - own
    found = [(i, False) for i in own] + [(i, True) for i in syllables
                                         if word[i - 1].isalpha() and word[i].isalpha()]
    return sorted(found)


# Longer than any word a dictionary knows: a code, a URL, or pasted text without spaces.
LONGEST_WORD = 60


def break_word(word: str, width: float, font: str, size: float, lang: str) -> tuple[str, ...]:
    """``word`` in pieces each no wider than ``width``; every piece but the last ends in a
    hyphen unless the word itself has a break character there."""
    if len(word) > LONGEST_WORD:
        return _cut(word, width, font, size)
    return _hyphenated(word, width, font, size, lang)


def _cut(word: str, width: float, font: str, size: float) -> tuple[str, ...]:
    """A very long "word" cut between characters, each piece with a hyphen, in one pass (a
    100,000-character text without spaces must not be measured once per character)."""
    hyphen = stringWidth(HYPHEN, font, size)
    pieces, start, used = [], 0, 0.0
    for index, char in enumerate(word):
        w = _char_width(char, font, size)
        if index > start and used + w + hyphen > width:
            pieces.append(word[start:index] + HYPHEN)
            start, used = index, 0.0
        used += w
    pieces.append(word[start:])
    return tuple(pieces)


@lru_cache(maxsize=4096)
def _char_width(char: str, font: str, size: float) -> float:
    return stringWidth(char, font, size)


@lru_cache(maxsize=16384)
def _hyphenated(word: str, width: float, font: str, size: float,
                lang: str) -> tuple[str, ...]:
    pieces: list[str] = []
    rest = word
    while stringWidth(rest, font, size) > width and len(rest) > 1:
        head, tail = _first_piece(rest, width, font, size, lang)
        pieces.append(head)
        rest = tail
    pieces.append(rest)
    return tuple(pieces)


def _first_piece(word: str, width: float, font: str, size: float, lang: str) -> tuple[str, str]:
    """The longest head that fits; a break the word has (a path's backslash) is preferred to
    a syllable while it fills at least half the line."""
    best = own = None
    for index, hyphen in _candidates(word, lang):
        head = word[:index] + (HYPHEN if hyphen else "")
        used = stringWidth(head, font, size)
        if used <= width and len(word) - index >= 2:
            best = (head, word[index:])
            if not hyphen and used >= width / 2:
                own = best
    if own is not None:
        return own
    if best is not None:
        return best
    # no syllable boundary fits: the longest run of characters that fits with a hyphen
    cut = 1
    while cut < len(word) - 1 and stringWidth(word[:cut + 1] + HYPHEN, font, size) <= width:
        cut += 1
    return word[:cut] + HYPHEN, word[cut:]
