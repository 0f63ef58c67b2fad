"""Administration: users and agencies."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.blueprints.admin.forms import AgencyForm, NewUserForm, PasswordForm, UserForm
from eventplan.extensions import db
from eventplan.i18n import display_zone
from eventplan.models import Agency, Region, User
from eventplan.permissions import role_required
from eventplan.services import accounts
from eventplan.services import agencies as agency_service
from eventplan.services.errors import ValidationError
from eventplan.utils import arg_date, arg_page, form_error

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _agency_choices(form) -> None:
    agencies = db.session.scalars(select(Agency).order_by(Agency.kind, Agency.code))
    form.agency_id.choices = [("", "—")] + [(a.id, f"{a.code} — {a.display_name()}")
                                            for a in agencies]


def _get_or_404(model, ident: int):
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def _agency(ident: int | None) -> Agency | None:
    return db.session.get(Agency, ident) if ident is not None else None


@bp.get("/users")
@role_required("admin")
def users():
    rows = db.session.scalars(
        select(User).options(selectinload(User.agency)).order_by(User.email)
    ).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def new_user():
    form = NewUserForm()
    _agency_choices(form)
    if form.validate_on_submit():
        try:
            user = accounts.create_user(current_user, form.email.data, form.role.data,
                                        form.password.data, _agency(form.agency_id.data),
                                        form.full_name.data or "")
        except ValidationError as exc:
            form_error(form, exc)
        else:
            flash(_("User %(email)s was created.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None), (
        422 if request.method == "POST" else 200)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
def edit_user(user_id: int):
    user = _get_or_404(User, user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    _agency_choices(form)
    if form.validate_on_submit():
        try:
            accounts.update_user(current_user, user, role=form.role.data,
                                 agency=_agency(form.agency_id.data),
                                 full_name=form.full_name.data or "", active=form.active.data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            flash(_("The user was saved."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user,
                           password_form=PasswordForm(formdata=None)), (
        422 if request.method == "POST" else 200)


@bp.post("/users/<int:user_id>/password")
@role_required("admin")
def set_password(user_id: int):
    user = _get_or_404(User, user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        accounts.set_password(current_user, user, form.password.data)
        flash(_("The password was changed."), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    edit_form = UserForm(obj=user)
    _agency_choices(edit_form)
    return render_template("admin/user_form.html", form=edit_form, user=user,
                           password_form=form), 422


def _region_choices(form) -> None:
    regions = db.session.scalars(select(Region).order_by(Region.code))
    form.region_id.choices = [("", "—")] + [(r.id, r.display_name()) for r in regions]


def _agency_data(form: AgencyForm) -> agency_service.AgencyData:
    return agency_service.AgencyData(
        code=form.code.data or "", kind=form.kind.data, name_kk=form.name_kk.data,
        name_ru=form.name_ru.data, name_en=form.name_en.data,
        abbreviation=form.abbreviation.data, region_id=form.region_id.data,
        email=form.email.data,
    )


@bp.get("/agencies")
@role_required("admin")
def agencies():
    rows = db.session.scalars(
        select(Agency).options(selectinload(Agency.region)).order_by(Agency.kind, Agency.code)
    ).all()
    return render_template("admin/agencies.html", agencies=rows)


@bp.route("/agencies/new", methods=["GET", "POST"])
@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
@role_required("admin")
def edit_agency(agency_id: int | None = None):
    agency = _get_or_404(Agency, agency_id) if agency_id is not None else None
    form = AgencyForm(obj=agency if request.method == "GET" else None)
    _region_choices(form)
    if form.validate_on_submit():
        try:
            if agency is None:
                agency = agency_service.create_agency(current_user, _agency_data(form))
            else:
                agency_service.update_agency(current_user, agency, _agency_data(form))
        except ValidationError as exc:
            form_error(form, exc)
        else:
            flash(_("The agency was saved."), "success")
            return redirect(url_for("admin.agencies"))
    return render_template("admin/agency_form.html", form=form, agency=agency), (
        422 if request.method == "POST" else 200)


@bp.get("/audit")
@role_required("admin")
def audit_log():
    from eventplan.services.audit import audit_query

    zone = display_zone()  # the zone format_datetime shows the entries in
    filters = {
        "who": request.args.get("who", "").strip()[:254],
        "action": request.args.get("action", "").strip()[:40],
        "since": arg_date("since"),
        "until": arg_date("until"),
    }
    page = db.paginate(audit_query(**filters, tz=zone), page=arg_page(),
                       per_page=100, error_out=False)
    return render_template("admin/audit.html", page=page, filters=filters, zone=zone.key)
