"""Integrated assessment: one answer serving the same Harmonized Structure clause in several
standards.

A *follower* answer carries ``linked_to = <source key>`` and mirrors the source's judgement
(result, maturity, findings, evidence, interviewee, date, finding type). Editing a follower
directly turns it into its own answer (a per-standard override).
"""
from __future__ import annotations

from typing import Iterable

from isodesk.domain.model import Answer, Requirement

MIRRORED = ("result", "maturity", "findings", "evidence", "interviewee", "assessed_on", "finding_type")


def hs_partners(requirement: Requirement, requirements: Iterable[Requirement]) -> list[Requirement]:
    """Assessable items of *other* standards with the same HS reference."""
    if not requirement.hs or not requirement.assessable:
        return []
    return [
        r
        for r in requirements
        if r.assessable and r.hs == requirement.hs and r.catalog_id != requirement.catalog_id
    ]


def mirror(source: Answer, follower_key: str) -> Answer:
    """The follower's answer that mirrors ``source``."""
    values = {name: getattr(source, name) for name in MIRRORED}
    return Answer(follower_key, linked_to=source.key, **values)


def followers(source_key: str, answers: Iterable[Answer]) -> list[Answer]:
    return [a for a in answers if a.linked_to == source_key]
