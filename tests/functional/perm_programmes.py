"""Permission rows for the programme switcher, copying, archiving, and what an archived
(finished) programme still allows: reading, dashboards, exports and feeds, but no new
events, reports or approvals (issue 18). Rows naming ``{arch_*}`` run against a small
archived programme that :func:`archived_world` adds to the shared world."""

from datetime import UTC, date, datetime

from eventplan.extensions import db
from eventplan.models import Plan, Programme, Section
from tests.factories import make_event
from tests.functional.test_permissions import R, row

ARCH = "archive-2016"


def archived_world(world) -> None:
    """An archived programme: an approved republican plan with an event Pavlodar leads,
    a draft Pavlodar plan and a submitted Akmola plan."""
    if "arch_event" in world.events:
        return
    programme = Programme(slug=ARCH, name_ru="Архив 2016", name_kk="Мұрағат 2016",
                          name_en="Archive 2016", starts_on=date(2016, 1, 1),
                          ends_on=date(2016, 12, 31), timezone="Asia/Almaty", is_public=True,
                          archived_at=datetime(2017, 2, 1, tzinfo=UTC))
    block = Section(programme=programme, position=1, kind="block", month=3,
                    name_ru="Наурыз", name_en="Nauryz")
    agencies = world.agencies
    republican = Plan(programme=programme, agency=agencies["HQ"], level="republican",
                      status="approved", in_force=True, revision=1)
    draft = Plan(programme=programme, agency=agencies["AKIMAT_PAVLODAR"], level="regional",
                 status="draft")
    submitted = Plan(programme=programme, agency=agencies["AKIMAT_AKMOLA"], level="regional",
                     status="submitted")
    db.session.add_all([programme, republican, draft, submitted])
    event = make_event(republican, block, "1", "Наурыз мейрамы 2016", date(2016, 3, 22),
                       agencies["AKIMAT_PAVLODAR"])
    db.session.commit()
    world.plans.update(arch_republican=republican, arch_draft=draft, arch_submitted=submitted)
    world.events["arch_event"] = event


ROWS = [
    row("POST", "/programmes/switch", "/programmes/switch", 404, 404, 404, 404, 404, 404),
    row("GET", "/programmes/<slug>/copy", "/programmes/{slug}/copy", R, 403, 403, 403, 200, 200),
    row("POST", "/programmes/<slug>/copy", "/programmes/{slug}/copy", R, 403, 403, 403, 422, 422),
    row("POST", "/programmes/<slug>/archive", "/programmes/{slug}/archive",
        R, 403, 403, 403, 400, 400),
    # An archived programme is read as before ...
    row("GET", "/programmes/<slug>/", f"/programmes/{ARCH}/?{{arch_event}}",
        200, 200, 200, 200, 200, 200),
    row("GET", "/events/<int:event_id>", "/events/{arch_event}", 200, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/", f"/reports/{ARCH}/?{{arch_event}}", R, 200, 200, 200, 200, 200),
    row("GET", "/reports/<slug>/export.xlsx", f"/reports/{ARCH}/export.xlsx?{{arch_event}}",
        R, 200, 200, 200, 200, 200),
    row("GET", "/feeds/public/<slug>.ics", f"/feeds/public/{ARCH}.ics?{{arch_event}}",
        200, 200, 200, 200, 200, 200),
    # ... but nobody adds or changes events, reports or decisions in it.
    row("GET", "/events/<int:event_id>/edit", "/events/{arch_event}/edit",
        R, 403, 403, 403, 403, 403),
    row("GET", "/plans/<int:plan_id>/events/new", "/plans/{arch_republican}/events/new",
        R, 403, 403, 403, 403, 403),
    row("GET", "/events/<int:event_id>/report", "/events/{arch_event}/report",
        R, 403, 403, 403, 403, 403),
    row("GET", "/events/<int:event_id>/postpone", "/events/{arch_event}/postpone",
        R, 403, 403, 403, 403, 403),
    row("POST", "/plans/<int:plan_id>/submit", "/plans/{arch_draft}/submit",
        R, 404, 403, 404, 403, 403),
    row("POST", "/plans/<int:plan_id>/approve", "/plans/{arch_submitted}/approve",
        R, 403, 403, 403, 403, 403),
]
