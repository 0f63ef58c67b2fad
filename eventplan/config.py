"""Settings: defaults here, then ``instance/config.py``, then ``EVENTPLAN_*`` variables."""

from __future__ import annotations

import json
import os
from typing import Any

from flask import Flask

LANGUAGES = ("kk", "ru", "en")


class Defaults:
    SECRET_KEY = "dev-only-change-me"  # noqa: S105 - replaced by instance config or env in production
    DATABASE_URL: str | None = None  # None: SQLite file in instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "ru"
    BABEL_DEFAULT_TIMEZONE = "Asia/Almaty"
    LANGUAGES = LANGUAGES
    WTF_CSRF_TIME_LIMIT = None  # a long form on a slow connection must still submit
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    BASE_URL = "http://127.0.0.1:5000"
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_FROM = "eventplan@localhost"
    PER_PAGE = 50
    STATS_CACHE_SIZE = 64  # report summaries kept per process; 0: always recompute
    FEED_INLINE_LIMIT = 200  # missing fragments a feed request renders itself; more: 503/kept
    FEED_GENERATION_SECONDS = 1.0  # a process re-reads the feed change counter this often
    FEED_FILES_DIR: str | None = None  # built feed bodies; None: instance/feeds
    FEED_WARM_RUN_SECONDS = 120  # one scheduler run renders fragments this long at most
    LOGIN_FREE_ATTEMPTS = 5  # failures before each further attempt must wait
    LOGIN_MAX_DELAY = 15 * 60  # seconds


def _coerce(raw: str) -> Any:
    """Environment values are strings; accept JSON literals (numbers, true/false) too."""
    lowered = raw.strip().lower()
    if lowered in {"true", "yes", "on"}:
        return True
    if lowered in {"false", "no", "off"}:
        return False
    if raw.strip().isdigit():
        return int(raw)
    if raw.strip().startswith(("{", "[")):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for key, raw in os.environ.items():
        if key.startswith("EVENTPLAN_") and key not in {"EVENTPLAN_TEST_DATABASE_URL",
                                                        "EVENTPLAN_TEST_REQUIRE_ALL"}:
            name = key.removeprefix("EVENTPLAN_")
            app.config[name] = raw if name in {"SECRET_KEY", "DATABASE_URL",
                                               "MAIL_PASSWORD"} else _coerce(raw)
    if test_config:
        app.config.update(test_config)
    url = app.config.get("DATABASE_URL") or "sqlite:///" + os.path.join(
        app.instance_path, "eventplan.sqlite"
    )
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["BASE_URL"] = str(app.config["BASE_URL"]).rstrip("/")
