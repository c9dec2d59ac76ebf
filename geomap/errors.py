"""geomap's exceptions: one base class and a few subclasses that also subclass builtins."""

from __future__ import annotations

__all__ = ["GeomapError", "InputError", "GazetteerError", "OutputError"]


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """An input file or record cannot be used; the message names the file, line and reason."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {reason}")


class GazetteerError(GeomapError, RuntimeError):
    """The bundled gazetteer cannot be built or loaded."""


class OutputError(GeomapError, OSError):
    """An output cannot be written where it was asked for."""
