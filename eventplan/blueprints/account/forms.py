"""Token forms: input shape only; the rules live in services.api_tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from eventplan.services.api_tokens import NAME_MAX


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[InputRequired(), Length(max=NAME_MAX)],
                       description=_l("What the token is for, e.g. \"quarterly letter script\"."))


class RevokeForm(FlaskForm):
    """Only the CSRF token."""
