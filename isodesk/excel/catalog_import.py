"""A custom norm catalog from an Excel workbook (layout: docs/excel-catalog-layout.md).

The workbook is converted to the catalog TOML format (norm_catalogs/FORMAT.md), the text is
validated by the same loader that reads every catalog, and only then moved into the user's
catalog folder. Problems are reported by sheet, row and column, as consultants fix them in
Excel, not in the TOML file they never see.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path

from isodesk.catalog.loader import load_catalog, load_harmonized_structure, parent_ref
from isodesk.catalog.registry import HS_FILE
from isodesk.domain.errors import CatalogError, DataError, ProjectFileError
from isodesk.excel import layout as L
from isodesk.excel.cells import CellError, is_empty, parse_text, quote
from isodesk.excel.sheets import Problems, SheetReader, Table
from isodesk.excel.texts import CATALOG_FIELDS, CATALOG_SHEETS, KINDS, THEMES
from isodesk.excel.workbook_file import reading
from isodesk.support.atomic import atomic_write
from isodesk.support.i18n import N_
from isodesk.support.paths import bundled, user_catalog_dir

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REF = re.compile(r"^(A|[0-9]+)(\.[0-9]+)*$")
_BULLET = re.compile(r"^\s*(?:[•·*\-–]|\d+[.)])\s+")
INFO_ROWS = 50  # the catalog sheet is a short list of label / value pairs
LANGS = ("nl", "en")


def import_catalog_workbook(workbook: Path, replace: bool = False) -> Path:
    """Convert ``workbook`` into ``<user catalog dir>/<id>.toml`` and return that path.

    Raises DataError (bad workbook, with sheet / row / column), CatalogError (an id that
    clashes) or ProjectFileError (the file cannot be written); nothing is written then.
    """
    workbook = Path(workbook)
    hs_refs = set(load_harmonized_structure(bundled("norm_catalogs") / HS_FILE))
    with reading(workbook) as wb:
        info = _read_info(wb, workbook.name)
        items = _read_items(wb, workbook.name, hs_refs)
    cat_id = info["id"]
    if (bundled("norm_catalogs") / f"{cat_id}.toml").exists():
        raise CatalogError("isodesk already has a catalog with id {id}; give yours another id "
                           "on the sheet Catalog.", id=cat_id)
    folder = user_catalog_dir()
    target = folder / f"{cat_id}.toml"
    if target.exists() and not replace:
        raise CatalogError("A user catalog with id {id} exists already; import with replace "
                           "(isodesk catalog import --replace) to overwrite it.", id=cat_id)
    return _write(target, _toml(info, items), hs_refs)


# ------------------------------------------------------------------------------ reading
def _sheet(wb, role: str, workbook_name: str):
    names = {L.normalize(n) for n in CATALOG_SHEETS[role].values()}
    for title in wb.sheetnames:
        if L.normalize(title) in names:
            return wb[title], title
    raise DataError("{workbook} has no sheet '{en}' (or '{nl}'); see the catalog layout in the "
                    "manual.", workbook=workbook_name, en=CATALOG_SHEETS[role]["en"],
                    nl=CATALOG_SHEETS[role]["nl"])


def _read_info(wb, workbook_name: str) -> dict[str, str]:
    ws, title = _sheet(wb, "info", workbook_name)
    labels = {L.normalize(text): name for name, texts in CATALOG_FIELDS.items()
              for text in (*texts.values(), name, name.replace("_", " "))}
    info: dict[str, str] = {}
    for number, row in enumerate(ws.iter_rows(max_row=INFO_ROWS, max_col=2), 1):
        if len(row) < 2 or not isinstance(row[0].value, str):
            continue
        name = labels.get(L.normalize(row[0].value))
        if name is None:
            continue
        if row[1].data_type == "f":
            raise DataError("Sheet {sheet}, row {row}, column B: contains a formula; type the "
                            "value instead.", sheet=title, row=number)
        info[name] = parse_text(row[1].value).strip()
    for name, texts in CATALOG_FIELDS.items():
        if not info.get(name):
            raise DataError("Sheet {sheet} needs a row '{label}' with a value in column B.",
                            sheet=title, label=texts["en"])
    if not _ID.match(info["id"]):
        raise DataError("Sheet {sheet}: the id {id} may only hold lower-case letters, digits and "
                        "dashes, e.g. 'intern-kader-2025'.", sheet=title, id=quote(info["id"]))
    return info


def _read_items(wb, workbook_name: str, hs_refs: set[str]) -> list[dict]:
    ws, title = _sheet(wb, "items", workbook_name)
    problems = Problems()
    reader = SheetReader("en", problems)
    rows: list[tuple[int, Table, dict]] = []
    seen: dict[str, int] = {}
    hs_seen: dict[str, str] = {}
    for number, values, table in reader.rows(ws, title, L.CATALOG_ITEMS):
        item = _item(table, number, values, problems)
        if item is None:
            continue
        ref = item["ref"]
        if ref in seen:
            problems.add(table.where(number, "ref"), N_("ref {ref} appears twice (also row {row})"),
                         ref=ref, row=seen[ref])
            continue
        parent = parent_ref(ref)
        if item["parent"] and item["parent"] != parent:
            if parent:
                problems.add(table.where(number, "parent"), N_(
                    "the parent of {ref} is {parent}, not {given}"), ref=ref, parent=parent,
                    given=item["parent"])
            else:
                problems.add(table.where(number, "parent"), N_(
                    "the parent of {ref} is empty (it is a top-level ref), not {given}"),
                    ref=ref, given=item["parent"])
        if parent is not None and parent not in seen:
            problems.add(table.where(number, "ref"), N_(
                "the parent {parent} of {ref} must be on a row above it"), parent=parent, ref=ref)
        hs = item.get("hs")
        if hs is not None:
            if hs not in hs_refs:
                problems.add(table.where(number, "hs"), N_(
                    "{value} is not a Harmonized Structure clause"), value=quote(hs))
            elif hs in hs_seen:
                problems.add(table.where(number, "hs"), N_("HS {hs} is already used by {ref}"),
                             hs=hs, ref=hs_seen[hs])
            hs_seen[hs] = ref
        seen[ref] = number
        rows.append((number, table, item))
    if not rows and problems.first is None:
        raise DataError("Sheet {sheet} has no items below its header row.", sheet=title)
    parents = {parent_ref(item["ref"]) for _n, _t, item in rows}
    for number, table, item in rows:
        _check_texts(table, number, item, assessable=item["ref"] not in parents,
                     problems=problems)
    problems.raise_if_any()
    return [item for _n, _t, item in rows]


def _item(table: Table, number: int, values: dict, problems: Problems) -> dict | None:
    item: dict = {}
    try:
        for name in ("ref", "parent", "hs"):
            item[name] = _ref_text(values.get(name))
    except CellError as e:
        problems.add(table.where(number, name), e.msg)
        return None
    if not item["ref"]:
        problems.add(table.where(number, "ref"), N_("the ref is empty"))
        return None
    if not _REF.match(item["ref"]):
        problems.add(table.where(number, "ref"), N_("{value} is not a ref like 7.1.5.2 or A.5.1"),
                     value=quote(item["ref"]))
        return None
    for lang in LANGS:
        item[f"title_{lang}"] = parse_text(values.get(f"title_{lang}")).strip()
        item[f"summary_{lang}"] = parse_text(values.get(f"summary_{lang}")).strip()
        item[f"questions_{lang}"] = _lines(values.get(f"questions_{lang}"))
        item[f"evidence_{lang}"] = _lines(values.get(f"evidence_{lang}"))
    item["kind"] = _choice(table, number, "kind", values.get("kind"), KINDS, problems) or "clause"
    item["theme"] = _choice(table, number, "theme", values.get("theme"), THEMES, problems)
    item["amendment"] = parse_text(values.get("amendment")).strip() or None
    return item


def _ref_text(raw) -> str | None:
    """A ref as typed. A number cell is refused: Excel stores 7.10 as 7.1 and 4.1 may be a date."""
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("{value} is not a ref", value=quote(raw))
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, (float, datetime, date, time)):
        raise CellError("{value} is stored as a number or date, which changes refs such as "
                        "7.10; format the column as Text and type the refs again", value=quote(raw))
    return str(raw).strip()


def _lines(raw) -> list[str]:
    """One question or piece of evidence per line; bullets and numbering are dropped."""
    return [_BULLET.sub("", line).strip() for line in parse_text(raw).splitlines()
            if _BULLET.sub("", line).strip()]


def _choice(table: Table, number: int, name: str, raw, words: dict, problems: Problems):
    text = parse_text(raw).strip().casefold()
    if not text:
        return None
    for code, labels in words.items():
        if text == code or text in (label.casefold() for label in labels.values()):
            return code
    allowed = ", ".join(labels["en"] for labels in words.values())
    problems.add(table.where(number, name), N_("{value} is not one of {allowed}"),
                 value=quote(raw), allowed=allowed)
    return None


def _check_texts(table: Table, number: int, item: dict, assessable: bool,
                 problems: Problems) -> None:
    """The loader's rules, reported where a consultant can fix them (FORMAT.md, Items)."""
    ref = item["ref"]
    for lang in LANGS:
        if not item[f"title_{lang}"]:
            problems.add(table.where(number, f"title_{lang}"), N_("{ref} needs a title"), ref=ref)
        if not assessable:
            continue
        if not item[f"summary_{lang}"]:
            problems.add(table.where(number, f"summary_{lang}"), N_(
                "{ref} is assessable (it has no sub-items), so it needs a summary"), ref=ref)
        if len(item[f"questions_{lang}"]) < 2:
            problems.add(table.where(number, f"questions_{lang}"), N_(
                "{ref} needs at least 2 audit questions, one per line"), ref=ref)
        if not item[f"evidence_{lang}"]:
            problems.add(table.where(number, f"evidence_{lang}"), N_(
                "{ref} needs at least 1 piece of typical evidence"), ref=ref)


