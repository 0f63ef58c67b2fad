"""Permission rows for calendar feeds (gathered by test_permissions.MATRIX)."""

from tests.functional.test_permissions import R, row

NO_FEED = "/feeds/999999"  # a feed id that does not exist: 404 for every signed-in role
NO_TOKEN = "/feeds/AAAAAAAAAAAAAAAAAAAAAAAA.ics"

ROWS = [
    row("GET", "/feeds/", "/feeds/", R, 200, 200, 200, 200, 200),
    row("GET", "/feeds/new", "/feeds/new?programme={slug}", R, 200, 200, 200, 200, 200),
    row("POST", "/feeds/new", "/feeds/new", R, 422, 422, 422, 422, 422),
    row("GET", "/feeds/<int:feed_id>", NO_FEED, R, 404, 404, 404, 404, 404),
    row("POST", "/feeds/<int:feed_id>/rename", NO_FEED + "/rename", R, 404, 404, 404, 404, 404),
    row("POST", "/feeds/<int:feed_id>/regenerate", NO_FEED + "/regenerate",
        R, 404, 404, 404, 404, 404),
    row("POST", "/feeds/<int:feed_id>/revoke", NO_FEED + "/revoke", R, 404, 404, 404, 404, 404),
    row("GET", "/feeds/<token>.ics", NO_TOKEN, 404, 404, 404, 404, 404, 404),
    row("GET", "/feeds/public/<slug>.ics", "/feeds/public/{slug}.ics",
        200, 200, 200, 200, 200, 200),
    row("GET", "/events/<int:event_id>.ics", "/events/{summit}.ics",
        200, 200, 200, 200, 200, 200),
    row("GET", "/events/<int:event_id>.ics", "/events/{pavlodar_draft}.ics",
        404, 404, 200, 404, 200, 200),
]
