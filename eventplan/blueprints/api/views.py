"""Read-only JSON API, version 1: the programme summary and the events behind it.

Authenticated by the session or by a personal token (``Authorization: Bearer ep_…``).
Errors are JSON (``eventplan.errors`` answers JSON under /api/). The numbers come from
the same functions as the dashboard and the exports.
"""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, current_app, g, jsonify, request, url_for
from flask_login import current_user

from eventplan import parsing
from eventplan.blueprints.api.openapi import document
from eventplan.extensions import db
from eventplan.models import CompletionReport, Programme
from eventplan.services import api_tokens, reports
from eventplan.services.completion.figures import event_sums
from eventplan.services.errors import ValidationError
from eventplan.services.programmes import programme_by_slug
from eventplan.services.reports import params
from eventplan.services.reports.narrative import narrative

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_PER_PAGE = 500


@bp.before_request
def bearer_auth():
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _sep, value = header.partition(" ")
    token = api_tokens.find_active(value.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        abort(401, description="invalid or revoked token")
    api_tokens.touch(token)
    # Flask-Login reads the request's user from g; nothing is written to the session.
    g._login_user = token.user
    return None


@bp.errorhandler(ValidationError)
def bad_parameter(exc: ValidationError):
    return jsonify(error={"status": 400, "message": exc.message, "field": exc.field}), 400


@bp.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "private, no-store")
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="eventplan"'
    return response


def _programme(slug: str) -> Programme:
    if not current_user.is_authenticated:
        abort(401)
    programme = programme_by_slug(slug)
    if programme is None:
        abort(404)
    return programme


def plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def row_json(row: reports.Row) -> dict:
    return {"key": row.key, "label": row.label, "rate": row.rate,
            **{k: plain(v) for k, v in row.values.items()}}


def period_json(period: reports.Period) -> dict:
    return {"from": period.start.isoformat(), "to": period.end.isoformat(),
            "as_of": period.as_of.isoformat()}


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/programmes/<slug>/summary")
def summary(slug: str):
    programme = _programme(slug)
    period = params.parse_period(request.args, programme)
    result = reports.summary(programme, period, reports.Scope.for_user(current_user))
    return jsonify(
        programme={"slug": programme.slug, "name": programme.display_name()},
        period=period_json(period),
        scope={"agency_id": result.scope.agency_id},
        totals=row_json(result.totals),
        programme_totals=row_json(result.programme_totals) if result.programme_totals else None,
        breakdowns={name: [row_json(r) for r in rows]
                    for name, rows in result.breakdowns.items()},
        outputs=[{"name": n, "quantity": q} for n, q in result.outputs],
        narrative=narrative(result),
    )


def _int_arg(name: str, default: int, high: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    value = parsing.to_int(raw, 1, high)
    if value is None:
        raise ValidationError(f"{name} must be a whole number from 1 to {high}", name)
    return value


@bp.get("/programmes/<slug>/events")
def events(slug: str):
    programme = _programme(slug)
    period = params.parse_period(request.args, programme)
    filters = params.parse_filters(request.args)
    scope = reports.Scope.for_user(current_user)
    page_no = _int_arg("page", 1, 10**6)
    per_page = _int_arg("per_page", current_app.config["PER_PAGE"], MAX_PER_PAGE)
    page = db.paginate(params.events_statement(programme, period, scope, filters),
                       page=page_no, per_page=per_page, error_out=False, count=True)
    ids = [e.id for e in page.items]
    figures = {}
    if ids:
        conditions = [CompletionReport.status == "accepted", CompletionReport.event_id.in_(ids)]
        if scope.agency_id is not None:
            conditions.append(CompletionReport.agency_id == scope.agency_id)
        for row in db.session.execute(event_sums(*conditions)):
            figures[row.event_id] = {name: plain(getattr(row, name)) for name in reports.FIGURES}
    empty = dict.fromkeys(reports.FIGURES, 0)
    args = {**{k: v for k, v in request.args.items() if k != "page"}, **period_json(period)}
    next_url = url_for("api.events", slug=slug, **args, page=page.page + 1, _external=True) \
        if page.has_next else None
    return jsonify(
        period=period_json(period), filters=filters.args(), count=page.total, page=page.page,
        per_page=per_page, next=next_url,
        items=[{
            "id": e.id, "number": e.number, "title": e.title,
            "titles": e.titles(), "starts_on": e.starts_on.isoformat(),
            "ends_on": e.ends_on.isoformat(), "status": e.status, "category": e.category,
            "level": e.plan.level, "section": {"id": e.section_id, "month": e.section.month},
            "lead_agency": {"id": e.lead_agency_id, "code": e.lead_agency.code},
            "region": {"id": e.region_id, "code": e.region.code} if e.region else None,
            "url": url_for("events.view", event_id=e.id, _external=True),
            "figures": {k: plain(v) for k, v in figures.get(e.id, empty).items()},
        } for e in page.items],
    )
