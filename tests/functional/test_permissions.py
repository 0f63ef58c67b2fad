"""The permission matrix: every route x every role, expected status.

A route added to the application without a row here fails
``test_every_route_is_in_the_matrix``.
"""

import importlib
from pathlib import Path

import pytest

from eventplan.extensions import db
from eventplan.models import Event, Plan

ROLES = ["anonymous", "viewer", "coordinator", "other_coordinator", "hq", "admin"]
R = 302  # redirect (to the login page for anonymous users)


def row(method, rule, url, anonymous, viewer, coordinator, other_coordinator, hq, admin):
    return (method, rule, url, dict(zip(ROLES, [anonymous, viewer, coordinator,
                                                other_coordinator, hq, admin], strict=True)))


MATRIX = [
    row("GET", "/", "/", R, R, R, R, R, R),
    row("GET", "/healthz", "/healthz", 200, 200, 200, 200, 200, 200),
    # a scrape token or allow-list, not a role, opens it (test_observability); unset: none
    row("GET", "/metrics", "/metrics", 404, 404, 404, 404, 404, 404),
    row("GET", "/auth/login", "/auth/login", 200, R, R, R, R, R),
    row("POST", "/auth/login", "/auth/login", 422, R, R, R, R, R),
    row("POST", "/auth/logout", "/auth/logout", R, R, R, R, R, R),
    row("POST", "/lang/<code>", "/lang/kk", R, R, R, R, R, R),
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

CASES = [(method, url, role, expected[role])
         for method, _, url, expected in MATRIX for role in ROLES]


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


@pytest.mark.parametrize(("method", "url", "role", "expected"), CASES,
                         ids=[f"{m} {u} {r}" for m, u, r, _ in CASES])
def test_route_answers_role_with_expected_status(client, auth, world, method, url, role,
                                                 expected):
    auth.login(role)
    url = _url(url, world)
    counts = (db.session.scalar(db.select(db.func.count(Event.id))),
              db.session.scalar(db.select(db.func.count(Plan.id))))
    response = client.open(url, method=method, data={})
    assert response.status_code == expected
    if (method == "POST" and expected >= 400) or role in {"anonymous", "viewer"}:
        assert counts == (db.session.scalar(db.select(db.func.count(Event.id))),
                          db.session.scalar(db.select(db.func.count(Plan.id))))


def test_every_route_is_in_the_matrix(app):
    covered = {(method, rule) for method, rule, _, _ in MATRIX}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, rule.rule) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, f"routes without a permission row: {missing}"
