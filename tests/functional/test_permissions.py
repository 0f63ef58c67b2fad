"""The permission matrix: every route x every role, expected status.

A route added to the application without a row here fails
``test_every_route_is_in_the_matrix``. A POST row that lets a signed-in role through declares
``outcome(client, world, role)``, which asserts what the request did (the object exists or
changed): a refusal redirects too, so the status alone proves nothing. ``prepare(world, role)``
sets up what the success needs.
"""

import importlib
from pathlib import Path

import pytest

from eventplan.extensions import db
from eventplan.models import Event, Plan

ROLES = ["anonymous", "viewer", "coordinator", "other_coordinator", "hq", "admin"]
R = 302  # redirect (to the login page for anonymous users)


def row(method, rule, url, anonymous, viewer, coordinator, other_coordinator, hq, admin,
        outcome=None, prepare=None):
    expected = dict(zip(ROLES, [anonymous, viewer, coordinator, other_coordinator, hq, admin],
                        strict=True))
    return (method, rule, url, expected, (outcome, prepare))


def lets_through(method, role, status) -> bool:
    """A signed-in role's POST that the row expects to succeed (2xx or a redirect)."""
    return method == "POST" and role != "anonymous" and status < 400


def _signed_in(client, world, role):
    assert client.get("/agencies/").status_code == 200


def _signed_out(client, world, role):
    assert "/auth/login" in client.get("/agencies/").headers["Location"]


def _language_kk(client, world, role):
    with client.session_transaction() as session:
        assert session["lang"] == "kk"


MATRIX = [
    row("GET", "/", "/", R, R, R, R, R, R),
    row("GET", "/healthz", "/healthz", 200, 200, 200, 200, 200, 200),
    # a scrape token or allow-list, not a role, opens it (test_observability); unset: none
    row("GET", "/metrics", "/metrics", 404, 404, 404, 404, 404, 404),
    row("GET", "/auth/login", "/auth/login", 200, R, R, R, R, R),
    row("POST", "/auth/login", "/auth/login", 422, R, R, R, R, R, outcome=_signed_in),
    row("POST", "/auth/logout", "/auth/logout", R, R, R, R, R, R, outcome=_signed_out),
    row("POST", "/lang/<code>", "/lang/kk", R, R, R, R, R, R, outcome=_language_kk),
    row("GET", "/programmes/<slug>/", "/programmes/jubilee/", 200, 200, 200, 200, 200, 200),
    row("GET", "/programmes/<slug>/blocks/<int:month>", "/programmes/jubilee/blocks/3",
        200, 200, 200, 200, 200, 200),
    row("GET", "/agenda", "/agenda", R, R, R, R, R, R),
    row("GET", "/programmes/<slug>/agenda", "/programmes/jubilee/agenda?week=2021-03-29",
        200, 200, 200, 200, 200, 200),
    row("GET", "/programmes/<slug>/agenda", "/programmes/jubilee/agenda?week=29.03.2021",
        400, 400, 400, 400, 400, 400),
    row("GET", "/programmes/<slug>/agenda", "/programmes/jubilee/agenda?week=0001-01-01",
        400, 400, 400, 400, 400, 400),
    row("GET", "/programmes/<slug>/agenda", "/programmes/nowhere/agenda", 404, 404, 404, 404,
        404, 404),
    row("GET", "/events/<int:event_id>", "/events/{summit}", 200, 200, 200, 200, 200, 200),
    row("GET", "/events/<int:event_id>", "/events/{pavlodar_draft}",
        404, 404, 200, 404, 200, 200),
    row("GET", "/events/<int:event_id>/edit", "/events/{summit}/edit",
        R, 403, 403, 403, 200, 200),
    row("GET", "/events/<int:event_id>/edit", "/events/{pavlodar_draft}/edit",
        R, 404, 200, 404, 403, 200),
    row("POST", "/events/<int:event_id>/edit", "/events/{akmola_fair}/edit",
        R, 403, 403, 403, 403, 403),
    row("GET", "/plans/<int:plan_id>/events/new", "/plans/{republican}/events/new",
        R, 403, 403, 403, 200, 200),
    row("GET", "/plans/<int:plan_id>/events/new", "/plans/{pavlodar}/events/new",
        R, 404, 200, 404, 403, 200),
    row("POST", "/plans/<int:plan_id>/events/new", "/plans/{akmola}/events/new",
        R, 403, 403, 403, 403, 403),
    row("GET", "/agencies/", "/agencies/", R, 200, 200, 200, 200, 200),
    row("GET", "/agencies/<int:agency_id>", "/agencies/{agency}", R, 200, 200, 200, 200, 200),
    row("GET", "/admin/users", "/admin/users", R, 403, 403, 403, 403, 200),
    row("GET", "/admin/users/new", "/admin/users/new", R, 403, 403, 403, 403, 200),
    row("POST", "/admin/users/new", "/admin/users/new", R, 403, 403, 403, 403, 422),
    row("GET", "/admin/users/<int:user_id>", "/admin/users/{user}", R, 403, 403, 403, 403, 200),
    row("POST", "/admin/users/<int:user_id>", "/admin/users/{user}", R, 403, 403, 403, 403, 422),
    row("POST", "/admin/users/<int:user_id>/password", "/admin/users/{user}/password",
        R, 403, 403, 403, 403, 422),
    row("GET", "/admin/agencies", "/admin/agencies", R, 403, 403, 403, 403, 200),
    row("GET", "/admin/agencies/new", "/admin/agencies/new", R, 403, 403, 403, 403, 200),
    row("POST", "/admin/agencies/new", "/admin/agencies/new", R, 403, 403, 403, 403, 422),
    row("GET", "/admin/agencies/<int:agency_id>", "/admin/agencies/{agency}",
        R, 403, 403, 403, 403, 200),
    row("POST", "/admin/agencies/<int:agency_id>", "/admin/agencies/{agency}",
        R, 403, 403, 403, 403, 422),
]

