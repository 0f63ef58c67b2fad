"""Logging in and out, throttling, deactivation and session invalidation."""

from eventplan.extensions import db
from eventplan.models import LoginThrottle
from eventplan.services import accounts
from tests.factories import PASSWORD


def _login(client, email, password, **kw):
    return client.post("/auth/login", data={"email": email, "password": password}, **kw)


def test_login_with_right_password_redirects_home(client, world):
    response = _login(client, "HQ@test.kz", PASSWORD)
    assert response.status_code == 302
    assert client.get("/agencies/").status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_message(client, world):
    wrong = _login(client, "hq@test.kz", "nope-nope")
    unknown = _login(client, "nobody@test.kz", "nope-nope")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail or password." in wrong.get_data(as_text=True)
    assert "Wrong e-mail or password." in unknown.get_data(as_text=True)


def test_repeated_failures_slow_down_the_account_even_with_the_right_password(client, world):
    for _ in range(5):
        _login(client, "hq@test.kz", "wrong-password")
    response = _login(client, "hq@test.kz", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    assert client.get("/agencies/").status_code == 302  # still not logged in


def test_repeated_failures_from_one_address_slow_down_every_account(app, client, world):
    for n in range(app.config["LOGIN_FREE_ATTEMPTS_PER_ADDRESS"]):
        _login(client, f"guess{n}@test.kz", "wrong-password")
    response = _login(client, "viewer@test.kz", PASSWORD)
    assert response.status_code == 429


def test_failures_below_the_limit_do_not_block_and_success_resets(client, world):
    for _ in range(3):
        _login(client, "hq@test.kz", "wrong-password")
    assert _login(client, "hq@test.kz", PASSWORD).status_code == 302
    throttle = db.session.get(LoginThrottle, "email:hq@test.kz")
    assert throttle.failures == 0


def test_the_wait_doubles_and_expires(app, world):
    from datetime import UTC, datetime, timedelta

    for _ in range(6):
        accounts.note_failure("hq@test.kz", "10.0.0.1")
    now = datetime.now(UTC)
    assert 0 < accounts.wait_seconds("hq@test.kz", "10.0.0.1", 5, 900, now) <= 5
    assert accounts.wait_seconds("hq@test.kz", "10.0.0.1", 5, 900,
                                 now + timedelta(seconds=10)) == 0


def test_deactivated_user_cannot_log_in(client, world):
    world.users["viewer"].active = False
    db.session.commit()
    response = _login(client, "viewer@test.kz", PASSWORD)
    assert response.status_code == 401


def test_deactivation_ends_an_open_session(client, auth, world):
    auth.login("viewer")
    assert client.get("/agencies/").status_code == 200
    accounts.update_user(world.users["admin"], world.users["viewer"], role="viewer", agency=None,
                         full_name="Viewer", active=False)
    db.session.commit()
    assert client.get("/agencies/").status_code == 302


def test_password_change_ends_other_sessions(client, auth, world):
    auth.login("hq")
    accounts.set_password(world.users["admin"], world.users["hq"], "a brand new password")
    db.session.commit()
    assert client.get("/agencies/").status_code == 302


def test_logout_needs_post_and_ends_the_session(client, auth):
    auth.login("hq")
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/agencies/").status_code == 302


def test_login_never_redirects_to_another_site(client, world):
    response = client.post("/auth/login?next=//evil.example/x",
                           data={"email": "hq@test.kz", "password": PASSWORD})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_csrf_token_is_required_when_enabled(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    response = _login(client, "hq@test.kz", PASSWORD)
    assert response.status_code == 400
    assert client.get("/agencies/").status_code == 302
