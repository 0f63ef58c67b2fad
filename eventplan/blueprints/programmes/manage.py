"""Switching the current programme, copying a programme, archiving and reopening one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventplan.blueprints.programmes.current import SESSION_KEY, visible
from eventplan.blueprints.programmes.forms import PART_LABELS, CopyForm
from eventplan.blueprints.programmes.views import bp
from eventplan.extensions import db
from eventplan.models import Programme
from eventplan.permissions import role_required
from eventplan.services import programme_copy, programme_state
from eventplan.services.errors import DomainError, NotAllowed
from eventplan.services.programmes import programme_by_slug
from eventplan.utils import form_error, safe_next


def _programme(slug: str) -> Programme:
    programme = programme_by_slug(slug)
    if not visible(programme):
        abort(404)
    return programme


@bp.post("/switch")
def switch():
    """Make another programme the current one (kept in the session)."""
    programme = _programme(request.form.get("slug", ""))
    session[SESSION_KEY] = programme.slug
    return redirect(safe_next(request.form.get("next"))
                    or url_for("programmes.overview", slug=programme.slug))


@bp.route("/<slug>/copy", methods=["GET", "POST"])
@role_required("hq", "admin")
def copy(slug: str):
    source = _programme(slug)
    form = CopyForm()
    if request.method == "GET":
        year = source.starts_on.year + 1
        form.starts_on.data = source.starts_on.replace(year=year) \
            if (source.starts_on.month, source.starts_on.day) != (2, 29) else None
    if form.validate_on_submit():
        try:
            new = programme_copy.copy_programme(
                source, current_user, slug=form.slug.data or "",
                names={"kk": form.name_kk.data, "ru": form.name_ru.data,
                       "en": form.name_en.data},
                starts_on=form.starts_on.data, parts=form.parts.data or [])
        except DomainError as exc:
            db.session.rollback()
            form_error(form, exc)
        else:
            session[SESSION_KEY] = new.slug
            flash(_("Programme %(name)s was created from %(source)s.", name=new.name,
                    source=source.name), "success")
            return redirect(url_for("programmes.overview", slug=new.slug))
    return render_template("programmes/copy.html", source=source, form=form,
                           part_labels=PART_LABELS), 422 if request.method == "POST" else 200


@bp.post("/<slug>/archive")
@role_required("hq", "admin")
def archive(slug: str):
    programme = _programme(slug)
    archived = request.form.get("archived") == "1"
    if request.form.get("archived") not in {"0", "1"}:
        abort(400)
    try:
        programme_state.set_archived(programme, current_user, archived)
    except NotAllowed:
        abort(403)
    flash(_("The programme is archived: it is read-only.") if archived
          else _("The programme is open again."), "success")
    return redirect(url_for("programmes.overview", slug=programme.slug))
