"""Plan tables as akimats and ministries circulate them (issue 17), in Russian and Kazakh:
title rows, the column-number row, merged month headings, collective executors, cities under
their 2021 names, rows spanning several months, and the notes block with its abbreviations."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Agency, Event, Plan, Programme, Section, User
from eventplan.services import plan_io, plans
from eventplan.services.demo import load_demo
from eventplan.services.errors import ValidationError
from eventplan.services.plan_io.described import describe
from tests.functional.plan_io_helpers import xlsx

RU_HEADER = ["№ п/п", "Наименование мероприятия", "Форма завершения",
             "Ответственные исполнители", "Срок исполнения",
             "Предполагаемые расходы (тыс. тенге)", "Источники финансирования"]
KK_HEADER = ["№", "Іс-шараның атауы", "Аяқтау нысаны", "Жауапты орындаушылар",
             "Орындау мерзімі", "Болжамды шығыстар (мың теңге)", "Қаржыландыру көздері"]
RU_TABLE = [
    ["План мероприятий Министерства информации и общественного развития Республики "
     "Казахстан по празднованию 30-летия Независимости"],
    ["(утверждён приказом Министра от 10 февраля 2021 года № 45)"],
    RU_HEADER,
    [1, 2, 3, 4, 5, 6, 7],
    ["Январь"],
    [1, "Республиканский флешмоб «Тәуелсіздік толқыны»", "информация в МИОР",
     "акиматы областей, городов Нур-Султана, Алматы и Шымкента", "январь", None,
     "не требуется"],
    [2, "Форум молодёжи столицы", "информация в МИОР", "МИОР, акимат города Нур-Султана",
     "15 января", 1500, "республиканский бюджет"],
    ["Декабрь"],
    [3, "Эстафета «30 лет Независимости»", "информация в Правительство",
     "МКС, акиматы областей и городов республиканского значения, заинтересованные "
     "государственные органы", "июль–декабрь", 2500.5, "местный бюджет"],
    [4, "Выставка цифровых проектов", "отчёт", "МЦР, Астана қаласының әкімдігі", "IV квартал",
     None, None],
    ["Примечание: расшифровка аббревиатур:"],
    ["МИОР – Министерство информации и общественного развития Республики Казахстан;"],
    ["МЦР – Министерство цифрового развития, инноваций и аэрокосмической промышленности "
     "РК;"],
    ["МКС – Министерство культуры и спорта РК."],
]
RU_MERGES = ("A5:G5", "A8:G8", "A11:G11", "A12:G12", "A13:G13", "A14:G14")
KK_TABLE = [
    ["Түркістан облысы әкімдігінің Тәуелсіздіктің 30 жылдығын мерекелеу жөніндегі "
     "іс-шаралар жоспары"],
    KK_HEADER,
    [1, 2, 3, 4, 5, 6, 7],
    ["НАУРЫЗ «Қазақстанның ұлттық дәстүрлері мен мәдениеті»"],
    [1, "Наурыз мерекесі", "ақпарат",
     "облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері", "наурыз", 2000,
     "жергілікті бюджет"],
    [2, "Елорда жастарының форумы", "ақпарат", "Нұр-Сұлтан қаласының әкімдігі, АҚДМ",
     "21-22 наурыз", None, None],
    ["ЖЕЛТОҚСАН"],
    [3, "«Тәуелсіздік ұрпақтары» акциясы", "есеп", "ЖАО, мүдделі мемлекеттік органдар",
     "шілде-желтоқсан", None, "демеушілік қаражат"],
    [4, "Цифрлық жобалар көрмесі", "есеп", "Түркістан облысы әкімдігі, ЦДМ (келісім бойынша)",
     "IV тоқсан", 350, "жергілікті бюджет"],
    ["Ескертпе: аббревиатуралардың толық жазылуы:\nАҚДМ – Қазақстан Республикасының Ақпарат "
     "және қоғамдық даму министрлігі;\nЦДМ – Цифрлық даму, инновациялар және аэроғарыш "
     "өнеркәсібі министрлігі."],
]
KK_MERGES = ("A4:G4", "A7:G7", "A10:G10")


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()
    programme = db.session.scalar(select(Programme).where(Programme.slug == "independence-30"))
    admin = db.session.scalar(select(User).where(User.role == "admin"))
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}
    return programme, admin, agencies


def draft(demo, code: str) -> Plan:
    programme, admin, agencies = demo
    return plans.create_plan(programme, agencies[code], admin)


def by_number(plan: Plan) -> dict[str, Event]:
    return {e.number: e for e in db.session.scalars(select(Event).where(Event.plan_id ==
                                                                       plan.id))}


def akimats(agencies, kinds=("region", "city")) -> set[int]:
    valid = [a for a in agencies.values() if a.kind == "akimat" and a.region.kind in kinds
             and a.region.valid_on(date(2021, 1, 1))]
    return {a.id for a in valid}


def test_a_russian_ministry_table_with_collective_executors_and_a_legend(demo):
    _programme, admin, agencies = demo
    plan = draft(demo, "MISD")
    content = xlsx(RU_TABLE, RU_MERGES)
    preview = plan_io.preview_import(plan, admin, content, "miсd.xlsx")
    assert preview.errors == [] and preview.count("create") == 4
    assert preview.legend["МЦР"].startswith("Министерство цифрового развития")
    warnings = {(p.row, p.message.split("\"")[1]) for p in preview.warnings}
    assert warnings == {(9, "июль–декабрь"), (10, "IV квартал")}  # nothing about the notes
    plan_io.commit_import(plan, admin, content, "misd.xlsx")
    db.session.commit()
    events = by_number(plan)
    assert len(events) == 4
    misd, mcs = agencies["MISD"], agencies["MCS"]
    nur_sultan = agencies["AKIMAT_NUR_SULTAN"]
    first = events["1"]
    assert first.lead_agency == misd  # all akimats: the plan's own agency leads
    assert {a.id for a in first.coexecutors} == akimats(agencies) and len(first.coexecutors) == 17
    assert (first.starts_on, first.ends_on, first.section.month) == (
        date(2021, 1, 1), date(2021, 1, 31), 1)
    forum = events["2"]
    assert forum.lead_agency == misd and forum.coexecutors == [nur_sultan]
    assert forum.starts_on == forum.ends_on == date(2021, 1, 15)
    assert forum.estimated_cost == 1_500_000
    relay = events["3"]
    assert relay.lead_agency == mcs and len(relay.coexecutors) == 17
    assert (relay.starts_on, relay.ends_on, relay.term) == (date(2021, 7, 1),
                                                           date(2021, 12, 31), "июль–декабрь")
    assert relay.section.month == 12  # the month heading places it in its block
    expo = events["4"]
    assert expo.lead_agency == agencies["MDDIAI"]  # "МЦР" is this file's abbreviation
    assert expo.coexecutors == [nur_sultan]  # "Астана" in 2021 is Nur-Sultan's akimat
    assert (expo.starts_on, expo.ends_on, expo.section.month) == (date(2021, 10, 1),
                                                                 date(2021, 12, 31), 12)


def test_a_kazakh_akimat_table_with_genitive_names_and_multi_month_rows(demo):
    _programme, admin, agencies = demo
    plan = draft(demo, "AKIMAT_TURKISTAN")
    content = xlsx(KK_TABLE, KK_MERGES)
    preview = plan_io.preview_import(plan, admin, content, "turkistan.xlsx")
    assert preview.errors == [] and preview.count("create") == 4
    assert [p.row for p in preview.warnings] == [8, 9]  # spans under ЖЕЛТОҚСАН
    plan_io.commit_import(plan, admin, content, "turkistan.xlsx")
    db.session.commit()
    events = by_number(plan)
    turkistan = agencies["AKIMAT_TURKISTAN"]
    nauryz = events["1"]
    assert nauryz.title_kk == "Наурыз мерекесі" and nauryz.title_ru is None
    assert nauryz.lead_agency == turkistan  # its own akimat is one of "all akimats"
    assert {a.id for a in nauryz.coexecutors} == akimats(agencies) - {turkistan.id}
    assert nauryz.section.month == 3 and nauryz.estimated_cost == 2_000_000
    youth = events["2"]
    assert youth.lead_agency == agencies["AKIMAT_NUR_SULTAN"]
    assert youth.coexecutors == [agencies["MISD"]]
    assert (youth.starts_on, youth.ends_on) == (date(2021, 3, 21), date(2021, 3, 22))
    campaign = events["3"]
    assert campaign.lead_agency == turkistan and len(campaign.coexecutors) == 16
    assert (campaign.starts_on, campaign.ends_on, campaign.section.month) == (
        date(2021, 7, 1), date(2021, 12, 31), 12)
    expo = events["4"]
    assert expo.lead_agency == turkistan and expo.coexecutors == [agencies["MDDIAI"]]
    assert expo.term == "IV тоқсан" and expo.section.month == 12


def test_collective_phrases_are_shown_as_written_in_the_preview_data(demo):
    _programme, admin, _agencies = demo
    plan = draft(demo, "MISD")
    preview = plan_io.preview_import(plan, admin, xlsx(RU_TABLE, RU_MERGES), "misd.xlsx")
    rows = {r["number"]: r for r in describe(preview, plan)["rows"]}
    relay = rows["3"]
    assert [(c["kind"], c["as_written"], c["agencies"]) for c in relay[
        "collective_executors"]] == [
        ("all_akimats", "акиматы областей и городов республиканского значения", 17),
        ("interested_bodies", "заинтересованные государственные органы", 0)]
    assert relay["lead_agency"]["code"] == "MCS" and relay["block_month"] == 12
    assert relay["deadline_as_written"] == "июль–декабрь"
    assert relay["dates"] == "01.07.2021 – 31.12.2021"
    assert relay["problems"][0]["severity"] == "warning"
    assert rows["2"]["coexecutor_codes"] == ["AKIMAT_NUR_SULTAN"]
    assert rows["2"]["cost"] == "1500000.00"


def test_a_row_outside_its_month_block_is_marked_and_stays_in_the_preview(demo):
    _programme, admin, _agencies = demo
    plan = draft(demo, "MISD")
    rows = [RU_HEADER, ["Декабрь"], [1, "Концерт", None, "МКС", "март", None, None],
            [2, "Форум", None, "МКС", "10 декабря", None, None]]
    preview = plan_io.preview_import(plan, admin, xlsx(rows, ("A2:G2",)), "x.xlsx")
    concert = next(a for a in preview.actions if a.number == "1")
    assert concert.kind == "invalid" and "in its month" in concert.problems[0].message
    assert preview.count("create") == 1
    with pytest.raises(ValidationError, match="Row 3"):
        plan_io.commit_import(plan, admin, xlsx(rows, ("A2:G2",)), "x.xlsx")
    db.session.rollback()
    assert by_number(plan) == {}


def test_the_capital_is_astana_in_a_programme_after_2022(demo):
    programme, admin, agencies = demo
    programme.starts_on, programme.ends_on = date(2026, 1, 1), date(2026, 12, 31)
    plan = draft(demo, "MISD")
    rows = [RU_HEADER, [1, "Форум", None, "МИОР, акимат города Нур-Султана", "май 2026", None,
                        None],
            [2, "Выставка", None, "акиматы областей, городов Астаны, Алматы и Шымкента",
             "июнь 2026", None, None]]
    preview = plan_io.preview_import(plan, admin, xlsx(rows), "x.xlsx")
    assert preview.errors == []
    forum, expo = preview.actions
    assert forum.data.coexecutor_ids == [agencies["AKIMAT_ASTANA"].id]
    valid = {a.id for a in agencies.values() if a.kind == "akimat"
             and a.region.valid_on(date(2026, 1, 1))}
    assert set(expo.data.coexecutor_ids) == valid and len(valid) == 20


def test_dry_run_json_shows_every_row_as_the_preview_reads_it(demo, app, tmp_path):
    _programme, _admin, agencies = demo
    plan = draft(demo, "AKIMAT_TURKISTAN")
    db.session.commit()
    path = tmp_path / "turkistan.xlsx"
    path.write_bytes(xlsx(KK_TABLE, KK_MERGES))
    result = app.test_cli_runner().invoke(args=["import-plan", str(path), "--plan",
                                                str(plan.id), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"]["create"] == 4 and data["can_import"] is True
    first, second, third, fourth = data["rows"]
    assert (first["number"], first["action"], first["starts_on"], first["ends_on"]) == (
        "1", "create", "2021-03-01", "2021-03-31")
    assert first["lead_agency"] == {"id": agencies["AKIMAT_TURKISTAN"].id,
                                    "code": "AKIMAT_TURKISTAN",
                                    "name": agencies["AKIMAT_TURKISTAN"].display_name()}
    assert len(first["coexecutor_codes"]) == 16 and first["cost"] == "2000000.00"
    assert second["coexecutor_codes"] == ["MISD"]
    assert third["term"] == "шілде-желтоқсан" and third["block_month"] == 12
    assert third["problems"][0]["severity"] == "warning"
    assert third["problems"][0]["column"] == "E (Орындау мерзімі)"
    assert fourth["coexecutor_codes"] == ["MDDIAI"]
    assert data["legend"]["АҚДМ"].startswith("Қазақстан Республикасының")
    assert by_number(plan) == {}  # a dry run writes nothing


def test_dry_run_json_lists_errors_with_severity_and_exits_non_zero(demo, app, tmp_path):
    _programme, _admin, _agencies = demo
    plan = draft(demo, "MISD")
    db.session.commit()
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([RU_HEADER, [1, "Форум", None, "Канцелярия Премьер-Министра",
                                       "31.02.2021", None, None]]))
    result = app.test_cli_runner().invoke(args=["import-plan", str(path), "--plan",
                                                str(plan.id), "--dry-run", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    (row,) = data["rows"]
    assert row["action"] == "invalid" and data["can_import"] is False
    messages = {p["column"]: p["message"] for p in row["problems"]}
    assert "Канцелярия Премьер-Министра" in messages["D (Ответственные исполнители)"]
    assert "31.02.2021" in messages["E (Срок исполнения)"]
    assert row["unknown_agencies"] == ["Канцелярия Премьер-Министра"]


def test_legend_lines_without_a_notes_heading_end_the_table_but_dashed_headings_do_not(demo):
    _programme, admin, agencies = demo
    plan = draft(demo, "MISD")
    rows = [RU_HEADER,
            ["ЯНВАРЬ – «Глобальные инициативы Казахстана»"],
            [1, "Форум", None, "МЦР", "январь", None, None],
            ["II – Информационно-имиджевая работа"],
            [2, "Брифинг", None, "МИОР", "в течение года", None, None],
            ["МЦР – Министерство цифрового развития, инноваций и аэрокосмической "
             "промышленности РК"],
            ["МИОР – Министерство информации и общественного развития РК"]]
    preview = plan_io.preview_import(plan, admin, xlsx(rows), "x.xlsx")
    assert preview.errors == [] and preview.count("create") == 2
    forum, briefing = preview.actions
    assert forum.data.lead_agency_id == agencies["MDDIAI"].id
    assert db.session.get(Section, forum.data.section_id).month == 1
    assert db.session.get(Section, briefing.data.section_id).month is None
    assert set(preview.legend) == {"МЦР", "МИОР"}


def test_district_akimats_are_kept_as_written_and_ministries_read_in_the_genitive(demo):
    _programme, admin, agencies = demo
    plan = draft(demo, "AKIMAT_TURKISTAN")
    rows = [KK_HEADER,
            [1, "Ауыл күндері", None, "аудандардың және облыстық маңызы бар қалалардың "
                                      "әкімдіктері", "қазан", None, None],
            [2, "Кітап көрмесі", None, "акиматы районов, Министерства культуры и спорта РК",
             "сентябрь", None, None],
            [3, "Жастар форумы", None, "Мәдениет және спорт министрлігінің (келісім бойынша)",
             "мамыр", None, None]]
    preview = plan_io.preview_import(plan, admin, xlsx(rows), "x.xlsx")
    assert preview.errors == [] and preview.count("create") == 3
    villages, books, youth = preview.actions
    turkistan, mcs = agencies["AKIMAT_TURKISTAN"].id, agencies["MCS"].id
    assert (villages.data.lead_agency_id, villages.data.coexecutor_ids) == (turkistan, [])
    assert villages.read["collectives"] == [
        ("district_akimats", "аудандардың және облыстық маңызы бар қалалардың әкімдіктері", 0)]
    assert (books.data.lead_agency_id, books.data.coexecutor_ids) == (mcs, [])
    assert youth.data.lead_agency_id == mcs


def test_phrases_naming_no_agency_are_stored_shown_and_exported_as_written(demo, client):
    """"заинтересованные государственные органы" is kept on the event, not silently lost: the
    event page shows it, the plan export writes it back, and re-importing changes nothing."""
    _programme, admin, _agencies = demo
    plan = draft(demo, "MISD")
    plan_io.commit_import(plan, admin, xlsx(RU_TABLE, RU_MERGES), "misd.xlsx")
    db.session.commit()
    relay = by_number(plan)["3"]
    assert relay.executors_note == "заинтересованные государственные органы"
    client.post("/auth/login", data={"email": admin.email, "password": "demo2021-admin"})
    page = client.get(f"/events/{relay.id}").get_data(as_text=True)
    assert "заинтересованные государственные органы" in page
    exported = plan_io.export_plan(plan, "ru")
    again = plan_io.preview_import(plan, admin, exported, "again.xlsx")
    assert again.errors == [] and again.count("create") == again.count("change") == 0
