"""``/reports/<slug>/document``: the official progress report (DOCX or PDF) for a period."""

from __future__ import annotations

import dataclasses

from flask import Response, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventplan.blueprints.programmes.views import get_programme_or_404
from eventplan.blueprints.reports.document_form import DocumentForm
from eventplan.blueprints.reports.views import bp
from eventplan.models import REQUISITES
from eventplan.models.base import current_lang
from eventplan.permissions import require
from eventplan.services import document, reports
from eventplan.services.deadlines import programme_today
from eventplan.services.document import content, requisites
from eventplan.services.errors import ValidationError
from eventplan.utils import form_error


def filename(slug: str, period: reports.Period, lang: str, fmt: str) -> str:
    return f"{slug}-report-{period.as_of:%Y%m%d}-{lang}.{fmt}"


@bp.route("/<slug>/document", methods=["GET", "POST"])
@login_required
def document_form(slug: str):
    programme = get_programme_or_404(slug)
    require(requisites.can_build(current_user))
    form = DocumentForm()
    if not form.is_submitted():
        form.start.data, form.end.data = programme.starts_on, programme.ends_on
        form.as_of.data = programme_today(programme)
        form.lang.data = current_lang() if current_lang() in ("kk", "ru", "en") else "ru"
        for name, value in dataclasses.asdict(requisites.load(programme)).items():
            getattr(form, name).data = value
    elif form.validate():
        try:
            if form.start.data > form.end.data:
                raise ValidationError(_("The start of the period is after its end."), "start")
            period = reports.Period(form.start.data, form.end.data, form.as_of.data)
            values = content.Requisites(**{n: getattr(form, n).data or ("" if n !=
                                        "outgoing_date" else None) for n in REQUISITES})
            requisites.save(programme, current_user, values)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            letter = content.build(programme, period, form.lang.data, values)
            data = document.render(letter, form.fmt.data)
            response = Response(data, mimetype=document.MIMETYPES[form.fmt.data])
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{filename(slug, period, form.lang.data, form.fmt.data)}"')
            return response
    status = 422 if form.is_submitted() else 200
    return render_template("reports/document.html", programme=programme, form=form), status
