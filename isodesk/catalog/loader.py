"""Reading one catalog file (format: norm_catalogs/FORMAT.md) into domain Requirements.

Every problem raises CatalogError naming the file, the line, the item and the field, because the
people who fix a catalog file are consultants editing TOML in a text editor.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from isodesk.catalog import fields
from isodesk.catalog.references import Reference
from isodesk.catalog.source import Source
from isodesk.domain.errors import CatalogError
from isodesk.domain.model import CatalogInfo, Requirement

FORMAT = 1
THEMES = ("organizational", "people", "physical", "technological")
KINDS = ("clause", "control")
# Besides these, ``new_in_<edition>`` (e.g. new_in_2022 in an edition "2022" catalog).
ITEM_KEYS = {"ref", "kind", "theme", "title", "summary", "questions", "evidence", "hs", "amendment",
             "links", "from", "changed", "iso27001_2013", "attributes", "anchors", "note", "verify",
             "own_title"}
CATALOG_KEYS = {"id", "format", "standard", "edition", "title", "amendments", "languages",
                "supersedes"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Catalog:
    info: CatalogInfo
    items: list[Requirement]
    sha256: str
    path: Path | None = None
    amendments: tuple[str, ...] = ()
    user: bool = False  # from the user's catalog folder rather than bundled
    hs_refs: set[str] = field(default_factory=set)
    # Places in the file that name other catalogs (links, supersedes, from); the registry checks
    # them once the other catalogs are loaded (catalog/references.py).
    references: tuple[Reference, ...] = ()

    @property
    def id(self) -> str:
        return self.info.id

    def item(self, ref: str) -> Requirement:
        found = self.find(ref)
        if found is None:
            raise KeyError(ref)
        return found

    def find(self, ref: str) -> Requirement | None:
        return self._by_ref.get(ref)

    @cached_property
    def _by_ref(self) -> dict[str, Requirement]:
        return {r.ref: r for r in self.items}

    @property
    def assessable(self) -> list[Requirement]:
        return [r for r in self.items if r.assessable]


@dataclass(frozen=True)
class HarmonizedStructure:
    """The HS clause list: ref → title {nl, en}, and per clause the maturity anchors that the
    catalogs' items with that ``hs`` receive (unless they bring their own)."""

    titles: dict[str, dict[str, str]]
    anchors: dict[str, dict[str, dict[str, str]]]


def parent_ref(ref: str) -> str | None:
    return ref.rsplit(".", 1)[0] if "." in ref else None


def read_harmonized_structure(path: Path) -> HarmonizedStructure:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        clauses = data["clause"]
        titles = {c["ref"]: c["title"] for c in clauses}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as e:
        raise CatalogError(f"{path.name}: cannot read the Harmonized Structure list ({e}).") from None
    src = Source(path, text, table="clause")
    anchors = {}
    for index, clause in enumerate(clauses):
        unknown = set(clause) - {"ref", "title", "anchors"}
        if unknown:
            raise src.error("unknown field (typo?)", index, clause["ref"], sorted(unknown)[0])
        found = fields.anchors(src, clause, index, clause["ref"])
        if found:
            anchors[clause["ref"]] = found
    return HarmonizedStructure(titles, anchors)


def load_harmonized_structure(path: Path) -> dict[str, dict[str, str]]:
    """HS clause ref → title {nl, en}."""
    return read_harmonized_structure(path).titles


def _header(src: Source, data: dict) -> tuple[CatalogInfo, list[Reference]]:
    head = data.get("catalog")
    if not isinstance(head, dict):
        raise src.error("the [catalog] table is missing")
    unknown = set(head) - CATALOG_KEYS
    if unknown:
        raise src.error(f"unknown field {sorted(unknown)[0]!r} in [catalog]")
    if head.get("format") != FORMAT:
        raise src.error(f"[catalog] format must be {FORMAT}")
    cat_id = head.get("id")
    if not isinstance(cat_id, str) or not _ID.match(cat_id):
        raise src.error("[catalog] id must be lowercase letters, digits and dashes")
    for name in ("standard", "edition"):
        if not isinstance(head.get(name), str) or not head[name].strip():
            raise src.error(f"[catalog] {name} is missing")
    title = fields.texts(src, head, "title", None, None, required=True)
    supersedes = head.get("supersedes")
    references = []
    if supersedes is not None:
        where = src.where(None, None, "supersedes")
        if not isinstance(supersedes, str) or not _ID.match(supersedes):
            raise CatalogError(f"{where}: must be a catalog id such as iso14001-2015")
        if supersedes == cat_id:
            raise CatalogError(f"{where}: a catalog cannot supersede itself")
        references.append(Reference(where, supersedes, same_standard=head["standard"]))
    info = CatalogInfo(cat_id, head["standard"], head["edition"], title, supersedes=supersedes)
    return info, references


