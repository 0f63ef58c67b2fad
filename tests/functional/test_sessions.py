"""Sessions that really end, and login throttling that one person cannot turn against
everyone (issue 15): logout ends the session on the server, a reactivated account gets a
fresh nonce, counters per account and per client address live in the database, the client
address is read through the trusted proxies only, and misses take the same work."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import LoginThrottle, User
from eventplan.services import accounts
from tests.conftest import Client, make_app
from tests.factories import PASSWORD


def login(client, email, password=PASSWORD, **data):
    return client.post("/auth/login", data={"email": email, "password": password, **data})


def cookie(client, name):
    found = client.get_cookie(name)
    return found.value if found else None


def test_a_saved_session_cookie_does_not_open_pages_after_logout(client, world):
    assert login(client, "hq@test.kz").status_code == 302
    saved = cookie(client, "session")
    assert client.get("/tasks").status_code == 200
    client.post("/auth/logout")
    client.set_cookie("session", saved)  # replayed from a copy taken before the logout
    response = client.get("/tasks")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_the_remember_cookie_alone_does_not_open_pages_after_logout(app, client, world):
    assert login(client, "hq@test.kz", remember="y").status_code == 302
    remember = cookie(client, "remember_token")
    assert remember
    client.post("/auth/logout")
    app.test_client_class = Client
    other = app.test_client()
    other.set_cookie("remember_token", remember)
    response = other.get("/tasks")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_the_remember_cookie_works_until_logout(app, client, world):
    assert login(client, "hq@test.kz", remember="y").status_code == 302
    app.test_client_class = Client
    other = app.test_client()
    other.set_cookie("remember_token", cookie(client, "remember_token"))
    assert other.get("/tasks").status_code == 200


def test_reactivation_gives_a_fresh_random_nonce(world):
    admin, viewer = world.users["admin"], world.users["viewer"]
    first = viewer.session_nonce
    accounts.update_user(admin, viewer, role="viewer", agency=None, full_name="Зритель",
                         active=False)
    off = viewer.session_nonce
    accounts.update_user(admin, viewer, role="viewer", agency=None, full_name="Зритель",
                         active=True)
    db.session.commit()
    on = db.session.get(User, viewer.id).session_nonce
    assert len(on) >= 16 and len({first, off, on}) == 3


# --- throttling ------------------------------------------------------------------------


def test_a_login_to_another_account_does_not_reset_the_address_count(app, client, world):
    app.config.update(LOGIN_FREE_ATTEMPTS=3, LOGIN_FREE_ATTEMPTS_PER_ADDRESS=3)
    for name in ("аскар", "бота"):
        assert login(client, f"{name}@test.kz", "угадай-пароль").status_code == 401
    # The sprayer logs in to their own account from the same address…
    assert login(client, "viewer@test.kz").status_code == 302
    client.post("/auth/logout")
    # …which does not give the address its guesses back.
    assert login(client, "сауле@test.kz", "угадай-пароль").status_code == 401
    response = login(client, "hq@test.kz", "угадай-пароль")
    assert response.status_code == 429
    counts = {t.key: t.failures for t in db.session.scalars(select(LoginThrottle))}
    assert counts["ip:127.0.0.1"] == 3 and "email:viewer@test.kz" not in counts


def test_a_success_resets_only_that_account(app, client, world):
    for _ in range(2):
        login(client, "hq@test.kz", "wrong password")
    assert login(client, "hq@test.kz").status_code == 302
    db.session.expire_all()
    assert db.session.get(LoginThrottle, "email:hq@test.kz").failures == 0
    assert db.session.get(LoginThrottle, "ip:127.0.0.1").failures == 2


def test_one_address_cannot_lock_an_office_out_after_a_few_failures(app, client, world):
    for n in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        login(client, f"typo{n}@test.kz", "wrong password")
    assert login(client, "hq@test.kz").status_code == 302  # per address allows more


def test_old_failures_of_an_address_are_forgotten(app, world):
    from datetime import UTC, datetime, timedelta

    for _ in range(30):
        accounts.note_failure("a@test.kz", "10.0.0.9")
    row = db.session.get(LoginThrottle, "ip:10.0.0.9")
    row.last_failure_at = datetime.now(UTC) - timedelta(days=2)
    accounts.note_failure("b@test.kz", "10.0.0.9", window=24 * 3600)
    assert row.failures == 1


@pytest.mark.parametrize(("hops", "forwarded", "expected"), [
    (0, "203.0.113.7", "ip:127.0.0.1"),  # no proxy trusted: the header is the client's word
    (1, "203.0.113.7", "ip:203.0.113.7"),
    (1, "198.51.100.1, 203.0.113.7", "ip:203.0.113.7"),  # only the last hop is trusted
])
def test_the_client_address_comes_through_trusted_proxies_only(
        app, world, database_url, tmp_path, hops, forwarded, expected):
    proxied = make_app(database_url, tmp_path, TRUSTED_PROXY_HOPS=hops)
    client = proxied.test_client()
    response = client.post("/auth/login", data={"email": "hq@test.kz", "password": "nope"},
                           headers={"X-Forwarded-For": forwarded})
    assert response.status_code == 401
    db.session.expire_all()
    keys = {t.key for t in db.session.scalars(select(LoginThrottle))}
    assert keys == {"email:hq@test.kz", expected}


def test_unknown_email_and_wrong_password_do_the_same_hashing(app, world, monkeypatch):
    calls = []
    real = accounts.check_password_hash
    import eventplan.models.user as user_module

    def counting(stored, password):
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    monkeypatch.setattr(user_module, "check_password_hash", counting)
    assert accounts.authenticate("nobody@test.kz", "пароль") is None
    assert accounts.authenticate("hq@test.kz", "пароль") is None
    world.users["viewer"].active = False
    assert accounts.authenticate("viewer@test.kz", PASSWORD) is None
    assert len(calls) == 3
    assert calls[0].split("$")[0] == calls[1].split("$")[0]  # the same method and cost
