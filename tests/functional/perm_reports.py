"""Permission rows for reports, the reports API and personal API tokens."""

from eventplan.extensions import db
from eventplan.models import KeyEvent
from tests.functional.test_permissions import R, row


def _marked(name):
    """The event starts marked as key: the POST (no ``key=1``) unmarks it."""
    def prepare(world, role):
        db.session.add(KeyEvent(event_id=world.events[name].id))
        db.session.commit()
    return prepare


def _unmarked(name):
    def check(client, world, role):
        assert db.session.get(KeyEvent, world.events[name].id) is None
    return check


NO_TOKEN = "/account/tokens/999999/revoke"

ROWS = [
    row("GET", "/reports/", "/reports/", R, 302, 302, 302, 302, 302),
    row("GET", "/reports/<slug>/", "/reports/{slug}/", R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/", "/reports/{slug}/?from=bad", R, 400, 400, 400, 400, 400),
    row("GET", "/reports/<slug>/", "/reports/nowhere/", R, 404, 404, 404, 404, 404),
    row("GET", "/reports/<slug>/events", "/reports/{slug}/events?measure=held",
        R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/export.xlsx", "/reports/{slug}/export.xlsx",
        R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/export.csv", "/reports/{slug}/export.csv?table=region",
        R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/export.csv", "/reports/{slug}/export.csv?sep=x",
        R, 400, 400, 400, 400, 400),
    row("GET", "/reports/<slug>/checks", "/reports/{slug}/checks", R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/print", "/reports/{slug}/print", R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/document", "/reports/{slug}/document",
        R, 403, 403, 403, 200, 200),
    row("POST", "/reports/<slug>/document", "/reports/{slug}/document",
        R, 403, 403, 403, 422, 422),
    row("GET", "/reports/<slug>/document", "/reports/nowhere/document",
        R, 404, 404, 404, 404, 404),
    row("POST", "/events/<int:event_id>/key", "/events/{summit}/key", R, 403, 403, 403, 302, 302,
        outcome=_unmarked("summit"), prepare=_marked("summit")),
    row("POST", "/events/<int:event_id>/key", "/events/{pavlodar_draft}/key",
        R, 404, 403, 404, 302, 302,
        outcome=_unmarked("pavlodar_draft"), prepare=_marked("pavlodar_draft")),
    row("GET", "/account/tokens", "/account/tokens", R, 200, 200, 200, 200, 200),
    row("POST", "/account/tokens", "/account/tokens", R, 422, 422, 422, 422, 422),
    row("POST", "/account/tokens/<int:token_id>/revoke", NO_TOKEN, R, 404, 404, 404, 404, 404),
    row("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200, 200, 200, 200, 200, 200),
    row("GET", "/api/v1/programmes/<slug>/summary", "/api/v1/programmes/{slug}/summary",
        401, 200, 200, 200, 200, 200),
    row("GET", "/api/v1/programmes/<slug>/events", "/api/v1/programmes/{slug}/events",
        401, 200, 200, 200, 200, 200),
    row("GET", "/api/v1/programmes/<slug>/events", "/api/v1/programmes/{slug}/events?month=0",
        401, 400, 400, 400, 400, 400),
]
