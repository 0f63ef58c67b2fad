"""Small helpers shared by views."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask import flash, request

from eventplan import parsing


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
    """An id or count from the query (0 to the largest INTEGER), or None when absent or
    unreadable: a list filter that cannot match anything is ignored, never a crash."""
    return parsing.to_int(request.args.get(name, ""))


def arg_page(name: str = "page") -> int:
    return parsing.to_page(request.args.get(name, ""))


def arg_date(name: str) -> date | None:
    return parsing.to_date(request.args.get(name, ""))
