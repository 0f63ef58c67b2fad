"""Preview and commit of a plan table: what will be created, changed or left alone.

The preview writes nothing. The commit re-reads the same bytes (never rows sent back by a
client), refuses when anything is wrong, and otherwise applies every row through the event
services (or stages them when the plan in force is being amended) within the caller's
transaction: the request or the CLI commits once, or rolls everything back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

from flask_babel import gettext as _

from eventplan.extensions import db
from eventplan.models import EDITABLE, Event, EventChange, Plan, Section, User
from eventplan.models.event import EVENT_FIELDS
from eventplan.services import amendments, audit, events
from eventplan.services.errors import DomainError, NotAllowed, ValidationError
from eventplan.services.events import EventData
from eventplan.services.plan_io.reader import MAX_BYTES, MAX_ROWS, read_sheets
from eventplan.services.plan_io.rows import ParsedRow, ParsedTable, Problem, parse_table
from eventplan.services.plans import plan_events

DEFAULT_CATEGORY = "organisational"
FIELD_COLUMNS = {f.name: f.sheet_column for f in EVENT_FIELDS if f.sheet_column}


class PlanClosed(NotAllowed):
    """The plan's state does not allow an import now (submitted, or approved and not amended)."""


class ImportRefused(ValidationError):
    """The file has problems; nothing was written."""

    def __init__(self, preview: Preview) -> None:
        super().__init__(_("The file has problems; nothing was imported."))
        self.preview = preview


class StalePreview(ValidationError):
    """The plan or the file changed since the preview the user confirmed."""

    def __init__(self, preview: Preview) -> None:
        super().__init__(_("The plan changed since the preview. Check the new preview and "
                           "confirm again."))
        self.preview = preview


@dataclass
class Action:
    row: int
    number: str
    kind: str  # create, change, unchanged, or invalid (the row has an error)
    title: str
    data: EventData | None
    event: Event | None = None
    staged_add: EventChange | None = None  # a new event already staged in the amendment
    changes: list[str] = field(default_factory=list)  # EventData fields that differ
    before: EventData | None = None  # the event's values before, for a change
    values: dict = field(default_factory=dict)  # what the row gave, also when invalid
    read: dict = field(default_factory=dict)  # how cells were read (deadline words, executors)
    problems: list[Problem] = field(default_factory=list)  # this row's, errors and warnings


