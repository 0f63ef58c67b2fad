"""Links people copy (feed address, webcal, QR, .ics) reach the server they were shown on."""

import re

import waitress

from eventplan.base_url import mismatch
from eventplan.cli import serve_command
from eventplan.extensions import db
from eventplan.models import FeedSubscription, Notification
from eventplan.services import messages
from tests.functional.test_feeds import fetch

PORT_URL = re.compile(r"http://localhost:5111/feeds/([A-Za-z0-9_-]+)\.ics")


def _subscribe(client, world):
    response = client.post("/feeds/new", base_url="http://localhost:5111", data={
        "programme_id": world.programme.id, "section_id": world.sections[3].id,
        "include_commemorations": "y", "lang": "kk", "alarm_minutes": "0"})
    assert response.status_code == 302
    return client.get(response.headers["Location"], base_url="http://localhost:5111")


def test_unset_base_url_shows_the_address_the_browser_reached(app, client, auth, world):
    app.config["BASE_URL"] = None
    auth.login("coordinator")
    page = _subscribe(client, world).get_data(as_text=True)
    token = PORT_URL.search(page).group(1)
    assert f"webcal://localhost:5111/feeds/{token}.ics" in page
    assert "127.0.0.1:5000" not in page and "eventplan.test" not in page
    assert db.session.scalar(db.select(FeedSubscription.id)) is not None
    body = client.get(f"/feeds/{token}.ics", base_url="http://localhost:5111").data
    assert b"http://localhost:5111/events/" in body
    single = client.get(f"/events/{world.events['summit'].id}.ics",
                        base_url="http://localhost:5111").data
    assert f"http://localhost:5111/events/{world.events['summit'].id}".encode() in single


def test_a_configured_base_url_wins_over_the_request(app, client, auth, world):
    auth.login("coordinator")
    page = _subscribe(client, world).get_data(as_text=True)
    assert PORT_URL.search(page) is None
    token = re.search(r"http://eventplan\.test/feeds/([A-Za-z0-9_-]+)\.ics", page).group(1)
    assert b"http://eventplan.test/events/" in fetch(client, token).data


def test_mail_without_a_request_uses_the_configured_address_or_the_default(app, world):
    user = world.users["coordinator"]
    notice = Notification(dedupe_key="t", kind="due", user_id=user.id, channel="email",
                          params={"titles": {"ru": "Концерт"}, "number": "1",
                                  "ends_on": "2021-03-10", "deadline": "2021-03-15"},
                          link="/plans/1", status="pending")
    app.config["BASE_URL"] = None
    assert "http://127.0.0.1:5000/plans/1" in messages.render_email(notice, user)[1]
    app.config["BASE_URL"] = "https://jubilee.gov.kz"
    assert "https://jubilee.gov.kz/plans/1" in messages.render_email(notice, user)[1]


def test_mismatch_names_the_port_only_for_a_local_address():
    assert "5111" in mismatch("http://127.0.0.1:5000", "127.0.0.1", 5111)
    assert mismatch("http://127.0.0.1:5111", "127.0.0.1", 5111) is None
    assert mismatch("https://jubilee.gov.kz", "127.0.0.1", 8000) is None  # behind a proxy
    assert mismatch(None, "127.0.0.1", 5111) is None
    assert "no valid port" in mismatch("http://127.0.0.1:99999", "127.0.0.1", 5111)


def test_serve_warns_when_the_base_url_names_another_port(app, runner, monkeypatch):
    served = []
    monkeypatch.setattr(waitress, "serve", lambda *a, **kw: served.append(kw["port"]))
    app.config["BASE_URL"] = "http://127.0.0.1:5000"
    result = runner.invoke(serve_command, ["--port", "5111", "--no-scheduler"])
    assert served == [5111]
    assert "Warning: EVENTPLAN_BASE_URL is http://127.0.0.1:5000" in result.output
    app.config["BASE_URL"] = "http://127.0.0.1:5111"
    result = runner.invoke(serve_command, ["--port", "5111", "--no-scheduler"])
    assert "Warning" not in result.output
