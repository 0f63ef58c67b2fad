"""Accounts and roles."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from eventplan.extensions import db
from eventplan.models.base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from eventplan.models.agency import Agency

ROLES = ("admin", "hq", "coordinator", "viewer")


def new_nonce() -> str:
    return secrets.token_hex(8)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # login, stored lower-case
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256), default="")  # werkzeug hash
    role: Mapped[str] = mapped_column(String(16))  # see ROLES
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: cannot log in
    locale: Mapped[str | None] = mapped_column(String(5))  # chosen interface language
    session_nonce: Mapped[str] = mapped_column(String(32), default=new_nonce)  # rotates to log out
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agency: Mapped[Agency | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return bool(self.active)

    def get_id(self) -> str:
        # The nonce makes every session of this user invalid when it rotates.
        return f"{self.id}:{self.session_nonce}"

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() \
            else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)
        self.session_nonce = new_nonce()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def is_staff(self) -> bool:
        """Headquarters or admin: sees everything."""
        return self.role in {"admin", "hq"}

    def __str__(self) -> str:
        return self.full_name or self.email
