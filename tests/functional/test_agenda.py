"""The week page: events on their first day in the programme's time, events under way since
before the week listed once, what each role may see, filters, and bad dates refused."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventplan.extensions import db
from eventplan.models import Commemoration
from eventplan.services import agenda
from tests.factories import make_event

URL = "/programmes/jubilee/agenda"


def day_html(body: str, day: str) -> str:
    match = re.search(rf'<section class="mb-3 agenda-day" data-day="{day}".*?</section>', body,
                      re.S)
    assert match, f"no section for {day}"
    return match.group(0)


def test_a_week_lists_each_event_on_its_first_day_at_local_time(client, world):
    body = client.get(f"{URL}?week=2021-03-31&lang=en").get_data(as_text=True)
    assert "29 March – 4 April 2021" in body  # any day names its Monday-to-Sunday week
    summit = day_html(body, "2021-03-31")
    assert "Turkic summit in Turkestan" in summit
    assert "10:00" in summit  # 04:00 UTC is 10:00 in Almaty (UTC+6 in 2021)
    assert "Turkic summit" not in day_html(body, "2021-03-30")
    assert 'id="agenda-continuing"' not in body


def test_an_event_begun_before_the_week_is_listed_once_as_under_way(client, world):
    body = client.get(f"{URL}?week=2021-03-22").get_data(as_text=True)
    continuing = body.split('id="agenda-continuing"')[1].split("</section>")[0]
    assert "Nauryz celebrations" in continuing
    assert body.count("Nauryz celebrations") == 1


@pytest.mark.parametrize(("role", "sees_draft"), [
    ("viewer", False), ("other_coordinator", False), ("coordinator", True), ("hq", True)])
def test_draft_plan_events_only_for_those_who_may_see_the_plan(client, auth, world, role,
                                                                  sees_draft):
    auth.login(role)
    body = client.get(f"{URL}?week=2021-03-08").get_data(as_text=True)
    assert "Akmola fair" in day_html(body, "2021-03-12")  # in force: everyone
    assert ("Pavlodar concert" in body) is sees_draft


def test_filters_keep_the_events_their_agency_executes(client, world):
    hq, mcs = world.agencies["HQ"].id, world.agencies["MCS"].id
    assert "Young scientists forum" in client.get(
        f"{URL}?week=2021-04-19&agency={hq}").get_data(as_text=True)
    body = client.get(f"{URL}?week=2021-04-19&agency={mcs}").get_data(as_text=True)
    assert "Young scientists forum" not in body and 'id="agenda-empty"' in body
    # the week links keep the filters
    assert f"week=2021-04-26&amp;agency={mcs}" in body or \
        f"agency={mcs}&amp;week=2021-04-26" in body


def test_previous_and_next_weeks_are_one_link_away(client, world):
    body = client.get(f"{URL}?week=2021-03-31").get_data(as_text=True)
    assert re.search(r'href="[^"]*week=2021-03-22[^"]*" id="agenda-previous"', body)
    assert re.search(r'href="[^"]*week=2021-04-05[^"]*" id="agenda-next"', body)


def test_without_a_date_the_week_is_todays_brought_inside_the_programme(client, world):
    body = client.get(URL).get_data(as_text=True)
    # Today (2026) is after the 2021 programme: its last week is shown.
    assert 'data-day="2021-12-27"' in body and 'data-day="2022-01-02"' in body
    assert agenda.default_start(world.programme) == date(2021, 12, 27)


@pytest.mark.parametrize("raw", ["31.03.2021", "2021-02-30", "<script>", "0001-01-01",
                                 "9999-12-31"])
def test_a_bad_week_is_refused_with_a_message_and_the_default_week(client, world, raw):
    response = client.get(URL, query_string={"week": raw, "lang": "en"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="agenda-error"' in body and "<script>" not in body.split("<main")[-1]
    assert "YYYY-MM-DD" in body or "Choose a week between" in body
    assert 'data-day="2021-12-27"' in body


def test_an_anniversary_shows_on_its_day(client, world):
    db.session.add(Commemoration(programme=world.programme, name_en="Abai Kunanbaiuly",
                                 anniversary=175, origin_year=1845,
                                 origin_date=date(1845, 8, 10)))
    db.session.commit()
    body = client.get(f"{URL}?week=2020-08-10&lang=en").get_data(as_text=True)
    assert "Abai Kunanbaiuly" in day_html(body, "2020-08-10")  # 1845 + 175


def test_a_crowded_day_lists_its_first_events_and_counts_the_rest(app, client, world,
                                                                   monkeypatch):
    monkeypatch.setattr(agenda, "DAY_LIMIT", 1)
    for number, title in (("7", "Айтыс ақындары"), ("8", "Концерт в Кокшетау")):
        make_event(world.plans["akmola"], world.sections[3], number, title, date(2021, 3, 12),
                   world.agencies["AKIMAT_AKMOLA"])
    db.session.commit()
    week = agenda.week(world.users["hq"], world.programme, date(2021, 3, 8))
    friday = week.days[4]
    assert [e.title for e in friday.events] == ["Akmola fair"] and friday.more == 2
    assert not week.truncated
    body = client.get(f"{URL}?week=2021-03-08").get_data(as_text=True)
    assert "2 more events this day" in day_html(body, "2021-03-12")
    opened = client.get(f"{URL}?week=2021-03-08&day=2021-03-12").get_data(as_text=True)
    friday_html = day_html(opened, "2021-03-12")
    assert "Айтыс ақындары" in friday_html and "Концерт в Кокшетау" in friday_html
    assert "more events this day" not in friday_html
    monkeypatch.setattr(agenda, "LIMIT", 1)
    crowded = agenda.week(world.users["hq"], world.programme, date(2021, 3, 8),
                          open_day=date(2021, 3, 12))
    assert crowded.truncated and len(crowded.days[4].events) == 1
    assert agenda.week(world.users["hq"], world.programme, date(2021, 3, 29)).truncated is False


def test_the_navigation_opens_this_week_of_the_newest_programme(client, auth, world):
    auth.login("viewer")
    response = client.get("/agenda")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/programmes/jubilee/agenda")
