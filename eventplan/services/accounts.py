"""Users: creation, role and agency changes, passwords, deactivation, and login throttling."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from eventplan.extensions import db
from eventplan.models import ROLES, Agency, LoginThrottle, User
from eventplan.models.user import new_nonce
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
    if user.active != active:
        # Deactivation ends every open session at once; reactivation starts from a fresh
        # random nonce, so that no session from before the deactivation comes back.
        user.session_nonce = new_nonce()
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


def end_sessions(user: User) -> None:
    """Log this user out everywhere: the nonce in every session and remember cookie is stale."""
    user.session_nonce = new_nonce()


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


# --- login throttling ---------------------------------------------------------------------
# Two counters in the database (shared by every app server): one per account, reset when
# that account logs in, and one per client address, which no login resets — it only
# forgets failures older than the window — so neither a spray from one address nor a
# success on the sprayer's own account clears it.


def _keys(email: str, address: str) -> list[str]:
    return [f"email:{normalise_email(email)}"[:300], f"ip:{address}"[:300]]


def _throttles(email: str, address: str) -> list[LoginThrottle]:
    keys = _keys(email, address)
    found = {t.key: t for t in db.session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_(keys)))}
    return [found.get(k) or LoginThrottle(key=k, failures=0) for k in keys]


def _free(throttle: LoginThrottle, free: int, free_per_address: int | None) -> int:
    if throttle.key.startswith("ip:"):
        return free_per_address if free_per_address is not None else free * 4
    return free


def wait_seconds(email: str, address: str, free: int, max_delay: int,
                 now: datetime | None = None, free_per_address: int | None = None) -> int:
    """Seconds to wait before another attempt: doubles with each failure past the free ones
    (per account ``free``; per address ``free_per_address``, default four times as many, as
    an office behind one address shares it)."""
    now = now or datetime.now(UTC)
    wait = 0
    for t in _throttles(email, address):
        allowed = _free(t, free, free_per_address)
        if t.failures >= allowed and t.last_failure_at is not None:
            delay = min(max_delay, 2 ** min(t.failures - allowed + 1, 30))
            left = (t.last_failure_at + timedelta(seconds=delay) - now).total_seconds()
            wait = max(wait, int(left) + 1 if left > 0 else 0)
    return wait


def note_failure(email: str, address: str, window: int = 24 * 3600) -> None:
    now = datetime.now(UTC)
    for t in _throttles(email, address):
        stale = t.last_failure_at is not None and \
            (now - t.last_failure_at).total_seconds() > window
        t.failures = 1 if stale else (t.failures or 0) + 1
        t.last_failure_at = now
        db.session.add(t)


def note_success(email: str, address: str) -> None:
    """Only the account's own counter: the address may be guessing at other accounts."""
    account = _throttles(email, address)[0]
    if account.failures:
        account.failures = 0


_DUMMY_HASHES: dict[str, str] = {}


def _dummy_check(password: str) -> None:
    """The same work as a real check, so an unknown e-mail answers as slowly as a wrong
    password (otherwise the answer time tells which e-mails have accounts)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash(secrets.token_hex(16), method=method)
    check_password_hash(_DUMMY_HASHES[method], password)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None (same answer and about the
    same time for every miss)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None or not user.active or not user.password_hash:
        _dummy_check(password or "")
        return None
    if not user.check_password(password or ""):
        return None
    user.last_login_at = datetime.now(UTC)
    return user
