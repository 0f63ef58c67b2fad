"""Settings: defaults here, then ``instance/config.py``, then ``EVENTPLAN_*`` variables."""

from __future__ import annotations

import json
import os
import secrets
from typing import Any

from flask import Flask

LANGUAGES = ("kk", "ru", "en")
DEV_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - public, so refused by ``serve``
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name in instance/, written by ``eventplan init``


class Defaults:
    SECRET_KEY = DEV_SECRET_KEY  # replaced by instance/secret_key, instance config or env
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
    BASE_URL: str | None = None  # None: links follow the request's host (see base_url.py)
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_FROM = "eventplan@localhost"
    PER_PAGE = 50
    STATS_CACHE_SIZE = 64  # report summaries kept per process; 0: always recompute
    LOGIN_FREE_ATTEMPTS = 5  # failures per account before each further attempt must wait
    LOGIN_FREE_ATTEMPTS_PER_ADDRESS = 20  # per client address (an office shares one)
    LOGIN_FAILURE_WINDOW = 24 * 3600  # seconds; older failures are forgotten
    TRUSTED_PROXY_HOPS = 0  # reverse proxies in front that set X-Forwarded-For/-Proto
    SESSION_COOKIE_SECURE = False  # True as well whenever BASE_URL is https
    REMEMBER_COOKIE_SAMESITE = "Lax"
    FEED_INLINE_LIMIT = 200  # missing fragments a feed request renders itself; more: 503/kept
    FEED_GENERATION_SECONDS = 1.0  # a process re-reads the feed change counter this often
    FEED_FILES_DIR: str | None = None  # built feed bodies; None: instance/feeds
    FEED_WARM_RUN_SECONDS = 120  # one scheduler run renders fragments this long at most
    LOGIN_MAX_DELAY = 15 * 60  # seconds


def _coerce(raw: str) -> Any:
    """Environment values are strings; accept JSON literals (numbers, true/false) too."""
    lowered = raw.strip().lower()
    if lowered in {"true", "yes", "on"}:
        return True
    if lowered in {"false", "no", "off"}:
        return False
    if raw.strip().isascii() and raw.strip().isdigit():
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
    key_file = os.path.join(app.instance_path, SECRET_KEY_FILE)
    given = bool(test_config and "SECRET_KEY" in test_config)  # an explicit key is the key
    if app.config["SECRET_KEY"] == DEV_SECRET_KEY and not given and os.path.isfile(key_file):
        with open(key_file, encoding="ascii") as handle:
            app.config["SECRET_KEY"] = handle.read().strip() or DEV_SECRET_KEY
    url = app.config.get("DATABASE_URL") or "sqlite:///" + os.path.join(
        app.instance_path, "eventplan.sqlite"
    )
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if app.config.get("BASE_URL"):
        app.config["BASE_URL"] = str(app.config["BASE_URL"]).rstrip("/")
    if str(app.config.get("BASE_URL") or "").lower().startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    if app.config["SESSION_COOKIE_SECURE"]:
        app.config["REMEMBER_COOKIE_SECURE"] = True


class InsecureSecretKey(RuntimeError):
    pass


def uses_development_key(app: Flask) -> bool:
    return not app.config.get("TESTING") and app.config.get("SECRET_KEY") in (
        None, "", DEV_SECRET_KEY)


def require_secret_key(app: Flask) -> None:
    """Anyone can sign a session with the public development key: refuse to serve with it."""
    if uses_development_key(app):
        raise InsecureSecretKey(
            "eventplan will not serve with the built-in development SECRET_KEY: anyone could "
            "forge a session with it. Run `eventplan init` (it writes a random key to "
            f"{os.path.join(app.instance_path, SECRET_KEY_FILE)}) or set EVENTPLAN_SECRET_KEY.")


def write_secret_key(app: Flask) -> str | None:
    """A random key in instance/secret_key when none is configured; the path, or None."""
    if app.config.get("SECRET_KEY") not in (None, "", DEV_SECRET_KEY):
        return None
    path = os.path.join(app.instance_path, SECRET_KEY_FILE)
    os.makedirs(app.instance_path, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    app.config["SECRET_KEY"] = key
    return path
