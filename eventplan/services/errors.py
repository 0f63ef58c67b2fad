"""Domain errors raised by services and mapped onto forms or messages by views and the CLI."""

from __future__ import annotations


class DomainError(Exception):
    """A request that the domain refuses; ``message`` is already translated."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Bad input for one field (or the whole object when ``field`` is None)."""


class ValidationErrors(ValidationError):
    """Several fields at fault at once; reads as the first one where only one is shown."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = errors


class StaleVersion(DomainError):
    """The object changed since the user loaded it."""

    def __init__(self, message: str, changes: dict | None = None) -> None:
        super().__init__(message)
        self.changes = changes or {}


class NotAllowed(DomainError):
    """The user may not do this."""
