"""Jinja globals and filters."""

from __future__ import annotations

from flask import Flask, request, url_for

from eventplan import labels
from eventplan.models.base import LANGS, pick


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        status_label=lambda code: labels.label(labels.STATUS_LABELS, code),
        category_label=lambda code: labels.label(labels.CATEGORY_LABELS, code),
        format_label=lambda code: labels.label(labels.FORMAT_LABELS, code),
        role_label=lambda code: labels.label(labels.ROLE_LABELS, code),
        kind_label=lambda code: labels.label(labels.AGENCY_KIND_LABELS, code),
        level_label=lambda code: labels.label(labels.LEVEL_LABELS, code),
        field_label=lambda code: labels.label(labels.FIELD_LABELS, code),
        error_title=lambda code: labels.label(labels.ERROR_TITLES, code),
        title_of=lambda values: pick({lang: values.get(f"title_{lang}") for lang in LANGS}),
    )
    app.jinja_env.globals["page_url"] = page_url


def page_url(number: int) -> str:
    """The current page's address with another page number, keeping the filters."""
    args = {k: v for k, v in request.args.items() if k != "page"}
    return url_for(request.endpoint or "main.index", **(request.view_args or {}), **args,
                   page=number)
