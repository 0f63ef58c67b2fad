"""A NUL character anywhere a user can put one — the path, a query value or key, a form
field — gets a clear 400 and changes nothing, on SQLite and PostgreSQL alike (PostgreSQL
refuses NUL in any text parameter, which was a 500 on every slug, filter and search)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import AuditEntry

MESSAGE = "NUL character"


@pytest.mark.parametrize("url", [
    "/programmes/jub%00ilee/",
    "/reports/jub%00ilee/",
    "/reports/jubilee/events?output=ban%00ners",
    "/admin/audit?who=a%00b",
    "/admin/audit?action=a%00b",
    "/tasks?programme=a%00b",
    "/feeds/new?programme=a%00b",
    "/programmes/jubilee/?a%00b=1",
])
def test_a_nul_in_the_address_is_a_bad_request(client, auth, world, url):
    auth.login("admin")
    response = client.get(url)
    assert response.status_code == 400
    assert MESSAGE in response.get_data(as_text=True)


def test_the_api_answers_json(client, auth, world):
    auth.login("hq")
    response = client.get("/api/v1/programmes/jubilee/summary?from=2021-01-01%00")
    assert response.status_code == 400
    assert MESSAGE in response.get_json()["error"]["message"]


def test_a_nul_in_a_form_changes_nothing(client, auth, world):
    auth.login("hq")
    event = world.events["forum"]
    before = (event.title_en, db.session.scalar(select(func.count(AuditEntry.id))))
    response = client.post(f"/events/{event.id}/edit",
                           data={"title_en": "Forum\x00", "version": str(event.version)})
    assert response.status_code == 400 and MESSAGE in response.get_data(as_text=True)
    db.session.expire_all()
    assert (db.session.get(type(event), event.id).title_en,
            db.session.scalar(select(func.count(AuditEntry.id)))) == before


def test_a_nul_in_the_login_form_does_not_log_in(client, world):
    response = client.post("/auth/login", data={"email": "hq@test.kz\x00", "password": "x"})
    assert response.status_code == 400
    assert client.get("/tasks").status_code in (302, 401)
