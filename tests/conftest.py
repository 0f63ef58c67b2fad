"""Fixtures: a fresh application per test over one schema per run, on SQLite or PostgreSQL.

Set EVENTPLAN_TEST_DATABASE_URL to run everything on PostgreSQL. With
EVENTPLAN_TEST_REQUIRE_ALL=1 (CI), a suite that would be skipped fails instead.
"""

from __future__ import annotations

import os

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import text

from eventplan import create_app
from eventplan.extensions import db
from tests.factories import PASSWORD, build_world
from tests.smtp import SmtpServer

REQUIRE_ALL = os.environ.get("EVENTPLAN_TEST_REQUIRE_ALL") == "1"
PG_URL = os.environ.get("EVENTPLAN_TEST_DATABASE_URL")


def skip_or_fail(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"required suite cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if PG_URL:
        return PG_URL
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


def make_app(database_url: str, tmp_path, **extra):
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "BASE_URL": "http://eventplan.test",
        "SERVER_NAME": None,
        "BABEL_DEFAULT_LOCALE": "en",
    }
    config.update(extra)
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    return app


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    app = make_app(database_url, tmp_path_factory.mktemp("schema"))
    with app.app_context():
        db.drop_all()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
        db.create_all()  # tests only; the migration test proves migrations build the same
        from flask_migrate import stamp

        from eventplan.cli import MIGRATIONS

        stamp(directory=str(MIGRATIONS))  # so /healthz sees the schema at head, as it is
    yield
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _empty_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(_schema, database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    ctx = app.app_context()
    ctx.push()
    yield app
    db.session.rollback()
    _empty_tables()
    db.session.remove()
    ctx.pop()


class Client(FlaskClient):
    """Each request starts with no cached user, as it would in its own app context."""

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = Client
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def world(app):
    return build_world()


class Auth:
    def __init__(self, client, world) -> None:
        self.client = client
        self.world = world

    def login(self, role: str):
        if role == "anonymous":
            return None
        user = self.world.users[role]
        response = self.client.post("/auth/login", data={"email": user.email,
                                                         "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client, world):
    return Auth(client, world)


@pytest.fixture
def smtp(app):
    """A real SMTP server on loopback that the app sends to (see tests/smtp.py)."""
    server = SmtpServer().start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_FROM="ep@test.kz")
    yield server
    server.stop()
