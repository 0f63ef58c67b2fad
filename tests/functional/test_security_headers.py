"""Every response carries the security headers; a response that sets its own keeps them."""

from __future__ import annotations

import pytest

from eventplan.extensions import db
from eventplan.models import CompletionReport
from eventplan.security_headers import CONTENT_SECURITY_POLICY
from tests.functional.test_completion_attachments import png_bytes, stored, upload

EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_headers(response, **own):
    for name, value in {**EXPECTED, **own}.items():
        assert response.headers.get(name) == value, (name, response.request.path)


def test_the_policy_is_the_strict_one():
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives == {
        "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
        "img-src": "'self' data:", "object-src": "'none'", "base-uri": "'self'",
        "form-action": "'self'", "frame-ancestors": "'none'",
    }


def test_anonymous_pages_errors_and_static_files_carry_the_headers(client, world):
    for path in ("/auth/login", "/programmes/jubilee/", "/no/such/page"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_headers(response)
    response = client.get("/static/js/app.js")
    assert response.status_code == 200
    assert_headers(response)
    response.close()


@pytest.mark.parametrize("path", [
    "/programmes/jubilee/", "/plans/{plan}", "/reports/jubilee/", "/completion/review",
    "/events/{event}/report", "/reports/jubilee/export.csv", "/healthz",
])
def test_staff_pages_exports_and_json_carry_the_headers(client, auth, world, path):
    auth.login("hq")
    url = path.format(plan=world.plans["republican"].id, event=world.events["forum"].id)
    response = client.get(url)
    assert response.status_code == 200, url
    assert_headers(response)


def test_a_form_answer_with_errors_carries_the_headers(client, auth, world):
    auth.login("hq")
    response = client.post(f"/events/{world.events['forum'].id}/report",
                           data={"outcome": "held", "participants": "many",
                                 "save_draft": "1"})
    assert response.status_code == 422
    assert_headers(response)


def test_attachment_downloads_keep_their_own_sandboxing_policy(client, auth, world):
    report = CompletionReport(event=world.events["summit"], agency=world.agencies["AKIMAT_AKMOLA"],
                              status="draft", links=[])
    db.session.add(report)
    db.session.commit()
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    (photo,) = stored(report)
    for url in (f"/completion/attachments/{photo.id}", f"/completion/attachments/{photo.id}/thumb"):
        response = client.get(url)
        assert response.status_code == 200
        assert_headers(response, **{"Content-Security-Policy": "default-src 'none'; sandbox"})
        response.close()
