"""Report dashboard, the events behind its numbers, exports and the print page."""

from __future__ import annotations

import tempfile

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from eventplan.blueprints.programmes.views import get_programme_or_404
from eventplan.errors import render_error
from eventplan.extensions import db
from eventplan.models import MEDIA_CHANNELS, Programme
from eventplan.models.base import current_lang
from eventplan.services import reports
from eventplan.services.deadlines import programme_today
from eventplan.services.errors import ValidationError
from eventplan.services.reports import checks as stats_checks
from eventplan.services.reports import exports, params
from eventplan.services.reports import labels as stat_labels
from eventplan.services.reports.narrative import narrative
from eventplan.utils import arg_page

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.context_processor
def helpers():
    def number(value) -> str:
        if value is None:
            return "—"
        if isinstance(value, float):
            return format_percent(value, "#,##0.0%")
        return format_decimal(value, "#,##0.00" if not isinstance(value, int) else "#,##0")

    return {"number": number, "MEASURES": reports.MEASURES, "FIGURES": reports.FIGURES,
            "MEASURE_LABELS": stat_labels.MEASURE_LABELS,
            "FIGURE_LABELS": stat_labels.FIGURE_LABELS,
            "BREAKDOWN_LABELS": stat_labels.BREAKDOWN_LABELS,
            "KEY_LABELS": stat_labels.KEY_LABELS, "RATE_LABEL": stat_labels.RATE_LABEL,
            "row_filters": params.row_filters, "figure_filters": params.figure_filters,
            "merge": lambda *dicts: {k: v for d in dicts for k, v in d.items()}}


def period_args(period: reports.Period) -> dict[str, str]:
    return {"from": period.start.isoformat(), "to": period.end.isoformat(),
            "as_of": period.as_of.isoformat()}


def _period(programme: Programme) -> reports.Period:
    return params.parse_period(request.args, programme)


def chart_data(result: reports.Summary) -> dict:
    """What reports.js draws; every chart has the same numbers in a table beside it."""
    months = result.breakdowns["month"]
    by_status = {"held": [], "planned": [], "postponed": [], "cancelled": []}
    for row in months:
        v = row.values
        by_status["held"].append(v["held"])
        by_status["postponed"].append(v["postponed"])
        by_status["cancelled"].append(v["cancelled"])
        by_status["planned"].append(v["planned"] - v["held"] - v["postponed"] - v["cancelled"])
    status_names = {"held": _("Held"), "planned": _("Not yet held"),
                    "postponed": _("Postponed"), "cancelled": _("Cancelled")}
    regions = result.breakdowns["region"]
    return {
        "months": {"labels": [r.label for r in months],
                   "series": [{"key": k, "label": status_names[k], "data": v}
                              for k, v in by_status.items()]},
        "regions": {"labels": [r.label for r in regions],
                    "label": str(stat_labels.RATE_LABEL),
                    "data": [round((r.rate or 0) * 100, 1) for r in regions]},
        "media": {"labels": [str(stat_labels.FIGURE_LABELS[f"media_{c}"])
                             for c in MEDIA_CHANNELS],
                  "label": str(stat_labels.FIGURE_LABELS["media"]),
                  "data": [result.totals.values[f"media_{c}"] for c in MEDIA_CHANNELS]},
    }


def grid_table(result: reports.Summary) -> dict:
    """Months x regions with a heat level 0-5 per cell (CSS classes, no inline style)."""
    months = sorted({m for m, _r in result.grid})
    region_rows = list(result.breakdowns["region"])
    top = max((c["planned"] for c in result.grid.values()), default=0)
    cells = {}
    for key, cell in result.grid.items():
        level = 0 if not top or not cell["planned"] else 1 + (4 * cell["planned"]) // top
        cells[key] = {**cell, "heat": min(level, 5)}
    return {"months": months, "regions": region_rows, "cells": cells}


@bp.get("/")
@login_required
def index():
    """The newest programme's dashboard: the navigation's "Reports" link."""
    slug = db.session.scalar(select(Programme.slug).order_by(Programme.starts_on.desc()))
    if slug is None:
        abort(404)
    return redirect(url_for("reports.dashboard", slug=slug))


