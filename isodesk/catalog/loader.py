"""Reading one catalog file (format: norm_catalogs/FORMAT.md) into domain Requirements.

Every problem raises CatalogError naming the file, the line, the item and the field, because the
people who fix a catalog file are consultants editing TOML in a text editor.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from isodesk.domain.errors import CatalogError
from isodesk.domain.model import LANGUAGES, CatalogInfo, Requirement

FORMAT = 1
THEMES = ("organizational", "people", "physical", "technological")
KINDS = ("clause", "control")
ITEM_KEYS = {"ref", "kind", "theme", "title", "summary", "questions", "evidence", "hs", "amendment"}
CATALOG_KEYS = {"id", "format", "standard", "edition", "title", "amendments", "languages"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REF = re.compile(r"^(A|[0-9]+)(\.[0-9]+)*$")


@dataclass
class Catalog:
    info: CatalogInfo
    items: list[Requirement]
    sha256: str
    path: Path | None = None
    amendments: tuple[str, ...] = ()
    user: bool = False  # from the user's catalog folder rather than bundled
    hs_refs: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.info.id

    def item(self, ref: str) -> Requirement:
        for req in self.items:
            if req.ref == ref:
                return req
        raise KeyError(ref)

    @property
    def assessable(self) -> list[Requirement]:
        return [r for r in self.items if r.assessable]


class _Where:
    """Locates ``[[item]]`` tables and their fields in the source text for error messages."""

    def __init__(self, path: Path, text: str):
        self.name = path.name
        self.lines = text.splitlines()
        self.item_lines = [i + 1 for i, line in enumerate(self.lines)
                           if line.strip().replace(" ", "") == "[[item]]"]

    def line_of(self, index: int | None, field_name: str | None = None) -> int | None:
        if index is None or index >= len(self.item_lines):
            return None
        start = self.item_lines[index]
        end = self.item_lines[index + 1] if index + 1 < len(self.item_lines) else len(self.lines) + 1
        if field_name:
            head = field_name.split(".")[0]
            for n in range(start, end):
                if self.lines[n - 1].lstrip().startswith(head):
                    return n
        return start

    def error(self, message: str, index: int | None = None, ref: str | None = None,
              field_name: str | None = None) -> CatalogError:
        line = self.line_of(index, field_name)
        where = f"{self.name}:{line}" if line else self.name
        parts = [where]
        if ref is not None or index is not None:
            parts.append(f"item {ref}" if ref else f"item {index + 1}")
        if field_name:
            parts.append(f"field {field_name}")
        return CatalogError(": ".join(parts) + f": {message}")


def _texts(where: _Where, data: dict, name: str, index, ref, required: bool) -> dict[str, str]:
    value = data.get(name)
    if value is None:
        if required:
            raise where.error("is missing", index, ref, f"{name}.nl")
        return {}
    if not isinstance(value, dict):
        raise where.error("must be a table with nl and en", index, ref, name)
    out = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            if required:
                raise where.error("is missing or empty", index, ref, f"{name}.{lang}")
            text = ""
        out[lang] = text.strip()
    extra = set(value) - set(LANGUAGES)
    if extra:
        raise where.error(f"unknown language {sorted(extra)[0]!r}", index, ref, name)
    return out


def _lists(where: _Where, data: dict, name: str, index, ref, minimum: int) -> dict[str, list[str]]:
    value = data.get(name)
    if value is None:
        if minimum:
            raise where.error("is missing", index, ref, f"{name}.nl")
        return {}
    if not isinstance(value, dict):
        raise where.error("must be a table with nl and en lists", index, ref, name)
    out = {}
    for lang in LANGUAGES:
        items = value.get(lang, [])
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            raise where.error("must be a list of non-empty texts", index, ref, f"{name}.{lang}")
        if len(items) < minimum:
            raise where.error(f"needs at least {minimum} entries, has {len(items)}", index, ref,
                              f"{name}.{lang}")
        out[lang] = [s.strip() for s in items]
    return out


def parent_ref(ref: str) -> str | None:
    return ref.rsplit(".", 1)[0] if "." in ref else None


def load_harmonized_structure(path: Path) -> dict[str, dict[str, str]]:
    """HS clause ref → title {nl, en}."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return {c["ref"]: c["title"] for c in data["clause"]}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as e:
        raise CatalogError(f"{path.name}: cannot read the Harmonized Structure list ({e}).") from None


