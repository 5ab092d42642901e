"""Where things are in a catalog file: line numbers for error messages.

``tomllib`` gives values, not positions, so the text is scanned for the ``[[item]]`` headers and,
within an item, for the line that starts a field (or that holds one given value). Errors read
``file:line: item <ref>: field <name>: problem`` because the people who fix a catalog are
consultants with the TOML file open in a text editor.
"""
from __future__ import annotations

from pathlib import Path

from isodesk.domain.errors import CatalogError


class Source:
    def __init__(self, path: Path, text: str, table: str = "item"):
        self.name = Path(path).name
        self.lines = text.splitlines()
        self.item_lines = [i + 1 for i, line in enumerate(self.lines)
                           if line.strip().replace(" ", "") == f"[[{table}]]"]

    def _block(self, index: int | None) -> tuple[int, int]:
        """First and one-past-last line number of item ``index`` (None: the file header)."""
        if index is None:
            return 1, (self.item_lines[0] if self.item_lines else len(self.lines) + 1)
        start = self.item_lines[index]
        end = self.item_lines[index + 1] if index + 1 < len(self.item_lines) else len(self.lines) + 1
        return start, end

    def line_of(self, index: int | None, field_name: str | None = None,
                needle: str | None = None) -> int | None:
        """The line of item ``index`` (None: the [catalog] header) where ``field_name`` starts,
        or, with ``needle``, the first line of that item holding the needle (a quoted value)."""
        if index is not None and index >= len(self.item_lines):
            return None
        start, end = self._block(index)
        if needle is not None:
            for n in range(start, end):
                if needle in self.lines[n - 1]:
                    return n
        if field_name:
            parts = field_name.split(".")
            for size in range(len(parts), 0, -1):  # "anchors.1.nl", then "anchors.1", "anchors"
                head = ".".join(parts[:size])
                for n in range(start, end):
                    stripped = self.lines[n - 1].lstrip()
                    if stripped.startswith(head) and stripped[len(head):len(head) + 1] in (" ", "=", "."):
                        return n
        return start if index is not None else None

    def where(self, index: int | None = None, ref: str | None = None,
              field_name: str | None = None, needle: str | None = None) -> str:
        """``file:line: item <ref>: field <name>`` (the parts that are known)."""
        line = self.line_of(index, field_name, needle)
        parts = [f"{self.name}:{line}" if line else self.name]
        if ref is not None or index is not None:
            parts.append(f"item {ref}" if ref else f"item {index + 1}")
        if field_name:
            parts.append(f"field {field_name}")
        return ": ".join(parts)

    def error(self, message: str, index: int | None = None, ref: str | None = None,
              field_name: str | None = None, needle: str | None = None) -> CatalogError:
        return CatalogError(f"{self.where(index, ref, field_name, needle)}: {message}")
