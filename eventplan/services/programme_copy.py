"""Next year's programme from this year's: copy a programme with every date shifted.

The offset is whole years when the new start has the source's month and day (29 February
falls on the 28th), otherwise an exact number of days. Copied: the monthly blocks with their
themes, the general sections, the republican plan's events as a draft plan, the regional and
sectoral plans as empty drafts, commemorations recomputed for the new dates. Not copied:
reports, approvals, revisions, feeds, notifications and the audit log. Regions and akimats
that no longer exist on the new start give way to their successors (Nur-Sultan -> Astana).
Flushes only; the caller commits the one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventplan.extensions import db
from eventplan.models import Agency, Commemoration, Event, Plan, Programme, Region, Section, User
from eventplan.services import audit
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.services.programmes import programme_by_slug
from eventplan.services.reference import akimat_code

PARTS = ("blocks", "sections", "plan", "skeletons", "commemorations")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")


@dataclass(frozen=True)
class Shift:
    """How every date moves: ``years`` whole years, or ``days`` exactly."""

    years: int = 0
    days: int = 0

    @classmethod
    def between(cls, old: date, new: date) -> Shift:
        if (old.month, old.day) == (new.month, new.day):
            return cls(years=new.year - old.year)
        return cls(days=(new - old).days)

    def __call__(self, day: date) -> date:
        if not self.years:
            return day + timedelta(days=self.days)
        try:
            return day.replace(year=day.year + self.years)
        except ValueError:  # 29 February in a common year
            return date(day.year + self.years, 2, 28)

    def describe(self) -> str:
        return f"{self.years:+d} years" if self.years else f"{self.days:+d} days"


def can_copy(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.role in {"admin", "hq"})


def clean_parts(parts: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(p for p in PARTS if p in set(parts))
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValidationError(_("Unknown part: %(name)s.", name=", ".join(sorted(unknown))),
                              "parts")
    if "plan" in wanted and not {"blocks", "sections"} <= set(wanted):
        raise ValidationError(_("The republican plan's events need the blocks and the "
                                "sections: choose them too."), "parts")
    return wanted


def copy_programme(source: Programme, user: User | None, *, slug: str, names: dict[str, str],
                   starts_on: date, parts: Iterable[str] = PARTS) -> Programme:
    """Create programme ``slug`` from ``source`` starting on ``starts_on``; audited.

    ``user`` None is the command line (the audit entry then has no author). A slug already
    in use is refused before anything is written.
    """
    if user is not None and not can_copy(user):
        raise NotAllowed(_("Only headquarters can copy a programme."))
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        raise ValidationError(_("A short name of 2-80 lowercase Latin letters, digits and "
                                "hyphens."), "slug")
    if programme_by_slug(slug) is not None:
        raise ValidationError(_("A programme with the short name %(slug)s already exists.",
                                slug=slug), "slug")
    names = {k: (names.get(k) or "").strip() or None for k in ("kk", "ru", "en")}
    if not any(names.values()):
        raise ValidationError(_("Give the title in at least one language."), "name_ru")
    wanted = clean_parts(parts)
    shift = Shift.between(source.starts_on, starts_on)
    target = Programme(
        slug=slug, name_kk=names["kk"], name_ru=names["ru"], name_en=names["en"],
        starts_on=starts_on, ends_on=shift(source.ends_on), timezone=source.timezone,
        is_public=False, report_deadline_days=source.report_deadline_days)
    db.session.add(target)
    sections = _copy_sections(source, target, wanted, shift)
    if "commemorations" in wanted:
        _copy_commemorations(source, target, shift)
    db.session.flush()
    mapper = _Successors(starts_on)
    counts = {"plans": 0, "events": 0}
    if "plan" in wanted or "skeletons" in wanted:
        counts = _copy_plans(source, target, wanted, shift, sections, mapper)
    audit.record(user, "programme.copy", target, {
        "slug": [None, slug], "source": [None, source.slug], "parts": [None, list(wanted)],
        "shift": [None, shift.describe()], "plans": [None, counts["plans"]],
        "events": [None, counts["events"]]})
    db.session.flush()
    return target


def _copy_sections(source: Programme, target: Programme, wanted: tuple[str, ...],
                   shift: Shift) -> dict[int, Section]:
    """New sections by old section id. A block's month follows its shifted middle day when
    that keeps the twelve months distinct (a shift by days), else it stays."""
    months = {s.id: shift(date(source.starts_on.year, s.month, 15)).month
              for s in source.sections if s.month is not None}
    if len(set(months.values())) != len(months):
        months = {s.id: s.month for s in source.sections if s.month is not None}
    copied: dict[int, Section] = {}
    for section in source.sections:
        if ("blocks" if section.is_block else "sections") not in wanted:
            continue
        new = Section(position=section.position, kind=section.kind, month=months.get(section.id),
                      name_kk=section.name_kk, name_ru=section.name_ru, name_en=section.name_en)
        target.sections.append(new)
        copied[section.id] = new
    return copied


def _copy_commemorations(source: Programme, target: Programme, shift: Shift) -> None:
    """The same people and bodies, their anniversary counted for the year in which their
    day falls inside the new period: Zhambyl's 175 years in 2021 are 180 in 2026."""
    for item in source.commemorations:
        if item.origin_date is not None:
            year = target.starts_on.year
            if _same_day(item.origin_date, year) < target.starts_on:
                year += 1
            anniversary = year - item.origin_year
        else:  # only the year is known: move it as the programme moves
            observed = date(item.origin_year + item.anniversary, 7, 1)
            anniversary = item.anniversary + shift(observed).year - observed.year
        target.commemorations.append(Commemoration(
            anniversary=anniversary, origin_year=item.origin_year,
            origin_date=item.origin_date, note=item.note,
            name_kk=item.name_kk, name_ru=item.name_ru, name_en=item.name_en))


