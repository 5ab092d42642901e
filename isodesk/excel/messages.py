"""Sentences about a workbook in the reader's language: templates with values, nested.

A problem in a workbook is a place ("Sheet ISO 9001, row 14, column F (Resultaat)") and what
is wrong there ("'misschien' is not a result"); both parts are translated on their own, so
``Msg`` keeps the English template and its values and renders them when shown: ``str()`` in
English (the CLI), ``text()`` / ``format()`` in the current language (``support.i18n``). A
``Msg`` given as a value of an ``IsodeskError`` is rendered by ``localize`` the same way, which
is how a DataError about a cell reaches a Dutch user in Dutch from top to bottom.

Templates are marked with ``N_`` where they are written, so tools/update_translations.py
finds them.
"""
from __future__ import annotations

from isodesk.support.i18n import N_, tr


class Msg:
    __slots__ = ("template", "params")

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params

    def text(self, lang: str | None = None) -> str:
        values = {name: value.text(lang) if isinstance(value, Msg) else value
                  for name, value in self.params.items()}
        return tr(self.template, lang).format(**values)

    def __str__(self) -> str:
        return self.text("en")

    def __format__(self, spec: str) -> str:
        return format(self.text(), spec)

    def __repr__(self) -> str:
        return f"Msg({self.text('en')!r})"

    def __eq__(self, other) -> bool:
        return (isinstance(other, Msg) and self.template == other.template
                and self.params == other.params)

    __hash__ = None


def where(sheet: str, row: int | None = None, column: str | None = None,
          header: str | None = None) -> Msg:
    """The place of a problem, as precise as it is known."""
    if row is None:
        return Msg(N_("Sheet {sheet}"), sheet=sheet)
    if column is None:
        return Msg(N_("Sheet {sheet}, row {row}"), sheet=sheet, row=row)
    return Msg(N_("Sheet {sheet}, row {row}, column {column} ({header})"), sheet=sheet, row=row,
               column=column, header=header)


def at(place: Msg, problem: Msg) -> Msg:
    """"<place>: <problem>" """
    return Msg(N_("{place}: {problem}"), place=place, problem=problem)