@bp.get("/<slug>/")
@login_required
def dashboard(slug: str):
    programme = get_programme_or_404(slug)
    try:
        period = _period(programme)
    except ValidationError as exc:
        return render_template("reports/dashboard.html", programme=programme, error=exc,
                               args=request.args), 400
    scope = reports.Scope.for_user(current_user)
    result = reports.summary(programme, period, scope)
    return render_template(
        "reports/dashboard.html", programme=programme, result=result, error=None,
        args=request.args, period=period, pargs=period_args(period),
        text=narrative(result), charts=chart_data(result), grid=grid_table(result))


@bp.get("/<slug>/checks")
@login_required
def checks(slug: str):
    programme = get_programme_or_404(slug)
    try:
        period = _period(programme)
    except ValidationError as exc:
        return render_error(400, exc.message)
    scope = reports.Scope.for_user(current_user)
    return render_template("reports/checks.html", programme=programme, period=period,
                           pargs=period_args(period),
                           warnings=stats_checks.checks(programme, period, scope),
                           long_overdue_days=stats_checks.LONG_OVERDUE_DAYS)


@bp.get("/<slug>/events")
@login_required
def events(slug: str):
    try:
        programme, period, filters, scope = _request_context(slug)
    except ValidationError as exc:
        return render_error(400, exc.message)
    stmt = params.events_statement(programme, period, scope, filters)
    page = db.paginate(stmt, page=arg_page(), per_page=current_app.config["PER_PAGE"],
                       error_out=False)
    return render_template("reports/events.html", programme=programme, page=page,
                           period=period, pargs=period_args(period), filters=filters)


def _request_context(slug: str):
    """Programme, period, filters and scope of a list or export request (ValidationError)."""
    programme = get_programme_or_404(slug)
    period = _period(programme)
    filters = params.parse_filters(request.args)
    return programme, period, filters, reports.Scope.for_user(current_user)


def _filename(programme: Programme, period: reports.Period, ext: str) -> str:
    return f"{programme.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{ext}"


@bp.get("/<slug>/export.xlsx")
@login_required
def export_xlsx(slug: str):
    try:
        programme, period, filters, scope = _request_context(slug)
    except ValidationError as exc:
        return render_error(400, exc.message)
    result = reports.summary(programme, period, scope)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to send_file, which closes it
    exports.write_xlsx(out, result, exports.event_rows(programme, period, scope, filters,
                                                       current_lang()), narrative(result))
    out.seek(0)
    return send_file(out, mimetype="application/vnd.openxmlformats-officedocument."
                     "spreadsheetml.sheet", as_attachment=True,
                     download_name=_filename(programme, period, "xlsx"))


@bp.get("/<slug>/export.csv")
@login_required
def export_csv(slug: str):
    try:
        programme, period, filters, scope = _request_context(slug)
        table = request.args.get("table") or "events"
        if table not in exports.CSV_TABLES:
            raise ValidationError(_("Unknown table: %(value)s.", value=table[:40]), "table")
        delimiter = request.args.get("sep") or ","
        if delimiter not in (",", ";"):
            raise ValidationError(_("The separator must be a comma or a semicolon."), "sep")
    except ValidationError as exc:
        return render_error(400, exc.message)
    if table == "events":
        lines = exports.csv_events(
            exports.event_rows(programme, period, scope, filters, current_lang()), delimiter)
    else:
        lines = exports.csv_table(reports.summary(programme, period, scope), table, delimiter)
    name = _filename(programme, period, "csv").replace(".csv", f"-{table}.csv")
    response = Response(stream_with_context(lines), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<slug>/print")
@login_required
def print_page(slug: str):
    try:
        programme, period, _filters, scope = _request_context(slug)
    except ValidationError as exc:
        return render_error(400, exc.message)
    result = reports.summary(programme, period, scope)
    return render_template("reports/print.html", programme=programme, result=result,
                           period=period, text=narrative(result), today=programme_today(programme))


def dashboard_url(programme: Programme, period: reports.Period) -> str:
    return url_for("reports.dashboard", slug=programme.slug, **period_args(period))
