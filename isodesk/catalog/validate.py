"""``python -m isodesk.catalog.validate FILE...``: check catalog files, one line per file.

References to other catalogs (links, supersedes, from) are checked against the bundled and the
user's catalogs.
"""
import sys
from pathlib import Path

from isodesk.catalog.loader import load_catalog
from isodesk.catalog.references import check_references
from isodesk.catalog.registry import CatalogRegistry
from isodesk.domain.errors import CatalogError


def main(argv: list[str]) -> int:
    registry = CatalogRegistry.default()
    status = 0
    for name in argv:
        try:
            cat = load_catalog(Path(name), set(registry.hs), hs_anchors=registry.hs_anchors)
            check_references(cat, lambda cat_id: cat if cat_id == cat.id else registry.lookup(cat_id))
        except CatalogError as e:
            print(e, file=sys.stderr)
            status = 1
        else:
            verify = sum(1 for r in cat.items if r.verify)
            marked = f", {verify} marked to verify against the standard's text" if verify else ""
            print(f"{name}: OK, {len(cat.items)} items, {len(cat.assessable)} assessable{marked}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
