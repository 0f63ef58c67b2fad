"""docs/operations.md, done for real: back up (pg_dump + the files), restore, rotate the key."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from flask_migrate import upgrade
from PIL import Image
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from eventplan.cli import MIGRATIONS
from eventplan.extensions import db
from eventplan.models import Agency, CompletionReport, Programme, ReportAttachment
from eventplan.services import accounts, feed_warm, reports
from eventplan.services.completion import attachments
from eventplan.services.demo import load_demo
from eventplan.storage import get_storage
from tests.conftest import PG_URL, make_app, skip_or_fail
from tests.s3 import s3_server as s3_server  # a fixture

SCHEMA = "eventplan_backup_source"
PASSWORD = "Сақтық-көшірме-2026"


def _base_url():
    if not PG_URL or not PG_URL.startswith("postgresql"):
        pytest.skip("runs in the PostgreSQL pass (EVENTPLAN_TEST_DATABASE_URL)")
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        skip_or_fail("pg_dump and pg_restore (postgresql-client) are needed")
    return make_url(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
                    if PG_URL.startswith("postgresql://") else PG_URL)


def _libpq(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def databases():
    """The demo goes into a schema of the test database; the restore into a new database."""
    url = _base_url()
    restored = f"{url.database}_restored"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    local = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{restored}"'))
        with local.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    except Exception as exc:
        skip_or_fail(f"PostgreSQL unavailable: {exc}")
    path = {"options": f"-csearch_path={SCHEMA}"}
    yield url.update_query_dict(path), url.set(database=restored).update_query_dict(path)
    with local.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'))
    admin.dispose()
    local.dispose()


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 160, 60)).save(out, "JPEG")
    return out.getvalue()


def _load_demo_with_a_photo() -> None:
    load_demo()
    report = db.session.scalar(select(CompletionReport).where(
        CompletionReport.status == "draft").order_by(CompletionReport.id))
    agency = db.session.get(Agency, report.agency_id)
    user = accounts.create_user(None, "backup@akimat.kz", "coordinator", PASSWORD, agency,
                                "Әсел Нұрланқызы")
    attachments.add_attachment(report, user, io.BytesIO(_photo()), "Той.jpg", get_storage())
    db.session.commit()


def _snapshot(app) -> dict:
    """Dashboard figures, the public feed and every file, as a user would get them."""
    client = app.test_client()
    programme = db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))
    period = reports.Period(programme.starts_on, programme.ends_on, date(2021, 12, 31))
    summary = reports.summary(programme, period, reports.Scope())
    # The demo's feed is larger than a request renders itself: warm it as the scheduler would.
    feed_warm.warm(feed_warm.warm_base(), langs=["kk"])
    feed = client.get("/feeds/public/independence-30.ics?lang=kk")
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.data
    login = client.post("/auth/login", data={"email": "backup@akimat.kz", "password": PASSWORD})
    assert login.status_code == 302
    files = {}
    for attachment in db.session.scalars(select(ReportAttachment)):
        for suffix in ("", "/thumb"):
            answer = client.get(f"/completion/attachments/{attachment.id}{suffix}")
            assert answer.status_code == 200, answer.status_code
            files[f"{attachment.id}{suffix}"] = answer.data
    assert len(files) == 2
    return {"totals": summary.totals.values, "outputs": summary.outputs,
            "breakdowns": {k: [r.values for r in v] for k, v in summary.breakdowns.items()},
            "feed": feed.data, "etag": feed.headers["ETag"], "files": files}


def test_a_demo_database_and_its_files_survive_backup_and_restore(databases, s3_server,
                                                                   tmp_path):
    source_url, restored_url = databases
    source_bucket, restored_bucket = s3_server.new_bucket(), s3_server.new_bucket()
    source = make_app(source_url.render_as_string(hide_password=False), tmp_path / "source",
                      **s3_server.config(source_bucket))
    with source.app_context():
        upgrade(directory=str(MIGRATIONS))
        _load_demo_with_a_photo()
        before = _snapshot(source)
        dump = tmp_path / "eventplan.dump"
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--schema={SCHEMA}",
                        f"--file={dump}", _libpq(source_url.set(query={}))], check=True,
                       timeout=300)
        exported = source.test_cli_runner().invoke(args=["files", "export",
                                                         str(tmp_path / "files")])
        assert exported.exit_code == 0, exported.output
        assert "2 files copied" in exported.output
        db.session.remove()
        db.engine.dispose()

    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                    f"--dbname={_libpq(restored_url.set(query={}))}", str(dump)], check=True,
                   timeout=300)
    restored = make_app(restored_url.render_as_string(hide_password=False),
                        tmp_path / "restored", **s3_server.config(restored_bucket))
    with restored.app_context():
        imported = restored.test_cli_runner().invoke(args=["files", "import",
                                                           str(tmp_path / "files")])
        assert imported.exit_code == 0, imported.output
        assert "2 files copied" in imported.output
        after = _snapshot(restored)
        again = restored.test_cli_runner().invoke(args=["files", "import",
                                                        str(tmp_path / "files")])
        assert "0 files copied" in again.output and "2 already there" in again.output
        db.session.remove()
        db.engine.dispose()

    assert after["totals"] == before["totals"] and before["totals"]["held"] > 0
    assert after["breakdowns"] == before["breakdowns"]
    assert after["outputs"] == before["outputs"]
    assert after["feed"] == before["feed"] and after["etag"] == before["etag"]
    assert after["files"] == before["files"]


def test_an_export_names_a_missing_file_and_fails(app, world, runner, tmp_path):
    from tests.functional.test_completion_attachments import png_bytes

    report = CompletionReport(event=world.events["summit"],
                              agency=world.agencies["AKIMAT_AKMOLA"], status="draft", links=[])
    db.session.add(report)
    db.session.flush()
    attachment = attachments.add_attachment(report, world.users["other_coordinator"],
                                            io.BytesIO(png_bytes()), "сурет.png", get_storage())
    db.session.commit()
    get_storage().delete(attachments.thumb_key(attachment))
    result = runner.invoke(args=["files", "export", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "1 files copied" in result.output
    assert f"{attachment.stored_name}.thumb.jpg (attachment {attachment.id}): missing" in (
        result.output)


def test_rotating_the_secret_key_keeps_sessions_through_the_fallback(app, client, auth):
    auth.login("hq")
    assert client.get("/reports/jubilee/").status_code == 200
    app.config.update(SECRET_KEY="the-new-key", SECRET_KEY_FALLBACKS=["test-secret"])
    assert client.get("/reports/jubilee/").status_code == 200  # signed with the old key
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get("/reports/jubilee/").status_code == 302  # old sessions end
