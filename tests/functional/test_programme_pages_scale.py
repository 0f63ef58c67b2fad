"""Programme pages at scale: kept counts (until a write), keyset pages on the block page."""

import re
from datetime import date

from flask import g
from flask_babel import refresh
from sqlalchemy import event

from eventplan.extensions import db
from eventplan.services import queries
from tests.factories import make_event

BLOCK = "/programmes/jubilee/blocks/3"


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/events/\d+">([^<]+)</a>', html)


def link(html: str, rel: str) -> str:
    found = re.search(rf'href="([^"]+)" rel="{rel}"', html)
    return found.group(1).replace("&amp;", "&") if found else ""


def test_block_pages_follow_cursors_not_offsets(app, client, world):
    app.config["PER_PAGE"] = 2
    statements = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda *a: statements.append(a[2]))
    first = client.get(BLOCK).get_data(as_text=True)
    assert titles(first) == ["Akmola fair", "Nauryz celebrations"]
    assert "Page 1 of 2" in first and "3 events" in first
    second_url = link(first, "next")
    assert "after=2021-03-21." in second_url and "page=2" in second_url
    statements.clear()
    second = client.get(second_url).get_data(as_text=True)
    assert titles(second) == ["Turkic summit in Turkestan"]
    assert "Page 2 of 2" in second and not link(second, "next")
    listed = [s for s in statements if "event.starts_on >" in s]
    assert len(listed) == 1 and "OFFSET ?" not in listed[0].replace("LIMIT ? OFFSET ?", "")
    back = client.get(link(second, "prev")).get_data(as_text=True)
    assert titles(back) == ["Akmola fair", "Nauryz celebrations"] and "Page 1 of 2" in back
    last = client.get(link(first, "last")).get_data(as_text=True)
    assert titles(last) == ["Turkic summit in Turkestan"] and "Page 2 of 2" in last


def test_old_page_numbers_and_bad_cursors_still_answer(app, client, world):
    app.config["PER_PAGE"] = 2
    old = client.get(BLOCK + "?page=2")
    assert old.status_code == 200 and titles(old.get_data(as_text=True)) == [
        "Turkic summit in Turkestan"]
    for bad in ("after=yesterday.1", "before=2021-13-01.x", "after=%00", "page=-4"):
        response = client.get(f"{BLOCK}?{bad}")
        assert response.status_code in (200, 400)
        if response.status_code == 200:
            assert "Akmola fair" in response.get_data(as_text=True)


def test_block_filters_keep_their_count(app, client, world):
    app.config["PER_PAGE"] = 2
    page = client.get(f"{BLOCK}?agency={world.agencies['MCS'].id}").get_data(as_text=True)
    assert "2 events" in page and "Page 1 of 1" not in page  # one page: no pager
    assert titles(page) == ["Nauryz celebrations", "Turkic summit in Turkestan"]


def test_overview_counts_are_kept_until_a_write(client, world, monkeypatch):
    calls = []
    real = queries.status_counts_by_section
    monkeypatch.setattr(queries, "status_counts_by_section",
                        lambda *a: calls.append(a) or real(*a))
    assert client.get("/programmes/jubilee/").status_code == 200
    page = client.get("/programmes/jubilee/").get_data(as_text=True)
    assert len(calls) == 1
    march = re.search(r'data-month="3">.*?(\d+) events', page, re.S).group(1)
    assert march == "3"  # the draft plan's concert is not shown to the public
    make_event(world.plans["akmola"], world.sections[3], "2", "Ярмарка в Кокшетау",
               date(2021, 3, 14), world.agencies["AKIMAT_AKMOLA"])
    db.session.commit()
    page = client.get("/programmes/jubilee/").get_data(as_text=True)
    assert len(calls) == 2
    assert re.search(r'data-month="3">.*?(\d+) events', page, re.S).group(1) == "4"
    block = client.get(BLOCK).get_data(as_text=True)
    assert "4 events" in block and "Ярмарка в Кокшетау" in block


def test_a_coordinator_counts_their_own_drafts_and_the_public_does_not(client, auth, world):
    public = client.get(BLOCK).get_data(as_text=True)
    assert "3 events" in public and "Pavlodar concert" not in public
    auth.login("coordinator")
    own = client.get(BLOCK).get_data(as_text=True)
    assert "4 events" in own and "Pavlodar concert" in own


