"""A small, hand-made world for tests: one programme, a few agencies, plans, events, users."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from eventplan.extensions import db
from eventplan.models import Agency, Event, Plan, Programme, Region, Section, User

PASSWORD = "correct horse battery"
MONTH_THEMES = {
    1: "Global initiatives", 2: "Sporting nation", 3: "National traditions and culture",
    4: "Science and technology", 5: "National unity", 6: "Patriotism", 7: "Astana Day",
    8: "Rule of law", 9: "Education", 10: "Rural revival", 11: "Digital economy",
    12: "Independence",
}


@dataclass
class World:
    programme: Programme
    sections: dict[int, Section]
    general: Section
    regions: dict[str, Region]
    agencies: dict[str, Agency]
    plans: dict[str, Plan]
    events: dict[str, Event]
    users: dict[str, User] = field(default_factory=dict)


def make_event(plan: Plan, section: Section, number: str, title: str, day: date,
               lead: Agency, **extra) -> Event:
    event = Event(plan=plan, section=section, number=number, title_ru=title, category="cultural",
                  lead_agency=lead, starts_on=day, ends_on=extra.pop("ends_on", day),
                  position=int(float(number)), **extra)
    db.session.add(event)
    return event


def build_world() -> World:
    programme = Programme(slug="jubilee", name_ru="Юбилей", name_en="Jubilee",
                          starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31),
                          timezone="Asia/Almaty", is_public=True)
    general = Section(programme=programme, position=1, kind="general",
                      name_en="Organisational measures", name_ru="Организационные меры")
    sections = {
        m: Section(programme=programme, position=m + 1, kind="block", month=m,
                   name_en=theme, name_ru=theme)
        for m, theme in MONTH_THEMES.items()
    }
    regions = {
        "PAVLODAR": Region(code="PAVLODAR", name_en="Pavlodar Region",
                           name_ru="Павлодарская область"),
        "AKMOLA": Region(code="AKMOLA", name_en="Akmola Region", name_ru="Акмолинская область"),
    }
    agencies = {
        "HQ": Agency(code="HQ", kind="other", name_en="Republican headquarters"),
        "MCS": Agency(code="MCS", kind="ministry", name_en="Ministry of Culture and Sports",
                      name_kk="Мәдениет және спорт министрлігі"),
        "AKIMAT_PAVLODAR": Agency(code="AKIMAT_PAVLODAR", kind="akimat",
                                  name_en="Akimat of Pavlodar Region", region=regions["PAVLODAR"]),
        "AKIMAT_AKMOLA": Agency(code="AKIMAT_AKMOLA", kind="akimat",
                                name_en="Akimat of Akmola Region", region=regions["AKMOLA"]),
    }
    db.session.add_all([programme, *agencies.values()])
    plans = {
        "republican": Plan(programme=programme, agency=agencies["HQ"], level="republican",
                           status="approved", in_force=True, revision=1,
                           approved_act="Government Resolution No. 101",
                           approved_act_date=date(2021, 2, 2)),
        "pavlodar": Plan(programme=programme, agency=agencies["AKIMAT_PAVLODAR"],
                         level="regional", status="draft"),
        "akmola": Plan(programme=programme, agency=agencies["AKIMAT_AKMOLA"],
                       level="regional", status="approved", in_force=True, revision=1),
    }
    db.session.add_all(plans.values())
    rep = plans["republican"]
    events = {
        "summit": make_event(rep, sections[3], "1", "Turkic summit in Turkestan",
                             date(2021, 3, 31), agencies["MCS"],
                             starts_at=datetime(2021, 3, 31, 4, 0, tzinfo=UTC)),
        "nauryz": make_event(rep, sections[3], "2", "Nauryz celebrations", date(2021, 3, 21),
                             agencies["MCS"], ends_on=date(2021, 3, 23)),
        "forum": make_event(rep, sections[4], "3", "Young scientists forum", date(2021, 4, 23),
                            agencies["HQ"], format="online"),
        "pavlodar_draft": make_event(plans["pavlodar"], sections[3], "1", "Pavlodar concert",
                                     date(2021, 3, 10), agencies["AKIMAT_PAVLODAR"]),
        "akmola_fair": make_event(plans["akmola"], sections[3], "1", "Akmola fair",
                                  date(2021, 3, 12), agencies["AKIMAT_AKMOLA"]),
    }
    events["summit"].coexecutors = [agencies["AKIMAT_AKMOLA"]]
    users = {
        "admin": User(email="admin@test.kz", role="admin", full_name="Admin"),
        "hq": User(email="hq@test.kz", role="hq", agency=agencies["HQ"], full_name="HQ Staff"),
        "coordinator": User(email="pavlodar@test.kz", role="coordinator",
                            agency=agencies["AKIMAT_PAVLODAR"], full_name="Pavlodar Coordinator"),
        "other_coordinator": User(email="akmola@test.kz", role="coordinator",
                                  agency=agencies["AKIMAT_AKMOLA"], full_name="Akmola Coordinator"),
        "viewer": User(email="viewer@test.kz", role="viewer", full_name="Viewer"),
    }
    for user in users.values():
        user.set_password(PASSWORD)
    db.session.add_all(users.values())
    db.session.commit()
    return World(programme, sections, general, regions, agencies, plans, events, users)
