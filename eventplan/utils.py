"""Small helpers shared by views."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import flash, request


def safe_next(target: str | None) -> str | None:
    """A local path to go back to, never another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def form_error(form, exc) -> None:
    """Show a domain error on the form field it names, or as a message when it names none."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = [*field.errors, exc.message]
    else:
        flash(exc.message, "danger")


def client_address() -> str:
    return request.remote_addr or "unknown"


def arg_int(name: str) -> int | None:
    """An integer query argument, or None when absent or not a number."""
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() else None


def arg_date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None
