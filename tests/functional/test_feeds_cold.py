"""Cold feeds: fragments rendered outside requests in committed batches; a request that finds
them missing answers the kept body or 503 with Retry-After; unchanged polls read (almost)
nothing; the kept body is a file, sent as it is."""

import gzip
import os
import time

import pytest
from sqlalchemy import delete, event, func, select, update

from eventplan.cli.feeds import warm_feeds_command
from eventplan.extensions import db
from eventplan.models import FeedFragment, FeedGeneration
from eventplan.services import feed_store, feed_warm, ical
from tests.functional.test_feeds import fetch, make_feed, uid, vevents_by_uid

BASE = "http://eventplan.test"


def kept_fragments(lang="kk") -> int:
    with db.engine.connect() as conn:  # another connection: only what was committed counts
        return conn.scalar(select(func.count()).select_from(FeedFragment)
                           .where(FeedFragment.lang == lang))


@pytest.fixture
def small_inline(app):
    app.config["FEED_INLINE_LIMIT"] = 1  # the 4 events of the world are "too many"
    return app


def test_a_cold_feed_answers_503_with_retry_after_and_renders_nothing_inline(
        client, world, small_inline):
    _feed, token = make_feed(world, lang="kk")
    response = fetch(client, token)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "prepared" in response.get_data(as_text=True)
    assert kept_fragments() == 0
    assert feed_warm.warm(BASE, langs=["kk"]) == {"kk": 5}  # every event, drafts too
    ready = fetch(client, token)
    assert ready.status_code == 200
    by_uid = vevents_by_uid(ready.data)
    assert uid(world.events["summit"]) in by_uid
    assert str(by_uid[uid(world.events["summit"])]["SUMMARY"]) == "Turkic summit in Turkestan"


def test_a_public_feed_in_a_language_nobody_asked_for_is_noted_for_the_warm_job(
        client, world, small_inline):
    assert feed_warm.languages() == ["en"]  # the public feeds' default language only
    response = client.get("/feeds/public/jubilee.ics?lang=kk")
    assert response.status_code == 503
    assert feed_warm.languages() == ["kk", "en"]  # noted in its own transaction
    feed_warm.run_job()
    assert kept_fragments("kk") == 5
    again = client.get("/feeds/public/jubilee.ics?lang=kk")
    assert again.status_code == 200
    assert uid(world.events["akmola_fair"]) in vevents_by_uid(again.data)


def test_an_interrupted_warm_keeps_its_committed_batches_and_resumes(
        client, world, small_inline, monkeypatch):
    _feed, token = make_feed(world, lang="kk")

    def stop_after_two(lang, done):
        if done >= 2:
            raise KeyboardInterrupt  # the process is stopped between batches

    with pytest.raises(KeyboardInterrupt):
        feed_warm.warm(BASE, batch=1, langs=["kk"], after_batch=stop_after_two)
    assert kept_fragments() == 2
    assert fetch(client, token).status_code == 503  # still too many missing, nothing kept
    rendered = []
    real = ical.event_fragment
    monkeypatch.setattr(ical, "event_fragment", lambda *a: rendered.append(a[0].id) or real(*a))
    assert feed_warm.warm(BASE, batch=1, langs=["kk"]) == {"kk": 3}
    assert len(rendered) == 3  # only what the first run had not committed
    assert fetch(client, token).status_code == 200


def test_a_failed_build_inside_a_request_leaves_no_half_file(client, world, monkeypatch):
    _feed, token = make_feed(world, lang="kk")
    real = feed_store.BodyWriter.write
    calls = []

    def failing(self, text):
        calls.append(text)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, text)

    monkeypatch.setattr(feed_store.BodyWriter, "write", failing)
    with pytest.raises(OSError):
        client.application.config["PROPAGATE_EXCEPTIONS"] = True
        fetch(client, token)
    assert list(feed_store.folder().iterdir()) == []
    monkeypatch.setattr(feed_store.BodyWriter, "write", real)
    assert fetch(client, token).status_code == 200


def test_while_fragments_are_rendered_the_kept_body_is_served(client, world, small_inline):
    _feed, token = make_feed(world, lang="kk")
    feed_warm.warm(BASE)
    first = fetch(client, token)
    nauryz = uid(world.events["nauryz"])
    assert "Мәдениет және спорт министрлігі" in str(
        vevents_by_uid(first.data)[nauryz]["DESCRIPTION"])
    world.agencies["MCS"].name_kk = "Мәдениет және спорт министрлігі (жаңа)"
    db.session.commit()  # every fragment naming an agency is old now
    assert kept_fragments() == 0
    during = fetch(client, token)
    assert during.status_code == 200 and during.data == first.data
    assert fetch(client, token, **{"If-None-Match": first.headers["ETag"]}).status_code == 304
    feed_warm.run_job()
    after = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    assert "Мәдениет және спорт министрлігі (жаңа)" in str(
        vevents_by_uid(after.data)[nauryz]["DESCRIPTION"])


def test_an_edit_shows_at_once_even_with_a_small_inline_limit(client, world, small_inline):
    _feed, token = make_feed(world, lang="ru")
    feed_warm.warm(BASE)
    first = fetch(client, token)
    world.events["nauryz"].title_ru = "Праздник Наурыз в Павлодаре"
    db.session.commit()
    again = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    summary = vevents_by_uid(again.data)[uid(world.events["nauryz"])]["SUMMARY"]
    assert str(summary) == "Праздник Наурыз в Павлодаре"


