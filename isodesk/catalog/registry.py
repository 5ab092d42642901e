"""All catalogs available on this computer: the bundled ones and the user's own."""
from __future__ import annotations

import re
from pathlib import Path

from isodesk.catalog.loader import Catalog, load_catalog, read_harmonized_structure
from isodesk.catalog.references import check_references
from isodesk.domain.errors import CatalogError

HS_FILE = "harmonized-structure.toml"


def _natural(path: Path) -> list:
    """iso9001 before iso14001: numbers compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.stem)]


class CatalogRegistry:
    """Finds catalog files in ``bundled_dir`` and ``user_dir``; loads each on first use.

    A user catalog with the same id as a bundled one is refused (ids are the keys of answers),
    and a broken user catalog is reported in ``problems`` rather than hiding the good ones.
    ``get`` returns a catalog only once its links, ``supersedes`` and ``from`` are checked
    against the catalogs they name.
    """

    def __init__(self, bundled_dir: Path, user_dir: Path | None = None):
        self.bundled_dir = Path(bundled_dir)
        self.user_dir = Path(user_dir) if user_dir else None
        structure = read_harmonized_structure(self.bundled_dir / HS_FILE)
        self.hs = structure.titles  # HS ref → title {nl, en}
        self.hs_anchors = structure.anchors
        self._files: dict[str, tuple[Path, bool]] = {}
        self._parsed: dict[str, Catalog] = {}  # read and valid on its own
        self._loaded: dict[str, Catalog] = {}  # and its references checked
        self.problems: list[str] = []
        self._scan()

    @classmethod
    def default(cls) -> "CatalogRegistry":
        from isodesk.support.paths import bundled, user_catalog_dir

        return cls(bundled("norm_catalogs"), user_catalog_dir())

    def _scan(self) -> None:
        for folder, user in ((self.bundled_dir, False), (self.user_dir, True)):
            if folder is None or not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml"), key=_natural):
                if path.name == HS_FILE:
                    continue
                cat_id = path.stem
                if cat_id in self._files:
                    self.problems.append(
                        f"{path.name}: a catalog with id {cat_id} already exists; ignored.")
                    continue
                self._files[cat_id] = (path, user)

    def ids(self) -> list[str]:
        return list(self._files)

    def get(self, cat_id: str) -> Catalog:
        if cat_id not in self._loaded:
            if cat_id not in self._files:
                known = ", ".join(self._files) or "none"
                raise CatalogError(f"There is no catalog {cat_id!r} (available: {known}).")
            catalog = self._parse(cat_id)
            check_references(catalog, self.lookup)
            self._loaded[cat_id] = catalog
        return self._loaded[cat_id]

    def lookup(self, cat_id: str) -> Catalog | None:
        """The catalog ``cat_id`` as read from its file (references not yet checked), or None
        when there is none; for checking references, which may point both ways."""
        return self._parse(cat_id) if cat_id in self._files else None

    def _parse(self, cat_id: str) -> Catalog:
        if cat_id not in self._parsed:
            path, user = self._files[cat_id]
            catalog = load_catalog(path, set(self.hs), user=user, hs_anchors=self.hs_anchors)
            if catalog.id != cat_id:
                raise CatalogError(f"{path.name}: [catalog] id {catalog.id!r} must match the file name.")
            self._parsed[cat_id] = catalog
        return self._parsed[cat_id]

    def available(self) -> list[Catalog]:
        """Every catalog that loads; the others are added to ``problems``."""
        out = []
        for cat_id in self._files:
            try:
                out.append(self.get(cat_id))
            except CatalogError as e:
                if str(e) not in self.problems:
                    self.problems.append(str(e))
        return out
