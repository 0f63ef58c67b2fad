"""Settings a deployment depends on (issue 15): no serving on the public development key,
secrets shown once never ride in the signed (readable) session cookie, cookies marked
Secure under https with SameSite on the remember cookie too, and no caching of pages
shown to a logged-in user."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from flask import Flask

from eventplan import config
from eventplan.extensions import db
from eventplan.models import ShownSecret
from tests.conftest import Client, make_app
from tests.factories import PASSWORD


def session_data(app, client) -> dict:
    raw = client.get_cookie("session")
    return app.session_interface.get_signing_serializer(app).loads(raw.value) if raw else {}


def test_serve_refuses_the_development_key(database_url, tmp_path, monkeypatch):
    import waitress

    served = []
    monkeypatch.setattr(waitress, "serve", lambda *a, **k: served.append(a))
    app = make_app(database_url, tmp_path, TESTING=False, SECRET_KEY=config.DEV_SECRET_KEY)
    with app.app_context():  # as the eventplan command (a FlaskGroup) provides
        result = app.test_cli_runner().invoke(args=["serve", "--no-scheduler"])
    assert result.exit_code != 0 and not served
    assert "development SECRET_KEY" in result.output and "eventplan init" in result.output


def test_serve_starts_with_a_real_key(database_url, tmp_path, monkeypatch):
    import waitress

    served = []
    monkeypatch.setattr(waitress, "serve", lambda *a, **k: served.append(a))
    app = make_app(database_url, tmp_path, TESTING=False, SECRET_KEY="a" * 40)
    with app.app_context():  # as the eventplan command (a FlaskGroup) provides
        result = app.test_cli_runner().invoke(args=["serve", "--no-scheduler"])
    assert result.exit_code == 0 and served


def test_init_writes_a_private_random_key_that_the_next_start_reads(tmp_path):
    instance = tmp_path / "instance"
    app = Flask("eventplan", instance_path=str(instance))
    config.load(app, {"DATABASE_URL": "sqlite://"})
    assert config.uses_development_key(app)
    path = config.write_secret_key(app)
    assert path == str(instance / "secret_key")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = Path(path).read_text(encoding="ascii").strip()
    assert len(key) >= 40 and app.config["SECRET_KEY"] == key
    assert config.write_secret_key(app) is None  # a second init keeps the key
    again = Flask("eventplan", instance_path=str(instance))
    config.load(again, {"DATABASE_URL": "sqlite://"})
    assert again.config["SECRET_KEY"] == key and not config.uses_development_key(again)


def test_a_new_api_token_is_not_in_the_session_cookie(app, client, auth, world):
    auth.login("viewer")
    assert client.post("/account/tokens", data={"name": "письма"}).status_code == 302
    data = session_data(app, client)
    assert "ep_" not in repr(data) and db.session.query(ShownSecret).count() == 1
    page = client.get("/account/tokens").get_data(as_text=True)
    plain = re.search(r'id="token-value" readonly value="(ep_[^"]+)"', page).group(1)
    assert plain not in repr(session_data(app, client))
    assert db.session.query(ShownSecret).count() == 0  # gone once shown
    assert plain not in client.get("/account/tokens").get_data(as_text=True)


def test_a_new_feed_address_is_not_in_the_session_cookie(app, client, auth, world):
    auth.login("hq")
    response = client.post("/feeds/new", data={
        "name": "Мой календарь", "programme_id": world.programme.id, "lang": "ru",
        "alarm_minutes": "0"})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert "token" not in repr(session_data(app, client))
    page = client.get(response.location).get_data(as_text=True)
    address = re.search(r'/feeds/([A-Za-z0-9_-]{20,})\.ics', page)
    assert address and address.group(1) not in repr(session_data(app, client))
    assert not re.search(r"/feeds/[A-Za-z0-9_-]{20,}\.ics",
                         client.get(response.location).get_data(as_text=True))


def test_another_user_cannot_take_a_waiting_secret(app, client, auth, world):
    auth.login("viewer")
    client.post("/account/tokens", data={"name": "письма"})
    handle = session_data(app, client)["shown_api_token"]
    auth.logout()
    auth.login("hq")
    with client.session_transaction() as session:
        session["shown_api_token"] = handle
    assert "token-value" not in client.get("/account/tokens").get_data(as_text=True)


@pytest.mark.parametrize("settings", [{"BASE_URL": "https://eventplan.gov.kz"},
                                      {"SESSION_COOKIE_SECURE": True}])
def test_cookies_are_secure_under_https_and_remember_is_samesite(
        world, database_url, tmp_path, settings):
    app = make_app(database_url, tmp_path, **settings)
    app.test_client_class = Client
    client = app.test_client()
    response = client.post("/auth/login", data={"email": "hq@test.kz", "password": PASSWORD,
                                                "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        assert "Secure" in cookies[name] and "HttpOnly" in cookies[name]
        assert "SameSite=Lax" in cookies[name]


def test_plain_http_development_keeps_cookies_usable(client, world):
    response = client.post("/auth/login", data={"email": "hq@test.kz", "password": PASSWORD,
                                                "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert "Secure" not in cookies["session"] and "SameSite=Lax" in cookies["remember_token"]


def test_pages_for_a_logged_in_user_are_not_stored(client, auth, world):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    auth.login("coordinator")
    for url in ("/", "/tasks", "/programmes/jubilee/"):
        assert client.get(url).headers["Cache-Control"] == "no-store"
