"""Unknown agency names in a plan table, mapped by a person during the preview.

A coordinator maps a name to an agency the system knows; headquarters (and the
administrator) may also create the agency. Either way the name is remembered as an alias,
so later imports read it without asking again.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from eventplan import parsing
from eventplan.extensions import db
from eventplan.models import Agency, AgencyAlias, Plan, User
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.plan_io.importer import check_can_import
from eventplan.services.plan_io.text import has_kazakh_letters, is_cyrillic, norm

NEW = "new"  # the choice that creates an agency
MAX_NAME = 300
MAX_MAPPINGS = 200


def agency_choices() -> list[Agency]:
    """Every agency, ministries first, for the mapping lists."""
    order = {"ministry": 0, "other": 1, "akimat": 2}
    agencies = list(db.session.scalars(select(Agency)))
    return sorted(agencies, key=lambda a: (order.get(a.kind, 3), a.display_name()))


def may_create_agencies(user: User) -> bool:
    return user.is_authenticated and user.role in ("hq", "admin")


def _name_fields(name: str, abbreviation: str | None) -> dict:
    lang = "kk" if has_kazakh_letters(name) else "ru" if is_cyrillic(name) else "en"
    fields = {f"name_{lang}": name}
    if abbreviation and abbreviation != name and len(abbreviation) <= 40:
        fields["abbreviation"] = abbreviation
    return fields


def _next_code() -> str:
    codes = set(db.session.scalars(select(Agency.code).where(Agency.code.startswith("ORG_"))))
    number = len(codes) + 1
    while f"ORG_{number}" in codes:
        number += 1
    return f"ORG_{number}"


def create_agency(user: User, name: str, abbreviation: str | None = None,
                  kind: str = "other") -> Agency:
    """A new agency named as the table names it; headquarters and the administrator only."""
    if not may_create_agencies(user):
        raise NotAllowed(_("Only headquarters can add an agency."))
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(_("Give the agency's name (at most %(n)d characters).",
                                n=MAX_NAME))
    agency = Agency(code=_next_code(), kind=kind, **_name_fields(name, abbreviation))
    db.session.add(agency)
    db.session.flush()
    audit.record(user, "agency.create", agency, {"name": [None, name]}, note="plan import")
    return agency


def remember(user: User, name: str, agency: Agency) -> AgencyAlias:
    """Remember that ``name`` in a plan table means ``agency`` (a later mapping replaces it)."""
    key = norm(name)
    if not key or len(name) > MAX_NAME:
        raise ValidationError(_("Give the agency's name (at most %(n)d characters).",
                                n=MAX_NAME))
    alias = db.session.scalar(select(AgencyAlias).where(AgencyAlias.key == key))
    before = alias.agency_id if alias else None
    if alias is None:
        alias = AgencyAlias(key=key, name=" ".join(name.split()), agency_id=agency.id,
                            created_by_id=user.id)
        db.session.add(alias)
    alias.agency_id = agency.id
    db.session.flush()
    audit.record(user, "agency.alias", alias, {"agency_id": [before, agency.id]}, note=name)
    return alias


def map_unknown(plan: Plan, user: User, mappings: list[tuple[str, str, str | None]]) -> int:
    """Apply the preview's choices: (name, choice, abbreviation) with choice an agency id,
    ``NEW`` or '' (left for later). Returns how many names were mapped."""
    check_can_import(plan, user)
    if len(mappings) > MAX_MAPPINGS:
        raise ValidationError(_("Too many names at once."))
    done = 0
    for name, choice, abbreviation in mappings:
        if not choice:
            continue
        if choice == NEW:
            agency = create_agency(user, name, abbreviation)
        else:
            ident = parsing.to_id(choice)
            agency = db.session.get(Agency, ident) if ident is not None else None
            if agency is None:
                raise ValidationError(_("Choose an agency for \"%(n)s\".", n=name[:80]))
        remember(user, name, agency)  # an abbreviation stays the file's own (its legend)
        done += 1
    return done
