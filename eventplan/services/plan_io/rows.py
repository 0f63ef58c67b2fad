"""A sheet's rows read as plan items: values per field, and the problems found on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl.utils import get_column_letter

from eventplan import parsing
from eventplan.models import Plan
from eventplan.services import events
from eventplan.services.plan_io import headers
from eventplan.services.plan_io.deadlines_text import (
    Deadline,
    DeadlineError,
    format_range,
    parse_deadline,
)
from eventplan.services.plan_io.legend import read_legend, split_notes
from eventplan.services.plan_io.matching import Lookups
from eventplan.services.plan_io.reader import BadFile, Sheet
from eventplan.services.plan_io.text import cell_text, has_kazakh_letters, is_cyrillic

HEADER_SCAN = 30  # rows searched for the header
TEXT_LIMITS = {"completion_form": 300, "funding_source": 200, "term": 120, "number": 20}


@dataclass
class Problem:
    row: int | None
    column: str | None  # "E (Орындау мерзімі)"
    message: str
    severity: str = "error"  # "error" stops the import; "warning" does not


@dataclass
class ParsedRow:
    row: int
    number: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)  # EventData fields the file gives
    columns: dict[str, str] = field(default_factory=dict)  # EventData field -> column label
    read: dict[str, Any] = field(default_factory=dict)  # how cells were read, for the preview


@dataclass
class ParsedTable:
    sheet: str
    columns: dict[str, int]  # recognised field -> column index
    rows: list[ParsedRow]
    problems: list[Problem]
    title_lang: str
    labels: dict[str, str] = field(default_factory=dict)  # field -> "E (header)"
    legend: dict[str, str] = field(default_factory=dict)  # the file's "ABBR – full name"
    notes_at: int | None = None  # row of the notes block, where reading stopped
    # Kept while the rows are planned: it holds the agencies and sections, so the event
    # rules' look-ups by id are answered from the session, not the database.
    lookups: Lookups | None = None


def find_header(sheets: list[Sheet]) -> tuple[Sheet, int, dict[str, int]]:
    """The first sheet with a recognisable header row; BadFile when there is none."""
    if all(not sheet.rows for sheet in sheets):
        raise BadFile(_("The sheet is empty: there is no table to import."))
    for sheet in sheets:
        for position, (_number, values) in enumerate(sheet.rows[:HEADER_SCAN]):
            found = headers.recognise(values)
            if headers.is_header(found):
                return sheet, position, found
    raise BadFile(_("No recognisable header row. The table needs columns such as No., "
                    "event, responsible executors and deadline (in Kazakh, Russian or "
                    "English) in one of its first %(n)d rows.", n=HEADER_SCAN))


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_text(value).rstrip(".").strip()


NOT_A_NUMBER = re.compile(r"[+-]?(s?nan|inf|infinity)")


def _cost(value: object, factor: Decimal) -> Decimal | None:
    """An amount in tenge; ValueError for what is not one (NaN and Infinity included, which
    ``Decimal`` would take and the database would not)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = cell_text(value)
        if NOT_A_NUMBER.fullmatch(text.strip().lower()):
            raise ValueError(text)
        if not any(ch.isdigit() for ch in text):  # "²" too: reported below, not dropped
            return None  # "не требуется", "в пределах выделенных средств", "—"
        cleaned = re.sub(r"[\s\u00a0]|тенге|теңге|тг|kzt|₸", "", text.lower())
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        cleaned = cleaned.replace(",", "")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(text) from None
    try:
        return parsing.parse_decimal((amount * factor).quantize(Decimal("0.01")))
    except (parsing.ParseError, InvalidOperation):
        raise ValueError(value) from None


def title_language(titles: list[str]) -> str:
    """The language of the event column: a table is written in one language."""
    if not titles:
        return "ru"
    cyrillic = [t for t in titles if is_cyrillic(t)]
    if len(cyrillic) * 2 < len(titles):
        return "en"
    kazakh = sum(has_kazakh_letters(t) for t in cyrillic)
    return "kk" if kazakh * 2 > len(cyrillic) else "ru"


