"""The Statement of Applicability grouped by an ISO/IEC 27002:2022 attribute type: a heading row
per value ("#Detect — 14 controls · 12 applicable · 4 implemented") with its controls below it.

A control with several values of the type (#Confidentiality, #Integrity and #Availability) is
listed under each of them: it is one record, edited in any of its rows. The rows of the SoA
table are then headings and (value, control) pairs; ``columns`` makes the SoA's columns, written
for controls, work on those rows.
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from PySide6.QtGui import QColor

from isodesk.app.session import ProjectSession
from isodesk.catalog.attributes import grouped, value_label
from isodesk.domain.model import Requirement
from isodesk.domain.scales import Implementation
from isodesk.gui.models.records import Column
from isodesk.gui.style import is_dark
from isodesk.support.i18n import N_, tr

ATTRIBUTE_NAMES = {
    "control_type": N_("Control type"),
    "security_properties": N_("Information security properties"),
    "cybersecurity_concepts": N_("Cybersecurity concepts"),
    "operational_capabilities": N_("Operational capabilities"),
    "security_domains": N_("Security domains"),
}


class GroupRow(NamedTuple):
    """The heading of one value's controls, with their counts (a new count repaints it)."""

    value: str
    controls: int
    applicable: int
    implemented: int

    def label(self) -> str:
        return tr("{value} — {controls} controls · {applicable} applicable · {implemented} "
                  "implemented").format(value=value_label(self.value), controls=self.controls,
                                        applicable=self.applicable, implemented=self.implemented)


class Grouped(NamedTuple):
    """A control listed under one value."""

    value: str
    control: Requirement


def rows(session: ProjectSession, controls: list[Requirement], attribute_type: str | None) -> list:
    """The SoA's rows: the controls as they are, or grouped by ``attribute_type``."""
    if attribute_type is None:
        return list(controls)
    out: list = []
    for value, members in grouped(controls, attribute_type):
        lines = [session.soa(c.key) for c in members]
        out.append(GroupRow(value, len(members), sum(1 for line in lines if line.applicable),
                            sum(1 for line in lines if line.applicable
                                and line.status is Implementation.IMPLEMENTED)))
        out += [Grouped(value, c) for c in members]
    return out


def control(row) -> Requirement | None:
    """The control a row shows; None for a heading."""
    if isinstance(row, GroupRow):
        return None
    return row.control if isinstance(row, Grouped) else row


def identity(row) -> tuple:
    if isinstance(row, GroupRow):
        return ("group", row.value)
    if isinstance(row, Grouped):
        return (row.value, row.control.key)
    return ("", row.key)


def affected(rows_now: list, keys: set[str]) -> set[tuple]:
    """The identities of the rows that show one of the controls ``keys``."""
    return {identity(r) for r in rows_now if (c := control(r)) is not None and c.key in keys}


def columns(soa_columns: list[Column]) -> list[Column]:
    """The SoA's columns for grouped rows: a heading shows its label across the first column
    (the view spans it over the row) and is never edited; a control row is the control's."""
    heading = QColor("#3a4656" if is_dark() else "#e3e9f0")

    def on_control(fn, first: bool = False, otherwise=None):
        if fn is None:
            return None

        def call(row, *args):
            req = control(row)
            if req is None:
                return row.label() if first else otherwise
            return fn(req, *args)

        return call

    out = []
    for index, column in enumerate(soa_columns):
        colour = on_control(column.colour, otherwise=heading) or (
            lambda row: heading if control(row) is None else None)
        out.append(replace(column, display=on_control(column.display, first=index == 0,
                                                      otherwise=""),
                           edit_value=on_control(column.edit_value),
                           commit=on_control(column.commit), check=on_control(column.check),
                           colour=colour, foreground=on_control(column.foreground)))
    return out
