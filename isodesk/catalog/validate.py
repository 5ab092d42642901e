"""``python -m isodesk.catalog.validate FILE...``: check catalog files, one line per file."""
import sys
from pathlib import Path

from isodesk.catalog.loader import load_catalog, load_harmonized_structure
from isodesk.domain.errors import CatalogError
from isodesk.support.paths import bundled


def main(argv: list[str]) -> int:
    hs = set(load_harmonized_structure(bundled("norm_catalogs") / "harmonized-structure.toml"))
    status = 0
    for name in argv:
        try:
            cat = load_catalog(Path(name), hs)
        except CatalogError as e:
            print(e, file=sys.stderr)
            status = 1
        else:
            print(f"{name}: OK, {len(cat.items)} items, {len(cat.assessable)} assessable")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