def load_catalog(path: Path, hs_refs: set[str] | None = None, user: bool = False) -> Catalog:
    """Load and validate ``path``. ``hs_refs`` (the valid HS references) enables the hs check."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as e:
        raise CatalogError(f"{path.name}: cannot be read ({e.strerror or e}).") from None
    except UnicodeDecodeError:
        raise CatalogError(f"{path.name}: is not UTF-8 text.") from None
    where = _Where(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(f"{path.name}: not valid TOML ({e}).") from None

    head = data.get("catalog")
    if not isinstance(head, dict):
        raise where.error("the [catalog] table is missing")
    unknown = set(head) - CATALOG_KEYS
    if unknown:
        raise where.error(f"unknown field {sorted(unknown)[0]!r} in [catalog]")
    if head.get("format") != FORMAT:
        raise where.error(f"[catalog] format must be {FORMAT}")
    cat_id = head.get("id")
    if not isinstance(cat_id, str) or not _ID.match(cat_id):
        raise where.error("[catalog] id must be lowercase letters, digits and dashes")
    for name in ("standard", "edition"):
        if not isinstance(head.get(name), str) or not head[name].strip():
            raise where.error(f"[catalog] {name} is missing")
    title = _texts(where, head, "title", None, None, required=True)
    info = CatalogInfo(cat_id, head["standard"], head["edition"], title)

    items_data = data.get("item")
    if not isinstance(items_data, list) or not items_data:
        raise where.error("has no [[item]] tables")
    extra_tables = set(data) - {"catalog", "item"}
    if extra_tables:
        raise where.error(f"unknown table [{sorted(extra_tables)[0]}]")

    seen: dict[str, int] = {}
    levels: dict[str, int] = {}
    hs_seen: dict[str, str] = {}
    parsed: list[dict] = []
    for index, item in enumerate(items_data):
        ref = item.get("ref")
        if not isinstance(ref, str) or not _REF.match(ref):
            raise where.error("ref must look like 7.1.5.2 or A.5.1", index, None, "ref")
        if ref in seen:
            raise where.error(f"ref {ref} appears twice", index, ref, "ref")
        unknown = set(item) - ITEM_KEYS
        if unknown:
            raise where.error("unknown field (typo?)", index, ref, sorted(unknown)[0])
        parent = parent_ref(ref)
        if parent is not None and parent not in seen:
            raise where.error(f"parent {parent} must come before this item", index, ref, "ref")
        kind = item.get("kind", "clause")
        if kind not in KINDS:
            raise where.error(f"kind must be one of {', '.join(KINDS)}", index, ref, "kind")
        theme = item.get("theme")
        if theme is not None and theme not in THEMES:
            raise where.error(f"theme must be one of {', '.join(THEMES)}", index, ref, "theme")
        hs = item.get("hs")
        if hs is not None:
            if not isinstance(hs, str) or (hs_refs is not None and hs not in hs_refs):
                raise where.error(f"{hs!r} is not a Harmonized Structure clause", index, ref, "hs")
            if hs in hs_seen:
                raise where.error(f"hs {hs} is already used by item {hs_seen[hs]}", index, ref, "hs")
            hs_seen[hs] = ref
        seen[ref] = index
        levels[ref] = 1 if parent is None else levels[parent] + 1
        parsed.append(item)

    has_children = {parent_ref(item["ref"]) for item in parsed}
    items: list[Requirement] = []
    for index, item in enumerate(parsed):
        ref = item["ref"]
        assessable = ref not in has_children
        items.append(Requirement(
            key=f"{cat_id}:{ref}",
            catalog_id=cat_id,
            ref=ref,
            parent=parent_ref(ref),
            level=levels[ref],
            position=index,
            assessable=assessable,
            kind=item.get("kind", "clause"),
            title=_texts(where, item, "title", index, ref, required=True),
            summary=_texts(where, item, "summary", index, ref, required=assessable),
            questions=_lists(where, item, "questions", index, ref, 2 if assessable else 0),
            evidence=_lists(where, item, "evidence", index, ref, 1 if assessable else 0),
            hs=item.get("hs"),
            theme=item.get("theme"),
            amendment=item.get("amendment"),
        ))
    return Catalog(
        info=info,
        items=items,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        amendments=tuple(head.get("amendments", ())),
        user=user,
        hs_refs=set(hs_seen),
    )