# Each feature adds its rows in tests/functional/perm_<feature>.py as ROWS = [row(...), ...].
for _module in sorted(Path(__file__).parent.glob("perm_*.py")):
    MATRIX.extend(importlib.import_module(f"tests.functional.{_module.stem}").ROWS)

CASES = [(method, url, role, expected[role], checks)
         for method, _, url, expected, checks in MATRIX for role in ROLES]


def _url(template, world):
    if "{arch_" in template:  # the archived programme's rows (perm_programmes)
        from tests.functional.perm_programmes import archived_world

        archived_world(world)
        template = template.split("?{arch_")[0] if "?{arch_" in template else template
    names = {
        **{k: e.id for k, e in world.events.items()},
        **{k: p.id for k, p in world.plans.items()},
        "agency": world.agencies["MCS"].id,
        "user": world.users["viewer"].id,
        "slug": world.programme.slug,
    }
    return template.format(**names)


@pytest.mark.parametrize(("method", "url", "role", "expected", "checks"), CASES,
                         ids=[f"{m} {u} {r}" for m, u, r, _, _ in CASES])
def test_route_answers_role_with_expected_status(client, auth, world, method, url, role,
                                                 expected, checks):
    outcome, prepare = checks
    if prepare is not None:
        prepare(world, role)
        db.session.commit()
    auth.login(role)
    url = _url(url, world)
    counts = (db.session.scalar(db.select(db.func.count(Event.id))),
              db.session.scalar(db.select(db.func.count(Plan.id))))
    response = client.open(url, method=method, data={})
    assert response.status_code == expected
    if (method == "POST" and expected >= 400) or role in {"anonymous", "viewer"}:
        assert counts == (db.session.scalar(db.select(db.func.count(Event.id))),
                          db.session.scalar(db.select(db.func.count(Plan.id))))
    if lets_through(method, role, expected):
        db.session.expire_all()
        outcome(client, world, role)


def test_every_successful_post_row_asserts_its_outcome():
    bare = [f"POST {url}" for method, _, url, expected, (outcome, _) in MATRIX
            if outcome is None and any(lets_through(method, r, s) for r, s in expected.items())]
    assert not bare, f"rows that let a role through without checking what it did: {bare}"


def test_every_route_is_in_the_matrix(app):
    covered = {(method, rule) for method, rule, _, _, _ in MATRIX}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, rule.rule) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, f"routes without a permission row: {missing}"
