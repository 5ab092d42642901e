"""SQLAlchemy/SQLite storage of the .isodesk project file. The only package that imports
SQLAlchemy."""
from isodesk.storage.fileformat import APPLICATION_ID, FILE_SUFFIX, FORMAT_VERSION
from isodesk.storage.project_store import ProjectStore, now_stamp

__all__ = ["APPLICATION_ID", "FORMAT_VERSION", "FILE_SUFFIX", "ProjectStore", "now_stamp"]
