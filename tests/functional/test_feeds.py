"""Calendar feeds: tokens, rights re-checked on every fetch, kept fragments, ETags, 304."""

import gzip
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AuditEntry, Commemoration, Event, FeedFragment, FeedSubscription
from eventplan.services import feeds as feed_service
from eventplan.services import ical

TOKEN_URL = re.compile(r"http://eventplan\.test/feeds/([A-Za-z0-9_-]+)\.ics")


def make_feed(world, role="hq", **extra):
    flt = feed_service.FeedFilter(programme_id=world.programme.id, lang=extra.pop("lang", "en"),
                                  **extra)
    feed, token = feed_service.create_feed(world.users[role], flt, extra.pop("name", None))
    db.session.commit()
    return feed, token


def fetch(client, token, **headers):
    return client.get(f"/feeds/{token}.ics", headers=headers)


def vevents_by_uid(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def assert_matches_database(body: bytes, lang="en"):
    """Both parsers read the feed, and every event read back equals the database row."""
    text = body.decode()
    parsed = vobject.readOne(text)
    by_uid = vevents_by_uid(body)
    assert {v.uid.value for v in parsed.vevent_list} == set(by_uid)
    for v in parsed.vevent_list:
        kind, _, ident = v.uid.value.partition("@")[0].partition("-")
        if kind != "event":
            continue
        event = db.session.get(Event, int(ident))
        title = event.display_title(lang)
        assert v.summary.value == (f"Cancelled: {title}" if event.status == "cancelled"
                                   else title)
        if event.starts_at:
            assert v.dtstart.value == event.starts_at
        else:
            assert v.dtstart.value == event.starts_on
            assert v.dtend.value == event.ends_on + timedelta(days=1)
        assert v.status.value == ("CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        assert int(v.sequence.value) == event.version
    return by_uid


def uid(event):
    return f"event-{event.id}@eventplan.test"


def test_hq_feed_holds_events_of_plans_in_force_and_both_parsers_agree(client, world):
    _feed, token = make_feed(world)
    response = fetch(client, token)
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    by_uid = assert_matches_database(response.data)
    events = world.events
    assert uid(events["summit"]) in by_uid and uid(events["akmola_fair"]) in by_uid
    assert uid(events["pavlodar_draft"]) not in by_uid  # a draft plan is not in force
    summit = by_uid[uid(events["summit"])]
    assert summit.decoded("DTSTART") == datetime(2021, 3, 31, 4, 0, tzinfo=UTC)
    nauryz = by_uid[uid(events["nauryz"])]
    assert nauryz.decoded("DTEND") == date(2021, 3, 24)


def test_a_coordinator_feed_never_shows_unapproved_events(client, world):
    _feed, token = make_feed(world, "coordinator", own_agency=True)
    assert vevents_by_uid(fetch(client, token).data) == {}  # own agency's plan is a draft
    _feed, token = make_feed(world, "coordinator")
    by_uid = vevents_by_uid(fetch(client, token).data)
    assert uid(world.events["pavlodar_draft"]) not in by_uid
    assert uid(world.events["akmola_fair"]) in by_uid


def test_filters_by_block_agency_and_region(client, world):
    _f, token = make_feed(world, section_id=world.sections[4].id)
    assert set(vevents_by_uid(fetch(client, token).data)) == {uid(world.events["forum"])}
    _f, token = make_feed(world, agency_id=world.agencies["AKIMAT_AKMOLA"].id)
    assert set(vevents_by_uid(fetch(client, token).data)) == {
        uid(world.events["summit"]), uid(world.events["akmola_fair"])}  # co-executes the summit
    world.events["forum"].region = world.regions["PAVLODAR"]
    db.session.commit()
    _f, token = make_feed(world, region_id=world.regions["PAVLODAR"].id)
    assert set(vevents_by_uid(fetch(client, token).data)) == {uid(world.events["forum"])}


def test_the_token_is_long_random_stored_hashed_and_the_url_short(client, world):
    feed, token = make_feed(world)
    assert len(token) >= 22 and token not in feed.token_hash
    assert feed.token_hash == feed_service.hash_token(token)
    assert len(f"http://eventplan.test/feeds/{token}.ics") < 80
    assert fetch(client, token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 404
    assert fetch(client, "short").status_code == 404


def test_regenerating_gives_byte_identical_output_and_304_on_the_same_etag(client, world):
    _feed, token = make_feed(world, alarm_minutes=1440)
    first = fetch(client, token)
    second = fetch(client, token)
    assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Last-Modified"]
    db.session.execute(db.delete(FeedFragment))  # rebuilt from scratch, still the same bytes
    db.session.commit()
    assert fetch(client, token).data == first.data
    again = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert again.headers["ETag"] == first.headers["ETag"]


def test_an_edit_changes_the_etag_the_sequence_and_only_that_event(client, world):
    _feed, token = make_feed(world)
    before = fetch(client, token)
    summit = world.events["summit"]
    old_version = summit.version
    summit.title_ru = "Саммит ОТГ"
    summit.title_en = "Summit of Turkic States"
    db.session.commit()
    after = fetch(client, token, **{"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    old, new = vevents_by_uid(before.data), vevents_by_uid(after.data)
    assert new[uid(summit)]["SEQUENCE"] == old_version + 1
    assert str(new[uid(summit)]["SUMMARY"]) == "Summit of Turkic States"
    changed = {k for k in old if old[k].to_ical() != new[k].to_ical()}
    assert changed == {uid(summit)}
    assert_matches_database(after.data)


def test_cancelled_and_postponed_events_stay_with_their_uid(client, world):
    _feed, token = make_feed(world)
    nauryz, forum = world.events["nauryz"], world.events["forum"]
    nauryz.status, nauryz.status_reason = "cancelled", "pandemic"
    forum.status, forum.starts_on, forum.ends_on = "postponed", date(2021, 4, 28), \
        date(2021, 4, 28)
    db.session.commit()
    by_uid = assert_matches_database(fetch(client, token).data)
    assert str(by_uid[uid(nauryz)]["STATUS"]) == "CANCELLED"
    assert str(by_uid[uid(nauryz)]["SUMMARY"]).startswith("Cancelled: ")
    assert by_uid[uid(forum)].decoded("DTSTART") == date(2021, 4, 28)
    assert by_uid[uid(forum)]["SEQUENCE"] == 2


def test_a_change_of_co_executors_alone_rebuilds_that_fragment(client, world):
    _feed, token = make_feed(world)
    fetch(client, token)
    world.events["forum"].coexecutors = [world.agencies["MCS"]]
    db.session.commit()
    body = str(vevents_by_uid(fetch(client, token).data)[uid(world.events["forum"])][
        "DESCRIPTION"])
    assert "Ministry of Culture and Sports" in body


def test_fragments_are_kept_and_reused(client, world, monkeypatch):
    _feed, token = make_feed(world)
    fetch(client, token)
    kept = db.session.scalar(select(func.count()).select_from(FeedFragment))
    assert kept == 4
    calls = []
    real = ical.event_fragment
    monkeypatch.setattr(ical, "event_fragment", lambda *a: calls.append(a) or real(*a))
    world.programme.name_en = "Jubilee 30"  # any change: no 304 shortcut, fragments reused
    db.session.commit()
    fetch(client, token)
    assert calls == []


def test_a_revoked_token_and_a_deactivated_owner_get_404(client, world):
    feed, token = make_feed(world, "viewer")
    assert fetch(client, token).status_code == 200
    world.users["viewer"].active = False
    db.session.commit()
    assert fetch(client, token).status_code == 404
    world.users["viewer"].active = True
    feed_service.revoke_feed(feed, world.users["viewer"])
    db.session.commit()
    assert fetch(client, token).status_code == 404


def test_regenerate_kills_the_old_address(client, auth, world):
    feed, token = make_feed(world, "viewer")
    auth.login("viewer")
    response = client.post(f"/feeds/{feed.id}/regenerate", follow_redirects=True)
    new_token = TOKEN_URL.search(response.get_data(as_text=True)).group(1)
    assert new_token != token
    assert fetch(client, token).status_code == 404
    assert fetch(client, new_token).status_code == 200


def test_one_click_from_the_block_page_creates_a_feed_shown_once(client, auth, world):
    auth.login("coordinator")
    page = client.get("/programmes/jubilee/blocks/3").get_data(as_text=True)
    assert 'data-action="subscribe"' in page
    response = client.post("/feeds/new", data={
        "programme_id": world.programme.id, "section_id": world.sections[3].id,
        "include_commemorations": "y", "lang": "en", "alarm_minutes": "0"})
    assert response.status_code == 302
    feed = db.session.scalar(select(FeedSubscription))
    assert feed.section_id == world.sections[3].id and "National traditions" in feed.name
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    token = TOKEN_URL.search(shown).group(1)
    assert f"webcal://eventplan.test/feeds/{token}.ics" in shown and "<svg" in shown
    assert TOKEN_URL.search(client.get(f"/feeds/{feed.id}").get_data(as_text=True)) is None
    body = fetch(client, token).data
    assert set(vevents_by_uid(body)) == {uid(world.events["summit"]),
                                         uid(world.events["nauryz"]),
                                         uid(world.events["akmola_fair"])}
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.object_type == "feed_subscription")) == "feed.create"
    db.session.refresh(feed)
    assert feed.last_used_at is not None


@pytest.mark.parametrize("data", [
    {"section_id": "999999"}, {"alarm_minutes": "abc"}, {"lang": "de"},
    {"name": "x" * 200}, {"own_agency": "y"}, {"programme_id": "nope"},
])
def test_bad_input_gets_a_message_and_creates_nothing(client, auth, world, data):
    auth.login("viewer")  # a viewer has no agency: "my agency" is refused too
    form = {"programme_id": world.programme.id, "lang": "en", "alarm_minutes": "0", **data}
    response = client.post("/feeds/new", data=form)
    assert response.status_code == 422
    assert "invalid-feedback" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(FeedSubscription.id))) == 0


def test_rename_changes_the_calendar_name_and_the_etag(client, auth, world):
    feed, token = make_feed(world, "viewer")
    first = fetch(client, token)
    auth.login("viewer")
    assert client.post(f"/feeds/{feed.id}/rename", data={"name": "My; plan"}).status_code == 302
    second = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert vobject.readOne(second.data.decode()).x_wr_calname.value == "My; plan"
    assert client.post(f"/feeds/{feed.id}/rename", data={"name": ""}).status_code == 422


def test_others_cannot_see_a_feed_but_an_admin_can_revoke_it(client, auth, world):
    feed, token = make_feed(world, "viewer")
    auth.login("hq")
    assert client.get(f"/feeds/{feed.id}").status_code == 404
    assert client.post(f"/feeds/{feed.id}/revoke").status_code == 404
    auth.logout()
    auth.login("admin")
    assert feed.name in client.get("/feeds/").get_data(as_text=True)
    assert client.post(f"/feeds/{feed.id}/regenerate").status_code == 422  # owner only
    assert fetch(client, token).status_code == 200
    assert client.post(f"/feeds/{feed.id}/revoke").status_code == 302
    assert fetch(client, token).status_code == 404
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "feed.revoke"))
    assert entry.user_id == world.users["admin"].id


