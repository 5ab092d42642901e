"""Errors whose message is one sentence a user can read (the CLI prints it, the GUI shows it)."""


class IsodeskError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


class ProjectFileError(IsodeskError):
    """A project file cannot be opened or written; the file is left as it was."""


class ProjectLockedError(ProjectFileError):
    """Another isodesk (or user) has the project open for writing."""

    def __init__(self, message: str, owner: str = ""):
        super().__init__(message)
        self.owner = owner


class NewerFormatError(ProjectFileError):
    """The file was written by a newer isodesk."""


class CatalogError(IsodeskError):
    """A norm catalog is missing or invalid."""


class DataError(IsodeskError):
    """Bad values for an edit or an import (unknown key, invalid result, ...)."""


class Cancelled(IsodeskError):
    """Long work was cancelled by the user; nothing was written."""