def _same_day(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return date(year, 3, 1)


class _Successors:
    """A region (and its akimat) valid on the new start, or the one that replaced it."""

    def __init__(self, on: date) -> None:
        self.on = on
        self.regions = list(db.session.scalars(select(Region)))
        self.akimats = {a.code: a for a in db.session.scalars(
            select(Agency).where(Agency.kind == "akimat"))}

    def region(self, region: Region | None) -> Region | None:
        seen = 0
        while region is not None and not region.valid_on(self.on) and seen < 5:
            ends = region.valid_to
            region = next((r for r in self.regions if ends is not None
                           and r.valid_from == ends + timedelta(days=1)), None)
            seen += 1
        return region if region is None or region.valid_on(self.on) else None

    def agency(self, agency: Agency) -> Agency | None:
        if agency.kind != "akimat" or agency.region is None:
            return agency
        region = self.region(agency.region)
        return self.akimats.get(akimat_code(region.code)) if region is not None else None


def _copy_plans(source: Programme, target: Programme, wanted: tuple[str, ...], shift: Shift,
                sections: dict[int, Section], mapper: _Successors) -> dict[str, int]:
    plans = db.session.scalars(
        select(Plan).where(Plan.programme_id == source.id).order_by(Plan.level, Plan.id)
        .options(selectinload(Plan.agency).selectinload(Agency.region))).all()
    made: set[tuple[int, str]] = set()
    counts = {"plans": 0, "events": 0}
    for plan in plans:
        part = "plan" if plan.level == "republican" else "skeletons"
        agency = mapper.agency(plan.agency)
        if part not in wanted or agency is None or (agency.id, plan.level) in made:
            continue
        made.add((agency.id, plan.level))
        new = Plan(agency=agency, level=plan.level, status="draft", revision=0, in_force=False)
        new.programme = target
        db.session.add(new)
        counts["plans"] += 1
        if plan.level == "republican":
            counts["events"] += _copy_events(plan, new, shift, sections, mapper,
                                             source.tz, target.tz)
    db.session.flush()
    return counts


def _moved(shift: Shift, instant: datetime | None, old_tz, new_tz) -> datetime | None:
    """The same local wall time on the shifted day (2021 was UTC+6 in Almaty, 2026 UTC+5)."""
    if instant is None:
        return None
    local = instant.astimezone(old_tz)
    day = shift(local.date())
    return datetime.combine(day, local.time(), tzinfo=new_tz).astimezone(UTC)


def _copy_events(plan: Plan, new: Plan, shift: Shift, sections: dict[int, Section],
                 mapper: _Successors, old_tz, new_tz) -> int:
    events = db.session.scalars(
        select(Event).where(Event.plan_id == plan.id).order_by(Event.position, Event.id)
        .options(selectinload(Event.coexecutors).selectinload(Agency.region),
                 selectinload(Event.lead_agency).selectinload(Agency.region),
                 selectinload(Event.region))).all()
    same: Callable[[Agency], Agency | None] = mapper.agency
    for event in events:
        lead = same(event.lead_agency) or event.lead_agency
        copy = Event(
            plan=new, number=event.number, position=event.position,
            title_kk=event.title_kk, title_ru=event.title_ru, title_en=event.title_en,
            description=event.description, section=sections[event.section_id],
            category=event.category, lead_agency=lead, region=mapper.region(event.region),
            place=event.place, format=event.format,
            starts_on=shift(event.starts_on), ends_on=shift(event.ends_on),
            starts_at=_moved(shift, event.starts_at, old_tz, new_tz),
            ends_at=_moved(shift, event.ends_at, old_tz, new_tz),
            term=event.term, completion_form=event.completion_form,
            estimated_cost=event.estimated_cost, funding_source=event.funding_source,
            executors_note=event.executors_note,
            status="planned")
        coexecutors = [a for a in (same(c) for c in event.coexecutors) if a is not None]
        copy.coexecutors = [a for a in dict.fromkeys(coexecutors) if a.id != lead.id]
        db.session.add(copy)
    return len(events)