def test_public_feed_has_approved_events_and_commemorations_only(client, world):
    world.programme.commemorations.append(Commemoration(
        name_en="Zhambyl Zhabayev", anniversary=175, origin_year=1846,
        origin_date=date(1846, 2, 28)))
    db.session.commit()
    response = client.get("/feeds/public/jubilee.ics?lang=en")
    by_uid = assert_matches_database(response.data)
    assert uid(world.events["pavlodar_draft"]) not in by_uid
    summaries = {str(e["SUMMARY"]) for e in by_uid.values()}
    assert "Zhambyl Zhabayev — 175 years" in summaries
    assert client.get("/feeds/public/jubilee.ics?lang=de").status_code == 404
    world.programme.is_public = False
    db.session.commit()
    assert client.get("/feeds/public/jubilee.ics").status_code == 404
    assert client.get("/feeds/public/nope.ics").status_code == 404


def test_gzip_when_the_client_accepts_it(client, world):
    _feed, token = make_feed(world)
    plain = fetch(client, token)
    zipped = fetch(client, token, **{"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert "Accept-Encoding" in zipped.headers["Vary"]
    again = fetch(client, token, **{"Accept-Encoding": "gzip",
                                    "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304


def test_if_modified_since_answers_304(client, world):
    _feed, token = make_feed(world)
    first = fetch(client, token)
    assert fetch(client, token, **{"If-Modified-Since": first.headers["Last-Modified"]}
                 ).status_code == 304


def test_a_single_event_downloads_as_ics(client, auth, world):
    response = client.get(f"/events/{world.events['summit'].id}.ics")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert_matches_database(response.data, lang="en")
    assert client.get(f"/events/{world.events['pavlodar_draft'].id}.ics").status_code == 404
    auth.login("coordinator")
    assert client.get(f"/events/{world.events['pavlodar_draft'].id}.ics").status_code == 200


def test_a_bulk_insert_through_the_session_is_seen_by_the_next_poll(client, world):
    _feed, token = make_feed(world)
    first = fetch(client, token)
    now = datetime.now(UTC)
    db.session.execute(db.insert(Event.__table__), [{
        "plan_id": world.plans["republican"].id, "number": "99", "position": 99,
        "title_en": "Bulk event", "section_id": world.sections[5].id, "category": "sports",
        "lead_agency_id": world.agencies["MCS"].id, "format": "offline",
        "starts_on": date(2021, 5, 5), "ends_on": date(2021, 5, 5), "status": "planned",
        "version": 1, "created_at": now, "updated_at": now}])
    db.session.commit()
    again = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert "Bulk event" in {str(e["SUMMARY"]) for e in vevents_by_uid(again.data).values()}


def test_renaming_an_agency_rebuilds_the_fragments_that_name_it(client, world):
    _feed, token = make_feed(world)
    fetch(client, token)
    world.agencies["MCS"].name_en = "Ministry of Culture and Sport of Kazakhstan"
    db.session.commit()
    description = str(vevents_by_uid(fetch(client, token).data)[uid(world.events["nauryz"])][
        "DESCRIPTION"])
    assert "Ministry of Culture and Sport of Kazakhstan" in description


def test_a_plan_coming_into_force_shows_its_old_events_and_moves_last_modified(client, world):
    _feed, token = make_feed(world)
    first = fetch(client, token)
    world.plans["pavlodar"].status = "approved"
    db.session.commit()
    again = fetch(client, token, **{"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 200
    assert uid(world.events["pavlodar_draft"]) in vevents_by_uid(again.data)
    assert again.headers["Last-Modified"] != first.headers["Last-Modified"] or \
        again.headers["ETag"] != first.headers["ETag"]