class RowReader:
    def __init__(self, plan: Plan, lookups: Lookups, sheet: Sheet, header_at: int,
                 columns: dict[str, int]) -> None:
        self.plan, self.lookups, self.sheet, self.columns = plan, lookups, sheet, columns
        self.header_at = header_at
        self.header = sheet.rows[header_at][1]
        self.year = plan.programme.starts_on.year
        self.factor = headers.cost_factor(self.cell_of(self.header, "estimated_cost"))
        self.problems: list[Problem] = []
        self.heading = None

    def label(self, name: str) -> str:
        index = self.columns[name]
        return f"{get_column_letter(index + 1)} ({cell_text(self.header[index])})"

    @staticmethod
    def _cell(values: list[object], index: int | None) -> object:
        return values[index] if index is not None and index < len(values) else None

    def cell_of(self, values: list[object], name: str) -> object:
        return self._cell(values, self.columns.get(name))

    def problem(self, row: int, name: str | None, message: str, severity="error") -> None:
        column = self.label(name) if name in self.columns else None
        self.problems.append(Problem(row, column, message, severity))

    def read(self) -> ParsedTable:
        rows: list[ParsedRow] = []
        body = self.sheet.rows[self.header_at + 1:]
        if body and headers.is_column_numbers(body[0][1]):
            body = body[1:]
        body, notes = split_notes(body)
        legend = read_legend(notes)
        self.lookups.add_file_abbreviations(legend)
        for number, values in body:
            if self._cell_issues(number):
                continue
            parsed = self._row(number, values, len(rows) + 1)
            if parsed is not None:
                rows.append(parsed)
        lang = title_language([r.title for r in rows])
        if not rows and not any(p.severity == "error" for p in self.problems):
            raise BadFile(_("The table has a header but no events under it."))
        labels = {name: self.label(name) for name in self.columns}
        return ParsedTable(self.sheet.name, self.columns, rows, self.problems, lang, labels,
                           legend, notes[0][0] if notes else None, self.lookups)

    def _cell_issues(self, row: int) -> bool:
        """Report error values and formulas without a value in the columns that are read."""
        found = False
        for name, index in self.columns.items():
            if (row, index + 1) in self.sheet.errors:
                self.problem(row, name, _("The cell holds the error %(e)s; correct it in the "
                                          "spreadsheet.", e=self.sheet.errors[(row, index + 1)]))
                found = True
            elif (row, index + 1) in self.sheet.formulas:
                self.problem(row, name, _("The cell holds a formula without a computed value; "
                                          "open the file in Excel, save it and upload again."))
                found = True
        return found

    def _row(self, row: int, values: list[object], sequence: int) -> ParsedRow | None:
        texts = {cell_text(v) for v in values} - {""}
        raw_number = self.cell_of(values, "number") if "number" in self.columns else sequence
        number = _number(raw_number)
        title = cell_text(self.cell_of(values, "title"))
        if len(texts) == 1 and not re.fullmatch(r"[\d.\s]+", next(iter(texts))):
            self._heading(row, texts.pop())  # one text, merged across or in one cell
            return None
        others = {cell_text(v) for i, v in enumerate(values)
                  if i != self.columns.get("number")} - {""}
        if number and others == {title} and self.lookups.section(title) is not None:
            self._heading(row, title)  # "1 | Организационные мероприятия" (numbered section)
            return None
        if not number:
            self.problem(row, "number", _("The event has no number."))
            return None
        if not title:
            self.problem(row, "title", _("The event has no title."))
            return None
        parsed = ParsedRow(row, number, title)
        if len(number) > TEXT_LIMITS["number"]:
            self.problem(row, "number", _("At most %(n)d characters.", n=TEXT_LIMITS["number"]))
        self._texts(parsed, values)
        self._executors(parsed, values)
        self._schedule(parsed, values)
        self._choices(parsed, values)
        return parsed

    def _heading(self, row: int, text: str) -> None:
        section = self.lookups.section(text)
        if section is None:
            self.problem(row, None, _("This row looks like a section heading, but it names no "
                                      "block or section of the programme: \"%(t)s\".",
                                      t=text[:80]), "warning")
        self.heading = section

    def _texts(self, parsed: ParsedRow, values: list[object]) -> None:
        for name in ("completion_form", "funding_source"):
            if name in self.columns:
                text = cell_text(self.cell_of(values, name)) or None
                if text and len(text) > TEXT_LIMITS[name]:
                    self.problem(parsed.row, name, _("At most %(n)d characters.",
                                                     n=TEXT_LIMITS[name]))
                parsed.values[name] = text
                parsed.columns[name] = name
        if "estimated_cost" in self.columns:
            raw = self.cell_of(values, "estimated_cost")
            try:
                parsed.values["estimated_cost"] = _cost(raw, self.factor)
            except ValueError:
                self.problem(parsed.row, "estimated_cost",
                             _("\"%(v)s\" is not an amount.", v=cell_text(raw)))
            parsed.columns["estimated_cost"] = "estimated_cost"

    def _executors(self, parsed: ParsedRow, values: list[object]) -> None:
        if "executors" not in self.columns:
            return
        text = cell_text(self.cell_of(values, "executors"))
        found = self.lookups.executors(text)
        for unknown in found.unknown:
            message = _("Unknown agency \"%(name)s\".", name=unknown.shown)
            if unknown.suggestions:
                message += " " + _("Did you mean: %(names)s?", names="; ".join(
                    a.display_name() for a in unknown.suggestions))
            self.problem(parsed.row, "executors", message)
        parsed.read["executors"] = found
        if found.lead_id is not None and not found.unknown:
            parsed.values["lead_agency_id"] = found.lead_id
            parsed.values["coexecutor_ids"] = list(found.coexecutor_ids)
        parsed.columns["lead_agency_id"] = parsed.columns["coexecutor_ids"] = "executors"

    def _date(self, parsed: ParsedRow, values: list[object], name: str) -> date | None:
        raw = self.cell_of(values, name)
        try:
            found = parse_deadline(raw, self.year)
        except DeadlineError as exc:
            self.problem(parsed.row, name, exc.message)
            return None
        if found is None:
            return None
        if found.starts_on != found.ends_on:
            self.problem(parsed.row, name, _("Give one date here."))
            return None
        return found.starts_on

    def _schedule(self, parsed: ParsedRow, values: list[object]) -> None:
        deadline: Deadline | None = None
        if "deadline" in self.columns:
            raw = self.cell_of(values, "deadline")
            parsed.read["deadline"] = cell_text(raw)
            try:
                deadline = parse_deadline(raw, self.year)
            except DeadlineError as exc:
                self.problem(parsed.row, "deadline", exc.message)
                parsed.values["_bad_dates"] = True
        starts = self._date(parsed, values, "starts_on") if "starts_on" in self.columns else None
        ends = self._date(parsed, values, "ends_on") if "ends_on" in self.columns else None
        if deadline is None and starts is None:
            if "_bad_dates" not in parsed.values:
                self.problem(parsed.row, "deadline" if "deadline" in self.columns else None,
                             _("The event has no deadline."))
            parsed.values["_bad_dates"] = True
            return
        starts_on = starts or deadline.starts_on
        ends_on = ends or (deadline.ends_on if deadline and not starts else starts_on)
        term = deadline.term if deadline else None
        if term and len(term) > TEXT_LIMITS["term"]:
            self.problem(parsed.row, "deadline", _("At most %(n)d characters.",
                                                   n=TEXT_LIMITS["term"]))
        dates_from = "starts_on" if starts else "deadline"
        parsed.values.update(starts_on=starts_on, ends_on=ends_on, term=term)
        parsed.columns.update(starts_on=dates_from, ends_on="ends_on" if ends else dates_from,
                              term="deadline")

    def _choices(self, parsed: ParsedRow, values: list[object]) -> None:
        row = parsed.row
        for name, lookup, message in (
                ("category", self.lookups.category, _l("Unknown category \"%(v)s\".")),
                ("format", self.lookups.format, _l("Unknown format \"%(v)s\".")),
                ("region", self.lookups.region, _l("Unknown region \"%(v)s\"."))):
            text = cell_text(self.cell_of(values, name)) if name in self.columns else ""
            key = "region_id" if name == "region" else name
            if name in self.columns:
                parsed.columns[key] = name
            if name == "region" and name in self.columns:
                parsed.values[key] = None  # an empty region cell clears the region
            if text:
                found = lookup(text)
                if found is None:
                    self.problem(row, name, str(message) % {"v": text})
                parsed.values[key] = found
        section = None
        text = cell_text(self.cell_of(values, "section")) if "section" in self.columns else ""
        if text:
            section = self.lookups.section(text)
            if section is None:
                self.problem(row, "section", _("Unknown block or section \"%(v)s\".", v=text))
                return
            parsed.columns["section_id"] = "section"
        elif self.heading is not None:
            section = self.heading
            parsed.columns["section_id"] = parsed.columns.get("starts_on", "deadline")
        else:
            starts, ends = parsed.values.get("starts_on"), parsed.values.get("ends_on")
            if starts and ends and (starts.year, starts.month) == (ends.year, ends.month):
                section = self.lookups.block(starts.month)
            section = section or self.lookups.general()
            parsed.values["_section_guessed"] = True
            parsed.columns["section_id"] = parsed.columns.get("starts_on", "deadline")
        if section is not None:
            parsed.values["section_id"] = section.id
            self._beyond_block(parsed, section)

    def _beyond_block(self, parsed: ParsedRow, section) -> None:
        """A row of a month's block whose term spans more months: a warning, not a refusal
        (the event services refuse only a term that misses the month altogether)."""
        starts, ends = parsed.values.get("starts_on"), parsed.values.get("ends_on")
        if section.month is None or starts is None or ends is None:
            return
        if (starts.month, starts.year) == (ends.month, ends.year) == (section.month,
                                                                       starts.year):
            return
        if not events.touches_month(starts, ends, section.month):
            return
        parsed.read["beyond_block"] = True
        self.problem(parsed.row, "deadline" if "deadline" in self.columns else None, _(
            "The term \"%(t)s\" reaches beyond the month of its block (%(b)s); the event "
            "stays in that block with the dates as written.",
            t=parsed.values.get("term") or format_range(starts, ends),
            b=section.display_name()), "warning")


def parse_table(plan: Plan, sheets: list[Sheet]) -> ParsedTable:
    sheet, header_at, columns = find_header(sheets)
    return RowReader(plan, Lookups(plan), sheet, header_at, columns).read()

