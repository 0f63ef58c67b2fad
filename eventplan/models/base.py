"""Shared column types and mixins."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import get_locale
from sqlalchemy import DateTime, String, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column

LANGS = ("kk", "ru", "en")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored as naive UTC on every backend and read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def current_lang() -> str:
    try:
        return str(get_locale() or "ru")
    except (RuntimeError, AttributeError):  # outside a request (CLI, scheduler)
        return "ru"


def pick(values: dict[str, str | None], lang: str | None = None) -> str:
    """The value in ``lang``, else the first filled one in kk, ru, en order."""
    lang = lang or current_lang()
    if values.get(lang):
        return values[lang] or ""
    for other in LANGS:
        if values.get(other):
            return values[other] or ""
    return ""


class NamedMixin:
    """``name_kk``, ``name_ru``, ``name_en`` with a display fallback."""

    name_kk: Mapped[str | None] = mapped_column(String(300))  # name in Kazakh
    name_ru: Mapped[str | None] = mapped_column(String(300))  # name in Russian
    name_en: Mapped[str | None] = mapped_column(String(300))  # name in English

    def names(self) -> dict[str, str | None]:
        return {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en}

    def display_name(self, lang: str | None = None) -> str:
        return pick(self.names(), lang)

    @property
    def name(self) -> str:
        return self.display_name()

    def __str__(self) -> str:
        return self.display_name()