def test_a_long_event_begun_months_ago_is_still_under_way(client, world):
    make_event(world.plans["akmola"], world.sections[1], "9", "Жыл бойы: «Рухани жаңғыру»",
               date(2021, 1, 10), world.agencies["AKIMAT_AKMOLA"], ends_on=date(2021, 12, 20))
    make_event(world.plans["akmola"], world.sections[1], "10", "Зимний фестиваль",
               date(2021, 1, 10), world.agencies["AKIMAT_AKMOLA"], ends_on=date(2021, 1, 30))
    db.session.commit()
    body = client.get("/programmes/jubilee/agenda?week=2021-06-14").get_data(as_text=True)
    under_way = re.search(r'id="agenda-continuing".*?</section>', body, re.S).group(0)
    assert "Жыл бойы: «Рухани жаңғыру»" in under_way.replace("&#34;", '"').replace(
        "&laquo;", "«").replace("&raquo;", "»")
    assert "Зимний фестиваль" not in body


def test_under_way_lists_its_first_events_and_opens_in_full(client, world, monkeypatch):
    from eventplan.services import agenda

    monkeypatch.setattr(agenda, "DAY_LIMIT", 1)
    for number, title in (("11", "Выставка «Ұлы дала»"), ("12", "Марафон добрых дел")):
        make_event(world.plans["akmola"], world.sections[6], number, title,
                   date(2021, 6, 10), world.agencies["AKIMAT_AKMOLA"], ends_on=date(2021, 6, 20))
    db.session.commit()
    url = "/programmes/jubilee/agenda?week=2021-06-14"
    body = client.get(url).get_data(as_text=True)
    under_way = re.search(r'id="agenda-continuing".*?</section>', body, re.S).group(0)
    assert "1 more events under way" in under_way
    assert ("Марафон добрых дел" in under_way) != ("Ұлы дала" in under_way)  # one of the two
    full = client.get(url + "&day=before").get_data(as_text=True)
    assert "Марафон добрых дел" in full and "Ұлы дала" in full
    assert "more events under way" not in full


def rendered_templates(app):
    from flask import template_rendered

    seen = []
    template_rendered.connect(lambda sender, template, context, **extra:
                              seen.append(template.name), app, weak=False)
    return seen


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_anonymous_pages_are_rendered_once_per_change_with_each_visitor_own_token(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    seen = rendered_templates(app)
    first, second = app.test_client(), app.test_client()
    page_one = first.get(BLOCK).get_data(as_text=True)
    g.pop("csrf_token", None)  # the fixture's app context outlives requests; a server's does not
    page_two = second.get(BLOCK).get_data(as_text=True)
    assert seen.count("programmes/block.html") == 1  # the second visitor got the kept page
    assert page_one.replace(csrf_of(page_one), "") == page_two.replace(csrf_of(page_two), "")
    assert "\x00" not in page_two
    # The kept page carries the second visitor's own token: their language switch works.
    g.pop("csrf_token", None)
    switched = second.post("/lang/kk", data={"csrf_token": csrf_of(page_two), "next": BLOCK})
    assert switched.status_code == 302
    g.pop("csrf_token", None)
    refresh()  # likewise the locale Babel remembers
    kazakh = second.get(BLOCK).get_data(as_text=True)
    assert 'lang="kk"' in kazakh and seen.count("programmes/block.html") == 2  # another key
    g.pop("csrf_token", None)
    assert first.post("/lang/kk", data={"csrf_token": csrf_of(page_two)}).status_code == 400


def test_a_renamed_agency_shows_at_once_on_the_kept_anonymous_page(client, world):
    assert "Ministry of Culture and Sports" in client.get(BLOCK).get_data(as_text=True)
    world.agencies["MCS"].name_en = "Ministry of Culture and Information"
    db.session.commit()
    page = client.get(BLOCK).get_data(as_text=True)
    assert "Ministry of Culture and Information" in page
    assert "Ministry of Culture and Sports" not in page


def test_logged_in_pages_are_never_kept(app, client, auth, world):
    seen = rendered_templates(app)
    auth.login("coordinator")
    for _ in range(2):
        assert "Pavlodar concert" in client.get(BLOCK).get_data(as_text=True)
    assert seen.count("programmes/block.html") == 2
    auth.logout()
    public = client.get(BLOCK).get_data(as_text=True)
    assert "Pavlodar concert" not in public


def test_another_worker_change_shows_on_the_kept_page_within_a_second(client, world):
    import time

    from sqlalchemy import update

    from eventplan.models import Event, FeedGeneration

    assert "Akmola fair" in client.get(BLOCK).get_data(as_text=True)
    with db.engine.begin() as conn:  # another worker's edit: this process was not told
        conn.execute(update(Event).where(Event.id == world.events["akmola_fair"].id)
                     .values(title_en="Ақмола жәрмеңкесі", version=Event.version + 1))
        conn.execute(update(FeedGeneration).values(value=FeedGeneration.value + 1))
    assert "Akmola fair" in client.get(BLOCK).get_data(as_text=True)  # kept up to a second
    time.sleep(1.1)
    assert "Ақмола жәрмеңкесі" in client.get(BLOCK).get_data(as_text=True)