@dataclass
class Preview:
    plan_id: int
    filename: str
    sheet: str = ""
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    untouched: int = 0  # events of the plan the file does not mention
    sha256: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    legend: dict[str, str] = field(default_factory=dict)  # the file's abbreviations

    def count(self, kind: str) -> int:
        return sum(a.kind == kind for a in self.actions)

    @property
    def unknown_agencies(self) -> list:
        """Names the executors columns use that match no agency (matching.Unknown), each
        once, in order of first use."""
        found: dict[str, object] = {}
        for action in self.actions:
            for unknown in action.read.get("unknown_found", []):
                found.setdefault(unknown.alias, unknown)
        return list(found.values())

    def digest(self) -> str:
        """Fingerprint of the file and of what it would do; a stale preview has another."""
        plan = [(a.number, a.kind, a.changes) for a in self.actions]
        raw = json.dumps([self.sha256, plan, len(self.errors)], ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


def check_can_import(plan: Plan, user: User) -> None:
    if not plan.is_open:
        raise NotAllowed(_("This programme is archived: it is read-only."))
    if plan.is_author(user) and plan.status == "submitted":
        raise PlanClosed(_("The plan is with headquarters for review; nothing can be imported "
                           "into it until they decide."))
    if plan.is_author(user) and plan.status == "approved":
        raise PlanClosed(_("The plan is approved. Open an amendment first; the import will "
                           "then stage its changes for approval."))
    if not (plan.can_edit_events(user) and plan.status in EDITABLE):
        raise NotAllowed(_("You cannot import events into this plan."))


def event_data(event: Event) -> EventData:
    """The event's current values in the shape the event services take."""
    tz = event.plan.programme.tz
    return EventData(
        number=event.number, section_id=event.section_id, category=event.category,
        lead_agency_id=event.lead_agency_id, starts_on=event.starts_on, ends_on=event.ends_on,
        start_time=event.starts_at.astimezone(tz).time() if event.starts_at else None,
        end_time=event.ends_at.astimezone(tz).time() if event.ends_at else None,
        title_kk=event.title_kk, title_ru=event.title_ru, title_en=event.title_en,
        description=event.description, coexecutor_ids=sorted(a.id for a in event.coexecutors),
        region_id=event.region_id, place=event.place, format=event.format, term=event.term,
        completion_form=event.completion_form, estimated_cost=event.estimated_cost,
        funding_source=event.funding_source, executors_note=event.executors_note,
    )


def _plain(data: EventData) -> dict:
    values = dataclasses.asdict(data)
    values["coexecutor_ids"] = sorted(set(values["coexecutor_ids"] or []))
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip() or None
    return values


def _changed(before: EventData, after: EventData) -> list[str]:
    old, new = _plain(before), _plain(after)
    return [k for k in new if old[k] != new[k]]


class _Planner:
    def __init__(self, plan: Plan, table: ParsedTable, validate: bool = True) -> None:
        self.plan, self.table, self.validate = plan, table, validate
        self.events = {e.number: e for e in plan_events(plan)}
        self.numbers = {number: e.id for number, e in self.events.items()}
        self.staged: dict[int, EventChange] = {}
        self.staged_adds: dict[str, EventChange] = {}
        if plan.is_amendment:
            for change in amendments.staged(plan):
                if change.action == "add":
                    self.staged_adds[str(change.data.get("number"))] = change
                elif change.event_id is not None:
                    self.staged[change.event_id] = change
        self.problems: list[Problem] = []

    def problem(self, row: int, name: str | None, message: str) -> None:
        self.problems.append(Problem(row, self.table.labels.get(name or ""), message))

    def base(self, parsed: ParsedRow) -> tuple[EventData | None, Event | None, EventChange | None]:
        event = self.events.get(parsed.number)
        if event is not None:
            change = self.staged.get(event.id)
            if change is not None and change.action == "remove":
                self.problem(parsed.row, "number", _("Event %(n)s is marked for removal in "
                                                     "this amendment; restore it first.",
                                                     n=parsed.number))
                return None, event, None
            if change is not None:
                return amendments.load(change.data), event, None
            return event_data(event), event, None
        staged_add = self.staged_adds.get(parsed.number)
        if staged_add is not None:
            return amendments.load(staged_add.data), None, staged_add
        return None, None, None

    def invalid(self, parsed: ParsedRow) -> Action:
        values = {k: v for k, v in parsed.values.items() if not k.startswith("_")}
        return Action(parsed.row, parsed.number, "invalid", parsed.title, None,
                      values=values, read=_read(parsed))

    def action(self, parsed: ParsedRow) -> Action:
        action = self._action(parsed)
        if action is None:
            return self.invalid(parsed)
        action.values = {k: v for k, v in parsed.values.items() if not k.startswith("_")}
        action.read = _read(parsed)
        return action

    def _action(self, parsed: ParsedRow) -> Action | None:
        values = {k: v for k, v in parsed.values.items() if not k.startswith("_")}
        executors = parsed.read.get("executors")
        if "_bad_dates" in parsed.values or (executors is not None and executors.unknown):
            return None
        if executors is not None:  # phrases naming no agency are kept as written
            values["executors_note"] = "; ".join(
                c.text for c in executors.collectives if not c.ids)[:500] or None
        base, event, staged_add = self.base(parsed)
        if base is None and event is not None:
            return None
        lang = self.table.title_lang
        if base is not None:
            lang = next((code for code in ("kk", "ru", "en")
                         if getattr(base, f"title_{code}") == parsed.title), lang)
            guessed = parsed.values.get("_section_guessed")
            section = db.session.get(Section, base.section_id)
            keep = section is not None and (section.month is None
                                            or section.month == values["starts_on"].month)
            if guessed and keep:
                values.pop("section_id", None)
            data = dataclasses.replace(base, number=parsed.number, **values)
        elif "section_id" not in values:
            return None  # the section could not be read: reported already
        else:
            values.setdefault("lead_agency_id", self.plan.agency_id)
            values.setdefault("category", DEFAULT_CATEGORY)
            values["category"] = values["category"] or DEFAULT_CATEGORY
            values["format"] = values.get("format") or "offline"
            data = EventData(number=parsed.number, **values)
        data.category = data.category or (base.category if base else DEFAULT_CATEGORY)
        data.format = data.format or (base.format if base else "offline")
        setattr(data, f"title_{lang}", parsed.title)
        try:
            if self.validate:  # on commit the event services validate each row anyway
                events.validate(self.plan, data, event, self.numbers)
        except ValidationError as exc:
            name = parsed.columns.get(exc.field or "") or FIELD_COLUMNS.get(exc.field or "")
            self.problem(parsed.row, name, exc.message)
            return None
        if base is None:
            kind, changes = "create", []
        else:
            changes = _changed(base, data)
            kind = "change" if changes else "unchanged"
        return Action(parsed.row, parsed.number, kind, parsed.title, data, event, staged_add,
                      changes, base if changes else None)


def _read(parsed: ParsedRow) -> dict:
    read = dict(parsed.read)
    executors = read.pop("executors", None)
    if executors is not None:
        read["collectives"] = [(c.kind, c.text, len(c.ids)) for c in executors.collectives]
        read["unknown"] = [u.shown for u in executors.unknown]
        read["unknown_found"] = executors.unknown
    return read


def preview_import(plan: Plan, user: User, content: bytes, filename: str,
                   max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS,
                   _validate: bool = True) -> Preview:
    """What importing the file would do; raises BadFile for an unreadable file. Writes nothing."""
    check_can_import(plan, user)
    sheets = read_sheets(content, filename, max_rows=max_rows, max_bytes=max_bytes)
    with db.session.no_autoflush:
        table = parse_table(plan, sheets)
        planner = _Planner(plan, table, _validate)
        preview = Preview(plan.id, filename, table.sheet, problems=list(table.problems),
                          sha256=hashlib.sha256(content).hexdigest())
        preview.legend = table.legend
        seen: dict[str, int] = {}
        for parsed in table.rows:
            if parsed.number in seen:
                planner.problem(parsed.row, "number", _(
                    "Number %(n)s is used twice in the file (rows %(a)d and %(b)d).",
                    n=parsed.number, a=seen[parsed.number], b=parsed.row))
                preview.actions.append(planner.invalid(parsed))
                continue
            seen[parsed.number] = parsed.row
            preview.actions.append(planner.action(parsed))
    preview.problems += planner.problems
    preview.problems.sort(key=lambda p: (p.row or 0, p.severity))
    by_row: dict[int, list[Problem]] = {}
    for problem in preview.problems:
        by_row.setdefault(problem.row or 0, []).append(problem)
    for action in preview.actions:
        action.problems = by_row.get(action.row, [])
        if action.kind != "invalid" and any(p.severity == "error" for p in action.problems):
            action.kind = "invalid"
    preview.untouched = len(set(planner.events) - set(seen))
    return preview


def commit_import(plan: Plan, user: User, content: bytes, filename: str,
                  max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS,
                  expected_digest: str | None = None) -> Preview:
    """Apply the whole file or nothing; flushes, the caller commits (or rolls back).

    ``expected_digest`` is the digest of the preview the user saw: if the plan changed
    since, the new preview is raised (StalePreview) instead of applying something unseen.
    """
    preview = preview_import(plan, user, content, filename, max_bytes, max_rows,
                             _validate=False)
    if preview.errors:  # show every problem, the event rules' too
        raise ImportRefused(preview_import(plan, user, content, filename, max_bytes, max_rows))
    if expected_digest is not None and expected_digest != preview.digest():
        raise StalePreview(preview)
    # The services flush each event themselves; without autoflush their look-ups do not
    # flush the audit rows one by one as well (a third of the time at 2,400 rows).
    with db.session.no_autoflush:
        for action in preview.actions:
            if action.kind in ("unchanged", "invalid"):
                continue
            try:
                _apply(plan, user, action)
            except DomainError as exc:
                raise ValidationError(_("Row %(r)d: %(m)s", r=action.row,
                                        m=exc.message)) from exc
    created, changed = preview.count("create"), preview.count("change")
    if created or changed:
        audit.record(user, "plan.import", plan, {"created": [0, created],
                                                 "changed": [0, changed]}, note=filename)
    db.session.flush()
    return preview


def _apply(plan: Plan, user: User, action: Action) -> None:
    # amendments.apply_or_stage decides "stage in the amendment or apply now", as for the forms.
    if action.staged_add is not None:
        amendments.discard(action.staged_add, user)
    if action.event is None:
        amendments.apply_or_stage(user, "add", plan=plan, data=action.data)
    else:
        amendments.apply_or_stage(user, "change", event=action.event, data=action.data,
                                  expected_version=action.event.version)