def load_catalog(path: Path, hs_refs: set[str] | None = None, user: bool = False,
                 hs_anchors: dict[str, dict[str, dict[str, str]]] | None = None) -> Catalog:
    """Load and validate ``path`` on its own. ``hs_refs`` (the valid HS references) enables the
    hs check; ``hs_anchors`` gives items with an ``hs`` the maturity anchors of their HS clause.

    References to other catalogs are only recorded (``Catalog.references``): the registry checks
    them (``check_references``) because they need those catalogs.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as e:
        raise CatalogError(f"{path.name}: cannot be read ({e.strerror or e}).") from None
    except UnicodeDecodeError:
        raise CatalogError(f"{path.name}: is not UTF-8 text.") from None
    src = Source(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(f"{path.name}: not valid TOML ({e}).") from None

    info, references = _header(src, data)
    items_data = data.get("item")
    if not isinstance(items_data, list) or not items_data:
        raise src.error("has no [[item]] tables")
    extra_tables = set(data) - {"catalog", "item"}
    if extra_tables:
        raise src.error(f"unknown table [{sorted(extra_tables)[0]}]")

    new_key = f"new_in_{info.edition}"
    seen: dict[str, int] = {}
    levels: dict[str, int] = {}
    hs_seen: dict[str, str] = {}
    for index, item in enumerate(items_data):
        ref = item.get("ref")
        if not fields.is_ref(ref):
            raise src.error("ref must look like 7.1.5.2 or A.5.1", index, None, "ref")
        if ref in seen:
            raise src.error(f"ref {ref} appears twice", index, ref, "ref")
        unknown = set(item) - ITEM_KEYS - {new_key}
        if unknown:
            name = sorted(unknown)[0]
            hint = f" (this edition's is {new_key})" if name.startswith("new_in_") else " (typo?)"
            raise src.error(f"unknown field{hint}", index, ref, name)
        parent = parent_ref(ref)
        if parent is not None and parent not in seen:
            raise src.error(f"parent {parent} must come before this item", index, ref, "ref")
        kind = item.get("kind", "clause")
        if kind not in KINDS:
            raise src.error(f"kind must be one of {', '.join(KINDS)}", index, ref, "kind")
        theme = item.get("theme")
        if theme is not None and theme not in THEMES:
            raise src.error(f"theme must be one of {', '.join(THEMES)}", index, ref, "theme")
        hs = item.get("hs")
        if hs is not None:
            if not isinstance(hs, str) or (hs_refs is not None and hs not in hs_refs):
                raise src.error(f"{hs!r} is not a Harmonized Structure clause", index, ref, "hs")
            if hs in hs_seen:
                raise src.error(f"hs {hs} is already used by item {hs_seen[hs]}", index, ref, "hs")
            hs_seen[hs] = ref
        seen[ref] = index
        levels[ref] = 1 if parent is None else levels[parent] + 1

    has_children = {parent_ref(item["ref"]) for item in items_data}
    items: list[Requirement] = []
    for index, item in enumerate(items_data):
        ref = item["ref"]
        assessable = ref not in has_children
        extra, refs_out = _edition_fields(src, item, index, ref, info, assessable, new_key)
        references.extend(refs_out)
        if "links" in item and not assessable:
            raise src.error("only assessable items carry links (link the sub-clauses)", index,
                            ref, "links")
        links = fields.links(src, item, index, ref, info.id)
        for link in links:
            target_id, target_ref = link.key.split(":", 1)
            if target_id == info.supersedes:
                raise src.error(f"{link.key} is in the edition this one supersedes; use from",
                                index, ref, f"links.{link.kind}", f'"{link.key}"')
            references.append(Reference(src.where(index, ref, f"links.{link.kind}", f'"{link.key}"'),
                                        target_id, target_ref, assessable=True))
        if "attributes" in item and (_kind(item) != "control" or not assessable):
            raise src.error("only Annex A controls carry attributes", index, ref, "attributes")
        attributes = fields.attributes(src, item, index, ref)
        if "anchors" in item and not assessable:
            raise src.error("only assessable items carry maturity anchors", index, ref, "anchors")
        anchors = fields.anchors(src, item, index, ref)
        if not anchors and assessable and item.get("hs") and hs_anchors:
            anchors = hs_anchors.get(item["hs"], {})
        items.append(Requirement(
            key=f"{info.id}:{ref}",
            catalog_id=info.id,
            ref=ref,
            parent=parent_ref(ref),
            level=levels[ref],
            position=index,
            assessable=assessable,
            kind=_kind(item),
            title=fields.texts(src, item, "title", index, ref, required=True),
            summary=fields.texts(src, item, "summary", index, ref, required=assessable),
            questions=fields.lists(src, item, "questions", index, ref, 2 if assessable else 0),
            evidence=fields.lists(src, item, "evidence", index, ref, 1 if assessable else 0),
            hs=item.get("hs"),
            theme=item.get("theme"),
            amendment=item.get("amendment"),
            links=links,
            attributes=attributes,
            anchors=anchors,
            note=fields.optional_texts(src, item, "note", index, ref),
            verify=fields.optional_texts(src, item, "verify", index, ref),
            own_title=bool(fields.flag(src, item, "own_title", index, ref)),
            **extra,
        ))
    _check_legacy_mapping(src, items_data, items, new_key)
    return Catalog(
        info=info,
        items=items,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        amendments=tuple(data["catalog"].get("amendments", ())),
        user=user,
        hs_refs=set(hs_seen),
        references=tuple(references),
    )


def _kind(item: dict) -> str:
    return item.get("kind", "clause")


def _check_legacy_mapping(src: Source, items_data: list[dict], items: list[Requirement],
                          new_key: str) -> None:
    """Once any control maps to ISO/IEC 27001:2013, every control does or is new."""
    if not any("iso27001_2013" in item for item in items_data):
        return
    for index, req in enumerate(items):
        if req.kind == "control" and req.assessable and not req.continues and not req.new_in_edition:
            raise src.error(f"give iso27001_2013 = [...] or {new_key} = true", index, req.ref,
                            "iso27001_2013")


def _edition_fields(src: Source, item: dict, index: int, ref: str, info: CatalogInfo,
                    assessable: bool, new_key: str) -> tuple[dict, list[Reference]]:
    """``from``/``changed``/``new_in_<edition>``/``iso27001_2013``: what this item continues of
    an earlier edition. Returns Requirement fields and the references to check."""
    references = []
    continues: list[str] = []
    new = fields.flag(src, item, new_key, index, ref)
    if new is False:
        raise src.error("leave it out instead of false", index, ref, new_key)
    changed = fields.flag(src, item, "changed", index, ref)
    if "from" in item:
        if info.supersedes is None:
            raise src.error("needs supersedes = \"<catalog-id>\" in [catalog]", index, ref, "from")
        for old in fields.refs(src, item, "from", index, ref):
            references.append(Reference(src.where(index, ref, "from", f'"{old}"'),
                                        info.supersedes, old))
            continues.append(f"{info.supersedes}:{old}")
        if new:
            raise src.error(f"an item with from is not {new_key}", index, ref, new_key)
        if changed is None and assessable:
            raise src.error("is missing: say whether the requirement changed (true or false)",
                            index, ref, "changed")
    elif changed is not None:
        raise src.error("only items with from say whether they changed", index, ref, "changed")
    elif info.supersedes is not None and assessable and not new:
        raise src.error(f"give from = [...] (the {info.supersedes} items it continues) or "
                        f"{new_key} = true", index, ref, "from")
    if "iso27001_2013" in item:
        if _kind(item) != "control" or not assessable:
            raise src.error("only Annex A controls map to ISO/IEC 27001:2013", index, ref,
                            "iso27001_2013")
        if new:
            raise src.error(f"a control that continues 2013 controls is not {new_key}", index,
                            ref, new_key)
        continues.extend(f"iso27001-2013:{old}" for old in fields.iso27001_2013_refs(src, item, index, ref))
    return {"continues": tuple(continues), "new_in_edition": bool(new), "changed": changed}, references
