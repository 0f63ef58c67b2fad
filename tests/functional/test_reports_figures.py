"""The aggregates, on a fixture computed by hand (tests/functional/reports_fixture.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from eventplan.services import reports
from eventplan.services.errors import ValidationError
from eventplan.services.reports import checks as stats_checks
from eventplan.services.reports import params
from eventplan.services.reports.narrative import narrative, period_phrase
from tests.functional.reports_fixture import AS_OF, OUTPUTS, TOTALS, add_reports

YEAR = reports.Period(date(2021, 1, 1), date(2021, 12, 31), AS_OF)


@pytest.fixture
def events(world):
    return add_reports(world)


def rows(result, name):
    return {row.key: row.values for row in result.breakdowns[name]}


def test_totals_count_plans_in_force_and_accepted_reports_only(world, events):
    result = reports.summary(world.programme, YEAR, reports.Scope())
    assert result.totals.values == TOTALS
    assert result.outputs == OUTPUTS
    assert result.programme_totals is None


def test_breakdowns_by_region_agency_level_and_block(world, events):
    result = reports.summary(world.programme, YEAR, reports.Scope())
    region = rows(result, "region")
    pav, akm = world.regions["PAVLODAR"].id, world.regions["AKMOLA"].id
    assert {k: (v["planned"], v["held"], v["due"], v["overdue"], v["postponed"],
                v["cancelled"]) for k, v in region.items()} == {
        None: (2, 1, 1, 0, 0, 0), pav: (2, 1, 0, 0, 1, 0), akm: (3, 0, 0, 1, 0, 1)}
    assert (region[None]["reports"], region[None]["participants"], region[None]["media"]) == \
        (2, 1200, 147)
    assert (region[pav]["participants"], region[pav]["media"]) == (5000, 57)
    assert region[akm]["reports"] == 0
    assert result.breakdowns["region"][-1].key is None  # "not set" comes last
    agency = rows(result, "agency")
    mcs, hq, akmola = (world.agencies[c].id for c in ("MCS", "HQ", "AKIMAT_AKMOLA"))
    assert (agency[mcs]["planned"], agency[mcs]["held"], agency[mcs]["participants"],
            agency[mcs]["media"]) == (3, 2, 6000, 194)
    assert (agency[hq]["planned"], agency[hq]["due"], agency[hq]["reports"]) == (1, 1, 0)
    assert (agency[akmola]["planned"], agency[akmola]["overdue"], agency[akmola]["media"]) == \
        (3, 1, 10)
    level = rows(result, "level")
    assert (level["republican"]["planned"], level["regional"]["planned"]) == (4, 3)
    block = rows(result, "block")
    assert {world.sections[m].id: block[world.sections[m].id]["planned"] for m in (3, 4, 5, 6)} \
        == {world.sections[3].id: 4, world.sections[4].id: 1, world.sections[5].id: 1,
            world.sections[6].id: 1}
    month = rows(result, "month")
    assert {k: v["planned"] for k, v in month.items()} == {3: 4, 4: 1, 5: 1, 6: 1}
    category = rows(result, "category")
    assert category["international"]["due"] == 1 and category["cultural"]["planned"] == 6
    for name in reports.BREAKDOWNS:  # every breakdown adds up to the totals
        for measure in ("planned", "held", "due", "overdue", "participants", "media"):
            assert sum(v[measure] for v in rows(result, name).values()) == TOTALS[measure]
    assert result.grid[(3, akm)] == {"planned": 2, "held": 0}


def test_the_period_selects_events_by_their_first_planned_day(world, events):
    march = reports.Period(date(2021, 3, 1), date(2021, 3, 31), AS_OF)
    values = reports.totals(world.programme, march, reports.Scope()).values
    assert (values["planned"], values["held"], values["overdue"], values["media"]) == \
        (4, 2, 1, 204)


def test_due_and_overdue_follow_the_as_of_date(world, events):
    early = reports.Period(YEAR.start, YEAR.end, date(2021, 3, 5))  # exhibition just due
    values = reports.totals(world.programme, early, reports.Scope()).values
    assert (values["due"], values["overdue"]) == (1, 0)


def test_a_coordinator_sees_their_agency_and_the_programme_totals(world, events):
    user = world.users["other_coordinator"]
    result = reports.summary(world.programme, YEAR, reports.Scope.for_user(user))
    v = result.totals.values
    assert (v["planned"], v["held"], v["overdue"], v["cancelled"]) == (4, 1, 1, 1)
    assert (v["reports"], v["participants"], v["media"]) == (1, 200, 10)
    assert result.programme_totals.values == TOTALS
    assert reports.Scope.for_user(world.users["hq"]).agency_id is None
    pavlodar = reports.totals(world.programme, YEAR,
                            reports.Scope.for_user(world.users["coordinator"])).values
    assert pavlodar["planned"] == 0 and pavlodar["media"] == 0


def test_events_behind_a_number_are_the_ones_counted(world, events):
    def listed(**args):
        filters = params.parse_filters(args)
        stmt = params.events_statement(world.programme, YEAR, reports.Scope(), filters)
        from eventplan.extensions import db
        return {e.title for e in db.session.scalars(stmt)}

    assert listed(measure="overdue") == {"Akmola exhibition"}
    assert listed(measure="due") == {"Young scientists forum"}
    assert listed(measure="held", region="none") == {"Turkic summit in Turkestan"}
    assert listed(measure="reported", reporter=str(world.agencies["AKIMAT_AKMOLA"].id)) == \
        {"Turkic summit in Turkestan"}
    assert len(listed()) == TOTALS["planned"]
    assert listed(level="regional", month="6") == {"Akmola concert"}


@pytest.mark.parametrize(("args", "field"), [
    ({"from": "2021-13-01"}, "from"), ({"to": "yesterday"}, "to"),
    ({"from": "2021-06-01", "to": "2021-01-01"}, "from"), ({"as_of": "1/2/2021"}, "as_of"),
])
def test_bad_period_arguments_are_refused_with_the_field(world, args, field):
    with pytest.raises(ValidationError) as caught:
        params.parse_period(args, world.programme)
    assert caught.value.field == field


@pytest.mark.parametrize("args", [{"region": "x"}, {"month": "13"}, {"category": "zzz"},
                                  {"measure": "everything"}, {"level": "galactic"},
                                  {"output": "x" * 201}])
def test_bad_filters_are_refused(args):
    with pytest.raises(ValidationError):
        params.parse_filters(args)


def test_consistency_warnings(world, events):
    found = stats_checks.checks(world.programme, YEAR, reports.Scope())
    assert [(r.event.title, parts, stated) for r, parts, stated in found.mismatched] == \
        [("Turkic summit in Turkestan", 10, 12)]
    assert [(e.title, held, month) for e, held, month in found.off_month] == \
        [("Nauryz celebrations", date(2021, 4, 2), 3)]
    assert [e.title for e in found.long_overdue] == ["Akmola exhibition"]
    assert (found.mismatched_count, found.off_month_count, found.long_overdue_count) == (1, 1, 1)
    scoped = stats_checks.checks(world.programme, YEAR, reports.Scope(world.agencies["MCS"].id))
    assert scoped.mismatched_count == 0 and scoped.long_overdue_count == 0


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["From 1 January to 31 December 2021, 2 events were held out of 7 planned.",
            "204 media materials were published, of them 14 TV stories, 2 radio pieces, "
            "9 print articles, 20 internet materials, and 159 social-media posts.",
            "gathered 6,200 participants", "1,500,000.50 tenge reached 40 beneficiaries"]),
    ("ru", ["С 1 января по 31 декабря 2021 года проведено 2 мероприятия из 7 запланированных.",
            " Опубликовано 204 материала СМИ, из них 14 телесюжетов"]),
    ("kk", ["2021 жылғы 1 қаңтар – 31 желтоқсан аралығында",
            " 204 БАҚ материалы жарияланды, оның ішінде 14 телесюжет"]),
])
def test_narrative_states_the_headline_figures(app, world, events, lang, expected):
    with app.test_request_context("/"):
        text = narrative(reports.summary(world.programme, YEAR, reports.Scope()), lang)
    for part in expected:
        assert part in text
    assert Decimal("1500000.50") == TOTALS["charity_amount"]


def test_each_breakdown_function_matches_the_summary(world, events):
    result = reports.summary(world.programme, YEAR, reports.Scope())
    functions = {"block": reports.by_block, "month": reports.by_month, "region": reports.by_region,
                 "agency": reports.by_agency, "category": reports.by_category,
                 "level": reports.by_level}
    for name, function in functions.items():
        alone = function(world.programme, YEAR, reports.Scope())
        assert [(r.key, r.label, r.values) for r in alone] == \
            [(r.key, r.label, r.values) for r in result.breakdowns[name]]
    assert reports.month_region_grid(world.programme, YEAR, reports.Scope()) == result.grid
    assert reports.totals(world.programme, YEAR, reports.Scope()).values == TOTALS


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "From 1 December 2020 to 22 June 2021"),
    ("ru", "С 1 декабря 2020 года по 22 июня 2021 года"),
    ("kk", "2020 жылғы 1 желтоқсан – 2021 жылғы 22 маусым аралығында"),
])
def test_a_period_across_years_names_both_years(app, lang, expected):
    with app.test_request_context("/"), force_locale(lang):
        assert period_phrase(date(2020, 12, 1), date(2021, 6, 22)) == expected
