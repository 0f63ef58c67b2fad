"""A preview as plain data: what was read on each row, and old -> new for each change.

The web preview and ``eventplan import-plan --dry-run --json`` both show this, so an agency
checking its table in a script sees exactly what the page shows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from eventplan import labels
from eventplan.extensions import db
from eventplan.models import Agency, Plan, Region, Section
from eventplan.services.plan_io.deadlines_text import format_day
from eventplan.services.plan_io.executors import COLLECTIVE_LABELS
from eventplan.services.plan_io.importer import Action, Preview


class _Names:
    def __init__(self, plan: Plan) -> None:
        self.agencies = {a.id: a for a in db.session.scalars(select(Agency))}
        self.sections = {s.id: s for s in db.session.scalars(
            select(Section).where(Section.programme_id == plan.programme_id))}
        self.regions = {r.id: r for r in db.session.scalars(select(Region))}
        self._agency: dict[int, dict] = {}
        self.collective = {kind: str(label) for kind, label in COLLECTIVE_LABELS.items()}
        self._section: dict[int, tuple[str, int | None]] = {
            s.id: (s.display_name(), s.month) for s in self.sections.values()}

    def agency(self, agency_id: int | None) -> dict | None:
        """{"id", "code", "name"}, built once per agency (rows repeat the same ones)."""
        if agency_id not in self._agency:
            agency = self.agencies.get(agency_id) if agency_id is not None else None
            if agency is None:
                return None
            self._agency[agency_id] = {"id": agency.id, "code": agency.code,
                                       "name": agency.display_name()}
        return self._agency[agency_id]

    def section(self, section_id: int | None) -> tuple[str | None, int | None]:
        return self._section.get(section_id, (None, None)) if section_id else (None, None)

    def shown(self, name: str, value: object) -> str:
        """A field's value as a person reads it."""
        if value is None or value == "" or value == []:
            return "—"
        if name == "lead_agency_id":
            return self.agencies[value].display_name() if value in self.agencies else str(value)
        if name == "coexecutor_ids":
            return "; ".join(self.agencies[a].display_name() for a in value
                             if a in self.agencies)
        if name == "section_id":
            section = self.sections.get(value)
            return section.display_name() if section else str(value)
        if name == "region_id":
            region = self.regions.get(value)
            return region.display_name() if region else str(value)
        if name == "category":
            return labels.label(labels.CATEGORY_LABELS, value)
        if name == "format":
            return labels.label(labels.FORMAT_LABELS, value)
        if isinstance(value, date):
            return format_day(value)
        if isinstance(value, Decimal):
            return f"{value:,.2f}".replace(",", " ")
        return str(value)


def _value(action: Action, name: str) -> object:
    if action.data is not None:
        return getattr(action.data, name)
    return action.values.get(name)


def describe_action(action: Action, names: _Names) -> dict:
    starts, ends = _value(action, "starts_on"), _value(action, "ends_on")
    block, month = names.section(_value(action, "section_id"))
    cost = _value(action, "estimated_cost")
    lead = names.agency(_value(action, "lead_agency_id"))
    coexecutors = [names.agency(a) for a in _value(action, "coexecutor_ids") or []]
    return {
        "row": action.row,
        "number": action.number,
        "title": action.title,
        "action": action.kind,
        "starts_on": starts.isoformat() if starts else None,
        "ends_on": ends.isoformat() if ends else None,
        "dates": " – ".join(dict.fromkeys(format_day(d) for d in (starts, ends) if d)),
        "term": _value(action, "term"),
        "deadline_as_written": action.read.get("deadline") or None,
        "lead_agency": lead,
        "coexecutors": [c for c in coexecutors if c],
        "coexecutor_codes": [c["code"] for c in coexecutors if c],
        "coexecutors_shown": "; ".join(c["name"] for c in coexecutors if c),
        "collective_executors": [
            {"kind": kind, "label": names.collective[kind], "as_written": text,
             "agencies": count} for kind, text, count in action.read.get("collectives", [])],
        "unknown_agencies": action.read.get("unknown", []),
        "block": block,
        "block_month": month,
        "cost": str(cost) if cost is not None else None,
        "cost_shown": names.shown("estimated_cost", cost) if cost is not None else None,
        "completion_form": _value(action, "completion_form"),
        "funding_source": _value(action, "funding_source"),
        "changes": [
            {"field": name, "label": labels.label(labels.FIELD_LABELS, name),
             "old": names.shown(name, getattr(action.before, name, None)),
             "new": names.shown(name, _value(action, name))}
            for name in action.changes],
        "problems": [{"severity": p.severity, "column": p.column, "message": p.message}
                     for p in action.problems],
    }


def describe(preview: Preview, plan: Plan) -> dict:
    """The whole preview as JSON-ready data."""
    names = _Names(plan)
    rows = [describe_action(action, names) for action in preview.actions]
    in_rows = {a.row for a in preview.actions}
    return {
        "plan": plan.id,
        "file": preview.filename,
        "sheet": preview.sheet,
        "summary": {kind: preview.count(kind)
                    for kind in ("create", "change", "unchanged", "invalid")}
                   | {"not_in_file": preview.untouched, "errors": len(preview.errors),
                      "warnings": len(preview.warnings)},
        "can_import": not preview.errors,
        "legend": preview.legend,
        "rows": rows,
        "problems": [{"row": p.row, "severity": p.severity, "column": p.column,
                      "message": p.message} for p in preview.problems
                     if p.row not in in_rows],
        "message": _("Nothing can be imported until the errors are corrected in the file.")
                   if preview.errors else None,
    }
