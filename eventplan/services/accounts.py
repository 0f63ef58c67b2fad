"""Users: creation, role and agency changes, passwords, deactivation, and login throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import ROLES, Agency, LoginThrottle, User
from eventplan.services import audit
from eventplan.services.errors import ValidationError

MIN_PASSWORD = 8
USER_FIELDS = ["email", "full_name", "role", "agency_id", "active", "locale"]


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _check_role(role: str, agency: Agency | None) -> None:
    if role not in ROLES:
        raise ValidationError(
            _("Unknown role %(role)s; use one of: %(roles)s.", role=role, roles=", ".join(ROLES)),
            "role",
        )
    if role == "coordinator" and agency is None:
        raise ValidationError(_("A coordinator must belong to an agency."), "agency_id")


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(
            _("The password needs at least %(n)d characters.", n=MIN_PASSWORD), "password"
        )


def create_user(
    actor: User | None,
    email: str,
    role: str,
    password: str,
    agency: Agency | None = None,
    full_name: str = "",
) -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationError(_("Enter a valid e-mail address."), "email")
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise ValidationError(_("A user with the e-mail %(email)s already exists.", email=email),
                              "email")
    _check_role(role, agency)
    _check_password(password)
    user = User(email=email, role=role, agency=agency, full_name=full_name.strip(), active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, audit.diff({}, audit.snapshot(user, USER_FIELDS)))
    return user


def update_user(actor: User, user: User, *, role: str, agency: Agency | None, full_name: str,
                active: bool) -> User:
    if user.id == actor.id and (role != "admin" or not active):
        raise ValidationError(_("You cannot remove your own administrator access."), "role")
    _check_role(role, agency)
    before = audit.snapshot(user, USER_FIELDS)
    user.role = role
    user.agency = agency
    user.agency_id = agency.id if agency else None
    user.full_name = full_name.strip()
    if user.active and not active:
        user.session_nonce = ""  # ends every open session of this user at once
    user.active = active
    changes = audit.diff(before, audit.snapshot(user, USER_FIELDS))
    if changes:
        db.session.flush()
        audit.record(actor, "user.update", user, changes)
    return user


def set_password(actor: User | None, user: User, password: str) -> None:
    _check_password(password)
    user.set_password(password)  # also rotates the session nonce: other sessions end
    db.session.flush()
    audit.record(actor, "user.password", user)


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


# --- login throttling ---------------------------------------------------------------------


def _throttles(email: str, address: str) -> list[LoginThrottle]:
    keys = [f"email:{normalise_email(email)}", f"ip:{address}"]
    found = {t.key: t for t in db.session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_(keys)))}
    return [found.get(k) or LoginThrottle(key=k, failures=0) for k in keys]


def wait_seconds(email: str, address: str, free: int, max_delay: int,
                 now: datetime | None = None) -> int:
    """Seconds to wait before another attempt: doubles with each failure past ``free``."""
    now = now or datetime.now(UTC)
    wait = 0
    for t in _throttles(email, address):
        if t.failures >= free and t.last_failure_at is not None:
            delay = min(max_delay, 2 ** (t.failures - free + 1))
            left = (t.last_failure_at + timedelta(seconds=delay) - now).total_seconds()
            wait = max(wait, int(left) + 1 if left > 0 else 0)
    return wait


def note_failure(email: str, address: str) -> None:
    for t in _throttles(email, address):
        t.failures = (t.failures or 0) + 1
        t.last_failure_at = datetime.now(UTC)
        db.session.add(t)


def note_success(email: str, address: str) -> None:
    for t in _throttles(email, address):
        if t.failures:
            t.failures = 0


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None (same answer for every miss)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None or not user.active or not user.check_password(password or ""):
        return None
    user.last_login_at = datetime.now(UTC)
    return user
