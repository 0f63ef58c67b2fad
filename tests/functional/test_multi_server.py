"""Two app servers in separate processes, one PostgreSQL database, one object store.

Each server has its own instance folder; whatever one does, the other sees at its next request:
files, calendar feeds (no stale 304), the dashboard's figures, the login throttle.
"""

from __future__ import annotations

import io
import time

import icalendar
import pytest
from flask_migrate import upgrade
from PIL import Image
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from eventplan.cli import MIGRATIONS
from eventplan.extensions import db
from eventplan.models import CompletionReport, ReportAttachment
from eventplan.services import api_tokens
from tests.conftest import PG_URL, make_app, skip_or_fail
from tests.factories import PASSWORD, build_world
from tests.functional.reports_fixture import add_reports
from tests.s3 import s3_server as s3_server  # a fixture
from tests.servers import AppServer, Browser


@pytest.fixture
def pg_database():
    """A schema of its own in the test database (a new database costs ~20 s to drop here)."""
    if not PG_URL or not PG_URL.startswith("postgresql"):
        pytest.skip("runs in the PostgreSQL pass (EVENTPLAN_TEST_DATABASE_URL)")
    url = make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
                   if PG_URL.startswith("postgresql://") else PG_URL)
    schema = "eventplan_multi_server"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:
        skip_or_fail(f"PostgreSQL unavailable: {exc}")
    yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def deployment(pg_database, s3_server, tmp_path):
    """The schema by migrations, the test world with reports, then two servers."""
    setup = make_app(pg_database, tmp_path / "setup")
    with setup.app_context():
        upgrade(directory=str(MIGRATIONS))
        world = build_world()
        events = add_reports(world)
        draft = CompletionReport(event=events["exhibition"], agency=world.agencies[
            "AKIMAT_AKMOLA"], status="draft", outcome="held", links=[])
        db.session.add(draft)
        _token, api_token = api_tokens.create_token(world.users["hq"], "мониторинг")
        db.session.commit()
        ids = {"draft": draft.id, "forum": events["forum"].id,
               "fair_report": db.session.scalar(select(CompletionReport.id).where(
                   CompletionReport.event_id == events["akmola_fair"].id)),
               "emails": {role: u.email for role, u in world.users.items()}}
        db.session.remove()
        db.engine.dispose()
    bucket = s3_server.new_bucket()
    settings = {"DATABASE_URL": pg_database, "SECRET_KEY": "one-key-for-every-server",
                "BASE_URL": "http://eventplan.test", "LOGIN_FREE_ATTEMPTS": "2",
                **s3_server.config(bucket)}
    first = AppServer(tmp_path / "server-a", settings)
    second = AppServer(tmp_path / "server-b", settings)
    try:
        first.start()
        second.start()
        yield first, second, ids, api_token, bucket
    finally:
        first.stop()
        second.stop()


def test_two_servers_share_files_feeds_figures_and_the_login_throttle(deployment, s3_server,
                                                                      tmp_path):
    first, second, ids, api_token, bucket = deployment
    emails = ids["emails"]

    # A report's photo uploaded through the first is downloaded, thumbnail too, from the second.
    akmola_a, akmola_b = Browser(first, "kk"), Browser(second, "kk")
    assert akmola_a.login(emails["other_coordinator"], PASSWORD).status_code == 302
    assert akmola_b.login(emails["other_coordinator"], PASSWORD).status_code == 302
    picture = io.BytesIO()
    Image.new("RGB", (900, 600), (0, 150, 200)).save(picture, "JPEG")
    report_page = f"/completion/{ids['draft']}"
    sent = akmola_a.submit(report_page, r"/attachments$",
                           files={"file": ("Көрме.jpg", picture.getvalue(), "image/jpeg")})
    assert sent.status_code == 302, sent.text[:500]
    with make_app(first.settings["DATABASE_URL"], tmp_path / "check").app_context():
        attachment_id = db.session.scalar(select(ReportAttachment.id).where(
            ReportAttachment.report_id == ids["draft"]))
        db.engine.dispose()
    assert attachment_id is not None
    assert not (first.instance / "uploads").exists()  # nothing on the first's own disk
    photo = akmola_b.get(f"/completion/attachments/{attachment_id}")
    assert photo.status_code == 200 and photo.content == picture.getvalue()
    thumb = akmola_b.get(f"/completion/attachments/{attachment_id}/thumb")
    with Image.open(io.BytesIO(thumb.content)) as small:
        assert small.format == "JPEG" and max(small.size) <= 320
    assert len(s3_server.keys(bucket)) == 2
    pavlodar_b = Browser(second)  # the other agency still cannot see the file
    assert pavlodar_b.login(emails["coordinator"], PASSWORD).status_code == 302
    assert pavlodar_b.get(f"/completion/attachments/{attachment_id}").status_code == 404

    # An event cancelled on the first changes the feed the second serves: new ETag, no 304.
    public = Browser(second)
    feed = public.get("/feeds/public/jubilee.ics?lang=ru")
    etag = feed.headers["ETag"]
    assert public.get("/feeds/public/jubilee.ics?lang=ru",
                      headers={"If-None-Match": etag}).status_code == 304
    hq_a = Browser(first)
    assert hq_a.login(emails["hq"], PASSWORD).status_code == 302
    cancelled = hq_a.submit(f"/events/{ids['forum']}/cancel", field="reason",
                            values={"reason": "Іс-шара кейінге қалдырылмайды: күші жойылды"})
    assert cancelled.status_code == 302, cancelled.text[:500]
    # Each process re-reads the feed change counter at most once a second (issue 21): the
    # second server's next poll after that second brings the change, never a stale 304 after.
    time.sleep(1.2)
    again = public.get("/feeds/public/jubilee.ics?lang=ru", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again.headers["ETag"] != etag
    by_uid = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(again.content).walk("VEVENT")}
    forum = next(e for uid, e in by_uid.items() if uid.startswith(f"event-{ids['forum']}@"))
    assert str(forum["STATUS"]) == "CANCELLED"

    # The dashboard on the second shows the report accepted on the first at once.
    bearer = {"Authorization": f"Bearer {api_token}"}
    period = "?from=2021-01-01&to=2021-12-31&as_of=2021-04-26"
    api = Browser(second)
    before = api.get(f"/api/v1/programmes/jubilee/summary{period}", headers=bearer).json()
    hq_b = Browser(second)
    assert hq_b.login(emails["hq"], PASSWORD).status_code == 302
    page_before = hq_b.get("/reports/jubilee/").text
    accepted = hq_a.submit(f"/completion/{ids['fair_report']}", r"/accept")
    assert accepted.status_code == 302, accepted.text[:500]
    after = api.get(f"/api/v1/programmes/jubilee/summary{period}", headers=bearer).json()
    assert after["totals"]["reports"] == before["totals"]["reports"] + 1
    assert after["totals"]["participants"] == before["totals"]["participants"] + 999
    page_after = hq_b.get("/reports/jubilee/").text
    assert page_after != page_before

    # Failed logins on the first throttle the next attempt on the second.
    for _ in range(2):
        assert Browser(first).login(emails["viewer"], "неверный пароль").status_code == 401
    refused = Browser(second).login(emails["viewer"], PASSWORD)
    assert refused.status_code == 429
    assert "Слишком много неудачных попыток" in refused.text
    assert Browser(second).get("/reports/jubilee/").status_code == 302  # not logged in

    # One secret key: a session from the first is valid on the second.
    shared = Browser(second)
    shared.session.cookies.update(hq_a.session.cookies)
    assert shared.get("/reports/jubilee/").status_code == 200

