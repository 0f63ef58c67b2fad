"""Jinja globals and filters."""

from __future__ import annotations

from flask import Flask, request, url_for

from eventplan import audit_labels, labels
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
    app.jinja_env.globals.update(page_url=page_url, action_label=audit_labels.action_label,
                                 change_value=audit_labels.change_value,
                                 superseded_notes=audit_labels.SUPERSEDED_NOTES)
    _feature_globals(app)


def _feature_globals(app: Flask) -> None:
    """What every page's navigation and every feature's templates may call."""
    from eventplan.blueprints.completion import labels as completion_labels
    from eventplan.blueprints.completion import links, nav
    from eventplan.blueprints.events import key as event_key
    from eventplan.blueprints.notifications import bell
    from eventplan.blueprints.programmes import current as current_programme

    # Jinja globals (not context processors) so that imported macros see them too.
    app.jinja_env.globals.update(completion_labels.globals_for_templates())
    app.jinja_env.globals.update(report_page_url=links.report_page_url,
                                 report_form_url=links.report_form_url)
    app.context_processor(nav.context)
    app.context_processor(bell.context)
    app.context_processor(event_key.context)  # the event page's key-event mark
    app.context_processor(current_programme.context)  # the navigation's programme switcher


def page_url(number: int) -> str:
    """The current page's address with another page number, keeping the filters."""
    args = {k: v for k, v in request.args.items() if k != "page"}
    return url_for(request.endpoint or "main.index", **(request.view_args or {}), **args,
                   page=number)
