"""Reading aids of issue 16 (item 9): general sections are pages, pickers show agency names,
a feed's default name ends on a whole word, irreversible feed actions ask first."""

from datetime import date

from eventplan.extensions import db
from eventplan.services.feeds import cut_at_word
from tests.factories import make_event
from tests.functional.test_feeds import make_feed


def test_a_general_section_is_a_link_to_its_events(client, world):
    rep = world.plans["republican"]
    make_event(rep, world.general, "90", "Республикалық штабтың отырысы", date(2021, 2, 1),
               world.agencies["HQ"])
    db.session.commit()
    overview = client.get("/programmes/jubilee/").get_data(as_text=True)
    url = f"/programmes/jubilee/sections/{world.general.id}"
    assert f'href="{url}">Organisational measures</a>' in overview
    page = client.get(url).get_data(as_text=True)
    assert "Республикалық штабтың отырысы" in page and "Turkic summit" not in page
    assert client.get("/programmes/jubilee/sections/999999").status_code == 404


def test_agency_pickers_show_names_not_codes(client, auth, world):
    auth.login("hq")
    form = client.get(f"/events/{world.events['summit'].id}/edit").get_data(as_text=True)
    assert ">Akimat of Akmola Region</option>" in form
    assert "AKIMAT_AKMOLA —" not in form
    block = client.get("/programmes/jubilee/blocks/3").get_data(as_text=True)
    assert "AKIMAT_PAVLODAR —" not in block and ">Akimat of Pavlodar Region</option>" in block
    new_feed = client.get("/feeds/new").get_data(as_text=True)
    assert "MCS —" not in new_feed and "Ministry of Culture and Sports</option>" in new_feed


def test_a_long_name_is_cut_after_a_whole_word():
    text = "Мәдени іс-шаралар · Тәуелсіздік және жетістіктер · success and progress"
    cut = cut_at_word(text, 60)
    assert len(cut) <= 60 and cut.endswith("…")
    assert cut[:-1] == text[:len(cut) - 1] and text[len(cut) - 1] == " "
    assert cut_at_word("short", 60) == "short"


def test_revoke_and_new_address_ask_for_confirmation(client, auth, world):
    feed, _token = make_feed(world)
    auth.login("hq")
    page = client.get(f"/feeds/{feed.id}").get_data(as_text=True)
    assert page.count("data-confirm=") == 2
    assert "this cannot be undone" in page
