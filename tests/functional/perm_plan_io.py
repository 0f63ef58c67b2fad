"""Permission rows for plan export and import (gathered by test_permissions.MATRIX)."""

from tests.functional.test_permissions import R, row

ROWS = [
    # A draft: only those who see drafts today (its authors, hq, admin); others get 404.
    row("GET", "/plans/<int:plan_id>/export.xlsx", "/plans/{pavlodar}/export.xlsx",
        R, 404, 200, 404, 200, 200),
    # Export follows plan.can_view: a plan in force is exported to everyone who may read it.
    row("GET", "/plans/<int:plan_id>/export.xlsx", "/plans/{republican}/export.xlsx",
        R, 200, 200, 200, 200, 200),
    row("GET", "/plans/<int:plan_id>/export.xlsx", "/plans/{akmola}/export.xlsx",
        R, 200, 200, 200, 200, 200),
    row("GET", "/plans/<int:plan_id>/import", "/plans/{pavlodar}/import",
        R, 404, 200, 404, 403, 200),
    # An approved plan not open for amendment: its authors are told why (409).
    row("GET", "/plans/<int:plan_id>/import", "/plans/{republican}/import",
        R, 403, 403, 403, 409, 409),
    row("GET", "/plans/<int:plan_id>/import", "/plans/{akmola}/import",
        R, 403, 403, 409, 403, 409),
    row("POST", "/plans/<int:plan_id>/import", "/plans/{pavlodar}/import",
        R, 404, 422, 404, 403, 422),
    row("POST", "/plans/<int:plan_id>/import", "/plans/{republican}/import",
        R, 403, 403, 403, 409, 409),
    row("POST", "/plans/<int:plan_id>/import/confirm", "/plans/{pavlodar}/import/confirm",
        R, 404, 400, 404, 403, 400),
    row("POST", "/plans/<int:plan_id>/import/confirm", "/plans/{akmola}/import/confirm",
        R, 403, 403, 409, 403, 409),
    row("POST", "/plans/<int:plan_id>/import/agencies", "/plans/{pavlodar}/import/agencies",
        R, 404, 400, 404, 403, 400),
    row("POST", "/plans/<int:plan_id>/import/agencies", "/plans/{akmola}/import/agencies",
        R, 403, 403, 409, 403, 409),
    row("GET", "/plans/new-from-table", "/plans/new-from-table", R, 403, 200, 200, 200, 200),
    row("POST", "/plans/new-from-table", "/plans/new-from-table", R, 403, 422, 422, 422, 422),
]
