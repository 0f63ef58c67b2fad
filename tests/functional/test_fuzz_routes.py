"""Every route, every role, hostile input: no answer is a server error.

The walk covers each rule of ``app.url_map`` with hostile path values (non-ASCII digits,
ids past the database's integer range), hostile query values on every parameter a view
reads, and hostile form fields on every form, as anonymous, viewer, coordinator, hq and
admin. It is bounded (a fixed, small set of values per route) so that it stays well under
a minute per database; the kinds of value come from issue 15's findings.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from functools import partial

import pytest
from flask import Flask

from eventplan.extensions import db
from eventplan.models import CompletionReport, User
from eventplan.services import api_tokens, feeds

ROLES = ("anonymous", "viewer", "coordinator", "hq", "admin")
PATH_ROLES = ("anonymous", "admin")

PATH_INT = ("1", "2147483648", "99999999999999999999", "²")
PATH_TEXT = ("jubilee", "²'--%E2%80%AE", "x" * 300)

QUERY_VALUES = (
    "²", "2147483648", "10000000000000000000", "-1", "0001-01-01", "9999-12-31",
    "sNaN", "Infinity", "²:²", "x" * 1000, "2021-02-30", "<script>", "1e309", "٣",
)
QUERY_NAMES = (
    "page", "agency", "region", "block", "section", "month", "reporter", "measure",
    "category", "level", "status", "programme", "week", "from", "to", "as_of", "since",
    "until", "who", "action", "table", "sep", "output", "lang", "next", "limit",
    "p_due", "p_overdue", "p_returned", "p_not_held", "p_upcoming",
)

FORM_VALUES = ("²:²", "2147483648", "1" + "0" * 30 + ",-1", "sNaN", "0001-01-01 ² квартал 2021")
FORM_NAMES = (
    "version", "upcoming_days", "region_id", "agency_id", "section_id", "estimated_cost",
    "number", "starts_on", "ends_on", "report", "to", "reason", "next", "name", "email",
    "role", "password", "title_ru", "title_kk", "title_en", "category", "level", "lead_agency_id",
    "comment", "participants", "days", "hours", "code", "kind", "scope", "token",
)
# Routes that would end the walking session itself; logout has its own tests.
SKIP = {"auth.logout", "static"}


def _fill(rule, values: dict[str, str]) -> str:
    url = rule.rule
    for arg in rule.arguments:
        url = re.sub(rf"<(?:[a-z]+:)?{arg}>", values[arg], url)
    return url


def _path_variants(rule) -> list[str]:
    """The rule with a valid-looking value everywhere, then each argument made hostile."""
    kinds = {arg: type(rule._converters[arg]).__name__ for arg in rule.arguments}

    def good(arg):
        return "1" if kinds[arg] == "IntegerConverter" else "jubilee"

    base = {arg: good(arg) for arg in rule.arguments}
    urls = [_fill(rule, base)]
    for arg in rule.arguments:
        pool = PATH_INT if kinds[arg] == "IntegerConverter" else PATH_TEXT
        urls += [_fill(rule, {**base, arg: value}) for value in pool[1:]]
    return urls


def _as(client, role: str, users: dict[str, int]) -> None:
    """Be this role for the next request, even if a previous probe changed the password."""
    with client.session_transaction() as session:
        session.clear()
        if role != "anonymous":
            db.session.expire_all()
            user = db.session.get(User, users[role])
            if user is not None:
                session["_user_id"], session["_fresh"] = user.get_id(), True


def _form_names(html: str) -> set[str]:
    return set(re.findall(r'name="([A-Za-z_][\w-]*)"', html))


def _check(send, what: str, failures: list[str]) -> None:
    """Send one probe; a 5xx answer or an exception (tests propagate them) is a failure."""
    try:
        response = send()
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {str(exc)[:120]} <- {what[:300]}")
        db.session.rollback()
        return
    if response.status_code >= 500:
        failures.append(f"{response.status_code} {what[:300]}")


def _objects(world) -> None:
    """Rows behind id 1 of the routes the world has none for: a report waiting for review,
    a feed, an API token — so hostile forms reach their views, not only a 404."""
    db.session.add(CompletionReport(event=world.events["summit"], agency=world.agencies["MCS"],
                                    status="submitted", links=[],
                                    submitted_at=datetime(2021, 4, 1, tzinfo=UTC)))
    for role in ("hq", "coordinator", "viewer"):
        feeds.create_feed(world.users[role], feeds.FeedFilter(programme_id=world.programme.id))
        api_tokens.create_token(world.users[role], "скрипт")
    db.session.commit()


@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_input_is_a_server_error(app: Flask, client, world, role):
    _objects(world)
    users = {name: user.id for name, user in world.users.items()}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in SKIP]
    failures: list[str] = []
    gets = [r for r in rules if "GET" in r.methods]
    for index, rule in enumerate(sorted(gets, key=lambda r: r.rule)):
        variants = _path_variants(rule)
        # A hostile id is refused by the converter before any view, whoever asks: two roles
        # suffice for the path; every role gets the hostile queries and forms.
        for url in variants if role in PATH_ROLES else variants[:1]:
            _as(client, role, users)
            _check(partial(client.get, url), f"GET {url}", failures)
        base = variants[0]
        # Every parameter gets one hostile value per request; the values rotate by route
        # so each parameter meets each value somewhere in the walk.
        for shift in range(0, len(QUERY_VALUES), 7):
            query = {name: QUERY_VALUES[(i + shift + index) % len(QUERY_VALUES)]
                     for i, name in enumerate(QUERY_NAMES)}
            _as(client, role, users)
            _check(partial(client.get, base, query_string=query), f"GET {base} {query}", failures)
    posts = sorted((r for r in rules if "POST" in r.methods),
                   key=lambda r: ("delete" in r.rule or "revoke" in r.rule, r.rule))
    for rule in posts:
        base = _path_variants(rule)[0]
        names = set(FORM_NAMES)
        if "GET" in rule.methods:
            _as(client, role, users)
            page = client.get(base)
            if page.status_code == 200 and page.mimetype == "text/html":
                names |= _form_names(page.get_data(as_text=True))
        names.discard("csrf_token")
        for value in FORM_VALUES:
            _as(client, role, users)
            data = dict.fromkeys(names, value)
            _check(partial(client.post, base, data=data), f"POST {base} {value!r}", failures)
        _as(client, role, users)
        upload = {"file": (io.BytesIO(b"PK\x03\x04 not really"), "evil\x00name.xlsx"),
                  "version": "1"}
        _check(partial(client.post, base, data=upload,
                       content_type="multipart/form-data"),
               f"POST {base} NUL file name", failures)
        for url in _path_variants(rule)[1:] if role in PATH_ROLES else ():
            _as(client, role, users)
            _check(partial(client.post, url, data={"version": "1"}), f"POST {url}", failures)
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} in all)"
