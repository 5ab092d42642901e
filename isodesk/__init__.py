"""isodesk — offline ISO gap analyses (nulmetingen) in one local project file."""

__version__ = "0.1.0"
