"""Health check, languages, error pages and the programme pages."""

from eventplan.extensions import db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": True,
                                   "migrations_at_head": True,
                                   "scheduler_heartbeat_age": None}


def test_language_switch_is_remembered_for_the_user(client, auth, world):
    user = auth.login("viewer")
    response = client.post("/lang/kk", data={"next": "/agencies/"})
    assert response.status_code == 302 and response.headers["Location"] == "/agencies/"
    db.session.refresh(user)
    assert user.locale == "kk"
    auth.logout()
    auth.login("viewer")  # a fresh session picks up the stored choice
    assert 'lang="kk"' in client.get("/agencies/").get_data(as_text=True)


def test_language_switch_refuses_unknown_codes_and_foreign_redirects(client):
    assert client.post("/lang/xx").status_code == 404
    response = client.post("/lang/ru", data={"next": "https://evil.example/"})
    assert "evil.example" not in response.headers["Location"]


def test_browser_language_is_used_for_anonymous_visitors(client, world):
    body = client.get("/programmes/jubilee/", headers={"Accept-Language": "kk,ru;q=0.8"})
    assert 'lang="kk"' in body.get_data(as_text=True)


def test_missing_pages_get_a_friendly_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_private_programme_is_hidden_from_anonymous_visitors(client, world):
    world.programme.is_public = False
    db.session.commit()
    assert client.get("/programmes/jubilee/").status_code == 404
    assert client.get(f"/events/{world.events['summit'].id}").status_code == 404


def test_overview_counts_events_by_status_per_block(client, auth, world):
    world.events["nauryz"].status = "held"
    db.session.commit()
    auth.login("hq")
    body = client.get("/programmes/jubilee/").get_data(as_text=True)
    assert "4 events" in body  # March: summit, nauryz, Pavlodar draft (HQ sees it), Akmola
    assert "Held: 1" in body


def test_output_is_escaped(client, auth, world):
    world.events["summit"].title_en = "<script>alert(1)</script>"
    db.session.commit()
    body = client.get(f"/events/{world.events['summit'].id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
