"""Plans in and out of spreadsheets: round trip, tables as people write them, refusals."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from eventplan.extensions import db
from eventplan.models import Agency, AuditEntry, Event, Plan, Programme, User
from eventplan.services import plan_io, plans
from eventplan.services.demo import load_demo
from eventplan.services.errors import ValidationError
from tests.functional.plan_io_helpers import KK_HEADER, sheet_values, xlsx


def count_events(plan: Plan) -> int:
    return db.session.scalar(select(func.count(Event.id)).where(Event.plan_id == plan.id))


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()
    programme = db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))
    hq_agency = db.session.scalar(select(Agency).where(Agency.code == "HQ"))
    republican = db.session.scalar(select(Plan).where(Plan.agency_id == hq_agency.id))
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    return programme, republican, admin


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_round_trip_of_the_demo_republican_plan_gives_the_same_values(demo, lang):
    programme, republican, admin = demo
    first = plan_io.export_plan(republican, lang)
    misd = db.session.scalar(select(Agency).where(Agency.code == "MISD"))
    draft = plans.create_plan(programme, misd, admin)
    preview = plan_io.preview_import(draft, admin, first, "plan.xlsx")
    assert preview.errors == []
    assert preview.count("create") == count_events(republican) and preview.count("change") == 0
    plan_io.commit_import(draft, admin, first, "plan.xlsx")
    db.session.commit()
    second = plan_io.export_plan(draft, lang)
    before, after = sheet_values(first), sheet_values(second)
    assert before[1:] == after[1:]  # the title line names the plan's agency
    assert len(before) > count_events(republican)

    again = plan_io.preview_import(draft, admin, second, "plan.xlsx")
    assert again.errors == [] and {a.kind for a in again.actions} == {"unchanged"}


# Tables as people write them, into the Pavlodar draft of the test world ---------------------

def import_into(world, rows, merges=(), user="coordinator", plan="pavlodar", name="plan.xlsx",
                content=None):
    content = content if content is not None else xlsx(rows, merges)
    return plan_io.preview_import(world.plans[plan], world.users[user], content, name)


def event(plan, number) -> Event:
    return db.session.scalar(select(Event).where(Event.plan_id == plan.id,
                                                 Event.number == number))


def test_kazakh_headers_with_russian_deadlines_month_headings_and_coexecutors(world):
    rows = [
        ["Павлодар облысының іс-шаралар жоспары"],
        KK_HEADER,
        [1, 2, 3, 4, 5, 6, 7],
        [7, "Көрме «Тәуелсіздік жолы»", None, "Мәдениет және спорт министрлігі", "IV тоқсан",
         None, None],
        ["ҚАҢТАР"],
        [5, "Жаңа жыл концерті", "Ақпарат", "Мәдениет және спорт министрлігі,\nAkimat of "
         "Akmola Region", "январь", 1500, "жергілікті бюджет"],
        ["АҚПАН «Спорттық ұлт»"],
        [6, "Спорт күні", None, "MCS; Акмолинская область", "16-17 февраля", "—", None],
    ]
    plan = world.plans["pavlodar"]
    preview = import_into(world, rows, merges=("A5:G5", "A7:G7"))
    assert preview.errors == [] and preview.count("create") == 3
    assert preview.untouched == 1  # the draft's own event 1 is not in the file
    plan_io.commit_import(plan, world.users["coordinator"], xlsx(rows, ("A5:G5", "A7:G7")),
                          "plan.xlsx")
    db.session.commit()
    mcs, akmola = world.agencies["MCS"], world.agencies["AKIMAT_AKMOLA"]
    concert = event(plan, "5")
    assert concert.title_kk == "Жаңа жыл концерті" and concert.title_ru is None
    assert concert.section == world.sections[1] and concert.term == "январь"
    assert (concert.starts_on, concert.ends_on) == (date(2021, 1, 1), date(2021, 1, 31))
    assert concert.lead_agency == mcs and concert.coexecutors == [akmola]
    assert concert.estimated_cost == 1_500_000  # the header says thousand tenge
    assert concert.funding_source == "жергілікті бюджет" and concert.completion_form == "Ақпарат"
    sports = event(plan, "6")
    assert sports.section == world.sections[2] and sports.coexecutors == [akmola]
    assert (sports.starts_on, sports.ends_on) == (date(2021, 2, 16), date(2021, 2, 17))
    assert sports.estimated_cost is None
    fair = event(plan, "7")
    assert (fair.starts_on, fair.ends_on, fair.term) == (date(2021, 10, 1),
                                                          date(2021, 12, 31), "IV тоқсан")
    assert fair.section == world.general  # a quarter spans months: a general section
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.import"))


def test_an_unknown_agency_is_flagged_with_suggestions_and_nothing_is_written(world):
    plan = world.plans["pavlodar"]
    rows = [KK_HEADER, [2, "Концерт", None, "MCS, Ministry of Culture and Sport", "март", None,
                        None]]
    preview = import_into(world, rows)
    (problem,) = preview.errors
    assert problem.row == 2 and problem.column == "D (Жауапты орындаушылар)"
    assert "Ministry of Culture and Sport" in problem.message
    assert "Did you mean: Ministry of Culture and Sports" in problem.message
    with pytest.raises(plan_io.ImportRefused):
        plan_io.commit_import(plan, world.users["coordinator"], xlsx(rows), "plan.xlsx")
    db.session.rollback()
    assert count_events(plan) == 1


def test_an_impossible_date_is_an_error_with_row_and_column(world):
    rows = [KK_HEADER, [2, "Концерт", None, "MCS", "16.12.2021", None, None],
            [3, "Форум", None, "MCS", "31.02.2021", None, None]]
    preview = import_into(world, rows)
    (problem,) = preview.errors
    assert (problem.row, problem.column) == (3, "E (Срок исполнения)")
    assert "31.02.2021" in problem.message


def test_a_date_outside_the_programme_is_reported_on_its_row(world):
    preview = import_into(world, [KK_HEADER, [2, "Концерт", None, "MCS", "16.12.2023", None,
                                              None]])
    (problem,) = preview.errors
    assert problem.row == 2 and "programme period" in problem.message


def test_dates_as_numbers_and_as_text_cells(world):
    rows = [["No.", "Event", "Deadline", "Planned start", "Planned end"],
            [2, "Forum", 44546, None, None],
            [3, "Fair", None, "05.03.2021", date(2021, 3, 7)]]
    preview = import_into(world, rows)
    assert preview.errors == []
    forum, fair = preview.actions
    assert forum.data.starts_on == date(2021, 12, 16) and forum.data.term is None
    assert forum.data.title_en == "Forum" and forum.data.lead_agency_id == \
        world.plans["pavlodar"].agency_id
    assert (fair.data.starts_on, fair.data.ends_on) == (date(2021, 3, 5), date(2021, 3, 7))
    assert fair.data.section_id == world.sections[3].id


def test_merged_executor_cell_applies_to_every_row_it_covers(world):
    rows = [KK_HEADER, [2, "Концерт", None, "MCS", "март", None, None],
            [3, "Көрме", None, None, "сәуір", None, None]]
    preview = import_into(world, rows, merges=("D2:D3",))
    assert preview.errors == []
    assert {a.data.lead_agency_id for a in preview.actions} == {world.agencies["MCS"].id}


def test_reimporting_the_same_file_changes_nothing(world):
    plan, user = world.plans["pavlodar"], world.users["coordinator"]
    content = xlsx([KK_HEADER, [1, "Pavlodar concert", None, "Akimat of Pavlodar Region",
                                "10.03.2021", None, None],
                    [2, "Көрме", None, "MCS", "сәуір", 10, None]])
    first = plan_io.commit_import(plan, user, content, "p.xlsx")
    assert (first.count("create"), first.count("unchanged")) == (1, 1)
    db.session.commit()
    versions = {e.number: e.version for e in plan.events}
    audit_count = db.session.scalar(select(func.count(AuditEntry.id)))
    second = plan_io.commit_import(plan, user, content, "p.xlsx")
    db.session.commit()
    assert {a.kind for a in second.actions} == {"unchanged"}
    assert {e.number: e.version for e in plan.events} == versions
    assert db.session.scalar(select(func.count(AuditEntry.id))) == audit_count


def test_a_changed_row_updates_the_event_matched_by_number(world):
    plan, user = world.plans["pavlodar"], world.users["coordinator"]
    content = xlsx([["№", "Мероприятие", "Срок"], [1, "Концерт в Павлодаре", "11.03.2021"]])
    preview = plan_io.commit_import(plan, user, content, "p.csv.xlsx")
    db.session.commit()
    (action,) = preview.actions
    assert action.kind == "change" and set(action.changes) == {"title_ru", "starts_on",
                                                               "ends_on"}
    concert = world.events["pavlodar_draft"]
    assert concert.title_ru == "Концерт в Павлодаре" and concert.starts_on == date(2021, 3, 11)


def test_a_plan_in_amendment_gets_staged_changes_not_new_events(world):
    from eventplan.services import amendments

    plan, user = world.plans["akmola"], world.users["other_coordinator"]
    plans.open_amendment(plan, user)
    content = xlsx([["№", "Event", "Responsible executors", "Deadline"],
                    [1, "Akmola fair, extended", "Akimat of Akmola Region", "12.03.2021"],
                    [2, "Akmola concert", "Akimat of Akmola Region", "апрель"]])
    plan_io.commit_import(plan, user, content, "akmola.xlsx")
    db.session.commit()
    staged = amendments.staged(plan)
    assert sorted(c.action for c in staged) == ["add", "change"]
    assert count_events(plan) == 1
    assert world.events["akmola_fair"].title_en is None  # the plan in force is untouched
    again = plan_io.preview_import(plan, user, content, "akmola.xlsx")
    assert {a.kind for a in again.actions} == {"unchanged"}


def test_a_submitted_or_approved_plan_is_refused_with_a_reason(world):
    content = xlsx([KK_HEADER, [2, "Концерт", None, "MCS", "март", None, None]])
    with pytest.raises(plan_io.PlanClosed, match="Open an amendment"):
        plan_io.preview_import(world.plans["akmola"], world.users["other_coordinator"],
                               content, "x.xlsx")
    plan = world.plans["pavlodar"]
    plans.submit(plan, world.users["coordinator"])
    with pytest.raises(plan_io.PlanClosed, match="headquarters"):
        plan_io.preview_import(plan, world.users["coordinator"], content, "x.xlsx")


@pytest.mark.parametrize("role", ["viewer", "other_coordinator", "hq"])
def test_wrong_role_is_refused(world, role):
    from eventplan.services.errors import NotAllowed

    content = xlsx([KK_HEADER, [2, "Концерт", None, "MCS", "март", None, None]])
    with pytest.raises(NotAllowed):
        plan_io.preview_import(world.plans["pavlodar"], world.users[role], content, "x.xlsx")


def test_csv_with_semicolons_and_a_bom(world):
    text = "№;Наименование мероприятия;Ответственные исполнители;Срок исполнения\r\n" \
           "2;\"Концерт; гала\";MCS;II квартал\r\n"
    preview = import_into(world, None, content=codecs_bom(text), name="plan.csv")
    assert preview.errors == []
    (action,) = preview.actions
    assert action.data.title_ru == "Концерт; гала" and action.data.term == "II квартал"
    windows = text.encode("cp1251")  # Excel's CSV on a Russian Windows
    assert import_into(world, None, content=windows, name="plan.csv").errors == []


def codecs_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


# Bad files -------------------------------------------------------------------------------

def bad(world, content, name="plan.xlsx", **limits):
    with pytest.raises(plan_io.BadFile) as info:
        plan_io.preview_import(world.plans["pavlodar"], world.users["coordinator"], content,
                               name, **limits)
    return info.value.message


def test_bad_files_get_clear_messages(world):
    assert "not a spreadsheet" in bad(world, b"%PDF-1.4 a document", "plan.pdf")
    assert "password-protected" in bad(world, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "damaged" in bad(world, b"PK\x03\x04 this is not really a zip")
    assert "damaged" in bad(world, b"just text", "plan.xlsx")
    assert "empty" in bad(world, b"", "plan.xlsx")
    assert "larger than 30 MB" in bad(world, b"x" * (30 * 1024 * 1024 + 1))
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "Word document" in bad(world, docx.getvalue(), "plan.docx")


def test_a_sheet_without_header_or_without_rows_is_refused(world):
    assert "empty" in bad(world, xlsx([]))
    assert "No recognisable header" in bad(world, xlsx([["a", "b"], [1, 2]]))
    assert "no events" in bad(world, xlsx([KK_HEADER]))


def test_more_than_twenty_thousand_rows_stops_early(world):
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet()
    ws.append(["№", "Event", "Deadline"])
    for n in range(1, 20_102):
        ws.append([n, "Event", "March"])
    out = io.BytesIO()
    workbook.save(out)
    assert "more than 20 000 rows" in bad(world, out.getvalue())


def test_formulas_and_error_values_are_reported_by_row_and_column(world):
    rows = [["№", "Event", "Deadline", "Estimated costs"],
            [2, "Forum", "March", "=SUM(1,2)"],
            [3, "Fair", "#REF!", None]]
    preview = import_into(world, rows)
    where = {(p.row, p.column.split()[0]): p.message for p in preview.errors}
    assert "formula" in where[(2, "D")]
    assert "#REF!" in where[(3, "C")]


# Export ----------------------------------------------------------------------------------

def test_export_keeps_formula_like_text_as_text(world):
    concert = world.events["pavlodar_draft"]
    concert.title_ru = "=HYPERLINK(\"http://evil\")"
    concert.funding_source = "+7 budget"
    db.session.commit()
    content = plan_io.export_plan(world.plans["pavlodar"], "en")
    ws = load_workbook(io.BytesIO(content)).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value}
    assert cells["=HYPERLINK(\"http://evil\")"].data_type == "s"
    assert cells["+7 budget"].data_type == "s"
    assert ws.freeze_panes == "B4"
    values = sheet_values(content)
    assert values[2][:5] == ("No.", "Event", "Form of completion", "Responsible executors",
                             "Deadline")
    assert values[3][0].startswith("MARCH")  # the block's heading row


def test_commit_refuses_a_row_the_event_rules_reject_and_writes_nothing(world):
    plan = world.plans["pavlodar"]
    content = xlsx([KK_HEADER, [2, "Концерт", None, "MCS", "март", None, None],
                    [3, "Форум", None, "MCS", "16.12.2023", None, None]])
    with pytest.raises(ValidationError, match="Row 3"):
        plan_io.commit_import(plan, world.users["coordinator"], content, "x.xlsx")
    db.session.rollback()
    assert count_events(plan) == 1


def test_numbered_section_rows_and_one_cell_headings_are_headings_not_events(world):
    rows = [["№", "Наименование мероприятия", "Ответственные\nисполнители", "Срок"],
            ["I", "Организационные мероприятия", None, None],
            ["1.1", "Совещание", "MCS", "в течение года"],
            ["НАУРЫЗ"],
            ["1.2", "Концерт", "MCS", "21 марта"]]
    preview = import_into(world, rows, merges=("B2:D2",))
    assert preview.errors == [] and preview.warnings == []
    meeting, concert = preview.actions
    assert meeting.data.section_id == world.general.id and meeting.number == "1.1"
    assert concert.data.section_id == world.sections[3].id
    assert concert.data.starts_on == date(2021, 3, 21)


def test_an_unrecognised_heading_is_a_warning_that_does_not_block(world):
    rows = [["№", "Event", "Deadline"], ["Miscellaneous"], [2, "Forum", "May"]]
    preview = import_into(world, rows)
    assert preview.errors == [] and len(preview.warnings) == 1
    assert preview.warnings[0].row == 2 and preview.count("create") == 1
