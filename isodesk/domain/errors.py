"""Errors whose message is one sentence a user can read (the CLI prints it, the GUI shows it)."""


class IsodeskError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user (in English).

    Raise with a template and its values, ``ProjectFileError("{name} is damaged.", name=n)``:
    the GUI translates the template (``tr``) before filling it in, so the same sentence reaches
    a Dutch user in Dutch. A plain sentence works too; it is then shown as it is.
    """

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class ProjectFileError(IsodeskError):
    """A project file cannot be opened or written; the file is left as it was."""


class ProjectLockedError(ProjectFileError):
    """Another isodesk (or user) has the project open for writing."""

    def __init__(self, template: str, owner: str = "", **params):
        super().__init__(template, **params)
        self.owner = owner


class ReadOnlyFileError(ProjectFileError):
    """The file (or its folder) cannot be written; it can be opened read-only."""


class NewerFormatError(ProjectFileError):
    """The file was written by a newer isodesk."""


class CatalogError(IsodeskError):
    """A norm catalog is missing or invalid."""


class DataError(IsodeskError):
    """Bad values for an edit or an import (unknown key, invalid result, ...)."""


class Cancelled(IsodeskError):
    """Long work was cancelled by the user; nothing was written."""


class DamagedFileError(ProjectFileError):
    """SQLite finds the file's pages damaged. ``details``: SQLite's own findings, for
    ``isodesk check --verbose``."""

    def __init__(self, template: str, details: tuple[str, ...] = (), **params):
        super().__init__(template, **params)
        self.details = details
