"""Typed, user-facing errors. Each carries a one-line message fit to show a person."""


class BriefingError(Exception):
    """Base class: ``str(err)`` is a complete, user-facing one-line message."""


class IngestError(BriefingError):
    """An input (file, URL, stdin) could not be read or holds no article."""


class StorageError(BriefingError):
    """The database or data directory cannot be used."""


class AnalysisError(BriefingError):
    """An analysis engine failed or is unavailable."""


class ExportError(BriefingError):
    """A brief could not be exported (bad target, unknown article...)."""


class ImportAnnotationsError(BriefingError):
    """A W3C Web Annotation file was refused; nothing was changed."""
