"""Reading and checking the values of one ``[[item]]`` (format: norm_catalogs/FORMAT.md).

Each reader takes the item's table and returns the value for the domain Requirement, or raises
CatalogError at the item's line for that field.
"""
from __future__ import annotations

import re

from isodesk.catalog.attributes import ATTRIBUTE_TYPES
from isodesk.catalog.source import Source
from isodesk.domain.model import LANGUAGES, LINK_KINDS, Link

_REF = re.compile(r"^(A|[0-9]+)(\.[0-9]+)*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*:(A|[0-9]+)(\.[0-9]+)*$")
_ISO27001_2013 = re.compile(r"^A\.(5|6|7|8|9|10|11|12|13|14|15|16|17|18)\.[0-9]+\.[0-9]+$")
MATURITY_LEVELS = ("0", "1", "2", "3", "4", "5")


def is_ref(value) -> bool:
    return isinstance(value, str) and bool(_REF.match(value))


def texts(src: Source, data: dict, name: str, index, ref, required: bool,
          label: str | None = None) -> dict[str, str]:
    """A ``{nl, en}`` text table. ``required``: both languages must be there; otherwise a
    missing language is empty. ``label``: the field name in messages (default ``name``)."""
    label = label or name
    value = data.get(name)
    if value is None:
        if required:
            raise src.error("is missing", index, ref, f"{label}.nl")
        return {}
    if not isinstance(value, dict):
        raise src.error("must be a table with nl and en", index, ref, label)
    extra = set(value) - set(LANGUAGES)
    if extra:
        raise src.error(f"unknown language {sorted(extra)[0]!r}", index, ref, label)
    out = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            if required:
                raise src.error("is missing or empty", index, ref, f"{label}.{lang}")
            text = ""
        out[lang] = text.strip()
    return out


def optional_texts(src: Source, data: dict, name: str, index, ref) -> dict[str, str]:
    """An optional ``{nl, en}`` table; when it is there, both languages are needed."""
    return texts(src, data, name, index, ref, required=True) if name in data else {}


def lists(src: Source, data: dict, name: str, index, ref, minimum: int) -> dict[str, list[str]]:
    value = data.get(name)
    if value is None:
        if minimum:
            raise src.error("is missing", index, ref, f"{name}.nl")
        return {}
    if not isinstance(value, dict):
        raise src.error("must be a table with nl and en lists", index, ref, name)
    out = {}
    for lang in LANGUAGES:
        items = value.get(lang, [])
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            raise src.error("must be a list of non-empty texts", index, ref, f"{name}.{lang}")
        if len(items) < minimum:
            raise src.error(f"needs at least {minimum} entries, has {len(items)}", index, ref,
                            f"{name}.{lang}")
        out[lang] = [s.strip() for s in items]
    return out


def string_list(src: Source, data: dict, name: str, index, ref) -> list[str]:
    value = data.get(name, [])
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise src.error("must be a non-empty list of texts", index, ref, name)
    if len(set(value)) != len(value):
        duplicate = next(v for v in value if value.count(v) > 1)
        raise src.error(f"{duplicate!r} appears twice", index, ref, name, needle=f'"{duplicate}"')
    return value


def links(src: Source, data: dict, index, ref, catalog_id: str) -> tuple[Link, ...]:
    """``links.same = ["<catalog-id>:<ref>", ...]`` and ``links.related = [...]``."""
    value = data.get("links")
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise src.error(f"must be a table with {' and/or '.join(LINK_KINDS)} lists", index, ref, "links")
    unknown = set(value) - set(LINK_KINDS)
    if unknown:
        raise src.error(f"unknown link kind {sorted(unknown)[0]!r} (use {' or '.join(LINK_KINDS)})",
                        index, ref, "links")
    out: list[Link] = []
    seen: set[str] = set()
    for kind in LINK_KINDS:
        if kind not in value:
            continue
        for key in string_list(src, value, kind, index, ref):
            field_name = f"links.{kind}"
            if not _KEY.match(key):
                raise src.error(f"{key!r} is not a key like iso9001-2015:9.3.1", index, ref,
                                field_name, needle=f'"{key}"')
            if key.split(":", 1)[0] == catalog_id:
                raise src.error(f"{key} is in this catalog; links go to other standards", index,
                                ref, field_name, needle=f'"{key}"')
            if key in seen:
                raise src.error(f"{key} is linked twice", index, ref, field_name, needle=f'"{key}"')
            seen.add(key)
            out.append(Link(key, kind))
    return tuple(out)


def refs(src: Source, data: dict, name: str, index, ref, pattern: re.Pattern = _REF,
         example: str = "6.1.4") -> list[str]:
    values = string_list(src, data, name, index, ref)
    for value in values:
        if not pattern.match(value):
            raise src.error(f"{value!r} is not a clause number like {example}", index, ref, name,
                            needle=f'"{value}"')
    return values


def iso27001_2013_refs(src: Source, data: dict, index, ref) -> list[str]:
    return refs(src, data, "iso27001_2013", index, ref, _ISO27001_2013, "A.12.6.1")


def attributes(src: Source, data: dict, index, ref) -> dict[str, tuple[str, ...]]:
    value = data.get("attributes")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise src.error("must be a table of attribute types", index, ref, "attributes")
    unknown = set(value) - set(ATTRIBUTE_TYPES)
    if unknown:
        raise src.error(f"unknown attribute type {sorted(unknown)[0]!r}", index, ref, "attributes")
    out = {}
    for kind, allowed in ATTRIBUTE_TYPES.items():
        if kind not in value:
            raise src.error(f"attribute type {kind} is missing", index, ref, "attributes")
        values = string_list(src, value, kind, index, ref)
        for v in values:
            if v not in allowed:
                raise src.error(f"{v!r} is not a value of {kind} ({', '.join(allowed)})", index,
                                ref, f"attributes.{kind}", needle=f'"{v}"')
        out[kind] = tuple(sorted(values, key=allowed.index))
    return out


def anchors(src: Source, data: dict, index, ref, what: str = "item") -> dict[str, dict[str, str]]:
    """``anchors.1 = { nl = "...", en = "..." }`` per maturity level."""
    value = data.get("anchors")
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise src.error("must be a table of maturity levels 0-5", index, ref, "anchors")
    out = {}
    for level in sorted(value):
        if level not in MATURITY_LEVELS:
            raise src.error(f"{level!r} is not a maturity level (0-5)", index, ref, "anchors")
        out[level] = texts(src, value, level, index, ref, required=True, label=f"anchors.{level}")
    return out


def flag(src: Source, data: dict, name: str, index, ref) -> bool | None:
    value = data.get(name)
    if value is not None and not isinstance(value, bool):
        raise src.error("must be true or false", index, ref, name)
    return value
