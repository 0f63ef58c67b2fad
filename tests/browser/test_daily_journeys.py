"""Daily journeys of issue 16 in Chromium, driven by the labels people read (kk and ru)."""


import pytest

from eventplan.extensions import db
from eventplan.models import Agency, CompletionReport, Event, Plan, User
from tests.browser.conftest import log_in, serving
from tests.conftest import make_app
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def speaks(world, role, lang):
    world.users[role].locale = lang
    db.session.commit()


def test_moving_a_one_day_event_keeps_its_length(page, world):
    speaks(world, "coordinator", "ru")
    draft = world.events["pavlodar_draft"]  # one day, 10 March 2021
    log_in(page, "pavlodar@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/**")
    page.goto(page.base_url + f"/events/{draft.id}/edit")
    assert "событие сохраняет свою продолжительность" in page.get_by_text(
        "сохраняет свою продолжительность").inner_text()
    page.get_by_label("Дата начала").fill("2021-03-20")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url(f"**/events/{draft.id}")
    db.session.expire_all()
    moved = db.session.get(Event, draft.id)
    assert (moved.starts_on.day, moved.ends_on.day) == (20, 20)


def _log_in(page, email):
    page.goto(page.base_url + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/programmes/**")


def test_the_report_form_shows_every_mistake_at_once_in_kazakh(page, world):
    speaks(world, "other_coordinator", "kk")
    summit = world.events["summit"]  # Akmola co-executes it
    _log_in(page, "akmola@test.kz")
    page.goto(page.base_url + f"/events/{summit.id}/report")
    assert page.locator("nav[aria-label='Навигация тізбегі']").count() == 1
    why = page.get_by_label("Іс-шараның өтпеу себебі")
    page.get_by_label("Іс-шара өткізілді", exact=True).check()
    assert not why.is_visible()
    page.get_by_label("Іс-шара өткізілмеді", exact=True).check()
    assert why.is_visible()
    page.get_by_label("Іс-шара өткізілді", exact=True).check()
    assert page.get_by_label("Өткізілген күні", exact=True).input_value() == "2021-03-31"
    page.get_by_label("Қатысушылар немесе қамту").fill("көп")
    page.get_by_label("Телесюжеттер").fill("-1")
    page.get_by_role("button", name="Тексеруге жіберу").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible() and summary.locator("a").count() == 2
    # The focus moves once the page's deferred script has run: wait for it, not a fixed moment.
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'participants'", timeout=10_000)
    assert page.locator("#report-status").count() == 0  # nothing saved, no "Draft" badge
    summary.locator("a").nth(1).click()
    assert page.evaluate("location.hash") == "#media_tv"
    page.get_by_label("Қатысушылар немесе қамту").fill("1200")
    page.get_by_label("Телесюжеттер").fill("3")
    page.get_by_role("button", name="Тексеруге жіберу").click()
    page.wait_for_url("**/completion/*")
    assert "Бекітуге ұсынылды" in page.locator("#report-status").inner_text()
    db.session.expire_all()
    assert db.session.scalar(db.select(CompletionReport.status)) == "submitted"


def test_a_coordinator_creates_their_agencys_plan_from_the_agency_page(page, world):
    agency = Agency(code="MES", kind="ministry", name_ru="Министерство просвещения")
    user = User(email="edu@test.kz", role="coordinator", agency=agency, full_name="Асель",
                locale="ru")
    user.set_password(PASSWORD)
    db.session.add_all([agency, user])
    db.session.commit()
    _log_in(page, "edu@test.kz")
    page.get_by_role("link", name="Мой государственный орган").click()
    page.get_by_role("button", name="Создать план органа").click()
    page.wait_for_url("**/plans/*")
    assert "Проект" in page.locator("#plan-status").inner_text()
    db.session.expire_all()
    plan = db.session.scalar(db.select(Plan).where(Plan.agency_id == agency.id))
    assert plan is not None and plan.level == "sectoral" and plan.status == "draft"


@pytest.fixture
def unconfigured_server(app, world, database_url, tmp_path):
    """The application with no EVENTPLAN_BASE_URL, on a port that is not 5000."""
    with serving(make_app(database_url, tmp_path, BASE_URL=None)) as url:
        yield url


def test_a_feed_made_on_another_port_answers_at_the_copied_address(browser, unconfigured_server,
                                                                  world):
    speaks(world, "hq", "ru")
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.base_url = unconfigured_server
    _log_in(page, "hq@test.kz")
    page.goto(unconfigured_server + "/feeds/")
    page.get_by_role("link", name="Новая календарная подписка").click()
    page.get_by_role("button", name="Создать подписку").click()
    address = page.get_by_label("Адрес для календарных программ").input_value()
    assert address.startswith(unconfigured_server + "/feeds/")
    answer = context.request.get(address)
    assert answer.status == 200 and "BEGIN:VCALENDAR" in answer.text()
    assert unconfigured_server + "/events/" in answer.text()
    context.close()


def test_headquarters_my_tasks_offers_no_report_button(page, world):
    speaks(world, "hq", "kk")
    _log_in(page, "hq@test.kz")
    page.goto(page.base_url + "/tasks")
    fair, forum = world.events["akmola_fair"], world.events["forum"]
    row = page.locator(f"#overdue tr[data-event='{fair.id}']")
    assert "Akmola fair" in row.inner_text()  # HQ watches every agency's tasks
    assert row.get_by_role("link", name="Есеп", exact=True).count() == 0  # but reports its own
    own = page.locator(f"#overdue tr[data-event='{forum.id}']")
    assert own.get_by_role("link", name="Есеп", exact=True).count() == 1  # HQ leads the forum


def test_a_long_agency_picker_can_be_searched(page, world):
    speaks(world, "hq", "ru")
    _log_in(page, "hq@test.kz")
    page.goto(page.base_url + f"/events/{world.events['summit'].id}/edit")
    lead = page.get_by_role("combobox", name="Ответственный исполнитель")
    assert "AKIMAT_" not in lead.inner_text()  # names, not codes
    page.get_by_role("searchbox", name="Найти ведомство").first.fill("akmola")
    shown = page.evaluate("""() => [...document.querySelectorAll('#lead_agency_id option')]
        .filter(o => !o.hidden).map(o => o.text)""")
    assert "Akimat of Akmola Region" in shown and "Akimat of Pavlodar Region" not in shown
