"""Personal API tokens: created and revoked by their owner, found by hash, shown once."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from eventplan.extensions import db
from eventplan.models import ApiToken, User
from eventplan.models.base import utcnow
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.feeds import TOUCH_EVERY, hash_token

TOKEN_PREFIX = "ep_"  # noqa: S105 - makes a leaked token easy to recognise in logs and scanners
TOKEN_BYTES = 32
NAME_MAX = 120
MAX_TOKENS_PER_USER = 20


def new_token() -> str:
    import secrets

    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def create_token(user: User, name: str | None) -> tuple[ApiToken, str]:
    """A new token for ``user``; the plain token is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name."), "name")
    if len(name) > NAME_MAX:
        raise ValidationError(_("The name is too long."), "name")
    active = db.session.scalar(select(func.count(ApiToken.id)).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))) or 0
    if active >= MAX_TOKENS_PER_USER:
        raise ValidationError(_("You have too many tokens; revoke one first."), "name")
    plain = new_token()
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(plain))
    db.session.add(token)
    db.session.flush()
    audit.record(user, "api_token.create", token, {"name": [None, name]})
    return token, plain


def revoke_token(token: ApiToken, user: User) -> ApiToken:
    if token.user_id != user.id:
        raise NotAllowed(_("Only the owner may revoke this token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(user, "api_token.revoke", token, {"revoked": [False, True]})
    return token


def user_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.revoked_at.is_not(None),
                                             ApiToken.created_at.desc())))


def find_active(plain: str) -> ApiToken | None:
    """The live token of a live user; None for unknown, revoked or deactivated."""
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    return db.session.scalar(
        select(ApiToken).join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == hash_token(plain), ApiToken.revoked_at.is_(None),
               User.active.is_(True))
        .options(contains_eager(ApiToken.user)))


def touch(token: ApiToken, now: datetime | None = None) -> None:
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