# ------------------------------------------------------------------------------ writing
def _s(text: str) -> str:
    """A TOML basic string. JSON escapes are valid TOML, except that TOML wants DEL escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _pair(values: dict, name: str) -> str:
    return f"{{ nl = {_s(values[f'{name}_nl'])}, en = {_s(values[f'{name}_en'])} }}"


def _toml(info: dict, items: list[dict]) -> str:
    lines = [
        "# Imported from an Excel workbook by isodesk (catalog import).",
        "[catalog]",
        f"id = {_s(info['id'])}",
        "format = 1",
        f"standard = {_s(info['standard'])}",
        f"edition = {_s(info['edition'])}",
        f"title = {_pair(info, 'title')}",
        'languages = ["nl", "en"]',
        "",
    ]
    for item in items:
        lines += ["[[item]]", f"ref = {_s(item['ref'])}", f"title = {_pair(item, 'title')}"]
        if item["kind"] != "clause":
            lines.append(f"kind = {_s(item['kind'])}")
        for name in ("theme", "hs", "amendment"):
            if item.get(name):
                lines.append(f"{name} = {_s(item[name])}")
        if item["summary_nl"] or item["summary_en"]:
            lines.append(f"summary = {_pair(item, 'summary')}")
        for name in ("questions", "evidence"):
            for lang in LANGS:
                if item[f"{name}_{lang}"]:
                    values = ", ".join(_s(v) for v in item[f"{name}_{lang}"])
                    lines.append(f"{name}.{lang} = [{values}]")
        lines.append("")
    return "\n".join(lines)


def _write(target: Path, text: str, hs_refs: set[str]) -> Path:
    """Validate ``text`` with the catalog loader, then move it into place."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ProjectFileError("Cannot write in the catalog folder {folder}: {reason}.",
                               folder=target.parent, reason=e.strerror or str(e)) from None
    with atomic_write(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:
            load_catalog(tmp, hs_refs, user=True)
        except CatalogError as e:
            # The loader names the temp file and a TOML line; the user knows neither.
            detail = re.sub(rf"^{re.escape(tmp.name)}(:\d+)?: ", "", str(e))
            raise DataError("The catalog is not valid: {detail}", detail=detail) from None
    return target