def test_the_warm_job_runs_again_only_after_a_change(client, world):
    make_feed(world, lang="kk")
    assert feed_warm.run_job() == {"kk": 5, "en": 5}  # the subscription and the public feed
    assert feed_warm.run_job() == {}  # nothing changed: three small reads, no scan
    world.events["forum"].title_kk = "Жас ғалымдар форумы"
    db.session.commit()
    assert feed_warm.run_job() == {"kk": 1, "en": 1}


def test_the_command_renders_what_is_missing(runner, world):
    make_feed(world, lang="kk")
    result = runner.invoke(warm_feeds_command, ["--batch", "3"])
    assert result.exit_code == 0, result.output
    assert "kk: 3 rendered" in result.output and "kk 5, en 5" in result.output
    assert kept_fragments() == 5
    again = runner.invoke(warm_feeds_command, [])
    assert "kk 0" in again.output


def count_statements(fn):
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return response, statements


def test_an_unchanged_poll_reads_nothing_but_the_token(client, world):
    _feed, token = make_feed(world, "viewer", lang="kk")
    first = fetch(client, token)
    public = client.get("/feeds/public/jubilee.ics")
    tag = {"If-None-Match": first.headers["ETag"]}
    response, statements = count_statements(lambda: fetch(client, token, **tag))
    assert response.status_code == 304
    assert len(statements) == 1 and "token_hash" in statements[0]  # token, owner, revocation
    response, statements = count_statements(
        lambda: client.get("/feeds/public/jubilee.ics",
                           headers={"If-None-Match": public.headers["ETag"]}))
    assert response.status_code == 304 and statements == []


def test_the_body_is_sent_from_its_kept_files(client, world):
    _feed, token = make_feed(world, lang="kk")
    plain = fetch(client, token)
    zipped = fetch(client, token, **{"Accept-Encoding": "gzip"})
    etag = plain.headers["ETag"].strip('"')
    assert feed_store.path_of(etag).read_bytes() == plain.data
    assert feed_store.path_of(etag, True).read_bytes() == zipped.data
    assert gzip.decompress(zipped.data) == plain.data
    assert int(plain.headers["Content-Length"]) == len(plain.data)


def test_another_process_change_shows_within_the_counter_period(client, world):
    _feed, token = make_feed(world, lang="kk")
    first = fetch(client, token)
    tag = {"If-None-Match": first.headers["ETag"]}
    with db.engine.begin() as conn:  # another worker's edit: this process was not told
        conn.execute(update(FeedGeneration).values(value=FeedGeneration.value + 1))
        conn.execute(delete(FeedFragment))
    assert fetch(client, token, **tag).status_code == 304  # remembered for up to a second
    assert kept_fragments() == 0
    time.sleep(1.1)
    again = fetch(client, token, **tag)
    assert again.status_code == 304  # the same events: the same body and tag
    assert kept_fragments() == 4  # but it was built again from the database


def test_a_change_of_the_owner_rights_changes_the_feed_without_an_event_change(client, world):
    _feed, token = make_feed(world, "other_coordinator", lang="kk", own_agency=True)
    first = fetch(client, token)
    assert uid(world.events["akmola_fair"]) in vevents_by_uid(first.data)
    world.users["other_coordinator"].agency_id = world.agencies["MCS"].id
    db.session.commit()
    again = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    shown = vevents_by_uid(again.data)
    assert uid(world.events["akmola_fair"]) not in shown
    assert uid(world.events["nauryz"]) in shown


def test_a_kept_file_that_went_missing_is_written_again(client, world):
    _feed, token = make_feed(world, lang="ru")
    first = fetch(client, token)
    for path in feed_store.folder().iterdir():
        path.unlink()
    again = fetch(client, token)
    assert again.status_code == 200 and again.data == first.data
    assert feed_store.path_of(again.headers["ETag"].strip('"')).read_bytes() == first.data


def test_old_files_are_pruned_and_current_ones_kept(client, world):
    _feed, token = make_feed(world, lang="ru")
    current = fetch(client, token).headers["ETag"].strip('"')
    stray = feed_store.path_of("0" * 40)
    stray.write_text("old")
    os.utime(stray, (time.time() - 3600, time.time() - 3600))
    os.utime(feed_store.path_of(current), (time.time() - 3600, time.time() - 3600))
    assert feed_warm.prune_files() == 1
    assert not stray.exists() and feed_store.path_of(current).exists()


def test_with_no_base_url_the_warm_job_renders_for_the_address_feeds_are_read_at(
        app, client, world, small_inline):
    """`eventplan serve --port 5111` with EVENTPLAN_BASE_URL unset: the cold feed asked at
    localhost:5111 is warmed for that address, not the default one, and then answers."""
    app.config["BASE_URL"] = None
    _feed, token = make_feed(world, lang="kk")
    cold = client.get(f"/feeds/{token}.ics", base_url="http://localhost:5111")
    assert cold.status_code == 503
    assert feed_warm.warm_base() == "http://localhost:5111"
    feed_warm.run_job()
    ready = client.get(f"/feeds/{token}.ics", base_url="http://localhost:5111")
    assert ready.status_code == 200
    assert b"http://localhost:5111/events/" in ready.data
