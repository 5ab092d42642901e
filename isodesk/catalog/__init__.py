"""Norm catalogs: loading and validating the TOML files in norm_catalogs/ and user catalogs."""
from isodesk.catalog.loader import Catalog, load_catalog, load_harmonized_structure
from isodesk.catalog.registry import CatalogRegistry

__all__ = ["Catalog", "CatalogRegistry", "load_catalog", "load_harmonized_structure"]
