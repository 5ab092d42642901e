"""Checks that need other catalogs: ``supersedes``, ``from`` and ``links`` point at real items.

The loader records every such reference with its place in the file; once the other catalogs
are at hand (the registry), ``check_references`` verifies them and names file, line, item and
field of the first one that is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from isodesk.domain.errors import CatalogError

if TYPE_CHECKING:
    from isodesk.catalog.loader import Catalog


@dataclass(frozen=True, slots=True)
class Reference:
    """``where`` (``file:line: item <ref>: field <name>``) names ``catalog_id`` (``ref`` None:
    the catalog itself). ``assessable``: the target must be an assessable item."""

    where: str
    catalog_id: str
    ref: str | None = None
    assessable: bool = False
    same_standard: str | None = None  # supersedes: the target must be this standard


Lookup = Callable[[str], "Catalog | None"]


def check_references(catalog: "Catalog", lookup: Lookup) -> None:
    """Raise CatalogError for the first reference of ``catalog`` that ``lookup`` cannot resolve.

    ``lookup(catalog_id)`` returns the parsed catalog, None when there is no such catalog, and
    raises CatalogError when that catalog's own file is broken.
    """
    for r in catalog.references:
        try:
            target = lookup(r.catalog_id)
        except CatalogError as e:
            raise CatalogError(f"{r.where}: {r.catalog_id} cannot be checked, it has errors "
                               f"itself ({e})") from None
        if target is None:
            raise CatalogError(f"{r.where}: there is no catalog {r.catalog_id}")
        if r.same_standard is not None and target.info.standard != r.same_standard:
            raise CatalogError(f"{r.where}: {r.catalog_id} is {target.info.standard}, not "
                               f"{r.same_standard}; an edition supersedes one of its own standard")
        if r.ref is None:
            continue
        item = target.find(r.ref)
        if item is None:
            raise CatalogError(f"{r.where}: {r.catalog_id} has no item {r.ref}")
        if r.assessable and not item.assessable:
            raise CatalogError(f"{r.where}: {r.catalog_id}:{r.ref} is a heading; link its "
                               "sub-clauses instead")
