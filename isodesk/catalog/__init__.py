"""Norm catalogs: loading and validating the TOML files in norm_catalogs/ and user catalogs."""
from isodesk.catalog.loader import (
    Catalog,
    HarmonizedStructure,
    load_catalog,
    load_harmonized_structure,
    read_harmonized_structure,
)
from isodesk.catalog.registry import CatalogRegistry

__all__ = ["Catalog", "CatalogRegistry", "HarmonizedStructure", "load_catalog",
           "load_harmonized_structure", "read_harmonized_structure"]
