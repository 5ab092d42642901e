"""Collect every tr("..."), N_("...") and SomeError("template", ...) string in isodesk/ and update resources/translations/nl.po.

Existing translations are kept, new strings get an empty msgstr (fill them in), strings no longer
used are dropped. Run: python3 tools/update_translations.py [--add NEW.json] [--merge OTHER.po]
  --add NEW.json    take translations from a JSON object {"English": "Nederlands", ...}
  --merge OTHER.po  take translations from another .po file too (e.g. both sides of a git merge)
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from isodesk.support.i18n import parse_po  # noqa: E402


def source_strings() -> dict[str, list[str]]:
    """msgid → places ("file:line") where tr() is called with that literal."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "isodesk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and (node.func.id in ("tr", "N_") or node.func.id.endswith("Error"))
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_po(path: Path, strings: dict[str, list[str]], translations: dict[str, str]) -> None:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Language: nl\\n"', ""]
    for msgid in sorted(strings):
        lines.append("#: " + " ".join(strings[msgid][:3]))
        lines.append(f"msgid {_quote(msgid)}")
        lines.append(f"msgstr {_quote(translations.get(msgid, ''))}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser()
    parser.add_argument("--add", action="append", default=[], type=Path)
    parser.add_argument("--merge", action="append", default=[], type=Path)
    args = parser.parse_args(argv)
    po = ROOT / "resources" / "translations" / "nl.po"
    existing = parse_po(po.read_text(encoding="utf-8")) if po.exists() else {}
    for other in args.merge:
        existing = parse_po(other.read_text(encoding="utf-8")) | existing
    for new in args.add:
        existing |= json.loads(new.read_text(encoding="utf-8"))
    strings = source_strings()
    write_po(po, strings, existing)
    missing = [s for s in strings if s not in existing]
    print(f"{len(strings)} strings, {len(missing)} without a Dutch translation")
    for s in missing:
        print("  ", s)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
