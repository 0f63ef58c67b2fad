"""Agencies: create and edit, with the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AGENCY_KINDS, Agency, Region, User
from eventplan.services import audit
from eventplan.services.errors import ValidationError

AGENCY_FIELDS = ["code", "kind", "name_kk", "name_ru", "name_en", "abbreviation", "region_id",
                 "email"]


@dataclass
class AgencyData:
    code: str
    kind: str
    name_kk: str | None = None
    name_ru: str | None = None
    name_en: str | None = None
    abbreviation: str | None = None
    region_id: int | None = None
    email: str | None = None


def _validate(data: AgencyData, agency: Agency | None) -> None:
    code = data.code.strip().upper()
    if not code:
        raise ValidationError(_("Give the agency a code."), "code")
    clash = db.session.scalar(select(Agency.id).where(func.upper(Agency.code) == code))
    if clash is not None and (agency is None or clash != agency.id):
        raise ValidationError(_("The code %(code)s is already used.", code=code), "code")
    if data.kind not in AGENCY_KINDS:
        raise ValidationError(_("Choose a kind."), "kind")
    if not any((n or "").strip() for n in (data.name_kk, data.name_ru, data.name_en)):
        raise ValidationError(_("Give the name in at least one language."), "name_ru")
    if data.region_id is not None and db.session.get(Region, data.region_id) is None:
        raise ValidationError(_("Choose a region."), "region_id")
    if data.kind == "akimat" and data.region_id is None:
        raise ValidationError(_("An akimat belongs to a region."), "region_id")


def _apply(agency: Agency, data: AgencyData) -> None:
    agency.code = data.code.strip().upper()
    agency.kind = data.kind
    for name in ("name_kk", "name_ru", "name_en", "abbreviation", "email"):
        value = (getattr(data, name) or "").strip()
        setattr(agency, name, value or None)
    agency.region_id = data.region_id


def create_agency(actor: User, data: AgencyData) -> Agency:
    _validate(data, None)
    agency = Agency()
    _apply(agency, data)
    db.session.add(agency)
    db.session.flush()
    audit.record(actor, "agency.create", agency,
                 audit.diff({}, audit.snapshot(agency, AGENCY_FIELDS)))
    return agency


def update_agency(actor: User, agency: Agency, data: AgencyData) -> Agency:
    _validate(data, agency)
    before = audit.snapshot(agency, AGENCY_FIELDS)
    _apply(agency, data)
    changes = audit.diff(before, audit.snapshot(agency, AGENCY_FIELDS))
    if changes:
        db.session.flush()
        audit.record(actor, "agency.update", agency, changes)
    return agency


def agency_name_choices() -> list[tuple[int, str]]:
    """Pickers show agencies by their name in the reader's language (not the internal code),
    in alphabetical order."""
    named = [(a.id, a.display_name()) for a in db.session.scalars(select(Agency))]
    return sorted(named, key=lambda choice: choice[1].casefold())
